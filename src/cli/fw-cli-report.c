/* fw-cli-report.c: the report verb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `flywheel report -o pack.pdf` makes the board pack, for a monthly cron
 * job; `flywheel report --chart trend -o trend.png` one chart.  Neither
 * starts GTK nor needs a display: src/export draws with Cairo alone.
 */

#define G_LOG_DOMAIN "fw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "fw-board-pack.h"
#include "fw-chart.h"
#include "fw-cli.h"
#include "fw-cli-private.h"
#include "fw-cli-report.h"
#include "fw-export.h"
#include "fw-insights.h"
#include "fw-query.h"
#include "fw-store.h"

typedef enum
{
  CHART_NONE,
  CHART_TREND,
  CHART_BREAKDOWN,
  CHART_HEATMAP,
  CHART_LINK,
  CHART_TILES,
} ChartKind;

static const char *const chart_names[] = {
  [CHART_TREND] = "trend",
  [CHART_BREAKDOWN] = "breakdown",
  [CHART_HEATMAP] = "heatmap",
  [CHART_LINK] = "link",
  [CHART_TILES] = "tiles",
};

/* The largest picture we draw, in pixels a side: beyond it a PNG would
 * take gigabytes of memory for nothing a screen or a slide can show. */
#define MAX_SIDE 10000

typedef struct
{
  char     *output;
  char     *chart_text;
  char     *kind_text;
  char     *by_text;
  char     *from_day;
  char     *to_day;
  GStrv     units;
  GStrv     touchpoints;
  char     *title;
  char     *organisation;
  int       min_group;
  int       lag;
  int       width;
  int       height;
  int       scale;
} Args;

static void
args_clear (Args *args)
{
  g_free (args->output);
  g_free (args->chart_text);
  g_free (args->kind_text);
  g_free (args->by_text);
  g_free (args->from_day);
  g_free (args->to_day);
  g_strfreev (args->units);
  g_strfreev (args->touchpoints);
  g_free (args->title);
  g_free (args->organisation);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

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

/* The organisation of the preferences, as the window shows it. */
static char *
read_organisation (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_string (settings, "organisation-name");
}

static int
print_error (const GError *error)
{
  fw_cli_print_error (error->message);
  return FW_EXIT_ERROR;
}

static void
print_written (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: %s is a file name. */
  g_print (_("Wrote “%s”.\n"), display);
}

/* The board pack */

static int
write_board_pack (FwStore              *store,
                  const Args           *args,
                  const FwQueryOptions *options)
{
  FwBoardPackOptions pack_options = FW_BOARD_PACK_OPTIONS_INIT;
  g_autofree char *organisation = NULL;
  g_autoptr(FwBoardPack) pack = NULL;
  g_autoptr(GError) error = NULL;

  organisation = args->organisation != NULL ? g_strdup (args->organisation)
                                            : read_organisation ();
  pack_options.from_day = args->from_day;
  pack_options.to_day = args->to_day;
  pack_options.units = (const char *const *) args->units;
  pack_options.touchpoints = (const char *const *) args->touchpoints;
  pack_options.organisation = organisation;
  pack_options.title = args->title;
  pack_options.min_group = options->min_group;
  pack_options.fiscal_start_month = options->fiscal_start_month;
  if (args->by_text != NULL && !fw_grouping_from_string (args->by_text, &pack_options.grouping))
    g_assert_not_reached (); /* checked with the other options */

  pack = fw_board_pack_collect (store, &pack_options, NULL, &error);
  if (pack == NULL || !fw_board_pack_write (pack, args->output, &error))
    return print_error (error);
  print_written (args->output);
  return FW_EXIT_OK;
}

/* One chart */

static FwQueryFilter *
make_filter (const Args *args,
             FwKind      kind)
{
  FwQueryFilter *filter = fw_query_filter_new (kind);

  fw_query_filter_set_range (filter, args->from_day, args->to_day);
  for (guint i = 0; args->units != NULL && args->units[i] != NULL; i++)
    fw_query_filter_add_unit (filter, args->units[i]);
  for (guint i = 0; kind == FW_KIND_CUSTOMER && args->touchpoints != NULL
                    && args->touchpoints[i] != NULL; i++)
    fw_query_filter_add_touchpoint (filter, args->touchpoints[i]);
  return filter;
}

/* The title line of a chart file: the period (the answers' own days for an
 * open end), then the units and touchpoints. */
static char *
describe_filter (FwStore    *store,
                 const Args *args,
                 gboolean    with_touchpoints)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  for (FwKind kind = FW_KIND_CUSTOMER; kind <= FW_KIND_EMPLOYEE; kind++)
    {
      g_autofree char *kind_first = NULL;
      g_autofree char *kind_last = NULL;

      if (!fw_store_get_day_range (store, kind, &kind_first, &kind_last, NULL))
        continue;
      if (kind_first != NULL && (first == NULL || strcmp (kind_first, first) < 0))
        g_free (first), first = g_steal_pointer (&kind_first);
      if (kind_last != NULL && (last == NULL || strcmp (kind_last, last) > 0))
        g_free (last), last = g_steal_pointer (&kind_last);
    }
  return fw_export_describe_filter (args->from_day != NULL ? args->from_day : first,
                                    args->to_day != NULL ? args->to_day : last,
                                    (const char *const *) args->units,
                                    with_touchpoints ? (const char *const *) args->touchpoints
                                                     : NULL);
}

