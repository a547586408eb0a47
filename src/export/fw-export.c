/* fw-export.c: charts to PDF, PNG and SVG files, with no widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fw-export.h"
#include "fw-export-private.h"
#include "fw-format.h"

G_DEFINE_QUARK (fw-export-error-quark, fw_export_error)

/* Writing atomically */

struct _FwExportFile
{
  char    *path;      /* the name asked for */
  char    *temp_path; /* where the bytes go until they are complete */
  FILE    *stream;
  int      write_errno;
  gboolean committed;
};

FwExportFile *
fw_export_file_new (const char *path,
                    GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_name = NULL;
  FwExportFile *file;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  /* Hidden and in the same folder: a rename within one file system is
   * atomic, and a crash leaves at most a dot file, never a broken PDF under
   * the name a cron job or a colleague looks for. */
  temp_name = g_strdup_printf (".%s.XXXXXX", base);

  file = g_new0 (FwExportFile, 1);
  file->path = g_strdup (path);
  file->temp_path = g_build_filename (dir, temp_name, NULL);

  /* The mode that open() would give a new file, less the umask. */
  fd = g_mkstemp_full (file->temp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      /* Translators: the first %s is a file name, the second the reason,
       * as in "Permission denied". */
      g_set_error (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s"),
                   display, g_strerror (saved_errno));
      g_clear_pointer (&file->temp_path, g_free);
      fw_export_file_free (file);
      return NULL;
    }
  file->stream = fdopen (fd, "wb");
  if (file->stream == NULL)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      close (fd);
      g_set_error (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s"),
                   display, g_strerror (saved_errno));
      fw_export_file_free (file);
      return NULL;
    }
  return file;
}

