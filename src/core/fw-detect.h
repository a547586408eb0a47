/* fw-detect.h: what a survey export holds, from its headers and a sample
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fw-table.h"
#include "fw-types.h"
#include "fw-values.h"

G_BEGIN_DECLS

typedef enum
{
  FW_ROLE_NONE,
  FW_ROLE_SCORE,
  FW_ROLE_DATE,
  FW_ROLE_UNIT,
  FW_ROLE_TOUCHPOINT,
  FW_ROLE_RESPONDENT,
  FW_ROLE_RESPONSE_ID,
  FW_ROLE_COMMENT,
  FW_ROLE_SPEND,
  FW_N_ROLES
} FwRole;

typedef enum
{
  FW_LAYOUT_GENERIC,
  FW_LAYOUT_QUALTRICS,
  FW_LAYOUT_QUALTRICS_LEGACY,
  FW_LAYOUT_SURVEYMONKEY,
  FW_LAYOUT_GOOGLE_FORMS,
  FW_LAYOUT_TYPEFORM,
  FW_LAYOUT_MICROSOFT_FORMS,
  FW_LAYOUT_LIMESURVEY,
} FwLayout;

/* The records a detection looks at before it decides. */
#define FW_DETECT_SAMPLE_SIZE 2000

typedef struct
{
  FwLayout     layout;
  guint        header_rows;     /* records before the first answer */
  guint        n_columns;
  char       **names;           /* unique, as `inspect` shows them */
  char       **labels;          /* question texts where the layout has them, else names */
  int          status_column;   /* Qualtrics status, to drop "Survey Preview" rows; -1 */

  int          columns[FW_N_ROLES]; /* the column of each role, or -1 */
  GArray      *score_candidates;    /* of int: columns that could be the score */

  FwDateOrder  date_order;
  gboolean     date_ambiguous;
  char        *date_reason;

  FwKind       kind;
  gboolean     kind_from_text;  /* TRUE when the headers said so */

  guint64      n_sampled;       /* answer records in the sample */
  char         decimal_mark;    /* of the spend column, or 0 */
} FwDetection;

const char  *fw_role_to_string        (FwRole       role);
gboolean     fw_role_from_string      (const char  *text,
                                       FwRole      *role);
const char  *fw_layout_to_string      (FwLayout     layout);

FwDetection *fw_detect                (FwTable     *table,
                                       guint        sample_size,
                                       guint        preview_limit,
                                       GPtrArray   *preview,
                                       GError     **error);
void         fw_detection_free        (FwDetection *self);

FwRole       fw_detection_get_role    (FwDetection *self,
                                       guint        column);
int          fw_detection_find_column (FwDetection *self,
                                       const char  *spec);
gboolean     fw_detection_is_preview_row (FwDetection        *self,
                                          guint               n_fields,
                                          const char * const *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwDetection, fw_detection_free)

G_END_DECLS
