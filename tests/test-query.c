/* test-query.c: the query layer against a small database with known counts,
 * and against the sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected changes and intervals were worked out independently of this code
 * (the formulas of DESIGN.md in plain floating point in a scratch shell);
 * the counts are in the comment above each table.
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "fw-demo.h"
#include "fw-query.h"
#include "fw-stats.h"
#include "fw-store-private.h"

#define EPS 1e-6

static char *tmpdir;
static FwStore *store;

typedef struct
{
  FwKind      kind;
  const char *day;
  const char *unit;
  const char *touchpoint;
  const char *scores; /* one digit per answer, 'X' for 10 */
} Answers;

/* The customer answers of the small database.  Per unit:
 *   Billing  P5 Pa2 D2 n9   Sales P1 D2 n3   Support P4 n4   (none) D1 n1
 * Per month: 2024-12 P1 D1 n2, 2025-01 P4 Pa1 D3 n8, 2025-02 P1 Pa1 n2,
 *   2025-04 P4 D1 n5.  Total P10 Pa2 D5 n17.
 * 2024-12-30 is the Monday of ISO week 2025-W01. */
static const Answers customer_answers[] = {
  { FW_KIND_CUSTOMER, "2024-12-30", "Billing", "Phone", "59" },
  { FW_KIND_CUSTOMER, "2025-01-06", "Billing", "Phone", "XX983" },
  { FW_KIND_CUSTOMER, "2025-01-31", "Sales", "Email", "X66" },
  { FW_KIND_CUSTOMER, "2025-02-03", "Billing", "Email", "97" },
  { FW_KIND_CUSTOMER, "2025-04-01", "Support", "Phone", "XXXX" },
  { FW_KIND_CUSTOMER, "2025-04-15", NULL, "Phone", "0" },
};

