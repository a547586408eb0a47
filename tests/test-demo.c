/* test-demo.c: the sample data holds the story that fw-demo.c promises
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw-demo.h"
#include "fw-import.h"
#include "fw-store-private.h"

/* One generated answer, copied out of the callback. */
typedef struct
{
  FwKind      kind;
  const char *day;
  int         quarter;
  int         unit;       /* index into fw_demo_get_units () */
  int         touchpoint; /* index into fw_demo_get_touchpoints (), -1 for none */
  int         score;
  const char *respondent;
  const char *external_id;
  const char *comment;
  double      spend;
} Row;

typedef struct
{
  GArray       *rows;
  GStringChunk *strings;
  guint64       hash;
  guint         n_customer;
  guint         n_employee;
} Sample;

typedef struct
{
  gint64 n;
  gint64 promoters;
  gint64 detractors;
} Count;

/* Per unit and quarter, from the generated stream. */
typedef struct
{
  Count cx[FW_DEMO_N_UNITS][FW_DEMO_N_QUARTERS];
  Count ex[FW_DEMO_N_UNITS][FW_DEMO_N_QUARTERS];
} Grid;

static Sample *default_sample;

static int
name_index (const char *const *names,
            const char         *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return i;
  return -2;
}

static guint64
fnv1a (guint64     hash,
       const char *text)
{
  const guchar *p = (const guchar *) (text != NULL ? text : "\x01(null)");

  for (; *p != '\0'; p++)
    hash = (hash ^ *p) * G_GUINT64_CONSTANT (0x100000001B3);
  return (hash ^ 0xFF) * G_GUINT64_CONSTANT (0x100000001B3);
}

static void
collect (const FwResponse *response,
         gpointer          user_data)
{
  Sample *sample = user_data;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  Row row = { 0, };

  row.kind = response->kind;
  row.day = g_string_chunk_insert_const (sample->strings, response->day);
  row.quarter = fw_demo_quarter_of_day (response->day);
  row.unit = name_index (fw_demo_get_units (), response->unit);
  row.touchpoint = name_index (fw_demo_get_touchpoints (), response->touchpoint);
  row.score = response->score;
  row.respondent = response->respondent != NULL
                   ? g_string_chunk_insert_const (sample->strings, response->respondent) : NULL;
  row.external_id = response->external_id != NULL
                    ? g_string_chunk_insert (sample->strings, response->external_id) : NULL;
  row.comment = response->comment != NULL
                ? g_string_chunk_insert_const (sample->strings, response->comment) : NULL;
  row.spend = response->spend;
  g_array_append_val (sample->rows, row);

  if (row.kind == FW_KIND_CUSTOMER)
    sample->n_customer++;
  else
    sample->n_employee++;

  /* Every field goes into the fingerprint, spend to the cent. */
  sample->hash = fnv1a (sample->hash, row.kind == FW_KIND_CUSTOMER ? "c" : "e");
  sample->hash = fnv1a (sample->hash, response->day);
  g_snprintf (number, sizeof number, "%d", response->score);
  sample->hash = fnv1a (sample->hash, number);
  sample->hash = fnv1a (sample->hash, response->unit);
  sample->hash = fnv1a (sample->hash, response->touchpoint);
  sample->hash = fnv1a (sample->hash, response->respondent);
  sample->hash = fnv1a (sample->hash, response->external_id);
  sample->hash = fnv1a (sample->hash, response->comment);
  sample->hash = fnv1a (sample->hash, isnan (response->spend)
                        ? "NAN" : g_ascii_formatd (number, sizeof number, "%.2f",
                                                   response->spend));
}

static void
sample_free (Sample *sample)
{
  g_array_unref (sample->rows);
  g_string_chunk_free (sample->strings);
  g_free (sample);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sample, sample_free)

static Sample *
sample_new (guint64 seed)
{
  Sample *sample = g_new0 (Sample, 1);

  sample->rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), 70000);
  sample->strings = g_string_chunk_new (1 << 20);
  sample->hash = G_GUINT64_CONSTANT (0xCBF29CE484222325);
  fw_demo_generate (seed, collect, sample);
  return sample;
}

static Sample *
get_default_sample (void)
{
  if (default_sample == NULL)
    default_sample = sample_new (FW_DEMO_DEFAULT_SEED);
  return default_sample;
}

#define ROW(sample, i) (&g_array_index ((sample)->rows, Row, (i)))

static void
grid_fill (Grid         *grid,
           const Sample *sample)
{
  memset (grid, 0, sizeof *grid);
  for (guint i = 0; i < sample->rows->len; i++)
    {
      const Row *row = ROW (sample, i);
      Count *count = row->kind == FW_KIND_CUSTOMER ? &grid->cx[row->unit][row->quarter]
                                                   : &grid->ex[row->unit][row->quarter];

      count->n++;
      count->promoters += row->score >= 9;
      count->detractors += row->score <= 6;
    }
}

