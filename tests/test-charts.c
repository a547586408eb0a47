/* test-charts.c: the chart renderers on image surfaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Known series must land on known pixels, labels must never overlap or
 * leave the frame at any width from 800 to 2560 px, hidden employee groups
 * must say so without a number, and the dark theme must draw light text.
 * Realistic data comes from the sample generator through the real query
 * layer.  With FW_CHARTS_OUT set to a folder, every chart is also written
 * there as a PNG to look at.
 */

#include "config.h"

#include <check.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fw-chart-private.h"
#include "fw-demo.h"
#include "fw-insights.h"
#include "fw-paths.h"
#include "fw-query.h"

#define MIN_GROUP 5

/* The sample database, made once for the whole suite. */
static char *tmpdir;
static FwStore *store;

static void
demo_setup (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  tmpdir = g_dir_make_tmp ("fw-charts-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  path = g_build_filename (tmpdir, "flywheel.db", NULL);
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_demo_fill (store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error),
                 "%s", error ? error->message : "");
}

static void
demo_teardown (void)
{
  g_autofree char *path = g_strdup (fw_store_get_path (store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static FwQueryResult *
demo_query (FwKind      kind,
            FwGrouping  grouping,
            const char *from_day,
            const char *to_day)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (kind);
  g_autoptr(GError) error = NULL;
  FwQueryOptions options = FW_QUERY_OPTIONS_INIT;
  FwQueryResult *result;

  options.min_group = MIN_GROUP;
  fw_query_filter_set_range (filter, from_day, to_day);
  result = fw_query_run (store, filter, grouping, &options, &error);
  ck_assert_msg (result != NULL, "%s", error ? error->message : "");
  return result;
}

static FwLink *
demo_link (void)
{
  g_autoptr(GError) error = NULL;
  FwLinkOptions options = FW_LINK_OPTIONS_INIT;
  FwLink *link = fw_insights_link (store, NULL, NULL, &options, &error);

  ck_assert_msg (link != NULL, "%s", error ? error->message : "");
  return link;
}

/* The charts of the dashboard on the sample data. */
typedef enum
{
  DEMO_TREND_CX_MONTH,
  DEMO_TREND_BOTH_MONTH,
  DEMO_TREND_BOTH_QUARTER,
  DEMO_TREND_EX_UNIT,
  DEMO_BREAKDOWN_CX_UNIT,
  DEMO_BREAKDOWN_CX_TOUCHPOINT,
  DEMO_BREAKDOWN_EX_UNIT,
  DEMO_LINK,
  DEMO_HEATMAP_CX_MONTH,
  DEMO_HEATMAP_EX_QUARTER,
  DEMO_TILES,
  N_DEMO_CHARTS
} DemoChart;

static const char *const demo_names[N_DEMO_CHARTS] = {
  "trend-cx-month", "trend-both-month", "trend-both-quarter", "trend-ex-unit",
  "breakdown-cx-unit", "breakdown-cx-touchpoint", "breakdown-ex-unit", "link",
  "heatmap-cx-month", "heatmap-ex-quarter", "tiles",
};

static FwChart *
demo_tiles (void)
{
  g_autoptr(FwQueryResult) cx = demo_query (FW_KIND_CUSTOMER, FW_GROUPING_QUARTER, NULL, NULL);
  g_autoptr(FwQueryResult) ex = demo_query (FW_KIND_EMPLOYEE, FW_GROUPING_QUARTER, NULL, NULL);
  const FwQueryRow *c = &g_array_index (cx->rows, FwQueryRow, cx->rows->len - 1);
  const FwQueryRow *c0 = &g_array_index (cx->rows, FwQueryRow, cx->rows->len - 2);
  const FwQueryRow *e = &g_array_index (ex->rows, FwQueryRow, ex->rows->len - 1);
  FwChartTile tiles[] = {
    { "NPS", c->nps, FALSE, c->tally.n, c->delta, c->p, FALSE },
    { "eNPS", e->nps, FALSE, e->tally.n, e->delta, e->p, e->suppressed },
    { "Responses", c->tally.n, TRUE, c->tally.n, c->tally.n - c0->tally.n, NAN, FALSE },
  };

  return fw_chart_new_tiles (tiles, G_N_ELEMENTS (tiles));
}

static FwChart *
demo_chart (DemoChart which)
{
  g_autoptr(FwQueryResult) a = NULL;
  g_autoptr(FwQueryResult) b = NULL;
  g_autoptr(FwLink) link = NULL;
  FwChart *chart = NULL;

  switch (which)
    {
    case DEMO_TREND_CX_MONTH:
      a = demo_query (FW_KIND_CUSTOMER, FW_GROUPING_MONTH, NULL, NULL);
      chart = fw_chart_new_trend (a, NULL, 30);
      break;
    case DEMO_TREND_BOTH_MONTH:
      a = demo_query (FW_KIND_CUSTOMER, FW_GROUPING_MONTH, NULL, NULL);
      b = demo_query (FW_KIND_EMPLOYEE, FW_GROUPING_MONTH, NULL, NULL);
      chart = fw_chart_new_trend (a, b, NAN);
      break;
    case DEMO_TREND_BOTH_QUARTER:
      a = demo_query (FW_KIND_CUSTOMER, FW_GROUPING_QUARTER, NULL, NULL);
      b = demo_query (FW_KIND_EMPLOYEE, FW_GROUPING_QUARTER, NULL, NULL);
      chart = fw_chart_new_trend (a, b, NAN);
      break;
    case DEMO_TREND_EX_UNIT:
      {
        /* One small unit's employee quarters: some of them hidden. */
        g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_EMPLOYEE);
        FwQueryOptions options = FW_QUERY_OPTIONS_INIT;

        fw_query_filter_add_unit (filter, FW_DEMO_SMALL_UNIT_1);
        a = fw_query_run (store, filter, FW_GROUPING_QUARTER, &options, NULL);
        ck_assert_ptr_nonnull (a);
        chart = fw_chart_new_trend (NULL, a, NAN);
        fw_chart_set_min_group (chart, MIN_GROUP);
      }
      break;
    case DEMO_BREAKDOWN_CX_UNIT:
      a = demo_query (FW_KIND_CUSTOMER, FW_GROUPING_UNIT, "2026-10-01", "2026-12-31");
      chart = fw_chart_new_breakdown (a, FW_CHART_SORT_BY_SCORE, MIN_GROUP);
      break;
    case DEMO_BREAKDOWN_CX_TOUCHPOINT:
      a = demo_query (FW_KIND_CUSTOMER, FW_GROUPING_TOUCHPOINT, NULL, NULL);
      chart = fw_chart_new_breakdown (a, FW_CHART_SORT_BY_NAME, MIN_GROUP);
      break;
    case DEMO_BREAKDOWN_EX_UNIT:
      a = demo_query (FW_KIND_EMPLOYEE, FW_GROUPING_UNIT, "2025-01-01", "2025-03-31");
      chart = fw_chart_new_breakdown (a, FW_CHART_SORT_BY_SCORE, MIN_GROUP);
      break;
    case DEMO_LINK:
      link = demo_link ();
      chart = fw_chart_new_link (link, FW_DEMO_LEAD_QUARTERS);
      break;
    case DEMO_HEATMAP_CX_MONTH:
      a = demo_query (FW_KIND_CUSTOMER, FW_GROUPING_UNIT_MONTH, "2025-01-01", "2026-12-31");
      chart = fw_chart_new_heatmap (a, MIN_GROUP);
      break;
    case DEMO_HEATMAP_EX_QUARTER:
      a = demo_query (FW_KIND_EMPLOYEE, FW_GROUPING_UNIT_QUARTER, NULL, NULL);
      chart = fw_chart_new_heatmap (a, MIN_GROUP);
      break;
    case DEMO_TILES:
      chart = demo_tiles ();
      break;
    case N_DEMO_CHARTS:
    default:
      g_assert_not_reached ();
    }
  ck_assert_ptr_nonnull (chart);
  return chart;
}

static cairo_surface_t *
render (FwChart     *chart,
        int          width,
        int          height,
        FwChartStyle style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  FwChartTheme theme;

  fw_chart_theme_init (&theme, style);
  fw_chart_render (chart, cr, width, height, &theme);
  fw_chart_theme_clear (&theme);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Writes every sample chart, light and dark, wide and narrow, for eyes. */
START_TEST (test_write_pngs)
{
  const char *dir = g_getenv ("FW_CHARTS_OUT");
  static const struct { int width, height; FwChartStyle style; const char *name; } looks[] = {
    { 1280, 800, FW_CHART_STYLE_LIGHT, "1280-light" },
    { 1280, 800, FW_CHART_STYLE_DARK, "1280-dark" },
    { 800, 400, FW_CHART_STYLE_LIGHT, "800-light" },
    { 800, 400, FW_CHART_STYLE_DARK, "800-dark" },
    { 2560, 800, FW_CHART_STYLE_HIGH_CONTRAST, "2560-hc" },
    { 800, 300, FW_CHART_STYLE_LIGHT, "800x300-light" },
  };

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  for (guint c = 0; c < N_DEMO_CHARTS; c++)
    {
      g_autoptr(FwChart) chart = demo_chart (c);

      for (guint l = 0; l < G_N_ELEMENTS (looks); l++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s.png", demo_names[c], looks[l].name);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          cairo_surface_t *surface = render (chart, looks[l].width, looks[l].height,
                                             looks[l].style);

          ck_assert_int_eq (cairo_surface_write_to_png (surface, path), CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (surface);
        }
    }
}
END_TEST

/* Hand-made results */

typedef struct
{
  const char *key;
  const char *unit;
  gint64      n;
  gint64      promoters;
  gint64      detractors;
  double      nps;
  double      low;
  double      high;
  double      delta;
  double      p;
  gboolean    suppressed;
} RowSpec;

static void
row_clear (gpointer data)
{
  FwQueryRow *row = data;

  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->unit, g_free);
}

static FwQueryResult *
make_result (FwKind         kind,
             FwGrouping     grouping,
             const RowSpec *specs,
             guint          n_specs)
{
  FwQueryResult *result = g_new0 (FwQueryResult, 1);

  result->kind = kind;
  result->grouping = grouping;
  result->rows = g_array_new (FALSE, TRUE, sizeof (FwQueryRow));
  g_array_set_clear_func (result->rows, row_clear);
  for (guint i = 0; i < n_specs; i++)
    {
      FwQueryRow row = { 0 };

      row.key = g_strdup (specs[i].key);
      row.unit = g_strdup (specs[i].unit);
      row.suppressed = specs[i].suppressed;
      if (!row.suppressed)
        {
          row.tally.n = specs[i].n;
          row.tally.promoters = specs[i].promoters;
          row.tally.detractors = specs[i].detractors;
          row.tally.passives = specs[i].n - specs[i].promoters - specs[i].detractors;
        }
      row.nps = row.suppressed ? NAN : specs[i].nps;
      row.ci_low = row.suppressed ? NAN : specs[i].low;
      row.ci_high = row.suppressed ? NAN : specs[i].high;
      row.delta = row.suppressed ? NAN : specs[i].delta;
      row.z = NAN;
      row.p = row.suppressed ? NAN : specs[i].p;
      g_array_append_val (result->rows, row);
    }
  return result;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       double          *rgb)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 value;

  ck_assert (x >= 0 && y >= 0 && x < cairo_image_surface_get_width (surface)
             && y < cairo_image_surface_get_height (surface));
  memcpy (&value, data + y * stride + x * 4, 4);
  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

static gboolean
near_color (const double       *rgb,
            const FwChartColor *color,
            double              tolerance)
{
  return fabs (rgb[0] - color->red) <= tolerance && fabs (rgb[1] - color->green) <= tolerance
         && fabs (rgb[2] - color->blue) <= tolerance;
}

static double
luminance (const double *rgb)
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

static void
item_centre (const FwChart *chart,
             guint          index,
             double        *x,
             double        *y)
{
  const FwChartItem *item = fw_chart_get_item (chart, index);

  *x = item->area.x + item->area.width / 2;
  *y = item->area.y + item->area.height / 2;
}

/* Two months, NPS 0 and +50, on a wide interval-free series: each point
 * must be drawn in the series colour exactly where the value axis puts 0
 * and +50, and the space between them must not be. */
START_TEST (test_known_pixels)
{
  const RowSpec specs[] = {
    { "2025-01", NULL, 10000, 3000, 3000, 0, -0.5, 0.5, NAN, NAN, FALSE },
    { "2025-02", NULL, 10000, 6000, 1000, 50, 49.5, 50.5, 50, 0.001, FALSE },
  };
  g_autoptr(FwQueryResult) result = make_result (FW_KIND_CUSTOMER, FW_GROUPING_MONTH, specs, 2);
  g_autoptr(FwChart) chart = fw_chart_new_trend (result, NULL, NAN);
  cairo_surface_t *surface = render (chart, 800, 400, FW_CHART_STYLE_LIGHT);
  FwChartTheme theme;
  FwChartRect plot;
  double y_min, y_max, x0, x1, y, rgb[3];

  fw_chart_theme_init (&theme, FW_CHART_STYLE_LIGHT);
  fw_chart_get_axes (chart, &plot, &y_min, &y_max);
  ck_assert (y_min <= 0 && y_max >= 50);
  ck_assert_uint_eq (fw_chart_get_n_items (chart), 2);
  ck_assert_str_eq (fw_chart_get_item (chart, 0)->label, "January 2025");
  ck_assert_str_eq (fw_chart_get_item (chart, 1)->label, "February 2025");
  item_centre (chart, 0, &x0, &y);
  item_centre (chart, 1, &x1, &y);
  /* Two slots across the plot: the points are at its quarter and three quarters. */
  ck_assert_double_eq_tol (x0, plot.x + plot.width / 4, 1);
  ck_assert_double_eq_tol (x1, plot.x + plot.width * 3 / 4, 1);

  y = plot.y + (y_max - 0) / (y_max - y_min) * plot.height;
  pixel (surface, (int) x0, (int) y, rgb);
  ck_assert_msg (near_color (rgb, &theme.customer, 0.05), "no point at NPS 0");
  y = plot.y + (y_max - 50) / (y_max - y_min) * plot.height;
  pixel (surface, (int) x1, (int) y, rgb);
  ck_assert_msg (near_color (rgb, &theme.customer, 0.05), "no point at NPS +50");
  /* Above the first point and below the second there is no series. */
  pixel (surface, (int) x0, (int) (plot.y + (y_max - 40) / (y_max - y_min) * plot.height), rgb);
  ck_assert (!near_color (rgb, &theme.customer, 0.2));
  pixel (surface, (int) x1, (int) (plot.y + (y_max - 10) / (y_max - y_min) * plot.height), rgb);
  ck_assert (!near_color (rgb, &theme.customer, 0.2));

  cairo_surface_destroy (surface);
  fw_chart_theme_clear (&theme);
}
END_TEST

/* Grid lines cover whole device pixels: one at scale 1, two at scale 2,
 * through the matrix (export) or the surface's device scale (GTK). */
static const struct
{
  double   scale;
  gboolean device_scale;
} crisp_cases[] = {
  { 1, FALSE },
  { 2, FALSE },
  { 2, TRUE },
};

START_TEST (test_crisp_lines)
{
  const RowSpec specs[] = {
    { "2025-01", NULL, 100, 30, 30, 0, -10, 10, NAN, NAN, FALSE },
    { "2025-02", NULL, 100, 40, 20, 20, 10, 30, 20, 0.2, FALSE },
  };
  double scale = crisp_cases[_i].scale;
  int width = 800, height = 400;
  g_autoptr(FwQueryResult) result = make_result (FW_KIND_CUSTOMER, FW_GROUPING_MONTH, specs, 2);
  g_autoptr(FwChart) chart = fw_chart_new_trend (result, NULL, NAN);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                         height * scale);
  cairo_surface_t *target = surface;
  cairo_t *cr;
  FwChartTheme theme;
  FwChartRect plot;
  double y_min, y_max, rgb[3];
  int x, row = -1, covered = 0;

  fw_chart_theme_init (&theme, FW_CHART_STYLE_LIGHT);
  if (crisp_cases[_i].device_scale)
    {
      /* As GTK hands it over: a device scale on the surface itself. */
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
    }
  else
    {
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
    }
  fw_chart_render (chart, cr, width, height, &theme);
  cairo_destroy (cr);
  cairo_surface_flush (target);

  /* The top grid line, at the right end of the plot where no data is. */
  fw_chart_get_axes (chart, &plot, &y_min, &y_max);
  x = (int) ((plot.x + plot.width - 3) * scale);
  for (int y = (int) ((plot.y - 4) * scale); y <= (int) ((plot.y + 4) * scale); y++)
    {
      pixel (surface, x, y, rgb);
      if (near_color (rgb, &theme.grid, 0.02))
        {
          row = row < 0 ? y : row;
          covered++;
        }
      else
        /* No half-tone row beside the line. */
        ck_assert_msg (near_color (rgb, &theme.background, 0.02),
                       "blurred grid line at device row %d: %.2f %.2f %.2f", y, rgb[0], rgb[1],
                       rgb[2]);
    }
  ck_assert_int_eq (covered, (int) scale);

  cairo_surface_destroy (surface);
  fw_chart_theme_clear (&theme);
}
END_TEST

