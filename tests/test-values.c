/* test-values.c: scores, amounts, dates and non-answers as exports write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real export is read from $FW_REALWORLD (../shared/realworld beside the
 * checkout) and never copied into the tree:
 *  - gforms_preppin_sudzilla_nps.csv: MIT, github.com/zzzbitz/prepbench
 *    data/case_040/inputs/input_01.csv
 */

#include "config.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fw-values.h"

/* No error expected. */
#define NONE -1

/* Non-answers */

typedef struct
{
  const char *text;
  gboolean    non_answer;
} NonAnswerCase;

static const NonAnswerCase non_answer_cases[] = {
  { NULL, TRUE },
  { "", TRUE },
  { " \t\r\n", TRUE },
  { "\xC2\xA0", TRUE },
  { "N/A", TRUE },
  { "n/a", TRUE },
  { "#N/A", TRUE },
  { "NA", TRUE },
  { "na", TRUE },
  { "-", TRUE },
  { "–", TRUE },
  { " - ", TRUE },
  { "NULL", TRUE },
  { "No answer", TRUE },
  { "NO ANSWER", TRUE },
  { "  No   answer ", TRUE },
  { "(No answer)", TRUE },
  { "( No answer )", TRUE },
  { "[blank]", TRUE },
  { "Not answered", TRUE },
  { "Prefer not to say", TRUE },
  { "Don't know", TRUE },
  { "Don’t know", TRUE },
  { "Not applicable", TRUE },
  { "Geen antwoord", TRUE },
  { "geen antwoord", TRUE },
  { "Niet beantwoord", TRUE },
  { "n.v.t.", TRUE },
  { "N.V.T.", TRUE },
  { "nvt", TRUE },
  { "Niet van toepassing", TRUE },
  { "Weet niet", TRUE },
  { "Weet ik niet", TRUE },
  { "Zeg ik liever niet", TRUE },
  { "Keine Angabe", TRUE },
  { "k.A.", TRUE },
  { "Weiß nicht", TRUE },
  { "WEISS NICHT", TRUE },
  { "Möchte ich nicht sagen", TRUE },
  { "MÖCHTE ICH NICHT SAGEN", TRUE },
  { "Sin respuesta", TRUE },
  { "No sé", TRUE },
  { "NS/NC", TRUE },
  { "Pas de réponse", TRUE },
  { "PAS DE RÉPONSE", TRUE },
  { "Je préfère ne pas répondre", TRUE },
  { "Ne sait pas", TRUE },
  { "0", FALSE },
  { "5", FALSE },
  { "10 - Extremely likely", FALSE },
  { "No", FALSE },
  { "Yes", FALSE },
  { "elf", FALSE },
  { "N", FALSE },
  { "NAA", FALSE },
  { "answer", FALSE },
  { "No answer at all, the form broke", FALSE },
  { "Geen antwoord want het formulier werkte niet goed vandaag", FALSE },
  { "()", TRUE },
};

START_TEST (test_non_answer)
{
  const NonAnswerCase *c = &non_answer_cases[_i];

  ck_assert_msg (fw_value_is_non_answer (c->text) == c->non_answer, "“%s”: expected %s",
                 c->text ? c->text : "(null)", c->non_answer ? "a non-answer" : "an answer");
}
END_TEST

/* Scores */

typedef struct
{
  const char *text;
  int         score; /* -1: none */
  int         code;  /* NONE: no error */
} ScoreCase;

static const ScoreCase score_cases[] = {
  { "9", 9, NONE },
  { " 9 ", 9, NONE },
  { "0", 0, NONE },
  { "10", 10, NONE },
  { "07", 7, NONE },
  { "9.0", 9, NONE },
  { "9,00", 9, NONE },
  { "10.0", 10, NONE },
  { "\xC2\xA0" "8\xC2\xA0", 8, NONE },
  { "\t5\r\n", 5, NONE },
  { "10 - Extremely likely", 10, NONE },
  { "0 = Not at all likely", 0, NONE },
  { "0 - Not at all likely", 0, NONE },
  { "10 – Extremely likely", 10, NONE },
  { "9 (Likely)", 9, NONE },
  { "10: Very likely", 10, NONE },
  { "10 Extremely likely", 10, NONE },
  { "7 - Neutraal", 7, NONE },
  { "5 – Äußerst", 5, NONE },
  /* Non-answers */
  { NULL, -1, NONE },
  { "", -1, NONE },
  { "   ", -1, NONE },
  { "N/A", -1, NONE },
  { "NA", -1, NONE },
  { "-", -1, NONE },
  { "Geen antwoord", -1, NONE },
  { "Niet beantwoord", -1, NONE },
  { "No answer", -1, NONE },
  /* Errors */
  { "11", -1, FW_VALUE_ERROR_OUT_OF_RANGE },
  { "100", -1, FW_VALUE_ERROR_OUT_OF_RANGE },
  { "99999999999999999999", -1, FW_VALUE_ERROR_OUT_OF_RANGE },
  { "-1", -1, FW_VALUE_ERROR_OUT_OF_RANGE },
  { "11 - Extremely likely", -1, FW_VALUE_ERROR_OUT_OF_RANGE },
  { "elf", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "Ten", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9.5", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9,5", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9.05", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9.", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9-10", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9 - 10", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "10%", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1e1", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9 -", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "+5", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "Extremely likely", -1, FW_VALUE_ERROR_NOT_A_NUMBER },
};

