/* fw-cli.c: the command line and its verbs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "fw-cli.h"
#include "fw-cli-private.h"
#include "fw-cli-backup.h"
#include "fw-cli-import.h"
#include "fw-cli-report.h"
#include "fw-cli-stats.h"
#include "fw-cli-units.h"
#include "fw-demo.h"
#include "fw-store.h"

typedef int (*FwVerbFunc) (const char *database_path,
                           int         argc,
                           char      **argv);

typedef struct
{
  const char *name;
  FwVerbFunc  func;
  const char *summary; /* translated at run time */
} FwVerb;

static int verb_demo (const char *database_path,
                      int         argc,
                      char      **argv);

static const FwVerb verbs[] = {
  { "demo", verb_demo, N_("Fill the database with realistic sample data") },
  { "inspect", fw_cli_inspect, N_("Show what the importer makes of a survey export") },
  { "import", fw_cli_import, N_("Import survey exports into the database") },
  { "stats", fw_cli_stats, N_("Print NPS and eNPS by period, unit or touchpoint") },
  { "units", fw_cli_units, N_("List the units, and merge names that are one unit") },
  { "report", fw_cli_report, N_("Write the board pack, or one chart, to PDF, PNG or SVG") },
  { "backup", fw_cli_backup, N_("Copy the database safely, even while it is in use") },
  { "restore", fw_cli_restore, N_("List the backups, or put one in the database's place") },
  { "forget", fw_cli_forget, N_("Remove one respondent's answers everywhere (GDPR)") },
};

/**
 * fw_cli_read_preferences:
 * @min_group: (inout): the anonymity threshold
 * @fiscal_start_month: (inout): the first month of the fiscal year
 *
 * The window's preferences, so that the command line counts as the window
 * does.  Where the settings schema is not installed (a bare build) the
 * values are left as they are.
 */
void
fw_cli_read_preferences (guint *min_group,
                         guint *fiscal_start_month)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  *min_group = MAX (g_settings_get_uint (settings, "anonymity-threshold"), FW_ANONYMITY_MIN);
  *fiscal_start_month = CLAMP (g_settings_get_uint (settings, "fiscal-year-start"), 1, 12);
}

/**
 * fw_cli_print_error:
 *
 * Prints @message as every verb reports a failure: "flywheel: …" on stderr.
 */
void
fw_cli_print_error (const char *message)
{
  g_printerr ("flywheel: %s\n", message);
}

/**
 * fw_cli_usage_error:
 *
 * Prints @message and the help of @context on stderr.
 *
 * Returns: %FW_EXIT_USAGE
 */
int
fw_cli_usage_error (GOptionContext *context,
                    const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fw_cli_print_error (message);
  g_printerr ("%s", help);
  return FW_EXIT_USAGE;
}

/* The shortest text that reads back as @value, in C notation whatever the
 * locale; %NULL for NAN and infinities, which neither JSON nor a
 * spreadsheet can take. */
char *
fw_cli_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return NULL;
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

void
fw_cli_json_number (GString *out,
                    double   value)
{
  g_autofree char *text = fw_cli_format_number (value);

  g_string_append (out, text != NULL ? text : "null");
}

/**
 * fw_cli_json_string:
 *
 * Appends @text (UTF-8, or %NULL for "") to @out as a JSON string.
 */
void
fw_cli_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Formats a count with the locale's thousands separator, for people. */
static char *
format_count (gint64 count)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

static int
verb_demo (const char *database_path,
           int         argc,
           char      **argv)
{
  gint64 seed = FW_DEMO_DEFAULT_SEED;
  gboolean replace = FALSE;
  g_autofree char *export_dir = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *employees = NULL;
  FwScore customer, employee;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the generator; the same seed gives the same data"), N_("N") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace sample data added earlier instead of refusing"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &export_dir,
      N_("Write the sample data as survey exports into a folder instead of the database"),
      N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Adds about three years of sample customer and employee "
                                  "answers to the database, as one import that can be removed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);
      return fw_cli_usage_error (context, message);
    }
  if (seed < 0)
    return fw_cli_usage_error (context, _("The seed must be zero or a positive number."));

  if (export_dir != NULL)
    {
      if (!fw_demo_export ((guint64) seed, export_dir, &error))
        {
          fw_cli_print_error (error->message);
          return FW_EXIT_ERROR;
        }
      /* Translators: %s is a folder. */
      g_print (_("Wrote the sample data as survey exports to “%s”.\n"), export_dir);
      return FW_EXIT_OK;
    }

  store = fw_store_open (database_path, &error);
  if (store == NULL || !fw_demo_fill (store, (guint64) seed, replace, NULL, NULL, NULL, &error)
      || !fw_store_get_overall (store, FW_KIND_CUSTOMER, 0, &customer, &error)
      || !fw_store_get_overall (store, FW_KIND_EMPLOYEE, FW_ANONYMITY_MIN, &employee, &error))
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  customers = format_count (customer.tally.n);
  employees = format_count (employee.tally.n);
  /* Translators: the first two %s are counts, the last the database file. */
  g_print (_("Added sample data: %s customer and %s employee responses, to “%s”.\n"), customers,
           employees, database_path);
  return FW_EXIT_OK;
}

static char *
verbs_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_string_append_printf (text, "  %-10s %s\n", verbs[i].name, _(verbs[i].summary));
  g_string_append_printf (text, "\n%s", _("Without a command, Flywheel opens its window. "
                                          "“flywheel COMMAND --help” describes a command."));
  return g_string_free (text, FALSE);
}

/**
 * fw_cli_main:
 * @launch: opens the window when no verb is given
 *
 * Reads Flywheel's own options (`--database`, `--version`), then runs the
 * verb that follows them or, without one, @launch.
 *
 * Returns: the exit status
 */
int
fw_cli_main (int          argc,
             char       **argv,
             FwLaunchFunc launch)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The database file to use (default: $FLYWHEEL_DATABASE, or flywheel.db in the user "
         "data folder)"),
      N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_return_val_if_fail (launch != NULL, FW_EXIT_ERROR);

  g_set_prgname ("flywheel");

  context = g_option_context_new (_("[COMMAND [OPTION…]]"));
  g_option_context_set_summary (context, _("Customer and employee experience, on one screen."));
  description = verbs_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Options after the verb belong to the verb. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);

  if (version)
    {
      g_print ("flywheel %s\n", PACKAGE_VERSION);
      return FW_EXIT_OK;
    }

  if (database == NULL)
    database = fw_store_default_path ();

  if (argc > 1)
    {
      for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
        {
          if (g_str_equal (argv[1], verbs[i].name))
            {
              g_autofree char *prgname = g_strdup_printf ("flywheel %s", verbs[i].name);

              g_set_prgname (prgname);
              return verbs[i].func (database, argc - 1, argv + 1);
            }
        }

      if (argv[1][0] != '-')
        {
          g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), argv[1]);
          return fw_cli_usage_error (context, message);
        }
    }

  return launch (database, argc, argv);
}
