#include "render_markdown.h"

#include "blocks_in_order.h"
#include "export_mermaid.h"
#include "graph.h"
#include "query.h"
#include "reason.h"
#include "schema.h"
#include "text.h"
#include "timeline.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <ostream>
#include <optional>
#include <tuple>
#include <utility>

namespace strikeline {

namespace {

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// `&name;`, `&#123;` or `&#x7B;` at text[i]: CommonMark would turn it into a
// character. Anything shaped like one is escaped; a bare `&` ("Q&A") is left alone.
bool starts_entity(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  if (j < text.size() && text[j] == '#') {
    ++j;
    if (j < text.size() && (text[j] == 'x' || text[j] == 'X')) ++j;
  }
  const std::size_t first = j;
  while (j < text.size() && is_ascii_alnum(text[j])) ++j;
  return j > first && j < text.size() && text[j] == ';';
}

}  // namespace

// Against CommonMark 0.30 (and the common extensions a reader's viewer may add):
// - Line endings would end the paragraph, heading or quotation the text sits in, or
//   make a setext underline (`===`, `---`) or a new block of their own; they become
//   spaces. That also rules out hard breaks (two spaces or `\` before a line end).
// - Leading spaces or tabs would make an indented code block; trailing ones are
//   dropped by Markdown anyway. Both are trimmed.
// - Anywhere: `\` (escapes), `` ` `` (code), `*` `_` (emphasis), `[` `]` (links,
//   images after `!`, reference definitions, footnotes), `<` (HTML, autolinks,
//   comments), `#` (headings, and a heading's closing `#`s), `~` (strikethrough,
//   `~~~` fences), `|` (table cells), `$` (maths in some viewers), and `&` where it
//   would start an entity (`&amp;`, `&#x3C;`). `_` only where it is not between two
//   letters or digits: inside a word it cannot make emphasis. `!` needs no escape
//   once `[` has one.
// - At the start, where block syntax lives: `>` (quotation), `-` `+` `=` (lists,
//   thematic breaks, setext underlines) and `1. ` / `1)` (ordered lists).
// Every escape is a backslash before ASCII punctuation, which CommonMark always
// reads as that literal character.
namespace {

// escape_markdown(text) appended to `out`.
void append_escaped_markdown(std::string& out, std::string_view text) {
  // Line ends become spaces, in a copy only when there are any (titles and quotes
  // are nearly always one line).
  std::string flat;
  if (text.find('\n') != std::string_view::npos || text.find('\r') != std::string_view::npos) {
    flat.reserve(text.size());
    for (const char c : text) {
      if (c == '\n' || c == '\r') {
        if (!flat.empty() && flat.back() != ' ') flat += ' ';
      } else {
        flat += c;
      }
    }
    text = flat;
  }
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return;
  const auto last = text.find_last_not_of(" \t");
  const std::string_view body = text.substr(first, last - first + 1);

  std::size_t i = 0;
  // "1. " or "1)" followed by a space, a tab or nothing would open an ordered list;
  // "8.8%" would not, and stays as it is.
  while (i < body.size() && body[i] >= '0' && body[i] <= '9') ++i;
  out.append(body.substr(0, i));
  if (i > 0 && i < body.size() && (body[i] == '.' || body[i] == ')') &&
      (i + 1 == body.size() || body[i + 1] == ' ' || body[i + 1] == '\t')) {
    out += '\\';
    out += body[i++];
  }
  // The characters the switch below may escape; runs of others are copied whole.
  static constexpr auto kMayEscape = [] {
    std::array<bool, 256> table{};
    for (const char c : std::string_view("\\`*[]<#~|$_>-+=&")) table[static_cast<unsigned char>(c)] = true;
    return table;
  }();
  while (i < body.size()) {
    std::size_t run = i;
    while (run < body.size() && !kMayEscape[static_cast<unsigned char>(body[run])]) ++run;
    out.append(body.substr(i, run - i));
    i = run;
    if (i == body.size()) break;
    const char c = body[i];
    switch (c) {
      case '\\': case '`': case '*': case '[': case ']': case '<': case '#': case '~': case '|': case '$':
        out += '\\';
        break;
      case '_':
        // Between two letters or digits (`dated_by`) it can neither open nor close
        // emphasis, so it stays readable.
        if (i == 0 || i + 1 == body.size() || !is_ascii_alnum(body[i - 1]) || !is_ascii_alnum(body[i + 1])) {
          out += '\\';
        }
        break;
      case '>': case '-': case '+': case '=':
        if (i == 0) out += '\\';
        break;
      case '&':
        if (starts_entity(body, i)) out += '\\';
        break;
      default:
        break;
    }
    out += c;
    ++i;
  }
}

}  // namespace

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 2);
  append_escaped_markdown(out, text);
  return out;
}

