/* fuzz-common.h: what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int          LLVMFuzzerTestOneInput  (const uint8_t *data,
                                      size_t         size);

const char  *fuzz_write_file         (const uint8_t *data,
                                      size_t         size);
void         fuzz_check_utf8         (guint               n_fields,
                                      const char * const *fields);

G_END_DECLS
