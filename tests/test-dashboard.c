/* test-dashboard.c: the dashboard pages under Xvfb, against `flywheel stats`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the window on the sample database, visits every page, applies
 * filters as a user would (the units popover, the period settings) and
 * checks that the figures shown are the ones `flywheel stats --json` gives
 * for the same filter.  Runs in one process (CK_NOFORK): GTK cannot be
 * initialised again after a fork.
 */

#define G_LOG_DOMAIN "fw-test"

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "fw-application.h"
#include "fw-chart-view.h"
#include "fw-dashboard.h"
#include "fw-demo.h"
#include "fw-format.h"
#include "fw-insights.h"
#include "fw-store.h"
#include "fw-window-private.h"

static FwApplication *app;
static char *tmpdir;
static char *database; /* the sample data, made once: it takes a while */

/* The filter the tests apply: one unit, two whole quarters. */
#define UNIT "Billing"
#define FROM "2025-04-01"
#define TO   "2025-09-30"

static const char *const filter_keys[] = {
  "dashboard-page", "dashboard-period", "dashboard-from", "dashboard-to", "dashboard-grouping",
  "dashboard-units", "dashboard-touchpoints", "link-lag",
};

static void
reset_filter (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (filter_keys); i++)
    g_settings_reset (settings, filter_keys[i]);
}

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
  reset_filter ();
}

static void
teardown (void)
{
  /* A failed assertion leaves the test early, with its windows open. */
  destroy_windows ();
  reset_filter ();
}

/* Main loop helpers */

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

/* Runs what is pending, then waits for the figures of the page shown. */
static void
settle (FwWindow *window)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  ck_assert_msg (wait_until (is_idle, window, 120), "the figures were never read");
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
settle_all (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static FwWindow *
open_window (void)
{
  FwWindow *window = fw_window_new (app, database);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  ck_assert_msg (wait_until (is_mapped, window, 30), "the window was never mapped");
  settle (window);
  return window;
}

static void
show_page (FwWindow   *window,
           const char *name)
{
  fw_window_set_view (window, name);
  settle (window);
  ck_assert_str_eq (fw_window_get_view (window), name);
}

/* Charts have items once they are drawn. */
static gboolean
has_items (gpointer data)
{
  FwChart *chart = fw_chart_view_get_chart (FW_CHART_VIEW (data));

  return chart != NULL && fw_chart_get_n_items (chart) > 0;
}

static FwChart *
drawn_chart (FwChartView *view)
{
  gtk_widget_queue_draw (GTK_WIDGET (view));
  ck_assert_msg (wait_until (has_items, view, 30), "the chart was never drawn");
  return fw_chart_view_get_chart (view);
}

/* `flywheel stats` */

/* Runs the built flywheel on the sample database with @args. */
static char *
run_stats (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FLYWHEEL"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, database);
  g_ptr_array_add (argv, (gpointer) "stats");
  g_ptr_array_add (argv, (gpointer) "--json");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error),
                 "%s", error ? error->message : "");
  ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0, "stats failed: %s", err);
  return out;
}

/* The number member @name of the first object after @from in @json. */
static double
json_number (const char *from,
             const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\":", name);
  const char *p = strstr (from, needle);

  ck_assert_msg (p != NULL, "no %s in %s", name, from);
  p += strlen (needle);
  if (g_str_has_prefix (p, "null"))
    return NAN;
  return g_ascii_strtod (p, NULL);
}

static const char *
json_total (const char *json)
{
  const char *total = strstr (json, "\"total\":{");

  ck_assert_msg (total != NULL, "no total in %s", json);
  return total;
}

/* The keys and scores of the rows of @json, in order. */
static GPtrArray *
json_rows (const char *json,
           GArray     *scores)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const char *end = json_total (json);
  const char *p = json;

  while ((p = strstr (p, "\"key\":\"")) != NULL && p < end)
    {
      const char *key = p + strlen ("\"key\":\"");
      double nps;

      g_ptr_array_add (keys, g_strndup (key, strchr (key, '"') - key));
      nps = json_number (key, "nps");
      g_array_append_val (scores, nps);
      p = key;
    }
  return keys;
}