static double
count_nps (const Count *count)
{
  return count->n > 0 ? 100.0 * (count->promoters - count->detractors) / count->n : NAN;
}

/* NPS over the quarters first..last of one unit. */
static double
span_nps (const Count counts[FW_DEMO_N_QUARTERS],
          int         first,
          int         last)
{
  Count sum = { 0, };

  for (int q = first; q <= last; q++)
    {
      sum.n += counts[q].n;
      sum.promoters += counts[q].promoters;
      sum.detractors += counts[q].detractors;
    }
  return count_nps (&sum);
}

/* Pearson correlation of NPS (q) with eNPS (q - @lag) over all unit-quarters
 * where the pulse has at least 5 answers, as the app's CX-EX chart counts. */
static double
lag_correlation (const Grid *grid,
                 int         lag,
                 int        *n_pairs)
{
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  int n = 0;

  for (int u = 0; u < FW_DEMO_N_UNITS; u++)
    for (int q = lag; q < FW_DEMO_N_QUARTERS; q++)
      {
        double x, y;

        if (grid->ex[u][q - lag].n < FW_ANONYMITY_DEFAULT || grid->cx[u][q].n < 30)
          continue;
        x = count_nps (&grid->ex[u][q - lag]);
        y = count_nps (&grid->cx[u][q]);
        sx += x;
        sy += y;
        sxx += x * x;
        syy += y * y;
        sxy += x * y;
        n++;
      }

  *n_pairs = n;
  return (n * sxy - sx * sy) / sqrt ((n * sxx - sx * sx) * (n * syy - sy * sy));
}

static int
unit_index (const char *name)
{
  return name_index (fw_demo_get_units (), name);
}

/* Whole words, lower-cased, ASCII letters only. */
static gboolean
has_word (const char         *text,
          const char *const  *words)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_auto(GStrv) tokens = NULL;

  for (char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p) && *p != '\'')
      *p = ' ';
  tokens = g_strsplit (lower, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0' && g_strv_contains (words, tokens[i]))
      return TRUE;
  return FALSE;
}

