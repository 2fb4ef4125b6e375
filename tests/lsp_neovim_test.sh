#!/usr/bin/env bash
# A real editor against `strikeline lsp`: Neovim headless (Debian 12's 0.7, its
# built-in client) opens an event file with an unknown link target in a copy of the
# NHS fixture, and what it received must be that diagnostic, on its line and column,
# with its code. Skipped (exit 77), and said so, when nvim is not installed
# (`make test` installs it: tools/install-deps test).
#   lsp_neovim_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
if ! command -v nvim >/dev/null 2>&1; then
  echo "SKIP: nvim is not installed (tools/install-deps test installs Debian's neovim)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$source_dir/tests/fixtures/nhs-junior-doctors-2023" "$work/nhs"
file="$work/nhs/2023-12-december-strike.yaml"
# Line 28 (0-based 27): `        event: pay-review-body-recommends-8-8-percent`, the id from column 16 (0-based 15).
sed -i '28s/pay-review-body-recommends-8-8-percent/pay-review-body-recommends-9-percent/' "$file"
grep -q '^        event: pay-review-body-recommends-9-percent$' <(sed -n 28p "$file") || {
  echo "FAIL: the fixture changed: line 28 is not the link this test breaks"; exit 1; }
before=$(cd "$work/nhs" && find . -type f -exec sha256sum {} + | sort)

export STRIKELINE_EXE="$build_dir/strikeline" STRIKELINE_NVIM_OUT="$work/received.txt" STRIKELINE_ROOT="$work/nhs"
# --clean: no user configuration; the timeout is a backstop for a hung client.
if ! timeout 90 nvim --headless --clean -n "$file" -c "luafile $source_dir/tests/lsp/neovim_client.lua" \
    >"$work/nvim.log" 2>&1; then
  echo "FAIL: nvim did not finish"; cat "$work/nvim.log"; exit 1
fi
[[ -f "$work/received.txt" ]] || { echo "FAIL: nvim wrote nothing"; cat "$work/nvim.log"; exit 1; }
echo "received:"; cat "$work/received.txt"
count=$(wc -l <"$work/received.txt")
[[ $count -eq 1 ]] || { echo "FAIL: expected 1 diagnostic, got $count"; exit 1; }
grep -q '^27:15:unknown-reference:strikeline:unknown event `pay-review-body-recommends-9-percent`' "$work/received.txt" || {
  echo "FAIL: expected the unknown event at 27:15 with code unknown-reference"; exit 1; }
after=$(cd "$work/nhs" && find . -type f -exec sha256sum {} + | sort)
[[ "$before" == "$after" ]] || { echo "FAIL: a file of the dataset changed"; exit 1; }
echo "ok: Neovim received the diagnostic"
