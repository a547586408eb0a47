/* test-report.c: `flywheel report`, run as a cron job runs it, checked with
 * the tools a reader's PDF viewer is built on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board pack and single charts are made by the built flywheel on the
 * sample data and on a small database with one employee group below the
 * anonymity threshold, then read back with poppler (pdfinfo, pdffonts,
 * pdftotext, pdftoppm), qpdf and libxml2.
 */

#include "config.h"

#include <cairo.h>
#include <check.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fw-format.h"
#include "fw-store.h"

static char *tmpdir;
static char *demo_db;  /* the sample data */
static char *small_db; /* one employee unit of four answers */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs @argv (NULL-terminated) with @env_extra ("KEY=VALUE" pairs, may be
 * NULL) on top of the test's environment. */
static void
run_program (Run               *run,
             const char *const *argv,
             const char *const *env_extra)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  envp = g_environ_unsetenv (envp, "FLYWHEEL_DATABASE");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmpdir, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env_extra[i], "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error),
                 "%.300s: %.300s", argv[0], error ? error->message : "");
  ck_assert (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* Runs flywheel on @db with @args. */
static void
run_flywheel_env (Run               *run,
                  const char        *db,
                  const char *const *args,
                  const char *const *env_extra)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("FLYWHEEL"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  run_program (run, (const char *const *) argv->pdata, env_extra);
}

static void
run_flywheel (Run               *run,
              const char        *db,
              const char *const *args)
{
  run_flywheel_env (run, db, args, NULL);
}

/* Runs flywheel and asserts that it succeeded. */
static void
report_ok (const char        *db,
           const char *const *args)
{
  g_auto(Run) run = { 0 };

  run_flywheel (&run, db, args);
  ck_assert_msg (run.status == 0, "exit %d, stderr: %.300s", run.status, run.err);
}

/* The standard output of a tool that must succeed. */
static char *
tool_output (const char *const *argv)
{
  g_auto(Run) run = { 0 };

  run_program (&run, argv, NULL);
  ck_assert_msg (run.status == 0, "%.300s: exit %d, %.300s", argv[0], run.status, run.err);
  return g_steal_pointer (&run.out);
}

/* The text of @pdf with every run of blanks and line breaks as one space,
 * so that a sentence wrapped in the layout reads whole. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *text = tool_output ((const char *[]) { "pdftotext", pdf, "-", NULL });
  GString *flat = g_string_new (NULL);
  gboolean blank = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        blank = TRUE;
      else
        {
          if (blank && flat->len > 0)
            g_string_append_c (flat, ' ');
          blank = FALSE;
          g_string_append_c (flat, *p);
        }
    }
  return g_string_free (flat, FALSE);
}

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* The value of "Key:" in pdfinfo's output, or NULL. */
static char *
pdfinfo_value (const char *info,
               const char *key)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (key) + 1));
  return NULL;
}

/* Fixtures */

static void
add (FwBatch    *batch,
     FwKind      kind,
     const char *day,
     int         score,
     const char *unit,
     const char *comment)
{
  g_autoptr(GError) error = NULL;
  static guint counter;
  g_autofree char *respondent = g_strdup_printf ("R-%05u", counter++);
  FwResponse response = { 0 };

  response.kind = kind;
  response.day = day;
  response.score = score;
  response.unit = unit;
  response.touchpoint = kind == FW_KIND_CUSTOMER ? "Phone" : NULL;
  response.respondent = respondent;
  response.comment = comment;
  response.spend = NAN;
  ck_assert_msg (fw_batch_add (batch, &response, &error), "%.300s", error ? error->message : "");
}

/* Adds @n answers of @kind to @unit: @promoters 10s, @detractors 3s and the
 * rest 8s, spread over March 2026. */
static void
add_group (FwBatch    *batch,
           FwKind      kind,
           const char *unit,
           guint       n,
           guint       promoters,
           guint       detractors,
           const char *comment)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-03-%02u", 1 + i % 28);
      int score = i < promoters ? 10 : i < promoters + detractors ? 3 : 8;

      add (batch, kind, day, score, unit, comment);
    }
}

/* Alpha and Beta have enough employee answers; Tiny has four, which give
 * an eNPS of +75.0 that must never show.  Tiny has no customers, so that
 * no figure of it may show at all. */
