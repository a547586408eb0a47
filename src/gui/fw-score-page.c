/* fw-score-page.c: the Customers and Employees pages of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One class for both: the pages show the same things, the score, its
 * trend, units, touchpoints, a unit x period map and recent comments.  The
 * Employees page shows them under the anonymity rules of fw-query.c: never
 * by week or touchpoint (the dashboard does not ask), hidden groups drawn
 * as hidden, and comments only from cells large enough.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fw-dashboard-page.h"
#include "fw-export.h"
#include "fw-score-page.h"

/* Height of one unit's bar or row of cells, and of what surrounds them. */
#define ROW_HEIGHT   28
#define CHART_MARGIN 64

struct _FwScorePage
{
  GtkWidget            parent_instance;

  gboolean             employees;

  /* Template children */
  GtkStack            *state_stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_status;
  AdwStatusPage       *empty_status;
  GtkLabel            *title_label;
  GtkLabel            *period_label;
  GtkLabel            *note_label;
  GtkLabel            *tiles_heading;
  GtkBox              *tiles_header;
  FwChartView         *tiles_view;
  GtkLabel            *trend_heading;
  GtkBox              *trend_header;
  FwChartView         *trend_view;
  GtkLabel            *unit_heading;
  GtkBox              *unit_header;
  FwChartView         *unit_view;
  GtkFlowBox          *breakdown_flow;
  GtkWidget           *touchpoint_child;
  GtkBox              *touchpoint_header;
  FwChartView         *touchpoint_view;
  GtkLabel            *heatmap_heading;
  GtkBox              *heatmap_header;
  FwChartView         *heatmap_view;
  AdwPreferencesGroup *comments_group;
};

G_DEFINE_FINAL_TYPE (FwScorePage, fw_score_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EMPLOYEES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_unit_activated (FwScorePage *self,
                   const char  *unit)
{
  g_signal_emit_by_name (self, "unit-activated", unit);
}

static void
fw_score_page_constructed (GObject *object)
{
  FwScorePage *self = FW_SCORE_PAGE (object);

  G_OBJECT_CLASS (fw_score_page_parent_class)->constructed (object);

  gtk_label_set_label (self->title_label, self->employees ? _("Employees") : _("Customers"));
  /* Employees have no touchpoints: the units get the whole width. */
  gtk_widget_set_visible (self->touchpoint_child, !self->employees);
  gtk_flow_box_set_max_children_per_line (self->breakdown_flow, self->employees ? 1 : 2);
  if (self->employees)
    {
      g_autofree char *description = NULL;

      adw_preferences_group_set_title (self->comments_group, _("Recent Comments"));
      /* Translators: %u is a number of answers, 10 or more. */
      description = g_strdup_printf (_("Only from units with %u answers or more in the month, "
                                       "and without score or day, so that no one can be "
                                       "singled out."),
                                     FW_COMMENT_THRESHOLD);
      adw_preferences_group_set_description (self->comments_group, description);
    }
  else
    {
      adw_preferences_group_set_title (self->comments_group, _("Recent Detractor Comments"));
      adw_preferences_group_set_description (self->comments_group,
                                             _("The newest comments of customers who scored 0 to "
                                               "6: what to put right first."));
    }
}

static void
fw_score_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FW_TYPE_SCORE_PAGE);

  G_OBJECT_CLASS (fw_score_page_parent_class)->dispose (object);
}

static void
fw_score_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FwScorePage *self = FW_SCORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_EMPLOYEES:
      g_value_set_boolean (value, self->employees);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_score_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FwScorePage *self = FW_SCORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_EMPLOYEES:
      self->employees = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_score_page_class_init (FwScorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fw_score_page_constructed;
  object_class->dispose = fw_score_page_dispose;
  object_class->get_property = fw_score_page_get_property;
  object_class->set_property = fw_score_page_set_property;

  /**
   * FwScorePage:employees:
   *
   * Whether the page shows employee answers rather than customer ones.
   */
  properties[PROP_EMPLOYEES] =
    g_param_spec_boolean ("employees", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FwScorePage::unit-activated:
   * @unit: the unit's name
   *
   * The user asked to see only @unit.
   */
  g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (FW_TYPE_CHART_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/flywheel_cx/Flywheel/ui/fw-score-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, period_label);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, note_label);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, tiles_heading);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, tiles_view);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, tiles_header);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, trend_heading);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, trend_view);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, trend_header);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, unit_heading);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, unit_view);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, unit_header);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, breakdown_flow);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, touchpoint_child);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, touchpoint_view);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, touchpoint_header);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, heatmap_heading);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, heatmap_view);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, heatmap_header);
  gtk_widget_class_bind_template_child (widget_class, FwScorePage, comments_group);
}