static gboolean
rects_overlap (const FwChartRect *a,
               const FwChartRect *b)
{
  return a->x < b->x + b->width - 0.01 && b->x < a->x + a->width - 0.01
         && a->y < b->y + b->height - 0.01 && b->y < a->y + a->height - 0.01;
}

static void
assert_labels_apart (FwChart    *chart,
                     const char *name,
                     int         width,
                     int         height)
{
  guint n;
  const FwChartRect *rects = fw_chart_get_label_rects (chart, &n);

  ck_assert_msg (n > 0, "%s at %dx%d: no labels", name, width, height);
  for (guint i = 0; i < n; i++)
    {
      ck_assert_msg (rects[i].x >= 0 && rects[i].y >= 0
                     && rects[i].x + rects[i].width <= width + 0.01
                     && rects[i].y + rects[i].height <= height + 0.01,
                     "%s at %dx%d: label %u (%g, %g, %g x %g) leaves the frame", name, width,
                     height, i, rects[i].x, rects[i].y, rects[i].width, rects[i].height);
      for (guint j = i + 1; j < n; j++)
        ck_assert_msg (!rects_overlap (&rects[i], &rects[j]),
                       "%s at %dx%d: labels %u (%g, %g, %g x %g) and %u (%g, %g, %g x %g) "
                       "overlap", name, width, height, i, rects[i].x, rects[i].y,
                       rects[i].width, rects[i].height, j, rects[j].x, rects[j].y,
                       rects[j].width, rects[j].height);
    }
}