static void
make_small_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FwStore) store = fw_store_open (path, &error);
  g_autoptr(FwBatch) batch = NULL;
  FwBatchInfo info = { "small.csv", NULL, "csv", NULL, "mixed" };

  ck_assert_msg (store != NULL, "%.300s", error ? error->message : "");
  batch = fw_store_begin_batch (store, &info, &error);
  ck_assert_msg (batch != NULL, "%.300s", error ? error->message : "");

  add_group (batch, FW_KIND_CUSTOMER, "Alpha", 40, 20, 10, "Alpha customer comment");
  add_group (batch, FW_KIND_CUSTOMER, "Beta", 40, 16, 10, NULL);
  add_group (batch, FW_KIND_EMPLOYEE, "Alpha", 20, 9, 5, "Alpha team comment");
  add_group (batch, FW_KIND_EMPLOYEE, "Beta", 12, 6, 3, NULL);
  add_group (batch, FW_KIND_EMPLOYEE, "Tiny", 4, 3, 0, "Tiny secret comment");
  ck_assert_msg (fw_batch_commit (batch, NULL, &error), "%.300s", error ? error->message : "");
}

static void
setup (void)
{
  g_auto(Run) run = { 0 };

  /* Numbers as the PDF writes them: the test formats with the same calls. */
  setlocale (LC_ALL, "");
  tmpdir = g_dir_make_tmp ("fw-report-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
  demo_db = path_in_tmp ("demo.db");
  run_flywheel (&run, demo_db, (const char *[]) { "demo", NULL });
  ck_assert_msg (run.status == 0, "stderr: %.300s", run.err);
  small_db = path_in_tmp ("small.db");
  make_small_db (small_db);
}

static void
teardown (void)
{
  g_autofree char *command = g_strdup_printf ("chmod -R u+w '%s'; rm -rf '%s'", tmpdir, tmpdir);

  ck_assert_int_eq (system (command), 0);
  g_clear_pointer (&demo_db, g_free);
  g_clear_pointer (&small_db, g_free);
  g_clear_pointer (&tmpdir, g_free);
}

/* A fresh, empty folder for one test's files. */
static char *
make_dir (const char *name)
{
  char *dir = path_in_tmp (name);

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0755), 0);
  return dir;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  ck_assert_ptr_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* Tests */

START_TEST (test_pack_metadata)
{
  g_autofree char *dir = make_dir ("metadata");
  g_autofree char *pdf = g_build_filename (dir, "pack.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *created = NULL;
  g_autofree char *outline = NULL;

  report_ok (demo_db, (const char *[]) { "report", "-o", pdf, "--organisation", "Acme Retail",
                                         "--title", "Quarterly Experience Review", NULL });
  /* The file, and nothing beside it: the temporary file was renamed. */
  ck_assert_uint_eq (count_files (dir), 1);

  info = tool_output ((const char *[]) { "pdfinfo", pdf, NULL });
  pages = pdfinfo_value (info, "Pages");
  title = pdfinfo_value (info, "Title");
  author = pdfinfo_value (info, "Author");
  subject = pdfinfo_value (info, "Subject");
  created = pdfinfo_value (info, "CreationDate");
  ck_assert_str_eq (pages, "9");
  ck_assert_str_eq (title, "Quarterly Experience Review");
  ck_assert_str_eq (author, "Acme Retail");
  ck_assert_ptr_nonnull (subject);
  ck_assert_msg (strstr (subject, "NPS") != NULL, "subject: %.300s", subject);
  ck_assert_msg (strstr (subject, "January 1, 2024 to December 31, 2026") != NULL,
                 "subject: %.300s", subject);
  ck_assert_ptr_nonnull (created);
  ck_assert_msg (strlen (created) > 10, "creation date: %.300s", created);
  ck_assert_msg (strstr (info, "A4") != NULL, "%.300s", info);
  ck_assert_msg (strstr (info, "841.89 x 595.28") != NULL, "landscape: %.300s", info);

  /* One bookmark a page, in order. */
  outline = tool_output ((const char *[]) { "qpdf", "--json", "--json-key=outlines", pdf,
                                            NULL });
  {
    const char *titles[] = { "Cover", "Summary", "Customer NPS over time",
                             "Employee eNPS over time", "Customer NPS by unit",
                             "Employee eNPS by unit", "Employees and customers (CX × EX)",
                             "What detractors say", "Method and sources" };
    const char *at = outline;

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        g_autofree char *quoted = g_strdup_printf ("\"title\": \"%s\"", titles[i]);
        const char *found = strstr (at, quoted);

        ck_assert_msg (found != NULL, "outline entry %.300s missing in %.300s", titles[i], outline);
        at = found + 1;
      }
  }
}
END_TEST

