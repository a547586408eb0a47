/* fw-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shell: the empty, error and dashboard states, the title, the size.
 * The imports live in fw-window-imports.c, the dashboard pages in
 * fw-window-dashboard.c; fw-window-private.h holds what they share.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-application.h"
#include "fw-store.h"
#include "fw-window-private.h"

G_DEFINE_FINAL_TYPE (FwWindow, fw_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
fw_window_show_error (FwWindow   *self,
                      const char *message)
{
  adw_status_page_set_description (self->error_page, message);
  fw_window_backups_update (self);
  fw_window_show_page (self, "error");
}

guint
fw_window_get_threshold (FwWindow *self)
{
  return MAX (g_settings_get_uint (self->settings, "anonymity-threshold"), FW_ANONYMITY_MIN);
}

void
fw_window_show_page (FwWindow   *self,
                     const char *name)
{
  gboolean summary = g_str_equal (name, "summary");

  gtk_stack_set_visible_child_name (self->stack, name);
  /* The switcher belongs to a database with data. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, summary);
  if (!summary)
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  fw_window_export_update (self);
}

/**
 * fw_window_refresh:
 *
 * Shows what the database holds now: the empty state, the dashboard and
 * the imports, or an error when it cannot be read.
 */
void
fw_window_refresh (FwWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FW_IS_WINDOW (self));

  if (self->store == NULL)
    return; /* The error page shows why already. */

  g_clear_pointer (&self->batches, g_ptr_array_unref);
  self->batches = fw_store_list_batches (self->store, &error);
  /* Sample data goes into an empty database only, never beside real data. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample-data",
                                 self->batches != NULL && self->batches->len == 0
                                 && self->load_task == NULL
                                 && !fw_store_is_read_only (self->store));

  /* The undo toast of a batch removed some other way has nothing to undo. */
  if (self->last_import != 0 && fw_window_find_batch (self, self->last_import) == NULL)
    {
      self->last_import = 0;
      if (self->import_toast != NULL)
        adw_toast_dismiss (self->import_toast);
    }

  fw_window_update_imports (self);
  if (self->batches == NULL)
    fw_window_show_error (self, error->message);
  else if (self->batches->len == 0)
    fw_window_show_page (self, "empty");
  else
    {
      fw_window_show_page (self, "summary");
      fw_window_dashboard_reload (self);
    }
}

void
fw_window_toast (FwWindow   *self,
                 const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
fw_window_update_title (FwWindow *self)
{
  g_autofree char *organisation = g_settings_get_string (self->settings, "organisation-name");

  adw_view_switcher_title_set_subtitle (self->switcher_title, g_strstrip (organisation));
}

static gboolean
fw_window_close_request (GtkWindow *window)
{
  FwWindow *self = FW_WINDOW (window);
  int width, height;

  g_cancellable_cancel (self->load_cancellable);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  /* A maximized window keeps the size it had before, to return to. */
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (fw_window_parent_class)->close_request (window);
}

/**
 * fw_window_open_store:
 *
 * Opens the database of the window, again after a restore, and shows what
 * it holds or why it cannot be opened.
 */
void
fw_window_open_store (FwWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->store);
  self->store = fw_store_open (self->database_path, &error);
  if (self->store == NULL)
    {
      g_debug ("%s", error->message);
      fw_window_show_error (self, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample-data", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      return;
    }

  /* Undo, or another window on the same database, changes what it holds. */
  g_signal_connect_object (self->store, "changed", G_CALLBACK (fw_window_refresh), self,
                           G_CONNECT_SWAPPED);
  fw_window_backups_store_opened (self);
  fw_window_refresh (self);
}

static void
fw_window_constructed (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);

  G_OBJECT_CLASS (fw_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_return_if_fail (self->database_path != NULL);

  fw_window_dashboard_constructed (self);
  fw_window_open_store (self);
}

static void
fw_window_dispose (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->load_cancellable);
  fw_window_dashboard_dispose (self);
  fw_window_backups_dispose (self);
  fw_window_export_dispose (self);

  g_clear_weak_pointer (&self->import_toast);
  g_clear_pointer (&self->import_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_WINDOW);

  G_OBJECT_CLASS (fw_window_parent_class)->dispose (object);
}

static void
fw_window_finalize (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);

  g_assert (self->load_task == NULL);

  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_pointer (&self->known_units, g_strfreev);
  g_clear_pointer (&self->known_touchpoints, g_strfreev);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (fw_window_parent_class)->finalize (object);
}

