/* test-import.c: from real survey exports to batches in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files under $FW_REALWORLD are public exports, used as they are; see
 * ../shared/realworld/README.md for their licences and the figures checked
 * here.  The small files under tests/data/import/ are our own.
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "fw-detect.h"
#include "fw-import.h"
#include "fw-store.h"
#include "fw-table.h"

static char *tmpdir;
static FwStore *store;

static char *
realworld (const char *name)
{
  const char *dir = g_getenv ("FW_REALWORLD");
  char *path;

  ck_assert_msg (dir != NULL, "FW_REALWORLD is not set");
  path = g_build_filename (dir, name, NULL);
  /* A missing file fails: these are the tests that matter most. */
  ck_assert_msg (g_file_test (path, G_FILE_TEST_IS_REGULAR), "missing %s", path);
  return path;
}

static char *
fixture (const char *name)
{
  const char *dir = g_getenv ("FW_TEST_DATA");

  ck_assert_msg (dir != NULL, "FW_TEST_DATA is not set");
  return g_build_filename (dir, "import", name, NULL);
}

static char *
db_path (void)
{
  return g_build_filename (tmpdir, "test.db", NULL);
}

static void
setup (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  tmpdir = g_dir_make_tmp ("fw-import-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  path = db_path ();
  store = fw_store_open (path, &error);
  ck_assert_msg (store != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

  g_clear_object (&store);
  ck_assert_int_eq (system (command), 0);
  g_clear_pointer (&tmpdir, g_free);
}

/* Imports @path; the caller checks the outcome. */
static gboolean
import (const char            *path,
        const FwImportOptions *options,
        FwImportResult       **result,
        GError               **error)
{
  *result = fw_import_result_new ();
  return fw_import_file (store, path, options, NULL, NULL, NULL, *result, error);
}

static void
assert_overall (gint64 n,
                gint64 promoters,
                gint64 detractors)
{
  g_autoptr(GError) error = NULL;
  FwScore score;

  ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, 0, &score, &error));
  ck_assert_int_eq (score.tally.n, n);
  ck_assert_int_eq (score.tally.promoters, promoters);
  ck_assert_int_eq (score.tally.detractors, detractors);
}

