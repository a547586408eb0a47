/* fw-query.c: scores by period, unit and touchpoint, from the rollup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every score Flywheel shows comes through fw_query_run(): one prepared
 * statement sums the rollup for the filter (the monthly one for the whole
 * months of the range, the daily one for the days at its ends), grouped by
 * day, unit or touchpoint; the periods (ISO weeks, fiscal quarters) are
 * formed here in C, because SQLite 3.40 has no ISO week and no notion of a
 * fiscal year.  A month is one rollup row per unit and touchpoint, so even
 * three years of answers come to a few thousand rows, however many answers
 * there are.
 *
 * Employee anonymity is applied here, once, so that no caller can forget
 * it.  The rule, and the one place it is written down:
 *
 * Every employee figure is a sum of safe cells.  A cell is one unit (the
 * answers without a unit being a unit of their own) in one calendar month,
 * summed from rollup_monthly over every touchpoint; it is safe when it holds
 * at least the threshold of answers (FwQueryOptions.min_group, never below
 * FW_ANONYMITY_MIN).  Unsafe cells count in no employee figure anywhere:
 * not in a grouping, not in a total, not in a rolling window, not in the
 * CX-EX link (fw-insights.c builds on fw_query_run()) and not in
 * fw_store_get_overall(), which applies the same rule in SQL.  Whether a
 * cell is safe depends on the cell alone, never on the filter, so every
 * figure shown under any filter is a union of whole safe cells, and so is
 * the difference of any two of them.  Nothing smaller than a safe cell can
 * therefore be recovered by subtraction, however the filters are combined:
 * units {A, B, C, D} against all units differs by unit E's safe months
 * only, and two ranges a day apart differ by no cell at all.
 *
 * What follows from it:
 *
 * - Date filters count a month only when the range covers the whole of it
 *   (from on or before its first day, to on or after its last); a range
 *   that covers no whole month has no employee figure.  Snapping outward
 *   instead would show answers the user excluded.
 * - Groupings finer than a cell (day, week) are refused with
 *   FW_QUERY_ERROR_TOO_FINE, and so are touchpoints, as grouping or filter,
 *   and import batches: a cell has no touchpoint or batch, and a part of a
 *   cell subtracted from the whole cell would give the rest away.
 * - A group holding no safe cell comes back suppressed; any other group is
 *   its sum of safe cells, at least the threshold by construction.  No
 *   complementary suppression is needed.
 * - FwQueryResult.n_withheld counts the answers of the unsafe cells the
 *   filter covers, so that a screen can say that some are not counted.
 *   The number itself is for this module's tests and must not be shown:
 *   two such counts under different filters would give the size of one
 *   small cell, and no number of a group below the threshold leaves
 *   Flywheel, not even its n.  Counts of answers elsewhere (fw_units_list())
 *   follow the same rule and sum safe cells only.
 *
 * Customer answers are never suppressed and keep their full resolution.
 */

#define G_LOG_DOMAIN "fw-query"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "fw-query.h"
#include "fw-store-private.h"
#include "fw-stats.h"

G_DEFINE_QUARK (fw-query-error-quark, fw_query_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Parameter numbers of the statement built by build_sql(); the unit ids
 * follow from FIRST_LIST_PARAM on, then the touchpoint ids.  The whole
 * months of the range, [PARAM_MONTH_FROM, PARAM_MONTH_TO), are read from
 * rollup_monthly, the days before and after them from rollup_daily. */
enum
{
  PARAM_KIND = 1,
  PARAM_FROM,
  PARAM_TO,
  PARAM_BATCH,
  PARAM_MONTH_FROM,
  PARAM_MONTH_TO,
  FIRST_LIST_PARAM,
};

/* One group while it is being counted; the public row plus what it takes
 * to find its neighbours. */
typedef struct
{
  FwQueryRow row;
  gint64     group_id; /* unit or touchpoint id; 0 for none or not grouped */
  gint64     ordinal;  /* the period's place in time: one period on is one more */
} Group;

typedef struct
{
  GArray *groups;     /* Group */
  Group   total;
  gint64  n_withheld; /* employee answers in unsafe cells */
} Groups;

static void
query_row_clear (FwQueryRow *row)
{
  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->unit, g_free);
}

static void
group_clear (gpointer data)
{
  query_row_clear (&((Group *) data)->row);
}

static void
groups_free (Groups *groups)
{
  if (groups == NULL)
    return;
  g_clear_pointer (&groups->groups, g_array_unref);
  group_clear (&groups->total);
  g_free (groups);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Groups, groups_free)

const char *
fw_grouping_to_string (FwGrouping grouping)
{
  switch (grouping)
    {
    case FW_GROUPING_TOTAL:        return "total";
    case FW_GROUPING_DAY:          return "day";
    case FW_GROUPING_WEEK:         return "week";
    case FW_GROUPING_MONTH:        return "month";
    case FW_GROUPING_QUARTER:      return "quarter";
    case FW_GROUPING_YEAR:         return "year";
    case FW_GROUPING_UNIT:         return "unit";
    case FW_GROUPING_TOUCHPOINT:   return "touchpoint";
    case FW_GROUPING_UNIT_QUARTER: return "unit-quarter";
    case FW_GROUPING_UNIT_MONTH:   return "unit-month";
    default:                       g_return_val_if_reached (NULL);
    }
}