/* Runs the queries of @chart and makes it, with its footnote. */
static FwChart *
make_chart (FwStore              *store,
            const Args           *args,
            ChartKind             chart_kind,
            gboolean              has_kind,
            FwKind                kind,
            FwGrouping            grouping,
            const FwQueryOptions *options,
            char                **footnote,
            GError              **error)
{
  g_autoptr(FwQueryFilter) cx = make_filter (args, FW_KIND_CUSTOMER);
  g_autoptr(FwQueryFilter) ex = make_filter (args, FW_KIND_EMPLOYEE);
  g_autoptr(FwQueryResult) cx_result = NULL;
  g_autoptr(FwQueryResult) ex_result = NULL;
  g_autoptr(FwQueryResult) cx_total = NULL;
  g_autoptr(FwQueryResult) ex_total = NULL;
  gboolean want_cx = !has_kind || kind == FW_KIND_CUSTOMER;
  gboolean want_ex = !has_kind || kind == FW_KIND_EMPLOYEE;
  FwChart *chart = NULL;

  if (chart_kind == CHART_LINK)
    {
      FwLinkOptions link_options = FW_LINK_OPTIONS_INIT;
      g_autoptr(FwLink) link = NULL;
      guint lag;

      link_options.fiscal_start_month = options->fiscal_start_month;
      link_options.min_group = options->min_group;
      link_options.ex_min_n = MAX (link_options.ex_min_n, options->min_group);
      link = fw_insights_link (store, args->from_day, args->to_day, &link_options, error);
      if (link == NULL)
        return NULL;
      lag = args->lag >= 0 ? (guint) args->lag : link->best_lag >= 0 ? (guint) link->best_lag : 0;
      *footnote = fw_export_link_footnote (link, lag);
      return fw_chart_new_link (link, lag);
    }

  if (want_cx && (cx_total = fw_query_run (store, cx, FW_GROUPING_TOTAL, options, error)) == NULL)
    return NULL;
  if (want_ex && (ex_total = fw_query_run (store, ex, FW_GROUPING_TOTAL, options, error)) == NULL)
    return NULL;

  switch (chart_kind)
    {
    case CHART_TREND:
      {
        /* Anonymity counts in months: an employee week could be one person,
         * and both lines share one axis. */
        FwGrouping ex_grouping = grouping == FW_GROUPING_WEEK || grouping == FW_GROUPING_DAY
                                   ? FW_GROUPING_MONTH : grouping;

        if (want_cx && want_ex)
          grouping = ex_grouping;
        if (want_cx && (cx_result = fw_query_run (store, cx, grouping, options, error)) == NULL)
          return NULL;
        if (want_ex
            && (ex_result = fw_query_run (store, ex, ex_grouping, options, error)) == NULL)
          return NULL;
        chart = fw_chart_new_trend (cx_result, ex_result, NAN);
        fw_chart_set_min_group (chart, options->min_group);
        *footnote = fw_export_footnote (cx_total, ex_total, options->min_group, TRUE);
        break;
      }

    case CHART_BREAKDOWN:
    case CHART_HEATMAP:
      {
        const FwQueryFilter *filter = want_cx ? cx : ex;

        if ((cx_result = fw_query_run (store, filter, grouping, options, error)) == NULL)
          return NULL;
        if (chart_kind == CHART_BREAKDOWN)
          chart = fw_chart_new_breakdown (cx_result, FW_CHART_SORT_BY_SCORE, options->min_group);
        else
          chart = fw_chart_new_heatmap (cx_result, options->min_group);
        *footnote = fw_export_footnote (want_cx ? cx_total : NULL, want_cx ? NULL : ex_total,
                                        options->min_group, chart_kind == CHART_BREAKDOWN);
        break;
      }

    case CHART_TILES:
      {
        FwChartTile tiles[3];
        guint n_tiles = 0;
        gint64 shown = 0;

        if (want_cx)
          {
            const FwQueryRow *row = &cx_total->total;

            tiles[n_tiles++] = (FwChartTile) { .label = _("NPS"), .value = row->nps,
                                               .n = row->tally.n, .delta = row->delta,
                                               .p = row->p };
            shown += row->tally.n;
          }
        if (want_ex)
          {
            const FwQueryRow *row = &ex_total->total;

            tiles[n_tiles++] = (FwChartTile) { .label = _("eNPS"), .value = row->nps,
                                               .n = row->tally.n, .delta = row->delta,
                                               .p = row->p, .suppressed = row->suppressed };
            /* Only what is shown counts, or a hidden count would follow. */
            shown += row->suppressed ? 0 : row->tally.n;
          }
        tiles[n_tiles++] = (FwChartTile) { .label = _("Responses"), .value = (double) shown,
                                           .is_count = TRUE, .n = shown, .delta = NAN,
                                           .p = NAN,
                                           .suppressed = !want_cx && ex_total->total.suppressed };
        chart = fw_chart_new_tiles (tiles, n_tiles);
        fw_chart_set_min_group (chart, options->min_group);
        *footnote = fw_export_footnote (cx_total, ex_total, options->min_group, FALSE);
        break;
      }

    case CHART_LINK:
    case CHART_NONE:
    default:
      g_assert_not_reached ();
    }
  return chart;
}

