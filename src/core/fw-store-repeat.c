/* fw-store-repeat.c: the repeat detractors, kept in step with the answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A repeat detractor is a customer with two detractor answers at most
 * FW_AT_RISK_DAYS apart.  Finding them means reading every detractor answer
 * in the order of customer and day, seconds at ten million answers; the
 * board pack wants the count in milliseconds.  So repeat_detractors keeps,
 * per customer, every detractor answer that comes soon enough after the one
 * before it, with that one's day.  A customer is at risk in a range when one
 * of their rows has both days in it: the row of the later answer of any
 * pair in the range has its nearest earlier answer in the range too.
 *
 * When answers come or go, the rows of the customers they belong to are
 * counted again from their answers, in the same transaction.
 */

#define G_LOG_DOMAIN "fw-store"

#include "config.h"

#include "fw-insights.h"
#include "fw-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
run (FwStore    *self,
     const char *sql,
     gint64      batch_id,
     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (fw_store_get_db (self), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, batch_id);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      ;
  if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * fw_store_repeat_collect:
 * @batch_id: the batch whose customers are to be counted again
 *
 * Notes the customers with detractor answers in @batch_id, before those
 * answers are removed or once they are added; in the caller's transaction.
 */
gboolean
fw_store_repeat_collect (FwStore *self,
                         gint64   batch_id,
                         GError **error)
{
  return run (self,
              "CREATE TEMP TABLE IF NOT EXISTS repeat_affected"
              " (respondent TEXT PRIMARY KEY) WITHOUT ROWID",
              0, error)
         && run (self, "DELETE FROM temp.repeat_affected", 0, error)
         && run (self,
                 "INSERT OR IGNORE INTO temp.repeat_affected"
                 " SELECT respondent FROM responses"
                 "  WHERE batch_id = ?1 AND kind = 'customer' AND score <= 6"
                 "    AND respondent IS NOT NULL AND respondent <> ''",
                 batch_id, error);
}

/**
 * fw_store_repeat_recount:
 *
 * Counts the repeat detractor rows of the customers noted by
 * fw_store_repeat_collect() again from their answers.
 */
gboolean
fw_store_repeat_recount (FwStore *self,
                         GError **error)
{
  g_autofree char *insert = NULL;

  insert = g_strdup_printf ("INSERT INTO repeat_detractors (respondent, day, prev_day)"
                            " SELECT respondent, day, max (prev)"
                            "   FROM (SELECT respondent, day,"
                            "                lag (day) OVER (PARTITION BY respondent"
                            "                                ORDER BY day) AS prev"
                            "           FROM responses"
                            "          WHERE kind = 'customer' AND score <= 6"
                            "            AND respondent IS NOT NULL"
                            "            AND respondent IN temp.repeat_affected)"
                            "  WHERE prev IS NOT NULL"
                            "    AND julianday (day) - julianday (prev) <= %d"
                            "  GROUP BY respondent, day",
                            FW_AT_RISK_DAYS);
  return run (self,
              "DELETE FROM repeat_detractors WHERE respondent IN temp.repeat_affected",
              0, error)
         && run (self, insert, 0, error)
         && run (self, "DELETE FROM temp.repeat_affected", 0, error);
}
