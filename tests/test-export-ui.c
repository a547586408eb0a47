/* test-export-ui.c: the window's exports under Xvfb: the board pack saved
 * and printed, and each chart's menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The actions are triggered as the file chooser triggers them once a name
 * is chosen (win.export-board-pack-to, chart.export-to), and the files are
 * read back with poppler and Cairo.  Runs in one process (CK_NOFORK): GTK
 * cannot be initialised again after a fork.
 */

#define G_LOG_DOMAIN "fw-test"

#include "config.h"

#include <cairo.h>
#include <check.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fw-application.h"
#include "fw-chart-view.h"
#include "fw-demo.h"
#include "fw-store.h"
#include "fw-window-private.h"

static FwApplication *app;
static char *tmpdir;
static char *database;

static void
destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      gtk_window_destroy (GTK_WINDOW (window));
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
setup (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "organisation-name", "Acme Retail");
}

static void
teardown (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  destroy_windows ();
  g_settings_reset (settings, "organisation-name");
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until (Condition condition,
            gpointer  data,
            guint     seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (seconds, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return condition (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_idle (gpointer data)
{
  return !fw_window_is_busy (FW_WINDOW (data));
}

static gboolean
is_not_exporting (gpointer data)
{
  return !fw_window_is_exporting (FW_WINDOW (data));
}

static gboolean
has_items (gpointer data)
{
  FwChart *chart = fw_chart_view_get_chart (FW_CHART_VIEW (data));

  return chart != NULL && fw_chart_get_n_items (chart) > 0;
}

static FwWindow *
open_window (void)
{
  FwWindow *window = fw_window_new (app, database);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ck_assert_msg (wait_until (is_mapped, window, 30), "the window was never mapped");
  ck_assert_msg (wait_until (is_idle, window, 120), "the figures were never read");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

static void
wait_for_export (FwWindow *window)
{
  ck_assert_msg (wait_until (is_not_exporting, window, 120), "the board pack never finished");
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
run_tool (const char *command)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  ck_assert_msg (g_spawn_command_line_sync (command, &out, NULL, &status, &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "%s failed", command);
  return out;
}

static char *
pdf_info (const char *pdf)
{
  g_autofree char *command = g_strdup_printf ("pdfinfo '%s'", pdf);

  return run_tool (command);
}

/* The text of @pdf on one line. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *command = g_strdup_printf ("pdftotext '%s' -", pdf);
  char *text = run_tool (command);

  g_strdelimit (text, "\n\f", ' ');
  return text;
}

static guint
count_toplevels (void)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ());
}

START_TEST (test_board_pack)
{
  FwWindow *window = open_window ();
  g_autofree char *pdf = g_build_filename (tmpdir, "board-pack.pdf", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "missing", "board-pack.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  const char *period;
  const char *nps;
  guint windows;

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-board-pack-to", "s",
                                         pdf));
  ck_assert (fw_window_is_exporting (window));
  wait_for_export (window);
  ck_assert_msg (g_file_test (pdf, G_FILE_TEST_EXISTS), "no board pack");

  info = pdf_info (pdf);
  ck_assert_msg (strstr (info, "Pages:           9") != NULL, "%.300s", info);
  ck_assert_msg (strstr (info, "Author:          Acme Retail") != NULL, "%.300s", info);

  /* The pack is for the filter the window shows, with its figures. */
  text = pdf_text (pdf);
  period = fw_overview_page_get_text (fw_window_get_overview_page (window), FW_OVERVIEW_PERIOD);
  nps = fw_overview_page_get_text (fw_window_get_overview_page (window), FW_OVERVIEW_NPS_VALUE);
  ck_assert_msg (strstr (text, period) != NULL, "no “%s” in the pack", period);
  {
    g_autofree char *sentence = g_strdup_printf ("Customer NPS: %s (95%% interval", nps);

    ck_assert_msg (strstr (text, sentence) != NULL, "no “%s” in the pack", sentence);
  }

  /* A folder that is not there: an error dialog, and no file. */
  windows = count_toplevels ();
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-board-pack-to", "s",
                                         bad));
  wait_for_export (window);
  ck_assert (!g_file_test (bad, G_FILE_TEST_EXISTS));
  ck_assert_uint_eq (count_toplevels (), windows + 1);
}
END_TEST

START_TEST (test_print)
{
  FwWindow *window = open_window ();
  g_autofree char *pdf = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;

  /* The pages that go to the printer, printed into a PDF. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-board-pack-to", "s",
                                         pdf));
  wait_for_export (window);
  ck_assert_msg (g_file_test (pdf, G_FILE_TEST_EXISTS), "nothing printed");
  info = pdf_info (pdf);
  ck_assert_msg (strstr (info, "Pages:           9") != NULL, "%.300s", info);
  text = pdf_text (pdf);
  ck_assert_msg (strstr (text, "Method and sources") != NULL, "%.300s", text);
  ck_assert_msg (strstr (text, "Page 9 of 9") != NULL, "%.300s", text);
}
END_TEST

static void
png_size (const char *path,
          int        *width,
          int        *height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  ck_assert_int_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  *width = cairo_image_surface_get_width (surface);
  *height = cairo_image_surface_get_height (surface);
  cairo_surface_destroy (surface);
}

START_TEST (test_chart_menu)
{
  FwWindow *window = open_window ();
  FwChartView *view = fw_overview_page_get_trend (fw_window_get_overview_page (window));
  const char *formats[] = { "pdf", "png", "png2x", "svg" };
  const char *names[] = { "trend.pdf", "trend.png", "trend@2x.png", "trend.svg" };
  g_autofree char *pdf = g_build_filename (tmpdir, "trend.pdf", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "trend.png", NULL);
  g_autofree char *png2 = g_build_filename (tmpdir, "trend@2x.png", NULL);
  g_autofree char *text = NULL;
  GdkClipboard *clipboard;
  int w1, h1, w2, h2;

  gtk_widget_queue_draw (GTK_WIDGET (view));
  ck_assert_msg (wait_until (has_items, view, 30), "the chart was never drawn");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);

      ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "chart.export-to", "(ss)",
                                             formats[i], path));
      ck_assert_msg (g_file_test (path, G_FILE_TEST_EXISTS), "no %s", names[i]);
    }

  /* The file holds the chart as the window filters it, with n. */
  text = pdf_text (pdf);
  ck_assert_msg (strstr (text, fw_overview_page_get_text (fw_window_get_overview_page (window),
                                                          FW_OVERVIEW_PERIOD)) != NULL,
                 "%.300s", text);
  ck_assert_msg (strstr (text, "n = ") != NULL, "%.300s", text);
  ck_assert_msg (strstr (text, "% promoters") != NULL, "%.300s", text);

  png_size (png, &w1, &h1);
  png_size (png2, &w2, &h2);
  ck_assert_int_ge (w1, gtk_widget_get_width (GTK_WIDGET (view)));
  ck_assert_int_eq (w2, 2 * w1);
  ck_assert_int_eq (h2, 2 * h1);

  /* Copy as Image puts a picture on the clipboard. */
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "chart.copy", NULL));
  ck_assert (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                GDK_TYPE_TEXTURE));
}
END_TEST

static Suite *
export_suite (void)
{
  Suite *suite = suite_create ("export-ui");
  TCase *tcase = tcase_create ("export-ui");

  tcase_add_checked_fixture (tcase, setup, teardown);
  tcase_set_timeout (tcase, 280);
  tcase_add_test (tcase, test_board_pack);
  tcase_add_test (tcase, test_print);
  tcase_add_test (tcase, test_chart_menu);
  suite_add_tcase (suite, tcase);
  return suite;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_remove (file);
    }
  g_rmdir (path);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_db = NULL;
  SRunner *runner;
  int failed;

  tmpdir = g_dir_make_tmp ("flywheel-export-ui-XXXXXX", &error);
  g_assert_no_error (error);
  app_db = g_build_filename (tmpdir, "app.db", NULL);
  database = g_build_filename (tmpdir, "demo.db", NULL);

  {
    g_autoptr(FwStore) store = fw_store_open (database, &error);

    g_assert_no_error (error);
    fw_demo_fill (store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  app = fw_application_new (app_db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  runner = srunner_create (export_suite ());
  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  g_clear_object (&app);
  remove_dir (tmpdir);
  g_free (database);
  g_free (tmpdir);

  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
