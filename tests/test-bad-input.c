/* test-bad-input.c: files the importer must refuse, and how it must say so
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row of the table is one bad input, made by the test in a temporary
 * directory: a CSV or TSV from its bytes, a workbook built with libzip
 * around a sheet's XML, or a zip that is no workbook.  Each goes through
 * fw_import_file() into a fresh store and must fail with the error of its
 * row, with a message that names what is wrong and where, and leave the
 * store without a batch and without a response.
 */

#include "config.h"

#include <check.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fw-csv.h"
#include "fw-import.h"
#include "fw-store.h"
#include "fw-values.h"
#include "fw-xlsx.h"

/* How often a case's filler record follows its content: enough that one bad
 * date leaves the date column over 95% dates. */
#define FILLER_RECORDS 30

typedef enum
{
  SOURCE_TEXT, /* the content, as it is */
  SOURCE_XLSX, /* the content is the XML of the one sheet of a workbook */
  SOURCE_ZIP,  /* the content is the one entry of a zip that is no workbook */
} Source;

typedef struct
{
  const char   *name;
  const char   *file;         /* the file's name, with its extension */
  Source        source;
  const char   *content;
  gsize         length;       /* of content when it holds NUL bytes; 0: strlen */
  const char   *filler;       /* a good record, appended FILLER_RECORDS times */
  void        (*generate) (GString *out); /* instead of content, for big files */
  const char   *sheet;        /* the sheet to import */
  const char   *score_column; /* --map score=... */
  const char   *date_column;  /* --map date=... */
  FwDateOrder   date_order;   /* --date-order */
  const char   *date;         /* --date */
  gboolean      twice;        /* imported once, successfully, before */
  GQuark      (*domain) (void);
  int           code;
  const char   *expect[4];    /* in the message */
  guint64       record;       /* of the first rejected record; 0: none */
  const char   *column;       /* its column */
} BadCase;

/* Generators */

#define BIG_FIELD (FW_CSV_DEFAULT_MAX_FIELD_SIZE + 1)

static void
generate_long_field (GString *out)
{
  g_string_append (out, "Date,How likely are you to recommend us?,Comment\n2024-01-05,9,");
  for (gsize i = 0; i < BIG_FIELD; i++)
    g_string_append_c (out, 'x');
  g_string_append (out, "\n2024-01-06,8,ok\n");
}

static void
generate_long_quoted_field (GString *out)
{
  g_string_append (out, "Date,How likely are you to recommend us?,Comment\n"
                        "2024-01-05,9,ok\n2024-01-06,8,\"");
  for (gsize i = 0; i < BIG_FIELD; i++)
    g_string_append_c (out, 'y');
  g_string_append (out, "\"\n");
}

static void
generate_long_record (GString *out)
{
  gsize field = FW_CSV_DEFAULT_MAX_FIELD_SIZE - 1;

  g_string_append (out, "Date,How likely are you to recommend us?,A,B,C,D,E\n2024-01-05,9");
  for (guint f = 0; f * field <= FW_CSV_DEFAULT_MAX_RECORD_SIZE; f++)
    {
      g_string_append_c (out, ',');
      for (gsize i = 0; i < field; i++)
        g_string_append_c (out, 'w');
    }
  g_string_append_c (out, '\n');
}

static void
generate_many_columns (GString *out)
{
  g_string_append (out, "Date,How likely are you to recommend us?\n2024-01-05,9\n2024-01-06,8");
  for (guint i = 0; i < FW_CSV_DEFAULT_MAX_COLUMNS; i++)
    g_string_append (out, ",x");
  g_string_append_c (out, '\n');
}

#define XLSX_SHEET_START \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
#define XLSX_SHEET_END "</sheetData></worksheet>"
#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define NUM(ref, value) "<c r=\"" ref "\"><v>" value "</v></c>"
#define XLSX_HEADER \
  "<row r=\"1\">" IS ("A1", "Date") IS ("B1", "How likely are you to recommend us?") \
  IS ("C1", "Comment") "</row>"
#define XLSX_GOOD_ROW_2 \
  "<row r=\"2\">" IS ("A2", "2024-01-05") NUM ("B2", "9") IS ("C2", "fine") "</row>"

