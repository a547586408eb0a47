/* test-limits.c: inputs made to exhaust memory or time, refused within bounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 200 MB field, a million columns, zip bombs, an external entity and a
 * billion laughs: each must be refused with a message that says what and
 * where, while the process stays under MAX_MEMORY more than it used before
 * and the case under MAX_SECONDS.  Nothing big is kept in the tree or in
 * memory: a CSV comes from a stream that makes its bytes as they are read,
 * and a workbook is written as a zip whose deflate stream repeats one
 * compressed megabyte, which is how zip bombs are made.
 *
 * The peak is the kernel's high-water mark of resident memory, reset before
 * each case through /proc/self/clear_refs, so that one case's peak does not
 * hide the next one's.
 */

#include "config.h"

#include <check.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "fw-csv.h"
#include "fw-table.h"
#include "fw-xlsx.h"

#define MiB (G_GUINT64_CONSTANT (1) << 20)

/* Bounds on one case.  The time allows for a sanitizer build, which runs
 * these cases several times slower. */
#define MAX_MEMORY_KB (256 * 1024)
#define MAX_SECONDS   30

/* Measuring */

typedef struct
{
  gint64 start_us;
  glong  start_kb;
} Meter;

/* VmHWM from /proc/self/status; ru_maxrss where there is none. */
static glong
peak_kb (void)
{
  g_autofree char *status = NULL;
  struct rusage usage;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      && (line = strstr (status, "VmHWM:")) != NULL)
    return strtol (line + strlen ("VmHWM:"), NULL, 10);
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
meter_start (Meter *meter)
{
  FILE *clear;

  /* Memory the last case freed would otherwise be reused without showing. */
  malloc_trim (0);
  clear = fopen ("/proc/self/clear_refs", "w");
  /* "5" resets the high-water mark to what is resident now. */
  if (clear != NULL)
    {
      fputs ("5", clear);
      fclose (clear);
    }
  meter->start_kb = peak_kb ();
  meter->start_us = g_get_monotonic_time ();
}

static void
meter_check (const Meter *meter,
             const char  *name)
{
  double seconds = (g_get_monotonic_time () - meter->start_us) / (double) G_USEC_PER_SEC;
  glong grown = peak_kb () - meter->start_kb;

  /* In the test log, for whoever tunes the limits. */
  printf ("%-40s %6.2f s %7.1f MiB\n", name, seconds, grown / 1024.0);
  ck_assert_msg (grown < MAX_MEMORY_KB, "%s: the peak grew by %ld KiB", name, grown);
  ck_assert_msg (seconds < MAX_SECONDS, "%s: took %.1f s", name, seconds);
}

static void
assert_message (const GError       *error,
                const char         *name,
                GQuark              domain,
                int                 code,
                const char * const *expect,
                guint               n_expect)
{
  ck_assert_msg (error != NULL, "%s: read to the end without an error", name);
  printf ("  %s\n", error->message);
  ck_assert_msg (error->domain == domain && error->code == code,
                 "%s: expected %s %d, got %s %d: %s", name, g_quark_to_string (domain), code,
                 g_quark_to_string (error->domain), error->code, error->message);
  for (guint i = 0; i < n_expect && expect[i] != NULL; i++)
    ck_assert_msg (strstr (error->message, expect[i]) != NULL, "%s: “%s” does not say “%s”",
                   name, error->message, expect[i]);
}

/* A stream of a head, a unit repeated, and a tail, made as it is read.  It
 * seeks, as a file does, so the CSV reader reads it in place. */

#define PATTERN_TYPE_STREAM (pattern_stream_get_type ())
G_DECLARE_FINAL_TYPE (PatternStream, pattern_stream, PATTERN, STREAM, GInputStream)

struct _PatternStream
{
  GInputStream parent_instance;

  GBytes      *head;
  GBytes      *tail;
  char        *tile;      /* the unit repeated, to copy from at any phase */
  gsize        unit_len;
  guint64      body_size; /* unit_len times the count */
  guint64      size;
  guint64      pos;
};

#define TILE_SIZE (64 * 1024)

static void pattern_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PatternStream, pattern_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE,
                                                      pattern_stream_seekable_init))

