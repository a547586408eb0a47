/* fw-store-backup.h: copies of the database, and going back to one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fw-store.h"

G_BEGIN_DECLS

/* A copy beside the database, named PATH.REASON-YYYYMMDDTHHMMSSZ.bak. */
typedef struct
{
  char      *path;
  char      *reason;  /* "v1" (before an upgrade from version 1), "before-removal",
                       * "before-restore", or NULL for a name of another shape */
  GDateTime *created; /* from the name, else the file's modification time */
  goffset    size;
} FwBackupInfo;

void        fw_backup_info_free     (FwBackupInfo       *info);
char       *fw_backup_info_describe (const FwBackupInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwBackupInfo, fw_backup_info_free)

gboolean    fw_store_check          (FwStore            *self,
                                     GError            **error);
gboolean    fw_store_backup         (FwStore            *self,
                                     const char         *target,
                                     GError            **error);
GPtrArray  *fw_store_list_backups   (const char         *path,
                                     GError            **error);
gboolean    fw_store_restore        (const char         *path,
                                     const char         *backup_path,
                                     char              **kept_path,
                                     GError            **error);

G_END_DECLS
