/* fuzz-xlsx.c: the XLSX reader on any workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An input that starts like a zip ("PK") is the workbook file itself, which
 * finds the bugs in how the reader walks the package and meets a damaged
 * archive.  Mutating compressed bytes rarely gets far into the XML, though,
 * so any other input is the XML of the parts, separated by NUL bytes (which
 * XML cannot hold), in the order of parts[] below: the harness packs them
 * into a fresh zip, stored without compression.  A part the input does not
 * reach gets a plain default, so that a few bytes of sheet XML make a whole
 * workbook; an empty one is left out of the zip.
 *
 * Each workbook is listed and read to its end twice: with the default limits
 * and with tiny ones.  Every row must have a field, every field must be
 * UTF-8, and no row may have more fields than the column limit.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fuzz-common.h"
#include "fw-xlsx.h"

static const struct
{
  const char *name;
  const char *content;
} parts[] = {
  { "xl/worksheets/sheet1.xml",
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43770.5</v>"
    "</c></row></sheetData></worksheet>" },
  { "xl/sharedStrings.xml",
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>Score</t></si></sst>" },
  { "xl/styles.xml",
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>" },
  { "xl/workbook.xml",
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
  { "xl/_rels/workbook.xml.rels",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>" },
  { "_rels/.rels",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>" },
};

/* Packs the parts into a zip in memory; returns its bytes. */
static GBytes *
pack (const uint8_t *data,
      size_t         size)
{
  zip_error_t zip_error;
  zip_source_t *buffer;
  zip_t *zip;
  const uint8_t *p = data, *end = data + size;
  zip_stat_t st;
  guint8 *bytes;
  guint n_added = 0;

  zip_error_init (&zip_error);
  buffer = zip_source_buffer_create (NULL, 0, 0, &zip_error);
  zip = buffer != NULL ? zip_open_from_source (buffer, ZIP_TRUNCATE, &zip_error) : NULL;
  if (zip == NULL)
    {
      fprintf (stderr, "libzip: %s\n", zip_error_strerror (&zip_error));
      abort ();
    }
  zip_source_keep (buffer);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const void *content = parts[i].content;
      size_t len = strlen (parts[i].content);
      zip_source_t *source;
      zip_int64_t index;

      if (p <= end)
        {
          const uint8_t *nul = memchr (p, '\0', end - p);

          content = p;
          len = (nul != NULL ? nul : end) - p;
          p = nul != NULL ? nul + 1 : end + 1;
          if (len == 0)
            continue;
        }
      source = zip_source_buffer (zip, content, len, 0);
      index = source != NULL ? zip_file_add (zip, parts[i].name, source, ZIP_FL_ENC_UTF_8) : -1;
      if (index < 0 || zip_set_file_compression (zip, index, ZIP_CM_STORE, 0) != 0)
        abort ();
      n_added++;
    }
  /* libzip writes no archive without an entry: the file is then empty. */
  if (n_added == 0)
    {
      zip_discard (zip);
      zip_source_free (buffer);
      return g_bytes_new (NULL, 0);
    }
  /* The data must still be there when zip_close() writes it. */
  if (zip_close (zip) != 0)
    abort ();

  if (zip_source_stat (buffer, &st) != 0 || zip_source_open (buffer) != 0)
    abort ();
  bytes = g_malloc (st.size);
  if (zip_source_read (buffer, bytes, st.size) != (zip_int64_t) st.size)
    abort ();
  zip_source_close (buffer);
  zip_source_free (buffer);
  return g_bytes_new_take (bytes, st.size);
}

static void
read_all (const char         *path,
          const FwXlsxLimits *limits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = fw_xlsx_reader_open_with_limits (path, NULL, limits, &error);
  guint max_columns = limits != NULL ? limits->max_columns : FW_XLSX_DEFAULT_MAX_COLUMNS;
  const char * const *fields;
  guint n_fields;

  if (reader == NULL)
    {
      g_assert (error != NULL && error->domain == FW_XLSX_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert (g_utf8_validate (fw_xlsx_reader_get_sheet_name (reader), -1, NULL));
  while (fw_xlsx_reader_next (reader, &n_fields, &fields, &error))
    {
      g_assert (n_fields > 0 && n_fields <= max_columns);
      g_assert (fields[n_fields] == NULL);
      fuzz_check_utf8 (n_fields, fields);
      (void) fw_xlsx_reader_get_progress (reader);
    }
  if (error != NULL)
    {
      g_assert (error->domain == FW_XLSX_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
      g_assert (!fw_xlsx_reader_next (reader, &n_fields, &fields, &error));
      g_assert (error != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sheets = NULL;
  const char *path;
  FwXlsxLimits tiny = {
    .max_sheet_size = 4096,
    .max_shared_strings_size = 1024,
    .max_part_size = 2048,
    .ratio_min_size = 512,
    .max_ratio = 4,
    .max_columns = 8,
    .max_field_size = 16,
    .max_record_size = 64,
  };

  if (size >= 2 && memcmp (data, "PK", 2) == 0)
    path = fuzz_write_file (data, size);
  else
    {
      gsize len;
      const uint8_t *bytes;

      packed = pack (data, size);
      bytes = g_bytes_get_data (packed, &len);
      path = fuzz_write_file (bytes, len);
    }

  sheets = fw_xlsx_list_sheets (path, &error);
  if (sheets == NULL)
    g_assert (error != NULL);
  read_all (path, NULL);
  read_all (path, &tiny);
  return 0;
}
