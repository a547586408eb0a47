#!/usr/bin/env bash
# Tries to read a group of fewer employees than the threshold from the
# outside, through every verb, grouping, filter pair and format, the
# exports included, and must find nothing.
#
# Two databases differ only in that group: in one, four employees of
# "Tiny" answered 0, 0, 0 and 10 with comments; in the other, three
# answered 10, 10 and 9 with other comments.  Everything else is the same.
# Whatever Flywheel prints about the second database must be exactly what
# it prints about the first: any difference is something of the small
# group that got out.
#
# Usage: check-privacy.sh FLYWHEEL
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

flywheel=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/fw-privacy.XXXXXX")
trap 'rm -rf "$work"' EXIT

export LANGUAGE=en LC_ALL=C.UTF-8
unset FLYWHEEL_DATABASE

# The answers both databases share: customers of both units over two
# months, and 40 employees of Big in each month.
shared_customers () {
  echo "Date,Unit,Touchpoint,Customer ID,How likely are you to recommend us to a friend?,Comment"
  for i in $(seq 1 120); do
    day=$(( (i % 28) + 1 ))
    month=$(( (i % 2) + 3 ))
    unit=Big; [ $(( i % 3 )) -eq 0 ] && unit=Tiny
    tp=Phone; [ $(( i % 2 )) -eq 0 ] && tp=Web
    printf '2025-%02d-%02d,%s,%s,C%03d,%d,customer comment %d\n' \
      "$month" "$day" "$unit" "$tp" $(( i % 40 )) $(( i % 11 )) "$i"
  done
}

employees_header="Date,Team,Channel,How likely are you to recommend us as a place to work?,Comment"

shared_employees () {
  for month in 03 04; do
    for i in $(seq 1 40); do
      day=$(( (i % 28) + 1 ))
      printf '2025-%s-%02d,Big,Phone,%d,big comment %d\n' "$month" "$day" $(( i % 11 )) "$i"
    done
  done
}

# The small group: the only difference between the two databases.
tiny_a () {
  printf '2025-03-03,Tiny,Phone,0,tiny alpha one\n'
  printf '2025-03-11,Tiny,Web,0,tiny alpha two\n'
  printf '2025-03-19,Tiny,Phone,0,tiny alpha three\n'
  printf '2025-03-27,Tiny,Web,10,tiny alpha four\n'
}

tiny_b () {
  printf '2025-03-05,Tiny,Web,10,tiny beta one\n'
  printf '2025-03-14,Tiny,Phone,10,tiny beta two\n'
  printf '2025-03-30,Tiny,Phone,9,tiny beta three\n'
}

make_database () {
  local db=$1 tiny=$2
  shared_customers > "$work/customers.csv"
  { echo "$employees_header"; shared_employees; $tiny; } > "$work/employees.csv"
  "$flywheel" --database "$db" import --kind customer "$work/customers.csv" > /dev/null || return 1
  "$flywheel" --database "$db" import --kind employee "$work/employees.csv" > /dev/null || return 1
}

make_database "$work/a.db" tiny_a || { echo "could not make database A" >&2; exit 1; }
make_database "$work/b.db" tiny_b || { echo "could not make database B" >&2; exit 1; }

checks=0
leaks=0

# Runs one command line on both databases and compares all it printed.
try () {
  local out_a out_b
  out_a=$("$flywheel" --database "$work/a.db" "$@" 2>&1; echo "exit $?")
  out_b=$("$flywheel" --database "$work/b.db" "$@" 2>&1; echo "exit $?")
  checks=$((checks + 1))
  if [ "$out_a" != "$out_b" ]; then
    leaks=$((leaks + 1))
    echo "LEAK: flywheel $*" >&2
    diff <(echo "$out_a") <(echo "$out_b") | head -n 10 >&2
  fi
}

groupings=(total day week month quarter year unit touchpoint unit-quarter unit-month)
formats=("" --json --csv)
# Filters one at a time and in pairs: units, touchpoints, whole and
# partial ranges.
filters=(
  ""
  "--unit Tiny"
  "--unit Big"
  "--unit Tiny --unit Big"
  "--touchpoint Phone"
  "--from 2025-03-01 --to 2025-03-31"
  "--from 2025-03-10 --to 2025-03-20"
  "--from 2025-03-01 --to 2025-04-30"
  "--from 2025-04-01"
  "--to 2025-03-31"
  "--unit Tiny --from 2025-03-01 --to 2025-03-31"
  "--unit Tiny --touchpoint Web"
  "--unit Big --from 2025-03-01 --to 2025-03-31"
  "--touchpoint Phone --from 2025-03-01 --to 2025-03-31"
)

for grouping in "${groupings[@]}"; do
  for filter in "${filters[@]}"; do
    for format in "${formats[@]}"; do
      # shellcheck disable=SC2086
      try stats --kind employee --by "$grouping" $filter $format
    done
  done
done
for filter in "${filters[@]}"; do
  for format in "" --json; do
    # shellcheck disable=SC2086
    try stats --kind employee --rolling 2 $filter $format
    # The thresholds a user may set from the command line.
    # shellcheck disable=SC2086
    try stats --kind employee --min-group 5 $filter $format
  done
done

# The other verbs and views.
for format in "" --json; do
  try stats --link $format
  for lag in 0 1 2 4; do try stats --link --lag "$lag" $format; done
  try stats --movers --kind employee $format
  try stats --movers --kind employee --from 2025-03-01 --to 2025-04-30 $format
  try stats --comments --kind employee $format
  try stats --comments --kind employee --min-comments 5 $format
  try stats --comments --kind employee --from 2025-03-01 --to 2025-03-31 $format
  try units $format
done

# Every export format: the board pack and each chart as PDF (its text),
# SVG and PNG (their bytes).  The made-on date is the same day for both.
try_export () {
  local ext=$1; shift
  local out_a out_b
  "$flywheel" --database "$work/a.db" report "$@" -o "$work/a.$ext" > /dev/null 2>&1
  "$flywheel" --database "$work/b.db" report "$@" -o "$work/b.$ext" > /dev/null 2>&1
  case $ext in
    pdf) out_a=$(pdftotext -layout "$work/a.$ext" - 2>&1)
         out_b=$(pdftotext -layout "$work/b.$ext" - 2>&1) ;;
    *)   out_a=$(md5sum < "$work/a.$ext" 2>&1)
         out_b=$(md5sum < "$work/b.$ext" 2>&1) ;;
  esac
  rm -f "$work/a.$ext" "$work/b.$ext"
  checks=$((checks + 1))
  if [ -z "$out_a" ] || [ "$out_a" != "$out_b" ]; then
    leaks=$((leaks + 1))
    echo "LEAK (or no file): flywheel report $* -o FILE.$ext" >&2
    diff <(echo "$out_a") <(echo "$out_b") | head -n 10 >&2
  fi
}

for filter in "" "--unit Tiny" "--from 2025-03-01 --to 2025-03-31" "--unit Tiny --unit Big"; do
  # shellcheck disable=SC2086
  try_export pdf $filter
  for chart in trend breakdown heatmap tiles; do
    for ext in pdf svg png; do
      # shellcheck disable=SC2086
      try_export "$ext" --chart "$chart" --kind employee $filter
    done
  done
  for ext in pdf svg png; do
    # shellcheck disable=SC2086
    try_export "$ext" --chart link $filter
  done
done

echo "$checks checks, $leaks leaks"
[ "$leaks" -eq 0 ] && [ "$checks" -gt 400 ]
