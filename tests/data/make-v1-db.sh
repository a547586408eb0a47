#!/bin/sh
# Rebuilds flywheel-v1.db from schema-v1.sql.  The result is checked in, so
# that the migration test always upgrades the same bytes.
set -eu
cd "$(dirname "$0")"
rm -f flywheel-v1.db
sqlite3 flywheel-v1.db < schema-v1.sql
