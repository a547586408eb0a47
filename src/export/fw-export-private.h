/* fw-export-private.h: what the chart files and the board pack share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A file being written: a temporary file beside @path until
 * fw_export_file_commit() renames it into place.  Freeing it before that
 * removes the temporary file, so nothing half-written stays behind. */
typedef struct _FwExportFile FwExportFile;

FwExportFile   *fw_export_file_new    (const char          *path,
                                       GError             **error);
/* A cairo_write_func_t; @closure is the FwExportFile. */
cairo_status_t  fw_export_file_write  (void                *closure,
                                       const unsigned char *data,
                                       unsigned int         length);
/* @status is that of the finished surface that wrote into the file. */
gboolean        fw_export_file_commit (FwExportFile        *file,
                                       cairo_status_t       status,
                                       GError             **error);
void            fw_export_file_free   (FwExportFile        *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwExportFile, fw_export_file_free)

/* Pixels (96 to the inch) to PDF points (72 to the inch). */
#define FW_EXPORT_POINTS_PER_PIXEL (72.0 / 96.0)

G_END_DECLS
