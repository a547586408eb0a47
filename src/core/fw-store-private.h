/* fw-store-private.h: the store's connection, for the rest of src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only files in src/core include this; src/gui and src/cli go through
 * fw-store.h and the query layer, never SQL.
 */

#pragma once

#include <sqlite3.h>

#include "fw-store.h"

G_BEGIN_DECLS

sqlite3 *fw_store_get_db                (FwStore *self);
void     fw_store_set_error_from_sqlite (FwStore *self,
                                         int      rc,
                                         GError **error);
void     fw_store_emit_changed          (FwStore *self);
gboolean fw_store_check_writable        (FwStore *self,
                                         GError **error);
gboolean fw_store_path_is_read_only     (const char *path);

/* fw-store-backup.c: the copies Flywheel makes before a change that
 * cannot be undone, as PATH.REASON-YYYYMMDDTHHMMSSZ.bak beside the file. */
#define FW_STORE_BACKUP_BEFORE_REMOVAL "before-removal"
#define FW_STORE_BACKUP_BEFORE_RESTORE "before-restore"

gboolean fw_store_backup_before         (FwStore    *self,
                                         const char *reason,
                                         char      **backup_path,
                                         GError    **error);

/* fw-store-repeat.c: the repeat detractors, in the caller's transaction. */
gboolean fw_store_repeat_collect        (FwStore    *self,
                                         gint64      batch_id,
                                         GError    **error);
gboolean fw_store_repeat_recount        (FwStore    *self,
                                         GError    **error);

G_END_DECLS
