/* test-stats-cli.c: `flywheel stats`, run as a user runs it, on the sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fw-demo.h"
#include "fw-insights.h"
#include "fw-store.h"

static char *tmpdir;
static char *database;
/* When set, the runs read their preferences from a key file in this folder. */
static const char *config_home;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the built flywheel on @db with @args (NULL-terminated). */
static void
run_flywheel_on (Run               *run,
                 const char        *db,
                 const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FLYWHEEL"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "FLYWHEEL_DATABASE");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmpdir, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  if (config_home != NULL)
    {
      envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
      envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
    }

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error),
                 "%s", error ? error->message : "");
  ck_assert (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
run_stats (Run               *run,
           const char *const *args)
{
  run_flywheel_on (run, database, args);
  ck_assert_msg (run->status == 0, "exit %d, stderr: %s", run->status, run->err);
}

/* One database with the sample data serves every test: filling it takes a
 * while, and stats only reads. */
static void
setup (void)
{
  g_auto(Run) run = { 0 };

  tmpdir = g_dir_make_tmp ("fw-stats-cli-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  database = g_build_filename (tmpdir, "demo.db", NULL);
  run_flywheel_on (&run, database, (const char *[]) { "demo", NULL });
  ck_assert_msg (run.status == 0, "stderr: %s", run.err);
}

static void
teardown (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

  ck_assert_int_eq (system (command), 0);
  g_clear_pointer (&database, g_free);
  g_clear_pointer (&tmpdir, g_free);
}

/* Reading the JSON we write, just enough for these tests: objects are
 * found by their text, since stats writes one line without blanks. */

/* The end of the object or array that opens at @start. */
static const char *
skip_value (const char *start)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (const char *p = start; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
    }
  ck_abort_msg ("unbalanced JSON: %s", start);
  return NULL;
}

/* The objects of the list @name, each as its own string. */
static GPtrArray *
json_list (const char *json,
           const char *name)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = g_strdup_printf ("\"%s\":", name);
  g_autofree char *needle = g_strconcat (key, "[", NULL);
  const char *p = strstr (json, needle);
  const char *end;

  ck_assert_msg (p != NULL, "no %s in %s", name, json);
  p += strlen (key);
  end = skip_value (p) - 1;
  for (p++; p < end; )
    {
      const char *next;

      ck_assert_int_eq (*p, '{');
      next = skip_value (p);
      g_ptr_array_add (rows, g_strndup (p, next - p));
      p = *next == ',' ? next + 1 : next;
    }
  return rows;
}

static GPtrArray *
json_rows (const char *json)
{
  return json_list (json, "rows");
}

static char *
json_total (const char *json)
{
  const char *p = strstr (json, "\"total\":{");

  ck_assert_msg (p != NULL, "no total in %s", json);
  p += strlen ("\"total\":");
  return g_strndup (p, skip_value (p) - p);
}

/* The string member @name of @object, or NULL. */
static char *
json_get_string (const char *object,
                 const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\":\"", name);
  const char *p = strstr (object, needle);
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (needle);
  end = strchr (p, '"');
  ck_assert_ptr_nonnull (end);
  return g_strndup (p, end - p);
}

/* The number member @name of @object; fails when it is missing or null. */
static double
json_get_number (const char *object,
                 const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\":", name);
  const char *p = strstr (object, needle);
  char *end = NULL;
  double value;

  ck_assert_msg (p != NULL, "no %s in %s", name, object);
  p += strlen (needle);
  value = g_ascii_strtod (p, &end);
  ck_assert_msg (end != p && (*end == ',' || *end == '}'), "%s is no number in %s", name,
                 object);
  return value;
}

