/* fw-window-dashboard.c: the dashboard pages of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filter is the dashboard-* keys of GSettings: the filter bar writes
 * them, and here every change marks the pages out of date and reads the
 * figures of the page shown, in a worker thread with a connection of its
 * own (fw_dashboard_run_async()).  A newer filter cancels the job of an
 * older one; a page that is not shown reads its figures when it is.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-window-private.h"

/* The view stack's page names, in the order of FwDashboardPage. */
static const char *const page_names[FW_DASHBOARD_N_PAGES] = {
  [FW_DASHBOARD_OVERVIEW] = "overview",
  [FW_DASHBOARD_CUSTOMERS] = "customers",
  [FW_DASHBOARD_EMPLOYEES] = "employees",
  [FW_DASHBOARD_LINK] = "link",
};

typedef struct
{
  FwWindow        *self;        /* held */
  GCancellable    *cancellable; /* held: tells the job from a newer one */
  FwDashboardPage  page;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_object_unref (job->cancellable);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static gboolean
page_from_name (const char      *name,
                FwDashboardPage *page)
{
  for (guint i = 0; i < FW_DASHBOARD_N_PAGES; i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      {
        *page = i;
        return TRUE;
      }
  return FALSE;
}

static void
set_page_loading (FwWindow        *self,
                  FwDashboardPage  page)
{
  switch (page)
    {
    case FW_DASHBOARD_OVERVIEW:
      fw_overview_page_set_loading (self->overview_page);
      break;
    case FW_DASHBOARD_CUSTOMERS:
      fw_score_page_set_loading (self->customers_page);
      break;
    case FW_DASHBOARD_EMPLOYEES:
      fw_score_page_set_loading (self->employees_page);
      break;
    case FW_DASHBOARD_LINK:
      fw_link_page_set_loading (self->link_page);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
set_page_error (FwWindow        *self,
                FwDashboardPage  page,
                const GError    *error)
{
  switch (page)
    {
    case FW_DASHBOARD_OVERVIEW:
      fw_overview_page_set_error (self->overview_page, error);
      break;
    case FW_DASHBOARD_CUSTOMERS:
      fw_score_page_set_error (self->customers_page, error);
      break;
    case FW_DASHBOARD_EMPLOYEES:
      fw_score_page_set_error (self->employees_page, error);
      break;
    case FW_DASHBOARD_LINK:
      fw_link_page_set_error (self->link_page, error);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
set_page_data (FwWindow        *self,
               FwDashboardData *data)
{
  switch (data->page)
    {
    case FW_DASHBOARD_OVERVIEW:
      fw_overview_page_set_data (self->overview_page, data);
      break;
    case FW_DASHBOARD_CUSTOMERS:
      fw_score_page_set_data (self->customers_page, data);
      break;
    case FW_DASHBOARD_EMPLOYEES:
      fw_score_page_set_data (self->employees_page, data);
      break;
    case FW_DASHBOARD_LINK:
      fw_link_page_set_data (self->link_page, data);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Rebuilding the lists of the filter bar closes an open popover, so only
 * when the names changed. */
static void
update_choices (FwWindow              *self,
                const FwDashboardData *data)
{
  if (self->known_units != NULL
      && g_strv_equal ((const char *const *) self->known_units,
                       (const char *const *) data->all_units)
      && g_strv_equal ((const char *const *) self->known_touchpoints,
                       (const char *const *) data->all_touchpoints))
    return;

  g_strfreev (self->known_units);
  g_strfreev (self->known_touchpoints);
  self->known_units = g_strdupv (data->all_units);
  self->known_touchpoints = g_strdupv (data->all_touchpoints);
  fw_filter_bar_set_choices (self->filter_bar, (const char *const *) self->known_units,
                             (const char *const *) self->known_touchpoints);
}

static void
dashboard_run_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(FwDashboardData) data = NULL;
  g_autoptr(GError) error = NULL;
  FwWindow *self = job->self;

  data = fw_dashboard_run_finish (result, &error);

  /* A newer filter or page took over: its job shows what it finds. */
  if (self->disposed || job->cancellable != self->dashboard_cancellable)
    return;

  g_clear_object (&self->dashboard_cancellable);
  fw_filter_bar_set_busy (self->filter_bar, FALSE);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the figures of the %s page: %s", page_names[job->page],
                     error->message);
          set_page_error (self, job->page, error);
        }
      return;
    }

  self->dashboard_stale[job->page] = FALSE;
  update_choices (self, data);
  set_page_data (self, data);
}

static void
fw_window_dashboard_load (FwWindow        *self,
                          FwDashboardPage  page)
{
  g_autoptr(FwDashboardFilter) filter = NULL;
  FwDashboardRequest *request;
  Job *job;

  if (self->store == NULL || self->disposed)
    return;

  g_cancellable_cancel (self->dashboard_cancellable);
  g_clear_object (&self->dashboard_cancellable);
  self->dashboard_cancellable = g_cancellable_new ();

  filter = fw_dashboard_filter_new_from_settings (self->settings);
  request = fw_dashboard_request_new (page, self->database_path, filter,
                                      g_settings_get_uint (self->settings, "fiscal-year-start"),
                                      fw_window_get_threshold (self));

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->cancellable = g_object_ref (self->dashboard_cancellable);
  job->page = page;

  set_page_loading (self, page);
  fw_filter_bar_set_busy (self->filter_bar, TRUE);
  fw_dashboard_run_async (request, self->dashboard_cancellable, dashboard_run_cb, job);
}

/* Reads the figures of the page shown, when they are out of date. */
static void
fw_window_dashboard_load_visible (FwWindow *self)
{
  FwDashboardPage page;

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "summary"))
    return;
  if (!page_from_name (adw_view_stack_get_visible_child_name (self->view_stack), &page))
    return;
  if (self->dashboard_stale[page])
    fw_window_dashboard_load (self, page);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  FwWindow *self = user_data;

  self->dashboard_idle = 0;
  fw_window_dashboard_load_visible (self);
  return G_SOURCE_REMOVE;
}

/**
 * fw_window_dashboard_reload:
 *
 * Marks the figures of every page out of date, and reads those of the page
 * shown, once the current burst of changes is over: resetting a filter
 * writes several keys, and one job is enough for all of them.
 */
void
fw_window_dashboard_reload (FwWindow *self)
{
  for (guint i = 0; i < FW_DASHBOARD_N_PAGES; i++)
    self->dashboard_stale[i] = TRUE;
  /* A job under way counts an old filter: it must not mark a page fresh. */
  g_cancellable_cancel (self->dashboard_cancellable);
  g_clear_object (&self->dashboard_cancellable);
  fw_filter_bar_set_busy (self->filter_bar, FALSE);

  if (self->dashboard_idle == 0)
    self->dashboard_idle = g_idle_add (reload_idle_cb, self);
}

static void
on_settings_changed (FwWindow   *self,
                     const char *key)
{
  if (g_str_equal (key, "dashboard-page") || g_str_equal (key, "link-lag"))
    return;
  if (g_str_has_prefix (key, "dashboard-") || g_str_equal (key, "fiscal-year-start"))
    fw_window_dashboard_reload (self);
  else if (g_str_equal (key, "anonymity-threshold"))
    fw_window_refresh (self);
}

static void
on_visible_page_changed (FwWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  FwDashboardPage page;
  gboolean dashboard = page_from_name (name, &page);

  /* The filter belongs to the figures, not to the list of imports. */
  gtk_widget_set_visible (GTK_WIDGET (self->filter_bar), dashboard);
  fw_filter_bar_set_applies (self->filter_bar, dashboard && page != FW_DASHBOARD_LINK,
                             dashboard && page != FW_DASHBOARD_EMPLOYEES
                             && page != FW_DASHBOARD_LINK);

  if (name != NULL
      && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "summary"))
    g_settings_set_string (self->settings, "dashboard-page", name);

  fw_window_dashboard_load_visible (self);
}

static void
on_unit_activated (FwWindow   *self,
                   const char *unit)
{
  const char *units[] = { unit, NULL };
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_settings_set_strv (self->settings, "dashboard-units", units);

  /* Translators: %s is a unit. */
  title = g_strdup_printf (_("Showing only %s"), unit);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_set_button_label (toast, _("Show _All Units"));
  adw_toast_set_action_name (toast, "win.show-all-units");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
fw_window_reload_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  fw_window_refresh (FW_WINDOW (widget));
}

static void
fw_window_clear_filters (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "dashboard-period", "all");
  g_settings_reset (self->settings, "dashboard-units");
  g_settings_reset (self->settings, "dashboard-touchpoints");
  g_settings_apply (self->settings);
}

