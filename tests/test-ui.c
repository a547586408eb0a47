/* test-ui.c: the application shell under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens real windows on real databases and checks what they show.  Runs in
 * one process (CK_NOFORK): GTK cannot be initialised again after a fork.
 */

#define G_LOG_DOMAIN "fw-test"

#include "config.h"

#include <check.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "fw-application.h"
#include "fw-demo.h"
#include "fw-format.h"
#include "fw-import-dialog-private.h"
#include "fw-paths.h"
#include "fw-preferences-window.h"
#include "fw-store.h"
#include "fw-store-backup.h"
#include "fw-units.h"
#include "fw-window-private.h"

static FwApplication *app;
static char *tmpdir;

static void destroy_toplevels_of_type (GType type);

/* Per test */

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  tmpdir = g_dir_make_tmp ("flywheel-ui-XXXXXX", &error);
  ck_assert_msg (tmpdir != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A failed assertion leaves the test early, with its windows open. */
  destroy_toplevels_of_type (GTK_TYPE_WINDOW);

  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);

      g_remove (path);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static char *
temp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Main loop helpers */

typedef gboolean (*Condition) (gpointer data);

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; FALSE after @seconds. */
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

/* Whether no window is reading the figures of a dashboard page. */
static gboolean
figures_are_read (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (FW_IS_WINDOW (window) && fw_window_is_busy (FW_WINDOW (window)))
        return FALSE;
    }
  return TRUE;
}

/* Lets whatever is pending run, without blocking, and waits for the
 * figures that the dashboard reads in a worker thread. */
static void
drain_main_loop (void)
{
  do
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  while (!figures_are_read (NULL) && wait_until (figures_are_read, NULL, 60));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_not_loading (gpointer data)
{
  return !fw_window_is_loading (FW_WINDOW (data));
}

static FwWindow *
open_window (const char *path)
{
  FwWindow *window = fw_window_new (app, path);

  gtk_window_present (GTK_WINDOW (window));
  ck_assert_msg (wait_until (is_mapped, window, 30), "the window was never mapped");
  drain_main_loop ();

  return window;
}

static void
close_window (FwWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  drain_main_loop ();
}

/* Databases */

static void
fill_with_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_demo_fill (store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error), "%s",
                 error ? error->message : "");
}

/* Adds one batch with the given scores for customers and employees. */
static void
fill_with_scores (const char *path,
                  const int  *customer_scores,
                  guint       n_customers,
                  const int  *employee_scores,
                  guint       n_employees)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);
  g_autoptr(FwBatch) batch = NULL;
  const FwBatchInfo info = {
    .source_name = "scores.csv",
    .sha256 = NULL,
    .format = "csv",
    .mapping = NULL,
    .kind = "mixed",
  };

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");

  for (guint i = 0; i < n_customers + n_employees; i++)
    {
      FwResponse response = {
        .kind = i < n_customers ? FW_KIND_CUSTOMER : FW_KIND_EMPLOYEE,
        /* The employee answers in one month, so that they are one cell
         * of the anonymity rule (see fw-query.c) and show at a threshold
         * of their number. */
        .day = i < n_customers && i % 2 ? "2026-03-02" : "2026-01-05",
        .score = i < n_customers ? customer_scores[i] : employee_scores[i - n_customers],
        .unit = "Billing",
        .spend = NAN,
      };

      ck_assert_msg (fw_batch_add (batch, &response, &error), "%s", error->message);
    }

  ck_assert_msg (fw_batch_commit (batch, NULL, &error), "%s", error ? error->message : "");
}

static void
get_overall (const char *path,
             guint       threshold,
             FwScore    *customers,
             FwScore    *employees)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, threshold, customers, &error));
  ck_assert (fw_store_get_overall (store, FW_KIND_EMPLOYEE, threshold, employees, &error));
}

/* Checks that the summary shows exactly what the store computes, over all
 * time: the Overview opens on the last 12 months. */
static void
assert_summary_matches_store (FwWindow   *window,
                              const char *path)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  FwScore customers, employees;
  g_autofree char *nps = NULL;
  g_autofree char *enps = NULL;
  g_autofree char *n_customers = NULL;
  g_autofree char *n_employees = NULL;
  g_autofree char *total = NULL;

  get_overall (path, FW_ANONYMITY_DEFAULT, &customers, &employees);
  ck_assert (!employees.suppressed);
  ck_assert_int_gt (customers.tally.n, 0);
  ck_assert_int_gt (employees.tally.n, 0);

  nps = fw_format_nps (customers.nps);
  enps = fw_format_nps (employees.nps);
  n_customers = fw_format_count (customers.tally.n);
  n_employees = fw_format_count (employees.tally.n);
  total = fw_format_count (customers.tally.n + employees.tally.n);

  g_settings_set_string (settings, "dashboard-period", "all");
  drain_main_loop ();
  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_NPS_VALUE), nps);
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_VALUE), enps);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_NPS_DETAIL), n_customers),
                     NULL);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_DETAIL), n_employees),
                     NULL);
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_VALUE), total);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_DETAIL), n_customers),
                     NULL);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_DETAIL), n_employees),
                     NULL);
  g_settings_reset (settings, "dashboard-period");
  drain_main_loop ();
}

/* Tests */