static gssize
pattern_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  PatternStream *self = PATTERN_STREAM (stream);
  gsize head_len, tail_len;
  const char *head = g_bytes_get_data (self->head, &head_len);
  const char *tail = g_bytes_get_data (self->tail, &tail_len);
  char *out = buffer;
  gsize done = 0;

  while (done < count && self->pos < self->size)
    {
      guint64 pos = self->pos;
      gsize n;

      if (pos < head_len)
        {
          n = MIN (count - done, head_len - pos);
          memcpy (out + done, head + pos, n);
        }
      else if (pos < head_len + self->body_size)
        {
          guint64 offset = pos - head_len;
          gsize phase = offset % self->unit_len;

          n = MIN (count - done, MIN (TILE_SIZE, self->body_size - offset));
          memcpy (out + done, self->tile + phase, n);
        }
      else
        {
          guint64 offset = pos - head_len - self->body_size;

          n = MIN (count - done, tail_len - offset);
          memcpy (out + done, tail + offset, n);
        }
      done += n;
      self->pos += n;
    }
  return done;
}

static goffset
pattern_stream_tell (GSeekable *seekable)
{
  return PATTERN_STREAM (seekable)->pos;
}

static gboolean
pattern_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
pattern_stream_seek (GSeekable     *seekable,
                     goffset        offset,
                     GSeekType      type,
                     GCancellable  *cancellable,
                     GError       **error)
{
  PatternStream *self = PATTERN_STREAM (seekable);
  gint64 base = type == G_SEEK_SET   ? 0
                : type == G_SEEK_CUR ? (gint64) self->pos
                                     : (gint64) self->size;

  if (base + offset < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "before the start");
      return FALSE;
    }
  self->pos = MIN ((guint64) (base + offset), self->size);
  return TRUE;
}

static gboolean
pattern_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
pattern_stream_truncate (GSeekable     *seekable,
                         goffset        offset,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "read-only");
  return FALSE;
}

static void
pattern_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = pattern_stream_tell;
  iface->can_seek = pattern_stream_can_seek;
  iface->seek = pattern_stream_seek;
  iface->can_truncate = pattern_stream_can_truncate;
  iface->truncate_fn = pattern_stream_truncate;
}

static void
pattern_stream_finalize (GObject *object)
{
  PatternStream *self = PATTERN_STREAM (object);

  g_bytes_unref (self->head);
  g_bytes_unref (self->tail);
  g_free (self->tile);
  G_OBJECT_CLASS (pattern_stream_parent_class)->finalize (object);
}

static void
pattern_stream_class_init (PatternStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pattern_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = pattern_stream_read;
}

static void
pattern_stream_init (PatternStream *self)
{
}

static GInputStream *
pattern_stream_new (const char *head,
                    gsize       head_len,
                    const char *unit,
                    gsize       unit_len,
                    guint64     count,
                    const char *tail,
                    gsize       tail_len)
{
  PatternStream *self = g_object_new (PATTERN_TYPE_STREAM, NULL);

  g_assert (unit_len > 0 && unit_len <= TILE_SIZE);
  self->head = g_bytes_new (head, head_len);
  self->tail = g_bytes_new (tail, tail_len);
  self->unit_len = unit_len;
  self->tile = g_malloc (TILE_SIZE + unit_len);
  for (gsize i = 0; i < TILE_SIZE + unit_len; i += unit_len)
    memcpy (self->tile + i, unit, MIN (unit_len, TILE_SIZE + unit_len - i));
  self->body_size = unit_len * count;
  self->size = head_len + self->body_size + tail_len;
  return G_INPUT_STREAM (self);
}

/* CSV and TSV */

typedef struct
{
  const char *name;
  const char *head;
  gsize       head_len; /* 0: strlen */
  const char *unit;
  gsize       unit_len; /* 0: strlen */
  guint64     count;
  const char *tail;
  gsize       tail_len; /* 0: strlen */
  FwCsvError  code;
  const char *expect[3];
} CsvCase;

/* g_format_size() puts a no-break space between a number and its unit. */
#define NBSP "\u00A0"

#define HEADER "Date,How likely are you to recommend us?,Comment\n"
#define UTF16(s) s "\0"

