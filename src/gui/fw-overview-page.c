/* fw-overview-page.c: the Overview page of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a leader looks at first: NPS, eNPS and the number of answers for
 * the filter, how both scores went, and the units that do best and worst.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "fw-dashboard-page.h"
#include "fw-export.h"
#include "fw-format.h"
#include "fw-overview-page.h"

/* Units with fewer customer answers than this stay off the highest and
 * lowest lists: with a handful of answers a unit tops them by chance. */
#define MIN_N_RANKED FW_LINK_CX_MIN_N_DEFAULT

/* Units on each list. */
#define N_RANKED 3

struct _FwOverviewPage
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkStack            *state_stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_status;
  AdwStatusPage       *empty_status;
  GtkLabel            *period_label;
  GtkLabel            *range_label;
  GtkLabel            *nps_value;
  GtkLabel            *nps_detail;
  GtkLabel            *nps_change;
  GtkLabel            *enps_value;
  GtkLabel            *enps_detail;
  GtkLabel            *enps_change;
  GtkLabel            *count_value;
  GtkLabel            *count_detail;
  GtkBox              *trend_header;
  GtkLabel            *trend_heading;
  GtkLabel            *trend_note;
  FwChartView         *trend_view;
  AdwPreferencesGroup *top_group;
  AdwPreferencesGroup *bottom_group;
};

G_DEFINE_FINAL_TYPE (FwOverviewPage, fw_overview_page, GTK_TYPE_WIDGET)

static void
on_unit_activated (FwOverviewPage *self,
                   const char     *unit)
{
  g_signal_emit_by_name (self, "unit-activated", unit);
}

static void
fw_overview_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (fw_overview_page_parent_class)->dispose (object);
}

static void
fw_overview_page_class_init (FwOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_overview_page_dispose;

  /**
   * FwOverviewPage::unit-activated:
   * @unit: the unit's name
   *
   * The user asked to see only @unit.
   */
  g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (FW_TYPE_CHART_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/flywheel_cx/Flywheel/ui/fw-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, nps_value);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, nps_detail);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, nps_change);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, enps_value);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, enps_detail);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, enps_change);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, count_value);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, count_detail);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, trend_header);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, trend_heading);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, trend_note);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, trend_view);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, top_group);
  gtk_widget_class_bind_template_child (widget_class, FwOverviewPage, bottom_group);
}

static void
fw_overview_page_init (FwOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->trend_view, "unit-activated", G_CALLBACK (on_unit_activated),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (self->trend_header, fw_chart_view_new_menu_button (self->trend_view));
}

void
fw_overview_page_set_loading (FwOverviewPage *self)
{
  g_return_if_fail (FW_IS_OVERVIEW_PAGE (self));

  fw_dashboard_page_show_loading (self->state_stack, self->spinner);
}

void
fw_overview_page_set_error (FwOverviewPage *self,
                            const GError   *error)
{
  g_return_if_fail (FW_IS_OVERVIEW_PAGE (self));

  fw_dashboard_page_show_error (self->state_stack, self->spinner, self->error_status, error);
}

