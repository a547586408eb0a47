/* fw-cli-private.h: what the verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void fw_cli_print_error (const char     *message);
int  fw_cli_usage_error (GOptionContext *context,
                         const char     *message);
void fw_cli_json_string (GString        *out,
                         const char     *text);
char *fw_cli_format_number (double       value);
void  fw_cli_json_number   (GString     *out,
                            double       value);
void  fw_cli_read_preferences (guint     *min_group,
                               guint     *fiscal_start_month);

G_END_DECLS
