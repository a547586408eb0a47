/* test-stats.c: NPS, its interval and test, and the correlations, against
 * numbers worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected values below were worked out with the formulas of DESIGN.md
 * written out independently (plain floating point in a scratch shell, not
 * this code); the working for each case is in its comment.
 */

#include "config.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "fw-stats.h"

#define EPS 1e-6

#define ck_assert_close(a, b) ck_assert_double_eq_tol ((a), (b), EPS)

typedef struct
{
  gint64 promoters, detractors, n;
  double nps, centre, low, high;
} IntervalCase;

static const IntervalCase interval_cases[] = {
  /* n' = 42, p' = 8.75/42 = 0.2083333, d' = 22.75/42 = 0.5416667,
   * p' - d' = -1/3, v' = 0.75 - 1/9 = 0.6388889, NPS' = -33.333333,
   * half = 196 * sqrt (0.6388889 / 42) = 196 * 0.1233346 = 24.173754.
   * NPS = 100 * (8 - 22) / 39 = -35.897436. */
  { 8, 22, 39, -35.8974358974359, -33.3333333333333, -57.5070870834312, -9.15957958323547 },
  /* One promoter: n' = 4, p' = 1.75/4 = 0.4375, d' = 0.75/4 = 0.1875,
   * v' = 0.625 - 0.0625 = 0.5625, NPS' = 25, half = 196 * sqrt (0.5625/4)
   * = 196 * 0.375 = 73.5. */
  { 1, 0, 1, 100, 25, -48.5, 98.5 },
  /* One detractor: the mirror image. */
  { 0, 1, 1, -100, -25, -98.5, 48.5 },
  /* One passive: p' = d' = 0.1875, v' = 0.375, half = 196 * sqrt (0.09375)
   * = 60.012499. */
  { 0, 0, 1, 0, 0, -60.0124986981879, 60.0124986981879 },
  /* All ten promoters: n' = 13, p' = 10.75/13, d' = 0.75/13,
   * p' - d' = 10/13, v' = 11.5/13 - 100/169 = 0.2928994,
   * NPS' = 76.923077, half = 196 * sqrt (0.2928994 / 13) = 29.419966;
   * the upper end 106.3 is clamped to 100. */
  { 10, 0, 10, 100, 76.9230769230769, 47.5030109441739, 100 },
  /* All ten detractors: the mirror image, clamped at -100. */
  { 0, 10, 10, -100, -76.9230769230769, -100, -47.5030109441739 },
  /* All five passives: plain v = 0, but v' = 1.5/8 = 0.1875 and
   * half = 196 * sqrt (0.1875 / 8) = 30.006249. */
  { 0, 0, 5, 0, 0, -30.0062493490939, 30.0062493490939 },
  /* n' = 103, p' = 50.75/103, d' = 20.75/103, p' - d' = 30/103,
   * v' = 71.5/103 - 900/10609 = 0.6093411, NPS' = 29.126214,
   * half = 196 * sqrt (0.6093411 / 103) = 15.075360. */
  { 50, 20, 100, 30, 29.126213592233, 14.0508531654761, 44.2015740189899 },
  /* n' = 10, p' = 0.375, d' = 0.175, v' = 0.55 - 0.04 = 0.51, NPS' = 20,
   * half = 196 * sqrt (0.051) = 44.263032. */
  { 3, 1, 7, 28.5714285714286, 20, -24.263031979294, 64.263031979294 },
};

START_TEST (test_interval)
{
  const IntervalCase *c = &interval_cases[_i];
  double centre, low, high;

  ck_assert_close (fw_stats_nps (c->promoters, c->detractors, c->n), c->nps);
  ck_assert (fw_stats_nps_interval (c->promoters, c->detractors, c->n, &centre, &low, &high));
  ck_assert_close (centre, c->centre);
  ck_assert_close (low, c->low);
  ck_assert_close (high, c->high);
  ck_assert (low <= high);
  ck_assert (low >= -100 && high <= 100);
}
END_TEST

START_TEST (test_no_answers)
{
  double centre = 0, low = 0, high = 0;

  /* No answers: nothing to score and nothing to bound. */
  ck_assert (isnan (fw_stats_nps (0, 0, 0)));
  ck_assert (isnan (fw_stats_nps_variance (0, 0, 0)));
  ck_assert (!fw_stats_nps_interval (0, 0, 0, &centre, &low, &high));
  ck_assert (isnan (centre) && isnan (low) && isnan (high));
  /* The centre is optional. */
  ck_assert (fw_stats_nps_interval (1, 0, 1, NULL, &low, &high));
  ck_assert_close (low, -48.5);
}
END_TEST

