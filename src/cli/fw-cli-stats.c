/* fw-cli-stats.c: the stats verb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw-cli.h"
#include "fw-cli-private.h"
#include "fw-cli-insights.h"
#include "fw-cli-stats.h"

#include "fw-query.h"
#include "fw-store.h"

/* Comments shown by --comments without --limit: a screenful. */
#define COMMENTS_LIMIT 20

/* A change is marked as significant below this p. */
#define SIGNIFICANCE 0.05

/* "YYYY-MM-DD" naming a real day. */
static gboolean
is_day (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";

  if (strlen (text) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  return g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text));
}

/* JSON */

/* A suppressed row keeps its key and nothing else: every figure is null, so
 * that no number about a hidden group leaves, not even a zero. */
static void
json_row (GString          *out,
          const FwQueryRow *row,
          gboolean          with_unit)
{
  g_string_append (out, "{\"key\":");
  fw_cli_json_string (out, row->key);
  if (with_unit)
    {
      g_string_append (out, ",\"unit\":");
      fw_cli_json_string (out, row->unit);
    }
  if (row->suppressed)
    {
      g_string_append (out, ",\"n\":null,\"promoters\":null,\"passives\":null,"
                            "\"detractors\":null,\"nps\":null,\"ci_low\":null,"
                            "\"ci_high\":null,\"change\":null,\"suppressed\":true}");
      return;
    }
  g_string_append_printf (out,
                          ",\"n\":%" G_GINT64_FORMAT ",\"promoters\":%" G_GINT64_FORMAT
                          ",\"passives\":%" G_GINT64_FORMAT ",\"detractors\":%" G_GINT64_FORMAT,
                          row->tally.n, row->tally.promoters, row->tally.passives,
                          row->tally.detractors);
  g_string_append (out, ",\"nps\":");
  fw_cli_json_number (out, row->nps);
  g_string_append (out, ",\"ci_low\":");
  fw_cli_json_number (out, row->ci_low);
  g_string_append (out, ",\"ci_high\":");
  fw_cli_json_number (out, row->ci_high);
  g_string_append (out, ",\"change\":");
  if (isfinite (row->delta))
    {
      g_string_append (out, "{\"delta\":");
      fw_cli_json_number (out, row->delta);
      g_string_append (out, ",\"z\":");
      fw_cli_json_number (out, row->z);
      g_string_append (out, ",\"p\":");
      fw_cli_json_number (out, row->p);
      g_string_append_printf (out, ",\"previous_n\":%" G_GINT64_FORMAT "}", row->previous_n);
    }
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"suppressed\":false}");
}

static void
print_json (const FwQueryResult *result,
            const char          *by,
            guint                rolling,
            guint                min_group)
{
  gboolean with_unit = FW_GROUPING_IS_UNIT_PERIOD (result->grouping);
  GString *out = g_string_new ("{\"kind\":");

  fw_cli_json_string (out, fw_kind_to_string (result->kind));
  g_string_append (out, ",\"by\":");
  fw_cli_json_string (out, by);
  if (rolling > 0)
    g_string_append_printf (out, ",\"rolling\":%u", rolling);
  g_string_append_printf (out, ",\"min_group\":%u,\"rows\":[", min_group);
  for (guint i = 0; i < result->rows->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_row (out, &g_array_index (result->rows, FwQueryRow, i), with_unit);
    }
  g_string_append (out, "],\"total\":");
  json_row (out, &result->total, FALSE);
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

/* CSV, as RFC 4180 has it */

static void
csv_field (GString    *out,
           const char *text)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_number (GString *out,
            double   value)
{
  g_autofree char *text = fw_cli_format_number (value);

  g_string_append_c (out, ',');
  g_string_append (out, text != NULL ? text : "");
}

static void
print_csv (const FwQueryResult *result)
{
  gboolean with_unit = FW_GROUPING_IS_UNIT_PERIOD (result->grouping);
  GString *out = g_string_new (NULL);

  g_string_append (out, with_unit ? "key,unit," : "key,");
  g_string_append (out, "n,promoters,passives,detractors,nps,ci_low,ci_high,delta,z,p,"
                        "suppressed\r\n");
  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);

      csv_field (out, row->key);
      if (with_unit)
        {
          g_string_append_c (out, ',');
          csv_field (out, row->unit);
        }
      if (row->suppressed)
        g_string_append (out, ",,,,,,,,,,,true\r\n");
      else
        {
          g_string_append_printf (out,
                                  ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                  ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                  row->tally.n, row->tally.promoters, row->tally.passives,
                                  row->tally.detractors);
          csv_number (out, row->nps);
          csv_number (out, row->ci_low);
          csv_number (out, row->ci_high);
          csv_number (out, row->delta);
          csv_number (out, row->z);
          csv_number (out, row->p);
          g_string_append (out, ",false\r\n");
        }
    }
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

