#!/usr/bin/env bash
# Draws `strikeline export --format dot` graphs with Graphviz and checks the SVGs:
#   tests/dot/check_graph.sh [--hostile] GRAPH.dot EXPORT.json [GRAPH.dot EXPORT.json ...]
# `dot -Tsvg` must say nothing at all (no warning, no error) for any graph, and
# check_svg.py must find every event and link in each drawing (GRAPH.svg, beside
# the graph) and nothing that could run. Exits 77 when Graphviz is not installed
# (tools/install-deps test installs it).
set -euo pipefail
hostile=()
if [[ "${1:-}" == "--hostile" ]]; then
  hostile=(--hostile)
  shift
fi
command -v dot >/dev/null 2>&1 || { echo "skipped: needs Graphviz's dot (run: tools/install-deps test)" >&2; exit 77; }
status=0
triples=()
while [[ $# -ge 2 ]]; do
  graph=$1 export_json=$2
  shift 2
  svg=${graph%.dot}.svg
  if ! messages=$(dot -Tsvg "$graph" -o "$svg" 2>&1) || [[ -n "$messages" ]]; then
    echo "$graph: dot said: $messages" >&2
    status=1
    continue
  fi
  triples+=("$graph" "$svg" "$export_json")
done
if [[ ${#triples[@]} -gt 0 ]]; then
  python3 "$(dirname "$0")/check_svg.py" "${hostile[@]}" "${triples[@]}" || status=1
fi
exit $status
