/* fw-cli-import.c: the inspect and import verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "fw-cli.h"
#include "fw-cli-private.h"
#include "fw-cli-import.h"
#include "fw-cli-units.h"
#include "fw-detect.h"
#include "fw-import.h"
#include "fw-store.h"
#include "fw-table.h"

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case '\t':
      return "tab";
    case ',':
      return ",";
    case ';':
      return ";";
    case '|':
      return "|";
    default:
      return "";
    }
}

static gboolean
is_candidate (FwDetection *det,
              guint        column)
{
  for (guint i = 0; i < det->score_candidates->len; i++)
    if (g_array_index (det->score_candidates, int, i) == (int) column)
      return TRUE;
  return FALSE;
}

/* Options shared by both verbs: the choices that override detection. */
typedef struct
{
  char  *kind;
  char  *date_order;
  char  *date;
  char  *sheet;
  char  *columns[FW_N_ROLES];
  char **maps;
} ChoiceArgs;

static void
choice_args_clear (ChoiceArgs *args)
{
  g_free (args->kind);
  g_free (args->date_order);
  g_free (args->date);
  g_free (args->sheet);
  for (guint r = 0; r < FW_N_ROLES; r++)
    g_free (args->columns[r]);
  g_strfreev (args->maps);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChoiceArgs, choice_args_clear)

static void
add_choice_entries (GOptionContext *context,
                    ChoiceArgs     *args)
{
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &args->kind,
      N_("Whose answers these are: customer or employee"), N_("KIND") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &args->date_order,
      N_("Order of numeric dates: dmy, mdy or ymd"), N_("ORDER") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &args->date,
      N_("The day of every answer, for files without a date column"), N_("YYYY-MM-DD") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &args->sheet,
      N_("The worksheet of a workbook (default: the first)"), N_("NAME") },
    { "score-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_SCORE],
      N_("The column with the 0-10 score, by name or as #N"), N_("COLUMN") },
    { "date-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_DATE],
      N_("The column with the date of each answer"), N_("COLUMN") },
    { "unit-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_UNIT],
      N_("The column with the department, store or team"), N_("COLUMN") },
    { "touchpoint-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_TOUCHPOINT],
      N_("The column with the touchpoint"), N_("COLUMN") },
    { "respondent-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_RESPONDENT],
      N_("The column with the customer or respondent key"), N_("COLUMN") },
    { "id-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_RESPONSE_ID],
      N_("The column with the survey tool's response id"), N_("COLUMN") },
    { "comment-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_COMMENT],
      N_("The column with the comment"), N_("COLUMN") },
    { "spend-column", 0, 0, G_OPTION_ARG_STRING, &args->columns[FW_ROLE_SPEND],
      N_("The column with the amount spent"), N_("COLUMN") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->maps,
      N_("A column for a role, as ROLE=COLUMN, or ROLE= to leave the role out; may be "
         "repeated"), N_("ROLE=COLUMN") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static gboolean
choice_args_to_options (ChoiceArgs      *args,
                        FwImportOptions *options,
                        GError         **error)
{
  options->sheet_name = args->sheet;
  options->date = args->date;
  for (guint r = 0; r < FW_N_ROLES; r++)
    options->columns[r] = args->columns[r];

  for (guint i = 0; args->maps != NULL && args->maps[i] != NULL; i++)
    {
      char *eq = strchr (args->maps[i], '=');
      FwRole role;

      if (eq != NULL)
        *eq = '\0';
      if (eq == NULL || !fw_role_from_string (args->maps[i], &role) || role == FW_ROLE_NONE)
        {
          if (eq != NULL)
            *eq = '=';
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not ROLE=COLUMN with a role of score, date, unit, touchpoint, "
                         "respondent, response_id, comment or spend."),
                       args->maps[i]);
          return FALSE;
        }
      options->columns[role] = eq + 1;
    }

  if (args->kind != NULL)
    {
      if (!fw_kind_from_string (args->kind, &options->kind))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a kind; use customer or employee."), args->kind);
          return FALSE;
        }
      options->kind_set = TRUE;
    }
  if (args->date_order != NULL && !fw_date_order_from_string (args->date_order,
                                                              &options->date_order))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date order; use dmy, mdy or ymd."), args->date_order);
      return FALSE;
    }
  return TRUE;
}

