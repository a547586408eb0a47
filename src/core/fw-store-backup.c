/* fw-store-backup.c: copies of the database, and going back to one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Flywheel copies the database beside itself before a change that cannot
 * be undone: an upgrade (fw-store.c, PATH.vN-STAMP.bak), the removal of an
 * import (PATH.before-removal-STAMP.bak, the last few kept) and a restore
 * (PATH.before-restore-STAMP.bak, the file as it was).  Every copy is made
 * with SQLite's online backup, so that it is consistent while another
 * connection writes, into a temporary file of mode 0600 that is renamed
 * into place whole.
 */

#define G_LOG_DOMAIN "fw-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fw-store-backup.h"
#include "fw-store-private.h"

/* How many copies made before a removal are kept; older ones are deleted. */
#define KEEP_REMOVAL_BACKUPS 5

#define SQLITE_MAGIC "SQLite format 3"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

void
fw_backup_info_free (FwBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->reason);
  g_clear_pointer (&info->created, g_date_time_unref);
  g_free (info);
}

/**
 * fw_backup_info_describe:
 *
 * Returns: why the copy was made, in words
 */
char *
fw_backup_info_describe (const FwBackupInfo *info)
{
  unsigned version;
  char end;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->reason == NULL)
    return g_strdup (_("A copy"));
  if (g_str_equal (info->reason, FW_STORE_BACKUP_BEFORE_REMOVAL))
    return g_strdup (_("Before an import was removed"));
  if (g_str_equal (info->reason, FW_STORE_BACKUP_BEFORE_RESTORE))
    return g_strdup (_("Before a backup was restored"));
  if (sscanf (info->reason, "v%u%c", &version, &end) == 1)
    /* Translators: %u is a version of the database, 1 or more. */
    return g_strdup_printf (_("Before the upgrade from version %u"), version);
  return g_strdup (_("A copy"));
}

/* A name beside @path that is not taken yet. */
static char *
backup_name_new (const char *path,
                 const char *reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *target = NULL;

  for (guint i = 0; target == NULL || g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      if (i == 0)
        target = g_strdup_printf ("%s.%s-%s.bak", path, reason, stamp);
      else
        target = g_strdup_printf ("%s.%s-%s-%u.bak", path, reason, stamp, i);
    }
  return target;
}

static void
set_write_error (GError    **error,
                 const char *target,
                 sqlite3    *db,
                 int         rc)
{
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;

  if ((rc & 0xff) == SQLITE_FULL || system_errno == ENOSPC || system_errno == EDQUOT
      || system_errno == EFBIG)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FULL,
                 _("The disk is full: “%s” could not be written. Free some space and try again."),
                 target);
  else
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP,
                 _("The copy “%s” could not be written: %s."), target,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static void
