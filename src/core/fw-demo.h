/* fw-demo.h: deterministic sample data that tells a story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fw-store.h"

G_BEGIN_DECLS

#define FW_DEMO_DEFAULT_SEED 2026
/* The format recorded in import_batches for generated sample data. */
#define FW_DEMO_FORMAT "demo"

/* What the sample data holds, for tests and screenshots that check that a
 * chart finds it; the comment at the top of fw-demo.c tells the story. */
#define FW_DEMO_FIRST_DAY          "2024-01-01"
#define FW_DEMO_LAST_DAY           "2026-12-31"
#define FW_DEMO_FIRST_YEAR         2024
#define FW_DEMO_N_QUARTERS         12 /* 2024-Q1 .. 2026-Q4 */
#define FW_DEMO_N_UNITS            12
#define FW_DEMO_N_TOUCHPOINTS      5
/* Expected numbers of answers; any seed lands within about 2% of them. */
#define FW_DEMO_CUSTOMER_EXPECTED  60000
#define FW_DEMO_EMPLOYEE_EXPECTED  6000
/* Customer NPS follows the unit's eNPS of this many quarters before. */
#define FW_DEMO_LEAD_QUARTERS      1
/* The unit whose eNPS dips in 2025-Q1 and 2025-Q2 and whose NPS follows in
 * 2025-Q2 and 2025-Q3; quarters count from 0 = 2024-Q1. */
#define FW_DEMO_DIP_UNIT           "Billing"
#define FW_DEMO_DIP_EX_FIRST       4
#define FW_DEMO_DIP_EX_LAST        5
#define FW_DEMO_DIP_CX_FIRST       5
#define FW_DEMO_DIP_CX_LAST        6
/* The only units whose quarterly pulse can have fewer than 5 answers. */
#define FW_DEMO_SMALL_UNIT_1       "Business Accounts"
#define FW_DEMO_SMALL_UNIT_2       "Social Media Team"
/* Promoters' mean spend over detractors' (passives: 1.25). */
#define FW_DEMO_SPEND_RATIO        1.6
/* A customer whose last answer within this many days was a detractor's is
 * a detractor again half of the time. */
#define FW_DEMO_REPEAT_DAYS        90

/* Called once per generated response, in day order; the strings live only
 * for the duration of the call. */
typedef void (*FwDemoFunc) (const FwResponse *response,
                            gpointer          user_data);

/* Progress from 0.0 to 1.0; may be called from a worker thread. */
typedef void (*FwDemoProgressFunc) (double   fraction,
                                    gpointer user_data);

void     fw_demo_generate (guint64            seed,
                           FwDemoFunc         func,
                           gpointer           user_data);

/* The unit and touchpoint names, in a fixed order, %NULL-terminated. */
const char *const *fw_demo_get_units       (void);
const char *const *fw_demo_get_touchpoints (void);

/* The quarter of @day ("YYYY-MM-DD"), 0 for 2024-Q1 up to 11 for 2026-Q4;
 * -1 for a day outside the sample's three years. */
int      fw_demo_quarter_of_day (const char *day);

/* Adds the sample data to @store as one batch of format FW_DEMO_FORMAT;
 * with @replace, an earlier sample batch is removed (once the new one is
 * in, so that a cancelled replacement keeps it), otherwise an earlier one
 * is an error.  All or nothing. */
gboolean fw_demo_fill     (FwStore           *store,
                           guint64            seed,
                           gboolean           replace,
                           FwDemoProgressFunc progress,
                           gpointer           progress_data,
                           GCancellable      *cancellable,
                           GError           **error);

/* Writes the sample data as a Qualtrics CSV, an Excel workbook and a
 * Google Forms CSV into @dir; importing the three gives what
 * fw_demo_fill() stores. */
gboolean fw_demo_export   (guint64            seed,
                           const char        *dir,
                           GError           **error);

G_END_DECLS
