/* fw-dashboard.c: what the dashboard pages ask of the query layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fw-dashboard.h"

static const char *const period_names[FW_N_PERIODS] = {
  [FW_PERIOD_LAST_12_MONTHS] = "last-12-months",
  [FW_PERIOD_THIS_YEAR] = "this-year",
  [FW_PERIOD_LAST_QUARTER] = "last-quarter",
  [FW_PERIOD_ALL] = "all",
  [FW_PERIOD_CUSTOM] = "custom",
};

const char *
fw_period_to_string (FwPeriod period)
{
  g_return_val_if_fail (period < FW_N_PERIODS, NULL);

  return period_names[period];
}

gboolean
fw_period_from_string (const char *text,
                       FwPeriod   *period)
{
  for (guint i = 0; i < FW_N_PERIODS; i++)
    if (g_strcmp0 (text, period_names[i]) == 0)
      {
        *period = i;
        return TRUE;
      }
  return FALSE;
}

FwDashboardFilter *
fw_dashboard_filter_new (void)
{
  FwDashboardFilter *filter = g_new0 (FwDashboardFilter, 1);

  filter->period = FW_PERIOD_LAST_12_MONTHS;
  filter->grouping = FW_GROUPING_MONTH;
  filter->units = g_new0 (char *, 1);
  filter->touchpoints = g_new0 (char *, 1);
  return filter;
}

static char *
dup_day_or_null (const char *day)
{
  return day != NULL && day[0] != '\0' ? g_strdup (day) : NULL;
}

/**
 * fw_dashboard_filter_new_from_settings:
 *
 * The filter the dashboard-* keys of @settings hold.
 */
FwDashboardFilter *
fw_dashboard_filter_new_from_settings (GSettings *settings)
{
  FwDashboardFilter *filter = fw_dashboard_filter_new ();
  g_autofree char *period = g_settings_get_string (settings, "dashboard-period");
  g_autofree char *grouping = g_settings_get_string (settings, "dashboard-grouping");
  g_autofree char *from = g_settings_get_string (settings, "dashboard-from");
  g_autofree char *to = g_settings_get_string (settings, "dashboard-to");

  if (!fw_period_from_string (period, &filter->period))
    filter->period = FW_PERIOD_LAST_12_MONTHS;
  if (!fw_grouping_from_string (grouping, &filter->grouping)
      || (filter->grouping != FW_GROUPING_WEEK && filter->grouping != FW_GROUPING_QUARTER))
    filter->grouping = FW_GROUPING_MONTH;
  filter->custom_from = dup_day_or_null (from);
  filter->custom_to = dup_day_or_null (to);
  g_strfreev (filter->units);
  g_strfreev (filter->touchpoints);
  filter->units = g_settings_get_strv (settings, "dashboard-units");
  filter->touchpoints = g_settings_get_strv (settings, "dashboard-touchpoints");
  return filter;
}

FwDashboardFilter *
fw_dashboard_filter_copy (const FwDashboardFilter *filter)
{
  FwDashboardFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_new0 (FwDashboardFilter, 1);
  copy->period = filter->period;
  copy->custom_from = g_strdup (filter->custom_from);
  copy->custom_to = g_strdup (filter->custom_to);
  copy->grouping = filter->grouping;
  copy->units = g_strdupv (filter->units);
  copy->touchpoints = g_strdupv (filter->touchpoints);
  return copy;
}

void
fw_dashboard_filter_free (FwDashboardFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->custom_from);
  g_free (filter->custom_to);
  g_strfreev (filter->units);
  g_strfreev (filter->touchpoints);
  g_free (filter);
}

/* Days */

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  unsigned year, month, day;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The last day of the @months months that start on @first. */
static char *
format_end (const GDate *first,
            guint        months)
{
  GDate end = *first;

  g_date_add_months (&end, months);
  g_date_subtract_days (&end, 1);
  return format_day (&end);
}

