/* fw-chart-link.c: unit eNPS against unit NPS some quarters later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One point per unit and quarter of one lag, eNPS across and NPS up, its
 * area following the customer answers behind it; the least-squares line
 * with the 95% band of its mean; the correlations, the number of pairs
 * and the lag in a corner that the points leave free; and, always, the
 * words "association, not causation": a chart like this invites a causal
 * reading that the data cannot carry.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-chart-private.h"
#include "fw-format.h"
#include "fw-stats.h"

typedef struct
{
  char  *unit;
  char  *ex_quarter;
  char  *cx_quarter;
  double enps;
  gint64 ex_n;
  double nps;
  gint64 cx_n;
} Pair;

typedef struct
{
  guint  lag;
  Pair  *pairs;
  guint  n_pairs;
  double pearson;
  double pearson_low;
  double pearson_high;
  double spearman;
  double slope;
  /* The fit, for the line and its band. */
  double mean_x;
  double mean_y;
  double sxx;
  double residual_sd;
} Link;

static void
link_free (gpointer data)
{
  Link *link = data;

  for (guint i = 0; i < link->n_pairs; i++)
    {
      g_free (link->pairs[i].unit);
      g_free (link->pairs[i].ex_quarter);
      g_free (link->pairs[i].cx_quarter);
    }
  g_free (link->pairs);
  g_free (link);
}

/* Student's t for a two-sided 95% interval, by the Cornish-Fisher
 * expansion around the normal quantile: within 0.2% from 3 degrees of
 * freedom on, which is more than a drawn band needs. */
static double
t95 (double df)
{
  double z = FW_STATS_Z95;
  double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;

  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
         + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
}

static gboolean
has_fit (const Link *link)
{
  return link->n_pairs >= 3 && !isnan (link->slope) && link->sxx > 0;
}

static char *
pair_label (const Pair *pair)
{
  g_autofree char *unit = fw_chart_unit_name (pair->unit);
  g_autofree char *quarter = fw_chart_period_label (pair->ex_quarter);

  return g_strdup_printf (C_("cell", "%s, %s"), unit, quarter);
}

static char *
describe_pair (const Pair *pair)
{
  g_autofree char *unit = fw_chart_unit_name (pair->unit);
  g_autofree char *ex_quarter = fw_chart_period_label (pair->ex_quarter);
  g_autofree char *cx_quarter = fw_chart_period_label (pair->cx_quarter);
  g_autofree char *enps = fw_format_nps (pair->enps);
  g_autofree char *nps = fw_format_nps (pair->nps);
  g_autofree char *ex_n = fw_format_count (pair->ex_n);
  g_autofree char *cx_n = fw_format_count (pair->cx_n);

  /* Translators: a point of the CX-EX chart: the unit, its eNPS in one
   * quarter with the number of employee answers, and its NPS in a later
   * quarter with the number of customer answers. */
  return g_strdup_printf (_("%s: eNPS %s in %s (n = %s), NPS %s in %s (n = %s)"), unit, enps,
                          ex_quarter, ex_n, nps, cx_quarter, cx_n);
}

static char *
lag_text (guint lag)
{
  if (lag == 0)
    return g_strdup (_("Employee and customer answers of the same quarter"));
  return g_strdup_printf (ngettext ("Employee answers %u quarter before customer answers",
                                    "Employee answers %u quarters before customer answers", lag),
                          lag);
}

static char *
pearson_text (const Link *link)
{
  g_autofree char *r = fw_chart_format_number (link->pearson, 2, FALSE);

  if (!isnan (link->pearson_low))
    {
      g_autofree char *low = fw_chart_format_number (link->pearson_low, 2, FALSE);
      g_autofree char *high = fw_chart_format_number (link->pearson_high, 2, FALSE);

      /* Translators: Pearson's correlation and its 95% interval. */
      return g_strdup_printf (_("Pearson r %s (95%% interval %s to %s)"), r, low, high);
    }
  return g_strdup_printf (_("Pearson r %s"), isnan (link->pearson) ? "—" : r);
}

static char *
spearman_text (const Link *link)
{
  g_autofree char *rho = fw_chart_format_number (link->spearman, 2, FALSE);

  /* Translators: Spearman's rank correlation. */
  return g_strdup_printf (_("Spearman ρ %s"), isnan (link->spearman) ? "—" : rho);
}

