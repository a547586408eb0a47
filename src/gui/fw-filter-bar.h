/* fw-filter-bar.h: the one filter bar of every dashboard page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FW_TYPE_FILTER_BAR (fw_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (FwFilterBar, fw_filter_bar, FW, FILTER_BAR, GtkWidget)

/* The units and touchpoints to choose from, by name. */
void       fw_filter_bar_set_choices         (FwFilterBar        *self,
                                              const char *const  *units,
                                              const char *const  *touchpoints);
void       fw_filter_bar_set_busy            (FwFilterBar        *self,
                                              gboolean            busy);
/* Whether the page shown follows the unit and touchpoint filters
 * (employee figures have no touchpoints; the CX × EX page compares all
 * units). */
void       fw_filter_bar_set_applies         (FwFilterBar        *self,
                                              gboolean            units,
                                              gboolean            touchpoints);
/* The check button of a unit or touchpoint in the popovers, or NULL. */
GtkWidget *fw_filter_bar_get_check           (FwFilterBar        *self,
                                              const char         *name);

G_END_DECLS
