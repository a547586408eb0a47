/* fw-window-backups.c: a damaged or read-only database in the window, and
 * going back to a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening looks only at a file's header; once the window shows, a worker
 * reads every page (fw_store_check()), and damage found there turns the
 * window to its error page.  That page, and the main menu, offer the
 * backups beside the file (fw-store-backup.c).  A database that can be
 * read but not written shows a banner, and the actions that would write
 * are off.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-store.h"
#include "fw-store-backup.h"
#include "fw-window-private.h"

/* The actions that change the database. */
static const char * const write_actions[] = {
  "win.import", "win.remove-import", "win.undo-import", "win.load-sample-data",
};

/* The check */

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: the window keeps reading with its own. */
  store = fw_store_open (path, &error);
  if (store == NULL || !fw_store_check (store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(FwWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) || self->disposed
      || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (g_task_get_cancellable (G_TASK (result)) == self->check_cancellable)
        g_clear_object (&self->check_cancellable);
      return;
    }
  g_clear_object (&self->check_cancellable);

  /* Only damage turns the window to its error page; a database busy for a
   * moment is checked again the next time it opens. */
  if (!g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT))
    {
      g_debug ("The check of %s did not run: %s", self->database_path, error->message);
      return;
    }

  g_clear_object (&self->store);
  for (guint i = 0; i < G_N_ELEMENTS (write_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), write_actions[i], FALSE);
  fw_window_show_error (self, error->message);
}

/**
 * fw_window_backups_store_opened:
 *
 * Called once the window's database is open: shows whether it can be
 * changed, and starts the check of its pages.
 */
void
fw_window_backups_store_opened (FwWindow *self)
{
  gboolean writable = !fw_store_is_read_only (self->store);
  g_autoptr(GTask) task = NULL;

  gtk_info_bar_set_revealed (self->read_only_bar, !writable);
  for (guint i = 0; i < G_N_ELEMENTS (write_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), write_actions[i], writable);

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->check_cancellable, check_cb, g_object_ref (self));
  g_task_set_source_tag (task, fw_window_backups_store_opened);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * fw_window_backups_update:
 *
 * Offers "Restore a Backup…" on the error page when there is one.
 */
void
fw_window_backups_update (FwWindow *self)
{
  g_autoptr(GPtrArray) backups = fw_store_list_backups (self->database_path, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->restore_button),
                          backups != NULL && backups->len > 0);
}

void
fw_window_backups_dispose (FwWindow *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
}

/* Restore */

/* "Before an import was removed · 14 March 2025, 10:15 · 4.2 MB" */
static char *
describe_backup (const FwBackupInfo *info)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (info->created);
  /* Translators: a date and time in strftime() form, for a backup. */
  g_autofree char *when = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
  g_autofree char *why = fw_backup_info_describe (info);
  g_autofree char *size = g_format_size (info->size);

  /* Translators: why a backup was made, when, and its size. */
  return g_strdup_printf (_("%s · %s · %s"), why, when, size);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FwWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *title = NULL;
  const char *backup = NULL;
  GtkWidget *list;

  if (!g_str_equal (response, "restore") || self->disposed)
    return;

  list = adw_message_dialog_get_extra_child (dialog);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check))
        backup = g_object_get_data (G_OBJECT (row), "path");
    }
  if (backup == NULL)
    return;

  /* The swap wants the file to itself: the window lets go of it first,
   * and what reads in the background is told to stop. */
  fw_window_backups_dispose (self);
  g_clear_object (&self->store);

  if (!fw_store_restore (self->database_path, backup, &kept, &error))
    {
      g_warning ("Could not restore %s: %s", backup, error->message);
      /* Translators: %s is the reason, a full sentence. */
      title = g_strdup_printf (_("Could not restore the backup. %s"), error->message);
    }
  else if (kept != NULL)
    {
      g_autofree char *name = g_path_get_basename (kept);

      /* Translators: %s is a file name. */
      title = g_strdup_printf (_("Backup restored. The database as it was is kept as “%s”."),
                               name);
    }
  else
    title = g_strdup (_("Backup restored"));

  fw_window_open_store (self);
  fw_window_toast (self, title);
}

static GtkWidget *
create_backup_list (GPtrArray *backups)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkCheckButton *group = NULL;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < backups->len; i++)
    {
      const FwBackupInfo *info = g_ptr_array_index (backups, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_path_get_basename (info->path);
      g_autofree char *subtitle = describe_backup (info);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), subtitle);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      /* The newest comes first, and is chosen. */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (info->path), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  return list;
}

static void
fw_window_restore_backup (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FwWindow *self = FW_WINDOW (widget);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  backups = fw_store_list_backups (self->database_path, &error);
  if (backups == NULL)
    {
      fw_window_toast (self, error->message);
      return;
    }

  if (backups->len == 0)
    {
      /* Translators: %s is the database file. */
      body = g_strdup_printf (_("There are no backups beside “%s”. Flywheel makes one before "
                                "each upgrade, each removal of an import and each restore."),
                              self->database_path);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("No Backups"), body));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Translators: %s is the database file. */
  body = g_strdup_printf (_("“%s” goes back to the copy you choose. The database as it is now "
                            "is kept beside it first, so that this can be undone."),
                          self->database_path);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore a Backup"), body));
  adw_message_dialog_set_extra_child (dialog, create_backup_list (backups));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
fw_window_backups_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   fw_window_restore_backup);
}

/* For the UI tests, see fw-window-private.h. */

gboolean
fw_window_is_checking (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);

  return self->check_cancellable != NULL;
}

gboolean
fw_window_shows_read_only (FwWindow *self)
{
  g_return_val_if_fail (FW_IS_WINDOW (self), FALSE);

  return gtk_info_bar_get_revealed (self->read_only_bar);
}