namespace {

// anchor_id(id) appended to `out`.
void append_anchor(std::string& out, std::string_view id) {
  if (id.empty()) {
    out += '-';
    return;
  }
  const std::size_t start = out.size();
  out.append(id);
  for (std::size_t i = start; i < out.size(); ++i) {
    const char c = out[i];
    const bool slug = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!slug) out[i] = '-';
  }
}

// ---- Markdown pieces -------------------------------------------------------------



// A code span that holds `text` exactly, whatever backticks it contains.
std::string code_span(std::string_view text) {
  std::string flat(text);
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  std::replace(flat.begin(), flat.end(), '\r', ' ');
  std::size_t longest = 0, run = 0;
  for (const char c : flat) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = !flat.empty() && (flat.front() == '`' || flat.back() == '`' || flat.front() == ' ');
  return fence + (pad ? " " : "") + flat + (pad ? " " : "") + fence;
}

// A link to a source on the web, shown by its host so that a reader sees whose site
// it is. The sources schema admits only http(s) addresses without spaces, angle
// brackets or backslashes, so the address is safe between < and >; anything else is
// shown as code, never as a link.
std::string web_link(std::string_view url) {
  const std::size_t scheme = url.find("://");
  const bool safe = (url.starts_with("https://") || url.starts_with("http://")) &&
                    url.find_first_of(" <>\\`\n\r\t") == std::string_view::npos;
  if (!safe || scheme == std::string_view::npos) return code_span(url);
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#:"));
  return "[" + escape_markdown(host) + "](<" + std::string(url) + ">)";
}