unlink_with_journals (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static void
unlink_and_free (char *path)
{
  unlink_with_journals (path);
  g_free (path);
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Copies the database of @source to @target through a temporary file
 * beside it, so that @target is either whole or as it was.  With
 * @replacing, a log left beside @target belongs to the file replaced and
 * goes with it. */
static gboolean
copy_database (sqlite3    *source,
               const char *target,
               gboolean    replacing,
               GError    **error)
{
  g_autofree char *temp = g_strconcat (target, ".XXXXXX", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, FW_STORE_ERROR,
                   saved == ENOSPC ? FW_STORE_ERROR_FULL
                   : saved == EACCES || saved == EROFS ? FW_STORE_ERROR_READ_ONLY
                                                       : FW_STORE_ERROR_BACKUP,
                   _("The copy “%s” cannot be created: %s."), target, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (temp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (dest, TRUE);
      /* One step: the copy is one read transaction of @source, so that a
       * writer beside it cannot make it start over. */
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? sqlite3_extended_errcode (dest) : rc;
        }
    }
  /* The copy is one file, whatever the journal of the original. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_write_error (error, target, dest, rc);
      sqlite3_close (dest);
      unlink_with_journals (temp);
      return FALSE;
    }
  sqlite3_close (dest);

  if (replacing)
    {
      g_autofree char *wal = g_strconcat (target, "-wal", NULL);
      g_autofree char *shm = g_strconcat (target, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
    }

  if (g_rename (temp, target) != 0)
    {
      int saved = errno;

      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP,
                   _("The copy “%s” cannot be created: %s."), target, g_strerror (saved));
      unlink_with_journals (temp);
      return FALSE;
    }
  sync_folder (target);
  return TRUE;
}

/* Copies the bytes of @source, as they are, to the new file @target. */
static gboolean
copy_file (const char *source,
           const char *target,
           GError    **error)
{
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  int in, out;
  gssize n = 0;
  int saved = 0;

  in = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      saved = errno;
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP, _("“%s” cannot be read: %s."),
                   source, g_strerror (saved));
      return FALSE;
    }
  out = g_open (target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0)
    {
      saved = errno;
      close (in);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP,
                   _("The copy “%s” cannot be created: %s."), target, g_strerror (saved));
      return FALSE;
    }
  fchmod (out, 0600);

  while ((n = read (in, buffer, 256 * 1024)) > 0)
    {
      for (gssize done = 0; done < n;)
        {
          gssize w = write (out, buffer + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              n = -1;
              break;
            }
          done += w;
        }
      if (n < 0)
        break;
    }
  if (n < 0 || fsync (out) != 0)
    saved = errno;
  close (in);
  if (close (out) != 0 && saved == 0)
    saved = errno;

  if (saved != 0)
    {
      g_unlink (target);
      if (saved == ENOSPC || saved == EDQUOT || saved == EFBIG)
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FULL,
                     _("The disk is full: “%s” could not be written. Free some space and try "
                       "again."),
                     target);
      else
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP,
                     _("The copy “%s” could not be written: %s."), target, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * fw_store_check:
 *
 * Reads every page of the database, as SQLite's quick_check does, and fails
 * with %FW_STORE_ERROR_CORRUPT when one is damaged.  Opening looks only at
 * the file's header and first page; this finds damage further in, before
 * it shows as a wrong figure or a failed import.  Takes a second or so per
 * million answers.
 */
gboolean
fw_store_check (FwStore *self,
                GError **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);

  db = fw_store_get_db (self);
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    return TRUE;

  if (rc == SQLITE_ROW || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                 _("“%s” is damaged and cannot be read. Restore it from a backup."),
                 fw_store_get_path (self));
  else
    fw_store_set_error_from_sqlite (self, rc, error);
  return FALSE;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const FwBackupInfo *x = *(FwBackupInfo * const *) a;
  const FwBackupInfo *y = *(FwBackupInfo * const *) b;
  int by_time = g_date_time_compare (y->created, x->created);

  return by_time != 0 ? by_time : g_strcmp0 (y->path, x->path);
}

/* Reads REASON-YYYYMMDDTHHMMSSZ or REASON-YYYYMMDDTHHMMSSZ-N. */
static gboolean
parse_backup_name (const char *middle,
                   char      **reason,
                   GDateTime **created)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *stamp = NULL;
  int y, mo, d, h, mi, s;

  regex = g_regex_new ("^(.+)-([0-9]{8}T[0-9]{6}Z)(-[0-9]+)?$", 0, 0, NULL);
  if (!g_regex_match (regex, middle, 0, &match))
    return FALSE;
  stamp = g_match_info_fetch (match, 2);
  if (sscanf (stamp, "%4d%2d%2dT%2d%2d%2dZ", &y, &mo, &d, &h, &mi, &s) != 6)
    return FALSE;
  *created = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (*created == NULL)
    return FALSE;
  *reason = g_match_info_fetch (match, 1);
  return TRUE;
}

/**
 * fw_store_list_backups:
 * @path: the database file
 *
 * Lists the copies beside @path that Flywheel made, and any other file
 * named PATH.*.bak, newest first.
 *
 * Returns: (transfer full) (element-type FwBackupInfo): the backups, or
 *   %NULL with @error set when the folder cannot be read
 */
