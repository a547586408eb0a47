/* test-units.c: unit names, suggestions, merge and split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "fw-insights.h"
#include "fw-query.h"
#include "fw-store.h"
#include "fw-units.h"

static char *tmpdir;
static char *path;
static FwStore *store;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  tmpdir = g_dir_make_tmp ("fw-test-units-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  path = g_build_filename (tmpdir, "units.db", NULL);
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&store);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (tmpdir);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&tmpdir, g_free);
}

static gint64
raw_int (const char *sql)
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

/* Cells where the rollup differs from a count of the answers, each answer
 * under the unit its name counts as, at both resolutions. */
static gint64
rollup_mismatches (void)
{
  return raw_int ("WITH counted AS ("
                  "  SELECT r.day, r.kind, coalesce (u.merged_into, r.unit_id, 0) AS unit_id,"
                  "         coalesce (r.touchpoint_id, 0) AS touchpoint_id, count(*) AS n,"
                  "         sum (r.score >= 9) AS p, sum (r.score <= 6) AS d"
                  "    FROM responses r LEFT JOIN units u ON u.id = r.unit_id"
                  "   GROUP BY 1, 2, 3, 4),"
                  " monthly AS ("
                  "  SELECT substr (day, 1, 8) || '01' AS month, kind, unit_id, touchpoint_id,"
                  "         sum (n) AS n, sum (p) AS p, sum (d) AS d FROM counted GROUP BY 1, 2, 3, 4)"
                  "SELECT (SELECT count(*) FROM counted c FULL JOIN rollup_daily r"
                  "          USING (day, kind, unit_id, touchpoint_id)"
                  "         WHERE c.n IS NOT r.n OR c.p IS NOT r.promoters"
                  "            OR c.d IS NOT r.detractors)"
                  "     + (SELECT count(*) FROM monthly c FULL JOIN rollup_monthly r"
                  "          USING (month, kind, unit_id, touchpoint_id)"
                  "         WHERE c.n IS NOT r.n OR c.p IS NOT r.promoters"
                  "            OR c.d IS NOT r.detractors)");
}

/* Adds @n answers of @kind for @unit, one a day from @first_day on, with
 * scores cycling through @scores. */
static void
add (FwKind      kind,
     const char *unit,
     const char *first_day,
     guint       n,
     const int  *scores,
     guint       n_scores,
     const char *comment)
{
  FwBatchInfo info = { "units.csv", NULL, "csv", NULL, fw_kind_to_string (kind) };
  g_autoptr(GError) error = NULL;
  g_autoptr(FwBatch) batch = fw_store_begin_batch (store, &info, &error);
  g_autoptr(GDate) date = g_date_new ();

  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  g_date_set_parse (date, first_day);
  ck_assert (g_date_valid (date));
  for (guint i = 0; i < n; i++)
    {
      char day[16];
      FwResponse r = { kind, day, scores[i % n_scores], unit,
                       kind == FW_KIND_CUSTOMER ? "Phone" : NULL, NULL, NULL, comment, NAN };

      g_date_strftime (day, sizeof day, "%Y-%m-%d", date);
      ck_assert_msg (fw_batch_add (batch, &r, &error), "%s", error ? error->message : "");
      g_date_add_days (date, 1);
    }
  ck_assert_msg (fw_batch_commit (batch, NULL, &error), "%s", error ? error->message : "");
}

static FwQueryResult *
by_unit (FwKind kind)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (kind);
  FwQueryOptions options = FW_QUERY_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  FwQueryResult *result = fw_query_run (store, filter, FW_GROUPING_UNIT, &options, &error);

  ck_assert_msg (result != NULL, "%s", error ? error->message : "");
  return result;
}

static const struct
{
  const char *name;
  const char *normal;
} normal_cases[] = {
  { "Amsterdam Store", "amsterdam" },
  { "AMSTERDAM", "amsterdam" },
  { "Afdeling Klantenservice", "klantenservice" },
  { "Klanten-Service", "klanten service" },
  { "Café Noord", "cafe noord" },
  { "The Hague Store", "hague" },
  { "Zürich  Team", "zurich" },
  { "Store", "" },
  { "", "" },
};

START_TEST (test_normalize)
{
  g_autofree char *normal = fw_units_normalize (normal_cases[_i].name);

  ck_assert_str_eq (normal, normal_cases[_i].normal);
}
END_TEST

/* A customer-side and an employee-side name of one place are suggested;
 * two customer-side names that only share a word, or a name already
 * merged, are not. */