// The --timeline LINK as a Markdown link destination: spaces, controls, brackets,
// parentheses and backslashes percent-encoded and `&` written as an entity, so it
// cannot end the link or spell another character; a scheme other than http(s)
// (`javascript:`, `data:`) is made a relative path with `./`, so it is never live.
std::string timeline_destination(std::string_view link) {
  std::string out;
  for (const char c : link) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || std::string_view("<>()\\").find(c) != std::string_view::npos) {
      static const char hex[] = "0123456789ABCDEF";
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  std::size_t end = 0;
  while (end < out.size() && (std::isalnum(static_cast<unsigned char>(out[end])) ||
                              (end > 0 && std::string_view("+.-").find(out[end]) != std::string_view::npos))) {
    ++end;
  }
  if (end > 0 && end < out.size() && out[end] == ':' && std::isalpha(static_cast<unsigned char>(out[0]))) {
    std::string scheme = out.substr(0, end);
    for (char& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (scheme != "http" && scheme != "https") out = "./" + out;
  }
  return out;
}

std::string event_link(const Event& event) {
  return "[" + escape_markdown(event.title) + "](#" + anchor_id(event.id) + ")";
}

// ---- The document ----------------------------------------------------------------

class Renderer {
 public:
  explicit Renderer(const Dataset& dataset, const SelectionStyle* selection = nullptr)
      : dataset_(dataset), own_links_(std::in_place, dataset), links_(*own_links_), selection_(selection) {
    for (const Source& source : dataset.sources) source_anchor_[source.id] = source_anchor(source, dataset);
  }

  // A renderer for another thread, writing blocks of `main`'s events: it reads what
  // `main` made once (the links, the anchors) and keeps its own text and caches.
  struct Helper {};
  Renderer(const Renderer& main, Helper)
      : dataset_(main.dataset_),
        links_(main.links_),
        selection_(main.selection_),
        event_heading_(main.event_heading_),
        source_anchor_(main.source_anchor_) {}

  // The timeline, written to `sink` a piece at a time (a large timeline is never
  // held whole), or returned when there is no sink.
  std::string render(std::ostream* sink = nullptr) {
    const std::vector<TimelineGroup> groups = timeline_groups(dataset_);
    const std::string title = escape_markdown(dataset_.title);
    out_ = "# " + (title.empty() ? std::string("Timeline") : title) + "\n\n";
    summary();
    // A large timeline's events are written a block at a time on every core, each
    // as it would be written alone, and handed to the sink in order.
    constexpr std::size_t kBlock = 128, kEventsWorthThreads = 4 * kBlock;
    const std::size_t threads = std::min<std::size_t>(document_cores(), 4);
    bool every_heading_has_events = true;
    for (const TimelineGroup& group : groups) every_heading_has_events = every_heading_has_events && !group.events.empty();
    if (sink && threads > 1 && every_heading_has_events && dataset_.events.size() >= kEventsWorthThreads) {
      std::vector<EventItem> items;
      items.reserve(dataset_.events.size());
      for (const TimelineGroup& group : groups) {
        const Event* above = nullptr;
        for (const Event* event : group.events) {
          items.push_back(EventItem{event, above, above == nullptr ? &group : nullptr});
          above = event;
        }
      }
      *sink << out_;
      out_.clear();
      const std::span<const EventItem> all(items);
      blocks_in_order(
          (items.size() + kBlock - 1) / kBlock, threads,
          [&] {
            return [all, helper = std::make_shared<Renderer>(*this, Helper{})](std::size_t block, std::string& text) {
              const std::size_t first = block * kBlock;
              const std::size_t left = all.size() - first;
              helper->events(all.subspan(first, left < kBlock ? left : kBlock), text);
            };
          },
          [&](const std::string& text) { *sink << text; });
    } else {
      for (const TimelineGroup& group : groups) {
        out_ += "\n## " + escape_markdown(group.heading) + "\n";
        // "The event above" is only ever one under the same heading.
        previous_ = nullptr;
        for (const Event* event : group.events) {
          render_event(*event);
          previous_ = event;
          if (sink && out_.size() > (1u << 16)) {
            *sink << out_;
            out_.clear();
          }
        }
      }
    }
    causal_graph();
    sources();
    if (sink) {
      *sink << out_;
      out_.clear();
    }
    return std::move(out_);
  }

  // An answer to a query, in the timeline's style.
  std::string render_selection(std::string_view query, const QueryResult& result, const DisputeGraph& graph) {
    const int level = selection_->heading_level;
    event_heading_ = std::string(static_cast<std::size_t>(level + 1), '#');
    out_ = std::string(static_cast<std::size_t>(level), '#') + " " + escape_markdown(result.heading) + "\n\n";
    out_ += "Query: " + code_span(query) + " · " + counted(result.events.size(), "event", "events");
    if (!result.possibly.empty()) out_ += ", and " + count_words(result.possibly.size()) + " possibly";
    out_ += "\n";
    if (result.events.empty()) out_ += "\nNo event in the dataset answers this.\n";
    for (std::size_t k = 0; k < result.events.size(); ++k) {
      const Event& event = dataset_.events[result.events[k]];
      render_event(event);
      // Told whole up to a few links, else by its ends and length: output stays linear.
      if (const auto told = chain_told(result, result.events[k], graph); !told.empty()) {
        std::string chain;
        for (std::int64_t v : told) {
          if (!chain.empty()) chain += " → ";
          chain += v < 0 ? std::string("…") : code_span(dataset_.events[static_cast<std::size_t>(v)].id);
        }
        const std::size_t links = chain_links(result, result.events[k]);
        if (told.size() != links + 1) chain += " (" + std::to_string(links) + " links)";
        out_ += "\nChain of links: " + chain + "\n";
      }
      if (k < result.because.size() && !result.because[k].empty()) {
        // Ids and link types in the reason are in backticks: code, the rest text.
        const std::string_view why = result.because[k];
        std::string line;
        bool code = false;
        for (std::size_t from = 0, at = 0; at <= why.size(); ++at) {
          if (at < why.size() && why[at] != '`') continue;
          const std::string_view piece = why.substr(from, at - from);
          if (code) {
            line += code_span(piece);
          } else if (!piece.empty()) {
            if (piece.front() == ' ') line += ' ';
            line += escape_markdown(piece);
            if (piece.size() > 1 && piece.back() == ' ') line += ' ';
          }
          code = !code;
          from = at + 1;
        }
        out_ += "\nBecause " + line + ".\n";
      }
    }
    if (!result.possibly.empty()) {
      out_ += "\n" + event_heading_ + " Possibly: the dates overlap, so the order is not known\n";
      event_heading_ += "#";
      for (std::uint32_t i : result.possibly) render_event(dataset_.events[i]);
    }
    for (const std::string& note : result.notes) out_ += "\n*Note:* " + escape_markdown(capitalised(note)) + ".\n";
    return std::move(out_);
  }


 private:
  // An event in the timeline's order, with the one above it under its heading, and
  // the heading when it is the first under it.
  struct EventItem {
    const Event* event;
    const Event* above;
    const TimelineGroup* opens;
  };

  // The events of `items` appended to `text`, for a thread writing a block of them.
  void events(std::span<const EventItem> items, std::string& text) {
    out_.swap(text);
    for (const EventItem& item : items) {
      if (item.opens) out_ += "\n## " + escape_markdown(item.opens->heading) + "\n";
      previous_ = item.above;
      render_event(*item.event);
    }
    out_.swap(text);
  }

  void summary() {
    std::vector<std::string> sentences;
    for (const std::string& sentence : summary_sentences(dataset_)) {
      if (std::string escaped = escape_markdown(sentence); !escaped.empty()) sentences.push_back(std::move(escaped));
    }
    out_ += joined(sentences, " ", " ") + "\n";
  }

  void render_event(const Event& event) {
    if (!selection_) {
      out_ += "\n<a id=\"";
      append_anchor(out_, event.id);
      out_ += "\"></a>\n";
    } else {
      out_ += '\n';
    }
    out_ += event_heading_;
    out_ += ' ';
    append_escaped_markdown(out_, event.title);
    out_ += "\n\n";

    // When, what, and the details of this kind of event, separated by " · ".
    const std::string when = event_date_words(event, dataset_);
    out_ += "**";
    append_escaped_markdown(out_, capitalised(when));
    out_ += "**";
    if (!selection_ && placed_uncertainly(event)) {
      out_ += " · *";
      append_escaped_markdown(out_, uncertain_words(event, when));
      out_ += '*';
    }
    for (const Fact& fact : event_facts(event, dataset_)) {
      out_ += " · ";
      if (!fact.label.empty()) {
        append_escaped_markdown(out_, fact.label);
        out_ += ": ";
      }
      append_escaped_markdown(out_, fact.words);
    }
    // Shown, not silently decided: the data does not order this and the event above.
    if (previous_ != nullptr && !known_before(*previous_, event)) out_ += " · *may have come before the event above*";
    out_ += '\n';

    // Who and where. Names may hold commas ("managers, medical directors and
    // clinicians"), so they are separated by semicolons.
    scratch_.clear();
    append_escaped_markdown(scratch_, event.place);
    if (!event.actors.empty() || !scratch_.empty()) {
      out_ += '\n';
      if (!event.actors.empty()) {
        out_ += "Who: ";
        for (std::size_t i = 0; i < event.actors.size(); ++i) {
          if (i > 0) out_ += "; ";
          append_escaped_markdown(out_, actor_name(dataset_, event.actors[i].id));
        }
      }
      if (!scratch_.empty()) {
        if (!event.actors.empty()) out_ += " · ";
        out_ += "Where: ";
        out_ += scratch_;
      }
      out_ += '\n';
    }

    for (const Quotation& quoted : event_quotations(event, dataset_)) quotation(quoted);

    scratch_.clear();
    append_escaped_markdown(scratch_, event.note);
    if (!scratch_.empty()) {
      out_ += "\n*Note:* ";
      out_ += scratch_;
      out_ += '\n';
    }

    const std::vector<LinkLine> lines = links_.lines(event);
    if (!lines.empty()) {
      out_ += "\n";
      for (const LinkLine& line : lines) {
        // One link on the line; several as a nested list, since titles are sentences.
        if (line.events.size() == 1) {
          out_ += "- ";
          out_ += line.label_one;
          out_ += ": ";
          append_link_to(*line.events[0]);
          out_ += '\n';
        } else {
          out_ += "- ";
          out_ += line.label_many;
          out_ += ":\n";
          for (const Event* other : line.events) {
            out_ += "  - ";
            append_link_to(*other);
            out_ += '\n';
          }
        }
      }
    }
  }

  void quotation(const Quotation& quoted) {
    const Source* source = quoted.source;
    // A checked dataset always has the paragraph; anything else shows the quote alone.
    out_ += "\n> ";
    append_escaped_markdown(out_, quoted.text);
    out_ += "\n>\n> — ";
    if (!source) {
      out_ += "source " + escape_markdown(quoted.source_id) + " is not in the registry\n";
      return;
    }
    // The same for every quotation from a source, so made once per source.
    auto [cached, fresh] = citation_prefix_.try_emplace(source->id);
    if (fresh) {
      std::string& prefix = cached->second.first;
      prefix = (source->publisher ? escape_markdown(*source->publisher) : std::string("Publisher not named")) + ", ";
      if (selection_ && selection_->timeline.empty()) {
        prefix += "“" + escape_markdown(source->title) + "”, ";
      } else {
        prefix += "[“" + escape_markdown(source->title) + "”](" + (selection_ ? timeline_destination(selection_->timeline) : std::string()) +
                  "#" + source_anchor_.at(source->id) + "), ";
      }
      prefix += escape_markdown(describe(source->published)) + ", ";
      if (!source->url.empty()) cached->second.second = ", " + web_link(source->url);
    }
    out_ += cached->second.first;
    if (quoted.paragraph) {
      out_ += "paragraph ";
      char digits[16];
      out_.append(digits, std::to_chars(digits, digits + sizeof digits, quoted.paragraph).ptr);
    } else {
      out_ += "paragraph not found";
    }
    out_ += cached->second.second;
    out_ += '\n';
  }

  // The causal links as a Mermaid flowchart, which GitHub draws; only where there are
  // some, and only as many as a viewer will draw: Mermaid refuses a diagram over its
  // default maxTextSize of 50,000 characters, and a few hundred boxes are no picture.
  void causal_graph() {
    constexpr std::size_t kMostLinksDrawn = 200, kMostDiagramCharacters = 50000;
    std::size_t causal = 0;
    for (const Event& event : dataset_.events) {
      for (const Link& link : event.links) causal += link.type == LinkType::led_to || link.type == LinkType::response_to;
    }
    if (causal == 0) return;
    out_ += "\n## What led to what\n\n";
    const std::string flowchart = causal <= kMostLinksDrawn ? mermaid_flowchart(dataset_) : std::string();
    if (flowchart.empty() || flowchart.size() > kMostDiagramCharacters) {
      out_ += "The " + counted(causal, "led-to or response-to link", "led-to and response-to links") +
              " are too many for one diagram a Markdown viewer will draw; `strikeline export --format dot` draws them "
              "with Graphviz.\n";
      return;
    }
    out_ += "Each event that a led-to or response-to link joins, and an arrow from cause to effect:\n\n```mermaid\n" +
            flowchart + "```\n";
  }

  void sources() {
    const auto citing_counts = events_citing(dataset_);
    out_ += "\n## Sources\n";
    for (const Source& source : dataset_.sources) {
      const auto found = citing_counts.find(source.id);
      const std::size_t citing = found == citing_counts.end() ? 0 : found->second;
      out_ += "\n<a id=\"" + source_anchor_.at(source.id) + "\"></a>\n";
      const std::string title = escape_markdown(source.title);
      out_ += "### " + (title.empty() ? std::string("Untitled") : title) + "\n\n";
      out_ += source.publisher ? escape_markdown(*source.publisher) : std::string("Publisher not named");
      if (!source.author.empty()) out_ += " · by " + escape_markdown(source.author);
      out_ += " · published " + escape_markdown(describe(source.published)) + " (EDTF " +
              code_span(source.published.text()) + ") · quoted for " + counted(citing, "event", "events") + "\n";
      std::vector<std::string> where;
      if (!source.url.empty()) where.push_back("Online at " + web_link(source.url));
      if (source.retrieved) where.push_back("retrieved " + escape_markdown(describe(*source.retrieved)));
      if (!source.archive_url.empty()) where.push_back("archived at " + web_link(source.archive_url));
      if (!where.empty()) out_ += "\n" + joined(where, " · ", " · ") + "\n";
      if (const std::string dated_by = escape_markdown(source.dated_by); !dated_by.empty()) {
        out_ += "\nHow it was dated: " + dated_by + "\n";
      }
      if (const std::string note = escape_markdown(source.note); !note.empty()) out_ += "\n*Note:* " + note + "\n";
    }
  }

  void append_link_to(const Event& event) {
    if (selection_) {
      out_ += link_to(event);
      return;
    }
    out_ += '[';
    append_escaped_markdown(out_, event.title);
    out_ += "](#";
    append_anchor(out_, event.id);
    out_ += ')';
  }

  std::string link_to(const Event& event) const {
    if (!selection_) return event_link(event);
    if (selection_->timeline.empty()) return escape_markdown(event.title);
    return "[" + escape_markdown(event.title) + "](" + timeline_destination(selection_->timeline) + "#" + anchor_id(event.id) + ")";
  }

  const Dataset& dataset_;
  std::optional<TimelineLinks> own_links_;  // made by the renderer a thread helps, not by a helper
  const TimelineLinks& links_;
  const SelectionStyle* selection_ = nullptr;  // set when rendering a query's answer
  std::string event_heading_ = "###";
  const Event* previous_ = nullptr;  // the event rendered just above, under the same heading
  std::unordered_map<std::string_view, std::string> source_anchor_;
  // "Publisher, “title”, date, " and ", [host](<url>)" (empty without a url)
  std::unordered_map<std::string_view, std::pair<std::string, std::string>> citation_prefix_;
  std::string scratch_;  // a field escaped, to know whether anything is left of it

  std::string out_;
};

}  // namespace

