/* fw-csv.c: a streaming reader for CSV and TSV survey exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader holds one buffer of text and one record at a time, so memory
 * stays bounded by the limits in fw-csv.h, whatever the size of the file.
 * Before the first record it works out three things about the file:
 *
 *  - the encoding: a BOM for UTF-8 and UTF-16; otherwise one streaming pass
 *    over the whole file checks that it is UTF-8, and if any byte is not,
 *    the whole file is read as Windows-1252 (what Excel and SurveyMonkey
 *    write on Western Windows).  Deciding per file, not per line, keeps one
 *    file in one encoding.
 *  - the delimiter: a leading "sep=X" line (Excel's hint) or, failing that,
 *    the candidate among , ; TAB | that splits the first records into the
 *    most consistent number of fields above one.
 *  - whether quotes quote: see quotes_are_literal() below.
 *
 * Records are RFC 4180 with the usual liberties: CRLF, LF and CR line ends,
 * any of them inside quoted fields, ragged rows and no final line end.
 */

#define G_LOG_DOMAIN "fw-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fw-csv.h"

/* The text buffer starts at this size and only grows while one quoted
 * field is longer than it; see fill(). */
#define BUFFER_SIZE   (256 * 1024)
#define MIN_READ      (64 * 1024)
/* Raw Windows-1252 bytes read at a time; each becomes at most 3 in UTF-8. */
#define RAW_SIZE      (MIN_READ / 3)
#define SCAN_SIZE     (256 * 1024)
/* How much of the file the sniffer looks at. */
#define SNIFF_BYTES   (64 * 1024)
#define SNIFF_RECORDS 100

typedef enum
{
  ENCODING_UTF8,
  ENCODING_UTF8_BOM,
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
  ENCODING_WINDOWS_1252,
} Encoding;

typedef enum
{
  LINE_ENDING_NONE,
  LINE_ENDING_CRLF,
  LINE_ENDING_LF,
  LINE_ENDING_CR,
} LineEnding;

struct _FwCsvReader
{
  char          *display_name;
  GInputStream  *base;  /* the caller's stream, or the spool of a non-seekable one */
  GFileIOStream *spool;
  GInputStream  *input; /* what fill() reads */
  goffset        start; /* where the text starts in base, after any BOM */
  goffset        size;  /* of base from start, for the progress */

  Encoding       encoding;
  LineEnding     line_ending;
  char           delimiter;
  gboolean       quotes_literal;

  /* Bytes that end a span of plain field text, outside and inside quotes. */
  guchar         special[256];
  guchar         quoted_special[256];

  /* Decoded UTF-8 text: buf[pos..end) is unread; fill() keeps buf[mark..end). */
  char          *buf;
  gsize          cap;
  gsize          pos;
  gsize          end;
  gsize          mark;
  gboolean       eof;
  guchar        *raw; /* Windows-1252 or UTF-16 bytes before decoding */
  guint          n_carry;      /* UTF-16 bytes of a unit or pair cut by a read */
  guint64        decoded_line; /* UTF-16: the line the decoder has reached */
  gboolean       decoded_cr;   /* UTF-16: the last unit was a CR */

  /* The current record: NUL-terminated fields one after the other in data,
   * starting at starts[i]; fields[] points into data once it is complete. */
  char          *data;
  gsize          data_len;
  gsize          data_cap;
  gsize         *starts;
  const char   **fields;
  guint          n_fields;
  guint          fields_cap;

  char         **header; /* a copy of record 1, to name columns in errors */
  guint          n_header;

  guint64        line;          /* physical line at pos, 1-based */
  guint64        record_line;   /* where the record being read starts */
  guint64        record_number; /* of the last record returned */
  guint64        returned_line; /* where that record starts */
  guint64        n_skipped;
  GError        *failure; /* once reading failed, every later call reports it */

  gsize          max_field;
  gsize          max_record;
  guint          max_columns;
};

G_DEFINE_QUARK (fw-csv-error-quark, fw_csv_error)

/* Windows-1252 0x80..0x9F.  The five bytes it leaves unassigned map to the C1
 * controls of the same value, as in the WHATWG encoding standard; iconv
 * refuses them instead, and a fallback must never fail, so the decoding is
 * ours rather than GCharsetConverter's. */
static const guint16 cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void
fw_csv_reader_free (FwCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->input);
  g_clear_object (&self->base);
  g_clear_object (&self->spool);
  g_free (self->display_name);
  g_free (self->buf);
  g_free (self->raw);
  g_free (self->data);
  g_free (self->starts);
  g_free (self->fields);
  g_strfreev (self->header);
  g_clear_error (&self->failure);
  g_free (self);
}

/* Errors */

static char *
format_size (gsize size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

/* "column 3" or, once the header row is known, "column 3 (“Score”)", with
 * a long question cut short so that the message stays readable. */
static char *
column_label (FwCsvReader *self,
              guint        index)
{
  if (index < self->n_header && self->header[index][0] != '\0')
    {
      const char *name = self->header[index];
      g_autofree char *cut = NULL;

      if (g_utf8_strlen (name, 61) > 60)
        {
          g_autofree char *start = g_utf8_substring (name, 0, 57);

          name = cut = g_strconcat (start, "…", NULL);
        }
      /* Translators: a column of a CSV file, by number and header name. */
      return g_strdup_printf (_("column %u (“%s”)"), index + 1, name);
    }
  return g_strdup_printf (_("column %u"), index + 1);
}

static gboolean
error_not_text (FwCsvReader *self,
                GError     **error)
{
  /* Translators: the %s is a file name. */
  g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_NOT_TEXT,
               _("%s, line %llu: the file contains a NUL byte, so it is not a text file "
                 "(or it is UTF-16 without a byte order mark)"),
               self->display_name, (unsigned long long) self->line);
  return FALSE;
}

