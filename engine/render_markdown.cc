#include "render_markdown.h"

#include <map>
#include <set>

namespace strikeline {

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      // A newline would end the paragraph, blockquote or heading it is in.
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    switch (c) {
      // Inline syntax anywhere: emphasis, code, links, images, HTML, entities,
      // tables, strikethrough, and the backslash itself.
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '#': case '!': case '|': case '~': case '&':
        out += '\\';
        out += c;
        break;
      // Block syntax only at the start of a line: list markers and setext underlines.
      case '-': case '+': case '=':
        if (line_start) out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
    // "1." or "1)" at the start of a line would open an ordered list.
    if (line_start && c >= '0' && c <= '9') {
      std::size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      if (j < text.size() && (text[j] == '.' || text[j] == ')')) {
        out.append(text.substr(i + 1, j - i - 1));
        out += '\\';
        out += text[j];
        i = j;
      }
    }
    line_start = false;
  }
  return out;
}

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

std::string month_heading(date::sys_days day) {
  const date::year_month_day ymd(day);
  return std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]) + " " + std::to_string(int(ymd.year()));
}

// Where an event is filed: the month its earliest possible day falls in.
std::string group_of(const Event& event) {
  if (!event.date) return "Date not reported";
  if (const auto earliest = event.date->earliest()) return month_heading(*earliest);
  return "Start not known";
}

std::string actor_names(const Event& event, const Dataset& dataset) {
  std::string out;
  for (const std::string& id : event.actors) {
    const Actor* actor = dataset.actor(id);
    if (!out.empty()) out += ", ";
    out += escape_markdown(actor ? actor->name : id);
  }
  return out;
}

std::string citation_line(const Citation& citation, const Source& source) {
  std::string out = "— ";
  if (source.publisher) out += escape_markdown(*source.publisher) + ", ";
  out += "“" + escape_markdown(source.title) + "”, ";
  if (!source.publisher) out += "publisher not named, ";
  out += escape_markdown(describe(source.published)) + ", paragraph " + std::to_string(citation.paragraph);
  return out;
}

struct Backlink {
  LinkType type;
  const Event* from;
};

// "Led to" from this event's own links; the inverse wording for links that point here.
std::string outgoing_label(LinkType type) {
  switch (type) {
    case LinkType::led_to: return "Led to";
    case LinkType::response_to: return "In response to";
    case LinkType::before: return "Before";
    case LinkType::after: return "After";
    case LinkType::during: return "During";
    case LinkType::part_of: return "Part of";
  }
  return "Linked to";
}

std::string incoming_label(LinkType type) {
  switch (type) {
    case LinkType::led_to: return "Came from";
    case LinkType::response_to: return "Answered by";
    case LinkType::before: return "After";
    case LinkType::after: return "Before";
    case LinkType::during: return "Meanwhile";
    case LinkType::part_of: return "Includes";
  }
  return "Linked from";
}

std::string event_link(const Event& event) { return "[" + escape_markdown(event.title) + "](#" + event.id + ")"; }

}  // namespace

std::string render_markdown(const Dataset& dataset) {
  std::map<std::string, std::vector<Backlink>> incoming;
  for (const Event& event : dataset.events) {
    for (const Link& link : event.links) incoming[link.target].push_back(Backlink{link.type, &event});
  }

  std::string out = "# Timeline\n\n";
  {
    std::optional<date::sys_days> first, last;
    for (const Event& e : dataset.events) {
      if (!e.date) continue;
      if (auto d = e.date->earliest(); d && (!first || *d < *first)) first = d;
      if (auto d = e.date->latest(); d && (!last || *d > *last)) last = d;
    }
    out += std::to_string(dataset.events.size()) + " events";
    if (first && last) out += " from " + month_heading(*first) + " to " + month_heading(*last);
    out += ", drawn from " + std::to_string(dataset.sources.size()) + " source" +
           (dataset.sources.size() == 1 ? "" : "s") +
           " (listed at the end). Each event quotes the paragraph it comes from; dates are shown as the "
           "sources give them, uncertain where they are uncertain.\n";
  }

  std::string current_group;
  for (const Event& event : dataset.events) {
    const std::string group = group_of(event);
    if (group != current_group) {
      out += "\n## " + group + "\n";
      current_group = group;
    }
    out += "\n<a id=\"" + event.id + "\"></a>\n";
    out += "### " + escape_markdown(event.title) + "\n\n";
    out += "**" + escape_markdown(event.date ? describe(*event.date) : std::string("date not reported")) + "**";
    out += " · " + escape_markdown(event.kind);
    if (const Detail* status = event.detail("status")) out += " (" + escape_markdown(status->value) + ")";
    out += " · " + actor_names(event, dataset) + "\n";
    for (const Citation& citation : event.citations) {
      const Source* source = dataset.source(citation.source);
      if (!source || citation.paragraph == 0 || citation.paragraph > source->paragraphs.size()) continue;
      out += "\n> " + escape_markdown(source->paragraphs[citation.paragraph - 1]) + "\n>\n> " +
             citation_line(citation, *source) + "\n";
    }
    if (!event.note.empty()) out += "\n*Note:* " + escape_markdown(event.note) + "\n";
    std::string links;
    for (const Link& link : event.links) {
      if (const Event* target = dataset.event(link.target)) {
        links += "- " + outgoing_label(link.type) + ": " + event_link(*target) + "\n";
      }
    }
    if (auto it = incoming.find(event.id); it != incoming.end()) {
      for (const Backlink& back : it->second) links += "- " + incoming_label(back.type) + ": " + event_link(*back.from) + "\n";
    }
    if (!links.empty()) out += "\n" + links;
  }

  out += "\n## Sources\n\n";
  std::size_t n = 0;
  for (const Source& source : dataset.sources) {
    out += std::to_string(++n) + ". <a id=\"source-" + source.id + "\"></a>“" + escape_markdown(source.title) + "”. ";
    out += source.publisher ? escape_markdown(*source.publisher) : std::string("Publisher not named in the text");
    out += ". Published " + escape_markdown(describe(source.published)) + ". " + escape_markdown(source.dated_by) + "\n";
  }
  return out;
}

}  // namespace strikeline
