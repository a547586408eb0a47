/* query-bench.c: the dashboard's queries on a large database, timed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds (or, with --keep PATH, reuses) a database of generated responses
 * through the real write path, then times every query the dashboard makes
 * (overall tiles, trend by month, breakdown by unit, unit x quarter link)
 * through the query layer and as plain SQL over the raw responses table,
 * and prints the medians and their ratio.  Targets (issue 4): the query
 * layer under 10 ms per query, at least 50 times faster than raw SQL.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fw-insights.h"
#include "fw-query.h"
#include "fw-store.h"

#define N_UNITS       15
#define N_TOUCHPOINTS 6
#define FIRST_YEAR    2023
#define N_YEARS       3
#define TARGET_MS     10.0
#define TARGET_RATIO  50.0

static const char *touchpoint_names[N_TOUCHPOINTS] = {
  "phone", "e-mail", "chat", "store", "web", "app",
};

/* xorshift64*: deterministic, the same rows on every machine. */
static guint64
next_random (guint64 *state)
{
  guint64 x = *state;

  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * G_GUINT64_CONSTANT (2685821657736338717);
}

/* A score between 0 and 10 whose mean moves with @bias (about -2..2). */
static int
draw_score (guint64 *state,
            double   bias)
{
  double u = (double) (next_random (state) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
  double v = (double) (next_random (state) >> 11) / (double) (G_GUINT64_CONSTANT (1) << 53);
  int score = (int) floor (7.0 + bias + (u + v - 1.0) * 5.0 + 0.5);

  return CLAMP (score, 0, 10);
}

static gboolean
generate (const char *path,
          gint64      n_rows,
          GError    **error)
{
  g_autoptr (FwStore) store = NULL;
  g_autoptr (FwBatch) batch = NULL;
  g_autoptr (GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, FIRST_YEAR);
  char *unit_names[N_UNITS];
  FwBatchInfo info = { "query-bench", NULL, "demo", NULL, "mixed" };
  guint64 state = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  char respondent[32];
  gint64 batch_id = 0;
  gboolean ok = FALSE;

  while (g_date_get_year (date) < FIRST_YEAR + N_YEARS)
    {
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
      g_ptr_array_add (days, g_strdup (text));
      g_date_add_days (date, 1);
    }
  for (guint i = 0; i < N_UNITS; i++)
    unit_names[i] = g_strdup_printf ("Unit %02u", i + 1);

  store = fw_store_open (path, error);
  if (store == NULL)
    goto out;
  batch = fw_store_begin_batch (store, &info, error);
  if (batch == NULL)
    goto out;

  for (gint64 i = 0; i < n_rows; i++)
    {
      FwResponse response = { 0 };
      guint day_index = (guint) ((guint64) i * days->len / (guint64) n_rows);
      guint unit = (guint) (next_random (&state) % N_UNITS);
      guint quarter = day_index / 92;
      /* Each unit drifts by quarter; customers follow their unit's
       * employees a quarter later, the lead the link should find. */
      double ex_bias = sin ((double) (unit * 7 + quarter) * 0.9) * 1.5;
      double cx_bias = sin ((double) (unit * 7 + (quarter > 0 ? quarter - 1 : 0)) * 0.9) * 1.2;

      /* One answer in ten is an employee's. */
      response.kind = (i % 10 == 9) ? FW_KIND_EMPLOYEE : FW_KIND_CUSTOMER;
      response.day = g_ptr_array_index (days, day_index);
      response.unit = unit_names[unit];
      response.spend = NAN;
      if (response.kind == FW_KIND_CUSTOMER)
        {
          response.score = draw_score (&state, cx_bias);
          response.touchpoint = touchpoint_names[next_random (&state) % N_TOUCHPOINTS];
          g_snprintf (respondent, sizeof respondent, "C%07" G_GUINT64_FORMAT,
                      next_random (&state) % 2000000);
          response.respondent = respondent;
          if (i % 4 == 0)
            response.spend = (double) (next_random (&state) % 50000) / 100.0;
        }
      else
        {
          response.score = draw_score (&state, ex_bias);
        }
      if (!fw_batch_add (batch, &response, error))
        goto out;
    }
  if (!fw_batch_commit (batch, &batch_id, error))
    goto out;
  ok = TRUE;

out:
  for (guint i = 0; i < N_UNITS; i++)
    g_free (unit_names[i]);
  return ok;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef gboolean (*QueryFunc) (gpointer  data,
                               GError  **error);

/* The median in milliseconds of @runs timed calls after @warmup untimed
 * ones, or a negative number after an error. */
static double
time_median (QueryFunc   func,
             gpointer    data,
             guint       warmup,
             guint       runs,
             GError    **error)
{
  g_autofree double *ms = g_new0 (double, runs);

  for (guint i = 0; i < warmup; i++)
    if (!func (data, error))
      return -1.0;
  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!func (data, error))
        return -1.0;
      ms[i] = (double) (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (ms, runs, sizeof *ms, compare_doubles);
  return runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2.0;
}

/* The query layer. */

static gboolean
fw_overall (gpointer  data,
            GError  **error)
{
  FwScore customer, employee;

  return fw_store_get_overall (data, FW_KIND_CUSTOMER, FW_ANONYMITY_DEFAULT, &customer, error)
         && fw_store_get_overall (data, FW_KIND_EMPLOYEE, FW_ANONYMITY_DEFAULT, &employee, error);
}

static gboolean
fw_grouped (FwStore    *store,
            FwGrouping  grouping,
            GError    **error)
{
  FwQueryOptions options = FW_QUERY_OPTIONS_INIT;

  for (int kind = FW_KIND_CUSTOMER; kind <= FW_KIND_EMPLOYEE; kind++)
    {
      g_autoptr (FwQueryFilter) filter = fw_query_filter_new ((FwKind) kind);
      g_autoptr (FwQueryResult) result = NULL;

      result = fw_query_run (store, filter, grouping, &options, error);
      if (result == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
fw_month (gpointer  data,
          GError  **error)
{
  return fw_grouped (data, FW_GROUPING_MONTH, error);
}

static gboolean
fw_unit (gpointer  data,
         GError  **error)
{
  return fw_grouped (data, FW_GROUPING_UNIT, error);
}

static gboolean
fw_unit_quarter (gpointer  data,
                 GError  **error)
{
  return fw_grouped (data, FW_GROUPING_UNIT_QUARTER, error);
}

static gboolean
fw_link (gpointer  data,
         GError  **error)
{
  FwLinkOptions options = FW_LINK_OPTIONS_INIT;
  g_autoptr (FwLink) link = fw_insights_link (data, NULL, NULL, &options, error);

  return link != NULL;
}

/* The same as plain SQL over raw responses, NPS arithmetic in SQL. */

#define RAW_COLUMNS \
  "count(*), sum(score >= 9), sum(score BETWEEN 7 AND 8), sum(score <= 6), " \
  "100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*)"

static const char *raw_overall_sql =
  "SELECT kind, " RAW_COLUMNS " FROM responses GROUP BY kind";
static const char *raw_month_sql =
  "SELECT kind, substr(day, 1, 7) AS month, " RAW_COLUMNS
  " FROM responses GROUP BY kind, month ORDER BY kind, month";
static const char *raw_unit_sql =
  "SELECT r.kind, u.name, " RAW_COLUMNS
  " FROM responses AS r LEFT JOIN units AS u ON u.id = r.unit_id"
  " GROUP BY r.kind, r.unit_id ORDER BY r.kind, u.name";
static const char *raw_unit_quarter_sql =
  "SELECT r.kind, u.name, substr(day, 1, 4) || '-Q' || ((CAST(substr(day, 6, 2) AS INTEGER) + 2) / 3)"
  " AS quarter, " RAW_COLUMNS
  " FROM responses AS r LEFT JOIN units AS u ON u.id = r.unit_id"
  " GROUP BY r.kind, r.unit_id, quarter ORDER BY r.kind, u.name, quarter";

typedef struct
{
  sqlite3    *db;
  const char *sql;
} RawQuery;

static gboolean
raw_run (gpointer  data,
         GError  **error)
{
  RawQuery *query = data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (query->db, query->sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rc = SQLITE_OK;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s",
                   query->sql, sqlite3_errmsg (query->db));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *name;
  QueryFunc   func;
  const char *raw_sql;
} Case;

int
main (int    argc,
      char **argv)
{
  g_autofree char *keep = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (FwStore) store = NULL;
  gint64 rows = 10000000;
  int runs = 21, warmup = 3, raw_runs = 5, raw_warmup = 1;
  gboolean all_ok = TRUE;
  sqlite3 *raw = NULL;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep,
      "Use (or create and keep) the database at PATH", "PATH" },
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows,
      "Responses to generate (default 10000000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs,
      "Timed runs of each Flywheel query (default 21)", "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &warmup,
      "Untimed runs before them (default 3)", "N" },
    { "raw-runs", 0, 0, G_OPTION_ARG_INT, &raw_runs,
      "Timed runs of each raw SQL query (default 5)", "N" },
    { "raw-warmup", 0, 0, G_OPTION_ARG_INT, &raw_warmup,
      "Untimed runs before them (default 1)", "N" },
    { NULL }
  };
  Case cases[] = {
    { "overall tiles (CX + EX)", fw_overall, raw_overall_sql },
    { "trend by month (CX + EX)", fw_month, raw_month_sql },
    { "breakdown by unit (CX + EX)", fw_unit, raw_unit_sql },
    { "unit x quarter (CX + EX)", fw_unit_quarter, raw_unit_quarter_sql },
    { "unit x quarter link", fw_link, raw_unit_quarter_sql },
  };

  context = g_option_context_new ("- time the dashboard's queries");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (rows < 1 || runs < 1 || warmup < 0 || raw_runs < 1 || raw_warmup < 0)
    {
      g_printerr ("--rows and the run counts must be positive\n");
      return 2;
    }

  if (keep != NULL)
    path = g_strdup (keep);
  else
    {
      tmpdir = g_dir_make_tmp ("fw-query-bench-XXXXXX", &error);
      if (tmpdir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      path = g_build_filename (tmpdir, "bench.db", NULL);
    }

  if (keep != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    g_print ("Reusing %s\n", path);
  else
    {
      gint64 start = g_get_monotonic_time ();

      g_print ("Generating %" G_GINT64_FORMAT " responses in %s ...\n", rows, path);
      if (!generate (path, rows, &error))
        {
          g_printerr ("generating: %s\n", error->message);
          return 1;
        }
      g_print ("Generated through fw_batch_add in %.1f s\n",
               (double) (g_get_monotonic_time () - start) / 1e6);
    }

  store = fw_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", path, sqlite3_errmsg (raw));
      sqlite3_close (raw);
      return 1;
    }

  g_print ("\nMedians: Flywheel %d runs after %d warm-up, raw SQL %d after %d\n\n",
           runs, warmup, raw_runs, raw_warmup);
  g_print ("%-28s %12s %12s %9s  %s\n", "query", "Flywheel ms", "raw SQL ms", "ratio",
           "targets (<10 ms, >=50x)");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RawQuery query = { raw, cases[i].raw_sql };
      double fw_ms, raw_ms, ratio;
      gboolean fast, ahead;

      fw_ms = time_median (cases[i].func, store, (guint) warmup, (guint) runs, &error);
      if (fw_ms < 0)
        {
          g_printerr ("%s: %s\n", cases[i].name, error->message);
          sqlite3_close (raw);
          return 1;
        }
      raw_ms = time_median (raw_run, &query, (guint) raw_warmup, (guint) raw_runs, &error);
      if (raw_ms < 0)
        {
          g_printerr ("%s (raw): %s\n", cases[i].name, error->message);
          sqlite3_close (raw);
          return 1;
        }
      ratio = fw_ms > 0 ? raw_ms / fw_ms : INFINITY;
      fast = fw_ms < TARGET_MS;
      ahead = ratio >= TARGET_RATIO;
      all_ok = all_ok && fast && ahead;
      g_print ("%-28s %12.2f %12.1f %8.0fx  %s %s\n", cases[i].name, fw_ms, raw_ms, ratio,
               fast ? "time ok" : "TIME MISSED", ahead ? "ratio ok" : "RATIO MISSED");
    }
  sqlite3_close (raw);

  g_print ("\n%s\n", all_ok ? "All targets hold." : "Some targets missed.");

  g_clear_object (&store);
  if (tmpdir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      g_rmdir (tmpdir);
    }
  /* A benchmark reports; it fails only when it cannot run. */
  return 0;
}