static gboolean
error_too_long (FwCsvReader *self,
                gboolean     quoted,
                guint64      field_line,
                gboolean     whole_record,
                GError     **error)
{
  unsigned long long record = self->record_number + 1;
  g_autofree char *column = column_label (self, self->n_fields);

  if (whole_record)
    {
      g_autofree char *limit = format_size (self->max_record);

      /* Translators: a file name, a record number, a line number and a size
       * such as "64.0 MiB".  A record is one row of the table, which may
       * span several lines. */
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_RECORD_TOO_LONG,
                   _("%s, record %llu (line %llu): the record is longer than %s"),
                   self->display_name, record, (unsigned long long) self->record_line, limit);
    }
  else if (quoted)
    {
      g_autofree char *limit = format_size (self->max_field);

      /* Translators: a file name, a record number, "column 3 (“Score”)",
       * a line number and a size such as "16.0 MiB". */
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_FIELD_TOO_LONG,
                   _("%s, record %llu, %s: the quoted field that starts on line %llu is "
                     "longer than %s; is a closing quote missing?"),
                   self->display_name, record, column, (unsigned long long) field_line, limit);
    }
  else
    {
      g_autofree char *limit = format_size (self->max_field);

      /* Translators: a file name, a record number, a line number,
       * "column 3 (“Score”)" and a size such as "16.0 MiB". */
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_FIELD_TOO_LONG,
                   _("%s, record %llu (line %llu), %s: the field is longer than %s"),
                   self->display_name, record, (unsigned long long) field_line, column, limit);
    }
  return FALSE;
}

static gboolean
error_read (FwCsvReader *self,
            GError      *read_error,
            GError     **error)
{
  /* Translators: a file name, then the system's reason. */
  g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_IO,
               _("Could not read %s: %s"), self->display_name, read_error->message);
  g_error_free (read_error);
  return FALSE;
}

/* Reading text */

static gssize
read_windows_1252 (FwCsvReader *self,
                   char        *out,
                   gsize        space,
                   GError     **error)
{
  char *o = out;
  gssize n;

  g_assert (space >= 3 * RAW_SIZE);

  n = g_input_stream_read (self->input, self->raw, RAW_SIZE, NULL, error);
  for (gssize i = 0; i < n; i++)
    {
      guint c = self->raw[i];

      if (c < 0x80)
        *o++ = c;
      else
        {
          if (c < 0xA0)
            c = cp1252_high[c - 0x80];
          if (c < 0x800)
            {
              *o++ = 0xC0 | (c >> 6);
              *o++ = 0x80 | (c & 0x3F);
            }
          else
            {
              *o++ = 0xE0 | (c >> 12);
              *o++ = 0x80 | ((c >> 6) & 0x3F);
              *o++ = 0x80 | (c & 0x3F);
            }
        }
    }
  return n < 0 ? n : o - out;
}

/* Says where the UTF-16 text went wrong; returns -1 for read_utf16(). */
static gssize
error_utf16 (FwCsvReader *self,
             GError     **error)
{
  /* Translators: a file name, a line number and "UTF-16LE" or "UTF-16BE". */
  g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING,
               _("%s, line %llu: the text is not valid %s"),
               self->display_name, (unsigned long long) self->decoded_line,
               fw_csv_reader_get_encoding (self));
  return -1;
}

/* Decodes UTF-16 here rather than through iconv, so that a bad sequence is
 * reported on its own line: a converter reads ahead and fails lines before
 * the parser gets there. */
static gssize
read_utf16 (FwCsvReader *self,
            char        *out,
            gsize        space,
            GError     **error)
{
  gboolean big = self->encoding == ENCODING_UTF16BE;
  char *o = out;
  gssize n;
  gsize avail, i = 0;

  g_assert (space >= 2 * RAW_SIZE);

  n = g_input_stream_read (self->input, self->raw + self->n_carry, RAW_SIZE, NULL, error);
  if (n < 0)
    return -1;
  avail = self->n_carry + (gsize) n;
  if (n == 0 && self->n_carry > 0)
    return error_utf16 (self, error); /* cut in half a character */

  while (i + 2 <= avail)
    {
      guint unit = big ? (self->raw[i] << 8) | self->raw[i + 1]
                       : self->raw[i] | (self->raw[i + 1] << 8);
      gunichar c = unit;
      gsize used = 2;

      if (unit >= 0xD800 && unit < 0xDC00)
        {
          guint low;

          if (i + 4 > avail)
            break; /* the rest of the pair comes with the next read */
          low = big ? (self->raw[i + 2] << 8) | self->raw[i + 3]
                    : self->raw[i + 2] | (self->raw[i + 3] << 8);
          if (low < 0xDC00 || low >= 0xE000)
            return error_utf16 (self, error);
          c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          used = 4;
        }
      else if (unit >= 0xDC00 && unit < 0xE000)
        return error_utf16 (self, error);

      if (c == '\n' && !self->decoded_cr)
        self->decoded_line++;
      else if (c == '\r')
        self->decoded_line++;
      self->decoded_cr = c == '\r';
      o += g_unichar_to_utf8 (c, o);
      i += used;
    }

  self->n_carry = avail - i;
  memmove (self->raw, self->raw + i, self->n_carry);
  /* A read that ended inside a unit gave no text yet; read on. */
  if (o == out && n > 0)
    return read_utf16 (self, out, space, error);
  return o - out;
}

