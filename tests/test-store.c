/* test-store.c: opening, creating, refusing and migrating databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fw-store.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = g_dir_make_tmp ("fw-store-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
}

static void
teardown (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autofree char *path = g_build_filename (tmpdir, g_file_info_get_name (info), NULL);
      g_unlink (path);
      g_object_unref (info);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Reads one integer with the plain SQLite API, past the store. */
static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    ck_abort_msg ("%s: %s", sql, message);
  sqlite3_close (db);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
add_responses (FwStore    *store,
               FwKind      kind,
               const int  *scores,
               guint       n_scores,
               const char *unit)
{
  FwBatchInfo info = { "test.csv", NULL, "csv", NULL, fw_kind_to_string (kind) };
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < n_scores; i++)
    {
      FwResponse r = { kind, "2025-03-14", scores[i], unit, "Phone", NULL, NULL, NULL, NAN };
      ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
    }
  ck_assert_msg (fw_batch_commit (batch, NULL, &error), "%s", error ? error->message : "");
}

START_TEST (test_create_new)
{
  g_autofree char *path = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  path = g_build_filename (tmpdir, "sub", "dir", "flywheel.db", NULL);
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (fw_store_get_path (store), path);

  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  ck_assert_int_eq (raw_int (path, "PRAGMA application_id"), FW_STORE_APPLICATION_ID);
  ck_assert_int_eq (raw_int (path, "PRAGMA user_version"), FW_STORE_SCHEMA_VERSION);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                   "name IN ('import_batches', 'units', 'touchpoints', "
                                   "'responses', 'rollup_daily', 'rollup_monthly')"),
                    6);
  ck_assert_int_eq (fw_store_count_batches (store, &error), 0);
  g_clear_object (&store);

  /* WAL mode is a property of the file, kept after closing. */
  ck_assert_int_eq (raw_int (path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);

  {
    g_autofree char *d1 = g_build_filename (tmpdir, "sub", "dir", NULL);
    g_autofree char *d2 = g_build_filename (tmpdir, "sub", NULL);
    g_unlink (path);
    g_rmdir (d1);
    g_rmdir (d2);
  }
}
END_TEST

START_TEST (test_reopen_keeps_data)
{
  g_autofree char *path = tmp_path ("reopen.db");
  g_autoptr(GError) error = NULL;
  const int scores[] = { 10, 9, 8, 3 };
  FwScore score;

  {
    g_autoptr(FwStore) store = fw_store_open (path, &error);
    ck_assert_ptr_nonnull (store);
    add_responses (store, FW_KIND_CUSTOMER, scores, G_N_ELEMENTS (scores), "Billing");
  }

  {
    g_autoptr(FwStore) store = fw_store_open (path, &error);
    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq (fw_store_count_batches (store, &error), 1);
    ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, 5, &score, &error));
    ck_assert_int_eq (score.tally.n, 4);
    ck_assert_int_eq (score.tally.promoters, 2);
    ck_assert_int_eq (score.tally.passives, 1);
    ck_assert_int_eq (score.tally.detractors, 1);
    ck_assert_double_eq_tol (score.nps, 25.0, 1e-9);
  }
}
END_TEST

static void
make_text_file (const char *path)
{
  ck_assert (g_file_set_contents (path, "date,score\n2025-01-01,9\n", -1, NULL));
}

static void
make_foreign_sqlite (const char *path)
{
  raw_exec (path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');");
}

static void
make_flywheel_with_data (const char *path)
{
  g_autoptr(FwStore) store = fw_store_open (path, NULL);
  const int scores[] = { 10, 9, 2, 7, 7, 1, 10 };

  ck_assert_ptr_nonnull (store);
  for (int i = 0; i < 40; i++)
    add_responses (store, FW_KIND_CUSTOMER, scores, G_N_ELEMENTS (scores), "Billing");
  g_clear_object (&store);
  /* Fold the WAL back so that the main file holds everything. */
  raw_exec (path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
}

static void
make_truncated (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;

  make_flywheel_with_data (path);
  bytes = read_bytes (path);
  ck_assert_int_gt (g_bytes_get_size (bytes), 8192);
  ck_assert (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes) / 2, NULL));
}

