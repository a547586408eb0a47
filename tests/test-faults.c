/* test-faults.c: crashes, full disks, read-only and damaged files, backups,
 * and what Flywheel lets out about the people in its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most tests run the built flywheel as a user would, and look at the
 * database afterwards with the plain SQLite API, past the store.
 */

#define _GNU_SOURCE /* memmem() */
#define G_LOG_DOMAIN "fw-test"

#include "config.h"

#include <check.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fw-import.h"
#include "fw-store.h"
#include "fw-store-backup.h"
#include "fw-store-forget.h"
#include "fw-store-private.h"

/* Strings that stand for a comment and a respondent key: they must never
 * come out of an error message or a log. */
#define COMMENT_MARKER    "CMTMARK7Q"
#define RESPONDENT_MARKER "KEYMARK9Z"

static char *tmpdir;

/* Everything logged in this process, to look for the markers in. */
static GString *logged;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        g_string_append_len (logged, fields[i].value,
                             fields[i].length < 0 ? (gssize) strlen (fields[i].value)
                                                  : fields[i].length);
        g_string_append_c (logged, '\n');
      }
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
make_writable (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0700);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        make_writable (path);
      else
        g_chmod (path, 0600);
    }
}

static void
setup (void)
{
  tmpdir = g_dir_make_tmp ("fw-faults-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
}

static void
teardown (void)
{
  g_autofree char *command = NULL;

  make_writable (tmpdir);
  command = g_strdup_printf ("rm -rf '%s'", tmpdir);
  ck_assert_int_eq (system (command), 0);
  g_clear_pointer (&tmpdir, g_free);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Running flywheel */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char **
flywheel_environ (void)
{
  char **envp = g_get_environ ();

  envp = g_environ_unsetenv (envp, "FLYWHEEL_DATABASE");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmpdir, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  /* Every log line, debug included, goes to stderr, to be looked at. */
  envp = g_environ_setenv (envp, "G_MESSAGES_DEBUG", "all", TRUE);
  return envp;
}

static GPtrArray *
flywheel_argv (const char *database,
               const char *const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("FLYWHEEL"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
run_flywheel_full (Run                *run,
                   const char         *database,
                   const char *const  *args,
                   GSpawnChildSetupFunc child_setup,
                   gpointer            data)
{
  g_autoptr(GPtrArray) argv = flywheel_argv (database, args);
  g_auto(GStrv) envp = flywheel_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, child_setup,
                               data, &run->out, &run->err, &wait_status, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (WIFEXITED (wait_status), "flywheel %s died of signal %d", args[0],
                 WIFSIGNALED (wait_status) ? WTERMSIG (wait_status) : 0);
  run->status = WEXITSTATUS (wait_status);
}

static void
run_flywheel (Run               *run,
              const char        *database,
              const char *const *args)
{
  run_flywheel_full (run, database, args, NULL, NULL);
}

/* Raw SQLite */

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK, "%s: %s", sql,
                 sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    value = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* raw_text() of @sql is @expected. */
static void
assert_raw_text (const char *path,
                 const char *sql,
                 const char *expected)
{
  g_autofree char *text = raw_text (path, sql);

  ck_assert_str_eq (text, expected);
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

/* Folds the log into the file, so that its bytes hold everything. */
static void
checkpoint (const char *path)
{
  raw_exec (path, "PRAGMA wal_checkpoint(TRUNCATE)");
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  ck_assert_msg (g_file_get_contents (path, &contents, &length, NULL), "cannot read %s", path);
  return g_bytes_new_take (contents, length);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  bytes = read_bytes (path);
  return memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), needle,
                 strlen (needle)) != NULL;
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  ck_assert_msg (g_stat (path, &st) == 0, "%s is missing", path);
  return st.st_mode & 0777;
}

/* Cells where the rollup differs from a count of the answers, each answer
 * under the unit its name counts as, daily and monthly, spend included. */
static gint64
rollup_mismatches (const char *path)
{
  return raw_int (path,
                  "WITH counted AS ("
                  "  SELECT r.day, r.kind, coalesce (u.merged_into, r.unit_id, 0) AS unit_id,"
                  "         coalesce (r.touchpoint_id, 0) AS touchpoint_id, count(*) AS n,"
                  "         sum (r.score >= 9) AS p, sum (r.score BETWEEN 7 AND 8) AS q,"
                  "         sum (r.score <= 6) AS d, count (spend) AS sn,"
                  "         round (total (spend), 4) AS ss"
                  "    FROM responses r LEFT JOIN units u ON u.id = r.unit_id"
                  "   GROUP BY 1, 2, 3, 4),"
                  " daily AS ("
                  "  SELECT substr (day, 1, 8) || '01' AS month, kind, unit_id, touchpoint_id,"
                  "         sum (n) AS n, sum (promoters) AS p, sum (passives) AS q,"
                  "         sum (detractors) AS d, sum (spend_n) AS sn,"
                  "         round (total (spend_sum), 4) AS ss"
                  "    FROM rollup_daily GROUP BY 1, 2, 3, 4)"
                  "SELECT (SELECT count(*) FROM counted c FULL JOIN rollup_daily r"
                  "          USING (day, kind, unit_id, touchpoint_id)"
                  "         WHERE c.n IS NOT r.n OR c.p IS NOT r.promoters"
                  "            OR c.q IS NOT r.passives OR c.d IS NOT r.detractors"
                  "            OR c.sn IS NOT r.spend_n OR c.ss IS NOT round (r.spend_sum, 4))"
                  "     + (SELECT count(*) FROM daily c FULL JOIN rollup_monthly r"
                  "          USING (month, kind, unit_id, touchpoint_id)"
                  "         WHERE c.n IS NOT r.n OR c.p IS NOT r.promoters"
                  "            OR c.q IS NOT r.passives OR c.d IS NOT r.detractors"
                  "            OR c.sn IS NOT r.spend_n OR c.ss IS NOT round (r.spend_sum, 4))"
                  "     + (SELECT count(*) FROM import_batches b"
                  "         WHERE b.row_count IS NOT (SELECT count(*) FROM responses r"
                  "                                   WHERE r.batch_id = b.id))");
}

/* Survey files */

/* Writes a customer export of @rows records: response id, date, score,
 * store, touchpoint, customer key, comment and spend.  Record @bad_every
 * (when not 0) gets a score that is not one, and each key and comment
 * carries the markers. */
static void
write_csv (const char *path,
           guint       rows,
           guint       seed,
           guint       bad_every)
{
  static const char * const stores[] = { "Amsterdam", "Rotterdam", "Utrecht", "Breda" };
  static const char * const touchpoints[] = { "Web shop", "Call centre", "Store" };
  g_autoptr(GString) out = g_string_sized_new ((gsize) rows * 96);
  guint32 state = seed * 2654435761u + 1;

  g_string_append (out, "Response ID,Date,How likely are you to recommend us?,Store,"
                        "Touchpoint,Customer ID,Comment,Spend\r\n");
  for (guint i = 0; i < rows; i++)
    {
      state = state * 1664525u + 1013904223u;
      g_string_append_printf (out, "R%u-%u,%04u-%02u-%02u,", seed, i + 1, 2023 + (state >> 30) % 2,
                              1 + (state >> 8) % 12, 1 + (state >> 12) % 28);
      if (bad_every != 0 && i % bad_every == bad_every - 1)
        g_string_append (out, "lots,");
      else
        g_string_append_printf (out, "%u,", (state >> 16) % 11);
      g_string_append_printf (out, "%s,%s,C%s%05u,\"%s, comment %u\",%u.%02u\r\n",
                              stores[(state >> 20) % G_N_ELEMENTS (stores)],
                              touchpoints[(state >> 24) % G_N_ELEMENTS (touchpoints)],
                              bad_every != 0 ? RESPONDENT_MARKER : "", (state >> 4) % 5000,
                              bad_every != 0 ? COMMENT_MARKER : "Fine", i, (state >> 3) % 300,
                              (state >> 9) % 100);
    }
  ck_assert (g_file_set_contents (path, out->str, out->len, NULL));
}

/* A database with one small import, folded into one file. */
static void
make_base_database (const char *path)
{
  g_autofree char *csv = g_strconcat (path, ".base.csv", NULL);
  g_auto(Run) run = { 0 };

  write_csv (csv, 500, 1, 0);
  run_flywheel (&run, path, (const char *[]) { "import", csv, NULL });
  ck_assert_msg (run.status == 0, "%s", run.err);
  checkpoint (path);
  g_unlink (csv);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_bytes (from);

  ck_assert (g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL));
  g_chmod (to, 0600);
}

/* Crash safety */

#define CRASH_ROWS  200000
#define CRASH_KILLS 20
#define CRASH_KILLS_LATE 4

static GPid
spawn_import (const char *database,
              const char *csv)
{
  g_autoptr(GPtrArray) argv = flywheel_argv (database, (const char *[]) { "import", csv, NULL });
  g_auto(GStrv) envp = flywheel_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  ck_assert_msg (g_spawn_async (NULL, (char **) argv->pdata, envp,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL
                                | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error),
                 "%s", error ? error->message : "");
  return pid;
}

/* Whether the import of @csv is wholly in @path (TRUE) or wholly absent
 * (FALSE); fails the test if it is anything in between. */
static gboolean
assert_whole_or_absent (const char *path,
                        gint64      base_answers)
{
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  gint64 batches, answers;

  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "does not open after a crash: %s", error->message);
  g_clear_object (&store);

  check = raw_text (path, "PRAGMA integrity_check");
  ck_assert_str_eq (check, "ok");
  ck_assert_int_eq (rollup_mismatches (path), 0);

  batches = raw_int (path, "SELECT count(*) FROM import_batches");
  answers = raw_int (path, "SELECT count(*) FROM responses");
  ck_assert (batches == 1 || batches == 2);
  if (batches == 1)
    {
      ck_assert_int_eq (answers, base_answers);
      ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM header_mappings"), 1);
      return FALSE;
    }
  ck_assert_int_eq (answers, base_answers + CRASH_ROWS);
  ck_assert_int_eq (raw_int (path, "SELECT sum (n) FROM rollup_daily"), base_answers + CRASH_ROWS);
  ck_assert_int_eq (raw_int (path, "SELECT sum (n) FROM rollup_monthly"),
                    base_answers + CRASH_ROWS);
  return TRUE;
}

START_TEST (test_crash_safety)
{
  g_autofree char *base = tmp_path ("base.db");
  g_autofree char *csv = tmp_path ("big.csv");
  g_autofree char *full = tmp_path ("full.db");
  gint64 base_answers, start, duration;
  gsize base_size;
  guint n_whole = 0, n_absent = 0;
  int wait_status;
  GPid pid;

  make_base_database (base);
  base_answers = raw_int (base, "SELECT count(*) FROM responses");
  {
    g_autoptr(GBytes) bytes = read_bytes (base);

    base_size = g_bytes_get_size (bytes);
  }
  write_csv (csv, CRASH_ROWS, 2, 0);

  /* One whole run says how long an import takes here. */
  copy_file (base, full);
  start = g_get_monotonic_time ();
  pid = spawn_import (full, csv);
  ck_assert_int_eq (waitpid (pid, &wait_status, 0), pid);
  duration = g_get_monotonic_time () - start;
  g_spawn_close_pid (pid);
  ck_assert (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  ck_assert (assert_whole_or_absent (full, base_answers));

  /* Most kills spread over that time; the last few wait for the commit,
   * seen as the log being folded into the file, and land in that. */
  for (guint i = 0; i < CRASH_KILLS; i++)
    {
      g_autofree char *name = g_strdup_printf ("crash-%02u.db", i);
      g_autofree char *path = tmp_path (name);
      guint after_commit = CRASH_KILLS - CRASH_KILLS_LATE;

      copy_file (base, path);
      pid = spawn_import (path, csv);
      if (i < after_commit)
        g_usleep (duration * (2 * i + 1) / (2 * after_commit));
      else
        {
          GStatBuf st;

          while (waitpid (pid, &wait_status, WNOHANG) == 0
                 && (g_stat (path, &st) != 0 || st.st_size <= (goffset) base_size))
            g_usleep (1000);
          g_usleep ((i - after_commit) * 20000);
        }
      kill (pid, SIGKILL);
      waitpid (pid, &wait_status, 0);
      g_spawn_close_pid (pid);

      if (assert_whole_or_absent (path, base_answers))
        n_whole++;
      else
        {
          ck_assert_msg (i < after_commit, "kill %u, after the commit, lost the import", i);
          n_absent++;
        }
      g_unlink (path);
    }

  g_test_message ("import of %u rows: %.1f s; after %u kills the batch was there %u times "
                  "and absent %u times", CRASH_ROWS, duration / 1e6, CRASH_KILLS, n_whole,
                  n_absent);
  g_printerr ("crash safety: import of %u rows took %.1f s; %u kills: %u whole, %u absent\n",
              CRASH_ROWS, duration / 1e6, CRASH_KILLS, n_whole, n_absent);
  /* Most kills land before the commit, the last few after it. */
  ck_assert_uint_ge (n_absent, CRASH_KILLS / 2);
  ck_assert_uint_ge (n_whole, CRASH_KILLS_LATE);
}
END_TEST

/* Disk full */

/* The database before a failed write, as bytes of its folded file. */
static GBytes *
snapshot (const char *path)
{
  checkpoint (path);
  return read_bytes (path);
}

START_TEST (test_disk_full_max_page_count)
{
  g_autofree char *path = tmp_path ("capped.db");
  g_autofree char *csv = tmp_path ("many.csv");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwImportResult) result = fw_import_result_new ();
  g_autofree char *cap = NULL;
  FwImportOptions options;
  gint64 pages;

  make_base_database (path);
  write_csv (csv, 30000, 3, 0);
  before = snapshot (path);

  /* A cap a little above what the file holds, on the store's own
   * connection: SQLite's way of saying the disk is full. */
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  pages = raw_int (path, "PRAGMA page_count");
  cap = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 20);
  ck_assert_int_eq (sqlite3_exec (fw_store_get_db (store), cap, NULL, NULL, NULL), SQLITE_OK);

  fw_import_options_init (&options);
  ck_assert (!fw_import_file (store, csv, &options, NULL, NULL, NULL, result, &error));
  ck_assert_msg (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_FULL), "%s",
                 error->message);
  ck_assert_msg (strstr (error->message, "The disk is full") != NULL, "%s", error->message);
  ck_assert_msg (strstr (error->message, path) != NULL, "%s", error->message);
  ck_assert_msg (strstr (error->message, "Free some space") != NULL, "%s", error->message);
  g_clear_object (&store);

  after = snapshot (path);
  ck_assert (g_bytes_equal (before, after));
  ck_assert_int_eq (rollup_mismatches (path), 0);
}
END_TEST

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { .rlim_cur = GPOINTER_TO_SIZE (data), .rlim_max = GPOINTER_TO_SIZE (data) };

  /* A write past the limit then fails with EFBIG instead of killing. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

START_TEST (test_disk_full_file_limit)
{
  g_autofree char *path = tmp_path ("limited.db");
  g_autofree char *csv = tmp_path ("many.csv");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_auto(Run) run = { 0 };
  gsize limit;

  make_base_database (path);
  write_csv (csv, 30000, 4, 0);
  before = snapshot (path);

  /* Writes stop half a megabyte past the file: the log of the import
   * hits the ceiling as on a full disk. */
  limit = g_bytes_get_size (before) + 512 * 1024;
  run_flywheel_full (&run, path, (const char *[]) { "import", csv, NULL }, limit_file_size,
                     GSIZE_TO_POINTER (limit));
  ck_assert_int_eq (run.status, 1);
  ck_assert_msg (strstr (run.err, "The disk is full") != NULL, "%s", run.err);
  ck_assert_msg (strstr (run.err, path) != NULL, "%s", run.err);

  after = snapshot (path);
  ck_assert (g_bytes_equal (before, after));
  assert_raw_text (path, "PRAGMA integrity_check", "ok");
}
END_TEST

