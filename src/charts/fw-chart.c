/* fw-chart.c: what every chart shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public calls, the themes, the item and label bookkeeping, and the
 * drawing helpers that every renderer leans on: text that is measured,
 * elided, kept in the frame and kept apart from other text; lines snapped
 * to the device pixel grid; axis ticks at round numbers; period labels
 * that thin themselves out to fit.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fw-chart-private.h"
#include "fw-format.h"

/* Screen fonts are sized at 96 units to the inch, as GTK does; a PDF
 * export that wants true points passes a smaller theme->font_size. */
#define UNITS_PER_POINT (96.0 / 72.0)

static void
item_clear (gpointer data)
{
  FwChartItem *item = data;

  g_clear_pointer (&item->label, g_free);
  g_clear_pointer (&item->description, g_free);
  g_clear_pointer (&item->unit, g_free);
}

FwChart *
fw_chart_alloc (FwChartType         type,
                const FwChartClass *klass,
                gpointer            data)
{
  FwChart *chart = g_new0 (FwChart, 1);

  chart->type = type;
  chart->klass = klass;
  chart->data = data;
  chart->items = g_array_new (FALSE, TRUE, sizeof (FwChartItem));
  g_array_set_clear_func (chart->items, item_clear);
  chart->labels = g_array_new (FALSE, TRUE, sizeof (FwChartRect));
  chart->focus = -1;
  chart->y_min = NAN;
  chart->y_max = NAN;
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

/* The palette keeps to blue and orange, which people with any common form
 * of colour blindness tell apart, and never sets red against green.  The
 * values are those of the GNOME palette. */
void
fw_chart_theme_init (FwChartTheme *theme,
                     FwChartStyle  style)
{
  g_return_if_fail (theme != NULL);

  memset (theme, 0, sizeof *theme);
  switch (style)
    {
    case FW_CHART_STYLE_DARK:
      set_color (&theme->background, 0x242424);
      set_color (&theme->foreground, 0xffffff);
      set_color (&theme->dim, 0xb8b8b8);
      set_color (&theme->grid, 0x3a3a3a);
      set_color (&theme->customer, 0x62a0ea);
      set_color (&theme->employee, 0xffa348);
      set_color (&theme->promoter, 0x3584e4);
      set_color (&theme->passive, 0x77767b);
      set_color (&theme->detractor, 0xf57900);
      set_color (&theme->suppressed, 0x2e2e32);
      set_color (&theme->accent, 0x78aeed);
      break;

    case FW_CHART_STYLE_HIGH_CONTRAST:
      set_color (&theme->background, 0xffffff);
      set_color (&theme->foreground, 0x000000);
      set_color (&theme->dim, 0x241f31);
      set_color (&theme->grid, 0x9a9996);
      set_color (&theme->customer, 0x0b4da2);
      set_color (&theme->employee, 0x9c3200);
      set_color (&theme->promoter, 0x0b4da2);
      set_color (&theme->passive, 0x77767b);
      set_color (&theme->detractor, 0xb34400);
      set_color (&theme->suppressed, 0xf0f0f0);
      set_color (&theme->accent, 0x0b4da2);
      break;

    case FW_CHART_STYLE_LIGHT:
    default:
      set_color (&theme->background, 0xffffff);
      set_color (&theme->foreground, 0x241f31);
      set_color (&theme->dim, 0x5e5c64);
      set_color (&theme->grid, 0xe4e3e0);
      set_color (&theme->customer, 0x1c71d8);
      set_color (&theme->employee, 0xe66100);
      set_color (&theme->promoter, 0x1c71d8);
      set_color (&theme->passive, 0xc0bfbc);
      set_color (&theme->detractor, 0xe66100);
      set_color (&theme->suppressed, 0xf6f5f4);
      set_color (&theme->accent, 0x1a5fb4);
      break;
    }
  theme->font_family = g_strdup ("Sans");
  theme->font_size = 10;
}

void
fw_chart_theme_clear (FwChartTheme *theme)
{
  g_return_if_fail (theme != NULL);

  g_clear_pointer (&theme->font_family, g_free);
}

void
fw_chart_free (FwChart *chart)
{
  if (chart == NULL)
    return;
  if (chart->klass->free_data != NULL && chart->data != NULL)
    chart->klass->free_data (chart->data);
  g_array_unref (chart->items);
  g_array_unref (chart->labels);
  g_free (chart);
}

FwChartType
fw_chart_get_chart_type (const FwChart *chart)
{
  g_return_val_if_fail (chart != NULL, FW_CHART_TREND);

  return chart->type;
}

/**
 * fw_chart_set_min_group:
 *
 * Sets the employee anonymity threshold that the labels of hidden groups
 * name, for the charts whose constructor does not take it (trend, tiles).
 */
void
fw_chart_set_min_group (FwChart *chart,
                        guint    min_group)
{
  g_return_if_fail (chart != NULL);

  chart->min_group = min_group;
}

static PangoFontDescription *
font_new (const char *family,
          double      size,
          PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  return font;
}

static void
draw_focus (FwChart *chart)
{
  const FwChartItem *item;
  FwChartRect ring;

  if (chart->focus < 0 || (guint) chart->focus >= chart->items->len)
    return;

  item = &g_array_index (chart->items, FwChartItem, chart->focus);
  ring.x = item->area.x - 2;
  ring.y = item->area.y - 2;
  ring.width = item->area.width + 4;
  ring.height = item->area.height + 4;
  cairo_save (chart->cr);
  fw_chart_rounded_rect (chart->cr, &ring, 4);
  fw_chart_set_source (chart->cr, &chart->theme->accent, 1.0);
  cairo_set_line_width (chart->cr, 2.0);
  cairo_stroke (chart->cr);
  cairo_restore (chart->cr);
}

void
fw_chart_render (FwChart            *chart,
                 cairo_t            *cr,
                 double              width,
                 double              height,
                 const FwChartTheme *theme)
{
  const char *family;
  double size;
  PangoFontMetrics *metrics;

  g_return_if_fail (chart != NULL && cr != NULL && theme != NULL);

  g_array_set_size (chart->items, 0);
  g_array_set_size (chart->labels, 0);
  chart->plot = (FwChartRect) { 0, 0, 0, 0 };
  chart->y_min = NAN;
  chart->y_max = NAN;

  family = theme->font_family != NULL ? theme->font_family : "Sans";
  size = (theme->font_size > 0 ? theme->font_size : 10) * UNITS_PER_POINT;
  chart->cr = cr;
  chart->theme = theme;
  chart->width = width;
  chart->height = height;
  chart->em = size;
  chart->fonts[FW_CHART_FONT_NORMAL] = font_new (family, size, PANGO_WEIGHT_NORMAL);
  chart->fonts[FW_CHART_FONT_SMALL] = font_new (family, size * 0.9, PANGO_WEIGHT_NORMAL);
  chart->fonts[FW_CHART_FONT_BOLD] = font_new (family, size, PANGO_WEIGHT_BOLD);
  chart->fonts[FW_CHART_FONT_LARGE] = font_new (family, size * 1.5, PANGO_WEIGHT_BOLD);
  chart->fonts[FW_CHART_FONT_HUGE] = font_new (family, size * 2.4, PANGO_WEIGHT_BOLD);

  cairo_save (cr);
  chart->layout = pango_cairo_create_layout (cr);
  metrics = pango_context_get_metrics (pango_layout_get_context (chart->layout),
                                       chart->fonts[FW_CHART_FONT_NORMAL], NULL);
  chart->line_height = ceil ((pango_font_metrics_get_ascent (metrics)
                              + pango_font_metrics_get_descent (metrics))
                             / (double) PANGO_SCALE);
  pango_font_metrics_unref (metrics);

  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  fw_chart_set_source (cr, &theme->background, 1.0);
  cairo_paint (cr);

  cairo_save (cr);
  chart->klass->render (chart);
  cairo_restore (cr);
  draw_focus (chart);
  cairo_restore (cr);

  g_clear_object (&chart->layout);
  for (guint i = 0; i < FW_CHART_N_FONTS; i++)
    g_clear_pointer (&chart->fonts[i], pango_font_description_free);
  chart->cr = NULL;
  chart->theme = NULL;
}

guint
fw_chart_get_n_items (const FwChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->items->len;
}

const FwChartItem *
fw_chart_get_item (const FwChart *chart,
                   guint          index)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (index < chart->items->len, NULL);

  return &g_array_index (chart->items, FwChartItem, index);
}

