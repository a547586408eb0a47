/* fw-chart-breakdown.c: NPS by unit or touchpoint as diverging bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per group: detractors to the left of the centre line, passives
 * astride it, promoters to the right, so that the balance of each group
 * reads at a glance; the score and the number of responses stand in two
 * columns at the end.  A hidden employee group keeps its row, hatched and
 * labelled, and sorts after the groups with a score.
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
  char    *name;  /* as shown: "No unit" for the answers without one */
  char    *unit;  /* the unit to filter to, or NULL */
  FwTally  tally;
  double   nps;
  double   low;
  double   high;
  gboolean suppressed;
} Row;

typedef struct
{
  FwKind     kind;
  FwGrouping grouping;
  Row       *rows;
  guint      n_rows;
} Breakdown;

static void
breakdown_free (gpointer data)
{
  Breakdown *breakdown = data;

  for (guint i = 0; i < breakdown->n_rows; i++)
    {
      g_free (breakdown->rows[i].name);
      g_free (breakdown->rows[i].unit);
    }
  g_free (breakdown->rows);
  g_free (breakdown);
}

static double
share (const Row *row,
       gint64     count)
{
  return row->tally.n > 0 ? 100.0 * count / row->tally.n : 0;
}

static char *
describe_row (const FwChart   *chart,
              const Breakdown *breakdown,
              const Row       *row)
{
  g_autofree char *score = NULL;
  g_autofree char *promoters = NULL;
  g_autofree char *passives = NULL;
  g_autofree char *detractors = NULL;
  g_autofree char *shares = NULL;

  if (row->suppressed)
    return fw_chart_describe_hidden (row->name, chart->min_group);
  score = fw_chart_describe_score (row->name, breakdown->kind, row->nps, row->low, row->high,
                                   row->tally.n);
  if (row->tally.n <= 0)
    return g_strdup_printf ("%s.", score);
  promoters = fw_chart_format_percent (share (row, row->tally.promoters));
  passives = fw_chart_format_percent (share (row, row->tally.passives));
  detractors = fw_chart_format_percent (share (row, row->tally.detractors));
  /* Translators: the shares of a group, as in "45% promoters, 30% passives,
   * 25% detractors." */
  shares = g_strdup_printf (_("%s promoters, %s passives, %s detractors."), promoters, passives,
                            detractors);
  return g_strdup_printf ("%s: %s", score, shares);
}

static void
draw_segment (FwChart            *chart,
              double              x,
              double              y,
              double              width,
              double              height,
              const FwChartColor *color,
              double              percent)
{
  g_autofree char *text = NULL;
  FwChartColor ink;
  double tw, th;

  if (width <= 0)
    return;
  /* A hairline of background between segments keeps them apart in every
   * theme, even where two colours are close in brightness. */
  cairo_rectangle (chart->cr, x, y, MAX (width - 1, 0.5), height);
  fw_chart_set_source (chart->cr, color, 1.0);
  cairo_fill (chart->cr);

  text = fw_chart_format_percent (percent);
  fw_chart_text_size (chart, FW_CHART_FONT_SMALL, text, &tw, &th);
  if (tw + 8 > width || th > height)
    return;
  if (fw_chart_luminance (color) > 0.5)
    ink = (FwChartColor) { 0.14, 0.12, 0.19, 1 };
  else
    ink = (FwChartColor) { 1, 1, 1, 1 };
  fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &ink, text, x + width / 2, y + height / 2, 0.5,
                      0.5, 0, TRUE, NULL);
}