static void
fw_score_page_init (FwScorePage *self)
{
  FwChartView *views[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  views[0] = self->unit_view;
  views[1] = self->touchpoint_view;
  views[2] = self->heatmap_view;
  views[3] = self->trend_view;
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_signal_connect_object (views[i], "unit-activated", G_CALLBACK (on_unit_activated), self,
                             G_CONNECT_SWAPPED);

  gtk_box_append (self->tiles_header, fw_chart_view_new_menu_button (self->tiles_view));
  gtk_box_append (self->trend_header, fw_chart_view_new_menu_button (self->trend_view));
  gtk_box_append (self->unit_header, fw_chart_view_new_menu_button (self->unit_view));
  gtk_box_append (self->touchpoint_header, fw_chart_view_new_menu_button (self->touchpoint_view));
  gtk_box_append (self->heatmap_header, fw_chart_view_new_menu_button (self->heatmap_view));
}

void
fw_score_page_set_loading (FwScorePage *self)
{
  g_return_if_fail (FW_IS_SCORE_PAGE (self));

  fw_dashboard_page_show_loading (self->state_stack, self->spinner);
}

void
fw_score_page_set_error (FwScorePage  *self,
                         const GError *error)
{
  g_return_if_fail (FW_IS_SCORE_PAGE (self));

  fw_dashboard_page_show_error (self->state_stack, self->spinner, self->error_status, error);
}

static const char *
grouping_heading (FwGrouping grouping,
                  gboolean   employees)
{
  switch (grouping)
    {
    case FW_GROUPING_WEEK:
      return employees ? _("eNPS by Week") : _("NPS by Week");
    case FW_GROUPING_QUARTER:
      return employees ? _("eNPS by Quarter") : _("NPS by Quarter");
    case FW_GROUPING_MONTH:
    default:
      return employees ? _("eNPS by Month") : _("NPS by Month");
    }
}

/* Why the employee figures look as they do, for this filter. */
static char *
employee_note (const FwDashboardData *data)
{
  g_autoptr(GString) note = g_string_new (NULL);

  /* Translators: %u is the anonymity threshold, a number of answers. */
  g_string_append_printf (note, _("To protect anonymity, employee figures count whole months "
                                  "only, and only units with %u answers or more in a month."),
                          data->min_group);
  if (data->cx_grouping == FW_GROUPING_WEEK)
    {
      g_string_append_c (note, ' ');
      g_string_append (note, _("Weeks are shown as months, the finest they go."));
    }
  if (data->touchpoints[0] != NULL)
    {
      g_string_append_c (note, ' ');
      g_string_append (note, _("The touchpoint filter does not apply: employee answers are never "
                               "split by touchpoint."));
    }
  return g_string_free (g_steal_pointer (&note), FALSE);
}

/* A bar or a row of cells per unit, so that the names never crowd. */
static void
size_for_rows (FwChartView *view,
               guint        n_rows)
{
  gtk_widget_set_size_request (GTK_WIDGET (view), -1, MAX (200, n_rows * ROW_HEIGHT + CHART_MARGIN));
}

static guint
count_units (const FwQueryResult *result)
{
  g_autoptr(GHashTable) units = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);

      g_hash_table_add (units, row->unit != NULL ? row->unit : (char *) "");
    }
  return g_hash_table_size (units);
}