static const char *
find_row (GPtrArray  *rows,
          const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *row_key = json_get_string (g_ptr_array_index (rows, i), "key");

      if (g_strcmp0 (row_key, key) == 0)
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

static void
get_overall (FwKind   kind,
             FwScore *score)
{
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = fw_store_open (database, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_msg (fw_store_get_overall (store, kind, FW_ANONYMITY_DEFAULT, score, &error), "%s",
                 error ? error->message : "");
}

START_TEST (test_json_total)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *total = NULL;
  FwScore overall;

  run_stats (&run, (const char *[]) { "stats", "--json", NULL });
  get_overall (FW_KIND_CUSTOMER, &overall);
  ck_assert_int_gt (overall.tally.n, 0);

  ck_assert_msg (g_str_has_prefix (run.out, "{\"kind\":\"customer\",\"by\":\"total\","), "%s",
                 run.out);
  total = json_total (run.out);
  ck_assert_int_eq ((gint64) json_get_number (total, "n"), overall.tally.n);
  ck_assert_int_eq ((gint64) json_get_number (total, "promoters"), overall.tally.promoters);
  ck_assert_int_eq ((gint64) json_get_number (total, "passives"), overall.tally.passives);
  ck_assert_int_eq ((gint64) json_get_number (total, "detractors"), overall.tally.detractors);
  /* Read back exactly, not rounded. */
  ck_assert_double_eq (json_get_number (total, "nps"), overall.nps);
  ck_assert_double_lt (json_get_number (total, "ci_low"), overall.nps);
  ck_assert_double_gt (json_get_number (total, "ci_high"), overall.nps);
  ck_assert_ptr_nonnull (strstr (total, "\"suppressed\":false"));

  rows = json_rows (run.out);
  ck_assert_int_eq (rows->len, 1);
  ck_assert_int_eq ((gint64) json_get_number (g_ptr_array_index (rows, 0), "n"),
                    overall.tally.n);
}
END_TEST

START_TEST (test_json_quarters)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *total = NULL;
  gint64 sum = 0;
  guint changes = 0;

  run_stats (&run, (const char *[]) { "stats", "--by", "quarter", "--json", NULL });
  ck_assert_ptr_nonnull (strstr (run.out, "\"by\":\"quarter\""));
  rows = json_rows (run.out);
  ck_assert_int_eq (rows->len, 12);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = g_ptr_array_index (rows, i);
      g_autofree char *expected = g_strdup_printf ("%u-Q%u", 2024 + i / 4, i % 4 + 1);
      g_autofree char *key = json_get_string (row, "key");

      ck_assert_str_eq (key, expected);
      sum += (gint64) json_get_number (row, "n");
      /* Every quarter but the first has a change against the one before. */
      if (strstr (row, "\"change\":{\"delta\":") != NULL)
        {
          double p = json_get_number (row, "p");

          ck_assert (p >= 0.0 && p <= 1.0);
          changes++;
        }
    }
  ck_assert_int_eq (changes, 11);
  total = json_total (run.out);
  ck_assert_int_eq ((gint64) json_get_number (total, "n"), sum);
}
END_TEST

START_TEST (test_unit_filter)
{
  g_auto(Run) all = { 0 };
  g_auto(Run) billing = { 0 };
  g_autoptr(GPtrArray) all_rows = NULL;
  g_autoptr(GPtrArray) billing_rows = NULL;
  g_autofree char *billing_total = NULL;
  g_autofree char *all_total = NULL;
  const char *all_billing;

  run_stats (&all, (const char *[]) { "stats", "--by", "unit", "--json", NULL });
  run_stats (&billing, (const char *[]) { "stats", "--by", "unit", "--unit", "Billing",
                                          "--json", NULL });
  all_rows = json_rows (all.out);
  billing_rows = json_rows (billing.out);
  ck_assert_int_gt (all_rows->len, 1);
  ck_assert_int_eq (billing_rows->len, 1);
  ck_assert_ptr_nonnull (find_row (billing_rows, "Billing"));
  all_billing = find_row (all_rows, "Billing");
  ck_assert_ptr_nonnull (all_billing);

  billing_total = json_total (billing.out);
  all_total = json_total (all.out);
  ck_assert_int_eq ((gint64) json_get_number (billing_total, "n"),
                    (gint64) json_get_number (all_billing, "n"));
  ck_assert_int_lt ((gint64) json_get_number (billing_total, "n"),
                    (gint64) json_get_number (all_total, "n"));
}
END_TEST

/* Every suppressed row names its group and nothing else: strip the key and
 * the unit, and not one digit may remain. */
static void
assert_nothing_leaks (const char *row)
{
  g_autofree char *key = json_get_string (row, "key");
  g_autofree char *unit = json_get_string (row, "unit");
  g_autofree char *quoted_key = g_strdup_printf ("\"%s\"", key);
  g_autofree char *quoted_unit = g_strdup_printf ("\"%s\"", unit != NULL ? unit : "");
  g_autoptr(GString) rest = g_string_new (row);

  g_string_replace (rest, quoted_key, "\"\"", 1);
  if (unit != NULL)
    g_string_replace (rest, quoted_unit, "\"\"", 1);
  for (const char *p = rest->str; *p != '\0'; p++)
    ck_assert_msg (!g_ascii_isdigit (*p), "a number of a suppressed row leaks: %s", row);
}