cairo_status_t
fw_export_file_write (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  FwExportFile *file = closure;

  if (file->write_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (length > 0 && fwrite (data, 1, length, file->stream) != length)
    {
      file->write_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

gboolean
fw_export_file_commit (FwExportFile  *file,
                       cairo_status_t status,
                       GError       **error)
{
  g_autofree char *display = NULL;
  FILE *stream;

  g_return_val_if_fail (file != NULL && !file->committed, FALSE);

  display = g_filename_display_name (file->path);
  stream = g_steal_pointer (&file->stream);

  /* A full disk shows only when the buffers reach it. */
  if (file->write_errno == 0 && status == CAIRO_STATUS_SUCCESS
      && (fflush (stream) != 0 || fsync (fileno (stream)) != 0))
    file->write_errno = errno;
  if (fclose (stream) != 0 && file->write_errno == 0 && status == CAIRO_STATUS_SUCCESS)
    file->write_errno = errno;

  if (file->write_errno != 0)
    {
      g_set_error (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s"),
                   display, g_strerror (file->write_errno));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: the first %s is a file name, the second Cairo's
       * reason, in English. */
      g_set_error (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_FAILED, _("Could not draw “%s”: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (file->temp_path, file->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_WRITE, _("Could not write “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  file->committed = TRUE;
  return TRUE;
}

void
fw_export_file_free (FwExportFile *file)
{
  if (file == NULL)
    return;
  if (file->stream != NULL)
    fclose (file->stream);
  if (!file->committed && file->temp_path != NULL)
    g_unlink (file->temp_path);
  g_free (file->temp_path);
  g_free (file->path);
  g_free (file);
}

/* Formats */

static const char *const extensions[] = {
  [FW_EXPORT_PDF] = "pdf",
  [FW_EXPORT_PNG] = "png",
  [FW_EXPORT_SVG] = "svg",
};

const char *
fw_export_format_extension (FwExportFormat format)
{
  g_return_val_if_fail (format <= FW_EXPORT_SVG, NULL);

  return extensions[format];
}

/**
 * fw_export_format_from_path:
 *
 * The format that the extension of @path names: .pdf, .png or .svg, in any
 * case.
 *
 * Returns: %TRUE with @format set, or %FALSE with @error set
 */
gboolean
fw_export_format_from_path (const char     *path,
                            FwExportFormat *format,
                            GError        **error)
{
  const char *dot;
  g_autofree char *base = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, extensions[i]) == 0)
      {
        *format = i;
        return TRUE;
      }

  {
    g_autofree char *display = g_filename_display_name (path);

    /* Translators: %s is a file name. */
    g_set_error (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_FORMAT,
                 _("Cannot save “%s”: the name must end in .pdf, .png or .svg."), display);
  }
  return FALSE;
}

/* Drawing one chart with its labels */

static PangoLayout *
new_layout (cairo_t            *cr,
            const FwChartTheme *theme,
            double              scale,
            PangoWeight         weight,
            const char         *text,
            double              width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  double size = theme->font_size > 0 ? theme->font_size : 10;

  pango_font_description_set_family (font, theme->font_family != NULL ? theme->font_family
                                                                      : "Sans");
  pango_font_description_set_size (font, (int) (size * scale * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
show_layout (cairo_t            *cr,
             PangoLayout        *layout,
             const FwChartColor *color,
             double              x,
             double              y)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/**
 * fw_export_render_chart:
 * @labels: (nullable): the title line and footnote
 *
 * Draws @chart with its title line above and its footnote below into the
 * rectangle (0, 0, @width, @height) of @cr, as a chart file shows it.
 */
void
fw_export_render_chart (FwChart              *chart,
                        const FwExportLabels *labels,
                        cairo_t              *cr,
                        double                width,
                        double                height,
                        const FwChartTheme   *theme)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) filter = NULL;
  g_autoptr(PangoLayout) footnote = NULL;
  g_autofree char *own_title = NULL;
  double em, pad, inner, y, bottom, chart_height;
  FwChartTheme chart_theme;

  g_return_if_fail (chart != NULL && cr != NULL && theme != NULL);

  em = (theme->font_size > 0 ? theme->font_size : 10) * 96.0 / 72.0;
  pad = round (em * 1.5);
  inner = MAX (1, width - 2 * pad);

  cairo_save (cr);
  cairo_set_source_rgba (cr, theme->background.red, theme->background.green,
                         theme->background.blue, theme->background.alpha);
  cairo_paint (cr);

  if (labels == NULL || labels->title == NULL)
    own_title = fw_chart_get_title (chart);
  title = new_layout (cr, theme, 1.3, PANGO_WEIGHT_BOLD,
                      own_title != NULL ? own_title : labels->title, inner);
  y = pad;
  show_layout (cr, title, &theme->foreground, pad, y);
  y += layout_height (title);
  if (labels != NULL && labels->filter != NULL && labels->filter[0] != '\0')
    {
      filter = new_layout (cr, theme, 1.0, PANGO_WEIGHT_NORMAL, labels->filter, inner);
      y += round (em * 0.2);
      show_layout (cr, filter, &theme->dim, pad, y);
      y += layout_height (filter);
    }
  y += round (em * 0.8);

  bottom = height - pad;
  if (labels != NULL && labels->footnote != NULL && labels->footnote[0] != '\0')
    {
      footnote = new_layout (cr, theme, 0.85, PANGO_WEIGHT_NORMAL, labels->footnote, inner);
      bottom -= layout_height (footnote);
      show_layout (cr, footnote, &theme->dim, pad, bottom);
      bottom -= round (em * 0.8);
    }

  /* The chart paints no background of its own here: the page has one. */
  chart_theme = *theme;
  chart_theme.background.alpha = 0;
  chart_height = bottom - y;
  if (chart_height > em * 2)
    {
      cairo_save (cr);
      cairo_translate (cr, pad, y);
      fw_chart_render (chart, cr, inner, chart_height, &chart_theme);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

/* The look of every file: the light style, whatever the window shows, as
 * paper and slides are light. */
static void
export_theme_init (FwChartTheme *theme)
{
  fw_chart_theme_init (theme, FW_CHART_STYLE_LIGHT);
}

/**
 * fw_export_chart_image:
 * @width: in pixels at scale 1
 * @scale: 1 for a screen's pixels, 2 for a sharp picture on a slide
 *
 * Returns: (transfer full): an image surface of @chart with its labels, of
 *   @width x @scale by @height x @scale pixels; check its status
 */
cairo_surface_t *
fw_export_chart_image (FwChart              *chart,
                       const FwExportLabels *labels,
                       int                   width,
                       int                   height,
                       double                scale)
{
  cairo_surface_t *surface;
  FwChartTheme theme;
  cairo_t *cr;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  export_theme_init (&theme);
  fw_export_render_chart (chart, labels, cr, width, height, &theme);
  fw_chart_theme_clear (&theme);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/**
 * fw_export_chart:
 * @labels: (nullable): the title line and footnote
 * @width: in pixels; see fw-export.h for what a pixel is in each format
 * @scale: pixels per pixel of a PNG (1 or 2); the vector formats ignore it
 *
 * Writes @chart as it would show at @width x @height to @path.
 *
 * Returns: %TRUE, or %FALSE with @error set and no file left behind
 */
gboolean
fw_export_chart (FwChart              *chart,
                 const FwExportLabels *labels,
                 const char           *path,
                 FwExportFormat        format,
                 int                   width,
                 int                   height,
                 double                scale,
                 GError              **error)
{
  g_autoptr(FwExportFile) file = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  FwChartTheme theme;

  g_return_val_if_fail (chart != NULL && path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = fw_export_file_new (path, error);
  if (file == NULL)
    return FALSE;

  export_theme_init (&theme);
  switch (format)
    {
    case FW_EXPORT_PNG:
      surface = fw_export_chart_image (chart, labels, width, height, scale);
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, fw_export_file_write, file);
      break;

    case FW_EXPORT_PDF:
    case FW_EXPORT_SVG:
      {
        g_autofree char *title = NULL;
        cairo_t *cr;

        if (format == FW_EXPORT_PDF)
          {
            /* A pixel is three quarters of a point, so that the PDF is the
             * PNG's size on paper and its fonts are the screen's. */
            surface = cairo_pdf_surface_create_for_stream (fw_export_file_write, file,
                                                           width * FW_EXPORT_POINTS_PER_PIXEL,
                                                           height * FW_EXPORT_POINTS_PER_PIXEL);
            title = labels != NULL && labels->title != NULL ? g_strdup (labels->title)
                                                            : fw_chart_get_title (chart);
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                            PACKAGE_NAME " " PACKAGE_VERSION);
          }
        else
          {
            surface = cairo_svg_surface_create_for_stream (fw_export_file_write, file, width,
                                                           height);
            cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
          }
        cr = cairo_create (surface);
        if (format == FW_EXPORT_PDF)
          cairo_scale (cr, FW_EXPORT_POINTS_PER_PIXEL, FW_EXPORT_POINTS_PER_PIXEL);
        fw_export_render_chart (chart, labels, cr, width, height, &theme);
        cairo_show_page (cr);
        status = cairo_status (cr);
        cairo_destroy (cr);
        cairo_surface_finish (surface);
        if (status == CAIRO_STATUS_SUCCESS)
          status = cairo_surface_status (surface);
        break;
      }

    default:
      g_return_val_if_reached (FALSE);
    }
  fw_chart_theme_clear (&theme);
  cairo_surface_destroy (surface);

  return fw_export_file_commit (file, status, error);
}

/* Texts */

/**
 * fw_export_describe_period:
 *
 * Returns: (transfer full): "January 1, 2026 to December 31, 2026", or
 *   "All time" without either day
 */
char *
fw_export_describe_period (const char *from_day,
                           const char *to_day)
{
  g_autofree char *from = from_day != NULL ? fw_format_day (from_day) : NULL;
  g_autofree char *to = to_day != NULL ? fw_format_day (to_day) : NULL;

  if (from != NULL && to != NULL)
    /* Translators: a period, the two %s are days, as in "January 1, 2026". */
    return g_strdup_printf (_("%s to %s"), from, to);
  if (from != NULL)
    /* Translators: %s is a day, as in "January 1, 2026". */
    return g_strdup_printf (_("From %s on"), from);
  if (to != NULL)
    /* Translators: %s is a day, as in "January 1, 2026". */
    return g_strdup_printf (_("Up to %s"), to);
  return g_strdup (_("All time"));
}

static char *
join_names (const char *const *names)
{
  /* Translators: the separator of a list of names, as in "Billing, Claims". */
  return g_strjoinv (_(", "), (char **) names);
}

/**
 * fw_export_describe_filter:
 * @units: (nullable): unit names; %NULL or empty for every unit
 * @touchpoints: (nullable): touchpoint names; %NULL or empty for all
 *
 * Returns: (transfer full): the period, then the units and touchpoints
 *   when some are chosen
 */
char *
fw_export_describe_filter (const char        *from_day,
                           const char        *to_day,
                           const char *const *units,
                           const char *const *touchpoints)
{
  g_autofree char *period = fw_export_describe_period (from_day, to_day);
  GString *text = g_string_new (period);

  if (units != NULL && units[0] != NULL)
    {
      g_autofree char *names = join_names (units);

      /* Translators: what the figures count; %s is a list of units. */
      g_string_append_printf (text, _(" · Units: %s"), names);
    }
  if (touchpoints != NULL && touchpoints[0] != NULL)
    {
      g_autofree char *names = join_names (touchpoints);

      /* Translators: what the figures count; %s is a list of touchpoints. */
      g_string_append_printf (text, _(" · Touchpoints: %s"), names);
    }
  return g_string_free (text, FALSE);
}

static void
append_sentence (GString    *text,
                 const char *sentence)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, sentence);
}

static void
append_count (GString             *text,
              const FwQueryResult *result,
              guint                min_group)
{
  g_autofree char *n = NULL;
  g_autofree char *sentence = NULL;

  if (result->kind == FW_KIND_EMPLOYEE && result->total.suppressed)
    /* No count at all: even n of a hidden group says too much. */
    sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Employees: fewer than %u response, not shown.",
                                             "Employees: fewer than %u responses, not shown.",
                                             min_group),
                                min_group);
  else if (result->kind == FW_KIND_EMPLOYEE)
    {
      n = fw_format_count (result->total.tally.n);
      /* Translators: %s is a number, as in "n = 1,234 employee responses." */
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "n = %s employee response.",
                                               "n = %s employee responses.",
                                               (gulong) result->total.tally.n),
                                  n);
    }
  else
    {
      n = fw_format_count (result->total.tally.n);
      /* Translators: %s is a number, as in "n = 1,234 customer responses." */
      sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "n = %s customer response.",
                                               "n = %s customer responses.",
                                               (gulong) result->total.tally.n),
                                  n);
    }
  append_sentence (text, sentence);
}

