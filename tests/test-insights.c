/* test-insights.c: the CX-EX link, customers at risk, spend by category and
 * movers, on small databases with known answers and on the sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected correlations were worked out independently of this code, in
 * plain Python from the scores in the tables below (NPS per group, then
 * Pearson, mean ranks, least squares and Fisher's z by their textbook
 * formulas); spend means and day distances by hand.
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fw-demo.h"
#include "fw-insights.h"
#include "fw-store-forget.h"
#include "fw-units.h"
#include "fw-store-private.h"

#define EPS 1e-9

static char *tmpdir;
static FwStore *store;

static void
setup (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  tmpdir = g_dir_make_tmp ("fw-insights-XXXXXX", NULL);
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

/* Answers of one group: one digit per answer, 'X' for 10. */
typedef struct
{
  FwKind      kind;
  const char *day;
  const char *unit;
  const char *scores;
} Group;

/* One answer with a customer key and a spend amount (NAN for none). */
typedef struct
{
  FwKind      kind;
  const char *day;
  const char *unit;
  const char *respondent;
  int         score;
  double      spend;
} Answer;

static void
add_response (FwBatch          *batch,
              const FwResponse *response)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (fw_batch_add (batch, response, &error), "%s", error ? error->message : "");
}

static FwBatch *
begin (void)
{
  FwBatchInfo info = { "test.csv", NULL, "csv", NULL, "mixed" };
  g_autoptr(GError) error = NULL;
  FwBatch *batch = fw_store_begin_batch (store, &info, &error);

  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  return batch;
}

static void
commit (FwBatch *batch)
{
  g_autoptr(GError) error = NULL;
  gint64 batch_id = 0;

  ck_assert_msg (fw_batch_commit (batch, &batch_id, &error), "%s", error ? error->message : "");
  fw_batch_free (batch);
}

static void
add_groups (const Group *groups,
            guint        n_groups)
{
  FwBatch *batch = begin ();

  for (guint i = 0; i < n_groups; i++)
    for (const char *s = groups[i].scores; *s != '\0'; s++)
      {
        FwResponse r = {
          groups[i].kind, groups[i].day, *s == 'X' ? 10 : *s - '0', groups[i].unit,
          NULL, NULL, NULL, NULL, NAN,
        };
        add_response (batch, &r);
      }
  commit (batch);
}

static void
add_answers (const Answer *answers,
             guint         n_answers)
{
  FwBatch *batch = begin ();

  for (guint i = 0; i < n_answers; i++)
    {
      FwResponse r = {
        answers[i].kind, answers[i].day, answers[i].score, answers[i].unit, NULL,
        answers[i].respondent, NULL, NULL, answers[i].spend,
      };
      add_response (batch, &r);
    }
  commit (batch);
}

static void
assert_nan_or_close (double actual,
                     double expected)
{
  if (isnan (expected))
    ck_assert_msg (isnan (actual), "expected NAN, got %g", actual);
  else
    ck_assert_double_eq_tol (actual, expected, EPS);
}

/* ---- The CX-EX link ---------------------------------------------------- */

/* Employee pulse in 2025-Q1, one month each: A n6 eNPS 33.3, B n5 -20,
 * C n4 25, D n7 57.1, E n3 33.3, F n2.  With a threshold of 3, F is hidden
 * and E, a safe cell of its own, is shown (no group is hidden to protect
 * another: see the rule at the top of fw-query.c); with 5, C, E and F are
 * hidden.  Customers in 2025-Q1: A 33.3 (n3), B -33.3 (n3),
 * C 50 (n2), D 66.7 (n3); in 2025-Q2: A 75 (n4), B 0 (n2), C -100 (n1),
 * D 100 (n3).  E and F have plenty of customers, so only anonymity keeps
 * them out. */
static const Group link_groups[] = {
  { FW_KIND_EMPLOYEE, "2025-02-10", "A", "XX9870" },
  { FW_KIND_EMPLOYEE, "2025-02-10", "B", "X9600" },
  { FW_KIND_EMPLOYEE, "2025-02-10", "C", "X877" },
  { FW_KIND_EMPLOYEE, "2025-02-10", "D", "XXXX986" },
  { FW_KIND_EMPLOYEE, "2025-02-10", "E", "XX0" },
  { FW_KIND_EMPLOYEE, "2025-02-10", "F", "X5" },
  { FW_KIND_CUSTOMER, "2025-02-11", "A", "X96" },
  { FW_KIND_CUSTOMER, "2025-02-11", "B", "0X6" },
  { FW_KIND_CUSTOMER, "2025-02-11", "C", "98" },
  { FW_KIND_CUSTOMER, "2025-02-11", "D", "XX8" },
  { FW_KIND_CUSTOMER, "2025-02-11", "E", "XXX" },
  { FW_KIND_CUSTOMER, "2025-02-11", "F", "XXX" },
  { FW_KIND_CUSTOMER, "2025-05-12", "A", "X9X7" },
  { FW_KIND_CUSTOMER, "2025-05-12", "B", "6X" },
  { FW_KIND_CUSTOMER, "2025-05-12", "C", "5" },
  { FW_KIND_CUSTOMER, "2025-05-12", "D", "XX9" },
  { FW_KIND_CUSTOMER, "2025-05-12", "E", "XX" },
  { FW_KIND_CUSTOMER, "2025-05-12", "F", "XX" },
  /* Answers without a unit are no unit of the link. */
  { FW_KIND_EMPLOYEE, "2025-02-10", NULL, "XXXXXXX" },
  { FW_KIND_CUSTOMER, "2025-02-11", NULL, "000" },
};

typedef struct
{
  const char *units;  /* the pairs' units, comma-separated */
  double      r, low, high, rho, slope;
} ExpectedLag;

typedef struct
{
  guint       min_group, ex_min_n, cx_min_n, min_pairs;
  ExpectedLag lag0, lag1;
  int         best_lag;
} LinkCase;

