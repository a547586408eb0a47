/* fw-xlsx.c: a streaming reader for the worksheets of Excel .xlsx workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why libzip and libxml2 rather than libgsf.  Both are well kept and in
 * Debian 12, and libgsf parses its XML with libxml2 too, so the question is
 * who drives the parser.  GsfXMLIn runs a whole document to the end in one
 * call: a reader that hands out one row at a time would have to keep the
 * whole sheet or run the parser on a thread.  libxml2's push parser takes the
 * sheet a chunk at a time, and we stop feeding it as soon as a row is ready,
 * so a 100 MB sheet costs one chunk and a few rows of memory.  With our own
 * SAX handler we also decide what a DOCTYPE does: the internalSubset callback
 * fires at "<!DOCTYPE" before any declaration in it is read, and it stops the
 * parser; and since the handler stores no entity declarations and looks none
 * up, there is nothing that could be expanded or fetched.  XXE and "billion
 * laughs" are impossible by construction, not caught by a heuristic, and no
 * XML_PARSE_NOENT, DTDLOAD or HUGE option is ever set.  libzip's zip_fread
 * inflates one entry as we ask for it and zip_stat gives both its sizes, so
 * we count the bytes that really come out and stop at the size cap, or as
 * soon as the compression ratio says zip bomb, whatever the headers claim.
 *
 * The package is read the way Excel does: _rels/.rels names the workbook,
 * its relationships name the sheets, the shared strings and the styles, so
 * no path is assumed.  The shared strings table is kept whole (a sheet may
 * use any string at any time) in one GStringChunk; the styles are reduced to
 * one flag per cell format: whether a number in it is a date.
 */

#define G_LOG_DOMAIN "fw-xlsx"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <math.h>
#include <string.h>
#include <zip.h>

#include "fw-xlsx.h"

/* Bytes of XML inflated and handed to the parser at a time.  Rows finished
 * in one chunk wait in the queue, so this also bounds the queue. */
#define CHUNK_SIZE (64 * 1024)

/* Deeper than any part of a workbook nests (a rich text run in a cell is
 * six deep).  libxml2 keeps a stack entry per open element and its push
 * parser sets no depth limit, so without ours a megabyte of "<a>" costs
 * some 20 MB of memory, and a sheet of the size the limits allow, gigabytes. */
#define MAX_XML_DEPTH 256

/* Excel's serial for 9999-12-31, the last day it can show. */
#define MAX_SERIAL_1900 2958465.0

typedef struct
{
  char *name;
  char *path; /* the worksheet part in the zip */
} Sheet;

typedef struct
{
  zip_t        *zip;
  char         *display_name; /* the basename, for messages */
  FwXlsxLimits  limits;
  char         *workbook_path;
  GArray       *sheets; /* Sheet, worksheets only, in workbook order */
  char         *shared_strings_path;
  char         *styles_path;
  gboolean      date1904;
} Package;

typedef struct _Part Part;

/* What one kind of part does with the SAX events; @name is the local name,
 * @attrs the libxml2 SAX2 quintuplets. */
typedef struct
{
  void (*start) (Part           *part,
                 const char     *name,
                 int             n_attrs,
                 const xmlChar **attrs);
  void (*end)   (Part           *part,
                 const char     *name);
  void (*text)  (Part           *part,
                 const char     *text,
                 gsize           len);
} PartClass;

struct _Part
{
  Package          *pkg;
  char             *path;
  char             *where; /* "survey.xlsx, sheet “Responses”", for messages */
  zip_file_t       *file;
  xmlParserCtxtPtr  ctxt;
  guchar           *buf;
  guint64           size;      /* uncompressed, as the zip declares it */
  guint64           comp_size; /* compressed: what zip_fread inflates at most */
  guint64           max_size;
  guint64           n_read;    /* uncompressed bytes really read */
  gboolean          done;
  gboolean          seen_root;
  guint             depth;     /* of the element being parsed, the root is 1 */
  GError           *error;     /* the first error a callback raised */
  char             *xml_error; /* libxml2's first error, for DAMAGED */
  int               xml_error_line;
  const PartClass  *klass;
  gpointer          data;
};

/* A cell or a row waiting in the queue until fw_xlsx_reader_next() hands it
 * out.  Empty cells are never queued. */
typedef struct
{
  guint    col;
  gboolean shared; /* value is an index in the shared strings, else an offset in text */
  gsize    value;
} QueuedCell;

typedef struct
{
  guint64 number;
  guint   first_cell;
  guint   n_cells;
} QueuedRow;

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED,
  CELL_INLINE,
  CELL_STRING,
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_ISO_DATE,
} CellType;

struct _FwXlsxReader
{
  Package        pkg;
  char          *sheet_name;
  Part          *sheet;

  GStringChunk  *strings;
  GPtrArray     *string_index; /* const char *, into strings */
  guint8        *date_styles;  /* per cellXfs index: numbers in it are dates */
  guint          n_styles;

  /* Where the sheet's parser is */
  guint          sheet_data_depth; /* 0 outside <sheetData> */
  gboolean       in_row;
  guint64        row_number;
  guint64        prev_row_number;
  gboolean       in_cell;
  char           cell_ref[24];
  guint          cell_col;
  gint64         prev_col;
  CellType       cell_type;
  guint          cell_style;
  gboolean       capture;       /* in <v>, or in a <t> of <is> outside <rPh> */
  guint          is_depth;      /* of <is>, 0 outside */
  guint          phonetic_depth; /* of <rPh>, 0 outside */
  GString       *cell_text;

  /* The row being parsed */
  GString       *row_text;
  GArray        *row_cells;

  /* Rows parsed and not yet returned */
  GString       *queue_text;
  GArray        *queue_cells;
  GArray        *queue_rows;
  guint          queue_pos;

  const char   **fields;
  guint          fields_cap;

  guint64        record_number;
  guint64        n_skipped;
  GError        *failure; /* once reading failed, every later call reports it */
};

G_DEFINE_QUARK (fw-xlsx-error-quark, fw_xlsx_error)

/* Limits */

/**
 * fw_xlsx_limits_init:
 *
 * Fills @limits with the defaults of fw-xlsx.h, for a caller that changes
 * one or two and passes them to fw_xlsx_reader_open_with_limits().
 */
void
fw_xlsx_limits_init (FwXlsxLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_sheet_size = FW_XLSX_DEFAULT_MAX_SHEET_SIZE;
  limits->max_shared_strings_size = FW_XLSX_DEFAULT_MAX_SHARED_STRINGS_SIZE;
  limits->max_part_size = FW_XLSX_DEFAULT_MAX_PART_SIZE;
  limits->ratio_min_size = FW_XLSX_DEFAULT_RATIO_MIN_SIZE;
  limits->max_ratio = FW_XLSX_DEFAULT_MAX_RATIO;
  limits->max_columns = FW_XLSX_DEFAULT_MAX_COLUMNS;
  limits->max_field_size = FW_XLSX_DEFAULT_MAX_FIELD_SIZE;
  limits->max_record_size = FW_XLSX_DEFAULT_MAX_RECORD_SIZE;
}

/* A zero in @limits means the default, as in fw_csv_reader_set_limits(). */
static void
limits_fill (FwXlsxLimits       *out,
             const FwXlsxLimits *in)
{
  FwXlsxLimits def;

  fw_xlsx_limits_init (&def);
  *out = def;
  if (in == NULL)
    return;
#define TAKE(field) out->field = in->field > 0 ? in->field : def.field
  TAKE (max_sheet_size);
  TAKE (max_shared_strings_size);
  TAKE (max_part_size);
  TAKE (ratio_min_size);
  TAKE (max_ratio);
  TAKE (max_columns);
  TAKE (max_field_size);
  TAKE (max_record_size);
#undef TAKE
}