static void
setup (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  tmpdir = g_dir_make_tmp ("fw-query-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  path = g_build_filename (tmpdir, "flywheel.db", NULL);
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_autofree char *path = g_strdup (fw_store_get_path (store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static gint64
add_answers (const Answers *answers,
             guint          n_answers,
             const char    *kind)
{
  FwBatchInfo info = { "test.csv", NULL, "csv", NULL, kind };
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch_id = 0;

  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < n_answers; i++)
    for (const char *s = answers[i].scores; *s != '\0'; s++)
      {
        FwResponse r = {
          answers[i].kind, answers[i].day, *s == 'X' ? 10 : *s - '0', answers[i].unit,
          answers[i].touchpoint, NULL, NULL, NULL, NAN,
        };
        ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
      }
  ck_assert_msg (fw_batch_commit (batch, &batch_id, &error), "%s", error ? error->message : "");
  return batch_id;
}

static void
exec_sql (const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (fw_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    ck_abort_msg ("%s: %s", sql, message);
}

static FwQueryResult *
run (const FwQueryFilter *filter,
     FwGrouping           grouping,
     guint                fiscal_start_month,
     guint                min_group)
{
  FwQueryOptions options = { fiscal_start_month, min_group };
  g_autoptr(GError) error = NULL;
  FwQueryResult *result;

  result = fw_query_run (store, filter, grouping, &options, &error);
  ck_assert_msg (result != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (result->grouping, grouping);
  return result;
}

static void assert_same_rows (const FwQueryResult *a,
                              const FwQueryResult *b);

/* Expected rows: key, unit, n, promoters, passives, detractors. */
typedef struct
{
  const char *key;
  const char *unit;
  gint64      n, promoters, passives, detractors;
} Expected;

static void
check_rows (const FwQueryResult *result,
            const Expected      *expected,
            guint                n_expected)
{
  FwTally sum = { 0 };

  ck_assert_uint_eq (result->rows->len, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);
      const Expected *e = &expected[i];

      ck_assert_str_eq (row->key, e->key);
      ck_assert_pstr_eq (row->unit, e->unit);
      ck_assert_int_eq (row->tally.n, e->n);
      ck_assert_int_eq (row->tally.promoters, e->promoters);
      ck_assert_int_eq (row->tally.passives, e->passives);
      ck_assert_int_eq (row->tally.detractors, e->detractors);
      ck_assert (!row->suppressed);
      ck_assert_double_eq_tol (row->nps, fw_stats_nps (e->promoters, e->detractors, e->n), EPS);
      ck_assert (row->ci_low <= row->ci_high);
      sum.n += row->tally.n;
      sum.promoters += row->tally.promoters;
      sum.detractors += row->tally.detractors;
    }
  /* Every grouping splits the same total. */
  ck_assert_int_eq (result->total.tally.n, sum.n);
  ck_assert_int_eq (result->total.tally.promoters, sum.promoters);
  ck_assert_int_eq (result->total.tally.detractors, sum.detractors);
}

typedef struct
{
  FwGrouping     grouping;
  guint          fiscal_start_month;
  const Expected rows[8];
  guint          n_rows;
} GroupingCase;

static const GroupingCase grouping_cases[] = {
  { FW_GROUPING_TOTAL, 1, { { "total", NULL, 17, 10, 2, 5 } }, 1 },
  { FW_GROUPING_DAY, 1,
    { { "2024-12-30", NULL, 2, 1, 0, 1 },
      { "2025-01-06", NULL, 5, 3, 1, 1 },
      { "2025-01-31", NULL, 3, 1, 0, 2 },
      { "2025-02-03", NULL, 2, 1, 1, 0 },
      { "2025-04-01", NULL, 4, 4, 0, 0 },
      { "2025-04-15", NULL, 1, 0, 0, 1 } }, 6 },
  /* 2024-12-30 belongs to ISO year 2025. */
  { FW_GROUPING_WEEK, 1,
    { { "2025-W01", NULL, 2, 1, 0, 1 },
      { "2025-W02", NULL, 5, 3, 1, 1 },
      { "2025-W05", NULL, 3, 1, 0, 2 },
      { "2025-W06", NULL, 2, 1, 1, 0 },
      { "2025-W14", NULL, 4, 4, 0, 0 },
      { "2025-W16", NULL, 1, 0, 0, 1 } }, 6 },
  { FW_GROUPING_MONTH, 1,
    { { "2024-12", NULL, 2, 1, 0, 1 },
      { "2025-01", NULL, 8, 4, 1, 3 },
      { "2025-02", NULL, 2, 1, 1, 0 },
      { "2025-04", NULL, 5, 4, 0, 1 } }, 4 },
  { FW_GROUPING_QUARTER, 1,
    { { "2024-Q4", NULL, 2, 1, 0, 1 },
      { "2025-Q1", NULL, 10, 5, 2, 3 },
      { "2025-Q2", NULL, 5, 4, 0, 1 } }, 3 },
  /* A fiscal year from April, named after the year it ends in: December
   * 2024 is the third quarter of 2025, January-February 2025 its fourth,
   * April 2025 the first of 2026. */
  { FW_GROUPING_QUARTER, 4,
    { { "2025-Q3", NULL, 2, 1, 0, 1 },
      { "2025-Q4", NULL, 10, 5, 2, 3 },
      { "2026-Q1", NULL, 5, 4, 0, 1 } }, 3 },
  { FW_GROUPING_YEAR, 1,
    { { "2024", NULL, 2, 1, 0, 1 },
      { "2025", NULL, 15, 9, 2, 4 } }, 2 },
  { FW_GROUPING_YEAR, 4,
    { { "2025", NULL, 12, 6, 2, 4 },
      { "2026", NULL, 5, 4, 0, 1 } }, 2 },
  /* By name, answers without a unit last under "". */
  { FW_GROUPING_UNIT, 1,
    { { "Billing", "Billing", 9, 5, 2, 2 },
      { "Sales", "Sales", 3, 1, 0, 2 },
      { "Support", "Support", 4, 4, 0, 0 },
      { "", "", 1, 0, 0, 1 } }, 4 },
  { FW_GROUPING_TOUCHPOINT, 1,
    { { "Email", NULL, 5, 2, 1, 2 },
      { "Phone", NULL, 12, 8, 1, 3 } }, 2 },
  { FW_GROUPING_UNIT_QUARTER, 1,
    { { "2024-Q4", "Billing", 2, 1, 0, 1 },
      { "2025-Q1", "Billing", 7, 4, 2, 1 },
      { "2025-Q1", "Sales", 3, 1, 0, 2 },
      { "2025-Q2", "Support", 4, 4, 0, 0 },
      { "2025-Q2", "", 1, 0, 0, 1 } }, 5 },
};

START_TEST (test_groupings)
{
  const GroupingCase *c = &grouping_cases[_i];
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(FwQueryResult) result = NULL;

  add_answers (customer_answers, G_N_ELEMENTS (customer_answers), "customer");
  result = run (filter, c->grouping, c->fiscal_start_month, FW_ANONYMITY_DEFAULT);
  check_rows (result, c->rows, c->n_rows);

  /* P10 D5 n17: NPS 29.411765; adjusted Wald n' = 20, p' = 0.5375,
   * d' = 0.2875, v' = 0.7625, 25 +- 196 * sqrt (0.038125) = 25 +- 38.270223. */
  ck_assert_double_eq_tol (result->total.nps, 29.4117647058824, EPS);
  ck_assert_double_eq_tol (result->total.ci_low, -13.2702234119426, EPS);
  ck_assert_double_eq_tol (result->total.ci_high, 63.2702234119426, EPS);
  ck_assert (!result->total.suppressed);
}
END_TEST

START_TEST (test_changes)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(FwQueryResult) months = NULL;
  g_autoptr(FwQueryResult) quarters = NULL;
  g_autoptr(FwQueryResult) units = NULL;
  g_autoptr(FwQueryResult) total = NULL;
  const FwQueryRow *row;

  add_answers (customer_answers, G_N_ELEMENTS (customer_answers), "customer");

  /* Months: the first has nothing before it, and neither has April, whose
   * March is empty.  2025-01 (P4 D3 n8) against 2024-12 (P1 D1 n2):
   * v1 = 1 - 0 = 1, v2 = 7/8 - 1/64 = 0.859375,
   * se = 100 * sqrt (1/2 + 0.859375/8) = 77.937476, delta = 12.5,
   * z = 0.1603854, p = 0.8725775. */
  months = run (filter, FW_GROUPING_MONTH, 1, 5);
  row = fw_query_result_lookup (months, "2024-12", NULL);
  ck_assert (isnan (row->delta) && isnan (row->z) && isnan (row->p));
  ck_assert_int_eq (row->previous_n, -1);
  row = fw_query_result_lookup (months, "2025-01", NULL);
  ck_assert_int_eq (row->previous_n, 2);
  ck_assert_double_eq_tol (row->delta, 12.5, EPS);
  ck_assert_double_eq_tol (row->z, 0.160385387952925, EPS);
  ck_assert_double_eq_tol (row->p, 0.8725774993411, EPS);
  /* 2025-02 (P1 Pa1 n2) against 2025-01: delta = 50 - 12.5 = 37.5,
   * se = 100 * sqrt (0.859375/8 + 0.25/2) = 48.210..., z = 0.7778445. */
  row = fw_query_result_lookup (months, "2025-02", NULL);
  ck_assert_double_eq_tol (row->delta, 37.5, EPS);
  ck_assert_double_eq_tol (row->z, 0.777844468262597, EPS);
  ck_assert_double_eq_tol (row->p, 0.436660709048995, EPS);
  row = fw_query_result_lookup (months, "2025-04", NULL);
  ck_assert (isnan (row->delta));

  /* Unit x quarter compares a unit with its own previous quarter: Billing
   * 2025-Q1 (P4 Pa2 D1 n7) against 2024-Q4 (P1 D1 n2): delta = 42.857143,
   * z = 0.5647896, p = 0.5722169.  Sales has no 2024-Q4. */
  quarters = run (filter, FW_GROUPING_UNIT_QUARTER, 1, 5);
  row = fw_query_result_lookup (quarters, "2025-Q1", "Billing");
  ck_assert_double_eq_tol (row->delta, 42.8571428571429, EPS);
  ck_assert_double_eq_tol (row->z, 0.564789643825161, EPS);
  ck_assert_double_eq_tol (row->p, 0.572216851880226, EPS);
  row = fw_query_result_lookup (quarters, "2025-Q1", "Sales");
  ck_assert (isnan (row->delta));

  /* A range of January against the 31 days before it, December: Billing
   * P3 Pa1 D1 n5 against P1 D1 n2, delta = 40, z = 0.5047545; the total
   * is the month change above. */
  fw_query_filter_set_range (filter, "2025-01-01", "2025-01-31");
  units = run (filter, FW_GROUPING_UNIT, 1, 5);
  row = fw_query_result_lookup (units, "Billing", NULL);
  ck_assert_double_eq_tol (row->delta, 40, EPS);
  ck_assert_double_eq_tol (row->z, 0.504754465125069, EPS);
  ck_assert_double_eq_tol (row->p, 0.613731301462698, EPS);
  ck_assert_int_eq (row->previous_n, 2);
  row = fw_query_result_lookup (units, "Sales", NULL);
  ck_assert (isnan (row->delta));
  ck_assert_int_eq (row->previous_n, -1);
  ck_assert_double_eq_tol (units->total.delta, 12.5, EPS);
  ck_assert_int_eq (units->total.previous_n, 2);
  ck_assert_double_eq_tol (units->total.z, 0.160385387952925, EPS);

  total = run (filter, FW_GROUPING_TOTAL, 1, 5);
  row = &g_array_index (total->rows, FwQueryRow, 0);
  ck_assert_double_eq_tol (row->delta, 12.5, EPS);
  ck_assert_double_eq_tol (total->total.z, 0.160385387952925, EPS);
}
END_TEST

typedef struct
{
  const char *from, *to;
  const char *units[3];
  const char *touchpoints[3];
  gint64      n, promoters, detractors;
} FilterCase;

static const FilterCase filter_cases[] = {
  { NULL, NULL, { NULL }, { NULL }, 17, 10, 5 },
  /* Both ends are inclusive. */
  { "2025-01-06", "2025-02-03", { NULL }, { NULL }, 10, 5, 3 },
  { "2025-01-07", "2025-02-02", { NULL }, { NULL }, 3, 1, 2 },
  { "2025-04-01", NULL, { NULL }, { NULL }, 5, 4, 1 },
  { NULL, "2024-12-30", { NULL }, { NULL }, 2, 1, 1 },
  { "2026-01-01", NULL, { NULL }, { NULL }, 0, 0, 0 },
  /* Unit names are matched without regard to case, and through aliases. */
  { NULL, NULL, { "Billing", "sales" }, { NULL }, 12, 6, 4 },
  { NULL, NULL, { "Klantenservice" }, { NULL }, 4, 4, 0 },
  { NULL, NULL, { NULL }, { "Email" }, 5, 2, 2 },
  { NULL, NULL, { "Billing" }, { "Phone" }, 7, 4, 2 },
  { "2025-01-01", "2025-12-31", { "Billing" }, { "Phone", "Email" }, 7, 4, 1 },
};

START_TEST (test_filters)
{
  const FilterCase *c = &filter_cases[_i];
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(FwQueryResult) result = NULL;

  add_answers (customer_answers, G_N_ELEMENTS (customer_answers), "customer");
  exec_sql ("INSERT INTO units (name, merged_into) "
            "SELECT 'Klantenservice', id FROM units WHERE name = 'Support'");

  fw_query_filter_set_range (filter, c->from, c->to);
  for (guint i = 0; c->units[i] != NULL; i++)
    fw_query_filter_add_unit (filter, c->units[i]);
  for (guint i = 0; c->touchpoints[i] != NULL; i++)
    fw_query_filter_add_touchpoint (filter, c->touchpoints[i]);

  result = run (filter, FW_GROUPING_TOTAL, 1, 5);
  ck_assert_int_eq (result->total.tally.n, c->n);
  ck_assert_int_eq (result->total.tally.promoters, c->promoters);
  ck_assert_int_eq (result->total.tally.detractors, c->detractors);
  ck_assert_uint_eq (result->rows->len, c->n > 0 ? 1 : 0);
  if (c->n == 0)
    ck_assert (isnan (result->total.nps) && isnan (result->total.ci_low));

  /* The same filter broken down by month adds up to the same. */
  {
    g_autoptr(FwQueryResult) months = run (filter, FW_GROUPING_MONTH, 1, 5);

    ck_assert_int_eq (months->total.tally.n, c->n);
  }
}
END_TEST

START_TEST (test_filter_errors)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(GError) error = NULL;
  FwQueryResult *result;

  add_answers (customer_answers, G_N_ELEMENTS (customer_answers), "customer");

  fw_query_filter_add_unit (filter, "Billing");
  fw_query_filter_add_unit (filter, "Bilіng"); /* a typo, with a Cyrillic i */
  result = fw_query_run (store, filter, FW_GROUPING_TOTAL, NULL, &error);
  ck_assert_ptr_null (result);
  ck_assert (g_error_matches (error, FW_QUERY_ERROR, FW_QUERY_ERROR_UNKNOWN_UNIT));
  ck_assert_ptr_nonnull (strstr (error->message, "Bilіng"));
  g_clear_error (&error);
  g_clear_pointer (&filter, fw_query_filter_free);

  filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  fw_query_filter_add_touchpoint (filter, "Fax");
  result = fw_query_run (store, filter, FW_GROUPING_TOTAL, NULL, &error);
  ck_assert_ptr_null (result);
  ck_assert (g_error_matches (error, FW_QUERY_ERROR, FW_QUERY_ERROR_UNKNOWN_TOUCHPOINT));
  g_clear_error (&error);
  g_clear_pointer (&filter, fw_query_filter_free);

  /* Text compares wrongly with days unless it is exactly YYYY-MM-DD. */
  {
    static const char *const bad[] = { "2025-1-1", "2025-02-30", "14-03-2025", "2025-03-14x", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        filter = fw_query_filter_new (FW_KIND_CUSTOMER);
        fw_query_filter_set_range (filter, NULL, bad[i]);
        result = fw_query_run (store, filter, FW_GROUPING_MONTH, NULL, &error);
        ck_assert_msg (result == NULL, "%s accepted", bad[i]);
        ck_assert (g_error_matches (error, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY));
        g_clear_error (&error);
        g_clear_pointer (&filter, fw_query_filter_free);
      }
  }
}
END_TEST

START_TEST (test_batch_filter)
{
  static const Answers later[] = {
    { FW_KIND_CUSTOMER, "2025-06-10", "Sales", "Phone", "X2" },
    { FW_KIND_EMPLOYEE, "2025-06-10", "Sales", NULL, "XXXXX9" },
  };
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(FwQueryResult) all = NULL;
  g_autoptr(FwQueryResult) first = NULL;
  g_autoptr(FwQueryResult) second = NULL;
  gint64 first_id, second_id;

  first_id = add_answers (customer_answers, G_N_ELEMENTS (customer_answers), "customer");
  second_id = add_answers (later, G_N_ELEMENTS (later), "mixed");

  all = run (filter, FW_GROUPING_UNIT, 1, 5);
  ck_assert_int_eq (all->total.tally.n, 19);

  /* One batch is counted from its own answers, grouped as the rollup is. */
  filter->batch_id = first_id;
  first = run (filter, FW_GROUPING_UNIT, 1, 5);
  check_rows (first, grouping_cases[8].rows, grouping_cases[8].n_rows);

  filter->batch_id = second_id;
  second = run (filter, FW_GROUPING_UNIT, 1, 5);
  ck_assert_uint_eq (second->rows->len, 1);
  ck_assert_str_eq (g_array_index (second->rows, FwQueryRow, 0).key, "Sales");
  ck_assert_int_eq (second->total.tally.n, 2);
  ck_assert_int_eq (second->total.tally.promoters, 1);
  ck_assert_int_eq (second->total.tally.detractors, 1);
}
END_TEST

static FwQueryResult *
run_rolling (const FwQueryFilter *filter,
             guint                months)
{
  FwQueryOptions options = FW_QUERY_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  FwQueryResult *result;

  result = fw_query_rolling (store, filter, months, &options, &error);
  ck_assert_msg (result != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (result->grouping, FW_GROUPING_MONTH);
  return result;
}

START_TEST (test_rolling)
{
  /* Trailing three months over 2024-12 (P1 D1 n2), 2025-01 (P4 Pa1 D3 n8),
   * 2025-02 (P1 Pa1 n2), no March, 2025-04 (P4 D1 n5).  March has a window
   * (January to March) although it has no answers of its own. */
  static const Expected all[] = {
    { "2024-12", NULL, 2, 1, 0, 1 },
    { "2025-01", NULL, 10, 5, 1, 4 },
    { "2025-02", NULL, 12, 6, 2, 4 },
    { "2025-03", NULL, 10, 5, 2, 3 },
    { "2025-04", NULL, 7, 5, 1, 1 },
  };
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(FwQueryResult) result = NULL;
  g_autoptr(FwQueryResult) ranged = NULL;
  g_autoptr(FwQueryResult) one = NULL;
  g_autoptr(FwQueryResult) months = NULL;
  const FwQueryRow *row;

  add_answers (customer_answers, G_N_ELEMENTS (customer_answers), "customer");

  result = run_rolling (filter, 3);
  ck_assert_uint_eq (result->rows->len, G_N_ELEMENTS (all));
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      row = &g_array_index (result->rows, FwQueryRow, i);
      ck_assert_str_eq (row->key, all[i].key);
      ck_assert_int_eq (row->tally.n, all[i].n);
      ck_assert_int_eq (row->tally.promoters, all[i].promoters);
      ck_assert_int_eq (row->tally.passives, all[i].passives);
      ck_assert_int_eq (row->tally.detractors, all[i].detractors);
    }
  ck_assert_int_eq (result->total.tally.n, 17);

  /* Against the window that ends where this one begins: 2025-03 (P5 D3
   * n10) against 2024-12 (P1 D1 n2): delta 20, z = 0.2635231; 2025-04
   * (P5 D1 n7) against 2025-01 (P5 D4 n10): delta 47.142857, z = 1.1612748,
   * p = 0.2455302.  The first three have nothing before them. */
  row = fw_query_result_lookup (result, "2025-03", NULL);
  ck_assert_double_eq_tol (row->delta, 20, EPS);
  ck_assert_double_eq_tol (row->z, 0.263523138347365, EPS);
  row = fw_query_result_lookup (result, "2025-04", NULL);
  ck_assert_double_eq_tol (row->delta, 47.1428571428571, EPS);
  ck_assert_double_eq_tol (row->z, 1.16127477181475, EPS);
  ck_assert_double_eq_tol (row->p, 0.245530175660117, EPS);
  ck_assert (isnan (fw_query_result_lookup (result, "2025-02", NULL)->delta));

  /* A range starts its rows at its own first month, but the first window
   * still reaches back two months; the total is the range's own. */
  fw_query_filter_set_range (filter, "2025-02-01", "2025-04-30");
  ranged = run_rolling (filter, 3);
  ck_assert_uint_eq (ranged->rows->len, 3);
  ck_assert_str_eq (g_array_index (ranged->rows, FwQueryRow, 0).key, "2025-02");
  ck_assert_int_eq (g_array_index (ranged->rows, FwQueryRow, 0).tally.n, 12);
  ck_assert_int_eq (ranged->total.tally.n, 7);
  ck_assert_int_eq (ranged->total.tally.promoters, 5);

  /* A window of one month is the month grouping. */
  fw_query_filter_set_range (filter, NULL, NULL);
  one = run_rolling (filter, 1);
  months = run (filter, FW_GROUPING_MONTH, 1, 5);
  assert_same_rows (one, months);
}
END_TEST

/* Employee answers, all on one day without touchpoint: units A10 B8 C2 D6
 * E1, and A again in the next quarter with 4. */
static const Answers employee_answers[] = {
  { FW_KIND_EMPLOYEE, "2025-03-03", "A", NULL, "XXXXX99870" },
  { FW_KIND_EMPLOYEE, "2025-03-03", "B", NULL, "XXX99876" },
  { FW_KIND_EMPLOYEE, "2025-03-03", "C", NULL, "X0" },
  { FW_KIND_EMPLOYEE, "2025-03-03", "D", NULL, "X98765" },
  { FW_KIND_EMPLOYEE, "2025-03-03", "E", NULL, "3" },
  { FW_KIND_EMPLOYEE, "2025-04-07", "A", NULL, "X987" },
};

static void
assert_blank (const FwQueryRow *row)
{
  ck_assert (row->suppressed);
  ck_assert_int_eq (row->tally.n, 0);
  ck_assert_int_eq (row->tally.promoters, 0);
  ck_assert_int_eq (row->tally.passives, 0);
  ck_assert_int_eq (row->tally.detractors, 0);
  ck_assert (isnan (row->nps) && isnan (row->ci_low) && isnan (row->ci_high));
  ck_assert (isnan (row->delta) && isnan (row->z) && isnan (row->p));
  ck_assert_int_eq (row->previous_n, -1);
}

static gboolean
is_suppressed (const FwQueryResult *result,
               const char          *key,
               const char          *unit)
{
  const FwQueryRow *row = fw_query_result_lookup (result, key, unit);

  ck_assert_msg (row != NULL, "no row %s %s", key, unit ? unit : "");
  if (row->suppressed)
    assert_blank (row);
  else
    ck_assert_int_gt (row->tally.n, 0);
  return row->suppressed;
}

/* The anonymity rule (see the top of fw-query.c): every employee figure is
 * a sum of safe cells, units by calendar month of at least the threshold.
 * Here the cells are March: A 10, B 8, C 2, D 6, E 1, and April: A 4; at
 * 5 the safe ones are A, B and D in March, 24 answers, and 7 are withheld. */
START_TEST (test_suppression)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_EMPLOYEE);
  g_autoptr(FwQueryResult) units = NULL;
  g_autoptr(FwQueryResult) four = NULL;
  g_autoptr(FwQueryResult) low = NULL;
  g_autoptr(FwQueryResult) grid = NULL;
  g_autoptr(FwQueryResult) months = NULL;

  add_answers (employee_answers, G_N_ELEMENTS (employee_answers), "employee");

  /* C and E hold no safe cell; A is its March alone. */
  units = run (filter, FW_GROUPING_UNIT, 1, 5);
  ck_assert (!is_suppressed (units, "A", NULL));
  ck_assert_int_eq (fw_query_result_lookup (units, "A", NULL)->tally.n, 10);
  ck_assert (!is_suppressed (units, "B", NULL));
  ck_assert (is_suppressed (units, "C", NULL));
  ck_assert (!is_suppressed (units, "D", NULL));
  ck_assert (is_suppressed (units, "E", NULL));
  ck_assert_int_eq (units->total.tally.n, 24);
  ck_assert_int_eq (units->n_withheld, 7);

  /* Without E the total is the same 24: all units minus {A, B, C, D} is
   * nothing, where it was E's one answer under the old per-query rule.  No
   * other group needs to go with C. */
  fw_query_filter_add_unit (filter, "A");
  fw_query_filter_add_unit (filter, "B");
  fw_query_filter_add_unit (filter, "C");
  fw_query_filter_add_unit (filter, "D");
  four = run (filter, FW_GROUPING_UNIT, 1, 5);
  ck_assert (!is_suppressed (four, "A", NULL));
  ck_assert (!is_suppressed (four, "B", NULL));
  ck_assert (is_suppressed (four, "C", NULL));
  ck_assert (!is_suppressed (four, "D", NULL));
  ck_assert (!four->total.suppressed);
  ck_assert_int_eq (four->total.tally.n, units->total.tally.n);
  ck_assert_int_eq (four->n_withheld, 6);

  /* A threshold below 3 is taken as 3: C (2) and E (1) are still hidden,
   * and A's April (4) now counts. */
  g_clear_pointer (&filter, fw_query_filter_free);
  filter = fw_query_filter_new (FW_KIND_EMPLOYEE);
  low = run (filter, FW_GROUPING_UNIT, 1, 1);
  ck_assert (is_suppressed (low, "C", NULL));
  ck_assert (is_suppressed (low, "E", NULL));
  ck_assert (!is_suppressed (low, "D", NULL));
  ck_assert_int_eq (fw_query_result_lookup (low, "A", NULL)->tally.n, 14);
  ck_assert_int_eq (low->n_withheld, 3);

  /* Unit x quarter: A's 2025-Q2 is its April alone and hidden; its
   * 2025-Q1 is shown, for the two differ by no cell. */
  grid = run (filter, FW_GROUPING_UNIT_QUARTER, 1, 5);
  ck_assert (is_suppressed (grid, "2025-Q2", "A"));
  ck_assert (!is_suppressed (grid, "2025-Q1", "A"));
  ck_assert (!is_suppressed (grid, "2025-Q1", "B"));
  ck_assert (is_suppressed (grid, "2025-Q1", "C"));
  ck_assert (!is_suppressed (grid, "2025-Q1", "D"));
  ck_assert (is_suppressed (grid, "2025-Q1", "E"));

  /* Months: April holds no safe cell; the total is March's safe cells. */
  months = run (filter, FW_GROUPING_MONTH, 1, 5);
  ck_assert (!is_suppressed (months, "2025-03", NULL));
  ck_assert_int_eq (fw_query_result_lookup (months, "2025-03", NULL)->tally.n, 24);
  ck_assert (is_suppressed (months, "2025-04", NULL));
  ck_assert (!months->total.suppressed);
  ck_assert_int_eq (months->total.tally.n, 24);
  ck_assert_int_eq (months->n_withheld, 7);
}
END_TEST