static void
fw_window_show_all_units (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_settings_reset (FW_WINDOW (widget)->settings, "dashboard-units");
}

void
fw_window_dashboard_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (FW_TYPE_FILTER_BAR);
  g_type_ensure (FW_TYPE_OVERVIEW_PAGE);
  g_type_ensure (FW_TYPE_SCORE_PAGE);
  g_type_ensure (FW_TYPE_LINK_PAGE);

  gtk_widget_class_bind_template_child (widget_class, FwWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, employees_page);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, link_page);

  gtk_widget_class_install_action (widget_class, "win.reload", NULL, fw_window_reload_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL,
                                   fw_window_clear_filters);
  gtk_widget_class_install_action (widget_class, "win.show-all-units", NULL,
                                   fw_window_show_all_units);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload",
                                       NULL);
}

void
fw_window_dashboard_init (FwWindow *self)
{
  GObject *pages[] = { G_OBJECT (self->overview_page), G_OBJECT (self->customers_page),
                       G_OBJECT (self->employees_page), G_OBJECT (self->link_page) };

  for (guint i = 0; i < FW_DASHBOARD_N_PAGES; i++)
    self->dashboard_stale[i] = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_signal_connect_object (pages[i], "unit-activated", G_CALLBACK (on_unit_activated), self,
                             G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
}

/* Opens on the page shown last. */
void
fw_window_dashboard_constructed (FwWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "dashboard-page");

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
  on_visible_page_changed (self);
}

void
fw_window_dashboard_dispose (FwWindow *self)
{
  g_cancellable_cancel (self->dashboard_cancellable);
  g_clear_object (&self->dashboard_cancellable);
  g_clear_handle_id (&self->dashboard_idle, g_source_remove);
}

gboolean
fw_window_is_busy (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);

  return self->dashboard_cancellable != NULL || self->dashboard_idle != 0;
}
