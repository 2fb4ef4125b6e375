#!/usr/bin/env bash
# The HTML timeline in a real browser: for every shipped dataset and for a dataset
# whose every text field tries to inject markup, render the page, export the JSON,
# and let tests/browser/check_page.mjs load the page in headless chromium (network
# refused, script on and off) and audit it with axe-core. `make test` installs
# chromium and the pinned npm packages (tools/install-deps test); without them this
# test says so and is reported as skipped (exit 77), never passed.
set -euo pipefail
source_dir=$1
build_dir=$2
cd "$source_dir"
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]] || ! command -v node >/dev/null || [[ ! -d tests/browser/node_modules/playwright-core ]]; then
  echo "skipped: needs $chromium, node and tests/browser/node_modules (run: tools/install-deps test)" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
check() {  # NAME DATASET [--hostile]
  local name=$1 dataset=$2
  shift 2
  "$build_dir/strikeline" render --format html "$dataset" -o "$work/$name.html" >/dev/null
  "$build_dir/strikeline" export --format json "$dataset" >"$work/$name.json"
  node tests/browser/check_page.mjs "$work/$name.html" "$work/$name.json" "$@" || status=1
}
for dataset in events/*/; do
  [[ -f "$dataset/sources.yaml" ]] || continue
  check "$(basename "$dataset")" "$dataset"
done
check hostile tests/browser/hostile --hostile
"$build_dir/strikeline" init "$work/empty" >/dev/null
check empty "$work/empty"
exit $status
