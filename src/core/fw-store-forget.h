/* fw-store-forget.h: removing one person's answers, for data-subject
 * requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fw-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   n_answers;  /* answers with the key, removed or (dry run) to remove */
  gint64   n_comments; /* of which with a comment */
  gint64   n_batches;  /* imports they came in */
  gboolean log_cleared; /* the write-ahead log holds no trace of them either */
} FwForgetResult;

gboolean fw_store_forget_respondent (FwStore        *self,
                                     const char     *respondent,
                                     gboolean        dry_run,
                                     FwForgetResult *result,
                                     GError        **error);

G_END_DECLS