static void
fw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FwWindow *self = FW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FwWindow *self = FW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_window_class_init (FwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = fw_window_constructed;
  object_class->dispose = fw_window_dispose;
  object_class->finalize = fw_window_finalize;
  object_class->get_property = fw_window_get_property;
  object_class->set_property = fw_window_set_property;

  window_class->close_request = fw_window_close_request;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/flywheel_cx/Flywheel/ui/fw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, imports_group);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, empty_stack);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, restore_button);

  fw_window_imports_class_init (widget_class);
  fw_window_dashboard_class_init (widget_class);
  fw_window_backups_class_init (widget_class);
  fw_window_export_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
fw_window_init (FwWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  fw_window_imports_init (self);
  fw_window_dashboard_init (self);
  g_signal_connect_object (self->settings, "changed::organisation-name",
                           G_CALLBACK (fw_window_update_title), self, G_CONNECT_SWAPPED);
  fw_window_update_title (self);
}

FwWindow *
fw_window_new (FwApplication *application,
               const char    *database_path)
{
  g_return_val_if_fail (FW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (FW_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

const char *
fw_window_get_database_path (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  return self->database_path;
}

/* Test helpers, see fw-window-private.h. */

const char *
fw_window_get_page (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
fw_window_get_text (FwWindow    *self,
                    FwWindowText which)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  switch (which)
    {
    case FW_WINDOW_TEXT_NPS_VALUE:
      return fw_overview_page_get_text (self->overview_page, FW_OVERVIEW_NPS_VALUE);
    case FW_WINDOW_TEXT_NPS_DETAIL:
      return fw_overview_page_get_text (self->overview_page, FW_OVERVIEW_NPS_DETAIL);
    case FW_WINDOW_TEXT_ENPS_VALUE:
      return fw_overview_page_get_text (self->overview_page, FW_OVERVIEW_ENPS_VALUE);
    case FW_WINDOW_TEXT_ENPS_DETAIL:
      return fw_overview_page_get_text (self->overview_page, FW_OVERVIEW_ENPS_DETAIL);
    case FW_WINDOW_TEXT_COUNT_VALUE:
      return fw_overview_page_get_text (self->overview_page, FW_OVERVIEW_COUNT_VALUE);
    case FW_WINDOW_TEXT_COUNT_DETAIL:
      return fw_overview_page_get_text (self->overview_page, FW_OVERVIEW_COUNT_DETAIL);
    case FW_WINDOW_TEXT_RANGE:
      return fw_overview_page_get_text (self->overview_page, FW_OVERVIEW_RANGE);
    case FW_WINDOW_TEXT_ERROR:
      return adw_status_page_get_description (self->error_page);
    default:
      g_return_val_if_reached (NULL);
    }
}

GtkWidget *
fw_window_get_button (FwWindow      *self,
                      FwWindowButton which)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  switch (which)
    {
    case FW_WINDOW_BUTTON_IMPORT:
      return GTK_WIDGET (self->import_button);
    case FW_WINDOW_BUTTON_SAMPLE:
      return GTK_WIDGET (self->sample_button);
    case FW_WINDOW_BUTTON_RESTORE:
      return GTK_WIDGET (self->restore_button);
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
fw_window_is_loading (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);

  return self->load_task != NULL;
}

gint64
fw_window_get_last_import (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), 0);

  return self->last_import;
}

const char *
fw_window_get_view (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
fw_window_set_view (FwWindow   *self,
                    const char *name)
{
  g_return_if_fail (FW_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

guint
fw_window_get_n_imports (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), 0);

  return self->import_rows->len;
}

AdwActionRow *
fw_window_get_import_row (FwWindow *self,
                          guint     index)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->import_rows->len, NULL);

  return g_ptr_array_index (self->import_rows, index);
}

FwFilterBar *
fw_window_get_filter_bar (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  return self->filter_bar;
}

FwOverviewPage *
fw_window_get_overview_page (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  return self->overview_page;
}

FwScorePage *
fw_window_get_score_page (FwWindow *self,
                          FwKind    kind)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  return kind == FW_KIND_EMPLOYEE ? self->employees_page : self->customers_page;
}

FwLinkPage *
fw_window_get_link_page (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);

  return self->link_page;
}