#define R_ABCD 0.955263307525, -0.071136579922, 0.999092478050, 0.8, 1.297867222215
#define R_ABD_Q1 0.999626248421, NAN, NAN, 1.0, 1.288509978686
#define R_ABD_Q2 0.997980238612, NAN, NAN, 1.0, 1.314788800620
#define R_ABCDE_Q1 0.821126050384, -0.221910647298, 0.987788350130, 0.666885928855, 1.436654314151
#define R_ABDE_Q1 0.824701817948, -0.657648282185, 0.996195004890, 0.632455532034, 1.438968969680
#define R_ABDE_Q2 0.952218008245, -0.104579907242, 0.999029220252, 0.833333333333, 1.381186536959

static const LinkCase link_cases[] = {
  /* Lag 1 fits better but has only 4 pairs (C has one customer in Q2). */
  { 3, 3, 2, 3, { "A,B,C,D,E", R_ABCDE_Q1 }, { "A,B,D,E", R_ABDE_Q2 }, 1 },
  { 3, 3, 2, 4, { "A,B,C,D,E", R_ABCDE_Q1 }, { "A,B,D,E", R_ABDE_Q2 }, 1 },
  { 3, 3, 2, 5, { "A,B,C,D,E", R_ABCDE_Q1 }, { "A,B,D,E", R_ABDE_Q2 }, 0 },
  /* Thresholds below the anonymity minimum are raised to it: F (n2) stays
   * hidden. */
  { 2, 2, 2, 3, { "A,B,C,D,E", R_ABCDE_Q1 }, { "A,B,D,E", R_ABDE_Q2 }, 1 },
  /* C (n4) is shown but too small for the link. */
  { 3, 5, 2, 3, { "A,B,D", R_ABD_Q1 }, { "A,B,D", R_ABD_Q2 }, 0 },
  /* C is hidden by the threshold, whatever the link's own minimum. */
  { 5, 3, 2, 3, { "A,B,D", R_ABD_Q1 }, { "A,B,D", R_ABD_Q2 }, 0 },
  /* The customer minimum drops C in Q1 and B, C and E in Q2; two pairs give a
   * perfect r but never the best lag. */
  { 3, 3, 3, 3, { "A,B,D,E", R_ABDE_Q1 }, { "A,D", 1.0, NAN, NAN, 1.0, 1.05 }, 0 },
};

static void
check_lag (const FwLinkLag   *lag,
           guint              expected_lag,
           const ExpectedLag *e)
{
  g_auto(GStrv) units = g_strsplit (e->units, ",", -1);

  ck_assert_uint_eq (lag->lag, expected_lag);
  ck_assert_uint_eq (lag->pairs->len, g_strv_length (units));
  for (guint i = 0; i < lag->pairs->len; i++)
    {
      const FwLinkPair *pair = &g_array_index (lag->pairs, FwLinkPair, i);

      ck_assert_str_eq (pair->unit, units[i]);
      ck_assert_str_eq (pair->ex_quarter, "2025-Q1");
      ck_assert_str_eq (pair->cx_quarter, expected_lag == 0 ? "2025-Q1" : "2025-Q2");
      ck_assert_int_ge (pair->ex_n, 3);
      ck_assert_int_ge (pair->cx_n, 2);
    }
  assert_nan_or_close (lag->pearson, e->r);
  assert_nan_or_close (lag->pearson_low, e->low);
  assert_nan_or_close (lag->pearson_high, e->high);
  assert_nan_or_close (lag->spearman, e->rho);
  assert_nan_or_close (lag->slope, e->slope);
}

START_TEST (test_link)
{
  const LinkCase *c = &link_cases[_i];
  FwLinkOptions options = { 1, c->min_group, c->ex_min_n, c->cx_min_n, c->min_pairs };
  g_autoptr(GError) error = NULL;
  g_autoptr(FwLink) link = NULL;

  add_groups (link_groups, G_N_ELEMENTS (link_groups));
  link = fw_insights_link (store, NULL, NULL, &options, &error);
  ck_assert_msg (link != NULL, "%s", error ? error->message : "");

  check_lag (fw_link_get_lag (link, 0), 0, &c->lag0);
  check_lag (fw_link_get_lag (link, 1), 1, &c->lag1);
  for (guint lag = 2; lag <= 4; lag += 2)
    {
      const FwLinkLag *l = fw_link_get_lag (link, lag);

      ck_assert_uint_eq (l->pairs->len, 0);
      ck_assert (isnan (l->pearson) && isnan (l->spearman) && isnan (l->slope));
    }
  ck_assert_ptr_null (fw_link_get_lag (link, 3));
  ck_assert_int_eq (link->best_lag, c->best_lag);
}
END_TEST

/* When two lags fit exactly as well, the shorter one is the best: the same
 * customer scores in both quarters give lags 0 and 1 the same r. */
START_TEST (test_link_tie)
{
  static const Group same[] = {
    { FW_KIND_CUSTOMER, "2025-02-11", "A", "X96" },
    { FW_KIND_CUSTOMER, "2025-02-11", "B", "0X6" },
    { FW_KIND_CUSTOMER, "2025-02-11", "C", "98" },
    { FW_KIND_CUSTOMER, "2025-02-11", "D", "XX8" },
    { FW_KIND_CUSTOMER, "2025-05-12", "A", "X96" },
    { FW_KIND_CUSTOMER, "2025-05-12", "B", "0X6" },
    { FW_KIND_CUSTOMER, "2025-05-12", "C", "98" },
    { FW_KIND_CUSTOMER, "2025-05-12", "D", "XX8" },
  };
  FwLinkOptions options = { 1, 3, 3, 2, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FwLink) link = NULL;

  add_groups (link_groups, 6);
  add_groups (same, G_N_ELEMENTS (same));
  link = fw_insights_link (store, NULL, NULL, &options, &error);
  ck_assert_msg (link != NULL, "%s", error ? error->message : "");
  ck_assert_double_eq (fw_link_get_lag (link, 0)->pearson, fw_link_get_lag (link, 1)->pearson);
  ck_assert_double_eq_tol (fw_link_get_lag (link, 1)->pearson, 0.955263307525, EPS);
  ck_assert_int_eq (link->best_lag, 0);
}
END_TEST