START_TEST (test_employee_suppressed)
{
  g_auto(Run) json = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) csv = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) csv_lines = NULL;
  guint suppressed = 0, shown = 0, hidden_lines = 0, hidden_csv = 0;

  run_stats (&json, (const char *[]) { "stats", "--kind", "employee", "--by", "unit-quarter",
                                       "--json", NULL });
  ck_assert_msg (g_str_has_prefix (json.out, "{\"kind\":\"employee\",\"by\":\"unit-quarter\","),
                 "%s", json.out);
  rows = json_rows (json.out);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = g_ptr_array_index (rows, i);

      if (strstr (row, "\"suppressed\":true") != NULL)
        {
          assert_nothing_leaks (row);
          suppressed++;
        }
      else
        {
          ck_assert_ptr_nonnull (strstr (row, "\"suppressed\":false"));
          ck_assert_int_ge ((gint64) json_get_number (row, "n"), FW_ANONYMITY_DEFAULT);
          shown++;
        }
    }
  ck_assert_int_gt (suppressed, 0);
  ck_assert_int_gt (shown, 0);

  /* The table says so in words, and shows no figure either. */
  run_stats (&text, (const char *[]) { "stats", "--kind", "employee", "--by", "unit-quarter",
                                       NULL });
  lines = g_strsplit (text.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *hidden = strstr (lines[i], "hidden (fewer than 5 responses)");
      const char *q;

      if (hidden == NULL)
        continue;
      hidden_lines++;
      /* Before the message: the unit and the quarter, "YYYY-QN". */
      q = strstr (lines[i], "-Q");
      ck_assert_msg (q != NULL && q < hidden, "%s", lines[i]);
      for (const char *p = q + 3; p < hidden; p++)
        ck_assert_msg (*p == ' ', "a figure in a hidden row: %s", lines[i]);
      ck_assert_str_eq (hidden, "hidden (fewer than 5 responses)");
    }
  ck_assert_int_eq (hidden_lines, suppressed);

  /* And the CSV leaves every cell of them empty. */
  run_stats (&csv, (const char *[]) { "stats", "--kind", "employee", "--by", "unit-quarter",
                                      "--csv", NULL });
  csv_lines = g_strsplit (csv.out, "\r\n", -1);
  ck_assert_str_eq (csv_lines[0], "key,unit,n,promoters,passives,detractors,nps,ci_low,ci_high,"
                                  "delta,z,p,suppressed");
  for (guint i = 1; csv_lines[i] != NULL; i++)
    if (g_str_has_suffix (csv_lines[i], ",true"))
      {
        ck_assert_msg (g_str_has_suffix (csv_lines[i], ",,,,,,,,,,,true"), "%s", csv_lines[i]);
        hidden_csv++;
      }
  ck_assert_int_eq (hidden_csv, suppressed);
}
END_TEST

START_TEST (test_min_group)
{
  g_auto(Run) five = { 0 };
  g_auto(Run) twenty = { 0 };
  g_autoptr(GPtrArray) rows_five = NULL;
  g_autoptr(GPtrArray) rows_twenty = NULL;
  guint suppressed_five = 0, suppressed_twenty = 0;

  run_stats (&five, (const char *[]) { "stats", "--kind", "employee", "--by", "unit-quarter",
                                       "--json", NULL });
  run_stats (&twenty, (const char *[]) { "stats", "--kind", "employee", "--by", "unit-quarter",
                                         "--min-group", "20", "--json", NULL });
  rows_five = json_rows (five.out);
  rows_twenty = json_rows (twenty.out);
  for (guint i = 0; i < rows_five->len; i++)
    suppressed_five += strstr (g_ptr_array_index (rows_five, i), "\"suppressed\":true") != NULL;
  for (guint i = 0; i < rows_twenty->len; i++)
    suppressed_twenty += strstr (g_ptr_array_index (rows_twenty, i),
                                 "\"suppressed\":true") != NULL;
  ck_assert_int_gt (suppressed_twenty, suppressed_five);
  ck_assert_ptr_nonnull (strstr (twenty.out, "\"min_group\":20"));
}
END_TEST

/* The command line counts as the window does: with the window's anonymity
 * threshold and fiscal year, unless --min-group says otherwise. */
