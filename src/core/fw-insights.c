/* fw-insights.c: what the numbers say: the CX-EX link, customers at risk,
 * spend by category and significant movers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The link and the movers are built on fw_query_run(), so that they see
 * exactly the scores every chart shows and inherit its employee anonymity:
 * an EX figure enters the link only from a row the query layer shows.
 * Customers at risk and spend by category need what the rollup does not
 * keep (the customer key, spend per category), so they read the responses
 * table, customer answers only.  Comments read it too, employee ones only
 * from unit-months large enough (see fw_insights_comments()).
 */

#define G_LOG_DOMAIN "fw-insights"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "fw-insights.h"
#include "fw-stats.h"
#include "fw-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

const guint fw_link_lags[FW_LINK_N_LAGS] = { 0, 1, 2, 4 };

/* Strictly "YYYY-MM-DD" and a real date, as responses store days; NULL
 * means no limit. */
static gboolean
check_day (const char *text,
           GError    **error)
{
  int year, month, day;
  gboolean valid;

  if (text == NULL)
    return TRUE;

  valid = strlen (text) == 10 && text[4] == '-' && text[7] == '-';
  for (guint i = 0; valid && i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      valid = FALSE;
  valid = valid && sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3
          && g_date_valid_dmy (day, month, year);
  if (valid)
    return TRUE;

  g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY,
               _("“%s” is not a day; write days as YYYY-MM-DD, for example 2025-03-14."), text);
  return FALSE;
}

/* The place in time of a quarter key "YYYY-Qn": one quarter on is one more. */
static gboolean
quarter_ordinal (const char *key,
                 gint64     *ordinal)
{
  int year, quarter;

  if (key == NULL || sscanf (key, "%d-Q%d", &year, &quarter) != 2 || quarter < 1 || quarter > 4)
    return FALSE;
  *ordinal = (gint64) year * 4 + quarter - 1;
  return TRUE;
}

static char *
quarter_key (gint64 ordinal)
{
  return g_strdup_printf ("%04" G_GINT64_FORMAT "-Q%" G_GINT64_FORMAT, ordinal / 4,
                          ordinal % 4 + 1);
}

static FwQueryResult *
unit_quarters (FwStore              *store,
               FwKind                kind,
               const char           *from_day,
               const char           *to_day,
               const FwQueryOptions *options,
               GError              **error)
{
  g_autoptr(FwQueryFilter) filter = fw_query_filter_new (kind);

  fw_query_filter_set_range (filter, from_day, to_day);
  return fw_query_run (store, filter, FW_GROUPING_UNIT_QUARTER, options, error);
}

static void
link_pair_clear (FwLinkPair *pair)
{
  g_clear_pointer (&pair->unit, g_free);
  g_clear_pointer (&pair->ex_quarter, g_free);
  g_clear_pointer (&pair->cx_quarter, g_free);
}

static void
link_lag_compute (FwLinkLag *lag)
{
  g_autofree double *x = g_new (double, lag->pairs->len + 1);
  g_autofree double *y = g_new (double, lag->pairs->len + 1);
  gsize n = lag->pairs->len;

  for (gsize i = 0; i < n; i++)
    {
      const FwLinkPair *pair = &g_array_index (lag->pairs, FwLinkPair, i);

      x[i] = pair->enps;
      y[i] = pair->nps;
    }
  lag->pearson = fw_stats_pearson (x, y, n);
  fw_stats_pearson_interval (lag->pearson, n, &lag->pearson_low, &lag->pearson_high);
  lag->spearman = fw_stats_spearman (x, y, n);
  lag->slope = fw_stats_slope (x, y, n);
}

/**
 * fw_insights_link:
 * @from_day: (nullable): first day, "YYYY-MM-DD", of both sides
 * @to_day: (nullable): last day, of both sides
 * @options: (nullable): %NULL for %FW_LINK_OPTIONS_INIT
 *
 * The link between employee and customer sentiment at unit level: for every
 * lag of fw_link_lags, the pairs of a unit's eNPS in fiscal quarter q and
 * its NPS in quarter q + lag, where the employee side has at least
 * @options->ex_min_n answers and the customer side @options->cx_min_n, with
 * Pearson's r and its 95% interval, Spearman's rho and the slope of NPS on
 * eNPS over the pairs.  Answers without a unit take no part.
 *
 * Employee values come only from unit-quarters the query layer shows with
 * @options->min_group as threshold (raised to FW_ANONYMITY_MIN): they are sums
 * of safe unit-months only (see fw-query.c), so no answer of a group below the
 * threshold enters the link, whatever @options->ex_min_n says.
 *
 * The best lag is the one with the highest r among the lags with at least
 * @options->min_pairs pairs and a defined r; on a tie the shorter lag.  It is
 * -1 when no lag qualifies.  This is association, not causation.
 *
 * Returns: (transfer full): the link, or %NULL with @error set
 */