START_TEST (test_pack_fonts_embedded)
{
  g_autofree char *pdf = path_in_tmp ("fonts.pdf");
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  report_ok (demo_db, (const char *[]) { "report", "-o", pdf, NULL });
  fonts = tool_output ((const char *[]) { "pdffonts", pdf, NULL });
  lines = g_strsplit (fonts, "\n", -1);
  /* Two heading lines, then one font a line: name type encoding emb sub
   * uni object ID, with the type and encoding possibly of several words. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      guint n;

      if (lines[i][0] == '\0')
        continue;
      words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      n = 0;
      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          words[n++] = words[w];
        else
          g_free (words[w]);
      words[n] = NULL;
      ck_assert_msg (n >= 6, "%.300s", lines[i]);
      ck_assert_msg (g_str_equal (words[n - 5], "yes"), "not embedded: %.300s", lines[i]);
      n_fonts++;
    }
  ck_assert_uint_gt (n_fonts, 0);
}
END_TEST

typedef struct
{
  const char *args[8];
} Filter;

static const Filter filters[] = {
  { { NULL } },
  { { "--from", "2026-01-01", "--to", "2026-06-30", NULL } },
  { { "--unit", "Billing", NULL } },
  { { "--from", "2025-01-01", "--to", "2025-12-31", "--unit", "Online Sales", NULL } },
};

/* "nps" and "n" of the total in the JSON of `flywheel stats --json`. */
static void
stats_total (const char *json,
             double     *nps,
             gint64     *n)
{
  const char *total = strstr (json, "\"total\":{");
  const char *p;

  ck_assert_ptr_nonnull (total);
  p = strstr (total, "\"n\":");
  ck_assert_ptr_nonnull (p);
  *n = g_ascii_strtoll (p + 4, NULL, 10);
  p = strstr (total, "\"nps\":");
  ck_assert_ptr_nonnull (p);
  *nps = g_ascii_strtod (p + 6, NULL);
}

START_TEST (test_pack_matches_stats)
{
  const Filter *filter = &filters[_i];
  g_autofree char *pdf = g_strdup_printf ("%s/filter-%d.pdf", tmpdir, _i);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *text = NULL;

  g_ptr_array_add (args, (gpointer) "report");
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, pdf);
  for (guint i = 0; filter->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) filter->args[i]);
  g_ptr_array_add (args, NULL);
  report_ok (demo_db, (const char *const *) args->pdata);
  text = pdf_text (pdf);

  for (FwKind kind = FW_KIND_CUSTOMER; kind <= FW_KIND_EMPLOYEE; kind++)
    {
      g_autoptr(GPtrArray) stats_args = g_ptr_array_new ();
      g_auto(Run) run = { 0 };
      g_autofree char *nps_text = NULL;
      g_autofree char *n_text = NULL;
      g_autofree char *expected = NULL;
      double nps;
      gint64 n;

      g_ptr_array_add (stats_args, (gpointer) "stats");
      g_ptr_array_add (stats_args, (gpointer) "--json");
      g_ptr_array_add (stats_args, (gpointer) "--kind");
      g_ptr_array_add (stats_args, (gpointer) fw_kind_to_string (kind));
      for (guint i = 0; filter->args[i] != NULL; i++)
        g_ptr_array_add (stats_args, (gpointer) filter->args[i]);
      g_ptr_array_add (stats_args, NULL);
      run_flywheel (&run, demo_db, (const char *const *) stats_args->pdata);
      ck_assert_msg (run.status == 0, "%.300s", run.err);
      stats_total (run.out, &nps, &n);

      nps_text = fw_format_nps (nps);
      n_text = fw_format_count (n);
      /* The summary's sentence, as the PDF writes it. */
      expected = g_strdup_printf ("%s: %s (95%% interval", kind == FW_KIND_CUSTOMER
                                                             ? "Customer NPS" : "Employee eNPS",
                                  nps_text);
      ck_assert_msg (strstr (text, expected) != NULL, "filter %d: no “%.300s” in the PDF", _i,
                     expected);
      g_free (expected);
      expected = g_strdup_printf ("n = %s.", n_text);
      ck_assert_msg (strstr (text, expected) != NULL, "filter %d: no “%.300s” in the PDF", _i,
                     expected);
    }
}
END_TEST

