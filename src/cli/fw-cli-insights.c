/* fw-cli-insights.c: stats --link, --at-risk, --spend and --comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fw-cli.h"
#include "fw-cli-insights.h"
#include "fw-cli-private.h"

/* A number for people: one decimal, or a dash when there is none. */
static char *
format_decimal (double value,
                int    decimals)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", decimals, value);
}

static void
print_link_json (const FwLink *link,
                 int           only_lag)
{
  g_autoptr(GString) out = g_string_new ("{\"pairs\":[");
  gboolean first = TRUE;

  /* The pairs behind the chosen lag, or behind the best one. */
  for (guint i = 0; i < FW_LINK_N_LAGS; i++)
    {
      const FwLinkLag *lag = &link->lags[i];
      int shown = only_lag >= 0 ? only_lag : link->best_lag;

      if ((int) lag->lag != shown)
        continue;
      for (guint j = 0; j < lag->pairs->len; j++)
        {
          const FwLinkPair *pair = &g_array_index (lag->pairs, FwLinkPair, j);

          g_string_append (out, first ? "{" : ",{");
          first = FALSE;
          g_string_append (out, "\"unit\":");
          fw_cli_json_string (out, pair->unit);
          g_string_append (out, ",\"ex_quarter\":");
          fw_cli_json_string (out, pair->ex_quarter);
          g_string_append (out, ",\"cx_quarter\":");
          fw_cli_json_string (out, pair->cx_quarter);
          g_string_append (out, ",\"enps\":");
          fw_cli_json_number (out, pair->enps);
          g_string_append_printf (out, ",\"ex_n\":%" G_GINT64_FORMAT ",\"nps\":", pair->ex_n);
          fw_cli_json_number (out, pair->nps);
          g_string_append_printf (out, ",\"cx_n\":%" G_GINT64_FORMAT "}", pair->cx_n);
        }
    }

  g_string_append (out, "],\"lags\":[");
  first = TRUE;
  for (guint i = 0; i < FW_LINK_N_LAGS; i++)
    {
      const FwLinkLag *lag = &link->lags[i];

      if (only_lag >= 0 && (int) lag->lag != only_lag)
        continue;
      g_string_append_printf (out, "%s{\"lag\":%u,\"n\":%u,\"pearson\":", first ? "" : ",",
                              lag->lag, lag->pairs->len);
      first = FALSE;
      fw_cli_json_number (out, lag->pearson);
      g_string_append (out, ",\"pearson_low\":");
      fw_cli_json_number (out, lag->pearson_low);
      g_string_append (out, ",\"pearson_high\":");
      fw_cli_json_number (out, lag->pearson_high);
      g_string_append (out, ",\"spearman\":");
      fw_cli_json_number (out, lag->spearman);
      g_string_append (out, ",\"slope\":");
      fw_cli_json_number (out, lag->slope);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"best_lag\":");
  if (link->best_lag >= 0)
    g_string_append_printf (out, "%d", link->best_lag);
  else
    g_string_append (out, "null");
  g_string_append (out, "}\n");
  g_print ("%s", out->str);
}

static void
print_link_text (const FwLink *link,
                 int           only_lag)
{
  /* xgettext:no-c-format */
  const char *interval_heading = _("95% interval");

  /* Translators: column headings of the CX-EX link table; keep them short. */
  g_print ("%-5s %6s %9s %17s %9s %7s\n", _("Lag"), _("Pairs"), _("Pearson"), interval_heading,
           _("Spearman"), _("Slope"));
  for (guint i = 0; i < FW_LINK_N_LAGS; i++)
    {
      const FwLinkLag *lag = &link->lags[i];
      g_autofree char *r = NULL, *low = NULL, *high = NULL, *rho = NULL, *slope = NULL;
      g_autofree char *interval = NULL;

      if (only_lag >= 0 && (int) lag->lag != only_lag)
        continue;
      r = format_decimal (lag->pearson, 2);
      low = format_decimal (lag->pearson_low, 2);
      high = format_decimal (lag->pearson_high, 2);
      rho = format_decimal (lag->spearman, 2);
      slope = format_decimal (lag->slope, 2);
      interval = g_strdup_printf ("%s – %s", low, high);
      g_print ("%-5u %6u %9s %17s %9s %7s%s\n", lag->lag, lag->pairs->len, r, interval, rho,
               slope, (int) lag->lag == link->best_lag ? "  *" : "");
    }
  g_print ("\n%s\n", _("Lag: quarters by which employee answers come before customer answers. "
                       "* fits best. An association, not causation."));
}

