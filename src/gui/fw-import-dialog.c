/* fw-import-dialog.c: the assistant that takes one survey export in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog reads the file's headers and first records, presets a role for
 * each column from the detection, and checks every choice with a dry run of
 * the real import, so that the Import button is only offered for what will
 * work.  All file work runs in threads; the window never waits on it.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fw-format.h"
#include "fw-import.h"
#include "fw-import-dialog-private.h"
#include "fw-mappings.h"

/* How many records the preview shows. */
#define PREVIEW_ROWS 20

/* Where the kind and date order rows keep their choices. */
enum
{
  KIND_CUSTOMERS,
  KIND_EMPLOYEES,
};

enum
{
  ORDER_DETECTED,
  ORDER_DMY,
  ORDER_MDY,
  ORDER_YMD,
};

struct _FwImportDialog
{
  AdwWindow            parent_instance;

  char                *database_path;
  GFile               *file;
  char                *path;
  char                *display_name;

  FwDetection         *detection;           /* as read, with a remembered mapping */
  char                *remembered_from;     /* the file that mapping was chosen for */
  GPtrArray           *preview;             /* of GStrv, the first records */
  GtkStringList       *column_names;        /* "None", then each column */
  AdwComboRow         *role_rows[FW_N_ROLES];

  GCancellable        *cancellable;         /* the job that runs now, if any */
  guint                check_serial;        /* the dry run whose answer counts */
  gboolean             reading;
  gboolean             checking;
  gboolean             importing;
  gboolean             ready;               /* the last dry run passed */
  gboolean             presetting;          /* rows change from code, not from the user */
  gboolean             disposed;
  char                *problems;

  /* Template children */
  GtkStack            *stack;
  GtkButton           *import_button;
  AdwActionRow        *file_row;
  AdwComboRow         *kind_row;
  AdwPreferencesGroup *columns_group;
  AdwComboRow         *date_order_row;
  AdwEntryRow         *date_row;
  GtkGrid             *preview_grid;
  GtkSpinner          *check_spinner;
  GtkLabel            *problems_label;
  GtkCheckButton      *valid_only_check;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
};

G_DEFINE_FINAL_TYPE (FwImportDialog, fw_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fw_import_dialog_check (FwImportDialog *self);

/* Reading the file */

typedef struct
{
  char        *database_path;
  char        *path;
  FwDetection *detection;
  char        *remembered_from;
  GPtrArray   *preview;
  char        *display_name;
  char        *format;    /* "CSV, UTF-8" and the like, untranslated parts only */
  gboolean     is_xlsx;
  char         delimiter;
} ReadJob;

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  g_free (job->database_path);
  g_free (job->remembered_from);
  g_free (job->path);
  g_clear_pointer (&job->detection, fw_detection_free);
  g_clear_pointer (&job->preview, g_ptr_array_unref);
  g_free (job->display_name);
  g_free (job->format);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(GError) error = NULL;

  table = fw_table_open (job->path, NULL, &error);
  if (table != NULL)
    job->detection = fw_detect (table, 0, PREVIEW_ROWS, job->preview, &error);
  if (job->detection == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What was chosen for a file with this header before is shown as the
   * choice; a database that cannot be read just has nothing to offer. */
  {
    g_autoptr(FwStore) store = fw_store_open (job->database_path, NULL);
    FwMapping remembered;
    gboolean found = FALSE;

    if (store != NULL
        && fw_mappings_recall (store, job->detection, &remembered, &found, NULL) && found)
      {
        fw_mappings_apply (job->detection, &remembered);
        job->remembered_from = g_steal_pointer (&remembered.source_name);
      }
    if (found)
      fw_mapping_clear (&remembered);
  }

  job->display_name = g_strdup (fw_table_get_display_name (table));
  job->is_xlsx = fw_table_is_xlsx (table);
  job->format = g_strdup (job->is_xlsx ? fw_table_get_sheet_name (table)
                                       : fw_table_get_encoding (table));
  job->delimiter = job->is_xlsx ? 0 : fw_table_get_delimiter (table);
  g_task_return_boolean (task, TRUE);
}

static void
show_error (FwImportDialog *self,
            GtkWindow      *parent,
            const char     *message)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Could Not Import “%s”"), self->display_name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_file_row (FwImportDialog *self,
               ReadJob        *job)
{
  g_autofree char *format = NULL;

  if (job->is_xlsx)
    /* Translators: the first %s is a kind of export, the second a sheet name. */
    format = g_strdup_printf (_("%s, Excel workbook, sheet “%s”"),
                              fw_import_dialog_layout_title (self->detection->layout), job->format);
  else if (job->delimiter == '\t')
    /* Translators: the first %s is a kind of export, the second an encoding. */
    format = g_strdup_printf (_("%s, tab-separated text in %s"),
                              fw_import_dialog_layout_title (self->detection->layout), job->format);
  else
    /* Translators: the first %s is a kind of export, %c the character between
     * the values, the last %s an encoding. */
    format = g_strdup_printf (_("%s, text separated by “%c” in %s"),
                              fw_import_dialog_layout_title (self->detection->layout), job->delimiter,
                              job->format);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), self->display_name);
  adw_action_row_set_subtitle (self->file_row, format);
}

