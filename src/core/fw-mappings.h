/* fw-mappings.h: the columns chosen for a file, remembered by its header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fw-detect.h"
#include "fw-store.h"

G_BEGIN_DECLS

/* What an earlier import of a file with the same header chose. */
typedef struct
{
  int          columns[FW_N_ROLES]; /* the column of each role, or -1 */
  FwKind       kind;
  FwDateOrder  date_order;          /* UNKNOWN when the file had no dates */
  char        *source_name;         /* the file it was chosen for */
  char        *saved_at;            /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
} FwMapping;

void      fw_mapping_clear     (FwMapping         *mapping);

char     *fw_mappings_key      (const FwDetection *detection);
gboolean  fw_mappings_recall   (FwStore           *store,
                                const FwDetection *detection,
                                FwMapping         *mapping,
                                gboolean          *found,
                                GError           **error);
void      fw_mappings_apply    (FwDetection       *detection,
                                const FwMapping   *mapping);
gboolean  fw_mappings_remember (FwStore           *store,
                                const FwDetection *detection,
                                const char        *source_name,
                                GError           **error);

G_END_DECLS