static gboolean
has_stem (const char         *text,
          const char *const  *stems)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  for (guint i = 0; stems[i] != NULL; i++)
    if (strstr (lower, stems[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Words that only one of the two languages uses. */
static const char *const dutch_words[] = {
  "de", "het", "een", "niet", "niets", "ik", "mijn", "geen", "nog", "met", "van", "voor", "heel",
  "erg", "jullie", "zijn", "en", "maar", "naar", "ook", "wel", "al", "op", "te", "bij", "echt",
  "wij", "ons", "onze", "er", "die", "dat", "kan", "mag", "je", "om", "tot", "keer", "meer", NULL,
};
static const char *const english_words[] = {
  "the", "and", "my", "not", "to", "you", "your", "with", "for", "very", "it", "of", "i", "but",
  "a", "our", "they", "on", "no", "me", "thanks", "thank", "each", "great", "best", "good", NULL,
};

static gboolean
is_dutch (const char *comment)
{
  return has_word (comment, dutch_words) && !has_word (comment, english_words);
}

static gboolean
is_english (const char *comment)
{
  return has_word (comment, english_words) && !has_word (comment, dutch_words);
}

/* Words of complaint; fw-demo.c promises one in every complaint. */
static const char *const harsh_stems[] = {
  "never", "worst", "terribl", "unacceptable", "useless", "rude", "ridiculous", "awful", "nobody",
  "wrong", "waste", "disappoint", "shocking", "fed up", "hopeless",
  "nooit", "slecht", "belachelijk", "onacceptabel", "waardelo", "onbeschoft", "teleurgesteld",
  "schandalig", "niemand", "fout", "verkeerd", "zonde van", "klaar mee", "hopeloos", NULL,
};

/* The generator */

START_TEST (test_deterministic)
{
  Sample *first = get_default_sample ();
  g_autoptr(Sample) again = sample_new (FW_DEMO_DEFAULT_SEED);
  g_autoptr(Sample) other = sample_new (FW_DEMO_DEFAULT_SEED + 1);
  g_autoptr(Sample) zero = sample_new (0);

  ck_assert_uint_eq (first->rows->len, again->rows->len);
  ck_assert_uint_eq (first->hash, again->hash);
  ck_assert_uint_ne (first->hash, other->hash);
  ck_assert_uint_ne (first->hash, zero->hash);
  ck_assert_uint_ne (other->hash, zero->hash);
  ck_assert_uint_gt (zero->n_customer, 50000);
}
END_TEST

START_TEST (test_counts)
{
  Sample *sample = get_default_sample ();

  /* Expected 60,000 and about 6,000; a seed stays within 2%. */
  ck_assert_uint_ge (sample->n_customer, FW_DEMO_CUSTOMER_EXPECTED * 98 / 100);
  ck_assert_uint_le (sample->n_customer, FW_DEMO_CUSTOMER_EXPECTED * 102 / 100);
  ck_assert_uint_ge (sample->n_employee, FW_DEMO_EMPLOYEE_EXPECTED * 96 / 100);
  ck_assert_uint_le (sample->n_employee, FW_DEMO_EMPLOYEE_EXPECTED * 104 / 100);
}
END_TEST

START_TEST (test_names)
{
  Sample *sample = get_default_sample ();
  const char *const *unit_names = fw_demo_get_units ();
  const char *const *touchpoint_names = fw_demo_get_touchpoints ();
  guint cx_units[FW_DEMO_N_UNITS] = { 0, }, ex_units[FW_DEMO_N_UNITS] = { 0, };
  guint touchpoints[FW_DEMO_N_TOUCHPOINTS] = { 0, };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  const char *expected_touchpoints[] = { "Phone", "E-mail", "Chat", "Store", "Web", NULL };

  ck_assert_uint_eq (g_strv_length ((char **) unit_names), FW_DEMO_N_UNITS);
  ck_assert (g_strv_equal ((const char *const *) touchpoint_names, expected_touchpoints));
  ck_assert_int_ge (unit_index (FW_DEMO_DIP_UNIT), 0);
  ck_assert_int_ge (unit_index (FW_DEMO_SMALL_UNIT_1), 0);
  ck_assert_int_ge (unit_index (FW_DEMO_SMALL_UNIT_2), 0);
  for (guint i = 0; unit_names[i] != NULL; i++)
    for (guint j = i + 1; unit_names[j] != NULL; j++)
      ck_assert_str_ne (unit_names[i], unit_names[j]);

  for (guint i = 0; i < sample->rows->len; i++)
    {
      const Row *row = ROW (sample, i);

      ck_assert_int_ge (row->unit, 0);
      ck_assert_int_ge (row->score, 0);
      ck_assert_int_le (row->score, 10);
      ck_assert_ptr_nonnull (row->external_id);
      ck_assert_msg (g_hash_table_add (ids, (gpointer) row->external_id),
                     "external id %s twice", row->external_id);

      if (row->kind == FW_KIND_CUSTOMER)
        {
          ck_assert_int_ge (row->touchpoint, 0);
          ck_assert_ptr_nonnull (row->respondent);
          ck_assert (g_str_has_prefix (row->respondent, "C-") && strlen (row->respondent) == 8);
          cx_units[row->unit]++;
          touchpoints[row->touchpoint]++;
        }
      else
        {
          /* Employees are anonymous. */
          ck_assert_int_eq (row->touchpoint, -1);
          ck_assert_ptr_null (row->respondent);
          ck_assert (isnan (row->spend));
          ex_units[row->unit]++;
        }
    }

  for (guint u = 0; u < FW_DEMO_N_UNITS; u++)
    {
      ck_assert_uint_gt (cx_units[u], 1000);
      ck_assert_uint_gt (ex_units[u], 40);
    }
  for (guint t = 0; t < FW_DEMO_N_TOUCHPOINTS; t++)
    ck_assert_uint_gt (touchpoints[t], 2000);
}
END_TEST

START_TEST (test_days)
{
  Sample *sample = get_default_sample ();
  const char *first_customer = NULL, *last_customer = NULL;
  guint per_quarter[2][FW_DEMO_N_QUARTERS] = { { 0, } };

  for (guint i = 0; i < sample->rows->len; i++)
    {
      const Row *row = ROW (sample, i);

      ck_assert_int_ge (row->quarter, 0);
      ck_assert_int_ge (strcmp (row->day, FW_DEMO_FIRST_DAY), 0);
      ck_assert_int_le (strcmp (row->day, FW_DEMO_LAST_DAY), 0);
      if (i > 0)
        ck_assert_int_le (strcmp (ROW (sample, i - 1)->day, row->day), 0);
      if (row->kind == FW_KIND_CUSTOMER)
        {
          if (first_customer == NULL)
            first_customer = row->day;
          last_customer = row->day;
        }
      per_quarter[row->kind][row->quarter]++;
    }

  ck_assert_str_eq (first_customer, FW_DEMO_FIRST_DAY);
  ck_assert_str_eq (last_customer, FW_DEMO_LAST_DAY);
  for (int q = 0; q < FW_DEMO_N_QUARTERS; q++)
    {
      ck_assert_uint_gt (per_quarter[FW_KIND_CUSTOMER][q], 4000);
      ck_assert_uint_gt (per_quarter[FW_KIND_EMPLOYEE][q], 400);
    }
}
END_TEST

static const struct
{
  const char *day;
  int         quarter;
} quarter_cases[] = {
  { "2024-01-01", 0 },
  { "2024-03-31", 0 },
  { "2024-04-01", 1 },
  { "2024-02-29", 0 },
  { "2025-05-15", 5 },
  { "2026-12-31", 11 },
  { "2023-12-31", -1 },
  { "2027-01-01", -1 },
  { "2025-02-30", -1 },
  { "2025-13-01", -1 },
  { "2025-01-01x", -1 },
  { "yesterday", -1 },
};

START_TEST (test_quarter_of_day)
{
  ck_assert_int_eq (fw_demo_quarter_of_day (quarter_cases[_i].day), quarter_cases[_i].quarter);
}
END_TEST

START_TEST (test_repeat_customers)
{
  Sample *sample = get_default_sample ();
  g_autoptr(GHashTable) answers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) last_detractor = g_hash_table_new (g_str_hash, g_str_equal);
  guint repeaters = 0, frequent = 0, repeat_detractors = 0;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < sample->rows->len; i++)
    {
      const Row *row = ROW (sample, i);
      gpointer previous;

      if (row->kind != FW_KIND_CUSTOMER)
        continue;
      g_hash_table_insert (answers, (gpointer) row->respondent,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (
                             g_hash_table_lookup (answers, row->respondent)) + 1));

      /* A detractor again within FW_DEMO_REPEAT_DAYS of the last one. */
      if (row->score <= 6)
        {
          previous = g_hash_table_lookup (last_detractor, row->respondent);
          if (previous != NULL)
            {
              GDate a, b;

              g_date_clear (&a, 1);
              g_date_clear (&b, 1);
              g_date_set_parse (&a, previous);
              g_date_set_parse (&b, row->day);
              if (g_date_days_between (&a, &b) <= FW_DEMO_REPEAT_DAYS)
                repeat_detractors++;
            }
          g_hash_table_insert (last_detractor, (gpointer) row->respondent, (gpointer) row->day);
        }
    }

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      repeaters += GPOINTER_TO_UINT (value) >= 2;
      frequent += GPOINTER_TO_UINT (value) >= 4;
    }

  /* Fewer customers than answers, a good share of them come back, a few
   * many times, and some are detractors twice within three months. */
  ck_assert_uint_lt (g_hash_table_size (answers), sample->n_customer * 85 / 100);
  ck_assert_uint_gt (g_hash_table_size (answers), sample->n_customer * 55 / 100);
  ck_assert_uint_gt (repeaters, g_hash_table_size (answers) / 8);
  ck_assert_uint_gt (frequent, 300);
  ck_assert_uint_gt (repeat_detractors, 1000);
  printf ("seed %d: %u customers, %u of them answer twice or more, %u repeat detractors\n",
          FW_DEMO_DEFAULT_SEED, g_hash_table_size (answers), repeaters, repeat_detractors);
}
END_TEST

