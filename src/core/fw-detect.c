/* fw-detect.c: what a survey export holds, from its headers and a sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Detection reads the first records of a table once: the header rows tell
 * the vendor layout, and a sample of answers tells which columns hold scores,
 * dates and amounts.  Header words only propose a role; the values must
 * agree before a column gets it, because a column called "Date of birth" or
 * "How would you rate the food?" says little about what it holds.  When the
 * evidence does not single out one score column the detection says so and
 * names the candidates: a silently wrong score column gives a plausible,
 * wrong NPS, which is worse than a question.
 */

#define G_LOG_DOMAIN "fw-detect"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-csv.h"
#include "fw-detect.h"
#include "fw-import.h"

/* A column keeps at most this many distinct values for the unit guess. */
#define MAX_DISTINCT 500

typedef struct
{
  guint64        answered;
  guint64        scores;
  int            score_max;
  guint64        amounts;
  guint64        text_bytes;
  FwDateSniffer *dates;
  GHashTable    *distinct;
  gboolean       many;
} ColumnStats;

static const char * const role_names[FW_N_ROLES] = {
  "none", "score", "date", "unit", "touchpoint", "respondent", "response_id", "comment", "spend",
};

static const char * const layout_names[] = {
  "generic", "qualtrics", "qualtrics-legacy", "surveymonkey", "google-forms", "typeform",
  "microsoft-forms", "limesurvey",
};

const char *
fw_role_to_string (FwRole role)
{
  g_return_val_if_fail (role < FW_N_ROLES, NULL);
  return role_names[role];
}

/* Accepts "response-id" and "response_id" alike, whatever the case. */
gboolean
fw_role_from_string (const char *text,
                     FwRole     *role)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (text != NULL && role != NULL, FALSE);

  norm = g_ascii_strdown (text, -1);
  g_strdelimit (norm, "-", '_');
  for (guint i = 0; i < FW_N_ROLES; i++)
    if (g_str_equal (norm, role_names[i]))
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

const char *
fw_layout_to_string (FwLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (layout_names), NULL);
  return layout_names[layout];
}

/* Header words */

/* Whether @word starts a word of @text (both lower case).  Matching at word
 * starts keeps "rate" out of "separate" and "end" out of "weekend". */
static gboolean
has_word (const char *text,
          const char *word)
{
  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    if (p == text || !g_ascii_isalnum (p[-1]))
      return TRUE;
  return FALSE;
}

