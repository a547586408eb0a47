/* fw-cli-report.h: the report verb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int fw_cli_report (const char *database_path,
                   int         argc,
                   char      **argv);

G_END_DECLS
