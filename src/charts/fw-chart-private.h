/* fw-chart-private.h: what the chart renderers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart is one FwChart with a small table of functions for its type
 * and its own copy of the figures.  fw-chart.c owns the bookkeeping (items,
 * label rectangles, focus), the lines and shapes and the sentences;
 * fw-chart-text.c keeps text legible and apart; fw-chart-axis.c writes
 * numbers and periods.  Each fw-chart-<type>.c only lays out and draws.
 */

#pragma once

#include <pango/pangocairo.h>

#include "fw-chart.h"

G_BEGIN_DECLS

typedef struct
{
  /* Draws into chart->cr within (0, 0, chart->width, chart->height); the
   * background is already painted and the item and label lists are empty. */
  void  (*render)          (FwChart       *chart);
  char *(*get_title)       (const FwChart *chart);
  char *(*get_description) (const FwChart *chart);
  void  (*free_data)       (gpointer       data);
} FwChartClass;

typedef enum
{
  FW_CHART_FONT_NORMAL,
  FW_CHART_FONT_SMALL,
  FW_CHART_FONT_BOLD,
  FW_CHART_FONT_LARGE, /* bold, 1.5 times */
  FW_CHART_FONT_HUGE,  /* bold, 2.4 times: the figure of a tile */
  FW_CHART_N_FONTS
} FwChartFont;

struct _FwChart
{
  FwChartType         type;
  const FwChartClass *klass;
  gpointer            data;
  guint               min_group; /* 0: the threshold is not known */

  GArray             *items;  /* FwChartItem */
  GArray             *labels; /* FwChartRect */
  int                 focus;

  /* Where the last render put its value axis, for tests and hit-testing:
   * y_max is at plot.y, y_min at plot.y + plot.height. */
  FwChartRect         plot;
  double              y_min;
  double              y_max;

  /* Valid during fw_chart_render() only. */
  cairo_t              *cr;
  const FwChartTheme   *theme;
  double                width;
  double                height;
  PangoLayout          *layout;
  PangoFontDescription *fonts[FW_CHART_N_FONTS];
  double                em;          /* the normal font's size, in user units */
  double                line_height; /* the normal font's line */
};

FwChart *fw_chart_alloc          (FwChartType         type,
                                  const FwChartClass *klass,
                                  gpointer            data);

/* Bookkeeping. */
void     fw_chart_add_item       (FwChart           *chart,
                                  const FwChartRect *area,
                                  const char        *label,
                                  char              *description,
                                  const char        *unit);
void     fw_chart_set_axes       (FwChart           *chart,
                                  const FwChartRect *plot,
                                  double             y_min,
                                  double             y_max);
double   fw_chart_value_to_y     (const FwChart     *chart,
                                  double             value);
/* For tests: the value axis of the last render. */
void     fw_chart_get_axes       (const FwChart     *chart,
                                  FwChartRect       *plot,
                                  double            *y_min,
                                  double            *y_max);

/* Colours. */
void         fw_chart_set_source (cairo_t            *cr,
                                  const FwChartColor *color,
                                  double              alpha);
FwChartColor fw_chart_mix        (const FwChartColor *a,
                                  const FwChartColor *b,
                                  double              t);
double       fw_chart_luminance  (const FwChartColor *color);

/* Lines and shapes. */
double   fw_chart_snap           (FwChart *chart,
                                  double   coordinate,
                                  gboolean vertical,
                                  double   line_width);
void     fw_chart_hline          (FwChart            *chart,
                                  double              x0,
                                  double              x1,
                                  double              y,
                                  const FwChartColor *color,
                                  double              alpha);
void     fw_chart_vline          (FwChart            *chart,
                                  double              x,
                                  double              y0,
                                  double              y1,
                                  const FwChartColor *color,
                                  double              alpha);
void     fw_chart_rounded_rect   (cairo_t           *cr,
                                  const FwChartRect *rect,
                                  double             radius);
void     fw_chart_hatch          (FwChart           *chart,
                                  const FwChartRect *rect);