START_TEST (test_pulses)
{
  Sample *sample = get_default_sample ();
  Grid grid;
  char first[FW_DEMO_N_UNITS][FW_DEMO_N_QUARTERS][11] = { { { 0, } } };
  char last[FW_DEMO_N_UNITS][FW_DEMO_N_QUARTERS][11] = { { { 0, } } };
  int small_units[] = { unit_index (FW_DEMO_SMALL_UNIT_1), unit_index (FW_DEMO_SMALL_UNIT_2) };
  guint below = 0, at_least = 0;

  grid_fill (&grid, sample);
  for (guint i = 0; i < sample->rows->len; i++)
    {
      const Row *row = ROW (sample, i);

      if (row->kind != FW_KIND_EMPLOYEE)
        continue;
      if (first[row->unit][row->quarter][0] == '\0')
        g_strlcpy (first[row->unit][row->quarter], row->day, 11);
      g_strlcpy (last[row->unit][row->quarter], row->day, 11);
    }

  for (int u = 0; u < FW_DEMO_N_UNITS; u++)
    for (int q = 0; q < FW_DEMO_N_QUARTERS; q++)
      {
        gboolean small = u == small_units[0] || u == small_units[1];

        if (grid.ex[u][q].n < FW_ANONYMITY_DEFAULT)
          {
            ck_assert_msg (small, "%s has %d answers in quarter %d", fw_demo_get_units ()[u],
                           (int) grid.ex[u][q].n, q);
            below++;
          }
        else
          at_least++;
        if (!small)
          ck_assert_int_ge (grid.ex[u][q].n, 15);

        /* One pulse of at most two weeks in the quarter's second month. */
        if (grid.ex[u][q].n > 0)
          {
            GDate a, b;

            g_date_clear (&a, 1);
            g_date_clear (&b, 1);
            g_date_set_parse (&a, first[u][q]);
            g_date_set_parse (&b, last[u][q]);
            ck_assert_int_lt (g_date_days_between (&a, &b), 14);
            ck_assert_int_eq ((g_date_get_month (&a) - 1) % 3, 1);
          }
      }

  ck_assert_uint_ge (below, 3);
  ck_assert_uint_le (below, 20);
  ck_assert_uint_ge (at_least, 124);
}
END_TEST

/* Seeds for the statistical checks: the default and a few more, so that
 * the story does not hang on one lucky draw. */
static const guint64 story_seeds[] = { FW_DEMO_DEFAULT_SEED, 1, 2, 3, 42, 12345 };

