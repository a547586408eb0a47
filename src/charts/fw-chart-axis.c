/* fw-chart-axis.c: numbers and periods on axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Value axes tick at round numbers; numbers are written with the locale's
 * digits and a real minus sign; period keys ("2025-03", "2025-Q2") become
 * labels, and a period axis thins its labels out until they stand apart.
 */

#define G_LOG_DOMAIN "fw-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fw-chart-private.h"
#include "fw-format.h"

/**
 * fw_chart_nice_ticks:
 *
 * Widens [@low, @high] to multiples of a round step (1, 2, 2.5 or 5 times a
 * power of ten) with at most @max_ticks ticks.
 *
 * Returns: the number of ticks from @low to @high inclusive
 */
guint
fw_chart_nice_ticks (double *low,
                     double *high,
                     guint   max_ticks,
                     double *step)
{
  static const double multiples[] = { 1, 2, 2.5, 5, 10 };
  double range, raw, magnitude;

  max_ticks = MAX (max_ticks, 2);
  if (!(*high > *low))
    {
      *low -= 1;
      *high += 1;
    }
  range = *high - *low;
  raw = range / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (raw)));
  for (guint round_up = 0; round_up < 3; round_up++)
    for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
      {
        double s = multiples[i] * magnitude * pow (10, round_up);
        double lo = floor (*low / s + 1e-9) * s;
        double hi = ceil (*high / s - 1e-9) * s;
        guint n = (guint) round ((hi - lo) / s) + 1;

        if (s < raw || n > max_ticks)
          continue;
        *low = lo;
        *high = hi;
        *step = s;
        return n;
      }
  *step = range;
  return 2;
}

/* Locale digits, and a real minus sign as fw_format_nps() writes it. */
char *
fw_chart_format_number (double   value,
                        int      decimals,
                        gboolean sign)
{
  double scale = pow (10, decimals);
  double rounded = round (value * scale) / scale;

  if (rounded == 0.0)
    return g_strdup_printf ("%.*f", decimals, 0.0);
  if (rounded < 0)
    return g_strdup_printf ("−%.*f", decimals, -rounded);
  return g_strdup_printf ("%s%.*f", sign ? "+" : "", decimals, rounded);
}

char *
fw_chart_format_percent (double percent)
{
  g_autofree char *number = fw_chart_format_number (percent, 0, FALSE);

  /* Translators: a share in percent, as in "45%"; %s is the number. */
  return g_strdup_printf (C_("percent", "%s%%"), number);
}

/* Periods */

FwChartPeriodKind
fw_chart_period_parse (const char *key,
                       int        *year,
                       int        *number)
{
  int y = 0, a = 0, b = 0;
  char c;
  size_t length;

  *year = 0;
  *number = 0;
  if (key == NULL)
    return FW_CHART_PERIOD_NONE;
  length = strlen (key);
  if (length == 10 && sscanf (key, "%4d-%2d-%2d", &y, &a, &b) == 3)
    {
      *year = y;
      *number = a * 100 + b;
      return FW_CHART_PERIOD_DAY;
    }
  if (length == 8 && sscanf (key, "%4d-W%2d", &y, &a) == 2)
    {
      *year = y;
      *number = a;
      return FW_CHART_PERIOD_WEEK;
    }
  if (length == 7 && sscanf (key, "%4d-Q%1d", &y, &a) == 2)
    {
      *year = y;
      *number = a;
      return FW_CHART_PERIOD_QUARTER;
    }
  if (length == 7 && sscanf (key, "%4d-%2d%c", &y, &a, &c) == 2 && a >= 1 && a <= 12)
    {
      *year = y;
      *number = a;
      return FW_CHART_PERIOD_MONTH;
    }
  if (length == 4 && sscanf (key, "%4d", &y) == 1)
    {
      *year = y;
      return FW_CHART_PERIOD_YEAR;
    }
  return FW_CHART_PERIOD_NONE;
}

