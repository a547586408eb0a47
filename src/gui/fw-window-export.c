/* fw-window-export.c: the board pack of the main window, saved or printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export > Board Pack… (Ctrl+Shift+E) asks for a file name and writes the
 * pack for the filter the dashboard shows; Print Board Pack… (Ctrl+P)
 * sends the same pages, drawn by the same fw_board_pack_render_page(), to
 * GtkPrintOperation.  The figures are read in a worker thread with a
 * connection of its own, as the dashboard's are.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-board-pack.h"
#include "fw-window-private.h"

typedef struct
{
  FwWindow          *self;     /* held */
  char              *database_path;
  FwDashboardFilter *filter;
  guint              fiscal_start_month;
  guint              min_group;
  char              *organisation;
  char              *path;     /* the PDF to write; NULL to print */
  char              *print_to; /* for printing: a PDF to print to without a dialog, or NULL */
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_free (job->database_path);
  fw_dashboard_filter_free (job->filter);
  g_free (job->organisation);
  g_free (job->path);
  g_free (job->print_to);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* In the worker thread: the filter as the dashboard resolves it (the
 * period from the newest answer, only units that exist), then the pack. */
static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(FwDashboardRequest) request = NULL;
  g_autoptr(FwDashboardData) data = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwBoardPack) pack = NULL;
  FwBoardPackOptions options = FW_BOARD_PACK_OPTIONS_INIT;
  GError *error = NULL;

  request = fw_dashboard_request_new (FW_DASHBOARD_OVERVIEW, job->database_path, job->filter,
                                      job->fiscal_start_month, job->min_group);
  data = fw_dashboard_run (request, cancellable, &error);
  if (data != NULL)
    store = fw_store_open (job->database_path, &error);
  if (store != NULL)
    {
      options.from_day = data->from_day;
      options.to_day = data->to_day;
      options.units = (const char *const *) data->units;
      options.touchpoints = (const char *const *) data->touchpoints;
      options.grouping = data->cx_grouping;
      options.organisation = job->organisation;
      options.min_group = job->min_group;
      options.fiscal_start_month = job->fiscal_start_month;
      pack = fw_board_pack_collect (store, &options, cancellable, &error);
    }
  if (pack != NULL && job->path != NULL && !fw_board_pack_write (pack, job->path, &error))
    g_clear_pointer (&pack, fw_board_pack_free);

  if (pack == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&pack), (GDestroyNotify) fw_board_pack_free);
}

static void
show_error (FwWindow     *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (FwWindow *self)
{
  gboolean ready = self->store != NULL && self->export_cancellable == NULL
                   && g_str_equal (fw_window_get_page (self), "summary");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-board-pack", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-board-pack-to", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-board-pack", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-board-pack-to", ready);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              FwBoardPack       *pack)
{
  fw_board_pack_render_page (pack, (guint) page, gtk_print_context_get_cairo_context (context),
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               FwWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error (self, _("Could Not Print the Board Pack"), error);
    }
  g_object_unref (operation);
}

/* Prints the pages of @pack (taken) through the print dialog, or with
 * @pdf_path straight into that PDF. */
static void
print_pack (FwWindow    *self,
            FwBoardPack *pack,
            const char  *pdf_path)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  /* The pages are drawn for A4 landscape; another paper gets them scaled
   * to fit, whole. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_paper_size_free (paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) fw_board_pack_get_n_pages (pack));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Board Pack"));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page), pack,
                         (GClosureNotify) (void (*) (void)) fw_board_pack_free, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);

  if (pdf_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, pdf_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        GTK_WINDOW (self), &error);
    }
  else
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                        GTK_WINDOW (self), &error);
    }
  /* "done" comes only for a run that got under way. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_error (self, _("Could Not Print the Board Pack"), error);
}

static void
job_done (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  FwWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  FwBoardPack *pack;

  pack = g_task_propagate_pointer (G_TASK (result), &error);
  g_clear_object (&self->export_cancellable);
  if (self->disposed)
    {
      g_clear_pointer (&pack, fw_board_pack_free);
      return;
    }
  update_actions (self);

  if (pack == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, job->path != NULL ? _("Could Not Save the Board Pack")
                                            : _("Could Not Print the Board Pack"),
                    error);
      return;
    }

  if (job->path != NULL)
    {
      g_autofree char *name = g_filename_display_basename (job->path);
      g_autofree char *title = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (job->path);
      g_autofree char *uri = g_file_get_uri (file);
      AdwToast *toast;

      fw_board_pack_free (pack);
      /* Translators: %s is a file name. */
      title = g_strdup_printf (_("Board pack saved as “%s”"), name);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-file");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  print_pack (self, pack, job->print_to);
}

