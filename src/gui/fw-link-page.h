/* fw-link-page.h: the CX × EX page of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fw-chart-view.h"
#include "fw-dashboard.h"

G_BEGIN_DECLS

#define FW_TYPE_LINK_PAGE (fw_link_page_get_type ())
G_DECLARE_FINAL_TYPE (FwLinkPage, fw_link_page, FW, LINK_PAGE, GtkWidget)

void         fw_link_page_set_loading (FwLinkPage      *self);
void         fw_link_page_set_error   (FwLinkPage      *self,
                                       const GError    *error);
/* Takes @data's link. */
void         fw_link_page_set_data    (FwLinkPage      *self,
                                       FwDashboardData *data);
const char  *fw_link_page_get_state   (FwLinkPage      *self);
/* The lag shown, in quarters. */
guint        fw_link_page_get_lag     (FwLinkPage      *self);
FwChartView *fw_link_page_get_chart   (FwLinkPage      *self);
const char  *fw_link_page_get_summary (FwLinkPage      *self);
/* The rows of the table, as shown. */
GListModel  *fw_link_page_get_rows    (FwLinkPage      *self);
/* The text of one cell of the table. */
char        *fw_link_page_get_cell    (FwLinkPage      *self,
                                       guint            row,
                                       guint            column);

G_END_DECLS