static char *
pairs_text (const Link *link)
{
  return g_strdup_printf (ngettext ("%u unit-quarter", "%u unit-quarters", link->n_pairs),
                          link->n_pairs);
}

static double
x_to_px (const FwChartRect *plot,
         double             x_min,
         double             x_max,
         double             x)
{
  return plot->x + (x - x_min) / (x_max - x_min) * plot->width;
}

static void
draw_fit (FwChart           *chart,
          const FwChartRect *plot,
          double             x_min,
          double             x_max)
{
  Link *link = chart->data;
  cairo_t *cr = chart->cr;
  double t = t95 (link->n_pairs - 2);
  const int n_steps = 48;
  double from = x_min, to = x_max;

  /* The fit holds where there are points, not beyond. */
  for (guint i = 0; i < link->n_pairs; i++)
    {
      from = i == 0 ? link->pairs[i].enps : MIN (from, link->pairs[i].enps);
      to = i == 0 ? link->pairs[i].enps : MAX (to, link->pairs[i].enps);
    }

  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y, plot->width, plot->height);
  cairo_clip (cr);
  for (int pass = 0; pass < 2; pass++)
    {
      for (int i = 0; i <= n_steps; i++)
        {
          int j = pass == 0 ? i : n_steps - i;
          double x = from + (to - from) * j / n_steps;
          double fit = link->mean_y + link->slope * (x - link->mean_x);
          double se = link->residual_sd
                      * sqrt (1.0 / link->n_pairs
                              + (x - link->mean_x) * (x - link->mean_x) / link->sxx);

          cairo_line_to (cr, x_to_px (plot, x_min, x_max, x),
                         fw_chart_value_to_y (chart, fit + (pass == 0 ? t : -t) * se));
        }
    }
  cairo_close_path (cr);
  fw_chart_set_source (cr, &chart->theme->foreground, 0.08);
  cairo_fill (cr);

  cairo_move_to (cr, x_to_px (plot, x_min, x_max, from),
                 fw_chart_value_to_y (chart, link->mean_y + link->slope * (from - link->mean_x)));
  cairo_line_to (cr, x_to_px (plot, x_min, x_max, to),
                 fw_chart_value_to_y (chart, link->mean_y + link->slope * (to - link->mean_x)));
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  fw_chart_set_source (cr, &chart->theme->foreground, 0.7);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static gboolean
rects_touch (const FwChartRect *a,
             const FwChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height
         && b->y < a->y + a->height;
}

static gboolean
rect_inside (const FwChartRect *inner,
             const FwChartRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y
         && inner->x + inner->width <= outer->x + outer->width
         && inner->y + inner->height <= outer->y + outer->height;
}