static void
generate_xlsx_long_cell (GString *out)
{
  g_string_append (out, XLSX_SHEET_START XLSX_HEADER XLSX_GOOD_ROW_2
                   "<row r=\"3\">" IS ("A3", "2024-01-06") NUM ("B3", "8")
                   "<c r=\"C3\" t=\"inlineStr\"><is><t>");
  for (gsize i = 0; i < FW_XLSX_DEFAULT_MAX_FIELD_SIZE + 1; i++)
    g_string_append_c (out, 'z');
  g_string_append (out, "</t></is></c></row>" XLSX_SHEET_END);
}

/* The cases */

#define HEADER "Date,How likely are you to recommend us?,Comment\n"
#define INVALID .domain = fw_import_error_quark, .code = FW_IMPORT_ERROR_INVALID_RECORDS
#define CSV(c) .domain = fw_csv_error_quark, .code = FW_CSV_ERROR_##c
#define XLSX(c) .domain = fw_xlsx_error_quark, .code = FW_XLSX_ERROR_##c
#define IMP(c) .domain = fw_import_error_quark, .code = FW_IMPORT_ERROR_##c
#define OLE2 "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0>\0\3\0\xFE\xFF"

static const BadCase cases[] = {
  /* Scores */
  { "score 11", "eleven.csv", SOURCE_TEXT, HEADER "2024-01-05,11,great\n",
    .filler = "2024-01-06,9,fine\n", INVALID,
    .expect = { "eleven.csv", "Record 2", "“How likely are you to recommend us?”",
                "“11” is not a whole number from 0 to 10" },
    .record = 2, .column = "How likely are you to recommend us?" },
  { "score elf", "elf.csv", SOURCE_TEXT, HEADER "2024-01-06,9,fine\n2024-01-05,elf,Dutch\n",
    .filler = "2024-01-06,9,fine\n", INVALID,
    .expect = { "elf.csv", "Record 3", "“elf” is not a whole number from 0 to 10" },
    .record = 3, .column = "How likely are you to recommend us?" },
  { "score 9.5", "half.csv", SOURCE_TEXT, HEADER "2024-01-05,9.5,between\n",
    .filler = "2024-01-06,7,fine\n", INVALID,
    .expect = { "half.csv", "Record 2", "“9.5” is not a whole number" },
    .record = 2, .column = "How likely are you to recommend us?" },
  { "score -1", "minus.csv", SOURCE_TEXT, HEADER "2024-01-05,-1,below\n",
    .filler = "2024-01-06,7,fine\n", INVALID,
    .expect = { "minus.csv", "Record 2", "“-1” is not a whole number from 0 to 10" },
    .record = 2, .column = "How likely are you to recommend us?" },
  { "score 9-10", "range.csv", SOURCE_TEXT, HEADER "2024-01-05,9-10,a range\n",
    .filler = "2024-01-06,7,fine\n", INVALID,
    .expect = { "range.csv", "Record 2", "“9-10” is not a whole number" },
    .record = 2, .column = "How likely are you to recommend us?" },
  { "three bad scores", "three.csv", SOURCE_TEXT,
    HEADER "2024-01-05,8,ok\n2024-01-05,12,a\n2024-01-05,x,b\n2024-01-05,100,c\n",
    .filler = "2024-01-06,7,fine\n", INVALID,
    .expect = { "three.csv: 3 records cannot be imported, so nothing was imported",
                "The first is record 3", "“12” is not a whole number" },
    .record = 3, .column = "How likely are you to recommend us?" },

  /* Dates */
  { "31 February", "feb31.csv", SOURCE_TEXT, HEADER "31/02/2024,9,leap\n",
    .filler = "25/01/2024,8,fine\n", INVALID,
    .expect = { "feb31.csv", "Record 2", "column “Date”", "“31/02/2024” is not a date" },
    .record = 2, .column = "Date" },
  { "month 13", "month13.csv", SOURCE_TEXT, HEADER "2024-13-01,9,later\n",
    .filler = "2024-01-25,8,fine\n", INVALID,
    .expect = { "month13.csv", "Record 2", "column “Date”", "“2024-13-01” is not a date" },
    .record = 2, .column = "Date" },
  { "score with a word for a date", "soon.csv", SOURCE_TEXT, HEADER "soon,9,hm\n",
    .filler = "2024-01-25,8,fine\n", INVALID,
    .expect = { "soon.csv", "Record 2", "column “Date”", "“soon” is not a date" },
    .record = 2, .column = "Date" },
  { "score without a date", "nodate-row.csv", SOURCE_TEXT, HEADER "2024-01-25,8,fine\n,9,hm\n",
    .filler = "2024-01-25,8,fine\n", INVALID,
    .expect = { "nodate-row.csv", "Record 3", "column “Date”",
                "the answer has a score but no date" },
    .record = 3, .column = "Date" },
  { "month 13 in a month-day file", "mdy.csv", SOURCE_TEXT, HEADER "13/13/2024,9,x\n",
    .filler = "01/25/2024,8,fine\n", INVALID,
    .expect = { "mdy.csv", "Record 2", "column “Date”", "“13/13/2024” is not a date" },
    .record = 2, .column = "Date" },
  { "date order given wrongly", "forced.csv", SOURCE_TEXT, HEADER "1/13/2024,9,x\n",
    .filler = "1/12/2024,8,fine\n", .date_order = FW_DATE_ORDER_DMY, INVALID,
    .expect = { "forced.csv", "Record 2", "“1/13/2024” is not a date in day-month-year order" },
    .record = 2, .column = "Date" },
  { "ambiguous day-month column", "either.csv", SOURCE_TEXT, HEADER "3/4/2024,9,x\n",
    .filler = "5/6/2024,8,fine\n", IMP (DATE_ORDER),
    .expect = { "either.csv, column “Date”", "“3/4/2024” could be day before month",
                "--date-order" } },
  { "contradicting dates", "contradict.csv", SOURCE_TEXT,
    HEADER "13/1/2024,9,x\n1/13/2024,8,y\n", .filler = "5/5/2024,8,fine\n",
    IMP (DATE_ORDER),
    .expect = { "contradict.csv, column “Date”", "contradict each other", "“13/1/2024”",
                "--date-order" } },
  { "no date column", "undated.csv", SOURCE_TEXT,
    "How likely are you to recommend us?,Comment\n9,fine\n", .filler = "8,ok\n",
    IMP (NO_DATE), .expect = { "undated.csv has no date column", "--date YYYY-MM-DD" } },
  { "given date 30 February", "undated.csv", SOURCE_TEXT,
    "How likely are you to recommend us?,Comment\n9,fine\n", .filler = "8,ok\n",
    .date = "2024-02-30", IMP (INVALID_OPTION),
    .expect = { "“2024-02-30” is not a day in the form YYYY-MM-DD" } },
  { "given date day first", "undated.csv", SOURCE_TEXT,
    "How likely are you to recommend us?,Comment\n9,fine\n", .filler = "8,ok\n",
    .date = "15/01/2024", IMP (INVALID_OPTION),
    .expect = { "“15/01/2024” is not a day in the form YYYY-MM-DD" } },

  /* Columns */
  { "no 0-10 column", "stars.csv", SOURCE_TEXT,
    "Date,Stars (1-5),Comment\n2024-01-05,4,ok\n2024-01-05,5,good\n",
    .filler = "2024-01-06,3,meh\n", IMP (NO_SCORE),
    .expect = { "stars.csv has no column of scores from 0 to 10", "--score-column" } },
  { "two score columns", "two.csv", SOURCE_TEXT,
    "Date,Would you recommend our shop?,Would you recommend our website?\n"
    "2024-01-05,9,3\n2024-01-05,2,10\n",
    .filler = "2024-01-06,7,8\n", IMP (AMBIGUOUS_SCORE),
    .expect = { "two.csv: more than one column could hold the 0-10 score",
                "“Would you recommend our shop?” (#2)",
                "“Would you recommend our website?” (#3)",
                "--score-column" } },
  { "unknown column asked for", "asked.csv", SOURCE_TEXT, HEADER "2024-01-05,9,fine\n",
    .score_column = "Loyalty", IMP (NO_SUCH_COLUMN),
    .expect = { "There is no column “Loyalty” for the score" } },
  { "column number past the last", "asked.csv", SOURCE_TEXT, HEADER "2024-01-05,9,fine\n",
    .score_column = "#4", IMP (NO_SUCH_COLUMN),
    .expect = { "There is no column “#4” for the score" } },

  /* Nothing to import */
  { "empty file", "empty.csv", SOURCE_TEXT, "", IMP (EMPTY),
    .expect = { "empty.csv is empty: it has no header and no answers" } },
  { "only blank lines", "blank.csv", SOURCE_TEXT, "\n\r\n\n\r\r\n", IMP (EMPTY),
    .expect = { "blank.csv is empty" } },
  { "only delimiters", "commas.csv", SOURCE_TEXT, ",,,\n,,\n,\r\n", IMP (EMPTY),
    .expect = { "commas.csv is empty" } },
  { "header only", "bare.csv", SOURCE_TEXT, HEADER, IMP (EMPTY),
    .expect = { "bare.csv has no answers to import", "headers but no records" } },
  { "header only, score column named", "header.csv", SOURCE_TEXT, HEADER,
    .score_column = "How likely are you to recommend us?", .date = "2024-01-05",
    IMP (EMPTY),
    .expect = { "header.csv has no answers to import",
                "no record has a score in column “How likely are you to recommend us?”" } },
  { "only non-answers", "na.csv", SOURCE_TEXT, HEADER "2024-01-05,N/A,x\n",
    .filler = "2024-01-05,,nothing\n",
    .score_column = "How likely are you to recommend us?", IMP (EMPTY),
    .expect = { "na.csv has no answers to import", "column “How likely" } },

  /* Text that is not text */
  { "NUL byte", "nul.csv", SOURCE_TEXT, HEADER "2024-01-05,9,fi\0ne\n",
    .length = sizeof HEADER "2024-01-05,9,fi\0ne\n" - 1, CSV (NOT_TEXT),
    .expect = { "nul.csv, line 2", "NUL byte", "not a text file" } },
  { "UTF-16 without BOM", "utf16.csv", SOURCE_TEXT,
    "D\0a\0t\0e\0,\0S\0c\0o\0r\0e\0\n\0" "2\0" "0\0" "2\0" "4\0-\0" "0\0" "1\0-\0" "0\0" "5\0,\0"
    "9\0\n\0", .length = 48, CSV (NOT_TEXT),
    .expect = { "utf16.csv, line 1", "UTF-16 without a byte order mark" } },
  { "invalid UTF-8 after a UTF-8 BOM", "bom.csv", SOURCE_TEXT,
    "\xEF\xBB\xBF" HEADER "2024-01-05,9,fine\n2024-01-06,8,caf\xE9\n", CSV (ENCODING),
    .expect = { "bom.csv, line 3", "UTF-8 byte order mark", "not valid UTF-8" } },
  { "unterminated quote", "quote.csv", SOURCE_TEXT,
    HEADER "2024-01-05,9,fine\n2024-01-06,8,\"never closed\n2024-01-07,7,ok\n",
    CSV (UNTERMINATED_QUOTE),
    .expect = { "quote.csv, record 3", "column 3 (“Comment”)",
                "the quote that opens on line 3 is never closed" } },
  { "field over the size limit", "long.csv", SOURCE_TEXT, .generate = generate_long_field,
    CSV (FIELD_TOO_LONG),
    .expect = { "long.csv, record 2 (line 2)", "column 3 (“Comment”)",
                "the field is longer than 16.0" } },
  { "quoted field over the size limit", "longq.csv", SOURCE_TEXT,
    .generate = generate_long_quoted_field, CSV (FIELD_TOO_LONG),
    .expect = { "longq.csv, record 3", "column 3 (“Comment”)",
                "the quoted field that starts on line 3 is longer than 16.0",
                "closing quote missing" } },
  { "record over the size limit", "huge-record.csv", SOURCE_TEXT,
    .generate = generate_long_record, CSV (RECORD_TOO_LONG),
    .expect = { "huge-record.csv, record 2 (line 2)", "the record is longer than 64.0" } },
  { "too many columns", "wide.csv", SOURCE_TEXT, .generate = generate_many_columns,
    CSV (TOO_MANY_COLUMNS),
    .expect = { "wide.csv, record 3 (line 3)", "more than 100000 columns" } },

  /* Workbooks that are not */
  { "old Excel file named .xlsx", "old.xlsx", SOURCE_TEXT, OLE2, .length = sizeof OLE2 - 1,
    XLSX (NOT_XLSX), .expect = { "old.xlsx is an Excel 97–2003 workbook (.xls)",
                                 "save it as an .xlsx workbook" } },
  { "zip header, then nothing", "cut.xlsx", SOURCE_TEXT, "PK\3\4\x14\0\0\0\x08\0cut short",
    .length = 19, XLSX (NOT_XLSX), .expect = { "cut.xlsx is not an Excel workbook" } },
  { "zip that is not a workbook", "notes.xlsx", SOURCE_ZIP, "Meeting notes, not answers.\n",
    XLSX (NOT_XLSX),
    .expect = { "notes.xlsx is a zip archive but not an Excel workbook",
                "it has no workbook part" } },
  { "workbook with a DOCTYPE", "xxe.xlsx", SOURCE_XLSX,
    "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "
    "\"file:///etc/passwd\">]>" XLSX_SHEET_START XLSX_HEADER
    "<row r=\"2\">" IS ("A2", "2024-01-05") NUM ("B2", "9") IS ("C2", "&xxe;") "</row>"
    XLSX_SHEET_END, XLSX (UNSAFE_XML),
    .expect = { "xxe.xlsx, sheet “Responses”", "DOCTYPE" } },
  { "sheet that does not exist", "sheets.xlsx", SOURCE_XLSX,
    XLSX_SHEET_START XLSX_HEADER XLSX_GOOD_ROW_2 XLSX_SHEET_END, .sheet = "Answers",
    XLSX (NO_SUCH_SHEET),
    .expect = { "sheets.xlsx has no sheet “Answers”", "its sheets are", "Responses" } },
  { "sheet asked of a text file", "text.csv", SOURCE_TEXT, HEADER "2024-01-05,9,fine\n",
    .sheet = "Responses", XLSX (NO_SUCH_SHEET),
    .expect = { "text.csv is a text file, not a workbook", "no sheet “Responses”" } },
  { "damaged sheet XML", "broken.xlsx", SOURCE_XLSX,
    XLSX_SHEET_START XLSX_HEADER "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>2024"
    "</row>" XLSX_SHEET_END, XLSX (DAMAGED),
    .expect = { "broken.xlsx, sheet “Responses”", "the XML is damaged" } },
  { "cell past column XFD", "xfe.xlsx", SOURCE_XLSX,
    XLSX_SHEET_START XLSX_HEADER XLSX_GOOD_ROW_2
    "<row r=\"3\">" NUM ("A3", "45300") NUM ("XFE3", "9") "</row>" XLSX_SHEET_END,
    XLSX (TOO_LARGE),
    .expect = { "xfe.xlsx, sheet “Responses”, cell XFE3", "more than 16384 columns" } },
  { "cell over the size limit", "bigcell.xlsx", SOURCE_XLSX,
    .generate = generate_xlsx_long_cell, XLSX (TOO_LARGE),
    .expect = { "bigcell.xlsx, sheet “Responses”, cell C3",
                "more than the limit of 1.0" } },
  { "score 11 in a workbook", "eleven.xlsx", SOURCE_XLSX,
    XLSX_SHEET_START XLSX_HEADER XLSX_GOOD_ROW_2
    "<row r=\"3\">" IS ("A3", "2024-01-06") NUM ("B3", "11") IS ("C3", "x") "</row>"
    "<row r=\"4\">" IS ("A4", "2024-01-07") NUM ("B4", "7") IS ("C4", "y") "</row>"
    XLSX_SHEET_END, INVALID,
    .expect = { "eleven.xlsx", "Record 3", "“11” is not a whole number from 0 to 10" },
    .record = 3, .column = "How likely are you to recommend us?" },

  /* Spend */
  { "spend in words", "spend.csv", SOURCE_TEXT,
    "Date,How likely are you to recommend us?,Order amount\n2024-01-05,9,twelve euros\n",
    .filler = "2024-01-06,8,€ 12.50\n", INVALID,
    .expect = { "spend.csv", "Record 2", "column “Order amount”",
                "“twelve euros” is not an amount of money" },
    .record = 2, .column = "Order amount" },
  { "spend too large", "huge.csv", SOURCE_TEXT,
    "Date,How likely are you to recommend us?,Order amount\n"
    "2024-01-05,9,12345678901234567890\n",
    .filler = "2024-01-06,8,12.50\n", INVALID,
    .expect = { "huge.csv", "Record 2", "column “Order amount”", "is too large an amount" },
    .record = 2, .column = "Order amount" },

  /* Vendor layouts */
  { "Qualtrics previews only", "preview.csv", SOURCE_TEXT,
    "StartDate,EndDate,Status,RecordedDate,ResponseId,Q1\n"
    "Start Date,End Date,Response Type,Recorded Date,Response ID,"
    "How likely are you to recommend us?\n"
    "{\"ImportId\":\"startDate\"},{\"ImportId\":\"endDate\"},{\"ImportId\":\"status\"},"
    "{\"ImportId\":\"recordedDate\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"}\n",
    .filler = "2024-01-05 10:00:00,2024-01-05 10:05:00,Survey Preview,2024-01-05 10:05:00,"
              "R_preview,9\n",
    .score_column = "Q1", .date_column = "RecordedDate", .date_order = FW_DATE_ORDER_YMD,
    IMP (EMPTY),
    .expect = { "preview.csv has no answers to import", "column “Q1”" } },

  /* The same file again */
  { "imported twice", "again.csv", SOURCE_TEXT, HEADER "2024-01-05,9,fine\n",
    .filler = "2024-01-06,3,poor\n", .twice = TRUE, IMP (ALREADY_IMPORTED),
    .expect = { "again.csv was imported before, on", "(as “again.csv”)",
                "not imported twice" } },
};

