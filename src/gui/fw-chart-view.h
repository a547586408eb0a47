/* fw-chart-view.h: a widget that shows one FwChart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fw-chart.h"

G_BEGIN_DECLS

#define FW_TYPE_CHART_VIEW (fw_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (FwChartView, fw_chart_view, FW, CHART_VIEW, GtkWidget)

GtkWidget *fw_chart_view_new        (void);
/* Takes ownership of @chart, which may be NULL for nothing to show. */
void       fw_chart_view_set_chart  (FwChartView *self,
                                     FwChart     *chart);
FwChart   *fw_chart_view_get_chart  (FwChartView *self);
/* The item the arrow keys have reached, or -1. */
int        fw_chart_view_get_focus  (FwChartView *self);

G_END_DECLS
