/* fw-values.h: the values of survey exports, cell by cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scores, amounts of money and dates as survey tools and spreadsheets write
 * them.  The parsers take one trimmed or untrimmed cell, allocate nothing on
 * success and are locale-proof.  A missing cell (NULL) and the non-answers of
 * fw_value_is_non_answer() are never errors: the parsers report them apart
 * from the values, without a GError.  Error messages name the value; the
 * caller adds the file, record and column.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FW_VALUE_ERROR (fw_value_error_quark ())

typedef enum
{
  FW_VALUE_ERROR_NOT_A_NUMBER,   /* "elf", "9.5" as a score, "12 apples" as an amount */
  FW_VALUE_ERROR_OUT_OF_RANGE,   /* "11" or "-1" as a score, an amount of 16 digits */
  FW_VALUE_ERROR_NOT_A_DATE,     /* "31/02/2024", "1/13/2024" in day-month order, "soon" */
  FW_VALUE_ERROR_AMBIGUOUS_DATE, /* "3/4/2021" when the date order is not known */
} FwValueError;

typedef enum
{
  FW_DATE_ORDER_UNKNOWN,
  FW_DATE_ORDER_YMD,
  FW_DATE_ORDER_DMY,
  FW_DATE_ORDER_MDY,
} FwDateOrder;

GQuark       fw_value_error_quark       (void);

gboolean     fw_value_is_non_answer     (const char   *text);

gboolean     fw_parse_score             (const char   *text,
                                         int          *score,
                                         GError      **error);

gboolean     fw_parse_amount            (const char   *text,
                                         char          decimal_mark,
                                         double       *amount,
                                         GError      **error);

gboolean     fw_parse_date              (const char   *text,
                                         FwDateOrder   order,
                                         char          day[11],
                                         GError      **error);

const char  *fw_date_order_to_string    (FwDateOrder   order);
gboolean     fw_date_order_from_string  (const char   *text,
                                         FwDateOrder  *order);

/* What a date sniffer has seen, value by value.  Every value added counts in
 * n_values and in exactly one of the other fields. */
typedef struct
{
  guint64 n_values;
  guint64 n_non_answers; /* blank, "N/A", ... */
  guint64 n_not_dates;   /* answered, but a date in neither order */
  guint64 n_plain;       /* need no order: year first ("2019-11-01") or month in words */
  guint64 n_day_first;   /* fit day-month only ("13/1/2020") */
  guint64 n_month_first; /* fit month-day only ("1/13/2020") */
  guint64 n_either;      /* fit both orders, as different days ("3/4/2021") */
  guint64 n_same;        /* fit both orders, as the same day ("5/5/2021") */
} FwDateSnifferCounts;

typedef struct _FwDateSniffer FwDateSniffer;

FwDateSniffer *fw_date_sniffer_new        (void);
void           fw_date_sniffer_free       (FwDateSniffer       *self);
void           fw_date_sniffer_add        (FwDateSniffer       *self,
                                           const char          *text);
FwDateOrder    fw_date_sniffer_decide     (FwDateSniffer       *self,
                                           gboolean            *ambiguous,
                                           double              *date_fraction);
const FwDateSnifferCounts *
               fw_date_sniffer_get_counts (FwDateSniffer       *self);
char          *fw_date_sniffer_describe   (FwDateSniffer       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDateSniffer, fw_date_sniffer_free)

G_END_DECLS