/* Read-only */

START_TEST (test_read_only_file)
{
  g_autofree char *path = tmp_path ("locked.db");
  g_autofree char *csv = tmp_path ("more.csv");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) stats = { 0 };
  g_auto(Run) forget = { 0 };
  FwBatchInfo info = { "x.csv", NULL, "csv", NULL, "customer" };
  GStatBuf st_before, st_after;

  make_base_database (path);
  write_csv (csv, 100, 5, 0);
  ck_assert_int_eq (g_chmod (path, 0444), 0);
  before = read_bytes (path);
  ck_assert_int_eq (g_stat (path, &st_before), 0);

  /* Opened, read-only, and readable. */
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert (fw_store_is_read_only (store));
  ck_assert_int_eq (fw_store_count_batches (store, &error), 1);
  /* A write is refused before it starts, saying why. */
  ck_assert_ptr_null (fw_store_begin_batch (store, &info, &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY));
  g_clear_error (&error);
  ck_assert (!fw_store_remove_batch (store, 1, &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY));
  g_clear_object (&store);

  run_flywheel (&import, path, (const char *[]) { "import", csv, NULL });
  ck_assert_int_eq (import.status, 1);
  ck_assert_msg (strstr (import.err, "is read-only") != NULL, "%s", import.err);
  ck_assert_msg (strstr (import.err, path) != NULL, "%s", import.err);
  ck_assert_msg (strstr (import.err, "Make both writable") != NULL, "%s", import.err);

  run_flywheel (&forget, path, (const char *[]) { "forget", "--respondent", "C00001", NULL });
  ck_assert_int_eq (forget.status, 1);
  ck_assert_msg (strstr (forget.err, "is read-only") != NULL, "%s", forget.err);

  run_flywheel (&stats, path, (const char *[]) { "stats", NULL });
  ck_assert_msg (stats.status == 0, "%s", stats.err);

  after = read_bytes (path);
  ck_assert (g_bytes_equal (before, after));
  ck_assert_int_eq (g_stat (path, &st_after), 0);
  ck_assert_int_eq (st_before.st_mtime, st_after.st_mtime);
  ck_assert (!g_file_test (wal, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_read_only_folder)
{
  g_autofree char *dir = tmp_path ("shelf");
  g_autofree char *path = g_build_filename (dir, "flywheel.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "new.db", NULL);
  g_autofree char *csv = tmp_path ("more.csv");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) stats = { 0 };

  ck_assert_int_eq (g_mkdir (dir, 0700), 0);
  make_base_database (path);
  write_csv (csv, 100, 6, 0);
  ck_assert_int_eq (g_chmod (dir, 0555), 0);
  before = read_bytes (path);

  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert (fw_store_is_read_only (store));
  ck_assert_int_eq (fw_store_count_batches (store, &error), 1);
  /* Nothing is made beside it, not even while it is open. */
  ck_assert (!g_file_test (wal, G_FILE_TEST_EXISTS));
  ck_assert (!g_file_test (shm, G_FILE_TEST_EXISTS));
  g_clear_object (&store);

  /* No new database in such a folder. */
  ck_assert_ptr_null (fw_store_open (fresh, &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY));
  ck_assert_msg (strstr (error->message, dir) != NULL, "%s", error->message);
  ck_assert (!g_file_test (fresh, G_FILE_TEST_EXISTS));

  run_flywheel (&import, path, (const char *[]) { "import", csv, NULL });
  ck_assert_int_eq (import.status, 1);
  ck_assert_msg (strstr (import.err, "is read-only") != NULL, "%s", import.err);
  run_flywheel (&stats, path, (const char *[]) { "stats", NULL });
  ck_assert_msg (stats.status == 0, "%s", stats.err);

  after = read_bytes (path);
  ck_assert (g_bytes_equal (before, after));
  ck_assert (!g_file_test (wal, G_FILE_TEST_EXISTS));
  ck_assert (!g_file_test (shm, G_FILE_TEST_EXISTS));
}
END_TEST

/* Damaged databases */

static void
damage_truncate (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  ck_assert (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes) * 2 / 3, NULL));
}