START_TEST (test_lead)
{
  g_autoptr(Sample) sample = sample_new (story_seeds[_i]);
  Grid grid;
  double r0, r1, r2;
  int n0, n1, n2;

  grid_fill (&grid, sample);
  r0 = lag_correlation (&grid, 0, &n0);
  r1 = lag_correlation (&grid, FW_DEMO_LEAD_QUARTERS, &n1);
  r2 = lag_correlation (&grid, 2, &n2);

  if (story_seeds[_i] == FW_DEMO_DEFAULT_SEED)
    printf ("seed %" G_GUINT64_FORMAT ": NPS(q) against eNPS(q), eNPS(q-1), eNPS(q-2): "
            "r = %.2f (n %d), %.2f (n %d), %.2f (n %d)\n",
            story_seeds[_i], r0, n0, r1, n1, r2, n2);

  /* Real but not perfect, and clearly strongest at a lead of one quarter. */
  ck_assert_int_ge (n1, 100);
  ck_assert_double_gt (r1, 0.5);
  ck_assert_double_lt (r1, 0.9);
  ck_assert_double_gt (r1 - r0, 0.15);
  ck_assert_double_gt (r1 - r2, 0.15);
}
END_TEST

START_TEST (test_dip)
{
  g_autoptr(Sample) sample = sample_new (story_seeds[_i]);
  int dip = unit_index (FW_DEMO_DIP_UNIT);
  Grid grid;
  double ex_before, ex_dip, ex_after, cx_before, cx_dip, cx_after;
  int ex_low = 0, cx_low = 0;

  grid_fill (&grid, sample);
  ex_before = span_nps (grid.ex[dip], 0, FW_DEMO_DIP_EX_FIRST - 1);
  ex_dip = span_nps (grid.ex[dip], FW_DEMO_DIP_EX_FIRST, FW_DEMO_DIP_EX_LAST);
  ex_after = span_nps (grid.ex[dip], FW_DEMO_DIP_EX_LAST + 1, FW_DEMO_N_QUARTERS - 1);
  cx_before = span_nps (grid.cx[dip], 0, FW_DEMO_DIP_CX_FIRST - 1);
  cx_dip = span_nps (grid.cx[dip], FW_DEMO_DIP_CX_FIRST, FW_DEMO_DIP_CX_LAST);
  cx_after = span_nps (grid.cx[dip], FW_DEMO_DIP_CX_LAST + 1, FW_DEMO_N_QUARTERS - 1);

  if (story_seeds[_i] == FW_DEMO_DEFAULT_SEED)
    printf ("seed %" G_GUINT64_FORMAT ": %s eNPS %.0f, %.0f, %.0f; NPS %.0f, %.0f, %.0f "
            "(before, during, after the dip)\n", story_seeds[_i], FW_DEMO_DIP_UNIT,
            ex_before, ex_dip, ex_after, cx_before, cx_dip, cx_after);

  /* Down and back up on both sides. */
  ck_assert_double_lt (ex_dip, ex_before - 20);
  ck_assert_double_lt (ex_dip, ex_after - 20);
  ck_assert_double_lt (cx_dip, cx_before - 15);
  ck_assert_double_lt (cx_dip, cx_after - 15);

  /* The worst quarters are the dip's, the employees' first. */
  for (int q = 1; q < FW_DEMO_N_QUARTERS; q++)
    {
      if (count_nps (&grid.ex[dip][q]) < count_nps (&grid.ex[dip][ex_low]))
        ex_low = q;
      if (count_nps (&grid.cx[dip][q]) < count_nps (&grid.cx[dip][cx_low]))
        cx_low = q;
    }
  ck_assert_int_ge (ex_low, FW_DEMO_DIP_EX_FIRST);
  ck_assert_int_le (ex_low, FW_DEMO_DIP_EX_LAST);
  ck_assert_int_ge (cx_low, FW_DEMO_DIP_CX_FIRST);
  ck_assert_int_le (cx_low, FW_DEMO_DIP_CX_LAST);
}
END_TEST

START_TEST (test_spend)
{
  Sample *sample = get_default_sample ();
  double sum[3] = { 0, }, ratio;
  guint n[3] = { 0, }, with_spend = 0;

  for (guint i = 0; i < sample->rows->len; i++)
    {
      const Row *row = ROW (sample, i);
      int group = row->score >= 9 ? 2 : row->score >= 7 ? 1 : 0;

      if (row->kind != FW_KIND_CUSTOMER || isnan (row->spend))
        continue;
      ck_assert_double_ge (row->spend, 1.0);
      ck_assert_double_eq_tol (row->spend * 100, round (row->spend * 100), 1e-6);
      sum[group] += row->spend;
      n[group]++;
      with_spend++;
    }

  /* Optional: most answers but far from all have an amount. */
  ck_assert_uint_gt (with_spend, sample->n_customer * 35 / 100);
  ck_assert_uint_lt (with_spend, sample->n_customer * 80 / 100);

  ratio = (sum[2] / n[2]) / (sum[0] / n[0]);
  ck_assert_double_gt (ratio, FW_DEMO_SPEND_RATIO - 0.1);
  ck_assert_double_lt (ratio, FW_DEMO_SPEND_RATIO + 0.1);
  ck_assert_double_gt (sum[1] / n[1], sum[0] / n[0] * 1.1);
  ck_assert_double_lt (sum[1] / n[1], sum[2] / n[2] / 1.1);
}
END_TEST