/* The NPS of the total of @json, as the window writes it. */
static char *
stats_nps (const char *json)
{
  const char *total = json_total (json);

  return fw_format_nps (json_number (total, "nps"));
}

static gint64
stats_n (const char *json)
{
  return (gint64) json_number (json_total (json), "n");
}

/* The total's answers in the period before, from its change. */
static gint64
stats_previous_n (const char *json)
{
  return (gint64) json_number (json_total (json), "previous_n");
}

/* Tests */

START_TEST (test_resolve_period)
{
  static const struct
  {
    FwPeriod    period;
    const char *newest;
    guint       fiscal_start;
    const char *from;
    const char *to;
  } cases[] = {
    { FW_PERIOD_LAST_12_MONTHS, "2026-12-31", 1, "2026-01-01", "2026-12-31" },
    { FW_PERIOD_LAST_12_MONTHS, "2026-03-02", 1, "2025-04-01", "2026-03-31" },
    { FW_PERIOD_THIS_YEAR, "2026-03-02", 1, "2026-01-01", "2026-12-31" },
    { FW_PERIOD_THIS_YEAR, "2026-03-02", 4, "2025-04-01", "2026-03-31" },
    { FW_PERIOD_THIS_YEAR, "2026-04-01", 4, "2026-04-01", "2027-03-31" },
    { FW_PERIOD_LAST_QUARTER, "2026-12-31", 1, "2026-10-01", "2026-12-31" },
    { FW_PERIOD_LAST_QUARTER, "2026-11-20", 1, "2026-07-01", "2026-09-30" },
    { FW_PERIOD_LAST_QUARTER, "2026-02-15", 1, "2025-10-01", "2025-12-31" },
    { FW_PERIOD_LAST_QUARTER, "2026-02-15", 2, "2025-11-01", "2026-01-31" },
    { FW_PERIOD_LAST_QUARTER, "2024-02-29", 12, "2023-12-01", "2024-02-29" },
    { FW_PERIOD_ALL, "2026-12-31", 1, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      ck_assert (fw_dashboard_resolve_period (cases[i].period, NULL, NULL, cases[i].newest,
                                              cases[i].fiscal_start, &from, &to));
      ck_assert_msg (g_strcmp0 (from, cases[i].from) == 0 && g_strcmp0 (to, cases[i].to) == 0,
                     "case %u: %s to %s, expected %s to %s", i, from, to, cases[i].from,
                     cases[i].to);
    }

  /* Custom ranges: either end open, the wrong way round turned, no date
   * refused. */
  {
    g_autofree char *from = NULL;
    g_autofree char *to = NULL;

    ck_assert (fw_dashboard_resolve_period (FW_PERIOD_CUSTOM, "2025-09-30", "2025-04-01", NULL, 1,
                                            &from, &to));
    ck_assert_str_eq (from, "2025-04-01");
    ck_assert_str_eq (to, "2025-09-30");
    g_clear_pointer (&from, g_free);
    g_clear_pointer (&to, g_free);
    ck_assert (fw_dashboard_resolve_period (FW_PERIOD_CUSTOM, "2025-04-01", "", NULL, 1, &from,
                                            &to));
    ck_assert_str_eq (from, "2025-04-01");
    ck_assert_ptr_null (to);
    g_clear_pointer (&from, g_free);
    ck_assert (!fw_dashboard_resolve_period (FW_PERIOD_CUSTOM, "2025-02-30", NULL, NULL, 1, &from,
                                             &to));
  }
}
END_TEST

/* Applies the test filter as a user would: the period in the settings the
 * custom range popover writes, the unit through its check button. */
static void
apply_filter (FwWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *check;

  g_settings_set_string (settings, "dashboard-period", "custom");
  g_settings_set_string (settings, "dashboard-from", FROM);
  g_settings_set_string (settings, "dashboard-to", TO);
  settle (window);

  check = fw_filter_bar_get_check (fw_window_get_filter_bar (window), UNIT);
  ck_assert_msg (check != NULL, "no check button for " UNIT);
  ck_assert (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  settle (window);

  {
    g_auto(GStrv) units = g_settings_get_strv (settings, "dashboard-units");

    ck_assert_uint_eq (g_strv_length (units), 1);
    ck_assert_str_eq (units[0], UNIT);
  }
}

/* The Overview's tiles against `flywheel stats` for the test filter. */
static void
assert_overview_matches_stats (FwWindow *window)
{
  FwOverviewPage *page = fw_window_get_overview_page (window);
  g_autofree char *cx = run_stats ((const char *[]) { "--from", FROM, "--to", TO, "--unit", UNIT,
                                                      NULL });
  g_autofree char *ex = run_stats ((const char *[]) { "--kind", "employee", "--from", FROM,
                                                      "--to", TO, "--unit", UNIT, NULL });
  g_autofree char *nps = stats_nps (cx);
  g_autofree char *enps = stats_nps (ex);
  g_autofree char *n_cx = fw_format_count (stats_n (cx));
  g_autofree char *n_ex = fw_format_count (stats_n (ex));
  g_autofree char *total = fw_format_count (stats_n (cx) + stats_n (ex));

  ck_assert_int_gt (stats_n (cx), 0);
  ck_assert_int_gt (stats_n (ex), 0);
  ck_assert_str_eq (fw_overview_page_get_state (page), "content");
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_NPS_VALUE), nps);
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_VALUE), enps);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_NPS_DETAIL), n_cx), NULL);
  ck_assert_pstr_ne (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_DETAIL), n_ex), NULL);
  ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_VALUE), total);
  /* And how that total changed against the period before. */
  {
    gint64 change = stats_n (cx) + stats_n (ex) - stats_previous_n (cx) - stats_previous_n (ex);
    g_autofree char *count = fw_format_count (ABS (change));
    g_autofree char *line = g_strdup_printf ("%s%s against the period before",
                                             change > 0 ? "+" : "−", count);

    ck_assert_int_ne (change, 0);
    ck_assert_msg (strstr (fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_DETAIL), line)
                   != NULL, "“%s” not in “%s”", line,
                   fw_window_get_text (window, FW_WINDOW_TEXT_COUNT_DETAIL));
  }
  /* The heading says what is counted. */
  ck_assert_pstr_ne (strstr (fw_overview_page_get_text (page, FW_OVERVIEW_PERIOD), UNIT), NULL);
}