static void
make_header_only (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;

  make_flywheel_with_data (path);
  bytes = read_bytes (path);
  ck_assert (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), 60, NULL));
}

static void
make_bad_page_size (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;
  gsize size;

  make_flywheel_with_data (path);
  bytes = read_bytes (path);
  data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  data[16] = 0x12; /* 0x1200 is no power of two */
  data[17] = 0x00;
  ck_assert (g_file_set_contents (path, (char *) data, size, NULL));
  g_free (data);
}

static void
make_newer_version (const char *path)
{
  make_flywheel_with_data (path);
  raw_exec (path, "PRAGMA user_version = 99");
}

/* Each refused file keeps every byte and its modification time. */
static const struct
{
  const char  *name;
  void       (*make) (const char *path);
  FwStoreError code;
  const char  *says; /* a part of the message */
} refusals[] = {
  { "text.db", make_text_file, FW_STORE_ERROR_NOT_FLYWHEEL, "not a Flywheel database" },
  { "foreign.db", make_foreign_sqlite, FW_STORE_ERROR_NOT_FLYWHEEL, "another program" },
  { "truncated.db", make_truncated, FW_STORE_ERROR_CORRUPT, "cut short" },
  { "header-only.db", make_header_only, FW_STORE_ERROR_CORRUPT, "cut short" },
  { "bad-page-size.db", make_bad_page_size, FW_STORE_ERROR_CORRUPT, "damaged" },
  { "newer.db", make_newer_version, FW_STORE_ERROR_TOO_NEW, "newer version of Flywheel" },
};

START_TEST (test_refuse_and_leave_untouched)
{
  g_autofree char *path = tmp_path (refusals[_i].name);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st_before, st_after;

  refusals[_i].make (path);
  before = read_bytes (path);
  ck_assert_int_eq (g_stat (path, &st_before), 0);

  store = fw_store_open (path, &error);
  ck_assert_msg (store == NULL, "%s was opened", refusals[_i].name);
  ck_assert (g_error_matches (error, FW_STORE_ERROR, refusals[_i].code));
  ck_assert_msg (strstr (error->message, refusals[_i].says) != NULL, "%s", error->message);
  ck_assert_msg (strstr (error->message, path) != NULL, "no file name in: %s", error->message);

  after = read_bytes (path);
  ck_assert (g_bytes_equal (before, after));
  ck_assert_int_eq (g_stat (path, &st_after), 0);
  ck_assert_int_eq (st_before.st_mtime, st_after.st_mtime);
  wal = g_strconcat (path, "-wal", NULL);
  ck_assert (!g_file_test (wal, G_FILE_TEST_EXISTS));
}
END_TEST

static char *
copy_fixture (const char *name)
{
  g_autofree char *source = g_build_filename (g_getenv ("FW_TEST_DATA"), name, NULL);
  g_autoptr(GBytes) bytes = read_bytes (source);
  char *target = tmp_path (name);

  ck_assert (g_file_set_contents (target, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL));
  return target;
}

/* Rows in which rollup_monthly differs from rollup_daily summed by month. */
static gint64
monthly_mismatches (const char *path)
{
  return raw_int (path,
                  "SELECT count(*) FROM"
                  " (SELECT substr (day, 1, 8) || '01' AS month, kind, unit_id, touchpoint_id,"
                  "         sum (n) AS n, sum (promoters) AS p, sum (passives) AS q,"
                  "         sum (detractors) AS d, sum (spend_n) AS sn,"
                  "         round (total (spend_sum), 6) AS ss"
                  "    FROM rollup_daily GROUP BY 1, 2, 3, 4) AS a"
                  " FULL JOIN rollup_monthly AS b USING (month, kind, unit_id, touchpoint_id)"
                  " WHERE a.n IS NOT b.n OR a.p IS NOT b.promoters OR a.q IS NOT b.passives"
                  "    OR a.d IS NOT b.detractors OR a.sn IS NOT b.spend_n"
                  "    OR a.ss IS NOT round (b.spend_sum, 6)");
}

static char *
find_backup (const char *path)
{
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (basename, ".v1-", NULL);
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".bak"))
      return g_build_filename (dirname, name, NULL);
  return NULL;
}