START_TEST (test_comments)
{
  Sample *sample = get_default_sample ();
  g_autoptr(GHashTable) detractor_texts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) promoter_texts = g_hash_table_new (g_str_hash, g_str_equal);
  guint comments = 0, dutch = 0, english = 0;
  guint harsh[3] = { 0, }, group_comments[3] = { 0, };
  guint cx_comments[3] = { 0, }, cx_answers[3] = { 0, };
  guint store_comments = 0, store_dutch = 0;
  GHashTableIter iter;
  gpointer text;

  for (guint i = 0; i < sample->rows->len; i++)
    {
      const Row *row = ROW (sample, i);
      int group = row->score >= 9 ? 2 : row->score >= 7 ? 1 : 0;
      gboolean store = g_str_has_suffix (fw_demo_get_units ()[row->unit], " Store");

      if (row->kind == FW_KIND_CUSTOMER)
        cx_answers[group]++;
      if (row->comment == NULL)
        continue;

      ck_assert (g_utf8_validate (row->comment, -1, NULL));
      comments++;
      dutch += is_dutch (row->comment);
      english += is_english (row->comment);
      harsh[group] += has_stem (row->comment, harsh_stems);
      group_comments[group]++;
      if (row->kind == FW_KIND_CUSTOMER)
        cx_comments[group]++;
      if (store)
        {
          store_comments++;
          store_dutch += is_dutch (row->comment);
        }
      if (group == 0)
        g_hash_table_add (detractor_texts, (gpointer) row->comment);
      else if (group == 2)
        g_hash_table_add (promoter_texts, (gpointer) row->comment);
    }

  printf ("seed %d: %u comments, %.0f%% Dutch, %u distinct complaints\n", FW_DEMO_DEFAULT_SEED,
          comments, 100.0 * dutch / comments, g_hash_table_size (detractor_texts));

  /* Not everybody comments, detractors most often. */
  ck_assert_uint_gt (comments, sample->rows->len / 4);
  ck_assert_uint_lt (comments, sample->rows->len * 6 / 10);
  ck_assert_double_gt ((double) cx_comments[0] / cx_answers[0],
                       (double) cx_comments[2] / cx_answers[2]);

  /* Every comment is plainly one language; about a third Dutch, mostly
   * from the stores in Dutch cities. */
  ck_assert_uint_ge (dutch + english, comments * 99 / 100);
  ck_assert_uint_gt (dutch, comments / 4);
  ck_assert_uint_lt (dutch, comments / 2);
  ck_assert_uint_gt (store_dutch, store_comments * 7 / 10);

  /* Detractors complain, promoters do not; no text is shared. */
  ck_assert_uint_eq (harsh[0], group_comments[0]);
  ck_assert_uint_eq (harsh[2], 0);
  ck_assert_uint_eq (harsh[1], 0);
  g_hash_table_iter_init (&iter, detractor_texts);
  while (g_hash_table_iter_next (&iter, &text, NULL))
    ck_assert_msg (!g_hash_table_contains (promoter_texts, text), "shared: %s", (char *) text);
  ck_assert_uint_gt (g_hash_table_size (detractor_texts), 100);
  ck_assert_uint_gt (g_hash_table_size (promoter_texts), 50);
}
END_TEST

/* fw_demo_fill against a real database */

typedef struct
{
  char    *dir;
  FwStore *store;
} Fixture;

static Fixture fixture;

static void
store_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture.dir = g_dir_make_tmp ("flywheel-test-demo-XXXXXX", &error);
  ck_assert_msg (fixture.dir != NULL, "%s", error ? error->message : "");
  path = g_build_filename (fixture.dir, "flywheel.db", NULL);
  fixture.store = fw_store_open (path, &error);
  ck_assert_msg (fixture.store != NULL, "%s", error ? error->message : "");
}

static void
store_teardown (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture.store);
  dir = g_dir_open (fixture.dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture.dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture.dir);
  g_clear_pointer (&fixture.dir, g_free);
}

static void
assert_overall (FwKind kind,
                gint64 n)
{
  g_autoptr(GError) error = NULL;
  FwScore score;

  ck_assert (fw_store_get_overall (fixture.store, kind, FW_ANONYMITY_DEFAULT, &score, &error));
  ck_assert_ptr_null (error);
  ck_assert_int_eq (score.tally.n, n);
}

