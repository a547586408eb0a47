/* fw-import.c: from a survey export to one batch in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import reads the file three times, each time streaming: once for its
 * SHA-256, on a thread of its own beside the rest, so that a file imported
 * before is refused; once for a sample, to detect layout, roles and date
 * order; and once whole, into one transaction.  A record that cannot be imported is named with its
 * record number, column and reason; unless the caller asked for the valid
 * records only, one such record means nothing is written, but reading goes
 * on so that the user sees every problem at once rather than one per try.
 */

#define G_LOG_DOMAIN "fw-import"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-import.h"
#include "fw-mappings.h"
#include "fw-store-import.h"
#include "fw-table.h"

/* Records between two looks at the cancellable and two progress reports. */
#define CHECK_EVERY 4096

G_DEFINE_QUARK (fw-import-error-quark, fw_import_error)

void
fw_import_options_init (FwImportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->date_order = FW_DATE_ORDER_UNKNOWN;
}

static void
problem_free (FwImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

FwImportResult *
fw_import_result_new (void)
{
  FwImportResult *result = g_new0 (FwImportResult, 1);

  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  return result;
}

void
fw_import_result_free (FwImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->detection, fw_detection_free);
  g_free (result->sha256);
  g_ptr_array_unref (result->problems);
  g_free (result->remembered_from);
  g_free (result);
}

/**
 * fw_import_apply_options:
 *
 * Puts the columns the user chose in place of the guesses.  A column chosen
 * for one role loses any other role it was guessed for.
 */
gboolean
fw_import_apply_options (FwDetection           *detection,
                         const FwImportOptions *options,
                         GError               **error)
{
  g_return_val_if_fail (detection != NULL && options != NULL, FALSE);

  for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
    {
      const char *spec = options->columns[r];
      int column;

      if (spec == NULL)
        continue;
      if (*spec == '\0')
        {
          detection->columns[r] = -1;
          continue;
        }
      column = fw_detection_find_column (detection, spec);
      if (column < 0)
        {
          g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_NO_SUCH_COLUMN,
                       /* Translators: a column as the user gave it, then a role. */
                       _("There is no column “%s” for the %s; give a name as “flywheel inspect” "
                         "shows it, or #N for the Nth column."),
                       spec, fw_role_to_string (r));
          return FALSE;
        }
      for (guint other = FW_ROLE_NONE + 1; other < FW_N_ROLES; other++)
        if (detection->columns[other] == column)
          detection->columns[other] = -1;
      detection->columns[r] = column;
    }

  if (options->kind_set)
    {
      detection->kind = options->kind;
      detection->kind_from_text = FALSE;
    }
  if (options->date_order != FW_DATE_ORDER_UNKNOWN)
    {
      detection->date_order = options->date_order;
      detection->date_ambiguous = FALSE;
    }
  return TRUE;
}

static char *
candidate_list (FwDetection *detection)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < detection->score_candidates->len; i++)
    {
      int column = g_array_index (detection->score_candidates, int, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "“%s” (#%d)", detection->names[column], column + 1);
    }
  return g_string_free (text, FALSE);
}

static gboolean
valid_given_date (const char *text)
{
  char day[11];

  return text != NULL && strlen (text) == 10 && text[4] == '-'
         && fw_parse_date (text, FW_DATE_ORDER_YMD, day, NULL) && g_str_equal (day, text);
}

/**
 * fw_import_check_ready:
 *
 * Whether an import can start with what was detected and chosen: one score
 * column, and a date for every record, from a column whose order is known or
 * from the options.  The error says what to choose, and how.
 */
