/* fw-types.h: forward declarations shared by every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* core */
typedef struct _FwStore    FwStore;
typedef struct _FwBatch    FwBatch;
typedef struct _FwBatchInfo FwBatchInfo;
typedef struct _FwResponse FwResponse;
typedef struct _FwTally    FwTally;
typedef struct _FwScore    FwScore;

/* gui */
typedef struct _FwApplication FwApplication;
typedef struct _FwWindow      FwWindow;

/**
 * FwKind:
 * @FW_KIND_CUSTOMER: a customer (CX) answer, counted in NPS
 * @FW_KIND_EMPLOYEE: an employee (EX) answer, counted in eNPS and
 *   protected by the anonymity threshold
 */
typedef enum
{
  FW_KIND_CUSTOMER,
  FW_KIND_EMPLOYEE,
} FwKind;

/* Employee groups smaller than this are never shown; the setting may raise
 * it but never lower it below FW_ANONYMITY_MIN. */
#define FW_ANONYMITY_DEFAULT 5
#define FW_ANONYMITY_MIN     3

G_END_DECLS