char *
fw_chart_period_label (const char *key)
{
  int year, number;

  switch (fw_chart_period_parse (key, &year, &number))
    {
    case FW_CHART_PERIOD_DAY:
      return fw_format_day (key);
    case FW_CHART_PERIOD_WEEK:
      /* Translators: an ISO week and its year, as in "week 7 of 2025". */
      return g_strdup_printf (C_("period", "week %d of %d"), number, year);
    case FW_CHART_PERIOD_MONTH:
      /* Translators: a month name and a year, as in "March 2025". */
      return g_strdup_printf (C_("period", "%s %d"), fw_format_month_name (number), year);
    case FW_CHART_PERIOD_QUARTER:
      /* Translators: a quarter and its year, as in "Q2 2025". */
      return g_strdup_printf (C_("period", "Q%d %d"), number, year);
    case FW_CHART_PERIOD_YEAR:
      return g_strdup_printf ("%d", year);
    case FW_CHART_PERIOD_NONE:
    default:
      return g_strdup (key != NULL ? key : "");
    }
}

/* The word for one period, as in "the month before". */
const char *
fw_chart_period_noun (FwChartPeriodKind kind)
{
  switch (kind)
    {
    case FW_CHART_PERIOD_DAY:
      return C_("period noun", "day");
    case FW_CHART_PERIOD_WEEK:
      return C_("period noun", "week");
    case FW_CHART_PERIOD_MONTH:
      return C_("period noun", "month");
    case FW_CHART_PERIOD_QUARTER:
      return C_("period noun", "quarter");
    case FW_CHART_PERIOD_YEAR:
      return C_("period noun", "year");
    case FW_CHART_PERIOD_NONE:
    default:
      return C_("period noun", "period");
    }
}

typedef struct
{
  char *primary;
  char *secondary; /* the year, under the first label of each year */
  int   ordinal;   /* the position in its cycle: month 0..11, quarter 0..3 */
  int   year;
} Tick;

static void
tick_clear (Tick *tick)
{
  g_free (tick->primary);
  g_free (tick->secondary);
}

static FwChartPeriodKind
make_ticks (const char *const *keys,
            guint              n,
            Tick              *ticks)
{
  FwChartPeriodKind kind = FW_CHART_PERIOD_NONE;

  for (guint i = 0; i < n; i++)
    {
      int year, number;
      FwChartPeriodKind k = fw_chart_period_parse (keys[i], &year, &number);

      if (i == 0)
        kind = k;
      else if (k != kind)
        kind = FW_CHART_PERIOD_NONE;
      ticks[i].year = year;
      ticks[i].secondary = NULL;
      switch (k)
        {
        case FW_CHART_PERIOD_MONTH:
          ticks[i].primary = g_strdup (fw_format_month_name (number));
          ticks[i].ordinal = number - 1;
          break;
        case FW_CHART_PERIOD_QUARTER:
          /* Translators: a quarter on its own, as in "Q2". */
          ticks[i].primary = g_strdup_printf (C_("period", "Q%d"), number);
          ticks[i].ordinal = number - 1;
          break;
        case FW_CHART_PERIOD_WEEK:
          /* Translators: an ISO week on its own, as in "W7". */
          ticks[i].primary = g_strdup_printf (C_("period", "W%d"), number);
          ticks[i].ordinal = number - 1;
          break;
        case FW_CHART_PERIOD_DAY:
          ticks[i].primary = g_strdup_printf ("%d", number % 100);
          ticks[i].ordinal = (int) i;
          break;
        case FW_CHART_PERIOD_YEAR:
          ticks[i].primary = g_strdup_printf ("%d", year);
          ticks[i].ordinal = year;
          break;
        case FW_CHART_PERIOD_NONE:
        default:
          ticks[i].primary = g_strdup (keys[i]);
          ticks[i].ordinal = (int) i;
          break;
        }
    }
  return kind;
}

double
fw_chart_period_axis_height (FwChart           *chart,
                             const char *const *keys,
                             guint              n)
{
  int year, number;
  FwChartPeriodKind kind = n > 0 ? fw_chart_period_parse (keys[0], &year, &number)
                                 : FW_CHART_PERIOD_NONE;
  gboolean two_lines = kind != FW_CHART_PERIOD_YEAR && kind != FW_CHART_PERIOD_NONE;

  return round (chart->em * 0.4) + chart->line_height * (two_lines ? 2 : 1);
}

