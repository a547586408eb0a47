/* fw-dashboard-page.h: what the dashboard pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fw-dashboard.h"

G_BEGIN_DECLS

/* The states of a page's stack: "loading", "error", "empty", "content". */
void       fw_dashboard_page_show_loading (GtkStack            *stack,
                                           GtkSpinner          *spinner);
void       fw_dashboard_page_show_error   (GtkStack            *stack,
                                           GtkSpinner          *spinner,
                                           AdwStatusPage       *status,
                                           const GError        *error);
/* The empty state, saying which days do have answers. */
void       fw_dashboard_page_show_empty   (GtkStack            *stack,
                                           GtkSpinner          *spinner,
                                           AdwStatusPage       *status,
                                           const FwDashboardData *data);
void       fw_dashboard_page_show         (GtkStack            *stack,
                                           GtkSpinner          *spinner,
                                           const char          *state);

/* "January 1, 2026 to December 31, 2026", "All time", ... */
char      *fw_dashboard_describe_period   (const FwDashboardData *data);
/* The period, and the units and touchpoints when some are chosen. */
char      *fw_dashboard_describe_filter   (const FwDashboardData *data,
                                           FwKind                 kind);
/* "+3.2 against the period before, a real change" or NULL for none. */
char      *fw_dashboard_describe_change   (double                 delta,
                                           double                 p);

/* Shows @row in a score tile of a value label and a detail label. */
void       fw_dashboard_set_score_tile    (GtkLabel            *value_label,
                                           GtkLabel            *detail_label,
                                           GtkLabel            *change_label,
                                           const FwQueryRow    *row,
                                           gint64               n_withheld,
                                           guint                threshold);

/* A row for a unit's score, activatable to filter to it: emits
 * "unit-activated" on @emitter with the unit's name. */
GtkWidget *fw_dashboard_unit_row_new      (const FwQueryRow    *row,
                                           GObject             *emitter);
GtkWidget *fw_dashboard_comment_row_new   (const FwComment     *comment);
/* A row that says there is nothing to list. */
GtkWidget *fw_dashboard_placeholder_row_new (const char        *text);

/* Removes every row that was added to @group with
 * fw_dashboard_group_add(). */
void       fw_dashboard_group_clear       (AdwPreferencesGroup *group);
void       fw_dashboard_group_add         (AdwPreferencesGroup *group,
                                           GtkWidget           *row);

G_END_DECLS