START_TEST (test_preferences)
{
  g_autofree char *home = g_build_filename (tmpdir, "config", NULL);
  g_autofree char *folder = g_build_filename (home, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  g_auto(Run) strict = { 0 };
  g_auto(Run) given = { 0 };
  g_auto(Run) fiscal = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *first = NULL;

  ck_assert_int_eq (g_mkdir_with_parents (folder, 0700), 0);
  ck_assert (g_file_set_contents (keyfile,
                                  "[io/github/flywheel_cx/Flywheel]\n"
                                  "anonymity-threshold=uint32 1000\n"
                                  "fiscal-year-start=uint32 4\n", -1, NULL));
  config_home = home;
  run_stats (&strict, (const char *[]) { "stats", "--kind", "employee", "--json", NULL });
  run_stats (&given, (const char *[]) { "stats", "--kind", "employee", "--min-group", "5",
                                        "--json", NULL });
  run_stats (&fiscal, (const char *[]) { "stats", "--by", "quarter", "--json", NULL });
  config_home = NULL;

  ck_assert_ptr_nonnull (strstr (strict.out, "\"min_group\":1000"));
  ck_assert_ptr_nonnull (strstr (strict.out, "\"suppressed\":true"));
  ck_assert_ptr_nonnull (strstr (given.out, "\"min_group\":5"));
  ck_assert_ptr_null (strstr (given.out, "\"suppressed\":true"));
  /* January to March 2024 is the last quarter of fiscal 2024, which
   * started in April 2023. */
  rows = json_rows (fiscal.out);
  ck_assert_uint_gt (rows->len, 0);
  first = json_get_string (g_ptr_array_index (rows, 0), "key");
  ck_assert_str_eq (first, "2024-Q4");
}
END_TEST

/* --movers lists exactly the unit-quarters whose change against the
 * unit's quarter before has p below 0.05, for customers and employees. */
START_TEST (test_movers)
{
  static const char *kinds[] = { "customer", "employee" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_auto(Run) movers = { 0 };
      g_auto(Run) quarters = { 0 };
      g_autoptr(GPtrArray) listed = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      guint significant = 0;

      run_stats (&movers, (const char *[]) { "stats", "--movers", "--kind", kinds[k], "--json",
                                             NULL });
      run_stats (&quarters, (const char *[]) { "stats", "--by", "unit-quarter", "--kind",
                                               kinds[k], "--json", NULL });
      listed = json_list (movers.out, "movers");
      rows = json_rows (quarters.out);
      for (guint i = 0; i < rows->len; i++)
        {
          const char *row = g_ptr_array_index (rows, i);

          if (strstr (row, "\"p\":") != NULL && json_get_number (row, "p") < 0.05)
            significant++;
        }
      ck_assert_uint_gt (listed->len, 0);
      ck_assert_uint_eq (listed->len, significant);
      for (guint i = 0; i < listed->len; i++)
        {
          const char *mover = g_ptr_array_index (listed, i);

          ck_assert (json_get_number (mover, "p") < 0.05);
          ck_assert (json_get_number (mover, "n") >= 5);
        }
    }
}
END_TEST

START_TEST (test_csv)
{
  g_auto(Run) csv = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;

  run_stats (&csv, (const char *[]) { "stats", "--by", "quarter", "--csv", NULL });
  ck_assert (g_str_has_suffix (csv.out, "\r\n"));
  lines = g_strsplit (csv.out, "\r\n", -1);
  ck_assert_str_eq (lines[0], "key,n,promoters,passives,detractors,nps,ci_low,ci_high,delta,z,p,"
                              "suppressed");
  /* A header, twelve quarters and the empty rest after the last line end. */
  ck_assert_int_eq (g_strv_length (lines), 14);
  ck_assert_str_eq (lines[13], "");
  first = g_strsplit (lines[1], ",", -1);
  ck_assert_int_eq (g_strv_length (first), 12);
  ck_assert_str_eq (first[0], "2024-Q1");
  ck_assert_int_gt (atoi (first[1]), 0);
  /* No change for the first quarter: empty cells, not zeros. */
  ck_assert_str_eq (first[8], "");
  ck_assert_str_eq (first[10], "");
  ck_assert_str_eq (first[11], "false");
}
END_TEST

/* The column of @heading ends in every row where it ends in the heading. */
static void
assert_column_ends (char      **lines,
                    const char *heading)
{
  const char *at = strstr (lines[0], heading);
  gsize end;

  ck_assert_msg (at != NULL, "no %s in %s", heading, lines[0]);
  end = (at - lines[0]) + strlen (heading);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "202") || g_str_has_prefix (lines[i], "Total"))
      {
        ck_assert_msg (strlen (lines[i]) >= end, "%s", lines[i]);
        ck_assert_msg (g_ascii_isdigit (lines[i][end - 1])
                       && (lines[i][end] == ' ' || lines[i][end] == '\0'),
                       "%s does not end under “%s”: %s", heading, heading, lines[i]);
      }
}

