/* make-seeds.c: seed inputs for the harnesses, made in the build folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   make-seeds csv OUTDIR                a few small texts that the fixtures lack
 *   make-seeds dates OUTDIR FILE...      values from the fields of text files
 *   make-seeds xlsx-parts OUTDIR FILE... the XML parts of workbooks, as fuzz-xlsx
 *                                        takes them
 *
 * The fixtures and the real-world exports themselves are seeds as they are;
 * this adds what they do not give as they are.
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const struct
{
  const char *name;
  const char *bytes;
  gsize       len; /* 0: strlen */
} csv_seeds[] = {
  { "quoted.csv", "Date,Score,Comment\r\n2024-01-05,9,\"line one\r\nline \"\"two\"\"\"\r\n"
                  "2024-01-06,10,\"a, b\"\r\n" },
  { "sep.csv", "sep=;\n\"Datum\";\"Score\"\n05-01-2024;9\n;\n" },
  { "cr.csv", "Date\tScore\r05/01/2024\t9\r06/01/2024\t\"Native\" graphics\r" },
  { "pipe.csv", "a|b|c\n1|2|3\n4|5\n\n||\n" },
  { "cp1252.csv", "Naam,Opmerking\nZo\xEB,\x80 12\x96-\n", 0 },
  { "bom8.csv", "\xEF\xBB\xBFResponseID,Q1\nR_1,10\n" },
  { "utf16le.csv", "\xFF\xFE" "a\0,\0b\0\n\0" "1\0,\0\x3D\xD8\x00\xDE\n\0", 20 },
  { "utf16be.csv", "\xFE\xFF\0a\0,\0b\0\r\0\n\0001\0,\0002", 18 },
  { "unterminated.csv", "a,b\n1,\"never closed\n2,3\n" },
  { "qualtrics.csv", "StartDate,Q1,Q2\nStart Date,How likely?,Why?\n"
                     "{\"ImportId\":\"startDate\"},{\"ImportId\":\"QID1\"},"
                     "{\"ImportId\":\"QID2\"}\n"
                     "2017-07-18 08:28:09,9,good\n" },
};

static const char *const date_values[] = {
  "2019-11-01", "2019/11/01", "2019-11-01T08:51:12Z", "2019-11-01T08:51:12.123+01:00",
  "11/1/2019 8:51:12", "13/1/2020", "1/13/2020", "3/4/2021", "5/5/2021", "01.02.2017",
  "1-11-2019", "11/1/19", "7/10/14 18:37", "18-Jul-2017", "July 18, 2017", "1 March 2021",
  "29/02/2024", "31/02/2024", "2017-07-18 08:28:09", "12:00:00", "N/A", "Geen antwoord",
  "10 - Extremely likely", "0 = Not at all likely", "9,00", "1.234,56 €", "€ 12,-", "US$ 5",
  "-€ 3,20", "1 234,56", "43770.37583333333", "2958465", "-1", "1e308",
};

static void
write_seed (const char *dir,
            const char *name,
            const char *bytes,
            gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, bytes, len, &error))
    {
      fprintf (stderr, "make-seeds: %s\n", error->message);
      exit (1);
    }
}

/* The fields of the first lines of each file, split on the usual
 * delimiters, that have a digit in them: mostly dates, scores and amounts. */
static void
make_dates (const char  *dir,
            char       **files)
{
  g_autoptr(GString) seed = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_seeds = 0, n_values = 0;

  for (guint i = 0; i < G_N_ELEMENTS (date_values); i++)
    g_string_append_printf (seed, "%s\n", date_values[i]);
  write_seed (dir, "builtin", seed->str, seed->len);
  g_string_truncate (seed, 0);

  for (guint f = 0; files[f] != NULL; f++)
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      gsize len;

      if (!g_file_get_contents (files[f], &text, &len, NULL))
        continue;
      text[MIN (len, 64 * 1024)] = '\0';
      lines = g_strsplit_set (text, "\r\n", 200);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_auto(GStrv) fields = g_strsplit_set (lines[l], ",;\t", -1);

          for (guint i = 0; fields[i] != NULL; i++)
            {
              const char *field = g_strstrip (g_strdelimit (fields[i], "\"", ' '));

              if (strpbrk (field, "0123456789") == NULL || strlen (field) > 40
                  || g_hash_table_contains (seen, field))
                continue;
              g_hash_table_add (seen, g_strdup (field));
              g_string_append_printf (seed, "%s\n", field);
              if (++n_values % 16 == 0)
                {
                  g_autofree char *name = g_strdup_printf ("values-%u", n_seeds++);

                  write_seed (dir, name, seed->str, seed->len);
                  g_string_truncate (seed, 0);
                }
            }
        }
    }
  if (seed->len > 0)
    write_seed (dir, "values-last", seed->str, seed->len);
}