START_TEST (test_format)
{
  static const struct
  {
    double      nps;
    const char *text;
  } cases[] = {
    { 31.8, "+31.8" },  { 31.84, "+31.8" },  { 31.85, "+31.9" }, { -12.0, "−12.0" },
    { 100.0, "+100.0" }, { -100.0, "−100.0" }, { 0.0, "0.0" },   { -0.04, "0.0" },
    { 0.04, "0.0" },     { 0.05, "+0.1" },     { NAN, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fw_format_nps (cases[i].nps);

      ck_assert_msg (g_str_equal (text, cases[i].text), "%g: “%s”, expected “%s”", cases[i].nps,
                     text, cases[i].text);
    }

  {
    g_autofree char *day = fw_format_day ("2026-11-23");
    g_autofree char *bad = fw_format_day ("someday");
    g_autofree char *count = fw_format_count (1234);

    /* The tests run in C.UTF-8: no thousands separator, English dates. */
    ck_assert_str_eq (day, "November 23, 2026");
    ck_assert_str_eq (bad, "someday");
    ck_assert_str_eq (count, "1234");
  }
}
END_TEST

/* LANGUAGE=nl gives Dutch month names even where the C library has no
 * Dutch locale, as in these tests. */
START_TEST (test_format_dutch_day)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *day = NULL;

  fw_paths_init_i18n ();
  g_setenv ("LANGUAGE", "nl", TRUE);
  textdomain (textdomain (NULL)); /* drops gettext's cache */
  day = fw_format_day ("2026-11-23");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain (textdomain (NULL));

  ck_assert_str_eq (day, "23 november 2026");
}
END_TEST

START_TEST (test_empty_state)
{
  g_autofree char *path = temp_path ("empty.db");
  FwWindow *window = open_window (path);
  GtkWidget *import = fw_window_get_button (window, FW_WINDOW_BUTTON_IMPORT);
  GtkWidget *sample = fw_window_get_button (window, FW_WINDOW_BUTTON_SAMPLE);

  ck_assert_str_eq (fw_window_get_page (window), "empty");
  ck_assert (gtk_widget_get_mapped (import));
  ck_assert (gtk_widget_get_mapped (sample));
  /* The button opens the importer. */
  ck_assert_str_eq (gtk_actionable_get_action_name (GTK_ACTIONABLE (import)), "win.import");
  ck_assert (gtk_widget_is_sensitive (import));
  ck_assert (gtk_widget_is_sensitive (sample));
  ck_assert_str_eq (gtk_button_get_label (GTK_BUTTON (import)), "Import Survey…");
  ck_assert_str_eq (gtk_button_get_label (GTK_BUTTON (sample)), "Load Sample Data");

  close_window (window);
}
END_TEST

START_TEST (test_load_sample_data)
{
  g_autofree char *path = temp_path ("sample.db");
  FwWindow *window = open_window (path);

  ck_assert_str_eq (fw_window_get_page (window), "empty");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample-data", NULL);
  ck_assert (fw_window_is_loading (window));
  ck_assert (!gtk_widget_is_sensitive (fw_window_get_button (window, FW_WINDOW_BUTTON_SAMPLE)));

  ck_assert_msg (wait_until (is_not_loading, window, 200), "loading never finished");
  drain_main_loop ();

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwStore) store = fw_store_open (path, &error);

    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    ck_assert_int_eq (fw_store_count_batches (store, &error), 1);
    ck_assert_int_gt (fw_store_find_batch_by_format (store, FW_DEMO_FORMAT, &error), 0);
  }

  assert_summary_matches_store (window, path);
  close_window (window);
}
END_TEST

START_TEST (test_cancel_sample_data)
{
  g_autofree char *path = temp_path ("cancel.db");
  FwWindow *window = open_window (path);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample-data", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL);
  ck_assert_msg (wait_until (is_not_loading, window, 200), "loading never finished");
  drain_main_loop ();

  /* All or nothing: a cancelled fill leaves the database empty, unless it
   * finished before the cancellation arrived. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwStore) store = fw_store_open (path, &error);
    gint64 batches;

    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    batches = fw_store_count_batches (store, &error);
    ck_assert (batches == 0 || batches == 1);
    ck_assert_str_eq (fw_window_get_page (window), batches == 0 ? "empty" : "summary");
    ck_assert (gtk_widget_is_sensitive (fw_window_get_button (window, FW_WINDOW_BUTTON_SAMPLE))
               == (batches == 0));
  }

  close_window (window);
}
END_TEST

START_TEST (test_summary)
{
  g_autofree char *path = temp_path ("demo.db");
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  FwWindow *window;

  fill_with_demo (path);
  window = open_window (path);
  assert_summary_matches_store (window, path);
  /* Sample data never goes in beside other data. */
  ck_assert (!gtk_widget_is_sensitive (fw_window_get_button (window, FW_WINDOW_BUTTON_SAMPLE)));

  first = fw_format_day (FW_DEMO_FIRST_DAY);
  last = fw_format_day (FW_DEMO_LAST_DAY);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_RANGE), first), NULL);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_RANGE), last), NULL);

  close_window (window);
}
END_TEST

typedef struct
{
  FwWindow   *window;
  const char *enps;
} TextWait;

static gboolean
enps_is (gpointer data)
{
  TextWait *wait = data;

  return g_str_equal (fw_window_get_text (wait->window, FW_WINDOW_TEXT_ENPS_VALUE), wait->enps);
}