/* Every chart of the dashboard, on the sample data, at the narrowest, a
 * usual and the widest window, short and tall. */
START_TEST (test_labels_apart)
{
  static const int sizes[][2] = {
    { 800, 300 }, { 800, 800 }, { 1280, 400 }, { 1280, 800 }, { 2560, 300 }, { 2560, 800 },
  };
  g_autoptr(FwChart) chart = demo_chart (_i);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      cairo_surface_t *surface = render (chart, sizes[s][0], sizes[s][1], FW_CHART_STYLE_LIGHT);

      assert_labels_apart (chart, demo_names[_i], sizes[s][0], sizes[s][1]);
      ck_assert_msg (fw_chart_get_n_items (chart) > 0, "%s: no items", demo_names[_i]);
      cairo_surface_destroy (surface);
    }
}
END_TEST

/* In the dark theme every label has light ink on the dark background. */
START_TEST (test_dark_text)
{
  g_autoptr(FwChart) chart = demo_chart (_i);
  cairo_surface_t *surface = render (chart, 1280, 800, FW_CHART_STYLE_DARK);
  FwChartTheme theme;
  double background;
  const FwChartRect *rects;
  guint n;

  fw_chart_theme_init (&theme, FW_CHART_STYLE_DARK);
  background = fw_chart_luminance (&theme.background);
  rects = fw_chart_get_label_rects (chart, &n);
  ck_assert_uint_gt (n, 0);
  for (guint i = 0; i < n; i++)
    {
      double brightest = 0, rgb[3];

      for (int y = (int) rects[i].y; y < (int) (rects[i].y + rects[i].height); y++)
        for (int x = (int) rects[i].x; x < (int) (rects[i].x + rects[i].width); x++)
          {
            pixel (surface, x, y, rgb);
            brightest = MAX (brightest, luminance (rgb));
          }
      ck_assert_msg (brightest > background + 0.35, "%s: label %u is not light (%.2f)",
                     demo_names[_i], i, brightest);
    }
  cairo_surface_destroy (surface);
  fw_chart_theme_clear (&theme);
}
END_TEST

