/* main.c: hands the command line to Flywheel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fw-application.h"
#include "fw-cli.h"
#include "fw-paths.h"

int
main (int   argc,
      char *argv[])
{
  fw_paths_init_i18n ();
  fw_paths_init_schemas ();

  return fw_cli_main (argc, argv, fw_application_launch);
}