static void
on_role_selected (FwImportDialog *self,
                  GParamSpec     *pspec,
                  AdwComboRow    *row);

static void
fill_rows (FwImportDialog *self)
{
  FwDetection *det = self->detection;

  self->column_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->column_names, _("None"));
  for (guint i = 0; i < det->n_columns; i++)
    gtk_string_list_append (self->column_names, det->names[i]);

  self->presetting = TRUE;

  for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fw_import_dialog_role_title (r));
      adw_combo_row_set_model (row, G_LIST_MODEL (self->column_names));
      adw_combo_row_set_selected (row, (guint) (det->columns[r] + 1));
      g_object_set_data (G_OBJECT (row), "fw-role", GUINT_TO_POINTER (r));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_role_selected), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      self->role_rows[r] = row;
    }
  if (det->columns[FW_ROLE_SCORE] < 0 && det->score_candidates->len > 1)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *subtitle = NULL;

      for (guint i = 0; i < det->score_candidates->len; i++)
        {
          int column = g_array_index (det->score_candidates, int, i);

          if (i > 0)
            g_string_append (names, ", ");
          g_string_append_printf (names, "“%s”", det->names[column]);
        }
      /* Translators: %s is a list of column names. */
      subtitle = g_strdup_printf (_("More than one column could be the score: %s"), names->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->role_rows[FW_ROLE_SCORE]), subtitle);
    }

  adw_combo_row_set_selected (self->kind_row,
                              det->kind == FW_KIND_EMPLOYEE ? KIND_EMPLOYEES : KIND_CUSTOMERS);
  if (self->remembered_from != NULL)
    {
      /* Translators: %s is the name of a file imported earlier. */
      g_autofree char *subtitle = g_strdup_printf (_("As chosen for “%s”, which has the same "
                                                     "columns; check it"),
                                                   self->remembered_from);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->kind_row),
                                 det->kind_from_text
                                 ? _("Guessed from the questions; check it")
                                 : _("Not clear from the questions; choose it"));

  if (det->date_ambiguous && det->date_reason != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row), det->date_reason);

  self->presetting = FALSE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(FwImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ReadJob *job = g_task_get_task_data (G_TASK (result));

  self->reading = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The dialog has nothing to show: say why over the main window. */
      show_error (self, gtk_window_get_transient_for (GTK_WINDOW (self)), error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->disposed)
    return;

  g_clear_pointer (&self->display_name, g_free);
  self->display_name = g_steal_pointer (&job->display_name);
  self->detection = g_steal_pointer (&job->detection);
  self->remembered_from = g_steal_pointer (&job->remembered_from);
  self->preview = g_steal_pointer (&job->preview);

  fill_file_row (self, job);
  fill_rows (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
  fw_import_dialog_check (self);
}

/* Choices */

static int
chosen_column (FwImportDialog *self,
               FwRole          role)
{
  if (self->role_rows[role] == NULL)
    return -1;
  return (int) adw_combo_row_get_selected (self->role_rows[role]) - 1;
}

typedef struct
{
  char            *database_path;
  char            *path;
  FwImportOptions  options;
  char            *columns[FW_N_ROLES];
  char            *date;
  FwImportResult  *result;
  guint            serial;
  GApplication    *application;   /* held while an import runs */
  int              permille;      /* atomic */
  int              records;       /* atomic, capped */
  int              update_queued; /* atomic */
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_assert (job->application == NULL);
  g_free (job->database_path);
  g_free (job->path);
  for (guint r = 0; r < FW_N_ROLES; r++)
    g_free (job->columns[r]);
  g_free (job->date);
  g_clear_pointer (&job->result, fw_import_result_free);
  g_free (job);
}

/* The options the rows stand for: every role as chosen, "None" included. */
static ImportJob *
import_job_new (FwImportDialog *self)
{
  g_autoptr(GString) date = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->database_path = g_strdup (self->database_path);
  job->path = g_strdup (self->path);
  job->result = fw_import_result_new ();
  fw_import_options_init (&job->options);

  for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
    {
      int column = chosen_column (self, r);

      if (column >= 0)
        {
          job->columns[r] = g_strdup_printf ("#%d", column + 1);
          job->options.columns[r] = job->columns[r];
        }
      else
        {
          /* "None": the role is left out, whatever was guessed or remembered. */
          job->columns[r] = g_strdup ("");
          job->options.columns[r] = job->columns[r];
        }
    }

  job->options.kind_set = TRUE;
  job->options.kind = adw_combo_row_get_selected (self->kind_row) == KIND_EMPLOYEES
                      ? FW_KIND_EMPLOYEE : FW_KIND_CUSTOMER;
  switch (adw_combo_row_get_selected (self->date_order_row))
    {
    case ORDER_DMY:
      job->options.date_order = FW_DATE_ORDER_DMY;
      break;
    case ORDER_MDY:
      job->options.date_order = FW_DATE_ORDER_MDY;
      break;
    case ORDER_YMD:
      job->options.date_order = FW_DATE_ORDER_YMD;
      break;
    default:
      job->options.date_order = FW_DATE_ORDER_UNKNOWN;
    }

  if (chosen_column (self, FW_ROLE_DATE) < 0)
    {
      date = g_string_new (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
      g_strstrip (date->str);
      if (date->str[0] != '\0')
        {
          job->date = g_strdup (date->str);
          job->options.date = job->date;
        }
    }
  job->options.valid_only = gtk_check_button_get_active (self->valid_only_check);

  return job;
}

/* The preview shows the chosen columns under their roles. */
static void
update_preview (FwImportDialog *self)
{
  GtkWidget *child;
  int x = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
    {
      int column = chosen_column (self, r);
      GtkWidget *label;

      if (column < 0)
        continue;

      label = gtk_label_new (fw_import_dialog_role_title (r));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->preview_grid, label, x, 0, 1, 1);

      for (guint i = 0; i < self->preview->len; i++)
        {
          char **fields = g_ptr_array_index (self->preview, i);
          const char *text = column < (int) g_strv_length (fields) ? fields[column] : "";

          label = gtk_label_new (text);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
          gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
          gtk_grid_attach (self->preview_grid, label, x, (int) i + 1, 1, 1);
        }
      x++;
    }

  if (x == 0)
    {
      GtkWidget *label = gtk_label_new (_("No column is chosen."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->preview_grid, label, 0, 0, 1, 1);
    }
}

static void
update_sensitivity (FwImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 self->ready && !self->checking && !self->importing
                                 && !self->reading);
  gtk_spinner_set_spinning (self->check_spinner, self->checking);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), self->checking);
}