static int
write_chart (FwStore              *store,
             const Args           *args,
             ChartKind             chart_kind,
             FwExportFormat        format,
             const FwQueryOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwChart) chart = NULL;
  g_autofree char *footnote = NULL;
  g_autofree char *filter = NULL;
  FwKind kind = FW_KIND_CUSTOMER;
  gboolean has_kind = args->kind_text != NULL;
  FwGrouping grouping;
  FwExportLabels labels = { NULL, NULL, NULL };

  if (has_kind)
    fw_kind_from_string (args->kind_text, &kind);
  /* Breakdowns, heatmaps and tiles of one kind: customers unless told. */
  if (chart_kind == CHART_BREAKDOWN || chart_kind == CHART_HEATMAP)
    has_kind = TRUE;

  switch (chart_kind)
    {
    case CHART_BREAKDOWN:
      grouping = FW_GROUPING_UNIT;
      break;
    case CHART_HEATMAP:
      grouping = FW_GROUPING_UNIT_MONTH;
      break;
    default:
      grouping = FW_GROUPING_MONTH;
      break;
    }
  if (args->by_text != NULL)
    fw_grouping_from_string (args->by_text, &grouping);

  chart = make_chart (store, args, chart_kind, has_kind, kind, grouping, options, &footnote,
                      &error);
  if (chart == NULL)
    return print_error (error);

  filter = describe_filter (store, args, !has_kind || kind == FW_KIND_CUSTOMER);
  labels.title = args->title;
  labels.filter = filter;
  labels.footnote = footnote;
  if (!fw_export_chart (chart, &labels, args->output, format, args->width, args->height,
                        args->scale, &error))
    return print_error (error);
  print_written (args->output);
  return FW_EXIT_OK;
}

/* Options */

static gboolean
chart_from_string (const char *text,
                   ChartKind  *chart)
{
  for (guint i = CHART_TREND; i < G_N_ELEMENTS (chart_names); i++)
    if (g_strcmp0 (text, chart_names[i]) == 0)
      {
        *chart = i;
        return TRUE;
      }
  return FALSE;
}