/* One row per group of rollup_daily, "key|n|promoters|detractors". */
static char *
rollup_rows (const char *sql)
{
  g_autofree char *path = db_path ();
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%lld|%lld|%lld\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                            sqlite3_column_int64 (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Source: github.com/zzzbitz/prepbench data/case_040/inputs/input_01.csv (MIT). */
START_TEST (test_gforms)
{
  g_autofree char *path = realworld ("gforms_preppin_sudzilla_nps.csv");
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(FwImportResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *days = NULL;
  FwImportOptions options;
  FwScore score;

  fw_import_options_init (&options);

  /* Three questions are asked on a 0-10 scale: the importer must not pick
   * one silently. */
  ck_assert (!import (path, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_AMBIGUOUS_SCORE));
  ck_assert_ptr_nonnull (strstr (error->message, "#2"));
  ck_assert_ptr_nonnull (strstr (error->message, "#4"));
  ck_assert_int_eq (fw_store_count_batches (store, NULL), 0);
  g_clear_error (&error);
  g_clear_pointer (&result, fw_import_result_free);

  options.columns[FW_ROLE_SCORE] = "On a scale of 0-10, how would you rate Sudzilla?";
  ck_assert_msg (import (path, &options, &result, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (result->detection->layout, FW_LAYOUT_GOOGLE_FORMS);
  ck_assert_int_eq (result->detection->date_order, FW_DATE_ORDER_MDY);
  ck_assert_int_eq (result->n_imported, 39);
  assert_overall (39, 8, 22);
  ck_assert (fw_store_get_overall (store, FW_KIND_CUSTOMER, 0, &score, NULL));
  ck_assert_int_eq ((int) round (score.nps * 10), -359);

  days = rollup_rows ("SELECT day, sum (n), sum (promoters), sum (detractors) "
                      "FROM rollup_daily GROUP BY day ORDER BY day");
  /* -35.3 (n=34), -75.0 (n=4), 100.0 (n=1). */
  ck_assert_str_eq (days, "2019-11-01|34|7|19\n2019-11-02|4|0|3\n2019-11-04|1|1|0\n");

  /* The same file again is refused with the date of the first import. */
  ck_assert (!import (path, &options, &again, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_ALREADY_IMPORTED));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    ck_assert_msg (strstr (error->message, today) != NULL, "%s", error->message);
  }
  assert_overall (39, 8, 22);
}
END_TEST

/* Source: github.com/rstudio/r-community-survey 2018/data/ (Apache-2.0). */
START_TEST (test_rstudio)
{
  g_autofree char *path = realworld ("rstudio_rsurvey2018_en_formresponses.tsv");
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *units = NULL;
  FwImportOptions options;

  fw_import_options_init (&options);
  options.columns[FW_ROLE_UNIT] = "#7";
  ck_assert_msg (import (path, &options, &result, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (result->detection->date_order, FW_DATE_ORDER_MDY);
  ck_assert_int_eq (result->n_records, 3062);
  ck_assert_int_eq (result->n_imported, 3001);
  assert_overall (3001, 2294, 130);

  units = rollup_rows ("SELECT u.name, sum (n), sum (promoters), sum (detractors) "
                       "FROM rollup_daily r JOIN units u ON u.id = r.unit_id "
                       "GROUP BY u.name ORDER BY 2 DESC");
  ck_assert_ptr_nonnull (strstr (units, "Intermediate|1745|"));
  ck_assert_ptr_nonnull (strstr (units, "Expert|693|"));
  ck_assert_ptr_nonnull (strstr (units, "Beginner|557|"));
}
END_TEST

/* Source: github.com/carpentries/assessment
 * learner-assessment/archives/2017/data/ (CC BY 4.0). */
START_TEST (test_carpentries)
{
  g_autofree char *path = realworld ("carpentries_longterm_2017.csv");
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(FwImportResult) dated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *units = NULL;
  FwImportOptions options;

  fw_import_options_init (&options);
  options.columns[FW_ROLE_UNIT] = "Country";

  /* No date column: a day must be given. */
  ck_assert (!import (path, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_NO_DATE));
  ck_assert_ptr_nonnull (strstr (error->message, "--date"));
  g_clear_error (&error);

  options.date = "2017-06-30";
  ck_assert_msg (import (path, &options, &dated, &error), "%s", error ? error->message : "");
  assert_overall (402, 215, 69);
  units = rollup_rows ("SELECT u.name, sum (n), sum (promoters), sum (detractors) "
                       "FROM rollup_daily r JOIN units u ON u.id = r.unit_id "
                       "GROUP BY u.name ORDER BY 2 DESC LIMIT 3");
  ck_assert_str_eq (units, "USA|194|100|38\nCanada|51|32|7\nUK|30|21|2\n");
}
END_TEST

/* Source: github.com/fivethirtyeight/data sleeping-alone-data/ (CC BY 4.0). */
START_TEST (test_surveymonkey_refused)
{
  g_autofree char *path = realworld ("surveymonkey_538_sleeping_alone.csv");
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FwImportOptions options;

  fw_import_options_init (&options);
  ck_assert (!import (path, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_NO_SCORE));
  ck_assert_ptr_nonnull (strstr (error->message, "surveymonkey_538_sleeping_alone.csv"));
  ck_assert_ptr_nonnull (strstr (error->message, "0 to 10"));
  ck_assert_int_eq (result->detection->layout, FW_LAYOUT_SURVEYMONKEY);
  ck_assert_int_eq (result->detection->header_rows, 2);
  ck_assert_int_eq (fw_store_count_batches (store, NULL), 0);
}
END_TEST

/* Source: github.com/ropensci/qualtRics tests/testthat/files/ (MIT). */
static const struct
{
  const char *file;
  FwLayout    layout;
  guint       header_rows;
} qualtrics_cases[] = {
  { "qualtrics_qualtRics_sample_de.csv", FW_LAYOUT_QUALTRICS, 3 },
  { "qualtrics_qualtRics_sample_legacy.csv", FW_LAYOUT_QUALTRICS_LEGACY, 2 },
};

START_TEST (test_qualtrics_layouts)
{
  g_autofree char *path = realworld (qualtrics_cases[_i].file);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = fw_table_open (path, NULL, &error);
  g_autoptr(FwDetection) det = NULL;
  g_autoptr(GPtrArray) preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  ck_assert_msg (table != NULL, "%s", error ? error->message : "");
  det = fw_detect (table, 0, 10, preview, &error);
  ck_assert_ptr_nonnull (det);
  ck_assert_int_eq (det->layout, qualtrics_cases[_i].layout);
  ck_assert_int_eq (det->header_rows, qualtrics_cases[_i].header_rows);
  ck_assert_uint_eq (preview->len, 1);
  ck_assert_int_ge (det->columns[FW_ROLE_RESPONSE_ID], 0);
  ck_assert_str_eq (((char **) preview->pdata[0])[det->columns[FW_ROLE_RESPONSE_ID]],
                    "R_2YPOQ602ER1jkf1");
  ck_assert_int_ge (det->columns[FW_ROLE_DATE], 0);
  ck_assert_int_eq (det->date_order, FW_DATE_ORDER_YMD);
  ck_assert_int_lt (det->columns[FW_ROLE_UNIT], 0);
}
END_TEST

/* A unit column is found by its header in the languages of the users. */
static const char *const unit_headers[] = {
  "Unit", "Business Unit", "Afdeling", "Eenheid", "Store", "Team", "Abteilung", "Région",
};

START_TEST (test_unit_header)
{
  g_autofree char *path = g_build_filename (tmpdir, "unit.csv", NULL);
  g_autofree char *text = g_strdup_printf ("Date,%s,How likely are you to recommend us?\n"
                                           "2025-01-02,Amsterdam,9\n2025-01-03,Utrecht,3\n",
                                           unit_headers[_i]);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwDetection) det = NULL;

  ck_assert (g_file_set_contents (path, text, -1, NULL));
  table = fw_table_open (path, NULL, &error);
  ck_assert_msg (table != NULL, "%s", error ? error->message : "");
  det = fw_detect (table, 0, 10, NULL, &error);
  ck_assert_ptr_nonnull (det);
  ck_assert_int_eq (det->columns[FW_ROLE_UNIT], 1);
}
END_TEST

/* A header of nothing but markup, as exports that keep a question's HTML
 * can have, is a column without a name, not a crash (found by fuzz-detect). */
START_TEST (test_markup_only_header)
{
  g_autofree char *path = g_build_filename (tmpdir, "markup.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwDetection) det = NULL;

  ck_assert (g_file_set_contents (path,
                                  "Response ID,<b>,How likely are you to recommend us?,Date\n"
                                  "R_1,x,9,2024-03-01\nR_2,y,3,2024-03-02\n",
                                  -1, NULL));
  table = fw_table_open (path, NULL, &error);
  ck_assert_msg (table != NULL, "%s", error ? error->message : "");
  det = fw_detect (table, 0, 10, NULL, &error);
  ck_assert_msg (det != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (det->columns[FW_ROLE_RESPONSE_ID], 0);
  ck_assert_int_eq (det->columns[FW_ROLE_SCORE], 2);
  ck_assert_int_eq (det->columns[FW_ROLE_DATE], 3);
}
END_TEST

/* The columns chosen for one file are used for the next file with the same
 * header, and only for it; a dry run or a failed import remembers nothing. */
START_TEST (test_remembered_mapping)
{
  g_autofree char *first = g_build_filename (tmpdir, "march.csv", NULL);
  g_autofree char *second = g_build_filename (tmpdir, "april.csv", NULL);
  g_autofree char *other = g_build_filename (tmpdir, "other.csv", NULL);
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FwImportOptions options;

  ck_assert (g_file_set_contents (first, "Date,Q1 recommend,Q2 recommend,Store\n"
                                         "2025-03-01,10,0,Delft\n2025-03-02,9,6,Delft\n", -1,
                                  NULL));
  ck_assert (g_file_set_contents (second, "Date,Q1 recommend,Q2 recommend,Store\n"
                                          "2025-04-01,2,10,Delft\n2025-04-02,9,10,Delft\n",
                                  -1, NULL));
  ck_assert (g_file_set_contents (other, "Date,Q1 recommend,Q2 recommend,Shop\n"
                                         "2025-04-01,2,10,Delft\n2025-04-02,8,3,Delft\n", -1, NULL));

  /* Two columns could be the score: the first import must be told. */
  fw_import_options_init (&options);
  ck_assert (!import (first, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_AMBIGUOUS_SCORE));
  g_clear_error (&error);
  g_clear_pointer (&result, fw_import_result_free);

  /* A dry run with a choice remembers nothing. */
  options.columns[FW_ROLE_SCORE] = "Q2 recommend";
  options.dry_run = TRUE;
  ck_assert_msg (import (first, &options, &result, &error), "%s", error->message);
  g_clear_pointer (&result, fw_import_result_free);
  options.dry_run = FALSE;
  fw_import_options_init (&options);
  ck_assert (!import (second, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_AMBIGUOUS_SCORE));
  g_clear_error (&error);
  g_clear_pointer (&result, fw_import_result_free);

  options.columns[FW_ROLE_SCORE] = "Q2 recommend";
  ck_assert_msg (import (first, &options, &result, &error), "%s", error->message);
  ck_assert_ptr_null (result->remembered_from);
  assert_overall (2, 0, 2);
  g_clear_pointer (&result, fw_import_result_free);

  /* April has the same header: Q2 again, without being told. */
  fw_import_options_init (&options);
  ck_assert_msg (import (second, &options, &result, &error), "%s", error->message);
  ck_assert_str_eq (result->remembered_from, "march.csv");
  ck_assert_int_eq (result->detection->columns[FW_ROLE_SCORE], 2);
  ck_assert_int_eq (result->detection->columns[FW_ROLE_UNIT], 3);
  assert_overall (4, 2, 2);
  g_clear_pointer (&result, fw_import_result_free);

  /* A header that differs in one name is another header. */
  ck_assert (!import (other, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_AMBIGUOUS_SCORE));
  ck_assert_ptr_null (result->remembered_from);
  g_clear_error (&error);
  g_clear_pointer (&result, fw_import_result_free);

  /* An empty column leaves a guessed role out. */
  options.columns[FW_ROLE_SCORE] = "Q1 recommend";
  options.columns[FW_ROLE_UNIT] = "";
  ck_assert_msg (import (other, &options, &result, &error), "%s", error->message);
  ck_assert_int_eq (result->detection->columns[FW_ROLE_UNIT], -1);
  ck_assert_int_eq (result->detection->columns[FW_ROLE_SCORE], 1);
}
END_TEST

/* The other vendors' exports, as they write them: each recognised by its
 * header, with its own date, id and score columns, and imported whole. */
static const struct
{
  const char *name;
  const char *contents;
  FwLayout    layout;
  int         score, date, response_id, respondent;
  gint64      n, promoters, detractors;
} vendor_cases[] = {
  { "typeform.csv",
    "#,How likely are you to recommend Acme to a friend?,What could we do better?,"
    "Start Date (UTC),Submit Date (UTC),Network ID\n"
    "a1b2c3,9,Nothing,2024-03-01 10:00:00,2024-03-01 10:02:13,8f3e21\n"
    "d4e5f6,4,\"Faster, please\",2024-03-02 11:00:00,2024-03-02 11:01:40,77ab90\n"
    "g7h8i9,10,,2024-03-03 09:00:00,2024-03-03 09:00:59,12cd34\n",
    FW_LAYOUT_TYPEFORM, 1, 4, 0, -1, 3, 2, 1 },
  { "msforms.csv",
    "ID,Start time,Completion time,Email,Name,"
    "How likely are you to recommend Contoso to a friend or colleague?,"
    "What is the main reason for your score?\n"
    "1,3/14/24 10:05:33,3/14/24 10:07:01,anonymous,,8,Good service\n"
    "2,3/15/24 14:30:00,3/15/24 14:31:12,anonymous,,2,Slow\n"
    "3,3/16/24 8:00:00,3/16/24 8:03:45,anonymous,,6,\n"
    "4,3/17/24 9:00:00,3/17/24 9:00:30,anonymous,,10,Great\n",
    FW_LAYOUT_MICROSOFT_FORMS, 5, 2, 0, 3, 4, 1, 2 },
  { "limesurvey.csv",
    "Response ID,Date submitted,Last page,Start language,Seed,Date started,Date last action,"
    "\"On a scale from 0 to 10, how likely are you to recommend us?\",Why?\n"
    "1,2024-05-01 12:00:00,2,en,123,2024-05-01 11:58:00,2024-05-01 12:00:00,10,Fine\n"
    "2,2024-05-02 12:00:00,2,en,456,2024-05-02 11:58:00,2024-05-02 12:00:00,9,\n"
    "3,,1,en,789,2024-05-03 11:58:00,2024-05-03 11:59:00,,\n"
    "4,2024-05-04 12:00:00,2,en,321,2024-05-04 11:58:00,2024-05-04 12:00:00,0,Bad\n",
    FW_LAYOUT_LIMESURVEY, 7, 1, 0, -1, 3, 2, 1 },
};

START_TEST (test_vendor_layouts)
{
  g_autofree char *path = g_build_filename (tmpdir, vendor_cases[_i].name, NULL);
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FwImportOptions options;
  FwDetection *det;

  ck_assert (g_file_set_contents (path, vendor_cases[_i].contents, -1, NULL));
  fw_import_options_init (&options);
  ck_assert_msg (import (path, &options, &result, &error), "%s", error ? error->message : "");
  det = result->detection;
  ck_assert_int_eq (det->layout, vendor_cases[_i].layout);
  ck_assert_int_eq (det->columns[FW_ROLE_SCORE], vendor_cases[_i].score);
  ck_assert_int_eq (det->columns[FW_ROLE_DATE], vendor_cases[_i].date);
  ck_assert_int_eq (det->columns[FW_ROLE_RESPONSE_ID], vendor_cases[_i].response_id);
  ck_assert_int_eq (det->columns[FW_ROLE_RESPONDENT], vendor_cases[_i].respondent);
  ck_assert_int_eq (det->columns[FW_ROLE_COMMENT], vendor_cases[_i].score + 1);
  assert_overall (vendor_cases[_i].n, vendor_cases[_i].promoters, vendor_cases[_i].detractors);
}
END_TEST

START_TEST (test_bad_score)
{
  g_autofree char *path = fixture ("bad-score.csv");
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(FwImportResult) valid = NULL;
  g_autoptr(GError) error = NULL;
  FwImportProblem *problem;
  FwImportOptions options;

  fw_import_options_init (&options);
  ck_assert (!import (path, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_INVALID_RECORDS));
  ck_assert_msg (strstr (error->message, "bad-score.csv") != NULL
                 && strstr (error->message, "record 4") != NULL
                 && strstr (error->message, "“Score”") != NULL
                 && strstr (error->message, "“elf”") != NULL,
                 "%s", error->message);
  ck_assert_int_eq (result->n_rejected, 2);
  ck_assert_uint_eq (result->problems->len, 2);
  problem = g_ptr_array_index (result->problems, 1);
  ck_assert_int_eq (problem->record, 6);
  ck_assert_str_eq (problem->column, "Score");
  ck_assert_int_eq (fw_store_count_batches (store, NULL), 0);
  assert_overall (0, 0, 0);
  g_clear_error (&error);

  options.valid_only = TRUE;
  ck_assert_msg (import (path, &options, &valid, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (valid->n_imported, 3);
  ck_assert_int_eq (valid->n_rejected, 2);
  assert_overall (3, 2, 1);
}
END_TEST

START_TEST (test_duplicate_ids)
{
  g_autofree char *first = fixture ("ids-1.csv");
  g_autofree char *second = fixture ("ids-2.csv");
  g_autoptr(FwImportResult) a = NULL;
  g_autoptr(FwImportResult) b = NULL;
  g_autoptr(GError) error = NULL;
  FwImportOptions options;

  fw_import_options_init (&options);
  ck_assert_msg (import (first, &options, &a, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (a->detection->columns[FW_ROLE_RESPONSE_ID], 0);
  ck_assert_int_eq (a->n_imported, 2);
  ck_assert_int_eq (a->n_duplicates, 1);
  ck_assert_int_eq (a->n_no_score, 1);

  ck_assert_msg (import (second, &options, &b, &error), "%s", error ? error->message : "");
  ck_assert_int_eq (b->n_imported, 1);
  ck_assert_int_eq (b->n_duplicates, 1);
  assert_overall (3, 2, 1);
}
END_TEST

static void
cancel_on_progress (double   fraction,
                    guint64  records,
                    gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

START_TEST (test_cancel)
{
  g_autofree char *path = g_build_filename (tmpdir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Date,How likely are you to recommend us?\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FwImportResult) result = fw_import_result_new ();
  g_autoptr(GError) error = NULL;
  FwImportOptions options;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "2024-01-%02u,%u\n", 1 + i % 28, i % 11);
  ck_assert (g_file_set_contents (path, text->str, text->len, NULL));

  fw_import_options_init (&options);
  ck_assert (!fw_import_file (store, path, &options, cancellable, cancel_on_progress,
                              cancellable, result, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (fw_store_count_batches (store, NULL), 0);
  assert_overall (0, 0, 0);
}
END_TEST

START_TEST (test_two_score_candidates)
{
  g_autofree char *path = fixture ("two-scores.csv");
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(FwImportResult) chosen = NULL;
  g_autoptr(GError) error = NULL;
  FwImportOptions options;

  fw_import_options_init (&options);
  ck_assert (!import (path, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_AMBIGUOUS_SCORE));
  ck_assert_uint_eq (result->detection->score_candidates->len, 2);
  ck_assert_ptr_nonnull (strstr (error->message, "--score-column"));
  ck_assert_int_eq (fw_store_count_batches (store, NULL), 0);
  g_clear_error (&error);

  options.columns[FW_ROLE_SCORE] = "#3";
  ck_assert_msg (import (path, &options, &chosen, &error), "%s", error ? error->message : "");
  assert_overall (3, 1, 1);
}
END_TEST

START_TEST (test_ambiguous_dates_and_kind)
{
  g_autofree char *path = fixture ("ambiguous-dates.csv");
  g_autoptr(FwImportResult) result = NULL;
  g_autoptr(FwImportResult) ordered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *days = NULL;
  FwImportOptions options;

  fw_import_options_init (&options);
  ck_assert (!import (path, &options, &result, &error));
  ck_assert (g_error_matches (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_DATE_ORDER));
  ck_assert_ptr_nonnull (strstr (error->message, "--date-order"));
  ck_assert_int_eq (result->detection->kind, FW_KIND_EMPLOYEE);
  ck_assert (result->detection->kind_from_text);
  ck_assert_int_ge (result->detection->columns[FW_ROLE_UNIT], 0);
  g_clear_error (&error);

  options.date_order = FW_DATE_ORDER_DMY;
  ck_assert_msg (import (path, &options, &ordered, &error), "%s", error ? error->message : "");
  /* Two employees are below any anonymity threshold: read the rollup. */
  days = rollup_rows ("SELECT day || ' ' || kind, n, promoters, detractors FROM rollup_daily "
                      "ORDER BY day");
  ck_assert_str_eq (days, "2024-04-03 employee|1|1|0\n2024-06-05 employee|1|0|1\n");
}
END_TEST

/* The command line */

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

static void
run_flywheel (Run               *run,
              const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *database = g_build_filename (tmpdir, "cli.db", NULL);
  int wait_status = 0;

  ck_assert_ptr_nonnull (g_getenv ("FLYWHEEL"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("FLYWHEEL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "FLYWHEEL_DATABASE", database, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmpdir, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error),
                 "%s", error ? error->message : "");
  ck_assert (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

START_TEST (test_cli_inspect_json)
{
  g_autofree char *path = realworld ("rstudio_rsurvey2018_en_formresponses.tsv");
  g_auto(Run) run = { 0 };

  run_flywheel (&run, (const char *[]) { "inspect", "--json", "--limit", "2", path, NULL });
  ck_assert_msg (run.status == 0, "%s", run.err);
  ck_assert_ptr_nonnull (strstr (run.out, "\"format\":\"google-forms\""));
  ck_assert_ptr_nonnull (strstr (run.out, "\"encoding\":\"UTF-8\""));
  ck_assert_ptr_nonnull (strstr (run.out, "\"delimiter\":\"tab\""));
  ck_assert_ptr_nonnull (strstr (run.out, "\"header_rows\":1"));
  ck_assert_ptr_nonnull (strstr (run.out, "\"date_order\":\"mdy\""));
  ck_assert_ptr_nonnull (strstr (run.out, "{\"name\":\"Timestamp\",\"role\":\"date\"}"));
  ck_assert_ptr_nonnull (strstr (run.out, "\"role\":\"score\""));
  ck_assert_ptr_nonnull (strstr (run.out, "\"records\":[[\"12/6/2018 11:57:58\""));
}
END_TEST

START_TEST (test_cli_import)
{
  g_autofree char *gforms = realworld ("gforms_preppin_sudzilla_nps.csv");
  g_autofree char *monkey = realworld ("surveymonkey_538_sleeping_alone.csv");
  g_autofree char *carpentries = realworld ("carpentries_longterm_2017.csv");
  g_autofree char *bad = fixture ("bad-score.csv");
  g_auto(Run) ambiguous = { 0 };
  g_auto(Run) ok = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) no_date = { 0 };
  g_auto(Run) invalid = { 0 };
  g_auto(Run) usage = { 0 };

  run_flywheel (&ambiguous, (const char *[]) { "import", gforms, NULL });
  ck_assert_int_eq (ambiguous.status, 1);
  ck_assert_ptr_nonnull (strstr (ambiguous.err, "--score-column"));

  run_flywheel (&ok, (const char *[]) { "import", "--score-column", "#2", gforms, NULL });
  ck_assert_msg (ok.status == 0, "%s", ok.err);
  ck_assert_ptr_nonnull (strstr (ok.out, "imported 39 customer answers"));

  run_flywheel (&again, (const char *[]) { "import", "--score-column", "#2", gforms, NULL });
  ck_assert_int_eq (again.status, 1);
  ck_assert_ptr_nonnull (strstr (again.err, "imported before"));

  /* The next export with the same header needs no --score-column. */
  {
    g_autofree char *text = NULL;
    g_autofree char *later = g_build_filename (tmpdir, "gforms-later.csv", NULL);
    g_auto(Run) remembered = { 0 };
    char *last_line;

    ck_assert (g_file_get_contents (gforms, &text, NULL, NULL));
    g_strchomp (text);
    last_line = strrchr (text, '\n');
    ck_assert_ptr_nonnull (last_line);
    *last_line = '\0';
    ck_assert (g_file_set_contents (later, text, -1, NULL));
    run_flywheel (&remembered, (const char *[]) { "import", later, NULL });
    ck_assert_msg (remembered.status == 0, "%s", remembered.err);
    ck_assert_ptr_nonnull (strstr (remembered.out, "read with the columns chosen for "
                                                   "“gforms_preppin_sudzilla_nps.csv”"));
    ck_assert_ptr_nonnull (strstr (remembered.out, "imported 38 customer answers"));
  }

  run_flywheel (&none, (const char *[]) { "import", monkey, NULL });
  ck_assert_int_eq (none.status, 1);
  ck_assert_ptr_nonnull (strstr (none.err, "no column of scores from 0 to 10"));

  run_flywheel (&no_date, (const char *[]) { "import", carpentries, NULL });
  ck_assert_int_eq (no_date.status, 1);
  ck_assert_ptr_nonnull (strstr (no_date.err, "no date column"));

  run_flywheel (&invalid, (const char *[]) { "import", bad, NULL });
  ck_assert_int_eq (invalid.status, 1);
  ck_assert_ptr_nonnull (strstr (invalid.err, "record 4, column “Score”"));
  ck_assert_ptr_nonnull (strstr (invalid.err, "bad-score.csv"));

  run_flywheel (&usage, (const char *[]) { "import", "--date-order", "sideways", bad, NULL });
  ck_assert_int_eq (usage.status, 2);
}
END_TEST

static Suite *
import_suite (void)
{
  Suite *s = suite_create ("import");
  TCase *tc = tcase_create ("import");

  tcase_set_timeout (tc, 240);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_gforms);
  tcase_add_test (tc, test_rstudio);
  tcase_add_test (tc, test_carpentries);
  tcase_add_test (tc, test_surveymonkey_refused);
  tcase_add_loop_test (tc, test_qualtrics_layouts, 0, G_N_ELEMENTS (qualtrics_cases));
  tcase_add_loop_test (tc, test_unit_header, 0, G_N_ELEMENTS (unit_headers));
  tcase_add_test (tc, test_markup_only_header);
  tcase_add_test (tc, test_remembered_mapping);
  tcase_add_loop_test (tc, test_vendor_layouts, 0, G_N_ELEMENTS (vendor_cases));
  tcase_add_test (tc, test_bad_score);
  tcase_add_test (tc, test_duplicate_ids);
  tcase_add_test (tc, test_cancel);
  tcase_add_test (tc, test_two_score_candidates);
  tcase_add_test (tc, test_ambiguous_dates_and_kind);
  tcase_add_test (tc, test_cli_inspect_json);
  tcase_add_test (tc, test_cli_import);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (import_suite ());
  int failed;

  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