START_TEST (test_pages_match_stats)
{
  FwWindow *window = open_window ();
  FwOverviewPage *overview = fw_window_get_overview_page (window);
  FwScorePage *customers = fw_window_get_score_page (window, FW_KIND_CUSTOMER);
  FwScorePage *employees = fw_window_get_score_page (window, FW_KIND_EMPLOYEE);
  FwLinkPage *link_page = fw_window_get_link_page (window);

  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_str_eq (fw_window_get_view (window), "overview");

  /* The default, the last 12 months of the data, against stats. */
  {
    g_autofree char *json = run_stats ((const char *[]) { "--from", "2026-01-01", "--to",
                                                          "2026-12-31", NULL });
    g_autofree char *nps = stats_nps (json);

    ck_assert_str_eq (fw_overview_page_get_state (overview), "content");
    ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_NPS_VALUE), nps);
  }

  apply_filter (window);
  assert_overview_matches_stats (window);

  /* The highest and lowest units: one unit chosen, one row. */
  {
    GPtrArray *top = fw_overview_page_get_unit_rows (overview, TRUE);

    ck_assert_uint_eq (top->len, 1);
    ck_assert_str_eq (adw_preferences_row_get_title (g_ptr_array_index (top, 0)), UNIT);
  }

  /* Customers: the trend, one point per month, each with its exact score. */
  show_page (window, "customers");
  ck_assert_str_eq (fw_score_page_get_state (customers), "content");
  {
    g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *json = run_stats ((const char *[]) { "--from", FROM, "--to", TO, "--unit",
                                                          UNIT, "--by", "month", NULL });
    g_autoptr(GPtrArray) months = json_rows (json, scores);
    FwChart *trend = drawn_chart (fw_score_page_get_chart (customers, FW_SCORE_PAGE_TREND));
    guint matched = 0;

    ck_assert_uint_eq (months->len, 6);
    for (guint i = 0; i < fw_chart_get_n_items (trend); i++)
      {
        const char *description = fw_chart_get_item (trend, i)->description;

        for (guint j = 0; j < months->len; j++)
          {
            g_autofree char *nps = fw_format_nps (g_array_index (scores, double, j));

            if (strstr (description, nps) != NULL)
              {
                matched++;
                break;
              }
          }
      }
    ck_assert_msg (matched >= months->len, "%u of %u months found in the trend", matched,
                   months->len);
  }

  /* The unit breakdown: one unit, its score as stats gives it. */
  {
    g_autofree char *json = run_stats ((const char *[]) { "--from", FROM, "--to", TO, "--unit",
                                                          UNIT, NULL });
    g_autofree char *nps = stats_nps (json);
    FwChart *units = drawn_chart (fw_score_page_get_chart (customers, FW_SCORE_PAGE_UNITS));
    gboolean found = FALSE;

    for (guint i = 0; i < fw_chart_get_n_items (units); i++)
      {
        const FwChartItem *item = fw_chart_get_item (units, i);

        if (g_strcmp0 (item->unit, UNIT) == 0)
          {
            ck_assert_msg (strstr (item->description, nps) != NULL, "“%s” lacks %s",
                           item->description, nps);
            found = TRUE;
          }
      }
    ck_assert_msg (found, "no bar for " UNIT);
  }

  /* The comments are the unit's detractors'. */
  {
    GPtrArray *rows = fw_score_page_get_comment_rows (customers);

    ck_assert_uint_gt (rows->len, 0);
    ck_assert_uint_le (rows->len, FW_DASHBOARD_N_COMMENTS);
    for (guint i = 0; i < rows->len; i++)
      {
        const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));

        ck_assert_msg (g_str_has_prefix (subtitle, UNIT " · "), "“%s”", subtitle);
        ck_assert_msg (strstr (subtitle, "score ") != NULL, "“%s”", subtitle);
      }
  }

  /* Employees: the eNPS tile of the page and the trend by month. */
  show_page (window, "employees");
  ck_assert_str_eq (fw_score_page_get_state (employees), "content");
  ck_assert_pstr_ne (strstr (fw_score_page_get_note (employees), "anonymity"), NULL);
  {
    g_autofree char *json = run_stats ((const char *[]) { "--kind", "employee", "--from", FROM,
                                                          "--to", TO, "--unit", UNIT, NULL });
    g_autofree char *enps = stats_nps (json);
    FwChart *tiles = drawn_chart (fw_score_page_get_chart (employees, FW_SCORE_PAGE_TILES));

    ck_assert_msg (strstr (fw_chart_get_item (tiles, 0)->description, enps) != NULL,
                   "“%s” lacks %s", fw_chart_get_item (tiles, 0)->description, enps);
  }
  /* Employee comments never carry a score or a day. */
  {
    GPtrArray *rows = fw_score_page_get_comment_rows (employees);

    for (guint i = 0; rows != NULL && i < rows->len; i++)
      {
        const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));

        ck_assert_msg (subtitle == NULL || strstr (subtitle, "score") == NULL, "“%s”", subtitle);
      }
  }

  /* CX × EX: the table holds the unit-quarters of the chosen lag. */
  show_page (window, "link");
  ck_assert_str_eq (fw_link_page_get_state (link_page), "content");
  ck_assert_pstr_ne (strstr (fw_link_page_get_summary (link_page), "not causation"), NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FwStore) store = fw_store_open (database, &error);
    g_autoptr(FwLink) link = NULL;
    FwLinkOptions options = FW_LINK_OPTIONS_INIT;
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    ck_assert_msg (store != NULL, "%s", error ? error->message : "");
    link = fw_insights_link (store, FROM, TO, &options, &error);
    ck_assert_msg (link != NULL, "%s", error ? error->message : "");

    g_settings_set_int (settings, "link-lag", 0);
    settle (window);
    ck_assert_uint_eq (fw_link_page_get_lag (link_page), 0);
    ck_assert_uint_eq (g_list_model_get_n_items (fw_link_page_get_rows (link_page)),
                       fw_link_get_lag (link, 0)->pairs->len);
    ck_assert_uint_gt (fw_link_get_lag (link, 0)->pairs->len, 0);
  }

  show_page (window, "imports");
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (fw_window_get_filter_bar (window))));
  show_page (window, "overview");
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (fw_window_get_filter_bar (window))));

  /* The filter survives a restart, and so does the page. */
  show_page (window, "customers");
  gtk_window_destroy (GTK_WINDOW (window));
  window = open_window ();
  ck_assert_str_eq (fw_window_get_view (window), "customers");
  show_page (window, "overview");
  ck_assert (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (fw_filter_bar_get_check (fw_window_get_filter_bar (window), UNIT))));
  assert_overview_matches_stats (window);
}
END_TEST