/**
 * fw_dashboard_resolve_period:
 * @newest_day: (nullable): the newest day with answers; %NULL for today
 * @from_day: (out): the first day, or %NULL for no limit
 * @to_day: (out): the last day, or %NULL for no limit
 *
 * The days of a period preset.  The presets count back from the newest day
 * with answers rather than from today, so that a database of last year's
 * exports still opens on figures; they cover whole months, so that
 * employee figures (counted in whole months, see fw-query.c) cover the same
 * period as customer ones.
 *
 * - the last 12 months: the month of @newest_day and the eleven before it;
 * - this year: the fiscal year of @newest_day, whole;
 * - the last quarter: the last fiscal quarter that has ended by
 *   @newest_day, counting the quarter that ends on it;
 * - all: no limit;
 * - custom: @custom_from to @custom_to, either of which may be open.
 *
 * Returns: %FALSE when a custom day is given but no date
 */
gboolean
fw_dashboard_resolve_period (FwPeriod    period,
                             const char *custom_from,
                             const char *custom_to,
                             const char *newest_day,
                             guint       fiscal_start_month,
                             char      **from_day,
                             char      **to_day)
{
  GDate newest, first;
  guint into_year;

  g_return_val_if_fail (fiscal_start_month >= 1 && fiscal_start_month <= 12, FALSE);

  *from_day = NULL;
  *to_day = NULL;

  if (period == FW_PERIOD_ALL)
    return TRUE;

  if (period == FW_PERIOD_CUSTOM)
    {
      GDate from, to;
      gboolean has_from = custom_from != NULL && custom_from[0] != '\0';
      gboolean has_to = custom_to != NULL && custom_to[0] != '\0';

      if ((has_from && !parse_day (custom_from, &from)) || (has_to && !parse_day (custom_to, &to)))
        return FALSE;
      /* A range the wrong way round is meant the right way round. */
      if (has_from && has_to && g_date_compare (&from, &to) > 0)
        {
          *from_day = g_strdup (custom_to);
          *to_day = g_strdup (custom_from);
        }
      else
        {
          *from_day = has_from ? g_strdup (custom_from) : NULL;
          *to_day = has_to ? g_strdup (custom_to) : NULL;
        }
      return TRUE;
    }

  if (newest_day == NULL || !parse_day (newest_day, &newest))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&newest, 1);
      g_date_set_dmy (&newest, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }

  first = newest;
  g_date_set_day (&first, 1);
  into_year = (g_date_get_month (&newest) + 12 - fiscal_start_month) % 12;

  switch (period)
    {
    case FW_PERIOD_LAST_12_MONTHS:
      g_date_subtract_months (&first, 11);
      *from_day = format_day (&first);
      *to_day = format_end (&first, 12);
      break;

    case FW_PERIOD_THIS_YEAR:
      g_date_subtract_months (&first, into_year);
      *from_day = format_day (&first);
      *to_day = format_end (&first, 12);
      break;

    case FW_PERIOD_LAST_QUARTER:
      {
        GDate end;

        g_date_subtract_months (&first, into_year % 3);
        end = first;
        g_date_add_months (&end, 3);
        g_date_subtract_days (&end, 1);
        /* A quarter still under way is not the last one. */
        if (g_date_compare (&newest, &end) < 0)
          g_date_subtract_months (&first, 3);
        *from_day = format_day (&first);
        *to_day = format_end (&first, 3);
        break;
      }

    case FW_PERIOD_ALL:
    case FW_PERIOD_CUSTOM:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* Requests */

FwDashboardRequest *
fw_dashboard_request_new (FwDashboardPage          page,
                          const char              *database_path,
                          const FwDashboardFilter *filter,
                          guint                    fiscal_start_month,
                          guint                    min_group)
{
  FwDashboardRequest *request;

  g_return_val_if_fail (page < FW_DASHBOARD_N_PAGES, NULL);
  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  request = g_new0 (FwDashboardRequest, 1);
  request->page = page;
  request->database_path = g_strdup (database_path);
  request->filter = fw_dashboard_filter_copy (filter);
  request->fiscal_start_month = CLAMP (fiscal_start_month, 1, 12);
  request->min_group = MAX (min_group, FW_ANONYMITY_MIN);
  return request;
}

void
fw_dashboard_request_free (FwDashboardRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->database_path);
  fw_dashboard_filter_free (request->filter);
  g_free (request);
}