std::string render_markdown(const Dataset& dataset) { return Renderer(dataset).render(); }

void render_markdown(const Dataset& dataset, std::ostream& out) { Renderer(dataset).render(&out); }

std::string render_query_markdown(std::string_view query, const QueryResult& result, const Dataset& dataset,
                                  const DisputeGraph& graph, const SelectionStyle& style) {
  return Renderer(dataset, &style).render_selection(query, result, graph);
}

std::string render_brief_markdown(const std::vector<Question>& questions, const std::vector<QueryResult>& results,
                                  const Dataset& dataset, const DisputeGraph& graph, const std::string& timeline,
                                  const std::string& folder) {
  const std::string title = escape_markdown(dataset.title);
  std::string out = "# Questions" + (title.empty() ? std::string() : " about " + title) + "\n\n";
  out += "Each answer below is what `strikeline query` prints with `--format markdown`, and the command that asks "
         "it is shown above it. Events certainly before or after another are listed apart from those whose dates "
         "overlap it, under “Possibly”.";
  if (!timeline.empty()) out += " Links lead to each event's place in the [timeline](" + timeline_destination(timeline) + ").";
  out += "\n";
  SelectionStyle style;
  style.heading_level = 3;
  style.timeline = timeline;
  // One renderer for every answer: it indexes the dataset's links once, not once a
  // question (a briefing may ask hundreds).
  Renderer renderer(dataset, &style);
  for (std::size_t i = 0; i < questions.size() && i < results.size(); ++i) {
    out += "\n## " + escape_markdown(questions[i].question) + "\n\n";
    // The command as a person would type it; a fence longer than any run of
    // backticks in it, so the query cannot close the block.
    const std::string& query = questions[i].query;
    std::string shell = "'" + query + "'";
    if (query.find('\'') != std::string::npos || shell_quoted(query) == query) shell = shell_quoted(query);
    std::size_t longest = 0, run = 0;
    for (char c : query) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    out += fence + "sh\nstrikeline query " + shell + (folder.empty() ? "" : " " + shell_quoted(folder)) + "\n" + fence +
           "\n\n";
    out += renderer.render_selection(query, results[i], graph);
  }
  return out;
}

}  // namespace strikeline
