/* fw-export.h: charts to PDF, PNG and SVG files, with no widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the screen shows, the file shows: a chart file is drawn by the same
 * fw_chart_render() as the window, with a title line above it that says
 * what was counted and over which days, and a footnote below it with n and
 * the definition of the score.  Sizes are in pixels at 96 to the inch, as
 * on screen: a PNG has them times its scale, a PDF the same size in points
 * (three quarters of a pixel each) and an SVG the same size in px.
 *
 * Every file is written to a temporary file in the same folder and renamed
 * over the name asked for only when it is complete, so that a failure never
 * leaves half a file behind.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "fw-chart.h"
#include "fw-insights.h"
#include "fw-query.h"

G_BEGIN_DECLS

#define FW_EXPORT_ERROR (fw_export_error_quark ())

typedef enum
{
  FW_EXPORT_ERROR_FAILED, /* Cairo could not draw the file */
  FW_EXPORT_ERROR_FORMAT, /* a file name whose extension names no format we write */
  FW_EXPORT_ERROR_WRITE,  /* the file or its folder cannot be written */
} FwExportError;

typedef enum
{
  FW_EXPORT_PDF,
  FW_EXPORT_PNG,
  FW_EXPORT_SVG,
} FwExportFormat;

/* A slide's shape, and about the size of a chart card on a laptop. */
#define FW_EXPORT_DEFAULT_WIDTH  960
#define FW_EXPORT_DEFAULT_HEIGHT 540

/* What a chart file says around the chart.  Any may be NULL. */
typedef struct
{
  const char *title;    /* NULL: the chart's own, fw_chart_get_title() */
  const char *filter;   /* what was counted: the period, units and touchpoints */
  const char *footnote; /* n and the definition of the score */
} FwExportLabels;

GQuark      fw_export_error_quark      (void);

gboolean    fw_export_format_from_path (const char     *path,
                                        FwExportFormat *format,
                                        GError        **error);
const char *fw_export_format_extension (FwExportFormat  format);

void        fw_export_render_chart     (FwChart              *chart,
                                        const FwExportLabels *labels,
                                        cairo_t              *cr,
                                        double                width,
                                        double                height,
                                        const FwChartTheme   *theme);
cairo_surface_t *fw_export_chart_image (FwChart              *chart,
                                        const FwExportLabels *labels,
                                        int                   width,
                                        int                   height,
                                        double                scale);
gboolean    fw_export_chart            (FwChart              *chart,
                                        const FwExportLabels *labels,
                                        const char           *path,
                                        FwExportFormat        format,
                                        int                   width,
                                        int                   height,
                                        double                scale,
                                        GError              **error);

/* Texts shared by the chart files and the board pack. */
char       *fw_export_describe_period  (const char        *from_day,
                                        const char        *to_day);
char       *fw_export_describe_filter  (const char        *from_day,
                                        const char        *to_day,
                                        const char *const *units,
                                        const char *const *touchpoints);
char       *fw_export_footnote         (const FwQueryResult *cx,
                                        const FwQueryResult *ex,
                                        guint                min_group,
                                        gboolean             intervals);
char       *fw_export_link_footnote    (const FwLink        *link,
                                        guint                lag);

G_END_DECLS