GPtrArray *
fw_store_list_backups (const char *path,
                       GError    **error)
{
  g_autofree char *dirname = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (path != NULL, NULL);

  dirname = g_path_get_dirname (path);
  {
    g_autofree char *basename = g_path_get_basename (path);

    prefix = g_strconcat (basename, ".", NULL);
  }
  backups = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_backup_info_free);

  dir = g_dir_open (dirname, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_OPEN,
                   _("The folder “%s” cannot be read: %s."), dirname, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(FwBackupInfo) info = NULL;
      g_autofree char *middle = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".bak")
          || strlen (name) <= strlen (prefix) + 4)
        continue;

      info = g_new0 (FwBackupInfo, 1);
      info->path = g_build_filename (dirname, name, NULL);
      if (g_stat (info->path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      info->size = st.st_size;

      middle = g_strndup (name + strlen (prefix), strlen (name) - strlen (prefix) - 4);
      if (!parse_backup_name (middle, &info->reason, &info->created))
        {
          g_clear_pointer (&info->reason, g_free);
          info->created = g_date_time_new_from_unix_utc (st.st_mtime);
        }
      g_ptr_array_add (backups, g_steal_pointer (&info));
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/* Deletes all but the newest few copies made for @reason. */
static void
prune_backups (const char *path,
               const char *reason)
{
  g_autoptr(GPtrArray) backups = fw_store_list_backups (path, NULL);
  guint kept = 0;

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      const FwBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->reason, reason) != 0)
        continue;
      if (++kept > KEEP_REMOVAL_BACKUPS)
        g_unlink (info->path);
    }
}

/**
 * fw_store_backup_before:
 * @reason: %FW_STORE_BACKUP_BEFORE_REMOVAL or another word for the name
 * @backup_path: (out) (optional): the copy made
 *
 * Copies the database beside itself before a change that cannot be
 * undone; when that fails the change must not be made.
 */
gboolean
fw_store_backup_before (FwStore    *self,
                        const char *reason,
                        char      **backup_path,
                        GError    **error)
{
  g_autofree char *target = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  target = backup_name_new (fw_store_get_path (self), reason);
  if (!copy_database (fw_store_get_db (self), target, FALSE, &local_error))
    {
      if (g_error_matches (local_error, FW_STORE_ERROR, FW_STORE_ERROR_FULL))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP,
                     _("A copy of “%s” is made before this change, but it failed, so nothing "
                       "was changed: %s"),
                     fw_store_get_path (self), local_error->message);
      return FALSE;
    }
  g_debug ("Copied %s to %s", fw_store_get_path (self), target);

  if (g_str_equal (reason, FW_STORE_BACKUP_BEFORE_REMOVAL))
    prune_backups (fw_store_get_path (self), reason);
  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&target);
  return TRUE;
}

/**
 * fw_store_backup:
 * @target: a new file
 *
 * Writes a consistent copy of the database to @target, mode 0600, with
 * SQLite's online backup: other connections may read and write meanwhile.
 * A damaged database is refused rather than copied, and @target is never
 * overwritten.
 */
gboolean
fw_store_backup (FwStore    *self,
                 const char *target,
                 GError    **error)
{
  g_return_val_if_fail (FW_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP,
                   _("“%s” already exists. Choose a new name for the copy, so that nothing is "
                     "overwritten."),
                   target);
      return FALSE;
    }
  if (!fw_store_check (self, error))
    return FALSE;
  return copy_database (fw_store_get_db (self), target, FALSE, error);
}

static gint64
read_int (sqlite3    *db,
          const char *sql,
          int        *rc)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value = -1;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      *rc = SQLITE_OK;
    }
  return value;
}

/* Opens @path read-only, without changing it or making anything beside
 * it, and makes sure it is a sound Flywheel database that this version
 * can open. */