void     fw_chart_triangle       (cairo_t *cr,
                                  double   x,
                                  double   y,
                                  double   size,
                                  gboolean up);

/* Text, in fw-chart-text.c.  fw_chart_draw_text() places @text with the point (@x, @y) at
 * (@align_x, @align_y) of its box (0: start or top, 0.5: centre, 1: end or
 * bottom), elides it to @max_width (0: the frame), keeps it inside the
 * frame and records its rectangle.  With @avoid it draws nothing and
 * returns FALSE when the box would overlap a label drawn before. */
void     fw_chart_text_size      (FwChart     *chart,
                                  FwChartFont  font,
                                  const char  *text,
                                  double      *width,
                                  double      *height);
gboolean fw_chart_draw_text      (FwChart            *chart,
                                  FwChartFont         font,
                                  const FwChartColor *color,
                                  const char         *text,
                                  double              x,
                                  double              y,
                                  double              align_x,
                                  double              align_y,
                                  double              max_width,
                                  gboolean            avoid,
                                  FwChartRect        *drawn);
gboolean fw_chart_rect_is_free   (const FwChart     *chart,
                                  const FwChartRect *rect);
void     fw_chart_draw_empty     (FwChart    *chart,
                                  const char *message);

/* A row of legend entries, wrapped to @max_width; returns the height. */
typedef enum
{
  FW_CHART_SWATCH_LINE,
  FW_CHART_SWATCH_BOX,
  FW_CHART_SWATCH_HATCH,
  FW_CHART_SWATCH_TRIANGLE,
  FW_CHART_SWATCH_DASH,
} FwChartSwatch;

typedef struct
{
  FwChartSwatch       swatch;
  const FwChartColor *color;
  const char         *label;
} FwChartLegendEntry;

double   fw_chart_draw_legend    (FwChart                  *chart,
                                  const FwChartLegendEntry *entries,
                                  guint                     n_entries,
                                  double                    x,
                                  double                    y,
                                  double                    max_width);

/* Numbers, in fw-chart-axis.c. */
guint    fw_chart_nice_ticks     (double *low,
                                  double *high,
                                  guint   max_ticks,
                                  double *step);
char    *fw_chart_format_number  (double   value,
                                  int      decimals,
                                  gboolean sign);
char    *fw_chart_format_percent (double   percent);

/* Periods: the keys of FwQueryRow. */
typedef enum
{
  FW_CHART_PERIOD_NONE,
  FW_CHART_PERIOD_DAY,
  FW_CHART_PERIOD_WEEK,
  FW_CHART_PERIOD_MONTH,
  FW_CHART_PERIOD_QUARTER,
  FW_CHART_PERIOD_YEAR,
} FwChartPeriodKind;

FwChartPeriodKind fw_chart_period_parse (const char *key,
                                         int        *year,
                                         int        *number);
char    *fw_chart_period_label   (const char *key);
const char *fw_chart_period_noun (FwChartPeriodKind kind);
/* Labels @n periods at @x0 + (i + 0.5) * @slot below @y, leaving out as
 * many as it takes for the rest to stand apart; returns the height. */
double   fw_chart_draw_period_axis (FwChart           *chart,
                                    const char *const *keys,
                                    guint              n,
                                    double             x0,
                                    double             slot,
                                    double             y);
double   fw_chart_period_axis_height (FwChart           *chart,
                                      const char *const *keys,
                                      guint              n);

/* Sentences for items and descriptions. */
const char *fw_chart_score_name  (FwKind kind);
char    *fw_chart_describe_score (const char *label,
                                  FwKind      kind,
                                  double      nps,
                                  double      low,
                                  double      high,
                                  gint64      n);
char    *fw_chart_describe_hidden (const char *label,
                                   guint       min_group);
char    *fw_chart_hidden_text    (guint min_group);
char    *fw_chart_unit_name      (const char *unit);
char    *fw_chart_title_by       (FwKind      kind,
                                  gboolean    both,
                                  const char *noun);
char    *fw_chart_describe_extremes (const char *high_label,
                                     double      high,
                                     const char *low_label,
                                     double      low);

G_END_DECLS