START_TEST (test_variance)
{
  /* p = 8/39, d = 22/39: v = 30/39 - (14/39)^2 = 0.7692308 - 0.1288626. */
  ck_assert_close (fw_stats_nps_variance (8, 22, 39), 30.0 / 39 - 196.0 / 1521);
  /* Uniform groups have no spread. */
  ck_assert_close (fw_stats_nps_variance (10, 0, 10), 0);
  ck_assert_close (fw_stats_nps_variance (0, 10, 10), 0);
  ck_assert_close (fw_stats_nps_variance (0, 0, 10), 0);
  /* Half promoters, half detractors: the largest possible, 1. */
  ck_assert_close (fw_stats_nps_variance (5, 5, 10), 1);
}
END_TEST

typedef struct
{
  gint64 p1, d1, n1, p2, d2, n2;
  double delta, z, p;
} ChangeCase;

static const ChangeCase change_cases[] = {
  /* v1 = 30/39 - (14/39)^2 = 0.6403682, v2 = 0.75 - 0.0625 = 0.6875,
   * se = 100 * sqrt (0.6403682/39 + 0.6875/40) = 18.332266,
   * delta = 25 - (-35.897436) = 60.897436, z = 3.3218718,
   * p = erfc (3.3218718 / sqrt 2) = 0.00089416. */
  { 8, 22, 39, 20, 10, 40, 60.8974358974359, 3.32187175338136, 0.000894157814070635 },
  /* v1 = 0.7 - 0.09 = 0.61, v2 = 0.7 - 0.04 = 0.66,
   * se = 100 * sqrt (0.0127) = 11.269428, delta = -10, z = -0.8873565,
   * p = 0.37488699. */
  { 50, 20, 100, 45, 25, 100, -10, -0.887356509416114, 0.374886990452797 },
  /* The same period twice: no change, z = 0, p = 1. */
  { 50, 20, 100, 50, 20, 100, 0, 0, 1 },
};

START_TEST (test_change)
{
  const ChangeCase *c = &change_cases[_i];
  FwNpsChange change;

  ck_assert (fw_stats_nps_change (c->p1, c->d1, c->n1, c->p2, c->d2, c->n2, &change));
  ck_assert_close (change.delta, c->delta);
  ck_assert_close (change.z, c->z);
  ck_assert_close (change.p, c->p);
}
END_TEST

START_TEST (test_change_undefined)
{
  FwNpsChange change;

  /* An empty period: nothing is defined. */
  ck_assert (!fw_stats_nps_change (0, 0, 0, 5, 0, 10, &change));
  ck_assert (isnan (change.delta) && isnan (change.z) && isnan (change.p));
  ck_assert (!fw_stats_nps_change (5, 0, 10, 0, 0, 0, &change));
  ck_assert (isnan (change.delta));

  /* All promoters, then all passives: both plain variances are 0, so the
   * delta of -100 stands but there is no standard error to test it by. */
  ck_assert (fw_stats_nps_change (10, 0, 10, 0, 0, 5, &change));
  ck_assert_close (change.delta, -100);
  ck_assert (isnan (change.z) && isnan (change.p));

  /* One uniform period is enough for a test when the other has spread:
   * v1 = 0, v2 = 0.6875, se = 100 * sqrt (0.6875/40) = 13.110111,
   * delta = 25 - 100 = -75, z = -5.7207755. */
  ck_assert (fw_stats_nps_change (10, 0, 10, 20, 10, 40, &change));
  ck_assert_close (change.delta, -75);
  ck_assert_close (change.z, -75 / (100 * sqrt (0.6875 / 40)));
}
END_TEST

START_TEST (test_two_sided_p)
{
  /* The textbook quantiles: 1.959964 -> 0.05, 2.575829 -> 0.01. */
  ck_assert_double_eq_tol (fw_stats_two_sided_p (1.959963984540054), 0.05, 1e-12);
  ck_assert_double_eq_tol (fw_stats_two_sided_p (-2.5758293035489), 0.01, 1e-12);
  ck_assert_close (fw_stats_two_sided_p (0), 1);
  ck_assert_close (fw_stats_two_sided_p (INFINITY), 0);
  ck_assert (isnan (fw_stats_two_sided_p (NAN)));
}
END_TEST

START_TEST (test_ranks)
{
  static const double values[] = { 3, 1, 4, 1, 5, 9, 2, 6, 5 };
  /* Sorted: 1 1 2 3 4 5 5 6 9 at positions 1..9; the 1s share (1+2)/2, the
   * 5s share (6+7)/2. */
  static const double expected[] = { 4, 1.5, 5, 1.5, 6.5, 9, 3, 8, 6.5 };
  double ranks[G_N_ELEMENTS (values)];

  fw_stats_ranks (values, G_N_ELEMENTS (values), ranks);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    ck_assert_close (ranks[i], expected[i]);
}
END_TEST

