/* fw-xlsx.h: a streaming reader for the worksheets of Excel .xlsx workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FW_XLSX_ERROR (fw_xlsx_error_quark ())

typedef enum
{
  FW_XLSX_ERROR_IO,            /* the file could not be opened or read */
  FW_XLSX_ERROR_NOT_XLSX,      /* not a zip, or a zip without a workbook in it */
  FW_XLSX_ERROR_DAMAGED,       /* a broken zip entry, malformed XML, an impossible value */
  FW_XLSX_ERROR_NO_SUCH_SHEET, /* no worksheet of the name asked for, or none at all */
  FW_XLSX_ERROR_TOO_LARGE,     /* over a limit: part size, compression ratio, columns, field */
  FW_XLSX_ERROR_UNSAFE_XML,    /* a DOCTYPE or entity declaration, which no workbook needs */
  FW_XLSX_ERROR_UNSUPPORTED,   /* encrypted entries or a compression method libzip lacks */
} FwXlsxError;

/* The bounds on what one reader will read and keep, whatever the file
 * claims.  Sizes are uncompressed bytes.  Together they bound memory (the
 * shared strings table is kept whole, everything else streams) and time
 * (nothing is inflated past a cap).  A member left 0 means its default. */
typedef struct
{
  guint64 max_sheet_size;          /* the worksheet part */
  guint64 max_shared_strings_size; /* the shared strings part, which is kept in memory */
  guint64 max_part_size;           /* any other part: workbook, relationships, styles */
  guint64 ratio_min_size;          /* the ratio rule applies to parts bigger than this */
  guint   max_ratio;               /* uncompressed : compressed, for those parts */
  guint   max_columns;             /* cells in one row, and the highest column */
  gsize   max_field_size;          /* bytes of UTF-8 in one cell */
  gsize   max_record_size;         /* bytes of UTF-8 in one row, shared strings aside */
} FwXlsxLimits;

#define FW_XLSX_DEFAULT_MAX_SHEET_SIZE          (G_GUINT64_CONSTANT (1) << 30)
#define FW_XLSX_DEFAULT_MAX_SHARED_STRINGS_SIZE (G_GUINT64_CONSTANT (256) << 20)
#define FW_XLSX_DEFAULT_MAX_PART_SIZE           (G_GUINT64_CONSTANT (64) << 20)
#define FW_XLSX_DEFAULT_RATIO_MIN_SIZE          (G_GUINT64_CONSTANT (10) << 20)
#define FW_XLSX_DEFAULT_MAX_RATIO               200
#define FW_XLSX_DEFAULT_MAX_COLUMNS             16384 /* Excel's own: column XFD */
#define FW_XLSX_DEFAULT_MAX_FIELD_SIZE          (1024 * 1024)
#define FW_XLSX_DEFAULT_MAX_RECORD_SIZE         (64 * 1024 * 1024)

typedef struct _FwXlsxReader FwXlsxReader;

GQuark        fw_xlsx_error_quark               (void);

void          fw_xlsx_limits_init               (FwXlsxLimits        *limits);

char        **fw_xlsx_list_sheets               (const char          *path,
                                                 GError             **error);

FwXlsxReader *fw_xlsx_reader_open               (const char          *path,
                                                 const char          *sheet_name,
                                                 GError             **error);
FwXlsxReader *fw_xlsx_reader_open_with_limits   (const char          *path,
                                                 const char          *sheet_name,
                                                 const FwXlsxLimits  *limits,
                                                 GError             **error);
void          fw_xlsx_reader_free               (FwXlsxReader        *self);

const char   *fw_xlsx_reader_get_sheet_name     (FwXlsxReader        *self);
const char   *fw_xlsx_reader_get_display_name   (FwXlsxReader        *self);
gboolean      fw_xlsx_reader_get_date1904       (FwXlsxReader        *self);

gboolean      fw_xlsx_reader_next               (FwXlsxReader        *self,
                                                 guint               *n_fields,
                                                 const char * const **fields,
                                                 GError             **error);

guint64       fw_xlsx_reader_get_record_number  (FwXlsxReader        *self);
guint64       fw_xlsx_reader_get_n_skipped      (FwXlsxReader        *self);
double        fw_xlsx_reader_get_progress       (FwXlsxReader        *self);

char         *fw_xlsx_format_serial_date        (double               serial,
                                                 gboolean             date1904);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwXlsxReader, fw_xlsx_reader_free)

G_END_DECLS
