/* fw-demo-export.c: the sample data as the survey tools would export it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the answers of fw_demo_generate() as three files that look like
 * what a user brings: customers of 2024 and 2025 as a Qualtrics CSV (three
 * header rows), customers of 2026 as a plain Excel workbook, and employees
 * as a Google Forms CSV.  Importing all three gives exactly the counts of
 * fw_demo_fill(), which makes them a test of the importer end to end.
 */

#define G_LOG_DOMAIN "fw-demo"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "fw-demo.h"

#define QUALTRICS_NAME "customers-2024-2025-qualtrics.csv"
#define WORKBOOK_NAME  "customers-2026.xlsx"
#define FORMS_NAME     "employees-google-forms.csv"

/* Customers from this day on go to the workbook. */
#define WORKBOOK_FROM "2026-01-01"

typedef struct
{
  GString *qualtrics;
  GString *sheet; /* the rows of the worksheet's XML */
  GString *forms;
  guint    sheet_row;
  guint64  n;
} Export;

/* RFC 4180: quote a field when it holds a delimiter, a quote or a line end. */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_row (GString           *out,
                const char *const *fields,
                guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

static void
format_spend (char        buffer[G_ASCII_DTOSTR_BUF_SIZE],
              double      spend)
{
  if (isnan (spend))
    buffer[0] = '\0';
  else
    g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", spend);
}

/* A time of day that varies from answer to answer, so that the files look
 * like real timestamps; the day is what counts. */
static void
time_of_day (guint64 n,
             int    *hour,
             int    *minute,
             int    *second)
{
  guint64 seconds = 8 * 3600 + (n * 7919) % (10 * 3600);

  *hour = (int) (seconds / 3600);
  *minute = (int) (seconds / 60 % 60);
  *second = (int) (seconds % 60);
}

static void
append_cell_text (GString    *out,
                  guint       column,
                  guint       row,
                  const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || *text == '\0')
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append_printf (out, "<c r=\"%c%u\" t=\"inlineStr\"><is><t xml:space=\"preserve\">%s"
                               "</t></is></c>",
                          'A' + column, row, escaped);
}

static void
append_cell_number (GString    *out,
                    guint       column,
                    guint       row,
                    const char *number)
{
  if (*number == '\0')
    return;
  g_string_append_printf (out, "<c r=\"%c%u\"><v>%s</v></c>", 'A' + column, row, number);
}

static void
export_response (const FwResponse *r,
                 gpointer          user_data)
{
  Export *self = user_data;
  char spend[G_ASCII_DTOSTR_BUF_SIZE];
  char score[4];
  int year, month, day, hour, minute, second;

  self->n++;
  time_of_day (self->n, &hour, &minute, &second);
  if (sscanf (r->day, "%4d-%2d-%2d", &year, &month, &day) != 3)
    g_assert_not_reached ();
  g_snprintf (score, sizeof score, "%d", r->score);
  format_spend (spend, r->spend);

  if (r->kind == FW_KIND_EMPLOYEE)
    {
      /* Google Forms writes month/day/year without zero padding. */
      g_autofree char *timestamp = g_strdup_printf ("%d/%d/%d %d:%02d:%02d", month, day, year,
                                                    hour, minute, second);
      const char *fields[] = { timestamp, score, r->unit, r->comment };

      append_csv_row (self->forms, fields, G_N_ELEMENTS (fields));
    }
  else if (strcmp (r->day, WORKBOOK_FROM) < 0)
    {
      g_autofree char *start = g_strdup_printf ("%s %02d:%02d:%02d", r->day, hour, minute,
                                                second);
      g_autofree char *end = g_strdup_printf ("%s %02d:%02d:%02d", r->day, hour,
                                              MIN (minute + 2, 59), second);
      const char *fields[] = { start, end, "IP Address", "100", "True", end, r->external_id,
                               score, r->unit, r->touchpoint, r->respondent, r->comment,
                               spend };

      append_csv_row (self->qualtrics, fields, G_N_ELEMENTS (fields));
    }
  else
    {
      guint row = ++self->sheet_row;

      g_string_append_printf (self->sheet, "<row r=\"%u\">", row);
      append_cell_text (self->sheet, 0, row, r->external_id);
      append_cell_text (self->sheet, 1, row, r->day);
      append_cell_number (self->sheet, 2, row, score);
      append_cell_text (self->sheet, 3, row, r->unit);
      append_cell_text (self->sheet, 4, row, r->touchpoint);
      append_cell_text (self->sheet, 5, row, r->respondent);
      append_cell_text (self->sheet, 6, row, r->comment);
      append_cell_number (self->sheet, 7, row, spend);
      g_string_append (self->sheet, "</row>");
    }
}

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/xl/workbook.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
  "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
  "</Types>";

static const char root_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
  "Target=\"xl/workbook.xml\"/>"
  "</Relationships>";