static void
render (FwChart *chart)
{
  Link *link = chart->data;
  const FwChartTheme *theme = chart->theme;
  cairo_t *cr = chart->cr;
  double margin = round (chart->em);
  double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;
  double x_step, y_step, widest = 0, max_n = 1, max_radius;
  double top, bottom, label_gap, x0, x1;
  guint n_x, n_y;
  g_autofree double *radii = NULL;
  g_autofree guint *order = NULL;
  g_autofree char *y_title = NULL;
  char *lines[5];
  guint n_lines = 0;
  FwChartRect plot, box;
  double box_width = 0, box_height, best_count = G_MAXDOUBLE;
  GHashTable *latest;

  if (link->n_pairs == 0)
    {
      fw_chart_draw_empty (chart, NULL);
      return;
    }

  for (guint i = 0; i < link->n_pairs; i++)
    {
      x_min = MIN (x_min, link->pairs[i].enps);
      x_max = MAX (x_max, link->pairs[i].enps);
      y_min = MIN (y_min, link->pairs[i].nps);
      y_max = MAX (y_max, link->pairs[i].nps);
      max_n = MAX (max_n, link->pairs[i].cx_n);
    }

  /* Axis titles: NPS up, top left; eNPS across, bottom right. */
  if (link->lag == 0)
    y_title = g_strdup (_("Customer NPS, same quarter"));
  else
    y_title = g_strdup_printf (ngettext ("Customer NPS, %u quarter later",
                                         "Customer NPS, %u quarters later", link->lag),
                               link->lag);
  fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, y_title, margin, margin, 0, 0, 0,
                      TRUE, NULL);
  top = margin + chart->line_height + round (chart->em * 0.6);
  /* The eNPS labels start half a line below the plot, clear of the NPS
   * label centred on its bottom line: closer, the two would collide in the
   * corner and the first eNPS label would be left out. */
  label_gap = MAX (round (chart->em * 0.4), ceil (chart->line_height / 2) + 1);
  bottom = chart->height - margin - 2 * chart->line_height - label_gap;

  n_y = fw_chart_nice_ticks (&y_min, &y_max,
                             (guint) CLAMP ((bottom - top) / (chart->line_height * 2.5), 2, 9),
                             &y_step);
  for (guint t = 0; t < n_y; t++)
    {
      g_autofree char *text = fw_chart_format_number (y_min + t * y_step, 0, TRUE);
      double w;

      fw_chart_text_size (chart, FW_CHART_FONT_SMALL, text, &w, NULL);
      widest = MAX (widest, w);
    }
  x0 = margin + widest + round (chart->em * 0.6);
  x1 = chart->width - margin - round (chart->em);
  n_x = fw_chart_nice_ticks (&x_min, &x_max,
                             (guint) CLAMP ((x1 - x0) / (chart->em * 6), 2, 11), &x_step);
  plot = (FwChartRect) { x0, top, x1 - x0, bottom - top };
  fw_chart_set_axes (chart, &plot, y_min, y_max);

  for (guint t = 0; t < n_y; t++)
    {
      double value = y_min + t * y_step;
      double y = fw_chart_value_to_y (chart, value);
      g_autofree char *text = fw_chart_format_number (value, 0, TRUE);

      fw_chart_hline (chart, x0, x1, y, fabs (value) < 1e-9 ? &theme->dim : &theme->grid,
                      fabs (value) < 1e-9 ? 0.55 : 1.0);
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, text,
                          x0 - round (chart->em * 0.6), y, 1, 0.5, 0, TRUE, NULL);
    }
  for (guint t = 0; t < n_x; t++)
    {
      double value = x_min + t * x_step;
      double x = x_to_px (&plot, x_min, x_max, value);
      g_autofree char *text = fw_chart_format_number (value, 0, TRUE);

      fw_chart_vline (chart, x, top, bottom, fabs (value) < 1e-9 ? &theme->dim : &theme->grid,
                      fabs (value) < 1e-9 ? 0.55 : 1.0);
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, text, x,
                          bottom + label_gap, 0.5, 0, 0, TRUE, NULL);
    }
  fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, _("Employee eNPS"), x1,
                      bottom + label_gap + chart->line_height, 1, 0, 0, TRUE, NULL);

  if (has_fit (link))
    draw_fit (chart, &plot, x_min, x_max);

  /* Points, largest first so that small ones stay visible on top. */
  max_radius = CLAMP (MIN (plot.width, plot.height) / 40, 5, 12);
  radii = g_new (double, link->n_pairs);
  order = g_new (guint, link->n_pairs);
  for (guint i = 0; i < link->n_pairs; i++)
    {
      radii[i] = 2.5 + (max_radius - 2.5) * sqrt ((double) link->pairs[i].cx_n / max_n);
      order[i] = i;
    }
  for (guint i = 1; i < link->n_pairs; i++)
    for (guint j = i; j > 0 && radii[order[j]] > radii[order[j - 1]]; j--)
      {
        guint swap = order[j];

        order[j] = order[j - 1];
        order[j - 1] = swap;
      }
  for (guint k = 0; k < link->n_pairs; k++)
    {
      const Pair *pair = &link->pairs[order[k]];
      double x = x_to_px (&plot, x_min, x_max, pair->enps);
      double y = fw_chart_value_to_y (chart, pair->nps);

      cairo_arc (cr, x, y, radii[order[k]], 0, 2 * G_PI);
      fw_chart_set_source (cr, &theme->customer, 0.35);
      cairo_fill_preserve (cr);
      fw_chart_set_source (cr, &theme->customer, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  /* The figures, in the corner with the fewest points under it. */
  lines[n_lines++] = pearson_text (link);
  lines[n_lines++] = spearman_text (link);
  lines[n_lines++] = pairs_text (link);
  lines[n_lines++] = lag_text (link->lag);
  lines[n_lines++] = g_strdup (_("Association, not causation"));
  for (guint l = 0; l < n_lines; l++)
    {
      double w;

      fw_chart_text_size (chart, l == n_lines - 1 ? FW_CHART_FONT_BOLD : FW_CHART_FONT_SMALL,
                          lines[l], &w, NULL);
      box_width = MAX (box_width, w);
    }
  box_width = MIN (box_width + chart->em * 1.2, plot.width - 8);
  box_height = n_lines * chart->line_height + chart->em * 1.0;
  box = (FwChartRect) { 0, 0, round (box_width), round (box_height) };
  for (int corner = 0; corner < 4; corner++)
    {
      FwChartRect candidate = box;
      double count = 0;

      candidate.x = round (corner % 2 == 0 ? plot.x + 6 : plot.x + plot.width - box.width - 6);
      candidate.y = round (corner < 2 ? plot.y + 6 : plot.y + plot.height - box.height - 6);
      for (guint i = 0; i < link->n_pairs; i++)
        {
          double x = x_to_px (&plot, x_min, x_max, link->pairs[i].enps);
          double y = fw_chart_value_to_y (chart, link->pairs[i].nps);

          if (x >= candidate.x - 4 && x <= candidate.x + candidate.width + 4
              && y >= candidate.y - 4 && y <= candidate.y + candidate.height + 4)
            count += 1;
        }
      /* Ties go to the top left, where the eye starts. */
      if (count < best_count)
        {
          best_count = count;
          box.x = candidate.x;
          box.y = candidate.y;
        }
    }
  fw_chart_rounded_rect (cr, &box, 6);
  fw_chart_set_source (cr, &theme->background, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  fw_chart_set_source (cr, &theme->grid, 1.0);
  cairo_stroke (cr);
  for (guint l = 0; l < n_lines; l++)
    {
      gboolean last = l == n_lines - 1;

      fw_chart_draw_text (chart, last ? FW_CHART_FONT_BOLD : FW_CHART_FONT_SMALL,
                          last ? &theme->foreground : &theme->dim, lines[l],
                          box.x + chart->em * 0.6,
                          box.y + chart->em * 0.5 + l * chart->line_height, 0, 0,
                          box.width - chart->em * 1.2, TRUE, NULL);
      g_free (lines[l]);
    }

  /* A name for each unit at its latest point, where there is room: right,
   * left, above, below, then the diagonals; otherwise none.  Names never
   * cover other names, the figures or the frame. */
  latest = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < link->n_pairs; i++)
    {
      const Pair *pair = &link->pairs[i];
      const Pair *seen = g_hash_table_lookup (latest, pair->unit);

      if (seen == NULL || strcmp (pair->ex_quarter, seen->ex_quarter) > 0)
        g_hash_table_insert (latest, pair->unit, (gpointer) pair);
    }
  for (guint k = 0; k < link->n_pairs; k++)
    {
      const Pair *pair = &link->pairs[order[k]];
      g_autofree char *name = NULL;
      double x, y, r, w, h;
      const double offsets[][2] = {
        { 1, 0.5 }, { -1, 0.5 }, { 0, -1 }, { 0, 1 }, { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 },
      };

      if (g_hash_table_lookup (latest, pair->unit) != pair)
        continue;
      name = fw_chart_unit_name (pair->unit);
      x = x_to_px (&plot, x_min, x_max, pair->enps);
      y = fw_chart_value_to_y (chart, pair->nps);
      r = radii[order[k]] + 3;
      fw_chart_text_size (chart, FW_CHART_FONT_SMALL, name, &w, &h);
      for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
        {
          double dx = offsets[o][0], dy = offsets[o][1];
          FwChartRect place;

          place.width = w;
          place.height = h;
          place.x = round (dx > 0 ? x + r : dx < 0 ? x - r - w : x - w / 2);
          place.y = round (dy == 0.5 ? y - h / 2 : dy < 0 ? y - r - h : y + r);
          if (!rect_inside (&place, &plot) || rects_touch (&place, &box)
              || !fw_chart_rect_is_free (chart, &place))
            continue;
          /* A veil of background keeps the name legible over points. */
          fw_chart_rounded_rect (cr, &place, 3);
          fw_chart_set_source (cr, &theme->background, 0.75);
          cairo_fill (cr);
          fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->foreground, name, place.x,
                              place.y, 0, 0, w + 1, TRUE, NULL);
          break;
        }
    }
  g_hash_table_unref (latest);

  for (guint i = 0; i < link->n_pairs; i++)
    {
      const Pair *pair = &link->pairs[i];
      double x = x_to_px (&plot, x_min, x_max, pair->enps);
      double y = fw_chart_value_to_y (chart, pair->nps);
      double half = MAX (radii[i], 5);
      FwChartRect area = { x - half, y - half, 2 * half, 2 * half };
      g_autofree char *label = pair_label (pair);

      fw_chart_add_item (chart, &area, label, describe_pair (pair),
                         pair->unit != NULL && *pair->unit != '\0' ? pair->unit : NULL);
    }
}

