// The dataset as Mermaid diagrams (https://mermaid.js.org), which GitHub and many
// Markdown tools draw from a ```mermaid code block:
//
// - a `timeline`: a section a month (timeline_groups), each event under its dates
//   in words (event_date_words), its title as the event's text;
// - a `flowchart` of the causal graph: the events that a led-to or response-to link
//   joins, each a node with its dates and title, an edge from cause to effect
//   labelled "led to" or "response" (causal_links).
//
// `strikeline export --format mermaid` writes both as one Markdown document, two
// fenced blocks; `render --format markdown` ends its timeline with the flowchart
// when the dataset has causal links. Text from the data is escaped (escape_mermaid),
// so it cannot end a label, add a statement, a comment, a directive or markup.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

// The `timeline` diagram, without a fence.
std::string mermaid_timeline(const Dataset& dataset);
// The `flowchart` of the causal links, without a fence; empty when there is none.
std::string mermaid_flowchart(const Dataset& dataset);
// Both, as a Markdown document.
void export_mermaid(const Dataset& dataset, std::ostream& out);

// `text` as Mermaid label text, in a timeline or inside a flowchart's quoted label:
// letters, digits, spaces, non-ASCII text and . , ' - ( ) stay; every other ASCII
// character becomes Mermaid's entity code (`:` is `#58;`, `<` is `#60;`), which
// Mermaid reads before it parses and writes back as an HTML character reference, so
// it is shown as text. Line breaks become spaces. The characters of Mermaid's own
// placeholders for those codes (ﬂ ° ¶ ß) are coded too, so none can be forged.
std::string escape_mermaid(std::string_view text);

}  // namespace strikeline
