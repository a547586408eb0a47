/* fw-chart-tiles.c: the key figures as tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One card per figure (NPS, eNPS, responses): the figure large, the
 * responses behind it, the change against the previous period with an
 * arrow, and whether that change is significant.  The arrow's colour is
 * blue for a significant rise, orange for a significant fall and grey for
 * a change that may be chance, so that colour never carries the direction
 * alone and never sets red against green.
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
  char    *label;
  double   value;
  gboolean is_count;
  gint64   n;
  double   delta;
  double   p;
  gboolean suppressed;
} Tile;

typedef struct
{
  Tile  *tiles;
  guint  n_tiles;
} Tiles;

static void
tiles_free (gpointer data)
{
  Tiles *tiles = data;

  for (guint i = 0; i < tiles->n_tiles; i++)
    g_free (tiles->tiles[i].label);
  g_free (tiles->tiles);
  g_free (tiles);
}

static char *
format_value (const Tile *tile)
{
  if (tile->is_count)
    return fw_format_count ((gint64) tile->value);
  return fw_format_nps (tile->value);
}

static char *
format_delta (const Tile *tile)
{
  g_autofree char *count = NULL;

  if (!tile->is_count)
    return fw_format_nps (tile->delta);
  if (round (tile->delta) == 0)
    return g_strdup ("0");
  count = fw_format_count ((gint64) fabs (round (tile->delta)));
  return g_strdup_printf ("%s%s", tile->delta > 0 ? "+" : "−", count);
}

/* "p = 0.012", or "p < 0.001" where three decimals would say 0. */
static char *
format_p (double p)
{
  g_autofree char *number = NULL;

  if (p >= 0.001)
    {
      number = fw_chart_format_number (p, 3, FALSE);
      return g_strdup_printf ("p = %s", number);
    }
  number = fw_chart_format_number (0.001, 3, FALSE);
  return g_strdup_printf ("p < %s", number);
}

static char *
change_text (const Tile *tile)
{
  g_autofree char *delta = format_delta (tile);

  /* Translators: a change, as in "+4.5 on the previous period". */
  return g_strdup_printf (_("%s on the previous period"), delta);
}

static char *
significance_text (const Tile *tile)
{
  g_autofree char *p = NULL;

  if (tile->is_count || isnan (tile->p))
    return NULL;
  p = format_p (tile->p);
  if (SIGNIFICANT (tile->p))
    /* Translators: %s is a p value, as in "p = 0.012" or "p < 0.001". */
    return g_strdup_printf (_("Significant (%s)"), p);
  return g_strdup_printf (_("Not significant (%s)"), p);
}

static char *
count_text (const Tile *tile)
{
  g_autofree char *count = fw_format_count (tile->n);

  return g_strdup_printf (ngettext ("%s response", "%s responses",
                                    (gulong) MIN (tile->n, G_MAXLONG)),
                          count);
}

static char *
describe_tile (const FwChart *chart,
               const Tile    *tile)
{
  g_autofree char *value = NULL;
  g_autofree char *change = NULL;
  g_autofree char *significance = NULL;
  GString *text;

  if (tile->suppressed)
    return fw_chart_describe_hidden (tile->label, chart->min_group);

  text = g_string_new (NULL);
  value = format_value (tile);
  g_string_append_printf (text, "%s: %s", tile->label, value);
  if (!tile->is_count)
    {
      g_autofree char *count = count_text (tile);

      g_string_append_printf (text, ", %s", count);
    }
  g_string_append_c (text, '.');
  if (isnan (tile->delta))
    {
      g_string_append_printf (text, " %s.", _("No previous period"));
      return g_string_free (text, FALSE);
    }
  change = change_text (tile);
  significance = significance_text (tile);
  g_string_append_printf (text, " %s", change);
  if (significance != NULL)
    g_string_append_printf (text, ", %s", significance);
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static void
draw_tile (FwChart           *chart,
           const Tile        *tile,
           const FwChartRect *rect,
           FwChartFont        value_font,
           gboolean           with_count)
{
  const FwChartTheme *theme = chart->theme;
  cairo_t *cr = chart->cr;
  FwChartColor fill = fw_chart_mix (&theme->background, &theme->foreground, 0.035);
  double padding = round (chart->em * 1.1);
  double x = rect->x + padding;
  double width = rect->width - 2 * padding;
  double y = rect->y + padding;
  double h;
  FwChartRect frame = { rect->x + 0.5, rect->y + 0.5, rect->width - 1, rect->height - 1 };
  g_autofree char *value = NULL;
  g_autofree char *change = NULL;
  g_autofree char *significance = NULL;

  fw_chart_rounded_rect (cr, &frame, 8);
  fw_chart_set_source (cr, &fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  fw_chart_set_source (cr, &theme->grid, 1.0);
  cairo_stroke (cr);

  fw_chart_draw_text (chart, FW_CHART_FONT_NORMAL, &theme->dim, tile->label, x, y, 0, 0, width,
                      TRUE, NULL);
  y += chart->line_height + round (chart->em * 0.2);

  if (tile->suppressed)
    {
      g_autofree char *hidden = fw_chart_hidden_text (chart->min_group);

      fw_chart_text_size (chart, value_font, _("Hidden"), NULL, &h);
      fw_chart_draw_text (chart, value_font, &theme->dim, _("Hidden"), x, y, 0, 0, width, TRUE,
                          NULL);
      y += h;
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, hidden, x, y, 0, 0, width,
                          TRUE, NULL);
      return;
    }

  value = format_value (tile);
  fw_chart_text_size (chart, value_font, value, NULL, &h);
  fw_chart_draw_text (chart, value_font, &theme->foreground, value, x, y, 0, 0, width, TRUE,
                      NULL);
  y += h;
  if (with_count && !tile->is_count)
    {
      g_autofree char *count = count_text (tile);

      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, count, x, y, 0, 0, width,
                          TRUE, NULL);
    }
  if (with_count)
    y += chart->line_height;
  y += round (chart->em * 0.4);

  if (isnan (tile->delta))
    {
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &theme->dim, _("No previous period"), x,
                          y, 0, 0, width, TRUE, NULL);
      return;
    }

  change = change_text (tile);
  significance = significance_text (tile);
  {
    double size = round (chart->em * 0.8);
    double indent = 0;
    gboolean significant = SIGNIFICANT (tile->p);
    const FwChartColor *color = !significant ? &theme->dim
                                : tile->delta > 0 ? &theme->promoter : &theme->detractor;

    if (round (tile->delta * 10) != 0)
      {
        fw_chart_triangle (cr, x + size / 2, y + chart->line_height / 2, size, tile->delta > 0);
        fw_chart_set_source (cr, color, 1.0);
        cairo_fill (cr);
        indent = size + round (chart->em * 0.4);
      }
    fw_chart_draw_text (chart, FW_CHART_FONT_NORMAL, &theme->foreground, change, x + indent,
                        y + chart->line_height / 2, 0, 0.5, width - indent, TRUE, NULL);
    y += chart->line_height;
    if (significance != NULL && y + chart->line_height <= rect->y + rect->height)
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, significant ? color : &theme->dim,
                          significance, x + indent, y, 0, 0, width - indent, TRUE, NULL);
  }
}

