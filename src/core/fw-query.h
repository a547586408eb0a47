/* fw-query.h: scores by period, unit and touchpoint, from the rollup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fw-store.h"

G_BEGIN_DECLS

#define FW_QUERY_ERROR (fw_query_error_quark ())

typedef enum
{
  FW_QUERY_ERROR_FAILED,             /* the database could not answer */
  FW_QUERY_ERROR_INVALID_DAY,        /* a from or to day that is no date */
  FW_QUERY_ERROR_UNKNOWN_UNIT,       /* a unit filter names no unit */
  FW_QUERY_ERROR_UNKNOWN_TOUCHPOINT, /* a touchpoint filter names no touchpoint */
  FW_QUERY_ERROR_TOO_FINE,           /* an employee grouping or filter finer than a safe cell */
} FwQueryError;

/**
 * FwGrouping:
 * @FW_GROUPING_TOTAL: one row over everything the filter lets through
 * @FW_GROUPING_DAY: one row per day, key "2025-03-14"
 * @FW_GROUPING_WEEK: per ISO 8601 week, key "2025-W07" (the ISO year)
 * @FW_GROUPING_MONTH: per calendar month, key "2025-03"
 * @FW_GROUPING_QUARTER: per fiscal quarter, key "2025-Q2"
 * @FW_GROUPING_YEAR: per fiscal year, key "2025"
 * @FW_GROUPING_UNIT: per unit, key the unit's name ("" for answers
 *   without a unit)
 * @FW_GROUPING_TOUCHPOINT: per touchpoint, key its name ("" for none)
 * @FW_GROUPING_UNIT_QUARTER: per unit and fiscal quarter, key the quarter
 *   and @unit of the row the unit's name
 * @FW_GROUPING_UNIT_MONTH: per unit and calendar month, key the month and
 *   @unit of the row the unit's name
 *
 * A fiscal year is named after the calendar year in which it ends: with a
 * fiscal year that starts in April, April 2025 to March 2026 is "2026",
 * and April 2025 is in "2026-Q1".  With the default start in January the
 * keys are the calendar ones.
 */
typedef enum
{
  FW_GROUPING_TOTAL,
  FW_GROUPING_DAY,
  FW_GROUPING_WEEK,
  FW_GROUPING_MONTH,
  FW_GROUPING_QUARTER,
  FW_GROUPING_YEAR,
  FW_GROUPING_UNIT,
  FW_GROUPING_TOUCHPOINT,
  FW_GROUPING_UNIT_QUARTER,
  FW_GROUPING_UNIT_MONTH,
} FwGrouping;

/* Whether rows of @grouping are one unit in one period each. */
#define FW_GROUPING_IS_UNIT_PERIOD(grouping) \
  ((grouping) == FW_GROUPING_UNIT_QUARTER || (grouping) == FW_GROUPING_UNIT_MONTH)

/* Which answers count.  NULL days and empty lists mean "no limit". */
typedef struct
{
  FwKind     kind;
  char      *from_day;    /* "YYYY-MM-DD", inclusive */
  char      *to_day;      /* "YYYY-MM-DD", inclusive */
  GPtrArray *units;       /* unit names (char *); empty: every unit */
  GPtrArray *touchpoints; /* names (char *); empty: every touchpoint */
  gint64     batch_id;    /* one import batch; 0: all of them */
} FwQueryFilter;

/* Settings that shape the answer rather than select answers. */
typedef struct
{
  guint fiscal_start_month; /* 1 (January) .. 12 */
  guint min_group;          /* employee anonymity threshold; never below FW_ANONYMITY_MIN */
} FwQueryOptions;

#define FW_QUERY_OPTIONS_INIT { 1, FW_ANONYMITY_DEFAULT }

/* One group.  For a suppressed employee group every count is 0 and every
 * figure NAN: nothing of it leaves the core. */
typedef struct
{
  char    *key;        /* see FwGrouping; "total" for the total */
  char    *unit;       /* the unit's name for the unit groupings, else NULL */
  FwTally  tally;
  double   nps;        /* -100..100 */
  double   ci_low;     /* adjusted-Wald 95% interval, see fw_stats_nps_interval() */
  double   ci_high;
  double   delta;      /* NPS change against the previous period, in points */
  double   z;          /* and its test, see fw_stats_nps_change() */
  double   p;
  gint64   previous_n; /* answers in the period compared against; -1 when none
                        * is (no earlier period, or either one hidden) */
  gboolean suppressed;
} FwQueryRow;

typedef struct
{
  FwKind     kind;
  FwGrouping grouping;
  GArray    *rows;  /* FwQueryRow, in key order (units by name, no unit last) */
  FwQueryRow total; /* over every row, suppressed as a group of its own */
  gint64     n_withheld; /* employee answers the filter covers that are in
                          * cells too small to count; show only whether it
                          * is 0, never the number (see fw-query.c) */
} FwQueryResult;

GQuark         fw_query_error_quark        (void);

const char    *fw_grouping_to_string       (FwGrouping  grouping);
gboolean       fw_grouping_from_string     (const char *text,
                                            FwGrouping *grouping);

FwQueryFilter *fw_query_filter_new         (FwKind               kind);
FwQueryFilter *fw_query_filter_copy        (const FwQueryFilter *filter);
void           fw_query_filter_free        (FwQueryFilter       *filter);
void           fw_query_filter_set_range   (FwQueryFilter       *filter,
                                            const char          *from_day,
                                            const char          *to_day);
void           fw_query_filter_add_unit    (FwQueryFilter       *filter,
                                            const char          *unit);
void           fw_query_filter_add_touchpoint (FwQueryFilter    *filter,
                                               const char       *touchpoint);

FwQueryResult *fw_query_run                (FwStore              *store,
                                            const FwQueryFilter  *filter,
                                            FwGrouping            grouping,
                                            const FwQueryOptions *options,
                                            GError              **error);
FwQueryResult *fw_query_rolling            (FwStore              *store,
                                            const FwQueryFilter  *filter,
                                            guint                 months,
                                            const FwQueryOptions *options,
                                            GError              **error);
const FwQueryRow *fw_query_result_lookup   (const FwQueryResult  *result,
                                            const char           *key,
                                            const char           *unit);
void           fw_query_result_free        (FwQueryResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwQueryFilter, fw_query_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwQueryResult, fw_query_result_free)

G_END_DECLS