static const CsvCase csv_cases[] = {
  { "csv: 200 MB field", HEADER "2024-01-05,9,", 0, "x", 0, 200 * MiB, "\n", 0,
    FW_CSV_ERROR_FIELD_TOO_LONG,
    { "limits.csv, record 2 (line 2), column 3 (“Comment”)", "longer than 16.0" NBSP "MiB" } },
  { "csv: 200 MB quoted field", HEADER "2024-01-05,9,\"", 0, "y\n", 0, 100 * MiB, "\"\n", 0,
    FW_CSV_ERROR_FIELD_TOO_LONG,
    { "limits.csv, record 2, column 3 (“Comment”)", "starts on line 2",
      "longer than 16.0" NBSP "MiB; is a closing quote missing?" } },
  { "csv: 200 MB field in a header", "", 0, "Question ", 0, 200 * MiB / 9, "\n", 0,
    FW_CSV_ERROR_FIELD_TOO_LONG, { "record 1 (line 1), column 1", "longer than 16.0" NBSP "MiB" } },
  { "csv: 200 MB field, Windows-1252", "Naam,Opmerking\nZo\xEB,", 0, "\xE9", 0, 200 * MiB, "\n", 0,
    FW_CSV_ERROR_FIELD_TOO_LONG,
    { "record 2 (line 2), column 2 (“Opmerking”)", "longer than 16.0" NBSP "MiB" } },
  { "csv: 200 MB field, UTF-16",
    "\xFF\xFE" UTF16 ("a") UTF16 (",") UTF16 ("b") UTF16 ("\n") UTF16 ("1") UTF16 (","), 14,
    UTF16 ("z"), 2, 100 * MiB, UTF16 ("\n"), 2, FW_CSV_ERROR_FIELD_TOO_LONG,
    { "record 2 (line 2), column 2 (“b”)", "longer than 16.0" NBSP "MiB" } },
  { "csv: a million columns", "", 0, "Question,", 0, 1000 * 1000, "\n", 0,
    FW_CSV_ERROR_TOO_MANY_COLUMNS,
    { "limits.csv, record 1 (line 1)", "more than 100000 columns" } },
  { "csv: a million empty columns", HEADER "2024-01-05,9", 0, ",", 0, 1000 * 1000, "\n", 0,
    FW_CSV_ERROR_TOO_MANY_COLUMNS,
    { "limits.csv, record 2 (line 2)", "more than 100000 columns" } },
  { "tsv: a million columns", "", 0, "1\t", 0, 1000 * 1000, "\n", 0,
    FW_CSV_ERROR_TOO_MANY_COLUMNS, { "record 1 (line 1)", "more than 100000 columns" } },
};

START_TEST (test_csv)
{
  const CsvCase *c = &csv_cases[_i];
  gsize head_len = c->head_len > 0 ? c->head_len : strlen (c->head);
  gsize unit_len = c->unit_len > 0 ? c->unit_len : strlen (c->unit);
  gsize tail_len = c->tail_len > 0 ? c->tail_len : strlen (c->tail);
  g_autoptr(GError) error = NULL;
  Meter meter;

  meter_start (&meter);
  {
    g_autoptr(GInputStream) stream =
      pattern_stream_new (c->head, head_len, c->unit, unit_len, c->count, c->tail, tail_len);
    g_autoptr(FwCsvReader) reader = fw_csv_reader_new (stream, "limits.csv", &error);
    guint64 n_records = 0;

    ck_assert_msg (reader != NULL, "%s: %s", c->name, error != NULL ? error->message : "");
    while (fw_csv_reader_next (reader, NULL, NULL, &error))
      n_records++;
    ck_assert_uint_le (n_records, 1);
  }
  meter_check (&meter, c->name);
  assert_message (error, c->name, FW_CSV_ERROR, c->code, c->expect, G_N_ELEMENTS (c->expect));
}
END_TEST

/* Workbooks */

/* The parts every workbook has; the sheet and the shared strings come from
 * the case. */
#define RELS \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Target=\"xl/workbook.xml\" Type=\"http://schemas.openxmlformats.org/" \
  "officeDocument/2006/relationships/officeDocument\"/></Relationships>"