START_TEST (test_migrate_v1)
{
  g_autofree char *path = copy_fixture ("flywheel-v1.db");
  g_autofree char *backup = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  FwScore score;
  GStatBuf st;

  ck_assert_int_eq (raw_int (path, "PRAGMA user_version"), 1);

  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");

  /* The data came through, and the new columns and tables are there. */
  ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, 5, &score, &error));
  ck_assert_int_eq (score.tally.n, 4);
  ck_assert_double_eq_tol (score.nps, 25.0, 1e-9);
  ck_assert_int_eq (fw_store_count_batches (store, &error), 1);
  g_clear_object (&store);

  ck_assert_int_eq (raw_int (path, "PRAGMA user_version"), FW_STORE_SCHEMA_VERSION);
  ck_assert_int_gt (raw_int (path, "SELECT count(*) FROM rollup_monthly"), 0);
  ck_assert_int_eq (monthly_mismatches (path), 0);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM pragma_table_info('responses') "
                                   "WHERE name = 'spend'"),
                    1);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM pragma_table_info('rollup_daily') "
                                   "WHERE name IN ('spend_n', 'spend_sum')"),
                    2);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM pragma_table_info('units') "
                                   "WHERE name = 'merged_into'"),
                    1);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM sqlite_schema "
                                   "WHERE name = 'unit_aliases'"),
                    0);
  ck_assert_int_eq (raw_int (path, "PRAGMA foreign_key_check"), G_MININT64);
  ck_assert_int_eq (raw_int (path, "SELECT customers FROM repeat_detractor_count"),
                    raw_int (path, "SELECT count(DISTINCT respondent) FROM repeat_detractors"));

  /* A private copy of version 1 was made first. */
  backup = find_backup (path);
  ck_assert_ptr_nonnull (backup);
  ck_assert_int_eq (g_stat (backup, &st), 0);
  ck_assert_int_eq (st.st_mode & 0777, 0600);
  ck_assert_int_eq (raw_int (backup, "PRAGMA user_version"), 1);
  ck_assert_int_eq (raw_int (backup, "SELECT count(*) FROM responses"), 4);

  /* Opening again migrates nothing and copies nothing. */
  g_unlink (backup);
  store = fw_store_open (path, &error);
  ck_assert_ptr_nonnull (store);
  g_clear_pointer (&backup, g_free);
  backup = find_backup (path);
  ck_assert_ptr_null (backup);
}
END_TEST

START_TEST (test_migrate_failure_rolls_back)
{
  g_autofree char *path = copy_fixture ("flywheel-v1.db");
  g_autofree char *backup = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A table in the way makes step 2 fail half-way through. */
  raw_exec (path, "CREATE TABLE unit_aliases (x)");

  store = fw_store_open (path, &error);
  ck_assert_ptr_null (store);
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_MIGRATE));

  ck_assert_int_eq (raw_int (path, "PRAGMA user_version"), 1);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM pragma_table_info('responses') "
                                   "WHERE name = 'spend'"),
                    0);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses"), 4);
  backup = find_backup (path);
  ck_assert_ptr_nonnull (backup);
  ck_assert_msg (strstr (error->message, backup) != NULL, "%s", error->message);
}
END_TEST

static gint64
add_customer_batch (FwStore    *store,
                    const char *name,
                    const char *days[],
                    const int   scores[],
                    guint       n)
{
  FwBatchInfo info = { name, NULL, "csv", NULL, "customer" };
  g_autoptr(GError) error = NULL;
  FwBatch *batch = fw_store_begin_batch (store, &info, &error);
  gint64 batch_id = 0;

  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < n; i++)
    {
      FwResponse r = { FW_KIND_CUSTOMER, days[i], scores[i], "Billing", "Phone",
                       NULL, NULL, NULL, NAN };
      ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
    }
  ck_assert_msg (fw_batch_commit (batch, &batch_id, &error), "%s", error ? error->message : "");
  fw_batch_free (batch);
  return batch_id;
}

/* Two batches share one month's cell; the monthly rollup follows the daily
 * one as each is added and taken away. */
