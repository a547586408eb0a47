/* fw-board-pack.c: the board pack, a multi-page A4 landscape PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page is drawn in the points of an A4 landscape sheet: a heading
 * (organisation and title, page title, a sentence on what it shows), the
 * content, and a footer with the period and the page number.  Charts are
 * drawn by the renderers of src/charts in screen pixels, scaled to points,
 * so that they look as they do in the window.
 */

#define G_LOG_DOMAIN "fw-export"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "fw-board-pack.h"
#include "fw-chart.h"
#include "fw-export.h"
#include "fw-export-private.h"
#include "fw-format.h"
#include "fw-insights.h"

/* The sheet, in points. */
#define PAGE_W         FW_BOARD_PACK_PAGE_WIDTH
#define PAGE_H         FW_BOARD_PACK_PAGE_HEIGHT
#define MARGIN         48.0
#define TOP            40.0
#define CONTENT_W      (PAGE_W - 2 * MARGIN)
#define FOOTER_RULE_Y  (PAGE_H - 38.0)
#define CONTENT_BOTTOM (PAGE_H - 52.0)

/* Type sizes, in points. */
#define SIZE_KICKER   8.5
#define SIZE_TITLE    22.0
#define SIZE_LEDE     11.0
#define SIZE_HEADING  12.5
#define SIZE_BODY     10.5
#define SIZE_SMALL    8.5
#define SIZE_FOOTER   8.0

#define FONT_FAMILY "Cantarell, Sans"

/* Comments a page reads before it keeps those that fit. */
#define COMMENTS_TO_READ 40
#define MOVERS_SHOWN     3
#define SOURCES_SHOWN    8

typedef struct
{
  char  *unit;
  char  *quarter;
  gint64 n;
  double nps;
  double delta;
  double p;
} Mover;

struct _FwBoardPack
{
  /* The options, copied.  The days are those the queries used: NULL for an
   * open end, so that the figures are those of `flywheel stats`. */
  char          *from_day;
  char          *to_day;
  GStrv          units;
  GStrv          touchpoints;
  FwGrouping     grouping;
  char          *organisation;
  char          *title;
  guint          min_group;
  guint          fiscal_start_month;
  GDateTime     *made;

  char          *period;      /* for the footers, with the answers' days for an open end */
  char          *filter_text; /* the period as queried, units and touchpoints */
  char          *first_day;   /* of the answers that may be shown */
  char          *last_day;

  FwQueryResult *cx_total;
  FwQueryResult *ex_total;
  FwQueryResult *cx_trend;
  FwQueryResult *ex_trend;
  FwQueryResult *cx_units;
  FwQueryResult *ex_units;
  FwLink        *link;
  guint          link_lag;    /* the lag shown: the best, or 0 when none qualifies */
  GArray        *movers;      /* Mover, the MOVERS_SHOWN that moved most */
  gint64         n_at_risk;
  GArray        *cx_comments; /* FwComment, newest first */
  GArray        *ex_comments;
  guint          comment_threshold;
  GPtrArray     *batches;     /* FwBatchSummary */

  FwChartTheme   theme;       /* for the charts, and the colours of the pages */
};

/* Collecting */

static void
mover_clear (Mover *mover)
{
  g_clear_pointer (&mover->unit, g_free);
  g_clear_pointer (&mover->quarter, g_free);
}

/* The latest quarter first, and within it the largest change. */
static int
compare_movers (gconstpointer a,
                gconstpointer b)
{
  const FwMover *ma = a;
  const FwMover *mb = b;
  int by_quarter = g_strcmp0 (mb->quarter, ma->quarter);

  if (by_quarter != 0)
    return by_quarter;
  if (fabs (ma->delta) != fabs (mb->delta))
    return fabs (ma->delta) > fabs (mb->delta) ? -1 : 1;
  return g_utf8_collate (ma->unit, mb->unit);
}

static gboolean
in_units (const char        *unit,
          const char *const *units)
{
  return units == NULL || units[0] == NULL
         || (unit != NULL && g_strv_contains (units, unit));
}

static GStrv
copy_names (const char *const *names)
{
  return names != NULL ? g_strdupv ((char **) names) : g_new0 (char *, 1);
}

static FwQueryFilter *
make_filter (const FwBoardPack *pack,
             FwKind             kind)
{
  FwQueryFilter *filter = fw_query_filter_new (kind);

  fw_query_filter_set_range (filter, pack->from_day, pack->to_day);
  for (guint i = 0; pack->units[i] != NULL; i++)
    fw_query_filter_add_unit (filter, pack->units[i]);
  /* Employee answers have no touchpoint breakdown: it would split the
   * cells that anonymity counts in. */
  for (guint i = 0; kind == FW_KIND_CUSTOMER && pack->touchpoints[i] != NULL; i++)
    fw_query_filter_add_touchpoint (filter, pack->touchpoints[i]);
  return filter;
}

static void
widen_range (FwStore *store,
             FwKind   kind,
             char   **first,
             char   **last,
             GError **error)
{
  g_autofree char *kind_first = NULL;
  g_autofree char *kind_last = NULL;

  if (!fw_store_get_day_range (store, kind, &kind_first, &kind_last, error))
    return;
  /* ISO days sort as text. */
  if (kind_first != NULL && (*first == NULL || strcmp (kind_first, *first) < 0))
    g_free (*first), *first = g_steal_pointer (&kind_first);
  if (kind_last != NULL && (*last == NULL || strcmp (kind_last, *last) > 0))
    g_free (*last), *last = g_steal_pointer (&kind_last);
}

static gboolean
collect_movers (FwBoardPack          *pack,
                FwStore              *store,
                const FwQueryOptions *options,
                GError              **error)
{
  g_autoptr(GArray) movers = NULL;

  movers = fw_insights_movers (store, FW_KIND_CUSTOMER, pack->from_day, pack->to_day, options,
                               error);
  if (movers == NULL)
    return FALSE;
  g_array_sort (movers, compare_movers);

  pack->movers = g_array_new (FALSE, TRUE, sizeof (Mover));
  g_array_set_clear_func (pack->movers, (GDestroyNotify) mover_clear);
  for (guint i = 0; i < movers->len && pack->movers->len < MOVERS_SHOWN; i++)
    {
      const FwMover *mover = &g_array_index (movers, FwMover, i);
      Mover copy;

      if (!in_units (mover->unit, (const char *const *) pack->units))
        continue;
      copy.unit = g_strdup (mover->unit);
      copy.quarter = g_strdup (mover->quarter);
      copy.n = mover->n;
      copy.nps = mover->nps;
      copy.delta = mover->delta;
      copy.p = mover->p;
      g_array_append_val (pack->movers, copy);
    }
  return TRUE;
}