static void
render (FwChart *chart)
{
  Tiles *tiles = chart->data;
  double margin = round (chart->em);
  double gap = round (chart->em);
  double available = chart->width - 2 * margin;
  double tile_width, tile_height, content, huge, large;
  guint columns, rows;
  FwChartFont value_font = FW_CHART_FONT_HUGE;
  gboolean with_count = TRUE;
  FwChartRect plot;

  if (tiles->n_tiles == 0)
    {
      fw_chart_draw_empty (chart, NULL);
      return;
    }

  /* As many tiles side by side as leave each room for its sentences. */
  columns = tiles->n_tiles;
  while (columns > 1 && (available - (columns - 1) * gap) / columns < chart->em * 14)
    columns--;
  rows = (tiles->n_tiles + columns - 1) / columns;
  tile_width = floor ((available - (columns - 1) * gap) / columns);

  /* Tall enough for what they say and no taller; in a short frame the
   * figure shrinks first, then the count of responses goes. */
  fw_chart_text_size (chart, FW_CHART_FONT_HUGE, "+0", NULL, &huge);
  fw_chart_text_size (chart, FW_CHART_FONT_LARGE, "+0", NULL, &large);
  tile_height = floor ((chart->height - 2 * margin - (rows - 1) * gap) / rows);
  content = 2 * round (chart->em * 1.1) + 4 * chart->line_height + round (chart->em * 0.6);
  if (content + huge > tile_height)
    value_font = FW_CHART_FONT_LARGE, huge = large;
  if (content + huge > tile_height)
    with_count = FALSE, content -= chart->line_height;
  tile_height = MIN (tile_height, content + huge);

  plot = (FwChartRect) { margin, margin, available, rows * tile_height + (rows - 1) * gap };
  fw_chart_set_axes (chart, &plot, NAN, NAN);
  for (guint i = 0; i < tiles->n_tiles; i++)
    {
      guint column = i % columns, row = i / columns;
      FwChartRect rect = { margin + column * (tile_width + gap),
                           margin + row * (tile_height + gap), tile_width, tile_height };

      draw_tile (chart, &tiles->tiles[i], &rect, value_font, with_count);
      fw_chart_add_item (chart, &rect, tiles->tiles[i].label,
                         describe_tile (chart, &tiles->tiles[i]), NULL);
    }
}

static char *
get_title (const FwChart *chart)
{
  return g_strdup (_("Key figures"));
}

static char *
get_description (const FwChart *chart)
{
  const Tiles *tiles = chart->data;
  GString *text;

  if (tiles->n_tiles == 0)
    return g_strdup (_("No responses in this period"));
  text = g_string_new (NULL);
  for (guint i = 0; i < tiles->n_tiles; i++)
    {
      g_autofree char *tile = describe_tile (chart, &tiles->tiles[i]);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, tile);
    }
  return g_string_free (text, FALSE);
}

static const FwChartClass tiles_class = {
  render,
  get_title,
  get_description,
  tiles_free,
};

FwChart *
fw_chart_new_tiles (const FwChartTile *source,
                    guint              n_tiles)
{
  Tiles *tiles;

  g_return_val_if_fail (source != NULL || n_tiles == 0, NULL);

  tiles = g_new0 (Tiles, 1);
  tiles->tiles = g_new0 (Tile, MAX (n_tiles, 1));
  for (guint i = 0; i < n_tiles; i++)
    {
      Tile *tile = &tiles->tiles[tiles->n_tiles++];

      tile->label = g_strdup (source[i].label != NULL ? source[i].label : "");
      tile->is_count = source[i].is_count;
      tile->suppressed = source[i].suppressed;
      /* A hidden figure keeps nothing of its numbers, not even here. */
      tile->value = tile->suppressed ? NAN : source[i].value;
      tile->n = tile->suppressed ? 0 : source[i].n;
      tile->delta = tile->suppressed ? NAN : source[i].delta;
      tile->p = tile->suppressed ? NAN : source[i].p;
    }
  return fw_chart_alloc (FW_CHART_TILES, &tiles_class, tiles);
}
