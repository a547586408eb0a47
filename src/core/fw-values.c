/* fw-values.c: the values of survey exports, cell by cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import of ten million rows calls these functions once per cell, so they
 * scan the text by hand: no regular expressions, no allocation (but for an
 * error) and nothing that depends on the C locale.  Every parser first trims
 * white space, no-break spaces included, because spreadsheets leave them
 * around values.
 */

#define G_LOG_DOMAIN "fw-values"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fw-values.h"

/* Error messages show at most this many characters of the value, so that a
 * comment pasted into a score column does not flood them. */
#define MAX_SHOWN 40

G_DEFINE_QUARK (fw-value-error-quark, fw_value_error)

/* Text helpers */

/* The length of the white space character at p, or 0.  Besides ASCII white
 * space: the no-break space (Excel, French thousands), the Unicode spaces
 * U+2000..U+200B, the narrow no-break space U+202F and a stray byte order
 * mark, all of which copy and paste and exports leave in cells. */
static inline gsize
space_at (const char *p,
          const char *end)
{
  const guchar *u = (const guchar *) p;
  gsize left = end - p;

  if (left == 0)
    return 0;
  if (u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r'))
    return 1;
  if (u[0] < 0x80)
    return 0;
  if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] <= 0x8B || u[2] == 0xAF))
    return 3;
  if (left >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    return 3;
  return 0;
}

/* The length of the white space character that ends at end, or 0. */
static inline gsize
space_before (const char *start,
              const char *end)
{
  gsize left = end - start;

  if (left >= 1 && space_at (end - 1, end) == 1)
    return 1;
  if (left >= 2 && space_at (end - 2, end) == 2)
    return 2;
  if (left >= 3 && space_at (end - 3, end) == 3)
    return 3;
  return 0;
}

static inline const char *
skip_spaces (const char *p,
             const char *end)
{
  gsize n;

  while ((n = space_at (p, end)) > 0)
    p += n;
  return p;
}

/* Sets [*start, *end) to text without the white space around it.  NULL, a
 * missing cell, reads as blank. */
static inline void
trim (const char  *text,
      const char **start,
      const char **end)
{
  const char *s = text != NULL ? text : "";
  const char *e = s + strlen (s);
  gsize n;

  s = skip_spaces (s, e);
  while (e > s && (n = space_before (s, e)) > 0)
    e -= n;
  *start = s;
  *end = e;
}

/* The value as an error message quotes it: trimmed, valid UTF-8 and short;
 * NULL when the caller ignores errors.  Only errors allocate. */
static char *
shown_value (GError    **error,
             const char *s,
             const char *end)
{
  g_autofree char *valid = NULL;
  g_autofree char *head = NULL;

  if (error == NULL)
    return NULL;
  valid = g_utf8_make_valid (s, end - s);
  if (g_utf8_strlen (valid, -1) <= MAX_SHOWN)
    return g_steal_pointer (&valid);
  head = g_utf8_substring (valid, 0, MAX_SHOWN - 1);
  return g_strconcat (head, "…", NULL);
}

/* Non-answers */

/* Non-answers as fold_non_answer() writes them: lower case, one space between
 * words, straight apostrophes, without one pair of brackets around them.  The
 * first are placeholders that tools and spreadsheets write; the others are
 * what survey tools and people write for "nothing to record" in the languages
 * of our users.  None starts with a digit, which lets the parsers skip this
 * list for every value that does. */
static const char * const non_answers[] = {
  /* Placeholders */
  "-", "--", "---", "–", "—", ".", "?", "n/a", "#n/a", "na", "n.a.", "n.a", "nan", "null",
  "blank", "empty",
  /* English */
  "no answer", "not answered", "no response", "unanswered", "skipped", "prefer not to say",
  "prefer not to answer", "rather not say", "don't know", "do not know", "dont know",
  "not sure", "not applicable", "unknown",
  /* Dutch */
  "geen antwoord", "niet beantwoord", "n.v.t.", "n.v.t", "nvt", "niet van toepassing",
  "weet niet", "weet ik niet", "geen mening", "zeg ik liever niet", "wil ik niet zeggen",
  "onbekend", "leeg", "n.b.",
  /* German */
  "keine angabe", "k.a.", "k. a.", "keine antwort", "weiß nicht", "weiss nicht",
  "nicht zutreffend", "möchte ich nicht sagen", "unbekannt", "entfällt",
  /* French */
  "pas de réponse", "sans réponse", "non répondu", "je ne sais pas", "ne sait pas", "nsp",
  "sans objet", "non applicable", "préfère ne pas répondre", "je préfère ne pas répondre",
  "inconnu",
  /* Spanish */
  "sin respuesta", "no contesta", "ns/nc", "no sabe", "no sé", "no aplica",
  "prefiero no decirlo", "prefiero no responder", "desconocido",
};

/* Longer than any entry above, in bytes. */
#define NON_ANSWER_MAX 40

/* non_answers[] as a set: importers ask for every unit, touchpoint and
 * comment of a file, so a walk through the list would show in their time. */
static GHashTable *
non_answer_set (void)
{
  static GHashTable *set;

  if (g_once_init_enter (&set))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; i < G_N_ELEMENTS (non_answers); i++)
        g_hash_table_add (table, (gpointer) non_answers[i]);
      g_once_init_leave (&set, table);
    }
  return set;
}

static gboolean
is_non_answer_span (const char *s,
                    const char *end)
{
  char folded[NON_ANSWER_MAX + 1];
  gsize n = 0;
  gboolean space = FALSE;

  if (s == end)
    return TRUE;

  /* No non-answer has a digit, and numbers, amounts and dates all do: this
   * keeps the list below out of the way of nearly every value. */
  for (const char *p = s; p < end; p++)
    if (g_ascii_isdigit (*p))
      return FALSE;

  /* "(No answer)", "[blank]", "<none>": tools mark placeholders so. */
  if (end - s >= 2
      && ((s[0] == '(' && end[-1] == ')') || (s[0] == '[' && end[-1] == ']')
          || (s[0] == '<' && end[-1] == '>')))
    {
      s++;
      end--;
    }

  while (s < end)
    {
      gsize w = space_at (s, end);
      const guchar *u = (const guchar *) s;

      if (w > 0)
        {
          space = n > 0;
          s += w;
          continue;
        }
      /* Room for a space and the longest character that follows. */
      if (n + 3 > NON_ANSWER_MAX)
        return FALSE;
      if (space)
        {
          folded[n++] = ' ';
          space = FALSE;
        }
      if (u[0] == 0xE2 && end - s >= 3 && u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99))
        {
          /* Typographic apostrophes, as word processors and phones type them. */
          folded[n++] = '\'';
          s += 3;
        }
      else if (u[0] == 0xC3 && end - s >= 2 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97)
        {
          /* Upper case Latin-1 letters (É, Ö, ...) to lower case. */
          folded[n++] = (char) 0xC3;
          folded[n++] = (char) (u[1] + 0x20);
          s += 2;
        }
      else
        {
          folded[n++] = g_ascii_tolower (*s);
          s++;
        }
    }
  folded[n] = '\0';

  if (n == 0)
    return TRUE;
  return g_hash_table_contains (non_answer_set (), folded);
}

