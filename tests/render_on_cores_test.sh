#!/usr/bin/env bash
# A large timeline's events are written on every core (engine/output/blocks_in_order.h):
# the Markdown and the web page must be byte for byte what one core writes.
#   render_on_cores_test.sh BUILD
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench_generate" 3000 "$work/d" 8 >/dev/null
if ! taskset -c 0 true 2>/dev/null; then
  echo "skipped: taskset cannot keep a program to one core here"
  exit 77
fi
for format in markdown html; do
  taskset -c 0 "$build/strikeline" render --format "$format" "$work/d" -o "$work/one.$format" >/dev/null
  "$build/strikeline" render --format "$format" "$work/d" -o "$work/every.$format" >/dev/null
  cmp "$work/one.$format" "$work/every.$format"
done
echo "the same on one core and on every core"