START_TEST (test_monthly_rollup)
{
  g_autofree char *path = tmp_path ("monthly.db");
  g_autoptr(FwStore) store = fw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  const char *days_a[] = { "2025-01-01", "2025-01-15", "2025-01-15", "2025-02-28" };
  const int scores_a[] = { 10, 6, 7, 9 };
  const char *days_b[] = { "2025-01-15", "2025-01-31" };
  const int scores_b[] = { 9, 3 };
  gint64 a, b;

  ck_assert_ptr_nonnull (store);
  a = add_customer_batch (store, "a.csv", days_a, scores_a, G_N_ELEMENTS (days_a));
  b = add_customer_batch (store, "b.csv", days_b, scores_b, G_N_ELEMENTS (days_b));
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM rollup_monthly"), 2);
  ck_assert_int_eq (raw_int (path, "SELECT n FROM rollup_monthly WHERE month = '2025-01-01'"), 5);
  ck_assert_int_eq (raw_int (path, "SELECT detractors FROM rollup_monthly "
                                   "WHERE month = '2025-01-01'"), 2);
  ck_assert_int_eq (monthly_mismatches (path), 0);

  ck_assert_msg (fw_store_remove_batch (store, a, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM rollup_monthly"), 1);
  ck_assert_int_eq (raw_int (path, "SELECT n FROM rollup_monthly WHERE month = '2025-01-01'"), 2);
  ck_assert_int_eq (raw_int (path, "SELECT promoters FROM rollup_monthly"), 1);
  ck_assert_int_eq (monthly_mismatches (path), 0);

  ck_assert_msg (fw_store_remove_batch (store, b, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM rollup_monthly"), 0);
}
END_TEST

START_TEST (test_batch_rollup_and_remove)
{
  g_autofree char *path = tmp_path ("batch.db");
  g_autoptr(FwStore) store = fw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  FwBatchInfo info = { "mixed.csv", "abc123", "csv", NULL, "customer" };
  FwBatch *batch;
  gint64 batch_id = 0;
  FwScore score;
  const struct
  {
    const char *day;
    int         score;
    const char *unit;
    const char *touchpoint;
    double      spend;
  } rows[] = {
    { "2025-01-01", 10, "Billing", "Phone", 120.0 },
    { "2025-01-01", 10, "billing", "Phone", NAN }, /* units match without case */
    { "2025-01-01", 6, "Billing", "Phone", 40.5 },
    { "2025-01-02", 8, NULL, "Web", NAN },
    { "2025-01-02", 0, "Store", NULL, 10.0 },
  };

  ck_assert_ptr_nonnull (store);
  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_ptr_nonnull (batch);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      FwResponse r = { FW_KIND_CUSTOMER, rows[i].day, rows[i].score, rows[i].unit,
                       rows[i].touchpoint, "C-1", NULL, NULL, rows[i].spend };
      ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
    }
  fw_batch_set_skipped (batch, 7);
  ck_assert (fw_batch_commit (batch, &batch_id, &error));
  fw_batch_free (batch);
  ck_assert_int_gt (batch_id, 0);
  ck_assert_int_eq (raw_int (path, "SELECT skipped_count FROM import_batches"), 7);

  ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, 5, &score, &error));
  ck_assert_int_eq (score.tally.n, 5);
  ck_assert_int_eq (score.tally.promoters, 2);
  ck_assert_int_eq (score.tally.passives, 1);
  ck_assert_int_eq (score.tally.detractors, 2);

  /* The rollup says what the raw answers say, cell by cell. */
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM rollup_daily"), 3);
  ck_assert_int_eq (raw_int (path, "SELECT n FROM rollup_daily r JOIN units u ON u.id = r.unit_id "
                                   "WHERE u.name = 'Billing' AND day = '2025-01-01'"),
                    3);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM units"), 2);
  ck_assert_int_eq (raw_int (path, "SELECT spend_n FROM rollup_daily WHERE day = '2025-01-01'"), 2);
  ck_assert_int_eq (raw_int (path, "SELECT CAST(total(spend_sum) * 10 AS INTEGER) FROM rollup_daily"),
                    1705);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM rollup_monthly"), 3);
  ck_assert_int_eq (monthly_mismatches (path), 0);
  ck_assert_int_eq (raw_int (path, "SELECT row_count FROM import_batches"), 5);
  ck_assert_int_eq (fw_store_find_batch_by_format (store, "csv", &error), batch_id);
  ck_assert_int_eq (fw_store_find_batch_by_format (store, "demo", &error), 0);

  ck_assert (fw_store_remove_batch (store, batch_id, &error));
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM rollup_daily"), 0);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM rollup_monthly"), 0);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses"), 0);
  ck_assert_int_eq (fw_store_count_batches (store, &error), 0);

  ck_assert (!fw_store_remove_batch (store, batch_id, &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID));
}
END_TEST