/* The inverse of fw_grouping_to_string(); the words of `flywheel stats --by`. */
gboolean
fw_grouping_from_string (const char *text,
                         FwGrouping *grouping)
{
  g_return_val_if_fail (grouping != NULL, FALSE);

  for (FwGrouping g = FW_GROUPING_TOTAL; g <= FW_GROUPING_UNIT_MONTH; g++)
    if (g_strcmp0 (text, fw_grouping_to_string (g)) == 0)
      {
        *grouping = g;
        return TRUE;
      }
  return FALSE;
}

static gboolean
grouping_is_time (FwGrouping grouping)
{
  return grouping >= FW_GROUPING_DAY && grouping <= FW_GROUPING_YEAR;
}

FwQueryFilter *
fw_query_filter_new (FwKind kind)
{
  FwQueryFilter *filter = g_new0 (FwQueryFilter, 1);

  filter->kind = kind;
  filter->units = g_ptr_array_new_with_free_func (g_free);
  filter->touchpoints = g_ptr_array_new_with_free_func (g_free);
  return filter;
}

FwQueryFilter *
fw_query_filter_copy (const FwQueryFilter *filter)
{
  FwQueryFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = fw_query_filter_new (filter->kind);
  fw_query_filter_set_range (copy, filter->from_day, filter->to_day);
  for (guint i = 0; filter->units != NULL && i < filter->units->len; i++)
    fw_query_filter_add_unit (copy, g_ptr_array_index (filter->units, i));
  for (guint i = 0; filter->touchpoints != NULL && i < filter->touchpoints->len; i++)
    fw_query_filter_add_touchpoint (copy, g_ptr_array_index (filter->touchpoints, i));
  copy->batch_id = filter->batch_id;
  return copy;
}

void
fw_query_filter_free (FwQueryFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->from_day);
  g_free (filter->to_day);
  g_clear_pointer (&filter->units, g_ptr_array_unref);
  g_clear_pointer (&filter->touchpoints, g_ptr_array_unref);
  g_free (filter);
}

/* Either day may be NULL for an open end. */
void
fw_query_filter_set_range (FwQueryFilter *filter,
                           const char    *from_day,
                           const char    *to_day)
{
  g_return_if_fail (filter != NULL);

  g_free (filter->from_day);
  g_free (filter->to_day);
  filter->from_day = g_strdup (from_day);
  filter->to_day = g_strdup (to_day);
}

void
fw_query_filter_add_unit (FwQueryFilter *filter,
                          const char    *unit)
{
  g_return_if_fail (filter != NULL && unit != NULL);

  if (filter->units == NULL)
    filter->units = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (filter->units, g_strdup (unit));
}

void
fw_query_filter_add_touchpoint (FwQueryFilter *filter,
                                const char    *touchpoint)
{
  g_return_if_fail (filter != NULL && touchpoint != NULL);

  if (filter->touchpoints == NULL)
    filter->touchpoints = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (filter->touchpoints, g_strdup (touchpoint));
}

static void
set_error_from_sqlite (GError **error,
                       sqlite3 *db)
{
  g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_FAILED,
               _("The database could not answer a query: %s."), sqlite3_errmsg (db));
}

/* Strictly "YYYY-MM-DD" and a real date, as the rollup stores days; a
 * looser form would compare wrongly as text. */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
check_day (const char *text,
           GError    **error)
{
  GDate date;

  if (text == NULL || parse_day (text, &date))
    return TRUE;
  g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY,
               _("“%s” is not a day; write days as YYYY-MM-DD, for example 2025-03-14."), text);
  return FALSE;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The key of the period that holds @date, and its ordinal. */
static char *
period_of_date (FwGrouping   grouping,
                guint        fiscal_start_month,
                const GDate *date,
                gint64      *ordinal)
{
  int year, month, fiscal_year, quarter;

  year = g_date_get_year (date);
  month = g_date_get_month (date);
  /* A fiscal year is named after the calendar year in which it ends. */
  fiscal_year = (fiscal_start_month == 1 || month < (int) fiscal_start_month) ? year : year + 1;
  quarter = ((month - (int) fiscal_start_month + 12) % 12) / 3 + 1;

  switch (grouping)
    {
    case FW_GROUPING_DAY:
      *ordinal = g_date_get_julian (date);
      return format_day (date);

    case FW_GROUPING_WEEK:
      {
        /* The ISO year is the year of the week's Thursday. */
        gint64 monday = g_date_get_julian (date) - (g_date_get_weekday (date) - 1);
        GDate thursday;

        g_date_clear (&thursday, 1);
        g_date_set_julian (&thursday, monday + 3);
        /* All Mondays lie 7 days apart, so this steps by exactly one. */
        *ordinal = monday / 7;
        return g_strdup_printf ("%04d-W%02u", g_date_get_year (&thursday),
                                g_date_get_iso8601_week_of_year (date));
      }

    case FW_GROUPING_MONTH:
    case FW_GROUPING_UNIT_MONTH:
      *ordinal = (gint64) year * 12 + month - 1;
      return g_strdup_printf ("%04d-%02d", year, month);

    case FW_GROUPING_QUARTER:
    case FW_GROUPING_UNIT_QUARTER:
      *ordinal = (gint64) fiscal_year * 4 + quarter - 1;
      return g_strdup_printf ("%04d-Q%d", fiscal_year, quarter);

    case FW_GROUPING_YEAR:
      *ordinal = fiscal_year;
      return g_strdup_printf ("%04d", fiscal_year);

    case FW_GROUPING_TOTAL:
    case FW_GROUPING_UNIT:
    case FW_GROUPING_TOUCHPOINT:
    default:
      g_assert_not_reached ();
    }
}