/**
 * fw_value_is_non_answer:
 * @text: (nullable): a cell
 *
 * Whether @text records that nothing was answered: NULL, blank, or one of the
 * placeholders in non_answers[] above ("N/A", "NA", "-", "No answer", "Geen
 * antwoord", "Niet beantwoord", "n.v.t.", "Keine Angabe", "Sin respuesta",
 * "Pas de réponse", "Prefer not to say", "Don't know", "Weet niet", ...),
 * whatever the case, the white space around and inside, the kind of
 * apostrophe, and one pair of (), [] or <> around it.
 */
gboolean
fw_value_is_non_answer (const char *text)
{
  const char *s, *end;

  trim (text, &s, &end);
  return is_non_answer_span (s, end);
}

/* Scores */

/* The characters that may stand between a score and its label, as in "10 -
 * Extremely likely", "0 = Not at all likely", "10: Very" or "9 (Likely)". */
static gsize
label_separator_at (const char *p,
                    const char *end)
{
  const guchar *u = (const guchar *) p;

  if (p == end)
    return 0;
  if (*p == '-' || *p == '=' || *p == ':' || *p == '(')
    return 1;
  /* En and em dashes. */
  if (end - p >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94))
    return 3;
  return 0;
}

static gboolean
is_label_start (char c)
{
  return g_ascii_isalpha (c) || c == '"' || c == '\'' || (guchar) c >= 0x80;
}

/**
 * fw_parse_score:
 * @text: (nullable): a cell
 * @score: (out): the score, or -1
 * @error: return location for a #FW_VALUE_ERROR
 *
 * Reads a score from 0 to 10: a whole number, optionally written with a zero
 * fraction ("9.0", "9,00") and optionally followed by the label that survey
 * tools export with it ("10 - Extremely likely", "0 = Not at all likely").
 *
 * Returns: TRUE with @score set; FALSE with @score -1 and no error for a
 * non-answer (see fw_value_is_non_answer()); FALSE with @score -1 and
 * %FW_VALUE_ERROR_NOT_A_NUMBER ("elf", "9.5") or
 * %FW_VALUE_ERROR_OUT_OF_RANGE ("11", "-1") otherwise.
 */
gboolean
fw_parse_score (const char  *text,
                int         *score,
                GError     **error)
{
  const char *s, *end, *p;
  int value = 0;
  gsize n_digits = 0;

  g_return_val_if_fail (score != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *score = -1;
  trim (text, &s, &end);

  if (s == end)
    return FALSE;

  if (!g_ascii_isdigit (*s))
    {
      g_autofree char *shown = NULL;

      if (is_non_answer_span (s, end))
        return FALSE;
      shown = shown_value (error, s, end);
      if (*s == '-' && end - s >= 2 && g_ascii_isdigit (s[1]))
        g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_OUT_OF_RANGE,
                     _("“%s” is not a whole number from 0 to 10"), shown);
      else
        g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_NUMBER,
                     _("“%s” is not a whole number from 0 to 10"), shown);
      return FALSE;
    }

  for (p = s; p < end && g_ascii_isdigit (*p); p++, n_digits++)
    if (n_digits < 3)
      value = value * 10 + (*p - '0');

  /* A zero fraction, as a spreadsheet that stores every number as a real one
   * writes it. */
  if (end - p >= 2 && (*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    {
      for (p++; p < end && *p == '0'; p++)
        ;
      if (p < end && g_ascii_isdigit (*p))
        goto not_a_score;
    }

  if (p < end)
    {
      /* A label needs something between it and the number, and must start
       * like a word: "9-10" and "10%" are not scores. */
      const char *q = skip_spaces (p, end);
      gsize sep = label_separator_at (q, end);

      if (q == p && sep == 0)
        goto not_a_score;
      q = skip_spaces (q + sep, end);
      if (q == end || !is_label_start (*q))
        goto not_a_score;
    }

  if (n_digits > 2 || value > 10)
    {
      g_autofree char *shown = shown_value (error, s, end);

      g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_OUT_OF_RANGE,
                   _("“%s” is not a whole number from 0 to 10"), shown);
      return FALSE;
    }

  *score = value;
  return TRUE;

not_a_score:
  {
    g_autofree char *shown = shown_value (error, s, end);

    g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_NUMBER,
                 _("“%s” is not a whole number from 0 to 10"), shown);
    return FALSE;
  }
}

/* Amounts */

/* The length of the currency symbol at p, or 0: $, ¢, £, ¤, ¥ and the
 * Unicode block of currency symbols U+20A0..U+20CF (€, ₹, ₽, ₺, ₩, ...). */
static gsize
currency_symbol_at (const char *p,
                    const char *end)
{
  const guchar *u = (const guchar *) p;
  gsize left = end - p;

  if (left >= 1 && u[0] == '$')
    return 1;
  if (left >= 2 && u[0] == 0xC2 && u[1] >= 0xA2 && u[1] <= 0xA5)
    return 2;
  if (left >= 3 && u[0] == 0xE2
      && ((u[1] == 0x82 && u[2] >= 0xA0) || (u[1] == 0x83 && u[2] <= 0x8F)))
    return 3;
  return 0;
}

/* Currency codes and words written before or after an amount.  A short list
 * rather than "any three letters", so that "12 apples" stays an error. */
static const char * const currency_words[] = {
  "eur", "euro", "euros", "usd", "gbp", "chf", "jpy", "cny", "rmb", "inr", "aud", "cad", "nzd",
  "sek", "nok", "dkk", "isk", "pln", "czk", "huf", "ron", "bgn", "try", "zar", "brl", "mxn",
  "ars", "sgd", "hkd", "krw", "idr", "thb", "php", "myr", "ils", "aed", "sar", "rub", "uah",
  "kr", "fr",
};

/* The length of the currency at p, or 0: a symbol ("€"), a symbol after up
 * to three letters ("US$", "R$"), or a word of currency_words[] ("EUR",
 * "kr.", "euro"). */