/* Anything finer than a cell is refused for employees, and only for them. */
START_TEST (test_too_fine)
{
  static const struct
  {
    FwGrouping  grouping;
    const char *touchpoint; /* a filter, or NULL */
    gboolean    batch;      /* filter on the batch */
  } cases[] = {
    { FW_GROUPING_DAY, NULL, FALSE },
    { FW_GROUPING_WEEK, NULL, FALSE },
    { FW_GROUPING_TOUCHPOINT, NULL, FALSE },
    { FW_GROUPING_MONTH, "Phone", FALSE },
    { FW_GROUPING_TOTAL, NULL, TRUE },
  };
  static const Answers answers[] = {
    { FW_KIND_EMPLOYEE, "2025-03-03", "A", "Phone", "XXXXX99870" },
    { FW_KIND_CUSTOMER, "2025-03-03", "A", "Phone", "9" },
  };
  FwQueryOptions options = FW_QUERY_OPTIONS_INIT;
  gint64 batch_id = add_answers (answers, G_N_ELEMENTS (answers), "mixed");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (FwKind kind = FW_KIND_CUSTOMER; kind <= FW_KIND_EMPLOYEE; kind++)
      {
        g_autoptr(FwQueryFilter) filter = fw_query_filter_new (kind);
        g_autoptr(FwQueryResult) result = NULL;
        g_autoptr(FwQueryResult) rolling = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GError) rolling_error = NULL;

        if (cases[i].touchpoint != NULL)
          fw_query_filter_add_touchpoint (filter, cases[i].touchpoint);
        if (cases[i].batch)
          filter->batch_id = batch_id;
        result = fw_query_run (store, filter, cases[i].grouping, &options, &error);
        if (kind == FW_KIND_CUSTOMER)
          {
            ck_assert_msg (result != NULL, "case %u: %s", i, error ? error->message : "");
            continue;
          }
        ck_assert_msg (result == NULL, "case %u answered", i);
        ck_assert_msg (g_error_matches (error, FW_QUERY_ERROR, FW_QUERY_ERROR_TOO_FINE),
                       "case %u: %s", i, error ? error->message : "no error");
        /* Rolling windows are months of the same filter. */
        if (cases[i].grouping == FW_GROUPING_MONTH)
          {
            rolling = fw_query_rolling (store, filter, 2, &options, &rolling_error);
            ck_assert_ptr_null (rolling);
            ck_assert (g_error_matches (rolling_error, FW_QUERY_ERROR, FW_QUERY_ERROR_TOO_FINE));
          }
      }
}
END_TEST

