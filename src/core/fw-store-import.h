/* fw-store-import.h: the few queries the importer makes of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For src/core only: the importer's own queries, kept out of fw-store.c
 * so that the store stays about opening, migrating and writing batches.
 */

#pragma once

#include "fw-store-private.h"

G_BEGIN_DECLS

typedef struct _FwIdLookup FwIdLookup;

gint64      fw_store_find_import_by_sha256 (FwStore     *self,
                                            const char  *sha256,
                                            char       **imported_at,
                                            char       **source_name,
                                            GError     **error);

FwIdLookup *fw_id_lookup_new               (FwStore     *store,
                                            FwKind       kind,
                                            GError     **error);
int         fw_id_lookup_contains          (FwIdLookup  *self,
                                            const char  *external_id,
                                            GError     **error);
void        fw_id_lookup_free              (FwIdLookup  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwIdLookup, fw_id_lookup_free)

G_END_DECLS
