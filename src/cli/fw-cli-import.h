/* fw-cli-import.h: the inspect and import verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int fw_cli_inspect (const char *database_path,
                    int         argc,
                    char      **argv);
int fw_cli_import  (const char *database_path,
                    int         argc,
                    char      **argv);

G_END_DECLS