static char *
get_title (const FwChart *chart)
{
  const Link *link = chart->data;

  if (link->lag == 0)
    return g_strdup (_("Employee eNPS and customer NPS of the same quarter"));
  return g_strdup_printf (ngettext ("Employee eNPS and customer NPS %u quarter later",
                                    "Employee eNPS and customer NPS %u quarters later",
                                    link->lag),
                          link->lag);
}

static char *
get_description (const FwChart *chart)
{
  const Link *link = chart->data;
  g_autofree char *pairs = NULL;
  g_autofree char *pearson = NULL;
  g_autofree char *spearman = NULL;
  g_autofree char *slope = NULL;
  g_autofree char *lag = NULL;
  GString *text;

  if (link->n_pairs == 0)
    return g_strdup (_("No responses in this period"));

  pairs = pairs_text (link);
  pearson = pearson_text (link);
  spearman = spearman_text (link);
  lag = lag_text (link->lag);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s: %s. %s, %s.", lag, pairs, pearson, spearman);
  if (has_fit (link))
    {
      slope = fw_chart_format_number (link->slope, 2, TRUE);
      g_string_append_c (text, ' ');
      /* Translators: the slope of the fitted line. */
      g_string_append_printf (text, _("Customer NPS changes by %s points per point of eNPS."),
                              slope);
    }
  g_string_append_printf (text, " %s.", _("Association, not causation"));
  return g_string_free (text, FALSE);
}