START_TEST (test_pack_qpdf_clean)
{
  g_autofree char *pdf = path_in_tmp ("qpdf.pdf");
  g_auto(Run) run = { 0 };

  report_ok (demo_db, (const char *[]) { "report", "-o", pdf, "--unit", "Billing", NULL });
  run_program (&run, (const char *[]) { "qpdf", "--check", pdf, NULL }, NULL);
  ck_assert_msg (run.status == 0, "qpdf: %.300s%.300s", run.out, run.err);
  ck_assert_msg (strstr (run.out, "No syntax or stream encoding errors found") != NULL, "%.300s",
                 run.out);
  ck_assert_msg (strstr (run.err, "WARNING") == NULL, "%.300s", run.err);
}
END_TEST

/* Pixels of @png that are not near white. */
static guint
count_ink (const char *png)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  int width, height, stride;
  const guchar *data;
  guint n = 0;

  ck_assert_int_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if (((pixel >> 16) & 0xff) < 200 || ((pixel >> 8) & 0xff) < 200 || (pixel & 0xff) < 200)
          n++;
      }
  cairo_surface_destroy (surface);
  return n;
}

START_TEST (test_pack_pages_not_blank)
{
  g_autofree char *dir = make_dir ("pages");
  g_autofree char *pdf = g_build_filename (dir, "pack.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *out = NULL;

  report_ok (demo_db, (const char *[]) { "report", "-o", pdf, NULL });
  out = tool_output ((const char *[]) { "pdftoppm", "-r", "20", "-png", pdf, prefix, NULL });
  for (guint page = 1; page <= 9; page++)
    {
      g_autofree char *png = g_strdup_printf ("%s-%u.png", prefix, page);
      guint ink;

      ck_assert_msg (g_file_test (png, G_FILE_TEST_EXISTS), "no page %u", page);
      ink = count_ink (png);
      /* At 20 dpi a page is 234 x 165 pixels; the footer alone inks a few,
       * a page with content far more. */
      ck_assert_msg (ink > 150, "page %u is blank: %u dark pixels", page, ink);
    }
}
END_TEST

START_TEST (test_chart_files)
{
  g_autofree char *dir = make_dir ("charts");
  g_autofree char *svg = g_build_filename (dir, "trend.svg", NULL);
  g_autofree char *png1 = g_build_filename (dir, "units.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "units@2x.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *one, *two;
  xmlDocPtr doc;

  report_ok (demo_db, (const char *[]) { "report", "--chart", "trend", "-o", svg, NULL });
  doc = xmlReadFile (svg, NULL, XML_PARSE_NONET);
  ck_assert_msg (doc != NULL, "the SVG does not parse");
  ck_assert_str_eq ((const char *) xmlDocGetRootElement (doc)->name, "svg");
  xmlFreeDoc (doc);

  report_ok (demo_db, (const char *[]) { "report", "--chart", "breakdown", "--by", "unit", "-o",
                                         png1, NULL });
  report_ok (demo_db, (const char *[]) { "report", "--chart", "breakdown", "--by", "unit",
                                         "--scale", "2", "-o", png2, NULL });
  one = cairo_image_surface_create_from_png (png1);
  two = cairo_image_surface_create_from_png (png2);
  ck_assert_int_eq (cairo_surface_status (one), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_surface_status (two), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (one), 960);
  ck_assert_int_eq (cairo_image_surface_get_height (one), 540);
  ck_assert_int_eq (cairo_image_surface_get_width (two), 2 * cairo_image_surface_get_width (one));
  ck_assert_int_eq (cairo_image_surface_get_height (two),
                    2 * cairo_image_surface_get_height (one));
  cairo_surface_destroy (one);
  cairo_surface_destroy (two);

  /* A chart PDF: one page, with its title line and footnote as text. */
  report_ok (demo_db, (const char *[]) { "report", "--chart", "link", "-o", pdf, "--from",
                                         "2025-01-01", NULL });
  info = tool_output ((const char *[]) { "pdfinfo", pdf, NULL });
  pages = pdfinfo_value (info, "Pages");
  ck_assert_str_eq (pages, "1");
  text = pdf_text (pdf);
  ck_assert_msg (strstr (text, "January 1, 2025 to December 31, 2026") != NULL, "%.300s", text);
  ck_assert_msg (strstr (text, "n = ") != NULL, "%.300s", text);
  ck_assert_msg (strstr (text, "An association, not causation.") != NULL, "%.300s", text);

  /* Every chart, every kind. */
  {
    const char *charts[][4] = {
      { "tiles", NULL }, { "tiles", "--kind", "employee", NULL },
      { "heatmap", "--by", "unit-quarter", NULL }, { "trend", "--kind", "employee", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
      {
        g_autofree char *file = g_strdup_printf ("%s/chart-%u.png", dir, i);
        const char *args[10] = { "report", "--chart", NULL };
        guint n = 2;

        for (guint a = 0; charts[i][a] != NULL; a++)
          args[n++] = charts[i][a];
        args[n++] = "-o";
        args[n++] = file;
        args[n] = NULL;
        report_ok (demo_db, args);
        ck_assert_uint_gt (count_ink (file), 1000);
      }
  }
}
END_TEST

/* A failed export exits non-zero, says why and names the file, and leaves
 * nothing behind. */
typedef struct
{
  const char *name;     /* in the test's folder; %s for the folder itself */
  const char *args[6];
  int         status;
  const char *message;
} Failure;

static const Failure failures[] = {
  { "missing/pack.pdf", { NULL }, 1, "No such file or directory" },
  { "file.txt/pack.pdf", { NULL }, 1, "Not a directory" },
  { "pack.doc", { NULL }, 2, "must end in .pdf, .png or .svg" },
  { "pack.png", { NULL }, 2, "The board pack is a PDF" },
  { "chart.txt", { "--chart", "trend", NULL }, 2, "must end in .pdf, .png or .svg" },
  { "pack.pdf", { "--unit", "No Such Unit", NULL }, 1, "No Such Unit" },
  { "chart.pdf", { "--chart", "pie", NULL }, 2, "not a chart" },
};

START_TEST (test_failures)
{
  const Failure *failure = &failures[_i];
  g_autofree char *dir_name = g_strdup_printf ("failure-%d", _i);
  g_autofree char *dir = make_dir (dir_name);
  g_autofree char *file_txt = g_build_filename (dir, "file.txt", NULL);
  g_autofree char *path = g_build_filename (dir, failure->name, NULL);
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(Run) run = { 0 };

  ck_assert (g_file_set_contents (file_txt, "not a folder", -1, NULL));
  g_ptr_array_add (args, (gpointer) "report");
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, path);
  for (guint i = 0; failure->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) failure->args[i]);
  g_ptr_array_add (args, NULL);
  run_flywheel (&run, demo_db, (const char *const *) args->pdata);

  ck_assert_msg (run.status == failure->status, "%.300s: exit %d, stderr: %.300s", failure->name,
                 run.status, run.err);
  ck_assert_msg (strstr (run.err, failure->message) != NULL, "%.300s: %.300s", failure->name, run.err);
  if (failure->status == 1 && failure->args[0] == NULL)
    ck_assert_msg (strstr (run.err, display) != NULL, "the message names no file: %.300s", run.err);
  /* Only the file the test made is there: no export, no temporary file. */
  ck_assert_uint_eq (count_files (dir), 1);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_unwritable_folder)
{
  g_autofree char *dir = make_dir ("read-only");
  g_autofree char *path = g_build_filename (dir, "pack.pdf", NULL);
  g_auto(Run) run = { 0 };

  /* The superuser writes anywhere; /proc refuses even it. */
  if (geteuid () == 0)
    {
      g_free (path);
      path = g_strdup ("/proc/flywheel-pack.pdf");
    }
  else
    ck_assert_int_eq (g_chmod (dir, 0555), 0);

  run_flywheel (&run, demo_db, (const char *[]) { "report", "-o", path, NULL });
  ck_assert_int_eq (run.status, 1);
  ck_assert_msg (strstr (run.err, "Could not write") != NULL, "%.300s", run.err);
  ck_assert_msg (strstr (run.err, path) != NULL, "%.300s", run.err);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert_uint_eq (count_files (dir), 0);
}
END_TEST

/* An existing file is replaced whole, never truncated in place. */
START_TEST (test_replaces_whole)
{
  g_autofree char *dir = make_dir ("replace");
  g_autofree char *path = g_build_filename (dir, "pack.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  g_auto(Run) run = { 0 };

  ck_assert (g_file_set_contents (path, "an older pack", -1, NULL));
  run_flywheel (&run, demo_db, (const char *[]) { "report", "-o", path, "--unit", "Nowhere",
                                                  NULL });
  ck_assert_int_eq (run.status, 1);
  {
    g_autofree char *contents = NULL;

    ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
    ck_assert_str_eq (contents, "an older pack");
  }
  report_ok (demo_db, (const char *[]) { "report", "-o", path, NULL });
  info = tool_output ((const char *[]) { "pdfinfo", path, NULL });
  pages = pdfinfo_value (info, "Pages");
  ck_assert_str_eq (pages, "9");
  ck_assert_uint_eq (count_files (dir), 1);
}
END_TEST

/* What must never be in any export of the small database. */
static void
assert_nothing_of_tiny (const char *text,
                        const char *what)
{
  /* Tiny's eNPS, its n, and its comment. */
  ck_assert_msg (strstr (text, "+75.0") == NULL, "%.300s shows Tiny's eNPS: %.300s", what, text);
  ck_assert_msg (strstr (text, "75.0") == NULL, "%.300s shows Tiny's eNPS: %.300s", what, text);
  ck_assert_msg (strstr (text, "n = 4.") == NULL, "%.300s shows Tiny's n: %.300s", what, text);
  ck_assert_msg (strstr (text, "Tiny secret") == NULL, "%.300s shows Tiny's comment", what);
  ck_assert_msg (strstr (text, "Tiny 4") == NULL && strstr (text, "Tiny +") == NULL,
                 "%.300s shows a figure beside Tiny: %.300s", what, text);
}

START_TEST (test_anonymity)
{
  g_autofree char *dir = make_dir ("anonymity");
  g_autofree char *pack = g_build_filename (dir, "pack.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *layout = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean tiny_hidden = FALSE;
  const char *charts[][6] = {
    { "breakdown", "--kind", "employee", "--by", "unit", NULL },
    { "heatmap", "--kind", "employee", "--by", "unit-month", NULL },
    { "trend", "--kind", "employee", NULL },
    { "trend", NULL },
    { "tiles", "--kind", "employee", NULL },
    { "tiles", NULL },
    { "link", NULL },
  };

  report_ok (small_db, (const char *[]) { "report", "-o", pack, NULL });
  text = pdf_text (pack);
  assert_nothing_of_tiny (text, "the board pack");
  /* The others do show, with their comments: the test would see them. */
  ck_assert_msg (strstr (text, "+20.0") != NULL, "Alpha's eNPS is missing: %.300s", text);
  ck_assert_msg (strstr (text, "Alpha team comment") != NULL, "%.300s", text);

  /* Tiny is named on the employee page, as a group too small to show. */
  layout = tool_output ((const char *[]) { "pdftotext", "-layout", "-f", "6", "-l", "6", pack,
                                           "-", NULL });
  lines = g_strsplit (layout, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "Tiny") != NULL)
      {
        ck_assert_msg (strstr (lines[i], "fewer than 5") != NULL, "%.300s", lines[i]);
        tiny_hidden = TRUE;
      }
  ck_assert_msg (tiny_hidden, "Tiny is not named on the employee page: %.300s", layout);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/chart-%u.pdf", dir, i);
      g_autofree char *chart_text = NULL;
      const char *args[12] = { "report", "--chart", NULL };
      guint n = 2;

      for (guint a = 0; charts[i][a] != NULL; a++)
        args[n++] = charts[i][a];
      args[n++] = "-o";
      args[n++] = file;
      args[n] = NULL;
      report_ok (small_db, args);
      chart_text = pdf_text (file);
      assert_nothing_of_tiny (chart_text, charts[i][0]);
    }

  /* With the threshold lowered to 3 (the override, or the preferences),
   * Tiny shows: the checks above would catch a leak. */
  {
    g_autofree char *file = g_build_filename (dir, "lowered.pdf", NULL);
    g_autofree char *config = g_build_filename (dir, "config", NULL);
    g_autofree char *keyfile_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
    g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
    g_autofree char *config_env = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
    g_autofree char *lowered = NULL;
    g_auto(Run) run = { 0 };

    report_ok (small_db, (const char *[]) { "report", "--chart", "breakdown", "--kind",
                                            "employee", "--min-group", "3", "-o", file, NULL });
    lowered = pdf_text (file);
    ck_assert_msg (strstr (lowered, "+75.0") != NULL, "%.300s", lowered);
    g_clear_pointer (&lowered, g_free);

    ck_assert_int_eq (g_mkdir_with_parents (keyfile_dir, 0700), 0);
    ck_assert (g_file_set_contents (keyfile,
                                    "[io/github/flywheel_cx/Flywheel]\n"
                                    "anonymity-threshold=uint32 3\n"
                                    "organisation-name='Keyfile Org'\n",
                                    -1, NULL));
    g_unlink (file);
    run_flywheel_env (&run, small_db, (const char *[]) { "report", "-o", file, NULL },
                      (const char *[]) { "GSETTINGS_BACKEND=keyfile", config_env, NULL });
    ck_assert_msg (run.status == 0, "%.300s", run.err);
    lowered = pdf_text (file);
    ck_assert_msg (strstr (lowered, "+75.0") != NULL, "the preferences' threshold was not used");
    ck_assert_msg (strstr (lowered, "Keyfile Org") != NULL, "the organisation was not used");
  }
}
END_TEST

START_TEST (test_dutch)
{
  g_autofree char *pdf = path_in_tmp ("dutch.pdf");
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };

  run_flywheel_env (&run, demo_db, (const char *[]) { "report", "-o", pdf, NULL },
                    (const char *[]) { "LANGUAGE=nl", NULL });
  ck_assert_msg (run.status == 0, "%.300s", run.err);
  text = pdf_text (pdf);
  ck_assert_msg (strstr (text, "Samenvatting") != NULL, "no Dutch heading: %.300s", text);
  ck_assert_msg (strstr (text, "Pagina 2 van 9") != NULL, "no Dutch page number: %.300s", text);
  ck_assert_msg (strstr (text, "Methode en bronnen") != NULL, "%.300s", text);
  ck_assert_msg (strstr (text, "Summary") == NULL, "English left: %.300s", text);
}
END_TEST

static Suite *
report_suite (void)
{
  Suite *suite = suite_create ("report");
  TCase *tcase = tcase_create ("report");

  /* One sample database for every test: the report only reads it. */
  tcase_add_unchecked_fixture (tcase, setup, teardown);
  tcase_set_timeout (tcase, 240);
  tcase_add_test (tcase, test_pack_metadata);
  tcase_add_test (tcase, test_pack_fonts_embedded);
  tcase_add_loop_test (tcase, test_pack_matches_stats, 0, G_N_ELEMENTS (filters));
  tcase_add_test (tcase, test_pack_qpdf_clean);
  tcase_add_test (tcase, test_pack_pages_not_blank);
  tcase_add_test (tcase, test_chart_files);
  tcase_add_loop_test (tcase, test_failures, 0, G_N_ELEMENTS (failures));
  tcase_add_test (tcase, test_unwritable_folder);
  tcase_add_test (tcase, test_replaces_whole);
  tcase_add_test (tcase, test_anonymity);
  tcase_add_test (tcase, test_dutch);
  suite_add_tcase (suite, tcase);
  return suite;
}

int
main (void)
{
  SRunner *runner = srunner_create (report_suite ());
  int failed;

  srunner_run_all (runner, CK_NORMAL);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
