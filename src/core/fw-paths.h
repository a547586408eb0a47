/* fw-paths.h: where Flywheel finds its translations, settings schemas and window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    fw_paths_is_uninstalled (void);
const char *fw_paths_localedir      (void);
void        fw_paths_init_i18n      (void);
void        fw_paths_init_schemas   (void);
const char *fw_paths_gui_module     (void);

G_END_DECLS
