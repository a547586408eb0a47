/* test-cli.c: the flywheel command, run as a user runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fw-demo.h"
#include "fw-store.h"

static char *tmpdir;

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

/* Runs the built flywheel with @args (NULL-terminated) in a clean
 * environment whose only database setting is @env_database. */
static void
run_flywheel (Run         *run,
              const char  *env_database,
              const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FLYWHEEL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "FLYWHEEL_DATABASE");
  if (env_database != NULL)
    envp = g_environ_setenv (envp, "FLYWHEEL_DATABASE", env_database, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmpdir, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error),
                 "%s", error ? error->message : "");
  ck_assert (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
setup (void)
{
  tmpdir = g_dir_make_tmp ("fw-cli-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
}

static void
teardown (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);
  ck_assert_int_eq (system (command), 0);
  g_clear_pointer (&tmpdir, g_free);
}

START_TEST (test_help)
{
  g_auto(Run) run = { 0 };

  run_flywheel (&run, NULL, (const char *[]) { "--help", NULL });
  ck_assert_int_eq (run.status, 0);
  ck_assert_ptr_nonnull (strstr (run.out, "--database"));
  ck_assert_ptr_nonnull (strstr (run.out, "--version"));
  ck_assert_ptr_nonnull (strstr (run.out, "demo"));
}
END_TEST

START_TEST (test_version)
{
  g_auto(Run) run = { 0 };

  run_flywheel (&run, NULL, (const char *[]) { "--version", NULL });
  ck_assert_int_eq (run.status, 0);
  ck_assert_str_eq (run.out, "flywheel " PACKAGE_VERSION "\n");
}
END_TEST

/* Usage errors say what was wrong on stderr and exit with 2. */
static const struct
{
  const char *args[4];
  const char *says;
} usage_errors[] = {
  { { "--no-such-option", NULL }, "--no-such-option" },
  { { "frobnicate", NULL }, "Unknown command “frobnicate”" },
  { { "demo", "--seed", "many", NULL }, "many" },
  { { "demo", "--seed", "-4", NULL }, "The seed must be zero or a positive number" },
  { { "demo", "extra", NULL }, "Unexpected argument “extra”" },
};

START_TEST (test_usage_errors)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "usage.db", NULL);

  run_flywheel (&run, db, usage_errors[_i].args);
  ck_assert_int_eq (run.status, 2);
  ck_assert_msg (strstr (run.err, usage_errors[_i].says) != NULL, "stderr: %s", run.err);
  ck_assert_str_eq (run.out, "");
  /* A usage error never creates a database. */
  ck_assert (!g_file_test (db, G_FILE_TEST_EXISTS));
}
END_TEST

static void
assert_demo_counts (const char *path)
{
  g_autoptr(FwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  FwScore customer, employee;

  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (fw_store_count_batches (store, &error), 1);
  ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, 5, &customer, &error));
  ck_assert (fw_store_get_overall (store, FW_KIND_EMPLOYEE, 5, &employee, &error));
  ck_assert_int_gt (customer.tally.n, 50000);
  ck_assert_int_lt (customer.tally.n, 70000);
  ck_assert_int_gt (employee.tally.n, 5000);
  ck_assert_int_lt (employee.tally.n, 7000);
}

START_TEST (test_demo_database_option)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) replace = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "demo.db", NULL);

  run_flywheel (&run, NULL, (const char *[]) { "--database", db, "demo", "--seed", "7", NULL });
  ck_assert_msg (run.status == 0, "stderr: %s", run.err);
  ck_assert_ptr_nonnull (strstr (run.out, "customer"));
  ck_assert_ptr_nonnull (strstr (run.out, db));
  assert_demo_counts (db);

  /* Twice is refused, and says so. */
  run_flywheel (&again, NULL, (const char *[]) { "-d", db, "demo", NULL });
  ck_assert_int_eq (again.status, 1);
  ck_assert_msg (g_str_has_prefix (again.err, "flywheel: "), "stderr: %s", again.err);
  ck_assert_ptr_nonnull (strstr (again.err, "sample data"));
  assert_demo_counts (db);

  /* --replace swaps the sample data for a new one, not adding to it. */
  run_flywheel (&replace, NULL, (const char *[]) { "-d", db, "demo", "--replace", NULL });
  ck_assert_msg (replace.status == 0, "stderr: %s", replace.err);
  assert_demo_counts (db);
}
END_TEST

/* The libraries the dynamic loader mapped for one run, from the file that
 * LD_DEBUG=files wrote (LD_DEBUG_OUTPUT.PID). */
