/* fw-cli.h: the command line and its verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Opens the window on @database_path (never NULL); returns the exit status.
 * @argv holds the program name and whatever the command line left over. */
typedef int (*FwLaunchFunc) (const char *database_path,
                             int         argc,
                             char      **argv);

/* Exit statuses of every verb. */
enum
{
  FW_EXIT_OK    = 0,
  FW_EXIT_ERROR = 1,
  FW_EXIT_USAGE = 2,
};

int fw_cli_main (int          argc,
                 char       **argv,
                 FwLaunchFunc launch);

G_END_DECLS
