/* fw-chart-heatmap.c: NPS by unit and period as coloured cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units down, periods across, each cell coloured on a diverging scale from
 * orange (below zero) through grey to blue (above), which people with
 * red-green colour blindness read as well as anyone.  The scale is
 * symmetric around zero so that equal distances look equally strong.  A
 * hidden employee cell is hatched, never coloured; a unit-period without
 * answers stays empty.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fw-chart-private.h"
#include "fw-format.h"

typedef struct
{
  gboolean present;
  gboolean suppressed;
  double   nps;
  double   low;
  double   high;
  gint64   n;
} Cell;

typedef struct
{
  FwKind     kind;
  FwGrouping grouping;
  char     **units; /* as in the result: "" for the answers without a unit */
  char     **names; /* as shown */
  guint      n_units;
  char     **keys;
  guint      n_keys;
  Cell      *cells; /* n_units x n_keys, row by row */
  double     domain; /* the score at either end of the colour scale */
} Heatmap;

static void
heatmap_free (gpointer data)
{
  Heatmap *heatmap = data;

  g_strfreev (heatmap->units);
  g_strfreev (heatmap->names);
  g_strfreev (heatmap->keys);
  g_free (heatmap->cells);
  g_free (heatmap);
}

static Cell *
cell_at (const Heatmap *heatmap,
         guint          unit,
         guint          key)
{
  return &heatmap->cells[unit * heatmap->n_keys + key];
}

static FwChartColor
scale_color (const FwChart *chart,
             double         nps,
             double         domain)
{
  const FwChartTheme *theme = chart->theme;
  FwChartColor middle = fw_chart_mix (&theme->background, &theme->foreground, 0.1);
  double t = CLAMP (fabs (nps) / domain, 0, 1);

  /* A slight curve, so that scores near zero still show which side they
   * are on. */
  return fw_chart_mix (&middle, nps < 0 ? &theme->detractor : &theme->promoter, pow (t, 0.8));
}

/* How light a fill looks.  It may be translucent over a card the chart
 * does not see (the window's theme has a transparent background); that
 * card is taken to be as far from the text colour as the theme goes. */
static double
fill_luminance (const FwChartTheme *theme,
                const FwChartColor *fill)
{
  const FwChartColor *background = &theme->background;
  double behind = background->alpha * fw_chart_luminance (background)
                  + (1 - background->alpha) * (1 - fw_chart_luminance (&theme->foreground));

  return fill->alpha * fw_chart_luminance (fill) + (1 - fill->alpha) * behind;
}

static char *
cell_label (const Heatmap *heatmap,
            guint          unit,
            guint          key)
{
  g_autofree char *period = fw_chart_period_label (heatmap->keys[key]);

  /* Translators: a cell of a heatmap: a unit and a period, as in
   * "Billing, March 2025". */
  return g_strdup_printf (C_("cell", "%s, %s"), heatmap->names[unit], period);
}

static char *
describe_cell (const FwChart *chart,
               const Heatmap *heatmap,
               guint          unit,
               guint          key)
{
  const Cell *cell = cell_at (heatmap, unit, key);
  g_autofree char *label = cell_label (heatmap, unit, key);

  if (cell->suppressed)
    return fw_chart_describe_hidden (label, chart->min_group);
  return fw_chart_describe_score (label, heatmap->kind, cell->nps, cell->low, cell->high,
                                  cell->n);
}

static double
draw_scale (FwChart *chart,
            double   x,
            double   y,
            double   width)
{
  Heatmap *heatmap = chart->data;
  cairo_t *cr = chart->cr;
  double height = round (chart->em * 0.7);
  cairo_pattern_t *pattern = cairo_pattern_create_linear (x, 0, x + width, 0);
  const int n_stops = 16;

  for (int i = 0; i <= n_stops; i++)
    {
      double value = -heatmap->domain + 2 * heatmap->domain * i / n_stops;
      FwChartColor color = scale_color (chart, value, heatmap->domain);

      cairo_pattern_add_color_stop_rgb (pattern, (double) i / n_stops, color.red, color.green,
                                        color.blue);
    }
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);

  for (int i = -1; i <= 1; i++)
    {
      g_autofree char *text = fw_chart_format_number (i * heatmap->domain, 0, TRUE);

      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &chart->theme->dim, text,
                          x + width * (i + 1) / 2.0, y + height + 2, (i + 1) / 2.0, 0, 0, TRUE,
                          NULL);
    }
  return height + 2 + chart->line_height;
}