/**
 * fw_cli_print_link:
 * @only_lag: one of 0, 1, 2, 4, or -1 for all
 *
 * Prints how unit-quarter eNPS goes with NPS lag quarters later.
 */
int
fw_cli_print_link (FwStore              *store,
                   const char           *from_day,
                   const char           *to_day,
                   const FwQueryOptions *query,
                   int                   only_lag,
                   gboolean              json)
{
  g_autoptr(FwLink) link = NULL;
  g_autoptr(GError) error = NULL;
  FwLinkOptions options = FW_LINK_OPTIONS_INIT;

  options.min_group = query->min_group;
  options.ex_min_n = MAX (options.ex_min_n, query->min_group);
  options.fiscal_start_month = query->fiscal_start_month;

  link = fw_insights_link (store, from_day, to_day, &options, &error);
  if (link == NULL)
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    print_link_json (link, only_lag);
  else
    print_link_text (link, only_lag);
  return FW_EXIT_OK;
}

/**
 * fw_cli_print_at_risk:
 *
 * Prints the customers with two or more detractor answers within 90 days.
 */
int
fw_cli_print_at_risk (FwStore    *store,
                      const char *from_day,
                      const char *to_day,
                      gboolean    json)
{
  g_autoptr(FwAtRisk) at_risk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  at_risk = fw_insights_at_risk (store, from_day, to_day, &error);
  if (at_risk == NULL)
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    g_string_append_printf (out, "{\"count\":%u,\"customers\":[", at_risk->customers->len);
  else
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u customer gave two or more detractor answers "
                                         "within %d days.\n",
                                         "%u customers gave two or more detractor answers "
                                         "within %d days.\n",
                                         at_risk->customers->len),
                            at_risk->customers->len, FW_AT_RISK_DAYS);

  for (guint i = 0; i < at_risk->customers->len; i++)
    {
      const FwAtRiskCustomer *c = &g_array_index (at_risk->customers, FwAtRiskCustomer, i);

      if (json)
        {
          g_string_append (out, i > 0 ? ",{\"respondent\":" : "{\"respondent\":");
          fw_cli_json_string (out, c->respondent);
          g_string_append_printf (out, ",\"detractor_answers\":%u,\"first_day\":", c->n_detractor);
          fw_cli_json_string (out, c->first_day);
          g_string_append (out, ",\"last_day\":");
          fw_cli_json_string (out, c->last_day);
          g_string_append (out, ",\"units\":[");
          for (guint u = 0; c->units != NULL && c->units[u] != NULL; u++)
            {
              if (u > 0)
                g_string_append_c (out, ',');
              fw_cli_json_string (out, c->units[u]);
            }
          g_string_append (out, "]}");
        }
      else
        {
          g_autofree char *units = g_strjoinv (", ", c->units);

          g_string_append_printf (out, "  %-12s %3u  %s – %s  %s\n", c->respondent,
                                  c->n_detractor, c->first_day, c->last_day, units);
        }
    }

  if (json)
    g_string_append (out, "]}\n");
  g_print ("%s", out->str);
  return FW_EXIT_OK;
}

/**
 * fw_cli_print_spend:
 *
 * Prints the mean spend of promoters, passives and detractors.
 */
