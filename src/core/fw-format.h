/* fw-format.h: numbers and dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *fw_format_nps   (double      nps);
char *fw_format_count (gint64      n);
char *fw_format_day   (const char *iso_day);

const char *fw_format_month_name (int month);

G_END_DECLS
