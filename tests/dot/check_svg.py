#!/usr/bin/env python3
"""Checks Graphviz's SVG of a `strikeline export --format dot` graph.

usage: check_svg.py [--hostile] GRAPH.dot GRAPH.svg EXPORT.json [GRAPH.dot GRAPH.svg EXPORT.json ...]

GRAPH.svg is what `dot -Tsvg GRAPH.dot` made (perhaps by another Graphviz version:
layout is not compared) and EXPORT.json the `export --format json` of the same
dataset. The SVG must hold one node per event of the export and of the .dot, with
the event's title as text and a link to timeline.html#ID, one edge per link (the
pairs of the .dot, causal ones from cause to effect), and nothing that could run
or load: no script or foreignObject element, no on* attribute, no link but the
nodes' own. Prints what is wrong and exits 1, or exits 0.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
PAGE = "timeline.html#"
ARROW_WORDS = {"led-to": "led to", "response-to": "response", "before": "before", "after": "after",
               "during": "during", "part-of": "part of"}


def words(text):
    """Whitespace as Graphviz lays it out: runs of spaces (some as no-break) are one."""
    return " ".join(text.replace("\u00a0", " ").split())


def main(argv):
    hostile = "--hostile" in argv[1:]
    paths = [a for a in argv[1:] if a != "--hostile"]
    if not paths or len(paths) % 3:
        print(__doc__, file=sys.stderr)
        return 2
    status = 0
    for i in range(0, len(paths), 3):
        status |= check(*paths[i:i + 3], hostile)
    return status


def check(dot_path, svg_path, json_path, hostile):
    problems = []
    dot = open(dot_path, encoding="utf-8").read()
    export = json.load(open(json_path, encoding="utf-8"))
    root = ET.parse(svg_path).getroot()

    # Nodes and edges as the .dot states them: its node and edge statements are one a line.
    dot_nodes = re.findall(r'^    "([^"\\]+)" \[label=', dot, re.M)
    dot_edges = re.findall(r'^  "([^"\\]+)" -> "([^"\\]+)" \[', dot, re.M)

    events = {e["id"]: e for e in export["events"]}
    if sorted(dot_nodes) != sorted(events):
        problems.append(f"the .dot's nodes {sorted(dot_nodes)} are not the export's events {sorted(events)}")
    expected_edges = []
    for link in export["links"]:
        cause_first = link["type"] == "response-to"
        pair = (link["to"], link["from"]) if cause_first else (link["from"], link["to"])
        expected_edges.append((pair, ARROW_WORDS[link["type"]]))
    if sorted(dot_edges) != sorted(pair for pair, _ in expected_edges):
        problems.append(f"the .dot's edges {sorted(dot_edges)} are not the export's links")

    groups = [g for g in root.iter(SVG + "g")]
    nodes = [g for g in groups if g.get("class") == "node"]
    edges = [g for g in groups if g.get("class") == "edge"]

    seen = []
    for node in nodes:
        name = node.findtext(SVG + "title")
        seen.append(name)
        event = events.get(name)
        if event is None:
            problems.append(f"node {name!r} is no event")
            continue
        text = words(" ".join(t.text or "" for t in node.iter(SVG + "text")))
        if words(event["title"]) not in text:
            problems.append(f"node {name!r} does not show the title {event['title']!r}: {text!r}")
        links = [a.get(XLINK + "href") or a.get("href") for a in node.iter(SVG + "a")]
        if links != [PAGE + name]:
            problems.append(f"node {name!r} links to {links}, not [{PAGE + name!r}]")
    if sorted(seen) != sorted(dot_nodes):
        problems.append(f"the SVG's nodes {sorted(seen)} are not the .dot's {sorted(dot_nodes)}")

    svg_edges = []
    for edge in edges:
        title = edge.findtext(SVG + "title") or ""
        tail, _, head = title.partition("->")
        label = words(" ".join(t.text or "" for t in edge.iter(SVG + "text")))
        svg_edges.append(((tail, head), label))
    if sorted(svg_edges) != sorted(expected_edges):
        problems.append(f"the SVG's edges {sorted(svg_edges)} are not the links {sorted(expected_edges)}")

    # Nothing that runs or loads, whatever the data holds.
    allowed = {PAGE + name for name in events}
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag.lower() in ("script", "foreignobject", "iframe", "image", "use", "style", "animate", "set"):
            problems.append(f"a <{tag}> element")
        for attribute, value in element.attrib.items():
            local = attribute.split("}")[-1].lower()
            if local.startswith("on"):
                problems.append(f"an {local} attribute on <{tag}>")
            if local == "href" and value not in allowed:
                problems.append(f"a link to {value!r} on <{tag}>")
    if hostile:
        for word in ("evil.example",):
            for element in root.iter():
                for attribute, value in element.attrib.items():
                    if word in value:
                        problems.append(f"{word} in the {attribute} attribute of <{element.tag}>")

    for problem in problems:
        print(f"{svg_path}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