double
fw_chart_draw_period_axis (FwChart           *chart,
                           const char *const *keys,
                           guint              n,
                           double             x0,
                           double             slot,
                           double             y)
{
  static const int month_steps[] = { 1, 2, 3, 6, 12 };
  static const int quarter_steps[] = { 1, 2, 4 };
  static const int week_steps[] = { 1, 2, 4, 13, 26, 52 };
  static const int other_steps[] = { 1, 2, 5, 7, 10, 14, 20, 30, 50, 100, 200, 500, 1000 };
  g_autofree Tick *ticks = g_new0 (Tick, MAX (n, 1));
  g_autofree gboolean *shown = g_new0 (gboolean, MAX (n, 1));
  FwChartPeriodKind kind = make_ticks (keys, n, ticks);
  const int *steps = other_steps;
  guint n_steps = G_N_ELEMENTS (other_steps);
  int cycle = 0;
  gboolean years_only = FALSE;
  double gap = chart->em;
  double top = y + round (chart->em * 0.4);
  int last_year = G_MININT;

  switch (kind)
    {
    case FW_CHART_PERIOD_MONTH:
      steps = month_steps, n_steps = G_N_ELEMENTS (month_steps), cycle = 12;
      break;
    case FW_CHART_PERIOD_QUARTER:
      steps = quarter_steps, n_steps = G_N_ELEMENTS (quarter_steps), cycle = 4;
      break;
    case FW_CHART_PERIOD_WEEK:
      steps = week_steps, n_steps = G_N_ELEMENTS (week_steps), cycle = 52;
      break;
    case FW_CHART_PERIOD_YEAR:
    case FW_CHART_PERIOD_DAY:
    case FW_CHART_PERIOD_NONE:
    default:
      break;
    }

  /* The smallest step whose labels stand a gap apart.  Steps that divide
   * the year keep to the calendar (every third month is January, April,
   * July, October); a whole year's step labels only the years. */
  for (guint s = 0; s < n_steps; s++)
    {
      int step = steps[s];
      gboolean calendar = (cycle > 0 && cycle % step == 0) || kind == FW_CHART_PERIOD_YEAR;
      guint count = 0;
      double widest = 0;

      years_only = cycle > 0 && step == cycle;
      for (guint i = 0; i < n; i++)
        {
          shown[i] = calendar ? ticks[i].ordinal % step == 0 : i % step == 0;
          count += shown[i];
        }
      if (count < 2 && n >= 2 && !years_only)
        for (guint i = 0; i < n; i++)
          shown[i] = i % step == 0;
      for (guint i = 0; i < n; i++)
        if (shown[i])
          {
            double w;

            if (years_only)
              {
                g_autofree char *text = g_strdup_printf ("%d", ticks[i].year);
                fw_chart_text_size (chart, FW_CHART_FONT_SMALL, text, &w, NULL);
              }
            else
              fw_chart_text_size (chart, FW_CHART_FONT_SMALL, ticks[i].primary, &w, NULL);
            widest = MAX (widest, w);
          }
      if (widest + gap <= step * slot)
        break;
    }

  if (years_only)
    {
      /* Years sit on their January; a series that starts later still
       * names its first year at its first period. */
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          any |= shown[i];
          g_free (ticks[i].primary);
          ticks[i].primary = g_strdup_printf ("%d", ticks[i].year);
        }
      if (!any && n > 0)
        shown[0] = TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      double x = x0 + (i + 0.5) * slot;

      if (!shown[i])
        continue;
      fw_chart_vline (chart, x, y, y + round (chart->em * 0.3), &chart->theme->dim, 0.6);
      fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &chart->theme->dim, ticks[i].primary, x,
                          top, 0.5, 0, MAX (slot, 1) * 12, TRUE, NULL);
      if (years_only || kind == FW_CHART_PERIOD_YEAR || kind == FW_CHART_PERIOD_NONE)
        continue;
      if (ticks[i].year != last_year)
        {
          g_autofree char *secondary = NULL;

          if (kind == FW_CHART_PERIOD_DAY)
            {
              g_autofree char *month = g_strndup (keys[i], 7);

              secondary = fw_chart_period_label (month);
            }
          else
            secondary = g_strdup_printf ("%d", ticks[i].year);
          if (fw_chart_draw_text (chart, FW_CHART_FONT_SMALL, &chart->theme->dim, secondary, x,
                                  top + chart->line_height, 0.5, 0, 0, TRUE, NULL))
            last_year = ticks[i].year;
        }
    }

  for (guint i = 0; i < n; i++)
    tick_clear (&ticks[i]);
  return fw_chart_period_axis_height (chart, keys, n);
}