/* What a hidden employee group leaves on each chart: an item that says
 * it is hidden, with no number but the threshold, over a drawn mark. */
static FwChart *
hidden_chart (int which)
{
  const RowSpec groups[] = {
    { "Billing", NULL, 60, 30, 10, 33.3, 20, 45, NAN, NAN, FALSE },
    { "Legal", NULL, 0, 0, 0, 0, 0, 0, 0, 0, TRUE },
  };
  const RowSpec cells[] = {
    { "2025-Q1", "Billing", 60, 30, 10, 33.3, 20, 45, NAN, NAN, FALSE },
    { "2025-Q1", "Legal", 0, 0, 0, 0, 0, 0, 0, 0, TRUE },
  };
  const RowSpec periods[] = {
    { "2025-Q1", NULL, 60, 30, 10, 33.3, 20, 45, NAN, NAN, FALSE },
    { "2025-Q2", NULL, 0, 0, 0, 0, 0, 0, 0, 0, TRUE },
    { "2025-Q3", NULL, 60, 30, 10, 33.3, 20, 45, NAN, NAN, FALSE },
  };
  const FwChartTile tiles[] = {
    { "NPS", 31.8, FALSE, 412, 4.5, 0.01, FALSE },
    { "eNPS", 12.0, FALSE, 3, 2.0, 0.5, TRUE },
  };
  g_autoptr(FwQueryResult) result = NULL;
  FwChart *chart = NULL;

  switch (which)
    {
    case 0:
      result = make_result (FW_KIND_EMPLOYEE, FW_GROUPING_UNIT, groups, 2);
      return fw_chart_new_breakdown (result, FW_CHART_SORT_BY_SCORE, 7);
    case 1:
      result = make_result (FW_KIND_EMPLOYEE, FW_GROUPING_UNIT_QUARTER, cells, 2);
      return fw_chart_new_heatmap (result, 7);
    case 2:
      result = make_result (FW_KIND_EMPLOYEE, FW_GROUPING_QUARTER, periods, 3);
      chart = fw_chart_new_trend (NULL, result, NAN);
      fw_chart_set_min_group (chart, 7);
      return chart;
    case 3:
    default:
      chart = fw_chart_new_tiles (tiles, 2);
      fw_chart_set_min_group (chart, 7);
      return chart;
    }
}

