/* fw-import-dialog-private.h: what the dialog's files share, and what the UI
 * tests may do inside FwImportDialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fw-detect.h"
#include "fw-import.h"
#include "fw-import-dialog.h"

G_BEGIN_DECLS

/* fw-import-dialog-text.c */
const char *fw_import_dialog_role_title        (FwRole          role);
const char *fw_import_dialog_layout_title      (FwLayout        layout);
char       *fw_import_dialog_describe_success  (FwImportResult *result);
char       *fw_import_dialog_describe_failure  (FwImportResult *result,
                                                const char     *date,
                                                const GError   *error);

/* For the UI tests */

/* TRUE while the file is read, checked or imported. */
gboolean    fw_import_dialog_is_busy         (FwImportDialog *self);
/* The column chosen for @role, or -1 for none. */
int         fw_import_dialog_get_role_column (FwImportDialog *self,
                                              FwRole          role);
void        fw_import_dialog_set_role_column (FwImportDialog *self,
                                              FwRole          role,
                                              int             column);
/* As if typed into the date row, or ticked. */
void        fw_import_dialog_set_date        (FwImportDialog *self,
                                              const char     *day);
void        fw_import_dialog_set_valid_only  (FwImportDialog *self,
                                              gboolean        valid_only);
/* Whether "Import Valid Rows Only" is offered. */
gboolean    fw_import_dialog_offers_valid_only (FwImportDialog *self);
gboolean    fw_import_dialog_can_import      (FwImportDialog *self);
const char *fw_import_dialog_get_problems    (FwImportDialog *self);
void        fw_import_dialog_import          (FwImportDialog *self);

G_END_DECLS
