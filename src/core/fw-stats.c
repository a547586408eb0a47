/* fw-stats.c: the statistics behind every score Flywheel shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure arithmetic on counts and series, no SQL and no strings, so that every
 * formula can be checked against hand-worked numbers in tests/test-stats.c.
 * Where a figure has no meaning (no answers, no spread) it is NAN, never a
 * made-up 0, so that a caller cannot mistake "unknown" for "neutral".
 */

#define G_LOG_DOMAIN "fw-stats"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fw-stats.h"

/**
 * fw_stats_nps:
 *
 * Net Promoter Score: the share of promoters minus the share of detractors,
 * in points from -100 to +100.  NAN when @n is 0.
 */
double
fw_stats_nps (gint64 promoters,
              gint64 detractors,
              gint64 n)
{
  g_return_val_if_fail (promoters >= 0 && detractors >= 0, NAN);
  g_return_val_if_fail (promoters + detractors <= n, NAN);

  if (n <= 0)
    return NAN;
  return 100.0 * (double) (promoters - detractors) / (double) n;
}

/**
 * fw_stats_nps_variance:
 *
 * The plain variance of one answer's NPS value (+1, 0 or -1):
 * v = p + d - (p - d)^2 with p = P/n and d = D/n.  It is 0 when every
 * answer is of one category (all promoters, all passives or all
 * detractors), and NAN when @n is 0.
 */
double
fw_stats_nps_variance (gint64 promoters,
                       gint64 detractors,
                       gint64 n)
{
  double p, d;

  g_return_val_if_fail (promoters >= 0 && detractors >= 0, NAN);
  g_return_val_if_fail (promoters + detractors <= n, NAN);

  if (n <= 0)
    return NAN;
  p = (double) promoters / (double) n;
  d = (double) detractors / (double) n;
  /* Rounding can take an exact 0 a hair below it. */
  return MAX (p + d - (p - d) * (p - d), 0.0);
}

/**
 * fw_stats_nps_interval:
 * @centre: (out) (optional): the adjusted score NPS' the interval is built on
 * @low: (out): lower bound, in points, never below -100
 * @high: (out): upper bound, in points, never above +100
 *
 * The adjusted-Wald 95% interval of Rocks (2016), as DESIGN.md gives it:
 * n' = n + 3, p' = (P + 3/4) / n', d' = (D + 3/4) / n',
 * v = p' + d' - (p' - d')^2, NPS' = 100 (p' - d'),
 * NPS' +- 1.96 * 100 * sqrt (v / n'), clamped to [-100, 100].
 *
 * The adjustment keeps the interval honest where the plain Wald interval
 * collapses: with all promoters or all detractors v' is still above 0, and
 * one answer gives a wide interval, not a point.  With no answers at all the
 * formula would still return 0 +- 80, an interval about nothing, so then
 * every output is NAN and the function returns %FALSE.
 *
 * Note that the interval is centred on NPS', which lies a little towards 0
 * from the plain NPS; it need not be symmetric about the score shown.
 */
gboolean
fw_stats_nps_interval (gint64  promoters,
                       gint64  detractors,
                       gint64  n,
                       double *centre,
                       double *low,
                       double *high)
{
  double n_adj, p_adj, d_adj, v_adj, nps_adj, half;

  g_return_val_if_fail (low != NULL && high != NULL, FALSE);

  if (centre != NULL)
    *centre = NAN;
  *low = *high = NAN;

  g_return_val_if_fail (promoters >= 0 && detractors >= 0, FALSE);
  g_return_val_if_fail (promoters + detractors <= n, FALSE);

  if (n <= 0)
    return FALSE;

  n_adj = (double) n + 3.0;
  p_adj = ((double) promoters + 0.75) / n_adj;
  d_adj = ((double) detractors + 0.75) / n_adj;
  v_adj = p_adj + d_adj - (p_adj - d_adj) * (p_adj - d_adj);
  nps_adj = 100.0 * (p_adj - d_adj);
  half = FW_STATS_Z95 * 100.0 * sqrt (v_adj / n_adj);

  if (centre != NULL)
    *centre = nps_adj;
  *low = CLAMP (nps_adj - half, -100.0, 100.0);
  *high = CLAMP (nps_adj + half, -100.0, 100.0);
  return TRUE;
}

/**
 * fw_stats_two_sided_p:
 *
 * The two-sided p-value of a standard normal @z: P(|Z| >= |z|) =
 * erfc (|z| / sqrt 2).  NAN for NAN; 0 for an infinite @z.
 */
double
fw_stats_two_sided_p (double z)
{
  if (isnan (z))
    return NAN;
  return erfc (fabs (z) / G_SQRT2);
}

/**
 * fw_stats_nps_change:
 * @change: (out): delta, z and p; all NAN when the change is undefined
 *
 * The change from period 1 to period 2 and its test, as DESIGN.md gives it:
 * z = (NPS2 - NPS1) / (100 * sqrt (v1/n1 + v2/n2)) with the plain
 * v = p + d - (p - d)^2, and the two-sided p-value from erfc.
 *
 * Undefined cases: when either period has no answers, everything is NAN and
 * %FALSE is returned.  When both periods are uniform (each all promoters,
 * all passives or all detractors) the plain standard error is 0; delta is
 * still given but z and p are NAN, since the formula has nothing to divide
 * by and a test on so little spread would claim a certainty it has not got.
 * %TRUE then, because delta is meaningful.
 */
