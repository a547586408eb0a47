/* fw-chart-view.c: a widget that shows one FwChart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin widget: the chart draws itself (src/charts); this only gives it a
 * theme taken from the GTK style, a place on screen, and the pointer and the
 * keyboard.  Hover shows an item's sentence in a tooltip, a click on an
 * item that stands for a unit says so with "unit-activated", and the arrow
 * keys step through the items, telling a screen reader each one.
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "fw-chart-view.h"
#include "fw-export.h"

struct _FwChartView
{
  GtkWidget     parent_instance;

  FwChart      *chart;
  FwChartTheme  theme;
  gboolean      theme_valid;
  gboolean      has_focus;

  /* The last drawing and the size it was made for: a frame that redraws
   * the window with nothing of the chart changed replays it instead of
   * laying the chart out again.  Dropped by fw_chart_view_redraw(). */
  GskRenderNode *drawing;
  int            drawing_width;
  int            drawing_height;

  /* Export: what the file says around the chart, the "chart" actions that
   * the context menu and the page's menu button share, and the file
   * chooser while it is open. */
  char                 *export_filter;
  char                 *export_footnote;
  GSimpleActionGroup   *actions;
  GMenuModel           *menu;
  GtkWidget            *context_menu;
  GtkFileChooserNative *chooser;
  char                 *chooser_format;
};

G_DEFINE_FINAL_TYPE (FwChartView, fw_chart_view, GTK_TYPE_WIDGET)

enum
{
  UNIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void popup_menu (FwChartView *self,
                        double       x,
                        double       y);

/* Draws the chart again at the next frame, whatever was drawn before. */
static void
fw_chart_view_redraw (FwChartView *self)
{
  g_clear_pointer (&self->drawing, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
color_from_rgba (FwChartColor  *color,
                 const GdkRGBA *rgba,
                 double         alpha)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
  color->alpha = rgba->alpha * alpha;
}

/* Takes a named colour of the theme when it has one; otherwise the chart
 * module's default for the style stays. */
static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              FwChartColor    *color)
{
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (context, name, &rgba))
    color_from_rgba (color, &rgba, 1.0);
}

/* Fills self->theme from the current style.  Called lazily from snapshot
 * after every style change, so that the light, dark and high contrast
 * styles all apply without a restart. */
static void
fw_chart_view_update_theme (FwChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  const PangoFontDescription *font;
  gboolean high_contrast = adw_style_manager_get_high_contrast (manager);
  gboolean dark = adw_style_manager_get_dark (manager);
  FwChartStyle style;
  GdkRGBA fg;

  if (high_contrast)
    style = FW_CHART_STYLE_HIGH_CONTRAST;
  else if (dark)
    style = FW_CHART_STYLE_DARK;
  else
    style = FW_CHART_STYLE_LIGHT;

  if (self->theme_valid)
    fw_chart_theme_clear (&self->theme);
  fw_chart_theme_init (&self->theme, style);

  /* The chart sits on a card or the window; it paints no background of
   * its own, so that it matches whatever is behind it. */
  self->theme.background = (FwChartColor) { 0, 0, 0, 0 };

  gtk_style_context_get_color (context, &fg);
  color_from_rgba (&self->theme.foreground, &fg, 1.0);
  color_from_rgba (&self->theme.dim, &fg, high_contrast ? 0.85 : 0.6);
  color_from_rgba (&self->theme.grid, &fg, high_contrast ? 0.45 : 0.12);
  color_from_rgba (&self->theme.suppressed, &fg, high_contrast ? 0.15 : 0.06);

  lookup_color (context, "accent_color", &self->theme.accent);
  lookup_color (context, "accent_color", &self->theme.customer);
  /* Blue against orange stays apart for every common colour blindness. */
  lookup_color (context, dark ? "orange_2" : "orange_5", &self->theme.employee);
  lookup_color (context, dark ? "blue_2" : "blue_3", &self->theme.promoter);
  lookup_color (context, dark ? "orange_3" : "orange_4", &self->theme.detractor);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    {
      g_free (self->theme.font_family);
      self->theme.font_family = g_strdup (pango_font_description_get_family (font));
    }
  if (font != NULL && pango_font_description_get_size (font) > 0
      && !pango_font_description_get_size_is_absolute (font))
    self->theme.font_size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  self->theme_valid = TRUE;
}

