#include "export_mermaid.h"

#include <ostream>

#include "render_markdown.h"
#include "timeline.h"

namespace strikeline {

std::string escape_mermaid(std::string_view text) {
  // Mermaid stands `#60;` in for "ﬂ°°60¶ß" while it parses: those characters are coded.
  static constexpr std::pair<std::string_view, std::string_view> kPlaceholder[] = {
      {"\xEF\xAC\x82", "#64258;"}, {"\xC2\xB0", "#176;"}, {"\xC2\xB6", "#182;"}, {"\xC3\x9F", "#223;"}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      bool coded = false;
      for (const auto& [sequence, code] : kPlaceholder) {
        if (text.substr(i).starts_with(sequence)) {
          out += code;
          i += sequence.size();
          coded = true;
          break;
        }
      }
      if (!coded) out += text[i++];
      continue;
    }
    ++i;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
        c == ',' || c == '\'' || c == '-' || c == '(' || c == ')') {
      out += c;
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (byte < 0x20 || byte == 0x7f) {
      // Control characters: nothing to show.
    } else {
      out += "#" + std::to_string(byte) + ";";
    }
  }
  return out;
}

std::string mermaid_timeline(const Dataset& dataset) {
  std::string out = "timeline\n";
  if (!dataset.title.empty()) out += "    title " + escape_mermaid(dataset.title) + "\n";
  const std::vector<TimelineGroup> groups = timeline_groups(dataset);
  if (groups.empty()) {
    out += "    section No events\n        Nothing recorded yet : The dataset has no events\n";
  }
  for (const TimelineGroup& group : groups) {
    out += "    section " + escape_mermaid(group.heading) + "\n";
    std::string period;  // events of one period in words share its line
    for (const Event* event : group.events) {
      std::string words = escape_mermaid(capitalised(event_date_words(*event, dataset)));
      if (words != period) {
        if (!period.empty()) out += "\n";
        out += "        " + words;
        period = std::move(words);
      }
      out += " : " + escape_mermaid(event->title);
    }
    if (!period.empty()) out += "\n";
  }
  return out;
}

std::string mermaid_flowchart(const Dataset& dataset) {
  const std::vector<CausalLink> links = causal_links(dataset);
  if (links.empty()) return {};
  // Nodes are named by position (e0, e1 …), never by id: `end` and the like are
  // keywords. Each event once, in timeline order.
  std::vector<bool> joined(dataset.events.size(), false);
  auto index = [&](const Event* event) { return static_cast<std::size_t>(event - dataset.events.data()); };
  for (const CausalLink& link : links) joined[index(link.cause)] = joined[index(link.effect)] = true;
  std::string out = "flowchart TD\n";
  for (std::size_t i = 0; i < dataset.events.size(); ++i) {
    if (!joined[i]) continue;
    const Event& event = dataset.events[i];
    out += "    e" + std::to_string(i) + "[\"" + escape_mermaid(capitalised(event_date_words(event, dataset))) +
           "<br>" + escape_mermaid(event.title) + "\"]\n";
  }
  for (const CausalLink& link : links) {
    out += "    e" + std::to_string(index(link.cause)) + " -->|\"" + std::string(arrow_words(link.type)) + "\"| e" +
           std::to_string(index(link.effect)) + "\n";
  }
  return out;
}

void export_mermaid(const Dataset& dataset, std::ostream& out) {
  const std::string title = escape_markdown(dataset.title);
  out << "# " << (title.empty() ? std::string("Timeline") : title) << ": diagrams\n\n"
      << "The timeline, a section a month, each event under its dates in words:\n\n```mermaid\n"
      << mermaid_timeline(dataset) << "```\n\n";
  if (const std::string flowchart = mermaid_flowchart(dataset); !flowchart.empty()) {
    out << "What led to what: each event that a led-to or response-to link joins, with its dates, and an arrow from "
           "cause to effect:\n\n```mermaid\n"
        << flowchart << "```\n";
  } else {
    out << "No event is linked to another as its cause (led-to or response-to), so there is no causal graph.\n";
  }
}

}  // namespace strikeline