/* Random bytes over the start of a page in the middle of the file: its
 * b-tree header and cell pointers. */
static void
damage_page (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  gsize page = size / 4096 / 2;

  ck_assert_uint_gt (size / 4096, 8);
  for (guint i = 0; i < 64; i++)
    data[page * 4096 + i] = (guint8) g_rand_int_range (rand, 0, 256);
  ck_assert (g_file_set_contents (path, (char *) data, size, NULL));
  g_free (data);
}

static void
damage_foreign (const char *path)
{
  g_unlink (path);
  raw_exec (path, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
}

static void
damage_newer (const char *path)
{
  raw_exec (path, "PRAGMA user_version = 42");
}

static const struct
{
  const char  *name;
  void       (*damage) (const char *path);
  FwStoreError code;
  const char  *says; /* what to do */
} damages[] = {
  { "truncated", damage_truncate, FW_STORE_ERROR_CORRUPT, "Restore it from a backup" },
  { "random-page", damage_page, FW_STORE_ERROR_CORRUPT, "Restore it from a backup" },
  { "foreign", damage_foreign, FW_STORE_ERROR_NOT_FLYWHEEL, "Choose another file" },
  { "newer", damage_newer, FW_STORE_ERROR_TOO_NEW, "Update Flywheel" },
};

/* Each damaged file is refused by opening or by the check, with a message
 * that names it and says what to do, and keeps every byte. */
START_TEST (test_damaged)
{
  g_autofree char *name = g_strdup_printf ("%s.db", damages[_i].name);
  g_autofree char *path = tmp_path (name);
  g_autofree char *csv = tmp_path ("more.csv");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) backup = { 0 };
  g_autofree char *copy = tmp_path ("copy.bak");
  GStatBuf st_before, st_after;

  make_base_database (path);
  damages[_i].damage (path);
  write_csv (csv, 100, 7, 0);
  before = read_bytes (path);
  ck_assert_int_eq (g_stat (path, &st_before), 0);

  store = fw_store_open (path, &error);
  if (store != NULL)
    ck_assert (!fw_store_check (store, &error));
  g_clear_object (&store);
  ck_assert_msg (g_error_matches (error, FW_STORE_ERROR, damages[_i].code), "%s",
                 error ? error->message : "opened");
  ck_assert_msg (strstr (error->message, path) != NULL, "%s", error->message);
  ck_assert_msg (strstr (error->message, damages[_i].says) != NULL, "%s", error->message);

  /* An import and a backup stop short of writing anything. */
  run_flywheel (&import, path, (const char *[]) { "import", csv, NULL });
  ck_assert_int_eq (import.status, 1);
  ck_assert_msg (strstr (import.err, path) != NULL, "%s", import.err);
  ck_assert_msg (strstr (import.err, damages[_i].says) != NULL, "%s", import.err);
  run_flywheel (&backup, path, (const char *[]) { "backup", copy, NULL });
  ck_assert_int_eq (backup.status, 1);
  ck_assert (!g_file_test (copy, G_FILE_TEST_EXISTS));

  {
    g_autoptr(GBytes) after = read_bytes (path);

    ck_assert (g_bytes_equal (before, after));
  }
  ck_assert_int_eq (g_stat (path, &st_after), 0);
  ck_assert_int_eq (st_before.st_mtime, st_after.st_mtime);
}
END_TEST