gboolean
fw_import_check_ready (FwDetection           *detection,
                       const FwImportOptions *options,
                       const char            *display_name,
                       GError               **error)
{
  g_return_val_if_fail (detection != NULL && options != NULL, FALSE);

  if (detection->columns[FW_ROLE_SCORE] < 0)
    {
      g_autofree char *candidates = candidate_list (detection);

      /* Without a single answer no column can show its scores; saying
       * there is no NPS question would blame the wrong thing. */
      if (detection->n_sampled == 0)
        g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_EMPTY,
                     _("%s has no answers to import: it holds headers but no records."),
                     display_name);
      else if (detection->score_candidates->len > 1)
        g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_AMBIGUOUS_SCORE,
                     _("%s: more than one column could hold the 0-10 score: %s. Choose one "
                       "with --score-column."),
                     display_name, candidates);
      else
        g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_NO_SCORE,
                     _("%s has no column of scores from 0 to 10, so it holds no NPS question "
                       "that Flywheel can import. If one is there, name it with "
                       "--score-column."),
                     display_name);
      return FALSE;
    }

  if (options->date != NULL && !valid_given_date (options->date))
    {
      g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_INVALID_OPTION,
                   _("“%s” is not a day in the form YYYY-MM-DD."), options->date);
      return FALSE;
    }

  if (detection->columns[FW_ROLE_DATE] < 0)
    {
      if (options->date == NULL)
        {
          g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_NO_DATE,
                       _("%s has no date column. Give the day its answers were collected "
                         "with --date YYYY-MM-DD, or name the date column with "
                         "--date-column."),
                       display_name);
          return FALSE;
        }
    }
  else if (detection->date_order == FW_DATE_ORDER_UNKNOWN)
    {
      g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_DATE_ORDER,
                   _("%s, column “%s”: %s Choose with --date-order dmy, mdy or ymd."),
                   display_name, detection->names[detection->columns[FW_ROLE_DATE]],
                   detection->date_reason != NULL ? detection->date_reason : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * fw_import_file_sha256:
 *
 * Returns: (transfer full): the lower-case hex SHA-256 of the file's bytes
 */
char *
fw_import_file_sha256 (const char   *path,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  gssize n;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 256 * 1024, cancellable,
                                   error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

/* The file's digest, computed on a second thread while the first detects and
 * parses: on a machine with two cores the hashing then costs no time. */
typedef struct
{
  char         *path;
  GCancellable *cancellable;
  GThread      *thread;
  char         *sha256;
  GError       *error;
} ShaJob;

static gpointer
sha_job_run (gpointer data)
{
  ShaJob *job = data;

  job->sha256 = fw_import_file_sha256 (job->path, job->cancellable, &job->error);
  return NULL;
}

static ShaJob *
sha_job_start (const char   *path,
               GCancellable *cancellable)
{
  ShaJob *job = g_new0 (ShaJob, 1);

  job->path = g_strdup (path);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->thread = g_thread_new ("fw-import-sha256", sha_job_run, job);
  return job;
}

static void
sha_job_join (ShaJob *job)
{
  if (job->thread != NULL)
    g_thread_join (g_steal_pointer (&job->thread));
}

static void
sha_job_free (ShaJob *job)
{
  sha_job_join (job);
  g_free (job->path);
  g_clear_object (&job->cancellable);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShaJob, sha_job_free)

/* Waits for the digest and refuses a file imported before.  Called before
 * any other failure is reported, so that "imported before" wins over what
 * the second look at the file would find wrong. */
static gboolean
sha_job_check (ShaJob         *job,
               FwStore        *store,
               const char     *display_name,
               FwImportResult *result,
               GError        **error)
{
  g_autofree char *when = NULL;
  g_autofree char *name = NULL;
  gint64 earlier;

  sha_job_join (job);
  if (job->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&job->error));
      return FALSE;
    }
  if (result->sha256 == NULL)
    result->sha256 = g_strdup (job->sha256);
  if (store == NULL)
    return TRUE;

  earlier = fw_store_find_import_by_sha256 (store, result->sha256, &when, &name, error);
  if (earlier < 0)
    return FALSE;
  if (earlier > 0)
    {
      g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_ALREADY_IMPORTED,
                   _("%s was imported before, on %s (as “%s”); the same file is not "
                     "imported twice."),
                   display_name, when, name);
      return FALSE;
    }
  return TRUE;
}