FwLink *
fw_insights_link (FwStore             *store,
                  const char          *from_day,
                  const char          *to_day,
                  const FwLinkOptions *options,
                  GError             **error)
{
  static const FwLinkOptions defaults = FW_LINK_OPTIONS_INIT;
  g_autoptr(FwQueryResult) ex = NULL;
  g_autoptr(FwQueryResult) cx = NULL;
  g_autoptr(GHashTable) cx_index = NULL;
  g_autoptr(FwLink) link = NULL;
  FwQueryOptions query_options;
  guint ex_min_n;
  double best_r = -INFINITY;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (options == NULL
                        || (options->fiscal_start_month >= 1 && options->fiscal_start_month <= 12),
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  query_options.fiscal_start_month = options->fiscal_start_month;
  query_options.min_group = MAX (options->min_group, FW_ANONYMITY_MIN);
  ex_min_n = MAX (options->ex_min_n, query_options.min_group);

  ex = unit_quarters (store, FW_KIND_EMPLOYEE, from_day, to_day, &query_options, error);
  if (ex == NULL)
    return NULL;
  cx = unit_quarters (store, FW_KIND_CUSTOMER, from_day, to_day, &query_options, error);
  if (cx == NULL)
    return NULL;

  /* Customer rows that pass, by unit and quarter ordinal. */
  cx_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < cx->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (cx->rows, FwQueryRow, i);
      gint64 ordinal;

      if (row->suppressed || row->unit == NULL || row->unit[0] == '\0'
          || row->tally.n < (gint64) options->cx_min_n || row->tally.n == 0
          || !quarter_ordinal (row->key, &ordinal))
        continue;
      g_hash_table_insert (cx_index,
                           g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", ordinal, row->unit),
                           (gpointer) row);
    }

  link = g_new0 (FwLink, 1);
  link->best_lag = -1;
  for (guint l = 0; l < FW_LINK_N_LAGS; l++)
    {
      FwLinkLag *lag = &link->lags[l];

      lag->lag = fw_link_lags[l];
      lag->pairs = g_array_new (FALSE, TRUE, sizeof (FwLinkPair));
      g_array_set_clear_func (lag->pairs, (GDestroyNotify) link_pair_clear);

      for (guint i = 0; i < ex->rows->len; i++)
        {
          const FwQueryRow *row = &g_array_index (ex->rows, FwQueryRow, i);
          const FwQueryRow *cx_row;
          g_autofree char *key = NULL;
          gint64 ordinal;
          FwLinkPair pair;

          /* The anonymity rule: a hidden row has no figures to take. */
          if (row->suppressed || row->unit == NULL || row->unit[0] == '\0'
              || row->tally.n < (gint64) ex_min_n || !quarter_ordinal (row->key, &ordinal))
            continue;
          key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", ordinal + lag->lag, row->unit);
          cx_row = g_hash_table_lookup (cx_index, key);
          if (cx_row == NULL)
            continue;

          pair.unit = g_strdup (row->unit);
          pair.ex_quarter = g_strdup (row->key);
          pair.cx_quarter = quarter_key (ordinal + lag->lag);
          pair.enps = row->nps;
          pair.ex_n = row->tally.n;
          pair.nps = cx_row->nps;
          pair.cx_n = cx_row->tally.n;
          g_array_append_val (lag->pairs, pair);
        }

      link_lag_compute (lag);
      if (lag->pairs->len >= options->min_pairs && !isnan (lag->pearson)
          && lag->pearson > best_r)
        {
          best_r = lag->pearson;
          link->best_lag = (int) lag->lag;
        }
    }

  return g_steal_pointer (&link);
}

/**
 * fw_link_get_lag:
 *
 * Returns: (nullable): the figures for @lag quarters, or %NULL when @lag is
 *   not one of fw_link_lags
 */
