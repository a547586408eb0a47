/* fw-link-page.c: the CX × EX page of the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How unit eNPS goes with unit NPS the same or some quarters later: the
 * scatter of fw_insights_link(), its figures in words, and the table of
 * unit-quarters behind it, so that no point is a mystery.  All lags arrive
 * at once; choosing another one redraws without asking the database.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fw-dashboard-page.h"
#include "fw-export.h"
#include "fw-format.h"
#include "fw-link-page.h"

/* One unit-quarter pair as a list item. */

#define FW_TYPE_LINK_ITEM (fw_link_item_get_type ())
G_DECLARE_FINAL_TYPE (FwLinkItem, fw_link_item, FW, LINK_ITEM, GObject)

struct _FwLinkItem
{
  GObject    parent_instance;
  FwLinkPair pair;
};

G_DEFINE_FINAL_TYPE (FwLinkItem, fw_link_item, G_TYPE_OBJECT)

static void
fw_link_item_finalize (GObject *object)
{
  FwLinkItem *self = FW_LINK_ITEM (object);

  g_free (self->pair.unit);
  g_free (self->pair.ex_quarter);
  g_free (self->pair.cx_quarter);

  G_OBJECT_CLASS (fw_link_item_parent_class)->finalize (object);
}

static void
fw_link_item_class_init (FwLinkItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fw_link_item_finalize;
}

static void
fw_link_item_init (FwLinkItem *self)
{
}

static FwLinkItem *
fw_link_item_new (const FwLinkPair *pair)
{
  FwLinkItem *self = g_object_new (FW_TYPE_LINK_ITEM, NULL);

  self->pair = *pair;
  self->pair.unit = g_strdup (pair->unit);
  self->pair.ex_quarter = g_strdup (pair->ex_quarter);
  self->pair.cx_quarter = g_strdup (pair->cx_quarter);
  return self;
}

typedef enum
{
  COLUMN_UNIT,
  COLUMN_EX_QUARTER,
  COLUMN_ENPS,
  COLUMN_EX_N,
  COLUMN_CX_QUARTER,
  COLUMN_NPS,
  COLUMN_CX_N,
  N_COLUMNS
} Column;