static gboolean
has_any_word (const char         *text,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (has_word (text, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
equals_any (const char         *text,
            const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_equal (text, words[i]))
      return TRUE;
  return FALSE;
}

/* "Would you recommend us?" in the languages of our users. */
static const char * const recommend_words[] = {
  "recommend", "aanbevelen", "aanraden", "aan te bevelen", "aan te raden", "weiterempfehlen",
  "empfehlen", "empfehlung", "recomendar", "recomendaría", "recomendaria", "recommander",
  "recommanderiez", "recommandation", "likely-to-recommend", NULL
};
static const char * const nps_words[] = {
  "nps", "enps", "net promoter", NULL
};
static const char * const scale_words[] = {
  "0-10", "0 - 10", "0 to 10", "0 tot 10", "0 bis 10", "0 a 10", "0 à 10", "scale", "schaal",
  "skala", "escala", "échelle", "likely", "rate", "rating", "score", "cijfer", "bewertung",
  "puntuación", "note", NULL
};
static const char * const date_best_words[] = {
  "recordeddate", "recorded date", "submitdate", "submit date", "date submitted", "submitted",
  "completion time", "completion", "timestamp", "tijdstempel", "zeitstempel", "marca temporal",
  "horodateur", "enddate", "end date", "end time", "response date", NULL
};
static const char * const date_words[] = {
  "date", "datum", "fecha", "time", "tijd", "zeit", "day", "dag", "tag", "día", "jour", "startdate",
  "start date", "start time", NULL
};
static const char * const response_id_names[] = {
  "responseid", "response id", "response_id", "respondentid", "respondent id", "antwort-id",
  "antwort id", "id", "#", "submission id", "response number", "antwoord-id", "id de respuesta",
  "id de réponse", NULL
};
static const char * const respondent_words[] = {
  "customer id", "customer_id", "customerid", "customer number", "client id", "klantnummer",
  "klant-id", "klant id", "kundennummer", "kunden-id", "employee id", "personeelsnummer",
  "mitarbeiter-id", "id de cliente", "numéro client", "respondent", "recipientemail", "email",
  "e-mail", NULL
};
static const char * const unit_words[] = {
  "department", "afdeling", "abteilung", "departamento", "département", "store", "shop",
  "winkel", "filiale", "tienda", "magasin", "team", "branch", "vestiging", "business unit",
  "bedrijfsonderdeel", "location", "locatie", "standort", "ubicación", "site", "unit",
  "eenheid", "einheit", "unidad", "unité", "division", "divisie", "region", "regio", "région", "región", NULL
};
static const char * const touchpoint_words[] = {
  "touchpoint", "touch point", "channel", "kanaal", "kanal", "canal", "contactmoment",
  "contact type", "interaction", NULL
};
static const char * const comment_words[] = {
  "comment", "why", "reason", "opmerking", "toelichting", "waarom", "kommentar", "warum",
  "begründung", "comentario", "por qué", "porque", "commentaire", "pourquoi", "feedback",
  "explain", "suggest", "remark", "anything else", "improve", "better", "verbeteren", "beter",
  "verbessern", "besser", "mejorar", "améliorer", NULL
};
static const char * const spend_words[] = {
  "spend", "amount", "revenue", "order value", "purchase", "bedrag", "omzet", "besteding",
  "betrag", "umsatz", "ausgaben", "importe", "gasto", "montant", "dépense", NULL
};
static const char * const employee_words[] = {
  "place to work", "as an employer", "as employer", "als werkgever", "werkgever",
  "als arbeitgeber", "arbeitgeber", "lugar para trabajar", "como empleador", "empleador",
  "employeur", "où travailler", "enps", "employee net promoter", "your manager",
  "je leidinggevende", NULL
};

/* Lower case, HTML tags removed (Typeform), white space trimmed. */
static char *
normalize_header (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (down));
  gboolean in_tag = FALSE;

  for (const char *p = down; *p != '\0'; p++)
    {
      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/'))
        in_tag = TRUE;
      else if (in_tag && *p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

/* The first records */

typedef struct
{
  guint   n;
  char  **fields;
} Record;

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->fields, g_strfreev);
  record->n = 0;
}

static void
record_set (Record             *record,
            guint               n,
            const char * const *fields)
{
  record->n = n;
  record->fields = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    record->fields[i] = g_strdup (fields[i]);
}

static gboolean
record_has (const Record       *record,
            const char * const *names)
{
  for (guint i = 0; i < record->n; i++)
    {
      g_autofree char *norm = normalize_header (record->fields[i]);

      if (equals_any (norm, names))
        return TRUE;
    }
  return FALSE;
}

static FwLayout
detect_layout (const Record *head,
               guint         n_head,
               guint        *header_rows)
{
  static const char * const qualtrics_ids[] = { "responseid", NULL };
  static const char * const legacy_ids[] = { "responseid", NULL };
  static const char * const sm_row2[] = { "response", "open-ended response", NULL };
  static const char * const sm_row1[] = { "respondentid", "respondent id", "startdate",
                                          "start date", "collectorid", NULL };
  static const char * const gforms_first[] = { "timestamp", "tijdstempel", "zeitstempel",
                                               "marca temporal", "horodateur",
                                               "informazioni cronologiche", NULL };
  static const char * const typeform_ids[] = { "network id", NULL };
  static const char * const typeform_dates[] = { "submit date (utc)", "start date (utc)", NULL };
  static const char * const msforms_a[] = { "start time", NULL };
  static const char * const msforms_b[] = { "completion time", NULL };
  static const char * const lime_a[] = { "submitdate", "date submitted", NULL };
  static const char * const lime_b[] = { "lastpage", "last page", NULL };
  static const char * const lime_c[] = { "startlanguage", "start language", NULL };
  g_autofree char *first = NULL;

  *header_rows = 1;
  if (n_head == 0 || head[0].n == 0)
    return FW_LAYOUT_GENERIC;

  /* Qualtrics since 2017: ids, question texts, then {"ImportId":...}. */
  if (n_head >= 3 && head[2].n > 0 && record_has (&head[0], qualtrics_ids))
    for (guint i = 0; i < head[2].n; i++)
      if (g_str_has_prefix (head[2].fields[i], "{\"ImportId\""))
        {
          *header_rows = 3;
          return FW_LAYOUT_QUALTRICS;
        }

  /* The legacy layout numbers its columns V1, V2, ... above the names. */
  if (n_head >= 2 && head[0].n >= 2 && g_str_equal (g_strstrip (head[0].fields[0]), "V1")
      && g_str_equal (head[0].fields[1], "V2") && record_has (&head[1], legacy_ids))
    {
      *header_rows = 2;
      return FW_LAYOUT_QUALTRICS_LEGACY;
    }

  if (n_head >= 2 && record_has (&head[1], sm_row2) && record_has (&head[0], sm_row1))
    {
      *header_rows = 2;
      return FW_LAYOUT_SURVEYMONKEY;
    }

  first = normalize_header (head[0].fields[0]);
  if (equals_any (first, gforms_first))
    return FW_LAYOUT_GOOGLE_FORMS;
  if (record_has (&head[0], typeform_ids) && record_has (&head[0], typeform_dates))
    return FW_LAYOUT_TYPEFORM;
  if (record_has (&head[0], msforms_a) && record_has (&head[0], msforms_b))
    return FW_LAYOUT_MICROSOFT_FORMS;
  if (record_has (&head[0], lime_a) && record_has (&head[0], lime_b)
      && record_has (&head[0], lime_c))
    return FW_LAYOUT_LIMESURVEY;
  return FW_LAYOUT_GENERIC;
}

/* Names to show and key on, and the texts to read roles from. */
static void
make_names (FwDetection  *self,
            const Record *head)
{
  const Record *names_row = &head[0];
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);
  const char *question = "";

  if (self->layout == FW_LAYOUT_QUALTRICS_LEGACY)
    names_row = &head[1];

  self->n_columns = names_row->n;
  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *name = names_row->fields[i];

      if (self->layout == FW_LAYOUT_SURVEYMONKEY)
        {
          /* Row 1 names a question once, over all of its choices; row 2
           * names the choices, or says "Response" for single answers. */
          const char *choice = i < head[1].n ? head[1].fields[i] : "";

          if (*name != '\0')
            question = name;
          if (*name == '\0' && *choice != '\0')
            g_ptr_array_add (raw, g_strdup_printf ("%s: %s", question, choice));
          else
            g_ptr_array_add (raw, g_strdup (name));
          g_ptr_array_add (labels, (gpointer) question);
        }
      else if (self->layout == FW_LAYOUT_TYPEFORM)
        {
          g_autofree char *down = normalize_header (name);

          /* Keep the case of the header but lose its tags. */
          g_ptr_array_add (raw, *down == '\0' ? g_strdup ("") : g_strdup (name));
          g_ptr_array_add (labels, (gpointer) name);
        }
      else
        {
          g_ptr_array_add (raw, g_strdup (name));
          if (self->layout == FW_LAYOUT_QUALTRICS && i < head[1].n)
            g_ptr_array_add (labels, head[1].fields[i]);
          else
            g_ptr_array_add (labels, (gpointer) name);
        }
    }

  self->names = fw_csv_unique_names (raw->len, (const char * const *) raw->pdata);
  self->labels = g_new0 (char *, self->n_columns + 1);
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_autofree char *a = normalize_header (self->names[i]);
      g_autofree char *b = normalize_header (g_ptr_array_index (labels, i));

      self->labels[i] = g_str_equal (a, b) ? g_steal_pointer (&a)
                                           : g_strdup_printf ("%s\n%s", a, b);
    }

  for (guint i = 0; i < self->n_columns; i++)
    if (self->layout == FW_LAYOUT_QUALTRICS || self->layout == FW_LAYOUT_QUALTRICS_LEGACY)
      if (g_ascii_strcasecmp (self->names[i], "Status") == 0
          || g_ascii_strcasecmp (self->names[i], "DistributionChannel") == 0)
        {
          self->status_column = i;
          if (g_ascii_strcasecmp (self->names[i], "Status") == 0)
            break;
        }
}

