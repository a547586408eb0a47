/* fw-table.h: one row source over a CSV, TSV or XLSX file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FwTable FwTable;

FwTable    *fw_table_open              (const char          *path,
                                        const char          *sheet_name,
                                        GError             **error);
void        fw_table_free              (FwTable             *self);

gboolean    fw_table_next              (FwTable             *self,
                                        guint               *n_fields,
                                        const char * const **fields,
                                        GError             **error);

gboolean    fw_table_is_xlsx           (FwTable             *self);
const char *fw_table_get_display_name  (FwTable             *self);
const char *fw_table_get_encoding      (FwTable             *self);
char        fw_table_get_delimiter     (FwTable             *self);
const char *fw_table_get_sheet_name    (FwTable             *self);
guint64     fw_table_get_record_number (FwTable             *self);
double      fw_table_get_progress      (FwTable             *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwTable, fw_table_free)

G_END_DECLS