static void
set_problems (FwImportDialog *self,
              const char     *text,
              gboolean        ready)
{
  g_free (self->problems);
  self->problems = g_strdup (text);
  gtk_label_set_label (self->problems_label, text);
  if (ready)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problems_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->problems_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "error");
    }
  self->ready = ready;
  update_sensitivity (self);
}

/* The dry run */

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable);

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FwImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *text = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  /* A later choice started another dry run: only that one counts. */
  if (self->disposed || job->serial != self->check_serial)
    return;

  self->checking = FALSE;
  g_clear_object (&self->cancellable);

  if (ok)
    text = fw_import_dialog_describe_success (job->result);
  else
    text = fw_import_dialog_describe_failure (job->result, job->date, error);

  /* Once offered, the choice stays, so that it can be taken back. */
  if (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_INVALID_RECORDS)
      || job->options.valid_only)
    gtk_widget_set_visible (GTK_WIDGET (self->valid_only_check), TRUE);

  set_problems (self, text, ok && job->result->n_imported > 0);
}

static void
fw_import_dialog_check (FwImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  if (self->detection == NULL || self->importing)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->check_serial++;
  self->checking = FALSE;

  update_preview (self);
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), chosen_column (self, FW_ROLE_DATE) < 0);

  job = import_job_new (self);
  job->options.dry_run = TRUE;
  job->serial = self->check_serial;

  self->checking = TRUE;
  self->ready = FALSE;
  gtk_label_set_label (self->problems_label, _("Checking the file…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_label), "success");
  update_sensitivity (self);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, check_cb, g_object_ref (self));
  g_task_set_source_tag (task, fw_import_dialog_check);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_role_selected (FwImportDialog *self,
                  GParamSpec     *pspec,
                  AdwComboRow    *row)
{
  FwRole role = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "fw-role"));
  int column = chosen_column (self, role);

  if (self->presetting)
    return;

  /* A column has one role: the row that had it before lets it go. */
  self->presetting = TRUE;
  if (column >= 0)
    for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
      if (r != role && chosen_column (self, r) == column)
        adw_combo_row_set_selected (self->role_rows[r], 0);
  if (role == FW_ROLE_SCORE)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), NULL);
  self->presetting = FALSE;

  fw_import_dialog_check (self);
}

