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

/* Export: the "chart" actions are chart.export (s: "pdf", "png", "png2x"
 * or "svg"; asks for a file), chart.export-to ((ss): format and path) and
 * chart.copy; a right click, the Menu key and the menu button offer them. */
void       fw_chart_view_set_export_labels (FwChartView *self,
                                            const char  *filter,
                                            const char  *footnote);
GtkWidget *fw_chart_view_new_menu_button   (FwChartView *self);
gboolean   fw_chart_view_export            (FwChartView *self,
                                            const char  *format,
                                            const char  *path,
                                            GError     **error);

G_END_DECLS