/* Adds one committed batch of @n customer answers and @skipped skipped rows. */
static gint64
add_batch (FwStore    *store,
           const char *name,
           const char *kind,
           int         n,
           gint64      skipped)
{
  g_autoptr(GError) error = NULL;
  FwBatchInfo info = { name, NULL, "csv", NULL, kind };
  g_autoptr(FwBatch) batch = fw_store_begin_batch (store, &info, &error);
  gint64 batch_id = 0;

  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (int i = 0; i < n; i++)
    {
      FwResponse r = { FW_KIND_CUSTOMER, "2025-03-01", i % 11, NULL, NULL, NULL, NULL, NULL, NAN };

      ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
    }
  fw_batch_set_skipped (batch, skipped);
  ck_assert_msg (fw_batch_commit (batch, &batch_id, &error), "%s", error ? error->message : "");
  return batch_id;
}

START_TEST (test_list_batches)
{
  g_autofree char *path = tmp_path ("list.db");
  g_autoptr(FwStore) store = fw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  FwBatchSummary *summary;
  gint64 first, second;

  ck_assert_ptr_nonnull (store);
  batches = fw_store_list_batches (store, &error);
  ck_assert_msg (batches != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (batches->len, 0);
  g_clear_pointer (&batches, g_ptr_array_unref);

  first = add_batch (store, "first.csv", "customer", 3, 2);
  second = add_batch (store, "second.xlsx", "mixed", 5, 0);

  /* Newest first: within one second the later id. */
  batches = fw_store_list_batches (store, &error);
  ck_assert_msg (batches != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (batches->len, 2);
  summary = g_ptr_array_index (batches, 0);
  ck_assert_int_eq (summary->id, second);
  ck_assert_str_eq (summary->source_name, "second.xlsx");
  ck_assert_str_eq (summary->format, "csv");
  ck_assert_str_eq (summary->kind, "mixed");
  ck_assert_int_eq (summary->row_count, 5);
  ck_assert_int_eq (summary->skipped_count, 0);
  summary = g_ptr_array_index (batches, 1);
  ck_assert_int_eq (summary->id, first);
  ck_assert_str_eq (summary->source_name, "first.csv");
  ck_assert_str_eq (summary->kind, "customer");
  ck_assert_int_eq (summary->row_count, 3);
  ck_assert_int_eq (summary->skipped_count, 2);
  ck_assert_int_eq (strlen (summary->imported_at), strlen ("2025-01-01T00:00:00Z"));
  ck_assert_int_eq (summary->imported_at[10], 'T');
  g_clear_pointer (&batches, g_ptr_array_unref);

  /* The time of import decides before the id. */
  raw_exec (path, "UPDATE import_batches SET imported_at = '2099-01-01T00:00:00Z' WHERE id = 1");
  ck_assert_int_eq (first, 1);
  batches = fw_store_list_batches (store, &error);
  ck_assert_uint_eq (batches->len, 2);
  summary = g_ptr_array_index (batches, 0);
  ck_assert_int_eq (summary->id, first);
  ck_assert_str_eq (summary->imported_at, "2099-01-01T00:00:00Z");
  g_clear_pointer (&batches, g_ptr_array_unref);

  ck_assert (fw_store_remove_batch (store, first, &error));
  batches = fw_store_list_batches (store, &error);
  ck_assert_uint_eq (batches->len, 1);
  summary = g_ptr_array_index (batches, 0);
  ck_assert_int_eq (summary->id, second);
  g_clear_pointer (&batches, g_ptr_array_unref);

  ck_assert (fw_store_remove_batch (store, second, &error));
  batches = fw_store_list_batches (store, &error);
  ck_assert_uint_eq (batches->len, 0);
}
END_TEST

START_TEST (test_batch_all_or_nothing)
{
  g_autofree char *path = tmp_path ("abort.db");
  g_autoptr(FwStore) store = fw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  FwBatchInfo info = { "bad.csv", "def456", "csv", NULL, "customer" };
  FwResponse good = { FW_KIND_CUSTOMER, "2025-02-28", 9, "Billing", NULL, NULL, NULL, NULL, NAN };
  FwResponse bad_score = good, bad_day = good, no_day = good;
  FwBatch *batch;

  bad_score.score = 11;
  bad_day.day = "2025-02-30";
  no_day.day = "28-02-2025";

  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_ptr_nonnull (batch);
  ck_assert (fw_batch_add (batch, &good, &error));

  ck_assert (!fw_batch_add (batch, &bad_score, &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID));
  ck_assert_msg (strstr (error->message, "11") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (!fw_batch_add (batch, &bad_day, &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert (!fw_batch_add (batch, &no_day, &error));
  g_clear_error (&error);

  /* Still usable after refusals, and gone without a trace when freed. */
  ck_assert (fw_batch_add (batch, &good, &error));
  fw_batch_free (batch);

  ck_assert_int_eq (fw_store_count_batches (store, &error), 0);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses"), 0);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM units"), 0);

  /* The same file twice is refused by the database itself. */
  add_responses (store, FW_KIND_CUSTOMER, (int[]) { 9 }, 1, NULL);
  {
    FwBatchInfo twice = { "again.csv", "def456", "csv", NULL, "customer" };
    g_autoptr(FwBatch) first = fw_store_begin_batch (store, &twice, &error);
    ck_assert_ptr_nonnull (first);
    ck_assert (fw_batch_commit (first, NULL, &error));
  }
  {
    FwBatchInfo twice = { "again.csv", "def456", "csv", NULL, "customer" };
    g_autoptr(FwBatch) second = fw_store_begin_batch (store, &twice, &error);
    ck_assert_ptr_null (second);
    ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID));
  }
}
END_TEST

/* Answers under a name merged into another unit keep their own name and
 * count in the rollup as the other unit. */
START_TEST (test_merged_names)
{
  g_autofree char *path = tmp_path ("alias.db");
  g_autoptr(FwStore) store = fw_store_open (path, NULL);

  raw_exec (path, "INSERT INTO units (id, name) VALUES (7, 'Customer Service');"
                  "INSERT INTO units (id, name, merged_into) VALUES (8, 'Klantenservice', 7);");
  add_responses (store, FW_KIND_EMPLOYEE, (int[]) { 9, 3 }, 2, "Klantenservice");
  add_responses (store, FW_KIND_CUSTOMER, (int[]) { 10 }, 1, "customer service");

  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM units"), 2);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses WHERE unit_id = 7"), 1);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses WHERE unit_id = 8"), 2);
  ck_assert_int_eq (raw_int (path, "SELECT count(DISTINCT unit_id) FROM rollup_daily"), 1);
  ck_assert_int_eq (raw_int (path, "SELECT sum (n) FROM rollup_daily WHERE unit_id = 7"), 3);
}
END_TEST

