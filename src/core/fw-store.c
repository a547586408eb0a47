/* fw-store.c: the SQLite database behind Flywheel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "fw-store-backup.h"
#include "fw-store-private.h"

#define RESOURCE_PREFIX "/io/github/flywheel_cx/Flywheel/"

/* The first 100 bytes of every SQLite file; see "Database File Format". */
#define SQLITE_HEADER_SIZE      100
#define SQLITE_MAGIC            "SQLite format 3"
#define HEADER_PAGE_SIZE        16
#define HEADER_CHANGE_COUNTER   24
#define HEADER_PAGE_COUNT       28
#define HEADER_VERSION_VALID_FOR 92

struct _FwStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  FwBatch *batch; /* the batch whose transaction is open, if any */
  gboolean read_only; /* opened with SQLITE_OPEN_READONLY */
};

/* The page cache of an import, in KiB; see fw_store_begin_batch(). */
#define BATCH_CACHE_KB 16384

/* SQLite's own default, given back when an import ends. */
#ifndef SQLITE_DEFAULT_CACHE_SIZE
#define SQLITE_DEFAULT_CACHE_SIZE -2000
#endif

struct _FwBatch
{
  FwStore      *store; /* owned */
  sqlite3_stmt *insert;
  GHashTable   *units;       /* name -> id, for this batch */
  GHashTable   *counted_as;  /* unit id -> the id it counts as (merged_into) */
  GHashTable   *touchpoints; /* name -> id, for this batch */
  GHashTable   *rollup;      /* RollupCell -> itself, the batch's share */
  gint64        id;
  gint64        rows;
  gint64        skipped;
  char         *sha256;      /* NULL until fw_batch_set_sha256() */
  gboolean      done;
};

/* One step from version - 1 to version. */
typedef struct
{
  int         version;
  const char *resource;
} Migration;