START_TEST (test_hidden)
{
  g_autoptr(FwChart) chart = hidden_chart (_i);
  cairo_surface_t *surface = render (chart, 800, 400, FW_CHART_STYLE_LIGHT);
  FwChartTheme theme;
  guint n_hidden = 0;

  fw_chart_theme_init (&theme, FW_CHART_STYLE_LIGHT);
  for (guint i = 0; i < fw_chart_get_n_items (chart); i++)
    {
      const FwChartItem *item = fw_chart_get_item (chart, i);
      g_autofree char *rest = NULL;
      guint marked = 0;
      double rgb[3];

      if (strstr (item->description, "hidden") == NULL)
        continue;
      n_hidden++;
      ck_assert_str_eq (item->description + strlen (item->label), ": fewer than 7 responses, hidden");
      /* Nothing of a score: no digit but the threshold's. */
      rest = g_strdup (item->description + strlen (item->label));
      *strchr (rest, '7') = ' ';
      for (const char *c = rest; *c; c++)
        ck_assert_msg (!g_ascii_isdigit (*c), "a digit in \"%s\"", item->description);
      /* And a place on the chart: the hatch is drawn, not left out. */
      for (int y = (int) item->area.y; y < (int) (item->area.y + item->area.height); y++)
        for (int x = (int) item->area.x; x < (int) (item->area.x + item->area.width); x++)
          {
            pixel (surface, x, y, rgb);
            marked += !near_color (rgb, &theme.background, 0.01);
          }
      ck_assert_uint_gt (marked, item->area.width * item->area.height / 10);
    }
  ck_assert_uint_eq (n_hidden, 1);

  cairo_surface_destroy (surface);
  fw_chart_theme_clear (&theme);
}
END_TEST

/* Every item is found at its centre, nothing outside the chart; of two
 * series at one period, the point under the pointer wins. */
START_TEST (test_item_at)
{
  const RowSpec cx_rows[] = {
    { "2025-01", NULL, 100, 50, 10, 40, 30, 50, NAN, NAN, FALSE },
    { "2025-02", NULL, 100, 50, 10, 40, 30, 50, 0, 1, FALSE },
  };
  const RowSpec ex_rows[] = {
    { "2025-01", NULL, 100, 20, 40, -20, -30, -10, NAN, NAN, FALSE },
    { "2025-02", NULL, 100, 20, 40, -20, -30, -10, 0, 1, FALSE },
  };
  g_autoptr(FwQueryResult) cx = make_result (FW_KIND_CUSTOMER, FW_GROUPING_MONTH, cx_rows, 2);
  g_autoptr(FwQueryResult) ex = make_result (FW_KIND_EMPLOYEE, FW_GROUPING_MONTH, ex_rows, 2);
  g_autoptr(FwChart) trend = fw_chart_new_trend (cx, ex, NAN);
  cairo_surface_t *surface;

  for (guint c = 0; c < N_DEMO_CHARTS; c++)
    {
      g_autoptr(FwChart) chart = demo_chart (c);

      surface = render (chart, 1280, 800, FW_CHART_STYLE_LIGHT);
      for (guint i = 0; i < fw_chart_get_n_items (chart); i++)
        {
          const FwChartItem *item = fw_chart_get_item (chart, i);
          double x, y;
          int found;

          item_centre (chart, i, &x, &y);
          found = fw_chart_item_at (chart, x, y);
          ck_assert_int_ge (found, 0);
          /* Points of a scatter may sit on each other; then any of them. */
          if (c != DEMO_LINK)
            ck_assert_msg (found == (int) i, "%s: item %u (%s) is not at its centre",
                           demo_names[c], i, item->label);
        }
      ck_assert_int_eq (fw_chart_item_at (chart, -10, -10), -1);
      ck_assert_int_eq (fw_chart_item_at (chart, 1290, 400), -1);
      cairo_surface_destroy (surface);
    }

  surface = render (trend, 800, 400, FW_CHART_STYLE_LIGHT);
  ck_assert_uint_eq (fw_chart_get_n_items (trend), 4);
  for (guint i = 0; i < 4; i++)
    {
      double x, y;

      item_centre (trend, i, &x, &y);
      ck_assert_int_eq (fw_chart_item_at (trend, x, y + 3), (int) i);
    }
  ck_assert (strstr (fw_chart_get_item (trend, 0)->description, "NPS +40.0") != NULL);
  ck_assert (strstr (fw_chart_get_item (trend, 2)->description, "eNPS −20.0") != NULL);
  cairo_surface_destroy (surface);
}
END_TEST

/* The focus ring is drawn around the focused item and nowhere else. */
START_TEST (test_focus)
{
  g_autoptr(FwChart) chart = demo_chart (DEMO_BREAKDOWN_CX_UNIT);
  cairo_surface_t *plain, *focused;
  const FwChartItem *item;
  FwChartTheme theme;
  guint changed = 0, accent = 0;

  fw_chart_theme_init (&theme, FW_CHART_STYLE_LIGHT);
  plain = render (chart, 1280, 800, FW_CHART_STYLE_LIGHT);
  ck_assert_int_eq (fw_chart_get_focus (chart), -1);
  fw_chart_set_focus (chart, 3);
  ck_assert_int_eq (fw_chart_get_focus (chart), 3);
  focused = render (chart, 1280, 800, FW_CHART_STYLE_LIGHT);
  item = fw_chart_get_item (chart, 3);

  for (int y = 0; y < 800; y++)
    for (int x = 0; x < 1280; x++)
      {
        double a[3], b[3];

        pixel (plain, x, y, a);
        pixel (focused, x, y, b);
        if (a[0] == b[0] && a[1] == b[1] && a[2] == b[2])
          continue;
        changed++;
        accent += near_color (b, &theme.accent, 0.1);
        ck_assert_msg (x >= item->area.x - 5 && x <= item->area.x + item->area.width + 5
                       && y >= item->area.y - 5 && y <= item->area.y + item->area.height + 5,
                       "focus drawn at %d, %d, away from the item", x, y);
      }
  /* A ring around the row: at least its two long sides. */
  ck_assert_uint_ge (accent, 2 * item->area.width);
  ck_assert_uint_ge (changed, accent);

  fw_chart_set_focus (chart, -1);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (focused);
  fw_chart_theme_clear (&theme);
}
END_TEST

