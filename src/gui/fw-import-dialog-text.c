/* fw-import-dialog-text.c: what the import assistant says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The titles of roles and layouts, and the sentences that sum up a dry run,
 * kept apart from the dialog's workings.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fw-format.h"
#include "fw-import-dialog-private.h"

const char *
fw_import_dialog_role_title (FwRole role)
{
  switch (role)
    {
    case FW_ROLE_SCORE:
      return _("Score");
    case FW_ROLE_DATE:
      return _("Date");
    case FW_ROLE_UNIT:
      return _("Unit");
    case FW_ROLE_TOUCHPOINT:
      return _("Touchpoint");
    case FW_ROLE_RESPONDENT:
      return _("Respondent");
    case FW_ROLE_RESPONSE_ID:
      return _("Response ID");
    case FW_ROLE_COMMENT:
      return _("Comment");
    case FW_ROLE_SPEND:
      return _("Spend");
    case FW_ROLE_NONE:
    case FW_N_ROLES:
    default:
      g_assert_not_reached ();
    }
}

const char *
fw_import_dialog_layout_title (FwLayout layout)
{
  switch (layout)
    {
    case FW_LAYOUT_QUALTRICS:
    case FW_LAYOUT_QUALTRICS_LEGACY:
      return _("Qualtrics export");
    case FW_LAYOUT_SURVEYMONKEY:
      return _("SurveyMonkey export");
    case FW_LAYOUT_GOOGLE_FORMS:
      return _("Google Forms export");
    case FW_LAYOUT_TYPEFORM:
      return _("Typeform export");
    case FW_LAYOUT_MICROSOFT_FORMS:
      return _("Microsoft Forms export");
    case FW_LAYOUT_LIMESURVEY:
      return _("LimeSurvey export");
    case FW_LAYOUT_GENERIC:
    default:
      return _("Table with one header row");
    }
}

/* Says what a failed dry run needs from the user, in the window's words
 * rather than the command line's: "choose the Score column", not
 * "--score-column". */
char *
fw_import_dialog_describe_failure (FwImportResult *result,
                                   const char     *date,
                                   const GError   *error)
{
  if (error->domain != FW_IMPORT_ERROR)
    return g_strdup (error->message);

  switch ((FwImportError) error->code)
    {
    case FW_IMPORT_ERROR_EMPTY:
      return g_strdup (_("The file holds no answers with a score."));
    case FW_IMPORT_ERROR_NO_SCORE:
      return g_strdup (_("No column holds scores from 0 to 10. If the file has one, choose it "
                         "as the Score column."));
    case FW_IMPORT_ERROR_AMBIGUOUS_SCORE:
      return g_strdup (_("More than one column could hold the 0–10 score. Choose the Score "
                         "column."));
    case FW_IMPORT_ERROR_NO_DATE:
      return g_strdup (_("The file has no date column. Choose the Date column, or enter the "
                         "day the answers were collected."));
    case FW_IMPORT_ERROR_DATE_ORDER:
      return g_strdup (_("The dates could be day-month or month-day. Choose the Date Order."));
    case FW_IMPORT_ERROR_INVALID_OPTION:
      /* Translators: %s is what the user typed. */
      return g_strdup_printf (_("“%s” is not a day in the form YYYY-MM-DD."),
                              date != NULL ? date : "");
    case FW_IMPORT_ERROR_INVALID_RECORDS:
      {
        g_autofree char *count = fw_format_count (result->n_rejected);
        FwImportProblem *first = result->problems->len > 0
                                 ? g_ptr_array_index (result->problems, 0) : NULL;
        g_autofree char *summary = NULL;
        g_autofree char *record = NULL;
        g_autofree char *message = NULL;

        /* Translators: %s is a number of records. */
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%s record cannot be imported.",
                                                "%s records cannot be imported.",
                                                (gulong) result->n_rejected),
                                   count);
        if (first == NULL)
          return g_steal_pointer (&summary);
        record = fw_format_count (first->record);
        message = g_strdup (first->message);
        /* The sentence ends here, whether the reason had its own stop or not. */
        if (g_str_has_suffix (message, "."))
          message[strlen (message) - 1] = '\0';
        /* Translators: a summary sentence, then a record number, a column
         * name and what is wrong there. */
        return g_strdup_printf (_("%s The first is record %s, column “%s”: %s."),
                                summary, record, first->column, message);
      }
    case FW_IMPORT_ERROR_NO_SUCH_COLUMN:
    case FW_IMPORT_ERROR_ALREADY_IMPORTED:
    default:
      return g_strdup (error->message);
    }
}

char *
fw_import_dialog_describe_success (FwImportResult *result)
{
  g_autofree char *count = fw_format_count (result->n_imported);
  GString *text = g_string_new (NULL);

  /* Translators: %s is a number of answers. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Ready to import %s answer.",
                                             "Ready to import %s answers.",
                                             (gulong) result->n_imported),
                          count);
  if (result->n_rejected > 0)
    {
      g_autofree char *rejected = fw_format_count (result->n_rejected);

      g_string_append_c (text, ' ');
      /* Translators: %s is a number of records. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s record with problems is left out.",
                                                 "%s records with problems are left out.",
                                                 (gulong) result->n_rejected),
                              rejected);
    }
  if (result->n_duplicates > 0)
    {
      g_autofree char *duplicates = fw_format_count (result->n_duplicates);

      g_string_append_c (text, ' ');
      /* Translators: %s is a number of answers. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s answer is already stored and is skipped.",
                                                 "%s answers are already stored and are skipped.",
                                                 (gulong) result->n_duplicates),
                              duplicates);
    }
  return g_string_free (text, FALSE);
}