const FwLinkLag *
fw_link_get_lag (const FwLink *link,
                 guint         lag)
{
  g_return_val_if_fail (link != NULL, NULL);

  for (guint l = 0; l < FW_LINK_N_LAGS; l++)
    if (link->lags[l].lag == lag)
      return &link->lags[l];
  return NULL;
}

void
fw_link_free (FwLink *link)
{
  if (link == NULL)
    return;
  for (guint l = 0; l < FW_LINK_N_LAGS; l++)
    g_clear_pointer (&link->lags[l].pairs, g_array_unref);
  g_free (link);
}

static void
at_risk_customer_clear (FwAtRiskCustomer *customer)
{
  g_clear_pointer (&customer->respondent, g_free);
  g_clear_pointer (&customer->first_day, g_free);
  g_clear_pointer (&customer->last_day, g_free);
  g_clear_pointer (&customer->units, g_strfreev);
}

static int
compare_at_risk (gconstpointer a,
                 gconstpointer b)
{
  const FwAtRiskCustomer *x = a, *y = b;
  int order;

  if (x->n_detractor != y->n_detractor)
    return x->n_detractor > y->n_detractor ? -1 : 1;
  /* The most recent first: there is still time to put it right. */
  order = strcmp (y->last_day, x->last_day);
  if (order != 0)
    return order;
  return strcmp (x->respondent, y->respondent);
}

/* One customer's detractor answers while they are being read. */
typedef struct
{
  char       *respondent;
  guint       n;
  char       *first_day;
  char       *last_day;
  double      last_julian;
  gboolean    at_risk;
  GPtrArray  *units;
} Pending;

static void
pending_reset (Pending *p)
{
  g_clear_pointer (&p->respondent, g_free);
  g_clear_pointer (&p->first_day, g_free);
  g_clear_pointer (&p->last_day, g_free);
  g_clear_pointer (&p->units, g_ptr_array_unref);
  p->n = 0;
  p->at_risk = FALSE;
}

/* g_ptr_array_sort passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
pending_flush (Pending *p,
               GArray  *customers)
{
  if (p->respondent != NULL && p->at_risk)
    {
      FwAtRiskCustomer customer;

      g_ptr_array_sort (p->units, compare_strings);
      g_ptr_array_add (p->units, NULL);
      customer.respondent = g_steal_pointer (&p->respondent);
      customer.n_detractor = p->n;
      customer.first_day = g_steal_pointer (&p->first_day);
      customer.last_day = g_steal_pointer (&p->last_day);
      customer.units = (GStrv) g_ptr_array_free (g_steal_pointer (&p->units), FALSE);
      g_array_append_val (customers, customer);
    }
  pending_reset (p);
}

/**
 * fw_insights_at_risk_count:
 * @from_day: (nullable): first day of the answers to look at, "YYYY-MM-DD"
 * @to_day: (nullable): last day
 * @units: (nullable): unit names; a customer counts who gave a detractor
 *   answer in the range in one of them
 * @count: (out): the customers fw_insights_at_risk() would list
 *
 * How many customers are at risk, read from the repeat detractors the
 * store keeps (see fw-store-repeat.c) rather than from every answer; for
 * all time in every unit, from the count kept beside them.
 */