/* Reads more text after buf[end].  To make room it drops what lies before
 * buf[mark] and, when what is kept fills most of the buffer (one long quoted
 * field), doubles the buffer; the field limits bound that growth.
 * Returns 1 when it added text, 0 at the end of the input, -1 on error. */
static int
fill (FwCsvReader *self,
      GError     **error)
{
  GError *local_error = NULL;
  gssize n;

  if (self->eof)
    return 0;

  if (self->mark > 0)
    {
      memmove (self->buf, self->buf + self->mark, self->end - self->mark);
      self->end -= self->mark;
      self->pos -= self->mark;
      self->mark = 0;
    }
  if (self->cap - self->end < MIN_READ)
    {
      self->cap *= 2;
      self->buf = g_realloc (self->buf, self->cap);
    }

  if (self->encoding == ENCODING_WINDOWS_1252)
    n = read_windows_1252 (self, self->buf + self->end, self->cap - self->end, &local_error);
  else if (self->encoding == ENCODING_UTF16LE || self->encoding == ENCODING_UTF16BE)
    {
      n = read_utf16 (self, self->buf + self->end, self->cap - self->end, error);
      if (n < 0)
        return -1;
    }
  else
    n = g_input_stream_read (self->input, self->buf + self->end, self->cap - self->end, NULL,
                             &local_error);
  if (n < 0)
    {
      error_read (self, local_error, error);
      return -1;
    }
  if (n == 0)
    {
      self->eof = TRUE;
      return 0;
    }
  self->end += n;
  return 1;
}

/* Parsing records */

static gboolean
grow_data (FwCsvReader *self,
           gsize        need)
{
  while (self->data_cap < need)
    self->data_cap *= 2;
  self->data = g_realloc (self->data, self->data_cap);
  return TRUE;
}

/* Appends n bytes to the field that starts at data[field_start], within the
 * limits.  On the hot path: one field takes one call per buffer it spans. */
static inline gboolean
append (FwCsvReader *self,
        const char  *s,
        gsize        n,
        gsize        field_start,
        gboolean     quoted,
        guint64      field_line,
        GError     **error)
{
  gsize len = self->data_len + n;

  if (G_UNLIKELY (len - field_start > self->max_field))
    return error_too_long (self, quoted, field_line, FALSE, error);
  if (G_UNLIKELY (len > self->max_record))
    return error_too_long (self, quoted, field_line, TRUE, error);
  if (G_UNLIKELY (len + 1 > self->data_cap))
    grow_data (self, len + 1);
  memcpy (self->data + self->data_len, s, n);
  self->data_len = len;
  return TRUE;
}

static inline void
end_field (FwCsvReader *self,
           gsize        field_start)
{
  if (G_UNLIKELY (self->data_len + 1 > self->data_cap))
    grow_data (self, self->data_len + 1);
  self->data[self->data_len++] = '\0';

  if (G_UNLIKELY (self->n_fields == self->fields_cap))
    {
      self->fields_cap *= 2;
      self->starts = g_renew (gsize, self->starts, self->fields_cap);
      self->fields = g_renew (const char *, self->fields, self->fields_cap);
    }
  self->starts[self->n_fields++] = field_start;
}

/* Reads one record into data and starts.  Returns TRUE with n_fields > 0
 * for a record, TRUE with n_fields == 0 at the end of the input and FALSE
 * on error.
 *
 * A quote opens a quoted field only as the first byte of a field (elsewhere
 * it is text), and only when quotes_literal is FALSE.  Inside, "" is one
 * quote and a quote followed by the delimiter, a line end or the end of the
 * input closes the field.  A quote followed by anything else shows that the
 * writer did not quote this field at all ("Native" graphics, unquoted): the
 * field is read again from its opening quote as plain text, quotes and all.
 * That is why fill() keeps buf[mark..] from the opening quote on. */
static gboolean
read_record (FwCsvReader *self,
             GError     **error)
{
  const guchar *special = self->special;
  const guchar *quoted_special = self->quoted_special;
  const char delimiter = self->delimiter;
  gsize field_start;
  guint64 field_line;
  const char *p, *e;
  int r;

  self->data_len = 0;
  self->n_fields = 0;
  self->record_line = self->line;
  self->mark = self->pos;
  if (self->pos == self->end)
    {
      r = fill (self, error);
      if (r <= 0)
        return r == 0;
    }

next_field:
  if (G_UNLIKELY (self->n_fields >= self->max_columns))
    {
      /* Translators: a file name, a record number, a line number and the
       * column limit. */
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_TOO_MANY_COLUMNS,
                   _("%s, record %llu (line %llu): the record has more than %u columns"),
                   self->display_name, (unsigned long long) self->record_number + 1,
                   (unsigned long long) self->record_line, self->max_columns);
      return FALSE;
    }
  field_start = self->data_len;
  field_line = self->line;
  self->mark = self->pos;
  if (self->pos == self->end)
    {
      r = fill (self, error);
      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          /* A delimiter just before the end: one more empty field. */
          end_field (self, field_start);
          return TRUE;
        }
    }
  if (!self->quotes_literal && self->buf[self->pos] == '"')
    goto quoted;