static void
render (FwChart *chart)
{
  Breakdown *breakdown = chart->data;
  const FwChartTheme *theme = chart->theme;
  cairo_t *cr = chart->cr;
  const FwChartLegendEntry legend[] = {
    { FW_CHART_SWATCH_BOX, &theme->detractor, _("Detractors (0–6)") },
    { FW_CHART_SWATCH_BOX, &theme->passive, _("Passives (7–8)") },
    { FW_CHART_SWATCH_BOX, &theme->promoter, _("Promoters (9–10)") },
  };
  g_autofree char *hidden_text = fw_chart_hidden_text (chart->min_group);
  double margin = round (chart->em);
  double gap = round (chart->em);
  double label_width = 0, score_width, count_width, extent = 0;
  double top, header_y, rows_top, rows_bottom, axis_height, row_height, thickness;
  double score_right, count_right, bar_x0, bar_x1, centre, scale, low, high, step, w;
  double small_line;
  guint n_shown, n_ticks;
  FwChartFont name_font = FW_CHART_FONT_NORMAL;
  FwChartRect plot;

  if (breakdown->n_rows == 0)
    {
      fw_chart_draw_empty (chart, NULL);
      return;
    }

  top = margin + fw_chart_draw_legend (chart, legend, G_N_ELEMENTS (legend), margin, margin,
                                       chart->width - 2 * margin)
        + round (chart->em * 0.8);

  /* Columns: names, bars, score, responses. */
  fw_chart_text_size (chart, FW_CHART_FONT_BOLD, "−100.0", &score_width, NULL);
  fw_chart_text_size (chart, FW_CHART_FONT_SMALL, fw_chart_score_name (breakdown->kind), &w,
                      NULL);
  score_width = MAX (score_width, w);
  fw_chart_text_size (chart, FW_CHART_FONT_SMALL, _("Responses"), &count_width, NULL);
  for (guint i = 0; i < breakdown->n_rows; i++)
    {
      const Row *row = &breakdown->rows[i];
      g_autofree char *count = fw_format_count (row->tally.n);

      fw_chart_text_size (chart, FW_CHART_FONT_NORMAL, row->name, &w, NULL);
      label_width = MAX (label_width, w);
      fw_chart_text_size (chart, FW_CHART_FONT_SMALL, count, &w, NULL);
      count_width = MAX (count_width, w);
      if (!row->suppressed && row->tally.n > 0)
        {
          extent = MAX (extent, share (row, row->tally.detractors)
                                + share (row, row->tally.passives) / 2);
          extent = MAX (extent, share (row, row->tally.promoters)
                                + share (row, row->tally.passives) / 2);
        }
    }
  label_width = MIN (label_width, round (chart->width * 0.26));
  count_right = chart->width - margin;
  score_right = count_right - count_width - gap * 1.5;
  bar_x0 = margin + label_width + gap;
  bar_x1 = score_right - score_width - gap * 1.5;

  /* Rows: as tall as the space allows, within reason; when even one line
   * each does not fit, the last line says how many are left out. */
  header_y = top;
  rows_top = top + chart->line_height + round (chart->em * 0.3);
  axis_height = chart->line_height + round (chart->em * 0.5);
  rows_bottom = chart->height - margin - axis_height;
  row_height = floor ((rows_bottom - rows_top) / breakdown->n_rows);
  row_height = MIN (row_height, round (chart->line_height * 2.6));
  n_shown = breakdown->n_rows;
  fw_chart_text_size (chart, FW_CHART_FONT_SMALL, "Ag", NULL, &small_line);
  if (row_height < chart->line_height + 2)
    name_font = FW_CHART_FONT_SMALL;
  if (row_height < small_line + 1)
    {
      row_height = small_line + 1;
      n_shown = (guint) MAX (1, floor ((rows_bottom - rows_top) / row_height) - 1);
      n_shown = MIN (n_shown, breakdown->n_rows);
    }
  rows_bottom = rows_top + row_height * n_shown;
  thickness = round (MIN (row_height * 0.68, chart->line_height * 1.7));

  /* A symmetric scale in percent, so that the centre line is the middle. */
  low = 0;
  high = MAX (extent, 10);
  n_ticks = fw_chart_nice_ticks (&low, &high,
                                 (guint) CLAMP ((bar_x1 - bar_x0) / 2 / (chart->em * 5), 2, 5),
                                 &step);
  centre = round ((bar_x0 + bar_x1) / 2);
  scale = (bar_x1 - bar_x0) / 2 / high;
  plot = (FwChartRect) { bar_x0, rows_top, bar_x1 - bar_x0, rows_bottom - rows_top };
  fw_chart_set_axes (chart, &plot, -high, high);

  for (guint t = 0; t < n_ticks; t++)
    for (int side = -1; side <= 1; side += 2)
      {
        double value = t * step;
        double x = centre + side * value * scale;
        g_autofree char *text = fw_chart_format_percent (value);

        if (t == 0 && side > 0)
          continue;
        fw_chart_vline (chart, x, rows_top, rows_bottom, t == 0 ? &theme->dim : &theme->grid,
                        t == 0 ? 0.6 : 1.0);
        fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, text, x,
                            rows_bottom + round (chart->em * 0.4), 0.5, 0, 0, TRUE, NULL);
      }

  fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim,
                      fw_chart_score_name (breakdown->kind), score_right, header_y, 1, 0, 0,
                      TRUE, NULL);
  fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, _("Responses"), count_right,
                      header_y, 1, 0, 0, TRUE, NULL);

  for (guint i = 0; i < n_shown; i++)
    {
      const Row *row = &breakdown->rows[i];
      double middle = rows_top + (i + 0.5) * row_height;
      double y = round (middle - thickness / 2);
      FwChartRect area = { margin, rows_top + i * row_height, chart->width - 2 * margin,
                           row_height };

      fw_chart_draw_text (chart, name_font, &theme->foreground, row->name, margin,
                          middle, 0, 0.5, label_width, TRUE, NULL);
      if (row->suppressed)
        {
          FwChartRect bar = { bar_x0, y, bar_x1 - bar_x0, thickness };
          FwChartRect note;
          double tw, th;

          fw_chart_hatch (chart, &bar);
          fw_chart_text_size (chart, FW_CHART_FONT_SMALL, hidden_text, &tw, &th);
          note = (FwChartRect) { round (centre - tw / 2 - 6), round (middle - th / 2), tw + 12,
                                 th };
          if (th <= thickness)
            {
              fw_chart_rounded_rect (cr, &note, 3);
              fw_chart_set_source (cr, &theme->background, 0.9);
              cairo_fill (cr);
            }
          fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, hidden_text, centre,
                              middle, 0.5, 0.5, bar.width, TRUE, NULL);
        }
      else if (row->tally.n > 0)
        {
          double passives = share (row, row->tally.passives) * scale;
          double detractors = share (row, row->tally.detractors) * scale;
          double promoters = share (row, row->tally.promoters) * scale;
          g_autofree char *score = fw_format_nps (row->nps);
          g_autofree char *count = fw_format_count (row->tally.n);

          draw_segment (chart, centre - passives / 2 - detractors, y, detractors, thickness,
                        &theme->detractor, share (row, row->tally.detractors));
          draw_segment (chart, centre - passives / 2, y, passives, thickness, &theme->passive,
                        share (row, row->tally.passives));
          draw_segment (chart, centre + passives / 2, y, promoters, thickness,
                        &theme->promoter, share (row, row->tally.promoters));
          fw_chart_draw_text (chart, name_font == FW_CHART_FONT_SMALL ? name_font
                                                                     : FW_CHART_FONT_BOLD,
                              &theme->foreground, score, score_right,
                              middle, 1, 0.5, 0, TRUE, NULL);
          fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, count, count_right,
                              middle, 1, 0.5, 0, TRUE, NULL);
        }
      fw_chart_add_item (chart, &area, row->name, describe_row (chart, breakdown, row),
                         row->unit);
    }

  if (n_shown < breakdown->n_rows)
    {
      guint rest = breakdown->n_rows - n_shown;
      /* Translators: the rows of a breakdown that did not fit. */
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more", rest),
                                               rest);

      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, more, margin,
                          rows_bottom + round (chart->em * 0.4), 0, 0, label_width, TRUE, NULL);
    }
}