static void
render (FwChart *chart)
{
  Heatmap *heatmap = chart->data;
  const FwChartTheme *theme = chart->theme;
  cairo_t *cr = chart->cr;
  g_autofree char *hidden_text = fw_chart_hidden_text (chart->min_group);
  g_autofree char *hidden_legend = NULL;
  double margin = round (chart->em);
  double label_width = 0, legend_height, scale_width, top, bottom, x0, x1;
  double cell_width, cell_height, gap, value_width, value_height;
  gboolean any_hidden = FALSE;
  FwChartFont name_font = FW_CHART_FONT_NORMAL;
  FwChartRect plot;

  if (heatmap->n_units == 0 || heatmap->n_keys == 0)
    {
      fw_chart_draw_empty (chart, NULL);
      return;
    }

  /* Unit names in the small type when rows are too short for the normal
   * one; in rows shorter still, names that would touch are left out. */
  top = margin + round (chart->em * 0.7) + 2 + chart->line_height + round (chart->em * 0.8);
  bottom = chart->height - margin
           - fw_chart_period_axis_height (chart, (const char *const *) heatmap->keys,
                                          heatmap->n_keys);
  if ((bottom - top) / heatmap->n_units < chart->line_height)
    name_font = FW_CHART_FONT_SMALL;
  for (guint u = 0; u < heatmap->n_units; u++)
    {
      double w;

      fw_chart_text_size (chart, name_font, heatmap->names[u], &w, NULL);
      label_width = MAX (label_width, w);
      for (guint k = 0; k < heatmap->n_keys; k++)
        any_hidden |= cell_at (heatmap, u, k)->suppressed;
    }
  label_width = MIN (label_width, round (chart->width * 0.26));

  /* The scale, and the mark of hidden cells beside it. */
  scale_width = round (MIN (chart->em * 18, (chart->width - 2 * margin) * 0.35));
  legend_height = draw_scale (chart, margin, margin, scale_width);
  if (any_hidden)
    {
      FwChartLegendEntry entry = { FW_CHART_SWATCH_HATCH, &theme->suppressed, NULL };

      /* Translators: the legend of a hidden period; %s: "fewer than 5 responses". */
      hidden_legend = g_strdup_printf (_("Hidden: %s"), hidden_text);
      entry.label = hidden_legend;
      fw_chart_draw_legend (chart, &entry, 1, margin + scale_width + chart->em * 2,
                            margin + chart->em * 0.35 - chart->line_height / 2,
                            chart->width - 2 * margin - scale_width - chart->em * 2);
    }

  top = margin + legend_height + round (chart->em * 0.8);
  x0 = margin + label_width + round (chart->em * 0.8);
  x1 = chart->width - margin;
  cell_width = (x1 - x0) / heatmap->n_keys;
  cell_height = MIN ((bottom - top) / heatmap->n_units, round (chart->line_height * 2.4));
  bottom = top + cell_height * heatmap->n_units;
  gap = cell_width > 8 && cell_height > 8 ? 2 : 0;
  fw_chart_text_size (chart, FW_CHART_FONT_SMALL, "−100", &value_width, &value_height);
  plot = (FwChartRect) { x0, top, x1 - x0, bottom - top };
  fw_chart_set_axes (chart, &plot, -heatmap->domain, heatmap->domain);

  for (guint u = 0; u < heatmap->n_units; u++)
    {
      double y = top + u * cell_height;

      fw_chart_draw_text (chart, name_font, &theme->foreground, heatmap->names[u],
                          margin, y + cell_height / 2, 0, 0.5, label_width, TRUE, NULL);
      for (guint k = 0; k < heatmap->n_keys; k++)
        {
          const Cell *cell = cell_at (heatmap, u, k);
          FwChartRect rect = { round (x0 + k * cell_width + gap / 2), round (y + gap / 2),
                               0, 0 };
          g_autofree char *label = NULL;

          rect.width = round (x0 + (k + 1) * cell_width - gap / 2) - rect.x;
          rect.height = round (y + cell_height - gap / 2) - rect.y;
          if (!cell->present)
            continue;
          if (cell->suppressed)
            fw_chart_hatch (chart, &rect);
          else if (!isnan (cell->nps))
            {
              FwChartColor fill = scale_color (chart, cell->nps, heatmap->domain);

              cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
              fw_chart_set_source (cr, &fill, 1.0);
              cairo_fill (cr);
              if (value_width + 4 <= rect.width && value_height <= rect.height)
                {
                  g_autofree char *text = fw_chart_format_number (cell->nps, 0, TRUE);
                  FwChartColor ink = fill_luminance (chart->theme, &fill) > 0.5
                                       ? (FwChartColor) { 0.14, 0.12, 0.19, 1 }
                                       : (FwChartColor) { 1, 1, 1, 1 };

                  fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &ink, text,
                                      rect.x + rect.width / 2, rect.y + rect.height / 2, 0.5,
                                      0.5, rect.width, TRUE, NULL);
                }
            }
          label = cell_label (heatmap, u, k);
          fw_chart_add_item (chart, &rect, label, describe_cell (chart, heatmap, u, k),
                             *heatmap->units[u] != '\0' ? heatmap->units[u] : NULL);
        }
    }

  fw_chart_draw_period_axis (chart, (const char *const *) heatmap->keys, heatmap->n_keys, x0,
                             cell_width, bottom);
}

static const char *
grouping_noun (const Heatmap *heatmap)
{
  return heatmap->grouping == FW_GROUPING_UNIT_MONTH ? C_("grouping noun", "unit and month")
                                                     : C_("grouping noun", "unit and quarter");
}

static char *
get_title (const FwChart *chart)
{
  const Heatmap *heatmap = chart->data;

  return fw_chart_title_by (heatmap->kind, FALSE, grouping_noun (heatmap));
}