/**
 * fw_detection_is_preview_row:
 *
 * Whether a Qualtrics record is a test the survey's author made with "Survey
 * Preview" (status "Survey Preview", "preview" as distribution channel, or 1
 * in the legacy layout), which is not an answer.
 */
gboolean
fw_detection_is_preview_row (FwDetection        *self,
                             guint               n_fields,
                             const char * const *fields)
{
  const char *status;

  if (self->status_column < 0 || (guint) self->status_column >= n_fields)
    return FALSE;
  status = fields[self->status_column];
  if (g_ascii_strcasecmp (status, "Survey Preview") == 0
      || g_ascii_strcasecmp (status, "preview") == 0)
    return TRUE;
  return self->layout == FW_LAYOUT_QUALTRICS_LEGACY && g_str_equal (status, "1");
}

/* Values */

static void
stats_add (ColumnStats *stats,
           const char  *text)
{
  int score;

  fw_date_sniffer_add (stats->dates, text);
  if (fw_value_is_non_answer (text))
    return;
  stats->answered++;
  stats->text_bytes += strlen (text);
  if (fw_parse_score (text, &score, NULL))
    {
      stats->scores++;
      stats->score_max = MAX (stats->score_max, score);
    }
  {
    double amount;

    if (fw_parse_amount (text, 0, &amount, NULL) && !isnan (amount))
      stats->amounts++;
  }
  if (!stats->many && !g_hash_table_contains (stats->distinct, text))
    {
      if (g_hash_table_size (stats->distinct) >= MAX_DISTINCT)
        stats->many = TRUE;
      else
        g_hash_table_add (stats->distinct, g_strdup (text));
    }
}