/* Writing the inputs */

static void
write_zip (const char  *path,
           const char **names,
           const char **parts,
           const gsize *lengths,
           guint        n)
{
  zip_t *zip;
  int code = 0;

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  ck_assert_msg (zip != NULL, "zip_open: %d", code);
  for (guint i = 0; i < n; i++)
    {
      zip_source_t *source = zip_source_buffer (zip, parts[i], lengths[i], 0);

      ck_assert_ptr_nonnull (source);
      ck_assert_int_ge (zip_file_add (zip, names[i], source, ZIP_FL_ENC_UTF_8), 0);
    }
  ck_assert_int_eq (zip_close (zip), 0);
}

/* A workbook of one sheet, "Responses", whose XML is @sheet. */
static void
write_workbook (const char *path,
                const char *sheet,
                gsize       length)
{
  static const char *rels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"xl/workbook.xml\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\"/></Relationships>";
  static const char *workbook =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Responses\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  static const char *workbook_rels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/worksheet\"/></Relationships>";
  const char *names[] = {
    "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
  };
  const char *parts[] = { rels, workbook, workbook_rels, sheet };
  gsize lengths[] = { strlen (rels), strlen (workbook), strlen (workbook_rels), length };

  write_zip (path, names, parts, lengths, G_N_ELEMENTS (names));
}