START_TEST (test_anonymity_threshold)
{
  static const int customers[] = { 10, 9, 9, 8, 7, 6, 3, 10, 9, 0 };
  static const int employees[] = { 10, 9, 2, 8 };
  g_autofree char *path = temp_path ("small.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *n_customers = fw_format_count (G_N_ELEMENTS (customers));
  g_autofree char *n_all = fw_format_count (G_N_ELEMENTS (customers) + G_N_ELEMENTS (employees));
  g_autofree char *enps = NULL;
  FwScore c, e;
  FwWindow *window;
  TextWait wait;

  fill_with_scores (path, customers, G_N_ELEMENTS (customers), employees,
                    G_N_ELEMENTS (employees));
  window = open_window (path);

  /* 4 employee answers under the default threshold of 5: no number at all,
   * and the total leaves them out too. */
  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_VALUE), "Hidden");
  ck_assert_pstr_eq (strpbrk (fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_DETAIL), "4"), NULL);
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_VALUE), n_customers);
  ck_assert_pstr_eq (strpbrk (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_DETAIL), "4"), NULL);

  /* Lowering the threshold to 3 shows them, at once. */
  get_overall (path, 3, &c, &e);
  ck_assert (!e.suppressed);
  enps = fw_format_nps (e.nps);
  g_settings_set_uint (settings, "anonymity-threshold", 3);
  wait = (TextWait) { window, enps };
  ck_assert_msg (wait_until (enps_is, &wait, 10), "eNPS shows “%s”, not “%s”",
                 fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_VALUE), enps);
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_VALUE), n_all);

  /* And back. */
  g_settings_reset (settings, "anonymity-threshold");
  wait = (TextWait) { window, "Hidden" };
  ck_assert (wait_until (enps_is, &wait, 10));

  close_window (window);
}
END_TEST

START_TEST (test_error_state)
{
  g_autofree char *path = temp_path ("notes.db");
  FwWindow *window;

  ck_assert (g_file_set_contents (path, "These are my notes, not a database.\n", -1, NULL));
  window = open_window (path);

  ck_assert_str_eq (fw_window_get_page (window), "error");
  ck_assert_ptr_nonnull (fw_window_get_text (window, FW_WINDOW_TEXT_ERROR));
  ck_assert_int_gt (strlen (fw_window_get_text (window, FW_WINDOW_TEXT_ERROR)), 0);

  /* The file is left alone. */
  {
    g_autofree char *contents = NULL;

    ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
    ck_assert_str_eq (contents, "These are my notes, not a database.\n");
  }

  close_window (window);
}
END_TEST

START_TEST (test_window_size)
{
  g_autofree char *path = temp_path ("size.db");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  FwWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  window = open_window (path);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  ck_assert_int_eq (width, 700);
  ck_assert_int_eq (height, 500);

  /* Closing keeps the size for the next start. */
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  gtk_window_close (GTK_WINDOW (window));
  drain_main_loop ();
  ck_assert_int_eq (g_settings_get_int (settings, "window-width"), 820);
  ck_assert_int_eq (g_settings_get_int (settings, "window-height"), 610);
  ck_assert (!g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}
END_TEST

static gboolean
has_toplevel_of_type (gpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
    }

  return FALSE;
}

static void
destroy_toplevels_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        gtk_window_destroy (GTK_WINDOW (window));
    }
  drain_main_loop ();
}

START_TEST (test_activate_and_dialogs)
{
  GtkWindow *window;

  /* activate opens the window on the application's database. */
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ck_assert (FW_IS_WINDOW (window));
  ck_assert_str_eq (fw_window_get_database_path (FW_WINDOW (window)),
                    fw_application_get_database_path (app));
  ck_assert (wait_until (is_mapped, window, 30));

  /* The shortcuts window comes from gtk/help-overlay.ui. */
  ck_assert_ptr_nonnull (
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ck_assert_msg (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (FW_TYPE_PREFERENCES_WINDOW),
                             30),
                 "no preferences window");
  destroy_toplevels_of_type (FW_TYPE_PREFERENCES_WINDOW);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ck_assert_msg (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 30),
                 "no about window");
  destroy_toplevels_of_type (ADW_TYPE_ABOUT_WINDOW);

  close_window (FW_WINDOW (window));
}
END_TEST

/* Import */

static GFile *
write_fixture (const char *name,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path (name);

  ck_assert_msg (g_file_set_contents (path, contents, -1, &error), "%s",
                 error ? error->message : "");
  return g_file_new_for_path (path);
}

static gboolean
is_dialog_idle (gpointer data)
{
  return !fw_import_dialog_is_busy (FW_IMPORT_DIALOG (data));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gint64
count_answers (const char *path,
               FwKind      kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);
  FwScore score;

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_store_get_overall (store, kind, 0, &score, &error), "%s",
                 error ? error->message : "");
  return score.tally.n;
}