static void
on_choice_changed (FwImportDialog *self)
{
  if (!self->presetting)
    fw_import_dialog_check (self);
}

/* The import */

static gboolean
import_show_progress (gpointer user_data)
{
  GTask *task = user_data;
  FwImportDialog *self = g_task_get_source_object (task);
  ImportJob *job = g_task_get_task_data (task);
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  int records = g_atomic_int_get (&job->records);

  g_atomic_int_set (&job->update_queued, FALSE);
  if (self->disposed || !self->importing)
    return G_SOURCE_REMOVE;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&job->permille) / 1000.0);
  count = fw_format_count (records);
  /* Translators: %s is a number of records. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record read", "%s records read",
                                       (gulong) records),
                          count);
  gtk_label_set_label (self->progress_label, text);

  return G_SOURCE_REMOVE;
}

/* Called in the worker thread: hands the progress to the main loop, at most
 * one update waiting at a time. */
static void
import_progress (double   fraction,
                 guint64  records,
                 gpointer user_data)
{
  GTask *task = user_data;
  ImportJob *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000.0));
  g_atomic_int_set (&job->records, (int) MIN (records, G_MAXINT));
  if (g_atomic_int_compare_and_exchange (&job->update_queued, FALSE, TRUE))
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                import_show_progress, g_object_ref (task), g_object_unref);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: SQLite connections stay in one thread.  A dry
   * run opens one too, to find a file that was imported before. */
  store = fw_store_open (job->database_path, &error);
  if (store == NULL
      || !fw_import_file (store, job->path, &job->options, cancellable,
                          job->options.dry_run ? NULL : import_progress, task, job->result,
                          &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FwImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Here rather than in import_job_free(): the task may be finalized in the
   * worker thread, and GApplication wants its hold count kept in one. */
  if (job->application != NULL)
    g_application_release (job->application);
  g_clear_object (&job->application);

  self->importing = FALSE;
  g_clear_object (&self->cancellable);

  if (ok)
    {
      g_signal_emit (self, signals[IMPORTED], 0, job->result->batch_id,
                     job->result->n_imported, self->display_name);
      if (!self->disposed)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->disposed)
    return;

  gtk_stack_set_visible_child_name (self->stack, "form");
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Could not import %s: %s", self->path, error->message);
      show_error (self, GTK_WINDOW (self), error->message);
    }
  fw_import_dialog_check (self);
}

/**
 * fw_import_dialog_import:
 *
 * Starts the import with the choices made, when the dry run passed.
 */