static const Migration migrations[] = {
  { 2, "migrations/002-aliases-and-spend.sql" },
  { 3, "migrations/003-monthly-rollup-and-merges.sql" },
  { 4, "migrations/004-repeat-detractor-count.sql" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FW_STORE_SCHEMA_VERSION - 1);

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FwStore, fw_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (fw-store-error-quark, fw_store_error)

/* Whether a failed write is most likely for want of room: little space
 * left in the folder, or a limit on the size of files. */
static gboolean
no_room_left (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs vfs;
  struct rlimit limit;

  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    return TRUE;
  return statvfs (dir, &vfs) == 0 && (guint64) vfs.f_bavail * vfs.f_frsize < 4 * 1024 * 1024;
}

/* Maps a SQLite result code to our error domain with a sentence that says
 * what happened to which file, and what the user can do about it. */
static void
set_error_from_sqlite (GError    **error,
                       const char *path,
                       sqlite3    *db,
                       int         rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code = rc & 0xff;
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;

  /* SQLite says SQLITE_FULL only for ENOSPC; a quota or a file size limit
   * is a failed write, whose errno SQLite does not always keep. */
  if (code == SQLITE_IOERR
      && (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG
          || ((rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_TRUNCATE) && no_room_left (path))))
    code = SQLITE_FULL;

  switch (code)
    {
    case SQLITE_FULL:
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FULL,
                   _("The disk is full: “%s” could not be written. Free some space and try again."),
                   path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only: Flywheel cannot save changes to it."), path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BUSY,
                   _("“%s” is in use by another program. Close it and try again."), path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read. Restore it from a backup."), path);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_OPEN,
                   _("“%s” cannot be opened: %s."), path, detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("A value does not fit the database of “%s”: %s."), path, detail);
      break;

    default:
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_FAILED,
                   _("The database “%s” reported an error: %s."), path, detail);
      break;
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
store_exec (FwStore    *self,
            const char *sql,
            GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
store_prepare (FwStore    *self,
               const char *sql,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return NULL;
    }
  return stmt;
}

/* Runs a query that yields one integer; -1 on error. */
static gint64
query_int (FwStore    *self,
           const char *sql,
           const char *text_arg,
           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  if (text_arg != NULL)
    sqlite3_bind_text (stmt, 1, text_arg, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  set_error_from_sqlite (error, self->path, self->db, rc);
  return -1;
}

static void
store_rollback (FwStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *
fw_kind_to_string (FwKind kind)
{
  switch (kind)
    {
    case FW_KIND_CUSTOMER:
      return "customer";
    case FW_KIND_EMPLOYEE:
      return "employee";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
fw_kind_from_string (const char *text,
                     FwKind     *kind)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (g_str_equal (text, "customer"))
    *kind = FW_KIND_CUSTOMER;
  else if (g_str_equal (text, "employee"))
    *kind = FW_KIND_EMPLOYEE;
  else
    return FALSE;
  return TRUE;
}

void
fw_tally_add_score (FwTally *tally,
                    int      score)
{
  g_return_if_fail (score >= 0 && score <= 10);

  tally->n++;
  if (score >= 9)
    tally->promoters++;
  else if (score >= 7)
    tally->passives++;
  else
    tally->detractors++;
}

double
fw_tally_nps (const FwTally *tally)
{
  if (tally->n <= 0)
    return NAN;
  return 100.0 * (double) (tally->promoters - tally->detractors) / (double) tally->n;
}

static void
fw_store_finalize (GObject *object)
{
  FwStore *self = FW_STORE (object);

  g_assert (self->batch == NULL);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (fw_store_parent_class)->finalize (object);
}

static void
fw_store_class_init (FwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fw_store_finalize;

  /**
   * FwStore::changed:
   *
   * Emitted after a batch was added or removed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fw_store_init (FwStore *self)
{
}

/**
 * fw_store_default_path:
 *
 * Returns: the database that Flywheel opens when none is given: the
 *   `FLYWHEEL_DATABASE` variable, or flywheel.db in the user's data folder.
 */
char *
fw_store_default_path (void)
{
  const char *env = g_getenv ("FLYWHEEL_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "flywheel", "flywheel.db", NULL);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Whether a write-ahead log with frames in it lies beside @path. */
static gboolean
has_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Looks at the file's shape before SQLite touches it, so that a file we
 * must refuse is never changed.  Which program wrote it and at which
 * version is asked of SQLite afterwards, because with WAL the header in the
 * main file can lag behind the log beside it. */
static gboolean
inspect_file (const char *path,
              gboolean   *exists,
              GError    **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  GStatBuf st;
  guint32 page_size, page_count;
  gssize got;
  int fd;

  *exists = FALSE;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_OPEN, _("“%s” cannot be opened: %s."),
                   path, g_strerror (errno));
      return FALSE;
    }

  *exists = TRUE;

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_OPEN,
                   _("“%s” is not a file. Choose a database file instead."), path);
      return FALSE;
    }

  /* An empty file is an empty database, for SQLite as for us. */
  if (st.st_size == 0)
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_OPEN, _("“%s” cannot be opened: %s."),
                   path, g_strerror (errno));
      return FALSE;
    }
  got = read (fd, header, sizeof header);
  close (fd);

  if (got < (gssize) strlen (SQLITE_MAGIC) + 1
      || memcmp (header, SQLITE_MAGIC, strlen (SQLITE_MAGIC) + 1) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FLYWHEEL,
                   _("“%s” is not a Flywheel database. Choose another file, or a new name to "
                     "start an empty database."),
                   path);
      return FALSE;
    }

  if (got < SQLITE_HEADER_SIZE)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                   _("“%s” is cut short and cannot be read. Restore it from a backup."), path);
      return FALSE;
    }

  /* A page size of 1 in the header stands for 65536. */
  page_size = ((guint32) header[HEADER_PAGE_SIZE] << 8) | header[HEADER_PAGE_SIZE + 1];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + HEADER_PAGE_COUNT);

  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read. Restore it from a backup."), path);
      return FALSE;
    }

  /* The page count in the header is only trustworthy when the version it
   * was written with matches the change counter, and when no log beside
   * the file holds the rest: a checkpoint cut off by a crash leaves the
   * first page written and the file not yet grown, which the log mends. */
  if (read_be32 (header + HEADER_VERSION_VALID_FOR) == read_be32 (header + HEADER_CHANGE_COUNTER)
      && (guint64) st.st_size < (guint64) page_size * page_count && !has_log (path))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                   _("“%s” is cut short and cannot be read. Restore it from a backup."), path);
      return FALSE;
    }

  return TRUE;
}

/* Reads which program wrote the open database and at which version, and
 * whether it is still empty; reading changes nothing. */
static gboolean
read_identity (FwStore *self,
               gint64  *application_id,
               gint64  *user_version,
               gint64  *n_objects,
               GError **error)
{
  g_autoptr(GError) local_error = NULL;

  *application_id = query_int (self, "PRAGMA application_id", NULL, &local_error);
  if (*application_id != -1 || local_error == NULL)
    *user_version = query_int (self, "PRAGMA user_version", NULL, &local_error);
  if (local_error == NULL)
    *n_objects = query_int (self, "SELECT count(*) FROM sqlite_schema", NULL, &local_error);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                     _("“%s” is damaged and cannot be read. Restore it from a backup."),
                     self->path);
      return FALSE;
    }
  return TRUE;
}