int
fw_cli_print_spend (FwStore    *store,
                    const char *from_day,
                    const char *to_day,
                    gboolean    json)
{
  g_autoptr(GError) error = NULL;
  FwSpend spend;
  const FwSpendMean *means[] = { &spend.promoters, &spend.passives, &spend.detractors };
  const char *keys[] = { "promoters", "passives", "detractors" };

  if (!fw_insights_spend (store, from_day, to_day, &spend, &error))
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{");

      for (guint i = 0; i < G_N_ELEMENTS (means); i++)
        {
          g_string_append_printf (out, "\"%s\":{\"n\":%" G_GINT64_FORMAT ",\"mean\":", keys[i],
                                  means[i]->n);
          fw_cli_json_number (out, means[i]->mean);
          g_string_append (out, "},");
        }
      g_string_append (out, "\"uplift\":");
      fw_cli_json_number (out, spend.uplift);
      g_string_append (out, "}\n");
      g_print ("%s", out->str);
    }
  else
    {
      const char *labels[] = { _("Promoters"), _("Passives"), _("Detractors") };
      g_autofree char *uplift = format_decimal (spend.uplift, 1);

      /* Translators: column headings; keep them short. */
      g_print ("%-12s %9s %10s\n", "", _("Answers"), _("Mean spend"));
      for (guint i = 0; i < G_N_ELEMENTS (means); i++)
        {
          g_autofree char *mean = format_decimal (means[i]->mean, 2);

          g_print ("%-12s %9" G_GINT64_FORMAT " %10s\n", labels[i], means[i]->n, mean);
        }
      /* Translators: %s is a percentage such as 60.4. */
      g_print (_("Promoters spend %s%% more than detractors.\n"), uplift);
    }
  return FW_EXIT_OK;
}

/**
 * fw_cli_print_movers:
 *
 * Prints the unit-quarters whose score changed significantly against the
 * unit's quarter before; see fw_insights_movers().
 */
int
fw_cli_print_movers (FwStore              *store,
                     FwKind                kind,
                     const char           *from_day,
                     const char           *to_day,
                     const FwQueryOptions *options,
                     gboolean              json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) movers = NULL;

  movers = fw_insights_movers (store, kind, from_day, to_day, options, &error);
  if (movers == NULL)
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{\"kind\":");

      fw_cli_json_string (out, fw_kind_to_string (kind));
      g_string_append (out, ",\"movers\":[");
      for (guint i = 0; i < movers->len; i++)
        {
          const FwMover *m = &g_array_index (movers, FwMover, i);

          g_string_append (out, i > 0 ? ",{\"unit\":" : "{\"unit\":");
          fw_cli_json_string (out, m->unit);
          g_string_append (out, ",\"quarter\":");
          fw_cli_json_string (out, m->quarter);
          g_string_append_printf (out, ",\"n\":%" G_GINT64_FORMAT ",\"nps\":", m->n);
          fw_cli_json_number (out, m->nps);
          g_string_append (out, ",\"delta\":");
          fw_cli_json_number (out, m->delta);
          g_string_append (out, ",\"z\":");
          fw_cli_json_number (out, m->z);
          g_string_append (out, ",\"p\":");
          fw_cli_json_number (out, m->p);
          g_string_append (out, "}");
        }
      g_string_append (out, "]}\n");
      g_print ("%s", out->str);
      return FW_EXIT_OK;
    }

  if (movers->len == 0)
    {
      g_print ("%s\n", _("No unit changed significantly against its quarter before."));
      return FW_EXIT_OK;
    }
  /* Translators: column headings; keep them short. */
  g_print ("%-20s %-8s %9s %7s %7s %7s\n", _("Unit"), _("Quarter"), _("Responses"),
           kind == FW_KIND_EMPLOYEE ? _("eNPS") : _("NPS"), _("Change"), "p");
  for (guint i = 0; i < movers->len; i++)
    {
      const FwMover *m = &g_array_index (movers, FwMover, i);
      g_autofree char *nps = format_decimal (m->nps, 1);
      g_autofree char *delta = g_strdup_printf ("%+.1f", m->delta);
      g_autofree char *p = format_decimal (m->p, 3);
      int pad = 20 - (int) g_utf8_strlen (m->unit, -1);

      g_print ("%s%*s %-8s %9" G_GINT64_FORMAT " %7s %7s %7s\n", m->unit, MAX (pad, 0), "",
               m->quarter, m->n, nps, delta, p);
    }
  return FW_EXIT_OK;
}