static char *
item_cell_text (FwLinkItem *item,
                Column      column)
{
  switch (column)
    {
    case COLUMN_UNIT:
      return g_strdup (item->pair.unit);
    case COLUMN_EX_QUARTER:
      return g_strdup (item->pair.ex_quarter);
    case COLUMN_ENPS:
      return fw_format_nps (item->pair.enps);
    case COLUMN_EX_N:
      return fw_format_count (item->pair.ex_n);
    case COLUMN_CX_QUARTER:
      return g_strdup (item->pair.cx_quarter);
    case COLUMN_NPS:
      return fw_format_nps (item->pair.nps);
    case COLUMN_CX_N:
      return fw_format_count (item->pair.cx_n);
    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
compare_numbers (double a,
                 double b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const FwLinkPair *pa = &((FwLinkItem *) a)->pair;
  const FwLinkPair *pb = &((FwLinkItem *) b)->pair;

  switch ((Column) GPOINTER_TO_UINT (user_data))
    {
    case COLUMN_UNIT:
      return g_utf8_collate (pa->unit, pb->unit);
    case COLUMN_EX_QUARTER:
      return g_strcmp0 (pa->ex_quarter, pb->ex_quarter);
    case COLUMN_ENPS:
      return compare_numbers (pa->enps, pb->enps);
    case COLUMN_EX_N:
      return compare_numbers (pa->ex_n, pb->ex_n);
    case COLUMN_CX_QUARTER:
      return g_strcmp0 (pa->cx_quarter, pb->cx_quarter);
    case COLUMN_NPS:
      return compare_numbers (pa->nps, pb->nps);
    case COLUMN_CX_N:
      return compare_numbers (pa->cx_n, pb->cx_n);
    case N_COLUMNS:
    default:
      g_return_val_if_reached (0);
    }
}

/* The page */

struct _FwLinkPage
{
  GtkWidget       parent_instance;

  FwLink         *link;
  GSettings      *settings;
  GListStore     *pairs;
  GtkSortListModel *sorted;
  gboolean        syncing;

  /* Template children */
  GtkStack       *state_stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_status;
  AdwStatusPage  *empty_status;
  GtkLabel       *period_label;
  GtkDropDown    *lag_dropdown;
  GtkBox         *stats_header;
  GtkLabel       *stats_label;
  FwChartView    *link_view;
  GtkColumnView  *pairs_view;
};

G_DEFINE_FINAL_TYPE (FwLinkPage, fw_link_page, GTK_TYPE_WIDGET)

/* The place of @lag in fw_link_lags, which the drop-down follows. */
static guint
lag_index (guint lag)
{
  for (guint i = 0; i < FW_LINK_N_LAGS; i++)
    if (fw_link_lags[i] == lag)
      return i;
  g_return_val_if_reached (0);
}

/* The lag to show: the chosen one, or the one with the strongest link. */
static guint
fw_link_page_choose_lag (FwLinkPage *self)
{
  int chosen = g_settings_get_int (self->settings, "link-lag");

  for (guint i = 0; i < FW_LINK_N_LAGS; i++)
    if ((int) fw_link_lags[i] == chosen)
      return (guint) chosen;
  if (self->link != NULL && self->link->best_lag >= 0)
    return (guint) self->link->best_lag;
  return fw_link_lags[1];
}

static char *
format_r (double r)
{
  if (isnan (r))
    return g_strdup ("—");
  /* Locale digits, and a real minus sign as fw_format_nps() uses. */
  return g_strdup_printf (r < 0 ? "−%.2f" : "%.2f", fabs (r));
}

static char *
describe_lag (const FwLink    *link,
              const FwLinkLag *lag)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *n = fw_format_count (lag->pairs->len);

  if (isnan (lag->pearson))
    {
      g_string_append (text, _("Too few unit-quarters with enough answers on both sides to "
                               "measure a link here. Choose a longer period."));
    }
  else
    {
      g_autofree char *r = format_r (lag->pearson);
      g_autofree char *rho = format_r (lag->spearman);
      g_autofree char *low = format_r (lag->pearson_low);
      g_autofree char *high = format_r (lag->pearson_high);

      if (!isnan (lag->pearson_low))
        /* Translators: Pearson's r, the ends of its 95% interval,
         * Spearman's rho, and the number of unit-quarters. */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "Pearson r %s (95%% interval %s to %s), "
                                                   "Spearman ρ %s, over %s unit-quarter.",
                                                   "Pearson r %s (95%% interval %s to %s), "
                                                   "Spearman ρ %s, over %s unit-quarters.",
                                                   lag->pairs->len),
                                r, low, high, rho, n);
      else
        /* Translators: Pearson's r, Spearman's rho, and the number of
         * unit-quarters. */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "Pearson r %s, Spearman ρ %s, over %s "
                                                   "unit-quarter.",
                                                   "Pearson r %s, Spearman ρ %s, over %s "
                                                   "unit-quarters.",
                                                   lag->pairs->len),
                                r, rho, n);
      if (!isnan (lag->slope))
        {
          g_autofree char *slope = g_strdup_printf ("%.2f", lag->slope);

          g_string_append_c (text, ' ');
          /* Translators: %s is a number, as in "0.80". */
          g_string_append_printf (text, _("One eNPS point goes with %s NPS points."), slope);
        }
    }

  if (link->best_lag >= 0)
    {
      g_string_append_c (text, ' ');
      if (link->best_lag == 0)
        g_string_append (text, _("The link is strongest within the same quarter."));
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "The link is strongest with customer scores "
                                                   "%d quarter later.",
                                                   "The link is strongest with customer scores "
                                                   "%d quarters later.",
                                                   link->best_lag),
                                link->best_lag);
    }
  g_string_append_c (text, ' ');
  g_string_append (text, _("An association, not causation."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fw_link_page_show_lag (FwLinkPage *self)
{
  const FwLinkLag *lag;
  g_autofree char *summary = NULL;
  guint chosen;

  chosen = fw_link_page_choose_lag (self);
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->lag_dropdown, lag_index (chosen));
  self->syncing = FALSE;

  g_list_store_remove_all (self->pairs);
  if (self->link == NULL)
    {
      fw_chart_view_set_chart (self->link_view, NULL);
      return;
    }

  lag = fw_link_get_lag (self->link, chosen);
  summary = describe_lag (self->link, lag);
  gtk_label_set_label (self->stats_label, summary);
  fw_chart_view_set_chart (self->link_view, fw_chart_new_link (self->link, chosen));
  {
    g_autofree char *footnote = fw_export_link_footnote (self->link, chosen);

    fw_chart_view_set_export_labels (self->link_view, gtk_label_get_label (self->period_label),
                                     footnote);
  }

  for (guint i = 0; i < lag->pairs->len; i++)
    {
      g_autoptr(FwLinkItem) item = fw_link_item_new (&g_array_index (lag->pairs, FwLinkPair, i));

      g_list_store_append (self->pairs, item);
    }
}

static void
on_lag_selected (FwLinkPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->lag_dropdown);

  if (self->syncing || selected >= FW_LINK_N_LAGS)
    return;
  g_settings_set_int (self->settings, "link-lag", (int) fw_link_lags[selected]);
}