/* inspect */

/* One record as the import would read it, for people. */
static char *
describe_record (FwDetection        *det,
                 const FwImportOptions *options,
                 guint               n_fields,
                 const char * const *fields)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  int column;
  int score;
  char day[11];

  column = det->columns[FW_ROLE_SCORE];
  if (column < 0)
    g_string_append (out, _("score ?"));
  else if (fw_parse_score ((guint) column < n_fields ? fields[column] : NULL, &score, &error))
    g_string_append_printf (out, _("score %d"), score);
  else if (error != NULL)
    g_string_append_printf (out, _("score error: %s"), error->message);
  else
    g_string_append (out, _("no score"));
  g_clear_error (&error);

  column = det->columns[FW_ROLE_DATE];
  if (column < 0)
    g_string_append_printf (out, ", %s", options->date != NULL ? options->date : _("day ?"));
  else if (fw_parse_date ((guint) column < n_fields ? fields[column] : NULL, det->date_order,
                          day, &error))
    g_string_append_printf (out, ", %s", day);
  else
    g_string_append_printf (out, _(", date error: %s"),
                            error != NULL ? error->message : _("no date"));

  for (guint r = FW_ROLE_UNIT; r < FW_N_ROLES; r++)
    {
      column = det->columns[r];
      if (column >= 0 && (guint) column < n_fields && fields[column][0] != '\0')
        {
          g_autofree char *valid = g_utf8_make_valid (fields[column], -1);
          g_autofree char *shown = g_utf8_strlen (valid, -1) > 40
                                     ? g_utf8_substring (valid, 0, 40) : g_strdup (valid);

          g_string_append_printf (out, ", %s “%s”", fw_role_to_string (r), shown);
        }
    }
  return g_string_free (out, FALSE);
}

