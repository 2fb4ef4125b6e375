#include "export_dot.h"

#include <ostream>
#include <vector>

#include "graph.h"
#include "timeline.h"

namespace strikeline {

std::string dot_label_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '&') {
      out += "&amp;";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Lines of at most about this many characters, so that a long title makes a
// taller node rather than a very wide one.
constexpr std::size_t kLineWidth = 34;

// Characters, not bytes: UTF-8 continuation bytes do not count.
std::size_t width_of(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// `text` broken at spaces into lines of about kLineWidth characters (a longer word
// stays whole), each escaped and ended with `\l` (left-justified).
std::string label_lines(std::string_view text) {
  std::string out, line;
  std::size_t line_width = 0;
  auto flush = [&] {
    out += dot_label_text(line) + "\\l";
    line.clear();
    line_width = 0;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = text.find_first_not_of(" \t\r\n", i);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    const std::size_t w = width_of(word);
    if (line_width > 0 && line_width + 1 + w > kLineWidth) flush();
    if (line_width > 0) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += w;
    i = end;
  }
  if (line_width > 0 || out.empty()) flush();
  return out;
}

// A string that needs no escaping (an anchor, a fixed word) in quotes.
std::string quoted(std::string_view text) { return "\"" + dot_label_text(text) + "\""; }

class DotWriter {
 public:
  DotWriter(const Dataset& dataset, std::ostream& out) : dataset_(dataset), out_(out) {}

  void write() {
    out_ << "// The causal and temporal graph of a dispute, written by `strikeline export --format dot`.\n"
            "// Draw it with Graphviz: dot -Tsvg graph.dot -o graph.svg. Each event links to its place in\n"
            "// "
         << kDotLinkedPage << " (strikeline render --format html), in the same folder as the drawing.\n"
         << "digraph \"strikeline\" {\n";
    std::string title = dataset_.title.empty() ? std::string("Timeline") : dataset_.title;
    std::string label = label_lines(title);
    if (!dataset_.events.empty()) {
      label += "\\l" + label_lines("Solid arrows are causal links, from cause to effect (“led to”; “response” ends at the "
                                   "event that responded). Dashed grey arrows are temporal links, from the event that "
                                   "states the link. A dashed border: the date is uncertain.");
    }
    out_ << "  graph [label=\"" << label
         << "\" labelloc=t labeljust=l rankdir=LR fontname=\"Helvetica\" fontsize=14 nodesep=0.3 "
            "ranksep=0.45];\n"
            "  node [shape=box style=rounded fontname=\"Helvetica\" fontsize=10 margin=\"0.12,0.06\"];\n"
            "  edge [fontname=\"Helvetica\" fontsize=9 arrowsize=0.7];\n";

    const std::vector<TimelineGroup> groups = timeline_groups(dataset_);
    for (std::size_t g = 0; g < groups.size(); ++g) {
      out_ << "  subgraph \"cluster_" << g + 1 << "\" {\n    graph [label=\"" << label_lines(groups[g].heading)
           << "\" style=\"rounded,filled\" fillcolor=\"#f4f6f8\" color=\"#b8c2cc\" fontsize=12];\n";
      for (const Event* event : groups[g].events) node(*event);
      out_ << "  }\n";
    }

    // The months left to right, in timeline order: every event of a month comes before
    // a hidden point, which comes before every event of the next month (hidden
    // objects are left out of a drawing).
    if (groups.size() > 1) out_ << "  node [shape=point style=invis width=0];\n";
    for (std::size_t g = 0; g + 1 < groups.size(); ++g) {
      out_ << "  {";
      for (const Event* event : groups[g].events) out_ << ' ' << quoted(anchor_id(event->id));
      out_ << " } -> \"month " << g + 1 << " to " << g + 2 << "\" -> {";
      for (const Event* event : groups[g + 1].events) out_ << ' ' << quoted(anchor_id(event->id));
      out_ << " } [style=invis];\n";
    }

    const DisputeGraph graph(dataset_);
    for (const Edge& edge : graph.edges()) {
      const Event& from = dataset_.events[edge.from];
      const Event& to = dataset_.events[edge.to];
      out_ << "  " << quoted(anchor_id(from.id)) << " -> " << quoted(anchor_id(to.id)) << " [label=\""
           << label_lines(arrow_words(edge.link->type)) << "\"";
      if (!edge.causal) out_ << " style=dashed color=\"#6b6b6b\" fontcolor=\"#4d4d4d\"";
      // An arrow that points back up the timeline (`a after b`, `a during b`)
      // does not push its head to the right of its tail: the order does.
      if (edge.to < edge.from) out_ << " constraint=false";
      out_ << "];\n";
    }
    out_ << "}\n";
  }

 private:
  void node(const Event& event) {
    const std::string id = anchor_id(event.id);
    const std::string when = event_date_words(event, dataset_);
    std::string label = label_lines(capitalised(when));
    if (placed_uncertainly(event)) label += label_lines(uncertain_words(event, when));
    label += label_lines(event.title);
    // The tooltip is the link, not the label: Graphviz would show the label's `\l`
    // in it, and reads `\\N` in a tooltip as a backslash and the node's name.
    const std::string link = dot_label_text(kDotLinkedPage) + "#" + id;
    out_ << "    " << quoted(id) << " [label=\"" << label << "\" URL=\"" << link << "\" tooltip=\"Open " << link
         << "\"";
    if (date_in_doubt(event)) out_ << " style=\"rounded,dashed\"";
    out_ << "];\n";
  }

  const Dataset& dataset_;
  std::ostream& out_;
};

}  // namespace

void export_dot(const Dataset& dataset, std::ostream& out) { DotWriter(dataset, out).write(); }

}  // namespace strikeline
