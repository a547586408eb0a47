/* fw-chart-text.c: text that stays legible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every label a chart draws goes through fw_chart_draw_text(): it is
 * measured, elided, kept in the frame and, when the caller asks, kept apart
 * from the labels drawn before it.  The rectangles it records are what the
 * tests check for overlaps.  Legends are rows of such labels with swatches.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fw-chart-private.h"

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