static gboolean
mostly (guint64 part,
        guint64 whole)
{
  return whole > 0 && (double) part >= 0.95 * (double) whole;
}

/* The column with the highest @weight, or -1; ties go to the first. */
static int
best_column (const int *weight,
             guint      n)
{
  int best = -1;

  for (guint i = 0; i < n; i++)
    if (weight[i] > 0 && (best < 0 || weight[i] > weight[best]))
      best = i;
  return best;
}

static int
score_weight (const char *label)
{
  if (has_any_word (label, recommend_words))
    return 3;
  if (has_any_word (label, nps_words))
    return 2;
  for (guint i = 0; scale_words[i] != NULL; i++)
    if (g_ascii_isdigit (scale_words[i][0]) ? strstr (label, scale_words[i]) != NULL
                                            : has_word (label, scale_words[i]))
      return 1;
  return 0;
}

static void
decide_roles (FwDetection *self,
              ColumnStats *stats)
{
  guint n = self->n_columns;
  g_autofree int *weight = g_new0 (int, n);
  g_autofree gboolean *taken = g_new0 (gboolean, n);
  int top = 0, n_top = 0;

  for (guint r = 0; r < FW_N_ROLES; r++)
    self->columns[r] = -1;

  /* Response ids are named, not recognised by their values. */
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) lines = g_strsplit (self->labels[i], "\n", 2);

      /* A header of nothing but markup ("<b>") leaves an empty label,
       * which splits into no lines at all. */
      weight[i] = lines[0] != NULL && equals_any (lines[0], response_id_names) ? 1 : 0;
    }
  self->columns[FW_ROLE_RESPONSE_ID] = best_column (weight, n);
  if (self->columns[FW_ROLE_RESPONSE_ID] >= 0)
    taken[self->columns[FW_ROLE_RESPONSE_ID]] = TRUE;

  /* Dates: the values must be dates; the header picks among them, so that
   * Qualtrics' RecordedDate wins over StartDate. */
  for (guint i = 0; i < n; i++)
    {
      double fraction = 0;
      const FwDateSnifferCounts *c = fw_date_sniffer_get_counts (stats[i].dates);

      weight[i] = 0;
      fw_date_sniffer_decide (stats[i].dates, NULL, &fraction);
      if (taken[i] || stats[i].answered == 0 || fraction < 0.95
          || c->n_plain + c->n_day_first + c->n_month_first + c->n_either + c->n_same == 0)
        continue;
      weight[i] = has_any_word (self->labels[i], date_best_words) ? 3
                  : has_any_word (self->labels[i], date_words) ? 2 : 1;
    }
  self->columns[FW_ROLE_DATE] = best_column (weight, n);
  if (self->columns[FW_ROLE_DATE] >= 0)
    taken[self->columns[FW_ROLE_DATE]] = TRUE;

  /* Scores: whole numbers 0 to 10, and more than 5 somewhere, which leaves
   * out five-point scales.  Columns without a telling header are candidates
   * only when no column has one, and must hold nothing else; a telling
   * header needs only most values to be scores, so that a few typing
   * errors are reported by the import rather than hiding the column. */
  for (guint i = 0; i < n; i++)
    {
      int words = score_weight (self->labels[i]);

      weight[i] = 0;
      if (taken[i] || stats[i].score_max <= 5)
        continue;
      if (words > 0 ? 2 * stats[i].scores < stats[i].answered
                    : !mostly (stats[i].scores, stats[i].answered))
        continue;
      weight[i] = words + 1;
      if (weight[i] == 1 && g_hash_table_size (stats[i].distinct) < 3)
        weight[i] = 0;
    }
  for (guint i = 0; i < n; i++)
    top = MAX (top, weight[i]);
  for (guint i = 0; i < n; i++)
    if (weight[i] > 0 && (weight[i] == top || top == 1))
      {
        int column = i;

        g_array_append_val (self->score_candidates, column);
        n_top++;
      }
  if (n_top == 1)
    {
      self->columns[FW_ROLE_SCORE] = g_array_index (self->score_candidates, int, 0);
      taken[self->columns[FW_ROLE_SCORE]] = TRUE;
    }

  for (guint i = 0; i < n; i++)
    weight[i] = !taken[i] && mostly (stats[i].amounts, stats[i].answered)
                && has_any_word (self->labels[i], spend_words);
  self->columns[FW_ROLE_SPEND] = best_column (weight, n);
  if (self->columns[FW_ROLE_SPEND] >= 0)
    taken[self->columns[FW_ROLE_SPEND]] = TRUE;

  /* Qualtrics' LocationLatitude is a place, but not a unit. */
  for (guint i = 0; i < n; i++)
    weight[i] = !taken[i] && !stats[i].many && stats[i].answered > 0
                && has_any_word (self->labels[i], unit_words)
                && !has_word (self->labels[i], "locationlatitude")
                && !has_word (self->labels[i], "locationlongitude")
                && !has_word (self->labels[i], "locationaccuracy");
  self->columns[FW_ROLE_UNIT] = best_column (weight, n);
  if (self->columns[FW_ROLE_UNIT] >= 0)
    taken[self->columns[FW_ROLE_UNIT]] = TRUE;

  for (guint i = 0; i < n; i++)
    weight[i] = !taken[i] && !stats[i].many && stats[i].answered > 0
                && has_any_word (self->labels[i], touchpoint_words)
                && !has_word (self->labels[i], "distribution");
  self->columns[FW_ROLE_TOUCHPOINT] = best_column (weight, n);
  if (self->columns[FW_ROLE_TOUCHPOINT] >= 0)
    taken[self->columns[FW_ROLE_TOUCHPOINT]] = TRUE;

  for (guint i = 0; i < n; i++)
    weight[i] = !taken[i] && has_any_word (self->labels[i], respondent_words);
  self->columns[FW_ROLE_RESPONDENT] = best_column (weight, n);
  if (self->columns[FW_ROLE_RESPONDENT] >= 0)
    taken[self->columns[FW_ROLE_RESPONDENT]] = TRUE;

  /* The comment that explains the score follows it; prefer the nearest. */
  for (guint i = 0; i < n; i++)
    {
      int score = self->columns[FW_ROLE_SCORE];

      weight[i] = 0;
      if (taken[i] || mostly (stats[i].scores, stats[i].answered)
          || !has_any_word (self->labels[i], comment_words))
        continue;
      weight[i] = 1;
      if (score >= 0 && (int) i > score)
        weight[i] = MAX (2, (int) n + 2 - ((int) i - score));
    }
  self->columns[FW_ROLE_COMMENT] = best_column (weight, n);

  self->kind = FW_KIND_CUSTOMER;
  for (guint i = 0; i < n; i++)
    if (has_any_word (self->labels[i], employee_words))
      {
        self->kind = FW_KIND_EMPLOYEE;
        self->kind_from_text = TRUE;
        break;
      }
}