/* A new database file is private to its user from the first byte. */
static gboolean
create_private_file (const char *path,
                     GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_OPEN,
                   _("The folder “%s” cannot be created: %s."), dir, g_strerror (errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, FW_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? FW_STORE_ERROR_READ_ONLY
                                                     : FW_STORE_ERROR_OPEN,
                   _("“%s” cannot be created: %s."), path, g_strerror (saved));
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

static char *
load_resource_text (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Creates the tables on an empty database.  Another connection may have
 * done so since we looked, so the check is made again under the lock. */
static gboolean
create_schema (FwStore *self,
               GError **error)
{
  g_autofree char *schema = load_resource_text ("schema.sql");
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d;"
                                              "PRAGMA user_version = %d;",
                                              FW_STORE_APPLICATION_ID, FW_STORE_SCHEMA_VERSION);
  gint64 n_objects;

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  n_objects = query_int (self, "SELECT count(*) FROM sqlite_schema", NULL, error);
  if (n_objects < 0)
    goto failed;
  if (n_objects > 0)
    return store_exec (self, "COMMIT", error);

  if (!store_exec (self, schema, error) || !store_exec (self, pragmas, error)
      || !store_exec (self, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  store_rollback (self);
  return FALSE;
}

/* Copies the database to PATH.vN-TIMESTAMP.bak before a migration, with
 * VACUUM INTO so that the copy is consistent even with a WAL beside it. */
static gboolean
backup_before_migration (FwStore *self,
                         guint32  from_version,
                         char   **backup_path,
                         GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc;

  for (guint i = 0; target == NULL || g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      if (i == 0)
        target = g_strdup_printf ("%s.v%u-%s.bak", self->path, from_version, stamp);
      else
        target = g_strdup_printf ("%s.v%u-%s-%u.bak", self->path, from_version, stamp, i);
    }

  if (!create_private_file (target, &local_error))
    goto failed;

  stmt = store_prepare (self, "VACUUM INTO ?1", &local_error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (&local_error, target, self->db, rc);
      goto failed;
    }

  *backup_path = g_steal_pointer (&target);
  return TRUE;

failed:
  g_unlink (target);
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_BACKUP,
               _("“%s” needs an upgrade, but the backup copy made first failed, so nothing was "
                 "changed: %s"),
               self->path, local_error->message);
  return FALSE;
}

static gboolean
migrate (FwStore *self,
         guint32  from_version,
         GError **error)
{
  g_autofree char *backup_path = NULL;

  if (from_version == FW_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!backup_before_migration (self, from_version, &backup_path, error))
    return FALSE;
  g_message ("Backed up %s to %s before upgrading it", self->path, backup_path);

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *step = &migrations[i];
      g_autofree char *sql = NULL;
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (step->version <= (int) from_version)
        continue;

      sql = load_resource_text (step->resource);
      set_version = g_strdup_printf ("PRAGMA user_version = %d", step->version);

      if (!store_exec (self, "BEGIN IMMEDIATE", &local_error) || !store_exec (self, sql, &local_error)
          || !store_exec (self, set_version, &local_error)
          || !store_exec (self, "COMMIT", &local_error))
        {
          store_rollback (self);
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_MIGRATE,
                       _("“%s” could not be upgraded to version %d; it is as it was, and a copy "
                         "is in “%s”: %s"),
                       self->path, step->version, backup_path, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * fw_store_open:
 * @path: the database file; created when missing
 *
 * Opens or creates a Flywheel database and brings it up to the current
 * schema, with a backup copy first.  A file that is not a Flywheel database,
 * is damaged or comes from a newer version is refused and left untouched.
 */
FwStore *
fw_store_open (const char *path,
               GError    **error)
{
  g_autoptr(FwStore) self = NULL;
  g_autofree char *dir = NULL;
  gint64 application_id = 0, user_version = 0, n_objects = 0;
  gboolean exists, dir_read_only;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!inspect_file (path, &exists, error))
    return NULL;

  dir = g_path_get_dirname (path);
  dir_read_only = fw_store_path_is_read_only (dir);
  if (!exists && dir_read_only)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only, so no database can be created in it. "
                     "Choose a folder you can write to."),
                   dir);
      return NULL;
    }
  if (!exists && !create_private_file (path, error))
    return NULL;

  self = g_object_new (FW_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = dir_read_only || fw_store_path_is_read_only (path);

  if (self->read_only)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH,
                                                      FALSE);
      g_autofree char *uri = NULL;

      /* Reading a WAL database makes -wal and -shm files beside it, which
       * a read-only folder cannot hold, and which, left beside a read-only
       * file, would keep it read-only after it is made writable again.
       * Without a log (nobody has it open) the file is read as it is;
       * with one, the log is read too. */
      uri = g_strdup_printf ("file:%s?%s", escaped,
                             g_file_test (wal, G_FILE_TEST_EXISTS) ? "mode=ro" : "immutable=1");
      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, path, self->db, rc);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!read_identity (self, &application_id, &user_version, &n_objects, error))
    return NULL;

  if (n_objects > 0 || application_id != 0 || user_version != 0)
    {
      if (application_id != FW_STORE_APPLICATION_ID)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_NOT_FLYWHEEL,
                       _("“%s” is a database of another program, not of Flywheel. Choose "
                         "another file, or a new name to start an empty database."),
                       path);
          return NULL;
        }
      if (user_version > FW_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_TOO_NEW,
                       _("“%s” was saved by a newer version of Flywheel. Update Flywheel to "
                         "open it."),
                       path);
          return NULL;
        }
      if (user_version < 1)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged and cannot be read. Restore it from a backup."), path);
          return NULL;
        }
    }

  /* A read-only database is shown as it is; only what would have to
   * change it first stops it. */
  if (self->read_only)
    {
      if (n_objects == 0 && application_id == 0)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY,
                       _("“%s” is empty and read-only, so Flywheel cannot set it up. Make it "
                         "writable, or choose another file."),
                       path);
          return NULL;
        }
      if (user_version < FW_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY,
                       _("“%s” was saved by an older version of Flywheel and needs an upgrade, "
                         "but it is read-only. Make the file and its folder writable, then "
                         "open it again."),
                       path);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  if (!store_exec (self, "PRAGMA foreign_keys = ON;"
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;",
                   error))
    return NULL;

  if (n_objects == 0 && application_id == 0)
    {
      if (!create_schema (self, error))
        return NULL;
    }
  else if (!migrate (self, (guint32) user_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
fw_store_get_path (FwStore *self)
{
  g_return_val_if_fail (FW_IS_STORE (self), NULL);

  return self->path;
}

/**
 * fw_store_count_batches:
 *
 * Returns: the number of imported batches, 0 for an empty database, or -1
 *   with @error set.
 */
gint64
fw_store_count_batches (FwStore *self,
                        GError **error)
{
  g_return_val_if_fail (FW_IS_STORE (self), -1);

  return query_int (self, "SELECT count(*) FROM import_batches", NULL, error);
}

/**
 * fw_batch_summary_free:
 */
void
fw_batch_summary_free (FwBatchSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->source_name);
  g_free (summary->format);
  g_free (summary->kind);
  g_free (summary->imported_at);
  g_free (summary);
}

/**
 * fw_store_list_batches:
 *
 * Lists every imported batch, newest first.
 *
 * Returns: (transfer full) (element-type FwBatchSummary): the batches, an
 *   empty array for an empty database, or %NULL with @error set
 */
GPtrArray *
fw_store_list_batches (FwStore *self,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), NULL);

  /* Ids grow with each import; imported_at alone ties within a second. */
  stmt = store_prepare (self,
                        "SELECT id, source_name, format, kind, row_count, skipped_count,"
                        " imported_at "
                        "FROM import_batches ORDER BY imported_at DESC, id DESC",
                        error);
  if (stmt == NULL)
    return NULL;

  batches = g_ptr_array_new_with_free_func ((GDestroyNotify) fw_batch_summary_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FwBatchSummary *summary = g_new0 (FwBatchSummary, 1);

      summary->id = sqlite3_column_int64 (stmt, 0);
      summary->source_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      summary->format = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      summary->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      summary->row_count = sqlite3_column_int64 (stmt, 4);
      summary->skipped_count = sqlite3_column_int64 (stmt, 5);
      summary->imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (batches, summary);
    }
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return NULL;
    }

  return g_steal_pointer (&batches);
}