static char *
format_size (guint64 size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

/* Cell references: column 0 is A, 25 is Z, 26 is AA. */
static void
column_letters (guint col,
                char  out[8])
{
  char tmp[8];
  int n = 0;

  col++;
  while (col > 0 && n < 7)
    {
      tmp[n++] = 'A' + (col - 1) % 26;
      col = (col - 1) / 26;
    }
  for (int i = 0; i < n; i++)
    out[i] = tmp[n - 1 - i];
  out[n] = '\0';
}

/* SAX2 attributes */

/* libxml2 hands attribute values as (start, end) without a NUL.  @namespaced
 * tells r:id (which has a namespace) from a plain id. */
static const char *
attr_find (int             n_attrs,
           const xmlChar **attrs,
           const char     *name,
           gboolean        namespaced,
           gsize          *len)
{
  for (int i = 0; i < n_attrs; i++)
    {
      const xmlChar **a = attrs + 5 * i;

      if (strcmp ((const char *) a[0], name) == 0 && (a[2] != NULL) == namespaced)
        {
          *len = a[4] - a[3];
          return (const char *) a[3];
        }
    }
  return NULL;
}

/* Without XML_PARSE_NOENT, which we never set, libxml2 leaves an ampersand
 * in an attribute value as the character reference "&#38;" for the tree
 * builder to undo; we have no tree builder, so undo it here, once and left
 * to right ("&amp;#38;" arrives as "&#38;#38;" and means "&#38;"). */
static char *
attr_dup (int             n_attrs,
          const xmlChar **attrs,
          const char     *name,
          gboolean        namespaced)
{
  gsize len;
  const char *value = attr_find (n_attrs, attrs, name, namespaced, &len);
  GString *out;

  if (value == NULL)
    return NULL;
  out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == '&' && len - i >= 5 && memcmp (value + i, "&#38;", 5) == 0)
        {
          g_string_append_c (out, '&');
          i += 4;
        }
      else
        g_string_append_c (out, value[i]);
    }
  return g_string_free (out, FALSE);
}

/* Copies a short attribute into @buf; FALSE when it is missing or longer. */
static gboolean
attr_copy (int             n_attrs,
           const xmlChar **attrs,
           const char     *name,
           char           *buf,
           gsize           size)
{
  gsize len;
  const char *value = attr_find (n_attrs, attrs, name, FALSE, &len);

  if (value == NULL || len >= size)
    return FALSE;
  memcpy (buf, value, len);
  buf[len] = '\0';
  return TRUE;
}

/* xsd:boolean as OOXML writes it, ST_OnOff included. */
static gboolean
attr_true (int             n_attrs,
           const xmlChar **attrs,
           const char     *name)
{
  char buf[8];

  if (!attr_copy (n_attrs, attrs, name, buf, sizeof buf))
    return FALSE;
  return strcmp (buf, "1") == 0 || strcmp (buf, "true") == 0 || strcmp (buf, "on") == 0;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return g_ascii_string_to_unsigned (copy, 10, 0, max, out, NULL);
}

/* Parts: one zip entry streamed through the push parser */

/* Keeps the first error and stops the parser; @cell is a reference such as
 * "C12" or NULL. */
static void
part_set_error (Part        *part,
                FwXlsxError  code,
                const char  *cell,
                const char  *detail)
{
  if (part->error != NULL)
    return;
  if (cell != NULL)
    /* Translators: where in the file (a file name and a sheet), a cell
     * reference such as C12, then what is wrong there. */
    part->error = g_error_new (FW_XLSX_ERROR, code, _("%s, cell %s: %s"), part->where, cell,
                               detail);
  else
    /* Translators: where in the file (a file name and a sheet or part),
     * then what is wrong there. */
    part->error = g_error_new (FW_XLSX_ERROR, code, _("%s: %s"), part->where, detail);
  if (part->ctxt != NULL)
    xmlStopParser (part->ctxt);
}

