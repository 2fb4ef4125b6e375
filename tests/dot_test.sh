#!/usr/bin/env bash
# The dot export as Graphviz draws it. For every shipped dataset, the hostile one
# (markup in every text field), the JSON contract's fixture, an empty dataset and one
# whose events have no date: export the graph and the JSON, draw the graph with
# `dot -Tsvg` (which must print nothing) and check the SVG with tests/dot/check_svg.py
# (a node per event with its title and link, an edge per link, nothing that runs).
#   tests/dot_test.sh SOURCE_DIR BUILD_DIR             needs Graphviz, else exit 77
#   tests/dot_test.sh SOURCE_DIR BUILD_DIR --examples  examples/NAME/graph.svg has the
#     nodes and edges of examples/NAME/graph.dot (the .dot itself is compared byte for
#     byte by examples_test.cc; the layout is not compared, since Graphviz versions differ)
set -euo pipefail
source_dir=$1
build_dir=$2
mode=${3:-}
cd "$source_dir"
strikeline=$build_dir/strikeline
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

if [[ "$mode" == "--examples" ]]; then
  for dataset in events/*/; do
    [[ -f "$dataset/sources.yaml" ]] || continue
    name=$(basename "$dataset")
    "$strikeline" export --format json "$dataset" >"$work/$name.json"
    python3 tests/dot/check_svg.py "examples/$name/graph.dot" "examples/$name/graph.svg" "$work/$name.json" || {
      echo "examples/$name/graph.svg is stale: run \`make examples\` (with Graphviz installed) and commit the result" >&2
      status=1
    }
  done
  exit $status
fi

command -v dot >/dev/null 2>&1 || { echo "skipped: needs Graphviz's dot (run: tools/install-deps test)" >&2; exit 77; }

graphs=()  # GRAPH.dot EXPORT.json pairs, drawn and checked together at the end
export_graph() {  # NAME DATASET
  "$strikeline" export --format dot "$2" -o "$work/$1.dot" >/dev/null
  "$strikeline" export --format json "$2" >"$work/$1.json"
  graphs+=("$work/$1.dot" "$work/$1.json")
}
for dataset in events/*/; do
  [[ -f "$dataset/sources.yaml" ]] || continue
  export_graph "$(basename "$dataset")" "$dataset"
done
export_graph json-contract tests/golden/json-contract

"$strikeline" init "$work/empty" >/dev/null
export_graph empty "$work/empty"
grep -q '^digraph' "$work/empty.dot" || { echo "the empty dataset's graph is no digraph" >&2; status=1; }

# Events with no date: one bounded by its link, one about which nothing is known.
"$strikeline" init "$work/undated" >/dev/null
printf 'Talks between the union and the employer collapsed earlier this month.\nThe union said it would respond with a rally.\nMembers will march on a day to be named.\n' \
  >"$work/undated/sources/news.txt"
cat >"$work/undated/actors.yaml" <<'YAML'
actors:
  - id: union
    name: The Union
    kind: union
YAML
cat >"$work/undated/sources.yaml" <<'YAML'
sources:
  - id: news
    title: Talks collapse
    publisher: The News
    published: "2023-12-21"
    dated_by: The date under the headline.
    path: sources/news.txt
YAML
cat >"$work/undated/events.yaml" <<'YAML'
events:
  - id: talks-collapse
    kind: talks
    title: Talks collapse
    date: "2023-12-01/2023-12-21"
    status: collapsed
    actors: [union]
    sources:
      - source: news
        quote: Talks between the union and the employer collapsed earlier this month
  - id: union-responds
    kind: statement
    title: The union says it will respond
    speaker: union
    actors: [union]
    sources:
      - source: news
        quote: The union said it would respond with a rally
    links:
      - type: response-to
        event: talks-collapse
      - type: after
        event: talks-collapse
  - id: march
    kind: rally
    title: A march on a day to be named
    status: planned
    actors: [union]
    sources:
      - source: news
        quote: Members will march on a day to be named
YAML
export_graph undated "$work/undated"
tests/dot/check_graph.sh "${graphs[@]}" || status=1
export_graph hostile tests/browser/hostile
tests/dot/check_graph.sh --hostile "$work/hostile.dot" "$work/hostile.json" || status=1
grep -q 'label="Date not known' "$work/undated.dot" || { echo "no cluster for events of no known date" >&2; status=1; }
grep -q '"march" \[.*style="rounded,dashed"' "$work/undated.dot" || { echo "an undated event is not drawn as uncertain" >&2; status=1; }
exit $status