/* Employee figures never go below a month nor split by touchpoint: a
 * weekly grouping and a touchpoint filter must not fail the page. */
START_TEST (test_employee_rules)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *touchpoints[] = { "Phone", NULL };
  FwWindow *window;
  FwScorePage *employees;

  g_settings_set_string (settings, "dashboard-grouping", "week");
  g_settings_set_strv (settings, "dashboard-touchpoints", touchpoints);
  g_settings_set_string (settings, "dashboard-page", "employees");
  window = open_window ();
  employees = fw_window_get_score_page (window, FW_KIND_EMPLOYEE);

  ck_assert_str_eq (fw_window_get_view (window), "employees");
  ck_assert_str_eq (fw_score_page_get_state (employees), "content");
  ck_assert_pstr_ne (strstr (fw_score_page_get_note (employees), "months"), NULL);
  ck_assert_pstr_ne (strstr (fw_score_page_get_note (employees), "touchpoint"), NULL);

  /* The Overview's eNPS counts every touchpoint, the NPS only phone calls. */
  show_page (window, "overview");
  {
    g_autofree char *cx = run_stats ((const char *[]) { "--from", "2026-01-01", "--to",
                                                        "2026-12-31", "--touchpoint", "Phone",
                                                        NULL });
    g_autofree char *ex = run_stats ((const char *[]) { "--kind", "employee", "--from",
                                                        "2026-01-01", "--to", "2026-12-31",
                                                        NULL });
    g_autofree char *nps = stats_nps (cx);
    g_autofree char *enps = stats_nps (ex);

    ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_NPS_VALUE), nps);
    ck_assert_str_eq (fw_window_get_text (window, FW_WINDOW_TEXT_ENPS_VALUE), enps);
  }

  /* The customers' trend keeps its weeks. */
  show_page (window, "customers");
  {
    FwChart *trend = drawn_chart (
      fw_score_page_get_chart (fw_window_get_score_page (window, FW_KIND_CUSTOMER),
                               FW_SCORE_PAGE_TREND));

    ck_assert_uint_gt (fw_chart_get_n_items (trend), 40);
  }
}
END_TEST