/**
 * fw_store_find_batch_by_format:
 *
 * Returns: the id of the newest batch of @format, 0 when there is none, or
 *   -1 with @error set.
 */
gint64
fw_store_find_batch_by_format (FwStore    *self,
                               const char *format,
                               GError    **error)
{
  g_return_val_if_fail (FW_IS_STORE (self), -1);
  g_return_val_if_fail (format != NULL, -1);

  return query_int (self, "SELECT id FROM import_batches WHERE format = ?1 ORDER BY id DESC LIMIT 1",
                    format, error);
}

/**
 * fw_store_get_overall:
 * @min_group: the anonymity threshold for employee answers; never taken
 *   below %FW_ANONYMITY_MIN
 *
 * Fills @score with the score over all answers of @kind, from the rollup.
 * Employee answers count only in safe cells, units by calendar month of at
 * least @min_group answers, as in fw_query_run(); with no such cell the
 * score comes back suppressed.
 */
gboolean
fw_store_get_overall (FwStore *self,
                      FwKind   kind,
                      guint    min_group,
                      FwScore *score,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);
  g_return_val_if_fail (score != NULL, FALSE);

  memset (score, 0, sizeof *score);
  score->nps = NAN;

  /* Employee answers count only in safe cells, units by calendar month of
   * at least the threshold, as every employee figure does (the rule is set
   * out at the top of fw-query.c); customer cells all pass at 0. */
  stmt = store_prepare (self,
                        "SELECT total (n), total (promoters), total (passives), total (detractors) "
                        "FROM (SELECT sum (n) AS n, sum (promoters) AS promoters,"
                        " sum (passives) AS passives, sum (detractors) AS detractors"
                        " FROM rollup_monthly WHERE kind = ?1"
                        " GROUP BY unit_id, month HAVING sum (n) >= ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fw_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, kind == FW_KIND_EMPLOYEE ? MAX (min_group, FW_ANONYMITY_MIN) : 0);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return FALSE;
    }

  /* Any safe cell holds the threshold, so this is "no safe cell at all". */
  if (kind == FW_KIND_EMPLOYEE
      && sqlite3_column_int64 (stmt, 0) < (gint64) MAX (min_group, FW_ANONYMITY_MIN))
    {
      score->suppressed = TRUE;
      return TRUE;
    }

  score->tally.n = sqlite3_column_int64 (stmt, 0);
  score->tally.promoters = sqlite3_column_int64 (stmt, 1);
  score->tally.passives = sqlite3_column_int64 (stmt, 2);
  score->tally.detractors = sqlite3_column_int64 (stmt, 3);
  score->nps = fw_tally_nps (&score->tally);
  return TRUE;
}

