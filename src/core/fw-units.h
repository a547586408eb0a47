/* fw-units.h: units by their names, and which count as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fw-store.h"

G_BEGIN_DECLS

/* One unit name as the survey files used it. */
typedef struct
{
  char  *name;
  char  *merged_into; /* the unit it counts as; NULL when it counts as itself */
  gint64 customer_n;  /* answers counted as this unit, merged names included;
                       * 0 for a merged name, whose answers count under @merged_into */
  gint64 employee_n;  /* the same for employees, in safe unit-months only (see
                       * fw-query.c): a smaller group's count never shows */
} FwUnitInfo;

/* Two units whose names look like one, and which way to merge them. */
typedef struct
{
  char *name; /* the one to merge */
  char *into; /* the one to keep */
} FwUnitSuggestion;

GArray   *fw_units_list    (FwStore    *store,
                            guint       min_group,
                            GError    **error);
GArray   *fw_units_suggest (FwStore    *store,
                            GError    **error);
gboolean  fw_units_merge   (FwStore    *store,
                            const char *name,
                            const char *into,
                            GError    **error);
gboolean  fw_units_split   (FwStore    *store,
                            const char *name,
                            GError    **error);

char     *fw_units_normalize (const char *name);

G_END_DECLS
