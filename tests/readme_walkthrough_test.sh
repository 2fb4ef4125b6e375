#!/usr/bin/env bash
# Runs the README's "Start your own dispute" section as a new user would: every
# ```sh block of it, in order, in an empty folder that sees the checkout's events/,
# with the program on PATH. Fails if a command fails or an output lacks what the
# section promises.
#   tests/readme_walkthrough_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$source_dir/events" "$work/events"  # the walkthrough copies one shipped article
export PATH="$build_dir:$PATH"

script="$work/walkthrough.sh"
awk '/^## Start your own dispute/ {in_section = 1; next}
     in_section && /^## / {exit}
     in_section && /^```sh$/ {in_block = 1; next}
     in_section && in_block && /^```$/ {in_block = 0; next}
     in_section && in_block {print}' "$source_dir/README.md" > "$script"
if [[ $(grep -c . "$script") -lt 20 ]]; then
  echo "walkthrough: the section has too few commands:"
  cat "$script"
  exit 1
fi

cd "$work"
if ! bash -euo pipefail "$script" > output.txt 2>&1; then
  echo "walkthrough: a command failed:"
  cat output.txt
  exit 1
fi

fail() {
  echo "walkthrough: $*"
  cat output.txt
  exit 1
}
grep -q "writers-strike: 0 events, 0 actors and 0 sources in 4 files: no problems" output.txt ||
  fail "the new dataset did not check clean"
grep -q "writers-strike: 3 events, 2 actors and 1 source in 4 files: no problems" output.txt ||
  fail "the filled dataset did not check clean"
grep -q "leaders-end-strike" output.txt || fail "causes did not find the leaders' decision"
grep -qF '(<https://www.dw.com/en/hollywood-screenwriters-union-agrees-to-end-strike/a-66932516>)' writers-strike-timeline.md ||
  fail "the timeline does not link to the source's URL"
grep -qF "strikeline query 'causes writers-return' writers-strike" writers-strike-briefing.md ||
  fail "the briefing does not show the command with its folder"
[[ -f writers-strike/schemas/events.schema.json ]] || fail "init did not write the schemas"
echo "1 passed, 0 failed"
