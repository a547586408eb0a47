/* fw-import.h: from a survey export to one batch in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fw-detect.h"
#include "fw-store.h"

G_BEGIN_DECLS

#define FW_IMPORT_ERROR (fw_import_error_quark ())

typedef enum
{
  FW_IMPORT_ERROR_EMPTY,            /* no header, or no answer with a score */
  FW_IMPORT_ERROR_NO_SCORE,         /* no column holds scores from 0 to 10 */
  FW_IMPORT_ERROR_AMBIGUOUS_SCORE,  /* several columns could be the score */
  FW_IMPORT_ERROR_NO_DATE,          /* no date column, and no date given */
  FW_IMPORT_ERROR_DATE_ORDER,       /* day-month or month-day must be chosen */
  FW_IMPORT_ERROR_NO_SUCH_COLUMN,   /* a column asked for is not in the file */
  FW_IMPORT_ERROR_INVALID_OPTION,   /* a date that is not YYYY-MM-DD, ... */
  FW_IMPORT_ERROR_INVALID_RECORDS,  /* records that cannot be imported */
  FW_IMPORT_ERROR_ALREADY_IMPORTED, /* the same file, by its SHA-256 */
} FwImportError;

/* How many rejected records a result keeps, by default; all are counted. */
#define FW_IMPORT_DEFAULT_MAX_PROBLEMS 100

typedef struct
{
  const char  *sheet_name;           /* NULL: the first sheet */
  const char  *columns[FW_N_ROLES];  /* a name or "#N" per role; "" leaves the role out;
                                      * NULL keeps the guess */
  gboolean     kind_set;
  FwKind       kind;
  FwDateOrder  date_order;           /* UNKNOWN: as detected */
  const char  *date;                 /* YYYY-MM-DD for files without a date column */
  gboolean     valid_only;           /* import the valid records, not nothing */
  gboolean     dry_run;              /* check everything, write nothing */
  guint        max_problems;         /* 0: FW_IMPORT_DEFAULT_MAX_PROBLEMS */
} FwImportOptions;

typedef struct
{
  guint64  record; /* as fw_table_get_record_number() counts, header included */
  char    *column;
  char    *message;
} FwImportProblem;

typedef struct
{
  FwDetection *detection;
  char        *sha256;
  gint64       batch_id;      /* 0 when nothing was written */
  guint64      n_records;     /* answer records read */
  guint64      n_imported;
  guint64      n_no_score;    /* blank or a non-answer where the score goes */
  guint64      n_duplicates;  /* response ids already stored */
  guint64      n_previews;    /* Qualtrics "Survey Preview" records */
  guint64      n_rejected;
  GPtrArray   *problems;      /* of FwImportProblem, the first max_problems */
  char        *remembered_from; /* the file whose mapping was reused, or NULL */
} FwImportResult;

typedef void (*FwImportProgressFunc) (double   fraction,
                                      guint64  records,
                                      gpointer user_data);

GQuark          fw_import_error_quark   (void);

void            fw_import_options_init  (FwImportOptions       *options);

FwImportResult *fw_import_result_new    (void);
void            fw_import_result_free   (FwImportResult        *result);

gboolean        fw_import_apply_options (FwDetection           *detection,
                                         const FwImportOptions *options,
                                         GError               **error);
gboolean        fw_import_check_ready   (FwDetection           *detection,
                                         const FwImportOptions *options,
                                         const char            *display_name,
                                         GError               **error);

char           *fw_import_file_sha256   (const char            *path,
                                         GCancellable          *cancellable,
                                         GError               **error);

gboolean        fw_import_file          (FwStore               *store,
                                         const char            *path,
                                         const FwImportOptions *options,
                                         GCancellable          *cancellable,
                                         FwImportProgressFunc   progress,
                                         gpointer               user_data,
                                         FwImportResult        *result,
                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwImportResult, fw_import_result_free)

G_END_DECLS