static void
update_counts (FwOverviewPage        *self,
               const FwDashboardData *data)
{
  const FwQueryRow *customers = &data->cx_total->total;
  const FwQueryRow *employees = &data->ex_total->total;
  g_autofree char *total = NULL;
  g_autofree char *customer_count = fw_format_count (customers->tally.n);
  g_autofree char *customer_line = NULL;
  g_autofree char *employee_line = NULL;
  g_autofree char *detail = NULL;

  /* The total counts only what is shown, or the hidden employee count
   * would follow from subtracting the customers. */
  total = fw_format_count (customers->tally.n + employees->tally.n);
  /* Translators: %s is a number of responses. */
  customer_line = g_strdup_printf (_("Customers: %s"), customer_count);
  if (employees->suppressed)
    employee_line = g_strdup (_("Employees: hidden"));
  else
    {
      g_autofree char *employee_count = fw_format_count (employees->tally.n);

      /* Translators: %s is a number of responses. */
      employee_line = g_strdup_printf (_("Employees: %s"), employee_count);
    }
  detail = g_strconcat (customer_line, "\n", employee_line, NULL);
  /* The change of the shown total, when both halves have a period before. */
  if (customers->previous_n >= 0 && (employees->previous_n >= 0 || employees->tally.n == 0))
    {
      gint64 before = customers->previous_n + MAX (employees->previous_n, 0);
      gint64 now = customers->tally.n + employees->tally.n;
      g_autofree char *change = NULL;
      g_autofree char *count = fw_format_count (ABS (now - before));

      if (now == before)
        change = g_strdup (_("As many as the period before"));
      else
        /* Translators: %s is a number of responses with its sign, as in "+120". */
        change = g_strdup_printf (_("%s%s against the period before"),
                                  now > before ? "+" : "−", count);
      g_free (detail);
      detail = g_strconcat (customer_line, "\n", employee_line, "\n", change, NULL);
    }
  gtk_label_set_label (self->count_value, total);
  gtk_label_set_label (self->count_detail, detail);
}

static int
compare_by_nps (gconstpointer a,
                gconstpointer b)
{
  const FwQueryRow *row_a = *(const FwQueryRow **) a;
  const FwQueryRow *row_b = *(const FwQueryRow **) b;

  if (row_a->nps != row_b->nps)
    return row_a->nps > row_b->nps ? -1 : 1;
  return g_utf8_collate (row_a->key, row_b->key);
}

static void
update_ranking (FwOverviewPage        *self,
                const FwDashboardData *data)
{
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  g_autofree char *description = NULL;
  guint n_top, n_bottom;

  fw_dashboard_group_clear (self->top_group);
  fw_dashboard_group_clear (self->bottom_group);

  for (guint i = 0; i < data->cx_units->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (data->cx_units->rows, FwQueryRow, i);

      if (row->key[0] != '\0' && row->tally.n >= MIN_N_RANKED)
        g_ptr_array_add (ranked, (gpointer) row);
    }
  g_ptr_array_sort (ranked, compare_by_nps);

  /* Two short lists that never share a unit. */
  n_top = MIN (N_RANKED, (ranked->len + 1) / 2);
  n_bottom = MIN (N_RANKED, ranked->len - n_top);

  for (guint i = 0; i < n_top; i++)
    fw_dashboard_group_add (self->top_group,
                            fw_dashboard_unit_row_new (g_ptr_array_index (ranked, i),
                                                       G_OBJECT (self)));
  for (guint i = 0; i < n_bottom; i++)
    fw_dashboard_group_add (self->bottom_group,
                            fw_dashboard_unit_row_new (g_ptr_array_index (ranked,
                                                                          ranked->len - 1 - i),
                                                       G_OBJECT (self)));
  if (n_top == 0)
    fw_dashboard_group_add (self->top_group,
                            fw_dashboard_placeholder_row_new (_("No unit has enough answers")));
  if (n_bottom == 0)
    fw_dashboard_group_add (self->bottom_group,
                            fw_dashboard_placeholder_row_new (_("No other unit to compare")));

  /* Translators: %u is a number of answers. */
  description = g_strdup_printf (_("Customer NPS of units with %u answers or more. Choose one to "
                                   "see only that unit."),
                                 MIN_N_RANKED);
  adw_preferences_group_set_description (self->top_group, description);
  adw_preferences_group_set_description (self->bottom_group, " ");
}

