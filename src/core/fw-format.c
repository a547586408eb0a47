/* fw-format.c: numbers and dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "fw-format.h"

/**
 * fw_format_nps:
 * @nps: a score from -100 to 100, or NAN
 *
 * Formats a score with its sign and one decimal in the user's locale, as
 * in "+31.8" or "−4.0" (with a real minus sign); zero has no sign and
 * NAN, a score without answers, becomes an em dash.
 *
 * Returns: (transfer full): the text
 */
char *
fw_format_nps (double nps)
{
  double rounded;

  if (isnan (nps))
    return g_strdup ("—");

  /* Round first, so that -0.04 does not come out as "−0.0". */
  rounded = round (nps * 10.0) / 10.0;
  if (rounded == 0.0)
    return g_strdup_printf ("%.1f", 0.0);
  if (rounded > 0.0)
    return g_strdup_printf ("+%.1f", rounded);
  return g_strdup_printf ("−%.1f", -rounded);
}

/**
 * fw_format_count:
 *
 * Formats a count with the locale's thousands separator, as in "12,345".
 *
 * Returns: (transfer full): the text
 */
char *
fw_format_count (gint64 n)
{
  /* The ' flag is POSIX and honoured by glibc; GLib hands the format to
   * the system printf. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

/**
 * fw_format_day:
 * @iso_day: a day as "YYYY-MM-DD"
 *
 * Returns: (transfer full): the day written out for the user's locale,
 *   or a copy of @iso_day when it is not a valid day
 */
/* Month names come from our own translations, not from the C library's
 * LC_TIME: that follows the locale alone, so LANGUAGE=nl under an English
 * or C locale would otherwise mix Dutch words with English months. */
static const char *const month_names[] = {
  NC_("month name", "January"),   NC_("month name", "February"), NC_("month name", "March"),
  NC_("month name", "April"),     NC_("month name", "May"),      NC_("month name", "June"),
  NC_("month name", "July"),      NC_("month name", "August"),   NC_("month name", "September"),
  NC_("month name", "October"),   NC_("month name", "November"), NC_("month name", "December"),
};

/**
 * fw_format_month_name:
 * @month: 1 to 12
 *
 * Returns: the translated name of @month
 */
const char *
fw_format_month_name (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[month - 1]);
}

char *
fw_format_day (const char *iso_day)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GString) format = NULL;
  int year, month, day;

  g_return_val_if_fail (iso_day != NULL, NULL);

  if (sscanf (iso_day, "%4d-%2d-%2d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (date == NULL)
    return g_strdup (iso_day);

  /* xgettext:no-c-format */
  /* Translators: how a single day is written, see the documentation of
   * g_date_time_format(); for example "%-d %B %Y" gives "23 November 2026".
   * %B stands for the month name, translated elsewhere. */
  format = g_string_new (_("%B %-d, %Y"));
  g_string_replace (format, "%B", fw_format_month_name (month), 0);
  return g_date_time_format (date, format->str);
}