static char *
get_description (const FwChart *chart)
{
  const Heatmap *heatmap = chart->data;
  GString *text;
  int high_unit = -1, high_key = -1, low_unit = -1, low_key = -1;
  guint n_hidden = 0;

  if (heatmap->n_units == 0 || heatmap->n_keys == 0)
    return g_strdup (_("No responses in this period"));

  for (guint u = 0; u < heatmap->n_units; u++)
    for (guint k = 0; k < heatmap->n_keys; k++)
      {
        const Cell *cell = cell_at (heatmap, u, k);

        n_hidden += cell->suppressed;
        if (!cell->present || cell->suppressed || isnan (cell->nps))
          continue;
        if (high_unit < 0 || cell->nps > cell_at (heatmap, high_unit, high_key)->nps)
          high_unit = (int) u, high_key = (int) k;
        if (low_unit < 0 || cell->nps < cell_at (heatmap, low_unit, low_key)->nps)
          low_unit = (int) u, low_key = (int) k;
      }

  text = g_string_new (NULL);
  g_string_append_printf (text, ngettext ("%u unit.", "%u units.", heatmap->n_units),
                          heatmap->n_units);
  if (high_unit >= 0)
    {
      g_autofree char *high_label = cell_label (heatmap, high_unit, high_key);
      g_autofree char *low_label = cell_label (heatmap, low_unit, low_key);
      g_autofree char *extremes = fw_chart_describe_extremes (
        high_label, cell_at (heatmap, high_unit, high_key)->nps, low_label,
        cell_at (heatmap, low_unit, low_key)->nps);

      g_string_append_printf (text, " %s", extremes);
    }
  if (n_hidden > 0)
    {
      g_autofree char *hidden = fw_chart_hidden_text (chart->min_group);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u group hidden: %s.", "%u groups hidden: %s.",
                                              n_hidden),
                              n_hidden, hidden);
    }
  return g_string_free (text, FALSE);
}

static const FwChartClass heatmap_class = {
  render,
  get_title,
  get_description,
  heatmap_free,
};

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Units by name, the answers without a unit last. */
static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  const char *x = *(const char *const *) a;
  const char *y = *(const char *const *) b;

  if ((*x == '\0') != (*y == '\0'))
    return *x == '\0' ? 1 : -1;
  return g_utf8_collate (x, y);
}

static char **
unique_sorted (GPtrArray   *strings,
               GCompareFunc compare,
               guint       *n)
{
  char **unique = g_new0 (char *, strings->len + 1);

  g_ptr_array_sort (strings, compare);
  *n = 0;
  for (guint i = 0; i < strings->len; i++)
    if (*n == 0 || strcmp (unique[*n - 1], strings->pdata[i]) != 0)
      unique[(*n)++] = g_strdup (strings->pdata[i]);
  return unique;
}

static guint
find_string (char      **strings,
             guint       n,
             const char *string)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (strings[i], string) == 0)
      return i;
  g_assert_not_reached ();
  return 0;
}

FwChart *
fw_chart_new_heatmap (const FwQueryResult *result,
                      guint                min_group)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  Heatmap *heatmap;
  FwChart *chart;
  double largest = 0;

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);

      g_ptr_array_add (units, row->unit != NULL ? row->unit : (char *) "");
      g_ptr_array_add (keys, row->key);
    }

  heatmap = g_new0 (Heatmap, 1);
  heatmap->kind = result->kind;
  heatmap->grouping = result->grouping;
  heatmap->units = unique_sorted (units, compare_units, &heatmap->n_units);
  heatmap->keys = unique_sorted (keys, compare_strings, &heatmap->n_keys);
  heatmap->names = g_new0 (char *, heatmap->n_units + 1);
  for (guint u = 0; u < heatmap->n_units; u++)
    heatmap->names[u] = fw_chart_unit_name (heatmap->units[u]);
  heatmap->cells = g_new0 (Cell, MAX (heatmap->n_units * heatmap->n_keys, 1));

  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);
      guint u = find_string (heatmap->units, heatmap->n_units, row->unit ? row->unit : "");
      guint k = find_string (heatmap->keys, heatmap->n_keys, row->key);
      Cell *cell = cell_at (heatmap, u, k);

      cell->present = TRUE;
      cell->suppressed = row->suppressed;
      cell->nps = row->nps;
      cell->low = row->ci_low;
      cell->high = row->ci_high;
      cell->n = row->tally.n;
      if (!row->suppressed && !isnan (row->nps))
        largest = MAX (largest, fabs (row->nps));
    }

  /* A round end for the scale that the largest score reaches. */
  heatmap->domain = 100;
  for (guint i = 0; i < 6; i++)
    {
      static const double ends[] = { 20, 25, 40, 50, 75, 100 };

      if (largest <= ends[i])
        {
          heatmap->domain = ends[i];
          break;
        }
    }

  chart = fw_chart_alloc (FW_CHART_HEATMAP, &heatmap_class, heatmap);
  chart->min_group = min_group;
  return chart;
}
