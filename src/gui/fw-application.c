/* fw-application.c: the Flywheel application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fw-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "fw-application.h"
#include "fw-paths.h"
#include "fw-preferences-window.h"
#include "fw-window.h"

struct _FwApplication
{
  AdwApplication parent_instance;

  char *database_path;
};

G_DEFINE_FINAL_TYPE (FwApplication, fw_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fw_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
fw_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", PACKAGE_NAME,
                        "application-icon", APP_ID,
                        "developer-name", _("The Flywheel developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Customer and employee experience, on one screen."),
                        "website", "https://github.com/flywheel-cx/flywheel",
                        "issue-url", "https://github.com/flywheel-cx/flywheel/issues",
                        "copyright", "© 2026 The Flywheel developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one a line, as in
                         * "Jan Jansen <jan@example.org>". */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
fw_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *preferences;

  preferences = fw_preferences_window_new (gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", fw_application_quit_action },
  { "about", fw_application_about_action },
  { "preferences", fw_application_preferences_action },
};

static void
fw_application_activate (GApplication *application)
{
  FwApplication *self = FW_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (fw_window_new (self, self->database_path));

  gtk_window_present (window);
}

static void
fw_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct
  {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.import", { "<Control>o", NULL } },
  };

  G_APPLICATION_CLASS (fw_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  /* From the build tree, the icons are not installed anywhere GTK looks. */
  if (fw_paths_is_uninstalled ())
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    FW_SOURCE_DATADIR "/icons");
  gtk_window_set_default_icon_name (APP_ID);
}

static void
fw_application_finalize (GObject *object)
{
  FwApplication *self = FW_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (fw_application_parent_class)->finalize (object);
}

static void
fw_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FwApplication *self = FW_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FwApplication *self = FW_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fw_application_class_init (FwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = fw_application_finalize;
  object_class->get_property = fw_application_get_property;
  object_class->set_property = fw_application_set_property;

  application_class->activate = fw_application_activate;
  application_class->startup = fw_application_startup;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fw_application_init (FwApplication *self)
{
}

FwApplication *
fw_application_new (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  /* Not unique: each instance belongs to the database it was started on.
   * A unique application would hand a second `flywheel --database OTHER`
   * to the first instance, which shows a different file, and the UI tests
   * would collide with each other and with a running Flywheel on the same
   * session bus. */
  return g_object_new (FW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "database-path", database_path,
                       NULL);
}

const char *
fw_application_get_database_path (FwApplication *self)
{
  g_return_val_if_fail (FW_IS_APPLICATION (self), NULL);

  return self->database_path;
}

int
fw_application_launch (const char *database_path,
                       int         argc,
                       char      **argv)
{
  g_autoptr(FwApplication) app = NULL;

  g_return_val_if_fail (database_path != NULL, 1);

  app = fw_application_new (database_path);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