/* Employee ranges count a month only when they cover the whole of it:
 * cells May A 8 (6 on the 5th, 2 on the 6th) and June A 16 (1 on the 2nd,
 * 7 on the 3rd, 8 on the 4th).  Two ranges a day apart therefore differ
 * by a whole month or by nothing. */
START_TEST (test_partial_months)
{
  static const Answers days[] = {
    { FW_KIND_EMPLOYEE, "2025-05-05", "A", NULL, "XX9876" },
    { FW_KIND_EMPLOYEE, "2025-05-06", "A", NULL, "X0" },
    { FW_KIND_EMPLOYEE, "2025-06-02", "A", NULL, "9" },
    { FW_KIND_EMPLOYEE, "2025-06-03", "A", NULL, "XX98765" },
    { FW_KIND_EMPLOYEE, "2025-06-04", "A", NULL, "XX987654" },
  };
  static const struct
  {
    const char *from, *to;
    gint64      n;      /* the total, 0 for hidden */
    guint       n_rows; /* of the month grouping */
  } cases[] = {
    { "2025-05-01", "2025-06-30", 24, 2 },
    { "2025-05-02", "2025-06-30", 16, 1 }, /* May begun late: dropped */
    { "2025-05-01", "2025-06-29", 8, 1 },  /* June ended early: dropped */
    { "2025-05-06", "2025-06-30", 16, 1 },
    { "2025-05-01", "2025-05-31", 8, 1 },
    { "2025-05-05", "2025-05-06", 0, 0 },  /* every answer of May, but not May */
    { "2025-05-02", "2025-06-29", 0, 0 },
    { "2025-04-30", "2025-07-01", 24, 2 },
    { NULL, "2025-05-31", 8, 1 },
    { "2025-06-01", NULL, 16, 1 },
  };
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_EMPLOYEE);

  add_answers (days, G_N_ELEMENTS (days), "employee");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FwQueryResult) total = NULL;
      g_autoptr(FwQueryResult) months = NULL;
      g_autoptr(FwQueryResult) windows = NULL;

      fw_query_filter_set_range (filter, cases[i].from, cases[i].to);
      total = run (filter, FW_GROUPING_TOTAL, 1, 5);
      months = run (filter, FW_GROUPING_MONTH, 1, 5);
      windows = run_rolling (filter, 2);
      ck_assert_msg (total->total.tally.n == cases[i].n, "case %u: %" G_GINT64_FORMAT, i,
                     total->total.tally.n);
      ck_assert (total->total.suppressed == (cases[i].n == 0));
      ck_assert_int_eq (months->total.tally.n, cases[i].n);
      ck_assert_uint_eq (months->rows->len, cases[i].n_rows);
      ck_assert_int_eq (windows->total.tally.n, cases[i].n);
      /* Nothing is withheld: the months left out are not in the range. */
      ck_assert_int_eq (total->n_withheld, 0);
    }
}
END_TEST

