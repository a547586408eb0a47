/* fw-window-private.h: what the parts of FwWindow share, and what the UI
 * tests may look at inside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is split by concern, as gnome-text-editor splits its window:
 * fw-window.c is the shell (states, title, size, properties),
 * fw-window-imports.c the imports (sample data, import, undo, the Imports
 * page) and fw-window-dashboard.c the dashboard pages and their filter.
 */

#pragma once

#include "fw-dashboard.h"
#include "fw-filter-bar.h"
#include "fw-link-page.h"
#include "fw-overview-page.h"
#include "fw-score-page.h"
#include "fw-store.h"
#include "fw-window.h"

G_BEGIN_DECLS

struct _FwWindow
{
  AdwApplicationWindow parent_instance;

  char         *database_path;
  FwStore      *store; /* NULL when the database could not be opened */
  GSettings    *settings;

  /* The sample data job while it runs. */
  GTask        *load_task;
  GCancellable *load_cancellable;

  gint64        last_import; /* the batch the last import toast can undo, or 0 */
  AdwToast     *import_toast; /* weak: that toast while it shows */

  GPtrArray    *batches;     /* of FwBatchSummary, newest first, as listed */
  GPtrArray    *import_rows; /* the rows of the Imports page, in that order */

  /* The dashboard: the page whose figures are being read, with the
   * cancellable of that job; pages whose figures are out of date. */
  GCancellable *dashboard_cancellable;
  gboolean      dashboard_stale[FW_DASHBOARD_N_PAGES];
  guint         dashboard_idle;
  GStrv         known_units;
  GStrv         known_touchpoints;

  /* The board pack job while it runs, and the file chooser while open. */
  GCancellable         *export_cancellable;
  GtkFileChooserNative *export_chooser;

  /* The check of every page of the database, while it runs. */
  GCancellable *check_cancellable;

  gboolean      disposed;

  /* Template children */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack    *view_stack;
  FwFilterBar     *filter_bar;
  FwOverviewPage  *overview_page;
  FwScorePage     *customers_page;
  FwScorePage     *employees_page;
  FwLinkPage      *link_page;
  AdwPreferencesGroup *imports_group;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkStack        *empty_stack;
  GtkButton       *import_button;
  GtkButton       *sample_button;
  GtkProgressBar  *load_progress;
  GtkInfoBar      *read_only_bar;
  GtkButton       *restore_button;
};

/* fw-window.c */
void        fw_window_show_page        (FwWindow    *self,
                                        const char  *name);
void        fw_window_show_error       (FwWindow    *self,
                                        const char  *message);
void        fw_window_toast            (FwWindow    *self,
                                        const char  *title);
guint       fw_window_get_threshold    (FwWindow    *self);

/* fw-window-imports.c */
void        fw_window_update_imports   (FwWindow    *self);
const FwBatchSummary *fw_window_find_batch (FwWindow *self,
                                            gint64    batch_id);
void        fw_window_imports_class_init (GtkWidgetClass *widget_class);
void        fw_window_imports_init     (FwWindow    *self);

/* fw-window-backups.c */
void        fw_window_backups_class_init (GtkWidgetClass *widget_class);
void        fw_window_backups_store_opened (FwWindow *self);
void        fw_window_backups_update   (FwWindow    *self);
void        fw_window_backups_dispose  (FwWindow    *self);

/* fw-window.c */
void        fw_window_open_store       (FwWindow    *self);

/* fw-window-dashboard.c */
void        fw_window_dashboard_class_init (GtkWidgetClass *widget_class);
void        fw_window_dashboard_init   (FwWindow    *self);
void        fw_window_dashboard_constructed (FwWindow *self);
void        fw_window_dashboard_reload (FwWindow    *self);
void        fw_window_dashboard_dispose (FwWindow   *self);

/* fw-window-export.c */
void        fw_window_export_class_init (GtkWidgetClass *widget_class);
void        fw_window_export_update    (FwWindow    *self);
void        fw_window_export_dispose   (FwWindow    *self);

/* For the UI tests */

typedef enum
{
  FW_WINDOW_TEXT_NPS_VALUE,
  FW_WINDOW_TEXT_NPS_DETAIL,
  FW_WINDOW_TEXT_ENPS_VALUE,
  FW_WINDOW_TEXT_ENPS_DETAIL,
  FW_WINDOW_TEXT_COUNT_VALUE,
  FW_WINDOW_TEXT_COUNT_DETAIL,
  FW_WINDOW_TEXT_RANGE,
  FW_WINDOW_TEXT_ERROR,
} FwWindowText;

typedef enum
{
  FW_WINDOW_BUTTON_IMPORT,
  FW_WINDOW_BUTTON_SAMPLE,
  FW_WINDOW_BUTTON_RESTORE, /* on the error page, when there are backups */
} FwWindowButton;

/* "empty", "error" or "summary" (the dashboard and Imports pages) */
const char *fw_window_get_page     (FwWindow      *self);
const char *fw_window_get_text     (FwWindow      *self,
                                    FwWindowText   which);
GtkWidget  *fw_window_get_button   (FwWindow      *self,
                                    FwWindowButton which);
gboolean    fw_window_is_loading   (FwWindow      *self);
/* Whether the check of every page of the database still runs, and
 * whether the read-only banner shows. */
gboolean    fw_window_is_checking  (FwWindow      *self);
gboolean    fw_window_shows_read_only (FwWindow   *self);
/* Whether the figures of a dashboard page are being read. */
gboolean    fw_window_is_busy      (FwWindow      *self);
/* Whether the board pack is being made, saved or sent to print. */
gboolean    fw_window_is_exporting (FwWindow      *self);
/* The batch the last import's toast would undo, or 0. */
gint64      fw_window_get_last_import (FwWindow   *self);
GtkWindow  *fw_window_open_import  (FwWindow      *self,
                                    GFile         *file);

/* The page of the view switcher: "overview", "customers", "employees",
 * "link" or "imports". */
const char *fw_window_get_view     (FwWindow      *self);
void        fw_window_set_view     (FwWindow      *self,
                                    const char    *name);
/* The rows of the Imports page, newest first.  Each has a suffix button
 * whose action, "win.remove-import", asks in an AdwMessageDialog (responses
 * "cancel" and "remove") before it removes the batch. */
guint         fw_window_get_n_imports  (FwWindow *self);
AdwActionRow *fw_window_get_import_row (FwWindow *self,
                                        guint     index);

FwFilterBar    *fw_window_get_filter_bar     (FwWindow *self);
FwOverviewPage *fw_window_get_overview_page  (FwWindow *self);
FwScorePage    *fw_window_get_score_page     (FwWindow *self,
                                              FwKind    kind);
FwLinkPage     *fw_window_get_link_page      (FwWindow *self);

G_END_DECLS