/* Turns unit or touchpoint names into ids; a name that matches nothing is
 * an error rather than an empty answer, because a typo in `--unit` would
 * otherwise read as "no answers". */
static GArray *
resolve_names (sqlite3    *db,
               const char *sql,
               GPtrArray  *names,
               const char **unknown,
               GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (names == NULL || names->len == 0)
    return g_steal_pointer (&ids);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_sqlite (error, db);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      gboolean found = FALSE;
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
          found = TRUE;
        }
      if (rc != SQLITE_DONE)
        {
          set_error_from_sqlite (error, db);
          return NULL;
        }
      if (!found)
        {
          *unknown = name;
          return NULL;
        }
    }
  return g_steal_pointer (&ids);
}

/* The rest of the employee statement after its first three columns: one
 * row per cell (see the top of this file), with its day the first of its
 * month, so that the caller can tell the safe cells from the others and
 * group them.  ?2 and ?3 are the first day of the first whole month and of
 * the month after the last one, see snap_to_months(). */
static char *
build_cell_sql (GString   *sql,
                FwGrouping grouping,
                guint      n_units)
{
  guint param = FIRST_LIST_PARAM;

  g_string_append (sql,
                   ", r.n, r.promoters, r.passives, r.detractors"
                   " FROM (SELECT month AS day, unit_id, sum (n) AS n,"
                   " sum (promoters) AS promoters, sum (passives) AS passives,"
                   " sum (detractors) AS detractors"
                   " FROM rollup_monthly WHERE kind = ?1 AND month >= ?2 AND month < ?3");
  if (n_units > 0)
    {
      g_string_append (sql, " AND unit_id IN (");
      for (guint i = 0; i < n_units; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", param++);
      g_string_append (sql, ")");
    }
  g_string_append (sql, " GROUP BY unit_id, month) AS r");
  if (grouping == FW_GROUPING_UNIT || FW_GROUPING_IS_UNIT_PERIOD (grouping))
    g_string_append (sql, " LEFT JOIN units AS u ON u.id = r.unit_id");
  return g_string_free (sql, FALSE);
}

/* Which parts of the rollup a customer range reads (see count_groups()):
 * its whole months from rollup_monthly, the days before the first of them
 * and the days after the last from rollup_daily.  A part that would select
 * nothing is left out of the statement, which halves its time. */
typedef enum
{
  LEG_MONTHS = 1 << 0,
  LEG_DAYS_BEFORE = 1 << 1,
  LEG_DAYS_AFTER = 1 << 2,
} Legs;

/* The statement for one filter and grouping.  Only fixed fragments go into
 * the text; every value is a bound parameter.  Its columns are: day (or
 * NULL), group id (or 0), group name (or NULL), n, promoters, passives,
 * detractors. */
static char *
build_sql (const FwQueryFilter *filter,
           FwGrouping           grouping,
           Legs                 legs,
           guint                n_units,
           guint                n_touchpoints)
{
  GString *sql = g_string_new ("SELECT ");
  const char *where = " WHERE";
  guint param = FIRST_LIST_PARAM;

  switch (grouping)
    {
    case FW_GROUPING_TOTAL:
      g_string_append (sql, "NULL, 0, NULL");
      break;
    case FW_GROUPING_UNIT:
      g_string_append (sql, "NULL, r.unit_id, u.name");
      break;
    case FW_GROUPING_TOUCHPOINT:
      g_string_append (sql, "NULL, r.touchpoint_id, t.name");
      break;
    case FW_GROUPING_UNIT_QUARTER:
    case FW_GROUPING_UNIT_MONTH:
      g_string_append (sql, "r.day, r.unit_id, u.name");
      break;
    case FW_GROUPING_DAY:
    case FW_GROUPING_WEEK:
    case FW_GROUPING_MONTH:
    case FW_GROUPING_QUARTER:
    case FW_GROUPING_YEAR:
    default:
      g_string_append (sql, "r.day, 0, NULL");
      break;
    }

  if (filter->kind == FW_KIND_EMPLOYEE)
    return build_cell_sql (sql, grouping, n_units);

  g_string_append (sql, ", sum (r.n), sum (r.promoters), sum (r.passives), sum (r.detractors) ");

  /* The rollup has no batch column; one batch is summed from its own
   * answers, which the batch index finds without a scan of the rest. */
  if (filter->batch_id != 0)
    g_string_append (sql,
                     "FROM (SELECT day, kind, coalesce (m.merged_into, a.unit_id, 0) AS unit_id,"
                     " coalesce (touchpoint_id, 0) AS touchpoint_id, 1 AS n,"
                     " score >= 9 AS promoters, score BETWEEN 7 AND 8 AS passives,"
                     " score <= 6 AS detractors"
                     " FROM responses AS a LEFT JOIN units AS m ON m.id = a.unit_id"
                     " WHERE batch_id = ?4) AS r ");
  else
    {
      const char *sep = "FROM (";

      /* Each part selects within the kind and the range already. */
      if (legs & LEG_MONTHS)
        {
          g_string_append_printf (sql,
                                  "%sSELECT month AS day, unit_id, touchpoint_id, n, promoters,"
                                  " passives, detractors FROM rollup_monthly"
                                  " WHERE kind = ?1 AND month >= ?5 AND month < ?6",
                                  sep);
          sep = " UNION ALL ";
        }
      if (legs & LEG_DAYS_BEFORE)
        {
          g_string_append_printf (sql,
                                  "%sSELECT day, unit_id, touchpoint_id, n, promoters,"
                                  " passives, detractors FROM rollup_daily"
                                  " WHERE kind = ?1 AND day >= ?2 AND day < ?5",
                                  sep);
          sep = " UNION ALL ";
        }
      if ((legs & LEG_DAYS_AFTER) || legs == 0)
        g_string_append_printf (sql,
                                "%sSELECT day, unit_id, touchpoint_id, n, promoters,"
                                " passives, detractors FROM rollup_daily"
                                " WHERE kind = ?1 AND day >= ?6 AND day <= ?3",
                                sep);
      g_string_append (sql, ") AS r ");
    }

  if (grouping == FW_GROUPING_UNIT || FW_GROUPING_IS_UNIT_PERIOD (grouping))
    g_string_append (sql, "LEFT JOIN units AS u ON u.id = r.unit_id ");
  else if (grouping == FW_GROUPING_TOUCHPOINT)
    g_string_append (sql, "LEFT JOIN touchpoints AS t ON t.id = r.touchpoint_id ");

  if (filter->batch_id != 0)
    {
      g_string_append (sql, "WHERE r.kind = ?1 AND r.day >= ?2 AND r.day <= ?3");
      where = " AND";
    }

  if (n_units > 0)
    {
      g_string_append_printf (sql, "%s r.unit_id IN (", where);
      where = " AND";
      for (guint i = 0; i < n_units; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", param++);
      g_string_append (sql, ")");
    }
  if (n_touchpoints > 0)
    {
      g_string_append_printf (sql, "%s r.touchpoint_id IN (", where);
      for (guint i = 0; i < n_touchpoints; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", param++);
      g_string_append (sql, ")");
    }

  switch (grouping)
    {
    case FW_GROUPING_TOTAL:
      break;
    case FW_GROUPING_UNIT:
      g_string_append (sql, " GROUP BY r.unit_id");
      break;
    case FW_GROUPING_TOUCHPOINT:
      g_string_append (sql, " GROUP BY r.touchpoint_id");
      break;
    case FW_GROUPING_UNIT_QUARTER:
    case FW_GROUPING_UNIT_MONTH:
      g_string_append (sql, " GROUP BY r.unit_id, r.day");
      break;
    case FW_GROUPING_DAY:
    case FW_GROUPING_WEEK:
    case FW_GROUPING_MONTH:
    case FW_GROUPING_QUARTER:
    case FW_GROUPING_YEAR:
    default:
      g_string_append (sql, " GROUP BY r.day");
      break;
    }

  return g_string_free (sql, FALSE);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Group *ga = a, *gb = b;
  FwGrouping grouping = GPOINTER_TO_INT (user_data);

  if (grouping == FW_GROUPING_UNIT || grouping == FW_GROUPING_TOUCHPOINT
      || FW_GROUPING_IS_UNIT_PERIOD (grouping))
    {
      const char *na = FW_GROUPING_IS_UNIT_PERIOD (grouping) ? ga->row.unit : ga->row.key;
      const char *nb = FW_GROUPING_IS_UNIT_PERIOD (grouping) ? gb->row.unit : gb->row.key;
      int cmp;

      /* Answers without a unit or touchpoint come last. */
      if (ga->group_id != gb->group_id && (ga->group_id == 0 || gb->group_id == 0))
        return ga->group_id == 0 ? 1 : -1;
      cmp = g_utf8_collate (na, nb);
      if (cmp == 0)
        cmp = strcmp (na, nb);
      if (cmp != 0)
        return cmp;
    }
  return (ga->ordinal > gb->ordinal) - (ga->ordinal < gb->ordinal);
}

static void
tally_add (FwTally       *to,
           const FwTally *from)
{
  to->n += from->n;
  to->promoters += from->promoters;
  to->passives += from->passives;
  to->detractors += from->detractors;
}

static void
group_score (Group *group,
             FwKind kind,
             guint  min_group)
{
  const FwTally *t = &group->row.tally;

  group->row.nps = fw_stats_nps (t->promoters, t->detractors, t->n);
  fw_stats_nps_interval (t->promoters, t->detractors, t->n, NULL, &group->row.ci_low,
                         &group->row.ci_high);
  group->row.delta = group->row.z = group->row.p = NAN;
  group->row.previous_n = -1;
  group->row.suppressed = kind == FW_KIND_EMPLOYEE && t->n < (gint64) min_group;
}

/* The whole months of an employee range, as the bounds of build_cell_sql():
 * @from becomes the first day of the first month that the range covers
 * whole, @to the first day of the month after the last one.  An open end
 * is no bound.  A range that covers no whole month comes out with @to not
 * after @from, which selects nothing. */
static void
snap_to_months (const FwQueryFilter *filter,
                char               **from,
                char               **to)
{
  GDate date;

  if (filter->from_day != NULL && parse_day (filter->from_day, &date))
    {
      if (g_date_get_day (&date) != 1)
        {
          g_date_set_day (&date, 1);
          g_date_add_months (&date, 1);
        }
      *from = format_day (&date);
    }
  else
    *from = g_strdup ("0000-01-01");

  if (filter->to_day != NULL && parse_day (filter->to_day, &date))
    {
      gboolean last_day = g_date_is_last_of_month (&date);

      g_date_set_day (&date, 1);
      if (last_day)
        g_date_add_months (&date, 1);
      *to = format_day (&date);
    }
  else
    *to = g_strdup ("9999-99-99"); /* after every day, as text */
}

/* Employee figures are sums of cells (see the top of this file); anything
 * that would split a cell is refused rather than answered. */
static gboolean
check_employee_query (const FwQueryFilter *filter,
                      FwGrouping           grouping,
                      GError             **error)
{
  if (filter->kind != FW_KIND_EMPLOYEE)
    return TRUE;

  if (grouping == FW_GROUPING_DAY || grouping == FW_GROUPING_WEEK)
    {
      g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_TOO_FINE,
                   _("Employee answers are shown by month at the finest, to protect anonymity."));
      return FALSE;
    }
  if (grouping == FW_GROUPING_TOUCHPOINT
      || (filter->touchpoints != NULL && filter->touchpoints->len > 0)
      || filter->batch_id != 0)
    {
      g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_TOO_FINE,
                   _("Employee answers are shown by unit and month only, not by touchpoint "
                     "or import, to protect anonymity."));
      return FALSE;
    }
  return TRUE;
}

/* Counts the groups of one filter and grouping, scores them and marks the
 * ones that anonymity hides; changes are left to the caller. */
static Groups *
count_groups (FwStore              *store,
              const FwQueryFilter  *filter,
              FwGrouping            grouping,
              const FwQueryOptions *options,
              GError              **error)
{
  sqlite3 *db = fw_store_get_db (store);
  guint min_group = MAX (options->min_group, FW_ANONYMITY_MIN);
  g_autoptr(Groups) result = g_new0 (Groups, 1);
  g_autoptr(GArray) unit_ids = NULL;
  g_autoptr(GArray) touchpoint_ids = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *first = filter->from_day ? filter->from_day : "0000-01-01";
  const char *last = filter->to_day ? filter->to_day : "9999-12-31";
  const char *unknown = NULL;
  guint param = FIRST_LIST_PARAM;
  Legs legs = 0;
  int rc;

  if (!check_day (filter->from_day, error) || !check_day (filter->to_day, error)
      || !check_employee_query (filter, grouping, error))
    return NULL;

  unit_ids = resolve_names (db,
                            "SELECT coalesce (merged_into, id) FROM units WHERE name = ?1",
                            filter->units, &unknown, error);
  if (unit_ids == NULL)
    {
      if (unknown != NULL)
        g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_UNKNOWN_UNIT,
                     _("There is no unit “%s”; check its name."), unknown);
      return NULL;
    }
  touchpoint_ids = resolve_names (db, "SELECT id FROM touchpoints WHERE name = ?1",
                                  filter->touchpoints, &unknown, error);
  if (touchpoint_ids == NULL)
    {
      if (unknown != NULL)
        g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_UNKNOWN_TOUCHPOINT,
                     _("There is no touchpoint “%s”; check its name."), unknown);
      return NULL;
    }

  snap_to_months (filter, &from, &to);
  if (filter->kind == FW_KIND_CUSTOMER)
    {
      /* Whole months from the monthly rollup, the rest from the daily one;
       * when there is no whole month, or the grouping needs days, both
       * month bounds are @first and the daily rollup covers it all. */
      if (grouping == FW_GROUPING_DAY || grouping == FW_GROUPING_WEEK || strcmp (from, to) >= 0)
        {
          g_free (from);
          g_free (to);
          from = g_strdup (first);
          to = g_strdup (first);
        }
      if (strcmp (from, to) < 0)
        legs |= LEG_MONTHS;
      if (strcmp (first, from) < 0)
        legs |= LEG_DAYS_BEFORE;
      if (strcmp (to, last) <= 0)
        legs |= LEG_DAYS_AFTER;
    }

  sql = build_sql (filter, grouping, legs, unit_ids->len, touchpoint_ids->len);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_sqlite (error, db);
      return NULL;
    }
  sqlite3_bind_text (stmt, PARAM_KIND, fw_kind_to_string (filter->kind), -1, SQLITE_STATIC);
  if (filter->kind == FW_KIND_EMPLOYEE)
    {
      sqlite3_bind_text (stmt, PARAM_FROM, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, PARAM_TO, to, -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_text (stmt, PARAM_FROM, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, PARAM_TO, last, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, PARAM_MONTH_FROM, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, PARAM_MONTH_TO, to, -1, SQLITE_STATIC);
    }
  if (filter->batch_id != 0)
    sqlite3_bind_int64 (stmt, PARAM_BATCH, filter->batch_id);
  for (guint i = 0; i < unit_ids->len; i++)
    sqlite3_bind_int64 (stmt, param++, g_array_index (unit_ids, gint64, i));
  for (guint i = 0; i < touchpoint_ids->len; i++)
    sqlite3_bind_int64 (stmt, param++, g_array_index (touchpoint_ids, gint64, i));

  result->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (result->groups, group_clear);
  index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 0);
      gint64 group_id = sqlite3_column_int64 (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      FwTally tally = {
        sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4),
        sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6),
      };
      g_autofree char *period = NULL;
      g_autofree char *hash_key = NULL;
      gint64 ordinal = 0;
      gpointer found;
      Group *group;
      GDate date;
      gboolean unsafe = filter->kind == FW_KIND_EMPLOYEE && tally.n < (gint64) min_group;

      /* A sum over no rows at all, for the total. */
      if (tally.n <= 0)
        continue;

      if (day != NULL)
        {
          if (!parse_day (day, &date))
            {
              /* The schema's CHECK keeps such days out; say so rather than guess. */
              g_warning ("Skipping malformed day “%s” in the rollup", day);
              continue;
            }
          period = period_of_date (grouping, options->fiscal_start_month, &date, &ordinal);
        }
      hash_key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", group_id, period ? period : "");

      if (g_hash_table_lookup_extended (index, hash_key, NULL, &found))
        group = &g_array_index (result->groups, Group, GPOINTER_TO_UINT (found));
      else
        {
          Group fresh = { { 0 }, group_id, ordinal };

          switch (grouping)
            {
            case FW_GROUPING_TOTAL:
              fresh.row.key = g_strdup ("total");
              break;
            case FW_GROUPING_UNIT:
              fresh.row.key = g_strdup (name ? name : "");
              fresh.row.unit = g_strdup (fresh.row.key);
              break;
            case FW_GROUPING_TOUCHPOINT:
              fresh.row.key = g_strdup (name ? name : "");
              break;
            case FW_GROUPING_UNIT_QUARTER:
            case FW_GROUPING_UNIT_MONTH:
              fresh.row.key = g_steal_pointer (&period);
              fresh.row.unit = g_strdup (name ? name : "");
              break;
            case FW_GROUPING_DAY:
            case FW_GROUPING_WEEK:
            case FW_GROUPING_MONTH:
            case FW_GROUPING_QUARTER:
            case FW_GROUPING_YEAR:
            default:
              fresh.row.key = g_steal_pointer (&period);
              break;
            }
          g_hash_table_insert (index, g_steal_pointer (&hash_key),
                               GUINT_TO_POINTER (result->groups->len));
          g_array_append_val (result->groups, fresh);
          group = &g_array_index (result->groups, Group, result->groups->len - 1);
        }
      /* An unsafe cell still makes its group, so that a group of nothing
       * but unsafe cells is listed as suppressed rather than left out. */
      if (unsafe)
        result->n_withheld += tally.n;
      else
        tally_add (&group->row.tally, &tally);
    }
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (error, db);
      return NULL;
    }

  g_array_sort_with_data (result->groups, compare_groups, GINT_TO_POINTER (grouping));

  result->total.row.key = g_strdup ("total");
  for (guint i = 0; i < result->groups->len; i++)
    {
      Group *group = &g_array_index (result->groups, Group, i);

      tally_add (&result->total.row.tally, &group->row.tally);
      group_score (group, filter->kind, min_group);
    }
  group_score (&result->total, filter->kind, min_group);

  return g_steal_pointer (&result);
}