/**
 * fw_export_footnote:
 * @cx: (nullable): the customer figures the chart shows
 * @ex: (nullable): the employee figures
 * @intervals: whether the chart draws 95% intervals
 *
 * Returns: (transfer full): n of each kind and the definition of the
 *   score, for the foot of a chart
 */
char *
fw_export_footnote (const FwQueryResult *cx,
                    const FwQueryResult *ex,
                    guint                min_group,
                    gboolean             intervals)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (cx != NULL || ex != NULL, NULL);

  if (cx != NULL)
    append_count (text, cx, min_group);
  if (ex != NULL)
    append_count (text, ex, min_group);

  if (cx != NULL && ex != NULL)
    /* xgettext:no-c-format */
    append_sentence (text, _("NPS (customers) and eNPS (employees) = % promoters (scores 9–10) "
                             "− % detractors (scores 0–6), from −100 to +100."));
  else if (cx != NULL)
    /* xgettext:no-c-format */
    append_sentence (text, _("NPS = % promoters (scores 9–10) − % detractors (scores 0–6), "
                             "from −100 to +100."));
  else
    /* xgettext:no-c-format */
    append_sentence (text, _("eNPS = % promoters (scores 9–10) − % detractors (scores 0–6) "
                             "among employees, from −100 to +100."));
  if (intervals)
    /* xgettext:no-c-format */
    append_sentence (text, _("Intervals are 95% adjusted-Wald intervals."));
  if (ex != NULL)
    {
      g_autofree char *rule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Employee groups of fewer than %u "
                                                            "response are not shown.",
                                                            "Employee groups of fewer than %u "
                                                            "responses are not shown.",
                                                            min_group),
                                               min_group);

      append_sentence (text, rule);
    }
  return g_string_free (text, FALSE);
}

/**
 * fw_export_link_footnote:
 *
 * Returns: (transfer full): n (the unit-quarter pairs) of the link at
 *   @lag, and what the chart shows
 */
char *
fw_export_link_footnote (const FwLink *link,
                         guint         lag)
{
  const FwLinkLag *link_lag;
  GString *text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (link != NULL, NULL);

  link_lag = fw_link_get_lag (link, lag);
  n = link_lag != NULL ? link_lag->pairs->len : 0;
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "n = %u unit-quarter.",
                                             "n = %u unit-quarters.", n),
                          n);
  g_string_append_c (text, ' ');
  if (lag == 0)
    g_string_append (text, _("Each is the eNPS of a unit beside its NPS in the same quarter."));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Each is the eNPS of a unit beside its NPS %u "
                                               "quarter later.",
                                               "Each is the eNPS of a unit beside its NPS %u "
                                               "quarters later.",
                                               lag),
                            lag);
  /* xgettext:no-c-format */
  append_sentence (text, _("Pearson’s r with a 95% interval (Fisher’s z) and Spearman’s ρ. "
                           "An association, not causation."));
  return g_string_free (text, FALSE);
}
