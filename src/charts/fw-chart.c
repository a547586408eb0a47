/* fw-chart.c: what every chart shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public calls, the themes, the item and label bookkeeping, the lines
 * and shapes snapped to the device pixel grid, and the sentences that name
 * items for screen readers.  Text and legends are in fw-chart-text.c, axis
 * ticks, numbers and periods in fw-chart-axis.c.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
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

/* Mixes with premultiplied alpha.  The window's theme has a transparent
 * background, so that cards show through the charts; a straight mix with
 * it would pull the other colour towards black, which in the dark style
 * made pale swatches all but vanish.  Between opaque colours it is the
 * same as a straight mix. */
FwChartColor
fw_chart_mix (const FwChartColor *a,
              const FwChartColor *b,
              double              t)
{
  FwChartColor mixed = { 0, 0, 0, 0 };

  mixed.alpha = a->alpha + (b->alpha - a->alpha) * t;
  if (mixed.alpha <= 0)
    return mixed;
  mixed.red = (a->red * a->alpha + (b->red * b->alpha - a->red * a->alpha) * t) / mixed.alpha;
  mixed.green = (a->green * a->alpha + (b->green * b->alpha - a->green * a->alpha) * t)
                / mixed.alpha;
  mixed.blue = (a->blue * a->alpha + (b->blue * b->alpha - a->blue * a->alpha) * t)
               / mixed.alpha;
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
