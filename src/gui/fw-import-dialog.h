/* fw-import-dialog.h: the assistant that takes one survey export in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FW_TYPE_IMPORT_DIALOG (fw_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FwImportDialog, fw_import_dialog, FW, IMPORT_DIALOG, AdwWindow)

FwImportDialog *fw_import_dialog_new (GtkWindow  *parent,
                                      const char *database_path,
                                      GFile      *file);

G_END_DECLS