/* Text, for people */

enum
{
  COL_UNIT,
  COL_KEY,
  COL_N,
  COL_NPS,
  COL_INTERVAL,
  COL_CHANGE,
  N_COLS
};

typedef struct
{
  char *cells[N_COLS]; /* NULL: not shown */
  char *hidden;        /* the whole rest of a suppressed row */
} TextRow;

static void
text_row_clear (TextRow *row)
{
  for (guint c = 0; c < N_COLS; c++)
    g_free (row->cells[c]);
  g_free (row->hidden);
}

/* One decimal with a sign, in the locale's notation; never "-0.0". */
static char *
format_score (double value)
{
  if (fabs (value) < 0.05)
    value = 0.0;
  return g_strdup_printf ("%+.1f", value);
}

static void
text_row_fill (TextRow          *text,
               const FwQueryRow *row,
               const char       *key,
               gboolean          with_unit,
               guint             min_group,
               gboolean         *any_significant)
{
  if (with_unit)
    text->cells[COL_UNIT] = g_strdup (row->unit != NULL && row->unit[0] != '\0'
                                        ? row->unit : _("(no unit)"));
  text->cells[COL_KEY] = g_strdup (key);
  if (row->suppressed)
    {
      text->hidden = g_strdup_printf (ngettext ("hidden (fewer than %u response)",
                                                "hidden (fewer than %u responses)", min_group),
                                      min_group);
      return;
    }

  text->cells[COL_N] = g_strdup_printf ("%'" G_GINT64_FORMAT, row->tally.n);
  if (isfinite (row->nps))
    text->cells[COL_NPS] = format_score (row->nps);
  if (isfinite (row->ci_low) && isfinite (row->ci_high))
    {
      g_autofree char *low = format_score (row->ci_low);
      g_autofree char *high = format_score (row->ci_high);

      /* Translators: the two ends of an interval, as in "+29.5 to +34.7". */
      text->cells[COL_INTERVAL] = g_strdup_printf (_("%s to %s"), low, high);
    }
  if (isfinite (row->delta))
    {
      g_autofree char *delta = format_score (row->delta);
      gboolean significant = isfinite (row->p) && row->p < SIGNIFICANCE;

      text->cells[COL_CHANGE] = g_strdup_printf ("%s %s", delta, significant ? "*" : " ");
      *any_significant |= significant;
    }
}

static const char *
key_heading (FwGrouping grouping)
{
  switch (grouping)
    {
    case FW_GROUPING_TOTAL:        return "";
    case FW_GROUPING_DAY:          return _("Day");
    case FW_GROUPING_WEEK:         return _("Week");
    case FW_GROUPING_MONTH:        return _("Month");
    case FW_GROUPING_QUARTER:      return _("Quarter");
    case FW_GROUPING_YEAR:         return _("Year");
    case FW_GROUPING_UNIT:         return _("Unit");
    case FW_GROUPING_TOUCHPOINT:   return _("Touchpoint");
    case FW_GROUPING_UNIT_QUARTER: return _("Quarter");
    case FW_GROUPING_UNIT_MONTH:   return _("Month");
    default:                       g_return_val_if_reached ("");
    }
}

/* The key of a row as people read it. */
static const char *
display_key (FwGrouping  grouping,
             const char *key)
{
  if (grouping == FW_GROUPING_TOTAL)
    return _("Total");
  if (key[0] == '\0' && grouping == FW_GROUPING_UNIT)
    return _("(no unit)");
  if (key[0] == '\0' && grouping == FW_GROUPING_TOUCHPOINT)
    return _("(no touchpoint)");
  return key;
}

static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    right)
{
  glong length = text != NULL ? g_utf8_strlen (text, -1) : 0;

  if (right)
    for (glong i = length; i < (glong) width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text != NULL ? text : "");
  if (!right)
    for (glong i = length; i < (glong) width; i++)
      g_string_append_c (out, ' ');
}