/* No rows: one centred message, no items, and a description that says so. */
static FwChart *
empty_chart (int which)
{
  g_autoptr(FwQueryResult) result = NULL;
  FwLink link;

  switch (which)
    {
    case FW_CHART_TREND:
      result = make_result (FW_KIND_CUSTOMER, FW_GROUPING_MONTH, NULL, 0);
      return fw_chart_new_trend (result, NULL, 40);
    case FW_CHART_BREAKDOWN:
      result = make_result (FW_KIND_CUSTOMER, FW_GROUPING_UNIT, NULL, 0);
      return fw_chart_new_breakdown (result, FW_CHART_SORT_BY_NAME, 5);
    case FW_CHART_LINK:
      memset (&link, 0, sizeof link);
      for (guint i = 0; i < FW_LINK_N_LAGS; i++)
        {
          link.lags[i].lag = fw_link_lags[i];
          link.lags[i].pairs = g_array_new (FALSE, TRUE, sizeof (FwLinkPair));
          link.lags[i].pearson = link.lags[i].spearman = link.lags[i].slope = NAN;
          link.lags[i].pearson_low = link.lags[i].pearson_high = NAN;
        }
      link.best_lag = -1;
      {
        FwChart *chart = fw_chart_new_link (&link, 1);

        for (guint i = 0; i < FW_LINK_N_LAGS; i++)
          g_array_unref (link.lags[i].pairs);
        return chart;
      }
    case FW_CHART_HEATMAP:
      result = make_result (FW_KIND_EMPLOYEE, FW_GROUPING_UNIT_MONTH, NULL, 0);
      return fw_chart_new_heatmap (result, 5);
    case FW_CHART_TILES:
    default:
      return fw_chart_new_tiles (NULL, 0);
    }
}

START_TEST (test_empty)
{
  g_autoptr(FwChart) chart = empty_chart (_i);
  cairo_surface_t *surface = render (chart, 800, 400, FW_CHART_STYLE_LIGHT);
  g_autofree char *description = fw_chart_get_description (chart);
  g_autofree char *title = fw_chart_get_title (chart);
  const FwChartRect *rects;
  guint n;

  ck_assert_int_eq (fw_chart_get_chart_type (chart), _i);
  ck_assert_uint_eq (fw_chart_get_n_items (chart), 0);
  ck_assert_int_eq (fw_chart_item_at (chart, 400, 200), -1);
  rects = fw_chart_get_label_rects (chart, &n);
  ck_assert_uint_eq (n, 1);
  ck_assert_double_eq_tol (rects[0].x + rects[0].width / 2, 400, 1);
  ck_assert_double_eq_tol (rects[0].y + rects[0].height / 2, 200, 1);
  ck_assert_str_eq (description, "No responses in this period");
  ck_assert_uint_gt (strlen (title), 0);
  cairo_surface_destroy (surface);
}
END_TEST

/* Titles and descriptions of the sample charts, for screen readers. */
static const struct
{
  DemoChart   chart;
  const char *title;
  const char *in_description[3];
} title_cases[] = {
  { DEMO_TREND_CX_MONTH, "Customer NPS by month",
    { "Customer NPS. Latest: December 2026: NPS ", "Highest: ", "Target: +30.0." } },
  { DEMO_TREND_BOTH_QUARTER, "Customer NPS and employee eNPS by quarter",
    { "Customer NPS. Latest: Q4 2026: NPS ", "Employee eNPS. Latest: Q4 2026: eNPS ",
      "Change against the previous period: " } },
  { DEMO_TREND_EX_UNIT, "Employee eNPS by quarter",
    { "periods hidden: fewer than 5 responses.", NULL, NULL } },
  { DEMO_BREAKDOWN_CX_UNIT, "Customer NPS by unit", { "12 units.", "Highest: ", "; lowest: " } },
  { DEMO_BREAKDOWN_CX_TOUCHPOINT, "Customer NPS by touchpoint", { "5 touchpoints.", NULL, NULL } },
  { DEMO_BREAKDOWN_EX_UNIT, "Employee eNPS by unit",
    { "group hidden: fewer than 5 responses.", NULL, NULL } },
  { DEMO_LINK, "Employee eNPS and customer NPS 1 quarter later",
    { "Pearson r 0.", "Spearman ρ 0.", "Association, not causation." } },
  { DEMO_HEATMAP_EX_QUARTER, "Employee eNPS by unit and quarter",
    { "12 units.", "groups hidden: fewer than 5 responses.", NULL } },
  { DEMO_TILES, "Key figures", { "NPS: +", "eNPS: +", "Responses: " } },
};

START_TEST (test_titles)
{
  g_autoptr(FwChart) chart = demo_chart (title_cases[_i].chart);
  g_autofree char *title = fw_chart_get_title (chart);
  g_autofree char *description = fw_chart_get_description (chart);

  ck_assert_str_eq (title, title_cases[_i].title);
  for (guint i = 0; i < 3 && title_cases[_i].in_description[i] != NULL; i++)
    ck_assert_msg (strstr (description, title_cases[_i].in_description[i]) != NULL,
                   "\"%s\" not in \"%s\"", title_cases[_i].in_description[i], description);
}
END_TEST

