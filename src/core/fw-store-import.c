/* fw-store-import.c: the few queries the importer makes of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-store-import.h"

/* The ids a lookup has seen, as a Bloom filter that grows by adding layers
 * of twice the size: 8 bits an id, and a miss, which is nearly every
 * answer of a new file, costs no query.  A hit is asked of the database. */
typedef struct
{
  guint64 *bits;
  guint64  n_bits;
  guint64  n_ids;
  guint64  capacity;
} BloomLayer;

/* Both powers of two, so that a bit's place is a mask, not a division. */
#define BLOOM_FIRST_CAPACITY (64 * 1024)
#define BLOOM_BITS_PER_ID    8
#define BLOOM_HASHES         5

struct _FwIdLookup
{
  FwStore      *store;
  sqlite3_stmt *select;
  FwKind        kind;
  GArray       *layers; /* of BloomLayer */
};

/* FNV-1a, twice seeded: the two hashes of double hashing. */
static void
bloom_hash (const char *id,
            guint64    *h1,
            guint64    *h2)
{
  guint64 a = G_GUINT64_CONSTANT (14695981039346656037);
  guint64 b = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    {
      a = (a ^ *p) * G_GUINT64_CONSTANT (1099511628211);
      b = (b ^ *p) * G_GUINT64_CONSTANT (0x100000001B3) + 0x7F4A7C15;
    }
  *h1 = a;
  *h2 = (b ^ (b >> 29)) | 1;
}

static gboolean
bloom_layer_has (const BloomLayer *layer,
                 guint64           h1,
                 guint64           h2)
{
  for (guint i = 0; i < BLOOM_HASHES; i++)
    {
      guint64 bit = (h1 + i * h2) & (layer->n_bits - 1);

      if ((layer->bits[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
bloom_has (GArray     *layers,
           guint64     h1,
           guint64     h2)
{
  for (guint i = 0; i < layers->len; i++)
    if (bloom_layer_has (&g_array_index (layers, BloomLayer, i), h1, h2))
      return TRUE;
  return FALSE;
}

static void
bloom_add (GArray  *layers,
           guint64  h1,
           guint64  h2)
{
  BloomLayer *layer = layers->len > 0 ? &g_array_index (layers, BloomLayer, layers->len - 1)
                                      : NULL;

  if (layer == NULL || layer->n_ids >= layer->capacity)
    {
      BloomLayer next = { 0 };

      next.capacity = layer != NULL ? layer->capacity * 2 : BLOOM_FIRST_CAPACITY;
      next.n_bits = next.capacity * BLOOM_BITS_PER_ID;
      next.bits = g_new0 (guint64, next.n_bits / 64);
      g_array_append_val (layers, next);
      layer = &g_array_index (layers, BloomLayer, layers->len - 1);
    }
  for (guint i = 0; i < BLOOM_HASHES; i++)
    {
      guint64 bit = (h1 + i * h2) & (layer->n_bits - 1);

      layer->bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
    }
  layer->n_ids++;
}

static void
bloom_layer_clear (gpointer data)
{
  BloomLayer *layer = data;

  g_free (layer->bits);
}

/**
 * fw_store_find_import_by_sha256:
 * @imported_at: (out) (optional): when that import was made, ISO 8601 UTC
 * @source_name: (out) (optional): the file name it was made from
 *
 * Returns: the id of the batch imported from a file with this digest, 0 when
 *   none, -1 on error
 */
gint64
fw_store_find_import_by_sha256 (FwStore    *self,
                                const char *sha256,
                                char      **imported_at,
                                char      **source_name,
                                GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (self), -1);
  g_return_val_if_fail (sha256 != NULL, -1);

  rc = sqlite3_prepare_v2 (fw_store_get_db (self),
                           "SELECT id, imported_at, source_name FROM import_batches "
                           "WHERE sha256 = ?1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      return -1;
    }
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (imported_at != NULL)
        *imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (source_name != NULL)
        *source_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (self, rc, error);
      id = -1;
    }
  sqlite3_finalize (stmt);
  return id;
}

/**
 * fw_id_lookup_new:
 *
 * Prepares the question "is this response id of @kind already stored?" once
 * for a whole import.  Asked inside the import's transaction it also sees the
 * rows added so far, which catches ids repeated within one file.
 */
FwIdLookup *
fw_id_lookup_new (FwStore *store,
                  FwKind   kind,
                  GError **error)
{
  FwIdLookup *self;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);

  rc = sqlite3_prepare_v3 (fw_store_get_db (store),
                           "SELECT 1 FROM responses WHERE kind = ?1 AND external_id = ?2",
                           -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return NULL;
    }
  self = g_new0 (FwIdLookup, 1);
  self->store = g_object_ref (store);
  self->select = stmt;
  self->kind = kind;
  self->layers = g_array_new (FALSE, FALSE, sizeof (BloomLayer));
  g_array_set_clear_func (self->layers, bloom_layer_clear);
  sqlite3_bind_text (stmt, 1, fw_kind_to_string (kind), -1, SQLITE_STATIC);

  /* The ids already stored, read once along their index. */
  rc = sqlite3_prepare_v2 (fw_store_get_db (store),
                           "SELECT external_id FROM responses "
                           "WHERE kind = ?1 AND external_id IS NOT NULL",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      fw_id_lookup_free (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, fw_kind_to_string (kind), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 h1, h2;

      bloom_hash ((const char *) sqlite3_column_text (stmt, 0), &h1, &h2);
      bloom_add (self->layers, h1, h2);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      fw_id_lookup_free (self);
      return NULL;
    }
  return self;
}

/* 1 when present, 0 when not, -1 on error. */
int
fw_id_lookup_contains (FwIdLookup *self,
                       const char *external_id,
                       GError    **error)
{
  guint64 h1, h2;
  int rc;

  /* Every id asked about is taken as one about to be stored: ids repeated
   * within a file are found so, and an id that is then refused for another
   * reason only costs a query later. */
  bloom_hash (external_id, &h1, &h2);
  if (!bloom_has (self->layers, h1, h2))
    {
      bloom_add (self->layers, h1, h2);
      return 0;
    }

  sqlite3_reset (self->select);
  sqlite3_bind_text (self->select, 2, external_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (self->select);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  fw_store_set_error_from_sqlite (self->store, rc, error);
  return -1;
}

void
fw_id_lookup_free (FwIdLookup *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->select);
  g_clear_pointer (&self->layers, g_array_unref);
  g_object_unref (self->store);
  g_free (self);
}