unquoted:
  for (;;)
    {
      p = self->buf + self->pos;
      e = self->buf + self->end;
      while (p < e && !special[(guchar) *p])
        p++;
      if (!append (self, self->buf + self->pos, p - (self->buf + self->pos), field_start, FALSE,
                   field_line, error))
        return FALSE;
      self->pos = p - self->buf;
      if (p == e)
        {
          self->mark = self->pos;
          r = fill (self, error);
          if (r < 0)
            return FALSE;
          if (r == 0)
            {
              end_field (self, field_start);
              return TRUE;
            }
          continue;
        }
      if (*p == delimiter)
        {
          self->pos++;
          end_field (self, field_start);
          goto next_field;
        }
      if (G_UNLIKELY (*p == '\0'))
        return error_not_text (self, error);
      end_field (self, field_start);
      goto line_end;
    }

quoted:
  self->pos++;
  for (;;)
    {
      const char *span;
      char next;

      p = span = self->buf + self->pos;
      e = self->buf + self->end;
      /* Line ends inside the field are kept as they are, but counted so
       * that errors name the right line.  CRLF counts once, at its LF. */
      for (; p < e; p++)
        {
          if (G_LIKELY (!quoted_special[(guchar) *p]))
            continue;
          if (*p == '\n')
            self->line++;
          else if (*p == '\r')
            {
              if (p + 1 == e)
                break;
              if (p[1] != '\n')
                self->line++;
            }
          else
            break;
        }
      if (!append (self, span, p - span, field_start, TRUE, field_line, error))
        return FALSE;
      self->pos = p - self->buf;
      if (p == e || *p == '\r')
        {
          r = fill (self, error);
          if (r < 0)
            return FALSE;
          if (r == 0)
            {
              g_autofree char *column = column_label (self, self->n_fields);

              /* Translators: a file name, a record number, "column 3
               * (“Score”)" and a line number. */
              g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_UNTERMINATED_QUOTE,
                           _("%s, record %llu, %s: the quote that opens on line %llu is "
                             "never closed"),
                           self->display_name, (unsigned long long) self->record_number + 1,
                           column, (unsigned long long) field_line);
              return FALSE;
            }
          continue;
        }
      if (G_UNLIKELY (*p == '\0'))
        return error_not_text (self, error);

      /* A quote: what follows it decides. */
      if (self->pos + 1 == self->end)
        {
          r = fill (self, error);
          if (r < 0)
            return FALSE;
          if (r == 0)
            {
              self->pos++;
              end_field (self, field_start);
              return TRUE;
            }
        }
      next = self->buf[self->pos + 1];
      if (next == '"')
        {
          if (!append (self, "\"", 1, field_start, TRUE, field_line, error))
            return FALSE;
          self->pos += 2;
        }
      else if (next == delimiter)
        {
          self->pos += 2;
          end_field (self, field_start);
          goto next_field;
        }
      else if (next == '\r' || next == '\n')
        {
          self->pos++;
          end_field (self, field_start);
          goto line_end;
        }
      else
        {
          self->pos = self->mark;
          self->line = field_line;
          self->data_len = field_start;
          goto unquoted;
        }
    }

line_end:
  self->line++;
  if (self->buf[self->pos++] == '\r')
    {
      if (self->pos == self->end)
        {
          self->mark = self->pos;
          if (fill (self, error) < 0)
            return FALSE;
        }
      if (self->pos < self->end && self->buf[self->pos] == '\n')
        self->pos++;
    }
  return TRUE;
}

/* Whether every field of the record just read is empty or nothing but
 * spaces and tabs: a line a spreadsheet left behind, not a record. */
static gboolean
record_is_blank (FwCsvReader *self)
{
  /* Every field empty: each contributed only its NUL. */
  if (self->data_len == self->n_fields)
    return TRUE;
  for (gsize i = 0; i < self->data_len; i++)
    if (self->data[i] != ' ' && self->data[i] != '\t' && self->data[i] != '\0')
      return FALSE;
  return TRUE;
}

/**
 * fw_csv_reader_next:
 * @n_fields: (out): the number of fields, at least 1
 * @fields: (out): the fields as UTF-8, owned by the reader until the next call
 *
 * Reads the next record.  Blank lines and rows of nothing but delimiters
 * and spaces (every field empty or blank) are skipped and counted in
 * fw_csv_reader_get_n_skipped().
 * Rows keep the number of fields they have; filling ragged rows is up to the
 * caller.
 *
 * Returns: %TRUE with a record; %FALSE at the end (@error unset) or on error.
 */