static const char *
group_noun (const Breakdown *breakdown)
{
  return breakdown->grouping == FW_GROUPING_TOUCHPOINT ? C_("grouping noun", "touchpoint")
                                                       : C_("grouping noun", "unit");
}

static char *
get_title (const FwChart *chart)
{
  const Breakdown *breakdown = chart->data;

  return fw_chart_title_by (breakdown->kind, FALSE, group_noun (breakdown));
}

static char *
get_description (const FwChart *chart)
{
  const Breakdown *breakdown = chart->data;
  GString *text = g_string_new (NULL);
  int highest = -1, lowest = -1;
  guint n_hidden = 0;

  if (breakdown->n_rows == 0)
    {
      g_string_free (text, TRUE);
      return g_strdup (_("No responses in this period"));
    }
  for (guint i = 0; i < breakdown->n_rows; i++)
    {
      const Row *row = &breakdown->rows[i];

      if (row->suppressed)
        n_hidden++;
      if (row->suppressed || isnan (row->nps))
        continue;
      if (highest < 0 || row->nps > breakdown->rows[highest].nps)
        highest = (int) i;
      if (lowest < 0 || row->nps < breakdown->rows[lowest].nps)
        lowest = (int) i;
    }

  if (breakdown->grouping == FW_GROUPING_TOUCHPOINT)
    g_string_append_printf (text, ngettext ("%u touchpoint.", "%u touchpoints.",
                                            breakdown->n_rows),
                            breakdown->n_rows);
  else
    g_string_append_printf (text, ngettext ("%u unit.", "%u units.", breakdown->n_rows),
                            breakdown->n_rows);
  if (highest >= 0 && highest != lowest)
    {
      g_autofree char *extremes = fw_chart_describe_extremes (
        breakdown->rows[highest].name, breakdown->rows[highest].nps,
        breakdown->rows[lowest].name, breakdown->rows[lowest].nps);

      g_string_append_printf (text, " %s", extremes);
    }
  else if (highest >= 0)
    {
      g_autofree char *row = describe_row (chart, breakdown, &breakdown->rows[highest]);

      g_string_append_printf (text, " %s", row);
    }
  if (n_hidden > 0)
    {
      g_autofree char *hidden = fw_chart_hidden_text (chart->min_group);

      g_string_append_c (text, ' ');
      /* Translators: %u groups; %s: "fewer than 5 responses". */
      g_string_append_printf (text, ngettext ("%u group hidden: %s.", "%u groups hidden: %s.",
                                              n_hidden),
                              n_hidden, hidden);
    }
  return g_string_free (text, FALSE);
}