static void
fw_chart_view_invalidate_theme (FwChartView *self)
{
  if (self->theme_valid)
    fw_chart_theme_clear (&self->theme);
  self->theme_valid = FALSE;
  fw_chart_view_redraw (self);
}

/* What a screen reader hears: the chart's name and sentences, or the
 * sentence of the item the arrow keys are on. */
static void
fw_chart_view_update_accessible (FwChartView *self)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  int focus;

  if (self->chart == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No figures yet."),
                                      -1);
      return;
    }

  title = fw_chart_get_title (self->chart);
  focus = fw_chart_get_focus (self->chart);
  if (self->has_focus && focus >= 0 && (guint) focus < fw_chart_get_n_items (self->chart))
    description = g_strdup (fw_chart_get_item (self->chart, focus)->description);
  else
    description = fw_chart_get_description (self->chart);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
fw_chart_view_set_item_focus (FwChartView *self,
                              int          index)
{
  if (self->chart == NULL || fw_chart_get_focus (self->chart) == index)
    return;

  fw_chart_set_focus (self->chart, index);
  fw_chart_view_update_accessible (self);
  fw_chart_view_redraw (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static void
fw_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FwChartView *self = FW_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *drawing;
  guint n_items_before;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  if (self->drawing != NULL && self->drawing_width == width && self->drawing_height == height)
    {
      gtk_snapshot_append_node (snapshot, self->drawing);
      return;
    }

  if (!self->theme_valid)
    fw_chart_view_update_theme (self);

  n_items_before = fw_chart_get_n_items (self->chart);
  drawing = gtk_snapshot_new ();
  cr = gtk_snapshot_append_cairo (drawing, &GRAPHENE_RECT_INIT (0, 0, width, height));
  fw_chart_render (self->chart, cr, width, height, &self->theme);
  cairo_destroy (cr);
  g_clear_pointer (&self->drawing, gsk_render_node_unref);
  self->drawing = gtk_snapshot_free_to_node (drawing);
  self->drawing_width = width;
  self->drawing_height = height;
  if (self->drawing != NULL)
    gtk_snapshot_append_node (snapshot, self->drawing);

  /* The items exist only after a render: the first one gives a focused
   * view something to stand on, and the screen reader its sentence. */
  if (n_items_before != fw_chart_get_n_items (self->chart))
    {
      int focus = fw_chart_get_focus (self->chart);

      if (focus >= (int) fw_chart_get_n_items (self->chart))
        fw_chart_set_focus (self->chart, -1);
      fw_chart_view_update_accessible (self);
    }
}

static void
fw_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      /* The page sets the height each chart needs with height-request. */
      *minimum = 160;
      *natural = 160;
    }
}

static void
fw_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (fw_chart_view_parent_class)->css_changed (widget, change);

  fw_chart_view_invalidate_theme (FW_CHART_VIEW (widget));
}