/* From the repeat detractors the store keeps: reading every detractor
 * answer would take seconds at ten million answers. */
static gboolean
collect_at_risk (FwBoardPack *pack,
                 FwStore     *store,
                 GError     **error)
{
  return fw_insights_at_risk_count (store, pack->from_day, pack->to_day,
                                    (const char *const *) (pack->units[0] != NULL ? pack->units
                                                                                  : NULL),
                                    &pack->n_at_risk, error);
}

/**
 * fw_board_pack_collect:
 *
 * Reads every figure of the board pack for @options.  Employee figures come
 * from the query layer and the insights, which leave out every group below
 * the anonymity threshold; nothing else is read.
 *
 * Returns: (transfer full): the pack, or %NULL with @error set
 */
FwBoardPack *
fw_board_pack_collect (FwStore                  *store,
                       const FwBoardPackOptions *options,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_autoptr(FwBoardPack) pack = NULL;
  g_autoptr(FwQueryFilter) cx = NULL;
  g_autoptr(FwQueryFilter) ex = NULL;
  FwQueryOptions query_options = FW_QUERY_OPTIONS_INIT;
  FwLinkOptions link_options = FW_LINK_OPTIONS_INIT;
  FwGrouping ex_grouping;
  GError *local_error = NULL;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pack = g_new0 (FwBoardPack, 1);
  pack->from_day = g_strdup (options->from_day);
  pack->to_day = g_strdup (options->to_day);
  pack->units = copy_names (options->units);
  pack->touchpoints = copy_names (options->touchpoints);
  pack->grouping = options->grouping;
  if (pack->grouping != FW_GROUPING_WEEK && pack->grouping != FW_GROUPING_QUARTER)
    pack->grouping = FW_GROUPING_MONTH;
  pack->organisation = g_strdup (options->organisation != NULL ? options->organisation : "");
  g_strstrip (pack->organisation);
  pack->title = g_strdup (options->title != NULL && options->title[0] != '\0'
                            ? options->title : _("Customer and Employee Experience"));
  pack->min_group = MAX (options->min_group, FW_ANONYMITY_MIN);
  pack->fiscal_start_month = CLAMP (options->fiscal_start_month, 1, 12);
  pack->made = options->made != NULL ? g_date_time_ref (options->made)
                                     : g_date_time_new_now_local ();
  fw_chart_theme_init (&pack->theme, FW_CHART_STYLE_LIGHT);
  g_free (pack->theme.font_family);
  pack->theme.font_family = g_strdup (FONT_FAMILY);

  query_options.min_group = pack->min_group;
  query_options.fiscal_start_month = pack->fiscal_start_month;
  cx = make_filter (pack, FW_KIND_CUSTOMER);
  ex = make_filter (pack, FW_KIND_EMPLOYEE);
  /* Anonymity counts in months: an employee week could be one person. */
  ex_grouping = pack->grouping == FW_GROUPING_WEEK ? FW_GROUPING_MONTH : pack->grouping;

#define CHECK(expr) \
  G_STMT_START { \
    if (g_cancellable_set_error_if_cancelled (cancellable, error) || !(expr)) \
      return NULL; \
  } G_STMT_END

  CHECK ((pack->cx_total = fw_query_run (store, cx, FW_GROUPING_TOTAL, &query_options, error)));
  CHECK ((pack->ex_total = fw_query_run (store, ex, FW_GROUPING_TOTAL, &query_options, error)));
  CHECK ((pack->cx_trend = fw_query_run (store, cx, pack->grouping, &query_options, error)));
  CHECK ((pack->ex_trend = fw_query_run (store, ex, ex_grouping, &query_options, error)));
  CHECK ((pack->cx_units = fw_query_run (store, cx, FW_GROUPING_UNIT, &query_options, error)));
  CHECK ((pack->ex_units = fw_query_run (store, ex, FW_GROUPING_UNIT, &query_options, error)));

  link_options.fiscal_start_month = pack->fiscal_start_month;
  link_options.min_group = pack->min_group;
  link_options.ex_min_n = MAX (link_options.ex_min_n, pack->min_group);
  CHECK ((pack->link = fw_insights_link (store, pack->from_day, pack->to_day, &link_options,
                                         error)));
  pack->link_lag = pack->link->best_lag >= 0 ? (guint) pack->link->best_lag : 0;

  CHECK (collect_movers (pack, store, &query_options, error));
  CHECK (collect_at_risk (pack, store, error));

  /* Customers: the detractors, who say what to put right.  Employees: what
   * the comment threshold lets through, which is more than a score needs. */
  pack->comment_threshold = MAX (FW_COMMENT_THRESHOLD, pack->min_group);
  CHECK ((pack->cx_comments = fw_insights_comments_filtered (store, cx, FW_COMMENT_DETRACTORS,
                                                             COMMENTS_TO_READ,
                                                             pack->comment_threshold, error)));
  CHECK ((pack->ex_comments = fw_insights_comments_filtered (store, ex, FW_COMMENT_ALL,
                                                             COMMENTS_TO_READ,
                                                             pack->comment_threshold, error)));
  CHECK ((pack->batches = fw_store_list_batches (store, error)));

#undef CHECK

  /* The days of employee answers that are all hidden stay out, like the
   * answers themselves. */
  widen_range (store, FW_KIND_CUSTOMER, &pack->first_day, &pack->last_day, &local_error);
  if (local_error == NULL && (pack->ex_total->total.tally.n > 0 || pack->ex_total->n_withheld > 0))
    widen_range (store, FW_KIND_EMPLOYEE, &pack->first_day, &pack->last_day, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  pack->period = fw_export_describe_period (pack->from_day != NULL ? pack->from_day
                                                                   : pack->first_day,
                                            pack->to_day != NULL ? pack->to_day
                                                                 : pack->last_day);
  pack->filter_text = fw_export_describe_filter (pack->from_day != NULL ? pack->from_day
                                                                        : pack->first_day,
                                                 pack->to_day != NULL ? pack->to_day
                                                                      : pack->last_day,
                                                 (const char *const *) pack->units,
                                                 (const char *const *) pack->touchpoints);
  return g_steal_pointer (&pack);
}

void
fw_board_pack_free (FwBoardPack *pack)
{
  if (pack == NULL)
    return;
  g_free (pack->from_day);
  g_free (pack->to_day);
  g_strfreev (pack->units);
  g_strfreev (pack->touchpoints);
  g_free (pack->organisation);
  g_free (pack->title);
  g_clear_pointer (&pack->made, g_date_time_unref);
  g_free (pack->period);
  g_free (pack->filter_text);
  g_free (pack->first_day);
  g_free (pack->last_day);
  g_clear_pointer (&pack->cx_total, fw_query_result_free);
  g_clear_pointer (&pack->ex_total, fw_query_result_free);
  g_clear_pointer (&pack->cx_trend, fw_query_result_free);
  g_clear_pointer (&pack->ex_trend, fw_query_result_free);
  g_clear_pointer (&pack->cx_units, fw_query_result_free);
  g_clear_pointer (&pack->ex_units, fw_query_result_free);
  g_clear_pointer (&pack->link, fw_link_free);
  g_clear_pointer (&pack->movers, g_array_unref);
  g_clear_pointer (&pack->cx_comments, g_array_unref);
  g_clear_pointer (&pack->ex_comments, g_array_unref);
  g_clear_pointer (&pack->batches, g_ptr_array_unref);
  fw_chart_theme_clear (&pack->theme);
  g_free (pack);
}

guint
fw_board_pack_get_n_pages (const FwBoardPack *pack)
{
  g_return_val_if_fail (pack != NULL, 0);

  return FW_BOARD_PACK_N_PAGES;
}

const char *
fw_board_pack_get_period (const FwBoardPack *pack)
{
  g_return_val_if_fail (pack != NULL, NULL);

  return pack->period;
}

char *
fw_board_pack_get_page_title (const FwBoardPack *pack,
                              guint              page)
{
  g_return_val_if_fail (pack != NULL, NULL);

  switch ((FwBoardPackPage) page)
    {
    case FW_BOARD_PACK_COVER:
      return g_strdup (C_("board pack page", "Cover"));
    case FW_BOARD_PACK_SUMMARY:
      return g_strdup (C_("board pack page", "Summary"));
    case FW_BOARD_PACK_CX_TREND:
      return g_strdup (C_("board pack page", "Customer NPS over time"));
    case FW_BOARD_PACK_EX_TREND:
      return g_strdup (C_("board pack page", "Employee eNPS over time"));
    case FW_BOARD_PACK_CX_UNITS:
      return g_strdup (C_("board pack page", "Customer NPS by unit"));
    case FW_BOARD_PACK_EX_UNITS:
      return g_strdup (C_("board pack page", "Employee eNPS by unit"));
    case FW_BOARD_PACK_LINK:
      return g_strdup (C_("board pack page", "Employees and customers (CX × EX)"));
    case FW_BOARD_PACK_COMMENTS:
      return g_strdup (C_("board pack page", "What detractors say"));
    case FW_BOARD_PACK_METHOD:
      return g_strdup (C_("board pack page", "Method and sources"));
    case FW_BOARD_PACK_N_PAGES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Drawing: text */

typedef struct
{
  FwBoardPack  *pack;
  cairo_t      *cr;
  PangoContext *context; /* at 72 to the inch: sizes are points */
  guint         index;
} Page;

static PangoLayout *
page_layout (Page        *page,
             const char  *text,
             double       width,
             double       size,
             PangoWeight  weight,
             int          max_lines)
{
  PangoLayout *layout = pango_layout_new (page->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) round (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
set_color (Page               *page,
           const FwChartColor *color)
{
  cairo_set_source_rgba (page->cr, color->red, color->green, color->blue, color->alpha);
}

static void
show_layout (Page               *page,
             PangoLayout        *layout,
             const FwChartColor *color,
             double              x,
             double              y)
{
  set_color (page, color);
  cairo_move_to (page->cr, x, y);
  pango_cairo_show_layout (page->cr, layout);
}

/* Draws @text wrapped to @width from (@x, @y) and returns its height. */
static double
page_text (Page               *page,
           const char         *text,
           double              x,
           double              y,
           double              width,
           double              size,
           PangoWeight         weight,
           const FwChartColor *color,
           PangoAlignment      align,
           int                 max_lines)
{
  g_autoptr(PangoLayout) layout = page_layout (page, text, width, size, weight, max_lines);

  pango_layout_set_alignment (layout, align);
  show_layout (page, layout, color, x, y);
  return layout_height (layout);
}

static double
text_height (Page       *page,
             const char *text,
             double      width,
             double      size,
             PangoWeight weight,
             int         max_lines)
{
  g_autoptr(PangoLayout) layout = page_layout (page, text, width, size, weight, max_lines);

  return layout_height (layout);
}

static void
page_rule (Page               *page,
           double              x0,
           double              x1,
           double              y,
           double              line_width,
           const FwChartColor *color)
{
  cairo_save (page->cr);
  set_color (page, color);
  cairo_set_line_width (page->cr, line_width);
  cairo_move_to (page->cr, x0, y);
  cairo_line_to (page->cr, x1, y);
  cairo_stroke (page->cr);
  cairo_restore (page->cr);
}

/* Drawing: the frame of every page */

static char *
kicker_text (const FwBoardPack *pack)
{
  if (pack->organisation[0] == '\0')
    return g_strdup (pack->title);
  /* Translators: the running head of the board pack: the organisation, then
   * the title, as in "Acme Retail · Customer and Employee Experience". */
  return g_strdup_printf (_("%s · %s"), pack->organisation, pack->title);
}

static void
draw_footer (Page *page)
{
  const FwBoardPack *pack = page->pack;
  const FwChartTheme *theme = &pack->theme;
  g_autofree char *kicker = kicker_text (pack);
  g_autofree char *period = NULL;
  g_autofree char *number = NULL;
  double y = FOOTER_RULE_Y + 7;
  double third = CONTENT_W / 3;

  page_rule (page, MARGIN, PAGE_W - MARGIN, FOOTER_RULE_Y, 0.5, &theme->grid);
  /* Translators: %s is a period, as in "January 1, 2026 to December 31, 2026". */
  period = g_strdup_printf (_("Period: %s"), pack->period);
  /* Translators: a page number, as in "Page 3 of 9". */
  number = g_strdup_printf (_("Page %u of %u"), page->index + 1, FW_BOARD_PACK_N_PAGES);

  page_text (page, kicker, MARGIN, y, third - 12, SIZE_FOOTER, PANGO_WEIGHT_NORMAL, &theme->dim,
             PANGO_ALIGN_LEFT, 1);
  page_text (page, period, MARGIN + third - 30, y, third + 60, SIZE_FOOTER, PANGO_WEIGHT_NORMAL,
             &theme->dim, PANGO_ALIGN_CENTER, 1);
  page_text (page, number, MARGIN + 2 * third + 12, y, third - 12, SIZE_FOOTER,
             PANGO_WEIGHT_NORMAL, &theme->dim, PANGO_ALIGN_RIGHT, 1);
}

/* Draws the heading of a page and returns where its content starts. */
static double
draw_heading (Page       *page,
              const char *lede)
{
  const FwBoardPack *pack = page->pack;
  const FwChartTheme *theme = &pack->theme;
  g_autofree char *kicker = kicker_text (pack);
  g_autofree char *title = fw_board_pack_get_page_title (pack, page->index);
  double y = TOP;

  y += page_text (page, kicker, MARGIN, y, CONTENT_W, SIZE_KICKER, PANGO_WEIGHT_NORMAL,
                  &theme->accent, PANGO_ALIGN_LEFT, 1);
  y += 2;
  y += page_text (page, title, MARGIN, y, CONTENT_W, SIZE_TITLE, PANGO_WEIGHT_BOLD,
                  &theme->foreground, PANGO_ALIGN_LEFT, 1);
  if (lede != NULL && lede[0] != '\0')
    {
      y += 4;
      y += page_text (page, lede, MARGIN, y, CONTENT_W * 0.8, SIZE_LEDE, PANGO_WEIGHT_NORMAL,
                      &theme->dim, PANGO_ALIGN_LEFT, 3);
    }
  return y + 18;
}

/* Draws @chart in the rectangle, in screen pixels scaled to points. */
static void
draw_chart (Page    *page,
            FwChart *chart,
            double   x,
            double   y,
            double   width,
            double   height)
{
  FwChartTheme theme = page->pack->theme;

  theme.background.alpha = 0;
  cairo_save (page->cr);
  cairo_translate (page->cr, x, y);
  cairo_scale (page->cr, FW_EXPORT_POINTS_PER_PIXEL, FW_EXPORT_POINTS_PER_PIXEL);
  fw_chart_render (chart, page->cr, width / FW_EXPORT_POINTS_PER_PIXEL,
                   height / FW_EXPORT_POINTS_PER_PIXEL, &theme);
  cairo_restore (page->cr);
}

/* A page of one large chart: the heading says what it shows, the foot
 * gives n and the definition. */
static void
draw_chart_page (Page       *page,
                 FwChart    *chart,
                 const char *lede,
                 const char *footnote)
{
  const FwChartTheme *theme = &page->pack->theme;
  double y = draw_heading (page, lede);
  double foot = text_height (page, footnote, CONTENT_W, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 3);
  double bottom = CONTENT_BOTTOM - foot;

  page_text (page, footnote, MARGIN, bottom, CONTENT_W, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
             &theme->dim, PANGO_ALIGN_LEFT, 3);
  draw_chart (page, chart, MARGIN, y, CONTENT_W, bottom - 14 - y);
}

/* The pages */

static void
draw_cover (Page *page)
{
  const FwBoardPack *pack = page->pack;
  const FwChartTheme *theme = &pack->theme;
  g_autofree char *made_day = g_date_time_format (pack->made, "%Y-%m-%d");
  g_autofree char *made_text = fw_format_day (made_day);
  g_autofree char *made = NULL;
  g_autofree char *basis = NULL;
  g_autofree char *cx_n = fw_format_count (pack->cx_total->total.tally.n);
  double x = MARGIN + 24;
  double width = CONTENT_W - 48;
  double y = 170;

  /* A band of the accent colour down the left edge, the one ornament. */
  cairo_save (page->cr);
  set_color (page, &theme->accent);
  cairo_rectangle (page->cr, 0, 0, 14, PAGE_H);
  cairo_fill (page->cr);
  cairo_restore (page->cr);

  page_rule (page, x, x + 56, y, 3, &theme->accent);
  y += 22;
  /* The largest line names who the pack is about: the organisation, or
   * without one the title. */
  if (pack->organisation[0] != '\0')
    {
      y += page_text (page, pack->organisation, x, y, width, 32, PANGO_WEIGHT_BOLD,
                      &theme->foreground, PANGO_ALIGN_LEFT, 2);
      y += 6;
      y += page_text (page, pack->title, x, y, width, 22, PANGO_WEIGHT_NORMAL,
                      &theme->foreground, PANGO_ALIGN_LEFT, 2);
    }
  else
    y += page_text (page, pack->title, x, y, width, 32, PANGO_WEIGHT_BOLD, &theme->foreground,
                    PANGO_ALIGN_LEFT, 2);
  y += 18;
  y += page_text (page, pack->filter_text, x, y, width, 14, PANGO_WEIGHT_NORMAL, &theme->dim,
                  PANGO_ALIGN_LEFT, 3);

  if (pack->ex_total->total.suppressed || pack->ex_total->total.tally.n == 0)
    /* Translators: %s is a number of responses. */
    basis = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "From %s customer response",
                                          "From %s customer responses",
                                          (gulong) pack->cx_total->total.tally.n),
                             cx_n);
  else
    {
      g_autofree char *ex_n = fw_format_count (pack->ex_total->total.tally.n);

      /* Translators: the two %s are numbers of responses. */
      basis = g_strdup_printf (_("From %s customer and %s employee responses"), cx_n, ex_n);
    }
  y += 8;
  page_text (page, basis, x, y, width, 11, PANGO_WEIGHT_NORMAL, &theme->dim, PANGO_ALIGN_LEFT,
             2);

  /* Translators: %s is a day, as in "March 5, 2026". */
  made = g_strdup_printf (_("Made on %s with Flywheel"), made_text);
  page_text (page, made, x, FOOTER_RULE_Y - 40, width, 10, PANGO_WEIGHT_NORMAL, &theme->dim,
             PANGO_ALIGN_LEFT, 1);
}

static char *
format_p (double p)
{
  if (p < 0.001)
    return g_strdup ("p < 0.001");
  return g_strdup_printf ("p = %.3f", p);
}

/* "NPS +27.0 (95% interval +26.3 to +27.6), n = 60,031." and its change. */
static char *
describe_score (const FwBoardPack *pack,
                const FwQueryRow  *row,
                FwKind             kind)
{
  const char *name = kind == FW_KIND_CUSTOMER ? _("Customer NPS") : _("Employee eNPS");
  g_autofree char *score = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *n = NULL;
  g_autofree char *change = NULL;

  if (row->suppressed)
    /* Translators: %s is "Employee eNPS", %u the anonymity threshold. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: fewer than %u response, not shown to protect "
                                         "anonymity.",
                                         "%s: fewer than %u responses, not shown to protect "
                                         "anonymity.",
                                         pack->min_group),
                            name, pack->min_group);
  if (row->tally.n == 0)
    /* Translators: %s is "Customer NPS" or "Employee eNPS". */
    return g_strdup_printf (_("%s: no responses in this period."), name);

  score = fw_format_nps (row->nps);
  low = fw_format_nps (row->ci_low);
  high = fw_format_nps (row->ci_high);
  n = fw_format_count (row->tally.n);
  if (isnan (row->delta))
    change = g_strdup (_("No earlier period of the same length to compare with."));
  else
    {
      g_autofree char *delta = fw_format_nps (row->delta);
      g_autofree char *p = format_p (row->p);

      if (!isnan (row->p) && row->p < FW_MOVERS_ALPHA)
        /* Translators: %s is a change in points, as in "+3.2", then "p = 0.012". */
        change = g_strdup_printf (_("%s points against the period before: a significant "
                                    "change (%s)."),
                                  delta, p);
      else
        change = g_strdup_printf (_("%s points against the period before: within chance "
                                    "(%s)."),
                                  delta, p);
    }
  /* Translators: "Customer NPS: +27.0 (95% interval +26.3 to +27.6), n = 60,031." then
   * the change. */
  return g_strdup_printf (_("%s: %s (95%% interval %s to %s), n = %s. %s"), name, score, low, high,
                          n, change);
}

static void
draw_summary (Page *page)
{
  const FwBoardPack *pack = page->pack;
  const FwChartTheme *theme = &pack->theme;
  const FwQueryRow *cx = &pack->cx_total->total;
  const FwQueryRow *ex = &pack->ex_total->total;
  g_autoptr(FwChart) tiles = NULL;
  g_autofree char *cx_text = describe_score (pack, cx, FW_KIND_CUSTOMER);
  g_autofree char *ex_text = describe_score (pack, ex, FW_KIND_EMPLOYEE);
  g_autofree char *at_risk = NULL;
  g_autofree char *at_risk_text = NULL;
  FwChartTile tile[3];
  gint64 shown = cx->tally.n + (ex->suppressed ? 0 : ex->tally.n);
  double y, column_y, left_w, right_x, right_w;

  y = draw_heading (page, pack->filter_text);

  tile[0] = (FwChartTile) { .label = _("NPS"), .value = cx->nps, .n = cx->tally.n,
                            .delta = cx->delta, .p = cx->p, .suppressed = FALSE };
  tile[1] = (FwChartTile) { .label = _("eNPS"), .value = ex->nps, .n = ex->tally.n,
                            .delta = ex->delta, .p = ex->p, .suppressed = ex->suppressed };
  /* The total counts only what is shown, or the hidden employee count would
   * follow from subtracting the customers. */
  tile[2] = (FwChartTile) { .label = _("Responses"), .value = (double) shown, .is_count = TRUE,
                            .n = shown, .delta = NAN, .p = NAN, .suppressed = FALSE };
  tiles = fw_chart_new_tiles (tile, G_N_ELEMENTS (tile));
  fw_chart_set_min_group (tiles, pack->min_group);
  draw_chart (page, tiles, MARGIN, y, CONTENT_W, 112);
  y += 112 + 20;

  y += page_text (page, cx_text, MARGIN, y, CONTENT_W, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                  &theme->foreground, PANGO_ALIGN_LEFT, 2);
  y += 6;
  y += page_text (page, ex_text, MARGIN, y, CONTENT_W, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                  &theme->foreground, PANGO_ALIGN_LEFT, 2);
  y += 22;
  page_rule (page, MARGIN, PAGE_W - MARGIN, y - 10, 0.5, &theme->grid);

  /* Two columns: the movers and the repeat detractors. */
  column_y = y;
  left_w = CONTENT_W * 0.6;
  right_x = MARGIN + left_w + 36;
  right_w = CONTENT_W - left_w - 36;

  y += page_text (page, _("Units that moved most"), MARGIN, y, left_w, SIZE_HEADING,
                  PANGO_WEIGHT_BOLD, &theme->foreground, PANGO_ALIGN_LEFT, 1);
  y += 2;
  y += page_text (page, _("Customer NPS against the unit’s quarter before; significant changes "
                          "only (p < 0.05), the latest quarter first."),
                  MARGIN, y, left_w, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &theme->dim,
                  PANGO_ALIGN_LEFT, 2);
  y += 8;
  if (pack->movers->len == 0)
    page_text (page, _("No unit changed significantly in this period."), MARGIN, y, left_w,
               SIZE_BODY, PANGO_WEIGHT_NORMAL, &theme->foreground, PANGO_ALIGN_LEFT, 2);
  else
    {
      /* Unit, quarter, NPS, change, p: text left, numbers right. */
      const double stops[] = { 0, 0.40, 0.58, 0.72, 0.86, 1.0 };
      const char *headings[] = { _("Unit"), _("Quarter"), _("NPS"), _("Change"), "p" };

      for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
        page_text (page, headings[c], MARGIN + stops[c] * left_w, y,
                   (stops[c + 1] - stops[c]) * left_w - 8, SIZE_SMALL, PANGO_WEIGHT_BOLD,
                   &theme->dim, c < 2 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, 1);
      y += 14;
      page_rule (page, MARGIN, MARGIN + left_w, y, 0.5, &theme->grid);
      y += 5;
      for (guint i = 0; i < pack->movers->len; i++)
        {
          const Mover *mover = &g_array_index (pack->movers, Mover, i);
          g_autofree char *nps = fw_format_nps (mover->nps);
          g_autofree char *delta = fw_format_nps (mover->delta);
          g_autofree char *p = format_p (mover->p);
          const char *cells[] = { mover->unit, mover->quarter, nps, delta, p };
          double row_h = 0;

          for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
            {
              const FwChartColor *color = &theme->foreground;

              if (c == 3)
                color = mover->delta < 0 ? &theme->detractor : &theme->promoter;
              row_h = MAX (row_h,
                           page_text (page, cells[c], MARGIN + stops[c] * left_w, y,
                                      (stops[c + 1] - stops[c]) * left_w - 8, SIZE_BODY,
                                      c == 3 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, color,
                                      c < 2 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, 1));
            }
          y += row_h + 5;
          page_rule (page, MARGIN, MARGIN + left_w, y - 2, 0.5, &theme->grid);
          y += 3;
        }
    }

  y = column_y;
  y += page_text (page, _("Repeat detractors"), right_x, y, right_w, SIZE_HEADING,
                  PANGO_WEIGHT_BOLD, &theme->foreground, PANGO_ALIGN_LEFT, 1);
  y += 4;
  at_risk = fw_format_count (pack->n_at_risk);
  y += page_text (page, at_risk, right_x, y, right_w, 30, PANGO_WEIGHT_BOLD, &theme->detractor,
                  PANGO_ALIGN_LEFT, 1);
  y += 2;
  /* Translators: follows a number of customers in large type. */
  at_risk_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "customer gave two or more detractor answers "
                                               "(0–6) within %d days in this period. Most stay "
                                               "when a bad experience is put right quickly: "
                                               "reach them first.",
                                               "customers gave two or more detractor answers "
                                               "(0–6) within %d days in this period. Most stay "
                                               "when a bad experience is put right quickly: "
                                               "reach them first.",
                                               (gulong) pack->n_at_risk),
                                  FW_AT_RISK_DAYS);
  page_text (page, at_risk_text, right_x, y, right_w, SIZE_BODY, PANGO_WEIGHT_NORMAL,
             &theme->foreground, PANGO_ALIGN_LEFT, 6);
}

static void
draw_trend_page (Page   *page,
                 FwKind  kind)
{
  const FwBoardPack *pack = page->pack;
  gboolean customer = kind == FW_KIND_CUSTOMER;
  g_autoptr(FwChart) chart = NULL;
  g_autofree char *lede = NULL;
  g_autofree char *footnote = NULL;

  chart = fw_chart_new_trend (customer ? pack->cx_trend : NULL,
                              customer ? NULL : pack->ex_trend, NAN);
  fw_chart_set_min_group (chart, pack->min_group);
  lede = fw_chart_get_description (chart);
  footnote = fw_export_footnote (customer ? pack->cx_total : NULL,
                                 customer ? NULL : pack->ex_total, pack->min_group, TRUE);
  draw_chart_page (page, chart, lede, footnote);
}

static void
draw_units_page (Page   *page,
                 FwKind  kind)
{
  const FwBoardPack *pack = page->pack;
  gboolean customer = kind == FW_KIND_CUSTOMER;
  g_autoptr(FwChart) chart = NULL;
  g_autofree char *lede = NULL;
  g_autofree char *footnote = NULL;

  chart = fw_chart_new_breakdown (customer ? pack->cx_units : pack->ex_units,
                                  FW_CHART_SORT_BY_SCORE, pack->min_group);
  lede = fw_chart_get_description (chart);
  footnote = fw_export_footnote (customer ? pack->cx_total : NULL,
                                 customer ? NULL : pack->ex_total, pack->min_group, TRUE);
  draw_chart_page (page, chart, lede, footnote);
}

static void
draw_link_page (Page *page)
{
  const FwBoardPack *pack = page->pack;
  g_autoptr(FwChart) chart = fw_chart_new_link (pack->link, pack->link_lag);
  g_autofree char *description = fw_chart_get_description (chart);
  g_autofree char *footnote = fw_export_link_footnote (pack->link, pack->link_lag);
  g_autofree char *lede = NULL;

  if (pack->link->best_lag < 0)
    /* Translators: %s is the chart's description. */
    lede = g_strdup_printf (_("No lag has enough unit-quarters to call a best fit; this is the "
                              "same quarter. %s"),
                            description);
  else if (pack->units[0] != NULL)
    /* Translators: %s is the chart's description. */
    lede = g_strdup_printf (_("Over every unit, whatever units the pack is for. %s"),
                            description);
  else
    lede = g_steal_pointer (&description);
  draw_chart_page (page, chart, lede, footnote);
}

/* Draws one comment in a column and returns its height, or 0 when it
 * does not fit above @bottom (and then draws nothing). */
static double
draw_comment (Page            *page,
              const FwComment *comment,
              gboolean         employee,
              double           x,
              double           y,
              double           width,
              double           bottom)
{
  const FwChartTheme *theme = &page->pack->theme;
  g_autofree char *quoted = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *day = NULL;
  GString *parts = g_string_new (NULL);
  double height;

  /* Translators: a quoted comment; use your language's quotation marks. */
  quoted = g_strdup_printf (_("“%s”"), comment->text);
  if (employee)
    {
      int year, month;

      /* Employees get their month only, never a day. */
      if (sscanf (comment->day, "%4d-%2d", &year, &month) == 2 && month >= 1 && month <= 12)
        g_string_append_printf (parts, "%s %d", fw_format_month_name (month), year);
      else
        g_string_append (parts, comment->day);
    }
  else
    {
      day = fw_format_day (comment->day);
      g_string_append (parts, day);
    }
  if (comment->unit != NULL)
    g_string_append_printf (parts, " · %s", comment->unit);
  if (!employee && comment->touchpoint != NULL)
    g_string_append_printf (parts, " · %s", comment->touchpoint);
  if (!employee && comment->score >= 0)
    /* Translators: the score of a comment's answer, as in "score 3". */
    g_string_append_printf (parts, _(" · score %d"), comment->score);
  meta = g_string_free (parts, FALSE);

  height = text_height (page, quoted, width, SIZE_BODY, PANGO_WEIGHT_NORMAL, 3)
           + 2 + text_height (page, meta, width, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 1);
  if (y + height > bottom)
    return 0;

  y += page_text (page, quoted, x, y, width, SIZE_BODY, PANGO_WEIGHT_NORMAL, &theme->foreground,
                  PANGO_ALIGN_LEFT, 3);
  y += 2;
  page_text (page, meta, x, y, width, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &theme->dim,
             PANGO_ALIGN_LEFT, 1);
  return height;
}

static void
draw_comment_column (Page       *page,
                     const char *heading,
                     const char *note,
                     GArray     *comments,
                     gboolean    employee,
                     const char *none,
                     double      x,
                     double      y,
                     double      width)
{
  const FwChartTheme *theme = &page->pack->theme;

  y += page_text (page, heading, x, y, width, SIZE_HEADING, PANGO_WEIGHT_BOLD,
                  &theme->foreground, PANGO_ALIGN_LEFT, 1);
  y += 2;
  y += page_text (page, note, x, y, width, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &theme->dim,
                  PANGO_ALIGN_LEFT, 3);
  y += 10;
  if (comments->len == 0)
    {
      page_text (page, none, x, y, width, SIZE_BODY, PANGO_WEIGHT_NORMAL, &theme->foreground,
                 PANGO_ALIGN_LEFT, 4);
      return;
    }
  for (guint i = 0; i < comments->len; i++)
    {
      double height = draw_comment (page, &g_array_index (comments, FwComment, i), employee, x, y,
                                    width, CONTENT_BOTTOM);

      if (height == 0)
        break;
      y += height + 11;
    }
}

static void
draw_comments (Page *page)
{
  const FwBoardPack *pack = page->pack;
  g_autofree char *ex_note = NULL;
  g_autofree char *ex_none = NULL;
  double y = draw_heading (page, pack->filter_text);
  double left_w = CONTENT_W * 0.6;
  double right_x = MARGIN + left_w + 36;
  double right_w = CONTENT_W - left_w - 36;

  draw_comment_column (page, _("Customers"),
                       _("The most recent comments of customers who scored 0 to 6, newest "
                         "first."),
                       pack->cx_comments, FALSE,
                       _("No customer detractor left a comment in this period."), MARGIN, y,
                       left_w);

  /* Translators: %u is a number of answers. */
  ex_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Only from units with at least %u employee answer in "
                                          "the month, without day or score, so that no comment "
                                          "points to its writer.",
                                          "Only from units with at least %u employee answers in "
                                          "the month, without day or score, so that no comment "
                                          "points to its writer.",
                                          pack->comment_threshold),
                             pack->comment_threshold);
  ex_none = g_strdup (_("No employee comments from a unit large enough in this period."));
  draw_comment_column (page, _("Employees"), ex_note, pack->ex_comments, TRUE, ex_none, right_x,
                       y, right_w);
}