/* Employee totals count only safe cells, units by month of at least the
 * threshold (see fw-query.c); the answers here are one unit on one day, one
 * cell, so a total below the threshold never leaves the core with a number,
 * and two more answers in another unit, a cell too small at any threshold,
 * change nothing. */
static const struct
{
  guint n;
  guint min_group;
  gboolean suppressed;
} anonymity[] = {
  { 4, 5, TRUE },  { 5, 5, FALSE }, { 2, 0, TRUE },  { 3, 0, FALSE },
  { 3, 1, FALSE }, { 9, 10, TRUE }, { 10, 10, FALSE },
};

START_TEST (test_employee_anonymity)
{
  g_autofree char *path = tmp_path ("anon.db");
  g_autoptr(FwStore) store = fw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  int scores[16];
  FwScore score;

  for (guint i = 0; i < anonymity[_i].n; i++)
    scores[i] = i % 2 ? 10 : 2;
  add_responses (store, FW_KIND_EMPLOYEE, scores, anonymity[_i].n, "Billing");

  for (guint round = 0; round < 2; round++)
    {
      if (round == 1)
        add_responses (store, FW_KIND_EMPLOYEE, (int[]) { 10, 10 }, 2, "Sales");
      ck_assert (fw_store_get_overall (store, FW_KIND_EMPLOYEE, anonymity[_i].min_group, &score,
                                       &error));
      ck_assert_int_eq (score.suppressed, anonymity[_i].suppressed);
      if (anonymity[_i].suppressed)
        {
          ck_assert_int_eq (score.tally.n, 0);
          ck_assert_int_eq (score.tally.promoters, 0);
          ck_assert_int_eq (score.tally.detractors, 0);
          ck_assert (isnan (score.nps));
        }
      else
        {
          ck_assert_int_eq (score.tally.n, anonymity[_i].n);
          ck_assert (!isnan (score.nps));
        }
    }

  /* Customer totals are never held back. */
  add_responses (store, FW_KIND_CUSTOMER, (int[]) { 10 }, 1, "Billing");
  ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, 5, &score, &error));
  ck_assert (!score.suppressed);
  ck_assert_int_eq (score.tally.n, 1);
}
END_TEST

