#include "render_markdown.h"

#include "graph.h"
#include "query.h"
#include "reason.h"
#include "schema.h"
#include "text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
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
std::string escape_markdown(std::string_view text) {
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
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  const std::string_view body = text.substr(first, last - first + 1);

  std::string out;
  out.reserve(body.size() + body.size() / 8 + 2);
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
  return out;
}

namespace {

// ---- Words for dates and numbers -------------------------------------------------

std::string day_words(date::sys_days day) { return describe(Edtf::parse(iso_day(day))); }

std::string month_words(date::sys_days day) {
  const std::string iso = iso_day(day);
  return describe(Edtf::parse(iso.substr(0, iso.size() - 3)));
}

// A bound of the whole timeline in words, no more precise than the date it came
// from: a range that starts "2023" begins in "2023", not on "1 January 2023".
std::string bound_words(date::sys_days day, EdtfPrecision precision) {
  const std::string iso = iso_day(day);
  switch (precision) {
    case EdtfPrecision::day:
    case EdtfPrecision::second:
      return day_words(day);
    case EdtfPrecision::year:
      return describe(Edtf::parse(iso.substr(0, iso.size() - 6)));
    case EdtfPrecision::decade:
    case EdtfPrecision::century:
    case EdtfPrecision::season:
    case EdtfPrecision::month:
      break;
  }
  return month_words(day);
}

std::string count_words(std::size_t n) {
  static const char* const kWords[] = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
  return n < 10 ? kWords[n] : std::to_string(n);
}

std::string counted(std::size_t n, std::string_view singular, std::string_view plural) {
  return count_words(n) + " " + std::string(n == 1 ? singular : plural);
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// Schema values such as `under-way` read as words.
std::string spaced(std::string_view words) {
  std::string text(words);
  std::replace(text.begin(), text.end(), '-', ' ');
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? last : separator;
    out += parts[i];
  }
  return out;
}

// ---- Markdown pieces -------------------------------------------------------------



// Ids are validated slugs; anything else is replaced so that an anchor can never
// leave its attribute or its link.
std::string anchor_id(std::string_view id) {
  std::string out;
  for (const char c : id) out += is_ascii_alnum(c) || c == '-' ? c : '-';
  return out.empty() ? std::string("-") : out;
}

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

// ---- Grouping --------------------------------------------------------------------

// Where each event is filed. The timeline is one order (reason.cc: no event above
// one that led to it, that it responds to, that it came after, or that it happened
// during or as part of), and its sections are runs of that order:
//
// 1. Each event is placed on a day by the reason stage (`placed_on`): the first day
//    of its start when the date states the start to the day or the month, else the
//    last day it can have started, and never later than an event it must come
//    before. Those days never decrease down the timeline.
// 2. A section is a run of consecutive events placed in one calendar month, headed
//    by that month ("December 2023"). A strike from 2 May to 27 September is filed
//    under May, with its dates in words.
// 3. An event whose stated start does not lie in the month of its section (a start
//    known only to the year or season, an unknown start, no date, or a start its
//    links moved to another month), unless its date and links keep all its days in
//    that month, stays where the order puts it and says so in its date line: "date
//    uncertain: by 31 December 2023" (the last day on which it can have happened,
//    where the date's words do not already say it), or "date uncertain: from …"
//    when it has no known end.
// 4. Events about which nothing at all is known come last, under "Date not known".
//
// So the same dataset always gives the same document, and the summary paragraph
// states the rule in a sentence for readers.
long month_index(date::sys_days day) {
  const date::year_month_day ymd(day);
  return static_cast<long>(static_cast<int>(ymd.year())) * 12 + static_cast<long>(static_cast<unsigned>(ymd.month())) - 1;
}

// The days an event can fall on: what its date and links allow together once the
// reason stage has run, else its stated date as the reasoner reads it.
std::pair<std::optional<date::sys_days>, std::optional<date::sys_days>> bounds_of(const Event& event) {
  if (event.inferred) return {event.inferred_earliest, event.inferred_latest};
  if (!event.date) return {std::nullopt, std::nullopt};
  const Bounds b = reasoning_bounds(*event.date);
  return {b.earliest, b.latest};
}

// Whether the event's section may not be the month it started in (rule 3): neither
// its stated start nor all the days its date and links allow lie in that month.
bool placed_uncertainly(const Event& event) {
  if (!event.placed_on) return false;  // under "Date not known", which says so
  const long month = month_index(*event.placed_on);
  if (const auto [earliest, latest] = bounds_of(event);
      earliest && latest && month_index(*earliest) == month && month_index(*latest) == month) {
    return false;
  }
  if (!event.date) return true;
  const EdtfPoint& start = event.date->start();
  const bool to_the_month = start.kind == EdtfPoint::Kind::date &&
                            (start.precision == EdtfPrecision::month || start.precision == EdtfPrecision::day ||
                             start.precision == EdtfPrecision::second);
  return !to_the_month || month_index(start.earliest) != month || month_index(start.latest) != month;
}

// "date uncertain: by 21 December 2023" (the last day on which it can have
// happened), for an event placed uncertainly; the day is left out where the date's
// words (`words`) already end on it ("until 21 December 2023, start unknown").
std::string uncertain_words(const Event& event, const std::string& words) {
  const auto [earliest, latest] = bounds_of(event);
  std::string day;
  if (latest) {
    day = "by " + day_words(*latest);
  } else if (earliest) {
    day = "from " + day_words(*earliest);
  }
  if (day.empty() || words.find(day.substr(day.find(' ') + 1)) != std::string::npos) return "date uncertain";
  return "date uncertain: " + day;
}

// ---- Links -----------------------------------------------------------------------

struct LinkLabel {
  const char* one;   // "Response"
  const char* many;  // "Responses"
};

// This event's own links.
LinkLabel outgoing_label(LinkType type) {
  switch (type) {
    case LinkType::led_to: return {"Led to", "Led to"};
    case LinkType::response_to: return {"In response to", "In response to"};
    case LinkType::before: return {"Before", "Before"};
    case LinkType::after: return {"After", "After"};
    case LinkType::during: return {"During", "During"};
    case LinkType::part_of: return {"Part of", "Part of"};
  }
  return {"Linked to", "Linked to"};
}

// Another event's link that points here, said from this event's side.
LinkLabel incoming_label(LinkType type) {
  switch (type) {
    case LinkType::led_to: return {"Resulted from", "Resulted from"};
    case LinkType::response_to: return {"Response", "Responses"};
    case LinkType::before: return {"After", "After"};
    case LinkType::after: return {"Before", "Before"};
    case LinkType::during: return {"During this", "During this"};
    case LinkType::part_of: return {"Includes", "Includes"};
  }
  return {"Linked from", "Linked from"};
}

struct LinkLine {
  LinkLabel label;
  std::vector<const Event*> events;
};

void add_link(std::vector<LinkLine>& lines, LinkLabel label, const Event* other) {
  auto line = std::find_if(lines.begin(), lines.end(),
                           [&](const LinkLine& l) { return std::string_view(l.label.one) == label.one; });
  if (line == lines.end()) {
    lines.push_back(LinkLine{label, {}});
    line = lines.end() - 1;
  }
  if (std::find(line->events.begin(), line->events.end(), other) == line->events.end()) line->events.push_back(other);
}

// ---- The document ----------------------------------------------------------------

class Renderer {
 public:
  explicit Renderer(const Dataset& dataset, const SelectionStyle* selection = nullptr)
      : dataset_(dataset), selection_(selection) {
    for (const Event& event : dataset.events) {
      for (const Link& link : event.links) incoming_[link.target].push_back({link.type, &event});
    }
    for (const Source& source : dataset.sources) {
      // Event ids are slugs, which never hold "--": the second form cannot clash.
      std::string id = "source-" + anchor_id(source.id);
      if (dataset.event(id)) id = "source--" + anchor_id(source.id);
      source_anchor_[source.id] = id;
    }
  }