static const FwChartClass link_class = {
  render,
  get_title,
  get_description,
  link_free,
};

FwChart *
fw_chart_new_link (const FwLink *source,
                   guint         lag)
{
  const FwLinkLag *lag_figures;
  Link *link;
  double ss = 0;

  g_return_val_if_fail (source != NULL, NULL);

  lag_figures = fw_link_get_lag (source, lag);
  link = g_new0 (Link, 1);
  link->lag = lag;
  link->pearson = link->pearson_low = link->pearson_high = NAN;
  link->spearman = link->slope = NAN;
  if (lag_figures == NULL || lag_figures->pairs == NULL)
    return fw_chart_alloc (FW_CHART_LINK, &link_class, link);

  link->pearson = lag_figures->pearson;
  link->pearson_low = lag_figures->pearson_low;
  link->pearson_high = lag_figures->pearson_high;
  link->spearman = lag_figures->spearman;
  link->slope = lag_figures->slope;
  link->pairs = g_new0 (Pair, MAX (lag_figures->pairs->len, 1));
  for (guint i = 0; i < lag_figures->pairs->len; i++)
    {
      const FwLinkPair *pair = &g_array_index (lag_figures->pairs, FwLinkPair, i);
      Pair *copy = &link->pairs[link->n_pairs++];

      copy->unit = g_strdup (pair->unit != NULL ? pair->unit : "");
      copy->ex_quarter = g_strdup (pair->ex_quarter);
      copy->cx_quarter = g_strdup (pair->cx_quarter);
      copy->enps = pair->enps;
      copy->ex_n = pair->ex_n;
      copy->nps = pair->nps;
      copy->cx_n = pair->cx_n;
      link->mean_x += pair->enps;
      link->mean_y += pair->nps;
    }
  if (link->n_pairs > 0)
    {
      link->mean_x /= link->n_pairs;
      link->mean_y /= link->n_pairs;
    }
  for (guint i = 0; i < link->n_pairs; i++)
    {
      double dx = link->pairs[i].enps - link->mean_x;
      double residual = link->pairs[i].nps - link->mean_y - link->slope * dx;

      link->sxx += dx * dx;
      ss += residual * residual;
    }
  link->residual_sd = link->n_pairs > 2 ? sqrt (ss / (link->n_pairs - 2)) : NAN;

  return fw_chart_alloc (FW_CHART_LINK, &link_class, link);
}
