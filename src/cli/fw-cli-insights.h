/* fw-cli-insights.h: stats --link, --at-risk, --spend and --comments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fw-insights.h"
#include "fw-query.h"

G_BEGIN_DECLS

int fw_cli_print_link    (FwStore              *store,
                          const char           *from_day,
                          const char           *to_day,
                          const FwQueryOptions *options,
                          int                   only_lag,
                          gboolean              json);
int fw_cli_print_movers  (FwStore              *store,
                          FwKind                kind,
                          const char           *from_day,
                          const char           *to_day,
                          const FwQueryOptions *options,
                          gboolean              json);
int fw_cli_print_at_risk (FwStore    *store,
                          const char *from_day,
                          const char *to_day,
                          gboolean    json);
int fw_cli_print_spend   (FwStore    *store,
                          const char *from_day,
                          const char *to_day,
                          gboolean    json);
int fw_cli_print_comments (FwStore    *store,
                           FwKind      kind,
                           const char *from_day,
                           const char *to_day,
                           guint       limit,
                           guint       min_comments,
                           gboolean    json);

G_END_DECLS