/* The sentence of one item, whole. */
START_TEST (test_item_description)
{
  const RowSpec specs[] = {
    { "2025-02", NULL, 400, 200, 80, 30, 22, 38, NAN, NAN, FALSE },
    { "2025-03", NULL, 412, 220, 89, 31.8, 24.0, 39.1, 1.8, 0.6, FALSE },
  };
  const RowSpec units[] = {
    { "Billing", NULL, 200, 90, 50, 20, 11.2, 28.5, NAN, NAN, FALSE },
    { "", NULL, 1, 1, 0, 100, 40, 100, NAN, NAN, FALSE },
  };
  g_autoptr(FwQueryResult) result = make_result (FW_KIND_CUSTOMER, FW_GROUPING_MONTH, specs, 2);
  g_autoptr(FwQueryResult) by_unit = make_result (FW_KIND_CUSTOMER, FW_GROUPING_UNIT, units, 2);
  g_autoptr(FwChart) chart = fw_chart_new_trend (result, NULL, NAN);
  g_autoptr(FwChart) breakdown = fw_chart_new_breakdown (by_unit, FW_CHART_SORT_BY_NAME, 5);
  cairo_surface_t *surface = render (chart, 800, 400, FW_CHART_STYLE_LIGHT);

  ck_assert_str_eq (fw_chart_get_item (chart, 1)->description,
                    "March 2025: NPS +31.8 (95% interval +24.0 to +39.1), 412 responses. "
                    "Change against the previous period: +1.8 points, not significant.");
  cairo_surface_destroy (surface);

  surface = render (breakdown, 800, 400, FW_CHART_STYLE_LIGHT);
  ck_assert_str_eq (fw_chart_get_item (breakdown, 0)->description,
                    "Billing: NPS +20.0 (95% interval +11.2 to +28.5), 200 responses: "
                    "45% promoters, 30% passives, 25% detractors.");
  ck_assert_str_eq (fw_chart_get_item (breakdown, 0)->unit, "Billing");
  /* The answers without a unit: named, last, and no unit to filter to. */
  ck_assert_str_eq (fw_chart_get_item (breakdown, 1)->label, "No unit");
  ck_assert_ptr_null (fw_chart_get_item (breakdown, 1)->unit);
  ck_assert (strstr (fw_chart_get_item (breakdown, 1)->description, "1 response:") != NULL);
  cairo_surface_destroy (surface);
}
END_TEST

/* Rows sort by score, highest first, or by name; hidden ones last. */
START_TEST (test_breakdown_sort)
{
  const RowSpec units[] = {
    { "Alpha", NULL, 100, 20, 40, -20, -30, -10, NAN, NAN, FALSE },
    { "Bravo", NULL, 0, 0, 0, 0, 0, 0, 0, 0, TRUE },
    { "Charlie", NULL, 100, 60, 10, 50, 40, 60, NAN, NAN, FALSE },
    { "Delta", NULL, 100, 40, 30, 10, 0, 20, NAN, NAN, FALSE },
  };
  const char *by_score[] = { "Charlie", "Delta", "Alpha", "Bravo" };
  const char *by_name[] = { "Alpha", "Charlie", "Delta", "Bravo" };
  g_autoptr(FwQueryResult) result = make_result (FW_KIND_EMPLOYEE, FW_GROUPING_UNIT, units, 4);

  for (int sort = 0; sort < 2; sort++)
    {
      g_autoptr(FwChart) chart = fw_chart_new_breakdown (result, sort, 5);
      cairo_surface_t *surface = render (chart, 800, 400, FW_CHART_STYLE_LIGHT);
      const char **expected = sort == FW_CHART_SORT_BY_SCORE ? by_score : by_name;

      ck_assert_uint_eq (fw_chart_get_n_items (chart), 4);
      for (guint i = 0; i < 4; i++)
        {
          ck_assert_str_eq (fw_chart_get_item (chart, i)->label, expected[i]);
          ck_assert_str_eq (fw_chart_get_item (chart, i)->unit, expected[i]);
          if (i > 0)
            ck_assert (fw_chart_get_item (chart, i)->area.y
                       > fw_chart_get_item (chart, i - 1)->area.y);
        }
      cairo_surface_destroy (surface);
    }
}
END_TEST

/* The scatter: one item per pair, names apart from each other and from
 * the figures, and the caveat on the chart itself. */
START_TEST (test_link)
{
  g_autoptr(FwLink) link = demo_link ();
  const FwLinkLag *lag = fw_link_get_lag (link, FW_DEMO_LEAD_QUARTERS);
  g_autoptr(FwChart) chart = fw_chart_new_link (link, FW_DEMO_LEAD_QUARTERS);
  cairo_surface_t *surface = render (chart, 1280, 800, FW_CHART_STYLE_LIGHT);
  const FwChartRect *rects;
  guint n, n_units = 0;
  FwChartRect plot;
  double y_min, y_max;

  ck_assert_uint_eq (fw_chart_get_n_items (chart), lag->pairs->len);
  fw_chart_get_axes (chart, &plot, &y_min, &y_max);
  /* Every point inside the plot, at the height of its NPS. */
  for (guint i = 0; i < lag->pairs->len; i++)
    {
      const FwLinkPair *pair = &g_array_index (lag->pairs, FwLinkPair, i);
      double x, y;

      item_centre (chart, i, &x, &y);
      ck_assert_double_eq_tol (y, plot.y + (y_max - pair->nps) / (y_max - y_min) * plot.height,
                               0.01);
      ck_assert (x >= plot.x && x <= plot.x + plot.width);
      ck_assert_str_eq (fw_chart_get_item (chart, i)->unit, pair->unit);
    }
  /* Some unit names made it, each within the plot. */
  rects = fw_chart_get_label_rects (chart, &n);
  for (guint i = 0; i < n; i++)
    if (rects[i].x > plot.x && rects[i].y > plot.y && rects[i].y + rects[i].height < plot.y + plot.height)
      n_units++;
  ck_assert_uint_ge (n_units, 6 + 5);
  cairo_surface_destroy (surface);
}
END_TEST

