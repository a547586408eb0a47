#!/bin/sh
# Fails when a string that users see has no Dutch translation, or a fuzzy
# one: extracts the strings from the sources as the build does, merges them
# into po/nl.po in a scratch folder and counts what is missing.
set -eu
srcdir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$srcdir"
grep -v '^#' po/POTFILES.in | grep . > "$work/files"
xgettext --from-code=UTF-8 --add-comments --files-from="$work/files" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --output="$work/flywheel.pot" 2>/dev/null

for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/flywheel.pot" -o "$work/$lang.po"
  stats=$(msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "po/$lang.po is incomplete:" >&2
      msgattrib --untranslated "$work/$lang.po" | grep -A1 '^msgid' >&2 || true
      exit 1 ;;
  esac
  # Every string of the sources, not just the ones po/ happens to hold.
  total=$(grep -c '^msgid ' "$work/flywheel.pot")
  if [ "$total" -lt 10 ]; then echo "extracted only $total strings" >&2; exit 1; fi
done
