/* fw-window-imports.c: the imports of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sample data, the import assistant (Ctrl+O and drag and drop), the undo
 * toast after an import, and the Imports page that lists and removes them.
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
void
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

const FwBatchSummary *
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

void
fw_window_imports_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, fw_window_import);
  gtk_widget_class_install_action (widget_class, "win.undo-import", "x", fw_window_undo_import);
  gtk_widget_class_install_action (widget_class, "win.remove-import", "x",
                                   fw_window_remove_import);
  gtk_widget_class_install_action (widget_class, "win.load-sample-data", NULL,
                                   fw_window_load_sample_data);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, fw_window_cancel_load);
}

void
fw_window_imports_init (FwWindow *self)
{
  GtkDropTarget *drop;

  self->import_rows = g_ptr_array_new ();

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
}