/* Change from @before to @group; only between shown groups, since a change
 * against a hidden group would give its score away. */
static void
group_change (Group       *group,
              const Group *before)
{
  FwNpsChange change;
  const FwTally *t1 = &before->row.tally, *t2 = &group->row.tally;

  if (group->row.suppressed || before->row.suppressed)
    return;
  fw_stats_nps_change (t1->promoters, t1->detractors, t1->n, t2->promoters, t2->detractors,
                       t2->n, &change);
  group->row.delta = change.delta;
  group->row.previous_n = t1->n;
  group->row.z = change.z;
  group->row.p = change.p;
}

/* For periods: each group against the period before it (for the same unit
 * in unit x quarter), when that period is in the result. */
static void
changes_within (Groups *groups)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < groups->groups->len; i++)
    {
      const Group *g = &g_array_index (groups->groups, Group, i);

      g_hash_table_insert (index,
                           g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                            g->group_id, g->ordinal),
                           GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < groups->groups->len; i++)
    {
      Group *g = &g_array_index (groups->groups, Group, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                              g->group_id, g->ordinal - 1);
      gpointer found;

      if (g_hash_table_lookup_extended (index, key, NULL, &found))
        group_change (g, &g_array_index (groups->groups, Group, GPOINTER_TO_UINT (found)));
    }
}

