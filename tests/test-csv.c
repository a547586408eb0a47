/* test-csv.c: the streaming CSV/TSV reader, on small cases and real exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real exports are read from $FW_REALWORLD (../shared/realworld beside
 * the checkout) and never copied into the tree.  Their sources and licences:
 *  - gforms_preppin_sudzilla_nps.csv: MIT, github.com/zzzbitz/prepbench
 *    data/case_040/inputs/input_01.csv
 *  - rstudio_rsurvey2018_en_formresponses.tsv: Apache-2.0,
 *    github.com/rstudio/r-community-survey 2018/data/
 *  - qualtrics_qualtRics_sample_de.csv, qualtrics_qualtRics_sample_legacy.csv:
 *    MIT, github.com/ropensci/qualtRics tests/testthat/files/
 *  - surveymonkey_538_sleeping_alone.csv: CC BY 4.0,
 *    github.com/fivethirtyeight/data sleeping-alone-data/
 *  - carpentries_longterm_2017.csv: CC BY 4.0, github.com/carpentries/assessment
 *    learner-assessment/archives/2017/data/
 */

#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fw-csv.h"

#define DISPLAY_NAME "test.csv"
/* A string literal and its length, NUL bytes included. */
#define BYTES(s)     s, sizeof (s) - 1

/* A memory stream that hands out at most three bytes per read, so that every
 * buffer boundary case (CR|LF, a quote and what follows it, a UTF-8
 * sequence) is split somewhere.  It stays seekable, like a file. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM,
                      GMemoryInputStream)

struct _TestTrickleStream
{
  GMemoryInputStream parent_instance;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_MEMORY_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream *stream,
                          void         *buffer,
                          gsize         count,
                          GCancellable *cancellable,
                          GError      **error)
{
  GInputStreamClass *parent = G_INPUT_STREAM_CLASS (test_trickle_stream_parent_class);

  return parent->read_fn (stream, buffer, MIN (count, 3), cancellable, error);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (G_GNUC_UNUSED TestTrickleStream *self)
{
}

/* A stream that cannot seek, like a pipe: GFilterInputStream reads through
 * to its base but does not implement GSeekable. */
#define TEST_TYPE_PIPE_STREAM (test_pipe_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestPipeStream, test_pipe_stream, TEST, PIPE_STREAM, GFilterInputStream)

struct _TestPipeStream
{
  GFilterInputStream parent_instance;
};

G_DEFINE_FINAL_TYPE (TestPipeStream, test_pipe_stream, G_TYPE_FILTER_INPUT_STREAM)

static void
test_pipe_stream_class_init (G_GNUC_UNUSED TestPipeStreamClass *klass)
{
}

static void
test_pipe_stream_init (G_GNUC_UNUSED TestPipeStream *self)
{
}

typedef enum
{
  STREAM_MEMORY,
  STREAM_TRICKLE,
  STREAM_UNSEEKABLE,
} StreamKind;

static GInputStream *
make_stream (const char *data,
             gsize       len,
             StreamKind  kind)
{
  GBytes *bytes = g_bytes_new (data, len);
  GInputStream *stream;

  if (kind == STREAM_TRICKLE)
    {
      stream = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);
      g_memory_input_stream_add_bytes (G_MEMORY_INPUT_STREAM (stream), bytes);
    }
  else
    stream = g_memory_input_stream_new_from_bytes (bytes);
  g_bytes_unref (bytes);

  if (kind == STREAM_UNSEEKABLE)
    {
      GInputStream *pipe = g_object_new (TEST_TYPE_PIPE_STREAM, "base-stream", stream, NULL);

      ck_assert (!G_IS_SEEKABLE (pipe));
      g_object_unref (stream);
      stream = pipe;
    }
  return stream;
}

static FwCsvReader *
reader_for (const char *data,
            gsize       len,
            StreamKind  kind,
            GError    **error)
{
  g_autoptr(GInputStream) stream = make_stream (data, len, kind);

  return fw_csv_reader_new (stream, DISPLAY_NAME, error);
}

