// The `dot` format (`strikeline export --format dot`): the causal and temporal
// graph of a dispute for Graphviz. One `digraph`, read left to right: a node per
// event (its date in words and its title, a dashed border where the date is in
// doubt), a cluster per month section of the timeline in timeline order, and an
// arrow per link (causal ones solid from cause to effect, temporal ones dashed and
// grey, as written), each labelled with its type. Each node links to the event on
// the web page, `timeline.html#ID`, so the SVG that `dot -Tsvg` makes of it works
// beside the page that `render --format html` writes.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

// The page each node links to, at the event's anchor: the graph is meant to sit
// in the same folder as the web page (examples/NAME/ holds both).
inline constexpr std::string_view kDotLinkedPage = "timeline.html";

void export_dot(const Dataset& dataset, std::ostream& out);

// `text` for a DOT quoted string that Graphviz reads as an escString (a label),
// so that it is shown exactly as given: a backslash is doubled (so the data can
// never make `\n`, `\l`, `\N` or any other escape, nor escape the closing quote),
// a double quote is `\"`, `&` is `&amp;` (Graphviz reads HTML entities in labels),
// and line breaks, tabs and other control characters are spaces. The caller ends
// each line with `\l` (or `\n`), never with the data's last character.
std::string dot_label_text(std::string_view text);

}  // namespace strikeline