void
fw_dashboard_data_free (FwDashboardData *data)
{
  if (data == NULL)
    return;
  g_free (data->first_day);
  g_free (data->last_day);
  g_strfreev (data->all_units);
  g_strfreev (data->all_touchpoints);
  g_free (data->from_day);
  g_free (data->to_day);
  g_strfreev (data->units);
  g_strfreev (data->touchpoints);
  g_clear_pointer (&data->cx_total, fw_query_result_free);
  g_clear_pointer (&data->ex_total, fw_query_result_free);
  g_clear_pointer (&data->cx_trend, fw_query_result_free);
  g_clear_pointer (&data->ex_trend, fw_query_result_free);
  g_clear_pointer (&data->cx_units, fw_query_result_free);
  g_clear_pointer (&data->ex_units, fw_query_result_free);
  g_clear_pointer (&data->cx_touchpoints, fw_query_result_free);
  g_clear_pointer (&data->cx_heatmap, fw_query_result_free);
  g_clear_pointer (&data->ex_heatmap, fw_query_result_free);
  g_clear_pointer (&data->comments, g_array_unref);
  g_clear_pointer (&data->link, fw_link_free);
  g_free (data);
}

FwQueryFilter *
fw_dashboard_data_query_filter (const FwDashboardData *data,
                                FwKind                 kind)
{
  FwQueryFilter *filter;

  g_return_val_if_fail (data != NULL, NULL);

  filter = fw_query_filter_new (kind);
  fw_query_filter_set_range (filter, data->from_day, data->to_day);
  for (guint i = 0; data->units[i] != NULL; i++)
    fw_query_filter_add_unit (filter, data->units[i]);
  /* Employee answers have no touchpoint breakdown: a touchpoint would
   * split the cells that anonymity counts in. */
  for (guint i = 0; kind == FW_KIND_CUSTOMER && data->touchpoints[i] != NULL; i++)
    fw_query_filter_add_touchpoint (filter, data->touchpoints[i]);
  return filter;
}

/* Running */