/* Backups and restore */

static gint64
add_batch (FwStore    *store,
           const char *name,
           guint       n)
{
  FwBatchInfo info = { name, NULL, "csv", NULL, "customer" };
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < n; i++)
    {
      FwResponse r = { FW_KIND_CUSTOMER, "2025-03-14", (int) (i % 11), "Billing", "Phone",
                       NULL, NULL, NULL, NAN };

      ck_assert (fw_batch_add (batch, &r, &error));
    }
  ck_assert_msg (fw_batch_commit (batch, &id, &error), "%s", error ? error->message : "");
  return id;
}

static guint
count_backups (const char *path,
               const char *reason)
{
  g_autoptr(GPtrArray) backups = fw_store_list_backups (path, NULL);
  guint n = 0;

  ck_assert_ptr_nonnull (backups);
  for (guint i = 0; i < backups->len; i++)
    {
      const FwBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->reason, reason) == 0)
        {
          ck_assert_int_eq (file_mode (info->path), 0600);
          n++;
        }
    }
  return n;
}

START_TEST (test_backup_before_removal)
{
  g_autofree char *path = tmp_path ("removals.db");
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[8];

  store = fw_store_open (path, &error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("file-%u.csv", i);

      ids[i] = add_batch (store, name, 10 + i);
    }

  ck_assert (fw_store_remove_batch (store, ids[0], &error));
  ck_assert_uint_eq (count_backups (path, "before-removal"), 1);

  /* The copy holds the batch that went. */
  backups = fw_store_list_backups (path, &error);
  {
    const FwBackupInfo *info = g_ptr_array_index (backups, 0);
    g_autofree char *basename = g_path_get_basename (info->path);
    g_autofree char *why = fw_backup_info_describe (info);

    ck_assert_msg (g_regex_match_simple ("^removals\\.db\\.before-removal-[0-9]{8}T[0-9]{6}Z"
                                         "(-[0-9]+)?\\.bak$", basename, 0, 0),
                   "%s", basename);
    ck_assert_str_eq (why, "Before an import was removed");
    ck_assert_int_eq (raw_int (info->path, "SELECT count(*) FROM import_batches"), 8);
    assert_raw_text (info->path, "PRAGMA integrity_check", "ok");
    assert_raw_text (info->path, "PRAGMA journal_mode", "delete");
  }

  /* Only the last few are kept. */
  for (guint i = 1; i < G_N_ELEMENTS (ids); i++)
    ck_assert (fw_store_remove_batch (store, ids[i], &error));
  ck_assert_uint_eq (count_backups (path, "before-removal"), 5);
  ck_assert_int_eq (fw_store_count_batches (store, &error), 0);
}
END_TEST