START_TEST (test_empty_period)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  FwWindow *window;

  g_settings_set_string (settings, "dashboard-period", "custom");
  g_settings_set_string (settings, "dashboard-from", "2001-01-01");
  g_settings_set_string (settings, "dashboard-to", "2001-12-31");
  window = open_window ();

  /* Not the window's empty state: the database has data, the period not. */
  ck_assert_str_eq (fw_window_get_page (window), "summary");
  ck_assert_str_eq (fw_overview_page_get_state (fw_window_get_overview_page (window)), "empty");

  /* Its button shows everything again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  settle (window);
  ck_assert_str_eq (fw_overview_page_get_state (fw_window_get_overview_page (window)), "content");
}
END_TEST

/* A database that cannot be read any more says so on the page, with what
 * to do, rather than show old figures or none. */
START_TEST (test_error_state)
{
  g_autofree char *path = g_build_filename (tmpdir, "broken.db", NULL);
  g_autofree char *garbage = g_build_filename (tmpdir, "garbage.db", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (database);
  g_autoptr(GFile) copy = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FwWindow *window;
  FwOverviewPage *page;

  ck_assert_msg (g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error), "%s",
                 error ? error->message : "");
  window = fw_window_new (app, path);
  gtk_window_present (GTK_WINDOW (window));
  ck_assert (wait_until (is_mapped, window, 30));
  settle (window);
  page = fw_window_get_overview_page (window);
  ck_assert_str_eq (fw_overview_page_get_state (page), "content");

  /* The window keeps its connection to the old file; the worker opens
   * the path anew and finds no database there. */
  ck_assert (g_file_set_contents (garbage, "This is not a database at all, just some text.\n",
                                  -1, NULL));
  ck_assert_int_eq (g_rename (garbage, path), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  settle (window);
  ck_assert_str_eq (fw_overview_page_get_state (page), "error");

  gtk_window_destroy (GTK_WINDOW (window));
  settle_all ();
  g_remove (path);
}
END_TEST

/* A click on a unit filters to it. */
START_TEST (test_unit_activated)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) units = NULL;
  FwWindow *window;
  FwChartView *view;

  g_settings_set_string (settings, "dashboard-page", "customers");
  window = open_window ();
  view = fw_score_page_get_chart (fw_window_get_score_page (window, FW_KIND_CUSTOMER),
                                  FW_SCORE_PAGE_UNITS);
  g_signal_emit_by_name (view, "unit-activated", "Claims");
  settle (window);

  units = g_settings_get_strv (settings, "dashboard-units");
  ck_assert_uint_eq (g_strv_length (units), 1);
  ck_assert_str_eq (units[0], "Claims");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-all-units", NULL);
  settle (window);
  g_clear_pointer (&units, g_strfreev);
  units = g_settings_get_strv (settings, "dashboard-units");
  ck_assert_uint_eq (g_strv_length (units), 0);

  /* So does a row of the lowest units on the Overview. */
  show_page (window, "overview");
  {
    GPtrArray *rows = fw_overview_page_get_unit_rows (fw_window_get_overview_page (window), FALSE);
    AdwActionRow *row;
    g_autofree char *name = NULL;

    ck_assert_uint_eq (rows->len, 3);
    row = g_ptr_array_index (rows, 0);
    name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    adw_action_row_activate (row);
    settle (window);
    g_clear_pointer (&units, g_strfreev);
    units = g_settings_get_strv (settings, "dashboard-units");
    ck_assert_uint_eq (g_strv_length (units), 1);
    ck_assert_str_eq (units[0], name);
    ck_assert_str_eq (fw_window_get_view (window), "overview");
  }
}
END_TEST

