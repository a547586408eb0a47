/* fw-cli-units.h: the units verb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fw-store.h"

G_BEGIN_DECLS

int  fw_cli_units             (const char *database_path,
                               int         argc,
                               char      **argv);
void fw_cli_print_suggestions (FwStore    *store);

G_END_DECLS