START_TEST (test_restore)
{
  g_autofree char *path = tmp_path ("restore.db");
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *foreign = tmp_path ("restore.db.foreign.bak");
  g_autofree char *damaged = tmp_path ("restore.db.damaged.bak");
  g_autoptr(GBytes) damaged_bytes = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) list = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) busy = { 0 };
  g_auto(Run) restore = { 0 };
  gint64 id;

  store = fw_store_open (path, &error);
  add_batch (store, "kept.csv", 30);
  id = add_batch (store, "removed.csv", 20);
  ck_assert (fw_store_remove_batch (store, id, &error));
  backups = fw_store_list_backups (path, &error);
  ck_assert_uint_eq (backups->len, 1);
  backup = g_strdup (((FwBackupInfo *) g_ptr_array_index (backups, 0))->path);

  /* Listed, with what it is. */
  run_flywheel (&list, path, (const char *[]) { "restore", NULL });
  ck_assert_int_eq (list.status, 0);
  ck_assert_msg (strstr (list.out, backup) != NULL, "%s", list.out);
  ck_assert_msg (strstr (list.out, "Before an import was removed") != NULL, "%s", list.out);

  /* Not while the database is open. */
  run_flywheel (&busy, path, (const char *[]) { "restore", backup, NULL });
  ck_assert_int_eq (busy.status, 1);
  ck_assert_msg (strstr (busy.err, "Close it there") != NULL, "%s", busy.err);
  g_clear_object (&store);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM import_batches"), 1);

  /* Neither another program's database, nor a damaged copy. */
  raw_exec (foreign, "CREATE TABLE notes (body TEXT)");
  run_flywheel (&refused, path, (const char *[]) { "restore", foreign, NULL });
  ck_assert_int_eq (refused.status, 1);
  ck_assert_msg (strstr (refused.err, "not a Flywheel database") != NULL, "%s", refused.err);
  run_clear (&refused);
  copy_file (backup, damaged);
  damage_page (damaged);
  run_flywheel (&refused, path, (const char *[]) { "restore", damaged, NULL });
  ck_assert_int_eq (refused.status, 1);
  ck_assert_msg (strstr (refused.err, "is damaged, so it cannot be restored") != NULL, "%s",
                 refused.err);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM import_batches"), 1);

  /* The database itself is damaged now; the restore keeps it as it is. */
  checkpoint (path);
  damage_page (path);
  damaged_bytes = read_bytes (path);
  run_flywheel (&restore, path, (const char *[]) { "restore", backup, NULL });
  ck_assert_msg (restore.status == 0, "%s", restore.err);
  ck_assert_msg (strstr (restore.out, "Restored") != NULL, "%s", restore.out);

  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM import_batches"), 2);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses"), 50);
  ck_assert_int_eq (rollup_mismatches (path), 0);
  ck_assert_int_eq (file_mode (path), 0600);
  ck_assert_uint_eq (count_backups (path, "before-restore"), 1);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = fw_store_list_backups (path, &error);
  for (guint i = 0; i < backups->len; i++)
    {
      const FwBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->reason, "before-restore") == 0)
        kept = g_strdup (info->path);
    }
  ck_assert_ptr_nonnull (kept);
  ck_assert_msg (strstr (restore.out, kept) != NULL, "%s", restore.out);
  {
    g_autoptr(GBytes) kept_bytes = read_bytes (kept);

    ck_assert (g_bytes_equal (kept_bytes, damaged_bytes));
  }

  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert (fw_store_check (store, &error));
}
END_TEST