START_TEST (test_text)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *nps = NULL;
  FwScore overall;
  g_auto(Run) json = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  guint quarters = 0, totals = 0, marked = 0, significant = 0;

  run_stats (&run, (const char *[]) { "stats", "--by", "quarter", NULL });
  get_overall (FW_KIND_CUSTOMER, &overall);
  nps = g_strdup_printf ("%+.1f", overall.nps);
  lines = g_strsplit (run.out, "\n", -1);
  ck_assert_msg (g_str_has_prefix (lines[0], "Quarter"), "%s", run.out);
  assert_column_ends (lines, "Responses");
  assert_column_ends (lines, "NPS");
  assert_column_ends (lines, "interval");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "202"))
        {
          ck_assert_msg (strstr (lines[i], " to ") != NULL, "%s", lines[i]);
          marked += g_str_has_suffix (lines[i], " *");
          quarters++;
        }
      if (g_str_has_prefix (lines[i], "Total"))
        {
          ck_assert_msg (strstr (lines[i], nps) != NULL, "%s lacks %s", lines[i], nps);
          totals++;
        }
    }
  ck_assert_int_eq (quarters, 12);
  ck_assert_int_eq (totals, 1);
  /* The sample data has significant moves, the mark is on exactly those,
   * and the footnote explains it. */
  run_stats (&json, (const char *[]) { "stats", "--by", "quarter", "--json", NULL });
  rows = json_rows (json.out);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = g_ptr_array_index (rows, i);

      significant += strstr (row, "\"change\":null") == NULL && json_get_number (row, "p") < 0.05;
    }
  ck_assert_int_gt (marked, 0);
  ck_assert_int_eq (marked, significant);
  ck_assert_ptr_nonnull (strstr (run.out, "* A significant change"));
}
END_TEST

START_TEST (test_text_empty)
{
  g_auto(Run) run = { 0 };

  run_stats (&run, (const char *[]) { "stats", "--from", "2030-01-01", NULL });
  ck_assert_str_eq (run.out, "No answers match these filters.\n");
}
END_TEST

/* Names with commas and quotes come out quoted in CSV and escaped in JSON. */
START_TEST (test_quoting)
{
  g_auto(Run) import = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) json = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "quoting.db", NULL);
  g_autofree char *file = g_build_filename (tmpdir, "quoting.csv", NULL);
  g_auto(GStrv) lines = NULL;

  ck_assert (g_file_set_contents (file,
                                  "Date,Score,Department\n"
                                  "2025-01-02,9,\"Sales, \"\"North\"\"\"\n"
                                  "2025-01-03,3,\"Sales, \"\"North\"\"\"\n", -1, NULL));
  run_flywheel_on (&import, db, (const char *[]) { "import", "--kind", "customer", file, NULL });
  ck_assert_msg (import.status == 0, "stderr: %s", import.err);

  run_flywheel_on (&csv, db, (const char *[]) { "stats", "--by", "unit", "--csv", NULL });
  ck_assert_int_eq (csv.status, 0);
  lines = g_strsplit (csv.out, "\r\n", -1);
  ck_assert_int_eq (g_strv_length (lines), 3);
  ck_assert_msg (g_str_has_prefix (lines[1], "\"Sales, \"\"North\"\"\",2,1,0,1,0,"), "%s",
                 lines[1]);
  ck_assert_msg (g_str_has_suffix (lines[1], ",,,,false"), "%s", lines[1]);

  run_flywheel_on (&json, db, (const char *[]) { "stats", "--by", "unit", "--json", NULL });
  ck_assert_int_eq (json.status, 0);
  ck_assert_msg (strstr (json.out, "{\"key\":\"Sales, \\\"North\\\"\",\"n\":2,") != NULL,
                 "%s", json.out);
}
END_TEST

START_TEST (test_rolling)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *first = NULL;

  run_stats (&run, (const char *[]) { "stats", "--rolling", "3", "--json", NULL });
  ck_assert_ptr_nonnull (strstr (run.out, "\"by\":\"month\",\"rolling\":3"));
  rows = json_rows (run.out);
  ck_assert_int_eq (rows->len, 36);
  first = json_get_string (g_ptr_array_index (rows, 0), "key");
  ck_assert_str_eq (first, "2024-01");
}
END_TEST

/* The link finds the lead the sample data builds in, and --lag narrows it
 * to one lag with the pairs behind it. */