static void
part_fail (Part        *part,
           FwXlsxError  code,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
part_fail (Part        *part,
           FwXlsxError  code,
           const char  *format,
           ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  part_set_error (part, code, NULL, detail);
}

static void
sax_start_element (void           *ctx,
                   const xmlChar  *localname,
                   const xmlChar  *prefix,
                   const xmlChar  *uri,
                   int             n_namespaces,
                   const xmlChar **namespaces,
                   int             n_attrs,
                   int             n_defaulted,
                   const xmlChar **attrs)
{
  Part *part = ctx;

  if (part->error != NULL)
    return;
  part->depth++;
  if (part->depth > MAX_XML_DEPTH)
    {
      part_fail (part, FW_XLSX_ERROR_TOO_LARGE,
                 _("the XML nests elements more than %u deep, which no spreadsheet does"),
                 MAX_XML_DEPTH);
      return;
    }
  if (part->klass->start != NULL)
    part->klass->start (part, (const char *) localname, n_attrs, attrs);
  /* Only a root element the part accepts counts. */
  if (part->error == NULL)
    part->seen_root = TRUE;
}

static void
sax_end_element (void          *ctx,
                 const xmlChar *localname,
                 const xmlChar *prefix,
                 const xmlChar *uri)
{
  Part *part = ctx;

  if (part->error != NULL)
    return;
  if (part->klass->end != NULL)
    part->klass->end (part, (const char *) localname);
  part->depth--;
}

static void
sax_characters (void          *ctx,
                const xmlChar *text,
                int            len)
{
  Part *part = ctx;

  if (part->error != NULL || part->klass->text == NULL)
    return;
  part->klass->text (part, (const char *) text, len);
}

/* The whole of our answer to XXE and entity expansion: no workbook part has
 * a document type, so the first sign of one ends the parse, before libxml2
 * reads a single declaration inside it. */
static void
sax_internal_subset (void          *ctx,
                     const xmlChar *name,
                     const xmlChar *external_id,
                     const xmlChar *system_id)
{
  part_fail (ctx, FW_XLSX_ERROR_UNSAFE_XML,
             _("the XML has a document type declaration (<!DOCTYPE>), which Excel never "
               "writes and which can hide entity tricks to read other files or exhaust "
               "memory; the file was not read"));
}

/* Never reached while sax_internal_subset() stops the parser; kept so that
 * no later change can make libxml2 store a declaration for us. */
static void
sax_entity_decl (void          *ctx,
                 const xmlChar *name,
                 int            type,
                 const xmlChar *public_id,
                 const xmlChar *system_id,
                 xmlChar       *content)
{
  part_fail (ctx, FW_XLSX_ERROR_UNSAFE_XML,
             _("the XML declares an entity, which Excel never writes; the file was not read"));
}

static void
sax_external_subset (void          *ctx,
                     const xmlChar *name,
                     const xmlChar *external_id,
                     const xmlChar *system_id)
{
  sax_internal_subset (ctx, name, external_id, system_id);
}

static void
sax_error (void        *ctx,
           xmlErrorPtr error)
{
  Part *part = ctx;

  if (error == NULL || error->level < XML_ERR_ERROR || part->xml_error != NULL)
    return;
  part->xml_error = g_strstrip (g_strdup (error->message != NULL ? error->message : "?"));
  part->xml_error_line = error->line;
}

static xmlSAXHandler sax_handler = {
  .internalSubset = sax_internal_subset,
  .externalSubset = sax_external_subset,
  .entityDecl = sax_entity_decl,
  .characters = sax_characters,
  .ignorableWhitespace = sax_characters,
  .cdataBlock = sax_characters,
  .startElementNs = sax_start_element,
  .endElementNs = sax_end_element,
  .serror = sax_error,
  .initialized = XML_SAX2_MAGIC,
};

static void
part_free (Part *part)
{
  if (part == NULL)
    return;
  if (part->ctxt != NULL)
    xmlFreeParserCtxt (part->ctxt);
  if (part->file != NULL)
    zip_fclose (part->file);
  g_free (part->buf);
  g_free (part->path);
  g_free (part->where);
  g_free (part->xml_error);
  g_clear_error (&part->error);
  g_free (part);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Part, part_free)

static zip_int64_t
locate (Package    *pkg,
        const char *path)
{
  zip_int64_t index = zip_name_locate (pkg->zip, path, 0);

  /* Part names are case-insensitive in OPC. */
  if (index < 0)
    index = zip_name_locate (pkg->zip, path, ZIP_FL_NOCASE);
  return index;
}

static gboolean
part_error (Part    *part,
            GError **error)
{
  g_propagate_error (error, g_steal_pointer (&part->error));
  return FALSE;
}

static Part *
part_open_failed (Part    *part,
                  GError **error)
{
  part_error (part, error);
  return NULL;
}

/* Opens @path for parsing, refusing it on its declared sizes already. */
static Part *
part_open (Package         *pkg,
           const char      *path,
           const char      *where,
           guint64          max_size,
           const PartClass *klass,
           gpointer         data,
           GError         **error)
{
  g_autoptr(Part) part = g_new0 (Part, 1);
  zip_int64_t index;
  zip_stat_t st;
  const FwXlsxLimits *limits = &pkg->limits;

  part->pkg = pkg;
  part->path = g_strdup (path);
  part->where = where != NULL ? g_strdup (where)
                              /* Translators: a file name, then a path inside the zip. */
                              : g_strdup_printf (_("%s, part “%s”"), pkg->display_name, path);
  part->max_size = max_size;
  part->klass = klass;
  part->data = data;

  index = locate (pkg, path);
  if (index < 0)
    {
      part_fail (part, FW_XLSX_ERROR_DAMAGED, _("this part of the workbook is missing from the zip archive"));
      return part_open_failed (part, error);
    }
  zip_stat_init (&st);
  if (zip_stat_index (pkg->zip, index, 0, &st) != 0)
    {
      part_fail (part, FW_XLSX_ERROR_DAMAGED, "%s", zip_strerror (pkg->zip));
      return part_open_failed (part, error);
    }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    {
      part_fail (part, FW_XLSX_ERROR_UNSUPPORTED, _("the data is encrypted"));
      return part_open_failed (part, error);
    }
  if ((st.valid & ZIP_STAT_COMP_METHOD) && !zip_compression_method_supported (st.comp_method, 0))
    {
      part_fail (part, FW_XLSX_ERROR_UNSUPPORTED,
                 _("the data is compressed with a method this program cannot read (%u)"),
                 (guint) st.comp_method);
      return part_open_failed (part, error);
    }
  part->size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  part->comp_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;

  /* The declared size can lie, so part_feed() counts again; an honest
   * header lets us refuse before inflating anything. */
  if (part->size > max_size)
    {
      g_autofree char *size = format_size (part->size);
      g_autofree char *limit = format_size (max_size);

      part_fail (part, FW_XLSX_ERROR_TOO_LARGE,
                 _("the data unpacks to %s, more than the limit of %s"), size, limit);
      return part_open_failed (part, error);
    }
  if (part->size > limits->ratio_min_size
      && part->size / MAX (part->comp_size, 1) > limits->max_ratio)
    {
      g_autofree char *size = format_size (part->size);
      g_autofree char *comp = format_size (part->comp_size);

      part_fail (part, FW_XLSX_ERROR_TOO_LARGE,
                 _("%s compressed to %s is over %u to 1, which no spreadsheet does: "
                   "the file looks like a zip bomb"),
                 size, comp, limits->max_ratio);
      return part_open_failed (part, error);
    }

  part->file = zip_fopen_index (pkg->zip, index, 0);
  if (part->file == NULL)
    {
      part_fail (part, FW_XLSX_ERROR_DAMAGED, "%s", zip_strerror (pkg->zip));
      return part_open_failed (part, error);
    }
  part->buf = g_malloc (CHUNK_SIZE);

  /* The encoding is detected from the first bytes, which the first call of
   * xmlParseChunk() brings. */
  part->ctxt = xmlCreatePushParserCtxt (&sax_handler, part, NULL, 0, path);
  if (part->ctxt == NULL)
    g_error ("libxml2 could not create a parser");
  xmlCtxtUseOptions (part->ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);

  return g_steal_pointer (&part);
}

/* Inflates one chunk and parses it.  Returns FALSE on error; part->done
 * once the whole part is parsed. */
static gboolean
part_feed (Part    *part,
           GError **error)
{
  const FwXlsxLimits *limits = &part->pkg->limits;
  zip_int64_t n;
  int rc;

  g_assert (!part->done);

  n = zip_fread (part->file, part->buf, CHUNK_SIZE);
  if (n < 0)
    {
      part_fail (part, FW_XLSX_ERROR_DAMAGED, _("the zip archive is damaged (%s)"),
                 zip_file_strerror (part->file));
      return part_error (part, error);
    }
  part->n_read += n;
  if (part->n_read > part->max_size)
    {
      g_autofree char *limit = format_size (part->max_size);

      part_fail (part, FW_XLSX_ERROR_TOO_LARGE,
                 _("the data unpacks to more than the limit of %s"), limit);
      return part_error (part, error);
    }
  /* What has come out so far over the whole compressed size can only grow,
   * so a bomb is caught long before it has gone off. */
  if (part->n_read > limits->ratio_min_size
      && part->n_read / MAX (part->comp_size, 1) > limits->max_ratio)
    {
      g_autofree char *comp = format_size (part->comp_size);

      part_fail (part, FW_XLSX_ERROR_TOO_LARGE,
                 _("%s of compressed data unpacks to over %u times as much, which no "
                   "spreadsheet does: the file looks like a zip bomb"),
                 comp, limits->max_ratio);
      return part_error (part, error);
    }

  rc = xmlParseChunk (part->ctxt, (const char *) part->buf, (int) n, n == 0);
  if (part->error != NULL)
    return part_error (part, error);
  if (rc != 0 || (n == 0 && !part->seen_root))
    {
      if (part->xml_error != NULL)
        part_fail (part, FW_XLSX_ERROR_DAMAGED, _("the XML is damaged at line %d (%s)"),
                   part->xml_error_line, part->xml_error);
      else
        part_fail (part, FW_XLSX_ERROR_DAMAGED, _("the XML is damaged"));
      return part_error (part, error);
    }
  if (n == 0)
    part->done = TRUE;
  return TRUE;
}

static gboolean
part_parse_all (Part    *part,
                GError **error)
{
  while (!part->done)
    {
      if (!part_feed (part, error))
        return FALSE;
    }
  return TRUE;
}

/* Relationships */

typedef struct
{
  char *id;
  char *type;
  char *target; /* resolved to a part name */
} Relationship;

static void
relationship_free (Relationship *rel)
{
  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

typedef struct
{
  const char *source; /* the part the relationships belong to, "" for the package */
  GPtrArray  *rels;
} RelsData;

/* A relationship's target, relative to its source part unless it starts
 * with a slash, as a zip entry name.  Some writers use backslashes or
 * percent-escape spaces. */
static char *
resolve_target (const char *source,
                const char *target)
{
  g_autofree char *unescaped = g_uri_unescape_string (target, NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) segments = NULL;
  const char *t = unescaped != NULL ? unescaped : target;
  g_autofree char *copy = g_strdelimit (g_strdup (t), "\\", '/');

  if (copy[0] != '/')
    {
      g_auto(GStrv) base = g_strsplit (source, "/", -1);
      guint n = g_strv_length (base);

      /* The source's folder: all but its last segment. */
      for (guint i = 0; i + 1 < n; i++)
        if (base[i][0] != '\0')
          g_ptr_array_add (parts, g_strdup (base[i]));
    }
  segments = g_strsplit (copy, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || strcmp (segments[i], ".") == 0)
        continue;
      if (strcmp (segments[i], "..") == 0)
        {
          if (parts->len > 0)
            g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, g_strdup (segments[i]));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("/", (char **) parts->pdata);
}

static void
rels_start (Part           *part,
            const char     *name,
            int             n_attrs,
            const xmlChar **attrs)
{
  RelsData *data = part->data;
  g_autofree char *mode = NULL;
  g_autofree char *target = NULL;
  Relationship *rel;

  if (part->depth != 2 || strcmp (name, "Relationship") != 0)
    return;
  mode = attr_dup (n_attrs, attrs, "TargetMode", FALSE);
  target = attr_dup (n_attrs, attrs, "Target", FALSE);
  if (target == NULL || (mode != NULL && strcmp (mode, "External") == 0))
    return;
  rel = g_new0 (Relationship, 1);
  rel->id = attr_dup (n_attrs, attrs, "Id", FALSE);
  rel->type = attr_dup (n_attrs, attrs, "Type", FALSE);
  rel->target = resolve_target (data->source, target);
  if (rel->id == NULL)
    rel->id = g_strdup ("");
  if (rel->type == NULL)
    rel->type = g_strdup ("");
  g_ptr_array_add (data->rels, rel);
}

static const PartClass rels_class = { rels_start, NULL, NULL };

/* The relationships of @source, which has none when its .rels part is
 * missing. */
static GPtrArray *
read_rels (Package    *pkg,
           const char *source,
           GError    **error)
{
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func ((GDestroyNotify) relationship_free);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Part) part = NULL;
  RelsData data = { source, rels };
  const char *slash = strrchr (source, '/');

  dir = slash != NULL ? g_strndup (source, slash - source + 1) : g_strdup ("");
  path = g_strconcat (dir, "_rels/", slash != NULL ? slash + 1 : source, ".rels", NULL);
  if (locate (pkg, path) < 0)
    return g_steal_pointer (&rels);
  part = part_open (pkg, path, NULL, pkg->limits.max_part_size, &rels_class, &data, error);
  if (part == NULL || !part_parse_all (part, error))
    return NULL;
  return g_steal_pointer (&rels);
}

/* Relationship types differ between transitional and strict OOXML only in
 * their prefix. */
static gboolean
type_is (const Relationship *rel,
         const char         *suffix)
{
  return g_str_has_suffix (rel->type, suffix);
}

/* The workbook part */

typedef struct
{
  char *name;
  char *rid;
} SheetEntry;

typedef struct
{
  Package  *pkg;
  gboolean  is_workbook;
  gboolean  in_sheets;
  GArray   *entries; /* SheetEntry */
} WorkbookData;

static void
sheet_entry_clear (SheetEntry *entry)
{
  g_free (entry->name);
  g_free (entry->rid);
}

static void
workbook_start (Part           *part,
                const char     *name,
                int             n_attrs,
                const xmlChar **attrs)
{
  WorkbookData *data = part->data;

  if (part->depth == 1)
    data->is_workbook = strcmp (name, "workbook") == 0;
  else if (part->depth == 2 && strcmp (name, "workbookPr") == 0)
    data->pkg->date1904 = attr_true (n_attrs, attrs, "date1904");
  else if (part->depth == 2 && strcmp (name, "sheets") == 0)
    data->in_sheets = TRUE;
  else if (part->depth == 3 && data->in_sheets && strcmp (name, "sheet") == 0)
    {
      SheetEntry entry = {
        attr_dup (n_attrs, attrs, "name", FALSE),
        attr_dup (n_attrs, attrs, "id", TRUE),
      };

      if (entry.name == NULL || entry.rid == NULL)
        {
          sheet_entry_clear (&entry);
          part_fail (part, FW_XLSX_ERROR_DAMAGED, _("a sheet has no name or no relationship"));
          return;
        }
      g_array_append_val (data->entries, entry);
    }
}

static void
workbook_end (Part       *part,
              const char *name)
{
  WorkbookData *data = part->data;

  if (part->depth == 2 && strcmp (name, "sheets") == 0)
    data->in_sheets = FALSE;
}

static const PartClass workbook_class = { workbook_start, workbook_end, NULL };

static void
sheet_clear (Sheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->path);
}