gboolean
fw_stats_nps_change (gint64       promoters1,
                     gint64       detractors1,
                     gint64       n1,
                     gint64       promoters2,
                     gint64       detractors2,
                     gint64       n2,
                     FwNpsChange *change)
{
  double v1, v2, se;

  g_return_val_if_fail (change != NULL, FALSE);

  change->delta = change->z = change->p = NAN;

  if (n1 <= 0 || n2 <= 0)
    return FALSE;

  change->delta = fw_stats_nps (promoters2, detractors2, n2)
                  - fw_stats_nps (promoters1, detractors1, n1);
  v1 = fw_stats_nps_variance (promoters1, detractors1, n1);
  v2 = fw_stats_nps_variance (promoters2, detractors2, n2);
  se = 100.0 * sqrt (v1 / (double) n1 + v2 / (double) n2);
  if (!(se > 0.0))
    return TRUE;

  change->z = change->delta / se;
  change->p = fw_stats_two_sided_p (change->z);
  return TRUE;
}

typedef struct
{
  double value;
  gsize  index;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->value < rb->value)
    return -1;
  if (ra->value > rb->value)
    return 1;
  /* Keeps the sort stable, so that the result does not depend on qsort. */
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/**
 * fw_stats_ranks:
 * @ranks: (out caller-allocates): @n ranks, 1-based
 *
 * Ranks @values from 1 (smallest) to @n; tied values all get the mean of the
 * ranks they span, so that 10, 20, 20, 30 ranks as 1, 2.5, 2.5, 4.
 */
void
fw_stats_ranks (const double *values,
                gsize         n,
                double       *ranks)
{
  g_autofree Ranked *sorted = NULL;
  gsize i = 0;

  if (n == 0)
    return;
  g_return_if_fail (values != NULL && ranks != NULL);

  sorted = g_new (Ranked, n);
  for (gsize k = 0; k < n; k++)
    sorted[k] = (Ranked) { values[k], k };
  qsort (sorted, n, sizeof *sorted, compare_ranked);

  while (i < n)
    {
      gsize j = i;
      double mean;

      while (j + 1 < n && sorted[j + 1].value == sorted[i].value)
        j++;
      /* Positions i..j hold ranks i+1..j+1. */
      mean = ((double) (i + 1) + (double) (j + 1)) / 2.0;
      for (gsize k = i; k <= j; k++)
        ranks[sorted[k].index] = mean;
      i = j + 1;
    }
}

/* Sums of squares and cross products about the means, in two passes for
 * accuracy; FALSE when there are too few points to speak of a spread. */
static gboolean
moments (const double *x,
         const double *y,
         gsize         n,
         double       *sxx,
         double       *syy,
         double       *sxy)
{
  double mx = 0, my = 0;

  *sxx = *syy = *sxy = 0;
  if (n < 2)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      mx += x[i];
      my += y[i];
    }
  mx /= (double) n;
  my /= (double) n;

  for (gsize i = 0; i < n; i++)
    {
      double dx = x[i] - mx, dy = y[i] - my;

      *sxx += dx * dx;
      *syy += dy * dy;
      *sxy += dx * dy;
    }
  return TRUE;
}

/**
 * fw_stats_pearson:
 *
 * Pearson's r of the @n pairs (@x[i], @y[i]).  NAN for fewer than two pairs
 * or when either side does not vary, since then there is no linear
 * association to measure.
 */
double
fw_stats_pearson (const double *x,
                  const double *y,
                  gsize         n)
{
  double sxx, syy, sxy, r;

  if (!moments (x, y, n, &sxx, &syy, &sxy) || !(sxx > 0) || !(syy > 0))
    return NAN;

  r = sxy / sqrt (sxx * syy);
  /* Rounding may land a hair outside [-1, 1], which atanh cannot take. */
  return CLAMP (r, -1.0, 1.0);
}

/**
 * fw_stats_pearson_interval:
 *
 * The 95% interval of a correlation @r from @n pairs through Fisher's z:
 * tanh (atanh (r) +- 1.96 / sqrt (n - 3)).  Needs @n > 3; otherwise, or for a
 * NAN @r, both bounds are NAN and %FALSE is returned.  A perfect r of +-1
 * gives the point interval [r, r]: Fisher's z is infinite there.
 */
gboolean
fw_stats_pearson_interval (double  r,
                           gsize   n,
                           double *low,
                           double *high)
{
  double z, half;

  g_return_val_if_fail (low != NULL && high != NULL, FALSE);

  *low = *high = NAN;
  if (n <= 3 || isnan (r))
    return FALSE;

  if (fabs (r) >= 1.0)
    {
      *low = *high = r;
      return TRUE;
    }

  z = atanh (r);
  half = FW_STATS_Z95 / sqrt ((double) n - 3.0);
  *low = tanh (z - half);
  *high = tanh (z + half);
  return TRUE;
}

/**
 * fw_stats_spearman:
 *
 * Spearman's rho: Pearson's r of the ranks, with ties given their mean
 * rank.  NAN where fw_stats_pearson() is, for the ranks.
 */
double
fw_stats_spearman (const double *x,
                   const double *y,
                   gsize         n)
{
  g_autofree double *rx = NULL;
  g_autofree double *ry = NULL;

  if (n < 2)
    return NAN;

  rx = g_new (double, n);
  ry = g_new (double, n);
  fw_stats_ranks (x, n, rx);
  fw_stats_ranks (y, n, ry);
  return fw_stats_pearson (rx, ry, n);
}

/**
 * fw_stats_slope:
 *
 * The ordinary least-squares slope of @y on @x: how many points @y moves per
 * point of @x.  NAN for fewer than two pairs or when @x does not vary.
 */
double
fw_stats_slope (const double *x,
                const double *y,
                gsize         n)
{
  double sxx, syy, sxy;

  if (!moments (x, y, n, &sxx, &syy, &sxy) || !(sxx > 0))
    return NAN;
  return sxy / sxx;
}