/* Ticks at round numbers that cover the range. */
static const struct
{
  double low, high;
  guint  max_ticks;
  double nice_low, nice_high, step;
} tick_cases[] = {
  { 0, 73, 5, 0, 80, 20 },
  { -12.3, 47, 6, -20, 60, 20 },
  { 13.4, 44.7, 9, 10, 45, 5 },
  { -100, 100, 9, -100, 100, 25 },
  { 0.21, 0.87, 8, 0.2, 0.9, 0.1 },
  { 5, 5, 3, 4, 6, 1 },
};

START_TEST (test_nice_ticks)
{
  double low = tick_cases[_i].low, high = tick_cases[_i].high, step;
  guint n = fw_chart_nice_ticks (&low, &high, tick_cases[_i].max_ticks, &step);

  ck_assert_double_eq_tol (low, tick_cases[_i].nice_low, 1e-9);
  ck_assert_double_eq_tol (high, tick_cases[_i].nice_high, 1e-9);
  ck_assert_double_eq_tol (step, tick_cases[_i].step, 1e-9);
  ck_assert_uint_le (n, tick_cases[_i].max_ticks);
  ck_assert_uint_eq (n, (guint) round ((high - low) / step) + 1);
}
END_TEST

static const struct
{
  const char *key;
  const char *label;
} period_cases[] = {
  { "2025-03", "March 2025" },
  { "2025-Q2", "Q2 2025" },
  { "2025-W07", "week 7 of 2025" },
  { "2025", "2025" },
  { "2025-03-14", "March 14, 2025" },
  { "Billing", "Billing" },
};

START_TEST (test_period_labels)
{
  g_autofree char *label = fw_chart_period_label (period_cases[_i].key);

  ck_assert_str_eq (label, period_cases[_i].label);
}
END_TEST

/* LANGUAGE=nl gives Dutch month names in the period labels, even where
 * the C library has no Dutch locale, as in these tests.  It runs first:
 * GLib decides once, at the first translated string, whether to look at
 * translations at all, and in the C locale without LANGUAGE it would not. */
START_TEST (test_dutch_periods)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;

  g_setenv ("LANGUAGE", "nl", TRUE);
  textdomain (textdomain (NULL)); /* drops gettext's cache */
  month = fw_chart_period_label ("2025-03");
  day = fw_chart_period_label ("2025-10-14");
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain (textdomain (NULL));

  ck_assert_str_eq (month, "maart 2025");
  ck_assert_str_eq (day, "14 oktober 2025");
}
END_TEST

static const struct
{
  double      value;
  int         decimals;
  gboolean    sign;
  const char *text;
} number_cases[] = {
  { 50, 0, TRUE, "+50" },
  { -4, 1, TRUE, "−4.0" },
  { -0.04, 1, TRUE, "0.0" },
  { 0.66, 2, FALSE, "0.66" },
  { -0.125, 2, FALSE, "−0.13" },
};

START_TEST (test_format_number)
{
  g_autofree char *text = fw_chart_format_number (number_cases[_i].value,
                                                  number_cases[_i].decimals,
                                                  number_cases[_i].sign);

  ck_assert_str_eq (text, number_cases[_i].text);
}
END_TEST

static Suite *
charts_suite (void)
{
  Suite *s = suite_create ("charts");
  TCase *dutch = tcase_create ("dutch");
  TCase *demo = tcase_create ("demo");
  TCase *plain = tcase_create ("plain");

  tcase_add_test (dutch, test_dutch_periods);
  suite_add_tcase (s, dutch);

  tcase_add_unchecked_fixture (demo, demo_setup, demo_teardown);
  tcase_set_timeout (demo, 120);
  tcase_add_test (demo, test_write_pngs);
  tcase_add_loop_test (demo, test_labels_apart, 0, N_DEMO_CHARTS);
  tcase_add_loop_test (demo, test_dark_text, 0, N_DEMO_CHARTS);
  tcase_add_test (demo, test_item_at);
  tcase_add_test (demo, test_focus);
  tcase_add_loop_test (demo, test_titles, 0, G_N_ELEMENTS (title_cases));
  tcase_add_test (demo, test_link);
  suite_add_tcase (s, demo);

  tcase_add_test (plain, test_known_pixels);
  tcase_add_loop_test (plain, test_crisp_lines, 0, G_N_ELEMENTS (crisp_cases));
  tcase_add_loop_test (plain, test_hidden, 0, 4);
  tcase_add_loop_test (plain, test_empty, FW_CHART_TREND, FW_CHART_TILES + 1);
  tcase_add_test (plain, test_item_description);
  tcase_add_test (plain, test_breakdown_sort);
  tcase_add_loop_test (plain, test_nice_ticks, 0, G_N_ELEMENTS (tick_cases));
  tcase_add_loop_test (plain, test_period_labels, 0, G_N_ELEMENTS (period_cases));
  tcase_add_loop_test (plain, test_format_number, 0, G_N_ELEMENTS (number_cases));
  suite_add_tcase (s, plain);
  return s;
}

int
main (void)
{
  SRunner *sr;
  int failed;

  /* To look at the charts in another language: a folder of compiled
   * catalogues, with LANGUAGE set. */
  fw_paths_init_i18n ();
  if (g_getenv ("FW_CHARTS_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FW_CHARTS_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
  sr = srunner_create (charts_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