static void
print_inspection_json (FwTable     *table,
                       FwDetection *det,
                       GPtrArray   *preview)
{
  GString *out = g_string_new ("{");

  g_string_append (out, "\"file\":");
  fw_cli_json_string (out, fw_table_get_display_name (table));
  g_string_append (out, ",\"format\":");
  fw_cli_json_string (out, fw_layout_to_string (det->layout));
  g_string_append (out, ",\"container\":");
  fw_cli_json_string (out, fw_table_is_xlsx (table) ? "xlsx" : "text");
  if (fw_table_is_xlsx (table))
    {
      g_string_append (out, ",\"sheet\":");
      fw_cli_json_string (out, fw_table_get_sheet_name (table));
    }
  g_string_append (out, ",\"encoding\":");
  fw_cli_json_string (out, fw_table_get_encoding (table));
  g_string_append (out, ",\"delimiter\":");
  fw_cli_json_string (out, delimiter_name (fw_table_get_delimiter (table)));
  g_string_append_printf (out, ",\"header_rows\":%u,\"kind\":", det->header_rows);
  fw_cli_json_string (out, fw_kind_to_string (det->kind));
  g_string_append_printf (out, ",\"kind_from_headers\":%s,\"date_order\":",
                          det->kind_from_text ? "true" : "false");
  fw_cli_json_string (out, fw_date_order_to_string (det->date_order));
  g_string_append (out, ",\"date_reason\":");
  if (det->date_reason != NULL)
    fw_cli_json_string (out, det->date_reason);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"score_candidates\":[");
  for (guint i = 0; i < det->score_candidates->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      fw_cli_json_string (out, det->names[g_array_index (det->score_candidates, int, i)]);
    }
  g_string_append (out, "],\"columns\":[");
  for (guint i = 0; i < det->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"name\":");
      fw_cli_json_string (out, det->names[i]);
      g_string_append (out, ",\"role\":");
      fw_cli_json_string (out, fw_role_to_string (fw_detection_get_role (det, i)));
      if (is_candidate (det, i))
        g_string_append (out, ",\"score_candidate\":true");
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"records\":[");
  for (guint r = 0; r < preview->len; r++)
    {
      char **fields = g_ptr_array_index (preview, r);

      if (r > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      for (guint i = 0; fields[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          fw_cli_json_string (out, fields[i]);
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

static void
print_inspection_text (FwTable               *table,
                       FwDetection           *det,
                       const FwImportOptions *options,
                       GPtrArray             *preview)
{
  g_print (_("File:        %s\n"), fw_table_get_display_name (table));
  g_print (_("Format:      %s\n"), fw_layout_to_string (det->layout));
  if (fw_table_is_xlsx (table))
    g_print (_("Sheet:       %s\n"), fw_table_get_sheet_name (table));
  else
    g_print (_("Encoding:    %s, delimiter “%s”\n"), fw_table_get_encoding (table),
             delimiter_name (fw_table_get_delimiter (table)));
  g_print (_("Header rows: %u\n"), det->header_rows);
  g_print (_("Kind:        %s (%s)\n"), fw_kind_to_string (det->kind),
           det->kind_from_text ? _("from the questions; confirm with --kind")
                               : _("no sign of employees; confirm with --kind"));
  if (det->columns[FW_ROLE_DATE] >= 0)
    g_print (_("Date order:  %s. %s\n"), fw_date_order_to_string (det->date_order),
             det->date_reason != NULL ? det->date_reason : "");
  else
    g_print (_("Date order:  no date column; give --date YYYY-MM-DD\n"));
  if (det->columns[FW_ROLE_SCORE] < 0 && det->score_candidates->len > 1)
    g_print (_("Score:       undecided between the columns marked “score?”; choose with "
               "--score-column\n"));
  else if (det->columns[FW_ROLE_SCORE] < 0)
    g_print (_("Score:       no column holds scores from 0 to 10\n"));

  g_print ("\n%s\n", _("Columns:"));
  for (guint i = 0; i < det->n_columns; i++)
    {
      FwRole role = fw_detection_get_role (det, i);
      g_autofree char *name = g_utf8_make_valid (det->names[i], -1);
      g_autofree char *shown = g_utf8_strlen (name, -1) > 60 ? g_utf8_substring (name, 0, 60)
                                                             : g_strdup (name);
      const char *role_text = role != FW_ROLE_NONE ? fw_role_to_string (role)
                              : is_candidate (det, i) ? "score?" : "";

      g_print ("  #%-3u %-12s %s\n", i + 1, role_text, shown);
    }

  g_print ("\n%s\n", _("First records, as they would be imported:"));
  for (guint r = 0; r < preview->len; r++)
    {
      char **fields = g_ptr_array_index (preview, r);
      g_autofree char *text = describe_record (det, options, g_strv_length (fields),
                                               (const char * const *) fields);

      g_print ("  %u: %s\n", r + 1, text);
    }
}

int
fw_cli_inspect (const char *database_path,
                int         argc,
                char      **argv)
{
  g_auto(ChoiceArgs) args = { 0 };
  gboolean json = FALSE;
  int limit = 10;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwDetection) det = NULL;
  g_autoptr(GPtrArray) preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  FwImportOptions options;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("How many records to show (default: 10)"), N_("N") },
    { NULL }
  };

  (void) database_path;

  context = g_option_context_new (_("FILE"));
  g_option_context_set_summary (context,
                                _("Shows what the importer makes of a survey export: its format, "
                                  "columns and their roles, date order, kind and first "
                                  "records. Writes nothing."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_choice_entries (context, &args);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc != 2)
    return fw_cli_usage_error (context, argc < 2 ? _("Name one file to inspect.")
                                          : _("Name only one file to inspect."));
  if (limit < 0)
    return fw_cli_usage_error (context, _("The limit must be zero or a positive number."));

  fw_import_options_init (&options);
  if (!choice_args_to_options (&args, &options, &error))
    return fw_cli_usage_error (context, error->message);

  table = fw_table_open (argv[1], options.sheet_name, &error);
  if (table != NULL)
    det = fw_detect (table, 0, (guint) limit, preview, &error);
  if (det == NULL || !fw_import_apply_options (det, &options, &error))
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    print_inspection_json (table, det, preview);
  else
    print_inspection_text (table, det, &options, preview);
  return FW_EXIT_OK;
}

/* import */

static void
show_progress (double   fraction,
               guint64  records,
               gpointer user_data)
{
  g_printerr ("\r%3d%%  %" G_GUINT64_FORMAT, (int) floor (fraction * 100.0), records);
}

int
fw_cli_import (const char *database_path,
               int         argc,
               char      **argv)
{
  g_auto(ChoiceArgs) args = { 0 };
  gboolean valid_only = FALSE;
  gboolean dry_run = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  FwImportOptions options;
  gboolean tty = isatty (STDERR_FILENO);
  int status = FW_EXIT_OK;
  const GOptionEntry entries[] = {
    { "valid-only", 0, 0, G_OPTION_ARG_NONE, &valid_only,
      N_("Import the valid records and report the others, instead of importing nothing"), NULL },
    { "skip-invalid", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &valid_only, NULL, NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check everything, write nothing"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_summary (context,
                                _("Imports survey exports (CSV, TSV or XLSX), each file as one "
                                  "batch: all of its records or none."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_choice_entries (context, &args);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc < 2)
    return fw_cli_usage_error (context, _("Name at least one file to import."));

  fw_import_options_init (&options);
  if (!choice_args_to_options (&args, &options, &error))
    return fw_cli_usage_error (context, error->message);
  options.valid_only = valid_only;
  options.dry_run = dry_run;

  store = fw_store_open (database_path, &error);
  if (store == NULL)
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  for (int f = 1; f < argc; f++)
    {
      g_autoptr(FwImportResult) result = fw_import_result_new ();
      g_autoptr(GError) file_error = NULL;
      gboolean ok;

      ok = fw_import_file (store, argv[f], &options, NULL, tty ? show_progress : NULL, NULL,
                           result, &file_error);
      if (tty)
        g_printerr ("\r\033[K");

      if (!ok)
        {
          fw_cli_print_error (file_error->message);
          /* The first message says one; list the rest the result kept. */
          for (guint i = 1; i < MIN (result->problems->len, 10); i++)
            {
              FwImportProblem *p = g_ptr_array_index (result->problems, i);

              g_printerr (_("  record %llu, column “%s”: %s\n"), (unsigned long long) p->record,
                          p->column, p->message);
            }
          status = FW_EXIT_ERROR;
          continue;
        }

      if (result->remembered_from != NULL)
        /* Translators: the first %s is the file imported, the second an earlier one. */
        g_print (_("%s: read with the columns chosen for “%s”, which has the same header.\n"),
                 argv[f], result->remembered_from);
      /* Translators: a file name, a count, "customer" or "employee", then counts. */
      g_print (dry_run ? _("%s: would import %llu %s answers; skipped %llu without a score and "
                           "%llu duplicates; rejected %llu.\n")
                       : _("%s: imported %llu %s answers; skipped %llu without a score and %llu "
                           "duplicates; rejected %llu.\n"),
               argv[f], (unsigned long long) result->n_imported,
               fw_kind_to_string (result->detection->kind),
               (unsigned long long) result->n_no_score, (unsigned long long) result->n_duplicates,
               (unsigned long long) result->n_rejected);
      for (guint i = 0; i < MIN (result->problems->len, 10); i++)
        {
          FwImportProblem *p = g_ptr_array_index (result->problems, i);

          g_print (_("  rejected record %llu, column “%s”: %s\n"), (unsigned long long) p->record,
                   p->column, p->message);
        }
    }
  if (!dry_run)
    fw_cli_print_suggestions (store);
  return status;
}