static gboolean
on_query_tooltip (FwChartView *self,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip)
{
  const FwChartItem *item;
  GdkRectangle area;
  int index;

  if (self->chart == NULL)
    return FALSE;

  index = keyboard_mode ? fw_chart_get_focus (self->chart) : fw_chart_item_at (self->chart, x, y);
  if (index < 0 || (guint) index >= fw_chart_get_n_items (self->chart))
    return FALSE;

  item = fw_chart_get_item (self->chart, index);
  if (item->description == NULL || item->description[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, item->description);
  /* Moving onto the next item asks again rather than keep this text. */
  area.x = (int) item->area.x;
  area.y = (int) item->area.y;
  area.width = MAX (1, (int) item->area.width);
  area.height = MAX (1, (int) item->area.height);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

static const char *
unit_of_item (FwChartView *self,
              int          index)
{
  if (self->chart == NULL || index < 0 || (guint) index >= fw_chart_get_n_items (self->chart))
    return NULL;

  return fw_chart_get_item (self->chart, index)->unit;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           FwChartView              *self)
{
  const char *unit = NULL;

  if (self->chart != NULL)
    unit = unit_of_item (self, fw_chart_item_at (self->chart, x, y));

  /* A pointing hand says that a click filters to the unit. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), unit != NULL ? "pointer" : NULL);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             FwChartView     *self)
{
  const char *unit;

  if (self->chart == NULL || n_press != 1)
    return;

  unit = unit_of_item (self, fw_chart_item_at (self->chart, x, y));
  if (unit != NULL)
    {
      g_autofree char *copy = g_strdup (unit);

      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      /* A copy: a handler may replace the chart, and the item with it. */
      g_signal_emit (self, signals[UNIT_ACTIVATED], 0, copy);
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FwChartView           *self)
{
  int n_items;
  int focus;

  if (self->chart == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  /* The chart's menu from the keyboard, beside the item reached. */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK) != 0))
    {
      int index = fw_chart_get_focus (self->chart);
      double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      if (index >= 0 && (guint) index < fw_chart_get_n_items (self->chart))
        {
          const FwChartItem *item = fw_chart_get_item (self->chart, index);

          x = item->area.x + item->area.width / 2;
          y = item->area.y + item->area.height;
        }
      popup_menu (self, x, y);
      return TRUE;
    }

  n_items = (int) fw_chart_get_n_items (self->chart);
  focus = fw_chart_get_focus (self->chart);
  if (n_items == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      fw_chart_view_set_item_focus (self, focus <= 0 ? 0 : focus - 1);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      fw_chart_view_set_item_focus (self, focus < 0 ? 0 : MIN (focus + 1, n_items - 1));
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      fw_chart_view_set_item_focus (self, 0);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      fw_chart_view_set_item_focus (self, n_items - 1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      {
        const char *unit = unit_of_item (self, focus);

        if (unit != NULL)
          {
            g_autofree char *copy = g_strdup (unit);

            g_signal_emit (self, signals[UNIT_ACTIVATED], 0, copy);
            return TRUE;
          }
        return FALSE;
      }

    default:
      return FALSE;
    }
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                FwChartView             *self)
{
  self->has_focus = TRUE;
  if (self->chart != NULL && fw_chart_get_focus (self->chart) < 0
      && fw_chart_get_n_items (self->chart) > 0)
    fw_chart_view_set_item_focus (self, 0);
  else
    fw_chart_view_update_accessible (self);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                FwChartView             *self)
{
  self->has_focus = FALSE;
  fw_chart_view_set_item_focus (self, -1);
  fw_chart_view_update_accessible (self);
}

/* Export: the chart's menu */

/* A file shows the chart as large as the window shows it, with room above
 * and below for the title line and the footnote; never smaller than a
 * legible slide. */
#define EXPORT_MIN_WIDTH     480
#define EXPORT_MIN_HEIGHT    240
#define EXPORT_LABELS_HEIGHT 150

static void
export_size (FwChartView *self,
             int         *width,
             int         *height)
{
  *width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), EXPORT_MIN_WIDTH);
  *height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), EXPORT_MIN_HEIGHT)
            + EXPORT_LABELS_HEIGHT;
}

/* "pdf", "png", "png2x" or "svg", as the menu names them. */
static gboolean
parse_format (const char     *name,
              FwExportFormat *format,
              double         *scale)
{
  *scale = 1;
  if (g_strcmp0 (name, "pdf") == 0)
    *format = FW_EXPORT_PDF;
  else if (g_strcmp0 (name, "png") == 0)
    *format = FW_EXPORT_PNG;
  else if (g_strcmp0 (name, "png2x") == 0)
    *format = FW_EXPORT_PNG, *scale = 2;
  else if (g_strcmp0 (name, "svg") == 0)
    *format = FW_EXPORT_SVG;
  else
    return FALSE;
  return TRUE;
}