static char *
loaded_libraries (const char *prefix)
{
  g_autofree char *dirname = g_path_get_dirname (prefix);
  g_autofree char *basename = g_path_get_basename (prefix);
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  GString *all = g_string_new (NULL);
  const char *name;

  ck_assert_ptr_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, basename))
      {
        g_autofree char *path = g_build_filename (dirname, name, NULL);
        g_autofree char *text = NULL;

        ck_assert (g_file_get_contents (path, &text, NULL, NULL));
        g_string_append (all, text);
      }
  return g_string_free (all, FALSE);
}

/* The verbs run without GTK: it is in the window's module alone, and the
 * board pack of a cron job does not wait for it to load. */
START_TEST (test_verbs_without_gtk)
{
  g_auto(Run) demo = { 0 };
  g_auto(Run) report = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "pack.pdf", NULL);
  g_autofree char *trace = g_build_filename (tmpdir, "ld-debug", NULL);
  g_autofree char *libraries = NULL;

  run_flywheel (&demo, NULL, (const char *[]) { "-d", db, "demo", "--seed", "3", NULL });
  ck_assert_msg (demo.status == 0, "stderr: %s", demo.err);

  g_setenv ("LD_DEBUG", "files", TRUE);
  g_setenv ("LD_DEBUG_OUTPUT", trace, TRUE);
  run_flywheel (&report, NULL, (const char *[]) { "-d", db, "report", "-o", pdf, NULL });
  g_unsetenv ("LD_DEBUG");
  g_unsetenv ("LD_DEBUG_OUTPUT");
  ck_assert_msg (report.status == 0, "stderr: %s", report.err);
  ck_assert (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  libraries = loaded_libraries (trace);
  ck_assert_msg (strstr (libraries, "file=libcairo.so") != NULL, "%s", libraries);
  ck_assert_msg (strstr (libraries, "libgtk-4") == NULL, "GTK was loaded: %s", libraries);
  ck_assert_msg (strstr (libraries, "libadwaita") == NULL, "libadwaita was loaded");
  ck_assert_msg (strstr (libraries, "libflywheel-gui") == NULL, "the window module was loaded");
}
END_TEST

START_TEST (test_demo_environment_and_default)
{
  g_auto(Run) from_env = { 0 };
  g_auto(Run) from_default = { 0 };
  g_autofree char *env_db = g_build_filename (tmpdir, "env.db", NULL);
  g_autofree char *default_db = g_build_filename (tmpdir, "flywheel", "flywheel.db", NULL);

  run_flywheel (&from_env, env_db, (const char *[]) { "demo", NULL });
  ck_assert_msg (from_env.status == 0, "stderr: %s", from_env.err);
  assert_demo_counts (env_db);
  ck_assert (!g_file_test (default_db, G_FILE_TEST_EXISTS));

  /* Without either, the user's data folder ($XDG_DATA_HOME here). */
  run_flywheel (&from_default, NULL, (const char *[]) { "demo", NULL });
  ck_assert_msg (from_default.status == 0, "stderr: %s", from_default.err);
  assert_demo_counts (default_db);
}
END_TEST

START_TEST (test_demo_csv)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "never.db", NULL);
  g_autofree char *dir = g_build_filename (tmpdir, "exports", NULL);
  const char *names[] = { "customers-2024-2025-qualtrics.csv", "customers-2026.xlsx",
                          "employees-google-forms.csv" };

  run_flywheel (&run, NULL, (const char *[]) { "-d", db, "demo", "--csv", dir, NULL });
  ck_assert_msg (run.status == 0, "stderr: %s", run.err);
  ck_assert_ptr_nonnull (strstr (run.out, dir));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      ck_assert_msg (g_file_test (path, G_FILE_TEST_IS_REGULAR), "%s is missing", names[i]);
    }
  /* Exporting writes no database. */
  ck_assert (!g_file_test (db, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_error_exit_status)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *contents = NULL;

  ck_assert (g_file_set_contents (db, "not a database\n", -1, NULL));
  run_flywheel (&run, NULL, (const char *[]) { "--database", db, "demo", NULL });
  ck_assert_int_eq (run.status, 1);
  ck_assert_msg (strstr (run.err, "is not a Flywheel database") != NULL, "stderr: %s", run.err);
  ck_assert_ptr_nonnull (strstr (run.err, db));
  ck_assert (g_file_get_contents (db, &contents, NULL, NULL));
  ck_assert_str_eq (contents, "not a database\n");
}
END_TEST