static double
draw_section (Page       *page,
              const char *heading,
              const char *body,
              double      x,
              double      y,
              double      width)
{
  const FwChartTheme *theme = &page->pack->theme;
  double top = y;

  y += page_text (page, heading, x, y, width, SIZE_BODY + 1, PANGO_WEIGHT_BOLD,
                  &theme->foreground, PANGO_ALIGN_LEFT, 1);
  y += 2;
  y += page_text (page, body, x, y, width, SIZE_BODY - 0.5, PANGO_WEIGHT_NORMAL,
                  &theme->foreground, PANGO_ALIGN_LEFT, 0);
  return y - top + 16;
}

static void
draw_sources (Page   *page,
              double  x,
              double  y,
              double  width)
{
  const FwBoardPack *pack = page->pack;
  const FwChartTheme *theme = &pack->theme;
  const double stops[] = { 0, 0.42, 0.56, 0.72, 1.0 };
  const char *headings[] = { _("File"), _("Kind"), _("Responses"), _("Imported") };

  y += page_text (page, _("Data sources"), x, y, width, SIZE_BODY + 1, PANGO_WEIGHT_BOLD,
                  &theme->foreground, PANGO_ALIGN_LEFT, 1);
  y += 6;
  if (pack->batches->len == 0)
    {
      page_text (page, _("No imports."), x, y, width, SIZE_SMALL + 0.5, PANGO_WEIGHT_NORMAL,
                 &theme->foreground, PANGO_ALIGN_LEFT, 1);
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    page_text (page, headings[c], x + stops[c] * width, y, (stops[c + 1] - stops[c]) * width - 6,
               SIZE_SMALL, PANGO_WEIGHT_BOLD, &theme->dim,
               c == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 1);
  y += 13;
  page_rule (page, x, x + width, y, 0.5, &theme->grid);
  y += 4;
  for (guint i = 0; i < pack->batches->len && i < SOURCES_SHOWN; i++)
    {
      const FwBatchSummary *batch = g_ptr_array_index (pack->batches, i);
      /* An employee file's count holds its small groups too: the count of
       * one file against another's, or of the same file in two databases,
       * would give one away.  A board pack leaves the building. */
      g_autofree char *count = g_str_equal (batch->kind, "customer")
                               ? fw_format_count (batch->row_count) : g_strdup ("—");
      g_autofree char *day = g_strndup (batch->imported_at, 10);
      g_autofree char *imported = fw_format_day (day);
      const char *kind = g_str_equal (batch->kind, "customer") ? _("Customers")
                         : g_str_equal (batch->kind, "employee") ? _("Employees")
                         : _("Both");
      const char *cells[] = { batch->source_name, kind, count, imported };

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        page_text (page, cells[c], x + stops[c] * width, y,
                   (stops[c + 1] - stops[c]) * width - 6, SIZE_BODY - 0.5, PANGO_WEIGHT_NORMAL,
                   &theme->foreground, c == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 1);
      y += 16;
    }
  if (pack->batches->len > SOURCES_SHOWN)
    {
      g_autofree char *more = NULL;
      guint rest = pack->batches->len - SOURCES_SHOWN;

      /* Translators: %u is a number of imported files not listed. */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more import",
                                           "and %u more imports", rest),
                              rest);
      page_text (page, more, x, y, width, SIZE_SMALL, PANGO_WEIGHT_NORMAL, &theme->dim,
                 PANGO_ALIGN_LEFT, 1);
    }
}

