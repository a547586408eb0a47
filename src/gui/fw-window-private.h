/* fw-window-private.h: what the UI tests may look at inside FwWindow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fw-window.h"

G_BEGIN_DECLS

typedef enum
{
  FW_WINDOW_TEXT_NPS_VALUE,
  FW_WINDOW_TEXT_NPS_DETAIL,
  FW_WINDOW_TEXT_ENPS_VALUE,
  FW_WINDOW_TEXT_ENPS_DETAIL,
  FW_WINDOW_TEXT_COUNT_VALUE,
  FW_WINDOW_TEXT_COUNT_DETAIL,
  FW_WINDOW_TEXT_RANGE,
  FW_WINDOW_TEXT_ERROR,
} FwWindowText;

typedef enum
{
  FW_WINDOW_BUTTON_IMPORT,
  FW_WINDOW_BUTTON_SAMPLE,
} FwWindowButton;

/* "empty", "error" or "summary" (the Overview and Imports pages) */
const char *fw_window_get_page     (FwWindow      *self);
const char *fw_window_get_text     (FwWindow      *self,
                                    FwWindowText   which);
GtkWidget  *fw_window_get_button   (FwWindow      *self,
                                    FwWindowButton which);
gboolean    fw_window_is_loading   (FwWindow      *self);
/* The batch the last import's toast would undo, or 0. */
gint64      fw_window_get_last_import (FwWindow   *self);
GtkWindow  *fw_window_open_import  (FwWindow      *self,
                                    GFile         *file);

/* The page of the view switcher: "overview" or "imports". */
const char *fw_window_get_view     (FwWindow      *self);
void        fw_window_set_view     (FwWindow      *self,
                                    const char    *name);
/* The rows of the Imports page, newest first.  Each has a suffix button
 * whose action, "win.remove-import", asks in an AdwMessageDialog (responses
 * "cancel" and "remove") before it removes the batch. */
guint         fw_window_get_n_imports  (FwWindow *self);
AdwActionRow *fw_window_get_import_row (FwWindow *self,
                                        guint     index);

G_END_DECLS