/* Areas may overlap (two series at one period, a point and a hidden
 * column); the item whose centre is nearest wins, so that the pointer
 * picks what it is on rather than what was drawn first. */
int
fw_chart_item_at (const FwChart *chart,
                  double         x,
                  double         y)
{
  double best_distance = INFINITY;
  int best = -1;

  g_return_val_if_fail (chart != NULL, -1);

  for (guint i = 0; i < chart->items->len; i++)
    {
      const FwChartRect *r = &g_array_index (chart->items, FwChartItem, i).area;
      double dx, dy, distance;

      if (x < r->x || x >= r->x + r->width || y < r->y || y >= r->y + r->height)
        continue;
      dx = x - (r->x + r->width / 2);
      dy = y - (r->y + r->height / 2);
      distance = dx * dx + dy * dy;
      if (distance < best_distance)
        {
          best_distance = distance;
          best = (int) i;
        }
    }
  return best;
}

void
fw_chart_set_focus (FwChart *chart,
                    int      index)
{
  g_return_if_fail (chart != NULL);

  chart->focus = index < 0 ? -1 : index;
}

int
fw_chart_get_focus (const FwChart *chart)
{
  g_return_val_if_fail (chart != NULL, -1);

  return chart->focus;
}

const FwChartRect *
fw_chart_get_label_rects (const FwChart *chart,
                          guint         *n_rects)
{
  g_return_val_if_fail (chart != NULL && n_rects != NULL, NULL);

  *n_rects = chart->labels->len;
  return (const FwChartRect *) chart->labels->data;
}