static FwImportDialog *
open_import (FwWindow   *window,
             const char *name,
             const char *contents)
{
  g_autoptr(GFile) file = write_fixture (name, contents);
  GtkWindow *dialog = fw_window_open_import (window, file);

  ck_assert (FW_IS_IMPORT_DIALOG (dialog));
  ck_assert (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  ck_assert (gtk_window_get_modal (dialog));
  ck_assert_msg (wait_until (is_dialog_idle, dialog, 60), "the file was never checked");
  drain_main_loop ();

  return FW_IMPORT_DIALOG (dialog);
}

START_TEST (test_import_and_undo)
{
  g_autofree char *path = temp_path ("import.db");
  FwWindow *window = open_window (path);
  FwImportDialog *dialog;
  gint64 batch;

  ck_assert_str_eq (fw_window_get_page (window), "empty");

  dialog = open_import (window, "answers.csv",
                        "date,score,department\n"
                        "2025-01-02,9,Sales\n"
                        "2025-01-03,10,Support\n"
                        "2025-01-04,3,Sales\n"
                        "2025-01-05,7,Support\n"
                        "2025-01-06,8,Sales\n");

  /* The detection presets the rows. */
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_DATE), 0);
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_SCORE), 1);
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_UNIT), 2);
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_COMMENT), -1);
  ck_assert_msg (fw_import_dialog_can_import (dialog), "%s",
                 fw_import_dialog_get_problems (dialog));
  ck_assert_str_eq (fw_import_dialog_get_problems (dialog), "Ready to import 5 answers.");

  /* The dry run wrote nothing. */
  ck_assert_int_eq (count_answers (path, FW_KIND_CUSTOMER), 0);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  fw_import_dialog_import (dialog);
  ck_assert_msg (wait_until (is_null, &dialog, 60), "the dialog did not close");
  drain_main_loop ();

  ck_assert_int_eq (count_answers (path, FW_KIND_CUSTOMER), 5);
  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_VALUE), "5");
  batch = fw_window_get_last_import (window);
  ck_assert_int_gt (batch, 0);

  /* The same file again is refused before anything is written. */
  dialog = open_import (window, "answers.csv",
                        "date,score,department\n"
                        "2025-01-02,9,Sales\n"
                        "2025-01-03,10,Support\n"
                        "2025-01-04,3,Sales\n"
                        "2025-01-05,7,Support\n"
                        "2025-01-06,8,Sales\n");
  ck_assert (!fw_import_dialog_can_import (dialog));
  ck_assert_ptr_nonnull (strstr (fw_import_dialog_get_problems (dialog), "imported before"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_main_loop ();

  /* Undo, as the toast's button does it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-import", "x", batch);
  drain_main_loop ();
  ck_assert_int_eq (count_answers (path, FW_KIND_CUSTOMER), 0);
  ck_assert_str_eq (fw_window_get_page (window), "empty");
  ck_assert_int_eq (fw_window_get_last_import (window), 0);

  close_window (window);
}
END_TEST

START_TEST (test_import_choices)
{
  g_autofree char *path = temp_path ("choices.db");
  FwWindow *window = open_window (path);
  FwImportDialog *dialog;

  /* Two columns could be the score: nothing is guessed, and Import waits. */
  dialog = open_import (window, "two-scores.csv",
                        "date,q1,q2\n"
                        "2025-01-02,9,3\n"
                        "2025-01-03,10,4\n"
                        "2025-01-04,3,8\n"
                        "2025-01-05,7,0\n");
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_SCORE), -1);
  ck_assert (!fw_import_dialog_can_import (dialog));
  ck_assert_ptr_nonnull (strstr (fw_import_dialog_get_problems (dialog), "Choose the Score"));
  /* Words for the window, not options of the command line. */
  ck_assert_ptr_null (strstr (fw_import_dialog_get_problems (dialog), "--"));

  fw_import_dialog_set_role_column (dialog, FW_ROLE_SCORE, 2);
  ck_assert_msg (wait_until (is_dialog_idle, dialog, 60), "the choice was never checked");
  ck_assert_msg (fw_import_dialog_can_import (dialog), "%s",
                 fw_import_dialog_get_problems (dialog));
  ck_assert_str_eq (fw_import_dialog_get_problems (dialog), "Ready to import 4 answers.");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No date column: Import waits for a day. */
  dialog = open_import (window, "no-date.csv", "score,team\n9,A\n7,B\n");
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_DATE), -1);
  ck_assert (!fw_import_dialog_can_import (dialog));
  ck_assert_ptr_nonnull (strstr (fw_import_dialog_get_problems (dialog), "no date column"));
  ck_assert_ptr_null (strstr (fw_import_dialog_get_problems (dialog), "--"));
  /* A day for all answers, once it is a real one. */
  fw_import_dialog_set_date (dialog, "2025-02-30");
  ck_assert (wait_until (is_dialog_idle, dialog, 60));
  ck_assert (!fw_import_dialog_can_import (dialog));
  ck_assert_ptr_nonnull (strstr (fw_import_dialog_get_problems (dialog), "YYYY-MM-DD"));
  fw_import_dialog_set_date (dialog, "2025-02-28");
  ck_assert (wait_until (is_dialog_idle, dialog, 60));
  ck_assert_msg (fw_import_dialog_can_import (dialog), "%s",
                 fw_import_dialog_get_problems (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A record that cannot be imported: all or nothing, unless chosen. */
  dialog = open_import (window, "bad.csv",
                        "date,score\n2025-01-02,9\n2025-01-03,elf\n2025-01-04,7\n");
  ck_assert (!fw_import_dialog_can_import (dialog));
  ck_assert_ptr_nonnull (strstr (fw_import_dialog_get_problems (dialog), "1 record cannot"));
  ck_assert (fw_import_dialog_offers_valid_only (dialog));
  fw_import_dialog_set_valid_only (dialog, TRUE);
  ck_assert (wait_until (is_dialog_idle, dialog, 60));
  ck_assert_msg (fw_import_dialog_can_import (dialog), "%s",
                 fw_import_dialog_get_problems (dialog));
  ck_assert_ptr_nonnull (strstr (fw_import_dialog_get_problems (dialog), "Ready to import 2"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Dates that could be either order. */
  dialog = open_import (window, "order.csv", "date,score\n03/04/2025,9\n05/06/2025,7\n");
  ck_assert (!fw_import_dialog_can_import (dialog));
  ck_assert_ptr_nonnull (strstr (fw_import_dialog_get_problems (dialog), "Date Order"));
  ck_assert_ptr_null (strstr (fw_import_dialog_get_problems (dialog), "--"));
  ck_assert (!fw_import_dialog_offers_valid_only (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  drain_main_loop ();
  ck_assert_int_eq (count_answers (path, FW_KIND_CUSTOMER), 0);
  close_window (window);
}
END_TEST

/* "None" leaves a guessed column out; the next file with the same header
 * comes with the same choices. */
START_TEST (test_import_none_and_remembered)
{
  g_autofree char *path = temp_path ("none.db");
  FwWindow *window = open_window (path);
  FwImportDialog *dialog;

  dialog = open_import (window, "march.csv",
                        "date,score,department\n2025-03-02,9,Sales\n2025-03-03,3,Support\n");
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_UNIT), 2);
  fw_import_dialog_set_role_column (dialog, FW_ROLE_UNIT, -1);
  ck_assert_msg (wait_until (is_dialog_idle, dialog, 60), "the choice was never checked");
  ck_assert_msg (fw_import_dialog_can_import (dialog), "%s",
                 fw_import_dialog_get_problems (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  fw_import_dialog_import (dialog);
  ck_assert_msg (wait_until (is_null, &dialog, 60), "the dialog did not close");
  drain_main_loop ();
  ck_assert_int_eq (count_answers (path, FW_KIND_CUSTOMER), 2);
  {
    g_autoptr(FwStore) store = fw_store_open (path, NULL);
    g_autoptr(GArray) units = fw_units_list (store, 5, NULL);

    ck_assert_uint_eq (units->len, 0);
  }

  dialog = open_import (window, "april.csv",
                        "date,score,department\n2025-04-02,10,Sales\n2025-04-03,8,Support\n");
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_SCORE), 1);
  ck_assert_int_eq (fw_import_dialog_get_role_column (dialog, FW_ROLE_UNIT), -1);
  ck_assert_msg (fw_import_dialog_can_import (dialog), "%s",
                 fw_import_dialog_get_problems (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_main_loop ();
  close_window (window);
}
END_TEST

START_TEST (test_import_cancel)
{
  g_autofree char *path = temp_path ("cancel.db");
  FwWindow *window = open_window (path);
  FwImportDialog *dialog;

  /* Enough answers that the import is still running when Cancel comes,
   * however quickly the machine gets to it. */
  {
    g_autoptr(GString) text = g_string_new ("date,score\n");

    for (guint i = 0; i < 200000; i++)
      g_string_append_printf (text, "2025-%02u-%02u,%u\n", i % 12 + 1, i % 28 + 1, i % 11);
    dialog = open_import (window, "cancel.csv", text->str);
  }
  ck_assert (fw_import_dialog_can_import (dialog));

  /* Cancel during the import stops it, writes nothing and keeps the dialog. */
  fw_import_dialog_import (dialog);
  ck_assert (fw_import_dialog_is_busy (dialog));
  ck_assert (!fw_import_dialog_can_import (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  ck_assert_msg (wait_until (is_dialog_idle, dialog, 60), "the import never stopped");
  drain_main_loop ();
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  ck_assert_int_eq (count_answers (path, FW_KIND_CUSTOMER), 0);
  ck_assert_int_eq (fw_window_get_last_import (window), 0);
  ck_assert_str_eq (fw_window_get_page (window), "empty");
  /* And it can be started again. */
  ck_assert_msg (fw_import_dialog_can_import (dialog), "%s",
                 fw_import_dialog_get_problems (dialog));

  /* Cancel outside an import closes the dialog. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  ck_assert_msg (wait_until (is_null, &dialog, 30), "the dialog stayed open");

  close_window (window);
}
END_TEST

START_TEST (test_import_unreadable)
{
  g_autofree char *path = temp_path ("unreadable.db");
  g_autofree char *missing = temp_path ("missing.csv");
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  FwWindow *window = open_window (path);
  GtkWindow *dialog = fw_window_open_import (window, file);

  /* Nothing to show: the assistant closes and a message says why. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  ck_assert_msg (wait_until (is_null, &dialog, 30), "the assistant stayed open");
  ck_assert_msg (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 30),
                 "no message");
  destroy_toplevels_of_type (ADW_TYPE_MESSAGE_DIALOG);
  ck_assert_str_eq (fw_window_get_page (window), "empty");

  close_window (window);
}
END_TEST

/* Imports page */

/* Adds one batch of @n customer answers from a file called @name. */
static void
add_named_batch (const char *path,
                 const char *name,
                 const char *kind,
                 int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);
  g_autoptr(FwBatch) batch = NULL;
  const FwBatchInfo info = { .source_name = name, .format = "csv", .kind = kind };

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%s", error ? error->message : "");
  for (int i = 0; i < n; i++)
    {
      FwResponse response = { .kind = FW_KIND_CUSTOMER, .day = "2026-02-03", .score = i % 11,
                              .spend = NAN };

      ck_assert_msg (fw_batch_add (batch, &response, &error), "%s", error->message);
    }
  fw_batch_set_skipped (batch, 2);
  ck_assert_msg (fw_batch_commit (batch, NULL, &error), "%s", error ? error->message : "");
}

static gint64
count_batches (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  return fw_store_count_batches (store, &error);
}

static GtkWidget *
find_button_with_action (GtkWidget  *widget,
                         const char *action_name)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Clicks the Remove button of row @index and returns the question it asks. */
static AdwMessageDialog *
click_remove (FwWindow *window,
              guint     index)
{
  GtkWidget *row = GTK_WIDGET (fw_window_get_import_row (window, index));
  GtkWidget *button = find_button_with_action (row, "win.remove-import");
  AdwMessageDialog *dialog;

  ck_assert_ptr_nonnull (button);
  ck_assert_str_eq (gtk_button_get_icon_name (GTK_BUTTON (button)), "user-trash-symbolic");
  ck_assert (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  ck_assert_msg (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 30),
                 "Remove asked nothing");
  dialog = find_message_dialog ();
  ck_assert (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  ck_assert (adw_message_dialog_get_response_appearance (dialog, "remove")
             == ADW_RESPONSE_DESTRUCTIVE);
  return dialog;
}

static gboolean
has_no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the button of @label, as the user would. */
static void
respond (AdwMessageDialog *dialog,
         const char       *label)
{
  GtkWidget *button = find_button_with_label (GTK_WIDGET (dialog), label);

  ck_assert_msg (button != NULL, "no button “%s”", label);
  gtk_widget_activate (button);
  ck_assert_msg (wait_until (has_no_message_dialog, NULL, 30), "the question stayed open");
  drain_main_loop ();
}

START_TEST (test_imports_page)
{
  g_autofree char *path = temp_path ("imports.db");
  AdwMessageDialog *dialog;
  FwWindow *window;
  AdwActionRow *row;

  add_named_batch (path, "older.csv", "customer", 4);
  add_named_batch (path, "newer & better.csv", "mixed", 12);
  window = open_window (path);

  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_str_eq (fw_window_get_view (window), "overview");
  fw_window_set_view (window, "imports");
  drain_main_loop ();
  ck_assert_str_eq (fw_window_get_view (window), "imports");

  /* One row per batch, newest first, in words. */
  ck_assert_uint_eq (fw_window_get_n_imports (window), 2);
  row = fw_window_get_import_row (window, 0);
  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (row)));
  ck_assert_str_eq (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                    "newer & better.csv");
  ck_assert_pstr_ne (strstr (adw_action_row_get_subtitle (row), "Customers and employees"), NULL);
  ck_assert_pstr_ne (strstr (adw_action_row_get_subtitle (row), "12 answers"), NULL);
  ck_assert_pstr_ne (strstr (adw_action_row_get_subtitle (row), "2 skipped"), NULL);
  row = fw_window_get_import_row (window, 1);
  ck_assert_str_eq (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "older.csv");
  ck_assert_pstr_ne (strstr (adw_action_row_get_subtitle (row), "Customers ·"), NULL);
  ck_assert_pstr_ne (strstr (adw_action_row_get_subtitle (row), "4 answers"), NULL);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *today = fw_format_day (iso);

    ck_assert_pstr_ne (strstr (adw_action_row_get_subtitle (row), today), NULL);
  }

  /* Cancel keeps everything. */
  dialog = click_remove (window, 0);
  ck_assert_str_eq (adw_message_dialog_get_heading (dialog), "Remove “newer & better.csv”?");
  ck_assert_str_eq (adw_message_dialog_get_body (dialog),
                    "Its 12 answers leave every figure. This cannot be undone.");
  respond (dialog, "_Cancel");
  ck_assert_int_eq (count_batches (path), 2);
  ck_assert_uint_eq (fw_window_get_n_imports (window), 2);

  /* Remove takes the batch out, and its row and figures with it. */
  dialog = click_remove (window, 0);
  respond (dialog, "_Remove");
  ck_assert_int_eq (count_batches (path), 1);
  ck_assert_int_eq (count_answers (path, FW_KIND_CUSTOMER), 4);
  ck_assert_uint_eq (fw_window_get_n_imports (window), 1);
  row = fw_window_get_import_row (window, 0);
  ck_assert_str_eq (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "older.csv");
  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_str_eq (fw_window_get_view (window), "imports");
  /* A page reads its figures when it is shown. */
  fw_window_set_view (window, "overview");
  drain_main_loop ();
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_VALUE), "4");
  fw_window_set_view (window, "imports");
  drain_main_loop ();

  /* The last one leaves the empty state. */
  dialog = click_remove (window, 0);
  ck_assert_str_eq (adw_message_dialog_get_body (dialog),
                    "Its 4 answers leave every figure. This cannot be undone.");
  respond (dialog, "_Remove");
  ck_assert_int_eq (count_batches (path), 0);
  ck_assert_uint_eq (fw_window_get_n_imports (window), 0);
  ck_assert_str_eq (fw_window_get_page (window), "empty");
  ck_assert (gtk_widget_is_sensitive (fw_window_get_button (window, FW_WINDOW_BUTTON_SAMPLE)));

  close_window (window);
}
END_TEST

/* Faults and privacy (see also test-faults.c) */

static gboolean
is_not_checking (gpointer data)
{
  return !fw_window_is_checking (FW_WINDOW (data));
}

/* A database that can be read but not changed shows, with a banner, and
 * offers nothing that would write. */
/* The program opens its window from the module that holds it (main.c):
 * started without a verb, it loads the module and GTK and keeps running,
 * where a module that failed to load would have it exit at once. */
START_TEST (test_window_from_executable)
{
  g_autofree char *path = temp_path ("from-executable.db");
  g_autofree char *trace = temp_path ("ld-debug");
  g_autoptr(GString) libraries = g_string_new (NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *argv[] = { g_getenv ("FLYWHEEL"), "--database", path, NULL };
  const char *name;
  GPid pid = 0;
  int wait_status = 0;

  ck_assert_ptr_nonnull (argv[0]);
  envp = g_environ_setenv (envp, "LD_DEBUG", "files", TRUE);
  envp = g_environ_setenv (envp, "LD_DEBUG_OUTPUT", trace, TRUE);
  ck_assert_msg (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, &error),
                 "%s", error ? error->message : "");

  for (guint i = 0; i < 50 && waitpid (pid, &wait_status, WNOHANG) == 0; i++)
    g_usleep (G_USEC_PER_SEC / 10);
  ck_assert_msg (waitpid (pid, &wait_status, WNOHANG) == 0,
                 "the window closed at once (status %d)", wait_status);
  kill (pid, SIGTERM);
  ck_assert_int_eq (waitpid (pid, &wait_status, 0), pid);
  g_spawn_close_pid (pid);

  dir = g_dir_open (tmpdir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "ld-debug"))
      {
        g_autofree char *file = g_build_filename (tmpdir, name, NULL);
        g_autofree char *text = NULL;

        ck_assert (g_file_get_contents (file, &text, NULL, NULL));
        g_string_append (libraries, text);
      }
  ck_assert_msg (strstr (libraries->str, "libflywheel-gui.so") != NULL, "no module loaded");
  ck_assert_msg (strstr (libraries->str, "file=libadwaita-1.so") != NULL, "no libadwaita");
}
END_TEST

START_TEST (test_read_only_window)
{
  g_autofree char *path = temp_path ("read-only.db");
  const int customers[] = { 9, 10, 3, 8 };
  const int employees[] = { 9, 7, 8, 6, 10 };
  FwWindow *window;
  GtkWidget *remove;

  fill_with_scores (path, customers, G_N_ELEMENTS (customers), employees,
                    G_N_ELEMENTS (employees));
  ck_assert_int_eq (g_chmod (path, 0444), 0);
  window = open_window (path);
  ck_assert (wait_until (is_not_checking, window, 60));
  drain_main_loop ();

  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert (fw_window_shows_read_only (window));
  ck_assert (!gtk_widget_is_sensitive (fw_window_get_button (window, FW_WINDOW_BUTTON_IMPORT)));
  ck_assert (!gtk_widget_is_sensitive (fw_window_get_button (window, FW_WINDOW_BUTTON_SAMPLE)));
  fw_window_set_view (window, "imports");
  drain_main_loop ();
  remove = find_button_with_action (GTK_WIDGET (fw_window_get_import_row (window, 0)),
                                    "win.remove-import");
  ck_assert_ptr_nonnull (remove);
  ck_assert (!gtk_widget_is_sensitive (remove));
  close_window (window);

  /* Writable again, it is an ordinary database. */
  ck_assert_int_eq (g_chmod (path, 0600), 0);
  window = open_window (path);
  ck_assert (!fw_window_shows_read_only (window));
  ck_assert (gtk_widget_is_sensitive (fw_window_get_button (window, FW_WINDOW_BUTTON_IMPORT)));
  close_window (window);
}
END_TEST

/* Random bytes over the start of a page in the middle of the file. */
static void
damage_page (const char *path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *data = NULL;
  gsize size, page;

  ck_assert (g_file_get_contents (path, &data, &size, NULL));
  page = size / 4096 / 2;
  ck_assert_uint_gt (size / 4096, 8);
  for (guint i = 0; i < 64; i++)
    data[page * 4096 + i] = (char) g_rand_int_range (rand, 0, 256);
  ck_assert (g_file_set_contents (path, data, size, NULL));
}

/* Damage found by the check turns the window to its error page, which
 * offers the backups beside the file; restoring one brings the window
 * back to it. */
START_TEST (test_damaged_and_restored)
{
  g_autofree char *path = temp_path ("damaged.db");
  const int customers[] = { 9, 10, 3, 8, 7, 7, 2 };
  const int employees[] = { 9, 7, 8, 6, 10 };
  g_autoptr(GPtrArray) backups = NULL;
  AdwMessageDialog *dialog;
  FwWindow *window;

  fill_with_scores (path, customers, G_N_ELEMENTS (customers), employees,
                    G_N_ELEMENTS (employees));
  fill_with_scores (path, customers, G_N_ELEMENTS (customers), employees,
                    G_N_ELEMENTS (employees));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwStore) store = fw_store_open (path, &error);
    g_autoptr(GPtrArray) batches = fw_store_list_batches (store, &error);

    /* The copy made before a removal holds both. */
    ck_assert (fw_store_remove_batch (store, ((FwBatchSummary *) batches->pdata[0])->id,
                                      &error));
  }
  {
    sqlite3 *db = NULL;

    ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
    ck_assert_int_eq (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                      SQLITE_OK);
    sqlite3_close (db);
  }
  damage_page (path);

  window = open_window (path);
  ck_assert (wait_until (is_not_checking, window, 60));
  drain_main_loop ();
  ck_assert_str_eq (fw_window_get_page (window), "error");
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_ERROR), path), NULL);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_ERROR),
                             "Restore it from a backup"), NULL);
  ck_assert (gtk_widget_get_visible (fw_window_get_button (window, FW_WINDOW_BUTTON_RESTORE)));

  gtk_widget_activate (fw_window_get_button (window, FW_WINDOW_BUTTON_RESTORE));
  ck_assert_msg (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 30),
                 "Restore showed no backups");
  dialog = find_message_dialog ();
  ck_assert_str_eq (adw_message_dialog_get_heading (dialog), "Restore a Backup");
  respond (dialog, "_Restore");
  ck_assert (wait_until (is_not_checking, window, 60));
  drain_main_loop ();

  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_int_eq (count_batches (path), 2);
  backups = fw_store_list_backups (path, NULL);
  ck_assert_uint_eq (backups->len, 2); /* the removal's, and the damaged file */
  close_window (window);
}
END_TEST