/* Windows overlap; as sums of safe cells their differences are whole safe
 * cells too.  Months: March 24 safe (C 2 and E 1 withheld), April A 4
 * (withheld), May A 6, June A 10, July A 8. */
START_TEST (test_rolling_suppression)
{
  static const Answers later[] = {
    { FW_KIND_EMPLOYEE, "2025-05-05", "A", NULL, "XX9876" },
    { FW_KIND_EMPLOYEE, "2025-06-03", "A", NULL, "XX98765432" },
    { FW_KIND_EMPLOYEE, "2025-07-01", "A", NULL, "XX987654" },
  };
  static const struct
  {
    const char *key;
    gint64      n;
  } expected[] = {
    { "2025-03", 24 }, { "2025-04", 24 }, { "2025-05", 6 }, { "2025-06", 16 }, { "2025-07", 18 },
  };
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_EMPLOYEE);
  g_autoptr(FwQueryResult) months = NULL;
  g_autoptr(FwQueryResult) windows = NULL;
  g_autoptr(FwQueryResult) april = NULL;

  add_answers (employee_answers, G_N_ELEMENTS (employee_answers), "employee");
  add_answers (later, G_N_ELEMENTS (later), "employee");

  months = run (filter, FW_GROUPING_MONTH, 1, 5);
  ck_assert (!is_suppressed (months, "2025-03", NULL));
  ck_assert (is_suppressed (months, "2025-04", NULL));
  ck_assert (!is_suppressed (months, "2025-05", NULL));
  ck_assert (!is_suppressed (months, "2025-06", NULL));
  ck_assert (!is_suppressed (months, "2025-07", NULL));

  /* Two-month windows: April's window is March's, since April adds no
   * safe cell; window 2025-04 minus window 2025-03 is nothing. */
  windows = run_rolling (filter, 2);
  ck_assert_uint_eq (windows->rows->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ck_assert (!is_suppressed (windows, expected[i].key, NULL));
      ck_assert_int_eq (fw_query_result_lookup (windows, expected[i].key, NULL)->tally.n,
                        expected[i].n);
    }
  ck_assert_int_eq (windows->n_withheld, 7);

  /* A window of nothing but unsafe cells is listed, hidden. */
  fw_query_filter_set_range (filter, "2025-04-01", "2025-04-30");
  april = run_rolling (filter, 2);
  ck_assert_uint_eq (april->rows->len, 1);
  ck_assert (is_suppressed (april, "2025-04", NULL));
  assert_blank (&april->total);
  ck_assert_int_eq (april->n_withheld, 4);
}
END_TEST