static void
show_toast (FwChartView *self,
            const char  *text)
{
  /* The window shows it; a view outside one has nowhere to. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
show_error (FwChartView  *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Export the Chart"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * fw_chart_view_export:
 * @format: "pdf", "png", "png2x" (twice the pixels each way) or "svg"
 *
 * Writes the chart as the view shows it, with its title line and
 * footnote, to @path.
 *
 * Returns: %TRUE, or %FALSE with @error set and no file left behind
 */
gboolean
fw_chart_view_export (FwChartView *self,
                      const char  *format,
                      const char  *path,
                      GError     **error)
{
  FwExportLabels labels = { NULL, NULL, NULL };
  FwExportFormat export_format;
  double scale;
  int width, height;

  g_return_val_if_fail (FW_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!parse_format (format, &export_format, &scale))
    g_return_val_if_reached (FALSE);
  if (self->chart == NULL)
    {
      g_set_error_literal (error, FW_EXPORT_ERROR, FW_EXPORT_ERROR_FAILED,
                           _("There is no chart to export yet."));
      return FALSE;
    }

  labels.filter = self->export_filter;
  labels.footnote = self->export_footnote;
  export_size (self, &width, &height);
  return fw_export_chart (self->chart, &labels, path, export_format, width, height, scale,
                          error);
}

static void
export_and_tell (FwChartView *self,
                 const char  *format,
                 const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!fw_chart_view_export (self, format, path, &error))
    {
      show_error (self, error);
      return;
    }
  name = g_filename_display_basename (path);
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("Chart saved as “%s”"), name);
  show_toast (self, text);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     FwChartView     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *format = g_steal_pointer (&self->chooser_format);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);

  if (path != NULL)
    {
      FwExportFormat export_format;
      double scale;
      g_autofree char *base = g_path_get_basename (path);

      /* A name typed without an extension gets the format's. */
      if (strchr (base, '.') == NULL && parse_format (format, &export_format, &scale))
        {
          char *named = g_strconcat (path, ".", fw_export_format_extension (export_format), NULL);

          g_free (path);
          path = named;
        }
      export_and_tell (self, format, path);
    }
}

/* A file name from the chart's title, without what file systems refuse. */
static char *
suggest_name (FwChartView    *self,
              FwExportFormat  format)
{
  g_autofree char *title = fw_chart_get_title (self->chart);

  g_strdelimit (title, "/\\:*?\"<>|", '-');
  return g_strconcat (title, ".", fw_export_format_extension (format), NULL);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  FwChartView *self = FW_CHART_VIEW (user_data);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  FwExportFormat export_format;
  double scale;

  if (self->chart == NULL || self->chooser != NULL || !parse_format (format, &export_format,
                                                                      &scale))
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Chart"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  self->chooser_format = g_strdup (format);
  name = suggest_name (self, export_format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  switch (export_format)
    {
    case FW_EXPORT_PDF:
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      break;
    case FW_EXPORT_PNG:
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      break;
    case FW_EXPORT_SVG:
    default:
      gtk_file_filter_set_name (filter, _("SVG images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      break;
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* For a file name chosen elsewhere, and for the tests: ("png2x", path). */
static void
export_to_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  const char *format;
  const char *path;

  g_variant_get (parameter, "(&s&s)", &format, &path);
  export_and_tell (FW_CHART_VIEW (user_data), format, path);
}

static void
copy_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FwChartView *self = FW_CHART_VIEW (user_data);
  FwExportLabels labels = { NULL, self->export_filter, self->export_footnote };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  int width, height, stride;

  if (self->chart == NULL)
    return;

  /* Twice the pixels, so that the picture stays sharp on a slide. */
  export_size (self, &width, &height);
  surface = fw_export_chart_image (self->chart, &labels, width, height, 2);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return;
    }
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) stride * cairo_image_surface_get_height (surface));
  /* Cairo's ARGB32 is GDK's default memory format: premultiplied, native
   * byte order. */
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  show_toast (self, _("Chart copied"));
}

static const GActionEntry chart_actions[] = {
  { "export", export_activated, "s" },
  { "export-to", export_to_activated, "(ss)" },
  { "copy", copy_activated },
};

static GMenuModel *
create_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  g_autoptr(GMenu) clipboard = g_menu_new ();

  g_menu_append (files, _("Export as _PDF…"), "chart.export::pdf");
  g_menu_append (files, _("Export as P_NG…"), "chart.export::png");
  g_menu_append (files, _("Export as PNG at _Double Size…"), "chart.export::png2x");
  g_menu_append (files, _("Export as _SVG…"), "chart.export::svg");
  g_menu_append (clipboard, _("_Copy as Image"), "chart.copy");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clipboard));
  return G_MENU_MODEL (menu);
}

static void
update_actions (FwChartView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                    chart_actions[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->chart != NULL);
    }
}

static void
popup_menu (FwChartView *self,
            double       x,
            double       y)
{
  if (self->chart == NULL)
    return;
  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->menu);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      FwChartView     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu (self, x, y);
}

/**
 * fw_chart_view_new_menu_button:
 *
 * Returns: (transfer floating): a button with the chart's menu (export
 *   and copy), for the heading of the card that holds the view
 */