static const FwChartClass breakdown_class = {
  render,
  get_title,
  get_description,
  breakdown_free,
};

/* Hidden groups and groups without answers last; the answers without a
 * unit after the named ones. */
static int
compare_rows (const Row  *a,
              const Row  *b,
              FwChartSort sort)
{
  gboolean a_scored = !a->suppressed && !isnan (a->nps);
  gboolean b_scored = !b->suppressed && !isnan (b->nps);

  if (a_scored != b_scored)
    return a_scored ? -1 : 1;
  if ((a->unit == NULL) != (b->unit == NULL) && sort == FW_CHART_SORT_BY_NAME)
    return a->unit == NULL ? 1 : -1;
  if (sort == FW_CHART_SORT_BY_SCORE && a_scored && a->nps != b->nps)
    return a->nps > b->nps ? -1 : 1;
  return g_utf8_collate (a->name, b->name);
}

static int
compare_by_score (gconstpointer a,
                  gconstpointer b)
{
  return compare_rows (a, b, FW_CHART_SORT_BY_SCORE);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  return compare_rows (a, b, FW_CHART_SORT_BY_NAME);
}

FwChart *
fw_chart_new_breakdown (const FwQueryResult *result,
                        FwChartSort          sort,
                        guint                min_group)
{
  Breakdown *breakdown;
  FwChart *chart;

  g_return_val_if_fail (result != NULL, NULL);

  breakdown = g_new0 (Breakdown, 1);
  breakdown->kind = result->kind;
  breakdown->grouping = result->grouping;
  breakdown->rows = g_new0 (Row, MAX (result->rows->len, 1));
  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *source = &g_array_index (result->rows, FwQueryRow, i);
      Row *row = &breakdown->rows[breakdown->n_rows++];
      gboolean is_unit = result->grouping == FW_GROUPING_UNIT;

      if (is_unit)
        row->name = fw_chart_unit_name (source->key);
      else if (*source->key == '\0')
        row->name = g_strdup (_("No touchpoint"));
      else
        row->name = g_strdup (source->key);
      /* A click filters to the unit; the answers without one have none. */
      row->unit = is_unit && *source->key != '\0' ? g_strdup (source->key) : NULL;
      row->tally = source->tally;
      row->nps = source->nps;
      row->low = source->ci_low;
      row->high = source->ci_high;
      row->suppressed = source->suppressed;
    }
  qsort (breakdown->rows, breakdown->n_rows, sizeof (Row),
         sort == FW_CHART_SORT_BY_NAME ? compare_by_name : compare_by_score);

  chart = fw_chart_alloc (FW_CHART_BREAKDOWN, &breakdown_class, breakdown);
  chart->min_group = min_group;
  return chart;
}
