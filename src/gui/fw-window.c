/* fw-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-application.h"
#include "fw-demo.h"
#include "fw-format.h"
#include "fw-import-dialog.h"
#include "fw-store.h"
#include "fw-window-private.h"

struct _FwWindow
{
  AdwApplicationWindow parent_instance;

  char         *database_path;
  FwStore      *store; /* NULL when the database could not be opened */
  GSettings    *settings;

  /* The sample data job while it runs. */
  GTask        *load_task;
  GCancellable *load_cancellable;

  gint64        last_import; /* the batch the last import toast can undo, or 0 */
  AdwToast     *import_toast; /* weak: that toast while it shows */

  GPtrArray    *batches;     /* of FwBatchSummary, newest first, as listed */
  GPtrArray    *import_rows; /* the rows of the Imports page, in that order */

  gboolean      disposed;

  /* Template children */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack    *view_stack;
  AdwPreferencesGroup *imports_group;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkStack        *empty_stack;
  GtkButton       *import_button;
  GtkButton       *sample_button;
  GtkProgressBar  *load_progress;
  GtkLabel        *range_label;
  GtkLabel        *nps_value;
  GtkLabel        *nps_detail;
  GtkLabel        *enps_value;
  GtkLabel        *enps_detail;
  GtkLabel        *count_value;
  GtkLabel        *count_detail;
};

G_DEFINE_FINAL_TYPE (FwWindow, fw_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the worker thread of "Load Sample Data" shares with the window. */
typedef struct
{
  char         *path;
  GApplication *application;   /* held while the job runs */
  int           permille;      /* atomic: progress, 0..1000 */
  int           update_queued; /* atomic: a progress update waits in the main loop */
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_assert (job->application == NULL);
  g_free (job->path);
  g_free (job);
}

static void fw_window_show_page (FwWindow   *self,
                                 const char *name);

static void
fw_window_show_error (FwWindow   *self,
                      const char *message)
{
  adw_status_page_set_description (self->error_page, message);
  fw_window_show_page (self, "error");
}

static guint
fw_window_get_threshold (FwWindow *self)
{
  return MAX (g_settings_get_uint (self->settings, "anonymity-threshold"), FW_ANONYMITY_MIN);
}

/* Sets a tile to @score, which may be suppressed or have no answers. */
static void
set_score_tile (GtkLabel      *value_label,
                GtkLabel      *detail_label,
                const FwScore *score,
                guint          threshold)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;

  if (score->suppressed)
    {
      /* Never a number here: not even n may show for a group this small. */
      value = g_strdup (_("Hidden"));
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Fewer than %u response, to protect anonymity",
                                             "Fewer than %u responses, to protect anonymity",
                                             threshold),
                                threshold);
    }
  else if (score->tally.n == 0)
    {
      value = fw_format_nps (NAN);
      detail = g_strdup (_("No responses"));
    }
  else
    {
      g_autofree char *n = fw_format_count (score->tally.n);

      value = fw_format_nps (score->nps);
      /* Translators: %s is a number of responses, as in "1,234 responses". */
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s response", "%s responses",
                                             (gulong) score->tally.n),
                                n);
    }

  gtk_label_set_label (value_label, value);
  gtk_label_set_label (detail_label, detail);

  if (score->suppressed)
    gtk_widget_add_css_class (GTK_WIDGET (value_label), "fw-hidden");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (value_label), "fw-hidden");
}

/* Widens [@first, @last] to include the answers of @kind. */
static gboolean
add_day_range (FwStore *store,
               FwKind   kind,
               char   **first,
               char   **last,
               GError **error)
{
  g_autofree char *kind_first = NULL;
  g_autofree char *kind_last = NULL;

  if (!fw_store_get_day_range (store, kind, &kind_first, &kind_last, error))
    return FALSE;

  /* ISO days sort as text. */
  if (kind_first != NULL && (*first == NULL || strcmp (kind_first, *first) < 0))
    {
      g_free (*first);
      *first = g_steal_pointer (&kind_first);
    }
  if (kind_last != NULL && (*last == NULL || strcmp (kind_last, *last) > 0))
    {
      g_free (*last);
      *last = g_steal_pointer (&kind_last);
    }

  return TRUE;
}

