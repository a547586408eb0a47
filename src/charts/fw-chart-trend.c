/* fw-chart-trend.c: NPS and eNPS by period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line per series with its 95% interval as a band, the number of
 * responses as small bars along the bottom, a triangle on each period
 * whose change against the one before is significant, and an optional
 * target.  Customer and employee series share the axes when both are
 * given; periods that only one of them has are simply skipped by the
 * other's line, but a hidden employee period breaks its line and is
 * drawn as a hatched, labelled column, never as a zero.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-chart-private.h"
#include "fw-format.h"

#define SIGNIFICANT(p) (!isnan (p) && (p) < 0.05)

typedef struct
{
  gboolean present; /* the result has a row for this period */
  gboolean suppressed;
  double   nps;
  double   low;
  double   high;
  double   delta;
  double   p;
  gint64   n;
} Point;

typedef struct
{
  FwKind kind;
  Point *points; /* one per period of the chart */
} Series;

typedef struct
{
  char            **keys; /* the periods of both series, in order */
  guint             n_keys;
  FwChartPeriodKind period_kind;
  Series            series[2];
  guint             n_series;
  double            target;
} Trend;

static void
trend_free (gpointer data)
{
  Trend *trend = data;

  g_strfreev (trend->keys);
  for (guint s = 0; s < trend->n_series; s++)
    g_free (trend->series[s].points);
  g_free (trend);
}

static const FwChartColor *
series_color (const FwChart *chart,
              const Series  *series)
{
  return series->kind == FW_KIND_EMPLOYEE ? &chart->theme->employee : &chart->theme->customer;
}

static const char *
series_name (const Series *series)
{
  return series->kind == FW_KIND_EMPLOYEE ? _("Employee eNPS") : _("Customer NPS");
}

static char *
describe_change (double delta,
                 double p)
{
  g_autofree char *points = fw_format_nps (delta);

  /* The period's own word would need an article that agrees with it in
   * many languages ("de maand", "het kwartaal"), so the sentence says
   * "previous period" whatever the period. */
  if (SIGNIFICANT (p))
    /* Translators: a change in points, as in "+4.5". */
    return g_strdup_printf (_("Change against the previous period: %s points, significant."),
                            points);
  return g_strdup_printf (_("Change against the previous period: %s points, not significant."),
                          points);
}

static char *
describe_point (const FwChart *chart,
                const Trend   *trend,
                const Series  *series,
                guint          i)
{
  const Point *point = &series->points[i];
  g_autofree char *label = fw_chart_period_label (trend->keys[i]);
  g_autofree char *score = NULL;
  g_autofree char *change = NULL;

  if (point->suppressed)
    {
      g_autofree char *named = NULL;

      /* Beside a customer series, say whose figure is hidden. */
      if (trend->n_series == 1)
        return fw_chart_describe_hidden (label, chart->min_group);
      named = g_strdup_printf ("%s, %s", label, fw_chart_score_name (series->kind));
      return fw_chart_describe_hidden (named, chart->min_group);
    }
  score = fw_chart_describe_score (label, series->kind, point->nps, point->low, point->high,
                                   point->n);
  if (isnan (point->delta))
    return g_strdup_printf ("%s.", score);
  change = describe_change (point->delta, point->p);
  return g_strdup_printf ("%s. %s", score, change);
}

/* Where the value axis must reach: every interval, and the target. */
static gboolean
value_range (const Trend *trend,
             double      *low,
             double      *high)
{
  gboolean any = FALSE;

  *low = INFINITY;
  *high = -INFINITY;
  for (guint s = 0; s < trend->n_series; s++)
    for (guint i = 0; i < trend->n_keys; i++)
      {
        const Point *point = &trend->series[s].points[i];

        if (!point->present || point->suppressed || isnan (point->nps))
          continue;
        *low = MIN (*low, isnan (point->low) ? point->nps : point->low);
        *high = MAX (*high, isnan (point->high) ? point->nps : point->high);
        any = TRUE;
      }
  if (!isnan (trend->target) && any)
    {
      *low = MIN (*low, trend->target);
      *high = MAX (*high, trend->target);
    }
  return any;
}

static gboolean
point_drawn (const Point *point)
{
  return point->present && !point->suppressed && !isnan (point->nps);
}

