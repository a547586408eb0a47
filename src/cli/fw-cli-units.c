/* fw-cli-units.c: the units verb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the unit names the imports brought, suggests which look like one
 * unit, and merges or splits them (see fw-units.c).
 */

#define G_LOG_DOMAIN "fw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "fw-cli.h"
#include "fw-cli-private.h"
#include "fw-cli-units.h"

#include "fw-units.h"

static void
print_json (GArray *units,
            GArray *suggestions)
{
  GString *out = g_string_new ("{\"units\":[");

  for (guint i = 0; i < units->len; i++)
    {
      const FwUnitInfo *unit = &g_array_index (units, FwUnitInfo, i);

      g_string_append (out, i > 0 ? ",{\"name\":" : "{\"name\":");
      fw_cli_json_string (out, unit->name);
      g_string_append (out, ",\"merged_into\":");
      if (unit->merged_into != NULL)
        fw_cli_json_string (out, unit->merged_into);
      else
        g_string_append (out, "null");
      g_string_append_printf (out, ",\"customer_n\":%" G_GINT64_FORMAT
                              ",\"employee_n\":%" G_GINT64_FORMAT "}",
                              unit->customer_n, unit->employee_n);
    }
  g_string_append (out, "],\"suggestions\":[");
  for (guint i = 0; i < suggestions->len; i++)
    {
      const FwUnitSuggestion *s = &g_array_index (suggestions, FwUnitSuggestion, i);

      g_string_append (out, i > 0 ? ",{\"name\":" : "{\"name\":");
      fw_cli_json_string (out, s->name);
      g_string_append (out, ",\"into\":");
      fw_cli_json_string (out, s->into);
      g_string_append (out, "}");
    }
  g_string_append (out, "]}\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

static void
print_suggestions (GArray *suggestions)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      const FwUnitSuggestion *s = &g_array_index (suggestions, FwUnitSuggestion, i);
      g_autofree char *name = g_shell_quote (s->name);
      g_autofree char *into = g_shell_quote (s->into);

      g_print (_("“%s” looks like “%s”; to count them as one unit:\n"), s->name, s->into);
      g_print ("  flywheel units --merge %s --into %s\n", name, into);
    }
}

static void
print_table (GArray *units,
             GArray *suggestions)
{
  int width = 4;

  for (guint i = 0; i < units->len; i++)
    width = MAX (width, g_utf8_strlen (g_array_index (units, FwUnitInfo, i).name, -1));

  if (units->len == 0)
    g_print ("%s\n", _("There are no units yet; import a survey export with a unit column."));
  for (guint i = 0; i < units->len; i++)
    {
      const FwUnitInfo *unit = &g_array_index (units, FwUnitInfo, i);
      /* Pad by characters, not bytes, so that accented names line up. */
      int pad = width - (int) g_utf8_strlen (unit->name, -1);

      g_autofree char *cx_n = fw_cli_format_number ((double) unit->customer_n);
      g_autofree char *ex_n = fw_cli_format_number ((double) unit->employee_n);

      g_print ("%s%*s  ", unit->name, pad, "");
      if (unit->merged_into != NULL)
        /* Translators: said of a unit name merged into another unit. */
        g_print (_("counts as “%s”\n"), unit->merged_into);
      else
        /* Translators: "12 customer answers, 40 employee answers". */
        g_print (_("%s customer and %s employee answers\n"), cx_n, ex_n);
    }
  if (suggestions->len > 0)
    g_print ("\n");
  print_suggestions (suggestions);
}

/**
 * fw_cli_print_suggestions:
 *
 * After an import: the units that look like one, with the command that
 * merges them.  Quiet when there are none or they cannot be read.
 */
void
fw_cli_print_suggestions (FwStore *store)
{
  g_autoptr(GArray) suggestions = fw_units_suggest (store, NULL);

  if (suggestions != NULL)
    print_suggestions (suggestions);
}

int
fw_cli_units (const char *database_path,
              int         argc,
              char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GArray) units = NULL;
  g_autoptr(GArray) suggestions = NULL;
  g_autofree char *merge = NULL;
  g_autofree char *into = NULL;
  g_autofree char *split = NULL;
  gboolean json = FALSE;
  int min_group = -1;
  guint preferred_min_group = FW_ANONYMITY_DEFAULT;
  guint fiscal_start_month = 1;
  const GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_STRING, &merge,
      N_("Count this unit as the one given with --into, in every figure"), N_("NAME") },
    { "into", 0, 0, G_OPTION_ARG_STRING, &into,
      N_("With --merge: the unit to count it as"), N_("NAME") },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split,
      N_("Count a merged unit as itself again"), N_("NAME") },
    { "min-group", 0, 0, G_OPTION_ARG_INT, &min_group,
      N_("Count employee answers only in unit-months with this many (default: the threshold "
         "of the preferences, 5 unless changed; at least 3)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Lists the units of the database with their answers, and "
                                  "which names look like the same unit. A customer survey and "
                                  "an employee survey often name one unit differently; merge "
                                  "them so that they count as one, and the link between the "
                                  "two can be seen."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);
      return fw_cli_usage_error (context, message);
    }
  if ((merge == NULL) != (into == NULL))
    return fw_cli_usage_error (context, _("--merge and --into go together."));
  if (merge != NULL && split != NULL)
    return fw_cli_usage_error (context, _("Choose one of --merge and --split."));
  fw_cli_read_preferences (&preferred_min_group, &fiscal_start_month);
  if (min_group == -1)
    min_group = (int) preferred_min_group;
  if (min_group < FW_ANONYMITY_MIN)
    {
      g_autofree char *message = g_strdup_printf (_("The smallest group must be %d or more."),
                                                  FW_ANONYMITY_MIN);
      return fw_cli_usage_error (context, message);
    }

  store = fw_store_open (database_path, &error);
  if (store != NULL && merge != NULL && fw_units_merge (store, merge, into, &error))
    {
      g_print (_("“%s” now counts as “%s”.\n"), merge, into);
      return FW_EXIT_OK;
    }
  if (store != NULL && split != NULL && fw_units_split (store, split, &error))
    {
      g_print (_("“%s” counts as itself again.\n"), split);
      return FW_EXIT_OK;
    }
  if (store != NULL && merge == NULL && split == NULL)
    {
      units = fw_units_list (store, (guint) min_group, &error);
      if (units != NULL)
        suggestions = fw_units_suggest (store, &error);
    }
  if (suggestions == NULL)
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    print_json (units, suggestions);
  else
    print_table (units, suggestions);
  return FW_EXIT_OK;
}
