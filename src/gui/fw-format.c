/* fw-format.c: numbers and dates as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-gui"

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
char *
fw_format_day (const char *iso_day)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  g_return_val_if_fail (iso_day != NULL, NULL);

  if (sscanf (iso_day, "%4d-%2d-%2d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (date == NULL)
    return g_strdup (iso_day);

  /* xgettext:no-c-format */
  /* Translators: how a single day is written, see the documentation of
   * g_date_time_format(); for example "%-d %B %Y" gives "23 November 2026". */
  return g_date_time_format (date, _("%B %-d, %Y"));
}