static void
add_preview (GPtrArray          *preview,
             guint               limit,
             guint               n_fields,
             const char * const *fields)
{
  char **copy;

  if (preview == NULL || preview->len >= limit)
    return;
  copy = g_new0 (char *, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    copy[i] = g_strdup (fields[i]);
  g_ptr_array_add (preview, copy);
}

/**
 * fw_detect:
 * @table: a table that has not been read yet
 * @sample_size: answer records to look at, 0 for %FW_DETECT_SAMPLE_SIZE
 * @preview_limit: how many answer records to copy into @preview
 * @preview: (nullable) (element-type GStrv): receives the first answer records
 *
 * Reads the header rows and a sample of answers from @table.  When the date
 * column's order is still open after the sample, the rest of that column is
 * read too, since the order is decided from all of its values.
 *
 * Returns: (transfer full): the detection, or NULL with @error set when the
 *   table cannot be read or has no header
 */
FwDetection *
fw_detect (FwTable   *table,
           guint      sample_size,
           guint      preview_limit,
           GPtrArray *preview,
           GError   **error)
{
  g_autoptr(FwDetection) self = NULL;
  Record head[3] = { { 0 } };
  guint n_head = 0;
  ColumnStats *stats = NULL;
  guint n_fields;
  const char * const *fields;
  GError *local_error = NULL;
  gboolean more = TRUE;
  int date;

  g_return_val_if_fail (table != NULL, NULL);

  if (sample_size == 0)
    sample_size = FW_DETECT_SAMPLE_SIZE;

  self = g_new0 (FwDetection, 1);
  self->status_column = -1;
  self->score_candidates = g_array_new (FALSE, FALSE, sizeof (int));

  while (n_head < 3 && (more = fw_table_next (table, &n_fields, &fields, &local_error)))
    record_set (&head[n_head++], n_fields, fields);
  if (local_error != NULL)
    goto failed;
  if (n_head == 0)
    {
      g_set_error (&local_error, FW_IMPORT_ERROR, FW_IMPORT_ERROR_EMPTY,
                   _("%s is empty: it has no header and no answers."),
                   fw_table_get_display_name (table));
      goto failed;
    }

  self->layout = detect_layout (head, n_head, &self->header_rows);
  make_names (self, head);

  stats = g_new0 (ColumnStats, self->n_columns);
  for (guint i = 0; i < self->n_columns; i++)
    {
      stats[i].dates = fw_date_sniffer_new ();
      stats[i].distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  /* The first records past the header are answers too. */
  for (guint r = self->header_rows; r < n_head; r++)
    {
      if (fw_detection_is_preview_row (self, head[r].n, (const char * const *) head[r].fields))
        continue;
      for (guint i = 0; i < MIN (head[r].n, self->n_columns); i++)
        stats_add (&stats[i], head[r].fields[i]);
      add_preview (preview, preview_limit, head[r].n, (const char * const *) head[r].fields);
      self->n_sampled++;
    }

  while (more && self->n_sampled < sample_size
         && (more = fw_table_next (table, &n_fields, &fields, &local_error)))
    {
      if (fw_detection_is_preview_row (self, n_fields, fields))
        continue;
      for (guint i = 0; i < MIN (n_fields, self->n_columns); i++)
        stats_add (&stats[i], fields[i]);
      add_preview (preview, preview_limit, n_fields, fields);
      self->n_sampled++;
    }
  if (local_error != NULL)
    goto failed;

  decide_roles (self, stats);

  date = self->columns[FW_ROLE_DATE];
  if (date >= 0)
    {
      FwDateSniffer *sniffer = stats[date].dates;

      self->date_order = fw_date_sniffer_decide (sniffer, &self->date_ambiguous, NULL);
      while (more && self->date_order == FW_DATE_ORDER_UNKNOWN
             && (more = fw_table_next (table, &n_fields, &fields, &local_error)))
        if ((guint) date < n_fields && !fw_detection_is_preview_row (self, n_fields, fields))
          {
            fw_date_sniffer_add (sniffer, fields[date]);
            /* One value that fits one order only ends the search. */
            self->date_order = fw_date_sniffer_decide (sniffer, &self->date_ambiguous, NULL);
            if (self->date_order == FW_DATE_ORDER_UNKNOWN && !self->date_ambiguous)
              break;
          }
      if (local_error != NULL)
        goto failed;
      self->date_order = fw_date_sniffer_decide (sniffer, &self->date_ambiguous, NULL);
      self->date_reason = fw_date_sniffer_describe (sniffer);
    }

  for (guint i = 0; i < self->n_columns; i++)
    {
      fw_date_sniffer_free (stats[i].dates);
      g_hash_table_unref (stats[i].distinct);
    }
  g_free (stats);
  for (guint r = 0; r < n_head; r++)
    record_clear (&head[r]);
  return g_steal_pointer (&self);

failed:
  if (stats != NULL)
    for (guint i = 0; i < self->n_columns; i++)
      {
        fw_date_sniffer_free (stats[i].dates);
        g_hash_table_unref (stats[i].distinct);
      }
  g_free (stats);
  for (guint r = 0; r < n_head; r++)
    record_clear (&head[r]);
  g_propagate_error (error, local_error);
  return NULL;
}

void
fw_detection_free (FwDetection *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->names);
  g_strfreev (self->labels);
  g_array_unref (self->score_candidates);
  g_free (self->date_reason);
  g_free (self);
}

FwRole
fw_detection_get_role (FwDetection *self,
                       guint        column)
{
  for (guint r = FW_ROLE_NONE + 1; r < FW_N_ROLES; r++)
    if (self->columns[r] == (int) column)
      return r;
  return FW_ROLE_NONE;
}

/**
 * fw_detection_find_column:
 * @spec: a column name as `inspect` shows it, a question text, or "#N"
 *   (1-based)
 *
 * Returns: the column, or -1 when none fits
 */
int
fw_detection_find_column (FwDetection *self,
                          const char  *spec)
{
  g_autofree char *norm = NULL;

  g_return_val_if_fail (self != NULL && spec != NULL, -1);

  if (spec[0] == '#' && g_ascii_isdigit (spec[1]))
    {
      guint64 n = 0;

      if (g_ascii_string_to_unsigned (spec + 1, 10, 1, self->n_columns, &n, NULL))
        return (int) n - 1;
      return -1;
    }

  for (guint i = 0; i < self->n_columns; i++)
    if (g_str_equal (self->names[i], spec))
      return i;
  norm = normalize_header (spec);
  for (guint i = 0; i < self->n_columns; i++)
    {
      g_auto(GStrv) lines = g_strsplit (self->labels[i], "\n", 2);

      for (guint l = 0; lines[l] != NULL; l++)
        if (g_str_equal (lines[l], norm))
          return i;
    }
  return -1;
}