static void
draw_band (FwChart      *chart,
           const Trend  *trend,
           const Series *series,
           double        x0,
           double        slot)
{
  cairo_t *cr = chart->cr;
  guint i = 0;

  /* One band per run of shown periods; a hidden period ends a run. */
  while (i < trend->n_keys)
    {
      guint first, last, j;

      while (i < trend->n_keys && !point_drawn (&series->points[i]))
        i++;
      if (i >= trend->n_keys)
        break;
      first = last = i;
      for (j = i + 1; j < trend->n_keys && !series->points[j].suppressed; j++)
        if (point_drawn (&series->points[j]))
          last = j;
      i = j;

      if (first == last)
        {
          const Point *point = &series->points[first];
          double x = x0 + (first + 0.5) * slot;
          double half = MIN (slot * 0.2, 4);

          cairo_move_to (cr, x, fw_chart_value_to_y (chart, point->low));
          cairo_line_to (cr, x, fw_chart_value_to_y (chart, point->high));
          cairo_move_to (cr, x - half, fw_chart_value_to_y (chart, point->low));
          cairo_line_to (cr, x + half, fw_chart_value_to_y (chart, point->low));
          cairo_move_to (cr, x - half, fw_chart_value_to_y (chart, point->high));
          cairo_line_to (cr, x + half, fw_chart_value_to_y (chart, point->high));
          cairo_set_line_width (cr, 1.5);
          fw_chart_set_source (cr, series_color (chart, series), 0.5);
          cairo_stroke (cr);
          continue;
        }
      for (j = first; j <= last; j++)
        if (point_drawn (&series->points[j]))
          cairo_line_to (cr, x0 + (j + 0.5) * slot,
                         fw_chart_value_to_y (chart, series->points[j].high));
      for (j = last + 1; j-- > first;)
        if (point_drawn (&series->points[j]))
          cairo_line_to (cr, x0 + (j + 0.5) * slot,
                         fw_chart_value_to_y (chart, series->points[j].low));
      cairo_close_path (cr);
      fw_chart_set_source (cr, series_color (chart, series), 0.16);
      cairo_fill (cr);
    }
}

static void
draw_line (FwChart      *chart,
           const Trend  *trend,
           const Series *series,
           double        x0,
           double        slot)
{
  cairo_t *cr = chart->cr;

  cairo_new_path (cr);
  for (guint i = 0; i < trend->n_keys; i++)
    {
      const Point *point = &series->points[i];

      if (point->suppressed)
        cairo_new_sub_path (cr);
      else if (point_drawn (point))
        cairo_line_to (cr, x0 + (i + 0.5) * slot, fw_chart_value_to_y (chart, point->nps));
    }
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  fw_chart_set_source (cr, series_color (chart, series), 1.0);
  cairo_stroke (cr);
}