/* What the import assistant says of bad records repeats no comment and no
 * respondent key. */
START_TEST (test_import_problems_private)
{
  g_autofree char *path = temp_path ("private.db");
  FwWindow *window = open_window (path);
  FwImportDialog *dialog;
  const char *problems;

  dialog = open_import (window, "private.csv",
                        "Date,Score,Customer ID,Comment\n"
                        "2025-01-02,9,CKEYMARK9Z1,fine\n"
                        "2025-01-03,lots,CKEYMARK9Z2,CMTMARK7Q was here\n"
                        "2025-01-05,11,CKEYMARK9Z3,CMTMARK7Q again\n"
                        "2025-01-06,7,CKEYMARK9Z5,ok\n"
                        "2025-01-07,10,CKEYMARK9Z6,ok\n"
                        "2025-01-04,8,CKEYMARK9Z4,\"CMTMARK7Q, with a comma\"\n");
  problems = fw_import_dialog_get_problems (dialog);
  ck_assert (!fw_import_dialog_can_import (dialog));
  ck_assert_msg (strstr (problems, "ecord") != NULL, "%s",
                 problems);
  ck_assert_msg (strstr (problems, "KEYMARK9Z") == NULL, "%s", problems);
  ck_assert_msg (strstr (problems, "CMTMARK7Q") == NULL, "%s", problems);
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}
END_TEST