#define WORKBOOK \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define WORKBOOK_RELS \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"http://schemas." \
  "openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>" \
  "<Relationship Id=\"rId2\" Target=\"sharedStrings.xml\" Type=\"http://schemas." \
  "openxmlformats.org/officeDocument/2006/relationships/sharedStrings\"/></Relationships>"
#define SHEET_START \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" \
  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Date</t></is></c>" \
  "<c r=\"B1\" t=\"inlineStr\"><is><t>Score</t></is></c></row>"
#define SHEET_END "</sheetData></worksheet>"
#define SHEET SHEET_START SHEET_END
#define SST "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"

#define LAUGHS \
  "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" \
  "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">" \
  "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">" \
  "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">" \
  "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">" \
  "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">" \
  "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">" \
  "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">" \
  "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">" \
  "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"

typedef enum
{
  PART_SHEET,
  PART_SHARED_STRINGS,
  PART_WORKBOOK,
} Part;

typedef enum
{
  BODY_PLAIN, /* the unit repeated: deflate packs a megabyte into a kilobyte */
  BODY_NOISY, /* random digits, and a random letter for every 256th x or space:
               * deflate packs it some 80 to 1, like text */
} Body;

typedef struct
{
  const char  *name;
  Part         part;      /* where the head, the body and the tail go */
  const char  *head;
  const char  *unit;      /* repeated to fill each megabyte of the body */
  guint        megabytes; /* of the body */
  Body         body;
  const char  *tail;
  guint64      declared;  /* the size the zip claims, if it lies; 0: the truth */
  FwXlsxError  code;
  const char  *expect[3];
} XlsxCase;

#define LIE 4096