START_TEST (test_link)
{
  g_auto(Run) all = { 0 };
  g_auto(Run) one = { 0 };
  g_auto(Run) text = { 0 };
  g_autofree char *lead = g_strdup_printf ("\"best_lag\":%d}", FW_DEMO_LEAD_QUARTERS);
  const char *p;
  guint n_lags = 0;

  run_stats (&all, (const char *[]) { "stats", "--link", "--json", NULL });
  ck_assert_msg (all.status == 0, "stderr: %s", all.err);
  ck_assert_msg (g_str_has_suffix (all.out, "\n") && strstr (all.out, lead) != NULL, "%s",
                 all.out);
  for (p = all.out; (p = strstr (p, "{\"lag\":")) != NULL; p++)
    n_lags++;
  ck_assert_int_eq (n_lags, 4);
  ck_assert_ptr_nonnull (strstr (all.out, "\"pairs\":[{\"unit\":"));

  run_stats (&one, (const char *[]) { "stats", "--link", "--lag", "2", "--json", NULL });
  ck_assert_msg (one.status == 0, "stderr: %s", one.err);
  ck_assert_ptr_nonnull (strstr (one.out, "\"lags\":[{\"lag\":2,"));
  ck_assert_ptr_null (strstr (one.out, "{\"lag\":1,"));
  /* The pairs of lag 2 run from an employee quarter to the one two later. */
  ck_assert_ptr_nonnull (strstr (one.out, "\"ex_quarter\":\"2024-Q1\",\"cx_quarter\":\"2024-Q3\""));

  run_stats (&text, (const char *[]) { "stats", "--link", NULL });
  ck_assert_ptr_nonnull (strstr (text.out, "association, not causation"));
}
END_TEST

START_TEST (test_at_risk)
{
  g_auto(Run) run = { 0 };
  g_autoptr(FwStore) store = fw_store_open (database, NULL);
  g_autoptr(FwAtRisk) at_risk = NULL;
  g_autofree char *count = NULL;

  ck_assert_ptr_nonnull (store);
  at_risk = fw_insights_at_risk (store, NULL, NULL, NULL);
  ck_assert_ptr_nonnull (at_risk);
  ck_assert_int_gt (at_risk->customers->len, 0);

  run_stats (&run, (const char *[]) { "stats", "--at-risk", "--json", NULL });
  ck_assert_msg (run.status == 0, "stderr: %s", run.err);
  count = g_strdup_printf ("{\"count\":%u,\"customers\":[{\"respondent\":",
                           at_risk->customers->len);
  ck_assert_msg (g_str_has_prefix (run.out, count), "%.200s", run.out);
}
END_TEST

START_TEST (test_spend)
{
  g_auto(Run) run = { 0 };
  double uplift;

  run_stats (&run, (const char *[]) { "stats", "--spend", "--json", NULL });
  ck_assert_msg (run.status == 0, "stderr: %s", run.err);
  ck_assert_ptr_nonnull (strstr (run.out, "{\"promoters\":{\"n\":"));
  uplift = json_get_number (run.out, "uplift");
  /* The generator makes promoters spend 1.6 times what detractors do. */
  ck_assert_double_gt (uplift, 50.0);
  ck_assert_double_lt (uplift, 70.0);
}
END_TEST

/* A small database of known comments: Ops has 9 employee answers in
 * March 2025, every one with a comment, and 10 in April, two with one. */
static char *
comments_database (void)
{
  g_auto(Run) ex = { 0 };
  g_auto(Run) cx = { 0 };
  g_autoptr(GString) rows = g_string_new ("Date,Score,Department,Comment\n");
  g_autofree char *ex_file = g_build_filename (tmpdir, "comments-ex.csv", NULL);
  g_autofree char *cx_file = g_build_filename (tmpdir, "comments-cx.csv", NULL);
  char *db = g_build_filename (tmpdir, "comments.db", NULL);

  for (guint i = 0; i < 9; i++)
    g_string_append_printf (rows, "2025-03-%02u,%u,Ops,march %u\n", i + 3, i, i);
  g_string_append (rows, "2025-04-20,9,Ops,\"april, \"\"good\"\"\"\n"
                         "2025-04-03,2,Ops,april bad\n");
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (rows, "2025-04-%02u,7,Ops,\n", i + 4);
  ck_assert (g_file_set_contents (ex_file, rows->str, -1, NULL));
  ck_assert (g_file_set_contents (cx_file,
                                  "Date,Score,Department,Channel,Comment\n"
                                  "2025-02-10,3,Shop,Phone,slow\n"
                                  "2025-02-12,9,Shop,Web,great\n"
                                  "2025-01-05,0,Shop,Chat,awful\n", -1, NULL));
  run_flywheel_on (&ex, db, (const char *[]) { "import", "--kind", "employee", ex_file, NULL });
  ck_assert_msg (ex.status == 0, "stderr: %s", ex.err);
  run_flywheel_on (&cx, db, (const char *[]) { "import", "--kind", "customer", cx_file, NULL });
  ck_assert_msg (cx.status == 0, "stderr: %s", cx.err);
  return db;
}