static Suite *
ui_suite (void)
{
  Suite *suite = suite_create ("ui");
  TCase *tcase = tcase_create ("window");

  tcase_add_checked_fixture (tcase, setup, teardown);
  tcase_set_timeout (tcase, 240);
  tcase_add_test (tcase, test_format);
  tcase_add_test (tcase, test_format_dutch_day);
  tcase_add_test (tcase, test_empty_state);
  tcase_add_test (tcase, test_error_state);
  tcase_add_test (tcase, test_anonymity_threshold);
  tcase_add_test (tcase, test_summary);
  tcase_add_test (tcase, test_load_sample_data);
  tcase_add_test (tcase, test_cancel_sample_data);
  tcase_add_test (tcase, test_window_size);
  tcase_add_test (tcase, test_activate_and_dialogs);
  tcase_add_test (tcase, test_import_and_undo);
  tcase_add_test (tcase, test_import_choices);
  tcase_add_test (tcase, test_import_none_and_remembered);
  tcase_add_test (tcase, test_import_cancel);
  tcase_add_test (tcase, test_import_unreadable);
  tcase_add_test (tcase, test_imports_page);
  tcase_add_test (tcase, test_window_from_executable);
  tcase_add_test (tcase, test_read_only_window);
  tcase_add_test (tcase, test_damaged_and_restored);
  tcase_add_test (tcase, test_import_problems_private);
  suite_add_tcase (suite, tcase);

  return suite;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_dir = NULL;
  g_autofree char *app_db = NULL;
  SRunner *runner;
  int failed;

  app_dir = g_dir_make_tmp ("flywheel-ui-app-XXXXXX", &error);
  g_assert_no_error (error);
  app_db = g_build_filename (app_dir, "flywheel.db", NULL);

  /* Registering runs startup (GTK, libadwaita, actions, accels) without
   * running the main loop; the tests then spin it themselves. */
  app = fw_application_new (app_db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  runner = srunner_create (ui_suite ());
  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  g_clear_object (&app);
  {
    g_autoptr(GDir) dir = g_dir_open (app_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (app_dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (app_dir);
  }

  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