static void
assert_holds_sample (const Sample *sample)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  FwScore score;
  gint64 promoters = 0, detractors = 0;

  for (guint i = 0; i < sample->rows->len; i++)
    if (ROW (sample, i)->kind == FW_KIND_CUSTOMER)
      {
        promoters += ROW (sample, i)->score >= 9;
        detractors += ROW (sample, i)->score <= 6;
      }

  ck_assert (fw_store_get_overall (fixture.store, FW_KIND_CUSTOMER, FW_ANONYMITY_DEFAULT,
                                   &score, &error));
  ck_assert_int_eq (score.tally.n, sample->n_customer);
  ck_assert_int_eq (score.tally.promoters, promoters);
  ck_assert_int_eq (score.tally.detractors, detractors);
  /* Employee answers count only in safe cells, units by month of at least
   * the threshold (see fw-query.c); the sample has a few smaller ones. */
  {
    g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    GHashTableIter iter;
    gpointer n;
    gint64 safe = 0;

    for (guint i = 0; i < sample->rows->len; i++)
      if (ROW (sample, i)->kind == FW_KIND_EMPLOYEE)
        {
          char *key = g_strdup_printf ("%d/%.7s", ROW (sample, i)->unit, ROW (sample, i)->day);

          n = g_hash_table_lookup (cells, key);
          g_hash_table_replace (cells, key, GINT_TO_POINTER (GPOINTER_TO_INT (n) + 1));
        }
    g_hash_table_iter_init (&iter, cells);
    while (g_hash_table_iter_next (&iter, NULL, &n))
      if (GPOINTER_TO_INT (n) >= FW_ANONYMITY_DEFAULT)
        safe += GPOINTER_TO_INT (n);
    ck_assert_int_gt (safe, 0);
    assert_overall (FW_KIND_EMPLOYEE, safe);
  }

  ck_assert (fw_store_get_day_range (fixture.store, FW_KIND_CUSTOMER, &first, &last, &error));
  ck_assert_str_eq (first, FW_DEMO_FIRST_DAY);
  ck_assert_str_eq (last, FW_DEMO_LAST_DAY);
  ck_assert_int_eq (fw_store_find_batch_by_format (fixture.store, FW_DEMO_FORMAT, NULL) > 0, 1);
}

typedef struct
{
  double        last;
  guint         calls;
  GCancellable *cancel_at_half;
} Progress;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  ck_assert_double_ge (fraction, progress->last);
  ck_assert_double_le (fraction, 1.0);
  progress->last = fraction;
  progress->calls++;
  if (progress->cancel_at_half != NULL && fraction >= 0.5)
    g_cancellable_cancel (progress->cancel_at_half);
}

START_TEST (test_fill)
{
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, };

  ck_assert (fw_demo_fill (fixture.store, FW_DEMO_DEFAULT_SEED, FALSE, on_progress, &progress,
                           NULL, &error));
  ck_assert_ptr_null (error);
  ck_assert_double_eq (progress.last, 1.0);
  ck_assert_uint_gt (progress.calls, 20);
  ck_assert_int_eq (fw_store_count_batches (fixture.store, NULL), 1);
  assert_holds_sample (get_default_sample ());
}
END_TEST

