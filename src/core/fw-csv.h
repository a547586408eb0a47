/* fw-csv.h: a streaming reader for CSV and TSV survey exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FW_CSV_ERROR (fw_csv_error_quark ())

typedef enum
{
  FW_CSV_ERROR_IO,                 /* the file could not be opened or read */
  FW_CSV_ERROR_NOT_TEXT,           /* NUL bytes: a binary file, or UTF-16 without a BOM */
  FW_CSV_ERROR_ENCODING,           /* bytes that the declared encoding (a BOM) forbids */
  FW_CSV_ERROR_UNTERMINATED_QUOTE, /* a quoted field still open at the end of the file */
  FW_CSV_ERROR_FIELD_TOO_LONG,     /* one field over the field size limit */
  FW_CSV_ERROR_RECORD_TOO_LONG,    /* one record over the record size limit */
  FW_CSV_ERROR_TOO_MANY_COLUMNS,   /* one record over the column limit */
} FwCsvError;

/* Defaults for fw_csv_reader_set_limits(); together they bound the memory
 * that one reader uses, whatever the input. */
#define FW_CSV_DEFAULT_MAX_FIELD_SIZE  (16 * 1024 * 1024)
#define FW_CSV_DEFAULT_MAX_RECORD_SIZE (64 * 1024 * 1024)
#define FW_CSV_DEFAULT_MAX_COLUMNS     100000

typedef struct _FwCsvReader FwCsvReader;

GQuark       fw_csv_error_quark             (void);

FwCsvReader *fw_csv_reader_new              (GInputStream        *stream,
                                             const char          *display_name,
                                             GError             **error);
FwCsvReader *fw_csv_reader_open             (const char          *path,
                                             GError             **error);
void         fw_csv_reader_free             (FwCsvReader         *self);

void         fw_csv_reader_set_limits       (FwCsvReader         *self,
                                             gsize                max_field_size,
                                             gsize                max_record_size,
                                             guint                max_columns);

char         fw_csv_reader_get_delimiter    (FwCsvReader         *self);
const char  *fw_csv_reader_get_encoding     (FwCsvReader         *self);
const char  *fw_csv_reader_get_line_ending  (FwCsvReader         *self);
gboolean     fw_csv_reader_get_quotes_literal (FwCsvReader       *self);
const char  *fw_csv_reader_get_display_name (FwCsvReader         *self);

gboolean     fw_csv_reader_next             (FwCsvReader         *self,
                                             guint               *n_fields,
                                             const char * const **fields,
                                             GError             **error);

guint64      fw_csv_reader_get_record_number (FwCsvReader        *self);
guint64      fw_csv_reader_get_line_number  (FwCsvReader         *self);
guint64      fw_csv_reader_get_n_skipped    (FwCsvReader         *self);
double       fw_csv_reader_get_progress     (FwCsvReader         *self);

char       **fw_csv_unique_names            (guint                n_fields,
                                             const char * const  *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwCsvReader, fw_csv_reader_free)

G_END_DECLS
