/* test-xlsx.c: the XLSX reader, on hand-made workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures in tests/data/xlsx/ come from make-fixtures.py beside them,
 * which says what each one holds.  A sheet is compared as a dump, one line
 * per row returned: "record number: field|field|field".
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fw-xlsx.h"

static char *
fixture (const char *name)
{
  const char *dir = g_getenv ("FW_TEST_DATA");

  ck_assert_msg (dir != NULL, "FW_TEST_DATA is not set; run the tests with meson test");
  return g_build_filename (dir, "xlsx", name, NULL);
}

/* Reads a whole sheet into a dump.  On error the dump holds the rows that
 * came before it, and @error is set whether opening or reading failed. */
static char *
dump_sheet (const char         *name,
            const char         *sheet,
            const FwXlsxLimits *limits,
            GError            **error)
{
  g_autofree char *path = fixture (name);
  g_autoptr(FwXlsxReader) reader = NULL;
  GString *dump = g_string_new (NULL);
  const char * const *fields;
  guint n_fields;

  reader = fw_xlsx_reader_open_with_limits (path, sheet, limits, error);
  if (reader == NULL)
    return g_string_free (dump, FALSE);
  while (fw_xlsx_reader_next (reader, &n_fields, &fields, error))
    {
      ck_assert_uint_gt (n_fields, 0);
      ck_assert_ptr_null (fields[n_fields]);
      g_string_append_printf (dump, "%" G_GUINT64_FORMAT ":",
                              fw_xlsx_reader_get_record_number (reader));
      for (guint i = 0; i < n_fields; i++)
        g_string_append_printf (dump, "%s%s", i > 0 ? "|" : "", fields[i]);
      g_string_append_c (dump, '\n');
    }
  return g_string_free (dump, FALSE);
}

static void
assert_error (const GError *error,
              FwXlsxError   code,
              const char   *file_name,
              const char   *part)
{
  ck_assert_msg (error != NULL, "expected an error");
  ck_assert_msg (error->domain == FW_XLSX_ERROR && error->code == (int) code,
                 "expected code %d, got %s %d: %s", code, g_quark_to_string (error->domain),
                 error->code, error->message);
  /* Messages name the file by its base name, never the whole path. */
  ck_assert_msg (strstr (error->message, file_name) != NULL, "“%s” does not name %s",
                 error->message, file_name);
  ck_assert_msg (strstr (error->message, g_getenv ("FW_TEST_DATA")) == NULL,
                 "“%s” has the path in it", error->message);
  if (part != NULL)
    ck_assert_msg (strstr (error->message, part) != NULL, "“%s” does not contain “%s”",
                   error->message, part);
}

/* Values: each fixture read whole */

typedef struct
{
  const char *file;
  const char *sheet;
  const char *dump;
} DumpCase;

static const DumpCase dump_cases[] = {
  /* Shared strings: plain, rich text runs joined, spaces kept, the
   * phonetic guide left out, _x000D_ and _x005F_ decoded, entities; inline
   * strings plain and rich; a formula's string result; row 4 has only empty
   * strings and is skipped. */
  { "strings.xlsx", NULL,
    "1:Name|Hello world|  padded  \n"
    "2:東京|line one\r\nline two|Q&A <ok> _x0041_\n"
    "3:Zoë|rich inline|Zoë!\n" },
  /* Numbers without ".0" and without float noise, booleans, errors as "",
   * a General style that stays a number, -0, blanks around a value. */
  { "numbers.xlsx", NULL,
    "1:9|-3|1.5|0.1\n"
    "2:0.3|0.001|1234567890123456|2.5e+20\n"
    "3:TRUE|FALSE|||7\n"
    "4:9|12.25|0|42|123456789.123457\n" },
  /* Missing cells become "", a row ends at its last value, rows of nothing
   * are skipped, cells and rows without a reference follow the one before. */
  { "sparse.xlsx", NULL,
    "1:a|||d\n"
    "5:|b\n"
    "6:x|y\n"
    "8:||c|after C\n" },
  { "date1904.xlsx", NULL, "1:2019-11-01 09:00:00|12:00:00|2019-11-01\n" },
  { "utf16.xlsx", NULL, "1:utf-16 ok\n" },
  /* The first worksheet, not the chart sheet before it, at summary.xml. */
  { "sheets.xlsx", NULL, "1:summary\n" },
  /* By name: an absolute target, then a percent-escaped one. */
  { "sheets.xlsx", "Responses", "1:responses\n" },
  { "sheets.xlsx", "responses", "1:responses\n" },
  { "sheets.xlsx", "Q&A", "2:|q and a\n" },
  /* Excel's case rule, not full folding, under which ß is ss. */
  { "sheets.xlsx", "mass", "1:upper\n" },
  { "sheets.xlsx", "MAß", "1:eszett\n" },
};

