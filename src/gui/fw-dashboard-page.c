/* fw-dashboard-page.c: what the dashboard pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fw-dashboard-page.h"
#include "fw-format.h"

void
fw_dashboard_page_show (GtkStack   *stack,
                        GtkSpinner *spinner,
                        const char *state)
{
  gtk_spinner_set_spinning (spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (stack, state);
}

/* A page that shows figures keeps them while new ones are read (the filter
 * bar spins meanwhile): blanking the page at every click would flicker. */
void
fw_dashboard_page_show_loading (GtkStack   *stack,
                                GtkSpinner *spinner)
{
  if (!g_str_equal (gtk_stack_get_visible_child_name (stack), "content"))
    fw_dashboard_page_show (stack, spinner, "loading");
}

void
fw_dashboard_page_show_error (GtkStack      *stack,
                              GtkSpinner    *spinner,
                              AdwStatusPage *status,
                              const GError  *error)
{
  g_autofree char *description = NULL;

  /* Translators: %s is the reason, a full sentence. */
  description = g_strdup_printf (_("%s\nTry again. If it keeps failing, check that the database "
                                   "file is still there and that the disk has room."),
                                 error->message);
  adw_status_page_set_description (status, description);
  fw_dashboard_page_show (stack, spinner, "error");
}

void
fw_dashboard_page_show_empty (GtkStack              *stack,
                              GtkSpinner            *spinner,
                              AdwStatusPage         *status,
                              const FwDashboardData *data)
{
  g_autofree char *description = NULL;

  if (data->first_day != NULL && data->last_day != NULL)
    {
      g_autofree char *first = fw_format_day (data->first_day);
      g_autofree char *last = fw_format_day (data->last_day);

      /* Translators: the two %s are days, as in "January 1, 2026". */
      description = g_strdup_printf (_("No answers match the period, units and touchpoints "
                                       "chosen. The answers run from %s to %s: choose a period "
                                       "in between, or show everything."),
                                     first, last);
      adw_status_page_set_description (status, description);
    }
  fw_dashboard_page_show (stack, spinner, "empty");
}

char *
fw_dashboard_describe_period (const FwDashboardData *data)
{
  g_autofree char *from = data->from_day != NULL ? fw_format_day (data->from_day) : NULL;
  g_autofree char *to = data->to_day != NULL ? fw_format_day (data->to_day) : NULL;

  if (from != NULL && to != NULL)
    /* Translators: a period, the two %s are days, as in "January 1, 2026". */
    return g_strdup_printf (_("%s to %s"), from, to);
  if (from != NULL)
    /* Translators: %s is a day, as in "January 1, 2026". */
    return g_strdup_printf (_("From %s on"), from);
  if (to != NULL)
    /* Translators: %s is a day, as in "January 1, 2026". */
    return g_strdup_printf (_("Up to %s"), to);
  return g_strdup (_("All time"));
}

static char *
join_names (const char *const *names)
{
  /* Translators: the separator of a list of names, as in "Billing, Claims". */
  return g_strjoinv (_(", "), (char **) names);
}

char *
fw_dashboard_describe_filter (const FwDashboardData *data,
                              FwKind                 kind)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *period = fw_dashboard_describe_period (data);

  g_string_append (text, period);
  if (data->units[0] != NULL)
    {
      g_autofree char *units = join_names ((const char *const *) data->units);

      /* Translators: what the figures count; %s is a list of units. */
      g_string_append_printf (text, _(" · Units: %s"), units);
    }
  if (kind == FW_KIND_CUSTOMER && data->touchpoints[0] != NULL)
    {
      g_autofree char *touchpoints = join_names ((const char *const *) data->touchpoints);

      /* Translators: what the figures count; %s is a list of touchpoints. */
      g_string_append_printf (text, _(" · Touchpoints: %s"), touchpoints);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
fw_dashboard_describe_change (double delta,
                              double p)
{
  g_autofree char *points = NULL;

  if (isnan (delta))
    return NULL;

  points = fw_format_nps (delta);
  if (!isnan (p) && p < FW_MOVERS_ALPHA)
    /* Translators: %s is a change in NPS points, as in "+3.2". */
    return g_strdup_printf (_("%s against the period before, a significant change"), points);
  /* Translators: %s is a change in NPS points, as in "+3.2". */
  return g_strdup_printf (_("%s against the period before, within chance"), points);
}

void
fw_dashboard_set_score_tile (GtkLabel         *value_label,
                             GtkLabel         *detail_label,
                             GtkLabel         *change_label,
                             const FwQueryRow *row,
                             gint64            n_withheld,
                             guint             threshold)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *change = NULL;

  if (row->suppressed)
    {
      /* Never a number here: not even n may show for a group this small. */
      value = g_strdup (_("Hidden"));
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Fewer than %u response, to protect anonymity",
                                             "Fewer than %u responses, to protect anonymity",
                                             threshold),
                                threshold);
    }
  else if (row->tally.n == 0)
    {
      value = fw_format_nps (NAN);
      detail = g_strdup (_("No responses"));
    }
  else
    {
      g_autofree char *n = fw_format_count (row->tally.n);

      value = fw_format_nps (row->nps);
      /* Translators: %s is a number of responses, as in "1,234 responses". */
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s response", "%s responses",
                                             (gulong) row->tally.n),
                                n);
      change = fw_dashboard_describe_change (row->delta, row->p);
    }

  /* That some answers are left out may show; how many may not, for two
   * such counts under different filters would give one small group's n. */
  if (n_withheld > 0 && !row->suppressed)
    {
      g_autofree char *base = g_steal_pointer (&detail);

      /* Translators: %s is "123 responses". */
      detail = g_strdup_printf (_("%s; more in groups too small to show"), base);
    }

  gtk_label_set_label (value_label, value);
  gtk_label_set_label (detail_label, detail);
  if (change_label != NULL)
    {
      gtk_label_set_label (change_label, change != NULL ? change : "");
      gtk_widget_set_visible (GTK_WIDGET (change_label), change != NULL);
    }

  if (row->suppressed)
    gtk_widget_add_css_class (GTK_WIDGET (value_label), "fw-hidden");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (value_label), "fw-hidden");
}

