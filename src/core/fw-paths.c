/* fw-paths.c: where Flywheel finds its translations, settings schemas and window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-paths"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fw-paths.h"

/* Whether this binary runs from the build tree (./run, the tests, the
 * screenshot tool) rather than from an installed prefix. */
gboolean
fw_paths_is_uninstalled (void)
{
  static gsize once = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&once))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

      uninstalled = exe != NULL && g_str_has_prefix (exe, FW_BUILD_ROOT "/");
      g_once_init_leave (&once, 1);
    }

  return uninstalled;
}

const char *
fw_paths_localedir (void)
{
  return fw_paths_is_uninstalled () ? FW_BUILD_LOCALEDIR : LOCALEDIR;
}

void
fw_paths_init_i18n (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, fw_paths_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* From the build tree, GSettings must find the schemas compiled there unless
 * the caller chose a folder already. */
void
fw_paths_init_schemas (void)
{
  if (fw_paths_is_uninstalled ())
    g_setenv ("GSETTINGS_SCHEMA_DIR", FW_BUILD_SCHEMADIR, FALSE);
}

/* The module that holds the window (see main.c): the one built beside this
 * binary when it runs from the build tree, else the installed one. */
const char *
fw_paths_gui_module (void)
{
  return fw_paths_is_uninstalled () ? FW_BUILD_GUI_MODULE : FW_GUI_MODULE;
}