START_TEST (test_fill_twice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Sample) other = sample_new (7);
  gint64 first_id, second_id;

  ck_assert (fw_demo_fill (fixture.store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error));
  first_id = fw_store_find_batch_by_format (fixture.store, FW_DEMO_FORMAT, NULL);

  /* Without replace, a second sample is refused and nothing changes. */
  ck_assert (!fw_demo_fill (fixture.store, 7, FALSE, NULL, NULL, NULL, &error));
  ck_assert (g_error_matches (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert_int_eq (fw_store_count_batches (fixture.store, NULL), 1);
  assert_holds_sample (get_default_sample ());

  /* With replace, the new sample takes the old one's place. */
  ck_assert (fw_demo_fill (fixture.store, 7, TRUE, NULL, NULL, NULL, &error));
  ck_assert_ptr_null (error);
  second_id = fw_store_find_batch_by_format (fixture.store, FW_DEMO_FORMAT, NULL);
  ck_assert_int_ne (first_id, second_id);
  ck_assert_int_eq (fw_store_count_batches (fixture.store, NULL), 1);
  assert_holds_sample (other);

  /* Replacing with the same seed works as well. */
  ck_assert (fw_demo_fill (fixture.store, 7, TRUE, NULL, NULL, NULL, &error));
  ck_assert_int_eq (fw_store_count_batches (fixture.store, NULL), 1);
  assert_holds_sample (other);
}
END_TEST

START_TEST (test_fill_cancel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { 0, };

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  ck_assert (!fw_demo_fill (fixture.store, 1, FALSE, NULL, NULL, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  ck_assert_int_eq (fw_store_count_batches (fixture.store, NULL), 0);
  assert_overall (FW_KIND_CUSTOMER, 0);

  /* Cancelled half-way: nothing is written. */
  g_cancellable_reset (cancellable);
  progress.cancel_at_half = cancellable;
  ck_assert (!fw_demo_fill (fixture.store, 1, FALSE, on_progress, &progress, cancellable,
                            &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  ck_assert_double_lt (progress.last, 1.0);
  ck_assert_int_eq (fw_store_count_batches (fixture.store, NULL), 0);
  assert_overall (FW_KIND_CUSTOMER, 0);
  assert_overall (FW_KIND_EMPLOYEE, 0);

  /* A cancelled replacement leaves the old sample in place. */
  ck_assert (fw_demo_fill (fixture.store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error));
  g_cancellable_reset (cancellable);
  progress = (Progress) { 0, };
  progress.cancel_at_half = cancellable;
  ck_assert (!fw_demo_fill (fixture.store, 1, TRUE, on_progress, &progress, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (fw_store_count_batches (fixture.store, NULL), 1);
  assert_holds_sample (get_default_sample ());
}
END_TEST

/* The rollup, cell by cell with names instead of ids, as one text. */
static char *
rollup_text (FwStore *store)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  ck_assert_int_eq (sqlite3_prepare_v2 (fw_store_get_db (store),
                                        "SELECT r.day, r.kind, coalesce (u.name, ''),"
                                        "       coalesce (t.name, ''), r.n, r.promoters,"
                                        "       r.passives, r.detractors, r.spend_n,"
                                        "       printf ('%.2f', r.spend_sum) "
                                        "FROM rollup_daily r"
                                        " LEFT JOIN units u ON u.id = r.unit_id"
                                        " LEFT JOIN touchpoints t ON t.id = r.touchpoint_id "
                                        "ORDER BY 1, 2, 3, 4",
                                        -1, &stmt, NULL),
                    SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 10; i++)
        g_string_append_printf (text, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The vendor-style exports import into exactly what fw_demo_fill() stores:
 * same days, units, touchpoints, categories and spend, cell by cell. */
START_TEST (test_export_imports_as_fill)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exports = g_build_filename (fixture.dir, "exports", NULL);
  g_autofree char *other_path = g_build_filename (fixture.dir, "imported.db", NULL);
  g_autoptr(FwStore) imported = NULL;
  g_autofree char *filled_text = NULL;
  g_autofree char *imported_text = NULL;
  const char *files[] = { "customers-2024-2025-qualtrics.csv", "customers-2026.xlsx",
                          "employees-google-forms.csv" };
  const char *formats[] = { "qualtrics", "generic", "google-forms" };

  ck_assert_msg (fw_demo_export (FW_DEMO_DEFAULT_SEED, exports, &error), "%s",
                 error ? error->message : "");
  ck_assert (fw_demo_fill (fixture.store, FW_DEMO_DEFAULT_SEED, FALSE, NULL, NULL, NULL, &error));

  imported = fw_store_open (other_path, &error);
  ck_assert_ptr_nonnull (imported);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (exports, files[i], NULL);
      g_autoptr(FwImportResult) result = fw_import_result_new ();
      FwImportOptions options;

      fw_import_options_init (&options);
      ck_assert_msg (fw_import_file (imported, path, &options, NULL, NULL, NULL, result, &error),
                     "%s: %s", files[i], error ? error->message : "");
      ck_assert_str_eq (fw_layout_to_string (result->detection->layout), formats[i]);
      ck_assert_int_eq (result->n_rejected, 0);
      ck_assert_int_gt (result->n_imported, 1000);
    }

  filled_text = rollup_text (fixture.store);
  imported_text = rollup_text (imported);
  ck_assert_int_gt (strlen (filled_text), 100000);
  ck_assert_msg (g_str_equal (filled_text, imported_text), "the rollups differ");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (exports, files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (exports);
  g_clear_object (&imported);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *path = g_strconcat (other_path, suffixes[i], NULL);
        g_unlink (path);
      }
  }
}
END_TEST

static Suite *
demo_suite (void)
{
  Suite *suite = suite_create ("demo");
  TCase *tc;

  tc = tcase_create ("generate");
  tcase_add_test (tc, test_deterministic);
  tcase_add_test (tc, test_counts);
  tcase_add_test (tc, test_names);
  tcase_add_test (tc, test_days);
  tcase_add_loop_test (tc, test_quarter_of_day, 0, G_N_ELEMENTS (quarter_cases));
  tcase_add_test (tc, test_repeat_customers);
  tcase_add_test (tc, test_pulses);
  tcase_add_loop_test (tc, test_lead, 0, G_N_ELEMENTS (story_seeds));
  tcase_add_loop_test (tc, test_dip, 0, G_N_ELEMENTS (story_seeds));
  tcase_add_test (tc, test_spend);
  tcase_add_test (tc, test_comments);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("fill");
  tcase_add_checked_fixture (tc, store_setup, store_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_fill);
  tcase_add_test (tc, test_fill_twice);
  tcase_add_test (tc, test_fill_cancel);
  tcase_add_test (tc, test_export_imports_as_fill);
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  SRunner *runner = srunner_create (demo_suite ());
  int failed;

  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  g_clear_pointer (&default_sample, sample_free);

  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
