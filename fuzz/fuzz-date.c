/* fuzz-date.c: the value parsers on any text, dates first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a column, one value per line.  Each value goes through
 * fw_parse_date() in every order and into one date sniffer, which then
 * decides and explains itself; scores and amounts are parsed too, since the
 * importer runs the same cells through them.  A day that comes out must be a
 * real one, written "YYYY-MM-DD", and what the user reads must stay UTF-8
 * when the values were.  The value's text also goes to the Excel serial
 * date formatter as a number.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "fw-values.h"
#include "fw-xlsx.h"

static void
check_day (const char *text,
           const char  day[11])
{
  guint64 year = g_ascii_strtoull (day, NULL, 10);
  guint64 month = strlen (day) >= 7 ? g_ascii_strtoull (day + 5, NULL, 10) : 0;
  guint64 mday = strlen (day) >= 10 ? g_ascii_strtoull (day + 8, NULL, 10) : 0;

  if (strlen (day) != 10 || day[4] != '-' || day[7] != '-'
      || !g_ascii_isdigit (day[0]) || !g_ascii_isdigit (day[9])
      || !g_date_valid_dmy ((GDateDay) mday, (GDateMonth) month, (GDateYear) year))
    {
      fprintf (stderr, "“%s” gave the day “%s”\n", text != NULL ? text : "(null)", day);
      abort ();
    }
}

static void
check_error (GError   *error,
             gboolean  utf8)
{
  g_assert (error != NULL && error->domain == FW_VALUE_ERROR);
  if (utf8)
    g_assert (g_utf8_validate (error->message, -1, NULL));
}

static void
parse_value (const char    *text,
             gboolean       utf8,
             FwDateSniffer *sniffer)
{
  static const FwDateOrder orders[] = {
    FW_DATE_ORDER_UNKNOWN, FW_DATE_ORDER_YMD, FW_DATE_ORDER_DMY, FW_DATE_ORDER_MDY,
  };
  static const char marks[] = { 0, '.', ',' };
  char day[11];
  int score;
  double amount, serial;
  char *end;

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(GError) error = NULL;

      if (fw_parse_date (text, orders[i], day, &error))
        check_day (text, day);
      else if (error != NULL)
        check_error (error, utf8);
      else
        g_assert (day[0] == '\0');
    }
  fw_date_sniffer_add (sniffer, text);

  {
    g_autoptr(GError) error = NULL;

    if (fw_parse_score (text, &score, &error))
      g_assert (score >= 0 && score <= 10);
    else if (error != NULL)
      check_error (error, utf8);
  }
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!fw_parse_amount (text, marks[i], &amount, &error))
        check_error (error, utf8);
    }
  (void) fw_value_is_non_answer (text);

  if (text == NULL)
    return;
  serial = g_ascii_strtod (text, &end);
  if (end != text)
    {
      g_free (fw_xlsx_format_serial_date (serial, FALSE));
      g_free (fw_xlsx_format_serial_date (serial, TRUE));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(FwDateSniffer) sniffer = fw_date_sniffer_new ();
  g_autofree char *copy = g_strndup ((const char *) data, size);
  g_autofree char *reason = NULL;
  gboolean all_utf8 = TRUE;
  const char *line = copy;
  gboolean ambiguous;
  double fraction;

  /* A NUL ends the text, as it would end a field. */
  while (line != NULL)
    {
      char *next = strchr (line, '\n');
      gboolean utf8;

      if (next != NULL)
        *next++ = '\0';
      utf8 = g_utf8_validate (line, -1, NULL);
      all_utf8 = all_utf8 && utf8;
      parse_value (line, utf8, sniffer);
      line = next;
    }
  /* NULL is a missing cell. */
  parse_value (NULL, TRUE, sniffer);

  (void) fw_date_sniffer_decide (sniffer, &ambiguous, &fraction);
  g_assert (fraction >= 0.0 && fraction <= 1.0);
  reason = fw_date_sniffer_describe (sniffer);
  if (all_utf8)
    g_assert (g_utf8_validate (reason, -1, NULL));
  return 0;
}