void
fw_overview_page_set_data (FwOverviewPage        *self,
                           const FwDashboardData *data)
{
  const FwQueryRow *customers;
  const FwQueryRow *employees;
  g_autofree char *period = NULL;
  g_autofree char *range = NULL;

  g_return_if_fail (FW_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (data->page == FW_DASHBOARD_OVERVIEW);

  customers = &data->cx_total->total;
  employees = &data->ex_total->total;

  /* An employee total without answers comes back suppressed; answers in
   * groups too small are counted in n_withheld, so none at all is empty. */
  if (customers->tally.n == 0 && employees->tally.n == 0 && data->ex_total->n_withheld == 0)
    {
      fw_chart_view_set_chart (self->trend_view, NULL);
      fw_dashboard_page_show_empty (self->state_stack, self->spinner, self->empty_status, data);
      return;
    }

  period = fw_dashboard_describe_filter (data, FW_KIND_CUSTOMER);
  gtk_label_set_label (self->period_label, period);

  if (data->first_day != NULL && data->last_day != NULL)
    {
      g_autofree char *from = fw_format_day (data->first_day);
      g_autofree char *to = fw_format_day (data->last_day);

      /* Translators: the two %s are days, as in "January 4, 2025". */
      range = g_strdup_printf (_("Responses from %s to %s"), from, to);
    }
  gtk_label_set_label (self->range_label, range != NULL ? range : "");
  gtk_widget_set_visible (GTK_WIDGET (self->range_label), range != NULL);

  fw_dashboard_set_score_tile (self->nps_value, self->nps_detail, self->nps_change, customers, 0,
                               data->min_group);
  fw_dashboard_set_score_tile (self->enps_value, self->enps_detail, self->enps_change, employees,
                               data->ex_total->n_withheld, data->min_group);
  update_counts (self, data);

  gtk_label_set_label (self->trend_heading, data->ex_grouping == FW_GROUPING_QUARTER
                                              ? _("NPS and eNPS by Quarter")
                                              : _("NPS and eNPS by Month"));
  gtk_widget_set_visible (GTK_WIDGET (self->trend_note), data->cx_grouping != data->ex_grouping);
  fw_chart_view_set_chart (self->trend_view,
                           fw_chart_new_trend (data->cx_trend, data->ex_trend, NAN));
  {
    g_autofree char *footnote = fw_export_footnote (data->cx_total, data->ex_total,
                                                    data->min_group, TRUE);

    fw_chart_view_set_export_labels (self->trend_view, period, footnote);
  }

  update_ranking (self, data);
  fw_dashboard_page_show (self->state_stack, self->spinner, "content");
}

const char *
fw_overview_page_get_text (FwOverviewPage *self,
                           FwOverviewText  which)
{
  g_return_val_if_fail (FW_IS_OVERVIEW_PAGE (self), NULL);

  switch (which)
    {
    case FW_OVERVIEW_NPS_VALUE:
      return gtk_label_get_label (self->nps_value);
    case FW_OVERVIEW_NPS_DETAIL:
      return gtk_label_get_label (self->nps_detail);
    case FW_OVERVIEW_ENPS_VALUE:
      return gtk_label_get_label (self->enps_value);
    case FW_OVERVIEW_ENPS_DETAIL:
      return gtk_label_get_label (self->enps_detail);
    case FW_OVERVIEW_COUNT_VALUE:
      return gtk_label_get_label (self->count_value);
    case FW_OVERVIEW_COUNT_DETAIL:
      return gtk_label_get_label (self->count_detail);
    case FW_OVERVIEW_RANGE:
      return gtk_label_get_label (self->range_label);
    case FW_OVERVIEW_PERIOD:
      return gtk_label_get_label (self->period_label);
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
fw_overview_page_get_state (FwOverviewPage *self)
{
  g_return_val_if_fail (FW_IS_OVERVIEW_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

FwChartView *
fw_overview_page_get_trend (FwOverviewPage *self)
{
  g_return_val_if_fail (FW_IS_OVERVIEW_PAGE (self), NULL);

  return self->trend_view;
}

/**
 * fw_overview_page_get_unit_rows:
 *
 * Returns: (transfer none) (element-type AdwActionRow): the rows
 */
GPtrArray *
fw_overview_page_get_unit_rows (FwOverviewPage *self,
                                gboolean        top)
{
  g_return_val_if_fail (FW_IS_OVERVIEW_PAGE (self), NULL);

  return g_object_get_data (G_OBJECT (top ? self->top_group : self->bottom_group), "fw-rows");
}