void
fw_import_dialog_import (FwImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (FW_IS_IMPORT_DIALOG (self));

  if (!self->ready || self->checking || self->importing)
    return;

  job = import_job_new (self);

  /* Keep running until the worker has finished, so that quitting mid-way
   * rolls the transaction back cleanly instead of cutting it off. */
  job->application = g_application_get_default ();
  if (job->application != NULL)
    g_application_hold (g_object_ref (job->application));

  self->importing = TRUE;
  update_sensitivity (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_label (self->progress_label, "");
  gtk_stack_set_visible_child_name (self->stack, "importing");

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, import_cb, g_object_ref (self));
  g_task_set_source_tag (task, fw_import_dialog_import);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  fw_import_dialog_import (FW_IMPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FwImportDialog *self = FW_IMPORT_DIALOG (widget);

  /* Cancel stops an import and stays; otherwise it closes the dialog. */
  if (self->importing)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
fw_import_dialog_dispose (GObject *object)
{
  FwImportDialog *self = FW_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), FW_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (fw_import_dialog_parent_class)->dispose (object);
}

static void
fw_import_dialog_finalize (GObject *object)
{
  FwImportDialog *self = FW_IMPORT_DIALOG (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->remembered_from, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->detection, fw_detection_free);
  g_clear_pointer (&self->preview, g_ptr_array_unref);
  g_clear_object (&self->column_names);
  g_clear_pointer (&self->problems, g_free);

  G_OBJECT_CLASS (fw_import_dialog_parent_class)->finalize (object);
}

static void
fw_import_dialog_class_init (FwImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_import_dialog_dispose;
  object_class->finalize = fw_import_dialog_finalize;

  /**
   * FwImportDialog::imported:
   * @batch_id: the new batch, to undo it
   * @n_imported: the answers it holds
   * @display_name: the file, as people know it
   *
   * Emitted when an import has been committed, just before the dialog closes.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT64,
                                    G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/flywheel_cx/Flywheel/ui/fw-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, valid_only_check);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FwImportDialog, progress_label);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
fw_import_dialog_init (FwImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_order_row, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_row, "changed", G_CALLBACK (on_choice_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->valid_only_check, "notify::active",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
}

/**
 * fw_import_dialog_new:
 *
 * Returns: (transfer none): a dialog that starts reading @file at once; GTK
 * owns it, as it owns every toplevel
 */
FwImportDialog *
fw_import_dialog_new (GtkWindow  *parent,
                      const char *database_path,
                      GFile      *file)
{
  FwImportDialog *self;
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (FW_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->database_path = g_strdup (database_path);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  self->display_name = g_file_get_basename (file);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), self->display_name);

  job = g_new0 (ReadJob, 1);
  job->database_path = g_strdup (database_path);
  job->path = g_strdup (self->path);
  job->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  self->reading = TRUE;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, read_cb, g_object_ref (self));
  g_task_set_source_tag (task, fw_import_dialog_new);
  g_task_set_task_data (task, job, read_job_free);
  g_task_run_in_thread (task, read_thread);

  return self;
}

/* Test helpers, see fw-import-dialog-private.h. */

gboolean
fw_import_dialog_is_busy (FwImportDialog *self)
{
  g_return_val_if_fail (FW_IS_IMPORT_DIALOG (self), FALSE);

  return self->reading || self->checking || self->importing;
}

int
fw_import_dialog_get_role_column (FwImportDialog *self,
                                  FwRole          role)
{
  g_return_val_if_fail (FW_IS_IMPORT_DIALOG (self), -1);
  g_return_val_if_fail (role > FW_ROLE_NONE && role < FW_N_ROLES, -1);

  return chosen_column (self, role);
}

void
fw_import_dialog_set_role_column (FwImportDialog *self,
                                  FwRole          role,
                                  int             column)
{
  g_return_if_fail (FW_IS_IMPORT_DIALOG (self));
  g_return_if_fail (role > FW_ROLE_NONE && role < FW_N_ROLES);
  g_return_if_fail (self->role_rows[role] != NULL);

  adw_combo_row_set_selected (self->role_rows[role], (guint) (column + 1));
}

void
fw_import_dialog_set_date (FwImportDialog *self,
                           const char     *day)
{
  g_return_if_fail (FW_IS_IMPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), day);
}

void
fw_import_dialog_set_valid_only (FwImportDialog *self,
                                 gboolean        valid_only)
{
  g_return_if_fail (FW_IS_IMPORT_DIALOG (self));

  gtk_check_button_set_active (self->valid_only_check, valid_only);
}

gboolean
fw_import_dialog_offers_valid_only (FwImportDialog *self)
{
  g_return_val_if_fail (FW_IS_IMPORT_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->valid_only_check));
}

gboolean
fw_import_dialog_can_import (FwImportDialog *self)
{
  g_return_val_if_fail (FW_IS_IMPORT_DIALOG (self), FALSE);

  /* What the user sees: the button follows the action. */
  return gtk_widget_is_sensitive (GTK_WIDGET (self->import_button));
}

const char *
fw_import_dialog_get_problems (FwImportDialog *self)
{
  g_return_val_if_fail (FW_IS_IMPORT_DIALOG (self), NULL);

  return self->problems;
}