START_TEST (test_comments)
{
  g_autofree char *db = comments_database ();
  g_auto(Run) employee = { 0 };
  g_auto(Run) lower = { 0 };
  g_auto(Run) customer = { 0 };
  g_auto(Run) limited = { 0 };
  g_auto(Run) ranged = { 0 };
  g_auto(Run) text = { 0 };

  /* March (9 answers) stays hidden; April (10) shows by month, no score. */
  run_flywheel_on (&employee, db, (const char *[]) { "stats", "--comments", "--kind", "employee",
                                                     "--json", NULL });
  ck_assert_msg (employee.status == 0, "stderr: %s", employee.err);
  ck_assert_str_eq (employee.out,
                    "{\"kind\":\"employee\",\"min_comments\":10,\"comments\":["
                    "{\"month\":\"2025-04\",\"unit\":\"Ops\",\"text\":\"april bad\"},"
                    "{\"month\":\"2025-04\",\"unit\":\"Ops\",\"text\":\"april, \\\"good\\\"\"}"
                    "]}\n");

  /* --min-comments is the threshold: at 9 March shows as well. */
  run_flywheel_on (&lower, db, (const char *[]) { "stats", "--comments", "--kind", "employee",
                                                  "--min-comments", "9", "--json", NULL });
  ck_assert_msg (lower.status == 0, "stderr: %s", lower.err);
  ck_assert_ptr_nonnull (strstr (lower.out, "\"min_comments\":9,"));
  ck_assert_ptr_nonnull (strstr (lower.out, "{\"month\":\"2025-03\",\"unit\":\"Ops\",\"text\":"
                                            "\"march 0\"}"));
  ck_assert_ptr_null (strstr (lower.out, "score"));

  run_flywheel_on (&customer, db, (const char *[]) { "stats", "--comments", "--json", NULL });
  ck_assert_msg (customer.status == 0, "stderr: %s", customer.err);
  ck_assert_str_eq (customer.out,
                    "{\"kind\":\"customer\",\"comments\":["
                    "{\"day\":\"2025-02-12\",\"unit\":\"Shop\",\"touchpoint\":\"Web\","
                    "\"score\":9,\"text\":\"great\"},"
                    "{\"day\":\"2025-02-10\",\"unit\":\"Shop\",\"touchpoint\":\"Phone\","
                    "\"score\":3,\"text\":\"slow\"},"
                    "{\"day\":\"2025-01-05\",\"unit\":\"Shop\",\"touchpoint\":\"Chat\","
                    "\"score\":0,\"text\":\"awful\"}]}\n");

  run_flywheel_on (&limited, db, (const char *[]) { "stats", "--comments", "--limit", "1",
                                                    "--json", NULL });
  ck_assert_int_eq (limited.status, 0);
  ck_assert_ptr_nonnull (strstr (limited.out, "\"text\":\"great\"}]}"));
  ck_assert_ptr_null (strstr (limited.out, "slow"));

  run_flywheel_on (&ranged, db, (const char *[]) { "stats", "--comments", "--from", "2025-01-06",
                                                   "--to", "2025-02-11", "--json", NULL });
  ck_assert_int_eq (ranged.status, 0);
  ck_assert_ptr_nonnull (strstr (ranged.out, "\"comments\":[{\"day\":\"2025-02-10\""));
  ck_assert_ptr_null (strstr (ranged.out, "great"));
  ck_assert_ptr_null (strstr (ranged.out, "awful"));

  run_flywheel_on (&text, db, (const char *[]) { "stats", "--comments", "--kind", "employee",
                                                 NULL });
  ck_assert_int_eq (text.status, 0);
  ck_assert_msg (g_str_has_prefix (text.out, "2 comments, newest first.\n"), "%s", text.out);
  ck_assert_ptr_nonnull (strstr (text.out, "  2025-04     Ops\n    april bad\n"));
  ck_assert_ptr_null (strstr (text.out, "march"));
}
END_TEST

