/* fw-table.c: one row source over a CSV, TSV or XLSX file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer should not care which reader it drives.  The reader is chosen
 * by the file's first bytes, not its name: an XLSX workbook is a zip and
 * starts with "PK\3\4" (an old .xls with the OLE2 signature), while a CSV
 * saved as "export.xlsx" by a careless tool still reads as the text it is.
 */

#define G_LOG_DOMAIN "fw-table"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "fw-csv.h"
#include "fw-table.h"
#include "fw-xlsx.h"

struct _FwTable
{
  FwCsvReader  *csv;
  FwXlsxReader *xlsx;
};

/* Workbooks start with the zip signature; an Excel 97-2003 .xls (or an
 * .xlsx saved with a password) with the OLE2 one.  Both go to the XLSX
 * reader, which says what to do with the second kind. */
static gboolean
starts_like_workbook (const char *path)
{
  static const guint8 ole2[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guint8 magic[8] = { 0 };
  FILE *file = g_fopen (path, "rb");
  gsize n;

  if (file == NULL)
    return FALSE;
  n = fread (magic, 1, sizeof magic, file);
  fclose (file);
  return (n >= 4 && memcmp (magic, "PK\3\4", 4) == 0)
         || (n == sizeof magic && memcmp (magic, ole2, sizeof ole2) == 0);
}

/**
 * fw_table_open:
 * @sheet_name: (nullable): the worksheet of a workbook; NULL for the first
 *
 * Opens @path as a workbook when it is a zip, as delimited text otherwise.
 * A sheet name given for a text file is an error, so that a script that
 * meant a workbook does not import the wrong file silently.
 */
FwTable *
fw_table_open (const char *path,
               const char *sheet_name,
               GError    **error)
{
  g_autoptr(FwTable) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (FwTable, 1);
  if (starts_like_workbook (path))
    {
      self->xlsx = fw_xlsx_reader_open (path, sheet_name, error);
      if (self->xlsx == NULL)
        return NULL;
    }
  else
    {
      self->csv = fw_csv_reader_open (path, error);
      if (self->csv == NULL)
        return NULL;
      if (sheet_name != NULL)
        {
          g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_NO_SUCH_SHEET,
                       _("%s is a text file, not a workbook: it has no sheet “%s”."),
                       fw_csv_reader_get_display_name (self->csv), sheet_name);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

void
fw_table_free (FwTable *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->csv, fw_csv_reader_free);
  g_clear_pointer (&self->xlsx, fw_xlsx_reader_free);
  g_free (self);
}

/* Skips blank records, as both readers do, and counts them there. */
gboolean
fw_table_next (FwTable             *self,
               guint               *n_fields,
               const char * const **fields,
               GError             **error)
{
  if (self->csv != NULL)
    return fw_csv_reader_next (self->csv, n_fields, fields, error);
  return fw_xlsx_reader_next (self->xlsx, n_fields, fields, error);
}

gboolean
fw_table_is_xlsx (FwTable *self)
{
  return self->xlsx != NULL;
}

const char *
fw_table_get_display_name (FwTable *self)
{
  if (self->csv != NULL)
    return fw_csv_reader_get_display_name (self->csv);
  return fw_xlsx_reader_get_display_name (self->xlsx);
}

/* A workbook stores its text as UTF-8 XML, whatever Excel showed. */
const char *
fw_table_get_encoding (FwTable *self)
{
  if (self->csv != NULL)
    return fw_csv_reader_get_encoding (self->csv);
  return "UTF-8";
}

/* 0 for a workbook. */
char
fw_table_get_delimiter (FwTable *self)
{
  if (self->csv != NULL)
    return fw_csv_reader_get_delimiter (self->csv);
  return '\0';
}

/* NULL for a text file. */
const char *
fw_table_get_sheet_name (FwTable *self)
{
  if (self->xlsx != NULL)
    return fw_xlsx_reader_get_sheet_name (self->xlsx);
  return NULL;
}

guint64
fw_table_get_record_number (FwTable *self)
{
  if (self->csv != NULL)
    return fw_csv_reader_get_record_number (self->csv);
  return fw_xlsx_reader_get_record_number (self->xlsx);
}

double
fw_table_get_progress (FwTable *self)
{
  if (self->csv != NULL)
    return fw_csv_reader_get_progress (self->csv);
  return fw_xlsx_reader_get_progress (self->xlsx);
}