static const char workbook[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"Responses\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
  "</workbook>";

static const char workbook_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
  "Target=\"worksheets/sheet1.xml\"/>"
  "</Relationships>";

static gboolean
add_part (zip_t      *zip,
          const char *name,
          const char *data,
          gsize       length)
{
  zip_source_t *source = zip_source_buffer (zip, data, length, 0);

  if (source == NULL)
    return FALSE;
  if (zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8) < 0)
    {
      zip_source_free (source);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_workbook (const char *path,
                GString    *sheet,
                GError    **error)
{
  zip_t *zip;
  int zip_error = 0;

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zip_error);
  if (zip == NULL)
    {
      zip_error_t details;

      zip_error_init_with_code (&details, zip_error);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s."), path,
                   zip_error_strerror (&details));
      zip_error_fini (&details);
      return FALSE;
    }

  /* The buffers must live until zip_close(), which writes them. */
  if (!add_part (zip, "[Content_Types].xml", content_types, strlen (content_types))
      || !add_part (zip, "_rels/.rels", root_rels, strlen (root_rels))
      || !add_part (zip, "xl/workbook.xml", workbook, strlen (workbook))
      || !add_part (zip, "xl/_rels/workbook.xml.rels", workbook_rels, strlen (workbook_rels))
      || !add_part (zip, "xl/worksheets/sheet1.xml", sheet->str, sheet->len)
      || zip_close (zip) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s."), path,
                   zip_strerror (zip));
      zip_discard (zip);
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

/**
 * fw_demo_export:
 * @dir: the folder to write into; created when missing
 *
 * Writes the sample data of @seed as vendor-style exports (see the top of
 * this file).  Each file is written whole or not at all.
 */
gboolean
fw_demo_export (guint64     seed,
                const char *dir,
                GError    **error)
{
  g_autoptr(GString) qualtrics = g_string_new (NULL);
  g_autoptr(GString) sheet = g_string_new (NULL);
  g_autoptr(GString) forms = g_string_new (NULL);
  g_autofree char *qualtrics_path = NULL;
  g_autofree char *workbook_path = NULL;
  g_autofree char *forms_path = NULL;
  g_autofree char *workbook_tmp = NULL;
  Export export = { qualtrics, sheet, forms, 1, 0 };
  const char *qualtrics_ids[] = { "StartDate", "EndDate", "Status", "Progress", "Finished",
                                  "RecordedDate", "ResponseId", "Q1", "Q2", "Q3", "Q4", "Q5",
                                  "Q6" };
  const char *qualtrics_texts[] = {
    "Start Date", "End Date", "Response Type", "Progress", "Finished", "Recorded Date",
    "Response ID",
    "How likely is it that you would recommend us to a friend or colleague? (0-10)",
    "Department", "Channel", "Customer ID", "What is the main reason for your score?",
    "Order value"
  };
  const char *qualtrics_import[] = {
    "{\"ImportId\":\"startDate\",\"timeZone\":\"Europe/Amsterdam\"}",
    "{\"ImportId\":\"endDate\",\"timeZone\":\"Europe/Amsterdam\"}", "{\"ImportId\":\"status\"}",
    "{\"ImportId\":\"progress\"}", "{\"ImportId\":\"finished\"}",
    "{\"ImportId\":\"recordedDate\",\"timeZone\":\"Europe/Amsterdam\"}",
    "{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"QID1\"}", "{\"ImportId\":\"QID2\"}",
    "{\"ImportId\":\"QID3\"}", "{\"ImportId\":\"QID4\"}", "{\"ImportId\":\"QID5_TEXT\"}",
    "{\"ImportId\":\"QID6_TEXT\"}"
  };
  const char *forms_header[] = {
    "Timestamp", "How likely are you to recommend us as a place to work? (0-10)",
    "Which team do you work in?", "Anything else you would like to share?"
  };

  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The folder “%s” cannot be created: %s."), dir, g_strerror (saved));
      return FALSE;
    }

  append_csv_row (qualtrics, qualtrics_ids, G_N_ELEMENTS (qualtrics_ids));
  append_csv_row (qualtrics, qualtrics_texts, G_N_ELEMENTS (qualtrics_texts));
  append_csv_row (qualtrics, qualtrics_import, G_N_ELEMENTS (qualtrics_import));
  append_csv_row (forms, forms_header, G_N_ELEMENTS (forms_header));
  append_cell_text (sheet, 0, 1, "Response ID");
  append_cell_text (sheet, 1, 1, "Date");
  append_cell_text (sheet, 2, 1, "How likely is it that you would recommend us to a friend? "
                                 "(0-10)");
  append_cell_text (sheet, 3, 1, "Department");
  append_cell_text (sheet, 4, 1, "Channel");
  append_cell_text (sheet, 5, 1, "Customer ID");
  append_cell_text (sheet, 6, 1, "Comment");
  append_cell_text (sheet, 7, 1, "Order value");
  g_string_prepend (sheet, "<row r=\"1\">");
  g_string_append (sheet, "</row>");

  fw_demo_generate (seed, export_response, &export);

  g_string_prepend (sheet,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    "<sheetData>");
  g_string_append (sheet, "</sheetData></worksheet>");

  qualtrics_path = g_build_filename (dir, QUALTRICS_NAME, NULL);
  forms_path = g_build_filename (dir, FORMS_NAME, NULL);
  workbook_path = g_build_filename (dir, WORKBOOK_NAME, NULL);
  workbook_tmp = g_strconcat (workbook_path, ".part", NULL);

  /* g_file_set_contents() writes to a temporary file and renames it, so a
   * failure leaves no half-written export. */
  if (!g_file_set_contents (qualtrics_path, qualtrics->str, qualtrics->len, error)
      || !g_file_set_contents (forms_path, forms->str, forms->len, error)
      || !write_workbook (workbook_tmp, sheet, error))
    return FALSE;

  if (g_rename (workbook_tmp, workbook_path) != 0)
    {
      int saved = errno;

      g_unlink (workbook_tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s."),
                   workbook_path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