gboolean
fw_insights_at_risk_count (FwStore            *store,
                           const char         *from_day,
                           const char         *to_day,
                           const char * const *units,
                           gint64             *count,
                           GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_units = units != NULL ? g_strv_length ((char **) units) : 0;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  *count = 0;
  if (!check_day (from_day, error) || !check_day (to_day, error))
    return FALSE;

  /* All time in every unit is the count the store keeps. */
  if (from_day == NULL && to_day == NULL && n_units == 0)
    g_string_append (sql, "SELECT customers FROM repeat_detractor_count");
  else
    g_string_append (sql,
                     "SELECT count(*) FROM (SELECT DISTINCT respondent FROM repeat_detractors"
                     "  WHERE (?1 IS NULL OR prev_day >= ?1) AND (?2 IS NULL OR day <= ?2)) AS c");
  if (n_units > 0)
    {
      g_string_append (sql,
                       " WHERE EXISTS (SELECT 1 FROM responses r"
                       "   LEFT JOIN units m ON m.id = r.unit_id"
                       "  WHERE r.respondent = c.respondent AND r.kind = 'customer'"
                       "    AND r.score <= 6 AND r.respondent IS NOT NULL"
                       "    AND (?1 IS NULL OR r.day >= ?1) AND (?2 IS NULL OR r.day <= ?2)"
                       "    AND coalesce (m.merged_into, r.unit_id) IN"
                       "        (SELECT coalesce (merged_into, id) FROM units WHERE name IN (");
      for (guint i = 0; i < n_units; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 3);
      g_string_append (sql, ")))");
    }

  rc = sqlite3_prepare_v2 (fw_store_get_db (store), sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, from_day, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to_day, -1, SQLITE_STATIC);
      for (guint i = 0; i < n_units; i++)
        sqlite3_bind_text (stmt, (int) i + 3, units[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_ROW)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return FALSE;
    }
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * fw_insights_at_risk:
 * @from_day: (nullable): first day of the answers to look at, "YYYY-MM-DD"
 * @to_day: (nullable): last day
 *
 * Customers, by respondent key, with two or more detractor answers (0-6) at
 * most FW_AT_RISK_DAYS days apart within the range: after two or three bad
 * experiences nine in ten customers leave, so this is the list to act on.
 * Each comes with all of their detractor answers in the range (count, first
 * and last day, units).  Answers without a key are left out.  The list runs
 * from the most detractor answers to the fewest, then the most recent last
 * answer first, then by key.
 *
 * Returns: (transfer full): the list, or %NULL with @error set
 */
FwAtRisk *
fw_insights_at_risk (FwStore    *store,
                     const char *from_day,
                     const char *to_day,
                     GError    **error)
{
  static const char sql[] =
    "SELECT r.respondent, r.day, julianday (r.day), u.name"
    "  FROM responses r LEFT JOIN units m ON m.id = r.unit_id"
    "       LEFT JOIN units u ON u.id = coalesce (m.merged_into, r.unit_id)"
    " WHERE r.kind = 'customer' AND r.score <= 6"
    "   AND r.respondent IS NOT NULL AND r.respondent <> ''"
    "   AND (?1 IS NULL OR r.day >= ?1) AND (?2 IS NULL OR r.day <= ?2)"
    /* Only the customers at risk in the range (see fw-store-repeat.c):
     * a tenth of those with a detractor answer. */
    "   AND r.respondent IN (SELECT respondent FROM repeat_detractors"
    "                         WHERE (?1 IS NULL OR prev_day >= ?1)"
    "                           AND (?2 IS NULL OR day <= ?2))"
    " ORDER BY r.respondent, r.day";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(FwAtRisk) at_risk = NULL;
  Pending pending = { 0 };
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_day (from_day, error) || !check_day (to_day, error))
    return NULL;

  db = fw_store_get_db (store);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, from_day, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, to_day, -1, SQLITE_STATIC);
  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return NULL;
    }

  at_risk = g_new0 (FwAtRisk, 1);
  at_risk->customers = g_array_new (FALSE, TRUE, sizeof (FwAtRiskCustomer));
  g_array_set_clear_func (at_risk->customers, (GDestroyNotify) at_risk_customer_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *respondent = (const char *) sqlite3_column_text (stmt, 0);
      const char *day = (const char *) sqlite3_column_text (stmt, 1);
      double julian = sqlite3_column_double (stmt, 2);
      const char *unit = (const char *) sqlite3_column_text (stmt, 3);

      if (pending.respondent == NULL || strcmp (pending.respondent, respondent) != 0)
        {
          pending_flush (&pending, at_risk->customers);
          pending.respondent = g_strdup (respondent);
          pending.first_day = g_strdup (day);
          pending.units = g_ptr_array_new_with_free_func (g_free);
        }
      /* Days are whole, so their julianday values differ by whole numbers;
       * rounding only guards against the last bit of floating point. */
      else if (round (julian - pending.last_julian) <= FW_AT_RISK_DAYS)
        pending.at_risk = TRUE;

      pending.n++;
      g_free (pending.last_day);
      pending.last_day = g_strdup (day);
      pending.last_julian = julian;
      if (unit != NULL
          && !g_ptr_array_find_with_equal_func (pending.units, unit, g_str_equal, NULL))
        g_ptr_array_add (pending.units, g_strdup (unit));
    }
  if (rc != SQLITE_DONE)
    {
      pending_reset (&pending);
      fw_store_set_error_from_sqlite (store, rc, error);
      return NULL;
    }
  pending_flush (&pending, at_risk->customers);

  g_array_sort (at_risk->customers, compare_at_risk);
  return g_steal_pointer (&at_risk);
}