char *
fw_chart_get_title (const FwChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  return chart->klass->get_title (chart);
}

char *
fw_chart_get_description (const FwChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  return chart->klass->get_description (chart);
}

/* Bookkeeping */

void
fw_chart_add_item (FwChart           *chart,
                   const FwChartRect *area,
                   const char        *label,
                   char              *description,
                   const char        *unit)
{
  FwChartItem item;

  item.area = *area;
  item.label = g_strdup (label);
  item.description = description;
  item.unit = g_strdup (unit);
  g_array_append_val (chart->items, item);
}

void
fw_chart_set_axes (FwChart           *chart,
                   const FwChartRect *plot,
                   double             y_min,
                   double             y_max)
{
  chart->plot = *plot;
  chart->y_min = y_min;
  chart->y_max = y_max;
}

double
fw_chart_value_to_y (const FwChart *chart,
                     double         value)
{
  return chart->plot.y + (chart->y_max - value) / (chart->y_max - chart->y_min)
         * chart->plot.height;
}

void
fw_chart_get_axes (const FwChart *chart,
                   FwChartRect   *plot,
                   double        *y_min,
                   double        *y_max)
{
  *plot = chart->plot;
  *y_min = chart->y_min;
  *y_max = chart->y_max;
}

/* Colours */