START_TEST (test_score)
{
  const ScoreCase *c = &score_cases[_i];
  g_autoptr(GError) error = NULL;
  int score = 42;
  gboolean ok;

  ok = fw_parse_score (c->text, &score, &error);
  ck_assert_msg (ok == (c->score >= 0), "“%s”: returned %d", c->text, ok);
  ck_assert_msg (score == c->score, "“%s”: score %d, expected %d", c->text, score, c->score);
  if (c->code == NONE)
    {
      ck_assert_msg (error == NULL, "“%s”: %s", c->text, error ? error->message : "");
    }
  else
    {
      ck_assert_msg (g_error_matches (error, FW_VALUE_ERROR, c->code), "“%s”: %s", c->text,
                     error ? error->message : "no error");
      /* The message names the value. */
      ck_assert_msg (strstr (error->message, c->text) != NULL, "%s", error->message);
    }
}
END_TEST

START_TEST (test_score_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) long_error = NULL;
  int score;
  const char *comment = "Everything about this event was wonderful except the soap, which "
                        "was everywhere";

  ck_assert (!fw_parse_score ("  elf ", &score, &error));
  ck_assert_str_eq (error->message, "“elf” is not a whole number from 0 to 10");

  /* A comment in the wrong column is cut short in the message. */
  ck_assert (!fw_parse_score (comment, &score, &long_error));
  ck_assert_msg (g_utf8_strlen (long_error->message, -1) < 100, "%s", long_error->message);
  ck_assert_str_eq (long_error->message,
                    "“Everything about this event was wonderf…” is not a whole number from 0 "
                    "to 10");
}
END_TEST

/* Amounts */

typedef struct
{
  const char *text;
  char        decimal_mark;
  double      amount; /* NAN: a non-answer or an error */
  int         code;
} AmountCase;