/* For the total and the unit and touchpoint breakdowns: each group against
 * the same group over the range of the same length just before. */
static gboolean
changes_against_previous_range (FwStore              *store,
                                const FwQueryFilter  *filter,
                                FwGrouping            grouping,
                                const FwQueryOptions *options,
                                Groups               *groups,
                                GError              **error)
{
  g_autoptr(FwQueryFilter) before_filter = NULL;
  g_autoptr(Groups) before = NULL;
  g_autoptr(GHashTable) index = NULL;
  GDate from, to;
  gint64 length;

  if (!parse_day (filter->from_day, &from) || !parse_day (filter->to_day, &to))
    return TRUE;
  length = (gint64) g_date_get_julian (&to) - g_date_get_julian (&from) + 1;
  if (length <= 0 || (gint64) g_date_get_julian (&from) - length < 1)
    return TRUE;

  before_filter = fw_query_filter_copy (filter);
  g_date_subtract_days (&from, length);
  g_date_subtract_days (&to, length);
  g_free (before_filter->from_day);
  g_free (before_filter->to_day);
  before_filter->from_day = format_day (&from);
  before_filter->to_day = format_day (&to);

  before = count_groups (store, before_filter, grouping, options, error);
  if (before == NULL)
    return FALSE;

  group_change (&groups->total, &before->total);

  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < before->groups->len; i++)
    {
      Group *g = &g_array_index (before->groups, Group, i);

      g_hash_table_insert (index, &g->group_id, g);
    }
  for (guint i = 0; grouping != FW_GROUPING_TOTAL && i < groups->groups->len; i++)
    {
      Group *g = &g_array_index (groups->groups, Group, i);
      const Group *b = g_hash_table_lookup (index, &g->group_id);

      if (b != NULL)
        group_change (g, b);
    }
  /* The total grouping's one row is the total. */
  if (grouping == FW_GROUPING_TOTAL && groups->groups->len == 1)
    group_change (&g_array_index (groups->groups, Group, 0), &before->total);
  return TRUE;
}