static void
on_unit_row_activated (AdwActionRow *row,
                       GObject      *emitter)
{
  g_signal_emit_by_name (emitter, "unit-activated",
                         g_object_get_data (G_OBJECT (row), "fw-unit"));
}

GtkWidget *
fw_dashboard_unit_row_new (const FwQueryRow *row,
                           GObject          *emitter)
{
  GtkWidget *widget = adw_action_row_new ();
  GtkWidget *score;
  g_autofree char *nps = fw_format_nps (row->nps);
  g_autofree char *n = fw_format_count (row->tally.n);
  g_autofree char *low = fw_format_nps (row->ci_low);
  g_autofree char *high = fw_format_nps (row->ci_high);
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  const char *name = row->key[0] != '\0' ? row->key : _("No unit");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), name);
  /* Translators: a number of responses, then the two ends of the 95%
   * interval of a score. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s response · 95%% interval %s to %s",
                                           "%s responses · 95%% interval %s to %s",
                                           (gulong) row->tally.n),
                              n, low, high);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);

  score = gtk_label_new (nps);
  gtk_widget_add_css_class (score, "fw-row-score");
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), score);

  if (row->key[0] != '\0')
    {
      g_object_set_data_full (G_OBJECT (widget), "fw-unit", g_strdup (row->key), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
      /* Translators: %s is a unit. */
      tooltip = g_strdup_printf (_("Show only %s"), row->key);
      gtk_widget_set_tooltip_text (widget, tooltip);
      g_signal_connect_object (widget, "activated", G_CALLBACK (on_unit_row_activated), emitter, 0);
    }

  return widget;
}

/* "March 2026" from "2026-03". */
static char *
format_month (const char *month)
{
  int year, number;

  if (sscanf (month, "%d-%d", &year, &number) != 2 || number < 1 || number > 12)
    return g_strdup (month);
  /* Translators: a month name, then a year, as in "March 2026". */
  return g_strdup_printf (C_("month and year", "%s %d"), fw_format_month_name (number), year);
}

GtkWidget *
fw_dashboard_comment_row_new (const FwComment *comment)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), comment->text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  g_ptr_array_add (parts, g_strdup (comment->unit != NULL ? comment->unit : _("No unit")));
  if (comment->touchpoint != NULL)
    g_ptr_array_add (parts, g_strdup (comment->touchpoint));
  if (comment->score >= 0)
    /* Translators: the score an answer gave, from 0 to 10. */
    g_ptr_array_add (parts, g_strdup_printf (_("score %d"), comment->score));
  /* Employee comments carry their month only. */
  g_ptr_array_add (parts, strlen (comment->day) == 7 ? format_month (comment->day)
                                                     : fw_format_day (comment->day));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

GtkWidget *
fw_dashboard_placeholder_row_new (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

void
fw_dashboard_group_clear (AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "fw-rows");

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  if (rows != NULL)
    g_ptr_array_set_size (rows, 0);
}

void
fw_dashboard_group_add (AdwPreferencesGroup *group,
                        GtkWidget           *row)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "fw-rows");

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (group), "fw-rows", rows,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}