/* Usage errors say what was wrong on stderr, print nothing else and exit 2. */
static const struct
{
  const char *args[7];
  const char *says;
} usage_errors[] = {
  { { "stats", "--by", "decade", NULL }, "“decade” is not a grouping" },
  { { "stats", "--kind", "robot", NULL }, "“robot” is not a kind" },
  { { "stats", "--json", "--csv", NULL }, "--json and --csv" },
  { { "stats", "--min-group", "2", NULL }, "3 or more" },
  { { "stats", "--from", "2025-13-01", NULL }, "“2025-13-01” is not a day" },
  { { "stats", "--from", "2025-06-01", "--to", "2025-01-01", NULL }, "comes after" },
  { { "stats", "--rolling", "-1", NULL }, "1 month or more" },
  { { "stats", "--rolling", "3", "--by", "unit", NULL }, "Rolling windows are monthly" },
  { { "stats", "--rolling", "many", NULL }, "many" },
  { { "stats", "extra", NULL }, "Unexpected argument “extra”" },
  { { "stats", "--link", "--spend", NULL }, "Choose one of --link, --at-risk, --spend," },
  { { "stats", "--movers", "--at-risk", NULL }, "Choose one of --link, --at-risk, --spend," },
  { { "stats", "--movers", "--by", "unit", NULL }, "--movers takes only" },
  { { "stats", "--at-risk", "--csv", NULL }, "take only" },
  { { "stats", "--spend", "--by", "unit", NULL }, "take only" },
  { { "stats", "--link", "--lag", "3", NULL }, "0, 1, 2 or 4" },
  { { "stats", "--lag", "1", NULL }, "--lag goes with --link" },
  { { "stats", "--comments", "--spend", NULL }, "Choose one of --link, --at-risk, --spend," },
  { { "stats", "--comments", "--by", "month", NULL }, "--comments takes only" },
  { { "stats", "--comments", "--csv", NULL }, "--comments takes only" },
  { { "stats", "--limit", "5", NULL }, "go with --comments" },
  { { "stats", "--at-risk", "--min-comments", "12", NULL }, "go with --comments" },
  { { "stats", "--comments", "--limit", "0", NULL }, "1 or more" },
  { { "stats", "--comments", "--min-comments", "4", NULL }, "5 or more" },
};

START_TEST (test_usage_errors)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "usage.db", NULL);

  run_flywheel_on (&run, db, usage_errors[_i].args);
  ck_assert_msg (run.status == 2, "exit %d, stderr: %s", run.status, run.err);
  ck_assert_msg (g_str_has_prefix (run.err, "flywheel: "), "stderr: %s", run.err);
  ck_assert_msg (strstr (run.err, usage_errors[_i].says) != NULL, "stderr: %s", run.err);
  ck_assert_str_eq (run.out, "");
  ck_assert (!g_file_test (db, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_runtime_errors)
{
  g_auto(Run) unit = { 0 };
  g_auto(Run) touchpoint = { 0 };
  g_auto(Run) missing = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "missing.db", NULL);

  run_flywheel_on (&unit, database, (const char *[]) { "stats", "--unit", "Billing", "--unit",
                                                       "Atlantis", NULL });
  ck_assert_int_eq (unit.status, 1);
  ck_assert_msg (g_str_has_prefix (unit.err, "flywheel: "), "stderr: %s", unit.err);
  ck_assert_msg (strstr (unit.err, "“Atlantis”") != NULL, "stderr: %s", unit.err);
  ck_assert_str_eq (unit.out, "");

  run_flywheel_on (&touchpoint, database, (const char *[]) { "stats", "--touchpoint", "Pigeon",
                                                             NULL });
  ck_assert_int_eq (touchpoint.status, 1);
  ck_assert_msg (strstr (touchpoint.err, "“Pigeon”") != NULL, "stderr: %s", touchpoint.err);

  /* Reading never creates a database. */
  run_flywheel_on (&missing, db, (const char *[]) { "stats", NULL });
  ck_assert_int_eq (missing.status, 1);
  ck_assert_msg (strstr (missing.err, db) != NULL, "stderr: %s", missing.err);
  ck_assert (!g_file_test (db, G_FILE_TEST_EXISTS));
}
END_TEST

static Suite *
stats_cli_suite (void)
{
  Suite *s = suite_create ("stats-cli");
  TCase *tc = tcase_create ("stats-cli");

  tcase_add_unchecked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_json_total);
  tcase_add_test (tc, test_json_quarters);
  tcase_add_test (tc, test_unit_filter);
  tcase_add_test (tc, test_employee_suppressed);
  tcase_add_test (tc, test_min_group);
  tcase_add_test (tc, test_preferences);
  tcase_add_test (tc, test_movers);
  tcase_add_test (tc, test_csv);
  tcase_add_test (tc, test_text);
  tcase_add_test (tc, test_text_empty);
  tcase_add_test (tc, test_quoting);
  tcase_add_test (tc, test_rolling);
  tcase_add_test (tc, test_link);
  tcase_add_test (tc, test_at_risk);
  tcase_add_test (tc, test_spend);
  tcase_add_test (tc, test_comments);
  tcase_add_loop_test (tc, test_usage_errors, 0, G_N_ELEMENTS (usage_errors));
  tcase_add_test (tc, test_runtime_errors);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (stats_cli_suite ());
  int failed;

  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