void
fw_at_risk_free (FwAtRisk *at_risk)
{
  if (at_risk == NULL)
    return;
  g_clear_pointer (&at_risk->customers, g_array_unref);
  g_free (at_risk);
}

/**
 * fw_insights_spend:
 * @from_day: (nullable): first day, "YYYY-MM-DD"
 * @to_day: (nullable): last day
 * @spend: (out): the means
 *
 * The mean spend of customer promoters, passives and detractors over the
 * answers that carry a spend amount, and the promoters' uplift over the
 * detractors: 100 * (promoter mean / detractor mean - 1) percent, NAN when
 * either mean is missing or the detractors' is not above 0.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
fw_insights_spend (FwStore    *store,
                   const char *from_day,
                   const char *to_day,
                   FwSpend    *spend,
                   GError    **error)
{
  static const char sql[] =
    "SELECT CASE WHEN score >= 9 THEN 0 WHEN score >= 7 THEN 1 ELSE 2 END AS category,"
    "       COUNT (*), TOTAL (spend)"
    "  FROM responses"
    " WHERE kind = 'customer' AND spend IS NOT NULL"
    "   AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)"
    " GROUP BY category";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  FwSpendMean *means[3];
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  g_return_val_if_fail (spend != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  means[0] = &spend->promoters;
  means[1] = &spend->passives;
  means[2] = &spend->detractors;
  for (guint c = 0; c < G_N_ELEMENTS (means); c++)
    *means[c] = (FwSpendMean) { 0, NAN };
  spend->uplift = NAN;

  if (!check_day (from_day, error) || !check_day (to_day, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (fw_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, from_day, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, to_day, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int category = sqlite3_column_int (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      g_assert (category >= 0 && category < (int) G_N_ELEMENTS (means));
      means[category]->n = n;
      means[category]->mean = sqlite3_column_double (stmt, 2) / (double) n;
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      for (guint c = 0; c < G_N_ELEMENTS (means); c++)
        *means[c] = (FwSpendMean) { 0, NAN };
      fw_store_set_error_from_sqlite (store, rc, error);
      return FALSE;
    }

  if (spend->promoters.n > 0 && spend->detractors.n > 0 && spend->detractors.mean > 0)
    spend->uplift = 100.0 * (spend->promoters.mean / spend->detractors.mean - 1.0);
  return TRUE;
}

static void
comment_clear (FwComment *comment)
{
  g_clear_pointer (&comment->day, g_free);
  g_clear_pointer (&comment->unit, g_free);
  g_clear_pointer (&comment->touchpoint, g_free);
  g_clear_pointer (&comment->text, g_free);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Adds "AND @column IN (...)" over the ids of @names, with their own
 * parameters from @param on, numbered as SQLite counts them. */
static void
append_names (GString    *sql,
              const char *column,
              const char *select,
              GPtrArray  *names,
              guint      *param)
{
  if (names == NULL || names->len == 0)
    return;
  g_string_append_printf (sql, " AND %s IN (%s (", column, select);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", (*param)++);
  g_string_append (sql, "))");
}