void
fw_chart_set_source (cairo_t            *cr,
                     const FwChartColor *color,
                     double              alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

FwChartColor
fw_chart_mix (const FwChartColor *a,
              const FwChartColor *b,
              double              t)
{
  FwChartColor mixed;

  mixed.red = a->red + (b->red - a->red) * t;
  mixed.green = a->green + (b->green - a->green) * t;
  mixed.blue = a->blue + (b->blue - a->blue) * t;
  mixed.alpha = a->alpha + (b->alpha - a->alpha) * t;
  return mixed;
}

double
fw_chart_luminance (const FwChartColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

/* Lines and shapes */

/**
 * fw_chart_snap:
 * @coordinate: an x (@vertical, for a vertical line) or a y
 *
 * Moves a coordinate so that a line of @line_width along it covers whole
 * device pixels: an odd number of pixels wide on a pixel centre, an even
 * number on a pixel edge.  This keeps 1 px grid lines one sharp pixel at
 * scale 1 and two at scale 2 instead of two grey ones.  The surface's own
 * device scale (GTK's for HiDPI) counts as well as the matrix.
 *
 * Returns: the snapped coordinate, in user units
 */
double
fw_chart_snap (FwChart *chart,
               double   coordinate,
               gboolean vertical,
               double   line_width)
{
  cairo_surface_t *target = cairo_get_target (chart->cr);
  double sx = 1, sy = 1;
  double x = vertical ? coordinate : 0;
  double y = vertical ? 0 : coordinate;
  double wx = line_width, wy = line_width;
  double device, scale, pixels;

  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_user_to_device (chart->cr, &x, &y);
  cairo_user_to_device_distance (chart->cr, &wx, &wy);
  scale = vertical ? sx : sy;
  device = (vertical ? x : y) * scale;
  pixels = MAX (1, round (fabs (vertical ? wx : wy) * scale));
  if ((int) pixels % 2 == 1)
    device = floor (device) + 0.5;
  else
    device = round (device);
  if (vertical)
    x = device / scale;
  else
    y = device / scale;
  cairo_device_to_user (chart->cr, &x, &y);
  return vertical ? x : y;
}

void
fw_chart_hline (FwChart            *chart,
                double              x0,
                double              x1,
                double              y,
                const FwChartColor *color,
                double              alpha)
{
  y = fw_chart_snap (chart, y, FALSE, 1.0);
  cairo_move_to (chart->cr, round (x0), y);
  cairo_line_to (chart->cr, round (x1), y);
  cairo_set_line_width (chart->cr, 1.0);
  cairo_set_line_cap (chart->cr, CAIRO_LINE_CAP_BUTT);
  fw_chart_set_source (chart->cr, color, alpha);
  cairo_stroke (chart->cr);
}

void
fw_chart_vline (FwChart            *chart,
                double              x,
                double              y0,
                double              y1,
                const FwChartColor *color,
                double              alpha)
{
  x = fw_chart_snap (chart, x, TRUE, 1.0);
  cairo_move_to (chart->cr, x, round (y0));
  cairo_line_to (chart->cr, x, round (y1));
  cairo_set_line_width (chart->cr, 1.0);
  cairo_set_line_cap (chart->cr, CAIRO_LINE_CAP_BUTT);
  fw_chart_set_source (chart->cr, color, alpha);
  cairo_stroke (chart->cr);
}

void
fw_chart_rounded_rect (cairo_t           *cr,
                       const FwChartRect *rect,
                       double             radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The mark of a hidden employee group: a pale fill crossed by thin
 * diagonal lines, so that it reads as "nothing to show" in every theme and
 * cannot be mistaken for a bar or a colour of the scale. */
void
fw_chart_hatch (FwChart           *chart,
                const FwChartRect *rect)
{
  cairo_t *cr = chart->cr;
  double spacing = 6;

  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  fw_chart_set_source (cr, &chart->theme->suppressed, 1.0);
  cairo_paint (cr);
  for (double d = -rect->height; d < rect->width; d += spacing)
    {
      cairo_move_to (cr, rect->x + d, rect->y + rect->height);
      cairo_line_to (cr, rect->x + d + rect->height, rect->y);
    }
  cairo_set_line_width (cr, 1.0);
  fw_chart_set_source (cr, &chart->theme->dim, 0.35);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
fw_chart_triangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   size,
                   gboolean up)
{
  double half = size / 2;
  double dy = up ? -half : half;

  cairo_move_to (cr, x, y + dy);
  cairo_line_to (cr, x + half, y - dy);
  cairo_line_to (cr, x - half, y - dy);
  cairo_close_path (cr);
}

/* Text */

static void
layout_set (FwChart     *chart,
            FwChartFont  font,
            const char  *text,
            double       max_width)
{
  pango_layout_set_font_description (chart->layout, chart->fonts[font]);
  pango_layout_set_text (chart->layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (chart->layout, (int) floor (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (chart->layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (chart->layout, -1);
      pango_layout_set_ellipsize (chart->layout, PANGO_ELLIPSIZE_NONE);
    }
}

static void
layout_extents (FwChart        *chart,
                PangoRectangle *logical)
{
  pango_layout_get_extents (chart->layout, NULL, logical);
}

void
fw_chart_text_size (FwChart     *chart,
                    FwChartFont  font,
                    const char  *text,
                    double      *width,
                    double      *height)
{
  PangoRectangle logical;

  layout_set (chart, font, text, 0);
  layout_extents (chart, &logical);
  if (width != NULL)
    *width = ceil ((double) logical.width / PANGO_SCALE);
  if (height != NULL)
    *height = ceil ((double) logical.height / PANGO_SCALE);
}

static gboolean
rects_overlap (const FwChartRect *a,
               const FwChartRect *b)
{
  const double eps = 0.01;

  return a->x < b->x + b->width - eps && b->x < a->x + a->width - eps
         && a->y < b->y + b->height - eps && b->y < a->y + a->height - eps;
}

gboolean
fw_chart_rect_is_free (const FwChart     *chart,
                       const FwChartRect *rect)
{
  for (guint i = 0; i < chart->labels->len; i++)
    if (rects_overlap (rect, &g_array_index (chart->labels, FwChartRect, i)))
      return FALSE;
  return TRUE;
}

gboolean
fw_chart_draw_text (FwChart            *chart,
                    FwChartFont         font,
                    const FwChartColor *color,
                    const char         *text,
                    double              x,
                    double              y,
                    double              align_x,
                    double              align_y,
                    double              max_width,
                    gboolean            avoid,
                    FwChartRect        *drawn)
{
  PangoRectangle logical;
  FwChartRect box;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* Nothing may run out of the frame: a text wider than it is elided. */
  if (max_width <= 0 || max_width > chart->width)
    max_width = chart->width;
  layout_set (chart, font, text, max_width);
  layout_extents (chart, &logical);
  box.width = ceil ((double) logical.width / PANGO_SCALE);
  box.height = ceil ((double) logical.height / PANGO_SCALE);
  box.x = round (x - align_x * box.width);
  box.y = round (y - align_y * box.height);
  box.x = CLAMP (box.x, 0, MAX (0, chart->width - box.width));
  box.y = CLAMP (box.y, 0, MAX (0, chart->height - box.height));

  if (avoid && !fw_chart_rect_is_free (chart, &box))
    return FALSE;

  cairo_move_to (chart->cr, box.x - (double) logical.x / PANGO_SCALE,
                 box.y - (double) logical.y / PANGO_SCALE);
  fw_chart_set_source (chart->cr, color, 1.0);
  pango_cairo_show_layout (chart->cr, chart->layout);
  /* The move leaves a current point that the next shape would start at. */
  cairo_new_path (chart->cr);
  g_array_append_val (chart->labels, box);
  if (drawn != NULL)
    *drawn = box;
  return TRUE;
}

void
fw_chart_draw_empty (FwChart    *chart,
                     const char *message)
{
  fw_chart_draw_text (chart, FW_CHART_FONT_LARGE, &chart->theme->dim,
                      message != NULL ? message : _("No responses in this period"),
                      chart->width / 2, chart->height / 2, 0.5, 0.5, chart->width - 2 * chart->em,
                      FALSE, NULL);
}

static void
draw_swatch (FwChart                  *chart,
             const FwChartLegendEntry *entry,
             double                    x,
             double                    y,
             double                    width)
{
  cairo_t *cr = chart->cr;
  double size = round (chart->em * 0.75);
  FwChartRect box = { x, round (y - size / 2), width, size };

  cairo_save (cr);
  switch (entry->swatch)
    {
    case FW_CHART_SWATCH_LINE:
    case FW_CHART_SWATCH_DASH:
      if (entry->swatch == FW_CHART_SWATCH_DASH)
        {
          double dash[] = { 4, 3 };

          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_move_to (cr, x, round (y));
      cairo_line_to (cr, x + width, round (y));
      cairo_set_line_width (cr, 2);
      fw_chart_set_source (cr, entry->color, 1.0);
      cairo_stroke (cr);
      if (entry->swatch == FW_CHART_SWATCH_LINE)
        {
          cairo_arc (cr, x + width / 2, round (y), 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      break;

    case FW_CHART_SWATCH_BOX:
      box.width = size;
      fw_chart_rounded_rect (cr, &box, 2);
      fw_chart_set_source (cr, entry->color, 1.0);
      cairo_fill (cr);
      break;

    case FW_CHART_SWATCH_HATCH:
      box.width = size * 1.4;
      fw_chart_hatch (chart, &box);
      cairo_rectangle (cr, box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1);
      cairo_set_line_width (cr, 1);
      fw_chart_set_source (cr, &chart->theme->dim, 0.5);
      cairo_stroke (cr);
      break;

    case FW_CHART_SWATCH_TRIANGLE:
    default:
      fw_chart_triangle (cr, x + size / 2, y, size, TRUE);
      fw_chart_set_source (cr, entry->color, 1.0);
      cairo_fill (cr);
      break;
    }
  cairo_restore (cr);
}

static double
swatch_width (FwChart       *chart,
              FwChartSwatch  swatch)
{
  switch (swatch)
    {
    case FW_CHART_SWATCH_LINE:
    case FW_CHART_SWATCH_DASH:
      return round (chart->em * 1.6);
    case FW_CHART_SWATCH_HATCH:
      return round (chart->em * 0.75 * 1.4);
    case FW_CHART_SWATCH_BOX:
    case FW_CHART_SWATCH_TRIANGLE:
    default:
      return round (chart->em * 0.75);
    }
}

double
fw_chart_draw_legend (FwChart                  *chart,
                      const FwChartLegendEntry *entries,
                      guint                     n_entries,
                      double                    x,
                      double                    y,
                      double                    max_width)
{
  double line = chart->line_height;
  double gap = round (chart->em * 0.4);
  double spacing = round (chart->em * 1.4);
  double cx = x, cy = y;

  for (guint i = 0; i < n_entries; i++)
    {
      double sw = swatch_width (chart, entries[i].swatch);
      double tw;

      fw_chart_text_size (chart, FW_CHART_FONT_SMALL, entries[i].label, &tw, NULL);
      tw = MIN (tw, max_width - sw - gap);
      if (cx > x && cx + sw + gap + tw > x + max_width)
        {
          cx = x;
          cy += line + round (chart->em * 0.25);
        }
      draw_swatch (chart, &entries[i], cx, cy + line / 2, sw);
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &chart->theme->foreground, entries[i].label,
                          cx + sw + gap, cy + line / 2, 0, 0.5, tw + 1, FALSE, NULL);
      cx += sw + gap + tw + spacing;
    }
  return n_entries > 0 ? cy + line - y : 0;
}

/* Numbers */

/**
 * fw_chart_nice_ticks:
 *
 * Widens [@low, @high] to multiples of a round step (1, 2, 2.5 or 5 times a
 * power of ten) with at most @max_ticks ticks.
 *
 * Returns: the number of ticks from @low to @high inclusive
 */
guint
fw_chart_nice_ticks (double *low,
                     double *high,
                     guint   max_ticks,
                     double *step)
{
  static const double multiples[] = { 1, 2, 2.5, 5, 10 };
  double range, raw, magnitude;

  max_ticks = MAX (max_ticks, 2);
  if (!(*high > *low))
    {
      *low -= 1;
      *high += 1;
    }
  range = *high - *low;
  raw = range / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (raw)));
  for (guint round_up = 0; round_up < 3; round_up++)
    for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
      {
        double s = multiples[i] * magnitude * pow (10, round_up);
        double lo = floor (*low / s + 1e-9) * s;
        double hi = ceil (*high / s - 1e-9) * s;
        guint n = (guint) round ((hi - lo) / s) + 1;

        if (s < raw || n > max_ticks)
          continue;
        *low = lo;
        *high = hi;
        *step = s;
        return n;
      }
  *step = range;
  return 2;
}

/* Locale digits, and a real minus sign as fw_format_nps() writes it. */
char *
fw_chart_format_number (double   value,
                        int      decimals,
                        gboolean sign)
{
  double scale = pow (10, decimals);
  double rounded = round (value * scale) / scale;

  if (rounded == 0.0)
    return g_strdup_printf ("%.*f", decimals, 0.0);
  if (rounded < 0)
    return g_strdup_printf ("−%.*f", decimals, -rounded);
  return g_strdup_printf ("%s%.*f", sign ? "+" : "", decimals, rounded);
}

char *
fw_chart_format_percent (double percent)
{
  g_autofree char *number = fw_chart_format_number (percent, 0, FALSE);

  /* Translators: a share in percent, as in "45%"; %s is the number. */
  return g_strdup_printf (C_("percent", "%s%%"), number);
}

/* Periods */

FwChartPeriodKind
fw_chart_period_parse (const char *key,
                       int        *year,
                       int        *number)
{
  int y = 0, a = 0, b = 0;
  char c;
  size_t length;

  *year = 0;
  *number = 0;
  if (key == NULL)
    return FW_CHART_PERIOD_NONE;
  length = strlen (key);
  if (length == 10 && sscanf (key, "%4d-%2d-%2d", &y, &a, &b) == 3)
    {
      *year = y;
      *number = a * 100 + b;
      return FW_CHART_PERIOD_DAY;
    }
  if (length == 8 && sscanf (key, "%4d-W%2d", &y, &a) == 2)
    {
      *year = y;
      *number = a;
      return FW_CHART_PERIOD_WEEK;
    }
  if (length == 7 && sscanf (key, "%4d-Q%1d", &y, &a) == 2)
    {
      *year = y;
      *number = a;
      return FW_CHART_PERIOD_QUARTER;
    }
  if (length == 7 && sscanf (key, "%4d-%2d%c", &y, &a, &c) == 2 && a >= 1 && a <= 12)
    {
      *year = y;
      *number = a;
      return FW_CHART_PERIOD_MONTH;
    }
  if (length == 4 && sscanf (key, "%4d", &y) == 1)
    {
      *year = y;
      return FW_CHART_PERIOD_YEAR;
    }
  return FW_CHART_PERIOD_NONE;
}

char *
fw_chart_period_label (const char *key)
{
  int year, number;

  switch (fw_chart_period_parse (key, &year, &number))
    {
    case FW_CHART_PERIOD_DAY:
      return fw_format_day (key);
    case FW_CHART_PERIOD_WEEK:
      /* Translators: an ISO week and its year, as in "week 7 of 2025". */
      return g_strdup_printf (C_("period", "week %d of %d"), number, year);
    case FW_CHART_PERIOD_MONTH:
      /* Translators: a month name and a year, as in "March 2025". */
      return g_strdup_printf (C_("period", "%s %d"), fw_format_month_name (number), year);
    case FW_CHART_PERIOD_QUARTER:
      /* Translators: a quarter and its year, as in "Q2 2025". */
      return g_strdup_printf (C_("period", "Q%d %d"), number, year);
    case FW_CHART_PERIOD_YEAR:
      return g_strdup_printf ("%d", year);
    case FW_CHART_PERIOD_NONE:
    default:
      return g_strdup (key != NULL ? key : "");
    }
}

/* The word for one period, as in "the month before". */
const char *
fw_chart_period_noun (FwChartPeriodKind kind)
{
  switch (kind)
    {
    case FW_CHART_PERIOD_DAY:
      return C_("period noun", "day");
    case FW_CHART_PERIOD_WEEK:
      return C_("period noun", "week");
    case FW_CHART_PERIOD_MONTH:
      return C_("period noun", "month");
    case FW_CHART_PERIOD_QUARTER:
      return C_("period noun", "quarter");
    case FW_CHART_PERIOD_YEAR:
      return C_("period noun", "year");
    case FW_CHART_PERIOD_NONE:
    default:
      return C_("period noun", "period");
    }
}

typedef struct
{
  char *primary;
  char *secondary; /* the year, under the first label of each year */
  int   ordinal;   /* the position in its cycle: month 0..11, quarter 0..3 */
  int   year;
} Tick;

static void
tick_clear (Tick *tick)
{
  g_free (tick->primary);
  g_free (tick->secondary);
}

static FwChartPeriodKind
make_ticks (const char *const *keys,
            guint              n,
            Tick              *ticks)
{
  FwChartPeriodKind kind = FW_CHART_PERIOD_NONE;

  for (guint i = 0; i < n; i++)
    {
      int year, number;
      FwChartPeriodKind k = fw_chart_period_parse (keys[i], &year, &number);

      if (i == 0)
        kind = k;
      else if (k != kind)
        kind = FW_CHART_PERIOD_NONE;
      ticks[i].year = year;
      ticks[i].secondary = NULL;
      switch (k)
        {
        case FW_CHART_PERIOD_MONTH:
          ticks[i].primary = g_strdup (fw_format_month_name (number));
          ticks[i].ordinal = number - 1;
          break;
        case FW_CHART_PERIOD_QUARTER:
          /* Translators: a quarter on its own, as in "Q2". */
          ticks[i].primary = g_strdup_printf (C_("period", "Q%d"), number);
          ticks[i].ordinal = number - 1;
          break;
        case FW_CHART_PERIOD_WEEK:
          /* Translators: an ISO week on its own, as in "W7". */
          ticks[i].primary = g_strdup_printf (C_("period", "W%d"), number);
          ticks[i].ordinal = number - 1;
          break;
        case FW_CHART_PERIOD_DAY:
          ticks[i].primary = g_strdup_printf ("%d", number % 100);
          ticks[i].ordinal = (int) i;
          break;
        case FW_CHART_PERIOD_YEAR:
          ticks[i].primary = g_strdup_printf ("%d", year);
          ticks[i].ordinal = year;
          break;
        case FW_CHART_PERIOD_NONE:
        default:
          ticks[i].primary = g_strdup (keys[i]);
          ticks[i].ordinal = (int) i;
          break;
        }
    }
  return kind;
}

double
fw_chart_period_axis_height (FwChart           *chart,
                             const char *const *keys,
                             guint              n)
{
  int year, number;
  FwChartPeriodKind kind = n > 0 ? fw_chart_period_parse (keys[0], &year, &number)
                                 : FW_CHART_PERIOD_NONE;
  gboolean two_lines = kind != FW_CHART_PERIOD_YEAR && kind != FW_CHART_PERIOD_NONE;

  return round (chart->em * 0.4) + chart->line_height * (two_lines ? 2 : 1);
}

double
fw_chart_draw_period_axis (FwChart           *chart,
                           const char *const *keys,
                           guint              n,
                           double             x0,
                           double             slot,
                           double             y)
{
  static const int month_steps[] = { 1, 2, 3, 6, 12 };
  static const int quarter_steps[] = { 1, 2, 4 };
  static const int week_steps[] = { 1, 2, 4, 13, 26, 52 };
  static const int other_steps[] = { 1, 2, 5, 7, 10, 14, 20, 30, 50, 100, 200, 500, 1000 };
  g_autofree Tick *ticks = g_new0 (Tick, MAX (n, 1));
  g_autofree gboolean *shown = g_new0 (gboolean, MAX (n, 1));
  FwChartPeriodKind kind = make_ticks (keys, n, ticks);
  const int *steps = other_steps;
  guint n_steps = G_N_ELEMENTS (other_steps);
  int cycle = 0;
  gboolean years_only = FALSE;
  double gap = chart->em;
  double top = y + round (chart->em * 0.4);
  int last_year = G_MININT;

  switch (kind)
    {
    case FW_CHART_PERIOD_MONTH:
      steps = month_steps, n_steps = G_N_ELEMENTS (month_steps), cycle = 12;
      break;
    case FW_CHART_PERIOD_QUARTER:
      steps = quarter_steps, n_steps = G_N_ELEMENTS (quarter_steps), cycle = 4;
      break;
    case FW_CHART_PERIOD_WEEK:
      steps = week_steps, n_steps = G_N_ELEMENTS (week_steps), cycle = 52;
      break;
    case FW_CHART_PERIOD_YEAR:
    case FW_CHART_PERIOD_DAY:
    case FW_CHART_PERIOD_NONE:
    default:
      break;
    }

  /* The smallest step whose labels stand a gap apart.  Steps that divide
   * the year keep to the calendar (every third month is January, April,
   * July, October); a whole year's step labels only the years. */
  for (guint s = 0; s < n_steps; s++)
    {
      int step = steps[s];
      gboolean calendar = (cycle > 0 && cycle % step == 0) || kind == FW_CHART_PERIOD_YEAR;
      guint count = 0;
      double widest = 0;

      years_only = cycle > 0 && step == cycle;
      for (guint i = 0; i < n; i++)
        {
          shown[i] = calendar ? ticks[i].ordinal % step == 0 : i % step == 0;
          count += shown[i];
        }
      if (count < 2 && n >= 2 && !years_only)
        for (guint i = 0; i < n; i++)
          shown[i] = i % step == 0;
      for (guint i = 0; i < n; i++)
        if (shown[i])
          {
            double w;

            if (years_only)
              {
                g_autofree char *text = g_strdup_printf ("%d", ticks[i].year);
                fw_chart_text_size (chart, FW_CHART_FONT_SMALL, text, &w, NULL);
              }
            else
              fw_chart_text_size (chart, FW_CHART_FONT_SMALL, ticks[i].primary, &w, NULL);
            widest = MAX (widest, w);
          }
      if (widest + gap <= step * slot)
        break;
    }

  if (years_only)
    {
      /* Years sit on their January; a series that starts later still
       * names its first year at its first period. */
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          any |= shown[i];
          g_free (ticks[i].primary);
          ticks[i].primary = g_strdup_printf ("%d", ticks[i].year);
        }
      if (!any && n > 0)
        shown[0] = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      double x = x0 + (i + 0.5) * slot;

      if (!shown[i])
        continue;
      fw_chart_vline (chart, x, y, y + round (chart->em * 0.3), &chart->theme->dim, 0.6);
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &chart->theme->dim, ticks[i].primary, x,
                          top, 0.5, 0, MAX (slot, 1) * 12, TRUE, NULL);
      if (years_only || kind == FW_CHART_PERIOD_YEAR || kind == FW_CHART_PERIOD_NONE)
        continue;
      if (ticks[i].year != last_year)
        {
          g_autofree char *secondary = NULL;

          if (kind == FW_CHART_PERIOD_DAY)
            {
              g_autofree char *month = g_strndup (keys[i], 7);

              secondary = fw_chart_period_label (month);
            }
          else
            secondary = g_strdup_printf ("%d", ticks[i].year);
          if (fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &chart->theme->dim, secondary, x,
                                  top + chart->line_height, 0.5, 0, 0, TRUE, NULL))
            last_year = ticks[i].year;
        }
    }

  for (guint i = 0; i < n; i++)
    tick_clear (&ticks[i]);
  return fw_chart_period_axis_height (chart, keys, n);
}

/* Sentences */

const char *
fw_chart_score_name (FwKind kind)
{
  /* The names of the scores are the same in every language we know. */
  return kind == FW_KIND_EMPLOYEE ? "eNPS" : "NPS";
}

char *
fw_chart_describe_score (const char *label,
                         FwKind      kind,
                         double      nps,
                         double      low,
                         double      high,
                         gint64      n)
{
  g_autofree char *value = fw_format_nps (nps);
  g_autofree char *lo = fw_format_nps (low);
  g_autofree char *hi = fw_format_nps (high);
  g_autofree char *count = fw_format_count (n);

  if (n <= 0 || isnan (nps))
    /* Translators: an item of a chart; %s is its name, as in "March 2025". */
    return g_strdup_printf (_("%s: no responses"), label);
  /* Translators: an item of a chart: its name, the score's name (NPS or
   * eNPS), the score, its 95% interval and the number of responses, as in
   * "March 2025: NPS +31.8 (95% interval +24.0 to +39.1), 412 responses". */
  return g_strdup_printf (ngettext ("%s: %s %s (95%% interval %s to %s), %s response",
                                    "%s: %s %s (95%% interval %s to %s), %s responses",
                                    (gulong) MIN (n, G_MAXLONG)),
                          label, fw_chart_score_name (kind), value, lo, hi, count);
}

char *
fw_chart_hidden_text (guint min_group)
{
  if (min_group == 0)
    return g_strdup (_("too few responses to show"));
  /* Translators: an employee group too small to show, for its anonymity. */
  return g_strdup_printf (ngettext ("fewer than %u response", "fewer than %u responses",
                                    min_group),
                          min_group);
}

char *
fw_chart_describe_hidden (const char *label,
                          guint       min_group)
{
  g_autofree char *hidden = fw_chart_hidden_text (min_group);

  /* Translators: an employee group too small to show; %s: its name, as in
   * "Billing", and why it is hidden, as in "fewer than 5 responses". */
  return g_strdup_printf (_("%s: %s, hidden"), label, hidden);
}

/* A chart's title, as in "Customer NPS by month": @noun is "month",
 * "unit"..., @both names both scores. */
char *
fw_chart_title_by (FwKind      kind,
                   gboolean    both,
                   const char *noun)
{
  if (both)
    /* Translators: %s is "month", "quarter", "unit"... */
    return g_strdup_printf (_("Customer NPS and employee eNPS by %s"), noun);
  if (kind == FW_KIND_EMPLOYEE)
    /* Translators: %s is "month", "quarter", "unit"... */
    return g_strdup_printf (_("Employee eNPS by %s"), noun);
  /* Translators: %s is "month", "quarter", "unit"... */
  return g_strdup_printf (_("Customer NPS by %s"), noun);
}

/* The sentence on the highest and the lowest of a chart's groups. */
char *
fw_chart_describe_extremes (const char *high_label,
                            double      high,
                            const char *low_label,
                            double      low)
{
  g_autofree char *high_value = fw_format_nps (high);
  g_autofree char *low_value = fw_format_nps (low);

  /* Translators: the highest and the lowest group or period and their
   * scores, as in "Highest: June 2024, +29.7; lowest: July 2024, +21.3." */
  return g_strdup_printf (_("Highest: %s, %s; lowest: %s, %s."), high_label, high_value,
                          low_label, low_value);
}

char *
fw_chart_unit_name (const char *unit)
{
  if (unit == NULL || *unit == '\0')
    return g_strdup (_("No unit"));
  return g_strdup (unit);
}

/* The constructors and the renderers live in fw-chart-<type>.c. */
