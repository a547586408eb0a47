/* fuzz-common.c: what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The readers that take a path (fw_table_open(), the XLSX reader, which
 * hands the path to libzip) get each input through one memory file that
 * lives as long as the process: no disk, and no temporary file left behind
 * when a crash ends the run.
 */

#define _GNU_SOURCE

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "fw-import.h"

/* fw-detect.c calls a file without records empty in the import's error
 * domain.  The harnesses link the readers and the detection alone, not the
 * import with the store behind it, so the domain is defined here as
 * fw-import.c defines it. */
G_DEFINE_QUARK (fw-import-error-quark, fw_import_error)

/* Replaces the memory file's contents with @data and returns a path that
 * opens it, valid until the next call. */
const char *
fuzz_write_file (const uint8_t *data,
                 size_t         size)
{
  static int fd = -1;
  static char path[64];
  size_t done = 0;

  if (fd < 0)
    {
      fd = memfd_create ("flywheel-fuzz", 0);
      if (fd < 0)
        {
          perror ("memfd_create");
          abort ();
        }
      g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
    }
  if (ftruncate (fd, 0) != 0)
    abort ();
  while (done < size)
    {
      ssize_t n = pwrite (fd, data + done, size - done, done);

      if (n <= 0)
        abort ();
      done += n;
    }
  return path;
}

/* Both readers promise UTF-8 fields, whatever the bytes they read: a field
 * that is not would reach SQLite and GTK as it is. */
void
fuzz_check_utf8 (guint               n_fields,
                 const char * const *fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (!g_utf8_validate (fields[i], -1, NULL))
      {
        fprintf (stderr, "field %u is not UTF-8\n", i + 1);
        abort ();
      }
}
