/* fuzz-detect.c: format detection on any file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the import dialog does with a file it is given: fw_table_open()
 * chooses the reader from the first bytes, fw_detect() reads the headers and
 * a sample and guesses the layout, the roles of the columns and the date
 * order.  The input is the whole file, text or workbook.
 */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "fw-detect.h"
#include "fw-table.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = fuzz_write_file (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(FwTable) table = fw_table_open (path, NULL, &error);
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(FwDetection) detection = NULL;

  if (table == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  (void) fw_table_get_encoding (table);
  (void) fw_table_get_delimiter (table);

  preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  detection = fw_detect (table, 0, 5, preview, &error);
  if (detection == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  g_assert (preview->len <= 5);
  for (guint i = 0; i < preview->len; i++)
    {
      char **row = g_ptr_array_index (preview, i);

      fuzz_check_utf8 (g_strv_length (row), (const char * const *) row);
    }
  for (guint i = 0; i < detection->n_columns; i++)
    {
      g_assert (detection->names[i] != NULL && detection->labels[i] != NULL);
      (void) fw_detection_get_role (detection, i);
    }
  for (int role = 0; role < FW_N_ROLES; role++)
    g_assert (detection->columns[role] < (int) detection->n_columns);
  (void) fw_detection_find_column (detection, "#2");
  (void) fw_detection_find_column (detection, "Score");
  if (detection->date_reason != NULL)
    g_assert (g_utf8_validate (detection->date_reason, -1, NULL));
  return 0;
}