START_TEST (test_suppression_total_and_change)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_EMPLOYEE);
  g_autoptr(FwQueryResult) total = NULL;
  g_autoptr(FwQueryResult) units = NULL;
  g_autoptr(FwQueryResult) customer = NULL;

  add_answers (employee_answers, G_N_ELEMENTS (employee_answers), "employee");

  /* A total of no safe cell is hidden, row and total alike. */
  fw_query_filter_add_unit (filter, "C");
  fw_query_filter_add_unit (filter, "E");
  total = run (filter, FW_GROUPING_TOTAL, 1, 5);
  assert_blank (&total->total);
  assert_blank (&g_array_index (total->rows, FwQueryRow, 0));
  ck_assert_int_eq (total->n_withheld, 3);

  /* A hidden group has no change either: C over March and April, against
   * the same length before (no answers). */
  g_clear_pointer (&filter, fw_query_filter_free);
  filter = fw_query_filter_new (FW_KIND_EMPLOYEE);
  fw_query_filter_set_range (filter, "2025-03-01", "2025-04-30");
  units = run (filter, FW_GROUPING_UNIT, 1, 5);
  ck_assert (is_suppressed (units, "C", NULL));
  ck_assert_int_eq (fw_query_result_lookup (units, "A", NULL)->tally.n, 10);

  /* Customer groups are never suppressed, however small. */
  g_clear_pointer (&filter, fw_query_filter_free);
  filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  add_answers (customer_answers, G_N_ELEMENTS (customer_answers), "customer");
  customer = run (filter, FW_GROUPING_DAY, 1, 5);
  ck_assert (!is_suppressed (customer, "2025-04-15", NULL));
  ck_assert_int_eq (customer->n_withheld, 0);
}
END_TEST

/* One random answer, kept to count it again without the store. */
typedef struct
{
  char day[11];
  int  unit;       /* index into random_units, -1 for none */
  int  touchpoint; /* index into random_touchpoints, -1 for none */
  int  score;
} RandomAnswer;

static const char *const random_units[] = { "North", "South", "East", "West" };
static const char *const random_touchpoints[] = { "Phone", "Email", "Chat" };

/* The key of @a in @grouping, worked out the plain way: text cut from the
 * day, calendar quarters and years. */
static char *
plain_key (const RandomAnswer *a,
           FwGrouping          grouping)
{
  int month = atoi (a->day + 5);

  switch (grouping)
    {
    case FW_GROUPING_TOTAL:      return g_strdup ("total");
    case FW_GROUPING_DAY:        return g_strdup (a->day);
    case FW_GROUPING_MONTH:      return g_strndup (a->day, 7);
    case FW_GROUPING_QUARTER:    return g_strdup_printf ("%.4s-Q%d", a->day, (month - 1) / 3 + 1);
    case FW_GROUPING_YEAR:       return g_strndup (a->day, 4);
    case FW_GROUPING_UNIT:       return g_strdup (a->unit < 0 ? "" : random_units[a->unit]);
    case FW_GROUPING_TOUCHPOINT:
      return g_strdup (a->touchpoint < 0 ? "" : random_touchpoints[a->touchpoint]);
    case FW_GROUPING_UNIT_MONTH:
      return g_strdup_printf ("%s|%.7s", a->unit < 0 ? "" : random_units[a->unit], a->day);
    case FW_GROUPING_WEEK:
    case FW_GROUPING_UNIT_QUARTER:
    default:
      g_assert_not_reached ();
    }
}

static void
assert_same_rows (const FwQueryResult *a,
                  const FwQueryResult *b)
{
  ck_assert_uint_eq (a->rows->len, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      const FwQueryRow *ra = &g_array_index (a->rows, FwQueryRow, i);
      const FwQueryRow *rb = &g_array_index (b->rows, FwQueryRow, i);

      ck_assert_str_eq (ra->key, rb->key);
      ck_assert_pstr_eq (ra->unit, rb->unit);
      ck_assert (memcmp (&ra->tally, &rb->tally, sizeof ra->tally) == 0);
      ck_assert (ra->suppressed == rb->suppressed);
    }
}

/* On random data, every grouping from the rollup equals a direct count of
 * the answers: once counted here in plain C, and once through the query's
 * path over the raw responses of a batch. */
START_TEST (test_random_against_raw)
{
  static const FwGrouping plain[] = {
    FW_GROUPING_TOTAL, FW_GROUPING_DAY, FW_GROUPING_MONTH, FW_GROUPING_QUARTER,
    FW_GROUPING_YEAR, FW_GROUPING_UNIT, FW_GROUPING_TOUCHPOINT, FW_GROUPING_UNIT_MONTH,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4 + _i);
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (RandomAnswer));
  FwBatchInfo info = { "random.csv", NULL, "csv", NULL, "customer" };
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch_id = 0;
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 1, 2024);
  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < 3000; i++)
    {
      RandomAnswer a;
      GDate day = first;
      FwResponse r = { FW_KIND_CUSTOMER, a.day, 0, NULL, NULL, NULL, NULL, NULL, NAN };

      g_date_add_days (&day, g_rand_int_range (rand, 0, 731));
      g_snprintf (a.day, sizeof a.day, "%04d-%02d-%02d", g_date_get_year (&day),
                  g_date_get_month (&day), g_date_get_day (&day));
      a.unit = g_rand_int_range (rand, -1, G_N_ELEMENTS (random_units));
      a.touchpoint = g_rand_int_range (rand, -1, G_N_ELEMENTS (random_touchpoints));
      a.score = g_rand_int_range (rand, 0, 11);
      r.score = a.score;
      r.unit = a.unit < 0 ? NULL : random_units[a.unit];
      r.touchpoint = a.touchpoint < 0 ? NULL : random_touchpoints[a.touchpoint];
      ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
      g_array_append_val (answers, a);
    }
  ck_assert_msg (fw_batch_commit (batch, &batch_id, &error), "%s", error ? error->message : "");

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      gboolean use_unit[G_N_ELEMENTS (random_units)] = { FALSE };
      gboolean any_unit = FALSE;
      int touchpoint = -1;

      /* A random filter: a range, some units, maybe one touchpoint. */
      if (round > 0)
        {
          GDate a = first, b = first;

          g_date_add_days (&a, g_rand_int_range (rand, 0, 365));
          g_date_add_days (&b, g_rand_int_range (rand, 365, 731));
          /* Every other range is whole months, which the monthly rollup
           * answers alone; the others end inside months. */
          if (round % 2 == 0)
            {
              g_date_set_day (&a, 1);
              g_date_set_day (&b, g_date_get_days_in_month (g_date_get_month (&b),
                                                            g_date_get_year (&b)));
            }
          from = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&a), g_date_get_month (&a),
                                  g_date_get_day (&a));
          to = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&b), g_date_get_month (&b),
                                g_date_get_day (&b));
          fw_query_filter_set_range (filter, from, to);
          for (guint u = 0; u < G_N_ELEMENTS (random_units); u++)
            if (g_rand_boolean (rand))
              {
                use_unit[u] = any_unit = TRUE;
                fw_query_filter_add_unit (filter, random_units[u]);
              }
          if (g_rand_boolean (rand))
            {
              touchpoint = g_rand_int_range (rand, 0, G_N_ELEMENTS (random_touchpoints));
              fw_query_filter_add_touchpoint (filter, random_touchpoints[touchpoint]);
            }
        }

      for (guint g = 0; g < G_N_ELEMENTS (plain); g++)
        {
          g_autoptr(FwQueryResult) result = run (filter, plain[g], 1, 5);
          g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               g_free);

          for (guint i = 0; i < answers->len; i++)
            {
              const RandomAnswer *a = &g_array_index (answers, RandomAnswer, i);
              g_autofree char *key = NULL;
              FwTally *t;

              if ((from != NULL && strcmp (a->day, from) < 0)
                  || (to != NULL && strcmp (a->day, to) > 0)
                  || (any_unit && (a->unit < 0 || !use_unit[a->unit]))
                  || (touchpoint >= 0 && a->touchpoint != touchpoint))
                continue;
              key = plain_key (a, plain[g]);
              t = g_hash_table_lookup (counts, key);
              if (t == NULL)
                {
                  t = g_new0 (FwTally, 1);
                  g_hash_table_insert (counts, g_strdup (key), t);
                }
              fw_tally_add_score (t, a->score);
            }

          ck_assert_uint_eq (result->rows->len, g_hash_table_size (counts));
          for (guint i = 0; i < result->rows->len; i++)
            {
              const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);
              g_autofree char *key = plain[g] == FW_GROUPING_UNIT_MONTH
                                     ? g_strdup_printf ("%s|%s", row->unit, row->key)
                                     : g_strdup (row->key);
              const FwTally *t = g_hash_table_lookup (counts, key);

              ck_assert_msg (t != NULL, "unexpected row %s", row->key);
              ck_assert_int_eq (row->tally.n, t->n);
              ck_assert_int_eq (row->tally.promoters, t->promoters);
              ck_assert_int_eq (row->tally.passives, t->passives);
              ck_assert_int_eq (row->tally.detractors, t->detractors);
            }
        }

      /* Every grouping, weeks and unit x quarter included, the same from
       * the rollup as from the raw answers of the batch. */
      for (FwGrouping g = FW_GROUPING_TOTAL; g <= FW_GROUPING_UNIT_MONTH; g++)
        {
          g_autoptr(FwQueryResult) rolled = run (filter, g, 4, 5);
          g_autoptr(FwQueryResult) raw = NULL;

          filter->batch_id = batch_id;
          raw = run (filter, g, 4, 5);
          filter->batch_id = 0;
          assert_same_rows (rolled, raw);
        }
    }
}
END_TEST