static void
package_clear (Package *pkg)
{
  if (pkg->zip != NULL)
    zip_discard (pkg->zip);
  g_free (pkg->display_name);
  g_free (pkg->workbook_path);
  g_clear_pointer (&pkg->sheets, g_array_unref);
  g_free (pkg->shared_strings_path);
  g_free (pkg->styles_path);
  memset (pkg, 0, sizeof *pkg);
}

/* An Excel 97-2003 .xls, and an .xlsx saved with a password (Excel wraps the
 * encrypted zip in the same container), start with the OLE2 signature. */
static gboolean
is_ole2 (const char *path)
{
  static const guchar signature[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guchar head[8];
  FILE *file = g_fopen (path, "rb");
  gboolean ole2;

  if (file == NULL)
    return FALSE;
  ole2 = fread (head, 1, sizeof head, file) == sizeof head
         && memcmp (head, signature, sizeof head) == 0;
  fclose (file);
  return ole2;
}

/* Opens the zip and reads which worksheets the workbook has and where they,
 * the shared strings and the styles are. */
static gboolean
package_open (Package            *pkg,
              const char         *path,
              const FwXlsxLimits *limits,
              GError            **error)
{
  const char *name;
  int zip_code = 0;
  g_autoptr(GPtrArray) root_rels = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(Part) part = NULL;
  WorkbookData data = { pkg };
  static gsize xml_ready = 0;

  if (g_once_init_enter (&xml_ready))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_ready, 1);
    }

  memset (pkg, 0, sizeof *pkg);
  limits_fill (&pkg->limits, limits);
  pkg->display_name = g_filename_display_basename (path);
  pkg->sheets = g_array_new (FALSE, FALSE, sizeof (Sheet));
  g_array_set_clear_func (pkg->sheets, (GDestroyNotify) sheet_clear);
  name = pkg->display_name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_IO,
                   _("Could not open %s: %s"), name, g_strerror (EISDIR));
      return FALSE;
    }
  pkg->zip = zip_open (path, ZIP_RDONLY, &zip_code);
  if (pkg->zip == NULL)
    {
      zip_error_t zip_error;
      g_autofree char *reason = NULL;

      zip_error_init_with_code (&zip_error, zip_code);
      reason = g_strdup (zip_error_strerror (&zip_error));
      zip_error_fini (&zip_error);

      switch (zip_code)
        {
        case ZIP_ER_NOZIP:
          if (is_ole2 (path))
            g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_NOT_XLSX,
                         _("%s is an Excel 97–2003 workbook (.xls) or one saved with a "
                           "password; open it in Excel and save it as an .xlsx workbook "
                           "without a password"),
                         name);
          else
            g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_NOT_XLSX,
                         _("%s is not an Excel workbook: an .xlsx file is a zip archive, "
                           "and this is not one"),
                         name);
          break;
        case ZIP_ER_INCONS:
        case ZIP_ER_CRC:
        case ZIP_ER_COMPNOTSUPP:
        case ZIP_ER_ENCRNOTSUPP:
        case ZIP_ER_ZLIB:
          g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_DAMAGED,
                       _("%s is a damaged zip archive (%s)"), name, reason);
          break;
        default:
          /* Translators: a file name, then the system's reason. */
          g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_IO,
                       _("Could not open %s: %s"), name, reason);
          break;
        }
      return FALSE;
    }

  /* The package relationships name the workbook; files from careless
   * writers that lack them get the usual place. */
  root_rels = read_rels (pkg, "", error);
  if (root_rels == NULL)
    return FALSE;
  for (guint i = 0; i < root_rels->len && pkg->workbook_path == NULL; i++)
    {
      Relationship *rel = g_ptr_array_index (root_rels, i);

      if (type_is (rel, "/officeDocument"))
        pkg->workbook_path = g_strdup (rel->target);
    }
  if (pkg->workbook_path == NULL)
    pkg->workbook_path = g_strdup ("xl/workbook.xml");
  if (locate (pkg, pkg->workbook_path) < 0)
    {
      g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_NOT_XLSX,
                   _("%s is a zip archive but not an Excel workbook: it has no workbook part"),
                   name);
      return FALSE;
    }

  data.entries = entries = g_array_new (FALSE, FALSE, sizeof (SheetEntry));
  g_array_set_clear_func (entries, (GDestroyNotify) sheet_entry_clear);
  part = part_open (pkg, pkg->workbook_path, NULL, pkg->limits.max_part_size, &workbook_class,
                    &data, error);
  if (part == NULL || !part_parse_all (part, error))
    return FALSE;
  if (!data.is_workbook)
    {
      g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_NOT_XLSX,
                   _("%s is an Office document but not an Excel workbook"), name);
      return FALSE;
    }

  rels = read_rels (pkg, pkg->workbook_path, error);
  if (rels == NULL)
    return FALSE;
  for (guint i = 0; i < rels->len; i++)
    {
      Relationship *rel = g_ptr_array_index (rels, i);

      if (type_is (rel, "/sharedStrings") && pkg->shared_strings_path == NULL)
        pkg->shared_strings_path = g_strdup (rel->target);
      else if (type_is (rel, "/styles") && pkg->styles_path == NULL)
        pkg->styles_path = g_strdup (rel->target);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      SheetEntry *entry = &g_array_index (entries, SheetEntry, i);

      for (guint j = 0; j < rels->len; j++)
        {
          Relationship *rel = g_ptr_array_index (rels, j);

          /* Chart sheets, dialog sheets and macro sheets hold no cells. */
          if (strcmp (rel->id, entry->rid) == 0 && type_is (rel, "/worksheet"))
            {
              Sheet sheet = { g_strdup (entry->name), g_strdup (rel->target) };

              g_array_append_val (pkg->sheets, sheet);
              break;
            }
        }
    }
  return TRUE;
}

