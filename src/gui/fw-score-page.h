/* fw-score-page.h: the Customers and Employees pages of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fw-chart-view.h"
#include "fw-dashboard.h"

G_BEGIN_DECLS

#define FW_TYPE_SCORE_PAGE (fw_score_page_get_type ())
G_DECLARE_FINAL_TYPE (FwScorePage, fw_score_page, FW, SCORE_PAGE, GtkWidget)

typedef enum
{
  FW_SCORE_PAGE_TILES,
  FW_SCORE_PAGE_TREND,
  FW_SCORE_PAGE_UNITS,
  FW_SCORE_PAGE_TOUCHPOINTS,
  FW_SCORE_PAGE_HEATMAP,
} FwScorePageChart;

void         fw_score_page_set_loading   (FwScorePage           *self);
void         fw_score_page_set_error     (FwScorePage           *self,
                                          const GError          *error);
void         fw_score_page_set_data      (FwScorePage           *self,
                                          const FwDashboardData *data);
const char  *fw_score_page_get_state     (FwScorePage           *self);
FwChartView *fw_score_page_get_chart     (FwScorePage           *self,
                                          FwScorePageChart       which);
/* The note on anonymity and the filters, or "" for none. */
const char  *fw_score_page_get_note      (FwScorePage           *self);
/* The rows of the comment list, a placeholder row when there are none. */
GPtrArray   *fw_score_page_get_comment_rows (FwScorePage        *self);

G_END_DECLS