/* Copies @group into a public row, blanking a suppressed one. */
static void
publish_row (FwQueryRow  *row,
             const Group *group)
{
  *row = group->row;
  row->key = g_strdup (group->row.key);
  row->unit = g_strdup (group->row.unit);
  if (row->suppressed)
    {
      memset (&row->tally, 0, sizeof row->tally);
      row->nps = row->ci_low = row->ci_high = NAN;
      row->delta = row->z = row->p = NAN;
      row->previous_n = -1;
    }
}

/**
 * fw_query_run:
 * @options: (nullable): %NULL for %FW_QUERY_OPTIONS_INIT
 *
 * Scores the answers that @filter lets through, grouped by @grouping, from
 * the daily rollup.  Groups without answers are left out.
 *
 * Changes: a period is compared with the period just before it (for the
 * same unit in unit x quarter) when that period is in the result; the first
 * period of a date range therefore has none.  The total and the unit and
 * touchpoint groups are compared with the range of the same length just
 * before, when the filter has both a from and a to day.
 *
 * Employee figures are sums of safe cells only, and a group without one
 * comes back suppressed, with no counts, no score, no interval and no
 * change; day, week and touchpoint groupings, touchpoint filters and batch
 * filters are refused for them with %FW_QUERY_ERROR_TOO_FINE (see the top
 * of this file).
 *
 * Returns: (transfer full): the rows, or %NULL with @error set
 */
