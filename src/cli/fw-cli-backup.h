/* fw-cli-backup.h: the backup, restore and forget verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int fw_cli_backup  (const char *database_path,
                    int         argc,
                    char      **argv);
int fw_cli_restore (const char *database_path,
                    int         argc,
                    char      **argv);
int fw_cli_forget  (const char *database_path,
                    int         argc,
                    char      **argv);

G_END_DECLS
