/* fw-preferences-window.c: the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-preferences-window.h"

struct _FwPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  /* Template children */
  GtkSpinButton *threshold_spin;
  AdwEntryRow   *organisation_row;
  AdwComboRow   *fiscal_year_row;
};

G_DEFINE_FINAL_TYPE (FwPreferencesWindow, fw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The key counts months from 1, the combo row from 0. */
static gboolean
month_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_uint (value, CLAMP (g_variant_get_uint32 (variant), 1, 12) - 1);
  return TRUE;
}

static GVariant *
month_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= 12)
    return NULL; /* GTK_INVALID_LIST_POSITION while the model changes */

  return g_variant_new_uint32 (selected + 1);
}

static GListModel *
month_model_new (void)
{
  GtkStringList *months = gtk_string_list_new (NULL);

  for (int month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2001, month, 1, 0, 0, 0);
      /* %OB is the month name on its own, not inside a date. */
      g_autofree char *name = g_date_time_format (date, "%OB");

      gtk_string_list_append (months, name);
    }

  return G_LIST_MODEL (months);
}

static void
fw_preferences_window_dispose (GObject *object)
{
  FwPreferencesWindow *self = FW_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fw_preferences_window_parent_class)->dispose (object);
}

static void
fw_preferences_window_class_init (FwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/flywheel_cx/Flywheel/ui/fw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FwPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, FwPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, FwPreferencesWindow, fiscal_year_row);
}

static void
fw_preferences_window_init (FwPreferencesWindow *self)
{
  g_autoptr(GListModel) months = month_model_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->fiscal_year_row, months);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "anonymity-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "organisation-name", self->organisation_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "fiscal-year-start", self->fiscal_year_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, month_get_mapping,
                                month_set_mapping, NULL, NULL);
}

GtkWidget *
fw_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (FW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
