/* fw-overview-page.h: the Overview page of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fw-chart-view.h"
#include "fw-dashboard.h"

G_BEGIN_DECLS

#define FW_TYPE_OVERVIEW_PAGE (fw_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (FwOverviewPage, fw_overview_page, FW, OVERVIEW_PAGE, GtkWidget)

typedef enum
{
  FW_OVERVIEW_NPS_VALUE,
  FW_OVERVIEW_NPS_DETAIL,
  FW_OVERVIEW_ENPS_VALUE,
  FW_OVERVIEW_ENPS_DETAIL,
  FW_OVERVIEW_COUNT_VALUE,
  FW_OVERVIEW_COUNT_DETAIL,
  FW_OVERVIEW_RANGE,
  FW_OVERVIEW_PERIOD,
} FwOverviewText;

void         fw_overview_page_set_loading (FwOverviewPage        *self);
void         fw_overview_page_set_error   (FwOverviewPage        *self,
                                           const GError          *error);
void         fw_overview_page_set_data    (FwOverviewPage        *self,
                                           const FwDashboardData *data);
const char  *fw_overview_page_get_text    (FwOverviewPage        *self,
                                           FwOverviewText         which);
const char  *fw_overview_page_get_state   (FwOverviewPage        *self);
FwChartView *fw_overview_page_get_trend   (FwOverviewPage        *self);
/* The rows of the highest (@top) or lowest units, best first. */
GPtrArray   *fw_overview_page_get_unit_rows (FwOverviewPage      *self,
                                             gboolean             top);

G_END_DECLS