/* The exact eNPS and NPS of the pairs, and the fiscal year: from April,
 * February 2025 is 2025-Q4 and May 2025 2026-Q1. */
START_TEST (test_link_pairs)
{
  FwLinkOptions options = { 4, 3, 3, 2, 3 };
  static const struct { const char *unit; gint64 ex_n, cx_n; double enps, nps; } expected[] = {
    { "A", 6, 4, 100.0 / 3, 75 },
    { "B", 5, 2, -20, 0 },
    { "D", 7, 3, 400.0 / 7, 100 },
    { "E", 3, 2, 100.0 / 3, 100 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FwLink) link = NULL;
  const FwLinkLag *lag;

  add_groups (link_groups, G_N_ELEMENTS (link_groups));
  link = fw_insights_link (store, NULL, NULL, &options, &error);
  ck_assert_msg (link != NULL, "%s", error ? error->message : "");
  lag = fw_link_get_lag (link, 1);
  ck_assert_uint_eq (lag->pairs->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const FwLinkPair *pair = &g_array_index (lag->pairs, FwLinkPair, i);

      ck_assert_str_eq (pair->unit, expected[i].unit);
      ck_assert_str_eq (pair->ex_quarter, "2025-Q4");
      ck_assert_str_eq (pair->cx_quarter, "2026-Q1");
      ck_assert_int_eq (pair->ex_n, expected[i].ex_n);
      ck_assert_int_eq (pair->cx_n, expected[i].cx_n);
      ck_assert_double_eq_tol (pair->enps, expected[i].enps, EPS);
      ck_assert_double_eq_tol (pair->nps, expected[i].nps, EPS);
    }

  /* A range that ends before the customers' second quarter has no lag-1
   * pairs, and a day that is no day is an error. */
  g_clear_pointer (&link, fw_link_free);
  link = fw_insights_link (store, "2025-01-01", "2025-03-31", &options, &error);
  ck_assert_msg (link != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (fw_link_get_lag (link, 1)->pairs->len, 0);
  /* A to E, E being a safe cell of its own now that no group is hidden
   * to protect another. */
  ck_assert_uint_eq (fw_link_get_lag (link, 0)->pairs->len, 5);
  g_clear_pointer (&link, fw_link_free);
  link = fw_insights_link (store, "2025-02-30", NULL, &options, &error);
  ck_assert_ptr_null (link);
  ck_assert (g_error_matches (error, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY));
}
END_TEST

/* ---- Customers at risk ------------------------------------------------- */

/* K1: detractors 90 days apart (at risk); K2: 91 days apart (not); K3:
 * three detractor answers, the last two 19 days apart, one without a unit;
 * K4: a promoter between two detractors does not clear them; K5: one
 * detractor; K7: two passives (7 is no detractor); K6: an employee; and
 * detractors without a key. */
static const Answer risk_answers[] = {
  { FW_KIND_CUSTOMER, "2025-01-01", "Billing", "K1", 6, NAN },
  { FW_KIND_CUSTOMER, "2025-04-01", "Sales", "K1", 0, NAN },
  { FW_KIND_CUSTOMER, "2025-01-01", "Billing", "K2", 3, NAN },
  { FW_KIND_CUSTOMER, "2025-04-02", "Billing", "K2", 3, NAN },
  { FW_KIND_CUSTOMER, "2025-06-20", NULL, "K3", 2, NAN },
  { FW_KIND_CUSTOMER, "2025-01-01", "Billing", "K3", 5, NAN },
  { FW_KIND_CUSTOMER, "2025-06-01", "Billing", "K3", 4, NAN },
  { FW_KIND_CUSTOMER, "2025-03-10", "Billing", "K3", 10, NAN },
  { FW_KIND_CUSTOMER, "2025-03-01", "Support", "K4", 1, NAN },
  { FW_KIND_CUSTOMER, "2025-03-10", "Support", "K4", 10, NAN },
  { FW_KIND_CUSTOMER, "2025-03-20", "Sales", "K4", 6, NAN },
  { FW_KIND_CUSTOMER, "2025-03-01", "Sales", "K5", 0, NAN },
  { FW_KIND_CUSTOMER, "2025-03-05", "Sales", "K5", 9, NAN },
  { FW_KIND_CUSTOMER, "2025-03-01", "Sales", "K7", 7, NAN },
  { FW_KIND_CUSTOMER, "2025-03-02", "Sales", "K7", 7, NAN },
  { FW_KIND_EMPLOYEE, "2025-03-01", "Sales", "K6", 0, NAN },
  { FW_KIND_EMPLOYEE, "2025-03-02", "Sales", "K6", 0, NAN },
  { FW_KIND_CUSTOMER, "2025-03-01", "Sales", NULL, 0, NAN },
  { FW_KIND_CUSTOMER, "2025-03-02", "Sales", NULL, 0, NAN },
};

typedef struct
{
  const char *respondent;
  guint       n;
  const char *first_day, *last_day;
  const char *units; /* comma-separated, "" for none */
} ExpectedRisk;

typedef struct
{
  const char  *from_day, *to_day;
  ExpectedRisk customers[4];
  guint        n_customers;
} RiskCase;

static const RiskCase risk_cases[] = {
  { NULL, NULL,
    { { "K3", 3, "2025-01-01", "2025-06-20", "Billing" },
      { "K1", 2, "2025-01-01", "2025-04-01", "Billing,Sales" },
      { "K4", 2, "2025-03-01", "2025-03-20", "Sales,Support" } }, 3 },
  /* Without K1's first answer and K3's. */
  { "2025-01-02", NULL,
    { { "K3", 2, "2025-06-01", "2025-06-20", "Billing" },
      { "K4", 2, "2025-03-01", "2025-03-20", "Sales,Support" } }, 2 },
  /* K3 is left with two answers 151 days apart. */
  { NULL, "2025-06-01",
    { { "K1", 2, "2025-01-01", "2025-04-01", "Billing,Sales" },
      { "K4", 2, "2025-03-01", "2025-03-20", "Sales,Support" } }, 2 },
  { "2025-06-20", "2025-06-20", { { NULL } }, 0 },
};

START_TEST (test_at_risk)
{
  const RiskCase *c = &risk_cases[_i];
  g_autoptr(GError) error = NULL;
  g_autoptr(FwAtRisk) at_risk = NULL;

  add_answers (risk_answers, G_N_ELEMENTS (risk_answers));
  at_risk = fw_insights_at_risk (store, c->from_day, c->to_day, &error);
  ck_assert_msg (at_risk != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (at_risk->customers->len, c->n_customers);
  for (guint i = 0; i < c->n_customers; i++)
    {
      const FwAtRiskCustomer *customer = &g_array_index (at_risk->customers, FwAtRiskCustomer, i);
      const ExpectedRisk *e = &c->customers[i];
      g_autofree char *units = g_strjoinv (",", customer->units);

      ck_assert_str_eq (customer->respondent, e->respondent);
      ck_assert_uint_eq (customer->n_detractor, e->n);
      ck_assert_str_eq (customer->first_day, e->first_day);
      ck_assert_str_eq (customer->last_day, e->last_day);
      ck_assert_str_eq (units, e->units);
    }
}
END_TEST

/* ---- Spend by category ------------------------------------------------- */

/* Promoters 100 and 50 (mean 75), passives 40 (the 7 without spend does not
 * count), detractors 30 and 60 (mean 45): uplift 75 / 45 - 1 = 66.67%.  The
 * employee's spend and the answers after 2025-06-30 are left out of the
 * first case; the second keeps only June: promoter 50, passive none,
 * detractor 60. */
static const Answer spend_answers[] = {
  { FW_KIND_CUSTOMER, "2025-05-01", "Billing", "S1", 10, 100 },
  { FW_KIND_CUSTOMER, "2025-06-01", "Billing", "S2", 9, 50 },
  { FW_KIND_CUSTOMER, "2025-05-01", "Sales", "S3", 8, 40 },
  { FW_KIND_CUSTOMER, "2025-05-01", "Sales", "S4", 7, NAN },
  { FW_KIND_CUSTOMER, "2025-05-01", "Sales", "S5", 6, 30 },
  { FW_KIND_CUSTOMER, "2025-06-02", NULL, NULL, 0, 60 },
  { FW_KIND_CUSTOMER, "2025-06-03", "Sales", "S6", 3, NAN },
  { FW_KIND_EMPLOYEE, "2025-05-01", "Sales", NULL, 10, 1000 },
  { FW_KIND_CUSTOMER, "2025-07-01", "Sales", "S7", 0, 1000 },
};

typedef struct
{
  const char *from_day, *to_day;
  gint64      n[3];
  double      mean[3];
  double      uplift;
} SpendCase;

static const SpendCase spend_cases[] = {
  { NULL, "2025-06-30", { 2, 1, 2 }, { 75, 40, 45 }, 100.0 * (75.0 / 45.0 - 1.0) },
  { "2025-06-01", "2025-06-30", { 1, 0, 1 }, { 50, NAN, 60 }, 100.0 * (50.0 / 60.0 - 1.0) },
  /* No detractor with spend: no uplift. */
  { "2025-05-01", "2025-05-01", { 1, 1, 1 }, { 100, 40, 30 }, 100.0 * (100.0 / 30.0 - 1.0) },
  { "2025-06-01", "2025-06-01", { 1, 0, 0 }, { 50, NAN, NAN }, NAN },
  { "2026-01-01", NULL, { 0, 0, 0 }, { NAN, NAN, NAN }, NAN },
};

/* The count the board pack reads from the repeat detractors equals the
 * list counted from every answer, for random answers, ranges and units,
 * and still after an import is removed and a customer forgotten. */
/* The customers at risk in a range, counted straight from the answers
 * rather than from what the store keeps for it: two detractor answers in
 * the range at most FW_AT_RISK_DAYS apart. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gint64
at_risk_from_answers (const char *from,
                      const char *to)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(DISTINCT respondent) FROM"
    " (SELECT respondent, julianday (day) - julianday (lag (day) OVER"
    "          (PARTITION BY respondent ORDER BY day)) AS gap"
    "    FROM responses WHERE kind = 'customer' AND score <= 6 AND respondent <> ''"
    "     AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2))"
    " WHERE gap <= %d", FW_AT_RISK_DAYS);

  ck_assert_int_eq (sqlite3_prepare_v2 (fw_store_get_db (store), sql, -1, &stmt, NULL),
                    SQLITE_OK);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_risk_counts (GRand *rand)
{
  static const char *const unit_names[] = { "North", "South", "East" };

  for (guint round = 0; round < 25; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FwAtRisk) list = NULL;
      g_autoptr(GPtrArray) units = g_ptr_array_new ();
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      gint64 count = -1, expected = 0;

      if (round % 5 != 0)
        {
          int a = g_rand_int_range (rand, 0, 700), b = g_rand_int_range (rand, 0, 700);
          g_autoptr(GDate) d = g_date_new_dmy (1, 1, 2024);
          char text[16];

          g_date_add_days (d, MIN (a, b));
          g_date_strftime (text, sizeof text, "%Y-%m-%d", d);
          from = g_strdup (text);
          g_date_add_days (d, ABS (a - b));
          g_date_strftime (text, sizeof text, "%Y-%m-%d", d);
          to = g_strdup (text);
        }
      for (guint u = 0; round % 2 == 1 && u < G_N_ELEMENTS (unit_names); u++)
        if (g_rand_boolean (rand))
          g_ptr_array_add (units, (gpointer) unit_names[u]);
      g_ptr_array_add (units, NULL);

      list = fw_insights_at_risk (store, from, to, &error);
      ck_assert_msg (list != NULL, "%s", error ? error->message : "");
      ck_assert_msg (list->customers->len == at_risk_from_answers (from, to),
                     "%s..%s: %u listed against %" G_GINT64_FORMAT " from the answers",
                     from ? from : "", to ? to : "", list->customers->len,
                     at_risk_from_answers (from, to));
      for (guint i = 0; i < list->customers->len; i++)
        {
          const FwAtRiskCustomer *c = &g_array_index (list->customers, FwAtRiskCustomer, i);
          gboolean counts = units->len == 1;

          for (guint u = 0; !counts && c->units != NULL && c->units[u] != NULL; u++)
            counts = g_strv_contains ((const char *const *) units->pdata, c->units[u]);
          expected += counts;
        }
      ck_assert_msg (fw_insights_at_risk_count (store, from, to,
                                                units->len > 1
                                                ? (const char *const *) units->pdata : NULL,
                                                &count, &error),
                     "%s", error ? error->message : "");
      ck_assert_msg (count == expected, "%s..%s: %" G_GINT64_FORMAT " against %" G_GINT64_FORMAT,
                     from ? from : "", to ? to : "", count, expected);
    }
}

START_TEST (test_at_risk_count)
{
  static const char *const unit_names[] = { "North", "South", "East" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (90 + _i);
  g_autoptr(GError) error = NULL;
  gint64 batches[3] = { 0 };
  FwForgetResult forgotten = { 0 };

  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      FwBatch *batch = begin ();

      for (guint i = 0; i < 300; i++)
        {
          g_autoptr(GDate) d = g_date_new_dmy (1, 1, 2024);
          char day[16], key[16];
          FwResponse r = { FW_KIND_CUSTOMER, day, g_rand_int_range (rand, 0, 11),
                           unit_names[g_rand_int_range (rand, 0, 3)], NULL, key, NULL, NULL,
                           NAN };

          g_date_add_days (d, g_rand_int_range (rand, 0, 730));
          g_date_strftime (day, sizeof day, "%Y-%m-%d", d);
          g_snprintf (key, sizeof key, "K%02d", g_rand_int_range (rand, 0, 40));
          add_response (batch, &r);
        }
      ck_assert_msg (fw_batch_commit (batch, &batches[b], &error), "%s",
                     error ? error->message : "");
      fw_batch_free (batch);
    }
  assert_risk_counts (rand);
  ck_assert (fw_store_remove_batch (store, batches[1], &error));
  assert_risk_counts (rand);
  ck_assert (fw_store_forget_respondent (store, "K07", FALSE, &forgotten, &error));
  ck_assert_int_gt (forgotten.n_answers, 0);
  assert_risk_counts (rand);
}
END_TEST

START_TEST (test_spend)
{
  const SpendCase *c = &spend_cases[_i];
  g_autoptr(GError) error = NULL;
  FwSpend spend;
  const FwSpendMean *means[3] = { &spend.promoters, &spend.passives, &spend.detractors };

  add_answers (spend_answers, G_N_ELEMENTS (spend_answers));
  ck_assert_msg (fw_insights_spend (store, c->from_day, c->to_day, &spend, &error),
                 "%s", error ? error->message : "");
  for (guint i = 0; i < 3; i++)
    {
      ck_assert_int_eq (means[i]->n, c->n[i]);
      assert_nan_or_close (means[i]->mean, c->mean[i]);
    }
  assert_nan_or_close (spend.uplift, c->uplift);
}
END_TEST

START_TEST (test_invalid_days)
{
  static const char *days[] = { "2025-13-01", "2025-1-01", "yesterday", "2025-02-29" };
  FwSpend spend;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      g_autoptr(FwAtRisk) at_risk = fw_insights_at_risk (store, NULL, days[i], &error);

      ck_assert_ptr_null (at_risk);
      ck_assert (g_error_matches (error, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY));
      ck_assert (!fw_insights_spend (store, days[i], NULL, &spend, &error2));
      ck_assert (g_error_matches (error2, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY));
    }
}
END_TEST

/* ---- Movers ------------------------------------------------------------ */

/* Customers: A from P19 D1 (NPS 90, n 20) to P1 D19 (-90) moves; B from
 * P1 D1 to P1 D2 does not.  Employees: C from P9 D1 (80) to P1 D9 (-80)
 * moves, and E from 80 to P1 D7 (-75); D moves as much but its second
 * quarter is one month of 4 answers, an unsafe cell, so it is hidden and
 * no mover.  Uniform groups are avoided, since their change has no test. */
static const Group mover_groups[] = {
  { FW_KIND_CUSTOMER, "2025-02-01", "A", "XXXXXXXXXXXXXXXXXXX0" },
  { FW_KIND_CUSTOMER, "2025-05-01", "A", "0000000000000000000X" },
  { FW_KIND_CUSTOMER, "2025-02-01", "B", "X0" },
  { FW_KIND_CUSTOMER, "2025-05-01", "B", "X00" },
  { FW_KIND_EMPLOYEE, "2025-02-01", "C", "XXXXXXXXX0" },
  { FW_KIND_EMPLOYEE, "2025-05-01", "C", "000000000X" },
  { FW_KIND_EMPLOYEE, "2025-02-01", "D", "XXXXXXXXX0" },
  { FW_KIND_EMPLOYEE, "2025-05-01", "D", "000X" },
  { FW_KIND_EMPLOYEE, "2025-02-01", "E", "XXXXXXXXX0" },
  { FW_KIND_EMPLOYEE, "2025-05-01", "E", "0000000X" },
};

START_TEST (test_movers)
{
  static const FwQueryOptions options = FW_QUERY_OPTIONS_INIT;
  static const struct { FwKind kind; const char *unit; double nps, delta; } expected[] = {
    { FW_KIND_CUSTOMER, "A", -90, -180 },
    { FW_KIND_EMPLOYEE, "C", -80, -160 },
    { FW_KIND_EMPLOYEE, "E", -75, -155 },
  };

  add_groups (mover_groups, G_N_ELEMENTS (mover_groups));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) movers = fw_insights_movers (store, expected[i].kind, NULL, NULL,
                                                     &options, &error);
      const FwMover *mover = NULL;

      ck_assert_msg (movers != NULL, "%s", error ? error->message : "");
      ck_assert_uint_eq (movers->len, expected[i].kind == FW_KIND_CUSTOMER ? 1 : 2);
      for (guint m = 0; m < movers->len; m++)
        if (strcmp (g_array_index (movers, FwMover, m).unit, expected[i].unit) == 0)
          mover = &g_array_index (movers, FwMover, m);
      ck_assert_msg (mover != NULL, "no mover %s", expected[i].unit);
      ck_assert_str_eq (mover->unit, expected[i].unit);
      ck_assert_str_eq (mover->quarter, "2025-Q2");
      ck_assert_double_eq_tol (mover->nps, expected[i].nps, EPS);
      ck_assert_double_eq_tol (mover->delta, expected[i].delta, EPS);
      ck_assert_double_lt (mover->p, FW_MOVERS_ALPHA);
    }
}
END_TEST

/* ---- The sample data --------------------------------------------------- */

/* The generator builds in an eNPS lead of FW_DEMO_LEAD_QUARTERS over NPS,
 * repeat detractors and promoters who spend 1.6 times what detractors do;
 * all three must come out. */
START_TEST (test_demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwLink) link = NULL;
  g_autoptr(FwAtRisk) at_risk = NULL;
  const FwLinkLag *lead;
  FwSpend spend;

  ck_assert_msg (fw_demo_fill (store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");

  link = fw_insights_link (store, NULL, NULL, NULL, &error);
  ck_assert_msg (link != NULL, "%s", error ? error->message : "");
  for (guint l = 0; l < FW_LINK_N_LAGS; l++)
    {
      const FwLinkLag *lag = &link->lags[l];

      g_print ("lag %u: %u pairs, r %.3f [%.3f, %.3f], rho %.3f, slope %.3f\n",
                      lag->lag, lag->pairs->len, lag->pearson, lag->pearson_low,
                      lag->pearson_high, lag->spearman, lag->slope);
      ck_assert_uint_ge (lag->pairs->len, FW_LINK_MIN_PAIRS_DEFAULT);
      /* Never an employee group below the threshold. */
      for (guint i = 0; i < lag->pairs->len; i++)
        {
          ck_assert_int_ge (g_array_index (lag->pairs, FwLinkPair, i).ex_n, FW_ANONYMITY_DEFAULT);
          ck_assert_int_ge (g_array_index (lag->pairs, FwLinkPair, i).cx_n,
                            FW_LINK_CX_MIN_N_DEFAULT);
        }
    }
  ck_assert_int_eq (link->best_lag, FW_DEMO_LEAD_QUARTERS);
  lead = fw_link_get_lag (link, FW_DEMO_LEAD_QUARTERS);
  ck_assert_msg (lead->pearson > 0.4 && lead->pearson < 0.95, "r %g", lead->pearson);
  ck_assert_double_gt (lead->pearson_low, 0);
  ck_assert_double_lt (lead->pearson_high, 1);
  ck_assert_double_gt (lead->spearman, 0);
  ck_assert_double_gt (lead->slope, 0);
  /* Small pulses never count: Business Accounts and the Social Media Team
   * have quarters below 5, so 12 units x 11 quarters is too many. */
  ck_assert_uint_lt (lead->pairs->len, FW_DEMO_N_UNITS * (FW_DEMO_N_QUARTERS - 1));

  at_risk = fw_insights_at_risk (store, NULL, NULL, &error);
  ck_assert_msg (at_risk != NULL, "%s", error ? error->message : "");
  g_print ("at risk: %u customers\n", at_risk->customers->len);
  ck_assert_uint_gt (at_risk->customers->len, 0);
  for (guint i = 0; i < at_risk->customers->len; i++)
    ck_assert_uint_ge (g_array_index (at_risk->customers, FwAtRiskCustomer, i).n_detractor, 2);

  /* Log-normal amounts over thousands of answers per category: the ratio
   * of the means lands within a few percent of 1.6 for any seed, so an
   * uplift of 60 +- 10 points finds it and still fails for 1.4 or 1.8. */
  ck_assert_msg (fw_insights_spend (store, NULL, NULL, &spend, &error),
                 "%s", error ? error->message : "");
  g_print ("spend: promoters %.2f (n %" G_GINT64_FORMAT "), passives %.2f (n %"
                  G_GINT64_FORMAT "), detractors %.2f (n %" G_GINT64_FORMAT "), uplift %.1f%%\n",
                  spend.promoters.mean, spend.promoters.n, spend.passives.mean,
                  spend.passives.n, spend.detractors.mean, spend.detractors.n, spend.uplift);
  ck_assert_double_eq_tol (spend.uplift, 100.0 * (FW_DEMO_SPEND_RATIO - 1.0), 10.0);
  ck_assert_double_gt (spend.passives.mean, spend.detractors.mean);
  ck_assert_double_lt (spend.passives.mean, spend.promoters.mean);
}
END_TEST

/* One answer with a touchpoint and a comment (NULL for none). */
typedef struct
{
  FwKind      kind;
  const char *day;
  const char *unit;
  const char *touchpoint;
  int         score;
  const char *comment;
} Commented;

static void
add_commented (const Commented *answers,
               guint            n_answers)
{
  FwBatch *batch = begin ();

  for (guint i = 0; i < n_answers; i++)
    {
      FwResponse r = {
        answers[i].kind, answers[i].day, answers[i].score, answers[i].unit,
        answers[i].touchpoint, NULL, NULL, answers[i].comment, NAN,
      };
      add_response (batch, &r);
    }
  commit (batch);
}

static const Commented commented[] = {
  /* Ops, March: 9 employee answers, every one with a comment; one short of
   * the comment threshold, so none may show. */
  { FW_KIND_EMPLOYEE, "2025-03-03", "Ops", "Phone", 9, "march one" },
  { FW_KIND_EMPLOYEE, "2025-03-04", "Ops", "Phone", 2, "march two" },
  { FW_KIND_EMPLOYEE, "2025-03-05", "Ops", NULL, 7, "march three" },
  { FW_KIND_EMPLOYEE, "2025-03-06", "Ops", NULL, 10, "march four" },
  { FW_KIND_EMPLOYEE, "2025-03-07", "Ops", NULL, 0, "march five" },
  { FW_KIND_EMPLOYEE, "2025-03-10", "Ops", NULL, 8, "march six" },
  { FW_KIND_EMPLOYEE, "2025-03-11", "Ops", NULL, 5, "march seven" },
  { FW_KIND_EMPLOYEE, "2025-03-12", "Ops", NULL, 6, "march eight" },
  { FW_KIND_EMPLOYEE, "2025-03-31", "Ops", NULL, 9, "march nine" },
  /* Ops, April: 10 answers (over two touchpoints), two with a comment. */
  { FW_KIND_EMPLOYEE, "2025-04-20", "Ops", "Phone", 9, "april good" },
  { FW_KIND_EMPLOYEE, "2025-04-03", "Ops", "Phone", 2, "april bad" },
  { FW_KIND_EMPLOYEE, "2025-04-01", "Ops", "Web", 7, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-02", "Ops", "Web", 7, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-04", "Ops", NULL, 8, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-07", "Ops", NULL, 8, "  " },
  { FW_KIND_EMPLOYEE, "2025-04-08", "Ops", NULL, 9, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-09", "Ops", NULL, 10, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-10", "Ops", NULL, 3, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-30", "Ops", NULL, 6, NULL },
  /* Tiny, April: 4 answers, below even the anonymity threshold. */
  { FW_KIND_EMPLOYEE, "2025-04-15", "Tiny", NULL, 1, "tiny" },
  { FW_KIND_EMPLOYEE, "2025-04-15", "Tiny", NULL, 9, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-16", "Tiny", NULL, 9, NULL },
  { FW_KIND_EMPLOYEE, "2025-04-17", "Tiny", NULL, 9, NULL },
  /* Customers: any one of them is shown, with all it has. */
  { FW_KIND_CUSTOMER, "2025-02-10", "Shop", "Phone", 3, "slow" },
  { FW_KIND_CUSTOMER, "2025-02-12", "Shop", "Web", 9, "great" },
  { FW_KIND_CUSTOMER, "2025-02-12", "Shop", NULL, 6, "meh" },
  { FW_KIND_CUSTOMER, "2025-01-05", NULL, "Chat", 0, "awful" },
  { FW_KIND_CUSTOMER, "2025-02-14", "Shop", "Web", 10, " " },
  { FW_KIND_CUSTOMER, "2025-02-15", "Shop", "Web", 8, NULL },
};

/* The texts of @comments, joined by '|'. */
static char *
comment_texts (GArray *comments)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < comments->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                            g_array_index (comments, FwComment, i).text);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
run_comments (FwKind      kind,
              const char *from_day,
              const char *to_day,
              guint       max_score,
              guint       limit,
              guint       threshold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) comments = fw_insights_comments (store, kind, from_day, to_day, max_score,
                                                     limit, threshold, &error);

  ck_assert_msg (comments != NULL, "%s", error ? error->message : "");
  return comment_texts (comments);
}

static const struct
{
  FwKind      kind;
  const char *from_day;
  const char *to_day;
  guint       max_score;
  guint       limit;
  guint       threshold;
  const char *texts;
} comment_cases[] = {
  /* Newest first, same day by the later answer first; blank comments never. */
  { FW_KIND_CUSTOMER, NULL, NULL, FW_COMMENT_ALL, 0, 0, "meh|great|slow|awful" },
  { FW_KIND_CUSTOMER, NULL, NULL, FW_COMMENT_DETRACTORS, 0, 0, "meh|slow|awful" },
  { FW_KIND_CUSTOMER, NULL, NULL, FW_COMMENT_ALL, 2, 0, "meh|great" },
  { FW_KIND_CUSTOMER, "2025-02-10", "2025-02-11", FW_COMMENT_ALL, 0, 0, "slow" },
  { FW_KIND_CUSTOMER, "2025-02-11", NULL, FW_COMMENT_ALL, 0, 0, "meh|great" },
  { FW_KIND_CUSTOMER, NULL, "2025-02-09", FW_COMMENT_ALL, 0, 0, "awful" },
  /* April has 10 answers, March 9 and Tiny 4: only April, by text. */
  { FW_KIND_EMPLOYEE, NULL, NULL, FW_COMMENT_ALL, 0, 0, "april bad|april good" },
  { FW_KIND_EMPLOYEE, NULL, NULL, FW_COMMENT_ALL, 0, FW_COMMENT_THRESHOLD, "april bad|april good" },
  /* Scores stay hidden: a detractors-only list would tell them. */
  { FW_KIND_EMPLOYEE, NULL, NULL, FW_COMMENT_DETRACTORS, 0, 0, "april bad|april good" },
  { FW_KIND_EMPLOYEE, NULL, NULL, FW_COMMENT_ALL, 1, 0, "april bad" },
  /* A lower threshold shows March after April, never Tiny below 5. */
  { FW_KIND_EMPLOYEE, NULL, NULL, FW_COMMENT_ALL, 3, 9, "april bad|april good|march eight" },
  { FW_KIND_EMPLOYEE, NULL, NULL, FW_COMMENT_ALL, 0, 1,
    "april bad|april good|march eight|march five|march four|march nine|march one|march seven|"
    "march six|march three|march two" },
  /* Only whole months: a day in or out would tell the day of a comment. */
  { FW_KIND_EMPLOYEE, "2025-04-01", "2025-04-30", FW_COMMENT_ALL, 0, 0, "april bad|april good" },
  { FW_KIND_EMPLOYEE, "2025-04-02", NULL, FW_COMMENT_ALL, 0, 0, "" },
  { FW_KIND_EMPLOYEE, NULL, "2025-04-29", FW_COMMENT_ALL, 0, 0, "" },
  /* The cell counts the whole month, whatever the range. */
  { FW_KIND_EMPLOYEE, "2025-04-01", NULL, FW_COMMENT_ALL, 0, 0, "april bad|april good" },
};

START_TEST (test_comments)
{
  g_autofree char *texts = NULL;

  add_commented (commented, G_N_ELEMENTS (commented));
  texts = run_comments (comment_cases[_i].kind, comment_cases[_i].from_day,
                        comment_cases[_i].to_day, comment_cases[_i].max_score,
                        comment_cases[_i].limit, comment_cases[_i].threshold);
  ck_assert_str_eq (texts, comment_cases[_i].texts);
}
END_TEST

/* Filtered comments: units and touchpoints narrow customer comments;
 * employee comments follow a unit, which keeps cells whole, and ignore a
 * touchpoint, which would split them. */
static const struct
{
  FwKind      kind;
  const char *units[3];
  const char *touchpoints[3];
  const char *texts;
} filtered_cases[] = {
  { FW_KIND_CUSTOMER, { "Shop", NULL }, { NULL }, "meh|great|slow" },
  { FW_KIND_CUSTOMER, { "shop", NULL }, { "Web", NULL }, "great" },
  { FW_KIND_CUSTOMER, { NULL }, { "Chat", "Phone", NULL }, "slow|awful" },
  { FW_KIND_CUSTOMER, { "Nowhere", NULL }, { NULL }, "" },
  { FW_KIND_CUSTOMER, { "Winkel", NULL }, { NULL }, "meh|great|slow" },
  { FW_KIND_EMPLOYEE, { "Ops", NULL }, { NULL }, "april bad|april good" },
  { FW_KIND_EMPLOYEE, { "Ops", NULL }, { "Web", NULL }, "april bad|april good" },
  { FW_KIND_EMPLOYEE, { "Tiny", NULL }, { NULL }, "" },
  { FW_KIND_EMPLOYEE, { "Shop", NULL }, { NULL }, "" },
};

START_TEST (test_comments_filtered)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (filtered_cases[_i].kind);
  g_autoptr(GArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *texts = NULL;

  add_commented (commented, G_N_ELEMENTS (commented));
  /* "Winkel" is another name of the shop, merged into it. */
  {
    static const Commented winkel[] = {
      { FW_KIND_CUSTOMER, "2025-01-01", "Winkel", NULL, 10, NULL },
    };

    add_commented (winkel, 1);
    ck_assert (fw_units_merge (store, "Winkel", "Shop", &error));
  }
  for (guint i = 0; filtered_cases[_i].units[i] != NULL; i++)
    fw_query_filter_add_unit (filter, filtered_cases[_i].units[i]);
  for (guint i = 0; filtered_cases[_i].touchpoints[i] != NULL; i++)
    fw_query_filter_add_touchpoint (filter, filtered_cases[_i].touchpoints[i]);
  comments = fw_insights_comments_filtered (store, filter, FW_COMMENT_ALL, 0, 0, &error);
  ck_assert_msg (comments != NULL, "%s", error ? error->message : "");
  texts = comment_texts (comments);
  ck_assert_str_eq (texts, filtered_cases[_i].texts);
}
END_TEST

START_TEST (test_comment_fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) customers = NULL;
  g_autoptr(GArray) employees = NULL;
  const FwComment *c;

  add_commented (commented, G_N_ELEMENTS (commented));
  customers = fw_insights_comments (store, FW_KIND_CUSTOMER, NULL, NULL, FW_COMMENT_ALL, 0, 0,
                                    &error);
  ck_assert_msg (customers != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (customers->len, 4);
  c = &g_array_index (customers, FwComment, 1);
  ck_assert_str_eq (c->day, "2025-02-12");
  ck_assert_str_eq (c->unit, "Shop");
  ck_assert_str_eq (c->touchpoint, "Web");
  ck_assert_int_eq (c->score, 9);
  ck_assert_str_eq (c->text, "great");
  c = &g_array_index (customers, FwComment, 3);
  ck_assert_str_eq (c->day, "2025-01-05");
  ck_assert_ptr_null (c->unit);
  ck_assert_str_eq (c->touchpoint, "Chat");
  ck_assert_int_eq (c->score, 0);

  /* Month only, no score, no touchpoint, though the answers have them. */
  employees = fw_insights_comments (store, FW_KIND_EMPLOYEE, NULL, NULL, FW_COMMENT_ALL, 0, 0,
                                    &error);
  ck_assert_msg (employees != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (employees->len, 2);
  for (guint i = 0; i < employees->len; i++)
    {
      c = &g_array_index (employees, FwComment, i);
      ck_assert_str_eq (c->day, "2025-04");
      ck_assert_str_eq (c->unit, "Ops");
      ck_assert_ptr_null (c->touchpoint);
      ck_assert_int_eq (c->score, -1);
    }

  ck_assert_ptr_null (fw_insights_comments (store, FW_KIND_CUSTOMER, "2025-02-30", NULL,
                                            FW_COMMENT_ALL, 0, 0, &error));
  ck_assert (g_error_matches (error, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY));
}
END_TEST

static Suite *
insights_suite (void)
{
  Suite *s = suite_create ("insights");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_link, 0, G_N_ELEMENTS (link_cases));
  tcase_add_test (tc, test_link_tie);
  tcase_add_test (tc, test_link_pairs);
  tcase_add_loop_test (tc, test_at_risk, 0, G_N_ELEMENTS (risk_cases));
  tcase_add_loop_test (tc, test_spend, 0, G_N_ELEMENTS (spend_cases));
  tcase_add_test (tc, test_invalid_days);
  tcase_add_loop_test (tc, test_at_risk_count, 0, 3);
  tcase_add_test (tc, test_movers);
  tcase_add_loop_test (tc, test_comments, 0, G_N_ELEMENTS (comment_cases));
  tcase_add_test (tc, test_comment_fields);
  tcase_add_loop_test (tc, test_comments_filtered, 0, G_N_ELEMENTS (filtered_cases));
  tcase_add_test (tc, test_demo);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (insights_suite ());
  int failed;

  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