static gsize
currency_at (const char *p,
             const char *end)
{
  const char *q = p;
  gsize n_letters, symbol;

  while (q < end && g_ascii_isalpha (*q))
    q++;
  n_letters = q - p;

  symbol = currency_symbol_at (q, end);
  if (symbol > 0 && n_letters <= 3)
    return n_letters + symbol;
  if (n_letters == 0)
    return 0;

  for (gsize i = 0; i < G_N_ELEMENTS (currency_words); i++)
    if (strlen (currency_words[i]) == n_letters
        && g_ascii_strncasecmp (p, currency_words[i], n_letters) == 0)
      {
        /* "kr." and "Fr." */
        if (n_letters == 2 && q < end && *q == '.')
          q++;
        return q - p;
      }
  return 0;
}

static gsize
minus_at (const char *p,
          const char *end)
{
  if (p < end && *p == '-')
    return 1;
  /* U+2212 MINUS SIGN, as typeset numbers have it. */
  if (end - p >= 3 && memcmp (p, "\xE2\x88\x92", 3) == 0)
    return 3;
  return 0;
}

typedef enum
{
  SEP_DOT,
  SEP_COMMA,
  SEP_SPACE, /* any white space, as in "1 234,56" */
  SEP_QUOTE, /* ' and ’, as in the Swiss "1'234.50" */
} SepKind;

/* The length of a digit separator at p, or 0.  White space only separates
 * digits when a digit follows, so that "12 €" ends the number at the space. */
static gsize
digit_separator_at (const char *p,
                    const char *end,
                    SepKind    *kind)
{
  gsize n;

  if (p == end)
    return 0;
  if (*p == '.' || *p == ',')
    {
      *kind = *p == '.' ? SEP_DOT : SEP_COMMA;
      return 1;
    }
  if (*p == '\'')
    {
      *kind = SEP_QUOTE;
      return 1;
    }
  if (end - p >= 3 && memcmp (p, "\xE2\x80\x99", 3) == 0)
    {
      *kind = SEP_QUOTE;
      return 3;
    }
  n = space_at (p, end);
  if (n > 0 && p + n < end && g_ascii_isdigit (p[n]))
    {
      *kind = SEP_SPACE;
      return n;
    }
  return 0;
}

#define MAX_GROUPS     12
/* More integer digits than this is no amount of money anyone spent. */
#define MAX_INT_DIGITS 15
#define MAX_FRAC_DIGITS 20

typedef enum
{
  AMOUNT_OK,
  AMOUNT_BAD,
  AMOUNT_TOO_LARGE,
} AmountResult;

/* Reads the number in [s, end): digit groups and separators only.  See
 * fw_parse_amount() for the rules. */
static AmountResult
read_amount_digits (const char *s,
                    const char *end,
                    char        decimal_mark,
                    double     *amount)
{
  struct { const char *start; int len; } groups[MAX_GROUPS];
  SepKind seps[MAX_GROUPS];
  int n_groups = 1, n_seps, n_dots = 0, n_commas = 0, dec = -1, int_end;
  static const double powers_of_ten[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  };
  char buf[MAX_INT_DIGITS + MAX_FRAC_DIGITS + 4];
  gsize n = 0, n_int = 0;
  guint64 mantissa = 0;
  int n_frac = 0;
  const char *p = s;

  groups[0].start = p;
  groups[0].len = 0;
  while (p < end)
    {
      SepKind kind;
      gsize w;

      if (g_ascii_isdigit (*p))
        {
          groups[n_groups - 1].len++;
          p++;
          continue;
        }
      w = digit_separator_at (p, end, &kind);
      g_assert (w > 0);
      if (n_groups == MAX_GROUPS)
        return AMOUNT_BAD;
      seps[n_groups - 1] = kind;
      n_dots += kind == SEP_DOT;
      n_commas += kind == SEP_COMMA;
      p += w;
      groups[n_groups].start = p;
      groups[n_groups].len = 0;
      n_groups++;
    }
  n_seps = n_groups - 1;

  /* Which separator, if any, is the decimal mark. */
  if (decimal_mark != 0)
    {
      SepKind mark = decimal_mark == '.' ? SEP_DOT : SEP_COMMA;
      int n_marks = mark == SEP_DOT ? n_dots : n_commas;

      if (n_marks > 1 || (n_marks == 1 && seps[n_seps - 1] != mark))
        return AMOUNT_BAD;
      if (n_marks == 1)
        dec = n_seps - 1;
    }
  else if (n_dots > 0 && n_commas > 0)
    {
      /* "1.234,56" and "1,234.56": the last one is the decimal mark, and
       * appears once. */
      SepKind last = seps[n_seps - 1];

      if (last == SEP_DOT ? n_dots > 1 : last == SEP_COMMA ? n_commas > 1 : TRUE)
        return AMOUNT_BAD;
      dec = n_seps - 1;
    }
  else if (n_dots + n_commas == 1 && (seps[n_seps - 1] == SEP_DOT || seps[n_seps - 1] == SEP_COMMA))
    {
      /* One point or comma, last: "12,50" and "12.5" are decimals, "1,234"
       * and "1.234" thousands, unless the whole part is zero ("0,125"). */
      gboolean zero = TRUE;

      for (int i = 0; i < n_seps && zero; i++)
        for (int j = 0; j < groups[i].len; j++)
          zero = zero && groups[i].start[j] == '0';
      if (groups[n_groups - 1].len != 3 || zero)
        dec = n_seps - 1;
    }

  /* Everything else separates thousands, all with the same character:
   * groups of three, the first of one to three digits, and groups of two in
   * between for the Indian "1,23,456". */
  int_end = dec >= 0 ? dec : n_groups - 1;
  for (int i = 0; i < int_end; i++)
    if (seps[i] != seps[0])
      return AMOUNT_BAD;
  if (int_end > 0)
    {
      if (groups[0].len < 1 || groups[0].len > 3 || groups[int_end].len != 3)
        return AMOUNT_BAD;
      for (int i = 1; i < int_end; i++)
        if (groups[i].len != 2 && groups[i].len != 3)
          return AMOUNT_BAD;
    }
  if (dec >= 0 && groups[n_groups - 1].len == 0)
    return AMOUNT_BAD;
  if (groups[0].len == 0 && dec != 0)
    return AMOUNT_BAD;

  for (int i = 0; i <= int_end; i++)
    for (int j = 0; j < groups[i].len; j++)
      {
        if (n == 0 && groups[i].start[j] == '0')
          continue;
        if (++n_int > MAX_INT_DIGITS)
          return AMOUNT_TOO_LARGE;
        buf[n++] = groups[i].start[j];
        mantissa = mantissa * 10 + (groups[i].start[j] - '0');
      }
  if (n == 0)
    buf[n++] = '0';
  if (dec >= 0)
    {
      const char *frac = groups[n_groups - 1].start;

      n_frac = MIN (groups[n_groups - 1].len, MAX_FRAC_DIGITS);
      buf[n++] = '.';
      memcpy (buf + n, frac, n_frac);
      n += n_frac;
      for (int j = 0; j < n_frac && n_int + j < 15; j++)
        mantissa = mantissa * 10 + (frac[j] - '0');
    }
  buf[n] = '\0';

  /* With at most 15 digits, both the digits and the power of ten are exact
   * doubles, and one division rounds correctly: the same result as strtod(),
   * several times faster.  Otherwise g_ascii_strtod() rather than strtod(),
   * because the C locale may have a decimal comma. */
  if (n_int + n_frac <= 15)
    *amount = (double) mantissa / powers_of_ten[n_frac];
  else
    *amount = g_ascii_strtod (buf, NULL);
  return AMOUNT_OK;
}

