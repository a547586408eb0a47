/* fw-store-import.c: the few queries the importer makes of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-store-import.h"

struct _FwIdLookup
{
  FwStore      *store;
  sqlite3_stmt *select;
  FwKind        kind;
};

/**
 * fw_store_find_import_by_sha256:
 * @imported_at: (out) (optional): when that import was made, ISO 8601 UTC
 * @source_name: (out) (optional): the file name it was made from
 *
 * Returns: the id of the batch imported from a file with this digest, 0 when
 *   none, -1 on error
 */
gint64
fw_store_find_import_by_sha256 (FwStore    *self,
                                const char *sha256,
                                char      **imported_at,
                                char      **source_name,
                                GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), -1);
  g_return_val_if_fail (sha256 != NULL, -1);

  rc = sqlite3_prepare_v2 (fw_store_get_db (self),
                           "SELECT id, imported_at, source_name FROM import_batches "
                           "WHERE sha256 = ?1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      return -1;
    }
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (imported_at != NULL)
        *imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (source_name != NULL)
        *source_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      id = -1;
    }
  sqlite3_finalize (stmt);
  return id;
}

/**
 * fw_id_lookup_new:
 *
 * Prepares the question "is this response id of @kind already stored?" once
 * for a whole import.  Asked inside the import's transaction it also sees the
 * rows added so far, which catches ids repeated within one file.
 */
FwIdLookup *
fw_id_lookup_new (FwStore *store,
                  FwKind   kind,
                  GError **error)
{
  FwIdLookup *self;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);

  rc = sqlite3_prepare_v3 (fw_store_get_db (store),
                           "SELECT 1 FROM responses WHERE kind = ?1 AND external_id = ?2",
                           -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return NULL;
    }
  self = g_new0 (FwIdLookup, 1);
  self->store = g_object_ref (store);
  self->select = stmt;
  self->kind = kind;
  sqlite3_bind_text (stmt, 1, fw_kind_to_string (kind), -1, SQLITE_STATIC);
  return self;
}

/* 1 when present, 0 when not, -1 on error. */
int
fw_id_lookup_contains (FwIdLookup *self,
                       const char *external_id,
                       GError    **error)
{
  int rc;

  sqlite3_reset (self->select);
  sqlite3_bind_text (self->select, 2, external_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (self->select);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  fw_store_set_error_from_sqlite (self->store, rc, error);
  return -1;
}

void
fw_id_lookup_free (FwIdLookup *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->select);
  g_object_unref (self->store);
  g_free (self);
}