/* One thread keeps a write transaction open while the copy is made. */
START_TEST (test_backup_while_in_use)
{
  g_autofree char *path = tmp_path ("busy.db");
  g_autofree char *copy = tmp_path ("copy.db");
  g_autoptr(FwStore) writer = NULL;
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  FwBatchInfo info = { "pending.csv", NULL, "csv", NULL, "customer" };
  sqlite3 *reader = NULL;
  sqlite3_stmt *stmt = NULL;

  writer = fw_store_open (path, &error);
  add_batch (writer, "committed.csv", 40);

  /* A reader in the middle of a read transaction... */
  ck_assert_int_eq (sqlite3_open (path, &reader), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (reader, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (reader, "SELECT count(*) FROM responses", -1, &stmt, NULL),
                    SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);

  /* ...and a writer with answers not yet committed. */
  batch = fw_store_begin_batch (writer, &info, &error);
  ck_assert_ptr_nonnull (batch);
  for (guint i = 0; i < 5000; i++)
    {
      FwResponse r = { FW_KIND_CUSTOMER, "2025-04-01", 9, "Sales", NULL, NULL, NULL, NULL, NAN };

      ck_assert (fw_batch_add (batch, &r, &error));
    }

  run_flywheel (&run, path, (const char *[]) { "backup", copy, NULL });
  ck_assert_msg (run.status == 0, "%s", run.err);
  ck_assert_msg (strstr (run.out, copy) != NULL, "%s", run.out);

  ck_assert (fw_batch_commit (batch, NULL, &error));
  sqlite3_finalize (stmt);
  sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (reader);

  /* The copy is the committed state, whole, private and in one file. */
  ck_assert_int_eq (file_mode (copy), 0600);
  assert_raw_text (copy, "PRAGMA integrity_check", "ok");
  ck_assert_int_eq (raw_int (copy, "PRAGMA application_id"), FW_STORE_APPLICATION_ID);
  ck_assert_int_eq (raw_int (copy, "SELECT count(*) FROM import_batches"), 1);
  ck_assert_int_eq (raw_int (copy, "SELECT count(*) FROM responses"), 40);
  ck_assert_int_eq (rollup_mismatches (copy), 0);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses"), 5040);

  /* A second copy never overwrites the first. */
  run_flywheel (&again, path, (const char *[]) { "backup", copy, NULL });
  ck_assert_int_eq (again.status, 1);
  ck_assert_msg (strstr (again.err, "already exists") != NULL, "%s", again.err);
  ck_assert_int_eq (raw_int (copy, "SELECT count(*) FROM responses"), 40);
}
END_TEST

/* Privacy */

START_TEST (test_private_files)
{
  g_autofree char *path = tmp_path ("private.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *copy = tmp_path ("private-copy.bak");
  g_autofree char *v1 = tmp_path ("old.db");
  g_autofree char *fixture = g_build_filename (g_getenv ("FW_TEST_DATA"), "flywheel-v1.db", NULL);
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwStore) old = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) restore = { 0 };
  mode_t saved = umask (022);
  gint64 id;

  store = fw_store_open (path, &error);
  id = add_batch (store, "a.csv", 10);
  add_batch (store, "b.csv", 10);
  ck_assert_int_eq (file_mode (path), 0600);
  ck_assert_int_eq (file_mode (wal), 0600);
  ck_assert_int_eq (file_mode (shm), 0600);
  ck_assert (fw_store_remove_batch (store, id, &error));
  ck_assert_uint_eq (count_backups (path, "before-removal"), 1);

  run_flywheel (&run, path, (const char *[]) { "backup", copy, NULL });
  ck_assert_msg (run.status == 0, "%s", run.err);
  ck_assert_int_eq (file_mode (copy), 0600);
  g_clear_object (&store);

  run_flywheel (&restore, path, (const char *[]) { "restore", copy, NULL });
  ck_assert_msg (restore.status == 0, "%s", restore.err);
  ck_assert_int_eq (file_mode (path), 0600);
  ck_assert_uint_eq (count_backups (path, "before-restore"), 1);

  /* The copy made before an upgrade. */
  copy_file (fixture, v1);
  g_chmod (v1, 0644);
  old = fw_store_open (v1, &error);
  ck_assert_msg (old != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (count_backups (v1, "v1"), 1);

  umask (saved);
}
END_TEST

static void
assert_no_markers (const char *what,
                   const char *text)
{
  ck_assert_msg (text == NULL || strstr (text, COMMENT_MARKER) == NULL,
                 "a comment in %s: %s", what, text);
  ck_assert_msg (text == NULL || strstr (text, RESPONDENT_MARKER) == NULL,
                 "a respondent key in %s: %s", what, text);
}

/* Bad records whose comments and keys carry markers: no message about
 * them, and no log line, repeats either.  `inspect` shows the first
 * records of a file on purpose (that is what it is for, and it writes
 * nothing); with --limit 0 it shows none, and its errors never do. */
START_TEST (test_no_leaks)
{
  g_autofree char *path = tmp_path ("private.db");
  g_autofree char *bad = tmp_path ("bad.csv");
  g_autofree char *open_quote = tmp_path ("open-quote.csv");
  g_autofree char *bad_date = tmp_path ("bad-date.csv");
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwImportResult) result = fw_import_result_new ();
  FwImportOptions options;
  const char *const *commands[] = {
    (const char *[]) { "import", bad, NULL },
    (const char *[]) { "import", open_quote, NULL },
    (const char *[]) { "import", bad_date, NULL },
    (const char *[]) { "import", "--dry-run", bad, NULL },
    (const char *[]) { "import", "--valid-only", bad, NULL },
    (const char *[]) { "inspect", "--limit", "0", bad, NULL },
    (const char *[]) { "inspect", "--limit", "0", "--json", bad, NULL },
    (const char *[]) { "inspect", "--limit", "0", open_quote, NULL },
    (const char *[]) { "stats", NULL },
    (const char *[]) { "stats", "--json", NULL },
    (const char *[]) { "units", NULL },
    (const char *[]) { "forget", "--respondent", "C" RESPONDENT_MARKER "00001", NULL },
    (const char *[]) { "forget", "--respondent", RESPONDENT_MARKER, NULL },
  };

  write_csv (bad, 400, 8, 7);
  ck_assert (g_file_set_contents (open_quote,
                                  "Date,Score,Customer ID,Comment\n"
                                  "2025-01-02,9,C" RESPONDENT_MARKER "1,\"fine\"\n"
                                  "2025-01-03,4,C" RESPONDENT_MARKER "2,\"" COMMENT_MARKER
                                  " never closed\n"
                                  "2025-01-04,8,C" RESPONDENT_MARKER "3,ok\n",
                                  -1, NULL));
  ck_assert (g_file_set_contents (bad_date,
                                  "Date,Score,Customer ID,Comment\n"
                                  "2025-01-02,9,C" RESPONDENT_MARKER "1,fine\n"
                                  "2025-02-31,4,C" RESPONDENT_MARKER "2," COMMENT_MARKER "\n"
                                  ",8,C" RESPONDENT_MARKER "3," COMMENT_MARKER "\n",
                                  -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *what = g_strjoinv (" ", (char **) commands[i]);

      run_flywheel (&run, path, commands[i]);
      assert_no_markers (what, run.err);
      assert_no_markers (what, run.out);
      /* The import and the forgetting happened, or the test says nothing. */
      if (g_str_has_prefix (what, "import --valid-only"))
        ck_assert_msg (run.status == 0 && strstr (run.out, "rejected") != NULL, "%s", run.out);
      if (g_str_has_prefix (what, "forget"))
        ck_assert_msg (run.status == 0, "%s", run.err);
    }

  /* In this process too, with the log captured. */
  g_string_truncate (logged, 0);
  store = fw_store_open (path, &error);
  fw_import_options_init (&options);
  ck_assert (!fw_import_file (store, bad_date, &options, NULL, NULL, NULL, result, &error));
  assert_no_markers ("the error", error->message);
  for (guint i = 0; i < result->problems->len; i++)
    assert_no_markers ("a problem",
                       ((FwImportProblem *) g_ptr_array_index (result->problems, i))->message);
  assert_no_markers ("the log", logged->str);
}
END_TEST

/* Forgetting */

START_TEST (test_forget)
{
  g_autofree char *path = tmp_path ("forget.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *csv1 = tmp_path ("first.csv");
  g_autofree char *csv2 = tmp_path ("second.csv");
  g_autofree char *employees = tmp_path ("employees.csv");
  g_auto(Run) import = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) forget = { 0 };
  g_auto(Run) merge = { 0 };
  gint64 before, key_answers;
  const char *key = "C" RESPONDENT_MARKER "00042";

  write_csv (csv1, 3000, 9, 0);
  write_csv (csv2, 3000, 10, 0);
  /* The person answers in both files, and as an employee too, with a
   * comment that names them. */
  {
    g_autofree char *text = NULL;
    g_autoptr(GString) more = NULL;

    ck_assert (g_file_get_contents (csv2, &text, NULL, NULL));
    more = g_string_new (text);
    g_string_append_printf (more, "X1,2024-06-03,2,Amsterdam,Store,%s,\"" COMMENT_MARKER
                                  " from the person\",12.50\r\n"
                                  "X2,2024-07-09,10,Breda,,%s,,\r\n", key, key);
    ck_assert (g_file_set_contents (csv2, more->str, more->len, NULL));
    ck_assert (g_file_set_contents (employees,
                                    "Date,eNPS score,Team,Employee ID,Comment\n"
                                    "2024-06-03,3,Support,E1,\n"
                                    "2024-06-04,9,Support,E2,\n"
                                    "2024-06-05,7,Support,E3,\n"
                                    "2024-06-06,8,Support,E4,\n"
                                    "2024-06-07,6,Support,E5,\n"
                                    "2024-06-08,5,Support,C" RESPONDENT_MARKER "00042,"
                                    COMMENT_MARKER " at work\n", -1, NULL));
  }
  {
    g_autofree char *text = NULL;
    g_autoptr(GString) more = NULL;

    ck_assert (g_file_get_contents (csv1, &text, NULL, NULL));
    more = g_string_new (text);
    g_string_append_printf (more, "X3,2023-02-01,9,Utrecht,Web shop,%s,\"" COMMENT_MARKER
                                  " again\",3.00\r\n", key);
    ck_assert (g_file_set_contents (csv1, more->str, more->len, NULL));
  }

  run_flywheel (&import, path, (const char *[]) { "import", csv1, csv2, NULL });
  ck_assert_msg (import.status == 0, "%s", import.err);
  run_clear (&import);
  run_flywheel (&import, path, (const char *[]) { "import", "--kind", "employee",
                                                  "--respondent-column", "Employee ID",
                                                  employees, NULL });
  ck_assert_msg (import.status == 0, "%s", import.err);
  /* A merged unit: the rollup counts Breda's answers under Amsterdam. */
  run_flywheel (&merge, path, (const char *[]) { "units", "--merge", "Breda", "--into",
                                                 "Amsterdam", NULL });
  ck_assert_msg (merge.status == 0, "%s", merge.err);

  key_answers = raw_int (path, "SELECT count(*) FROM responses WHERE respondent LIKE 'C"
                               RESPONDENT_MARKER "00042'");
  ck_assert_int_ge (key_answers, 3);
  before = raw_int (path, "SELECT count(*) FROM responses");
  checkpoint (path);
  ck_assert (file_contains (path, key));
  ck_assert (file_contains (path, COMMENT_MARKER));

  run_flywheel (&dry, path, (const char *[]) { "forget", "--respondent", key, "--dry-run", NULL });
  ck_assert_msg (dry.status == 0, "%s", dry.err);
  ck_assert_msg (strstr (dry.out, "Would remove") != NULL, "%s", dry.out);
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses"), before);

  run_flywheel (&forget, path, (const char *[]) { "forget", "--respondent", key, NULL });
  ck_assert_msg (forget.status == 0, "%s", forget.err);
  {
    g_autofree char *says = g_strdup_printf ("Removed %" G_GINT64_FORMAT " answers",
                                             key_answers);

    ck_assert_msg (strstr (forget.out, says) != NULL, "%s", forget.out);
  }
  ck_assert_msg (strstr (forget.out, "(3 with a comment)") != NULL
                 || strstr (forget.out, "with a comment") != NULL, "%s", forget.out);
  assert_no_markers ("forget", forget.out);
  assert_no_markers ("forget", forget.err);

  /* Every figure recounted without them. */
  ck_assert_int_eq (raw_int (path, "SELECT count(*) FROM responses"), before - key_answers);
  ck_assert_int_eq (raw_int (path, "SELECT sum (n) FROM rollup_daily"), before - key_answers);
  ck_assert_int_eq (raw_int (path, "SELECT sum (n) FROM rollup_monthly"), before - key_answers);
  ck_assert_int_eq (raw_int (path, "SELECT sum (row_count) FROM import_batches"),
                    before - key_answers);
  ck_assert_int_eq (rollup_mismatches (path), 0);
  assert_raw_text (path, "PRAGMA integrity_check", "ok");

  /* No trace in the file, nor in its log. */
  ck_assert (!file_contains (path, key));
  ck_assert (!file_contains (path, COMMENT_MARKER));
  ck_assert (!file_contains (wal, key));
  ck_assert (!file_contains (wal, COMMENT_MARKER));

  /* Asked again, there is nothing left. */
  {
    g_auto(Run) again = { 0 };

    run_flywheel (&again, path, (const char *[]) { "forget", "--respondent", key, NULL });
    ck_assert_int_eq (again.status, 0);
    ck_assert_msg (strstr (again.out, "nothing was removed") != NULL, "%s", again.out);
  }
}
END_TEST

/* Forgetting names the backups that may still hold the answers. */
START_TEST (test_forget_names_backups)
{
  g_autofree char *path = tmp_path ("names.db");
  g_autofree char *csv = tmp_path ("one.csv");
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) forget = { 0 };
  gint64 id;

  write_csv (csv, 200, 11, 0);
  run_flywheel (&import, path, (const char *[]) { "import", csv, NULL });
  ck_assert_msg (import.status == 0, "%s", import.err);
  store = fw_store_open (path, &error);
  id = add_batch (store, "extra.csv", 3);
  ck_assert (fw_store_remove_batch (store, id, &error));
  g_clear_object (&store);
  backups = fw_store_list_backups (path, &error);
  ck_assert_uint_eq (backups->len, 1);

  {
    g_autofree char *key = raw_text (path, "SELECT respondent FROM responses LIMIT 1");

    run_flywheel (&forget, path, (const char *[]) { "forget", "--respondent", key, NULL });
    ck_assert_msg (forget.status == 0, "%s", forget.err);
    ck_assert_msg (strstr (forget.out, "may still hold") != NULL, "%s", forget.out);
    ck_assert_msg (strstr (forget.out, ((FwBackupInfo *) g_ptr_array_index (backups, 0))->path)
                   != NULL, "%s", forget.out);
    ck_assert_msg (strstr (forget.out, key) == NULL, "%s", forget.out);
  }
}
END_TEST

static Suite *
faults_suite (void)
{
  Suite *s = suite_create ("faults");
  TCase *crash = tcase_create ("crash");
  TCase *tc = tcase_create ("faults");

  tcase_add_checked_fixture (crash, setup, teardown);
  tcase_set_timeout (crash, 240);
  tcase_add_test (crash, test_crash_safety);
  suite_add_tcase (s, crash);

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_disk_full_max_page_count);
  tcase_add_test (tc, test_disk_full_file_limit);
  tcase_add_test (tc, test_read_only_file);
  tcase_add_test (tc, test_read_only_folder);
  tcase_add_loop_test (tc, test_damaged, 0, G_N_ELEMENTS (damages));
  tcase_add_test (tc, test_backup_before_removal);
  tcase_add_test (tc, test_restore);
  tcase_add_test (tc, test_backup_while_in_use);
  tcase_add_test (tc, test_private_files);
  tcase_add_test (tc, test_no_leaks);
  tcase_add_test (tc, test_forget);
  tcase_add_test (tc, test_forget_names_backups);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *runner;
  int failed;

  logged = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  runner = srunner_create (faults_suite ());
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
