#!/usr/bin/env bash
# The TimelineJS and Mermaid exports in a real browser: for every shipped dataset,
# for an empty one (`strikeline init`) and for a dataset whose every text field
# tries to inject markup, write the export and let tests/browser/check_timelinejs.mjs
# (FORMAT timelinejs) or check_mermaid.mjs (FORMAT mermaid: the export and the
# flowchart in the Markdown timeline) load it in headless chromium with the pinned
# npm packages, network refused. Without chromium, node or the packages (run
# tools/install-deps test) it says so and exits 77: skipped, never passed.
set -euo pipefail
format=$1
source_dir=$2
build_dir=$3
cd "$source_dir"
chromium=${CHROMIUM:-/usr/bin/chromium}
package=$([[ $format == timelinejs ]] && echo @knight-lab/timelinejs || echo mermaid)
if [[ ! -x "$chromium" ]] || ! command -v node >/dev/null || [[ ! -d tests/browser/node_modules/playwright-core ]] ||
   [[ ! -d tests/browser/node_modules/$package ]]; then
  echo "skipped: needs $chromium, node and tests/browser/node_modules/$package (run: tools/install-deps test)" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build_dir/strikeline" init "$work/empty" >/dev/null
status=0
check() {  # NAME DATASET [--hostile]
  local name=$1 dataset=$2
  shift 2
  "$build_dir/strikeline" export --format json "$dataset" -o "$work/$name.json" >/dev/null
  if [[ $format == timelinejs ]]; then
    "$build_dir/strikeline" export --format timelinejs "$dataset" -o "$work/$name.tl.json" >/dev/null
    node tests/browser/check_timelinejs.mjs "$work/$name.tl.json" "$work/$name.json" "$@" || status=1
  else
    "$build_dir/strikeline" export --format mermaid "$dataset" -o "$work/$name.mermaid.md" >/dev/null
    "$build_dir/strikeline" render "$dataset" -o "$work/$name.md" >/dev/null
    node tests/browser/check_mermaid.mjs "$work/$name.json" "$work/$name.mermaid.md" "$work/$name.md" "$@" || status=1
  fi
}
for dataset in events/*/; do
  [[ -f "$dataset/sources.yaml" ]] || continue
  check "$(basename "$dataset")" "$dataset"
done
check empty "$work/empty"
check hostile tests/browser/hostile --hostile
exit $status