static void
render (FwChart *chart)
{
  Trend *trend = chart->data;
  const FwChartTheme *theme = chart->theme;
  cairo_t *cr = chart->cr;
  FwChartLegendEntry legend[8];
  FwChartColor count_color;
  guint n_legend = 0;
  gboolean any_significant = FALSE, any_hidden = FALSE;
  g_autofree char *hidden_text = NULL;
  g_autofree char *hidden_legend = NULL;
  double margin = round (chart->em);
  double low, high, step, widest = 0;
  double top, bottom, axis_height, strip_height, line_bottom, x0, x1, slot;
  double radius, max_n[2] = { 0, 0 };
  guint n_ticks, max_ticks;
  FwChartRect plot;

  if (!value_range (trend, &low, &high))
    {
      fw_chart_draw_empty (chart, NULL);
      return;
    }

  for (guint s = 0; s < trend->n_series; s++)
    for (guint i = 0; i < trend->n_keys; i++)
      {
        const Point *point = &trend->series[s].points[i];

        any_significant |= point_drawn (point) && SIGNIFICANT (point->p);
        any_hidden |= point->suppressed;
        max_n[s] = MAX (max_n[s], point->n);
      }

  for (guint s = 0; s < trend->n_series; s++)
    legend[n_legend++] = (FwChartLegendEntry) { FW_CHART_SWATCH_LINE,
                                                series_color (chart, &trend->series[s]),
                                                series_name (&trend->series[s]) };
  /* The bars are the series' colour, pale; with two series, a neutral one. */
  count_color = fw_chart_mix (&theme->background,
                              trend->n_series == 1 ? series_color (chart, &trend->series[0])
                                                   : &theme->dim,
                              0.35);
  legend[n_legend++] = (FwChartLegendEntry) { FW_CHART_SWATCH_BOX, &count_color,
                                              _("Responses") };
  if (any_significant)
    legend[n_legend++] = (FwChartLegendEntry) { FW_CHART_SWATCH_TRIANGLE, &theme->accent,
                                                _("Significant change") };
  if (!isnan (trend->target))
    legend[n_legend++] = (FwChartLegendEntry) { FW_CHART_SWATCH_DASH, &theme->accent,
                                                _("Target") };
  hidden_text = fw_chart_hidden_text (chart->min_group);
  if (any_hidden)
    {
      /* Translators: the legend of a hidden period; %s: "fewer than 5 responses". */
      hidden_legend = g_strdup_printf (_("Hidden: %s"), hidden_text);
      legend[n_legend++] = (FwChartLegendEntry) { FW_CHART_SWATCH_HATCH, &theme->suppressed,
                                                  hidden_legend };
    }

  top = margin + fw_chart_draw_legend (chart, legend, n_legend, margin, margin,
                                       chart->width - 2 * margin)
        + round (chart->em * 0.9);
  axis_height = fw_chart_period_axis_height (chart, (const char *const *) trend->keys,
                                             trend->n_keys);
  bottom = chart->height - margin - axis_height;
  strip_height = CLAMP (round ((bottom - top) * 0.14), 12, 44);
  line_bottom = bottom - strip_height - round (chart->em * 0.6);

  /* A few points of air, so that a flat series is not a line on the
   * frame, and ticks at round numbers at least two lines apart. */
  if (high - low < 10)
    {
      double middle = (high + low) / 2;

      low = middle - 5;
      high = middle + 5;
    }
  low -= (high - low) * 0.05;
  high += (high - low) * 0.05;
  max_ticks = (guint) CLAMP ((line_bottom - top) / (chart->line_height * 2.2), 2, 9);
  n_ticks = fw_chart_nice_ticks (&low, &high, max_ticks, &step);

  for (guint t = 0; t < n_ticks; t++)
    {
      g_autofree char *text = fw_chart_format_number (low + t * step, step < 1 ? 1 : 0, TRUE);
      double w;

      fw_chart_text_size (chart, FW_CHART_FONT_SMALL, text, &w, NULL);
      widest = MAX (widest, w);
    }
  x0 = margin + widest + round (chart->em * 0.6);
  x1 = chart->width - margin;
  slot = (x1 - x0) / trend->n_keys;
  radius = CLAMP (slot * 0.22, 2, 4);
  plot = (FwChartRect) { x0, top, x1 - x0, line_bottom - top };
  fw_chart_set_axes (chart, &plot, low, high);

  /* Grid and value labels. */
  for (guint t = 0; t < n_ticks; t++)
    {
      double value = low + t * step;
      double y = fw_chart_value_to_y (chart, value);
      g_autofree char *text = fw_chart_format_number (value, step < 1 ? 1 : 0, TRUE);

      if (fabs (value) < step / 1000)
        fw_chart_hline (chart, x0, x1, y, &theme->dim, 0.55);
      else
        fw_chart_hline (chart, x0, x1, y, &theme->grid, 1.0);
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, text,
                          x0 - round (chart->em * 0.6), y, 1, 0.5, 0, TRUE, NULL);
    }
  fw_chart_hline (chart, x0, x1, bottom, &theme->dim, 0.6);

  /* Responses along the bottom, side by side when there are two series;
   * each series to its own scale, as employees answer far less often. */
  for (guint i = 0; i < trend->n_keys; i++)
    {
      double group = MIN (slot * 0.7, 14.0 * trend->n_series);
      double bar = group / trend->n_series;

      for (guint s = 0; s < trend->n_series; s++)
        {
          const Point *point = &trend->series[s].points[i];
          double h;

          if (point->n <= 0 || max_n[s] <= 0)
            continue;
          h = MAX (1, round (strip_height * point->n / max_n[s]));
          cairo_rectangle (cr, x0 + (i + 0.5) * slot - group / 2 + s * bar, bottom - h,
                           MAX (bar - (trend->n_series > 1 ? 1 : 0), 1), h);
          fw_chart_set_source (cr, series_color (chart, &trend->series[s]), 0.35);
          cairo_fill (cr);
        }
    }

  /* Hidden periods: a hatched column, labelled when it is wide enough. */
  for (guint s = 0; s < trend->n_series; s++)
    for (guint i = 0; i < trend->n_keys; i++)
      if (trend->series[s].points[i].suppressed)
        {
          double w = MAX (round (slot * 0.7), 3);
          FwChartRect column = { round (x0 + (i + 0.5) * slot - w / 2), top, w,
                                 line_bottom - top };
          double tw;

          fw_chart_hatch (chart, &column);
          fw_chart_text_size (chart, FW_CHART_FONT_SMALL, _("hidden"), &tw, NULL);
          if (tw <= slot - 2)
            fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, _("hidden"),
                                column.x + column.width / 2, column.y + 2, 0.5, 0, 0, TRUE,
                                NULL);
        }

  if (!isnan (trend->target))
    {
      double y = fw_chart_snap (chart, fw_chart_value_to_y (chart, trend->target), FALSE, 1.5);
      double dash[] = { 6, 4 };
      g_autofree char *value = fw_format_nps (trend->target);
      g_autofree char *text = NULL;

      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_set_line_width (cr, 1.5);
      fw_chart_set_source (cr, &theme->accent, 0.9);
      cairo_stroke (cr);
      cairo_restore (cr);
      /* Translators: the label of a target line, as in "Target +40.0". */
      text = g_strdup_printf (_("Target %s"), value);
      if (!fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->accent, text, x1 - 4, y - 2,
                               1, 1, 0, TRUE, NULL))
        fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->accent, text, x1 - 4, y + 2, 1,
                            0, 0, TRUE, NULL);
    }

  for (guint s = 0; s < trend->n_series; s++)
    draw_band (chart, trend, &trend->series[s], x0, slot);
  for (guint s = 0; s < trend->n_series; s++)
    draw_line (chart, trend, &trend->series[s], x0, slot);

  /* Points, and a triangle on each significant change, pointing the way
   * it went, outside the interval so that it never hides the line. */
  for (guint s = 0; s < trend->n_series; s++)
    for (guint i = 0; i < trend->n_keys; i++)
      {
        const Point *point = &trend->series[s].points[i];
        double x = x0 + (i + 0.5) * slot;
        double y;

        if (!point_drawn (point))
          continue;
        y = fw_chart_value_to_y (chart, point->nps);
        cairo_arc (cr, x, y, radius + 1.5, 0, 2 * G_PI);
        fw_chart_set_source (cr, &theme->background, 1.0);
        cairo_fill (cr);
        cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
        fw_chart_set_source (cr, series_color (chart, &trend->series[s]), 1.0);
        cairo_fill (cr);
        if (SIGNIFICANT (point->p))
          {
            double size = round (CLAMP (slot * 0.6, 5, chart->em * 0.7));
            gboolean up = point->delta > 0;
            double edge = fw_chart_value_to_y (chart, up ? point->high : point->low);
            double ty = up ? MIN (edge, y - radius) - 3 - size / 2
                           : MAX (edge, y + radius) + 3 + size / 2;

            fw_chart_triangle (cr, x, ty, size, up);
            fw_chart_set_source (cr, &theme->accent, 1.0);
            cairo_fill (cr);
          }
      }

  fw_chart_draw_period_axis (chart, (const char *const *) trend->keys, trend->n_keys, x0, slot,
                             bottom);

  /* Items, series by series, so that the arrow keys walk along a line. */
  for (guint s = 0; s < trend->n_series; s++)
    for (guint i = 0; i < trend->n_keys; i++)
      {
        const Point *point = &trend->series[s].points[i];
        g_autofree char *label = NULL;
        double x = x0 + (i + 0.5) * slot;
        double half = MAX (slot / 2, 6);
        FwChartRect area;

        if (!point->present)
          continue;
        if (point->suppressed)
          {
            double w = MAX (round (slot * 0.7), 3);

            area = (FwChartRect) { round (x - w / 2), top, w, line_bottom - top };
          }
        else if (point_drawn (point))
          {
            double y = fw_chart_value_to_y (chart, point->nps);

            area = (FwChartRect) { x - half, y - 10, 2 * half, 20 };
          }
        else
          continue;
        label = fw_chart_period_label (trend->keys[i]);
        fw_chart_add_item (chart, &area, label,
                           describe_point (chart, trend, &trend->series[s], i), NULL);
      }
}

