/* fw-dashboard.h: what the dashboard pages ask of the query layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages of the window show figures for one filter (a period, a
 * grouping, units and touchpoints).  A request names the page and the
 * filter; fw_dashboard_run() answers it from its own connection to the
 * database, so that it can run in a worker thread while the window keeps
 * its connection on the main thread.  No SQL here: it only calls the
 * query layer of src/core.
 */

#pragma once

#include <gio/gio.h>

#include "fw-insights.h"
#include "fw-query.h"

G_BEGIN_DECLS

typedef enum
{
  FW_PERIOD_LAST_12_MONTHS,
  FW_PERIOD_THIS_YEAR,
  FW_PERIOD_LAST_QUARTER,
  FW_PERIOD_ALL,
  FW_PERIOD_CUSTOM,
} FwPeriod;

#define FW_N_PERIODS (FW_PERIOD_CUSTOM + 1)

typedef enum
{
  FW_DASHBOARD_OVERVIEW,
  FW_DASHBOARD_CUSTOMERS,
  FW_DASHBOARD_EMPLOYEES,
  FW_DASHBOARD_LINK,
} FwDashboardPage;

#define FW_DASHBOARD_N_PAGES (FW_DASHBOARD_LINK + 1)

/* Recent comments a page lists. */
#define FW_DASHBOARD_N_COMMENTS 8

/* The user's choice, as the filter bar and the settings hold it. */
typedef struct
{
  FwPeriod   period;
  char      *custom_from; /* "YYYY-MM-DD" or NULL, for FW_PERIOD_CUSTOM */
  char      *custom_to;
  FwGrouping grouping;    /* week, month or quarter */
  GStrv      units;       /* names; empty: every unit */
  GStrv      touchpoints; /* names; empty: every touchpoint */
} FwDashboardFilter;

typedef struct
{
  FwDashboardPage    page;
  char              *database_path;
  FwDashboardFilter *filter;
  guint              fiscal_start_month;
  guint              min_group;
} FwDashboardRequest;

/* The answer.  Only what the page needs is filled in; the rest is NULL. */
typedef struct
{
  FwDashboardPage page;

  /* What the database holds, whatever the filter. */
  char          *first_day;       /* the first and last day with answers that may */
  char          *last_day;        /* be shown; NULL when there are none */
  GStrv          all_units;       /* by name */
  GStrv          all_touchpoints;

  /* The filter as applied: the period as days (NULL for an open end), and
   * the units and touchpoints that exist. */
  char          *from_day;
  char          *to_day;
  FwGrouping     cx_grouping;
  FwGrouping     ex_grouping;     /* never finer than a month */
  GStrv          units;
  GStrv          touchpoints;
  guint          min_group;

  FwQueryResult *cx_total;
  FwQueryResult *ex_total;
  FwQueryResult *cx_trend;
  FwQueryResult *ex_trend;
  FwQueryResult *cx_units;
  FwQueryResult *ex_units;
  FwQueryResult *cx_touchpoints;
  FwQueryResult *cx_heatmap;
  FwQueryResult *ex_heatmap;
  GArray        *comments;        /* FwComment, newest first, of the page's kind */
  FwLink        *link;
} FwDashboardData;

const char        *fw_period_to_string          (FwPeriod                 period);
gboolean           fw_period_from_string        (const char              *text,
                                                 FwPeriod                *period);

FwDashboardFilter *fw_dashboard_filter_new      (void);
FwDashboardFilter *fw_dashboard_filter_new_from_settings (GSettings      *settings);
FwDashboardFilter *fw_dashboard_filter_copy     (const FwDashboardFilter *filter);
void               fw_dashboard_filter_free     (FwDashboardFilter       *filter);

gboolean           fw_dashboard_resolve_period  (FwPeriod                 period,
                                                 const char              *custom_from,
                                                 const char              *custom_to,
                                                 const char              *newest_day,
                                                 guint                    fiscal_start_month,
                                                 char                   **from_day,
                                                 char                   **to_day);

FwDashboardRequest *fw_dashboard_request_new    (FwDashboardPage          page,
                                                 const char              *database_path,
                                                 const FwDashboardFilter *filter,
                                                 guint                    fiscal_start_month,
                                                 guint                    min_group);
void               fw_dashboard_request_free    (FwDashboardRequest      *request);

FwDashboardData   *fw_dashboard_run             (const FwDashboardRequest *request,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
void               fw_dashboard_run_async       (FwDashboardRequest      *request,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
FwDashboardData   *fw_dashboard_run_finish      (GAsyncResult            *result,
                                                 GError                 **error);
void               fw_dashboard_data_free       (FwDashboardData         *data);

/* The filter of one kind of answers for @data, as the pages' queries used
 * it: employees without touchpoints. */
FwQueryFilter     *fw_dashboard_data_query_filter (const FwDashboardData *data,
                                                   FwKind                 kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDashboardFilter, fw_dashboard_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDashboardRequest, fw_dashboard_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDashboardData, fw_dashboard_data_free)

G_END_DECLS