START_TEST (test_suggest)
{
  static const int scores[] = { 9, 7, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) suggestions = NULL;
  const FwUnitSuggestion *s;

  add (FW_KIND_CUSTOMER, "Amsterdam", "2025-01-01", 40, scores, 3, NULL);
  add (FW_KIND_EMPLOYEE, "Amsterdam Store", "2025-01-01", 12, scores, 3, NULL);
  add (FW_KIND_CUSTOMER, "Rotterdam Zuid", "2025-01-01", 10, scores, 3, NULL);
  add (FW_KIND_CUSTOMER, "Rotterdam", "2025-01-01", 10, scores, 3, NULL);
  add (FW_KIND_CUSTOMER, "Klanten-Service", "2025-01-01", 10, scores, 3, NULL);
  add (FW_KIND_CUSTOMER, "Klantenservice", "2025-01-01", 30, scores, 3, NULL);

  suggestions = fw_units_suggest (store, &error);
  ck_assert_msg (suggestions != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (suggestions->len, 2);
  s = &g_array_index (suggestions, FwUnitSuggestion, 0);
  ck_assert_str_eq (s->name, "Amsterdam Store"); /* fewer answers: merged */
  ck_assert_str_eq (s->into, "Amsterdam");
  s = &g_array_index (suggestions, FwUnitSuggestion, 1);
  ck_assert_str_eq (s->name, "Klanten-Service");
  ck_assert_str_eq (s->into, "Klantenservice");

  ck_assert (fw_units_merge (store, "Klanten-Service", "Klantenservice", &error));
  g_clear_pointer (&suggestions, g_array_unref);
  suggestions = fw_units_suggest (store, &error);
  ck_assert_uint_eq (suggestions->len, 1);
}
END_TEST

/* Merging moves a unit's counts to the other, for figures and the link
 * alike; later imports under the merged name follow; splitting restores
 * every figure exactly. */
START_TEST (test_merge_and_split)
{
  static const int cx_scores[] = { 10, 9, 8, 2 };
  static const int ex_scores[] = { 9, 6, 7 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FwQueryResult) before = NULL;
  g_autoptr(FwQueryResult) merged = NULL;
  g_autoptr(FwQueryResult) employees = NULL;
  g_autoptr(FwQueryResult) after = NULL;
  g_autoptr(GArray) units = NULL;
  const FwQueryRow *row;

  add (FW_KIND_CUSTOMER, "Utrecht", "2025-01-01", 60, cx_scores, 4, NULL);
  add (FW_KIND_CUSTOMER, "Utrecht CS", "2025-01-15", 20, cx_scores + 2, 2, NULL);
  add (FW_KIND_EMPLOYEE, "Utrecht Store", "2025-01-01", 30, ex_scores, 3, "Fijn team");
  before = by_unit (FW_KIND_CUSTOMER);
  ck_assert_uint_eq (before->rows->len, 2);

  ck_assert_msg (fw_units_merge (store, "Utrecht CS", "Utrecht", &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (fw_units_merge (store, "Utrecht Store", "utrecht", &error), "%s",
                 error ? error->message : "");
  ck_assert_int_eq (rollup_mismatches (), 0);

  merged = by_unit (FW_KIND_CUSTOMER);
  ck_assert_uint_eq (merged->rows->len, 1);
  row = &g_array_index (merged->rows, FwQueryRow, 0);
  ck_assert_str_eq (row->key, "Utrecht");
  ck_assert_int_eq (row->tally.n, 80);
  ck_assert (memcmp (&merged->total.tally, &before->total.tally, sizeof (FwTally)) == 0);

  /* The employee side now counts as Utrecht too, and its comments say so. */
  employees = by_unit (FW_KIND_EMPLOYEE);
  ck_assert_uint_eq (employees->rows->len, 1);
  ck_assert_str_eq (g_array_index (employees->rows, FwQueryRow, 0).key, "Utrecht");
  ck_assert_int_eq (g_array_index (employees->rows, FwQueryRow, 0).tally.n, 30);
  {
    g_autoptr(GArray) comments = fw_insights_comments (store, FW_KIND_EMPLOYEE, NULL, NULL, 10,
                                                       50, FW_COMMENT_THRESHOLD, &error);

    ck_assert_msg (comments != NULL, "%s", error ? error->message : "");
    ck_assert_uint_gt (comments->len, 0);
    ck_assert_str_eq (g_array_index (comments, FwComment, 0).unit, "Utrecht");
  }

  /* A filter by a merged name means the unit it counts as. */
  {
    g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
    g_autoptr(FwQueryResult) result = NULL;

    fw_query_filter_add_unit (filter, "Utrecht CS");
    result = fw_query_run (store, filter, FW_GROUPING_TOTAL, NULL, &error);
    ck_assert_msg (result != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq (result->total.tally.n, 80);
  }

  /* New answers under the merged name count as the unit at once. */
  add (FW_KIND_CUSTOMER, "Utrecht CS", "2025-03-01", 4, cx_scores, 4, NULL);
  ck_assert_int_eq (rollup_mismatches (), 0);
  ck_assert_int_eq (raw_int ("SELECT count(DISTINCT unit_id) FROM rollup_daily"), 1);

  units = fw_units_list (store, 5, &error);
  ck_assert_uint_eq (units->len, 3);
  ck_assert_str_eq (g_array_index (units, FwUnitInfo, 0).name, "Utrecht");
  ck_assert_ptr_null (g_array_index (units, FwUnitInfo, 0).merged_into);
  ck_assert_int_eq (g_array_index (units, FwUnitInfo, 0).customer_n, 84);
  ck_assert_int_eq (g_array_index (units, FwUnitInfo, 0).employee_n, 30);
  ck_assert_str_eq (g_array_index (units, FwUnitInfo, 1).merged_into, "Utrecht");
  /* Employee answers count only in months of at least the threshold. */
  {
    g_autoptr(GArray) strict = fw_units_list (store, 31, &error);

    ck_assert_int_eq (g_array_index (strict, FwUnitInfo, 0).customer_n, 84);
    ck_assert_int_eq (g_array_index (strict, FwUnitInfo, 0).employee_n, 0);
  }

  ck_assert_msg (fw_units_split (store, "Utrecht CS", &error), "%s", error ? error->message : "");
  ck_assert_int_eq (rollup_mismatches (), 0);
  after = by_unit (FW_KIND_CUSTOMER);
  ck_assert_uint_eq (after->rows->len, 2);
  row = fw_query_result_lookup (after, "Utrecht CS", NULL);
  ck_assert_ptr_nonnull (row);
  ck_assert_int_eq (row->tally.n, 24);
  row = fw_query_result_lookup (after, "Utrecht", NULL);
  ck_assert_int_eq (row->tally.n, 60);
  ck_assert (memcmp (&row->tally, &fw_query_result_lookup (before, "Utrecht", NULL)->tally,
                     sizeof (FwTally)) == 0);
}
END_TEST

static const struct
{
  const char *name;
  const char *into; /* NULL: split @name */
  const char *message;
} refusal_cases[] = {
  { "Nowhere", "Leiden", "There is no unit “Nowhere”" },
  { "Leiden", "Nowhere", "There is no unit “Nowhere”" },
  { "Leiden", "leiden", "cannot be merged into itself" },
  { "Delft", "Leiden", "already counts as another unit" },
  { "Leiden", "Delft", "cannot be merged into itself" },
  { "Leiden", NULL, "is not merged into another unit" },
  { "Nowhere", NULL, "There is no unit “Nowhere”" },
};

/* Each refusal says why and changes nothing. */
START_TEST (test_refusals)
{
  static const int scores[] = { 9, 3 };
  g_autoptr(GError) error = NULL;
  gint64 n_rollup;
  gboolean ok;

  add (FW_KIND_CUSTOMER, "Leiden", "2025-01-01", 6, scores, 2, NULL);
  add (FW_KIND_CUSTOMER, "Delft", "2025-01-01", 4, scores, 2, NULL);
  ck_assert (fw_units_merge (store, "Delft", "Leiden", &error));
  n_rollup = raw_int ("SELECT count(*) FROM rollup_daily");

  if (refusal_cases[_i].into != NULL)
    ok = fw_units_merge (store, refusal_cases[_i].name, refusal_cases[_i].into, &error);
  else
    ok = fw_units_split (store, refusal_cases[_i].name, &error);
  ck_assert (!ok);
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID));
  ck_assert_msg (strstr (error->message, refusal_cases[_i].message) != NULL, "%s",
                 error->message);
  ck_assert_int_eq (raw_int ("SELECT count(*) FROM rollup_daily"), n_rollup);
  ck_assert_int_eq (raw_int ("SELECT count(*) FROM units WHERE merged_into IS NOT NULL"), 1);
  ck_assert_int_eq (rollup_mismatches (), 0);
}
END_TEST

static Suite *
units_suite (void)
{
  Suite *s = suite_create ("units");
  TCase *tc = tcase_create ("units");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_normalize, 0, G_N_ELEMENTS (normal_cases));
  tcase_add_test (tc, test_suggest);
  tcase_add_test (tc, test_merge_and_split);
  tcase_add_loop_test (tc, test_refusals, 0, G_N_ELEMENTS (refusal_cases));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (units_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? 0 : 1;
}
