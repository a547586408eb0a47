/* fw-filter-bar.c: the one filter bar of every dashboard page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar holds no filter of its own: it shows and writes the dashboard-*
 * keys of GSettings, which are the filter.  The window watches the same
 * keys, so a filter survives a restart and every page follows it.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-dashboard.h"
#include "fw-filter-bar.h"
#include "fw-format.h"

struct _FwFilterBar
{
  GtkWidget      parent_instance;

  GSettings     *settings;
  gboolean       syncing; /* the check buttons follow the settings, not the user */

  /* Template children */
  GtkWidget     *scroller;
  GtkWidget     *box;
  GtkDropDown   *period_dropdown;
  GtkMenuButton *custom_button;
  GtkEntry      *from_entry;
  GtkEntry      *to_entry;
  GtkLabel      *custom_hint;
  GtkDropDown   *grouping_dropdown;
  GtkMenuButton *units_button;
  GtkWidget     *all_units_button;
  GtkBox        *units_box;
  GtkMenuButton *touchpoints_button;
  GtkWidget     *all_touchpoints_button;
  GtkBox        *touchpoints_box;
  GtkSpinner    *spinner;
};

G_DEFINE_FINAL_TYPE (FwFilterBar, fw_filter_bar, GTK_TYPE_WIDGET)

/* In the order of the period drop-down. */
static const char *const period_keys[] = {
  "last-12-months", "this-year", "last-quarter", "all", "custom", NULL,
};

/* In the order of the grouping drop-down. */
static const char *const grouping_keys[] = { "week", "month", "quarter", NULL };

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *const *keys = user_data;
  const char *text = g_variant_get_string (variant, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    if (g_str_equal (keys[i], text))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char *const *keys = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((GStrv) keys))
    return NULL; /* GTK_INVALID_LIST_POSITION while the model changes */
  return g_variant_new_string (keys[selected]);
}

/* "All Units", "Billing" or "3 Units": @some is the label for two or more. */
static void
update_menu_label (GtkMenuButton     *button,
                   const char *const *names,
                   const char        *all,
                   const char        *some)
{
  if (names[0] == NULL)
    gtk_menu_button_set_label (button, all);
  else if (names[1] == NULL)
    gtk_menu_button_set_label (button, names[0]);
  else
    gtk_menu_button_set_label (button, some);
}

static void
sync_checks (FwFilterBar *self,
             GtkBox      *box,
             const char  *key)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, key);

  self->syncing = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = g_object_get_data (G_OBJECT (child), "fw-name");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                   g_strv_contains ((const char *const *) names, name));
    }
  self->syncing = FALSE;
}

static void
on_units_changed (FwFilterBar *self)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "dashboard-units");

  guint n = g_strv_length (names);
  /* Translators: the filter of units; %u is a number of units, 2 or more. */
  g_autofree char *some = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Unit", "%u Units", n),
                                           n);

  sync_checks (self, self->units_box, "dashboard-units");
  update_menu_label (self->units_button, (const char *const *) names, _("All Units"), some);
  gtk_widget_set_sensitive (self->all_units_button, names[0] != NULL);
}

static void
on_touchpoints_changed (FwFilterBar *self)
{
  g_auto(GStrv) names = g_settings_get_strv (self->settings, "dashboard-touchpoints");

  guint n = g_strv_length (names);
  /* Translators: the filter of touchpoints; %u is a number of them, 2 or more. */
  g_autofree char *some = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Touchpoint",
                                                        "%u Touchpoints", n),
                                           n);

  sync_checks (self, self->touchpoints_box, "dashboard-touchpoints");
  update_menu_label (self->touchpoints_button, (const char *const *) names, _("All Touchpoints"),
                     some);
  gtk_widget_set_sensitive (self->all_touchpoints_button, names[0] != NULL);
}

/* Writes the checked names of @box to @key. */
static void
on_check_toggled (GtkCheckButton *check,
                  FwFilterBar    *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (check));
  const char *key = g_object_get_data (G_OBJECT (box), "fw-key");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (self->syncing)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_ptr_array_add (names, g_object_get_data (G_OBJECT (child), "fw-name"));
  g_ptr_array_add (names, NULL);

  g_settings_set_strv (self->settings, key, (const char *const *) names->pdata);
}

static void
fill_checks (FwFilterBar       *self,
             GtkBox            *box,
             const char *const *names)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (names[i]);

      g_object_set_data_full (G_OBJECT (check), "fw-name", g_strdup (names[i]), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      gtk_box_append (box, check);
    }
}

static void
on_all_units_clicked (FwFilterBar *self)
{
  g_settings_reset (self->settings, "dashboard-units");
}

static void
on_all_touchpoints_clicked (FwFilterBar *self)
{
  g_settings_reset (self->settings, "dashboard-touchpoints");
}

static gboolean
is_day_or_empty (const char *text)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (text[0] == '\0')
    return TRUE;
  return fw_dashboard_resolve_period (FW_PERIOD_CUSTOM, text, NULL, NULL, 1, &from, &to);
}