static const XlsxCase xlsx_cases[] = {
  /* A 200 MB field */
  { "xlsx: 200 MB cell", PART_SHEET, SHEET_START "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
    "x", 200, BODY_NOISY, "</t></is></c></row>" SHEET_END, 0, FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, sheet “Sheet1”, cell A2",
      "more than the limit of 1.0" NBSP "MiB of text" } },
  { "xlsx: 200 MB shared string", PART_SHARED_STRINGS, SST "<si><t>ok</t></si><si><t>", "x", 200,
    BODY_NOISY, "</t></si></sst>", 0, FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, part “xl/sharedStrings.xml”",
      "shared string 1 is longer than the limit of 1.0" NBSP "MiB" } },
  { "xlsx: 200 MB attribute", PART_SHEET, SHEET_START "<row r=\"2\"><c r=\"A2\" s=\"", "x", 200,
    BODY_NOISY, "\"><v>1</v></c></row>" SHEET_END, 0, FW_XLSX_ERROR_DAMAGED,
    { "limits.xlsx, sheet “Sheet1”", "the XML is damaged" } },

  /* A million columns */
  { "xlsx: a million cells in a row", PART_SHEET, SHEET_START "<row r=\"2\">", "<c><v>9</v></c>",
    15, BODY_NOISY, "</row>" SHEET_END, 0, FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, sheet “Sheet1”, cell XFE2", "the row has more than 16384 columns" } },
  { "xlsx: the millionth column", PART_SHEET,
    SHEET_START "<row r=\"2\"><c r=\"BDWGN2\"><v>9</v></c></row>" SHEET_END, NULL, 0, BODY_PLAIN,
    "", 0, FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, sheet “Sheet1”, cell BDWGN2", "the row has more than 16384 columns" } },

  /* Zip bombs */
  { "xlsx: zip bomb of 2 GiB", PART_SHEET, SHEET_START, " ", 2047, BODY_PLAIN, SHEET_END, 0,
    FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, sheet “Sheet1”",
      "the data unpacks to 2.0" NBSP "GiB, more than the limit of 1.0" NBSP "GiB" } },
  { "xlsx: zip bomb of 512 MiB", PART_SHEET, SHEET_START, "<row/>", 512, BODY_PLAIN, SHEET_END, 0,
    FW_XLSX_ERROR_TOO_LARGE, { "limits.xlsx, sheet “Sheet1”", "over 200 to 1", "zip bomb" } },
  { "xlsx: zip bomb that lies", PART_SHEET, SHEET_START, "<row/>", 512, BODY_PLAIN, SHEET_END, LIE,
    FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, sheet “Sheet1”", "unpacks to over 200 times as much", "zip bomb" } },
  { "xlsx: shared strings bomb that lies", PART_SHARED_STRINGS, SST, "<si><t>lol</t></si>", 512,
    BODY_PLAIN, "</sst>", LIE, FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, part “xl/sharedStrings.xml”", "unpacks to over 200 times as much",
      "zip bomb" } },
  { "xlsx: zip bomb of text that lies", PART_SHEET, SHEET_START, " ", 1536, BODY_NOISY, SHEET_END,
    LIE, FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, sheet “Sheet1”",
      "the data unpacks to more than the limit of 1.0" NBSP "GiB" } },

  /* External entities */
  { "xlsx: external entity in the sheet", PART_SHEET,
    "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    SHEET_START "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
    SHEET_END,
    NULL, 0, BODY_PLAIN, "", 0, FW_XLSX_ERROR_UNSAFE_XML,
    { "limits.xlsx, sheet “Sheet1”", "document type declaration (<!DOCTYPE>)" } },
  { "xlsx: external entity in the strings", PART_SHARED_STRINGS,
    "<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    SST "<si><t>&xxe;</t></si></sst>",
    NULL, 0, BODY_PLAIN, "", 0, FW_XLSX_ERROR_UNSAFE_XML,
    { "limits.xlsx, part “xl/sharedStrings.xml”", "<!DOCTYPE>" } },
  { "xlsx: remote parameter entity", PART_WORKBOOK,
    "<!DOCTYPE workbook [<!ENTITY % dtd SYSTEM \"http://127.0.0.1:9/evil.dtd\">%dtd;]>" WORKBOOK,
    NULL, 0, BODY_PLAIN, "", 0, FW_XLSX_ERROR_UNSAFE_XML,
    { "limits.xlsx, part “xl/workbook.xml”", "<!DOCTYPE>" } },
  { "xlsx: external document type", PART_SHEET,
    "<!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\">" SHEET, NULL, 0, BODY_PLAIN, "", 0,
    FW_XLSX_ERROR_UNSAFE_XML, { "limits.xlsx, sheet “Sheet1”", "<!DOCTYPE>" } },

  /* Billion laughs */
  { "xlsx: billion laughs in the sheet", PART_SHEET,
    LAUGHS SHEET_START "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>"
    SHEET_END, NULL, 0, BODY_PLAIN, "", 0, FW_XLSX_ERROR_UNSAFE_XML,
    { "limits.xlsx, sheet “Sheet1”", "<!DOCTYPE>" } },
  { "xlsx: billion laughs in the strings", PART_SHARED_STRINGS,
    LAUGHS SST "<si><t>&lol9;</t></si></sst>", NULL, 0, BODY_PLAIN, "", 0,
    FW_XLSX_ERROR_UNSAFE_XML, { "limits.xlsx, part “xl/sharedStrings.xml”", "<!DOCTYPE>" } },
  { "xlsx: quadratic blowup", PART_SHEET, "<!DOCTYPE worksheet [<!ENTITY a \"", "aaaaaaaa", 1,
    BODY_PLAIN, "\">]>" SHEET_START "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&a;&a;&a;&a;"
    "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;</t></is></c></row>" SHEET_END, 0,
    FW_XLSX_ERROR_UNSAFE_XML, { "limits.xlsx, sheet “Sheet1”", "<!DOCTYPE>" } },
  /* libxml2's push parser sets no depth limit: before the reader set its
   * own, this case took 60 MB, and a sheet as big as the limits allow would
   * have taken gigabytes. */
  { "xlsx: a million nested elements", PART_SHEET, SHEET_START "<row r=\"2\">", "<x>", 3,
    BODY_PLAIN, "", 0, FW_XLSX_ERROR_TOO_LARGE,
    { "limits.xlsx, sheet “Sheet1”", "nests elements more than 256 deep" } },
};

/* Deflate pieces end on a byte boundary, flushed but not final, so that
 * they can be joined: each piece starts afresh and refers back only within
 * itself, so a piece repeated inflates to its text repeated. */