static sqlite3 *
open_backup (const char *path,
             GError    **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char header[16] = "";
  sqlite3 *db = NULL;
  gint64 application_id, user_version;
  GStatBuf st;
  int fd, rc;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_OPEN,
                   _("“%s” cannot be opened: %s."), path,
                   g_strerror (S_ISREG (st.st_mode) ? errno : EISDIR));
      return NULL;
    }
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || read (fd, header, sizeof header) != sizeof header
      || memcmp (header, SQLITE_MAGIC, sizeof header) != 0)
    {
      if (fd >= 0)
        close (fd);
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FLYWHEEL,
                   _("“%s” is not a Flywheel database, so it cannot be restored. Choose a copy "
                     "that Flywheel made; their names end in .bak."),
                   path);
      return NULL;
    }
  close (fd);

  escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);
  uri = g_strdup_printf ("file:%s?%s", escaped,
                         g_file_test (wal, G_FILE_TEST_EXISTS) ? "mode=ro" : "immutable=1");
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  application_id = rc == SQLITE_OK ? read_int (db, "PRAGMA application_id", &rc) : -1;
  user_version = rc == SQLITE_OK ? read_int (db, "PRAGMA user_version", &rc) : -1;

  if (rc == SQLITE_OK && application_id != FW_STORE_APPLICATION_ID)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FLYWHEEL,
                 _("“%s” is not a Flywheel database, so it cannot be restored. Choose a copy "
                   "that Flywheel made; their names end in .bak."),
                 path);
  else if (rc == SQLITE_OK && user_version > FW_STORE_SCHEMA_VERSION)
    g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_TOO_NEW,
                 _("“%s” was saved by a newer version of Flywheel. Update Flywheel to restore "
                   "it."),
                 path);
  else
    {
      if (rc == SQLITE_OK && user_version >= 1)
        rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK && user_version >= 1)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW
          && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
        return db;
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged, so it cannot be restored. Choose another backup."), path);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return NULL;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf x, y;

  return g_stat (a, &x) == 0 && g_stat (b, &y) == 0 && x.st_dev == y.st_dev
         && x.st_ino == y.st_ino;
}

/**
 * fw_store_restore:
 * @path: the database to replace; need not exist
 * @backup_path: a copy of a Flywheel database
 * @kept_path: (out) (optional): where the database as it was is kept, or
 *   %NULL when there was none
 *
 * Puts the copy @backup_path in the place of @path, after checking that it
 * is a sound Flywheel database and copying @path as it is, damaged or not,
 * to PATH.before-restore-STAMP.bak.  The swap is one rename: @path is
 * either the old file or the new one.  Refused while another connection has
 * @path open; close the window first.  A copy from an older version is
 * upgraded when it is next opened.
 */
gboolean
fw_store_restore (const char *path,
                  const char *backup_path,
                  char      **kept_path,
                  GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *source = NULL;
  sqlite3 *lock = NULL;
  gboolean ok = FALSE;
  GStatBuf st;

  g_return_val_if_fail (path != NULL && backup_path != NULL, FALSE);

  if (same_file (path, backup_path))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is the database itself, not a copy of it. Choose a backup."),
                   backup_path);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  if (fw_store_path_is_read_only (dir)
      || (g_file_test (path, G_FILE_TEST_EXISTS) && fw_store_path_is_read_only (path)))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only, so no backup can take its place. Make the file and its "
                     "folder writable and try again."),
                   path);
      return FALSE;
    }

  source = open_backup (backup_path, error);
  if (source == NULL)
    return FALSE;

  if (g_stat (path, &st) == 0 && st.st_size > 0)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      int rc;

      /* The file as it is, damaged or not, with its log beside it. */
      kept = backup_name_new (path, FW_STORE_BACKUP_BEFORE_RESTORE);
      if (!copy_file (path, kept, error))
        goto out;
      if (g_file_test (wal, G_FILE_TEST_EXISTS))
        {
          g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);

          if (!copy_file (wal, kept_wal, error))
            {
              g_clear_pointer (&kept, unlink_and_free);
              goto out;
            }
        }

      /* Leaving the log behind needs the only connection, so this finds
       * anyone else who has the file open; the exclusive lock then keeps
       * them out until the swap.  A damaged file may fail here for another
       * reason, and is replaced all the same. */
      rc = sqlite3_open_v2 (path, &lock, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (lock, 1000);
          rc = sqlite3_exec (lock, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
          if (rc == SQLITE_OK)
            rc = sqlite3_exec (lock, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
        }
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY,
                       _("“%s” is open in Flywheel or another program. Close it there and try "
                         "again."),
                       path);
          g_clear_pointer (&kept, unlink_and_free);
          goto out;
        }
      if (rc != SQLITE_OK)
        g_clear_pointer (&lock, sqlite3_close);
    }

  if (!copy_database (source, path, TRUE, error))
    {
      g_clear_pointer (&kept, unlink_and_free);
      goto out;
    }
  g_debug ("Restored %s from %s", path, backup_path);

  ok = TRUE;
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);

out:
  if (lock != NULL)
    sqlite3_close (lock);
  sqlite3_close (source);
  return ok;
}