/* Whether --by names a grouping that @chart can draw. */
static gboolean
grouping_fits (ChartKind  chart,
               FwGrouping grouping)
{
  switch (chart)
    {
    case CHART_NONE:
      return grouping == FW_GROUPING_WEEK || grouping == FW_GROUPING_MONTH
             || grouping == FW_GROUPING_QUARTER;
    case CHART_TREND:
      return grouping == FW_GROUPING_DAY || grouping == FW_GROUPING_WEEK
             || grouping == FW_GROUPING_MONTH || grouping == FW_GROUPING_QUARTER
             || grouping == FW_GROUPING_YEAR;
    case CHART_BREAKDOWN:
      return grouping == FW_GROUPING_UNIT || grouping == FW_GROUPING_TOUCHPOINT;
    case CHART_HEATMAP:
      return FW_GROUPING_IS_UNIT_PERIOD (grouping);
    case CHART_LINK:
    case CHART_TILES:
    default:
      return FALSE;
    }
}

static const char *
groupings_for (ChartKind chart)
{
  switch (chart)
    {
    case CHART_NONE:
      return _("--by takes week, month or quarter for the board pack.");
    case CHART_TREND:
      return _("--by takes day, week, month, quarter or year for a trend.");
    case CHART_BREAKDOWN:
      return _("--by takes unit or touchpoint for a breakdown.");
    case CHART_HEATMAP:
      return _("--by takes unit-month or unit-quarter for a heatmap.");
    case CHART_LINK:
    case CHART_TILES:
    default:
      return _("--by does not go with this chart.");
    }
}