/**
 * fw_xlsx_list_sheets:
 *
 * Returns: (transfer full): the names of the worksheets in @path in the
 *   order of their tabs (chart sheets left out), or %NULL with @error set
 */
char **
fw_xlsx_list_sheets (const char *path,
                     GError    **error)
{
  Package pkg;
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!package_open (&pkg, path, NULL, error))
    {
      package_clear (&pkg);
      return NULL;
    }
  builder = g_strv_builder_new ();
  for (guint i = 0; i < pkg.sheets->len; i++)
    g_strv_builder_add (builder, g_array_index (pkg.sheets, Sheet, i).name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  package_clear (&pkg);
  return names;
}

/* Styles: which cell formats show numbers as dates */

typedef struct
{
  GHashTable *custom;  /* numFmtId -> formatCode */
  GArray     *xf_fmts; /* guint, the numFmtId of each cellXfs entry */
  gboolean    in_cell_xfs;
} StylesData;

/* Excel's built-in date and time formats: 14-22 everywhere, 45-47 for
 * minutes and seconds, and 27-36 and 50-58 the dates of the Chinese,
 * Japanese and Korean versions. */
static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
         || (id >= 50 && id <= 58);
}

/* A format code shows a date or time when it has a d, m, y, h or s that is
 * not text: not inside quotes, not escaped with a backslash, not the
 * character after _ (a space as wide as it) or * (repeat to fill), and not
 * in brackets, which hold colours, conditions and locales ([Red], [$-409]). */
static gboolean
format_code_is_date (const char *code)
{
  for (const char *p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;
        case '[':
          p = strchr (p + 1, ']');
          if (p == NULL)
            return FALSE;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] == '\0')
            return FALSE;
          p++;
          break;
        default:
          if (strchr ("dmyhsDMYHS", *p) != NULL)
            return TRUE;
          break;
        }
    }
  return FALSE;
}

static void
styles_start (Part           *part,
              const char     *name,
              int             n_attrs,
              const xmlChar **attrs)
{
  StylesData *data = part->data;
  char id_text[16];
  guint64 id;

  if (part->depth == 2 && strcmp (name, "cellXfs") == 0)
    data->in_cell_xfs = TRUE;
  else if (part->depth == 3 && data->in_cell_xfs && strcmp (name, "xf") == 0)
    {
      guint fmt = 0;

      if (attr_copy (n_attrs, attrs, "numFmtId", id_text, sizeof id_text)
          && parse_uint (id_text, G_MAXUINT, &id))
        fmt = id;
      g_array_append_val (data->xf_fmts, fmt);
    }
  else if (part->depth == 3 && strcmp (name, "numFmt") == 0)
    {
      char *code;

      if (!attr_copy (n_attrs, attrs, "numFmtId", id_text, sizeof id_text)
          || !parse_uint (id_text, G_MAXUINT, &id))
        return;
      code = attr_dup (n_attrs, attrs, "formatCode", FALSE);
      if (code != NULL)
        g_hash_table_replace (data->custom, GUINT_TO_POINTER ((guint) id), code);
    }
}

static void
styles_end (Part       *part,
            const char *name)
{
  StylesData *data = part->data;

  if (part->depth == 2 && strcmp (name, "cellXfs") == 0)
    data->in_cell_xfs = FALSE;
}

static const PartClass styles_class = { styles_start, styles_end, NULL };

static gboolean
read_styles (FwXlsxReader *self,
             GError      **error)
{
  g_autoptr(GHashTable) custom = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) xf_fmts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(Part) part = NULL;
  StylesData data = { custom, xf_fmts, FALSE };

  if (self->pkg.styles_path == NULL || locate (&self->pkg, self->pkg.styles_path) < 0)
    return TRUE;
  part = part_open (&self->pkg, self->pkg.styles_path, NULL, self->pkg.limits.max_part_size,
                    &styles_class, &data, error);
  if (part == NULL || !part_parse_all (part, error))
    return FALSE;

  /* Classified at the end, in case a writer put numFmts after cellXfs.  A
   * numFmt may redefine a built-in id, so it comes first. */
  self->n_styles = xf_fmts->len;
  self->date_styles = g_malloc0 (MAX (xf_fmts->len, 1));
  for (guint i = 0; i < xf_fmts->len; i++)
    {
      guint fmt = g_array_index (xf_fmts, guint, i);
      const char *code = g_hash_table_lookup (custom, GUINT_TO_POINTER (fmt));

      self->date_styles[i] = code != NULL ? format_code_is_date (code) : builtin_is_date (fmt);
    }
  return TRUE;
}

/* Text values */