static GBytes *
deflate_piece (const char *data,
               gsize       len)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 9);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize space = len + len / 100 + 1024;
  g_autofree guint8 *buf = g_malloc (space);
  GConverterResult result;

  do
    {
      g_autoptr(GError) error = NULL;
      gsize read = 0, written = 0;

      result = g_converter_convert (G_CONVERTER (zlib), data, len, buf, space,
                                    G_CONVERTER_FLUSH, &read, &written, &error);
      ck_assert_msg (result != G_CONVERTER_ERROR, "%s", error != NULL ? error->message : "");
      g_byte_array_append (out, buf, written);
      data += read;
      len -= read;
    }
  while (len > 0 || result != G_CONVERTER_FLUSHED);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The megabyte that a body repeats. */
static GBytes *
make_block (const char *unit,
            Body        body)
{
  gsize unit_len = strlen (unit);
  gsize len = MiB - MiB % unit_len;
  char *block = g_malloc (len);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (gsize i = 0; i < len; i += unit_len)
    memcpy (block + i, unit, unit_len);
  /* Only in values, so that the XML stays well formed. */
  for (gsize i = 0; i < len && body == BODY_NOISY; i++)
    {
      if (g_ascii_isdigit (block[i]))
        block[i] = '0' + g_rand_int_range (rand, 0, 10);
      else if ((block[i] == 'x' || block[i] == ' ') && i % 256 == 0)
        block[i] = 'a' + g_rand_int_range (rand, 0, 26);
    }
  return g_bytes_new_take (block, len);
}

static guint32
crc32 (const char *data,
       gsize       len)
{
  guint32 crc = 0xFFFFFFFF;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= (guchar) data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320 & -(crc & 1));
    }
  return ~crc;
}