GtkWidget *
fw_chart_view_new_menu_button (FwChartView *self)
{
  GtkWidget *button;

  g_return_val_if_fail (FW_IS_CHART_VIEW (self), NULL);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), self->menu);
  gtk_widget_set_tooltip_text (button, _("Export or Copy the Chart"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_insert_action_group (button, "chart", G_ACTION_GROUP (self->actions));
  return button;
}

/**
 * fw_chart_view_set_export_labels:
 * @filter: (nullable): what was counted: the period, units, touchpoints
 * @footnote: (nullable): n and the definition of the score
 *
 * What an exported file says around the chart.
 */
void
fw_chart_view_set_export_labels (FwChartView *self,
                                 const char  *filter,
                                 const char  *footnote)
{
  g_return_if_fail (FW_IS_CHART_VIEW (self));

  g_free (self->export_filter);
  self->export_filter = g_strdup (filter);
  g_free (self->export_footnote);
  self->export_footnote = g_strdup (footnote);
}

static void
fw_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  FwChartView *self = FW_CHART_VIEW (widget);

  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
fw_chart_view_dispose (GObject *object)
{
  FwChartView *self = FW_CHART_VIEW (object);

  g_clear_pointer (&self->chart, fw_chart_free);
  g_clear_pointer (&self->drawing, gsk_render_node_unref);
  if (self->theme_valid)
    fw_chart_theme_clear (&self->theme);
  self->theme_valid = FALSE;
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  /* A menu button may outlive the view by a moment: its actions must not
   * reach a view that is gone. */
  if (self->actions != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (chart_actions); i++)
      g_action_map_remove_action (G_ACTION_MAP (self->actions), chart_actions[i].name);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_pointer (&self->export_filter, g_free);
  g_clear_pointer (&self->export_footnote, g_free);
  g_clear_pointer (&self->chooser_format, g_free);

  G_OBJECT_CLASS (fw_chart_view_parent_class)->dispose (object);
}

static void
fw_chart_view_class_init (FwChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fw_chart_view_dispose;

  widget_class->snapshot = fw_chart_view_snapshot;
  widget_class->size_allocate = fw_chart_view_size_allocate;
  widget_class->measure = fw_chart_view_measure;
  widget_class->css_changed = fw_chart_view_css_changed;

  /**
   * FwChartView::unit-activated:
   * @unit: the unit's name
   *
   * An item that stands for a unit was clicked, or chosen with Enter.
   */
  signals[UNIT_ACTIVATED] =
    g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "fwchartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fw_chart_view_init (FwChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  gtk_widget_set_focusable (widget, TRUE);
  /* The keyboard walks the items; a click is for filtering, not for
   * leaving a focus ring behind. */
  gtk_widget_set_focus_on_click (widget, FALSE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (widget, controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), chart_actions,
                                   G_N_ELEMENTS (chart_actions), self);
  gtk_widget_insert_action_group (widget, "chart", G_ACTION_GROUP (self->actions));
  self->menu = create_menu ();
  update_actions (self);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, controller);

  fw_chart_view_update_accessible (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (fw_chart_view_invalidate_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (fw_chart_view_invalidate_theme), self, G_CONNECT_SWAPPED);
}

GtkWidget *
fw_chart_view_new (void)
{
  return g_object_new (FW_TYPE_CHART_VIEW, NULL);
}

/**
 * fw_chart_view_set_chart:
 * @chart: (transfer full) (nullable): the chart to show
 */
void
fw_chart_view_set_chart (FwChartView *self,
                         FwChart     *chart)
{
  g_return_if_fail (FW_IS_CHART_VIEW (self));

  if (self->chart == chart)
    return;

  g_clear_pointer (&self->chart, fw_chart_free);
  self->chart = chart;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  fw_chart_view_update_accessible (self);
  update_actions (self);
  fw_chart_view_redraw (self);
}

/**
 * fw_chart_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
FwChart *
fw_chart_view_get_chart (FwChartView *self)
{
  g_return_val_if_fail (FW_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

int
fw_chart_view_get_focus (FwChartView *self)
{
  g_return_val_if_fail (FW_IS_CHART_VIEW (self), -1);

  return self->chart != NULL ? fw_chart_get_focus (self->chart) : -1;
}