static void
draw_method (Page *page)
{
  const FwBoardPack *pack = page->pack;
  g_autofree char *anonymity = NULL;
  g_autofree char *link = NULL;
  g_autofree char *at_risk = NULL;
  double column_w = (CONTENT_W - 36) / 2;
  double left_x = MARGIN;
  double right_x = MARGIN + column_w + 36;
  double y = draw_heading (page, NULL);
  double top = y;

  y += draw_section (page, _("Net Promoter Score"),
                     _("Customers answer “How likely are you to recommend us to a friend or "
                       "colleague?” from 0 to 10. Promoters answer 9 or 10, passives 7 or 8, "
                       "detractors 0 to 6. NPS is the percentage of promoters minus the "
                       "percentage of detractors, from −100 to +100. eNPS is the same for "
                       "employees, asked whether they would recommend us as a place to work."),
                     left_x, y, column_w);
  y += draw_section (page, _("Intervals and changes"),
                     /* xgettext:no-c-format */
                     _("Every score comes with a 95% interval by the adjusted-Wald method (Rocks, "
                       "2016), which holds for small groups too. A change against the period "
                       "before is tested with a two-sided z test on the two scores; it is "
                       "called significant when p is below 0.05. Trend charts mark such "
                       "changes."),
                     left_x, y, column_w);
  anonymity = g_strdup_printf (_("No employee figure, chart element or comment is shown for a "
                                 "group of fewer than %u responses, in any combination of "
                                 "filters, and no such group can be worked out by subtracting "
                                 "two shown figures. Employee figures go no finer than a "
                                 "month. Employee comments come only from units with at least "
                                 "%u employee answers in the month, without their day."),
                               pack->min_group, pack->comment_threshold);
  y += draw_section (page, _("Anonymity"), anonymity, left_x, y, column_w);

  y = top;
  link = g_strdup_printf (_("Each point is one unit in one fiscal quarter with at least %u "
                            "employee and %u customer answers: its eNPS beside its NPS in the "
                            "same quarter or 1, 2 or 4 quarters later. Pearson’s r (with a 95%% "
                            "interval by Fisher’s z) and Spearman’s ρ measure the link; the lag "
                            "shown is the one with the strongest link among those with at "
                            "least %u points. An association, not causation."),
                          MAX ((guint) FW_LINK_EX_MIN_N_DEFAULT, pack->min_group),
                          (guint) FW_LINK_CX_MIN_N_DEFAULT, (guint) FW_LINK_MIN_PAIRS_DEFAULT);
  y += draw_section (page, _("Employees and customers"), link, right_x, y, column_w);
  at_risk = g_strdup_printf (_("Customers, by their customer key, with two or more detractor "
                               "answers at most %d days apart in the period. About a third of "
                               "customers leave after one bad experience and nine in ten after "
                               "two or three; more than half stay when it is put right "
                               "quickly."),
                             FW_AT_RISK_DAYS);
  y += draw_section (page, _("Repeat detractors"), at_risk, right_x, y, column_w);
  draw_sources (page, right_x, y, column_w);
}

