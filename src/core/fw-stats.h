/* fw-stats.h: the statistics behind every score Flywheel shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The normal quantile of a two-sided 95% interval, as DESIGN.md writes it. */
#define FW_STATS_Z95 1.96

/* Change of NPS between two periods; see fw_stats_nps_change(). */
typedef struct
{
  double delta; /* NPS2 - NPS1, in points */
  double z;
  double p;     /* two-sided */
} FwNpsChange;

double   fw_stats_nps            (gint64 promoters,
                                  gint64 detractors,
                                  gint64 n);
double   fw_stats_nps_variance   (gint64 promoters,
                                  gint64 detractors,
                                  gint64 n);
gboolean fw_stats_nps_interval   (gint64  promoters,
                                  gint64  detractors,
                                  gint64  n,
                                  double *centre,
                                  double *low,
                                  double *high);
gboolean fw_stats_nps_change     (gint64       promoters1,
                                  gint64       detractors1,
                                  gint64       n1,
                                  gint64       promoters2,
                                  gint64       detractors2,
                                  gint64       n2,
                                  FwNpsChange *change);
double   fw_stats_two_sided_p    (double z);

void     fw_stats_ranks          (const double *values,
                                  gsize         n,
                                  double       *ranks);
double   fw_stats_pearson        (const double *x,
                                  const double *y,
                                  gsize         n);
gboolean fw_stats_pearson_interval (double  r,
                                    gsize   n,
                                    double *low,
                                    double *high);
double   fw_stats_spearman       (const double *x,
                                  const double *y,
                                  gsize         n);
double   fw_stats_slope          (const double *x,
                                  const double *y,
                                  gsize         n);

G_END_DECLS