static void
print_text (const FwQueryResult *result,
            guint                rolling,
            guint                min_group)
{
  /* Text, numbers and the change marker line up on the right. */
  static const gboolean right[N_COLS] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE };
  gboolean with_unit = FW_GROUPING_IS_UNIT_PERIOD (result->grouping);
  gboolean with_total = result->grouping != FW_GROUPING_TOTAL;
  gboolean any_significant = FALSE;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (TextRow));
  g_autofree char *window = NULL;
  TextRow heading = { { NULL } };
  guint widths[N_COLS] = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  g_array_set_clear_func (rows, (GDestroyNotify) text_row_clear);

  if (result->rows->len == 0)
    {
      g_print ("%s\n", _("No answers match these filters."));
      return;
    }

  if (rolling > 0)
    /* Translators: the heading of the key column of rolling windows. */
    window = g_strdup_printf (ngettext ("%u month to", "%u months to", rolling), rolling);
  if (with_unit)
    heading.cells[COL_UNIT] = g_strdup (_("Unit"));
  heading.cells[COL_KEY] = g_strdup (window != NULL ? window : key_heading (result->grouping));
  heading.cells[COL_N] = g_strdup (_("Responses"));
  heading.cells[COL_NPS] = g_strdup (result->kind == FW_KIND_EMPLOYEE ? _("eNPS") : _("NPS"));
  /* xgettext:no-c-format */
  heading.cells[COL_INTERVAL] = g_strdup (_("95% interval"));
  heading.cells[COL_CHANGE] = g_strdup (_("Change"));
  g_array_append_val (rows, heading);

  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);
      TextRow text = { { NULL } };

      text_row_fill (&text, row, display_key (result->grouping, row->key), with_unit, min_group,
                     &any_significant);
      g_array_append_val (rows, text);
    }
  if (with_total)
    {
      TextRow text = { { NULL } };

      text_row_fill (&text, &result->total, _("Total"), FALSE, min_group, &any_significant);
      if (with_unit)
        {
          /* The total spans the unit and key columns. */
          text.cells[COL_UNIT] = text.cells[COL_KEY];
          text.cells[COL_KEY] = NULL;
        }
      g_array_append_val (rows, text);
    }

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < N_COLS; c++)
      {
        const char *cell = g_array_index (rows, TextRow, r).cells[c];

        if (cell != NULL)
          widths[c] = MAX (widths[c], (guint) g_utf8_strlen (cell, -1));
      }

  for (guint r = 0; r < rows->len; r++)
    {
      const TextRow *text = &g_array_index (rows, TextRow, r);
      gboolean first = TRUE;

      /* A line between the groups and their total. */
      if (with_total && r == rows->len - 1)
        g_string_append_c (out, '\n');
      for (guint c = 0; c < N_COLS; c++)
        {
          if (widths[c] == 0)
            continue;
          if (text->hidden != NULL && c >= COL_N)
            {
              g_string_append_printf (out, "  %s", text->hidden);
              break;
            }
          if (!first)
            g_string_append (out, "  ");
          first = FALSE;
          append_cell (out, text->cells[c], widths[c], right[c]);
        }
      /* No trailing blanks from empty right-hand cells. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  if (any_significant)
    g_string_append_printf (out, "\n%s\n",
                            _("* A significant change against the previous period (p < 0.05)."));
  fputs (out->str, stdout);
}

int
fw_cli_stats (const char *database_path,
              int         argc,
              char      **argv)
{
  g_autofree char *kind_text = NULL;
  g_autofree char *by_text = NULL;
  g_autofree char *from_day = NULL;
  g_autofree char *to_day = NULL;
  g_auto(GStrv) units = NULL;
  g_auto(GStrv) touchpoints = NULL;
  int rolling = 0;
  int min_group = -1;
  guint preferred_min_group = FW_ANONYMITY_DEFAULT;
  guint fiscal_start_month = 1;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  gboolean link = FALSE;
  gboolean at_risk = FALSE;
  gboolean spend = FALSE;
  gboolean comments = FALSE;
  gboolean movers = FALSE;
  int limit = -1;        /* -1: not given */
  int min_comments = -1; /* -1: not given */
  int lag = -1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwQueryFilter) filter = NULL;
  g_autoptr(FwQueryResult) result = NULL;
  FwQueryOptions options = FW_QUERY_OPTIONS_INIT;
  FwKind kind = FW_KIND_CUSTOMER;
  FwGrouping grouping = FW_GROUPING_TOTAL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("Whose answers to count: customer (default) or employee"), N_("KIND") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text,
      N_("One row per total (default), day, week, month, quarter, year, unit, touchpoint, "
         "unit-quarter or unit-month"),
      N_("GROUPING") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_day,
      N_("Count answers from this day on"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_day,
      N_("Count answers up to and including this day"), N_("YYYY-MM-DD") },
    { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &units,
      N_("Count only this unit, by any of its names; may be repeated"), N_("NAME") },
    { "touchpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &touchpoints,
      N_("Count only this touchpoint; may be repeated"), N_("NAME") },
    { "rolling", 0, 0, G_OPTION_ARG_INT, &rolling,
      N_("One row per month, each over the N months up to it"), N_("N") },
    { "min-group", 0, 0, G_OPTION_ARG_INT, &min_group,
      N_("Hide employee groups with fewer answers than this (default: the threshold of the "
         "preferences, 5 unless changed; at least 3)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV for spreadsheets"), NULL },
    { "link", 0, 0, G_OPTION_ARG_NONE, &link,
      N_("How unit eNPS goes with unit NPS some quarters later"), NULL },
    { "lag", 0, 0, G_OPTION_ARG_INT, &lag,
      N_("With --link: only this lag, in quarters (0, 1, 2 or 4)"), N_("N") },
    { "at-risk", 0, 0, G_OPTION_ARG_NONE, &at_risk,
      N_("Customers with two or more detractor answers within 90 days"), NULL },
    { "spend", 0, 0, G_OPTION_ARG_NONE, &spend,
      N_("Mean spend of promoters, passives and detractors"), NULL },
    { "movers", 0, 0, G_OPTION_ARG_NONE, &movers,
      N_("Units whose score changed significantly against their quarter before"), NULL },
    { "comments", 0, 0, G_OPTION_ARG_NONE, &comments,
      N_("The most recent comments, newest first"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("With --comments: at most this many (default: 20)"), N_("N") },
    { "min-comments", 0, 0, G_OPTION_ARG_INT, &min_comments,
      N_("With --comments: show employee comments only from units with this many answers in "
         "the month (default: 10, at least 5)"),
      N_("N") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                /* xgettext:no-c-format */
                                _("Prints the NPS (or eNPS) of the answers in the database, "
                                  "with its 95% interval and its change against the previous "
                                  "period, as a table, JSON or CSV."));
  g_option_context_set_description (context,
                                    _("Employee groups with fewer answers than the anonymity "
                                      "threshold of the preferences (or --min-group) are shown "
                                      "as hidden, without any number. Quarters and years follow "
                                      "the fiscal year of the preferences."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);
      return fw_cli_usage_error (context, message);
    }
  if (kind_text != NULL && !fw_kind_from_string (kind_text, &kind))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind; use customer or "
                                                    "employee."), kind_text);
      return fw_cli_usage_error (context, message);
    }
  if (by_text != NULL && !fw_grouping_from_string (by_text, &grouping))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a grouping; use total, day, "
                                                    "week, month, quarter, year, unit, "
                                                    "touchpoint, unit-quarter or unit-month."),
                                                  by_text);
      return fw_cli_usage_error (context, message);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *day = i == 0 ? from_day : to_day;

      if (day != NULL && !is_day (day))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a day; write days as "
                                                        "YYYY-MM-DD, for example 2025-03-14."),
                                                      day);
          return fw_cli_usage_error (context, message);
        }
    }
  if (from_day != NULL && to_day != NULL && strcmp (from_day, to_day) > 0)
    return fw_cli_usage_error (context, _("The --from day comes after the --to day."));
  if (rolling < 0)
    return fw_cli_usage_error (context, _("The rolling window must be 1 month or more."));
  if (rolling > 0 && by_text != NULL && grouping != FW_GROUPING_MONTH)
    return fw_cli_usage_error (context, _("Rolling windows are monthly; use --rolling without --by, "
                                   "or with --by month."));
  fw_cli_read_preferences (&preferred_min_group, &fiscal_start_month);
  if (min_group == -1)
    min_group = (int) preferred_min_group;
  if (min_group < FW_ANONYMITY_MIN)
    {
      g_autofree char *message = g_strdup_printf (_("The smallest group must be %d or more."),
                                                  FW_ANONYMITY_MIN);
      return fw_cli_usage_error (context, message);
    }
  if (json && csv)
    return fw_cli_usage_error (context, _("Choose one of --json and --csv."));
  if (link + at_risk + spend + comments + movers > 1)
    return fw_cli_usage_error (context, _("Choose one of --link, --at-risk, --spend, --comments "
                                          "and --movers."));
  if ((link || at_risk || spend) && (csv || by_text != NULL || rolling > 0 || units != NULL
                                     || touchpoints != NULL || kind_text != NULL))
    return fw_cli_usage_error (context, _("--link, --at-risk and --spend take only --from, --to, "
                                          "--min-group, --lag and --json."));
  if (lag != -1 && (!link || (lag != 0 && lag != 1 && lag != 2 && lag != 4)))
    return fw_cli_usage_error (context, _("--lag goes with --link and is 0, 1, 2 or 4."));
  if (comments && (csv || by_text != NULL || rolling > 0 || units != NULL || touchpoints != NULL))
    return fw_cli_usage_error (context, _("--comments takes only --kind, --from, --to, --limit, "
                                          "--min-comments and --json."));
  if (movers && (csv || by_text != NULL || rolling > 0 || units != NULL || touchpoints != NULL))
    return fw_cli_usage_error (context, _("--movers takes only --kind, --from, --to, "
                                          "--min-group and --json."));
  if ((limit != -1 || min_comments != -1) && !comments)
    return fw_cli_usage_error (context, _("--limit and --min-comments go with --comments."));
  if (comments && limit != -1 && limit < 1)
    return fw_cli_usage_error (context, _("--limit must be 1 or more."));
  /* Below the anonymity default a comment could come from a group of a
   * few, where its words point to one person. */
  if (comments && min_comments != -1 && min_comments < FW_ANONYMITY_DEFAULT)
    {
      g_autofree char *message = g_strdup_printf (_("--min-comments must be %d or more."),
                                                  FW_ANONYMITY_DEFAULT);
      return fw_cli_usage_error (context, message);
    }

  /* Reading must not leave an empty database behind a typing error. */
  if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("There is no database “%s” yet; fill it "
                                                    "with “flywheel import” or “flywheel "
                                                    "demo”."), database_path);
      fw_cli_print_error (message);
      return FW_EXIT_ERROR;
    }

  filter = fw_query_filter_new (kind);
  fw_query_filter_set_range (filter, from_day, to_day);
  for (guint i = 0; units != NULL && units[i] != NULL; i++)
    fw_query_filter_add_unit (filter, units[i]);
  for (guint i = 0; touchpoints != NULL && touchpoints[i] != NULL; i++)
    fw_query_filter_add_touchpoint (filter, touchpoints[i]);
  options.min_group = (guint) min_group;
  options.fiscal_start_month = fiscal_start_month;

  store = fw_store_open (database_path, &error);
  if (store != NULL && link)
    return fw_cli_print_link (store, from_day, to_day, &options, lag, json);
  if (store != NULL && at_risk)
    return fw_cli_print_at_risk (store, from_day, to_day, json);
  if (store != NULL && spend)
    return fw_cli_print_spend (store, from_day, to_day, json);
  if (store != NULL && movers)
    return fw_cli_print_movers (store, kind, from_day, to_day, &options, json);
  if (store != NULL && comments)
    return fw_cli_print_comments (store, kind, from_day, to_day, limit != -1 ? (guint) limit : COMMENTS_LIMIT,
                                  min_comments != -1 ? (guint) min_comments
                                                     : MAX (FW_COMMENT_THRESHOLD,
                                                            (guint) min_group),
                                  json);
  if (store != NULL && rolling > 0)
    result = fw_query_rolling (store, filter, (guint) rolling, &options, &error);
  else if (store != NULL)
    result = fw_query_run (store, filter, grouping, &options, &error);
  if (result == NULL)
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    print_json (result, fw_grouping_to_string (result->grouping), (guint) rolling,
                options.min_group);
  else if (csv)
    print_csv (result);
  else
    print_text (result, (guint) rolling, options.min_group);
  return FW_EXIT_OK;
}
