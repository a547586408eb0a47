/* main.c: hands the command line to Flywheel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verbs run here without GTK; the window lives in a module of its own
 * (libflywheel-gui.so, see src/meson.build) that is loaded only when no
 * verb is given.  The module uses this executable's code, which the
 * executable exports, so there is one copy of every type.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "fw-cli.h"
#include "fw-paths.h"

static int
launch_window (const char *database_path,
               int         argc,
               char      **argv)
{
  const char *path = fw_paths_gui_module ();
  GModule *module;
  gpointer launch = NULL;

  /* Kept open for the life of the process: its types stay registered. */
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, "fw_application_launch", &launch))
    {
      g_printerr (_("The window could not be opened: %s\n"
                    "Reinstall Flywheel; the command line verbs still work (flywheel --help).\n"),
                  g_module_error ());
      return FW_EXIT_ERROR;
    }
  return ((FwLaunchFunc) launch) (database_path, argc, argv);
}

int
main (int   argc,
      char *argv[])
{
  fw_paths_init_i18n ();
  fw_paths_init_schemas ();

  return fw_cli_main (argc, argv, launch_window);
}
