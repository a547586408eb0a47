/* fw-units.c: units by their names, and which count as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Survey files name the same unit differently: the customer survey says
 * "Amsterdam", the employee pulse "Amsterdam Store".  Merging the one into
 * the other makes them one unit in every figure, which the CX-EX link needs
 * to pair them at all.
 *
 * Each answer keeps the unit name it was imported with; units.merged_into
 * says which unit that name counts as, and the rollup holds only units that
 * count as themselves.  A merge therefore moves rows of the rollup, a few
 * thousand at most, and a split moves them back, counted again from the
 * answers of the name.  The monthly rollup follows through its triggers.
 *
 * For employees a merge makes one cell of two (see fw-query.c): a month of
 * the merged unit counts when the two together reach the threshold.
 */

#define G_LOG_DOMAIN "fw-units"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fw-store-private.h"
#include "fw-units.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Adds the counts of the rollup rows (or answers) that @select yields, times
 * ?3, to the daily rollup; ?1 and ?2 are the unit ids of the statement. */
#define ROLLUP_UPSERT \
  "INSERT INTO rollup_daily (day, kind, unit_id, touchpoint_id, n, promoters, passives," \
  "                          detractors, spend_n, spend_sum) "

#define ROLLUP_ON_CONFLICT \
  " ON CONFLICT DO UPDATE SET n = n + excluded.n," \
  "  promoters = promoters + excluded.promoters," \
  "  passives = passives + excluded.passives," \
  "  detractors = detractors + excluded.detractors," \
  "  spend_n = spend_n + excluded.spend_n," \
  "  spend_sum = spend_sum + excluded.spend_sum"

static void
unit_info_clear (gpointer data)
{
  FwUnitInfo *info = data;

  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->merged_into, g_free);
}

static void
suggestion_clear (gpointer data)
{
  FwUnitSuggestion *suggestion = data;

  g_clear_pointer (&suggestion->name, g_free);
  g_clear_pointer (&suggestion->into, g_free);
}

