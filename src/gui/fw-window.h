/* fw-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fw-types.h"

G_BEGIN_DECLS

#define FW_TYPE_WINDOW (fw_window_get_type ())
G_DECLARE_FINAL_TYPE (FwWindow, fw_window, FW, WINDOW, AdwApplicationWindow)

FwWindow   *fw_window_new               (FwApplication *application,
                                         const char    *database_path);
const char *fw_window_get_database_path (FwWindow      *self);
void        fw_window_refresh           (FwWindow      *self);

G_END_DECLS