/**
 * fw_board_pack_render_page:
 *
 * Draws @page of the pack, scaled to fit @width x @height of @cr and
 * centred, on a white sheet.
 */
void
fw_board_pack_render_page (FwBoardPack *pack,
                           guint        page_index,
                           cairo_t     *cr,
                           double       width,
                           double       height)
{
  Page page = { pack, cr, NULL, page_index };
  double scale;

  g_return_if_fail (pack != NULL && cr != NULL);
  g_return_if_fail (page_index < FW_BOARD_PACK_N_PAGES);

  scale = MIN (width / PAGE_W, height / PAGE_H);
  cairo_save (cr);
  cairo_translate (cr, (width - PAGE_W * scale) / 2, (height - PAGE_H * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Sizes in points: Pango's screen default is 96 to the inch. */
  page.context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (page.context, 72);

  switch ((FwBoardPackPage) page_index)
    {
    case FW_BOARD_PACK_COVER:
      draw_cover (&page);
      break;
    case FW_BOARD_PACK_SUMMARY:
      draw_summary (&page);
      break;
    case FW_BOARD_PACK_CX_TREND:
      draw_trend_page (&page, FW_KIND_CUSTOMER);
      break;
    case FW_BOARD_PACK_EX_TREND:
      draw_trend_page (&page, FW_KIND_EMPLOYEE);
      break;
    case FW_BOARD_PACK_CX_UNITS:
      draw_units_page (&page, FW_KIND_CUSTOMER);
      break;
    case FW_BOARD_PACK_EX_UNITS:
      draw_units_page (&page, FW_KIND_EMPLOYEE);
      break;
    case FW_BOARD_PACK_LINK:
      draw_link_page (&page);
      break;
    case FW_BOARD_PACK_COMMENTS:
      draw_comments (&page);
      break;
    case FW_BOARD_PACK_METHOD:
      draw_method (&page);
      break;
    case FW_BOARD_PACK_N_PAGES:
    default:
      g_assert_not_reached ();
    }
  draw_footer (&page);

  g_object_unref (page.context);
  cairo_restore (cr);
}

/* Writing */

static gboolean
check_pdf_name (const char *path,
                GError    **error)
{
  FwExportFormat format;

  if (fw_export_format_from_path (path, &format, NULL) && format == FW_EXPORT_PDF)
    return TRUE;

  {
    g_autofree char *display = g_filename_display_name (path);

    /* Translators: %s is a file name. */
    g_set_error (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_FORMAT,
                 _("Cannot save “%s”: a board pack is a PDF, so the name must end in .pdf."),
                 display);
  }
  return FALSE;
}

/**
 * fw_board_pack_write:
 *
 * Writes the pack to @path as a PDF: one A4 landscape page each, with
 * metadata (title, author, subject, creation date), an outline entry per
 * page, and fonts embedded.  The file appears whole or not at all.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
fw_board_pack_write (FwBoardPack *pack,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(FwExportFile) file = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *created = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (pack != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_pdf_name (path, error))
    return FALSE;
  file = fw_export_file_new (path, error);
  if (file == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (fw_export_file_write, file, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pack->title);
  /* A PDF names its author; the organisation is who speaks in a pack. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  pack->organisation[0] != '\0' ? pack->organisation
                                                                : PACKAGE_NAME);
  /* Translators: the subject of the PDF; %s is the period. */
  subject = g_strdup_printf (_("NPS, eNPS and the link between them, %s"), pack->period);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  PACKAGE_NAME " " PACKAGE_VERSION);
  created = g_date_time_format (pack->made, "%Y-%m-%dT%H:%M:%S%:z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  cr = cairo_create (surface);
  for (guint i = 0; i < FW_BOARD_PACK_N_PAGES; i++)
    {
      g_autofree char *title = fw_board_pack_get_page_title (pack, i);
      g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

      fw_board_pack_render_page (pack, i, cr, PAGE_W, PAGE_H);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, title, link, 0);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return fw_export_file_commit (file, status, error);
}