START_TEST (test_correlation)
{
  /* x = 1..5, y = 2 4 5 4 5: means 3 and 4, sxx = 10, syy = 6, sxy = 6,
   * r = 6 / sqrt (60) = 0.7745967, slope = 6 / 10 = 0.6.
   * Fisher: atanh (r) = 1.0317, se = 1 / sqrt (2), so
   * tanh (1.0317 -+ 1.3859) = -0.3401046 .. 0.9842366.
   * Ranks of y with ties: 1 2.5 4.5 2.5 4.5; rho = 0.7378648. */
  static const double x[] = { 1, 2, 3, 4, 5 };
  static const double y[] = { 2, 4, 5, 4, 5 };
  /* x2 = 10..60, y2 = 3 1 4 1 5 9: r = 0.6961696, slope = 0.1114286,
   * Fisher with se = 1 / sqrt (3): -0.2652779 .. 0.9634175;
   * ranks of y2 3 1.5 4 1.5 5 6, rho = 0.6667367. */
  static const double x2[] = { 10, 20, 30, 40, 50, 60 };
  static const double y2[] = { 3, 1, 4, 1, 5, 9 };
  double low, high;

  ck_assert_close (fw_stats_pearson (x, y, 5), 0.774596669241483);
  ck_assert_close (fw_stats_slope (x, y, 5), 0.6);
  ck_assert_close (fw_stats_spearman (x, y, 5), 0.737864787372622);
  ck_assert (fw_stats_pearson_interval (fw_stats_pearson (x, y, 5), 5, &low, &high));
  ck_assert_close (low, -0.340104556388301);
  ck_assert_close (high, 0.984236551730959);

  ck_assert_close (fw_stats_pearson (x2, y2, 6), 0.696169627909143);
  ck_assert_close (fw_stats_slope (x2, y2, 6), 0.111428571428571);
  ck_assert_close (fw_stats_spearman (x2, y2, 6), 0.666736691000316);
  ck_assert (fw_stats_pearson_interval (fw_stats_pearson (x2, y2, 6), 6, &low, &high));
  ck_assert_close (low, -0.265277927050805);
  ck_assert_close (high, 0.963417480303492);

  /* A perfect, falling line: r = rho = -1, slope -2, a point interval. */
  {
    static const double fy[] = { 10, 8, 6, 4, 2 };

    ck_assert_close (fw_stats_pearson (x, fy, 5), -1);
    ck_assert_close (fw_stats_spearman (x, fy, 5), -1);
    ck_assert_close (fw_stats_slope (x, fy, 5), -2);
    ck_assert (fw_stats_pearson_interval (-1, 5, &low, &high));
    ck_assert_close (low, -1);
    ck_assert_close (high, -1);
  }
}
END_TEST

START_TEST (test_correlation_undefined)
{
  static const double x[] = { 1, 2, 3, 4 };
  static const double flat[] = { 7, 7, 7, 7 };
  double low = 0, high = 0;

  /* Too few pairs. */
  ck_assert (isnan (fw_stats_pearson (x, x, 0)));
  ck_assert (isnan (fw_stats_pearson (x, x, 1)));
  ck_assert (isnan (fw_stats_spearman (x, x, 1)));
  ck_assert (isnan (fw_stats_slope (x, x, 1)));
  /* No spread on one side: no correlation; no slope when x is flat. */
  ck_assert (isnan (fw_stats_pearson (x, flat, 4)));
  ck_assert (isnan (fw_stats_spearman (flat, x, 4)));
  ck_assert (isnan (fw_stats_slope (flat, x, 4)));
  ck_assert_close (fw_stats_slope (x, flat, 4), 0);
  /* Fisher's interval needs n > 3. */
  ck_assert (!fw_stats_pearson_interval (0.5, 3, &low, &high));
  ck_assert (isnan (low) && isnan (high));
  ck_assert (!fw_stats_pearson_interval (NAN, 10, &low, &high));
  ck_assert (fw_stats_pearson_interval (0.5, 4, &low, &high));
}
END_TEST

static Suite *
stats_suite (void)
{
  Suite *s = suite_create ("stats");
  TCase *tc = tcase_create ("core");

  tcase_add_loop_test (tc, test_interval, 0, G_N_ELEMENTS (interval_cases));
  tcase_add_test (tc, test_no_answers);
  tcase_add_test (tc, test_variance);
  tcase_add_loop_test (tc, test_change, 0, G_N_ELEMENTS (change_cases));
  tcase_add_test (tc, test_change_undefined);
  tcase_add_test (tc, test_two_sided_p);
  tcase_add_test (tc, test_ranks);
  tcase_add_test (tc, test_correlation);
  tcase_add_test (tc, test_correlation_undefined);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (stats_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