static gboolean
fw_window_update_summary (FwWindow *self,
                          GError  **error)
{
  FwScore customers, employees;
  guint threshold = fw_window_get_threshold (self);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *total = NULL;
  g_autofree char *customer_count = NULL;
  g_autofree char *customer_line = NULL;
  g_autofree char *employee_line = NULL;
  g_autofree char *detail = NULL;

  if (!fw_store_get_overall (self->store, FW_KIND_CUSTOMER, threshold, &customers, error)
      || !fw_store_get_overall (self->store, FW_KIND_EMPLOYEE, threshold, &employees, error))
    return FALSE;

  set_score_tile (self->nps_value, self->nps_detail, &customers, threshold);
  set_score_tile (self->enps_value, self->enps_detail, &employees, threshold);

  /* The total counts only what is shown, or the hidden employee count
   * would follow from subtracting the customers. */
  total = fw_format_count (customers.tally.n + employees.tally.n);
  customer_count = fw_format_count (customers.tally.n);
  /* Translators: %s is a number of responses. */
  customer_line = g_strdup_printf (_("Customers: %s"), customer_count);
  if (employees.suppressed)
    employee_line = g_strdup (_("Employees: hidden"));
  else
    {
      g_autofree char *employee_count = fw_format_count (employees.tally.n);

      /* Translators: %s is a number of responses. */
      employee_line = g_strdup_printf (_("Employees: %s"), employee_count);
    }
  detail = g_strconcat (customer_line, "\n", employee_line, NULL);
  gtk_label_set_label (self->count_value, total);
  gtk_label_set_label (self->count_detail, detail);

  /* Likewise, the days of a hidden employee group stay out of the range. */
  if (!add_day_range (self->store, FW_KIND_CUSTOMER, &first, &last, error))
    return FALSE;
  if (!employees.suppressed && !add_day_range (self->store, FW_KIND_EMPLOYEE, &first, &last, error))
    return FALSE;

  if (first != NULL && last != NULL)
    {
      g_autofree char *from = fw_format_day (first);
      g_autofree char *to = fw_format_day (last);
      g_autofree char *range = NULL;

      /* Translators: the two %s are days, as in "January 4, 2025". */
      range = g_strdup_printf (_("Responses from %s to %s"), from, to);
      gtk_label_set_label (self->range_label, range);
    }
  else
    gtk_label_set_label (self->range_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->range_label), first != NULL);

  return TRUE;
}

/* "customer", "employee" or "mixed" in words. */
static const char *
kind_in_words (const char *kind)
{
  if (g_strcmp0 (kind, "customer") == 0)
    return _("Customers");
  if (g_strcmp0 (kind, "employee") == 0)
    return _("Employees");
  return _("Customers and employees");
}

/* The local day of a UTC time as the store writes it, for people. */
static char *
format_imported_at (const char *imported_at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (imported_at, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;

  if (utc == NULL)
    return g_strdup (imported_at);
  local = g_date_time_to_local (utc);
  day = g_date_time_format (local, "%Y-%m-%d");
  return fw_format_day (day);
}

static GtkWidget *
create_import_row (const FwBatchSummary *batch)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *answers = fw_format_count (batch->row_count);
  g_autofree char *skipped = fw_format_count (batch->skipped_count);
  g_autofree char *when = format_imported_at (batch->imported_at);
  g_autofree char *imported = NULL;
  g_autofree char *subtitle = NULL;

  /* File names are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), batch->source_name);

  /* Translators: %s is a number of answers. */
  imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s answer", "%s answers",
                                           (gulong) batch->row_count),
                              answers);
  /* Translators: who answered ("Customers"), the answers imported ("120
   * answers"), the number of rows skipped, and the day of the import. */
  subtitle = g_strdup_printf (_("%s · %s · %s skipped · imported %s"),
                              kind_in_words (batch->kind), imported, skipped, when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Import"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Import"), -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.remove-import");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (batch->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/* Fills the Imports page with one row per batch of self->batches. */
static void
fw_window_update_imports (FwWindow *self)
{
  for (guint i = 0; i < self->import_rows->len; i++)
    adw_preferences_group_remove (self->imports_group, g_ptr_array_index (self->import_rows, i));
  g_ptr_array_set_size (self->import_rows, 0);

  for (guint i = 0; self->batches != NULL && i < self->batches->len; i++)
    {
      GtkWidget *row = create_import_row (g_ptr_array_index (self->batches, i));

      adw_preferences_group_add (self->imports_group, row);
      g_ptr_array_add (self->import_rows, row);
    }
}

static const FwBatchSummary *
fw_window_find_batch (FwWindow *self,
                      gint64    batch_id)
{
  for (guint i = 0; self->batches != NULL && i < self->batches->len; i++)
    {
      const FwBatchSummary *batch = g_ptr_array_index (self->batches, i);

      if (batch->id == batch_id)
        return batch;
    }
  return NULL;
}