/**
 * fw_store_get_day_range:
 *
 * Sets @first_day and @last_day ("YYYY-MM-DD") to the span of the answers
 * of @kind, or to %NULL when there are none.
 */
gboolean
fw_store_get_day_range (FwStore *self,
                        FwKind   kind,
                        char   **first_day,
                        char   **last_day,
                        GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);

  *first_day = *last_day = NULL;

  /* Two subqueries, so that each is one step down the primary key; a
   * single min () with max () reads every day of the kind. */
  stmt = store_prepare (self,
                        "SELECT (SELECT min (day) FROM rollup_daily WHERE kind = ?1),"
                        "       (SELECT max (day) FROM rollup_daily WHERE kind = ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fw_kind_to_string (kind), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return FALSE;
    }
  *first_day = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *last_day = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

/* One row of rollup_daily as a batch adds to it.  The batch sums its
 * answers here as they arrive, so that committing it writes a few thousand
 * cells instead of grouping a million rows again. */
typedef struct
{
  char   day[11];
  FwKind kind;
  gint64 unit_id;
  gint64 touchpoint_id;
  gint64 n;
  gint64 promoters;
  gint64 passives;
  gint64 detractors;
  gint64 spend_n;
  double spend_sum;
} RollupCell;

static guint
rollup_cell_hash (gconstpointer key)
{
  const RollupCell *cell = key;
  guint hash = g_str_hash (cell->day);

  /* Spread the small ids over the whole word, or days collide. */
  hash ^= (guint) cell->unit_id * 0x9E3779B1u;
  hash ^= (guint) cell->touchpoint_id * 0x85EBCA77u;
  return hash ^ ((guint) cell->kind * 0xC2B2AE3Du);
}

static gboolean
rollup_cell_equal (gconstpointer a,
                   gconstpointer b)
{
  const RollupCell *x = a, *y = b;

  return x->kind == y->kind && x->unit_id == y->unit_id
         && x->touchpoint_id == y->touchpoint_id && strcmp (x->day, y->day) == 0;
}

static void
rollup_add (GHashTable       *rollup,
            const FwResponse *response,
            gint64            unit_id,
            gint64            touchpoint_id)
{
  RollupCell key = { .kind = response->kind, .unit_id = unit_id,
                     .touchpoint_id = touchpoint_id };
  RollupCell *cell;

  memcpy (key.day, response->day, 10);
  key.day[10] = '\0';
  cell = g_hash_table_lookup (rollup, &key);
  if (cell == NULL)
    {
      cell = g_memdup2 (&key, sizeof key);
      g_hash_table_add (rollup, cell);
    }
  cell->n++;
  if (response->score >= 9)
    cell->promoters++;
  else if (response->score >= 7)
    cell->passives++;
  else
    cell->detractors++;
  if (!isnan (response->spend))
    {
      cell->spend_n++;
      cell->spend_sum += response->spend;
    }
}

/* Adds the cells a batch summed to the rollup, in the batch's transaction. */
static gboolean
rollup_write (FwStore    *self,
              GHashTable *rollup,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  RollupCell *cell;

  stmt = store_prepare (self,
                        "INSERT INTO rollup_daily (day, kind, unit_id, touchpoint_id, n, promoters,"
                        "                          passives, detractors, spend_n, spend_sum) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                        "ON CONFLICT DO UPDATE SET n = n + excluded.n,"
                        "  promoters = promoters + excluded.promoters,"
                        "  passives = passives + excluded.passives,"
                        "  detractors = detractors + excluded.detractors,"
                        "  spend_n = spend_n + excluded.spend_n,"
                        "  spend_sum = spend_sum + excluded.spend_sum",
                        error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, rollup);
  while (g_hash_table_iter_next (&iter, (gpointer *) &cell, NULL))
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, cell->day, 10, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, fw_kind_to_string (cell->kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, cell->unit_id);
      sqlite3_bind_int64 (stmt, 4, cell->touchpoint_id);
      sqlite3_bind_int64 (stmt, 5, cell->n);
      sqlite3_bind_int64 (stmt, 6, cell->promoters);
      sqlite3_bind_int64 (stmt, 7, cell->passives);
      sqlite3_bind_int64 (stmt, 8, cell->detractors);
      sqlite3_bind_int64 (stmt, 9, cell->spend_n);
      sqlite3_bind_double (stmt, 10, cell->spend_sum);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          set_error_from_sqlite (error, self->path, self->db, rc);
          return FALSE;
        }
    }
  return TRUE;
}

/* Adds (@sign 1) or takes away (@sign -1) the answers of one batch to or
 * from the daily rollup, in the caller's transaction. */
