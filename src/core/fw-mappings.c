/* fw-mappings.c: the columns chosen for a file, remembered by its header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analyst who feeds Flywheel imports the same export every month.  What
 * was chosen for it once (which column is the score, which the unit, the
 * kind, day-month or month-day) is kept under a key made of the file's
 * layout and column names, and applied to the next file with that key
 * before anything given on the command line or in the assistant.
 */

#define G_LOG_DOMAIN "fw-mappings"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fw-mappings.h"
#include "fw-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

void
fw_mapping_clear (FwMapping *mapping)
{
  g_clear_pointer (&mapping->source_name, g_free);
  g_clear_pointer (&mapping->saved_at, g_free);
}

/**
 * fw_mappings_key:
 *
 * The key of a header: the SHA-256 of the layout and the column names, so
 * that a file whose columns were renamed, added or moved gets a key of its
 * own.
 *
 * Returns: (transfer full): the key in hex
 */
char *
fw_mappings_key (const FwDetection *detection)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *layout = fw_layout_to_string (detection->layout);

  g_checksum_update (sum, (const guchar *) layout, -1);
  for (guint i = 0; i < detection->n_columns; i++)
    {
      /* A separator no header holds keeps "a" "bc" apart from "ab" "c". */
      g_checksum_update (sum, (const guchar *) "\x1f", 1);
      g_checksum_update (sum, (const guchar *) detection->names[i], -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* "score=3,date=0" into @columns; FALSE when it does not read. */
static gboolean
parse_columns (const char *text,
               guint       n_columns,
               int        *columns)
{
  g_auto(GStrv) pairs = g_strsplit (text, ",", -1);

  for (guint r = 0; r < FW_N_ROLES; r++)
    columns[r] = -1;
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      char *end = NULL;
      gint64 column;
      FwRole role;

      if (equals == NULL)
        return FALSE;
      name = g_strndup (pairs[i], equals - pairs[i]);
      column = g_ascii_strtoll (equals + 1, &end, 10);
      if (!fw_role_from_string (name, &role) || role == FW_ROLE_NONE || *end != '\0'
          || column < 0 || column >= n_columns)
        return FALSE;
      columns[role] = (int) column;
    }
  return TRUE;
}

/**
 * fw_mappings_recall:
 * @found: (out): whether there was a mapping for the header
 *
 * Looks up what was chosen for a file with the header of @detection.  A
 * stored mapping that no longer reads is taken as none.
 *
 * Returns: %FALSE with @error set when the database could not be read
 */
gboolean
fw_mappings_recall (FwStore           *store,
                    const FwDetection *detection,
                    FwMapping         *mapping,
                    gboolean          *found,
                    GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = fw_mappings_key (detection);
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  g_return_val_if_fail (detection != NULL && mapping != NULL && found != NULL, FALSE);

  memset (mapping, 0, sizeof *mapping);
  *found = FALSE;
  rc = sqlite3_prepare_v2 (fw_store_get_db (store),
                           "SELECT columns, kind, date_order, source_name, saved_at"
                           "  FROM header_mappings WHERE header_key = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return FALSE;
    }

  if (!parse_columns ((const char *) sqlite3_column_text (stmt, 0), detection->n_columns,
                      mapping->columns)
      || !fw_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &mapping->kind))
    {
      g_warning ("Ignoring an unreadable remembered mapping");
      return TRUE;
    }
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL
      || !fw_date_order_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                     &mapping->date_order))
    mapping->date_order = FW_DATE_ORDER_UNKNOWN;
  mapping->source_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  mapping->saved_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  *found = TRUE;
  return TRUE;
}

/**
 * fw_mappings_apply:
 *
 * Gives @detection the columns and kind of @mapping.  The day order of the
 * mapping is taken only where the dates of this file leave it open: the
 * dates themselves are better evidence than what an earlier file had.
 */
void
fw_mappings_apply (FwDetection     *detection,
                   const FwMapping *mapping)
{
  g_return_if_fail (detection != NULL && mapping != NULL);

  for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
    detection->columns[r] = mapping->columns[r];
  detection->kind = mapping->kind;
  detection->kind_from_text = FALSE;
  if (detection->date_ambiguous && mapping->date_order != FW_DATE_ORDER_UNKNOWN)
    {
      detection->date_order = mapping->date_order;
      detection->date_ambiguous = FALSE;
    }
}

/**
 * fw_mappings_remember:
 *
 * Keeps what @detection now says, for the next file with its header.  Call
 * it inside the import's transaction, so that a failed import remembers
 * nothing.
 */
gboolean
fw_mappings_remember (FwStore           *store,
                      const FwDetection *detection,
                      const char        *source_name,
                      GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *key = fw_mappings_key (detection);
  g_autofree char *saved_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  g_return_val_if_fail (detection != NULL && source_name != NULL, FALSE);

  for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
    if (detection->columns[r] >= 0)
      g_string_append_printf (columns, "%s%s=%d", columns->len > 0 ? "," : "",
                              fw_role_to_string (r), detection->columns[r]);

  rc = sqlite3_prepare_v2 (fw_store_get_db (store),
                           "INSERT OR REPLACE INTO header_mappings"
                           " (header_key, columns, kind, date_order, source_name, saved_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, columns->str, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, fw_kind_to_string (detection->kind), -1, SQLITE_STATIC);
      if (detection->date_order != FW_DATE_ORDER_UNKNOWN)
        sqlite3_bind_text (stmt, 4, fw_date_order_to_string (detection->date_order), -1,
                           SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, source_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, saved_at, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