  // The timeline, written to `sink` a piece at a time (a large timeline is never
  // held whole), or returned when there is no sink.
  std::string render(std::ostream* sink = nullptr) {
    const std::vector<TimelineGroup> groups = timeline_groups(dataset_);
    const std::string title = escape_markdown(dataset_.title);
    out_ = "# " + (title.empty() ? std::string("Timeline") : title) + "\n\n";
    summary();
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
  struct Backlink {
    LinkType type;
    const Event* from;
  };

  void summary() {
    std::vector<std::string> sentences;
    if (const std::string description = escape_markdown(dataset_.description); !description.empty()) {
      sentences.push_back(description);
    }
    const std::size_t events = dataset_.events.size();
    if (events == 0) {
      sentences.push_back("This timeline has no events yet.");
    } else {
      std::string span = span_words();
      sentences.push_back("This timeline sets out " + counted(events, "event", "events") +
                          (span.empty() ? "" : " dated " + span) +
                          ", each with the whole source paragraph that reports it.");
    }
    sentences.push_back(sources_sentence());

    std::size_t uncertain = 0, undated = 0;
    for (const Event& event : dataset_.events) {
      undated += !event.placed_on;
      uncertain += placed_uncertainly(event);
    }
    if (events > 0) {
      std::string rule =
          "Events are filed under the month in which they started, in an order that never shows one above an event "
          "that led to it, that it responds to, that it came after, or that it happened during or as part of.";
      if (uncertain > 0) {
        rule += uncertain == 1 ? " The one whose start is not known to the month stands"
                               : " The " + count_words(uncertain) + " whose start is not known to the month stand";
        rule += " where those links and the last day on which " + std::string(uncertain == 1 ? "it" : "they") +
                " can have started put " + std::string(uncertain == 1 ? "it" : "them") +
                ", marked “date uncertain”.";
      }
      if (undated > 0) {
        rule += undated == 1 ? " One event has no date and comes last." : " " + capitalised(count_words(undated)) +
                                                                            " events have no date and come last.";
      }
      sentences.push_back(rule);
    }
    out_ += join(sentences, " ", " ") + "\n";
  }

  // "between 2023 and January 2024", "in December 2023", or "" with no dates at all.
  std::string span_words() const {
    std::optional<std::pair<date::sys_days, EdtfPrecision>> first, last;
    for (const Event& event : dataset_.events) {
      if (!event.date) continue;
      if (const auto day = event.date->earliest()) {
        const EdtfPrecision p = event.date->start().precision;
        if (!first || *day < first->first || (*day == first->first && p < first->second)) first = {{*day, p}};
      }
      if (const auto day = event.date->latest()) {
        const EdtfPrecision p = event.date->end().precision;
        if (!last || *day > last->first || (*day == last->first && p < last->second)) last = {{*day, p}};
      }
    }
    if (!first || !last) return {};
    const std::string from = bound_words(first->first, first->second);
    const std::string to = bound_words(last->first, last->second);
    return escape_markdown(from == to ? "in " + from : "between " + from + " and " + to);
  }

  std::string sources_sentence() const {
    const std::size_t total = dataset_.sources.size();
    if (total == 0) return "It quotes no sources.";
    std::map<std::string, std::size_t> by_publisher;
    std::size_t unnamed = 0;
    for (const Source& source : dataset_.sources) {
      if (source.publisher) {
        ++by_publisher[*source.publisher];
      } else {
        ++unnamed;
      }
    }
    std::string out = "It draws on " + counted(total, "source", "sources") + ", listed at the end with how each was dated";
    if (by_publisher.size() + (unnamed > 0 ? 1 : 0) == 1) {
      if (unnamed > 0) return out + (total == 1 ? ": its publisher is not named." : ": none names its publisher.");
      const std::string publisher = escape_markdown(by_publisher.begin()->first);
      return out + (total == 1 ? ": it is from " : ": all are from ") + publisher + ".";
    }
    std::vector<std::string> parts;
    for (const auto& [publisher, n] : by_publisher) parts.push_back(count_words(n) + " from " + escape_markdown(publisher));
    if (unnamed > 0) {
      parts.push_back(count_words(unnamed) +
                      (unnamed == 1 ? " whose publisher is not named" : " whose publishers are not named"));
    }
    return out + ": " + join(parts, ", ", " and ") + ".";
  }

  void render_event(const Event& event) {
    if (!selection_) out_ += "\n<a id=\"" + anchor_id(event.id) + "\"></a>\n";
    out_ += (selection_ ? "\n" : "") + event_heading_ + " " + escape_markdown(event.title) + "\n\n";

    // When, what, and the details of this kind of event.
    std::vector<std::string> facts;
    const std::string when = date_words(event);
    facts.push_back("**" + escape_markdown(capitalised(when)) + "**");
    if (!selection_ && placed_uncertainly(event)) {
      facts.push_back("*" + escape_markdown(uncertain_words(event, when)) + "*");
    }
    facts.push_back(escape_markdown(spaced(event.kind)));
    for (const Detail& detail : event.details) {
      if (detail.key == "status") {
        facts.push_back(escape_markdown(spaced(detail.value)) + status_as_of(event));
      } else if (is_actor_detail(detail)) {
        facts.push_back(escape_markdown(spaced(detail.key)) + ": " + actor_name(detail.value));
      } else if (const Edtf date = Edtf::parse(detail.value); detail.type == DetailType::date && date.ok()) {
        facts.push_back(escape_markdown(spaced(detail.key)) + ": " + escape_markdown(describe(date)));
      } else {
        facts.push_back(escape_markdown(spaced(detail.key)) + ": " + escape_markdown(detail.value));
      }
    }
    // Shown, not silently decided: the data does not order this and the event above.
    if (previous_ != nullptr && !known_before(*previous_, event)) {
      facts.push_back("*may have come before the event above*");
    }
    out_ += join(facts, " · ", " · ") + "\n";

    // Who and where. Names may hold commas ("managers, medical directors and
    // clinicians"), so they are separated by semicolons.
    std::vector<std::string> who;
    for (const ActorRef& actor : event.actors) who.push_back(actor_name(actor.id));
    std::vector<std::string> people_and_place;
    if (!who.empty()) people_and_place.push_back("Who: " + join(who, "; ", "; "));
    if (const std::string place = escape_markdown(event.place); !place.empty()) {
      people_and_place.push_back("Where: " + place);
    }
    if (!people_and_place.empty()) out_ += "\n" + join(people_and_place, " · ", " · ") + "\n";

    // Each paragraph once, however many quotes come from it.
    std::vector<std::pair<std::string, std::size_t>> quoted;
    for (const Citation& citation : event.citations) {
      const std::pair<std::string, std::size_t> key{citation.source, citation.paragraph};
      if (std::find(quoted.begin(), quoted.end(), key) != quoted.end()) continue;
      quoted.push_back(key);
      quotation(citation);
    }

    if (const std::string note = escape_markdown(event.note); !note.empty()) out_ += "\n*Note:* " + note + "\n";

    std::vector<LinkLine> lines;
    for (const Link& link : event.links) {
      if (const Event* target = dataset_.event(link.target)) add_link(lines, outgoing_label(link.type), target);
    }
    if (const auto it = incoming_.find(event.id); it != incoming_.end()) {
      for (const Backlink& back : it->second) add_link(lines, incoming_label(back.type), back.from);
    }
    if (!lines.empty()) {
      out_ += "\n";
      for (const LinkLine& line : lines) {
        // One link on the line; several as a nested list, since titles are sentences.
        if (line.events.size() == 1) {
          out_ += std::string("- ") + line.label.one + ": " + link_to(*line.events[0]) + "\n";
        } else {
          out_ += std::string("- ") + line.label.many + ":\n";
          for (const Event* other : line.events) out_ += "  - " + link_to(*other) + "\n";
        }
      }
    }
  }

  // A status is where things stood when the sources reported them: a strike
  // "planned" in an article written before its last day may since have been held or
  // called off, so the status says when it was reported (" as reported 12 December
  // 2022"). Said only when the newest citing source could have been written before
  // the event's last day.
  std::string status_as_of(const Event& event) const {
    const auto [earliest, latest] = bounds_of(event);
    const Source* newest = nullptr;
    for (const Citation& c : event.citations) {
      const Source* source = dataset_.source(c.source);
      if (!source || !source->published.latest()) continue;
      if (!newest || *source->published.latest() > *newest->published.latest()) newest = source;
    }
    if (!newest) return {};
    const auto written_by = newest->published.earliest();
    if (latest && written_by && *written_by >= *latest) return {};
    return " " + escape_markdown("as reported " + describe(newest->published));
  }

  // The stated date in words, and what the links add to it: "date not reported;
  // 1–5 December 2023 from its links".
  // The date as stated, then what links and sources narrow it to. The span of a
  // one-act event is where its one day lies: "on or before 12 December 2022".
  std::string date_words(const Event& event) const {
    const bool one_day = is_one_act(event);
    auto words_for = [&](const Edtf& date) { return one_day ? describe_one_day(date) : describe(date); };
    std::string words = event.date ? words_for(*event.date) : std::string("date not reported");
    if (!event.inferred || (!event.inferred_earliest && !event.inferred_latest)) return words;
    const std::string range = (event.inferred_earliest ? iso_day(*event.inferred_earliest) : std::string()) + "/" +
                              (event.inferred_latest ? iso_day(*event.inferred_latest) : std::string());
    const Edtf inferred = Edtf::parse(range);
    if (!inferred.ok()) return words;
    const std::string by = narrowed_by(event);
    return words + (event.date ? "; " + by + " narrow this to " : "; ") + words_for(inferred) +
           (event.date ? "" : " from " + by);
  }

  // What narrowed an event's date: "its links", "its sources" (their publication)
  // or "its links and sources".
  std::string narrowed_by(const Event& event) const {
    bool links = false, sources = false;
    const auto stated_earliest = event.date ? event.date->earliest() : std::nullopt;
    const auto stated_latest = event.date ? event.date->latest() : std::nullopt;
    const std::pair<BoundOrigin, bool> bounds[] = {
        {event.earliest_from, event.inferred_earliest != stated_earliest},
        {event.latest_from, event.inferred_latest != stated_latest}};
    for (const auto& [origin, narrowed] : bounds) {
      if (!narrowed || origin.by == BoundOrigin::By::nothing || origin.event >= dataset_.events.size()) continue;
      const bool own = dataset_.events[origin.event].id == event.id;
      if (origin.by == BoundOrigin::By::publication && own) {
        sources = true;
      } else if (!own) {
        links = true;
      }
    }
    return links && sources ? "its links and sources" : sources ? "its sources" : "its links";
  }

  void quotation(const Citation& citation) {
    const Source* source = dataset_.source(citation.source);
    const bool placed = source && citation.paragraph >= 1 && citation.paragraph <= source->paragraphs.size();
    // A checked dataset always has the paragraph; anything else shows the quote alone.
    out_ += "\n> " + escape_markdown(placed ? source->paragraphs[citation.paragraph - 1] : citation.quote) + "\n>\n> — ";
    if (!source) {
      out_ += "source " + escape_markdown(citation.source) + " is not in the registry\n";
      return;
    }
    // The same for every quotation from a source, so made once per source.
    auto [cached, fresh] = citation_prefix_.try_emplace(source->id);
    if (fresh) {
      std::string& prefix = cached->second;
      prefix = (source->publisher ? escape_markdown(*source->publisher) : std::string("Publisher not named")) + ", ";
      if (selection_ && selection_->timeline.empty()) {
        prefix += "“" + escape_markdown(source->title) + "”, ";
      } else {
        prefix += "[“" + escape_markdown(source->title) + "”](" + (selection_ ? timeline_destination(selection_->timeline) : std::string()) +
                  "#" + source_anchor_.at(source->id) + "), ";
      }
      prefix += escape_markdown(describe(source->published)) + ", ";
    }
    out_ += cached->second;
    out_ += placed ? "paragraph " + std::to_string(citation.paragraph) : std::string("paragraph not found");
    if (!source->url.empty()) out_ += ", " + web_link(source->url);
    out_ += "\n";
  }

  void sources() {
    // How many events quote each source, counted in one pass over the events.
    for (const Event& event : dataset_.events) {
      std::vector<std::string_view> seen;
      for (const Citation& c : event.citations) {
        if (std::find(seen.begin(), seen.end(), c.source) != seen.end()) continue;
        seen.push_back(c.source);
        ++citing_[c.source];
      }
    }
    out_ += "\n## Sources\n";
    for (const Source& source : dataset_.sources) {
      const std::size_t citing = citing_.count(source.id) ? citing_.at(source.id) : 0;
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
      if (!where.empty()) out_ += "\n" + join(where, " · ", " · ") + "\n";
      if (const std::string dated_by = escape_markdown(source.dated_by); !dated_by.empty()) {
        out_ += "\nHow it was dated: " + dated_by + "\n";
      }
      if (const std::string note = escape_markdown(source.note); !note.empty()) out_ += "\n*Note:* " + note + "\n";
    }
  }

  std::string link_to(const Event& event) const {
    if (!selection_) return event_link(event);
    if (selection_->timeline.empty()) return escape_markdown(event.title);
    return "[" + escape_markdown(event.title) + "](" + timeline_destination(selection_->timeline) + "#" + anchor_id(event.id) + ")";
  }

  std::string actor_name(std::string_view id) const {
    const Actor* actor = dataset_.actor(id);
    return escape_markdown(actor && !actor->name.empty() ? std::string_view(actor->name) : id);
  }

  const Dataset& dataset_;
  std::unordered_map<std::string_view, std::size_t> citing_;  // events quoting each source
  const SelectionStyle* selection_ = nullptr;  // set when rendering a query's answer
  std::string event_heading_ = "###";
  const Event* previous_ = nullptr;  // the event rendered just above, under the same heading
  std::unordered_map<std::string_view, std::vector<Backlink>> incoming_;  // links pointing at each event
  std::unordered_map<std::string_view, std::string> source_anchor_;
  std::unordered_map<std::string_view, std::string> citation_prefix_;  // "Publisher, “title”, date, "

  std::string out_;
};

}  // namespace

std::vector<TimelineGroup> timeline_groups(const Dataset& dataset) {
  std::vector<TimelineGroup> out;
  std::optional<long> month;  // of the run being filled; nullopt: "Date not known"
  for (const Event& event : dataset.events) {
    const std::optional<long> this_month =
        event.placed_on ? std::optional<long>(month_index(*event.placed_on)) : std::nullopt;
    if (out.empty() || this_month != month) {
      out.push_back(TimelineGroup{event.placed_on ? month_words(*event.placed_on) : "Date not known", {}});
      month = this_month;
    }
    out.back().events.push_back(&event);
  }
  return out;
}

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