/* A string member, or null for none. */
static void
json_string_or_null (GString    *out,
                     const char *text)
{
  if (text != NULL)
    fw_cli_json_string (out, text);
  else
    g_string_append (out, "null");
}

/**
 * fw_cli_print_comments:
 * @limit: at most this many comments
 * @min_comments: employee answers a unit-month needs before its comments show
 *
 * Prints the most recent comments, newest first.  Customer comments come
 * with day, unit, touchpoint and score; employee ones with the month and
 * unit only (JSON "month" instead of "day", and no "touchpoint" or
 * "score"), for the reasons fw_insights_comments() gives.
 */
int
fw_cli_print_comments (FwStore    *store,
                       FwKind      kind,
                       const char *from_day,
                       const char *to_day,
                       guint       limit,
                       guint       min_comments,
                       gboolean    json)
{
  g_autoptr(GArray) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean employee = kind == FW_KIND_EMPLOYEE;

  /* The same floor as fw_insights_comments(), so that what is printed as
   * the threshold is the one applied. */
  min_comments = MAX (min_comments, FW_ANONYMITY_DEFAULT);
  comments = fw_insights_comments (store, kind, from_day, to_day, FW_COMMENT_ALL, limit,
                                   min_comments, &error);
  if (comments == NULL)
    {
      fw_cli_print_error (error->message);
      return FW_EXIT_ERROR;
    }

  if (json)
    {
      g_string_append (out, "{\"kind\":");
      fw_cli_json_string (out, fw_kind_to_string (kind));
      if (employee)
        g_string_append_printf (out, ",\"min_comments\":%u", min_comments);
      g_string_append (out, ",\"comments\":[");
    }
  else
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "%u comment, newest first.\n",
                                         "%u comments, newest first.\n", comments->len),
                            comments->len);

  for (guint i = 0; i < comments->len; i++)
    {
      const FwComment *c = &g_array_index (comments, FwComment, i);

      if (json)
        {
          g_string_append (out, i > 0 ? ",{" : "{");
          g_string_append (out, employee ? "\"month\":" : "\"day\":");
          fw_cli_json_string (out, c->day);
          g_string_append (out, ",\"unit\":");
          json_string_or_null (out, c->unit);
          if (!employee)
            {
              g_string_append (out, ",\"touchpoint\":");
              json_string_or_null (out, c->touchpoint);
              g_string_append_printf (out, ",\"score\":%d", c->score);
            }
          g_string_append (out, ",\"text\":");
          fw_cli_json_string (out, c->text);
          g_string_append_c (out, '}');
        }
      else
        {
          const char *unit = c->unit != NULL ? c->unit : _("(no unit)");

          g_string_append_printf (out, "\n  %-10s  %s", c->day, unit);
          if (c->touchpoint != NULL)
            g_string_append_printf (out, ", %s", c->touchpoint);
          if (!employee)
            g_string_append_printf (out, "  (%d)", c->score);
          g_string_append_printf (out, "\n    %s\n", c->text);
        }
    }

  if (json)
    g_string_append (out, "]}\n");
  else if (employee)
    g_string_append_printf (out,
                            /* Translators: %u is the comment threshold, 5 or more. */
                            _("\nEmployee comments are shown by month and without score, and "
                              "only from units with %u or more answers in that month.\n"),
                            min_comments);
  g_print ("%s", out->str);
  return FW_EXIT_OK;
}