static void
fw_window_show_page (FwWindow   *self,
                     const char *name)
{
  gboolean summary = g_str_equal (name, "summary");

  gtk_stack_set_visible_child_name (self->stack, name);
  /* The switcher belongs to a database with data. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, summary);
  if (!summary)
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

/**
 * fw_window_refresh:
 *
 * Shows what the database holds now: the empty state, the summary and the
 * imports, or an error when it cannot be read.
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
                                 && self->load_task == NULL);

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
  else if (!fw_window_update_summary (self, &error))
    fw_window_show_error (self, error->message);
  else
    fw_window_show_page (self, "summary");
}

static void
fw_window_toast (FwWindow   *self,
                 const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
load_job_show_progress (gpointer user_data)
{
  GTask *task = user_data;
  FwWindow *self = g_task_get_source_object (task);
  LoadJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->update_queued, FALSE);
  if (self->load_task == task && !self->disposed)
    gtk_progress_bar_set_fraction (self->load_progress,
                                   g_atomic_int_get (&job->permille) / 1000.0);

  return G_SOURCE_REMOVE;
}

/* Called in the worker thread: hands the fraction to the main loop, at most
 * one update waiting at a time. */
static void
load_job_progress (double   fraction,
                   gpointer user_data)
{
  GTask *task = user_data;
  LoadJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000.0));
  if (g_atomic_int_compare_and_exchange (&job->update_queued, FALSE, TRUE))
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                load_job_show_progress, g_object_ref (task), g_object_unref);
}

static void
load_sample_data_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: SQLite connections stay in one thread, and
   * the window keeps reading its own while this one writes. */
  store = fw_store_open (job->path, &error);
  if (store == NULL
      || !fw_demo_fill (store, FW_DEMO_DEFAULT_SEED, FALSE, load_job_progress, task, cancellable,
                        &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_sample_data_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FwWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Here rather than in load_job_free(): the task may be finalized in the
   * worker thread, and GApplication wants its hold count kept in one. */
  if (job->application != NULL)
    g_application_release (job->application);
  g_clear_object (&job->application);

  g_clear_object (&self->load_task);
  g_clear_object (&self->load_cancellable);

  if (self->disposed)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  gtk_stack_set_visible_child_name (self->empty_stack, "buttons");

  if (ok)
    fw_window_toast (self, _("Sample data loaded"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = NULL;

      g_warning ("Could not load the sample data: %s", error->message);
      /* Translators: %s is the reason, a full sentence. */
      title = g_strdup_printf (_("Could not load the sample data. %s"), error->message);
      fw_window_toast (self, title);
    }

  fw_window_refresh (self);
}

static void
fw_window_load_sample_data (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  LoadJob *job;

  if (self->store == NULL || self->load_task != NULL)
    return;

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (self->database_path);
  /* Keep running until the worker has finished, so that closing the window
   * mid-way rolls the transaction back cleanly instead of cutting it off. */
  job->application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (job->application != NULL)
    g_application_hold (g_object_ref (job->application));

  self->load_cancellable = g_cancellable_new ();
  self->load_task = g_task_new (self, self->load_cancellable, load_sample_data_cb,
                                g_object_ref (self));
  g_task_set_source_tag (self->load_task, fw_window_load_sample_data);
  g_task_set_task_data (self->load_task, job, load_job_free);

  gtk_progress_bar_set_fraction (self->load_progress, 0.0);
  gtk_stack_set_visible_child_name (self->empty_stack, "progress");
  gtk_widget_action_set_enabled (widget, "win.load-sample-data", FALSE);
  gtk_widget_action_set_enabled (widget, "win.cancel-load", TRUE);

  g_task_run_in_thread (self->load_task, load_sample_data_thread);
}

static void
fw_window_cancel_load (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);

  g_cancellable_cancel (self->load_cancellable);
}

/* Import */

static void
fw_window_undo_import (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 batch_id = g_variant_get_int64 (parameter);

  if (self->store == NULL)
    return;

  /* The store says it changed, and the window refreshes. */
  if (!fw_store_remove_batch (self->store, batch_id, &error))
    {
      g_autofree char *title = NULL;

      g_warning ("Could not undo import %" G_GINT64_FORMAT ": %s", batch_id, error->message);
      /* Translators: %s is the reason, a full sentence. */
      title = g_strdup_printf (_("Could not undo the import. %s"), error->message);
      fw_window_toast (self, title);
    }
  if (self->last_import == batch_id)
    self->last_import = 0;
}

static void
on_imported (FwWindow   *self,
             gint64      batch_id,
             guint64     n_imported,
             const char *display_name)
{
  g_autofree char *count = fw_format_count (n_imported);
  g_autofree char *title = NULL;
  AdwToast *toast;

  self->last_import = batch_id;
  fw_window_refresh (self);

  /* Translators: %s is a number of answers, then a file name. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %s answer from %s",
                                        "Imported %s answers from %s", (gulong) n_imported),
                           count, display_name);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-import");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (batch_id));
  g_set_weak_pointer (&self->import_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Remove an import from the Imports page */

static void
remove_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           FwWindow         *self)
{
  g_autoptr(GError) error = NULL;
  gint64 batch_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "batch-id");

  if (!g_str_equal (response, "remove") || self->store == NULL)
    return;

  /* One transaction, on the main thread: removing a batch deletes its
   * answers and subtracts them from the rollup, which is quick enough for
   * now; a large batch may want a worker like the sample data has.  The
   * store says it changed, and the window refreshes, to the empty state
   * after the last one. */
  if (!fw_store_remove_batch (self->store, batch_id, &error))
    {
      g_autofree char *title = NULL;

      g_warning ("Could not remove import %" G_GINT64_FORMAT ": %s", batch_id, error->message);
      /* Translators: %s is the reason, a full sentence. */
      title = g_strdup_printf (_("Could not remove the import. %s"), error->message);
      fw_window_toast (self, title);
    }
}