/**
 * fw_parse_amount:
 * @text: (nullable): a cell
 * @decimal_mark: '.' or ',' when the column is known to use it, or 0 to
 *   decide from the value alone
 * @amount: (out): the amount, or NAN
 * @error: return location for a #FW_VALUE_ERROR
 *
 * Reads an amount of money such as "1.234,56 €", "€ 1,234.56", "$12", "12,50",
 * "EUR 12.50", "1 234,56", "US$ 5", "-€ 3,20" or the Dutch "€ 12,-".  One
 * currency sign or code may stand before or after the number, a minus before
 * it or its currency.
 *
 * The decimal mark, when @decimal_mark is 0: with both a point and a comma,
 * the last of them, which must appear once ("1.234,56", "1,234.56").  A
 * single point or comma is the decimal mark unless exactly three digits follow
 * it: "12,50", "12.5" and "0,125" are decimals, "1,234" and "1.234" are
 * thousands, because prices are written with two decimals or none in every
 * notation.  Several points or several commas separate thousands.  Spaces,
 * no-break spaces and apostrophes always separate thousands.  Thousands
 * groups must have three digits (two between others, for Indian notation); so
 * "12.5" is an error when @decimal_mark is ',', which lets an importer that
 * knows the column's notation catch values that disagree with it.
 *
 * Returns: TRUE with @amount set; TRUE with NAN for a non-answer (see
 * fw_value_is_non_answer()); FALSE with %FW_VALUE_ERROR_NOT_A_NUMBER or
 * %FW_VALUE_ERROR_OUT_OF_RANGE (more than 15 whole digits) otherwise.
 */
gboolean
fw_parse_amount (const char  *text,
                 char         decimal_mark,
                 double      *amount,
                 GError     **error)
{
  const char *s, *end, *p, *digits, *digits_end;
  gboolean negative = FALSE, currency = FALSE;
  AmountResult result;
  gsize w;

  g_return_val_if_fail (decimal_mark == 0 || decimal_mark == '.' || decimal_mark == ',', FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *amount = NAN;
  trim (text, &s, &end);

  if (s == end || (!g_ascii_isdigit (*s) && is_non_answer_span (s, end)))
    return TRUE;

  p = s;
  if ((w = minus_at (p, end)) > 0)
    {
      negative = TRUE;
      p = skip_spaces (p + w, end);
    }
  if ((w = currency_at (p, end)) > 0)
    {
      currency = TRUE;
      p = skip_spaces (p + w, end);
    }
  if (!negative && (w = minus_at (p, end)) > 0)
    {
      negative = TRUE;
      p += w;
    }

  /* The number: digits and separators, starting with a digit or with a
   * decimal mark before one (".50"). */
  digits = p;
  if (!(p < end
        && (g_ascii_isdigit (*p)
            || ((*p == '.' || *p == ',') && end - p >= 2 && g_ascii_isdigit (p[1])))))
    goto bad;
  while (p < end)
    {
      SepKind kind;

      if (g_ascii_isdigit (*p))
        p++;
      else if ((w = digit_separator_at (p, end, &kind)) > 0)
        p += w;
      else
        break;
    }
  digits_end = p;

  /* The Dutch and Swiss "12,-" and "12.--": a whole amount. */
  if ((digits_end[-1] == ',' || digits_end[-1] == '.') && p < end && *p == '-')
    {
      digits_end--;
      p++;
      if (p < end && *p == '-')
        p++;
    }

  p = skip_spaces (p, end);
  if (!currency && (w = currency_at (p, end)) > 0)
    p = skip_spaces (p + w, end);
  if (p != end)
    goto bad;

  result = read_amount_digits (digits, digits_end, decimal_mark, amount);
  if (result == AMOUNT_TOO_LARGE)
    {
      g_autofree char *shown = shown_value (error, s, end);

      *amount = NAN;
      g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_OUT_OF_RANGE,
                   _("“%s” is too large an amount"), shown);
      return FALSE;
    }
  if (result == AMOUNT_BAD)
    goto bad;

  if (negative)
    *amount = -*amount;
  return TRUE;

bad:
  {
    g_autofree char *shown = shown_value (error, s, end);

    *amount = NAN;
    g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_NUMBER,
                 _("“%s” is not an amount of money"), shown);
    return FALSE;
  }
}

/* Dates */

typedef enum
{
  SHAPE_PLAIN,   /* the order is in the text: year first, or the month in words */
  SHAPE_NUMERIC, /* two numbers of up to two digits, then the year */
} Shape;

typedef struct
{
  Shape    shape;
  int      year;
  int      month, day;     /* SHAPE_PLAIN */
  int      first, second;  /* SHAPE_NUMERIC: the two numbers before the year */
  char     sep;
  gboolean has_time;
  gboolean midnight;
} DateParts;