void
fw_score_page_set_data (FwScorePage           *self,
                        const FwDashboardData *data)
{
  FwKind kind;
  const FwQueryResult *total;
  const FwQueryResult *units;
  const FwQueryResult *heatmap;
  const FwQueryRow *row;
  g_autofree char *period = NULL;
  FwChartTile tiles[2];

  g_return_if_fail (FW_IS_SCORE_PAGE (self));
  g_return_if_fail (data->page == (self->employees ? FW_DASHBOARD_EMPLOYEES
                                                   : FW_DASHBOARD_CUSTOMERS));

  kind = self->employees ? FW_KIND_EMPLOYEE : FW_KIND_CUSTOMER;
  total = self->employees ? data->ex_total : data->cx_total;
  units = self->employees ? data->ex_units : data->cx_units;
  heatmap = self->employees ? data->ex_heatmap : data->cx_heatmap;
  row = &total->total;

  /* An employee total without answers comes back suppressed; answers in
   * groups too small are counted in n_withheld, so none at all is empty. */
  if (row->tally.n == 0 && total->n_withheld == 0)
    {
      fw_chart_view_set_chart (self->tiles_view, NULL);
      fw_chart_view_set_chart (self->trend_view, NULL);
      fw_chart_view_set_chart (self->unit_view, NULL);
      fw_chart_view_set_chart (self->touchpoint_view, NULL);
      fw_chart_view_set_chart (self->heatmap_view, NULL);
      fw_dashboard_page_show_empty (self->state_stack, self->spinner, self->empty_status, data);
      return;
    }

  period = fw_dashboard_describe_filter (data, kind);
  gtk_label_set_label (self->period_label, period);
  if (self->employees)
    {
      g_autofree char *note = employee_note (data);

      gtk_label_set_label (self->note_label, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), self->employees);

  tiles[0] = (FwChartTile) {
    .label = self->employees ? _("eNPS") : _("NPS"),
    .value = row->nps,
    .n = row->tally.n,
    .delta = row->delta,
    .p = row->p,
    .suppressed = row->suppressed,
  };
  tiles[1] = (FwChartTile) {
    .label = _("Responses"),
    .value = row->tally.n,
    .is_count = TRUE,
    .n = row->tally.n,
    .delta = row->previous_n >= 0 ? (double) (row->tally.n - row->previous_n) : NAN,
    .p = NAN,
    .suppressed = row->suppressed,
  };
  gtk_label_set_label (self->tiles_heading, self->employees ? _("Employee Score")
                                                            : _("Customer Score"));
  fw_chart_view_set_chart (self->tiles_view, fw_chart_new_tiles (tiles, G_N_ELEMENTS (tiles)));

  gtk_label_set_label (self->trend_heading,
                       grouping_heading (self->employees ? data->ex_grouping : data->cx_grouping,
                                         self->employees));
  fw_chart_view_set_chart (self->trend_view,
                           fw_chart_new_trend (self->employees ? NULL : data->cx_trend,
                                               self->employees ? data->ex_trend : NULL, NAN));

  gtk_label_set_label (self->unit_heading, _("By Unit"));
  size_for_rows (self->unit_view, units->rows->len);
  fw_chart_view_set_chart (self->unit_view,
                           fw_chart_new_breakdown (units, FW_CHART_SORT_BY_SCORE,
                                                   data->min_group));

  if (!self->employees)
    {
      size_for_rows (self->touchpoint_view, data->cx_touchpoints->rows->len);
      fw_chart_view_set_chart (self->touchpoint_view,
                               fw_chart_new_breakdown (data->cx_touchpoints,
                                                       FW_CHART_SORT_BY_SCORE, data->min_group));
    }

  gtk_label_set_label (self->heatmap_heading, heatmap->grouping == FW_GROUPING_UNIT_QUARTER
                                                ? _("Units by Quarter")
                                                : _("Units by Month"));
  size_for_rows (self->heatmap_view, count_units (heatmap) + 1);
  fw_chart_view_set_chart (self->heatmap_view, fw_chart_new_heatmap (heatmap, data->min_group));

  /* What an exported chart says around it: the filter, n and the score. */
  {
    const FwQueryResult *cx_total = self->employees ? NULL : total;
    const FwQueryResult *ex_total = self->employees ? total : NULL;
    g_autofree char *intervals = fw_export_footnote (cx_total, ex_total, data->min_group, TRUE);
    g_autofree char *plain = fw_export_footnote (cx_total, ex_total, data->min_group, FALSE);

    fw_chart_view_set_export_labels (self->tiles_view, period, plain);
    fw_chart_view_set_export_labels (self->trend_view, period, intervals);
    fw_chart_view_set_export_labels (self->unit_view, period, intervals);
    fw_chart_view_set_export_labels (self->touchpoint_view, period, intervals);
    fw_chart_view_set_export_labels (self->heatmap_view, period, plain);
  }

  fw_dashboard_group_clear (self->comments_group);
  for (guint i = 0; i < data->comments->len; i++)
    fw_dashboard_group_add (self->comments_group,
                            fw_dashboard_comment_row_new (&g_array_index (data->comments,
                                                                          FwComment, i)));
  if (data->comments->len == 0)
    fw_dashboard_group_add (self->comments_group,
                            fw_dashboard_placeholder_row_new (_("No comments in this period")));

  fw_dashboard_page_show (self->state_stack, self->spinner, "content");
}

const char *
fw_score_page_get_state (FwScorePage *self)
{
  g_return_val_if_fail (FW_IS_SCORE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

FwChartView *
fw_score_page_get_chart (FwScorePage      *self,
                         FwScorePageChart  which)
{
  g_return_val_if_fail (FW_IS_SCORE_PAGE (self), NULL);

  switch (which)
    {
    case FW_SCORE_PAGE_TILES:
      return self->tiles_view;
    case FW_SCORE_PAGE_TREND:
      return self->trend_view;
    case FW_SCORE_PAGE_UNITS:
      return self->unit_view;
    case FW_SCORE_PAGE_TOUCHPOINTS:
      return self->touchpoint_view;
    case FW_SCORE_PAGE_HEATMAP:
      return self->heatmap_view;
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
fw_score_page_get_note (FwScorePage *self)
{
  g_return_val_if_fail (FW_IS_SCORE_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->note_label))
           ? gtk_label_get_label (self->note_label) : "";
}

GPtrArray *
fw_score_page_get_comment_rows (FwScorePage *self)
{
  g_return_val_if_fail (FW_IS_SCORE_PAGE (self), NULL);

  return g_object_get_data (G_OBJECT (self->comments_group), "fw-rows");
}
