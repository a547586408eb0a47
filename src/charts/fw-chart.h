/* fw-chart.h: the charts, drawn with Cairo and Pango, with no widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart is a plain value: it is made from finished figures of the query
 * layer (it never queries), keeps its own copy of them, and draws itself on
 * any cairo_t with fw_chart_render().  The same call serves the window
 * (through gtk_snapshot_append_cairo()), PDF, PNG and SVG export, and the
 * tests on image surfaces.
 *
 * After a render the chart knows where it put things: its items (a point,
 * a bar, a cell, a tile: what hover, click and the arrow keys step through,
 * each with a sentence that says its exact figures) and the rectangles of
 * every text label it drew, so that tests can check that no two overlap.
 *
 * Employee figures arrive already suppressed by the query layer; a chart
 * draws a suppressed group as an empty, labelled place, never as a zero and
 * never as a gap.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "fw-insights.h"
#include "fw-query.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} FwChartColor;

/* Colours and type for one look.  The window fills one from the GTK style
 * (light, dark, high contrast); exports and tests use
 * fw_chart_theme_init(). */
typedef struct
{
  FwChartColor background;
  FwChartColor foreground;   /* text, axis labels */
  FwChartColor dim;          /* secondary text: n, footnotes */
  FwChartColor grid;
  FwChartColor customer;     /* the CX series */
  FwChartColor employee;     /* the EX series */
  FwChartColor promoter;     /* colour-blind safe: blue, grey, orange */
  FwChartColor passive;
  FwChartColor detractor;
  FwChartColor suppressed;   /* the fill of an empty, hidden group */
  FwChartColor accent;       /* focus ring, significance markers, target */
  char        *font_family;  /* NULL: "Sans" */
  double       font_size;    /* in points at scale 1; 0: 10 */
} FwChartTheme;

typedef enum
{
  FW_CHART_STYLE_LIGHT,
  FW_CHART_STYLE_DARK,
  FW_CHART_STYLE_HIGH_CONTRAST,
} FwChartStyle;

void fw_chart_theme_init  (FwChartTheme *theme,
                           FwChartStyle  style);
void fw_chart_theme_clear (FwChartTheme *theme);

typedef enum
{
  FW_CHART_TREND,
  FW_CHART_BREAKDOWN,
  FW_CHART_LINK,
  FW_CHART_HEATMAP,
  FW_CHART_TILES,
} FwChartType;

typedef struct
{
  double x, y, width, height;
} FwChartRect;

/* One thing on the chart that can be pointed at. */
typedef struct
{
  FwChartRect area;        /* where it was drawn, in the render's units */
  char       *label;       /* short: "March 2025", "Billing" */
  char       *description; /* whole: "March 2025: NPS +31.8 (95% interval +24.0 to
                            * +39.1), 412 responses" or "Billing: fewer than 5
                            * responses, not shown" */
  char       *unit;        /* the unit it stands for, or NULL */
} FwChartItem;

typedef enum
{
  FW_CHART_SORT_BY_SCORE,
  FW_CHART_SORT_BY_NAME,
} FwChartSort;

/* One tile of the tiles chart: NPS, eNPS or responses. */
typedef struct
{
  const char *label;      /* "NPS", "eNPS", "Responses" */
  double      value;      /* the score, or the count for a count tile */
  gboolean    is_count;   /* a number of responses rather than a score */
  gint64      n;          /* responses behind a score */
  double      delta;      /* change against the previous period; NAN for none */
  double      p;          /* its two-sided p; NAN for none */
  gboolean    suppressed; /* an employee figure below the threshold */
} FwChartTile;

typedef struct _FwChart FwChart;

/* The constructors copy what they need; the arguments stay the caller's.
 * @cx and @ex of a trend are results grouped by a period (either may be
 * NULL, not both); @target is a target line in NPS points, or NAN.  A
 * breakdown takes a unit or touchpoint grouping, a heatmap a unit x month
 * or unit x quarter grouping.  @min_group is the threshold that the
 * labels of suppressed groups name. */
FwChart     *fw_chart_new_trend     (const FwQueryResult *cx,
                                     const FwQueryResult *ex,
                                     double               target);
FwChart     *fw_chart_new_breakdown (const FwQueryResult *result,
                                     FwChartSort          sort,
                                     guint                min_group);
FwChart     *fw_chart_new_link      (const FwLink        *link,
                                     guint                lag);
FwChart     *fw_chart_new_heatmap   (const FwQueryResult *result,
                                     guint                min_group);
FwChart     *fw_chart_new_tiles     (const FwChartTile   *tiles,
                                     guint                n_tiles);
void         fw_chart_free          (FwChart             *chart);

/* The employee anonymity threshold that hidden groups of a trend or of
 * tiles name ("fewer than 5 responses"); 0, the default, names none. */
void         fw_chart_set_min_group (FwChart             *chart,
                                     guint                min_group);

FwChartType  fw_chart_get_chart_type (const FwChart      *chart);

/* Draws the chart in the rectangle (0, 0, @width, @height) of @cr, in user
 * units (pixels on screen, points in a PDF).  Text is laid out with
 * PangoCairo, so the chart follows the locale's numbers and month names. */
void         fw_chart_render        (FwChart             *chart,
                                     cairo_t             *cr,
                                     double               width,
                                     double               height,
                                     const FwChartTheme  *theme);

/* What the last render drew.  Items are in reading order; the index is the
 * one fw_chart_set_focus() takes. */
guint              fw_chart_get_n_items  (const FwChart *chart);
const FwChartItem *fw_chart_get_item     (const FwChart *chart,
                                          guint          index);
/* The item at (@x, @y) of the last render, or -1. */
int                fw_chart_item_at      (const FwChart *chart,
                                          double         x,
                                          double         y);
/* The item drawn with a focus ring on the next render; -1 for none. */
void               fw_chart_set_focus    (FwChart       *chart,
                                          int            index);
int                fw_chart_get_focus    (const FwChart *chart);

/* The rectangles of every text label the last render drew. */
const FwChartRect *fw_chart_get_label_rects (const FwChart *chart,
                                             guint         *n_rects);

/* A translated name ("Customer NPS by month") and a few sentences that say
 * what the chart shows, for screen readers and export footnotes. */
char              *fw_chart_get_title       (const FwChart *chart);
char              *fw_chart_get_description (const FwChart *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwChart, fw_chart_free)

G_END_DECLS