static void
put16 (GByteArray *out,
       guint       value)
{
  guint8 b[2] = { value & 0xFF, (value >> 8) & 0xFF };

  g_byte_array_append (out, b, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  put16 (out, value & 0xFFFF);
  put16 (out, value >> 16);
}

typedef struct
{
  const char *name;
  guint32     crc;
  guint64     comp_size;
  guint64     size;
  guint64     offset;
} ZipEntry;

static void
put_header (GByteArray     *out,
            const ZipEntry *entry,
            gboolean        central)
{
  put32 (out, central ? 0x02014b50 : 0x04034b50);
  if (central)
    put16 (out, 20); /* made by */
  put16 (out, 20);   /* needed */
  put16 (out, 0);    /* flags */
  put16 (out, 8);    /* deflate */
  put16 (out, 0);    /* time */
  put16 (out, 0x21); /* 1980-01-01 */
  put32 (out, entry->crc);
  put32 (out, entry->comp_size);
  put32 (out, entry->size);
  put16 (out, strlen (entry->name));
  put16 (out, 0); /* extra */
  if (central)
    {
      put16 (out, 0); /* comment */
      put16 (out, 0); /* disk */
      put16 (out, 0); /* internal attributes */
      put32 (out, 0); /* external attributes */
      put32 (out, entry->offset);
    }
  g_byte_array_append (out, (const guint8 *) entry->name, strlen (entry->name));
}

static void
write_all (FILE       *file,
           const void *data,
           gsize       len)
{
  ck_assert_uint_eq (fwrite (data, 1, len, file), len);
}

/* Writes the workbook of case @c: the case's part is its head, its body and
 * its tail, the others the usual small ones.  The body is one deflated
 * megabyte written over and over, so a 2 GiB part costs 2 MB of disk and no
 * memory.  Its CRC is left 0: libzip checks it only at the end of the part,
 * and a reader that gets there has already failed the test. */
static void
write_workbook (const XlsxCase *c,
                const char     *path)
{
  const char *names[] = { "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                          "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml" };
  const char *texts[] = { RELS, WORKBOOK, WORKBOOK_RELS, SHEET, SST "<si><t>x</t></si></sst>" };
  int big = c->part == PART_SHEET ? 3 : c->part == PART_SHARED_STRINGS ? 4 : 1;
  g_autoptr(GByteArray) central = g_byte_array_new ();
  g_autoptr(GByteArray) end = g_byte_array_new ();
  ZipEntry entries[G_N_ELEMENTS (names)];
  FILE *file = fopen (path, "wb");
  guint64 offset = 0;

  ck_assert_ptr_nonnull (file);
  texts[big] = c->head;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ZipEntry *entry = &entries[i];
      g_autoptr(GByteArray) header = g_byte_array_new ();
      g_autoptr(GBytes) head = deflate_piece (texts[i], strlen (texts[i]));
      g_autoptr(GBytes) block = NULL;
      g_autoptr(GBytes) piece = NULL;
      g_autoptr(GBytes) tail = NULL;
      g_autofree char *whole = NULL;
      static const guint8 final_block[] = { 0x03, 0x00 };
      gboolean has_body = i == (guint) big && c->megabytes > 0;

      entry->name = names[i];
      entry->offset = offset;
      entry->comp_size = g_bytes_get_size (head) + sizeof final_block;
      entry->size = strlen (texts[i]);
      if (i == (guint) big)
        {
          tail = deflate_piece (c->tail, strlen (c->tail));
          entry->comp_size += g_bytes_get_size (tail);
          entry->size += strlen (c->tail);
        }
      if (has_body)
        {
          block = make_block (c->unit, c->body);
          piece = deflate_piece (g_bytes_get_data (block, NULL), g_bytes_get_size (block));
          entry->comp_size += (guint64) c->megabytes * g_bytes_get_size (piece);
          entry->size += (guint64) c->megabytes * g_bytes_get_size (block);
          entry->crc = 0;
        }
      else
        {
          whole = g_strconcat (texts[i], i == (guint) big ? c->tail : "", NULL);
          entry->crc = crc32 (whole, strlen (whole));
        }
      ck_assert_uint_lt (entry->size, G_MAXUINT32);
      if (i == (guint) big && c->declared > 0)
        entry->size = c->declared;

      put_header (header, entry, FALSE);
      write_all (file, header->data, header->len);
      write_all (file, g_bytes_get_data (head, NULL), g_bytes_get_size (head));
      for (guint m = 0; has_body && m < c->megabytes; m++)
        write_all (file, g_bytes_get_data (piece, NULL), g_bytes_get_size (piece));
      if (tail != NULL)
        write_all (file, g_bytes_get_data (tail, NULL), g_bytes_get_size (tail));
      write_all (file, final_block, sizeof final_block);
      offset += header->len + entry->comp_size;
      put_header (central, entry, TRUE);
    }

  put32 (end, 0x06054b50);
  put16 (end, 0);
  put16 (end, 0);
  put16 (end, G_N_ELEMENTS (names));
  put16 (end, G_N_ELEMENTS (names));
  put32 (end, central->len);
  put32 (end, offset);
  put16 (end, 0);
  write_all (file, central->data, central->len);
  write_all (file, end->data, end->len);
  ck_assert_int_eq (fclose (file), 0);
}

START_TEST (test_xlsx)
{
  const XlsxCase *c = &xlsx_cases[_i];
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fw-limits-XXXXXX", &error);
  g_autofree char *path = NULL;
  Meter meter;

  ck_assert_msg (dir != NULL, "%s", error != NULL ? error->message : "");
  path = g_build_filename (dir, "limits.xlsx", NULL);
  write_workbook (c, path);

  /* As the importer opens any file, whatever its name says. */
  meter_start (&meter);
  {
    g_autoptr(FwTable) table = fw_table_open (path, NULL, &error);
    guint64 n_records = 0;

    while (table != NULL && fw_table_next (table, NULL, NULL, &error))
      n_records++;
    ck_assert_uint_le (n_records, 1);
  }
  meter_check (&meter, c->name);
  assert_message (error, c->name, FW_XLSX_ERROR, c->code, c->expect, G_N_ELEMENTS (c->expect));
  ck_assert_msg (strstr (error->message, "root:") == NULL
                   && strstr (error->message, "lollol") == NULL,
                 "%s: “%s” shows what an entity holds", c->name, error->message);
  ck_assert_msg (strstr (error->message, dir) == NULL, "%s: “%s” has the path in it", c->name,
                 error->message);

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

static Suite *
limits_suite (void)
{
  Suite *s = suite_create ("limits");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 600);
  tcase_add_loop_test (tc, test_csv, 0, G_N_ELEMENTS (csv_cases));
  tcase_add_loop_test (tc, test_xlsx, 0, G_N_ELEMENTS (xlsx_cases));
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (limits_suite ());
  int failed;

  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