static void
write_input (const BadCase *c,
             const char    *path)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (c->generate != NULL)
    c->generate (data);
  else
    g_string_append_len (data, c->content, c->length > 0 ? (gssize) c->length
                                                         : (gssize) strlen (c->content));
  for (guint i = 0; c->filler != NULL && i < FILLER_RECORDS; i++)
    g_string_append (data, c->filler);

  switch (c->source)
    {
    case SOURCE_TEXT:
      ck_assert_msg (g_file_set_contents (path, data->str, data->len, &error), "%s",
                     error != NULL ? error->message : "");
      break;
    case SOURCE_XLSX:
      write_workbook (path, data->str, data->len);
      break;
    case SOURCE_ZIP:
      {
        const char *names[] = { "notes.txt" };
        const char *parts[] = { data->str };
        gsize lengths[] = { data->len };

        write_zip (path, names, parts, lengths, 1);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The test */

static void
assert_store_empty (FwStore *store,
                    gint64   batches,
                    gint64   responses)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  ck_assert_int_eq (fw_store_count_batches (store, &error), batches);
  ck_assert_ptr_null (error);
  for (FwKind kind = FW_KIND_CUSTOMER; kind <= FW_KIND_EMPLOYEE; kind++)
    {
      FwScore score;

      ck_assert (fw_store_get_overall (store, kind, 0, &score, &error));
      n += score.tally.n;
    }
  ck_assert_int_eq (n, responses);
}

static void
remove_tree (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  ck_assert_int_eq (system (command), 0);
}

START_TEST (test_bad_input)
{
  const BadCase *c = &cases[_i];
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fw-bad-input-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  g_autoptr(FwStore) store = NULL;
  g_autoptr(FwImportResult) result = NULL;
  FwImportOptions options;
  gint64 before = 0;
  gboolean ok;

  ck_assert_msg (dir != NULL, "%s", error != NULL ? error->message : "");
  db = g_build_filename (dir, "flywheel.db", NULL);
  path = g_build_filename (dir, c->file, NULL);
  store = fw_store_open (db, &error);
  ck_assert_msg (store != NULL, "%s", error != NULL ? error->message : "");
  write_input (c, path);

  fw_import_options_init (&options);
  options.sheet_name = c->sheet;
  options.columns[FW_ROLE_SCORE] = c->score_column;
  options.columns[FW_ROLE_DATE] = c->date_column;
  options.date_order = c->date_order;
  options.date = c->date;

  if (c->twice)
    {
      g_autoptr(FwImportResult) first = fw_import_result_new ();

      ok = fw_import_file (store, path, &options, NULL, NULL, NULL, first, &error);
      ck_assert_msg (ok, "%s: the first import failed: %s", c->name,
                     error != NULL ? error->message : "");
      before = first->n_imported;
      ck_assert_int_gt (before, 0);
    }

  result = fw_import_result_new ();
  ok = fw_import_file (store, path, &options, NULL, NULL, NULL, result, &error);
  ck_assert_msg (!ok, "%s: %s was imported (%" G_GUINT64_FORMAT " records)", c->name, c->file,
                 result->n_imported);
  ck_assert_msg (error != NULL, "%s: failed without an error", c->name);
  ck_assert_msg (error->domain == c->domain () && error->code == c->code,
                 "%s: expected %s %d, got %s %d: %s", c->name, g_quark_to_string (c->domain ()),
                 c->code, g_quark_to_string (error->domain), error->code, error->message);
  for (guint i = 0; i < G_N_ELEMENTS (c->expect) && c->expect[i] != NULL; i++)
    ck_assert_msg (strstr (error->message, c->expect[i]) != NULL,
                   "%s: “%s” does not say “%s”", c->name, error->message, c->expect[i]);
  /* The file by its name, never by the temporary directory it is in. */
  ck_assert_msg (strstr (error->message, dir) == NULL, "%s: “%s” has the path in it", c->name,
                 error->message);

  if (c->twice)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      ck_assert_msg (strstr (error->message, today) != NULL, "%s: “%s” does not say when",
                     c->name, error->message);
    }

  if (c->record > 0)
    {
      FwImportProblem *problem;

      ck_assert_uint_ge (result->problems->len, 1);
      problem = g_ptr_array_index (result->problems, 0);
      ck_assert_uint_eq (problem->record, c->record);
      ck_assert_str_eq (problem->column, c->column);
      ck_assert_uint_eq (result->n_imported, 0);
      ck_assert_uint_eq (result->batch_id, 0);
    }

  assert_store_empty (store, c->twice ? 1 : 0, before);

  g_clear_object (&store);
  remove_tree (dir);
}
END_TEST

static Suite *
bad_input_suite (void)
{
  Suite *s = suite_create ("bad-input");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 240);
  tcase_add_loop_test (tc, test_bad_input, 0, G_N_ELEMENTS (cases));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (bad_input_suite ());
  int failed;

  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