gboolean
fw_csv_reader_next (FwCsvReader         *self,
                    guint               *n_fields,
                    const char * const **fields,
                    GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  for (;;)
    {
      GError *local_error = NULL;

      if (!read_record (self, &local_error))
        {
          self->failure = g_error_copy (local_error);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (self->n_fields == 0)
        return FALSE;
      if (!record_is_blank (self))
        break;
      self->n_skipped++;
    }

  for (guint i = 0; i < self->n_fields; i++)
    self->fields[i] = self->data + self->starts[i];
  self->record_number++;
  self->returned_line = self->record_line;

  if (self->record_number == 1)
    {
      self->header = g_new (char *, self->n_fields + 1);
      for (guint i = 0; i < self->n_fields; i++)
        self->header[i] = g_strdup (self->fields[i]);
      self->header[self->n_fields] = NULL;
      self->n_header = self->n_fields;
    }

  if (n_fields != NULL)
    *n_fields = self->n_fields;
  if (fields != NULL)
    *fields = self->fields;
  return TRUE;
}

/* Sniffing */

typedef struct
{
  guint      n_records;
  guint      counts[SNIFF_RECORDS];
  LineEnding line_ending;
  gboolean   stray_quote;
} Sniff;

/* Splits the sample with one candidate delimiter, the way read_record()
 * would, counting fields per record.  It also notes a stray quote: one that
 * RFC 4180 quoting cannot produce, either inside an unquoted field or
 * closing a quoted field without a delimiter or line end after it.
 * A record cut off by the end of the sample is not counted, unless it is
 * the first one (a header longer than the sample). */
static void
sniff_sample (const char *s,
              gsize       len,
              gboolean    complete,
              char        delimiter,
              Sniff      *out)
{
  gsize i = 0;

  memset (out, 0, sizeof *out);
  out->line_ending = LINE_ENDING_NONE;

  while (i < len && out->n_records < SNIFF_RECORDS)
    {
      guint fields = 0;
      gboolean blank = TRUE;

      for (;;)
        {
          gsize field_start = i;
          gboolean closed = FALSE;

          if (i < len && s[i] == '"')
            {
              gsize j = i + 1;

              for (;;)
                {
                  while (j < len && s[j] != '"')
                    j++;
                  if (j >= len)
                    return;
                  if (j + 1 < len && s[j + 1] == '"')
                    {
                      j += 2;
                      continue;
                    }
                  break;
                }
              if (j + 1 == len)
                {
                  if (!complete)
                    return;
                  closed = TRUE;
                }
              else if (s[j + 1] == delimiter || s[j + 1] == '\r' || s[j + 1] == '\n')
                closed = TRUE;
              else
                out->stray_quote = TRUE;
              if (closed)
                {
                  for (gsize k = i + 1; k < j && blank; k++)
                    blank = s[k] == ' ' || s[k] == '\t';
                  i = j + 1;
                }
            }
          if (!closed)
            {
              for (i = field_start; i < len; i++)
                {
                  if (s[i] == delimiter || s[i] == '\r' || s[i] == '\n')
                    break;
                  if (s[i] == '"' && i > field_start)
                    out->stray_quote = TRUE;
                  if (s[i] != ' ' && s[i] != '\t')
                    blank = FALSE;
                }
            }
          fields++;

          if (i == len)
            {
              if (!complete && out->n_records > 0)
                return;
              break;
            }
          if (s[i] == delimiter)
            {
              i++;
              continue;
            }
          if (s[i] == '\r' && i + 1 == len && !complete)
            return;
          if (out->line_ending == LINE_ENDING_NONE)
            {
              if (s[i] == '\n')
                out->line_ending = LINE_ENDING_LF;
              else if (i + 1 < len && s[i + 1] == '\n')
                out->line_ending = LINE_ENDING_CRLF;
              else
                out->line_ending = LINE_ENDING_CR;
            }
          if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
            i++;
          i++;
          break;
        }
      if (!blank)
        out->counts[out->n_records++] = fields;
    }
}

/* The most frequent field count (the larger one on a tie) and how often it
 * occurs. */
static void
sniff_mode (const Sniff *sniff,
            guint       *mode,
            guint       *frequency)
{
  *mode = 0;
  *frequency = 0;
  for (guint i = 0; i < sniff->n_records; i++)
    {
      guint f = 0;

      for (guint j = 0; j < sniff->n_records; j++)
        f += sniff->counts[j] == sniff->counts[i];
      if (f > *frequency || (f == *frequency && sniff->counts[i] > *mode))
        {
          *mode = sniff->counts[i];
          *frequency = f;
        }
    }
}

/* Whether quotes in a file are plain text rather than quoting.
 *
 * RFC 4180 quoting is the rule for CSV, and read_record() already reads one
 * badly quoted field as text.  That per-field fallback is not enough for TSV:
 * tab-separated text by its definition (IANA text/tab-separated-values) has
 * no quoting, and Google Sheets writes it so, answers and all.  An answer
 * that opens with a quote ("Native" graphics) is then caught by the fallback,
 * but one that opens with a quote and never closes one on the same line
 * would swallow the lines after it.  A writer that does quote must quote
 * every field that contains a quote, so a single stray quote in the sample
 * (a quote inside an unquoted field, or a "closing" quote with text after
 * it) shows that this writer never quotes: for a TAB-delimited file, every
 * quote is then read as text.  Comma and semicolon files keep RFC 4180
 * quoting whatever the sample shows, because there quoting is the norm and a
 * sloppy quote in one answer says little about the others. */
static gboolean
quotes_are_literal (char         delimiter,
                    const Sniff *sniff)
{
  return delimiter == '\t' && sniff->stray_quote;
}

static void
sniff (FwCsvReader *self)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  const char *s = self->buf + self->pos;
  gsize len = MIN (self->end - self->pos, SNIFF_BYTES);
  gboolean complete = self->eof && self->pos + len == self->end;
  Sniff best = { 0 };
  guint best_mode = 0, best_frequency = 0;
  gboolean have_separator = FALSE;

  /* Excel's "sep=;" first line names the delimiter and is not a record. */
  if (len >= 5 && g_ascii_strncasecmp (s, "sep=", 4) == 0
      && s[4] != '"' && s[4] != '\r' && s[4] != '\n' && s[4] != '\0' && (guchar) s[4] < 0x80
      && (len == 5 || s[5] == '\r' || s[5] == '\n'))
    {
      gsize skip = 5;

      self->delimiter = s[4];
      have_separator = TRUE;
      if (len > 5)
        {
          self->line_ending = s[5] == '\n' ? LINE_ENDING_LF : LINE_ENDING_CR;
          skip++;
          if (s[5] == '\r' && len > 6 && s[6] == '\n')
            {
              self->line_ending = LINE_ENDING_CRLF;
              skip++;
            }
          self->line++;
        }
      self->pos += skip;
      s += skip;
      len -= skip;
    }

  if (have_separator)
    sniff_sample (s, len, complete, self->delimiter, &best);
  else
    {
      /* Most consistent field count wins, then the higher count, then the
       * order of candidates. */
      self->delimiter = ',';
      for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
        {
          Sniff sniff;
          guint mode, frequency;

          sniff_sample (s, len, complete, candidates[c], &sniff);
          sniff_mode (&sniff, &mode, &frequency);
          if (mode < 2)
            continue;
          if (best_mode == 0
              || (guint64) frequency * best.n_records > (guint64) best_frequency * sniff.n_records
              || ((guint64) frequency * best.n_records
                    == (guint64) best_frequency * sniff.n_records
                  && mode > best_mode))
            {
              best = sniff;
              best_mode = mode;
              best_frequency = frequency;
              self->delimiter = candidates[c];
            }
        }
      if (best_mode == 0)
        sniff_sample (s, len, complete, self->delimiter, &best);
    }

  if (best.line_ending != LINE_ENDING_NONE)
    self->line_ending = best.line_ending;
  self->quotes_literal = quotes_are_literal (self->delimiter, &best);
}