static GArray *
read_comments (FwStore    *store,
               FwKind      kind,
               const char *from_day,
               const char *to_day,
               GPtrArray  *units,
               GPtrArray  *touchpoints,
               guint       max_score,
               guint       limit,
               guint       comment_threshold,
               GError    **error)
{
  static const char customer_sql[] =
    "SELECT r.day, u.name, t.name, r.score, r.comment"
    "  FROM responses r LEFT JOIN units m ON m.id = r.unit_id"
    "       LEFT JOIN units u ON u.id = coalesce (m.merged_into, r.unit_id)"
    "       LEFT JOIN touchpoints t ON t.id = r.touchpoint_id"
    " WHERE r.kind = 'customer' AND r.comment IS NOT NULL AND trim (r.comment) <> ''"
    "   AND r.score <= ?3"
    "   AND (?1 IS NULL OR r.day >= ?1) AND (?2 IS NULL OR r.day <= ?2)";
  static const char customer_order[] = " ORDER BY r.day DESC, r.id DESC LIMIT ?4";
  /* ?3 is the comment threshold here. */
  static const char employee_sql[] =
    "WITH cells (unit_id, month, n) AS ("
    "  SELECT unit_id, substr (month, 1, 7), sum (n) FROM rollup_monthly"
    "   WHERE kind = 'employee' GROUP BY unit_id, month)"
    "SELECT c.month, u.name, NULL, -1, r.comment"
    "  FROM responses r"
    "  LEFT JOIN units m ON m.id = r.unit_id"
    "  JOIN cells c ON c.unit_id = coalesce (m.merged_into, r.unit_id, 0)"
    "   AND c.month = substr (r.day, 1, 7)"
    "  LEFT JOIN units u ON u.id = c.unit_id"
    " WHERE r.kind = 'employee' AND r.comment IS NOT NULL AND trim (r.comment) <> ''"
    "   AND c.n >= ?3"
    "   AND (?1 IS NULL OR ?1 <= c.month || '-01')"
    "   AND (?2 IS NULL OR ?2 >= date (c.month || '-01', '+1 month', '-1 day'))";
  static const char employee_order[] =
    " ORDER BY c.month DESC, u.name IS NULL, u.name, r.comment LIMIT ?4";
  static const char unit_ids[] = "SELECT coalesce (merged_into, id) FROM units WHERE name IN";
  static const char touchpoint_ids[] = "SELECT id FROM touchpoints WHERE name IN";
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) comments = NULL;
  gboolean employee = kind == FW_KIND_EMPLOYEE;
  guint param = 5;
  int rc;

  if (!check_day (from_day, error) || !check_day (to_day, error))
    return NULL;

  if (comment_threshold == 0)
    comment_threshold = FW_COMMENT_THRESHOLD;
  comment_threshold = MAX (comment_threshold, FW_ANONYMITY_DEFAULT);

  /* A unit keeps its cells whole, so it may narrow employee comments too;
   * a touchpoint would split them and does not. */
  g_string_append (sql, employee ? employee_sql : customer_sql);
  append_names (sql, employee ? "c.unit_id" : "coalesce (m.merged_into, r.unit_id)", unit_ids,
                units, &param);
  if (!employee)
    append_names (sql, "r.touchpoint_id", touchpoint_ids, touchpoints, &param);
  g_string_append (sql, employee ? employee_order : customer_order);

  rc = sqlite3_prepare_v2 (fw_store_get_db (store), sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, from_day, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, to_day, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 3, employee ? comment_threshold : max_score);
  /* A negative LIMIT is none in SQLite. */
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
  param = 5;
  for (guint i = 0; rc == SQLITE_OK && units != NULL && i < units->len; i++)
    rc = sqlite3_bind_text (stmt, param++, g_ptr_array_index (units, i), -1, SQLITE_STATIC);
  for (guint i = 0; rc == SQLITE_OK && !employee && touchpoints != NULL && i < touchpoints->len;
       i++)
    rc = sqlite3_bind_text (stmt, param++, g_ptr_array_index (touchpoints, i), -1,
                            SQLITE_STATIC);
  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return NULL;
    }

  comments = g_array_new (FALSE, TRUE, sizeof (FwComment));
  g_array_set_clear_func (comments, (GDestroyNotify) comment_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FwComment comment;

      comment.day = dup_column (stmt, 0);
      comment.unit = dup_column (stmt, 1);
      comment.touchpoint = employee ? NULL : dup_column (stmt, 2);
      comment.score = employee ? -1 : sqlite3_column_int (stmt, 3);
      comment.text = dup_column (stmt, 4);
      g_array_append_val (comments, comment);
    }
  if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&comments);
}

