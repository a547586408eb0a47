/* fw-board-pack.h: the board pack, a multi-page A4 landscape PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fw_board_pack_collect() reads every figure of the pack through the query
 * layer and the insights (so that employee anonymity holds as it does on
 * screen); fw_board_pack_render_page() draws one page on any cairo_t, which
 * serves the PDF, printing and the tests alike; fw_board_pack_write() makes
 * the PDF with metadata and an outline, atomically.  No GTK here: the
 * command line makes the pack without a display.
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "fw-query.h"
#include "fw-store.h"

G_BEGIN_DECLS

/* A4 landscape, in points. */
#define FW_BOARD_PACK_PAGE_WIDTH  841.89
#define FW_BOARD_PACK_PAGE_HEIGHT 595.28

typedef enum
{
  FW_BOARD_PACK_COVER,
  FW_BOARD_PACK_SUMMARY,
  FW_BOARD_PACK_CX_TREND,
  FW_BOARD_PACK_EX_TREND,
  FW_BOARD_PACK_CX_UNITS,
  FW_BOARD_PACK_EX_UNITS,
  FW_BOARD_PACK_LINK,
  FW_BOARD_PACK_COMMENTS,
  FW_BOARD_PACK_METHOD,
  FW_BOARD_PACK_N_PAGES
} FwBoardPackPage;

/* What the pack covers and how it is headed.  The strings and arrays stay
 * the caller's; fw_board_pack_collect() copies what it keeps. */
typedef struct
{
  const char        *from_day;           /* "YYYY-MM-DD"; NULL: from the first answer */
  const char        *to_day;             /* NULL: to the last answer */
  const char *const *units;              /* NULL or empty: every unit */
  const char *const *touchpoints;        /* customer answers only; NULL or empty: all */
  FwGrouping         grouping;           /* of the trends: week, month or quarter */
  const char        *organisation;       /* from the preferences; NULL or "": none */
  const char        *title;              /* NULL: "Customer and Employee Experience" */
  guint              min_group;          /* the employee anonymity threshold */
  guint              fiscal_start_month; /* 1 (January) .. 12 */
  GDateTime         *made;               /* when the pack is made; NULL: now */
} FwBoardPackOptions;

#define FW_BOARD_PACK_OPTIONS_INIT \
  { NULL, NULL, NULL, NULL, FW_GROUPING_MONTH, NULL, NULL, FW_ANONYMITY_DEFAULT, 1, NULL }

typedef struct _FwBoardPack FwBoardPack;

FwBoardPack *fw_board_pack_collect        (FwStore                  *store,
                                           const FwBoardPackOptions *options,
                                           GCancellable             *cancellable,
                                           GError                  **error);
void         fw_board_pack_free           (FwBoardPack              *pack);

guint        fw_board_pack_get_n_pages    (const FwBoardPack        *pack);
/* The heading of @page, as the outline lists it. */
char        *fw_board_pack_get_page_title (const FwBoardPack        *pack,
                                           guint                     page);
/* The period as the footers say it, with the days of the answers for an
 * open end. */
const char  *fw_board_pack_get_period     (const FwBoardPack        *pack);

/* Draws @page scaled to fit (0, 0, @width, @height) of @cr, centred. */
void         fw_board_pack_render_page    (FwBoardPack              *pack,
                                           guint                     page,
                                           cairo_t                  *cr,
                                           double                    width,
                                           double                    height);
gboolean     fw_board_pack_write          (FwBoardPack              *pack,
                                           const char               *path,
                                           GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FwBoardPack, fw_board_pack_free)

G_END_DECLS