/* Opening */

/* Reads base from its position to the end and says whether it is UTF-8.
 * On FALSE with no error, *bad_offset is where the first bad byte is,
 * counted from the position, and *bad_byte that byte.  Memory is bounded:
 * a sequence cut by the end of a chunk is carried over to the next. */
static gboolean
scan_utf8 (GInputStream *base,
           goffset      *bad_offset,
           guchar       *bad_byte,
           GError      **error)
{
  g_autofree char *chunk = g_malloc (SCAN_SIZE + 4);
  goffset offset = 0;
  gsize carry = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (base, chunk + carry, SCAN_SIZE, NULL, error);
      const char *bad;
      gsize len, rest;

      if (n < 0)
        return FALSE;
      len = carry + n;
      if (n == 0)
        {
          if (carry == 0)
            return TRUE;
          *bad_offset = offset;
          *bad_byte = chunk[0];
          return FALSE;
        }
      if (g_utf8_validate_len (chunk, len, &bad))
        {
          offset += len;
          carry = 0;
          continue;
        }
      rest = chunk + len - bad;
      if (rest < 4 && *bad != '\0' && g_utf8_get_char_validated (bad, rest) == (gunichar) -2)
        {
          memmove (chunk, bad, rest);
          offset += bad - chunk;
          carry = rest;
          continue;
        }
      *bad_offset = offset + (bad - chunk);
      *bad_byte = *bad;
      return FALSE;
    }
}

/* The line that byte offset (from the start of the text) is on, for the
 * rare error that needs it. */
static guint64
line_at_offset (GInputStream *base,
                goffset       offset)
{
  g_autofree char *chunk = g_malloc (SCAN_SIZE);
  guint64 line = 1;
  gboolean cr = FALSE;

  while (offset > 0)
    {
      gssize n = g_input_stream_read (base, chunk, MIN (offset, SCAN_SIZE), NULL, NULL);

      if (n <= 0)
        break;
      /* CRLF counts once, at its LF; a CR counts when no LF follows it. */
      for (gssize i = 0; i < n; i++)
        {
          if (chunk[i] == '\n' || cr)
            line++;
          cr = chunk[i] == '\r';
        }
      offset -= n;
    }
  return line + cr;
}

/* A non-seekable stream (a pipe) is copied to an unlinked temporary file, so
 * that the encoding check can read it twice in bounded memory. */
static gboolean
spool (FwCsvReader  *self,
       GInputStream *stream,
       GError      **error)
{
  g_autoptr(GFile) file = NULL;
  GError *local_error = NULL;
  GOutputStream *out;

  file = g_file_new_tmp ("flywheel-csv-XXXXXX", &self->spool, &local_error);
  if (file == NULL)
    return error_read (self, local_error, error);
  g_file_delete (file, NULL, NULL);

  out = g_io_stream_get_output_stream (G_IO_STREAM (self->spool));
  if (g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_NONE, NULL, &local_error) < 0
      || !g_output_stream_flush (out, NULL, &local_error)
      || !g_seekable_seek (G_SEEKABLE (self->spool), 0, G_SEEK_SET, NULL, &local_error))
    return error_read (self, local_error, error);
  self->base = g_object_ref (g_io_stream_get_input_stream (G_IO_STREAM (self->spool)));
  return TRUE;
}

