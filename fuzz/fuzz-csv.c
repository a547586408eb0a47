/* fuzz-csv.c: the CSV reader on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is read to its end twice from a memory stream: once with the
 * default limits, as an import reads it, and once with tiny limits, so that
 * the field, record and column refusals run on inputs of a few bytes.  Every
 * record must have a field, every field must be UTF-8, and once a read has
 * failed every later call must fail too.
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "fw-csv.h"

static void
read_all (const uint8_t *data,
          size_t         size,
          gboolean       tiny)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwCsvReader) reader = fw_csv_reader_new (stream, "fuzz.csv", &error);
  const char * const *fields;
  guint n_fields;

  if (reader == NULL)
    {
      g_assert (error != NULL && error->domain == FW_CSV_ERROR);
      return;
    }
  if (tiny)
    fw_csv_reader_set_limits (reader, 8, 32, 4);

  (void) fw_csv_reader_get_encoding (reader);
  (void) fw_csv_reader_get_line_ending (reader);
  while (fw_csv_reader_next (reader, &n_fields, &fields, &error))
    {
      g_assert (n_fields > 0);
      fuzz_check_utf8 (n_fields, fields);
      if (fw_csv_reader_get_record_number (reader) == 1)
        g_strfreev (fw_csv_unique_names (n_fields, fields));
      (void) fw_csv_reader_get_progress (reader);
    }
  if (error != NULL)
    {
      g_assert (error->domain == FW_CSV_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
      g_assert (!fw_csv_reader_next (reader, &n_fields, &fields, &error));
      g_assert (error != NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  read_all (data, size, FALSE);
  read_all (data, size, TRUE);
  return 0;
}