static void
on_apply_clicked (FwFilterBar *self)
{
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry))));
  gboolean from_ok = is_day_or_empty (from);
  gboolean to_ok = is_day_or_empty (to);

  if (from_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
  if (to_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");

  if (!from_ok || !to_ok)
    {
      gtk_label_set_label (self->custom_hint, _("Write days as YYYY-MM-DD, as in 2026-03-31."));
      return;
    }

  gtk_label_set_label (self->custom_hint, _("Leave a day empty for no limit."));
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "dashboard-from", from);
  g_settings_set_string (self->settings, "dashboard-to", to);
  g_settings_apply (self->settings);
  gtk_menu_button_popdown (self->custom_button);
}

static void
on_period_changed (FwFilterBar *self)
{
  g_autofree char *period = g_settings_get_string (self->settings, "dashboard-period");
  g_autofree char *from = g_settings_get_string (self->settings, "dashboard-from");
  g_autofree char *to = g_settings_get_string (self->settings, "dashboard-to");
  gboolean custom = g_str_equal (period, "custom");
  g_autofree char *label = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);

  if (from[0] == '\0' && to[0] == '\0')
    label = g_strdup (_("Choose Days…"));
  else
    {
      g_autofree char *from_text = from[0] != '\0' ? fw_format_day (from) : g_strdup ("…");
      g_autofree char *to_text = to[0] != '\0' ? fw_format_day (to) : g_strdup ("…");

      /* Translators: a range of days, as in "January 5, 2026 – March 1, 2026". */
      label = g_strdup_printf (_("%s – %s"), from_text, to_text);
    }
  gtk_menu_button_set_label (self->custom_button, label);

  /* Choosing "Custom Range" asks for the days at once. */
  if (custom && !gtk_widget_get_visible (GTK_WIDGET (self->custom_button))
      && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->custom_button), TRUE);
      gtk_menu_button_popup (self->custom_button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_button), custom);
}

static void
fw_filter_bar_dispose (GObject *object)
{
  FwFilterBar *self = FW_FILTER_BAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_FILTER_BAR);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fw_filter_bar_parent_class)->dispose (object);
}

static void
fw_filter_bar_class_init (FwFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_filter_bar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fwfilterbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/flywheel_cx/Flywheel/ui/fw-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, scroller);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, box);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, custom_button);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, from_entry);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, to_entry);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, custom_hint);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, grouping_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, units_button);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, all_units_button);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, units_box);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, touchpoints_button);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, all_touchpoints_button);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, touchpoints_box);
  gtk_widget_class_bind_template_child (widget_class, FwFilterBar, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_all_units_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_all_touchpoints_clicked);
}

static void
fw_filter_bar_init (FwFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_set_data (G_OBJECT (self->units_box), "fw-key", (gpointer) "dashboard-units");
  g_object_set_data (G_OBJECT (self->touchpoints_box), "fw-key",
                     (gpointer) "dashboard-touchpoints");

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "dashboard-period", self->period_dropdown,
                                "selected", G_SETTINGS_BIND_DEFAULT, choice_get_mapping,
                                choice_set_mapping, (gpointer) period_keys, NULL);
  g_settings_bind_with_mapping (self->settings, "dashboard-grouping", self->grouping_dropdown,
                                "selected", G_SETTINGS_BIND_DEFAULT, choice_get_mapping,
                                choice_set_mapping, (gpointer) grouping_keys, NULL);

  g_signal_connect_object (self->settings, "changed::dashboard-units",
                           G_CALLBACK (on_units_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::dashboard-touchpoints",
                           G_CALLBACK (on_touchpoints_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::dashboard-period",
                           G_CALLBACK (on_period_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::dashboard-from",
                           G_CALLBACK (on_period_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::dashboard-to",
                           G_CALLBACK (on_period_changed), self, G_CONNECT_SWAPPED);
  on_units_changed (self);
  on_touchpoints_changed (self);
  on_period_changed (self);
}

void
fw_filter_bar_set_choices (FwFilterBar       *self,
                           const char *const *units,
                           const char *const *touchpoints)
{
  g_return_if_fail (FW_IS_FILTER_BAR (self));

  fill_checks (self, self->units_box, units);
  fill_checks (self, self->touchpoints_box, touchpoints);
  on_units_changed (self);
  on_touchpoints_changed (self);
}

void
fw_filter_bar_set_busy (FwFilterBar *self,
                        gboolean     busy)
{
  g_return_if_fail (FW_IS_FILTER_BAR (self));

  gtk_spinner_set_spinning (self->spinner, busy);
}

void
fw_filter_bar_set_applies (FwFilterBar *self,
                           gboolean     units,
                           gboolean     touchpoints)
{
  g_return_if_fail (FW_IS_FILTER_BAR (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->units_button), units);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->units_button),
                               units ? _("Units")
                                     : _("This page compares all units"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->touchpoints_button), touchpoints);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->touchpoints_button),
                               touchpoints ? _("Touchpoints of customer answers")
                                           : units ? _("Employee figures are never split by "
                                                       "touchpoint, to protect anonymity")
                                                   : _("This page compares all touchpoints"));
}

GtkWidget *
fw_filter_bar_get_check (FwFilterBar *self,
                         const char  *name)
{
  GtkWidget *boxes[] = { GTK_WIDGET (self->units_box), GTK_WIDGET (self->touchpoints_box) };

  g_return_val_if_fail (FW_IS_FILTER_BAR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    for (GtkWidget *child = gtk_widget_get_first_child (boxes[i]); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "fw-name"), name) == 0)
        return child;
  return NULL;
}