static void
fw_window_remove_import (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  gint64 batch_id = g_variant_get_int64 (parameter);
  const FwBatchSummary *batch = fw_window_find_batch (self, batch_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *count = NULL;
  AdwMessageDialog *dialog;

  if (self->store == NULL || batch == NULL)
    return;

  count = fw_format_count (batch->row_count);
  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Remove “%s”?"), batch->source_name);
  /* Translators: %s is a number of answers. */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Its %s answer leaves every figure. This cannot be undone.",
                                       "Its %s answers leave every figure. This cannot be undone.",
                                       (gulong) batch->row_count),
                          count);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "batch-id", g_memdup2 (&batch_id, sizeof batch_id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * fw_window_open_import:
 *
 * Opens the import assistant on @file.
 *
 * Returns: (transfer none): the assistant
 */
GtkWindow *
fw_window_open_import (FwWindow *self,
                       GFile    *file)
{
  FwImportDialog *dialog;

  g_return_val_if_fail (FW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  dialog = fw_import_dialog_new (GTK_WINDOW (self), self->database_path, file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(FwWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        fw_window_open_import (self, file);
    }
  g_object_unref (chooser);
}

static void
fw_window_import (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) exports = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Survey"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (exports, _("Survey Exports"));
  gtk_file_filter_add_suffix (exports, "csv");
  gtk_file_filter_add_suffix (exports, "tsv");
  gtk_file_filter_add_suffix (exports, "txt");
  gtk_file_filter_add_suffix (exports, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), exports);

  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         FwWindow      *self)
{
  GSList *files;

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  /* One assistant at a time: the first file of the drop. */
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  fw_window_open_import (self, G_FILE (files->data));
  return TRUE;
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

static void
fw_window_constructed (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (fw_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_return_if_fail (self->database_path != NULL);

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
  fw_window_refresh (self);
}

static void
fw_window_dispose (GObject *object)
{
  FwWindow *self = FW_WINDOW (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->load_cancellable);

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
  gtk_widget_class_bind_template_child (widget_class, FwWindow, range_label);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, nps_value);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, nps_detail);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, enps_value);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, enps_detail);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, count_value);
  gtk_widget_class_bind_template_child (widget_class, FwWindow, count_detail);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, fw_window_import);
  gtk_widget_class_install_action (widget_class, "win.undo-import", "x", fw_window_undo_import);
  gtk_widget_class_install_action (widget_class, "win.remove-import", "x",
                                   fw_window_remove_import);
  /* Chart and board pack export (src/report) does not exist
   * yet; until it lands this stays in the menu, disabled, rather than
   * pretend to work. */
  gtk_widget_class_install_action (widget_class, "win.export", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "win.load-sample-data", NULL,
                                   fw_window_load_sample_data);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, fw_window_cancel_load);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
fw_window_init (FwWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->import_rows = g_ptr_array_new ();

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::anonymity-threshold",
                           G_CALLBACK (fw_window_refresh), self, G_CONNECT_SWAPPED);
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
      return gtk_label_get_label (self->nps_value);
    case FW_WINDOW_TEXT_NPS_DETAIL:
      return gtk_label_get_label (self->nps_detail);
    case FW_WINDOW_TEXT_ENPS_VALUE:
      return gtk_label_get_label (self->enps_value);
    case FW_WINDOW_TEXT_ENPS_DETAIL:
      return gtk_label_get_label (self->enps_detail);
    case FW_WINDOW_TEXT_COUNT_VALUE:
      return gtk_label_get_label (self->count_value);
    case FW_WINDOW_TEXT_COUNT_DETAIL:
      return gtk_label_get_label (self->count_detail);
    case FW_WINDOW_TEXT_RANGE:
      return gtk_label_get_label (self->range_label);
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