START_TEST (test_values)
{
  const DumpCase *c = &dump_cases[_i];
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = dump_sheet (c->file, c->sheet, NULL, &error);

  ck_assert_msg (error == NULL, "%s: %s", c->file, error->message);
  ck_assert_str_eq (dump, c->dump);
}
END_TEST

/* Dates in dates.xlsx, one per row in column B; see make-fixtures.py for
 * the style of each. */
static const char *const date_column[] = {
  "2019-11-01 09:01:12", /* 43770.37583333333: rounded to the nearest second */
  "2019-11-01",          /* no time part */
  "1900-02-29",          /* serial 60, the day that never was */
  "1900-02-28",
  "1900-03-01",
  "1900-01-01",
  "2019-11-01 12:00:00", /* 12:00:00.4 rounds down */
  "2019-11-01 12:00:01", /* 12:00:00.6 rounds up */
  "2019-11-02",          /* 23:59:59.7 rounds into the next day */
  "2019-11-01",          /* custom [$-409]d-mmm-yy;@ */
  "00:01:30",            /* built-in 45, mm:ss: a time alone */
  "3.5",                 /* 0.00 "days": the d is quoted */
  "43770",               /* [Red]0.0: the d is in brackets */
  "43770.25",            /* built-in 2, 0.00 */
  "43770",               /* #,##0_);[Blue](#,##0) */
  "43770",               /* 0\d: the d is escaped */
  "43770",               /* General */
  "-1",                  /* a date style, but no date is negative */
  "3000000",             /* past 9999-12-31 */
  "43770",               /* built-in 14 redefined by a numFmt as 0.000 */
  "2019-11-01 09:01:12", /* t="d", ISO 8601 text */
};