int
fw_cli_report (const char *database_path,
               int         argc,
               char      **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = NULL;
  guint preferred_min_group = FW_ANONYMITY_DEFAULT;
  guint fiscal_start_month = 1;
  ChartKind chart = CHART_NONE;
  FwExportFormat format;
  FwGrouping grouping;
  FwKind kind;
  FwQueryOptions options = FW_QUERY_OPTIONS_INIT;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
      N_("The file to write: .pdf for the board pack; .pdf, .png or .svg for one chart"),
      N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args.from_day,
      N_("Count answers from this day on"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &args.to_day,
      N_("Count answers up to and including this day"), N_("YYYY-MM-DD") },
    { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.units,
      N_("Count only this unit, by any of its names; may be repeated"), N_("NAME") },
    { "touchpoint", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.touchpoints,
      N_("Count only this touchpoint of customer answers; may be repeated"), N_("NAME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &args.title,
      N_("The title of the board pack or the chart"), N_("TEXT") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &args.organisation,
      N_("The organisation on the board pack (default: that of the preferences)"),
      N_("NAME") },
    { "min-group", 0, 0, G_OPTION_ARG_INT, &args.min_group,
      N_("Hide employee groups with fewer answers than this (default: the threshold of the "
         "preferences, 5 unless changed; at least 3)"),
      N_("N") },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &args.chart_text,
      N_("Write one chart instead of the board pack: trend, breakdown, heatmap, link or tiles"),
      N_("CHART") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &args.kind_text,
      N_("With --chart: whose answers, customer or employee (a trend or tiles without it show "
         "both)"),
      N_("KIND") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &args.by_text,
      N_("Periods of the trends (week, month or quarter), or with --chart the grouping of the "
         "chart"),
      N_("GROUPING") },
    { "lag", 0, 0, G_OPTION_ARG_INT, &args.lag,
      N_("With --chart link: the lag in quarters, 0, 1, 2 or 4 (default: the best)"), N_("N") },
    { "width", 0, 0, G_OPTION_ARG_INT, &args.width,
      N_("With --chart: the width in pixels (default: 960)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &args.height,
      N_("With --chart: the height in pixels (default: 540)"), N_("PX") },
    { "scale", 0, 0, G_OPTION_ARG_INT, &args.scale,
      N_("With --chart and a .png: pixels per pixel, 1 or 2 (default: 1)"), N_("N") },
    { NULL }
  };

  args.min_group = -1;
  args.lag = -1;
  args.width = -1;
  args.height = -1;
  args.scale = -1;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Writes the board pack, a PDF of every chart and figure for "
                                  "a board meeting, or with --chart a single chart as PDF, PNG "
                                  "or SVG."));
  g_option_context_set_description (context,
                                    _("Employee groups with fewer answers than the anonymity "
                                      "threshold are never shown. The file is written whole or "
                                      "not at all. Examples:\n"
                                      "  flywheel report -o board-pack.pdf --from 2026-01-01 "
                                      "--to 2026-03-31\n"
                                      "  flywheel report --chart trend --kind customer -o "
                                      "nps.png --scale 2"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fw_cli_usage_error (context, error->message);
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), argv[1]);
      return fw_cli_usage_error (context, message);
    }
  if (args.output == NULL)
    return fw_cli_usage_error (context, _("Name the file to write with -o FILE."));
  if (args.chart_text != NULL && !chart_from_string (args.chart_text, &chart))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a chart; use trend, breakdown, "
                                                    "heatmap, link or tiles."),
                                                  args.chart_text);
      return fw_cli_usage_error (context, message);
    }
  if (!fw_export_format_from_path (args.output, &format, &error))
    return fw_cli_usage_error (context, error->message);
  if (chart == CHART_NONE && format != FW_EXPORT_PDF)
    return fw_cli_usage_error (context, _("The board pack is a PDF: name a file ending in .pdf, "
                                          "or choose one chart with --chart."));
  if (chart == CHART_NONE && (args.kind_text != NULL || args.lag != -1 || args.width != -1
                              || args.height != -1 || args.scale != -1))
    return fw_cli_usage_error (context, _("--kind, --lag, --width, --height and --scale go "
                                          "with --chart."));
  if (args.kind_text != NULL && !fw_kind_from_string (args.kind_text, &kind))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind; use customer or "
                                                    "employee."), args.kind_text);
      return fw_cli_usage_error (context, message);
    }
  if (args.by_text != NULL
      && (!fw_grouping_from_string (args.by_text, &grouping) || !grouping_fits (chart, grouping)))
    return fw_cli_usage_error (context, groupings_for (chart));
  if (args.lag != -1 && (chart != CHART_LINK || (args.lag != 0 && args.lag != 1 && args.lag != 2
                                                 && args.lag != 4)))
    return fw_cli_usage_error (context, _("--lag goes with --chart link and is 0, 1, 2 or 4."));
  if ((args.width != -1 && (args.width < 100 || args.width > MAX_SIDE))
      || (args.height != -1 && (args.height < 100 || args.height > MAX_SIDE)))
    {
      g_autofree char *message = g_strdup_printf (_("--width and --height take %d to %d "
                                                    "pixels."),
                                                  100, MAX_SIDE);
      return fw_cli_usage_error (context, message);
    }
  if (args.scale != -1 && args.scale != 1 && args.scale != 2)
    return fw_cli_usage_error (context, _("--scale is 1 or 2."));
  for (guint i = 0; i < 2; i++)
    {
      const char *day = i == 0 ? args.from_day : args.to_day;

      if (day != NULL && !is_day (day))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a day; write days as "
                                                        "YYYY-MM-DD, for example 2025-03-14."),
                                                      day);
          return fw_cli_usage_error (context, message);
        }
    }
  if (args.from_day != NULL && args.to_day != NULL && strcmp (args.from_day, args.to_day) > 0)
    return fw_cli_usage_error (context, _("The --from day comes after the --to day."));

  fw_cli_read_preferences (&preferred_min_group, &fiscal_start_month);
  if (args.min_group == -1)
    args.min_group = (int) preferred_min_group;
  if (args.min_group < FW_ANONYMITY_MIN)
    {
      g_autofree char *message = g_strdup_printf (_("The smallest group must be %d or more."),
                                                  FW_ANONYMITY_MIN);
      return fw_cli_usage_error (context, message);
    }
  options.min_group = (guint) args.min_group;
  options.fiscal_start_month = fiscal_start_month;
  if (args.width == -1)
    args.width = FW_EXPORT_DEFAULT_WIDTH;
  if (args.height == -1)
    args.height = FW_EXPORT_DEFAULT_HEIGHT;
  if (args.scale == -1)
    args.scale = 1;

  /* Reading must not leave an empty database behind a typing error. */
  if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("There is no database “%s” yet; fill it "
                                                    "with “flywheel import” or “flywheel "
                                                    "demo”."), database_path);
      fw_cli_print_error (message);
      return FW_EXIT_ERROR;
    }

  /* The font map reads the font configuration in a thread of its own from
   * the moment it exists: made now, that overlaps the queries instead of
   * holding up the first line of text (some 15 ms). */
  pango_cairo_font_map_get_default ();

  store = fw_store_open (database_path, &error);
  if (store == NULL)
    return print_error (error);

  if (chart == CHART_NONE)
    return write_board_pack (store, &args, &options);
  return write_chart (store, &args, chart, format, &options);
}