static gboolean
seek_base (FwCsvReader *self,
           goffset      offset,
           GSeekType    type,
           GError     **error)
{
  GError *local_error = NULL;

  if (!g_seekable_seek (G_SEEKABLE (self->base), offset, type, NULL, &local_error))
    return error_read (self, local_error, error);
  return TRUE;
}

static gboolean
detect_encoding (FwCsvReader *self,
                 GError     **error)
{
  GError *local_error = NULL;
  guchar bom[4] = { 0 };
  gsize n = 0;
  goffset bad_offset = 0;
  guchar bad_byte = 0;

  if (!g_input_stream_read_all (self->base, bom, sizeof bom, &n, NULL, &local_error))
    return error_read (self, local_error, error);

  if (n >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
    {
      self->encoding = ENCODING_UTF16LE;
      self->start += 2;
    }
  else if (n >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
    {
      self->encoding = ENCODING_UTF16BE;
      self->start += 2;
    }
  else if (n >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
    {
      self->encoding = ENCODING_UTF8_BOM;
      self->start += 3;
    }
  else
    self->encoding = ENCODING_UTF8;
  if (!seek_base (self, self->start, G_SEEK_SET, error))
    return FALSE;

  if (self->encoding == ENCODING_UTF16LE || self->encoding == ENCODING_UTF16BE)
    {
      self->input = g_object_ref (self->base);
      self->raw = g_malloc (RAW_SIZE + 4);
      self->decoded_line = 1;
      return TRUE;
    }

  self->input = g_object_ref (self->base);
  if (scan_utf8 (self->base, &bad_offset, &bad_byte, &local_error))
    return seek_base (self, self->start, G_SEEK_SET, error);
  if (local_error != NULL)
    return error_read (self, local_error, error);
  if (!seek_base (self, self->start, G_SEEK_SET, error))
    return FALSE;

  if (self->encoding == ENCODING_UTF8_BOM)
    {
      /* The BOM says UTF-8, so a bad byte is damage, not another encoding. */
      self->line = line_at_offset (self->base, bad_offset);
      if (bad_byte == '\0')
        return error_not_text (self, error);
      /* Translators: a file name and a line number. */
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_ENCODING,
                   _("%s, line %llu: the file starts with a UTF-8 byte order mark, "
                     "but this line is not valid UTF-8"),
                   self->display_name, (unsigned long long) self->line);
      return FALSE;
    }
  self->encoding = ENCODING_WINDOWS_1252;
  self->raw = g_malloc (RAW_SIZE + 4);
  return TRUE;
}

/**
 * fw_csv_reader_new:
 * @stream: the file, positioned at its start
 * @display_name: the file's name as the user knows it, for error messages
 *
 * Detects the encoding, delimiter and quoting of @stream, reading it once to
 * its end when it is neither UTF-16 nor marked as UTF-8 by a BOM.  A stream
 * that cannot seek is first copied to a temporary file.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set
 */
FwCsvReader *
fw_csv_reader_new (GInputStream *stream,
                   const char   *display_name,
                   GError      **error)
{
  g_autoptr(FwCsvReader) self = NULL;
  GError *local_error = NULL;
  goffset end;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (FwCsvReader, 1);
  self->display_name = g_strdup (display_name != NULL ? display_name : _("the input"));
  self->delimiter = ',';
  self->line_ending = LINE_ENDING_NONE;
  self->line = 1;
  self->max_field = FW_CSV_DEFAULT_MAX_FIELD_SIZE;
  self->max_record = FW_CSV_DEFAULT_MAX_RECORD_SIZE;
  self->max_columns = FW_CSV_DEFAULT_MAX_COLUMNS;

  if (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)))
    self->base = g_object_ref (stream);
  else if (!spool (self, stream, error))
    return NULL;

  self->start = g_seekable_tell (G_SEEKABLE (self->base));
  if (!seek_base (self, 0, G_SEEK_END, error))
    return NULL;
  end = g_seekable_tell (G_SEEKABLE (self->base));
  if (!seek_base (self, self->start, G_SEEK_SET, error))
    return NULL;
  if (!detect_encoding (self, error))
    return NULL;
  self->size = end - self->start;

  self->cap = BUFFER_SIZE;
  self->buf = g_malloc (self->cap);
  self->data_cap = 4096;
  self->data = g_malloc (self->data_cap);
  self->fields_cap = 64;
  self->starts = g_new (gsize, self->fields_cap);
  self->fields = g_new (const char *, self->fields_cap);

  while (self->end < SNIFF_BYTES)
    {
      int r = fill (self, &local_error);

      if (r < 0)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (r == 0)
        break;
    }
  sniff (self);

  memset (self->special, 0, sizeof self->special);
  self->special[(guchar) self->delimiter] = 1;
  self->special['\r'] = 1;
  self->special['\n'] = 1;
  self->special['\0'] = 1;
  memset (self->quoted_special, 0, sizeof self->quoted_special);
  self->quoted_special['"'] = 1;
  self->quoted_special['\r'] = 1;
  self->quoted_special['\n'] = 1;
  self->quoted_special['\0'] = 1;

  return g_steal_pointer (&self);
}