/* Two surveys name one store differently: the import suggests the merge,
 * `units --merge` makes the stats count it as one, `--split` undoes it. */
START_TEST (test_units)
{
  g_autofree char *db = g_build_filename (tmpdir, "units.db", NULL);
  g_autofree char *cx = g_build_filename (tmpdir, "cx.csv", NULL);
  g_autofree char *ex = g_build_filename (tmpdir, "ex.csv", NULL);

  ck_assert (g_file_set_contents (cx, "Date,Unit,How likely are you to recommend us?\n"
                                      "2025-01-02,Amsterdam,9\n2025-01-03,Amsterdam,3\n"
                                      "2025-01-04,Rotterdam,10\n", -1, NULL));
  ck_assert (g_file_set_contents (ex, "Date,Team,How likely are you to recommend us as a "
                                      "place to work?\n2025-01-02,Amsterdam Store,9\n"
                                      "2025-01-03,Amsterdam Store,8\n2025-01-05,Amsterdam Store,6\n",
                                  -1, NULL));
  {
    g_auto(Run) run = { 0 };

    run_flywheel (&run, db, (const char *[]) { "import", cx, ex, NULL });
    ck_assert_int_eq (run.status, 0);
    ck_assert_msg (strstr (run.out, "flywheel units --merge 'Amsterdam' --into 'Amsterdam Store'")
                   != NULL, "%s", run.out);
  }
  {
    g_auto(Run) run = { 0 };

    run_flywheel (&run, db, (const char *[]) { "units", "--merge", "Amsterdam Store", "--into",
                                               "amsterdam", NULL });
    ck_assert_int_eq (run.status, 0);
  }
  {
    g_auto(Run) run = { 0 };

    run_flywheel (&run, db, (const char *[]) { "units", "--json", "--min-group", "3", NULL });
    ck_assert_int_eq (run.status, 0);
    ck_assert_str_eq (run.out,
                      "{\"units\":[{\"name\":\"Amsterdam\",\"merged_into\":null,\"customer_n\":2,"
                      "\"employee_n\":3},{\"name\":\"Amsterdam Store\",\"merged_into\":\"Amsterdam\","
                      "\"customer_n\":0,\"employee_n\":0},{\"name\":\"Rotterdam\",\"merged_into\":null,"
                      "\"customer_n\":1,\"employee_n\":0}],\"suggestions\":[]}\n");
  }
  {
    g_auto(Run) run = { 0 };

    run_flywheel (&run, db, (const char *[]) { "stats", "--kind", "employee", "--by", "unit",
                                               "--min-group", "3", "--csv", NULL });
    ck_assert_int_eq (run.status, 0);
    ck_assert_msg (strstr (run.out, "\nAmsterdam,3,") != NULL, "%s", run.out);
  }
  {
    g_auto(Run) run = { 0 };

    run_flywheel (&run, db, (const char *[]) { "units", "--split", "Amsterdam Store", NULL });
    ck_assert_int_eq (run.status, 0);
    run_clear (&run);
    /* Three employee answers in one month are below the default
     * threshold: their count never shows. */
    run_flywheel (&run, db, (const char *[]) { "units", "--json", NULL });
    ck_assert_int_eq (run.status, 0);
    ck_assert_msg (strstr (run.out, "{\"name\":\"Amsterdam Store\",\"merged_into\":null,"
                                    "\"customer_n\":0,\"employee_n\":0}") != NULL, "%s", run.out);
    run_clear (&run);
    run_flywheel (&run, db, (const char *[]) { "units", "--split", "Amsterdam Store", NULL });
    ck_assert_int_eq (run.status, 1);
    ck_assert_msg (strstr (run.err, "is not merged into another unit") != NULL, "%s", run.err);
    run_clear (&run);
    run_flywheel (&run, db, (const char *[]) { "units", "--merge", "Amsterdam", NULL });
    ck_assert_int_eq (run.status, 2);
    ck_assert_msg (strstr (run.err, "--merge and --into go together") != NULL, "%s", run.err);
  }
}
END_TEST

static Suite *
cli_suite (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("cli");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_help);
  tcase_add_test (tc, test_version);
  tcase_add_loop_test (tc, test_usage_errors, 0, G_N_ELEMENTS (usage_errors));
  tcase_add_test (tc, test_demo_database_option);
  tcase_add_test (tc, test_verbs_without_gtk);
  tcase_add_test (tc, test_demo_environment_and_default);
  tcase_add_test (tc, test_demo_csv);
  tcase_add_test (tc, test_error_exit_status);
  tcase_add_test (tc, test_units);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (cli_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