/* The named groups of @result, by name, each once. */
static void
add_keys (GPtrArray           *names,
          const FwQueryResult *result)
{
  for (guint i = 0; i < result->rows->len; i++)
    {
      const char *key = g_array_index (result->rows, FwQueryRow, i).key;

      if (key[0] != '\0'
          && !g_ptr_array_find_with_equal_func (names, key, g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (key));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

static GStrv
strv_from_names (GPtrArray *names)
{
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* The names of @wanted that are in @known, so that a unit of a removed
 * import in the saved filter drops out rather than fail every query. */
static GStrv
known_only (const char *const *wanted,
            const char *const *known)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; wanted != NULL && wanted[i] != NULL; i++)
    if (g_strv_contains (known, wanted[i]))
      g_ptr_array_add (names, g_strdup (wanted[i]));
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

static void
widen_range (FwStore     *store,
             FwKind       kind,
             char       **first,
             char       **last,
             GError     **error)
{
  g_autofree char *kind_first = NULL;
  g_autofree char *kind_last = NULL;

  if (!fw_store_get_day_range (store, kind, &kind_first, &kind_last, error))
    return;

  /* ISO days sort as text. */
  if (kind_first != NULL && (*first == NULL || strcmp (kind_first, *first) < 0))
    {
      g_free (*first);
      *first = g_steal_pointer (&kind_first);
    }
  if (kind_last != NULL && (*last == NULL || strcmp (kind_last, *last) > 0))
    {
      g_free (*last);
      *last = g_steal_pointer (&kind_last);
    }
}

/* Reads what the database holds, whatever the filter: the names for the
 * filter bar and the days the presets count from. */
static gboolean
read_catalog (FwStore               *store,
              const FwQueryOptions  *options,
              FwDashboardData       *data,
              GError               **error)
{
  g_autoptr(FwQueryFilter) cx = fw_query_filter_new (FW_KIND_CUSTOMER);
  g_autoptr(FwQueryFilter) ex = fw_query_filter_new (FW_KIND_EMPLOYEE);
  g_autoptr(FwQueryResult) cx_units = NULL;
  g_autoptr(FwQueryResult) ex_units = NULL;
  g_autoptr(FwQueryResult) touchpoints = NULL;
  GPtrArray *names;
  GError *local_error = NULL;

  cx_units = fw_query_run (store, cx, FW_GROUPING_UNIT, options, error);
  if (cx_units == NULL)
    return FALSE;
  ex_units = fw_query_run (store, ex, FW_GROUPING_UNIT, options, error);
  if (ex_units == NULL)
    return FALSE;
  touchpoints = fw_query_run (store, cx, FW_GROUPING_TOUCHPOINT, options, error);
  if (touchpoints == NULL)
    return FALSE;

  names = g_ptr_array_new_with_free_func (g_free);
  add_keys (names, cx_units);
  add_keys (names, ex_units);
  data->all_units = strv_from_names (names);
  names = g_ptr_array_new_with_free_func (g_free);
  add_keys (names, touchpoints);
  data->all_touchpoints = strv_from_names (names);

  /* The days of employee answers that are all hidden stay out, like the
   * answers themselves. */
  widen_range (store, FW_KIND_CUSTOMER, &data->first_day, &data->last_day, &local_error);
  if (local_error == NULL && ex_units->total.tally.n > 0)
    widen_range (store, FW_KIND_EMPLOYEE, &data->first_day, &data->last_day, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* Runs one query unless the job was cancelled. */
static FwQueryResult *
run_query (FwStore              *store,
           const FwQueryFilter  *filter,
           FwGrouping            grouping,
           const FwQueryOptions *options,
           GCancellable         *cancellable,
           GError              **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return fw_query_run (store, filter, grouping, options, error);
}

static GArray *
read_comments (FwStore              *store,
               const FwQueryFilter  *filter,
               FwDashboardData      *data,
               GCancellable         *cancellable,
               GError              **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Customers: the detractors, who say what to put right.  Employees: all
   * comments of cells large enough, as fw_insights_comments() allows; the
   * bar rises with the anonymity threshold. */
  return fw_insights_comments_filtered (store, filter,
                                        filter->kind == FW_KIND_CUSTOMER ? FW_COMMENT_DETRACTORS
                                                                         : FW_COMMENT_ALL,
                                        FW_DASHBOARD_N_COMMENTS,
                                        MAX (FW_COMMENT_THRESHOLD, data->min_group), error);
}

/**
 * fw_dashboard_run:
 *
 * Answers @request from a connection of its own, so that it may run in any
 * thread.
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
FwDashboardData *
fw_dashboard_run (const FwDashboardRequest *request,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwDashboardData) data = NULL;
  g_autoptr(FwQueryFilter) cx = NULL;
  g_autoptr(FwQueryFilter) ex = NULL;
  FwQueryOptions options = { request->fiscal_start_month, request->min_group };
  const FwDashboardFilter *filter = request->filter;
  FwGrouping heatmap_grouping;

  g_return_val_if_fail (request != NULL, NULL);

  store = fw_store_open (request->database_path, error);
  if (store == NULL)
    return NULL;

  data = g_new0 (FwDashboardData, 1);
  data->page = request->page;
  data->min_group = request->min_group;
  if (!read_catalog (store, &options, data, error))
    return NULL;

  if (!fw_dashboard_resolve_period (filter->period, filter->custom_from, filter->custom_to,
                                    data->last_day, request->fiscal_start_month,
                                    &data->from_day, &data->to_day))
    {
      g_set_error (error, FW_QUERY_ERROR, FW_QUERY_ERROR_INVALID_DAY,
                   _("The custom period needs days written as YYYY-MM-DD."));
      return NULL;
    }

  data->units = known_only ((const char *const *) filter->units,
                            (const char *const *) data->all_units);
  data->touchpoints = known_only ((const char *const *) filter->touchpoints,
                                  (const char *const *) data->all_touchpoints);
  data->cx_grouping = filter->grouping;
  /* Anonymity counts in months: an employee week could be one person. */
  data->ex_grouping = filter->grouping == FW_GROUPING_WEEK ? FW_GROUPING_MONTH : filter->grouping;
  heatmap_grouping = filter->grouping == FW_GROUPING_QUARTER ? FW_GROUPING_UNIT_QUARTER
                                                             : FW_GROUPING_UNIT_MONTH;

  cx = fw_dashboard_data_query_filter (data, FW_KIND_CUSTOMER);
  ex = fw_dashboard_data_query_filter (data, FW_KIND_EMPLOYEE);

#define RUN(field, filter, grouping) \
  G_STMT_START { \
    data->field = run_query (store, filter, grouping, &options, cancellable, error); \
    if (data->field == NULL) \
      return NULL; \
  } G_STMT_END

  switch (request->page)
    {
    case FW_DASHBOARD_OVERVIEW:
      RUN (cx_total, cx, FW_GROUPING_TOTAL);
      RUN (ex_total, ex, FW_GROUPING_TOTAL);
      /* One axis for both lines: the employee grouping. */
      RUN (cx_trend, cx, data->ex_grouping);
      RUN (ex_trend, ex, data->ex_grouping);
      RUN (cx_units, cx, FW_GROUPING_UNIT);
      break;

    case FW_DASHBOARD_CUSTOMERS:
      RUN (cx_total, cx, FW_GROUPING_TOTAL);
      RUN (cx_trend, cx, data->cx_grouping);
      RUN (cx_units, cx, FW_GROUPING_UNIT);
      RUN (cx_touchpoints, cx, FW_GROUPING_TOUCHPOINT);
      RUN (cx_heatmap, cx, heatmap_grouping);
      data->comments = read_comments (store, cx, data, cancellable, error);
      if (data->comments == NULL)
        return NULL;
      break;

    case FW_DASHBOARD_EMPLOYEES:
      RUN (ex_total, ex, FW_GROUPING_TOTAL);
      RUN (ex_trend, ex, data->ex_grouping);
      RUN (ex_units, ex, FW_GROUPING_UNIT);
      RUN (ex_heatmap, ex, heatmap_grouping);
      data->comments = read_comments (store, ex, data, cancellable, error);
      if (data->comments == NULL)
        return NULL;
      break;

    case FW_DASHBOARD_LINK:
      {
        FwLinkOptions link_options = FW_LINK_OPTIONS_INIT;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return NULL;
        link_options.fiscal_start_month = request->fiscal_start_month;
        link_options.min_group = request->min_group;
        link_options.ex_min_n = MAX (link_options.ex_min_n, request->min_group);
        data->link = fw_insights_link (store, data->from_day, data->to_day, &link_options, error);
        if (data->link == NULL)
          return NULL;
        break;
      }

    default:
      g_assert_not_reached ();
    }

#undef RUN

  return g_steal_pointer (&data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  FwDashboardData *data = fw_dashboard_run (task_data, cancellable, &error);

  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) fw_dashboard_data_free);
}

/**
 * fw_dashboard_run_async:
 * @request: (transfer full): what to answer
 *
 * Runs fw_dashboard_run() in a worker thread.
 */
void
fw_dashboard_run_async (FwDashboardRequest  *request,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (request != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fw_dashboard_run_async);
  g_task_set_task_data (task, request, (GDestroyNotify) fw_dashboard_request_free);
  g_task_run_in_thread (task, run_thread);
}

FwDashboardData *
fw_dashboard_run_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