/**
 * fw_insights_comments:
 * @kind: whose comments
 * @from_day: (nullable): first day, "YYYY-MM-DD"
 * @to_day: (nullable): last day
 * @max_score: only answers scoring at most this: FW_COMMENT_DETRACTORS for
 *   the detractors, FW_COMMENT_ALL for everyone; customers only
 * @limit: at most this many comments; 0 for all
 * @comment_threshold: employee answers a unit-month needs before its
 *   comments are shown; 0 for FW_COMMENT_THRESHOLD, never below
 *   FW_ANONYMITY_DEFAULT
 *
 * The most recent comments (blank ones left out), newest first.
 *
 * Customer comments come with their day, unit, touchpoint and score.
 *
 * Employee comments follow the safe cell rule of fw-query.c with a higher
 * bar: a comment is shown only when its cell (its unit, the answers without
 * a unit being a unit of their own, in its calendar month) holds at least
 * @comment_threshold employee answers, counted over the whole month and
 * every touchpoint from rollup_monthly, whatever the range.  Within a cell
 * the comment must not point to its writer, so it comes without what a
 * single answer has of its own:
 *
 * - no score (-1): a score next to its text is one person's answer, and
 *   would undo the anonymity that eNPS keeps by only showing sums;
 * - no day, only the month: a day narrows a cell of ten to the few who
 *   answered that day, often to the one;
 * - no touchpoint, and @max_score does not apply: both would split the
 *   cell, and a detractors-only list tells each commenter's score category;
 * - within a month in the order of unit and text, not of answering;
 * - the range counts a month only when it covers the whole of it, as in
 *   fw-query.c: two ranges a day apart would otherwise tell a comment's day.
 *
 * Returns: (transfer full) (element-type FwComment): the comments, or
 *   %NULL with @error set; free with g_array_unref()
 */
GArray *
fw_insights_comments (FwStore    *store,
                      FwKind      kind,
                      const char *from_day,
                      const char *to_day,
                      guint       max_score,
                      guint       limit,
                      guint       comment_threshold,
                      GError    **error)
{
  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_comments (store, kind, from_day, to_day, NULL, NULL, max_score, limit,
                        comment_threshold, error);
}

/**
 * fw_insights_comments_filtered:
 * @filter: the kind, range, units and touchpoints; its import batch is not
 *   looked at
 *
 * fw_insights_comments() for the answers of @filter.  Unit names are
 * matched as the query layer matches them, a merged name standing for the
 * unit it counts as.  Employee comments follow the unit filter, whose
 * cells stay whole, but never a touchpoint filter, which would split them.
 *
 * Returns: (transfer full) (element-type FwComment): the comments, or
 *   %NULL with @error set; free with g_array_unref()
 */
GArray *
fw_insights_comments_filtered (FwStore             *store,
                               const FwQueryFilter *filter,
                               guint                max_score,
                               guint                limit,
                               guint                comment_threshold,
                               GError             **error)
{
  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_comments (store, filter->kind, filter->from_day, filter->to_day, filter->units,
                        filter->touchpoints, max_score, limit, comment_threshold, error);
}

static void
mover_clear (FwMover *mover)
{
  g_clear_pointer (&mover->unit, g_free);
  g_clear_pointer (&mover->quarter, g_free);
}

/**
 * fw_insights_movers:
 * @kind: customer NPS or employee eNPS
 * @from_day: (nullable): first day, "YYYY-MM-DD"
 * @to_day: (nullable): last day
 * @options: (nullable): %NULL for %FW_QUERY_OPTIONS_INIT
 *
 * The unit-quarters whose score changed significantly (two-sided p below
 * FW_MOVERS_ALPHA) against the same unit's quarter before, both within the
 * range; for employees only between quarters the query layer shows.  In
 * the order of the query layer: by quarter, then unit.
 *
 * Returns: (transfer full) (element-type FwMover): the movers, or %NULL with
 *   @error set; free with g_array_unref()
 */
GArray *
fw_insights_movers (FwStore              *store,
                    FwKind                kind,
                    const char           *from_day,
                    const char           *to_day,
                    const FwQueryOptions *options,
                    GError              **error)
{
  g_autoptr(FwQueryResult) result = NULL;
  GArray *movers;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = unit_quarters (store, kind, from_day, to_day, options, error);
  if (result == NULL)
    return NULL;

  movers = g_array_new (FALSE, TRUE, sizeof (FwMover));
  g_array_set_clear_func (movers, (GDestroyNotify) mover_clear);
  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);
      FwMover mover;

      if (row->suppressed || row->unit == NULL || row->unit[0] == '\0' || isnan (row->p)
          || !(row->p < FW_MOVERS_ALPHA))
        continue;
      mover.unit = g_strdup (row->unit);
      mover.quarter = g_strdup (row->key);
      mover.n = row->tally.n;
      mover.nps = row->nps;
      mover.delta = row->delta;
      mover.z = row->z;
      mover.p = row->p;
      g_array_append_val (movers, mover);
    }
  return movers;
}