static const AmountCase amount_cases[] = {
  /* Guessed decimal marks, in EN and NL notation */
  { "1.234,56 €", 0, 1234.56, NONE },
  { "€ 1,234.56", 0, 1234.56, NONE },
  { "$12", 0, 12, NONE },
  { "12,50", 0, 12.5, NONE },
  { "12.50", 0, 12.5, NONE },
  { "EUR 12.50", 0, 12.5, NONE },
  { "12,50 EUR", 0, 12.5, NONE },
  { "eur12,50", 0, 12.5, NONE },
  { "1 234,56", 0, 1234.56, NONE },
  { "1\xC2\xA0" "234,56", 0, 1234.56, NONE },
  { "1\xE2\x80\xAF" "234,56 €", 0, 1234.56, NONE },
  { "1,234", 0, 1234, NONE },
  { "1.234", 0, 1234, NONE },
  { "1.234.567", 0, 1234567, NONE },
  { "1,234,567.89", 0, 1234567.89, NONE },
  { "0,125", 0, 0.125, NONE },
  { "0.125", 0, 0.125, NONE },
  { "12.5", 0, 12.5, NONE },
  { "1,5", 0, 1.5, NONE },
  { "12,3456", 0, 12.3456, NONE },
  { ".50", 0, 0.5, NONE },
  { "12", 0, 12, NONE },
  { "0", 0, 0, NONE },
  { "12€", 0, 12, NONE },
  { "€12", 0, 12, NONE },
  { "12 euro", 0, 12, NONE },
  { "€ 12,-", 0, 12, NONE },
  { "€12,--", 0, 12, NONE },
  { "1.234,-", 0, 1234, NONE },
  { "Fr. 12.-", 0, 12, NONE },
  { "-€ 3,20", 0, -3.2, NONE },
  { "€ -3,20", 0, -3.2, NONE },
  { "−5", 0, -5, NONE },
  { "US$ 5", 0, 5, NONE },
  { "£1,000,000", 0, 1000000, NONE },
  { "1'234.50", 0, 1234.5, NONE },
  { "1’234.50 CHF", 0, 1234.5, NONE },
  { "₹ 1,23,456.78", 0, 123456.78, NONE },
  { "¥1000", 0, 1000, NONE },
  { "kr. 100", 0, 100, NONE },
  { "  $ 12.99  ", 0, 12.99, NONE },
  { "0.1", 0, 0.1, NONE },
  { "999.999.999.999.999", 0, 999999999999999.0, NONE },
  { "1.234.567,891234567", 0, 1234567.891234567, NONE },
  { "0,1234567890123456789", 0, 0.1234567890123456789, NONE },
  /* A decimal mark known for the column */
  { "1.234", ',', 1234, NONE },
  { "1.234", '.', 1.234, NONE },
  { "1,234", ',', 1.234, NONE },
  { "1,234", '.', 1234, NONE },
  { "1.234,56", ',', 1234.56, NONE },
  { "1,234.56", '.', 1234.56, NONE },
  { "12,50", ',', 12.5, NONE },
  { "12", ',', 12, NONE },
  { "12.50", ',', NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "12,50", '.', NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1,234.56", ',', NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1,2,3", ',', NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  /* Non-answers */
  { NULL, 0, NAN, NONE },
  { "", 0, NAN, NONE },
  { "N/A", 0, NAN, NONE },
  { "-", 0, NAN, NONE },
  { "n.v.t.", ',', NAN, NONE },
  { "Geen antwoord", 0, NAN, NONE },
  /* Errors */
  { "12 apples", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "abc", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "€", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1.2.3", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1,2345,678", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1,234.567,8", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1.234 567", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1..2", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "12,", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "€ 12 EUR", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "12 50", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "--12", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "12-", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "1e3", 0, NAN, FW_VALUE_ERROR_NOT_A_NUMBER },
  { "9999999999999999", 0, NAN, FW_VALUE_ERROR_OUT_OF_RANGE },
};

START_TEST (test_amount)
{
  const AmountCase *c = &amount_cases[_i];
  g_autoptr(GError) error = NULL;
  double amount = 42;
  gboolean ok;

  ok = fw_parse_amount (c->text, c->decimal_mark, &amount, &error);
  ck_assert_msg (ok == (c->code == NONE), "“%s”: returned %d", c->text, ok);
  if (isnan (c->amount))
    ck_assert_msg (isnan (amount), "“%s”: %g, expected NAN", c->text, amount);
  else
    ck_assert_msg (amount == c->amount, "“%s”: %.17g, expected %.17g", c->text, amount,
                   c->amount);
  if (c->code == NONE)
    {
      ck_assert_msg (error == NULL, "“%s”: %s", c->text, error ? error->message : "");
    }
  else
    {
      ck_assert_msg (g_error_matches (error, FW_VALUE_ERROR, c->code), "“%s”: %s", c->text,
                     error ? error->message : "no error");
      ck_assert_msg (strstr (error->message, c->text) != NULL, "%s", error->message);
    }
}
END_TEST

/* Dates */

typedef struct
{
  const char *text;
  FwDateOrder order;
  const char *day;  /* NULL: a non-answer or an error */
  int         code;
} DateCase;

#define U FW_DATE_ORDER_UNKNOWN
#define YMD FW_DATE_ORDER_YMD
#define DMY FW_DATE_ORDER_DMY
#define MDY FW_DATE_ORDER_MDY

static const DateCase date_cases[] = {
  /* Google Forms, SurveyMonkey, Microsoft Forms, RStudio's Google Sheets */
  { "11/1/2019 8:51:12", MDY, "2019-11-01", NONE },
  { "11/1/2019 8:51:12", DMY, "2019-01-11", NONE },
  { "7/10/14 18:37", MDY, "2014-07-10", NONE },
  { "7/18/17 8:28:09 AM", MDY, "2017-07-18", NONE },
  { "7/18/17 8:28:09 AM", U, "2017-07-18", NONE },
  { "7/18/17 8:28:09 AM", DMY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "12/6/2018 11:57:58", MDY, "2018-12-06", NONE },
  { "12/6/2018 11:57:58", DMY, "2018-06-12", NONE },
  { "12/6/2018 11:57:58", U, NULL, FW_VALUE_ERROR_AMBIGUOUS_DATE },
  { "12/6/2018 11:57:58", YMD, NULL, FW_VALUE_ERROR_AMBIGUOUS_DATE },
  { "3/4/2021 2:05:00 PM", MDY, "2021-03-04", NONE },
  { "3/4/2021 2:05:00 PM", DMY, "2021-04-03", NONE },
  { "3/4/2021 2:05:00 PM", U, NULL, FW_VALUE_ERROR_AMBIGUOUS_DATE },
  { "7/18/2017, 8:28:09 AM", MDY, "2017-07-18", NONE },
  /* Qualtrics, XLSX and ISO 8601 */
  { "2017-07-18 08:28:09", U, "2017-07-18", NONE },
  { "2017-07-18 08:28:09", DMY, "2017-07-18", NONE },
  { "2017-07-18 08:28:09", MDY, "2017-07-18", NONE },
  { "2017-07-18", YMD, "2017-07-18", NONE },
  { "2017/7/8", YMD, "2017-07-08", NONE },
  { "2019-11-01T08:51:12Z", YMD, "2019-11-01", NONE },
  { "2019-11-01T08:51:12.123Z", YMD, "2019-11-01", NONE },
  { "2019-11-01T08:51:12+01:00", YMD, "2019-11-01", NONE },
  { "2019-11-01T08:51+0100", YMD, "2019-11-01", NONE },
  { "2019-11-01 08:51:12 +01", YMD, "2019-11-01", NONE },
  { "2019-11-01 08:51:12 UTC", YMD, "2019-11-01", NONE },
  { "2019-11-01 08:51:12 GMT+1", YMD, "2019-11-01", NONE },
  { "2019-11-01 08:51:12 z", YMD, "2019-11-01", NONE },
  /* The day as written, not the UTC day. */
  { "2019-11-01T23:30:00-05:00", YMD, "2019-11-01", NONE },
  { "2019-11-01T00:30:00+14:00", YMD, "2019-11-01", NONE },
  { "2019-11-01T23:30:00−05:00", YMD, "2019-11-01", NONE },
  /* Excel re-saves and European tools */
  { "18-07-2017", DMY, "2017-07-18", NONE },
  { "18/07/2017", DMY, "2017-07-18", NONE },
  { "1-11-2019", DMY, "2019-11-01", NONE },
  { "18.07.2017 08:28", DMY, "2017-07-18", NONE },
  { "18.07.2017 08:28", U, "2017-07-18", NONE },
  { "01.02.2017", DMY, "2017-02-01", NONE },
  { "13/1/2020", YMD, "2020-01-13", NONE },
  /* Months in words */
  { "18-Jul-2017", U, "2017-07-18", NONE },
  { "18-jul-17", MDY, "2017-07-18", NONE },
  { "18 July 2017", U, "2017-07-18", NONE },
  { "July 18, 2017", U, "2017-07-18", NONE },
  { "Jul 18 2017 08:28", U, "2017-07-18", NONE },
  { "Sept. 5, 2020", U, "2020-09-05", NONE },
  { "31-Feb-2020", U, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  /* Leap days and days that do not exist */
  { "2024-02-29", YMD, "2024-02-29", NONE },
  { "29/02/2024", DMY, "2024-02-29", NONE },
  { "2/29/2000", MDY, "2000-02-29", NONE },
  { "2/29/00", MDY, "2000-02-29", NONE },
  { "29/02/2023", DMY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2/29/1900", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2023-02-29", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "31/02/2024", DMY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "31/02/2024", U, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "31/04/2024", DMY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2023-13-01", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2023-00-10", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "0/1/2020", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/13/2020", DMY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "13/1/2020", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/1/2020", U, "2020-01-01", NONE },
  /* 12-hour clock */
  { "1/2/2021 12:00 AM", MDY, "2021-01-02", NONE },
  { "1/2/2021 12:00:00 AM", DMY, "2021-02-01", NONE },
  { "1/2/2021 12:59:59 PM", MDY, "2021-01-02", NONE },
  { "1/2/2021 11:59 pm", MDY, "2021-01-02", NONE },
  { "1/2/2021 12:00 a.m.", MDY, "2021-01-02", NONE },
  { "1/2/2021 1:00PM", MDY, "2021-01-02", NONE },
  { "1/2/2021 0:30 AM", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/2/2021 13:00 PM", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/2/2021 12:00 AMX", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  /* Times that must be valid */
  { "1/2/2021 0:00", MDY, "2021-01-02", NONE },
  { "1/2/2021 23:59:60", MDY, "2021-01-02", NONE },
  { "1/2/2021 24:00", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/2/2021 23:60", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/2/2021 8:5", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/2/2021 8", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2021-01-02T", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2021-01-02T08:00+15:00", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2021-01-02 08:00 later", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2021-01-02 08:00:00.", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  /* Two-digit years */
  { "1/2/69", MDY, "2069-01-02", NONE },
  { "1/2/70", MDY, "1970-01-02", NONE },
  { "1/2/99", MDY, "1999-01-02", NONE },
  { "31-12-00", DMY, "2000-12-31", NONE },
  { "1/2/019", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  /* Non-answers */
  { NULL, U, NULL, NONE },
  { "", MDY, NULL, NONE },
  { " N/A ", DMY, NULL, NONE },
  { "Geen antwoord", U, NULL, NONE },
  /* Not dates */
  { "soon", U, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "42", U, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "3.14", U, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "43769.37", U, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "2019-11", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "11/1", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "11-1/2019", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "1/2/2019/3", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "111/1/2019", MDY, NULL, FW_VALUE_ERROR_NOT_A_DATE },
  { "0000-01-01", YMD, NULL, FW_VALUE_ERROR_NOT_A_DATE },
};

START_TEST (test_date)
{
  const DateCase *c = &date_cases[_i];
  g_autoptr(GError) error = NULL;
  char day[11] = "XXXXXXXXXX";
  gboolean ok;

  ok = fw_parse_date (c->text, c->order, day, &error);
  ck_assert_msg (ok == (c->day != NULL), "“%s” (%s): returned %d, %s", c->text,
                 fw_date_order_to_string (c->order), ok, error ? error->message : "");
  ck_assert_str_eq (day, c->day ? c->day : "");
  if (c->code == NONE)
    {
      ck_assert_msg (error == NULL, "“%s”: %s", c->text, error ? error->message : "");
    }
  else
    {
      ck_assert_msg (g_error_matches (error, FW_VALUE_ERROR, c->code), "“%s” (%s): %s",
                     c->text, fw_date_order_to_string (c->order),
                     error ? error->message : "no error");
      ck_assert_msg (strstr (error->message, c->text) != NULL, "%s", error->message);
    }
}
END_TEST

START_TEST (test_date_messages)
{
  g_autoptr(GError) error = NULL;
  char day[11];

  ck_assert (!fw_parse_date ("31/02/2024", FW_DATE_ORDER_DMY, day, &error));
  ck_assert_str_eq (error->message, "“31/02/2024” is not a date");
  g_clear_error (&error);

  /* A value that only the other order reads says so. */
  ck_assert (!fw_parse_date ("1/13/2020", FW_DATE_ORDER_DMY, day, &error));
  ck_assert_str_eq (error->message, "“1/13/2020” is not a date in day-month-year order");
  g_clear_error (&error);

  ck_assert (!fw_parse_date ("3/4/2021", FW_DATE_ORDER_UNKNOWN, day, &error));
  ck_assert_str_eq (error->message,
                    "“3/4/2021” could be day-month or month-day; the date order must be chosen");
}
END_TEST

START_TEST (test_date_order_strings)
{
  FwDateOrder order = FW_DATE_ORDER_UNKNOWN;

  ck_assert_str_eq (fw_date_order_to_string (FW_DATE_ORDER_YMD), "ymd");
  ck_assert_str_eq (fw_date_order_to_string (FW_DATE_ORDER_DMY), "dmy");
  ck_assert_str_eq (fw_date_order_to_string (FW_DATE_ORDER_MDY), "mdy");
  ck_assert_str_eq (fw_date_order_to_string (FW_DATE_ORDER_UNKNOWN), "unknown");
  ck_assert (fw_date_order_from_string ("DMY", &order));
  ck_assert_int_eq (order, FW_DATE_ORDER_DMY);
  ck_assert (fw_date_order_from_string ("mdy", &order));
  ck_assert_int_eq (order, FW_DATE_ORDER_MDY);
  ck_assert (fw_date_order_from_string ("ymd", &order));
  ck_assert_int_eq (order, FW_DATE_ORDER_YMD);
  ck_assert (!fw_date_order_from_string ("unknown", &order));
  ck_assert (!fw_date_order_from_string ("dm", &order));
}
END_TEST

/* The date sniffer */

typedef struct
{
  const char *name;
  const char *values[16];
  FwDateOrder order;
  gboolean    ambiguous;
  double      fraction;
  const char *example; /* in the description */
} SnifferCase;

static const SnifferCase sniffer_cases[] = {
  { "all ambiguous",
    { "3/4/2021", "5/6/2021", "1/2/2020", "12/11/2020" }, U, TRUE, 1.0, "3/4/2021" },
  { "one day above 12",
    { "3/4/2021", "13/1/2021", "5/6/2021" }, DMY, FALSE, 1.0, "13/1/2021" },
  { "one month-day only",
    { "3/4/2021", "1/13/2021", "5/6/2021" }, MDY, FALSE, 1.0, "1/13/2021" },
  { "contradicting",
    { "13/1/2021", "3/4/2021", "1/13/2021" }, U, FALSE, 1.0, "1/13/2021" },
  { "ISO",
    { "2017-07-18 08:28:09", "2019-11-01T08:51:12Z", "2020-02-29", "2020-03-01T10:00:00+01:00" },
    YMD, FALSE, 1.0, "2017-07-18 08:28:09" },
  { "ISO and year-first only",
    { "2017-07-18", "18-Jul-2017" }, YMD, FALSE, 1.0, "2017-07-18" },
  { "not dates",
    { "foo", "12", "3.5" }, U, FALSE, 0.0, "foo" },
  { "only blanks",
    { "", "N/A", "Geen antwoord" }, U, FALSE, 0.0, "no dates" },
  { "blanks and a stray value",
    { "13/1/2021", "", "N/A", "garbage", "3/4/2021" }, DMY, FALSE, 2.0 / 3.0, "13/1/2021" },
  { "SurveyMonkey",
    { "7/10/14 18:37", "7/13/14 9:02", "7/10/14 19:00" }, MDY, FALSE, 1.0, "7/13/14 9:02" },
  { "Microsoft Forms",
    { "7/18/17 8:28:09 AM", "7/19/17 1:00:00 PM" }, MDY, FALSE, 1.0, "7/18/17 8:28:09 AM" },
  { "Excel dd-mm-yyyy",
    { "18-07-2017", "01-08-2017", "02-08-2017" }, DMY, FALSE, 1.0, "18-07-2017" },
  { "dotted",
    { "01.02.2017 08:28", "03.04.2017 09:00" }, DMY, FALSE, 1.0, "01.02.2017 08:28" },
  { "same either way",
    { "1/1/2020", "5/5/2020", "2020-02-03" }, DMY, FALSE, 1.0, "1/1/2020" },
  /* Timestamps of a survey that ran for a few days */
  { "timestamps day-month",
    { "1/11/2019 8:51:12", "1/11/2019 9:05:13", "1/11/2019 9:15:49", "1/11/2019 10:20:02",
      "1/11/2019 11:06:33", "1/11/2019 14:10:03", "2/11/2019 2:42:54", "2/11/2019 8:25:51",
      "2/11/2019 10:53:37", "4/11/2019 4:33:11" },
    DMY, FALSE, 1.0, "1/11/2019 8:51:12" },
  { "timestamps month-day",
    { "11/1/2019 8:51:12", "11/1/2019 9:05:13", "11/1/2019 9:15:49", "11/1/2019 10:20:02",
      "11/1/2019 11:06:33", "11/1/2019 14:10:03", "11/2/2019 2:42:54", "11/2/2019 8:25:51",
      "11/2/2019 10:53:37", "11/4/2019 4:33:11" },
    MDY, FALSE, 1.0, "11/1/2019 8:51:12" },
  { "too few timestamps",
    { "11/1/2019 8:51:12", "11/1/2019 9:05:13", "11/1/2019 9:15:49", "11/1/2019 10:20:02",
      "11/1/2019 11:06:33", "11/1/2019 14:10:03", "11/2/2019 2:42:54", "11/2/2019 8:25:51",
      "11/4/2019 4:33:11" },
    U, TRUE, 1.0, "11/1/2019 8:51:12" },
  { "a date without its time",
    { "11/1/2019 8:51:12", "11/1/2019 9:05:13", "11/1/2019 9:15:49", "11/1/2019 10:20:02",
      "11/1/2019 11:06:33", "11/1/2019 14:10:03", "11/2/2019 2:42:54", "11/2/2019 8:25:51",
      "11/2/2019 10:53:37", "11/4/2019 4:33:11", "11/3/2019" },
    U, TRUE, 1.0, "11/1/2019 8:51:12" },
  { "monthly figures at midnight",
    { "1/1/2020 0:00", "2/1/2020 0:00", "3/1/2020 0:00", "4/1/2020 0:00", "5/1/2020 0:00",
      "6/1/2020 0:00", "7/1/2020 0:00", "8/1/2020 0:00", "9/1/2020 0:00", "10/1/2020 0:00",
      "11/1/2020 0:00", "12/1/2020 0:00" },
    U, TRUE, 1.0, "2/1/2020 0:00" },
  { "monthly figures at midnight, 12-hour clock",
    { "1/1/2020 12:00:00 AM", "2/1/2020 12:00:00 AM", "3/1/2020 12:00:00 AM",
      "4/1/2020 12:00:00 AM", "5/1/2020 12:00:00 AM", "6/1/2020 12:00:00 AM",
      "7/1/2020 12:00:00 AM", "8/1/2020 12:00:00 AM", "9/1/2020 12:00:00 AM",
      "10/1/2020 12:00:00 AM", "11/1/2020 12:00:00 AM", "12/1/2020 12:00:00 AM" },
    U, TRUE, 1.0, "2/1/2020 12:00:00 AM" },
  { "timestamps where both numbers vary",
    { "1/2/2019 8:51", "3/4/2019 8:51", "5/6/2019 8:51", "7/8/2019 8:51", "9/10/2019 8:51",
      "11/12/2019 8:51", "2/1/2019 8:51", "4/3/2019 8:51", "6/5/2019 8:51", "8/7/2019 8:51" },
    U, TRUE, 1.0, "1/2/2019 8:51" },
  { "dots against timestamps",
    { "11.1.2019 8:51:12", "11.1.2019 9:05:13", "11.1.2019 9:15:49", "11.1.2019 10:20:02",
      "11.1.2019 11:06:33", "11.1.2019 14:10:03", "11.2.2019 2:42:54", "11.2.2019 8:25:51",
      "11.2.2019 10:53:37", "11.4.2019 4:33:11" },
    U, TRUE, 1.0, "11.1.2019 8:51:12" },
};

START_TEST (test_sniffer)
{
  const SnifferCase *c = &sniffer_cases[_i];
  g_autoptr(FwDateSniffer) sniffer = fw_date_sniffer_new ();
  g_autofree char *description = NULL;
  const FwDateSnifferCounts *counts;
  gboolean ambiguous = !c->ambiguous;
  double fraction = -1;
  FwDateOrder order;
  guint n = 0;

  for (; n < G_N_ELEMENTS (c->values) && c->values[n] != NULL; n++)
    fw_date_sniffer_add (sniffer, c->values[n]);

  order = fw_date_sniffer_decide (sniffer, &ambiguous, &fraction);
  description = fw_date_sniffer_describe (sniffer);
  ck_assert_msg (order == c->order, "%s: %s, expected %s (%s)", c->name,
                 fw_date_order_to_string (order), fw_date_order_to_string (c->order),
                 description);
  ck_assert_msg (ambiguous == c->ambiguous, "%s: ambiguous %d (%s)", c->name, ambiguous,
                 description);
  ck_assert_msg (fabs (fraction - c->fraction) < 1e-9, "%s: fraction %g", c->name, fraction);
  ck_assert_msg (strstr (description, c->example) != NULL, "%s: %s", c->name, description);

  counts = fw_date_sniffer_get_counts (sniffer);
  ck_assert_uint_eq (counts->n_values, n);
  ck_assert_uint_eq (counts->n_non_answers + counts->n_not_dates + counts->n_plain
                     + counts->n_day_first + counts->n_month_first + counts->n_either
                     + counts->n_same,
                     n);

  /* What the sniffer decides, fw_parse_date() reads, but for values that
   * are not dates. */
  if (order != FW_DATE_ORDER_UNKNOWN)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GError) error = NULL;
        char day[11];

        if (!fw_parse_date (c->values[i], order, day, &error) && error != NULL)
          ck_assert_msg (g_error_matches (error, FW_VALUE_ERROR, FW_VALUE_ERROR_NOT_A_DATE)
                         && counts->n_not_dates > 0,
                         "%s: %s", c->name, error->message);
      }
}
END_TEST

START_TEST (test_sniffer_counts)
{
  g_autoptr(FwDateSniffer) sniffer = fw_date_sniffer_new ();
  const char * const values[] = {
    "", "N/A", "soon", "2019-11-01", "13/1/2020", "3/4/2021", "5/5/2021", "3/4/2021",
  };
  const FwDateSnifferCounts *counts;
  gboolean ambiguous = TRUE;
  double fraction;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    fw_date_sniffer_add (sniffer, values[i]);
  counts = fw_date_sniffer_get_counts (sniffer);
  ck_assert_uint_eq (counts->n_values, 8);
  ck_assert_uint_eq (counts->n_non_answers, 2);
  ck_assert_uint_eq (counts->n_not_dates, 1);
  ck_assert_uint_eq (counts->n_plain, 1);
  ck_assert_uint_eq (counts->n_day_first, 1);
  ck_assert_uint_eq (counts->n_month_first, 0);
  ck_assert_uint_eq (counts->n_either, 2);
  ck_assert_uint_eq (counts->n_same, 1);
  ck_assert_int_eq (fw_date_sniffer_decide (sniffer, &ambiguous, &fraction), FW_DATE_ORDER_DMY);
  ck_assert (!ambiguous);
  ck_assert_msg (fabs (fraction - 5.0 / 6.0) < 1e-9, "%g", fraction);
}
END_TEST

/* The timestamps of a real Google Forms export: every one of them fits both
 * orders, and only the timestamp rule tells that they are 1, 2 and 4
 * November 2019. */
START_TEST (test_realworld_google_forms)
{
  const char *dir = g_getenv ("FW_REALWORLD");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwDateSniffer) sniffer = fw_date_sniffer_new ();
  g_autoptr(GPtrArray) stamps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ambiguous = TRUE;
  double fraction = 0;
  FwDateOrder order;

  ck_assert_msg (dir != NULL, "FW_REALWORLD is not set");
  path = g_build_filename (dir, "gforms_preppin_sudzilla_nps.csv", NULL);
  ck_assert_msg (g_file_get_contents (path, &contents, NULL, &error), "%s", error->message);

  /* CRLF records; the timestamp is the first field, unquoted. */
  lines = g_strsplit (contents, "\r\n", -1);
  ck_assert (g_str_has_prefix (lines[0], "Timestamp,"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], ",", 2);
      g_ptr_array_add (stamps, g_strdup (fields[0]));
      fw_date_sniffer_add (sniffer, fields[0]);
    }
  ck_assert_uint_eq (stamps->len, 39);

  order = fw_date_sniffer_decide (sniffer, &ambiguous, &fraction);
  ck_assert_int_eq (order, FW_DATE_ORDER_MDY);
  ck_assert (!ambiguous);
  ck_assert (fraction == 1.0);

  for (guint i = 0; i < stamps->len; i++)
    {
      g_autoptr(GError) date_error = NULL;
      char day[11];

      ck_assert_msg (fw_parse_date (stamps->pdata[i], order, day, &date_error), "%s",
                     date_error ? date_error->message : "");
      g_hash_table_insert (days, g_strdup (day),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (days, day))
                                             + 1));
    }
  ck_assert_uint_eq (g_hash_table_size (days), 3);
  ck_assert_uint_eq (GPOINTER_TO_UINT (g_hash_table_lookup (days, "2019-11-01")), 34);
  ck_assert_uint_eq (GPOINTER_TO_UINT (g_hash_table_lookup (days, "2019-11-02")), 4);
  ck_assert_uint_eq (GPOINTER_TO_UINT (g_hash_table_lookup (days, "2019-11-04")), 1);
}
END_TEST

static Suite *
values_suite (void)
{
  Suite *s = suite_create ("values");
  TCase *tc;

  tc = tcase_create ("non-answers");
  tcase_add_loop_test (tc, test_non_answer, 0, G_N_ELEMENTS (non_answer_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("scores");
  tcase_add_loop_test (tc, test_score, 0, G_N_ELEMENTS (score_cases));
  tcase_add_test (tc, test_score_message);
  suite_add_tcase (s, tc);

  tc = tcase_create ("amounts");
  tcase_add_loop_test (tc, test_amount, 0, G_N_ELEMENTS (amount_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("dates");
  tcase_add_loop_test (tc, test_date, 0, G_N_ELEMENTS (date_cases));
  tcase_add_test (tc, test_date_messages);
  tcase_add_test (tc, test_date_order_strings);
  suite_add_tcase (s, tc);

  tc = tcase_create ("sniffer");
  tcase_add_loop_test (tc, test_sniffer, 0, G_N_ELEMENTS (sniffer_cases));
  tcase_add_test (tc, test_sniffer_counts);
  tcase_add_test (tc, test_realworld_google_forms);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (values_suite ());
  int failed;

  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