/* Presses @keyval on @view's key controller, as GTK does for a key press. */
static gboolean
press_key (FwChartView *view,
           guint        keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }
  ck_abort_msg ("no key controller");
  return FALSE;
}

static void
on_unit (FwChartView *view,
         const char  *unit,
         char       **out)
{
  g_free (*out);
  *out = g_strdup (unit);
}

/* The arrow keys step through a chart's items; Enter on a unit filters. */
/* The customer answers by unit of the sample database. */
static FwQueryResult *
customer_units (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (database, &error);
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (FW_KIND_CUSTOMER);
  FwQueryResult *units;

  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  units = fw_query_run (store, filter, FW_GROUPING_UNIT, NULL, &error);
  ck_assert_msg (units != NULL, "%s", error ? error->message : "");
  return units;
}

/* Shows @view at 600 x 420 in a window of its own with the breakdown of
 * @units, and waits until it is drawn; returns the window. */
static GtkWidget *
present_breakdown (FwChartView         *view,
                   const FwQueryResult *units)
{
  GtkWidget *window = gtk_window_new ();

  gtk_widget_set_size_request (GTK_WIDGET (view), 600, 420);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  fw_chart_view_set_chart (view, fw_chart_new_breakdown (units, FW_CHART_SORT_BY_NAME,
                                                         FW_ANONYMITY_DEFAULT));
  gtk_window_present (GTK_WINDOW (window));
  ck_assert (wait_until (is_mapped, window, 30));
  drawn_chart (view);
  return window;
}

