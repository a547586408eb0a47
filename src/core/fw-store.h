/* fw-store.h: the SQLite database behind Flywheel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fw-types.h"

G_BEGIN_DECLS

#define FW_STORE_ERROR (fw_store_error_quark ())

typedef enum
{
  FW_STORE_ERROR_FAILED,       /* anything not listed below */
  FW_STORE_ERROR_OPEN,         /* the file or its folder cannot be opened or created */
  FW_STORE_ERROR_NOT_FLYWHEEL, /* a valid SQLite file, but some other program's */
  FW_STORE_ERROR_CORRUPT,      /* not a database at all, truncated or damaged */
  FW_STORE_ERROR_TOO_NEW,      /* written by a newer Flywheel */
  FW_STORE_ERROR_MIGRATE,      /* an upgrade step failed; the file is as before */
  FW_STORE_ERROR_BACKUP,       /* the copy made before an upgrade failed */
  FW_STORE_ERROR_READ_ONLY,    /* the file or its folder is not writable */
  FW_STORE_ERROR_FULL,         /* the disk is full */
  FW_STORE_ERROR_BUSY,         /* another program holds a lock */
  FW_STORE_ERROR_INVALID,      /* a value that breaks a rule of the data model */
} FwStoreError;

/* The value of PRAGMA application_id: "FlyW". */
#define FW_STORE_APPLICATION_ID 0x466C7957
/* The value of PRAGMA user_version that data/schema.sql creates. */
#define FW_STORE_SCHEMA_VERSION 4

struct _FwResponse
{
  FwKind      kind;
  const char *day;         /* "YYYY-MM-DD" */
  int         score;       /* 0..10 */
  const char *unit;        /* department, store or team; NULL when unknown */
  const char *touchpoint;  /* phone, e-mail, ...; NULL when unknown */
  const char *respondent;  /* customer or respondent key; NULL when unknown */
  const char *external_id; /* the survey tool's response id; NULL when none */
  const char *comment;     /* NULL when none */
  double      spend;       /* NAN when none */
};

struct _FwBatchInfo
{
  const char *source_name; /* file name as the user knows it */
  const char *sha256;      /* hex digest of the file, NULL for generated data */
  const char *format;      /* "demo", "csv", "qualtrics", ... */
  const char *mapping;     /* JSON of the column mapping, may be NULL */
  const char *kind;        /* "customer", "employee" or "mixed" */
};

struct _FwTally
{
  gint64 n;
  gint64 promoters;  /* 9-10 */
  gint64 passives;   /* 7-8 */
  gint64 detractors; /* 0-6 */
};

/* A score as it may leave the core: for employee groups below the anonymity
 * threshold @suppressed is TRUE and every number is zero or NAN. */
struct _FwScore
{
  FwTally  tally;
  double   nps; /* -100..100, NAN when n is 0 or suppressed */
  gboolean suppressed;
};

/* One imported file as fw_store_list_batches() lists it. */
typedef struct
{
  gint64  id;
  char   *source_name;   /* file name as the user knows it */
  char   *format;        /* "demo", "csv", "qualtrics", ... */
  char   *kind;          /* "customer", "employee" or "mixed" */
  gint64  row_count;     /* answers imported */
  gint64  skipped_count; /* rows of the source left out */
  char   *imported_at;   /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
} FwBatchSummary;

void        fw_batch_summary_free (FwBatchSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwBatchSummary, fw_batch_summary_free)

#define FW_TYPE_STORE (fw_store_get_type ())
G_DECLARE_FINAL_TYPE (FwStore, fw_store, FW, STORE, GObject)

GQuark      fw_store_error_quark (void);

const char *fw_kind_to_string    (FwKind      kind);
gboolean    fw_kind_from_string  (const char *text,
                                  FwKind     *kind);

void        fw_tally_add_score   (FwTally       *tally,
                                  int            score);
double      fw_tally_nps         (const FwTally *tally);

char       *fw_store_default_path (void);
FwStore    *fw_store_open         (const char *path,
                                   GError    **error);
const char *fw_store_get_path     (FwStore    *self);
gboolean    fw_store_is_read_only (FwStore    *self);
gint64      fw_store_count_batches (FwStore   *self,
                                    GError   **error);
gboolean    fw_store_get_overall  (FwStore    *self,
                                   FwKind      kind,
                                   guint       min_group,
                                   FwScore    *score,
                                   GError    **error);
gboolean    fw_store_get_day_range (FwStore   *self,
                                    FwKind     kind,
                                    char     **first_day,
                                    char     **last_day,
                                    GError   **error);
gint64      fw_store_find_batch_by_format (FwStore    *self,
                                           const char *format,
                                           GError    **error);
GPtrArray  *fw_store_list_batches (FwStore   *self,
                                   GError   **error);
gboolean    fw_store_remove_batch (FwStore    *self,
                                   gint64      batch_id,
                                   GError    **error);

FwBatch    *fw_store_begin_batch  (FwStore           *self,
                                   const FwBatchInfo *info,
                                   GError           **error);
gboolean    fw_batch_add          (FwBatch          *batch,
                                   const FwResponse *response,
                                   GError          **error);
gboolean    fw_batch_commit       (FwBatch          *batch,
                                   gint64           *batch_id,
                                   GError          **error);
void        fw_batch_set_skipped  (FwBatch          *batch,
                                   gint64            skipped);
void        fw_batch_set_sha256   (FwBatch          *batch,
                                   const char       *sha256);
void        fw_batch_free         (FwBatch          *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwBatch, fw_batch_free)

G_END_DECLS
