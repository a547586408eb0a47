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

/* Adds the sample data to @store as one batch of format FW_DEMO_FORMAT;
 * with @replace, an earlier sample batch is removed first, otherwise an
 * earlier one is an error.  All or nothing. */
gboolean fw_demo_fill     (FwStore           *store,
                           guint64            seed,
                           gboolean           replace,
                           FwDemoProgressFunc progress,
                           gpointer           progress_data,
                           GCancellable      *cancellable,
                           GError           **error);

G_END_DECLS