FwQueryResult *
fw_query_run (FwStore              *store,
              const FwQueryFilter  *filter,
              FwGrouping            grouping,
              const FwQueryOptions *options,
              GError              **error)
{
  static const FwQueryOptions defaults = FW_QUERY_OPTIONS_INIT;
  g_autoptr(Groups) groups = NULL;
  FwQueryResult *result;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (grouping <= FW_GROUPING_UNIT_MONTH, NULL);
  g_return_val_if_fail (options == NULL
                        || (options->fiscal_start_month >= 1 && options->fiscal_start_month <= 12),
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  groups = count_groups (store, filter, grouping, options, error);
  if (groups == NULL)
    return NULL;

  if (grouping_is_time (grouping) || FW_GROUPING_IS_UNIT_PERIOD (grouping))
    changes_within (groups);
  else if (!changes_against_previous_range (store, filter, grouping, options, groups, error))
    return NULL;

  result = g_new0 (FwQueryResult, 1);
  result->kind = filter->kind;
  result->grouping = grouping;
  result->n_withheld = groups->n_withheld;
  result->rows = g_array_sized_new (FALSE, TRUE, sizeof (FwQueryRow), groups->groups->len);
  g_array_set_clear_func (result->rows, (GDestroyNotify) query_row_clear);
  for (guint i = 0; i < groups->groups->len; i++)
    {
      FwQueryRow row;

      publish_row (&row, &g_array_index (groups->groups, Group, i));
      g_array_append_val (result->rows, row);
    }
  publish_row (&result->total, &groups->total);
  return result;
}

/**
 * fw_query_rolling:
 * @months: the length of the window, 1 or more
 * @options: (nullable): %NULL for %FW_QUERY_OPTIONS_INIT
 *
 * Trailing windows of @months months, stepped monthly: one row per month of
 * the range (key "YYYY-MM", grouping %FW_GROUPING_MONTH), holding that month
 * and the @months - 1 before it, because a month of one unit is often too
 * few answers to read.  The change of a row is against the window of the
 * same length just before it (ending @months months earlier), so that the
 * two periods do not overlap.
 *
 * For customer answers the months before the range's from day are read too,
 * so that the first window is whole.  Employee windows are sums of the safe
 * cells of their months like every employee figure, so overlapping windows
 * give no unsafe cell away; they never reach before the from day, because
 * employee figures count only the whole months inside the range, so the
 * first @months - 1 of them may hold fewer months.
 *
 * Returns: (transfer full): the rows, or %NULL with @error set
 */
FwQueryResult *
fw_query_rolling (FwStore              *store,
                  const FwQueryFilter  *filter,
                  guint                 months,
                  const FwQueryOptions *options,
                  GError              **error)
{
  static const FwQueryOptions defaults = FW_QUERY_OPTIONS_INIT;
  g_autoptr(FwQueryFilter) wide = NULL;
  g_autoptr(Groups) monthly = NULL;
  g_autoptr(GHashTable) by_ordinal = NULL;
  g_autoptr(Groups) windows = NULL;
  gint64 first = G_MAXINT64, last = G_MININT64;
  guint min_group;
  FwQueryResult *result;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (months >= 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  min_group = MAX (options->min_group, FW_ANONYMITY_MIN);

  if (!check_day (filter->from_day, error) || !check_day (filter->to_day, error))
    return NULL;

  wide = fw_query_filter_copy (filter);
  if (filter->kind == FW_KIND_CUSTOMER && filter->from_day != NULL && months > 1)
    {
      GDate from;

      parse_day (filter->from_day, &from);
      g_date_set_day (&from, 1);
      g_date_subtract_months (&from, months - 1);
      g_free (wide->from_day);
      wide->from_day = format_day (&from);
    }

  monthly = count_groups (store, wide, FW_GROUPING_MONTH, options, error);
  if (monthly == NULL)
    return NULL;

  /* The rows run over the months of the range, not of the widened read. */
  by_ordinal = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < monthly->groups->len; i++)
    {
      Group *g = &g_array_index (monthly->groups, Group, i);

      g_hash_table_insert (by_ordinal, &g->ordinal, g);
      if (filter->from_day == NULL || strncmp (g->row.key, filter->from_day, 7) >= 0)
        {
          first = MIN (first, g->ordinal);
          last = MAX (last, g->ordinal);
        }
    }

  windows = g_new0 (Groups, 1);
  windows->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (windows->groups, group_clear);
  for (gint64 m = first; first <= last && m <= last; m++)
    {
      Group window = { { 0 }, 0, m };
      gboolean any_month = FALSE;

      /* A month of nothing but unsafe cells adds nothing; a window of such
       * months is listed, suppressed, as the months are. */
      for (gint64 k = m - months + 1; k <= m; k++)
        {
          const Group *month = g_hash_table_lookup (by_ordinal, &k);

          if (month == NULL)
            continue;
          tally_add (&window.row.tally, &month->row.tally);
          any_month = TRUE;
        }
      if (!any_month)
        continue;

      window.row.key = g_strdup_printf ("%04" G_GINT64_FORMAT "-%02d", m / 12, (int) (m % 12) + 1);
      group_score (&window, filter->kind, min_group);
      g_array_append_val (windows->groups, window);
    }

  /* Each window against the one that ends where it begins. */
  {
    g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < windows->groups->len; i++)
      {
        Group *g = &g_array_index (windows->groups, Group, i);

        g_hash_table_insert (index, &g->ordinal, g);
      }
    for (guint i = 0; i < windows->groups->len; i++)
      {
        Group *g = &g_array_index (windows->groups, Group, i);
        gint64 before = g->ordinal - months;
        const Group *b = g_hash_table_lookup (index, &before);

        if (b != NULL)
          group_change (g, b);
      }
  }

  result = g_new0 (FwQueryResult, 1);
  result->kind = filter->kind;
  result->grouping = FW_GROUPING_MONTH;
  result->n_withheld = monthly->n_withheld;
  result->rows = g_array_sized_new (FALSE, TRUE, sizeof (FwQueryRow), windows->groups->len);
  g_array_set_clear_func (result->rows, (GDestroyNotify) query_row_clear);
  for (guint i = 0; i < windows->groups->len; i++)
    {
      FwQueryRow row;

      publish_row (&row, &g_array_index (windows->groups, Group, i));
      g_array_append_val (result->rows, row);
    }

  /* The total is the range's own, not the widened read's. */
  if (wide->from_day != NULL && g_strcmp0 (wide->from_day, filter->from_day) != 0)
    {
      g_autoptr(Groups) total = count_groups (store, filter, FW_GROUPING_TOTAL, options, error);

      if (total == NULL)
        {
          fw_query_result_free (result);
          return NULL;
        }
      publish_row (&result->total, &total->total);
      result->n_withheld = total->n_withheld;
    }
  else
    publish_row (&result->total, &monthly->total);
  return result;
}

/**
 * fw_query_result_lookup:
 * @unit: (nullable): the unit, for unit x quarter; otherwise ignored
 *
 * Returns: (transfer none) (nullable): the row of @key, or %NULL
 */
const FwQueryRow *
fw_query_result_lookup (const FwQueryResult *result,
                        const char          *key,
                        const char          *unit)
{
  g_return_val_if_fail (result != NULL && key != NULL, NULL);

  for (guint i = 0; i < result->rows->len; i++)
    {
      const FwQueryRow *row = &g_array_index (result->rows, FwQueryRow, i);

      if (strcmp (row->key, key) == 0
          && (!FW_GROUPING_IS_UNIT_PERIOD (result->grouping) || g_strcmp0 (row->unit, unit) == 0))
        return row;
    }
  return NULL;
}

void
fw_query_result_free (FwQueryResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->rows, g_array_unref);
  query_row_clear (&result->total);
  g_free (result);
}