FwCsvReader *
fw_csv_reader_open (const char *path,
                    GError    **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  name = g_filename_display_basename (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      /* Translators: a file name, then the system's reason. */
      g_set_error (error, FW_CSV_ERROR, FW_CSV_ERROR_IO,
                   _("Could not open %s: %s"), name, local_error->message);
      return NULL;
    }
  return fw_csv_reader_new (G_INPUT_STREAM (stream), name, error);
}

/**
 * fw_csv_reader_set_limits:
 * @max_field_size: bytes of UTF-8 in one field, 0 for the default
 * @max_record_size: bytes of UTF-8 in one record, 0 for the default
 * @max_columns: fields in one record, 0 for the default
 *
 * A record over a limit is an error.  The limits bound the reader's memory
 * to a few times @max_field_size (a quoted field is kept raw until it
 * closes) plus @max_record_size.
 */
void
fw_csv_reader_set_limits (FwCsvReader *self,
                          gsize        max_field_size,
                          gsize        max_record_size,
                          guint        max_columns)
{
  g_return_if_fail (self != NULL);

  self->max_field = max_field_size > 0 ? max_field_size : FW_CSV_DEFAULT_MAX_FIELD_SIZE;
  self->max_record = max_record_size > 0 ? max_record_size : FW_CSV_DEFAULT_MAX_RECORD_SIZE;
  self->max_columns = max_columns > 0 ? max_columns : FW_CSV_DEFAULT_MAX_COLUMNS;
}

/* Accessors */

char
fw_csv_reader_get_delimiter (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->delimiter;
}

/**
 * fw_csv_reader_get_encoding:
 *
 * Returns: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or
 *   "Windows-1252"
 */
const char *
fw_csv_reader_get_encoding (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->encoding)
    {
    case ENCODING_UTF8:
      return "UTF-8";
    case ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case ENCODING_UTF16LE:
      return "UTF-16LE";
    case ENCODING_UTF16BE:
      return "UTF-16BE";
    case ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      g_assert_not_reached ();
    }
}

/**
 * fw_csv_reader_get_line_ending:
 *
 * Returns: the first line end in the file outside quotes: "CRLF", "LF" or
 *   "CR", or "none" for a file of one line without one.  Every record may
 *   end in any of the three.
 */
const char *
fw_csv_reader_get_line_ending (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->line_ending)
    {
    case LINE_ENDING_CRLF:
      return "CRLF";
    case LINE_ENDING_LF:
      return "LF";
    case LINE_ENDING_CR:
      return "CR";
    case LINE_ENDING_NONE:
      return "none";
    default:
      g_assert_not_reached ();
    }
}

/* Whether the reader takes every quote as text; see quotes_are_literal(). */
gboolean
fw_csv_reader_get_quotes_literal (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->quotes_literal;
}

const char *
fw_csv_reader_get_display_name (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

/* The 1-based number of the record fw_csv_reader_next() returned last; the
 * header row is record 1, skipped blank rows do not count. */
guint64
fw_csv_reader_get_record_number (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_number;
}

/* The physical line, 1-based, on which that record starts. */
guint64
fw_csv_reader_get_line_number (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->returned_line;
}

/* How many blank rows and rows of nothing but delimiters were skipped. */
guint64
fw_csv_reader_get_n_skipped (FwCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_skipped;
}

/* How much of the file has been read, from 0 to 1, for a progress bar. */
double
fw_csv_reader_get_progress (FwCsvReader *self)
{
  goffset done;

  g_return_val_if_fail (self != NULL, 0.0);

  if (self->size <= 0)
    return 1.0;
  done = g_seekable_tell (G_SEEKABLE (self->base)) - self->start;
  return CLAMP ((double) done / self->size, 0.0, 1.0);
}

/**
 * fw_csv_unique_names:
 * @n_fields: the number of names
 * @fields: a header row
 *
 * Makes header names fit to show and to key on: trimmed, an empty one
 * becomes "Column 7" and a repeated one "Name (2)", "Name (3)".
 *
 * Returns: (transfer full): @n_fields names, %NULL-terminated
 */
char **
fw_csv_unique_names (guint               n_fields,
                     const char * const *fields)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char **names = g_new0 (char *, n_fields + 1);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *base = g_strstrip (g_strdup (fields[i]));
      char *name;

      if (base[0] == '\0')
        {
          g_free (base);
          base = g_strdup_printf (_("Column %u"), i + 1);
        }
      name = g_strdup (base);
      if (g_hash_table_contains (taken, name))
        {
          guint k = GPOINTER_TO_UINT (g_hash_table_lookup (next, base));

          for (k = MAX (k, 2);; k++)
            {
              g_free (name);
              name = g_strdup_printf ("%s (%u)", base, k);
              if (!g_hash_table_contains (taken, name))
                break;
            }
          g_hash_table_insert (next, g_strdup (base), GUINT_TO_POINTER (k + 1));
        }
      names[i] = name;
      g_hash_table_add (taken, name);
    }
  return names;
}