static const struct
{
  const char *name;
  int         month;
} month_names[] = {
  { "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 }, { "may", 5 }, { "jun", 6 },
  { "jul", 7 }, { "aug", 8 }, { "sep", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
  { "sept", 9 }, { "january", 1 }, { "february", 2 }, { "march", 3 }, { "april", 4 },
  { "june", 6 }, { "july", 7 }, { "august", 8 }, { "september", 9 }, { "october", 10 },
  { "november", 11 }, { "december", 12 },
};

/* Reads a run of digits: returns how many there were (at most 99) and, of up
 * to nine, their value. */
static inline int
read_digits (const char **p,
             const char  *end,
             int         *value)
{
  const char *s = *p;
  int v = 0;

  while (s < end && g_ascii_isdigit (*s))
    {
      if (s - *p < 9)
        v = v * 10 + (*s - '0');
      s++;
    }
  *value = v;
  v = (int) MIN (s - *p, 99);
  *p = s;
  return v;
}

/* Reads an English month name or abbreviation ("Jul", "Jul.", "July"), as
 * Excel's "dd-mmm-yyyy" and English text write them; returns the month or
 * 0. */
static int
read_month_name (const char **p,
                 const char  *end)
{
  const char *s = *p;
  gsize len;

  while (s < end && g_ascii_isalpha (*s))
    s++;
  len = s - *p;
  for (gsize i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strlen (month_names[i].name) == len
        && g_ascii_strncasecmp (*p, month_names[i].name, len) == 0)
      {
        if (len <= 4 && s < end && *s == '.')
          s++;
        *p = s;
        return month_names[i].month;
      }
  return 0;
}

/* Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999, as POSIX
 * strptime() reads them.  Survey exports with two-digit years are recent;
 * birth years are the reason not to put all of them in this century. */
static inline int
full_year (int year,
           int n_digits)
{
  if (n_digits == 4)
    return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

static gboolean
is_valid_day (int year,
              int month,
              int day)
{
  static const int days_in_month[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap;

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return FALSE;
  leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days_in_month[month - 1] + (month == 2 && leap);
}

static inline gboolean
is_date_separator (char c)
{
  return c == '-' || c == '/' || c == '.';
}

/* Reads the date at the start of a value: "2019-11-01", "11/1/2019",
 * "18.07.2017", "7/10/14", "18-Jul-2017", "18 July 2017", "July 18, 2017". */
static gboolean
read_date (const char **pp,
           const char  *end,
           DateParts   *d)
{
  const char *p = *pp;
  int n1, n2 = 0, n3, len1, len2 = 0, len3, month = 0;

  if (p < end && g_ascii_isdigit (*p))
    {
      len1 = read_digits (&p, end, &n1);
      if (p == end)
        return FALSE;

      if (is_date_separator (*p))
        {
          char sep = *p++;

          if (p < end && g_ascii_isdigit (*p))
            len2 = read_digits (&p, end, &n2);
          else if (len1 > 2 || (month = read_month_name (&p, end)) == 0)
            return FALSE;
          if (p == end || *p != sep)
            return FALSE;
          p++;
          len3 = read_digits (&p, end, &n3);

          if (len1 == 4 && month == 0 && len2 >= 1 && len2 <= 2 && len3 >= 1 && len3 <= 2)
            {
              d->shape = SHAPE_PLAIN;
              d->year = n1;
              d->month = n2;
              d->day = n3;
            }
          else if (len1 <= 2 && len2 <= 2 && (len3 == 2 || len3 == 4))
            {
              d->year = full_year (n3, len3);
              if (month > 0)
                {
                  d->shape = SHAPE_PLAIN;
                  d->month = month;
                  d->day = n1;
                }
              else
                {
                  d->shape = SHAPE_NUMERIC;
                  d->first = n1;
                  d->second = n2;
                }
            }
          else
            return FALSE;
          d->sep = sep;
        }
      else if (len1 <= 2 && space_at (p, end) > 0)
        {
          /* "18 July 2017" */
          p = skip_spaces (p, end);
          if ((month = read_month_name (&p, end)) == 0 || space_at (p, end) == 0)
            return FALSE;
          p = skip_spaces (p, end);
          if (read_digits (&p, end, &n3) != 4)
            return FALSE;
          d->shape = SHAPE_PLAIN;
          d->year = n3;
          d->month = month;
          d->day = n1;
          d->sep = ' ';
        }
      else
        return FALSE;
    }
  else
    {
      /* "July 18, 2017" */
      const char *before;

      if ((month = read_month_name (&p, end)) == 0 || space_at (p, end) == 0)
        return FALSE;
      p = skip_spaces (p, end);
      len1 = read_digits (&p, end, &n1);
      if (len1 < 1 || len1 > 2)
        return FALSE;
      before = p;
      if (p < end && *p == ',')
        p++;
      p = skip_spaces (p, end);
      if (p == before || read_digits (&p, end, &n3) != 4)
        return FALSE;
      d->shape = SHAPE_PLAIN;
      d->year = n3;
      d->month = month;
      d->day = n1;
      d->sep = ' ';
    }

  *pp = p;
  return TRUE;
}

/* Reads a time zone: "Z", "+01:00", "-0500", "+01", "UTC", "GMT+1". */
static gboolean
read_zone (const char **pp,
           const char  *end)
{
  const char *p = *pp;
  gboolean word = FALSE;
  int hours, minutes = 0, len;
  gsize w;

  if (p < end && (*p == 'Z' || *p == 'z'))
    {
      *pp = p + 1;
      return TRUE;
    }
  if (end - p >= 3
      && (g_ascii_strncasecmp (p, "UTC", 3) == 0 || g_ascii_strncasecmp (p, "GMT", 3) == 0))
    {
      word = TRUE;
      p += 3;
    }
  if (p < end && *p == '+')
    w = 1;
  else
    w = minus_at (p, end);
  if (w == 0)
    {
      *pp = p;
      return word;
    }
  p += w;
  len = read_digits (&p, end, &hours);
  if (len == 4)
    {
      minutes = hours % 100;
      hours /= 100;
    }
  else if (len == 2 || (len == 1 && word))
    {
      if (p < end && *p == ':')
        {
          p++;
          if (read_digits (&p, end, &minutes) != 2)
            return FALSE;
        }
    }
  else
    return FALSE;
  if (hours > 14 || minutes > 59)
    return FALSE;
  *pp = p;
  return TRUE;
}

/* Reads what may follow the date: nothing, or a time of 24 hours ("8:51:12",
 * "08:28", "08:28:09.123") or 12 ("2:05:00 PM", "8:28 a.m."), after a space or
 * ISO's T, with an optional time zone. */
static gboolean
read_time (const char *p,
           const char *end,
           DateParts  *d)
{
  int hour, minute, second = 0, fraction, len;
  gboolean twelve = FALSE, pm = FALSE;
  const char *q;

  d->has_time = FALSE;
  d->midnight = FALSE;
  if (p == end)
    return TRUE;

  if (*p == 'T' || *p == 't')
    p++;
  else
    {
      q = p;
      if (*p == ',')
        p++;
      p = skip_spaces (p, end);
      if (p == q)
        return FALSE;
    }

  len = read_digits (&p, end, &hour);
  if (len < 1 || len > 2 || p == end || *p != ':')
    return FALSE;
  p++;
  if (read_digits (&p, end, &minute) != 2)
    return FALSE;
  if (p < end && *p == ':')
    {
      p++;
      if (read_digits (&p, end, &second) != 2)
        return FALSE;
      if (p < end && (*p == '.' || *p == ','))
        {
          p++;
          if (read_digits (&p, end, &fraction) == 0)
            return FALSE;
        }
    }

  q = skip_spaces (p, end);
  if (q < end && (*q == 'a' || *q == 'A' || *q == 'p' || *q == 'P'))
    {
      const char *r = q + 1;

      if (r < end && *r == '.')
        r++;
      if (r < end && (*r == 'm' || *r == 'M'))
        {
          r++;
          if (r < end && *r == '.')
            r++;
          if (r == end || !g_ascii_isalpha (*r))
            {
              twelve = TRUE;
              pm = *q == 'p' || *q == 'P';
              p = r;
            }
        }
    }

  q = skip_spaces (p, end);
  if (q < end && !read_zone (&q, end))
    return FALSE;
  if (q != end)
    return FALSE;

  if (minute > 59 || second > 60)
    return FALSE;
  if (twelve)
    {
      /* 12 AM is midnight, 12 PM noon; there is no 0 AM or 13 PM. */
      if (hour < 1 || hour > 12)
        return FALSE;
      hour = hour % 12 + (pm ? 12 : 0);
    }
  else if (hour > 23)
    return FALSE;

  d->has_time = TRUE;
  d->midnight = hour == 0 && minute == 0 && second == 0;
  return TRUE;
}

/* Splits a trimmed value into its parts; FALSE if it is not a date in any
 * order.  Numeric dates are checked by the caller, which knows the order. */
static gboolean
split_date (const char *s,
            const char *end,
            DateParts  *d)
{
  const char *p = s;

  if (!read_date (&p, end, d) || !read_time (p, end, d))
    return FALSE;
  return d->shape != SHAPE_PLAIN || is_valid_day (d->year, d->month, d->day);
}

static void
write_day (char day[11],
           int  year,
           int  month,
           int  mday)
{
  day[0] = '0' + year / 1000;
  day[1] = '0' + year / 100 % 10;
  day[2] = '0' + year / 10 % 10;
  day[3] = '0' + year % 10;
  day[4] = '-';
  day[5] = '0' + month / 10;
  day[6] = '0' + month % 10;
  day[7] = '-';
  day[8] = '0' + mday / 10;
  day[9] = '0' + mday % 10;
  day[10] = '\0';
}

/**
 * fw_parse_date:
 * @text: (nullable): a cell
 * @order: the date order of the column, from fw_date_sniffer_decide() or
 *   the user
 * @day: (out): "YYYY-MM-DD", or ""
 * @error: return location for a #FW_VALUE_ERROR
 *
 * Reads the day of a date or timestamp.  Year-first dates ("2019-11-01",
 * "2019/11/01", ISO 8601 with "T", fractions of seconds, "Z" or an offset)
 * and dates with the month in English words ("18-Jul-2017", "July 18, 2017")
 * read the same in every order.  Numeric dates ("11/1/2019", "1-11-2019",
 * "01.11.2019", "11/1/19") follow @order; with %FW_DATE_ORDER_YMD or
 * %FW_DATE_ORDER_UNKNOWN they are read only when one order makes sense of
 * them, or both give the same day.  Two-digit years 00-69 are 2000-2069,
 * 70-99 are 1970-1999.
 *
 * A time, when present, must be valid but does not change the day, and
 * neither does a time zone: the day is the date as written, which is the
 * respondent's or the survey tool's local day.  That is the day the
 * experience happened on and the day the tool shows; moving evening answers to
 * the next day in UTC would split one local day in two and make a re-save
 * without the zone give other days.
 *
 * Returns: TRUE with @day set; FALSE with @day "" and no error for a
 * non-answer (see fw_value_is_non_answer()); FALSE with @day "" and
 * %FW_VALUE_ERROR_NOT_A_DATE or %FW_VALUE_ERROR_AMBIGUOUS_DATE otherwise.
 */
gboolean
fw_parse_date (const char   *text,
               FwDateOrder   order,
               char          day[11],
               GError      **error)
{
  const char *s, *end;
  DateParts d;
  gboolean dmy, mdy;

  g_return_val_if_fail ((guint) order <= FW_DATE_ORDER_MDY, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  day[0] = '\0';
  trim (text, &s, &end);
  if (s == end || (!g_ascii_isdigit (*s) && is_non_answer_span (s, end)))
    return FALSE;

  if (!split_date (s, end, &d))
    goto not_a_date;

  if (d.shape == SHAPE_PLAIN)
    {
      write_day (day, d.year, d.month, d.day);
      return TRUE;
    }

  dmy = is_valid_day (d.year, d.second, d.first);
  mdy = is_valid_day (d.year, d.first, d.second);

  if (order == FW_DATE_ORDER_DMY || order == FW_DATE_ORDER_MDY)
    {
      gboolean wanted = order == FW_DATE_ORDER_DMY ? dmy : mdy;
      gboolean other = order == FW_DATE_ORDER_DMY ? mdy : dmy;
      g_autofree char *shown = NULL;

      if (wanted)
        {
          if (order == FW_DATE_ORDER_DMY)
            write_day (day, d.year, d.second, d.first);
          else
            write_day (day, d.year, d.first, d.second);
          return TRUE;
        }
      if (!other)
        goto not_a_date;
      shown = shown_value (error, s, end);
      if (order == FW_DATE_ORDER_DMY)
        g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_DATE,
                     _("“%s” is not a date in day-month-year order"), shown);
      else
        g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_DATE,
                     _("“%s” is not a date in month-day-year order"), shown);
      return FALSE;
    }

  if (dmy && mdy && d.first != d.second)
    {
      g_autofree char *shown = shown_value (error, s, end);

      g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_AMBIGUOUS_DATE,
                   _("“%s” could be day-month or month-day; the date order must be chosen"),
                   shown);
      return FALSE;
    }
  if (dmy)
    write_day (day, d.year, d.second, d.first);
  else if (mdy)
    write_day (day, d.year, d.first, d.second);
  else
    goto not_a_date;
  return TRUE;

not_a_date:
  {
    g_autofree char *shown = shown_value (error, s, end);

    g_set_error (error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_DATE,
                 _("“%s” is not a date"), shown);
    return FALSE;
  }
}

static const char * const date_order_names[] = {
  [FW_DATE_ORDER_UNKNOWN] = "unknown",
  [FW_DATE_ORDER_YMD] = "ymd",
  [FW_DATE_ORDER_DMY] = "dmy",
  [FW_DATE_ORDER_MDY] = "mdy",
};

/**
 * fw_date_order_to_string:
 *
 * Returns: "ymd", "dmy", "mdy" or "unknown", as `--date-order` and JSON
 *   output write them.
 */
const char *
fw_date_order_to_string (FwDateOrder order)
{
  g_return_val_if_fail ((guint) order <= FW_DATE_ORDER_MDY, NULL);

  return date_order_names[order];
}

/**
 * fw_date_order_from_string:
 *
 * Reads "ymd", "dmy" or "mdy", whatever the case.
 */
gboolean
fw_date_order_from_string (const char  *text,
                           FwDateOrder *order)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (order != NULL, FALSE);

  for (int i = FW_DATE_ORDER_YMD; i <= FW_DATE_ORDER_MDY; i++)
    if (g_ascii_strcasecmp (text, date_order_names[i]) == 0)
      {
        *order = i;
        return TRUE;
      }
  return FALSE;
}

/* Date sniffer */

/* The soft rule on timestamps needs this many of them. */
#define MIN_TIMESTAMPS 10
#define EXAMPLE_SIZE   48

enum
{
  EXAMPLE_NOT_DATE,
  EXAMPLE_PLAIN,
  EXAMPLE_DAY_FIRST,
  EXAMPLE_MONTH_FIRST,
  EXAMPLE_EITHER,
  EXAMPLE_SAME,
  N_EXAMPLES
};

typedef enum
{
  REASON_NO_DATES,
  REASON_PLAIN,
  REASON_DAY_FIRST,
  REASON_MONTH_FIRST,
  REASON_CONTRADICTION,
  REASON_SAME,
  REASON_DOTS,
  REASON_TIMESTAMPS_DMY,
  REASON_TIMESTAMPS_MDY,
  REASON_AMBIGUOUS,
} Reason;

struct _FwDateSniffer
{
  FwDateSnifferCounts counts;

  /* Over the values that fit both orders, for the soft rules of decide(). */
  int      first_a, first_b;
  gboolean a_varies, b_varies;
  gboolean all_dotted;
  guint64  n_timed;    /* with a time other than midnight */
  guint64  n_untimed;  /* without a time */

  /* The first value of each kind, to explain the decision. */
  char     examples[N_EXAMPLES][EXAMPLE_SIZE];
};

FwDateSniffer *
fw_date_sniffer_new (void)
{
  FwDateSniffer *self = g_new0 (FwDateSniffer, 1);

  self->first_a = -1;
  self->first_b = -1;
  self->all_dotted = TRUE;
  return self;
}

void
fw_date_sniffer_free (FwDateSniffer *self)
{
  g_free (self);
}

static void
keep_example (FwDateSniffer *self,
              int            kind,
              const char    *s,
              const char    *end)
{
  char *example = self->examples[kind];
  gsize len = MIN ((gsize) (end - s), EXAMPLE_SIZE - 1);

  if (example[0] != '\0')
    return;
  /* Cut at a character boundary, so that the example stays UTF-8. */
  while (len > 0 && len < (gsize) (end - s) && ((guchar) s[len] & 0xC0) == 0x80)
    len--;
  memcpy (example, s, len);
  example[len] = '\0';
}

/**
 * fw_date_sniffer_add:
 * @text: (nullable): the next value of the column
 *
 * Counts one value of a column for fw_date_sniffer_decide().
 */
void
fw_date_sniffer_add (FwDateSniffer *self,
                     const char    *text)
{
  FwDateSnifferCounts *c;
  const char *s, *end;
  DateParts d;
  gboolean dmy, mdy;

  g_return_if_fail (self != NULL);

  c = &self->counts;
  c->n_values++;
  trim (text, &s, &end);
  if (s == end || (!g_ascii_isdigit (*s) && is_non_answer_span (s, end)))
    {
      c->n_non_answers++;
      return;
    }
  if (!split_date (s, end, &d))
    {
      c->n_not_dates++;
      keep_example (self, EXAMPLE_NOT_DATE, s, end);
      return;
    }
  if (d.shape == SHAPE_PLAIN)
    {
      c->n_plain++;
      keep_example (self, EXAMPLE_PLAIN, s, end);
      return;
    }

  dmy = is_valid_day (d.year, d.second, d.first);
  mdy = is_valid_day (d.year, d.first, d.second);
  if (!dmy && !mdy)
    {
      c->n_not_dates++;
      keep_example (self, EXAMPLE_NOT_DATE, s, end);
      return;
    }
  if (!mdy)
    {
      c->n_day_first++;
      keep_example (self, EXAMPLE_DAY_FIRST, s, end);
      return;
    }
  if (!dmy)
    {
      c->n_month_first++;
      keep_example (self, EXAMPLE_MONTH_FIRST, s, end);
      return;
    }

  if (d.first == d.second)
    {
      c->n_same++;
      keep_example (self, EXAMPLE_SAME, s, end);
    }
  else
    {
      c->n_either++;
      keep_example (self, EXAMPLE_EITHER, s, end);
    }
  if (self->first_a < 0)
    {
      self->first_a = d.first;
      self->first_b = d.second;
    }
  self->a_varies = self->a_varies || d.first != self->first_a;
  self->b_varies = self->b_varies || d.second != self->first_b;
  self->all_dotted = self->all_dotted && d.sep == '.';
  if (!d.has_time)
    self->n_untimed++;
  else if (!d.midnight)
    self->n_timed++;
}

/* The hard rule: a value that fits one order only decides, unless another
 * contradicts it.  When every numeric value fits both orders, two soft rules
 * may still decide:
 *
 *  - dots: every locale that writes dates with dots ("01.02.2017": German,
 *    Dutch, Nordic, Slavic, Turkish) puts the day first;
 *  - timestamps: survey tools stamp every response with its time, and a
 *    survey runs for days on end.  When one of the two numbers never changes
 *    and the other does, read the constant one as the month: the other
 *    reading would put every response on the same day of different months
 *    ("11/1/2019", "11/2/2019", "11/4/2019" are 1, 2 and 4 November, not the
 *    11th of January, February and April).  Dates without times, such as
 *    monthly figures dated on the 1st, may well do that, so the rule wants
 *    every value stamped with a time and at least MIN_TIMESTAMPS of them
 *    other than midnight.
 *
 * When the soft rules disagree, or neither applies, the column is ambiguous
 * and the user chooses. */
static Reason
decide (FwDateSniffer *self,
        FwDateOrder   *order)
{
  const FwDateSnifferCounts *c = &self->counts;
  FwDateOrder dots = FW_DATE_ORDER_UNKNOWN, timestamps = FW_DATE_ORDER_UNKNOWN;

  *order = FW_DATE_ORDER_UNKNOWN;
  if (c->n_plain + c->n_day_first + c->n_month_first + c->n_either + c->n_same == 0)
    return REASON_NO_DATES;
  if (c->n_day_first > 0 && c->n_month_first > 0)
    return REASON_CONTRADICTION;
  if (c->n_day_first > 0)
    {
      *order = FW_DATE_ORDER_DMY;
      return REASON_DAY_FIRST;
    }
  if (c->n_month_first > 0)
    {
      *order = FW_DATE_ORDER_MDY;
      return REASON_MONTH_FIRST;
    }
  if (c->n_either == 0 && c->n_same > 0)
    {
      /* Any order gives the same days. */
      *order = FW_DATE_ORDER_DMY;
      return REASON_SAME;
    }
  if (c->n_either == 0)
    {
      *order = FW_DATE_ORDER_YMD;
      return REASON_PLAIN;
    }

  if (self->all_dotted)
    dots = FW_DATE_ORDER_DMY;
  if (self->n_untimed == 0 && self->n_timed >= MIN_TIMESTAMPS && self->a_varies != self->b_varies)
    timestamps = self->b_varies ? FW_DATE_ORDER_MDY : FW_DATE_ORDER_DMY;

  if (dots != FW_DATE_ORDER_UNKNOWN
      && (timestamps == FW_DATE_ORDER_UNKNOWN || timestamps == dots))
    {
      *order = dots;
      return REASON_DOTS;
    }
  if (timestamps != FW_DATE_ORDER_UNKNOWN && dots == FW_DATE_ORDER_UNKNOWN)
    {
      *order = timestamps;
      return timestamps == FW_DATE_ORDER_MDY ? REASON_TIMESTAMPS_MDY : REASON_TIMESTAMPS_DMY;
    }
  return REASON_AMBIGUOUS;
}

/**
 * fw_date_sniffer_decide:
 * @ambiguous: (out) (optional): TRUE when the order is unknown because the
 *   values fit both day-month and month-day, so that the user must choose
 * @date_fraction: (out) (optional): the share of answered values (not
 *   non-answers) that are dates in some order, from 0 to 1, for guessing
 *   which column holds the dates
 *
 * Decides the date order of a column from all its values:
 * %FW_DATE_ORDER_DMY or %FW_DATE_ORDER_MDY when some value fits only that
 * order ("13/1/2020", "1/13/2020") and none contradicts it, or when a soft
 * rule decides (see decide() in fw-values.c: dotted dates, and timestamps of
 * responses over a few days); %FW_DATE_ORDER_YMD when every date is year
 * first or has its month in words; %FW_DATE_ORDER_UNKNOWN with @ambiguous
 * when the values fit both orders, and without it when they contradict each
 * other or none is a date.  Values that are not dates do not count against
 * an order; @date_fraction says how many there were.
 * fw_date_sniffer_describe() says why in words.
 */
FwDateOrder
fw_date_sniffer_decide (FwDateSniffer *self,
                        gboolean      *ambiguous,
                        double        *date_fraction)
{
  const FwDateSnifferCounts *c;
  FwDateOrder order;
  Reason reason;

  g_return_val_if_fail (self != NULL, FW_DATE_ORDER_UNKNOWN);

  c = &self->counts;
  reason = decide (self, &order);
  if (ambiguous != NULL)
    *ambiguous = reason == REASON_AMBIGUOUS;
  if (date_fraction != NULL)
    {
      guint64 answered = c->n_values - c->n_non_answers;
      guint64 dates = answered - c->n_not_dates;

      *date_fraction = answered > 0 ? (double) dates / (double) answered : 0.0;
    }
  return order;
}

const FwDateSnifferCounts *
fw_date_sniffer_get_counts (FwDateSniffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->counts;
}

/**
 * fw_date_sniffer_describe:
 *
 * Returns: (transfer full): one translated sentence that says why
 *   fw_date_sniffer_decide() decided as it did, with an example value, for
 *   the import dialog and `inspect`.
 */
char *
fw_date_sniffer_describe (FwDateSniffer *self)
{
  FwDateOrder order;
  char (*ex)[EXAMPLE_SIZE];

  g_return_val_if_fail (self != NULL, NULL);

  ex = self->examples;
  switch (decide (self, &order))
    {
    case REASON_NO_DATES:
      if (ex[EXAMPLE_NOT_DATE][0] == '\0')
        return g_strdup (_("The column has no dates, only blanks and non-answers."));
      return g_strdup_printf (_("The column has no dates; “%s”, for example, is not one."),
                              ex[EXAMPLE_NOT_DATE]);
    case REASON_PLAIN:
      return g_strdup_printf (_("The dates put the year first or spell out the month, "
                                "as in “%s”."),
                              ex[EXAMPLE_PLAIN]);
    case REASON_DAY_FIRST:
      return g_strdup_printf (_("Day before month: “%s” can only be read that way."),
                              ex[EXAMPLE_DAY_FIRST]);
    case REASON_MONTH_FIRST:
      return g_strdup_printf (_("Month before day: “%s” can only be read that way."),
                              ex[EXAMPLE_MONTH_FIRST]);
    case REASON_CONTRADICTION:
      return g_strdup_printf (_("The dates contradict each other: “%s” can only be day before "
                                "month, “%s” only month before day."),
                              ex[EXAMPLE_DAY_FIRST], ex[EXAMPLE_MONTH_FIRST]);
    case REASON_SAME:
      return g_strdup_printf (_("Every date, such as “%s”, reads the same with the day or "
                                "the month first."),
                              ex[EXAMPLE_SAME]);
    case REASON_DOTS:
      return g_strdup_printf (_("Day before month: dates written with dots, such as “%s”, "
                                "always put the day first."),
                              ex[EXAMPLE_EITHER]);
    case REASON_TIMESTAMPS_DMY:
      return g_strdup_printf (_("Day before month: read that way, timestamps such as “%s” "
                                "fall in one month; read month before day, they would all "
                                "fall on the same day of different months."),
                              ex[EXAMPLE_EITHER]);
    case REASON_TIMESTAMPS_MDY:
      return g_strdup_printf (_("Month before day: read that way, timestamps such as “%s” "
                                "fall in one month; read day before month, they would all "
                                "fall on the same day of different months."),
                              ex[EXAMPLE_EITHER]);
    case REASON_AMBIGUOUS:
    default:
      return g_strdup_printf (_("Dates such as “%s” could be day before month or month before "
                                "day; the date order must be chosen."),
                              ex[EXAMPLE_EITHER]);
    }
}
