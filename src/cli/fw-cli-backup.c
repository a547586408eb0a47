/* fw-cli-backup.c: the backup, restore and forget verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What keeps data safe and lets it go: a consistent copy at any time, the
 * way back to a copy, and the removal of one person's answers.  None of
 * them prints a respondent key or a comment.
 */

#define G_LOG_DOMAIN "fw-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-cli.h"
#include "fw-cli-backup.h"
#include "fw-cli-private.h"
#include "fw-store.h"
#include "fw-store-backup.h"
#include "fw-store-forget.h"

static GOptionContext *
verb_context (const char         *parameter,
              const char         *summary,
              const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* Opening creates a missing database; a verb about an existing one must
 * not. */
static gboolean
database_exists (const char *database_path)
{
  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf (_("There is no database “%s”. Give its path "
                                                  "with --database."),
                                                database_path);
    fw_cli_print_error (message);
  }
  return FALSE;
}

/* backup */

int
fw_cli_backup (const char *database_path,
               int         argc,
               char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;

  context = verb_context (_("FILE"),
                          _("Writes a consistent copy of the database to a new FILE, readable "
                            "only by you, while the window or an import may be using it."),
                          NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc != 2)
    return fw_cli_usage_error (context, argc < 2 ? _("Name the file to write the copy to.")
                                          : _("Name only one file to write the copy to."));
  if (!database_exists (database_path))
    return FW_EXIT_ERROR;

  store = fw_store_open (database_path, &error);
  if (store == NULL || !fw_store_backup (store, argv[1], &error))
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }
  /* Translators: the database, then the copy. */
  g_print (_("Copied “%s” to “%s”.\n"), database_path, argv[1]);
  return FW_EXIT_OK;
}

/* restore */

static void
print_backups (const char *database_path,
               GPtrArray  *backups)
{
  if (backups->len == 0)
    {
      /* Translators: %s is the database. */
      g_print (_("There are no backups beside “%s”.\n"), database_path);
      return;
    }
  /* Translators: %s is the database. */
  g_print (_("Backups of “%s”, newest first:\n"), database_path);
  for (guint i = 0; i < backups->len; i++)
    {
      const FwBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (info->created);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autofree char *why = fw_backup_info_describe (info);
      g_autofree char *size = g_format_size (info->size);

      g_print ("  %s\n      %s · %s · %s\n", info->path, when, why, size);
    }
  g_print ("%s\n", _("Restore one with “flywheel restore BACKUP”."));
}

int
fw_cli_restore (const char *database_path,
                int         argc,
                char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  context = verb_context (_("[BACKUP]"),
                          _("Puts a backup in the place of the database, after checking that it "
                            "is a sound Flywheel database and keeping the database as it is "
                            "beside it. Without BACKUP, lists the backups beside the database. "
                            "Close the window first."),
                          NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc > 2)
    return fw_cli_usage_error (context, _("Name only one backup to restore."));

  if (argc == 1)
    {
      g_autoptr(GPtrArray) backups = fw_store_list_backups (database_path, &error);

      if (backups == NULL)
        {
          fw_cli_print_error (error->message);
          return FW_EXIT_ERROR;
        }
      print_backups (database_path, backups);
      return FW_EXIT_OK;
    }

  if (!fw_store_restore (database_path, argv[1], &kept, &error))
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }
  /* Translators: the database, then the backup. */
  g_print (_("Restored “%s” from “%s”.\n"), database_path, argv[1]);
  if (kept != NULL)
    /* Translators: %s is a file. */
    g_print (_("The database as it was is kept in “%s”.\n"), kept);
  return FW_EXIT_OK;
}

/* forget */

int
fw_cli_forget (const char *database_path,
               int         argc,
               char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *respondent = NULL;
  g_autofree char *answers = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *batches = NULL;
  gboolean dry_run = FALSE;
  FwForgetResult result;
  const GOptionEntry entries[] = {
    { "respondent", 0, 0, G_OPTION_ARG_STRING, &respondent,
      N_("The customer or respondent key whose answers go, exactly as imported"), N_("KEY") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Count the answers, remove nothing"),
      NULL },
    { NULL }
  };

  context = verb_context (NULL,
                          _("Removes every answer of one respondent, with their comments, from "
                            "the database and from every figure, for a request to be forgotten "
                            "under the GDPR. The database file and its log are rewritten so "
                            "that no trace is left in them; backups made before still hold the "
                            "answers, and are listed."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);
      return fw_cli_usage_error (context, message);
    }
  if (respondent == NULL || *respondent == '\0')
    return fw_cli_usage_error (context, _("Give the key with --respondent."));
  if (!database_exists (database_path))
    return FW_EXIT_ERROR;

  store = fw_store_open (database_path, &error);
  if (store == NULL || !fw_store_forget_respondent (store, respondent, dry_run, &result, &error))
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  /* The key is not repeated: output ends up in logs and terminals. */
  if (result.n_answers == 0)
    {
      /* Translators: %s is the database. */
      g_print (_("No answer in “%s” has that respondent key; nothing was removed. Keys must "
                 "match exactly, capitals included.\n"),
               database_path);
      return FW_EXIT_OK;
    }

  answers = g_strdup_printf ("%" G_GINT64_FORMAT, result.n_answers);
  comments = g_strdup_printf ("%" G_GINT64_FORMAT, result.n_comments);
  batches = g_strdup_printf ("%" G_GINT64_FORMAT, result.n_batches);
  if (dry_run)
    /* Translators: counts of answers, of comments among them and of imports,
     * then the database. */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Would remove %s answer (%s with a comment) from %s import(s) in “%s”.\n",
                          "Would remove %s answers (%s with a comment) from %s import(s) in “%s”.\n",
                          (gulong) result.n_answers),
             answers, comments, batches, database_path);
  else
    /* Translators: counts of answers, of comments among them and of imports,
     * then the database. */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Removed %s answer (%s with a comment) from %s import(s) in “%s”; "
                          "every figure is counted without it.\n",
                          "Removed %s answers (%s with a comment) from %s import(s) in “%s”; "
                          "every figure is counted without them.\n",
                          (gulong) result.n_answers),
             answers, comments, batches, database_path);

  if (!dry_run && !result.log_cleared)
    /* Translators: %s is the database. */
    g_print (_("Another program, perhaps Flywheel's window, is reading “%s”: the old pages stay "
               "in its log file (-wal) until it closes.\n"),
             database_path);

  backups = fw_store_list_backups (database_path, NULL);
  if (backups != NULL && backups->len > 0)
    {
      g_print ("%s\n", dry_run ? _("These backups hold the answers too:")
                               : _("These backups, made before, may still hold the answers; "
                                   "delete them, or keep them only as long as the law allows:"));
      for (guint i = 0; i < backups->len; i++)
        g_print ("  %s\n", ((FwBackupInfo *) g_ptr_array_index (backups, i))->path);
    }
  return FW_EXIT_OK;
}