/* Reads one part, unless it is over the 64 KiB that the fuzzer takes: a
 * zip bomb's sheet is no seed. */
static gboolean
read_entry (zip_t      *zip,
            const char *name,
            GString    *out)
{
  zip_file_t *file;
  zip_stat_t st;
  char buf[4096];
  zip_int64_t n;

  if (zip_stat (zip, name, ZIP_FL_NOCASE, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)
      || st.size > 64 * 1024)
    return FALSE;
  file = zip_fopen (zip, name, ZIP_FL_NOCASE);
  if (file == NULL)
    return FALSE;
  while ((n = zip_fread (file, buf, sizeof buf)) > 0)
    g_string_append_len (out, buf, n);
  zip_fclose (file);
  return n == 0;
}

/* fuzz-xlsx.c's input: the sheet, the shared strings, the styles, and when
 * the sheet is where its default relationships say, the workbook and both
 * relationship parts, separated by NUL bytes. */
static void
make_xlsx_parts (const char  *dir,
                 char       **files)
{
  static const char *const rest[] = {
    "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
    "_rels/.rels",
  };

  for (guint f = 0; files[f] != NULL; f++)
    {
      g_autoptr(GString) seed = g_string_new (NULL);
      g_autofree char *base = g_path_get_basename (files[f]);
      g_autofree char *sheet = NULL;
      zip_t *zip = zip_open (files[f], ZIP_RDONLY, NULL);
      guint n_parts;

      if (zip == NULL)
        continue;
      for (zip_int64_t i = 0; i < zip_get_num_entries (zip, 0) && sheet == NULL; i++)
        {
          const char *name = zip_get_name (zip, i, 0);

          if (name != NULL && g_str_has_prefix (name, "xl/worksheets/")
              && g_str_has_suffix (name, ".xml"))
            sheet = g_strdup (name);
        }
      if (sheet == NULL || !read_entry (zip, sheet, seed))
        {
          zip_discard (zip);
          continue;
        }
      n_parts = strcmp (sheet, "xl/worksheets/sheet1.xml") == 0 ? G_N_ELEMENTS (rest) : 2;
      for (guint i = 0; i < n_parts; i++)
        {
          g_string_append_c (seed, '\0');
          read_entry (zip, rest[i], seed);
        }
      zip_discard (zip);
      write_seed (dir, base, seed->str, seed->len);
    }
}

int
main (int    argc,
      char **argv)
{
  if (argc < 3)
    {
      fprintf (stderr, "usage: make-seeds csv|dates|xlsx-parts OUTDIR [FILE...]\n");
      return 2;
    }
  if (g_mkdir_with_parents (argv[2], 0755) != 0)
    {
      perror (argv[2]);
      return 1;
    }
  if (strcmp (argv[1], "csv") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (csv_seeds); i++)
      write_seed (argv[2], csv_seeds[i].name, csv_seeds[i].bytes,
                  csv_seeds[i].len > 0 ? csv_seeds[i].len : strlen (csv_seeds[i].bytes));
  else if (strcmp (argv[1], "dates") == 0)
    make_dates (argv[2], argv + 3);
  else if (strcmp (argv[1], "xlsx-parts") == 0)
    make_xlsx_parts (argv[2], argv + 3);
  else
    {
      fprintf (stderr, "make-seeds: unknown kind “%s”\n", argv[1]);
      return 2;
    }
  return 0;
}