/* Every record as "LINE:[field][field]\n", to compare with one string. */
static char *
render (FwCsvReader *reader,
        GError     **error)
{
  GString *out = g_string_new (NULL);
  const char * const *fields;
  guint n_fields;

  while (fw_csv_reader_next (reader, &n_fields, &fields, error))
    {
      g_string_append_printf (out, "%llu:",
                              (unsigned long long) fw_csv_reader_get_line_number (reader));
      for (guint i = 0; i < n_fields; i++)
        g_string_append_printf (out, "[%s]", fields[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Parsing, table-driven */

typedef struct
{
  const char *name;
  const char *input;
  gsize       input_len;
  const char *encode_as; /* NULL, or "UTF-16LE"/"UTF-16BE": converted, BOM prepended */
  char        delimiter;
  const char *encoding;
  const char *line_ending;
  gboolean    quotes_literal;
  const char *records;
  guint       n_skipped;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "comma, LF",
    BYTES ("a,b,c\n1,2,3\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b][c]\n2:[1][2][3]\n", 0 },
  { "CRLF, no final newline",
    BYTES ("a,b\r\n1,2\r\n3,4"), NULL, ',', "UTF-8", "CRLF", FALSE,
    "1:[a][b]\n2:[1][2]\n3:[3][4]\n", 0 },
  { "CR only",
    BYTES ("a,b\r1,2\r3,4\r"), NULL, ',', "UTF-8", "CR", FALSE,
    "1:[a][b]\n2:[1][2]\n3:[3][4]\n", 0 },
  { "semicolon with decimal commas",
    BYTES ("a;b;c\n1,5;2;3\n4;5,25;6\n"), NULL, ';', "UTF-8", "LF", FALSE,
    "1:[a][b][c]\n2:[1,5][2][3]\n3:[4][5,25][6]\n", 0 },
  { "tab",
    BYTES ("a\tb, c\n1\t2\n"), NULL, '\t', "UTF-8", "LF", FALSE,
    "1:[a][b, c]\n2:[1][2]\n", 0 },
  { "pipe",
    BYTES ("a|b|c\n1|2|3\n"), NULL, '|', "UTF-8", "LF", FALSE,
    "1:[a][b][c]\n2:[1][2][3]\n", 0 },
  { "sep= line",
    BYTES ("sep=;\r\na,x;b\r\n1;2\r\n"), NULL, ';', "UTF-8", "CRLF", FALSE,
    "2:[a,x][b]\n3:[1][2]\n", 0 },
  { "sep= line against the sniffer",
    BYTES ("SEP=|\na,b,c|d\n1,2,3|4\n"), NULL, '|', "UTF-8", "LF", FALSE,
    "2:[a,b,c][d]\n3:[1,2,3][4]\n", 0 },
  { "RFC 4180 quoting",
    BYTES ("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"\"\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b][c]\n2:[x,y][say \"hi\"][]\n", 0 },
  { "bare LF inside a quoted field of a CRLF file",
    BYTES ("id,comment\r\n1,\"line one\nline two\"\r\n2,ok\r\n"), NULL, ',', "UTF-8", "CRLF",
    FALSE, "1:[id][comment]\n2:[1][line one\nline two]\n4:[2][ok]\n", 0 },
  { "CRLF and CR inside quoted fields",
    BYTES ("id,c\r\n1,\"a\r\nb\rc\"\r\n2,d\r\n"), NULL, ',', "UTF-8", "CRLF", FALSE,
    "1:[id][c]\n2:[1][a\r\nb\rc]\n5:[2][d]\n", 0 },
  { "blank lines and rows of delimiters",
    BYTES ("a,b\n\n,\n1,2\r\n\r\n,,\n\"\",\"\"\n3,4\n\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b]\n4:[1][2]\n8:[3][4]\n", 6 },
  { "lines of spaces before the header and between records",
    BYTES ("   \n \t \na,b\n1,2\n  ,  \n3,4\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "3:[a][b]\n4:[1][2]\n6:[3][4]\n", 3 },
  { "ragged rows",
    BYTES ("a,b,c\n1\n1,2,3,4\n,x\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b][c]\n2:[1]\n3:[1][2][3][4]\n4:[][x]\n", 0 },
  { "empty and duplicate header names",
    BYTES ("a,,a,\n1,2,3,4\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][][a][]\n2:[1][2][3][4]\n", 0 },
  { "trailing delimiter at the very end",
    BYTES ("a,b,\n1,2,"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b][]\n2:[1][2][]\n", 0 },
  { "quoted last field, no final newline",
    BYTES ("a,b\n1,\"x\"\"\""), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b]\n2:[1][x\"]\n", 0 },
  { "one column",
    BYTES ("name\nx\n\"y, z\"\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[name]\n2:[x]\n3:[y, z]\n", 0 },
  { "empty input",
    BYTES (""), NULL, ',', "UTF-8", "none", FALSE, "", 0 },
  { "one line, no line end",
    BYTES ("a;b"), NULL, ';', "UTF-8", "none", FALSE, "1:[a][b]\n", 0 },
  { "UTF-8 with BOM",
    BYTES ("\xEF\xBB\xBF" "a,b\n\xC3\xA9,\xE2\x82\xAC\n"), NULL, ',', "UTF-8 with BOM", "LF",
    FALSE, "1:[a][b]\n2:[\xC3\xA9][\xE2\x82\xAC]\n", 0 },
  { "UTF-16LE with BOM",
    BYTES ("naam;score\r\nRen\xC3\xA9;10\r\n\xE2\x82\xAC \xF0\x9F\x98\x80;9\r\n"), "UTF-16LE",
    ';', "UTF-16LE", "CRLF", FALSE,
    "1:[naam][score]\n2:[Ren\xC3\xA9][10]\n3:[\xE2\x82\xAC \xF0\x9F\x98\x80][9]\n", 0 },
  { "UTF-16BE with BOM",
    BYTES ("a\tb\nRen\xC3\xA9\t\"q\"\n"), "UTF-16BE", '\t', "UTF-16BE", "LF", FALSE,
    "1:[a][b]\n2:[Ren\xC3\xA9][q]\n", 0 },
  { "Windows-1252",
    BYTES ("naam,bedrag\nRen\xE9,\x80 5\n\x93quoted\x94,\x81\n"), NULL, ',', "Windows-1252",
    "LF", FALSE,
    "1:[naam][bedrag]\n2:[Ren\xC3\xA9][\xE2\x82\xAC 5]\n"
    "3:[\xE2\x80\x9Cquoted\xE2\x80\x9D][\xC2\x81]\n", 0 },
  { "Windows-1252 wins over earlier UTF-8",
    BYTES ("a,b\n\xC3\xA9,\xE9\n"), NULL, ',', "Windows-1252", "LF", FALSE,
    "1:[a][b]\n2:[\xC3\x83\xC2\xA9][\xC3\xA9]\n", 0 },
  { "TSV that never quotes (stray quote in the sample)",
    BYTES ("q1\tq2, say \"x\"\r\n\"Native\" graphics\tb\r\n\"open\tc\r\nd\t\"e\"\r\n"), NULL,
    '\t', "UTF-8", "CRLF", TRUE,
    "1:[q1][q2, say \"x\"]\n2:[\"Native\" graphics][b]\n3:[\"open][c]\n4:[d][\"e\"]\n", 0 },
  { "TSV, a field that only opens with a quote",
    BYTES ("a\tb\n\"Native\" graphics\tx\n\"y\"\tz\n"), NULL, '\t', "UTF-8", "LF", TRUE,
    "1:[a][b]\n2:[\"Native\" graphics][x]\n3:[\"y\"][z]\n", 0 },
  { "TSV with Excel quoting",
    BYTES ("a\tb\n\"x\ty\"\t\"multi\nline \"\"q\"\"\"\n1\t2\n"), NULL, '\t', "UTF-8", "LF",
    FALSE, "1:[a][b]\n2:[x\ty][multi\nline \"q\"]\n4:[1][2]\n", 0 },
  { "CSV, a field that only opens with a quote",
    BYTES ("a,b\n\"abc\" def,g\n\"x\"y\"\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b]\n2:[\"abc\" def][g]\n3:[\"x\"y\"]\n", 0 },
  { "literal re-read splits what the quote had joined",
    BYTES ("a,b\n\"x,\ny\" z,w\n"), NULL, ',', "UTF-8", "LF", FALSE,
    "1:[a][b]\n2:[\"x][]\n3:[y\" z][w]\n", 0 },
  { "most consistent delimiter wins",
    BYTES ("id;comment\n1;\"a, b, c\"\n2;d, e\n3;f\n"), NULL, ';', "UTF-8", "LF", FALSE,
    "1:[id][comment]\n2:[1][a, b, c]\n3:[2][d, e]\n4:[3][f]\n", 0 },
};

static char *
case_input (const ParseCase *c,
            gsize           *len)
{
  g_autofree char *converted = NULL;
  gsize n = 0;
  char *out;

  if (c->encode_as == NULL)
    {
      *len = c->input_len;
      return g_memdup2 (c->input, c->input_len);
    }
  converted = g_convert (c->input, c->input_len, c->encode_as, "UTF-8", NULL, &n, NULL);
  ck_assert_ptr_nonnull (converted);
  out = g_malloc (n + 2);
  memcpy (out, strcmp (c->encode_as, "UTF-16LE") == 0 ? "\xFF\xFE" : "\xFE\xFF", 2);
  memcpy (out + 2, converted, n);
  *len = n + 2;
  return out;
}

static void
check_parse_case (const ParseCase *c,
                  StreamKind       kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCsvReader) reader = NULL;
  g_autofree char *input = NULL;
  g_autofree char *records = NULL;
  gsize len;

  input = case_input (c, &len);
  reader = reader_for (input, len, kind, &error);
  ck_assert_msg (reader != NULL, "%s: %s", c->name, error ? error->message : "");
  ck_assert_msg (fw_csv_reader_get_delimiter (reader) == c->delimiter, "%s: delimiter '%c'",
                 c->name, fw_csv_reader_get_delimiter (reader));
  ck_assert_str_eq (fw_csv_reader_get_encoding (reader), c->encoding);
  ck_assert_str_eq (fw_csv_reader_get_line_ending (reader), c->line_ending);
  ck_assert_msg (fw_csv_reader_get_quotes_literal (reader) == c->quotes_literal, "%s: quoting",
                 c->name);

  records = render (reader, &error);
  ck_assert_msg (error == NULL, "%s: %s", c->name, error ? error->message : "");
  ck_assert_msg (strcmp (records, c->records) == 0, "%s:\n%s\nexpected\n%s", c->name, records,
                 c->records);
  ck_assert_uint_eq (fw_csv_reader_get_n_skipped (reader), c->n_skipped);
  ck_assert (fw_csv_reader_get_progress (reader) == 1.0);
}

START_TEST (test_parse)
{
  check_parse_case (&parse_cases[_i], STREAM_MEMORY);
}
END_TEST

START_TEST (test_parse_trickle)
{
  check_parse_case (&parse_cases[_i], STREAM_TRICKLE);
}
END_TEST

START_TEST (test_parse_unseekable)
{
  check_parse_case (&parse_cases[_i], STREAM_UNSEEKABLE);
}
END_TEST

/* Errors, table-driven */

typedef struct
{
  const char *name;
  const char *input;
  gsize       input_len;
  gsize       max_field;
  gsize       max_record;
  guint       max_columns;
  int         code;
  guint       records_before; /* records returned before the error */
  const char *message_parts[4];
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "unterminated quote",
    BYTES ("a,b\n1,\"open\n2,3\n"), 0, 0, 0, FW_CSV_ERROR_UNTERMINATED_QUOTE, 1,
    { DISPLAY_NAME, "record 2", "column 2 (“b”)", "opens on line 2" } },
  { "field too long",
    BYTES ("a,b\n1,0123456789abc\n"), 10, 0, 0, FW_CSV_ERROR_FIELD_TOO_LONG, 1,
    { DISPLAY_NAME, "record 2 (line 2)", "column 2 (“b”)", "10 bytes" } },
  { "a long header name is cut short",
    BYTES ("a,\"How likely are you to recommend R to a colleague, friend, or family member?\"\n"
           "1,012345678901234567890123456789012345678901234567890123456789012345678901234567890\n"),
    80, 0, 0, FW_CSV_ERROR_FIELD_TOO_LONG, 1,
    { "column 2 (“How likely are you to recommend R to a colleague, friend,…”)", NULL } },
  { "quoted field too long",
    BYTES ("a,b\n\n1,\"0123\n456789abc\"\n"), 10, 0, 0, FW_CSV_ERROR_FIELD_TOO_LONG, 1,
    { DISPLAY_NAME, "record 2", "column 2 (“b”)", "starts on line 3" } },
  { "record too long",
    BYTES ("a,b\n12345,67890\n"), 0, 8, 0, FW_CSV_ERROR_RECORD_TOO_LONG, 1,
    { DISPLAY_NAME, "record 2 (line 2)", "8 bytes", NULL } },
  { "too many columns",
    BYTES ("a,b,c\n1,2,3,4\n"), 0, 0, 3, FW_CSV_ERROR_TOO_MANY_COLUMNS, 1,
    { DISPLAY_NAME, "record 2 (line 2)", "more than 3 columns", NULL } },
  { "NUL byte",
    BYTES ("a,b\n1,2\n3,\0\n"), 0, 0, 0, FW_CSV_ERROR_NOT_TEXT, 2,
    { DISPLAY_NAME, "line 3", "not a text file", NULL } },
  { "UTF-8 BOM, then bytes that are not UTF-8",
    BYTES ("\xEF\xBB\xBF" "a,b\n1,2\r\n3,\xE9\n"), 0, 0, 0, FW_CSV_ERROR_ENCODING, 0,
    { DISPLAY_NAME, "line 3", "not valid UTF-8", NULL } },
  { "UTF-16LE cut in half a character",
    BYTES ("\xFF\xFE" "a\0,\0b\0\n\0" "1"), 0, 0, 0, FW_CSV_ERROR_ENCODING, 0,
    { DISPLAY_NAME, "line 2", "UTF-16LE", NULL } },
  { "UTF-16LE lone low surrogate on line 4",
    BYTES ("\xFF\xFE" "a\0,\0b\0\r\0\n\0" "1\0,\0" "2\0\r\0\n\0"
           "3\0,\0" "4\0\r\0\n\0" "5\0,\0\x00\xDC\r\0\n\0"),
    0, 0, 0, FW_CSV_ERROR_ENCODING, 0, { DISPLAY_NAME, "line 4", "UTF-16LE", NULL } },
  { "UTF-16BE lone surrogate",
    BYTES ("\xFE\xFF" "\0a\0,\0b\0\n\xD8\x00\0x\0\n"), 0, 0, 0, FW_CSV_ERROR_ENCODING, 0,
    { DISPLAY_NAME, "UTF-16BE", NULL, NULL } },
};

static void
check_error_case (const ErrorCase *c,
                  StreamKind       kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCsvReader) reader = NULL;
  guint records = 0;

  reader = reader_for (c->input, c->input_len, kind, &error);
  if (reader != NULL)
    {
      fw_csv_reader_set_limits (reader, c->max_field, c->max_record, c->max_columns);
      while (fw_csv_reader_next (reader, NULL, NULL, &error))
        records++;
    }
  ck_assert_msg (error != NULL, "%s: no error", c->name);
  ck_assert_msg (g_error_matches (error, FW_CSV_ERROR, c->code), "%s: %s (%d)", c->name,
                 error->message, error->code);
  ck_assert_uint_eq (records, c->records_before);
  for (guint i = 0; i < G_N_ELEMENTS (c->message_parts) && c->message_parts[i]; i++)
    ck_assert_msg (strstr (error->message, c->message_parts[i]) != NULL,
                   "%s: “%s” not in “%s”", c->name, c->message_parts[i], error->message);

  /* A failed reader keeps failing rather than making up records. */
  if (reader != NULL)
    {
      g_autoptr(GError) again = NULL;

      ck_assert (!fw_csv_reader_next (reader, NULL, NULL, &again));
      ck_assert (g_error_matches (again, FW_CSV_ERROR, c->code));
    }
}

START_TEST (test_error)
{
  check_error_case (&error_cases[_i], STREAM_MEMORY);
}
END_TEST

START_TEST (test_error_trickle)
{
  check_error_case (&error_cases[_i], STREAM_TRICKLE);
}
END_TEST

/* Single cases */

static guint
count_records (FwCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  while (fw_csv_reader_next (reader, NULL, NULL, &error))
    n++;
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  return n;
}

/* One byte that is not UTF-8, far past the sniffer's sample and the first
 * chunk of the encoding scan, still makes the whole file Windows-1252. */
START_TEST (test_windows_1252_late)
{
  g_autoptr(GString) input = g_string_new ("id,name\n1,\xC3\xA9\n");
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n_fields;

  while (input->len < 1024 * 1024)
    g_string_append (input, "2,plain ascii text\n");
  g_string_append (input, "3,Ren\xE9\n");

  reader = reader_for (input->str, input->len, STREAM_MEMORY, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert_str_eq (fw_csv_reader_get_encoding (reader), "Windows-1252");
  ck_assert (fw_csv_reader_next (reader, &n_fields, &fields, &error));
  ck_assert (fw_csv_reader_next (reader, &n_fields, &fields, &error));
  ck_assert_str_eq (fields[1], "\xC3\x83\xC2\xA9");
  while (fw_csv_reader_next (reader, &n_fields, &fields, &error))
    if (strcmp (fields[0], "3") == 0)
      ck_assert_str_eq (fields[1], "Ren\xC3\xA9");
  ck_assert_ptr_null (error);
}
END_TEST

/* A multi-byte character cut by the end of an encoding-scan chunk (256 KiB)
 * is still UTF-8. */
START_TEST (test_utf8_across_chunks)
{
  for (gsize shift = 0; shift < 4; shift++)
    {
      g_autoptr(GString) input = g_string_new ("a,b\n");
      g_autoptr(FwCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;

      while (input->len < 256 * 1024 - 40)
        g_string_append (input, "1,abcdefghijklmnopqrstuvwxyz\n");
      g_string_append (input, "2,");
      while (input->len < 256 * 1024 - shift)
        g_string_append_c (input, 'x');
      g_string_append (input, "\xE2\x82\xAC\xF0\x9F\x98\x80\n");

      reader = reader_for (input->str, input->len, STREAM_MEMORY, &error);
      ck_assert_ptr_nonnull (reader);
      ck_assert_str_eq (fw_csv_reader_get_encoding (reader), "UTF-8");
      ck_assert_uint_gt (count_records (reader), 1000);
    }
}
END_TEST

/* A quoted field far longer than the buffer, whose quote turns out to be
 * text at its very end, is re-read from its opening quote. */
START_TEST (test_long_field_reread)
{
  g_autoptr(GString) input = g_string_new ("a,b\n1,\"");
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n_fields;
  gsize body;

  while (input->len < 3 * 1024 * 1024)
    g_string_append (input, "0123456789 \"\"abc\"\" ");
  body = input->len - 6;
  g_string_append (input, "\" tail,z\n2,y\n");

  reader = reader_for (input->str, input->len, STREAM_MEMORY, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert (fw_csv_reader_next (reader, &n_fields, &fields, &error));
  ck_assert (fw_csv_reader_next (reader, &n_fields, &fields, &error));
  ck_assert_uint_eq (n_fields, 3);
  ck_assert_uint_eq (strlen (fields[1]), body + 6);
  ck_assert (g_str_has_prefix (fields[1], "\"0123456789 \"\"abc"));
  ck_assert (g_str_has_suffix (fields[1], "\" tail"));
  ck_assert_str_eq (fields[2], "z");
  ck_assert (fw_csv_reader_next (reader, &n_fields, &fields, &error));
  ck_assert_str_eq (fields[1], "y");
  ck_assert_uint_eq (fw_csv_reader_get_line_number (reader), 3);
}
END_TEST

/* Past the sniffer's sample a TSV answer that opens with a quote is caught
 * by the per-field rule, and a real quoted field still works. */
START_TEST (test_tsv_quote_after_sample)
{
  g_autoptr(GString) input = g_string_new ("a\tb\n");
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *expected = NULL;
  guint rows = 0;

  for (; input->len < 200 * 1024; rows++)
    g_string_append (input, "1\tplain answer\n");
  g_string_append (input, "\"Native\" graphics\tx\n\"two\nlines\"\ty\n2\tz\n");

  reader = reader_for (input->str, input->len, STREAM_MEMORY, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert (!fw_csv_reader_get_quotes_literal (reader));
  for (guint i = 0; i < 1 + rows; i++)
    ck_assert (fw_csv_reader_next (reader, NULL, NULL, &error));
  tail = render (reader, &error);
  ck_assert_ptr_null (error);
  expected = g_strdup_printf ("%u:[\"Native\" graphics][x]\n%u:[two\nlines][y]\n%u:[2][z]\n",
                              rows + 2, rows + 3, rows + 5);
  ck_assert_str_eq (tail, expected);
}
END_TEST

/* The default limits: a field over 16 MiB and a row over 100,000 columns
 * are refused with the file and line named. */
START_TEST (test_default_field_limit)
{
  gsize len = FW_CSV_DEFAULT_MAX_FIELD_SIZE + 100;
  g_autofree char *input = g_malloc (len);
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (input, "a,b\n\n1,", 7);
  memset (input + 7, 'x', len - 8);
  input[len - 1] = '\n';

  reader = reader_for (input, len, STREAM_MEMORY, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert (fw_csv_reader_next (reader, NULL, NULL, &error));
  ck_assert (!fw_csv_reader_next (reader, NULL, NULL, &error));
  ck_assert (g_error_matches (error, FW_CSV_ERROR, FW_CSV_ERROR_FIELD_TOO_LONG));
  ck_assert_msg (strstr (error->message, DISPLAY_NAME ", record 2 (line 3), column 2 (“b”)")
                   && strstr (error->message, "16.0\xC2\xA0MiB"),
                 "%s", error->message);
}
END_TEST

START_TEST (test_default_column_limit)
{
  g_autoptr(GString) input = g_string_new ("a,b\n");
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_fields;

  for (guint i = 0; i < FW_CSV_DEFAULT_MAX_COLUMNS - 1; i++)
    g_string_append (input, "1,");
  g_string_append (input, "1\n");
  for (guint i = 0; i < FW_CSV_DEFAULT_MAX_COLUMNS; i++)
    g_string_append (input, "2,");
  g_string_append (input, "2\n");

  reader = reader_for (input->str, input->len, STREAM_MEMORY, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert (fw_csv_reader_next (reader, &n_fields, NULL, &error));
  ck_assert (fw_csv_reader_next (reader, &n_fields, NULL, &error));
  ck_assert_uint_eq (n_fields, FW_CSV_DEFAULT_MAX_COLUMNS);
  ck_assert (!fw_csv_reader_next (reader, &n_fields, NULL, &error));
  ck_assert (g_error_matches (error, FW_CSV_ERROR, FW_CSV_ERROR_TOO_MANY_COLUMNS));
  ck_assert_msg (strstr (error->message, DISPLAY_NAME ", record 3 (line 3)"), "%s",
                 error->message);
}
END_TEST

START_TEST (test_open_missing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCsvReader) reader = NULL;

  reader = fw_csv_reader_open ("/nonexistent/dir/answers.csv", &error);
  ck_assert_ptr_null (reader);
  ck_assert (g_error_matches (error, FW_CSV_ERROR, FW_CSV_ERROR_IO));
  ck_assert_ptr_nonnull (strstr (error->message, "answers.csv"));
}
END_TEST

START_TEST (test_open_fixture)
{
  g_autofree char *path = g_build_filename (g_getenv ("FW_TEST_DATA"), "csv",
                                            "excel-semicolon.csv", NULL);
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *records = NULL;

  ck_assert_msg (g_getenv ("FW_TEST_DATA") != NULL, "FW_TEST_DATA is not set");
  reader = fw_csv_reader_open (path, &error);
  ck_assert_msg (reader != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (fw_csv_reader_get_display_name (reader), "excel-semicolon.csv");
  ck_assert_int_eq (fw_csv_reader_get_delimiter (reader), ';');
  ck_assert_str_eq (fw_csv_reader_get_encoding (reader), "UTF-8 with BOM");
  ck_assert_str_eq (fw_csv_reader_get_line_ending (reader), "CRLF");
  records = render (reader, &error);
  ck_assert_ptr_null (error);
  ck_assert_str_eq (records,
                    "1:[Datum][Afdeling][Score][Toelichting]\n"
                    "2:[01-03-2024][Klantenservice][9][Snel geholpen; \"top\"]\n"
                    "3:[02-03-2024][Verkoop][4][Lang gewacht,\nniemand belde terug]\n"
                    "6:[03-03-2024][Klantenservice][10][]\n");
  ck_assert_uint_eq (fw_csv_reader_get_n_skipped (reader), 1);
}
END_TEST

typedef struct
{
  const char *in[8];
  const char *out[8];
} NamesCase;

static const NamesCase names_cases[] = {
  { { "a", "b", NULL }, { "a", "b", NULL } },
  { { "a", "", "a", " b ", "a", "Column 2", NULL },
    { "a", "Column 2", "a (2)", "b", "a (3)", "Column 2 (2)", NULL } },
  { { "", "", "x (2)", "x", "x", NULL }, { "Column 1", "Column 2", "x (2)", "x", "x (3)", NULL } },
};

START_TEST (test_unique_names)
{
  const NamesCase *c = &names_cases[_i];
  g_auto(GStrv) names = fw_csv_unique_names (g_strv_length ((char **) c->in), c->in);

  for (guint i = 0; c->out[i] != NULL; i++)
    ck_assert_str_eq (names[i], c->out[i]);
  ck_assert_uint_eq (g_strv_length (names), g_strv_length ((char **) c->out));
}
END_TEST

/* Real exports */

typedef struct
{
  guint64     record; /* 1-based, the header row is 1 */
  guint       column; /* 0-based */
  const char *value;
} Cell;

typedef struct
{
  const char *file;
  guint64     n_records;
  guint       n_columns; /* every record has exactly this many */
  char        delimiter;
  const char *encoding;
  const char *line_ending;
  gboolean    quotes_literal;
  Cell        cells[6];
  /* Tally of a 0-10 score column over records after the first, or -1:
   * each must match the figures in realworld/README.md. */
  int         score_column;
  guint       n, promoters, detractors;
} RealCase;

static const RealCase real_cases[] = {
  { "gforms_preppin_sudzilla_nps.csv", 40, 11, ',', "UTF-8", "CRLF", FALSE,
    { { 1, 1, "On a scale of 0-10, how would you rate Sudzilla?" },
      { 2, 0, "11/1/2019 8:51:12" },
      { 2, 1, "0" },
      { 2, 2, "Bad service" },
      { 40, 1, "9" },
      { 40, 2, "It was a wet and wild event!" } },
    1, 39, 8, 22 },
  { "rstudio_rsurvey2018_en_formresponses.tsv", 3063, 43, '\t', "UTF-8", "CRLF", TRUE,
    { { 1, 24, "How likely are you to recommend R to a colleague, friend, or family member?" },
      { 1, 27, "" },
      { 2, 6, "Beginner" },
      { 2, 24, "5" },
      { 1388, 29, "\"Native\" interactive graphics" },
      { 3063, 0, "1/1/2019 4:54:35" } },
    24, 3001, 2294, 130 },
  { "surveymonkey_538_sleeping_alone.csv", 1095, 31, ',', "Windows-1252", "LF", FALSE,
    { { 1, 0, "StartDate" },
      { 2, 2, "Response" },
      { 3, 0, "7/10/14 18:37" },
      { 3, 2, "Single, but cohabiting with a significant other" },
      { 1095, 2, "Married" } },
    -1, 0, 0, 0 },
  { "carpentries_longterm_2017.csv", 477, 75, ',', "UTF-8", "LF", FALSE,
    { { 1, 0, "Country" },
      { 1, 74, "Likely-To-Recommend" },
      { 2, 0, "Norway" },
      { 2, 74, "10" },
      { 477, 0, "New Zealand" } },
    74, 402, 215, 69 },
  { "qualtrics_qualtRics_sample_legacy.csv", 3, 16, ',', "UTF-8 with BOM", "LF", FALSE,
    { { 1, 0, "V1" },
      { 1, 15, "" },
      { 2, 0, "ResponseID" },
      { 3, 0, "R_2YPOQ602ER1jkf1" },
      { 3, 14, "-1" } },
    -1, 0, 0, 0 },
  { "qualtrics_qualtRics_sample_de.csv", 4, 20, ',', "UTF-8", "LF", FALSE,
    { { 1, 0, "StartDate" },
      { 2, 9, "Nachname des Empf\xC3\xA4ngers" },
      { 3, 0, "{\"ImportId\":\"startDate\"}" },
      { 4, 0, "2017-07-18 08:28:09" },
      { 4, 18, "Hello World!" } },
    -1, 0, 0, 0 },
};

/* CI has ../shared/realworld; without it these tests fail rather than pass
 * by skipping. */
static char *
realworld_path (const char *file)
{
  const char *dir = g_getenv ("FW_REALWORLD");

  ck_assert_msg (dir != NULL, "FW_REALWORLD is not set");
  ck_assert_msg (g_file_test (dir, G_FILE_TEST_IS_DIR), "FW_REALWORLD=%s is not a folder", dir);
  return g_build_filename (dir, file, NULL);
}

START_TEST (test_realworld)
{
  const RealCase *c = &real_cases[_i];
  g_autofree char *path = realworld_path (c->file);
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n_fields, n = 0, promoters = 0, detractors = 0, cells = 0;

  reader = fw_csv_reader_open (path, &error);
  ck_assert_msg (reader != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (fw_csv_reader_get_delimiter (reader), c->delimiter);
  ck_assert_str_eq (fw_csv_reader_get_encoding (reader), c->encoding);
  ck_assert_str_eq (fw_csv_reader_get_line_ending (reader), c->line_ending);
  ck_assert (fw_csv_reader_get_quotes_literal (reader) == c->quotes_literal);

  while (fw_csv_reader_next (reader, &n_fields, &fields, &error))
    {
      guint64 record = fw_csv_reader_get_record_number (reader);

      ck_assert_msg (n_fields == c->n_columns, "%s record %llu: %u fields", c->file,
                     (unsigned long long) record, n_fields);
      for (guint i = 0; i < G_N_ELEMENTS (c->cells); i++)
        if (c->cells[i].record == record)
          {
            ck_assert_str_eq (fields[c->cells[i].column], c->cells[i].value);
            cells++;
          }

      if (c->score_column >= 0 && record > 1)
        {
          g_autofree char *text = g_strstrip (g_strdup (fields[c->score_column]));
          guint64 score;

          if (g_ascii_string_to_unsigned (text, 10, 0, 10, &score, NULL))
            {
              n++;
              promoters += score >= 9;
              detractors += score <= 6;
            }
        }
    }
  ck_assert_msg (error == NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (fw_csv_reader_get_record_number (reader), c->n_records);
  ck_assert_uint_eq (fw_csv_reader_get_n_skipped (reader), 0);
  for (guint i = 0; i < G_N_ELEMENTS (c->cells); i++)
    if (c->cells[i].record == 0)
      cells++;
  ck_assert_uint_eq (cells, G_N_ELEMENTS (c->cells));
  if (c->score_column >= 0)
    {
      ck_assert_uint_eq (n, c->n);
      ck_assert_uint_eq (promoters, c->promoters);
      ck_assert_uint_eq (detractors, c->detractors);
    }
}
END_TEST

/* The SurveyMonkey header holds Windows-1252 bytes that decode to "ë_". */
START_TEST (test_realworld_surveymonkey_header)
{
  g_autofree char *path = realworld_path ("surveymonkey_538_sleeping_alone.csv");
  g_autoptr(FwCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n_fields;

  reader = fw_csv_reader_open (path, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert (fw_csv_reader_next (reader, &n_fields, &fields, &error));
  ck_assert_msg (g_str_has_prefix (fields[23], "To what extent do you agree with the following "
                                               "statement:\xC3\xAB_\"our sex life"),
                 "%s", fields[23]);
}
END_TEST

static Suite *
csv_suite (void)
{
  Suite *s = suite_create ("csv");
  TCase *tc;

  tc = tcase_create ("parse");
  tcase_add_loop_test (tc, test_parse, 0, G_N_ELEMENTS (parse_cases));
  tcase_add_loop_test (tc, test_parse_trickle, 0, G_N_ELEMENTS (parse_cases));
  tcase_add_loop_test (tc, test_parse_unseekable, 0, G_N_ELEMENTS (parse_cases));
  tcase_add_loop_test (tc, test_unique_names, 0, G_N_ELEMENTS (names_cases));
  tcase_add_test (tc, test_open_missing);
  tcase_add_test (tc, test_open_fixture);
  suite_add_tcase (s, tc);

  tc = tcase_create ("errors");
  tcase_add_loop_test (tc, test_error, 0, G_N_ELEMENTS (error_cases));
  tcase_add_loop_test (tc, test_error_trickle, 0, G_N_ELEMENTS (error_cases));
  suite_add_tcase (s, tc);

  tc = tcase_create ("large");
  tcase_add_test (tc, test_windows_1252_late);
  tcase_add_test (tc, test_utf8_across_chunks);
  tcase_add_test (tc, test_long_field_reread);
  tcase_add_test (tc, test_tsv_quote_after_sample);
  tcase_add_test (tc, test_default_field_limit);
  tcase_add_test (tc, test_default_column_limit);
  suite_add_tcase (s, tc);

  tc = tcase_create ("realworld");
  tcase_add_loop_test (tc, test_realworld, 0, G_N_ELEMENTS (real_cases));
  tcase_add_test (tc, test_realworld_surveymonkey_header);
  suite_add_tcase (s, tc);

  return s;
}

int
main (void)
{
  SRunner *runner = srunner_create (csv_suite ());
  int failed;

  srunner_set_fork_status (runner, CK_NOFORK);
  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