static void
start_job (FwWindow   *self,
           const char *path,
           const char *print_to)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->export_cancellable != NULL || self->store == NULL)
    return;

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->database_path = g_strdup (self->database_path);
  job->filter = fw_dashboard_filter_new_from_settings (self->settings);
  job->fiscal_start_month = g_settings_get_uint (self->settings, "fiscal-year-start");
  job->min_group = fw_window_get_threshold (self);
  job->organisation = g_settings_get_string (self->settings, "organisation-name");
  job->path = g_strdup (path);
  job->print_to = g_strdup (print_to);

  self->export_cancellable = g_cancellable_new ();
  update_actions (self);
  task = g_task_new (NULL, self->export_cancellable, job_done, job);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, job_thread);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     FwWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->export_chooser);

  if (path != NULL)
    {
      /* A name typed without an extension becomes a PDF's. */
      if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
        {
          g_autofree char *base = g_path_get_basename (path);

          if (strchr (base, '.') == NULL)
            {
              char *named = g_strconcat (path, ".pdf", NULL);

              g_free (path);
              path = named;
            }
        }
      start_job (self, path, NULL);
    }
}

static void
export_board_pack (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->export_chooser != NULL)
    return;

  self->export_chooser = gtk_file_chooser_native_new (_("Save Board Pack"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  /* Translators: the file name the board pack is offered under; %s is
   * today, as in "2026-03-31". */
  name = g_strdup_printf (_("Board pack %s.pdf"), day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
  g_signal_connect (self->export_chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* The same without asking, for a name chosen elsewhere and the tests. */
static void
export_board_pack_to (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  start_job (FW_WINDOW (widget), g_variant_get_string (parameter, NULL), NULL);
}

static void
print_board_pack (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start_job (FW_WINDOW (widget), NULL, NULL);
}

/* Prints into a PDF without the dialog: what the printer would get, for
 * the tests. */
static void
print_board_pack_to (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  start_job (FW_WINDOW (widget), NULL, g_variant_get_string (parameter, NULL));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  fw_window_toast (FW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_file (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  g_autoptr(GAppLaunchContext) context = NULL;

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
    gtk_widget_get_display (widget)));
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context, NULL,
                                           NULL, NULL);
}

void
fw_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-board-pack", NULL,
                                   export_board_pack);
  gtk_widget_class_install_action (widget_class, "win.export-board-pack-to", "s",
                                   export_board_pack_to);
  gtk_widget_class_install_action (widget_class, "win.print-board-pack", NULL, print_board_pack);
  gtk_widget_class_install_action (widget_class, "win.print-board-pack-to", "s",
                                   print_board_pack_to);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-board-pack", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print-board-pack", NULL);
}

/* Called whenever the window changes page: a pack needs figures. */
void
fw_window_export_update (FwWindow *self)
{
  update_actions (self);
}

void
fw_window_export_dispose (FwWindow *self)
{
  g_cancellable_cancel (self->export_cancellable);
  if (self->export_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->export_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
      g_clear_object (&self->export_chooser);
    }
}

gboolean
fw_window_is_exporting (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);

  return self->export_cancellable != NULL;
}