static char *
get_title (const FwChart *chart)
{
  const Trend *trend = chart->data;
  const char *noun = fw_chart_period_noun (trend->period_kind);

  return fw_chart_title_by (trend->series[0].kind, trend->n_series == 2, noun);
}

static void
describe_series (GString      *text,
                 const FwChart *chart,
                 const Trend  *trend,
                 const Series *series)
{
  int latest = -1, highest = -1, lowest = -1;
  guint n_hidden = 0;

  for (guint i = 0; i < trend->n_keys; i++)
    {
      const Point *point = &series->points[i];

      n_hidden += point->suppressed;
      if (!point_drawn (point))
        continue;
      latest = (int) i;
      if (highest < 0 || point->nps > series->points[highest].nps)
        highest = (int) i;
      if (lowest < 0 || point->nps < series->points[lowest].nps)
        lowest = (int) i;
    }

  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append_printf (text, "%s.", series_name (series));
  if (latest >= 0)
    {
      g_autofree char *point = describe_point (chart, trend, series, latest);
      g_autofree char *high_label = fw_chart_period_label (trend->keys[highest]);
      g_autofree char *low_label = fw_chart_period_label (trend->keys[lowest]);

      /* Translators: the latest period of a series, as in "Latest: March
       * 2025: NPS +31.8 (...), 412 responses." */
      g_string_append_printf (text, " %s %s", _("Latest:"), point);
      if (highest != lowest)
        {
          g_autofree char *extremes = fw_chart_describe_extremes (
            high_label, series->points[highest].nps, low_label, series->points[lowest].nps);

          g_string_append_printf (text, " %s", extremes);
        }
    }
  if (n_hidden > 0)
    {
      g_autofree char *hidden = fw_chart_hidden_text (chart->min_group);

      g_string_append_c (text, ' ');
      /* Translators: %u periods; %s: "fewer than 5 responses". */
      g_string_append_printf (text, ngettext ("%u period hidden: %s.",
                                              "%u periods hidden: %s.", n_hidden),
                              n_hidden, hidden);
    }
}