/* The cells of the random employee data, counted here from the answers:
 * N_CELL_UNITS units (the last one "no unit") by N_CELL_MONTHS months from
 * January 2024. */
#define N_CELL_UNITS  (G_N_ELEMENTS (random_units) + 1)
#define N_CELL_MONTHS 18

static void
add_tally (FwTally       *to,
           const FwTally *from)
{
  to->n += from->n;
  to->promoters += from->promoters;
  to->passives += from->passives;
  to->detractors += from->detractors;
}

static char *
cell_key (FwGrouping grouping,
          guint      unit,
          guint      month,
          char     **unit_name)
{
  int year = 2024 + month / 12, m = month % 12 + 1;

  *unit_name = NULL;
  switch (grouping)
    {
    case FW_GROUPING_TOTAL:   return g_strdup ("total");
    case FW_GROUPING_MONTH:   return g_strdup_printf ("%04d-%02d", year, m);
    case FW_GROUPING_QUARTER: return g_strdup_printf ("%04d-Q%d", year, (m - 1) / 3 + 1);
    case FW_GROUPING_YEAR:    return g_strdup_printf ("%04d", year);
    case FW_GROUPING_UNIT:
      return g_strdup (unit < G_N_ELEMENTS (random_units) ? random_units[unit] : "");
    case FW_GROUPING_UNIT_QUARTER:
      *unit_name = g_strdup (unit < G_N_ELEMENTS (random_units) ? random_units[unit] : "");
      return g_strdup_printf ("%04d-Q%d", year, (m - 1) / 3 + 1);
    case FW_GROUPING_UNIT_MONTH:
      *unit_name = g_strdup (unit < G_N_ELEMENTS (random_units) ? random_units[unit] : "");
      return g_strdup_printf ("%04d-%02d", year, m);
    case FW_GROUPING_DAY:
    case FW_GROUPING_WEEK:
    case FW_GROUPING_TOUCHPOINT:
    default:
      g_assert_not_reached ();
    }
}

/* A random day of @month, or its first or last day. */
static void
random_day (GRand *rand,
            guint  month,
            int    which, /* -1 first, 1 last, 0 any */
            char   text[11])
{
  int year = 2024 + month / 12, m = month % 12 + 1;
  int last = g_date_get_days_in_month (m, year);
  int day = which < 0 ? 1 : which > 0 ? last : g_rand_int_range (rand, 1, last + 1);

  g_snprintf (text, 11, "%04d-%02d-%02d", year, m, day);
}

/* The property behind the rule, on random sparse data with several units
 * and months: for random filters (unit subsets, ranges of whole and of
 * partial months), groupings and thresholds, every shown figure is exactly
 * the sum of the safe cells it covers, worked out here from the answers;
 * a group of no safe cell is hidden; the withheld count is the answers of
 * the unsafe cells covered; and the store's overall figure is the sum of
 * all safe cells.  As every shown figure is a union of whole safe cells,
 * so is the difference of any two, and no unsafe cell can be had by
 * subtraction under any pair of filters. */
