/* fw-insights.h: what the numbers say: the CX-EX link, customers at risk,
 * spend by category and significant movers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fw-query.h"
#include "fw-store.h"

G_BEGIN_DECLS

/* The lags of the CX-EX link, in quarters of EX leading CX. */
#define FW_LINK_N_LAGS 4
extern const guint fw_link_lags[FW_LINK_N_LAGS]; /* 0, 1, 2, 4 */

#define FW_LINK_EX_MIN_N_DEFAULT 5
#define FW_LINK_CX_MIN_N_DEFAULT 30
/* Fewer unit-quarter pairs than this and a lag cannot be the best one: a
 * correlation of a handful of points swings on any one of them. */
#define FW_LINK_MIN_PAIRS_DEFAULT 8

/* Two detractor answers of one customer at most this many days apart make
 * the customer one at risk. */
#define FW_AT_RISK_DAYS 90

/* Significance level for movers. */
#define FW_MOVERS_ALPHA 0.05

/* Employee answers a unit-month needs before any of its comments is shown:
 * a comment is text a colleague may recognise, so it needs a larger crowd
 * than a score does.  Never below FW_ANONYMITY_DEFAULT. */
#define FW_COMMENT_THRESHOLD 10

/* Comments of scores up to this are the detractors' (0-6). */
#define FW_COMMENT_DETRACTORS 6
#define FW_COMMENT_ALL        10

typedef struct
{
  guint fiscal_start_month; /* 1 (January) .. 12 */
  guint min_group;          /* the employee anonymity threshold; never below FW_ANONYMITY_MIN */
  guint ex_min_n;           /* employee answers a unit-quarter needs; never below min_group */
  guint cx_min_n;           /* customer answers a unit-quarter needs */
  guint min_pairs;          /* pairs a lag needs to be the best one */
} FwLinkOptions;

#define FW_LINK_OPTIONS_INIT \
  { 1, FW_ANONYMITY_DEFAULT, FW_LINK_EX_MIN_N_DEFAULT, FW_LINK_CX_MIN_N_DEFAULT, \
    FW_LINK_MIN_PAIRS_DEFAULT }

/* One unit's eNPS in a quarter and its NPS @lag quarters later. */
typedef struct
{
  char  *unit;
  char  *ex_quarter; /* "2025-Q1", fiscal */
  char  *cx_quarter; /* ex_quarter plus the lag */
  double enps;
  gint64 ex_n;
  double nps;
  gint64 cx_n;
} FwLinkPair;

typedef struct
{
  guint   lag;          /* quarters */
  GArray *pairs;        /* FwLinkPair, by EX quarter, then unit */
  double  pearson;      /* NAN for fewer than two pairs or no spread */
  double  pearson_low;  /* 95% interval through Fisher's z; NAN for 3 pairs or fewer */
  double  pearson_high;
  double  spearman;
  double  slope;        /* NPS points per eNPS point */
} FwLinkLag;

typedef struct
{
  FwLinkLag lags[FW_LINK_N_LAGS]; /* in the order of fw_link_lags */
  int       best_lag;             /* in quarters; -1 when no lag qualifies */
} FwLink;

/* A customer with two or more detractor answers within FW_AT_RISK_DAYS. */
typedef struct
{
  char  *respondent;
  guint  n_detractor; /* every detractor answer of the customer in the range */
  char  *first_day;   /* of those answers */
  char  *last_day;
  GStrv  units;       /* the units of those answers, by name, each once */
} FwAtRiskCustomer;

typedef struct
{
  GArray *customers; /* FwAtRiskCustomer; most detractor answers first */
} FwAtRisk;

typedef struct
{
  gint64 n;    /* answers with a spend amount */
  double mean; /* NAN when n is 0 */
} FwSpendMean;

typedef struct
{
  FwSpendMean promoters;
  FwSpendMean passives;
  FwSpendMean detractors;
  double      uplift; /* how much more promoters spend than detractors, in percent */
} FwSpend;

/* A unit whose score changed significantly against its previous quarter. */
typedef struct
{
  char  *unit;
  char  *quarter;
  gint64 n;
  double nps;
  double delta; /* points against the quarter before */
  double z;
  double p;
} FwMover;

FwLink   *fw_insights_link     (FwStore             *store,
                                const char          *from_day,
                                const char          *to_day,
                                const FwLinkOptions *options,
                                GError             **error);
const FwLinkLag *fw_link_get_lag (const FwLink *link,
                                  guint         lag);
void      fw_link_free         (FwLink *link);

FwAtRisk *fw_insights_at_risk  (FwStore    *store,
                                const char *from_day,
                                const char *to_day,
                                GError    **error);
void      fw_at_risk_free      (FwAtRisk *at_risk);

gboolean  fw_insights_at_risk_count (FwStore            *store,
                                     const char         *from_day,
                                     const char         *to_day,
                                     const char * const *units,
                                     gint64             *count,
                                     GError            **error);
gboolean  fw_insights_spend    (FwStore    *store,
                                const char *from_day,
                                const char *to_day,
                                FwSpend    *spend,
                                GError    **error);

/* One comment.  For employees only what cannot single a person out: see
 * fw_insights_comments(). */
typedef struct
{
  char *day;        /* "YYYY-MM-DD"; for employees the month only, "YYYY-MM" */
  char *unit;       /* NULL when the answer has no unit */
  char *touchpoint; /* NULL when none, and always for employees */
  int   score;      /* 0..10; -1 for employees */
  char *text;
} FwComment;

GArray   *fw_insights_comments (FwStore    *store,
                                FwKind      kind,
                                const char *from_day,
                                const char *to_day,
                                guint       max_score,
                                guint       limit,
                                guint       comment_threshold,
                                GError    **error);

GArray   *fw_insights_comments_filtered (FwStore             *store,
                                         const FwQueryFilter *filter,
                                         guint                max_score,
                                         guint                limit,
                                         guint                comment_threshold,
                                         GError             **error);

GArray   *fw_insights_movers   (FwStore              *store,
                                FwKind                kind,
                                const char           *from_day,
                                const char           *to_day,
                                const FwQueryOptions *options,
                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwLink, fw_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwAtRisk, fw_at_risk_free)

G_END_DECLS