static char *
get_description (const FwChart *chart)
{
  const Trend *trend = chart->data;
  GString *text = g_string_new (NULL);
  double low, high;

  if (!value_range (trend, &low, &high))
    {
      g_string_free (text, TRUE);
      return g_strdup (_("No responses in this period"));
    }
  for (guint s = 0; s < trend->n_series; s++)
    describe_series (text, chart, trend, &trend->series[s]);
  if (!isnan (trend->target))
    {
      g_autofree char *target = fw_format_nps (trend->target);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Target: %s."), target);
    }
  return g_string_free (text, FALSE);
}

static const FwChartClass trend_class = {
  render,
  get_title,
  get_description,
  trend_free,
};

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_series (Trend               *trend,
            const FwQueryResult *result)
{
  Series *series = &trend->series[trend->n_series++];

  series->kind = result->kind;
  series->points = g_new0 (Point, MAX (trend->n_keys, 1));
  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);
      char **found = bsearch (&row->key, trend->keys, trend->n_keys, sizeof (char *),
                              compare_keys);
      Point *point;

      g_assert (found != NULL);
      point = &series->points[found - trend->keys];
      point->present = TRUE;
      point->suppressed = row->suppressed;
      point->nps = row->nps;
      point->low = row->ci_low;
      point->high = row->ci_high;
      point->delta = row->delta;
      point->p = row->p;
      point->n = row->tally.n;
    }
}

FwChart *
fw_chart_new_trend (const FwQueryResult *cx,
                    const FwQueryResult *ex,
                    double               target)
{
  const FwQueryResult *results[] = { cx, ex };
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  Trend *trend;
  int year, number;

  g_return_val_if_fail (cx != NULL || ex != NULL, NULL);

  for (guint r = 0; r < G_N_ELEMENTS (results); r++)
    for (guint i = 0; results[r] != NULL && i < results[r]->rows->len; i++)
      g_ptr_array_add (keys, g_array_index (results[r]->rows, FwQueryRow, i).key);
  g_ptr_array_sort (keys, compare_keys);

  trend = g_new0 (Trend, 1);
  trend->target = target;
  trend->keys = g_new0 (char *, keys->len + 1);
  for (guint i = 0; i < keys->len; i++)
    if (trend->n_keys == 0 || strcmp (trend->keys[trend->n_keys - 1], keys->pdata[i]) != 0)
      trend->keys[trend->n_keys++] = g_strdup (keys->pdata[i]);
  trend->period_kind = trend->n_keys > 0 ? fw_chart_period_parse (trend->keys[0], &year, &number)
                                         : FW_CHART_PERIOD_NONE;
  for (guint r = 0; r < G_N_ELEMENTS (results); r++)
    if (results[r] != NULL)
      add_series (trend, results[r]);

  return fw_chart_alloc (FW_CHART_TREND, &trend_class, trend);
}