START_TEST (test_date_cells)
{
  g_autofree char *path = fixture ("dates.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = fw_xlsx_reader_open (path, NULL, &error);
  const char * const *fields;
  guint n_fields, row = 0;

  ck_assert_msg (reader != NULL, "%s", error != NULL ? error->message : "");
  ck_assert (!fw_xlsx_reader_get_date1904 (reader));
  while (fw_xlsx_reader_next (reader, &n_fields, &fields, &error))
    {
      ck_assert_uint_lt (row, G_N_ELEMENTS (date_column));
      ck_assert_uint_eq (n_fields, 2);
      ck_assert_msg (strcmp (fields[1], date_column[row]) == 0, "row %u (%s): “%s”, expected “%s”",
                     row + 1, fields[0], fields[1], date_column[row]);
      row++;
    }
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (row, G_N_ELEMENTS (date_column));
}
END_TEST

typedef struct
{
  double      serial;
  gboolean    date1904;
  const char *expected; /* NULL: no date */
} SerialCase;

static const SerialCase serial_cases[] = {
  { 43770.37583333333, FALSE, "2019-11-01 09:01:12" },
  { 43770.375833333333, FALSE, "2019-11-01 09:01:12" },
  { 43770.0 + 43200.4 / 86400, FALSE, "2019-11-01 12:00:00" },
  { 43770.0 + 43200.6 / 86400, FALSE, "2019-11-01 12:00:01" },
  { 43770.0 + 86399.5 / 86400, FALSE, "2019-11-02" },
  { 1, FALSE, "1900-01-01" },
  { 59, FALSE, "1900-02-28" },
  { 60, FALSE, "1900-02-29" },
  { 60.5, FALSE, "1900-02-29 12:00:00" },
  { 61, FALSE, "1900-03-01" },
  { 36526, FALSE, "2000-01-01" },
  { 2958465, FALSE, "9999-12-31" },
  { 2958465.99999, FALSE, "9999-12-31 23:59:59" },
  { 2958466, FALSE, NULL },
  { -0.5, FALSE, NULL },
  { 0.75, FALSE, "18:00:00" },
  { 1, TRUE, "1904-01-02" },
  { 60, TRUE, "1904-03-01" }, /* 1904 was a leap year and has no gap */
  { 42308.375, TRUE, "2019-11-01 09:00:00" },
  { 2957003, TRUE, "9999-12-31" },
  { 2957004, TRUE, NULL },
};

START_TEST (test_serial_dates)
{
  const SerialCase *c = &serial_cases[_i];
  g_autofree char *text = fw_xlsx_format_serial_date (c->serial, c->date1904);

  if (c->expected == NULL)
    ck_assert_msg (text == NULL, "%.17g: “%s”, expected no date", c->serial, text);
  else
    ck_assert_msg (g_strcmp0 (text, c->expected) == 0, "%.17g (%s): “%s”, expected “%s”",
                   c->serial, c->date1904 ? "1904" : "1900", text, c->expected);
}
END_TEST

/* Rows, records and progress */

START_TEST (test_record_numbers)
{
  g_autofree char *path = fixture ("sparse.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = fw_xlsx_reader_open (path, NULL, &error);
  static const guint64 records[] = { 1, 5, 6, 8 };
  static const guint64 skipped[] = { 0, 3, 3, 4 };
  static const guint widths[] = { 4, 2, 2, 4 };
  const char * const *fields;
  guint n_fields, i = 0;
  double progress = 0;

  ck_assert_msg (reader != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_str_eq (fw_xlsx_reader_get_sheet_name (reader), "Sheet1");
  ck_assert_str_eq (fw_xlsx_reader_get_display_name (reader), "sparse.xlsx");
  ck_assert_uint_eq (fw_xlsx_reader_get_record_number (reader), 0);
  while (fw_xlsx_reader_next (reader, &n_fields, &fields, &error))
    {
      ck_assert_uint_lt (i, G_N_ELEMENTS (records));
      ck_assert_uint_eq (fw_xlsx_reader_get_record_number (reader), records[i]);
      ck_assert_uint_eq (fw_xlsx_reader_get_n_skipped (reader), skipped[i]);
      ck_assert_uint_eq (n_fields, widths[i]);
      ck_assert (fw_xlsx_reader_get_progress (reader) >= progress);
      progress = fw_xlsx_reader_get_progress (reader);
      i++;
    }
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (i, G_N_ELEMENTS (records));
  ck_assert (fw_xlsx_reader_get_progress (reader) == 1.0);
  /* The end stays the end. */
  ck_assert (!fw_xlsx_reader_next (reader, &n_fields, &fields, &error));
  ck_assert_ptr_null (error);
}
END_TEST

/* Writes a workbook of one sheet and a shared strings table to a new
 * temporary file, with libzip as the fixtures are too big to check in. */
static char *
write_workbook (const char *sheet_xml,
                const char *sst_xml)
{
  static const char *const rels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"xl/workbook.xml\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\"/></Relationships>";
  static const char *const workbook =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Big\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  static const char *const workbook_rels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>"
    "<Relationship Id=\"rId2\" Target=\"sharedStrings.xml\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/sharedStrings\"/></Relationships>";
  const char *const names[] = {
    "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
  };
  const char *const parts[] = { rels, workbook, workbook_rels, sheet_xml, sst_xml };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-XXXXXX", &error);
  char *path;
  zip_t *zip;
  int code = 0;

  ck_assert_msg (dir != NULL, "%s", error != NULL ? error->message : "");
  path = g_build_filename (dir, "big.xlsx", NULL);
  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  ck_assert_ptr_nonnull (zip);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      zip_source_t *source = zip_source_buffer (zip, parts[i], strlen (parts[i]), 0);

      ck_assert_ptr_nonnull (source);
      ck_assert_int_ge (zip_file_add (zip, names[i], source, ZIP_FL_ENC_UTF_8), 0);
    }
  ck_assert_int_eq (zip_close (zip), 0);
  return path;
}

static void
remove_workbook (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* A sheet many chunks long: rows and strings cross chunk boundaries, the
 * queue of finished rows empties and fills, progress climbs. */
START_TEST (test_many_rows)
{
  const guint n_rows = 20000;
  g_autoptr(GString) sheet = g_string_new (
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
  g_autoptr(GString) sst = g_string_new (
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = NULL;
  const char * const *fields;
  guint n_fields, row = 0;
  gboolean in_between = FALSE;

  for (guint i = 0; i < 7; i++)
    g_string_append_printf (sst, "<si><t>Department %u</t></si>", i);
  g_string_append (sst, "</sst>");
  for (guint r = 1; r <= n_rows; r++)
    g_string_append_printf (sheet,
                            "<row r=\"%u\"><c r=\"A%u\" t=\"inlineStr\"><is><t>row %u, "
                            "a comment long enough to matter</t></is></c><c r=\"B%u\" "
                            "t=\"s\"><v>%u</v></c><c r=\"D%u\"><v>%u.5</v></c></row>",
                            2 * r, r, r, r, r % 7, r, r);
  g_string_append (sheet, "</sheetData></worksheet>");
  ck_assert_uint_gt (sheet->len, 20 * 64 * 1024);
  path = write_workbook (sheet->str, sst->str);

  reader = fw_xlsx_reader_open (path, NULL, &error);
  ck_assert_msg (reader != NULL, "%s", error != NULL ? error->message : "");
  while (fw_xlsx_reader_next (reader, &n_fields, &fields, &error))
    {
      g_autofree char *a = g_strdup_printf ("row %u, a comment long enough to matter", row + 1);
      g_autofree char *b = g_strdup_printf ("Department %u", (row + 1) % 7);
      g_autofree char *d = g_strdup_printf ("%u.5", row + 1);
      double progress = fw_xlsx_reader_get_progress (reader);

      row++;
      ck_assert_uint_eq (n_fields, 4);
      ck_assert_str_eq (fields[0], a);
      ck_assert_str_eq (fields[1], b);
      ck_assert_str_eq (fields[2], "");
      ck_assert_str_eq (fields[3], d);
      ck_assert_uint_eq (fw_xlsx_reader_get_record_number (reader), 2 * row);
      ck_assert_uint_eq (fw_xlsx_reader_get_n_skipped (reader), row);
      if (progress > 0.2 && progress < 0.8)
        in_between = TRUE;
    }
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (row, n_rows);
  ck_assert (in_between);
  ck_assert (fw_xlsx_reader_get_progress (reader) == 1.0);
  remove_workbook (path);
}
END_TEST

/* The shared strings cap counts memory: an index entry per string, which
 * for empty strings is more than the XML they come from. */
START_TEST (test_shared_strings_memory)
{
  static const char *const sheet =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
  g_autoptr(GString) sst = g_string_new ("<sst>");
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = NULL;
  FwXlsxLimits limits = { 0 };

  g_string_append (sst, "<si><t>x</t></si>");
  for (guint i = 0; i < 1000; i++)
    g_string_append (sst, "<si/>");
  g_string_append (sst, "</sst>");
  path = write_workbook (sheet, sst->str);
  base = g_path_get_basename (path);

  /* Over the part's size, under what the table needs. */
  limits.max_shared_strings_size = sst->len + 1000;
  reader = fw_xlsx_reader_open_with_limits (path, NULL, &limits, &error);
  ck_assert_ptr_null (reader);
  assert_error (error, FW_XLSX_ERROR_TOO_LARGE, base,
                "part “xl/sharedStrings.xml”: the shared strings take more than the limit");
  g_clear_error (&error);

  limits.max_shared_strings_size = 1001 * sizeof (gpointer) + 2;
  reader = fw_xlsx_reader_open_with_limits (path, NULL, &limits, &error);
  ck_assert_msg (reader != NULL, "%s", error != NULL ? error->message : "");
  remove_workbook (path);
}
END_TEST

START_TEST (test_wide_row)
{
  g_autofree char *path = fixture ("wide.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = fw_xlsx_reader_open (path, NULL, &error);
  const char * const *fields;
  guint n_fields;

  ck_assert_msg (reader != NULL, "%s", error != NULL ? error->message : "");
  /* Column XFD is Excel's last: 16384 fields, the missing ones "". */
  ck_assert (fw_xlsx_reader_next (reader, &n_fields, &fields, &error));
  ck_assert_uint_eq (n_fields, 16384);
  ck_assert_str_eq (fields[0], "first");
  ck_assert_str_eq (fields[1], "");
  ck_assert_str_eq (fields[16382], "");
  ck_assert_str_eq (fields[16383], "last");
  /* One past it is refused, naming the cell; and again on the next call. */
  ck_assert (!fw_xlsx_reader_next (reader, &n_fields, &fields, &error));
  assert_error (error, FW_XLSX_ERROR_TOO_LARGE, "wide.xlsx", "sheet “Sheet1”, cell XFE2: ");
  ck_assert_ptr_nonnull (strstr (error->message, "16384"));
  g_clear_error (&error);
  ck_assert (!fw_xlsx_reader_next (reader, &n_fields, &fields, &error));
  assert_error (error, FW_XLSX_ERROR_TOO_LARGE, "wide.xlsx", "cell XFE2");
}
END_TEST

/* Sheets */

START_TEST (test_list_sheets)
{
  g_autofree char *path = fixture ("sheets.xlsx");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = fw_xlsx_list_sheets (path, &error);
  static const char *const expected[] = { "Summary", "Responses", "Q&A", "MASS", "Maß", NULL };

  ck_assert_msg (names != NULL, "%s", error != NULL ? error->message : "");
  ck_assert (g_strv_equal ((const char * const *) names, expected));
}
END_TEST

START_TEST (test_sheet_name)
{
  g_autofree char *path = fixture ("sheets.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) first = fw_xlsx_reader_open (path, NULL, &error);
  g_autoptr(FwXlsxReader) named = fw_xlsx_reader_open (path, "q&A", &error);

  ck_assert_ptr_null (error);
  ck_assert_str_eq (fw_xlsx_reader_get_sheet_name (first), "Summary");
  /* The name as the workbook spells it, not as asked. */
  ck_assert_str_eq (fw_xlsx_reader_get_sheet_name (named), "Q&A");
}
END_TEST

START_TEST (test_no_such_sheet)
{
  g_autofree char *path = fixture ("sheets.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = fw_xlsx_reader_open (path, "Chart1", &error);

  /* A chart sheet has no cells: it is not there to read. */
  ck_assert_ptr_null (reader);
  assert_error (error, FW_XLSX_ERROR_NO_SUCH_SHEET, "sheets.xlsx", "“Chart1”");
  ck_assert_ptr_nonnull (strstr (error->message, "“Summary”, “Responses”, “Q&A”, “MASS”, “Maß”"));
}
END_TEST

/* Files that are not workbooks */

typedef struct
{
  const char  *file;
  FwXlsxError  code;
  const char  *part; /* in the message */
} ErrorCase;

static const ErrorCase not_xlsx_cases[] = {
  { "text.xlsx", FW_XLSX_ERROR_NOT_XLSX, "is a zip archive, and this is not one" },
  { "legacy.xls", FW_XLSX_ERROR_NOT_XLSX, "Excel 97–2003 workbook (.xls)" },
  { "plain.zip", FW_XLSX_ERROR_NOT_XLSX, "no workbook" },
  { "document.docx", FW_XLSX_ERROR_NOT_XLSX, "not an Excel workbook" },
  { "missing.xlsx", FW_XLSX_ERROR_IO, "Could not open missing.xlsx" },
  { "", FW_XLSX_ERROR_IO, "Could not open xlsx" }, /* the fixture folder itself */
};

START_TEST (test_not_xlsx)
{
  const ErrorCase *c = &not_xlsx_cases[_i];
  g_autofree char *path = fixture (c->file);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwXlsxReader) reader = fw_xlsx_reader_open (path, NULL, &error);
  g_auto(GStrv) names = NULL;

  ck_assert_ptr_null (reader);
  assert_error (error, c->code, base, c->part);
  g_clear_error (&error);
  names = fw_xlsx_list_sheets (path, &error);
  ck_assert_ptr_null (names);
  assert_error (error, c->code, base, c->part);
}
END_TEST

/* Hostile files */

static const ErrorCase unsafe_cases[] = {
  /* <!ENTITY xxe SYSTEM "file:///etc/passwd"> in the sheet */
  { "xxe.xlsx", FW_XLSX_ERROR_UNSAFE_XML, "sheet “Sheet1”" },
  /* a billion laughs in the shared strings */
  { "laughs.xlsx", FW_XLSX_ERROR_UNSAFE_XML, "xl/sharedStrings.xml" },
  /* an external parameter entity over the network, in the workbook */
  { "remote-dtd.xlsx", FW_XLSX_ERROR_UNSAFE_XML, "xl/workbook.xml" },
};

START_TEST (test_unsafe_xml)
{
  const ErrorCase *c = &unsafe_cases[_i];
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *dump = dump_sheet (c->file, NULL, NULL, &error);

  /* Refused when opened, before a single row, and at once. */
  ck_assert_str_eq (dump, "");
  assert_error (error, c->code, c->file, c->part);
  ck_assert_ptr_nonnull (strstr (error->message, "DOCTYPE"));
  ck_assert_ptr_null (strstr (error->message, "root:"));
  ck_assert_ptr_null (strstr (error->message, "lollol"));
  ck_assert_int_lt (g_get_monotonic_time () - start, G_USEC_PER_SEC);
}
END_TEST

/* Limits: zip bombs, sizes, columns.  Each case changes some limits from
 * the defaults (0 keeps the default). */

typedef struct
{
  const char  *file;
  guint64      max_sheet_size;
  guint64      max_shared_strings_size;
  guint64      ratio_min_size;
  guint        max_columns;
  gsize        max_field_size;
  gsize        max_record_size;
  FwXlsxError  code;       /* -1: no error */
  const char  *part;       /* in the message */
  const char  *dump;       /* the rows before the error */
} LimitCase;

#define NO_ERROR ((FwXlsxError) -1)
#define NO_RATIO     (G_GUINT64_CONSTANT (1) << 40)

static const LimitCase limit_cases[] = {
  /* 12 MiB of blanks in 12 KiB, honest headers: the ratio rule refuses it
   * before inflating a byte. */
  { "bomb.xlsx", 0, 0, 0, 0, 0, 0, FW_XLSX_ERROR_TOO_LARGE, "zip bomb", "" },
  /* The same with a size cap under it and the ratio rule out of the way. */
  { "bomb.xlsx", 1 << 20, 0, NO_RATIO, 0, 0, 0, FW_XLSX_ERROR_TOO_LARGE,
    "more than the limit of 1.0", "" },
  /* The ratio rule is only for big parts: 12 MiB is fine under a 64 MiB floor. */
  { "bomb.xlsx", 0, 0, 64 << 20, 0, 0, 0, NO_ERROR, NULL, "1:x\n" },
  /* Headers that claim 4 KiB: only the bytes really inflated tell. */
  { "bomb-lying.xlsx", 0, 0, 0, 0, 0, 0, FW_XLSX_ERROR_TOO_LARGE, "zip bomb", "1:x\n" },
  { "bomb-lying.xlsx", 1 << 20, 0, NO_RATIO, 0, 0, 0, FW_XLSX_ERROR_TOO_LARGE,
    "more than the limit of 1.0", "1:x\n" },
  /* The shared strings table is kept in memory, so it has its own cap. */
  { "strings.xlsx", 0, 64, 0, 0, 0, 0, FW_XLSX_ERROR_TOO_LARGE,
    "part “xl/sharedStrings.xml”: the data unpacks to", "" },
  /* One shared string too long. */
  { "strings.xlsx", 0, 0, 0, 0, 8, 0, FW_XLSX_ERROR_TOO_LARGE, "shared string 1 ", "" },
  /* One cell too long, one row too long, one column too many. */
  { "sparse.xlsx", 0, 0, 0, 0, 6, 0, FW_XLSX_ERROR_TOO_LARGE, "sheet “Sheet1”, cell D8: ",
    "1:a|||d\n5:|b\n6:x|y\n" },
  { "sparse.xlsx", 0, 0, 0, 0, 0, 4, FW_XLSX_ERROR_TOO_LARGE, "sheet “Sheet1”, cell D8: ",
    "1:a|||d\n5:|b\n6:x|y\n" },
  { "sparse.xlsx", 0, 0, 0, 3, 0, 0, FW_XLSX_ERROR_TOO_LARGE, "cell D1: the row has more than 3",
    "" },
  /* Limits that are not reached change nothing. */
  { "sparse.xlsx", 4096, 1, 1, 4, 7, 16, NO_ERROR, NULL, "1:a|||d\n5:|b\n6:x|y\n8:||c|after C\n" },
};

START_TEST (test_limits)
{
  const LimitCase *c = &limit_cases[_i];
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  FwXlsxLimits limits = { 0 };
  gint64 start = g_get_monotonic_time ();

  limits.max_sheet_size = c->max_sheet_size;
  limits.max_shared_strings_size = c->max_shared_strings_size;
  limits.ratio_min_size = c->ratio_min_size;
  limits.max_columns = c->max_columns;
  limits.max_field_size = c->max_field_size;
  limits.max_record_size = c->max_record_size;
  dump = dump_sheet (c->file, NULL, &limits, &error);

  if (c->code == NO_ERROR)
    ck_assert_msg (error == NULL, "%s", error->message);
  else
    assert_error (error, c->code, c->file, c->part);
  ck_assert_str_eq (dump, c->dump);
  ck_assert_int_lt (g_get_monotonic_time () - start, 5 * G_USEC_PER_SEC);
}
END_TEST

/* Damaged workbooks: clear errors, naming the cell where there is one, after
 * the good rows before it. */

static const LimitCase damaged_cases[] = {
  { "truncated.xlsx", 0, 0, 0, 0, 0, 0, FW_XLSX_ERROR_DAMAGED, "sheet “Sheet1”: the XML is damaged at line 2 ",
    "1:a\n" },
  { "bad-index.xlsx", 0, 0, 0, 0, 0, 0, FW_XLSX_ERROR_DAMAGED,
    "sheet “Data”, cell B2: the shared string “5” is not in the table of 1 strings", "1:only\n" },
  { "bad-number.xlsx", 0, 0, 0, 0, 0, 0, FW_XLSX_ERROR_DAMAGED,
    "sheet “Data”, cell C3: “12abc” is not a number", "" },
  { "corrupt.xlsx", 0, 0, 0, 0, 0, 0, FW_XLSX_ERROR_DAMAGED, "sheet “Sheet1”: the zip archive",
    "" },
};

START_TEST (test_damaged)
{
  const LimitCase *c = &damaged_cases[_i];
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = dump_sheet (c->file, NULL, NULL, &error);

  assert_error (error, c->code, c->file, c->part);
  ck_assert_str_eq (dump, c->dump);
}
END_TEST

static Suite *
xlsx_suite (void)
{
  Suite *suite = suite_create ("xlsx");
  TCase *tc;

  tc = tcase_create ("values");
  tcase_add_loop_test (tc, test_values, 0, G_N_ELEMENTS (dump_cases));
  tcase_add_test (tc, test_date_cells);
  tcase_add_loop_test (tc, test_serial_dates, 0, G_N_ELEMENTS (serial_cases));
  tcase_add_test (tc, test_record_numbers);
  tcase_add_test (tc, test_wide_row);
  tcase_add_test (tc, test_many_rows);
  tcase_add_test (tc, test_shared_strings_memory);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("sheets");
  tcase_add_test (tc, test_list_sheets);
  tcase_add_test (tc, test_sheet_name);
  tcase_add_test (tc, test_no_such_sheet);
  suite_add_tcase (suite, tc);

  tc = tcase_create ("errors");
  tcase_add_loop_test (tc, test_not_xlsx, 0, G_N_ELEMENTS (not_xlsx_cases));
  tcase_add_loop_test (tc, test_unsafe_xml, 0, G_N_ELEMENTS (unsafe_cases));
  tcase_add_loop_test (tc, test_limits, 0, G_N_ELEMENTS (limit_cases));
  tcase_add_loop_test (tc, test_damaged, 0, G_N_ELEMENTS (damaged_cases));
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  SRunner *runner = srunner_create (xlsx_suite ());
  int failed;

  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