/* Reports @local_error, unless the file turns out to be imported before. */
static gboolean
fail_after_sha (ShaJob         *job,
                FwStore        *store,
                const char     *display_name,
                FwImportResult *result,
                GError         *local_error,
                GError        **error)
{
  if (!sha_job_check (job, store, display_name, result, error))
    {
      g_clear_error (&local_error);
      return FALSE;
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return FALSE;
}

static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The mapping as the batch records it, so that an import can be explained
 * later and a later file with the same header can reuse it. */
static char *
mapping_json (FwDetection           *detection,
              const FwImportOptions *options)
{
  GString *out = g_string_new ("{");

  g_string_append (out, "\"layout\":");
  json_string (out, fw_layout_to_string (detection->layout));
  g_string_append_printf (out, ",\"header_rows\":%u,\"date_order\":", detection->header_rows);
  json_string (out, fw_date_order_to_string (detection->date_order));
  if (options->date != NULL)
    {
      g_string_append (out, ",\"date\":");
      json_string (out, options->date);
    }
  g_string_append (out, ",\"columns\":{");
  for (guint r = FW_ROLE_NONE + 1, first = TRUE; r < FW_N_ROLES; r++)
    if (detection->columns[r] >= 0)
      {
        if (!first)
          g_string_append_c (out, ',');
        first = FALSE;
        json_string (out, fw_role_to_string (r));
        g_string_append_c (out, ':');
        json_string (out, detection->names[detection->columns[r]]);
      }
  g_string_append (out, "}}");
  return g_string_free (out, FALSE);
}

static const char *
field_of (guint               n_fields,
          const char * const *fields,
          int                 column)
{
  return column >= 0 && (guint) column < n_fields ? fields[column] : NULL;
}

/* Counts a rejected record and keeps its problem while the list has room.
 * Past that the caller does not even make the message, so that a file full
 * of rejects costs no allocation per record. */
static void
reject (FwImportResult *result,
        guint           max_problems,
        guint64         record,
        const char     *column,
        GError         *value_error)
{
  FwImportProblem *problem;

  result->n_rejected++;
  if (result->problems->len >= max_problems)
    return;
  problem = g_new0 (FwImportProblem, 1);
  problem->record = record;
  problem->column = g_strdup (column);
  problem->message = g_strdup (value_error != NULL ? value_error->message : "");
  g_ptr_array_add (result->problems, problem);
}

/**
 * fw_import_file:
 * @store: (nullable): where the records go; may be NULL with
 *   @options->dry_run
 * @result: receives the detection, the counts and the problems, also when
 *   the import fails
 *
 * Imports one file as one batch: all of its valid records, or with problems
 * and without @options->valid_only, nothing.  Cancelling, like any failure,
 * leaves the database as it was.
 */
gboolean
fw_import_file (FwStore               *store,
                const char            *path,
                const FwImportOptions *options,
                GCancellable          *cancellable,
                FwImportProgressFunc   progress,
                gpointer               user_data,
                FwImportResult        *result,
                GError               **error)
{
  g_autoptr(FwTable) table = NULL;
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(FwIdLookup) ids = NULL;
  g_autoptr(ShaJob) sha = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *format = NULL;
  FwDetection *det;
  guint max_problems;
  guint n_fields;
  const char * const *fields;
  GError *local_error = NULL;
  gboolean writing;
  int c_score, c_date, c_unit, c_touch, c_resp, c_id, c_comment, c_spend;
  char day[11] = "";

  g_return_val_if_fail (store != NULL || options->dry_run, FALSE);
  g_return_val_if_fail (path != NULL && options != NULL && result != NULL, FALSE);

  max_problems = options->max_problems > 0 ? options->max_problems
                                           : FW_IMPORT_DEFAULT_MAX_PROBLEMS;

  sha = sha_job_start (path, cancellable);

  table = fw_table_open (path, options->sheet_name, error);
  if (table == NULL)
    return FALSE;
  display_name = g_strdup (fw_table_get_display_name (table));

  result->detection = fw_detect (table, 0, 0, NULL, &local_error);
  if (result->detection == NULL)
    return fail_after_sha (sha, store, display_name, result, local_error, error);
  det = result->detection;
  /* What was chosen for this header before comes first, then what was
   * given now. */
  if (store != NULL)
    {
      FwMapping remembered;
      gboolean found = FALSE;

      if (!fw_mappings_recall (store, det, &remembered, &found, &local_error))
        return fail_after_sha (sha, store, display_name, result, local_error, error);
      if (found)
        {
          fw_mappings_apply (det, &remembered);
          result->remembered_from = g_steal_pointer (&remembered.source_name);
        }
      fw_mapping_clear (&remembered);
    }
  if (!fw_import_apply_options (det, options, &local_error)
      || !fw_import_check_ready (det, options, display_name, &local_error))
    return fail_after_sha (sha, store, display_name, result, local_error, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* The sample moved the reader on; start again for the whole file. */
  g_clear_pointer (&table, fw_table_free);
  table = fw_table_open (path, options->sheet_name, error);
  if (table == NULL)
    return FALSE;
  for (guint i = 0; i < det->header_rows; i++)
    if (!fw_table_next (table, &n_fields, &fields, error))
      return FALSE;

  c_score = det->columns[FW_ROLE_SCORE];
  c_date = det->columns[FW_ROLE_DATE];
  c_unit = det->columns[FW_ROLE_UNIT];
  c_touch = det->columns[FW_ROLE_TOUCHPOINT];
  c_resp = det->columns[FW_ROLE_RESPONDENT];
  c_id = det->columns[FW_ROLE_RESPONSE_ID];
  c_comment = det->columns[FW_ROLE_COMMENT];
  c_spend = det->columns[FW_ROLE_SPEND];
  if (c_date < 0)
    g_strlcpy (day, options->date, sizeof day);

  mapping = mapping_json (det, options);
  format = g_strdup (fw_layout_to_string (det->layout));
  if (store != NULL)
    {
      ids = c_id >= 0 ? fw_id_lookup_new (store, det->kind, error) : NULL;
      if (c_id >= 0 && ids == NULL)
        return FALSE;
    }
  if (!options->dry_run)
    {
      g_autofree char *basename = g_path_get_basename (path);
      FwBatchInfo info = {
        .source_name = basename,
        .sha256 = NULL, /* set once the digest is known */
        .format = format,
        .mapping = mapping,
        .kind = fw_kind_to_string (det->kind),
      };

      batch = fw_store_begin_batch (store, &info, error);
      if (batch == NULL)
        return FALSE;
    }
  writing = batch != NULL;

  while (fw_table_next (table, &n_fields, &fields, &local_error))
    {
      guint64 record = fw_table_get_record_number (table);
      GError **want = result->problems->len < max_problems ? &local_error : NULL;
      FwResponse response = { 0 };
      const char *text;
      int score;

      if (fw_detection_is_preview_row (det, n_fields, fields))
        {
          result->n_previews++;
          continue;
        }
      result->n_records++;

      if (result->n_records % CHECK_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE; /* the batch rolls back as it is freed */
          if (progress != NULL)
            progress (fw_table_get_progress (table), result->n_records, user_data);
        }

      text = field_of (n_fields, fields, c_score);
      if (!fw_parse_score (text, &score, want))
        {
          if (want != NULL && local_error == NULL)
            {
              result->n_no_score++;
              continue;
            }
          if (want == NULL && fw_value_is_non_answer (text))
            {
              result->n_no_score++;
              continue;
            }
          reject (result, max_problems, record, det->names[c_score], local_error);
          g_clear_error (&local_error);
          writing = writing && options->valid_only;
          continue;
        }

      if (c_date >= 0)
        {
          text = field_of (n_fields, fields, c_date);
          if (!fw_parse_date (text, det->date_order, day, want))
            {
              if (want != NULL && local_error == NULL)
                g_set_error_literal (&local_error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_DATE,
                                     _("the answer has a score but no date"));
              reject (result, max_problems, record, det->names[c_date], local_error);
              g_clear_error (&local_error);
              writing = writing && options->valid_only;
              continue;
            }
        }

      response.spend = NAN;
      if (c_spend >= 0 && !fw_parse_amount (field_of (n_fields, fields, c_spend),
                                            det->decimal_mark, &response.spend, want))
        {
          reject (result, max_problems, record, det->names[c_spend], local_error);
          g_clear_error (&local_error);
          writing = writing && options->valid_only;
          continue;
        }

      response.external_id = field_of (n_fields, fields, c_id);
      if (ids != NULL && response.external_id != NULL && *response.external_id != '\0')
        {
          int found = fw_id_lookup_contains (ids, response.external_id, error);

          if (found < 0)
            return FALSE;
          if (found > 0)
            {
              result->n_duplicates++;
              continue;
            }
        }

      if (!writing)
        {
          /* A dry run counts what it would import. */
          if (batch == NULL)
            result->n_imported++;
          continue;
        }

      response.kind = det->kind;
      response.day = day;
      response.score = score;
      response.unit = field_of (n_fields, fields, c_unit);
      response.touchpoint = field_of (n_fields, fields, c_touch);
      response.respondent = field_of (n_fields, fields, c_resp);
      response.comment = field_of (n_fields, fields, c_comment);
      if (response.comment != NULL && fw_value_is_non_answer (response.comment))
        response.comment = NULL;
      if (response.unit != NULL && fw_value_is_non_answer (response.unit))
        response.unit = NULL;
      if (response.touchpoint != NULL && fw_value_is_non_answer (response.touchpoint))
        response.touchpoint = NULL;

      if (!fw_batch_add (batch, &response, &local_error))
        {
          if (!g_error_matches (local_error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID))
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          reject (result, max_problems, record, det->names[c_score], local_error);
          g_clear_error (&local_error);
          writing = writing && options->valid_only;
          continue;
        }
      result->n_imported++;
    }
  if (local_error != NULL)
    return fail_after_sha (sha, store, display_name, result, local_error, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!sha_job_check (sha, store, display_name, result, error))
    return FALSE;
  if (batch != NULL)
    fw_batch_set_sha256 (batch, result->sha256);

  if (result->n_rejected > 0 && !options->valid_only)
    {
      FwImportProblem *first = g_ptr_array_index (result->problems, 0);
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, result->n_rejected);
      g_autofree char *record = g_strdup_printf ("%" G_GUINT64_FORMAT, first->record);

      result->n_imported = 0;
      g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_INVALID_RECORDS,
                   /* Translators: file, count; then the first bad record, its column
                    * and what is wrong with it. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %s record cannot be imported, so nothing was imported. "
                                "Record %s, column “%s”: %s.",
                                "%s: %s records cannot be imported, so nothing was imported. "
                                "The first is record %s, column “%s”: %s.",
                                result->n_rejected),
                   display_name, count, record, first->column, first->message);
      return FALSE;
    }

  if (result->n_imported == 0 && !options->dry_run)
    {
      g_set_error (error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_EMPTY,
                   _("%s has no answers to import: no record has a score in column “%s”."),
                   display_name, det->names[c_score]);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, result->n_records, user_data);
  if (batch == NULL)
    return TRUE;

  fw_batch_set_skipped (batch, result->n_no_score + result->n_duplicates + result->n_rejected
                                  + result->n_previews);
  {
    g_autofree char *basename = g_path_get_basename (path);

    if (!fw_mappings_remember (store, det, basename, error))
      return FALSE;
  }
  return fw_batch_commit (batch, &result->batch_id, error);
}