START_TEST (test_chart_view_keys)
{
  g_autoptr(FwQueryResult) units = customer_units ();
  g_autofree char *activated = NULL;
  FwChartView *view = FW_CHART_VIEW (fw_chart_view_new ());
  GtkWidget *window;
  FwChart *chart;
  guint n_items;

  g_signal_connect (view, "unit-activated", G_CALLBACK (on_unit), &activated);
  window = present_breakdown (view, units);
  chart = fw_chart_view_get_chart (view);
  n_items = fw_chart_get_n_items (chart);
  ck_assert_uint_gt (n_items, 1);

  ck_assert_int_eq (fw_chart_view_get_focus (view), -1);
  ck_assert (press_key (view, GDK_KEY_Right));
  ck_assert_int_eq (fw_chart_view_get_focus (view), 0);
  ck_assert (press_key (view, GDK_KEY_Right));
  ck_assert_int_eq (fw_chart_view_get_focus (view), 1);
  ck_assert (press_key (view, GDK_KEY_Left));
  ck_assert_int_eq (fw_chart_view_get_focus (view), 0);
  ck_assert (press_key (view, GDK_KEY_Left));
  ck_assert_int_eq (fw_chart_view_get_focus (view), 0);
  ck_assert (press_key (view, GDK_KEY_End));
  ck_assert_int_eq (fw_chart_view_get_focus (view), (int) n_items - 1);
  ck_assert (press_key (view, GDK_KEY_Right));
  ck_assert_int_eq (fw_chart_view_get_focus (view), (int) n_items - 1);
  ck_assert (press_key (view, GDK_KEY_Home));
  ck_assert_int_eq (fw_chart_view_get_focus (view), 0);

  /* Enter on a bar that stands for a unit says which. */
  if (fw_chart_get_item (chart, 0)->unit != NULL)
    {
      ck_assert (press_key (view, GDK_KEY_Return));
      ck_assert_str_eq (activated, fw_chart_get_item (chart, 0)->unit);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* What @view would show in its next frame, as pixels: its snapshot drawn
 * on an image surface. */
static GBytes *
view_pixels (FwChartView *view)
{
  GtkWidget *widget = GTK_WIDGET (view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *pixels;

  settle_all ();
  ck_assert_int_gt (width, 0);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  ck_assert_ptr_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * height);
  cairo_surface_destroy (surface);
  return pixels;
}

/* The view keeps its last drawing for frames in which nothing of the chart
 * changed; whatever does change must show: the item in focus, the style,
 * another chart. */
START_TEST (test_chart_view_redraws)
{
  g_autoptr(FwQueryResult) units = customer_units ();
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) focused = NULL;
  g_autoptr(GBytes) dark = NULL;
  g_autoptr(GBytes) light = NULL;
  g_autoptr(GBytes) sorted = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  FwChartView *view = FW_CHART_VIEW (fw_chart_view_new ());
  GtkWidget *window = present_breakdown (view, units);

  first = view_pixels (view);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  again = view_pixels (view);
  ck_assert (g_bytes_equal (first, again));

  ck_assert (press_key (view, GDK_KEY_Right));
  ck_assert_int_eq (fw_chart_view_get_focus (view), 0);
  focused = view_pixels (view);
  ck_assert_msg (!g_bytes_equal (first, focused), "the focused item does not show");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = view_pixels (view);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  ck_assert_msg (!g_bytes_equal (focused, dark), "the dark style does not show");
  light = view_pixels (view);
  ck_assert (g_bytes_equal (focused, light));

  fw_chart_view_set_chart (view, fw_chart_new_breakdown (units, FW_CHART_SORT_BY_SCORE,
                                                         FW_ANONYMITY_DEFAULT));
  sorted = view_pixels (view);
  ck_assert_msg (!g_bytes_equal (light, sorted), "the new chart does not show");

  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
dashboard_suite (void)
{
  Suite *suite = suite_create ("dashboard");
  TCase *tcase = tcase_create ("dashboard");

  tcase_add_checked_fixture (tcase, setup, teardown);
  tcase_set_timeout (tcase, 280);
  tcase_add_test (tcase, test_resolve_period);
  tcase_add_test (tcase, test_pages_match_stats);
  tcase_add_test (tcase, test_employee_rules);
  tcase_add_test (tcase, test_empty_period);
  tcase_add_test (tcase, test_unit_activated);
  tcase_add_test (tcase, test_chart_view_keys);
  tcase_add_test (tcase, test_chart_view_redraws);
  tcase_add_test (tcase, test_error_state);
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

  tmpdir = g_dir_make_tmp ("flywheel-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  app_db = g_build_filename (tmpdir, "app.db", NULL);
  database = g_build_filename (tmpdir, "demo.db", NULL);

  {
    g_autoptr(FwStore) store = fw_store_open (database, &error);

    g_assert_no_error (error);
    fw_demo_fill (store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  /* Registering runs startup without running the main loop; the tests
   * spin it themselves. */
  app = fw_application_new (app_db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  runner = srunner_create (dashboard_suite ());
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