/* With WAL the main file can lag behind the log, even be empty; a second
 * connection must still know the database for ours. */
START_TEST (test_second_connection)
{
  g_autofree char *path = tmp_path ("two.db");
  g_autoptr(FwStore) first = fw_store_open (path, NULL);
  g_autoptr(FwStore) second = NULL;
  g_autoptr(GError) error = NULL;
  FwScore score;

  ck_assert_ptr_nonnull (first);
  add_responses (first, FW_KIND_CUSTOMER, (int[]) { 10, 10, 3 }, 3, NULL);

  second = fw_store_open (path, &error);
  ck_assert_msg (second != NULL, "%s", error ? error->message : "");
  ck_assert (fw_store_get_overall (second, FW_KIND_CUSTOMER, 5, &score, &error));
  ck_assert_int_eq (score.tally.n, 3);
}
END_TEST

START_TEST (test_default_path)
{
  g_autofree char *saved = g_strdup (g_getenv ("FLYWHEEL_DATABASE"));
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("FLYWHEEL_DATABASE", "/srv/cx/flywheel.db", TRUE);
  from_env = fw_store_default_path ();
  ck_assert_str_eq (from_env, "/srv/cx/flywheel.db");

  g_unsetenv ("FLYWHEEL_DATABASE");
  fallback = fw_store_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "flywheel", "flywheel.db", NULL);
  ck_assert_str_eq (fallback, expected);

  if (saved != NULL)
    g_setenv ("FLYWHEEL_DATABASE", saved, TRUE);
}
END_TEST

START_TEST (test_day_range)
{
  g_autofree char *path = tmp_path ("range.db");
  g_autoptr(FwStore) store = fw_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  ck_assert (fw_store_get_day_range (store, FW_KIND_CUSTOMER, &first, &last, &error));
  ck_assert_ptr_null (first);
  ck_assert_ptr_null (last);

  add_responses (store, FW_KIND_CUSTOMER, (int[]) { 10, 4 }, 2, NULL);
  ck_assert (fw_store_get_day_range (store, FW_KIND_CUSTOMER, &first, &last, &error));
  ck_assert_str_eq (first, "2025-03-14");
  ck_assert_str_eq (last, "2025-03-14");
}
END_TEST

static Suite *
store_suite (void)
{
  Suite *s = suite_create ("store");
  TCase *tc = tcase_create ("store");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_create_new);
  tcase_add_test (tc, test_reopen_keeps_data);
  tcase_add_loop_test (tc, test_refuse_and_leave_untouched, 0, G_N_ELEMENTS (refusals));
  tcase_add_test (tc, test_migrate_v1);
  tcase_add_test (tc, test_migrate_failure_rolls_back);
  tcase_add_test (tc, test_batch_rollup_and_remove);
  tcase_add_test (tc, test_monthly_rollup);
  tcase_add_test (tc, test_list_batches);
  tcase_add_test (tc, test_batch_all_or_nothing);
  tcase_add_test (tc, test_merged_names);
  tcase_add_loop_test (tc, test_employee_anonymity, 0, G_N_ELEMENTS (anonymity));
  tcase_add_test (tc, test_second_connection);
  tcase_add_test (tc, test_default_path);
  tcase_add_test (tc, test_day_range);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (store_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
