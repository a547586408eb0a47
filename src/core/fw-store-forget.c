/* fw-store-forget.c: removing one person's answers, for data-subject
 * requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under the GDPR a respondent may ask to be forgotten.  Their answers leave
 * the responses table, their comments with them, and their share of the
 * rollup, in one transaction, so that every figure is as if they never
 * answered.  Deleted rows linger in free space, in copies that page splits
 * left behind and in the write-ahead log; secure_delete, a VACUUM and a
 * truncating checkpoint take those away too.  No backup is made first:
 * it would keep what is to be forgotten.
 */

#define G_LOG_DOMAIN "fw-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fw-store-forget.h"
#include "fw-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Runs @sql with the key as ?1 to the end. */
static gboolean
run_with_key (FwStore    *self,
              const char *sql,
              const char *respondent,
              GError    **error)
{
  sqlite3 *db = fw_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, respondent, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (FwStore    *self,
      const char *sql,
      GError    **error)
{
  int rc = sqlite3_exec (fw_store_get_db (self), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_answers (FwStore        *self,
               const char     *respondent,
               FwForgetResult *result,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (fw_store_get_db (self),
                           "SELECT count(*), count (comment), count (DISTINCT batch_id) "
                           "FROM responses WHERE respondent = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, respondent, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_ROW)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      return FALSE;
    }
  result->n_answers = sqlite3_column_int64 (stmt, 0);
  result->n_comments = sqlite3_column_int64 (stmt, 1);
  result->n_batches = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

/* Takes the answers out of the rollup, the batches' counts and the
 * responses table, in the caller's transaction.  The monthly rollup
 * follows the daily one through its triggers. */
static gboolean
remove_answers (FwStore    *self,
                const char *respondent,
                GError    **error)
{
  /* "WHERE true" lets SQLite tell the upsert's ON CONFLICT from a join. */
  return run_with_key (self,
                       "INSERT INTO rollup_daily (day, kind, unit_id, touchpoint_id, n, promoters,"
                       "                          passives, detractors, spend_n, spend_sum) "
                       "SELECT day, kind, coalesce (u.merged_into, r.unit_id, 0),"
                       "       coalesce (touchpoint_id, 0),"
                       "       -count(*), -sum (score >= 9), -sum (score BETWEEN 7 AND 8),"
                       "       -sum (score <= 6), -count (spend), -total (spend) "
                       "FROM responses r LEFT JOIN units u ON u.id = r.unit_id "
                       "WHERE r.respondent = ?1 AND true "
                       "GROUP BY 1, 2, 3, 4 "
                       "ON CONFLICT DO UPDATE SET n = n + excluded.n,"
                       "  promoters = promoters + excluded.promoters,"
                       "  passives = passives + excluded.passives,"
                       "  detractors = detractors + excluded.detractors,"
                       "  spend_n = spend_n + excluded.spend_n,"
                       "  spend_sum = spend_sum + excluded.spend_sum",
                       respondent, error)
         && exec (self, "DELETE FROM rollup_daily WHERE n <= 0", error)
         && run_with_key (self,
                          "UPDATE import_batches SET row_count = row_count"
                          " - (SELECT count(*) FROM responses r"
                          "     WHERE r.batch_id = import_batches.id AND r.respondent = ?1) "
                          "WHERE id IN (SELECT batch_id FROM responses WHERE respondent = ?1)",
                          respondent, error)
         && run_with_key (self, "DELETE FROM repeat_detractors WHERE respondent = ?1", respondent,
                          error)
         && run_with_key (self, "DELETE FROM responses WHERE respondent = ?1", respondent, error);
}

/**
 * fw_store_forget_respondent:
 * @respondent: the customer or respondent key, exactly as imported
 * @dry_run: only count
 *
 * Removes every answer with the key @respondent, comments included, and
 * recounts every figure without them; then rewrites the file and empties
 * its log so that no trace of them is left in it.  @result says how many
 * answers went, and whether the log could be emptied: another connection
 * reading at that moment keeps it until it closes.  Backups made earlier
 * still hold them; see fw_store_list_backups().
 */
gboolean
fw_store_forget_respondent (FwStore        *self,
                            const char     *respondent,
                            gboolean        dry_run,
                            FwForgetResult *result,
                            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);
  g_return_val_if_fail (respondent != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  db = fw_store_get_db (self);

  if (!dry_run && !fw_store_check_writable (self, error))
    return FALSE;
  if (!count_answers (self, respondent, result, error))
    return FALSE;
  if (dry_run || result->n_answers == 0)
    return TRUE;

  /* Deleted cells are overwritten with zeros, not merely unlinked. */
  if (!exec (self, "PRAGMA secure_delete = ON; BEGIN IMMEDIATE", error))
    return FALSE;
  if (!remove_answers (self, respondent, error) || !exec (self, "COMMIT", error))
    {
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  fw_store_emit_changed (self);

  /* Page splits of earlier writes may have left copies of the key in
   * unused parts of pages; a rebuilt file has none. */
  if (!exec (self, "VACUUM", error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      return FALSE;
    }
  /* busy = 0 and a log of 0 frames: truncated. */
  result->log_cleared = sqlite3_column_int (stmt, 0) == 0 && sqlite3_column_int (stmt, 1) == 0;
  return TRUE;
}