static void
on_unit_activated (FwLinkPage *self,
                   const char *unit)
{
  g_signal_emit_by_name (self, "unit-activated", unit);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean number = column == COLUMN_ENPS || column == COLUMN_EX_N || column == COLUMN_NPS
                    || column == COLUMN_CX_N;

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  FwLinkItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = item_cell_text (item, GPOINTER_TO_UINT (user_data));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
fw_link_page_add_columns (FwLinkPage *self)
{
  static const char *const titles[N_COLUMNS] = {
    [COLUMN_UNIT] = N_("Unit"),
    [COLUMN_EX_QUARTER] = N_("EX Quarter"),
    [COLUMN_ENPS] = N_("eNPS"),
    [COLUMN_EX_N] = N_("Employees"),
    [COLUMN_CX_QUARTER] = N_("CX Quarter"),
    [COLUMN_NPS] = N_("NPS"),
    [COLUMN_CX_N] = N_("Customers"),
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_expand (column, i == COLUMN_UNIT);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, GUINT_TO_POINTER (i), NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->pairs_view, column);
    }
}

static void
fw_link_page_dispose (GObject *object)
{
  FwLinkPage *self = FW_LINK_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_LINK_PAGE);
  g_clear_pointer (&self->link, fw_link_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->pairs);
  g_clear_object (&self->sorted);

  G_OBJECT_CLASS (fw_link_page_parent_class)->dispose (object);
}

static void
fw_link_page_class_init (FwLinkPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_link_page_dispose;

  /**
   * FwLinkPage::unit-activated:
   * @unit: the unit's name
   *
   * The user asked to see only @unit.
   */
  g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (FW_TYPE_CHART_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/flywheel_cx/Flywheel/ui/fw-link-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, lag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, stats_header);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, stats_label);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, link_view);
  gtk_widget_class_bind_template_child (widget_class, FwLinkPage, pairs_view);
  gtk_widget_class_bind_template_callback (widget_class, on_lag_selected);
}

static void
fw_link_page_init (FwLinkPage *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_description (self->empty_status,
                                   _("No unit has enough employee and customer answers in the "
                                     "same quarters to compare. Choose a longer period."));

  self->pairs = g_list_store_new (FW_TYPE_LINK_ITEM);
  fw_link_page_add_columns (self);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->pairs)),
                                          g_object_ref (gtk_column_view_get_sorter (self->pairs_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->pairs_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::link-lag",
                           G_CALLBACK (fw_link_page_show_lag), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_view, "unit-activated", G_CALLBACK (on_unit_activated),
                           self, G_CONNECT_SWAPPED);

  {
    GtkWidget *button = fw_chart_view_new_menu_button (self->link_view);

    /* Beside the first line of the summary, not its middle. */
    gtk_widget_set_valign (button, GTK_ALIGN_START);
    gtk_box_append (self->stats_header, button);
  }
}

void
fw_link_page_set_loading (FwLinkPage *self)
{
  g_return_if_fail (FW_IS_LINK_PAGE (self));

  fw_dashboard_page_show_loading (self->state_stack, self->spinner);
}

void
fw_link_page_set_error (FwLinkPage   *self,
                        const GError *error)
{
  g_return_if_fail (FW_IS_LINK_PAGE (self));

  fw_dashboard_page_show_error (self->state_stack, self->spinner, self->error_status, error);
}

void
fw_link_page_set_data (FwLinkPage      *self,
                       FwDashboardData *data)
{
  g_autofree char *period = NULL;
  guint n_pairs = 0;

  g_return_if_fail (FW_IS_LINK_PAGE (self));
  g_return_if_fail (data->page == FW_DASHBOARD_LINK && data->link != NULL);

  g_clear_pointer (&self->link, fw_link_free);
  self->link = g_steal_pointer (&data->link);

  for (guint i = 0; i < FW_LINK_N_LAGS; i++)
    n_pairs += self->link->lags[i].pairs->len;

  period = fw_dashboard_describe_period (data);
  gtk_label_set_label (self->period_label, period);
  fw_link_page_show_lag (self);

  fw_dashboard_page_show (self->state_stack, self->spinner, n_pairs > 0 ? "content" : "empty");
}

const char *
fw_link_page_get_state (FwLinkPage *self)
{
  g_return_val_if_fail (FW_IS_LINK_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

guint
fw_link_page_get_lag (FwLinkPage *self)
{
  g_return_val_if_fail (FW_IS_LINK_PAGE (self), 0);

  return fw_link_page_choose_lag (self);
}

FwChartView *
fw_link_page_get_chart (FwLinkPage *self)
{
  g_return_val_if_fail (FW_IS_LINK_PAGE (self), NULL);

  return self->link_view;
}

const char *
fw_link_page_get_summary (FwLinkPage *self)
{
  g_return_val_if_fail (FW_IS_LINK_PAGE (self), NULL);

  return gtk_label_get_label (self->stats_label);
}

GListModel *
fw_link_page_get_rows (FwLinkPage *self)
{
  g_return_val_if_fail (FW_IS_LINK_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

char *
fw_link_page_get_cell (FwLinkPage *self,
                       guint       row,
                       guint       column)
{
  g_autoptr(FwLinkItem) item = NULL;

  g_return_val_if_fail (FW_IS_LINK_PAGE (self), NULL);
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), row);
  g_return_val_if_fail (item != NULL, NULL);
  return item_cell_text (item, column);
}