static gboolean
update_rollup (FwStore *self,
               gint64   batch_id,
               int      sign,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* "WHERE true" lets SQLite tell the upsert's ON CONFLICT from a join. */
  stmt = store_prepare (self,
                        "INSERT INTO rollup_daily (day, kind, unit_id, touchpoint_id, n, promoters,"
                        "                          passives, detractors, spend_n, spend_sum) "
                        "SELECT day, kind, coalesce (u.merged_into, r.unit_id, 0),"
                        "       coalesce (touchpoint_id, 0),"
                        "       ?2 * count(*), ?2 * sum (score >= 9),"
                        "       ?2 * sum (score BETWEEN 7 AND 8), ?2 * sum (score <= 6),"
                        "       ?2 * count (spend), ?2 * total (spend) "
                        "FROM responses r LEFT JOIN units u ON u.id = r.unit_id "
                        "WHERE r.batch_id = ?1 AND true "
                        "GROUP BY 1, 2, 3, 4 "
                        "ON CONFLICT DO UPDATE SET n = n + excluded.n,"
                        "  promoters = promoters + excluded.promoters,"
                        "  passives = passives + excluded.passives,"
                        "  detractors = detractors + excluded.detractors,"
                        "  spend_n = spend_n + excluded.spend_n,"
                        "  spend_sum = spend_sum + excluded.spend_sum",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  sqlite3_bind_int (stmt, 2, sign);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return FALSE;
    }

  return sign > 0 || store_exec (self, "DELETE FROM rollup_daily WHERE n <= 0", error);
}

/**
 * fw_store_remove_batch:
 *
 * Removes one batch with its answers and their share of the rollup, in one
 * transaction.
 */
gboolean
fw_store_remove_batch (FwStore *self,
                       gint64   batch_id,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch == NULL, FALSE);

  /* Removing cannot be undone, so a copy comes first (fw-store-backup.c). */
  if (!fw_store_check_writable (self, error) || !fw_store_check (self, error)
      || !fw_store_backup_before (self, FW_STORE_BACKUP_BEFORE_REMOVAL, NULL, error))
    return FALSE;

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!update_rollup (self, batch_id, -1, error)
      || !fw_store_repeat_collect (self, batch_id, error))
    goto failed;

  stmt = store_prepare (self, "DELETE FROM import_batches WHERE id = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      goto failed;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, batch_id);

      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("There is no import %s in “%s”."), id, self->path);
      goto failed;
    }

  if (!fw_store_repeat_recount (self, error) || !store_exec (self, "COMMIT", error))
    goto failed;

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;

failed:
  store_rollback (self);
  return FALSE;
}

/**
 * fw_store_begin_batch:
 *
 * Opens the transaction of one import.  Nothing is visible to other
 * connections until fw_batch_commit(); freeing the batch without
 * committing it leaves the database as it was.
 */
FwBatch *
fw_store_begin_batch (FwStore           *self,
                      const FwBatchInfo *info,
                      GError           **error)
{
  g_autoptr(FwBatch) batch = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *imported_at = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), NULL);
  g_return_val_if_fail (info != NULL && info->source_name != NULL && info->format != NULL, NULL);
  g_return_val_if_fail (info->kind != NULL, NULL);
  g_return_val_if_fail (self->batch == NULL, NULL);

  /* Nothing is built on a damaged file: the check reads every page, at
   * about a second per million answers, which an import can afford. */
  if (!fw_store_check_writable (self, error) || !fw_store_check (self, error))
    return NULL;

  /* A large import inserts into three indexes at once; with SQLite's
   * default 2 MB cache their pages keep leaving the cache and coming back.
   * fw_batch_free() gives the memory back. */
  if (!store_exec (self, "PRAGMA cache_size = -" G_STRINGIFY (BATCH_CACHE_KB) ";"
                         "PRAGMA temp_store = MEMORY;"
                         "BEGIN IMMEDIATE",
                   error))
    return NULL;

  batch = g_new0 (FwBatch, 1);
  batch->store = g_object_ref (self);
  batch->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->counted_as = g_hash_table_new (NULL, NULL);
  batch->touchpoints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  batch->rollup = g_hash_table_new_full (rollup_cell_hash, rollup_cell_equal, g_free, NULL);
  self->batch = batch;

  now = g_date_time_new_now_utc ();
  imported_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  stmt = store_prepare (self,
                        "INSERT INTO import_batches (source_name, sha256, format, kind, mapping,"
                        "                            imported_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, info->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, info->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, info->format, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, info->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, info->mapping, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, imported_at, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return NULL;
    }
  batch->id = sqlite3_last_insert_rowid (self->db);

  rc = sqlite3_prepare_v3 (self->db,
                           "INSERT INTO responses (batch_id, kind, day, score, unit_id,"
                           "                       touchpoint_id, respondent, external_id,"
                           "                       comment, spend) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                           -1, SQLITE_PREPARE_PERSISTENT, &batch->insert, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return NULL;
    }

  return g_steal_pointer (&batch);
}

/* The id of unit or touchpoint @name, added when new.  For a unit it also
 * notes, in batch->counted_as, the unit its answers count as. */