static gboolean
xstring_escape_at (const char *s,
                   gsize       len,
                   gunichar   *unit)
{
  int value = 0;

  if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
    return FALSE;
  for (int i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (s[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  *unit = value;
  return TRUE;
}

/* OOXML text (ST_Xstring) writes characters XML cannot hold as _xHHHH_, a
 * UTF-16 code unit: Excel stores a carriage return as _x000D_ and a literal
 * "_x" as _x005F_x.  Decodes @text from @start on, in place. */
static void
decode_xstring (GString *text,
                gsize    start)
{
  gsize in, out;

  if (strstr (text->str + start, "_x") == NULL)
    return;
  for (in = out = start; in < text->len;)
    {
      gunichar unit, low;

      if (!xstring_escape_at (text->str + in, text->len - in, &unit))
        {
          text->str[out++] = text->str[in++];
          continue;
        }
      in += 7;
      if (unit >= 0xD800 && unit < 0xDC00
          && xstring_escape_at (text->str + in, text->len - in, &low) && low >= 0xDC00
          && low < 0xE000)
        {
          unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          in += 7;
        }
      /* A lone surrogate or a NUL cannot be text. */
      if (unit == 0 || (unit >= 0xD800 && unit < 0xE000))
        unit = 0xFFFD;
      /* At most 4 bytes of UTF-8 from at least 7 of escape: no overlap. */
      out += g_unichar_to_utf8 (unit, text->str + out);
    }
  g_string_truncate (text, out);
}

/* Shared strings */

typedef struct
{
  FwXlsxReader *reader;
  GString      *text;
  gboolean      in_si;
  gboolean      in_t;
  guint         phonetic_depth;
  guint64       memory; /* what the table costs so far */
} SharedStringsData;

static void
sst_start (Part           *part,
           const char     *name,
           int             n_attrs,
           const xmlChar **attrs)
{
  SharedStringsData *data = part->data;

  if (part->depth == 2 && strcmp (name, "si") == 0)
    {
      data->in_si = TRUE;
      g_string_truncate (data->text, 0);
    }
  else if (data->in_si && strcmp (name, "rPh") == 0 && data->phonetic_depth == 0)
    data->phonetic_depth = part->depth;
  else if (data->in_si && strcmp (name, "t") == 0)
    data->in_t = TRUE;
}

static void
sst_end (Part       *part,
         const char *name)
{
  SharedStringsData *data = part->data;
  FwXlsxReader *self = data->reader;

  if (part->depth == 2 && strcmp (name, "si") == 0)
    {
      const char *value = "";

      decode_xstring (data->text, 0);
      /* The cap is on memory, not text: a table of "<si/>" costs a pointer
       * per five bytes of XML, more than the part's own size. */
      data->memory += sizeof (gpointer) + (data->text->len > 0 ? data->text->len + 1 : 0);
      if (data->memory > self->pkg.limits.max_shared_strings_size)
        {
          g_autofree char *limit = format_size (self->pkg.limits.max_shared_strings_size);

          part_fail (part, FW_XLSX_ERROR_TOO_LARGE,
                     _("the shared strings take more than the limit of %s of memory"), limit);
          return;
        }
      /* Empty strings are common (a cleared cell keeps its entry) and
       * share one constant instead of a byte of the chunk each. */
      if (data->text->len > 0)
        value = g_string_chunk_insert_len (self->strings, data->text->str, data->text->len);
      g_ptr_array_add (self->string_index, (gpointer) value);
      data->in_si = FALSE;
    }
  else if (data->phonetic_depth == part->depth && strcmp (name, "rPh") == 0)
    data->phonetic_depth = 0;
  else if (strcmp (name, "t") == 0)
    data->in_t = FALSE;
}

static void
sst_text (Part       *part,
          const char *text,
          gsize       len)
{
  SharedStringsData *data = part->data;
  gsize max = data->reader->pkg.limits.max_field_size;

  if (!data->in_si || !data->in_t || data->phonetic_depth != 0)
    return;
  if (data->text->len + len > max)
    {
      g_autofree char *limit = format_size (max);

      part_fail (part, FW_XLSX_ERROR_TOO_LARGE,
                 _("shared string %u is longer than the limit of %s"),
                 data->reader->string_index->len, limit);
      return;
    }
  g_string_append_len (data->text, text, len);
}

static const PartClass sst_class = { sst_start, sst_end, sst_text };

static gboolean
read_shared_strings (FwXlsxReader *self,
                     GError      **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(Part) part = NULL;
  SharedStringsData data = { self, text };

  if (self->pkg.shared_strings_path == NULL
      || locate (&self->pkg, self->pkg.shared_strings_path) < 0)
    return TRUE;
  part = part_open (&self->pkg, self->pkg.shared_strings_path, NULL,
                    self->pkg.limits.max_shared_strings_size, &sst_class, &data, error);
  return part != NULL && part_parse_all (part, error);
}

/* Numbers and dates */

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar, and
 * back (Howard Hinnant's algorithms, exact over the whole range Excel has). */
static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 gint64 *y,
                 guint  *m,
                 guint  *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

/**
 * fw_xlsx_format_serial_date:
 * @serial: an Excel date: days since the epoch, the time of day as fraction
 * @date1904: whether the workbook counts from 1904-01-01 (old Mac Excel)
 *   rather than from 1900
 *
 * Rounds to the nearest second, which is what Excel shows: a time typed as
 * 09:01:12 is stored as 43770.37583333333, a hair short of it.  In the 1900
 * system serial 60 is 1900-02-29, a day that never was (Lotus 1-2-3 thought
 * 1900 a leap year and Excel kept the bug), so later serials are one day
 * ahead of a plain count.  A serial under one day is a time of day alone.
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD"
 *   when the time is midnight or "HH:MM:SS" for a time alone; %NULL for a
 *   serial no date can have (negative, or past 9999-12-31)
 */
char *
fw_xlsx_format_serial_date (double   serial,
                            gboolean date1904)
{
  gint64 total, days, secs, epoch, year;
  guint month, day;

  if (!isfinite (serial) || serial < 0 || serial >= MAX_SERIAL_1900 + 1)
    return NULL;
  total = llround (serial * 86400.0);
  days = total / 86400;
  secs = total % 86400;

  if (days == 0)
    return g_strdup_printf ("%02d:%02d:%02d", (int) (secs / 3600), (int) (secs / 60 % 60),
                            (int) (secs % 60));
  if (date1904)
    epoch = days_from_civil (1904, 1, 1);
  else if (days < 60)
    epoch = days_from_civil (1899, 12, 31);
  else
    epoch = days_from_civil (1899, 12, 30);

  if (!date1904 && days == 60)
    {
      year = 1900;
      month = 2;
      day = 29;
    }
  else
    civil_from_days (epoch + days, &year, &month, &day);
  if (year > 9999)
    return NULL;

  if (secs == 0)
    return g_strdup_printf ("%04d-%02u-%02u", (int) year, month, day);
  return g_strdup_printf ("%04d-%02u-%02u %02d:%02d:%02d", (int) year, month, day,
                          (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
}

/* Numbers as text that reads back the same in any locale.  Excel keeps 15
 * significant digits, so %.15g drops the binary noise of 0.1 + 0.2; whole
 * numbers that a double holds exactly print in full, without ".0" and
 * without an exponent, so that a 16-digit customer number survives. */
static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0)
    g_string_append_c (out, '0');
  else if (value == floor (value) && fabs (value) <= 9007199254740992.0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/* The sheet */

static void
sheet_fail_cell (FwXlsxReader *self,
                 FwXlsxError   code,
                 const char   *format,
                 ...) G_GNUC_PRINTF (3, 4);

static void
sheet_fail_cell (FwXlsxReader *self,
                 FwXlsxError   code,
                 const char   *format,
                 ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  part_set_error (self->sheet, code, self->cell_ref, detail);
}

/* "C12" -> column 2; FALSE when @ref is no cell reference. */
static gboolean
parse_cell_ref (const char *ref,
                guint64    *col)
{
  guint64 value = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    {
      value = value * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (value > G_MAXUINT32)
        return FALSE;
    }
  if (p == ref || value == 0)
    return FALSE;
  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;
  *col = value - 1;
  return TRUE;
}

static void
cell_start (FwXlsxReader   *self,
            int             n_attrs,
            const xmlChar **attrs)
{
  char type[16] = "n";
  char style[16];
  guint64 col, s;

  self->in_cell = TRUE;
  g_string_truncate (self->cell_text, 0);

  if (attr_copy (n_attrs, attrs, "r", self->cell_ref, sizeof self->cell_ref))
    {
      if (!parse_cell_ref (self->cell_ref, &col))
        {
          sheet_fail_cell (self, FW_XLSX_ERROR_DAMAGED, _("the cell reference is not valid"));
          return;
        }
    }
  else
    {
      char letters[8];

      /* Cells without a reference follow the one before. */
      col = self->prev_col + 1;
      column_letters (MIN (col, G_MAXUINT32 - 1), letters);
      g_snprintf (self->cell_ref, sizeof self->cell_ref, "%s%" G_GUINT64_FORMAT, letters,
                  self->row_number);
    }
  if (col >= self->pkg.limits.max_columns || self->row_cells->len >= self->pkg.limits.max_columns)
    {
      sheet_fail_cell (self, FW_XLSX_ERROR_TOO_LARGE, _("the row has more than %u columns"),
                       self->pkg.limits.max_columns);
      return;
    }
  self->cell_col = col;
  self->prev_col = col;

  attr_copy (n_attrs, attrs, "t", type, sizeof type);
  if (strcmp (type, "s") == 0)
    self->cell_type = CELL_SHARED;
  else if (strcmp (type, "inlineStr") == 0)
    self->cell_type = CELL_INLINE;
  else if (strcmp (type, "str") == 0)
    self->cell_type = CELL_STRING;
  else if (strcmp (type, "b") == 0)
    self->cell_type = CELL_BOOLEAN;
  else if (strcmp (type, "e") == 0)
    self->cell_type = CELL_ERROR;
  else if (strcmp (type, "d") == 0)
    self->cell_type = CELL_ISO_DATE;
  else if (strcmp (type, "n") == 0)
    self->cell_type = CELL_NUMBER;
  else
    {
      sheet_fail_cell (self, FW_XLSX_ERROR_DAMAGED, _("unknown cell type “%s”"), type);
      return;
    }

  self->cell_style = 0;
  if (attr_copy (n_attrs, attrs, "s", style, sizeof style) && parse_uint (style, G_MAXUINT, &s))
    self->cell_style = s;
}

static void
queue_text_cell (FwXlsxReader *self,
                 gsize         start)
{
  QueuedCell cell = { self->cell_col, FALSE, start };

  if (self->row_text->len == start)
    return;
  g_string_append_c (self->row_text, '\0');
  g_array_append_val (self->row_cells, cell);
}

/* Turns the finished cell into text at the end of row_text, or into a
 * reference to a shared string. */
static void
cell_end (FwXlsxReader *self)
{
  GString *text = self->cell_text;
  gsize start = self->row_text->len;
  guint64 index;
  double value;
  char *end;

  self->in_cell = FALSE;
  switch (self->cell_type)
    {
    case CELL_ERROR:
      /* #N/A, #DIV/0! and the like: no value. */
      return;

    case CELL_SHARED:
      if (text->len == 0)
        return;
      if (!parse_uint (text->str, G_MAXUINT, &index) || index >= self->string_index->len)
        {
          sheet_fail_cell (self, FW_XLSX_ERROR_DAMAGED,
                           _("the shared string “%s” is not in the table of %u strings"),
                           text->str, self->string_index->len);
          return;
        }
      if (((const char *) g_ptr_array_index (self->string_index, index))[0] != '\0')
        {
          QueuedCell cell = { self->cell_col, TRUE, index };

          g_array_append_val (self->row_cells, cell);
        }
      return;

    case CELL_INLINE:
    case CELL_STRING:
      decode_xstring (text, 0);
      g_string_append_len (self->row_text, text->str, text->len);
      break;

    case CELL_BOOLEAN:
      g_strstrip (text->str);
      if (strcmp (text->str, "1") == 0 || strcmp (text->str, "true") == 0)
        g_string_append (self->row_text, "TRUE");
      else if (strcmp (text->str, "0") == 0 || strcmp (text->str, "false") == 0)
        g_string_append (self->row_text, "FALSE");
      else if (text->str[0] != '\0')
        {
          sheet_fail_cell (self, FW_XLSX_ERROR_DAMAGED, _("“%s” is not a boolean"), text->str);
          return;
        }
      break;

    case CELL_ISO_DATE:
      /* Strict OOXML may store dates as ISO 8601 text. */
      g_strstrip (text->str);
      g_strdelimit (text->str, "T", ' ');
      if (g_str_has_suffix (text->str, "Z"))
        text->str[strlen (text->str) - 1] = '\0';
      if (g_str_has_suffix (text->str, " 00:00:00"))
        text->str[strlen (text->str) - 9] = '\0';
      g_string_append (self->row_text, text->str);
      break;

    case CELL_NUMBER:
      g_strstrip (text->str);
      if (text->str[0] == '\0')
        return;
      value = g_ascii_strtod (text->str, &end);
      if (*end != '\0' || end == text->str || !isfinite (value))
        {
          sheet_fail_cell (self, FW_XLSX_ERROR_DAMAGED, _("“%s” is not a number"), text->str);
          return;
        }
      if (self->cell_style < self->n_styles && self->date_styles[self->cell_style])
        {
          g_autofree char *date = fw_xlsx_format_serial_date (value, self->pkg.date1904);

          if (date != NULL)
            {
              g_string_append (self->row_text, date);
              break;
            }
        }
      append_number (self->row_text, value);
      break;

    default:
      g_assert_not_reached ();
    }

  if (self->row_text->len > self->pkg.limits.max_record_size)
    {
      g_autofree char *limit = format_size (self->pkg.limits.max_record_size);

      sheet_fail_cell (self, FW_XLSX_ERROR_TOO_LARGE,
                       _("the row holds more than the limit of %s of text"), limit);
      return;
    }
  queue_text_cell (self, start);
}

static void
row_start (FwXlsxReader   *self,
           int             n_attrs,
           const xmlChar **attrs)
{
  char number[24];
  guint64 r;

  self->in_row = TRUE;
  self->prev_col = -1;
  g_string_truncate (self->row_text, 0);
  g_array_set_size (self->row_cells, 0);

  if (!attr_copy (n_attrs, attrs, "r", number, sizeof number))
    r = self->prev_row_number + 1;
  else if (!parse_uint (number, G_MAXUINT32, &r) || r == 0)
    {
      part_fail (self->sheet, FW_XLSX_ERROR_DAMAGED, _("the row number “%s” is not valid"),
                 number);
      return;
    }
  self->row_number = r;
}

static void
row_end (FwXlsxReader *self)
{
  QueuedRow row = { self->row_number, self->queue_cells->len, self->row_cells->len };
  gsize base = self->queue_text->len;

  self->in_row = FALSE;
  self->prev_row_number = self->row_number;
  if (self->row_cells->len == 0)
    return;
  g_string_append_len (self->queue_text, self->row_text->str, self->row_text->len);
  for (guint i = 0; i < self->row_cells->len; i++)
    {
      QueuedCell cell = g_array_index (self->row_cells, QueuedCell, i);

      if (!cell.shared)
        cell.value += base;
      g_array_append_val (self->queue_cells, cell);
    }
  g_array_append_val (self->queue_rows, row);
}

static void
sheet_start (Part           *part,
             const char     *name,
             int             n_attrs,
             const xmlChar **attrs)
{
  FwXlsxReader *self = part->data;
  guint depth = part->depth;

  if (depth == 1)
    {
      if (strcmp (name, "worksheet") != 0)
        part_fail (part, FW_XLSX_ERROR_DAMAGED, _("the sheet’s part holds no worksheet"));
    }
  else if (self->sheet_data_depth == 0)
    {
      if (depth == 2 && strcmp (name, "sheetData") == 0)
        self->sheet_data_depth = depth;
    }
  else if (depth == self->sheet_data_depth + 1)
    {
      if (strcmp (name, "row") == 0)
        row_start (self, n_attrs, attrs);
    }
  else if (!self->in_row)
    return;
  else if (depth == self->sheet_data_depth + 2)
    {
      if (strcmp (name, "c") == 0)
        cell_start (self, n_attrs, attrs);
    }
  else if (!self->in_cell)
    return;
  else if (depth == self->sheet_data_depth + 3)
    {
      if (strcmp (name, "v") == 0)
        self->capture = self->cell_type != CELL_INLINE;
      else if (strcmp (name, "is") == 0)
        self->is_depth = depth;
    }
  else if (self->is_depth != 0 && self->phonetic_depth == 0)
    {
      /* Rich text runs (<r><t>) join up; phonetic guides (<rPh>) are
       * left out, as Excel shows them only above the text. */
      if (strcmp (name, "rPh") == 0)
        self->phonetic_depth = depth;
      else if (strcmp (name, "t") == 0)
        self->capture = TRUE;
    }
}

static void
sheet_end (Part       *part,
           const char *name)
{
  FwXlsxReader *self = part->data;
  guint depth = part->depth;

  if (self->sheet_data_depth == 0)
    return;
  if (depth == self->sheet_data_depth)
    self->sheet_data_depth = 0;
  else if (depth == self->sheet_data_depth + 1 && self->in_row)
    row_end (self);
  else if (depth == self->sheet_data_depth + 2 && self->in_cell)
    cell_end (self);
  else if (self->in_cell)
    {
      if (depth == self->phonetic_depth)
        self->phonetic_depth = 0;
      else if (depth == self->is_depth)
        self->is_depth = 0;
      self->capture = FALSE;
    }
}

static void
sheet_text (Part       *part,
            const char *text,
            gsize       len)
{
  FwXlsxReader *self = part->data;
  gsize max = self->pkg.limits.max_field_size;

  if (!self->capture)
    return;
  if (self->cell_text->len + len > max)
    {
      g_autofree char *limit = format_size (max);

      sheet_fail_cell (self, FW_XLSX_ERROR_TOO_LARGE,
                       _("the cell holds more than the limit of %s of text"), limit);
      return;
    }
  g_string_append_len (self->cell_text, text, len);
}

static const PartClass sheet_class = { sheet_start, sheet_end, sheet_text };

/* The reader */

void
fw_xlsx_reader_free (FwXlsxReader *self)
{
  if (self == NULL)
    return;

  /* The part reads through the zip, so it goes first. */
  part_free (self->sheet);
  package_clear (&self->pkg);
  g_free (self->sheet_name);
  if (self->strings != NULL)
    g_string_chunk_free (self->strings);
  g_clear_pointer (&self->string_index, g_ptr_array_unref);
  g_free (self->date_styles);
  if (self->cell_text != NULL)
    g_string_free (self->cell_text, TRUE);
  if (self->row_text != NULL)
    g_string_free (self->row_text, TRUE);
  g_clear_pointer (&self->row_cells, g_array_unref);
  if (self->queue_text != NULL)
    g_string_free (self->queue_text, TRUE);
  g_clear_pointer (&self->queue_cells, g_array_unref);
  g_clear_pointer (&self->queue_rows, g_array_unref);
  g_free (self->fields);
  g_clear_error (&self->failure);
  g_free (self);
}

/* Excel keeps sheet names unique ignoring case, character by character:
 * "Maß" and "MASS" are two sheets, so no full case folding. */
static const Sheet *
find_sheet (Package    *pkg,
            const char *sheet_name)
{
  g_autofree char *lower = NULL;

  if (sheet_name == NULL)
    return pkg->sheets->len > 0 ? &g_array_index (pkg->sheets, Sheet, 0) : NULL;
  lower = g_utf8_strdown (sheet_name, -1);
  for (guint i = 0; i < pkg->sheets->len; i++)
    {
      g_autofree char *other = g_utf8_strdown (g_array_index (pkg->sheets, Sheet, i).name, -1);

      if (strcmp (lower, other) == 0)
        return &g_array_index (pkg->sheets, Sheet, i);
    }
  return NULL;
}

static void
set_no_such_sheet (Package    *pkg,
                   const char *sheet_name,
                   GError    **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (pkg->sheets->len == 0)
    {
      g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_NO_SUCH_SHEET,
                   _("%s has no worksheet, only charts or nothing at all"), pkg->display_name);
      return;
    }
  for (guint i = 0; i < pkg->sheets->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "“%s”", g_array_index (pkg->sheets, Sheet, i).name);
    }
  /* Translators: a file name, the sheet asked for, then the sheets there are. */
  g_set_error (error, FW_XLSX_ERROR, FW_XLSX_ERROR_NO_SUCH_SHEET,
               _("%s has no sheet “%s”; its sheets are %s"), pkg->display_name, sheet_name,
               names->str);
}

/**
 * fw_xlsx_reader_open_with_limits:
 * @sheet_name: (nullable): the worksheet to read; %NULL for the first
 * @limits: (nullable): what to refuse; %NULL or a zero member for the default
 *
 * Opens the workbook, reads its shared strings and styles and starts on the
 * sheet, so that a file that is not a workbook, a missing sheet, a zip bomb
 * or unsafe XML before the first row are reported here.
 */
FwXlsxReader *
fw_xlsx_reader_open_with_limits (const char         *path,
                                 const char         *sheet_name,
                                 const FwXlsxLimits *limits,
                                 GError            **error)
{
  g_autoptr(FwXlsxReader) self = NULL;
  g_autofree char *where = NULL;
  const Sheet *sheet;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (FwXlsxReader, 1);
  self->strings = g_string_chunk_new (64 * 1024);
  self->string_index = g_ptr_array_new ();
  self->cell_text = g_string_new (NULL);
  self->row_text = g_string_new (NULL);
  self->row_cells = g_array_new (FALSE, FALSE, sizeof (QueuedCell));
  self->queue_text = g_string_new (NULL);
  self->queue_cells = g_array_new (FALSE, FALSE, sizeof (QueuedCell));
  self->queue_rows = g_array_new (FALSE, FALSE, sizeof (QueuedRow));

  if (!package_open (&self->pkg, path, limits, error))
    return NULL;
  sheet = find_sheet (&self->pkg, sheet_name);
  if (sheet == NULL)
    {
      set_no_such_sheet (&self->pkg, sheet_name, error);
      return NULL;
    }
  self->sheet_name = g_strdup (sheet->name);

  if (!read_styles (self, error) || !read_shared_strings (self, error))
    return NULL;

  /* Translators: a file name, then a sheet name. */
  where = g_strdup_printf (_("%s, sheet “%s”"), self->pkg.display_name, self->sheet_name);
  self->sheet = part_open (&self->pkg, sheet->path, where, self->pkg.limits.max_sheet_size,
                           &sheet_class, self, error);
  if (self->sheet == NULL)
    return NULL;
  /* A DOCTYPE can only come before the root element: read up to it, so that
   * unsafe XML is refused here.  Damage further on is kept for
   * fw_xlsx_reader_next() to report after the good rows before it, wherever
   * the chunk happened to end. */
  while (!self->sheet->seen_root && !self->sheet->done)
    {
      GError *local_error = NULL;

      if (!part_feed (self->sheet, &local_error))
        {
          if (!self->sheet->seen_root)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          self->failure = local_error;
        }
    }
  return g_steal_pointer (&self);
}

FwXlsxReader *
fw_xlsx_reader_open (const char *path,
                     const char *sheet_name,
                     GError    **error)
{
  return fw_xlsx_reader_open_with_limits (path, sheet_name, NULL, error);
}

/**
 * fw_xlsx_reader_next:
 * @n_fields: (out): the number of fields, at least 1
 * @fields: (out): the fields as UTF-8, owned by the reader until the next call
 *
 * Reads the next row that has a value.  A row ends at its last cell with a
 * value; cells missing before it are "".  Rows without a value are skipped
 * and counted in fw_xlsx_reader_get_n_skipped().
 *
 * Returns: %TRUE with a row; %FALSE at the end (@error unset) or on error.
 */
gboolean
fw_xlsx_reader_next (FwXlsxReader        *self,
                     guint               *n_fields,
                     const char * const **fields,
                     GError             **error)
{
  QueuedRow *row;
  guint n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Rows finished before an error still come out first: the parser stops
   * at the error, so every queued row was whole and good. */
  while (self->queue_pos >= self->queue_rows->len)
    {
      g_string_truncate (self->queue_text, 0);
      g_array_set_size (self->queue_cells, 0);
      g_array_set_size (self->queue_rows, 0);
      self->queue_pos = 0;
      if (self->failure != NULL)
        {
          g_propagate_error (error, g_error_copy (self->failure));
          return FALSE;
        }
      if (self->sheet->done)
        return FALSE;
      part_feed (self->sheet, &self->failure);
    }

  row = &g_array_index (self->queue_rows, QueuedRow, self->queue_pos++);
  for (guint i = 0; i < row->n_cells; i++)
    n = MAX (n, g_array_index (self->queue_cells, QueuedCell, row->first_cell + i).col + 1);
  if (n + 1 > self->fields_cap)
    {
      self->fields_cap = MAX (n + 1, self->fields_cap * 2);
      self->fields = g_renew (const char *, self->fields, self->fields_cap);
    }
  for (guint i = 0; i < n; i++)
    self->fields[i] = "";
  self->fields[n] = NULL;
  for (guint i = 0; i < row->n_cells; i++)
    {
      QueuedCell *cell = &g_array_index (self->queue_cells, QueuedCell, row->first_cell + i);

      self->fields[cell->col] = cell->shared ? g_ptr_array_index (self->string_index, cell->value)
                                             : self->queue_text->str + cell->value;
    }

  /* Rows before this one and after the last one returned were empty,
   * whether the sheet lists them or leaves them out. */
  if (row->number > self->record_number)
    self->n_skipped += row->number - self->record_number - 1;
  self->record_number = row->number;

  if (n_fields != NULL)
    *n_fields = n;
  if (fields != NULL)
    *fields = self->fields;
  return TRUE;
}

/* Accessors */

const char *
fw_xlsx_reader_get_sheet_name (FwXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sheet_name;
}

const char *
fw_xlsx_reader_get_display_name (FwXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pkg.display_name;
}

/* Whether the workbook counts dates from 1904 (old Mac Excel). */
gboolean
fw_xlsx_reader_get_date1904 (FwXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->pkg.date1904;
}

/* The sheet's own number of the row fw_xlsx_reader_next() returned last
 * (the r attribute, 1-based), so that messages match what Excel shows. */
guint64
fw_xlsx_reader_get_record_number (FwXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_number;
}

/* How many empty rows came before the row returned last: listed rows without
 * a value and rows the sheet leaves out. */
guint64
fw_xlsx_reader_get_n_skipped (FwXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_skipped;
}

/* How much of the sheet has been read, from 0 to 1, for a progress bar. */
double
fw_xlsx_reader_get_progress (FwXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->sheet->done || self->sheet->size == 0)
    return 1.0;
  return CLAMP ((double) self->sheet->n_read / self->sheet->size, 0.0, 1.0);
}
