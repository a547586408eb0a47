/* fw-application.h: the Flywheel application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fw-types.h"

G_BEGIN_DECLS

#define FW_TYPE_APPLICATION (fw_application_get_type ())
G_DECLARE_FINAL_TYPE (FwApplication, fw_application, FW, APPLICATION, AdwApplication)

FwApplication *fw_application_new               (const char    *database_path);
const char    *fw_application_get_database_path (FwApplication *self);

/* An FwLaunchFunc (see fw-cli.h): runs the application on @database_path. */
int            fw_application_launch            (const char    *database_path,
                                                 int            argc,
                                                 char         **argv);

G_END_DECLS