static gint64
batch_lookup_name (FwBatch    *batch,
                   GHashTable *cache,
                   const char *table,
                   const char *name,
                   GError    **error)
{
  FwStore *self = batch->store;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *select = NULL;
  g_autofree char *insert = NULL;
  gpointer cached;
  gint64 id = 0;
  int rc;

  if (name == NULL || *name == '\0')
    return 0;

  if (g_hash_table_lookup_extended (cache, name, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  select = g_strdup_printf ("SELECT id FROM %s WHERE name = ?1", table);
  id = query_int (self, select, name, error);
  if (id < 0)
    return -1;

  if (id == 0)
    {
      insert = g_strdup_printf ("INSERT INTO %s (name) VALUES (?1)", table);
      stmt = store_prepare (self, insert, error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          set_error_from_sqlite (error, self->path, self->db, rc);
          return -1;
        }
      id = sqlite3_last_insert_rowid (self->db);
    }

  if (cache == batch->units)
    {
      gint64 counted_as = query_int (self, "SELECT coalesce (u.merged_into, u.id) FROM units u "
                                           "WHERE u.name = ?1", name, error);

      if (counted_as <= 0)
        return -1;
      g_hash_table_insert (batch->counted_as, GSIZE_TO_POINTER ((gsize) id),
                           GSIZE_TO_POINTER ((gsize) counted_as));
    }

  g_hash_table_insert (cache, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static gboolean
valid_day (const char *day)
{
  unsigned y, m, d;

  /* By hand rather than with sscanf(): this runs for every answer. */
  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (day[i]))
      return FALSE;
  y = (day[0] - '0') * 1000u + (day[1] - '0') * 100u + (day[2] - '0') * 10u + (day[3] - '0');
  m = (day[5] - '0') * 10u + (day[6] - '0');
  d = (day[8] - '0') * 10u + (day[9] - '0');
  return g_date_valid_dmy (d, m, y);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/**
 * fw_batch_add:
 *
 * Adds one answer to the batch.  A value that breaks the data model (a day
 * that does not exist, a score outside 0 to 10) is refused with
 * %FW_STORE_ERROR_INVALID; the batch stays usable.
 */
gboolean
fw_batch_add (FwBatch          *batch,
              const FwResponse *response,
              GError          **error)
{
  FwStore *self;
  gint64 unit_id, touchpoint_id;
  int rc;

  g_return_val_if_fail (batch != NULL && !batch->done, FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  self = batch->store;

  if (!valid_day (response->day))
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not a day of the calendar in the form YYYY-MM-DD."),
                   response->day != NULL ? response->day : "");
      return FALSE;
    }
  if (response->score < 0 || response->score > 10)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("%d is not a score from 0 to 10."), response->score);
      return FALSE;
    }
  if (isinf (response->spend))
    {
      g_set_error_literal (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                           _("The spend amount is not a finite number."));
      return FALSE;
    }

  unit_id = batch_lookup_name (batch, batch->units, "units", response->unit, error);
  if (unit_id < 0)
    return FALSE;
  touchpoint_id = batch_lookup_name (batch, batch->touchpoints, "touchpoints",
                                     response->touchpoint, error);
  if (touchpoint_id < 0)
    return FALSE;

  sqlite3_reset (batch->insert);
  sqlite3_bind_int64 (batch->insert, 1, batch->id);
  sqlite3_bind_text (batch->insert, 2, fw_kind_to_string (response->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (batch->insert, 3, response->day, -1, SQLITE_STATIC);
  sqlite3_bind_int (batch->insert, 4, response->score);
  if (unit_id > 0)
    sqlite3_bind_int64 (batch->insert, 5, unit_id);
  else
    sqlite3_bind_null (batch->insert, 5);
  if (touchpoint_id > 0)
    sqlite3_bind_int64 (batch->insert, 6, touchpoint_id);
  else
    sqlite3_bind_null (batch->insert, 6);
  bind_text_or_null (batch->insert, 7, response->respondent);
  bind_text_or_null (batch->insert, 8, response->external_id);
  bind_text_or_null (batch->insert, 9, response->comment);
  if (isnan (response->spend))
    sqlite3_bind_null (batch->insert, 10);
  else
    sqlite3_bind_double (batch->insert, 10, response->spend);

  rc = sqlite3_step (batch->insert);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      return FALSE;
    }

  rollup_add (batch->rollup, response,
              unit_id > 0
              ? (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (batch->counted_as,
                                                                GSIZE_TO_POINTER ((gsize) unit_id)))
              : 0,
              touchpoint_id);
  batch->rows++;
  return TRUE;
}

/**
 * fw_batch_commit:
 * @batch_id: (out) (optional): the id of the new batch
 *
 * Brings the rollup in step and commits the import.  On failure nothing of
 * the batch is kept.  The batch must still be freed.
 */
gboolean
fw_batch_commit (FwBatch *batch,
                 gint64  *batch_id,
                 GError **error)
{
  FwStore *self;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (batch != NULL && !batch->done, FALSE);

  self = batch->store;
  batch->done = TRUE;
  g_clear_pointer (&batch->insert, sqlite3_finalize);

  if (!rollup_write (self, batch->rollup, error)
      || !fw_store_repeat_collect (self, batch->id, error)
      || !fw_store_repeat_recount (self, error))
    goto failed;

  stmt = store_prepare (self,
                        "UPDATE import_batches SET row_count = ?2, skipped_count = ?3,"
                        "                          sha256 = coalesce (?4, sha256) "
                        "WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, batch->id);
  sqlite3_bind_int64 (stmt, 2, batch->rows);
  sqlite3_bind_int64 (stmt, 3, batch->skipped);
  bind_text_or_null (stmt, 4, batch->sha256);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (error, self->path, self->db, rc);
      goto failed;
    }

  if (!store_exec (self, "COMMIT", error))
    goto failed;

  self->batch = NULL;
  if (batch_id != NULL)
    *batch_id = batch->id;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;

failed:
  store_rollback (self);
  self->batch = NULL;
  return FALSE;
}

/**
 * fw_batch_set_skipped:
 *
 * Records how many rows of the source were left out (no score, duplicate,
 * refused); saved with the batch by fw_batch_commit().
 */
void
fw_batch_set_skipped (FwBatch *batch,
                      gint64   skipped)
{
  g_return_if_fail (batch != NULL && !batch->done);
  g_return_if_fail (skipped >= 0);

  batch->skipped = skipped;
}

/**
 * fw_batch_set_sha256:
 *
 * Gives the batch the digest of its file when it was not known at
 * fw_store_begin_batch() (the importer hashes while it reads); saved by
 * fw_batch_commit().
 */
void
fw_batch_set_sha256 (FwBatch    *batch,
                     const char *sha256)
{
  g_return_if_fail (batch != NULL && !batch->done);

  g_free (batch->sha256);
  batch->sha256 = g_strdup (sha256);
}

/**
 * fw_batch_free:
 *
 * Frees @batch; an uncommitted batch is rolled back, leaving the database as
 * it was before fw_store_begin_batch().
 */
void
fw_batch_free (FwBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->insert, sqlite3_finalize);
  if (!batch->done || batch->store->batch == batch)
    {
      store_rollback (batch->store);
      batch->store->batch = NULL;
    }
  g_hash_table_unref (batch->units);
  g_hash_table_unref (batch->counted_as);
  sqlite3_exec (batch->store->db,
                "PRAGMA cache_size = " G_STRINGIFY (SQLITE_DEFAULT_CACHE_SIZE) ";"
                "PRAGMA temp_store = DEFAULT",
                NULL, NULL, NULL);
  g_hash_table_unref (batch->touchpoints);
  g_hash_table_unref (batch->rollup);
  g_free (batch->sha256);
  g_object_unref (batch->store);
  g_free (batch);
}

/**
 * fw_store_set_error_from_sqlite:
 *
 * Sets @error from SQLite result code @rc, with the same sentences as the
 * store's own failures.
 */
void
fw_store_set_error_from_sqlite (FwStore *self,
                                int      rc,
                                GError **error)
{
  g_return_if_fail (FW_IS_STORE (self));

  set_error_from_sqlite (error, self->path, self->db, rc);
}

/**
 * fw_store_is_read_only:
 *
 * Whether the database was opened read-only, because the file or its folder
 * cannot be written: its figures can be read, but nothing imported or
 * removed.
 */
gboolean
fw_store_is_read_only (FwStore *self)
{
  g_return_val_if_fail (FW_IS_STORE (self), FALSE);

  return self->read_only;
}

/**
 * fw_store_check_writable:
 *
 * Fails with %FW_STORE_ERROR_READ_ONLY, saying what to do, when the
 * database was opened read-only; for every write, before it starts.
 */
gboolean
fw_store_check_writable (FwStore *self,
                         GError **error)
{
  g_return_val_if_fail (FW_IS_STORE (self), FALSE);

  if (!self->read_only)
    return TRUE;
  g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_READ_ONLY,
               _("“%s” is read-only, because the file or its folder cannot be written to, so "
                 "nothing can be imported, removed or changed. Make both writable and try "
                 "again, or work on a copy."),
               self->path);
  return FALSE;
}

/**
 * fw_store_path_is_read_only:
 *
 * Whether @path, a file or folder, refuses writes: on a read-only mount,
 * without permission, or with no write bit at all, which is taken as the
 * owner's wish even where root could write.
 */
gboolean
fw_store_path_is_read_only (const char *path)
{
  struct statvfs vfs;
  GStatBuf st;

  if (statvfs (path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0)
    return TRUE;
  if (access (path, W_OK) != 0)
    return errno == EACCES || errno == EROFS || errno == EPERM;
  return g_stat (path, &st) == 0 && (st.st_mode & 0222) == 0;
}

/**
 * fw_store_get_db:
 *
 * The connection, for queries of src/core that live outside this file.
 * Never for src/gui, and never to change the schema.
 */
sqlite3 *
fw_store_get_db (FwStore *self)
{
  g_return_val_if_fail (FW_IS_STORE (self), NULL);

  return self->db;
}

/**
 * fw_store_emit_changed:
 *
 * Tells the store's users that what it holds changed, after a write made
 * outside this file.
 */
void
fw_store_emit_changed (FwStore *self)
{
  g_return_if_fail (FW_IS_STORE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
