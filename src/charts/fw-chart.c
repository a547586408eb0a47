/* fw-chart.c: what every chart shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A first skeleton: the public calls exist and keep their promises about
 * memory; the renderers are still to come.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-chart.h"

struct _FwChart
{
  FwChartType type;
  GArray     *items;  /* FwChartItem */
  GArray     *labels; /* FwChartRect */
  int         focus;
};

static void
item_clear (gpointer data)
{
  FwChartItem *item = data;

  g_clear_pointer (&item->label, g_free);
  g_clear_pointer (&item->description, g_free);
  g_clear_pointer (&item->unit, g_free);
}

static FwChart *
chart_new (FwChartType type)
{
  FwChart *chart = g_new0 (FwChart, 1);

  chart->type = type;
  chart->items = g_array_new (FALSE, TRUE, sizeof (FwChartItem));
  g_array_set_clear_func (chart->items, item_clear);
  chart->labels = g_array_new (FALSE, TRUE, sizeof (FwChartRect));
  chart->focus = -1;
  return chart;
}

static void
set_color (FwChartColor *color,
           guint32       rgb)
{
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
  color->alpha = 1.0;
}

void
fw_chart_theme_init (FwChartTheme *theme,
                     FwChartStyle  style)
{
  gboolean dark = style == FW_CHART_STYLE_DARK;

  g_return_if_fail (theme != NULL);

  memset (theme, 0, sizeof *theme);
  set_color (&theme->background, dark ? 0x242424 : 0xffffff);
  set_color (&theme->foreground, dark ? 0xffffff : 0x000000);
  set_color (&theme->dim, dark ? 0xc0c0c0 : 0x5e5c64);
  set_color (&theme->grid, dark ? 0x3d3d3d : 0xdeddda);
  set_color (&theme->customer, dark ? 0x78aeed : 0x1c71d8);
  set_color (&theme->employee, dark ? 0xffa348 : 0xc64600);
  set_color (&theme->promoter, 0x1c71d8);
  set_color (&theme->passive, dark ? 0x77767b : 0xc0bfbc);
  set_color (&theme->detractor, 0xe66100);
  set_color (&theme->suppressed, dark ? 0x303030 : 0xf6f5f4);
  set_color (&theme->accent, dark ? 0x78aeed : 0x1c71d8);
  theme->font_family = g_strdup ("Sans");
  theme->font_size = 10;
}

void
fw_chart_theme_clear (FwChartTheme *theme)
{
  g_return_if_fail (theme != NULL);

  g_clear_pointer (&theme->font_family, g_free);
}

FwChart *
fw_chart_new_trend (const FwQueryResult *cx,
                    const FwQueryResult *ex,
                    double               target)
{
  g_return_val_if_fail (cx != NULL || ex != NULL, NULL);

  return chart_new (FW_CHART_TREND);
}

FwChart *
fw_chart_new_breakdown (const FwQueryResult *result,
                        FwChartSort          sort,
                        guint                min_group)
{
  g_return_val_if_fail (result != NULL, NULL);

  return chart_new (FW_CHART_BREAKDOWN);
}

FwChart *
fw_chart_new_link (const FwLink *link,
                   guint         lag)
{
  g_return_val_if_fail (link != NULL, NULL);

  return chart_new (FW_CHART_LINK);
}

FwChart *
fw_chart_new_heatmap (const FwQueryResult *result,
                      guint                min_group)
{
  g_return_val_if_fail (result != NULL, NULL);

  return chart_new (FW_CHART_HEATMAP);
}

FwChart *
fw_chart_new_tiles (const FwChartTile *tiles,
                    guint              n_tiles)
{
  g_return_val_if_fail (tiles != NULL || n_tiles == 0, NULL);

  return chart_new (FW_CHART_TILES);
}

void
fw_chart_free (FwChart *chart)
{
  if (chart == NULL)
    return;
  g_array_unref (chart->items);
  g_array_unref (chart->labels);
  g_free (chart);
}

FwChartType
fw_chart_get_chart_type (const FwChart *chart)
{
  return chart->type;
}

void
fw_chart_render (FwChart            *chart,
                 cairo_t            *cr,
                 double              width,
                 double              height,
                 const FwChartTheme *theme)
{
  g_return_if_fail (chart != NULL && cr != NULL && theme != NULL);

  g_array_set_size (chart->items, 0);
  g_array_set_size (chart->labels, 0);
  cairo_save (cr);
  cairo_set_source_rgba (cr, theme->background.red, theme->background.green,
                         theme->background.blue, theme->background.alpha);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

guint
fw_chart_get_n_items (const FwChart *chart)
{
  return chart->items->len;
}

const FwChartItem *
fw_chart_get_item (const FwChart *chart,
                   guint          index)
{
  g_return_val_if_fail (index < chart->items->len, NULL);

  return &g_array_index (chart->items, FwChartItem, index);
}

int
fw_chart_item_at (const FwChart *chart,
                  double         x,
                  double         y)
{
  for (guint i = 0; i < chart->items->len; i++)
    {
      const FwChartRect *r = &g_array_index (chart->items, FwChartItem, i).area;

      if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return (int) i;
    }
  return -1;
}

void
fw_chart_set_focus (FwChart *chart,
                    int      index)
{
  chart->focus = index;
}

int
fw_chart_get_focus (const FwChart *chart)
{
  return chart->focus;
}

const FwChartRect *
fw_chart_get_label_rects (const FwChart *chart,
                          guint         *n_rects)
{
  *n_rects = chart->labels->len;
  return (const FwChartRect *) chart->labels->data;
}

char *
fw_chart_get_title (const FwChart *chart)
{
  return g_strdup (_("Chart"));
}

char *
fw_chart_get_description (const FwChart *chart)
{
  return g_strdup ("");
}