static gboolean
exec (FwStore    *store,
      const char *sql,
      GError    **error)
{
  int rc = sqlite3_exec (fw_store_get_db (store), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (FwStore *store)
{
  sqlite3 *db = fw_store_get_db (store);

  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Runs @sql with up to two integer parameters to its end. */
static gboolean
run (FwStore    *store,
     const char *sql,
     gint64      first,
     gint64      second,
     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (fw_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (sqlite3_bind_parameter_count (stmt) >= 1)
        sqlite3_bind_int64 (stmt, 1, first);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, second);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
    }
  if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The id of unit @name and the id it counts as; FALSE with @error set when
 * there is no such unit. */
static gboolean
find_unit (FwStore    *store,
           const char *name,
           gint64     *id,
           gint64     *counted_as,
           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (fw_store_get_db (store),
                           "SELECT id, coalesce (merged_into, id) FROM units WHERE name = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *counted_as = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("There is no unit “%s” in “%s”."), name, fw_store_get_path (store));
      return FALSE;
    }
  fw_store_set_error_from_sqlite (store, rc, error);
  return FALSE;
}

static GArray *
list_units (FwStore *store,
            guint    min_group,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) units = g_array_new (FALSE, TRUE, sizeof (FwUnitInfo));
  int rc;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);

  g_array_set_clear_func (units, unit_info_clear);
  rc = sqlite3_prepare_v2 (fw_store_get_db (store),
                           "SELECT u.name, m.name,"
                           "       (SELECT total (n) FROM rollup_monthly"
                           "         WHERE unit_id = u.id AND kind = 'customer'),"
                           "       (SELECT total (n) FROM (SELECT sum (n) AS n FROM rollup_monthly"
                           "         WHERE unit_id = u.id AND kind = 'employee'"
                           "         GROUP BY month HAVING sum (n) >= ?1))"
                           "  FROM units u LEFT JOIN units m ON m.id = u.merged_into"
                           " ORDER BY u.name",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64 (stmt, 1, min_group);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FwUnitInfo info = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
      };

      g_array_append_val (units, info);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      fw_store_set_error_from_sqlite (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&units);
}

/**
 * fw_units_list:
 *
 * Every unit name, by name, with the unit it counts as and the answers
 * counted under it: employee answers only in unit-months of at least
 * @min_group (never below FW_ANONYMITY_MIN), as every employee figure.
 * Read from the rollup, so it is quick at any size.
 *
 * Returns: (transfer full) (element-type FwUnitInfo): the units, or %NULL
 *   with @error set
 */
GArray *
fw_units_list (FwStore *store,
               guint    min_group,
               GError **error)
{
  g_return_val_if_fail (FW_IS_STORE (store), NULL);

  return list_units (store, MAX (min_group, FW_ANONYMITY_MIN), error);
}

static gboolean
is_filler_word (const char *word)
{
  /* Words that say what kind of unit it is rather than which one. */
  static const char *const fillers[] = {
    "the", "de", "het", "der", "die", "das", "la", "le", "el", "los", "les",
    "store", "shop", "winkel", "filiaal", "branch", "vestiging", "team", "dept",
    "department", "afdeling", "abteilung", "office", "kantoor", "unit", "eenheid",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fillers); i++)
    if (strcmp (word, fillers[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * fw_units_normalize:
 *
 * A unit name without case, accents, punctuation and words like "Store" or
 * "Afdeling", so that "Amsterdam" and "Amsterdam Store", or "Klantenservice"
 * and "klanten-service", come out alike.
 *
 * Returns: (transfer full): the words that are left, joined by spaces
 */
char *
fw_units_normalize (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);

  folded = g_utf8_casefold (name, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  for (const char *p = decomposed;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      /* Accents are marks of their own after NFKD; they join nothing. */
      if (c != 0 && g_unichar_ismark (c))
        continue;
      if (word->len > 0 && !is_filler_word (word->str))
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, word->str);
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Whether @a and @b are the same but for spaces: "klanten service" and
 * "klantenservice". */
static gboolean
same_letters (const char *a,
              const char *b)
{
  for (;; a++, b++)
    {
      while (*a == ' ')
        a++;
      while (*b == ' ')
        b++;
      if (*a != *b)
        return FALSE;
      if (*a == '\0')
        return TRUE;
    }
}

/* Whether @a and @b, normalised, name the same place: equal, or one words
 * the start of the other ("amsterdam" and "amsterdam centraal"). */
static gboolean
names_alike (const char *a,
             const char *b)
{
  size_t la = strlen (a), lb = strlen (b);

  if (la == 0 || lb == 0)
    return FALSE;
  if (same_letters (a, b))
    return TRUE;
  if (la == lb)
    return strcmp (a, b) == 0;
  if (la > lb)
    return names_alike (b, a);
  return strncmp (a, b, la) == 0 && b[la] == ' ';
}

/**
 * fw_units_suggest:
 *
 * Pairs of units that count as themselves and whose names look alike (see
 * fw_units_normalize()).  A pair is suggested when the names are alike once
 * normalised and, unless they are equal then but for spaces, one has only
 * customer answers and the other only employee answers: the two sides of
 * one unit.  The unit with fewer answers is the one to merge.
 *
 * Returns: (transfer full) (element-type FwUnitSuggestion): the pairs, or
 *   %NULL with @error set
 */
GArray *
fw_units_suggest (FwStore *store,
                  GError **error)
{
  g_autoptr(GArray) units = NULL;
  g_autoptr(GArray) suggestions = g_array_new (FALSE, TRUE, sizeof (FwUnitSuggestion));
  g_autoptr(GPtrArray) normal = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *taken = NULL;

  g_return_val_if_fail (FW_IS_STORE (store), NULL);

  g_array_set_clear_func (suggestions, suggestion_clear);
  /* Whether a unit has employee answers at all decides a pair; no count
   * of them leaves this function. */
  units = list_units (store, 1, error);
  if (units == NULL)
    return NULL;

  taken = g_new0 (gboolean, units->len);
  for (guint i = 0; i < units->len; i++)
    g_ptr_array_add (normal, fw_units_normalize (g_array_index (units, FwUnitInfo, i).name));

  for (guint i = 0; i < units->len; i++)
    for (guint j = i + 1; j < units->len && !taken[i]; j++)
      {
        const FwUnitInfo *a = &g_array_index (units, FwUnitInfo, i);
        const FwUnitInfo *b = &g_array_index (units, FwUnitInfo, j);
        const char *na = g_ptr_array_index (normal, i);
        const char *nb = g_ptr_array_index (normal, j);
        gboolean two_sides;
        FwUnitSuggestion suggestion;
        gboolean a_smaller;

        if (taken[j] || a->merged_into != NULL || b->merged_into != NULL
            || !names_alike (na, nb))
          continue;
        two_sides = (a->customer_n > 0 && a->employee_n == 0 && b->customer_n == 0
                     && b->employee_n > 0)
                    || (a->customer_n == 0 && a->employee_n > 0 && b->customer_n > 0
                        && b->employee_n == 0);
        if (!same_letters (na, nb) && !two_sides)
          continue;

        a_smaller = a->customer_n + a->employee_n < b->customer_n + b->employee_n;
        suggestion.name = g_strdup (a_smaller ? a->name : b->name);
        suggestion.into = g_strdup (a_smaller ? b->name : a->name);
        g_array_append_val (suggestions, suggestion);
        taken[i] = taken[j] = TRUE;
      }
  return g_steal_pointer (&suggestions);
}

/**
 * fw_units_merge:
 * @name: the unit to merge, by name
 * @into: the unit it is to count as, by name (or the unit that one counts as)
 *
 * Makes @name count as @into in every figure from now on, together with
 * the names that counted as @name; later imports that use @name count as
 * @into too.  fw_units_split() undoes it.
 */
gboolean
fw_units_merge (FwStore    *store,
                const char *name,
                const char *into,
                GError    **error)
{
  gint64 id, counted_as, into_id, into_counted_as;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && into != NULL, FALSE);

  if (!find_unit (store, name, &id, &counted_as, error)
      || !find_unit (store, into, &into_id, &into_counted_as, error))
    return FALSE;
  if (counted_as != id)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” already counts as another unit; split it off first."), name);
      return FALSE;
    }
  if (into_counted_as == id)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("A unit cannot be merged into itself (“%s” and “%s”)."), name, into);
      return FALSE;
    }

  if (!exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!run (store, "UPDATE units SET merged_into = ?2 WHERE id = ?1 OR merged_into = ?1",
            id, into_counted_as, error)
      || !run (store,
               ROLLUP_UPSERT
               "SELECT day, kind, ?2, touchpoint_id, n, promoters, passives, detractors,"
               "       spend_n, spend_sum"
               "  FROM rollup_daily WHERE unit_id = ?1 AND true"
               ROLLUP_ON_CONFLICT,
               id, into_counted_as, error)
      || !run (store, "DELETE FROM rollup_daily WHERE unit_id = ?1", id, 0, error)
      || !exec (store, "COMMIT", error))
    {
      rollback (store);
      return FALSE;
    }
  fw_store_emit_changed (store);
  return TRUE;
}

/**
 * fw_units_split:
 * @name: a unit merged into another
 *
 * Makes @name count as itself again: its answers, counted again from the
 * answers themselves, leave the unit it was merged into.  This reads every
 * answer once, so it takes a moment on a large database.
 */
gboolean
fw_units_split (FwStore    *store,
                const char *name,
                GError    **error)
{
  /* The answers imported under the name, by rollup cell, times ?2. */
  static const char share[] =
    ROLLUP_UPSERT
    "SELECT day, kind, %s, coalesce (touchpoint_id, 0), ?2 * count(*), ?2 * sum (score >= 9),"
    "       ?2 * sum (score BETWEEN 7 AND 8), ?2 * sum (score <= 6),"
    "       ?2 * count (spend), ?2 * total (spend)"
    "  FROM responses WHERE unit_id = ?1 AND true"
    " GROUP BY 1, 2, 3, 4"
    ROLLUP_ON_CONFLICT;
  g_autofree char *take = NULL;
  g_autofree char *give = NULL;
  gint64 id, counted_as;

  g_return_val_if_fail (FW_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!find_unit (store, name, &id, &counted_as, error))
    return FALSE;
  if (counted_as == id)
    {
      g_set_error (error, FW_STORE_ERROR, FW_STORE_ERROR_INVALID,
                   _("“%s” is not merged into another unit."), name);
      return FALSE;
    }

  take = g_strdup_printf (share, "(SELECT merged_into FROM units WHERE id = ?1)");
  give = g_strdup_printf (share, "?1");

  if (!exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!run (store, take, id, -1, error)
      || !run (store, "DELETE FROM rollup_daily WHERE n <= 0", 0, 0, error)
      || !run (store, give, id, 1, error)
      || !run (store, "UPDATE units SET merged_into = NULL WHERE id = ?1", id, 0, error)
      || !exec (store, "COMMIT", error))
    {
      rollback (store);
      return FALSE;
    }
  fw_store_emit_changed (store);
  return TRUE;
}