START_TEST (test_random_cells)
{
  static const FwGrouping groupings[] = {
    FW_GROUPING_TOTAL, FW_GROUPING_MONTH, FW_GROUPING_QUARTER, FW_GROUPING_YEAR,
    FW_GROUPING_UNIT, FW_GROUPING_UNIT_QUARTER, FW_GROUPING_UNIT_MONTH,
  };
  static const guint thresholds[] = { 3, 5, 8 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (70 + _i);
  FwBatchInfo info = { "pulse.csv", NULL, "csv", NULL, "employee" };
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  FwTally cells[N_CELL_UNITS][N_CELL_MONTHS] = { { { 0 } } };
  guint n_unsafe_seen = 0, n_shown_seen = 0;

  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < 500; i++)
    {
      /* Skewed units and months, so that many cells are small: "no unit"
       * and the last month take the rest. */
      guint unit = g_rand_int_range (rand, 0, 12);
      guint month = g_rand_int_range (rand, 0, 24);
      char text[11];
      FwResponse r = { FW_KIND_EMPLOYEE, text, g_rand_int_range (rand, 0, 11), NULL, NULL,
                       NULL, NULL, NULL, NAN };

      unit = MIN (unit, N_CELL_UNITS - 1);
      month = MIN (month, N_CELL_MONTHS - 1);
      random_day (rand, month, 0, text);
      if (unit < G_N_ELEMENTS (random_units))
        r.unit = random_units[unit];
      fw_tally_add_score (&cells[unit][month], r.score);
      ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
    }
  ck_assert_msg (fw_batch_commit (batch, NULL, &error), "%s", error ? error->message : "");

  for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
    {
      guint threshold = thresholds[t];
      g_autoptr(FwQueryFilter) all = fw_query_filter_new (FW_KIND_EMPLOYEE);
      g_autoptr(FwQueryResult) everything = run (all, FW_GROUPING_TOTAL, 1, threshold);
      FwTally safe = { 0 };
      FwScore overall;

      for (guint u = 0; u < N_CELL_UNITS; u++)
        for (guint m = 0; m < N_CELL_MONTHS; m++)
          if (cells[u][m].n >= (gint64) threshold)
            add_tally (&safe, &cells[u][m]);
      ck_assert (fw_store_get_overall (store, FW_KIND_EMPLOYEE, threshold, &overall, &error));
      ck_assert_msg (memcmp (&overall.tally, &safe, sizeof safe) == 0,
                     "overall %" G_GINT64_FORMAT ", safe cells %" G_GINT64_FORMAT,
                     overall.tally.n, safe.n);
      ck_assert (memcmp (&everything->total.tally, &safe, sizeof safe) == 0);

      for (guint trial = 0; trial < 40; trial++)
        {
          g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_EMPLOYEE);
          gboolean use_unit[N_CELL_UNITS], covered[N_CELL_MONTHS];
          guint first = g_rand_int_range (rand, 0, N_CELL_MONTHS);
          guint last = g_rand_int_range (rand, first, N_CELL_MONTHS);
          gboolean any_unit = g_rand_boolean (rand);
          char from[11], to[11];

          /* The unit filter names real units only; "no unit" is in
           * every unfiltered query. */
          for (guint u = 0; u < N_CELL_UNITS; u++)
            {
              use_unit[u] = !any_unit
                            || (u < G_N_ELEMENTS (random_units) && g_rand_boolean (rand));
              if (any_unit && use_unit[u])
                fw_query_filter_add_unit (filter, random_units[u]);
            }
          if (any_unit && filter->units->len == 0)
            {
              fw_query_filter_add_unit (filter, random_units[0]);
              use_unit[0] = TRUE;
            }

          /* Ends on a month's first or last day, or anywhere in it. */
          random_day (rand, first, g_rand_int_range (rand, -1, 1), from);
          random_day (rand, last, g_rand_int_range (rand, 0, 2), to);
          fw_query_filter_set_range (filter, from, to);
          for (guint m = 0; m < N_CELL_MONTHS; m++)
            {
              char month_first[11], month_last[11];

              random_day (rand, m, -1, month_first);
              random_day (rand, m, 1, month_last);
              covered[m] = strcmp (from, month_first) <= 0 && strcmp (to, month_last) >= 0;
            }

          for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
            {
              g_autoptr(FwQueryResult) result = run (filter, groupings[g], 1, threshold);
              g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                      g_free, g_free);
              FwTally total = { 0 };
              gint64 withheld = 0;

              /* key -> { tally of the safe cells, whether any cell at all } */
              for (guint u = 0; u < N_CELL_UNITS; u++)
                for (guint m = 0; m < N_CELL_MONTHS; m++)
                  {
                    g_autofree char *unit_name = NULL;
                    g_autofree char *key = NULL;
                    char *full;
                    FwTally *sum;

                    if (!use_unit[u] || !covered[m] || cells[u][m].n == 0)
                      continue;
                    key = cell_key (groupings[g], u, m, &unit_name);
                    full = g_strdup_printf ("%s|%s", key, unit_name ? unit_name : "");
                    sum = g_hash_table_lookup (expected, full);
                    if (sum == NULL)
                      {
                        sum = g_new0 (FwTally, 1);
                        g_hash_table_insert (expected, full, sum);
                      }
                    else
                      g_free (full);
                    if (cells[u][m].n >= (gint64) threshold)
                      {
                        add_tally (sum, &cells[u][m]);
                        add_tally (&total, &cells[u][m]);
                      }
                    else
                      withheld += cells[u][m].n;
                  }

              ck_assert_uint_eq (result->rows->len, g_hash_table_size (expected));
              for (guint i = 0; i < result->rows->len; i++)
                {
                  const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);
                  g_autofree char *full = g_strdup_printf ("%s|%s", row->key,
                                                           FW_GROUPING_IS_UNIT_PERIOD (groupings[g])
                                                           ? row->unit : "");
                  const FwTally *sum = g_hash_table_lookup (expected, full);

                  ck_assert_msg (sum != NULL, "unexpected row %s", full);
                  if (sum->n == 0)
                    {
                      assert_blank (row);
                      n_unsafe_seen++;
                    }
                  else
                    {
                      ck_assert (!row->suppressed);
                      ck_assert_msg (memcmp (&row->tally, sum, sizeof *sum) == 0,
                                     "%s: n %" G_GINT64_FORMAT ", safe cells %" G_GINT64_FORMAT,
                                     full, row->tally.n, sum->n);
                      ck_assert_int_ge (row->tally.n, threshold);
                      n_shown_seen++;
                    }
                }
              if (total.n == 0)
                assert_blank (&result->total);
              else
                ck_assert (memcmp (&result->total.tally, &total, sizeof total) == 0);
              ck_assert_int_eq (result->n_withheld, withheld);
            }
        }
    }
  /* The data is sparse enough that both kinds of group occur. */
  ck_assert_uint_gt (n_unsafe_seen, 0);
  ck_assert_uint_gt (n_shown_seen, 0);
}
END_TEST

/* The sample data: Billing's customer NPS dips in the documented quarters,
 * and the query layer's total is the store's. */
START_TEST (test_demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(FwQueryResult) quarters = NULL;
  g_autoptr(FwQueryResult) total = NULL;
  double before = 0, during = 0;
  guint n_before = 0, n_during = 0;
  FwScore overall;

  ck_assert_msg (fw_demo_fill (store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");

  for (FwKind kind = FW_KIND_CUSTOMER; kind <= FW_KIND_EMPLOYEE; kind++)
    {
      g_autoptr(FwQueryFilter) all = fw_query_filter_new (kind);

      total = run (all, FW_GROUPING_TOTAL, 1, 5);
      ck_assert (fw_store_get_overall (store, kind, 5, &overall, &error));
      ck_assert_int_eq (total->total.tally.n, overall.tally.n);
      ck_assert_int_eq (total->total.tally.promoters, overall.tally.promoters);
      ck_assert_int_eq (total->total.tally.passives, overall.tally.passives);
      ck_assert_int_eq (total->total.tally.detractors, overall.tally.detractors);
      ck_assert_double_eq_tol (total->total.nps, overall.nps, EPS);
      g_clear_pointer (&total, fw_query_result_free);
    }

  fw_query_filter_add_unit (filter, FW_DEMO_DIP_UNIT);
  quarters = run (filter, FW_GROUPING_QUARTER, 1, 5);
  ck_assert_uint_eq (quarters->rows->len, FW_DEMO_N_QUARTERS);
  for (guint q = 0; q < FW_DEMO_N_QUARTERS; q++)
    {
      const FwQueryRow *row = &g_array_index (quarters->rows, FwQueryRow, q);
      g_autofree char *key = g_strdup_printf ("%d-Q%u", FW_DEMO_FIRST_YEAR + q / 4, q % 4 + 1);

      ck_assert_str_eq (row->key, key);
      if (q >= FW_DEMO_DIP_CX_FIRST && q <= FW_DEMO_DIP_CX_LAST)
        {
          during += row->nps;
          n_during++;
        }
      else if (q < FW_DEMO_DIP_CX_FIRST)
        {
          before += row->nps;
          n_before++;
        }
    }
  before /= n_before;
  during /= n_during;
  /* A dip a board would see: well below the quarters before it, and each
   * dip quarter under the last quarter before the dip. */
  ck_assert_msg (during < before - 10, "dip %.1f, before %.1f", during, before);
  for (guint q = FW_DEMO_DIP_CX_FIRST; q <= FW_DEMO_DIP_CX_LAST; q++)
    ck_assert_double_lt (g_array_index (quarters->rows, FwQueryRow, q).nps,
                         g_array_index (quarters->rows, FwQueryRow, FW_DEMO_DIP_CX_FIRST - 1).nps);
}
END_TEST

static Suite *
query_suite (void)
{
  Suite *s = suite_create ("query");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_groupings, 0, G_N_ELEMENTS (grouping_cases));
  tcase_add_test (tc, test_changes);
  tcase_add_loop_test (tc, test_filters, 0, G_N_ELEMENTS (filter_cases));
  tcase_add_test (tc, test_filter_errors);
  tcase_add_test (tc, test_batch_filter);
  tcase_add_test (tc, test_suppression);
  tcase_add_test (tc, test_too_fine);
  tcase_add_test (tc, test_partial_months);
  tcase_add_test (tc, test_suppression_total_and_change);
  tcase_add_test (tc, test_rolling);
  tcase_add_test (tc, test_rolling_suppression);
  tcase_add_loop_test (tc, test_random_against_raw, 0, 3);
  tcase_add_loop_test (tc, test_random_cells, 0, 5);
  tcase_add_test (tc, test_demo);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (query_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
