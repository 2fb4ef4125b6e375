#include "render_html.h"

#include <algorithm>
#include <memory>
#include <span>
#include <array>
#include <charconv>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "blocks_in_order.h"
#include "edtf.h"
#include "reason.h"
#include "timeline.h"

namespace strikeline {

namespace {

// The characters escape_html writes as references; runs of others are copied whole.
constexpr auto kHtmlSpecial = [] {
  std::array<bool, 256> table{};
  for (const char c : std::string_view("&<>\"'")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

void append_escaped_html(std::string& out, std::string_view text) {
  std::size_t i = 0;
  const std::size_t size = text.size();
  while (i < size) {
    std::size_t run = i;
    while (run < size && !kHtmlSpecial[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text.data() + i, run - i);
    if (run == size) break;
    switch (text[run]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&#39;"; break;
    }
    i = run + 1;
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  append_escaped_html(out, text);
  return out;
}

namespace {

// The page's look. Colours keep text at 7:1 or more against its background, and
// focus is always visible; in print the axis and the controls go and every event
// is shown, with the address of each link written out.
constexpr std::string_view kStyle = R"(
:root { --ink: #1a1a1a; --muted: #4d4d4d; --link: #0b4f9c; --rule: #d0d0d0; --bar: #1f5f8b; --cause: #8a3b00; --effect: #24561a; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; color: var(--ink); background: #fff; font: 1rem/1.5 Georgia, "Times New Roman", serif; }
a { color: var(--link); }
a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -100vw; }
.skip:focus { position: static; }
h1 { font-size: 1.8rem; line-height: 1.2; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
h3 a { color: inherit; text-decoration: none; }
h3 a:hover, h3 a:focus { text-decoration: underline; }
nav ol { columns: 12rem; padding-left: 1.2rem; }
.event { margin: 1.5rem 0; padding: .5rem .75rem; border-left: 4px solid transparent; }
.facts, .who, figcaption, .sources-line { color: var(--muted); font-size: .95rem; }
.uncertain { font-style: italic; }
blockquote { margin: .75rem 0 .25rem; padding-left: 1rem; border-left: 3px solid var(--rule); }
blockquote p { margin: 0; }
figure { margin: 0; }
.links { padding-left: 1.2rem; }
.bar { position: relative; height: .7rem; margin: .4rem 0; background: #f0f0f0; }
.bar span { position: absolute; top: 0; bottom: 0; min-width: 3px; }
.bar .possible { background: repeating-linear-gradient(135deg, var(--bar) 0 2px, #cfe0ec 2px 6px); opacity: .8; }
.bar .certain { background: var(--bar); }
.axis { display: flex; justify-content: space-between; color: var(--muted); font-size: .85rem; }
.legend { color: var(--muted); font-size: .9rem; }
.legend .swatch { display: inline-block; width: 1.5rem; height: .7rem; vertical-align: middle; }
#filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; padding: .75rem; border: 1px solid var(--rule); }
#filters label { display: flex; flex-direction: column; font-size: .9rem; }
#filters input, #filters select, #filters button { font: inherit; }
#shown { flex-basis: 100%; margin: 0; color: var(--muted); }
.event.in-focus { border-left-color: var(--bar); }
.event.cause { border-left-color: var(--cause); background: #fff4ec; }
.event.effect { border-left-color: var(--effect); background: #f0f8ec; }
.event.cause h3::before { content: "Cause · "; color: var(--cause); }
.event.effect h3::before { content: "Effect · "; color: var(--effect); }
@media print {
  nav, #filters, .bar, .axis, .legend, .skip { display: none !important; }
  .event[hidden], section[hidden] { display: block !important; }
  .event { break-inside: avoid; border: 0; background: none !important; }
  .event h3::before { content: none !important; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; word-break: break-all; }
  body { max-width: none; font-size: 11pt; }
}
)";

// Filters, search and chains: an enhancement only. The events' text is in the page;
// this reads the data-* attributes the writer puts on each event.
constexpr std::string_view kScript = R"(
(function () {
  var events = Array.prototype.slice.call(document.querySelectorAll('article.event'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.month'));
  var byId = {}, effects = {};
  events.forEach(function (e) { byId[e.id] = e; });
  events.forEach(function (e) {
    (e.getAttribute('data-causes') || '').split(' ').forEach(function (c) {
      if (c) (effects[c] = effects[c] || []).push(e.id);
    });
  });
  var form = document.getElementById('filters');
  var search = document.getElementById('search'), kind = document.getElementById('kind');
  var actor = document.getElementById('actor'), shown = document.getElementById('shown');
  form.hidden = false;
  function apply() {
    var q = search.value.trim().toLowerCase(), k = kind.value, a = actor.value, count = 0;
    events.forEach(function (e) {
      var ok = (!k || e.getAttribute('data-kind') === k) &&
               (!a || (' ' + e.getAttribute('data-actors') + ' ').indexOf(' ' + a + ' ') >= 0) &&
               (!q || e.textContent.toLowerCase().indexOf(q) >= 0);
      e.hidden = !ok;
      if (ok) count++;
    });
    sections.forEach(function (s) { s.hidden = !s.querySelector('article.event:not([hidden])'); });
    shown.textContent = count + ' of ' + events.length + ' events shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (ev) { ev.preventDefault(); apply(); });
  document.getElementById('clear').addEventListener('click', function () {
    search.value = ''; kind.value = ''; actor.value = ''; apply();
  });
  function mark(start, next, cls) {
    var seen = {}, todo = next(start);
    while (todo.length) {
      var id = todo.pop();
      if (seen[id] || !byId[id]) continue;
      seen[id] = true;
      byId[id].classList.add(cls);
      todo = todo.concat(next(id));
    }
  }
  function causesOf(id) { return (byId[id].getAttribute('data-causes') || '').split(' ').filter(Boolean); }
  function effectsOf(id) { return effects[id] || []; }
  function clear() { events.forEach(function (e) { e.classList.remove('in-focus', 'cause', 'effect'); }); }
  function show(e) {
    clear();
    e.classList.add('in-focus');
    mark(e.id, causesOf, 'cause');
    mark(e.id, effectsOf, 'effect');
  }
  events.forEach(function (e) {
    e.addEventListener('mouseenter', function () { show(e); });
    e.addEventListener('focusin', function () { show(e); });
    e.addEventListener('mouseleave', clear);
  });
  apply();
})();
)";

// A URL's characters for a text fragment (#:~:text=): everything but letters,
// digits and a few marks percent-encoded, since `-`, `,` and `&` mean something there.
std::string fragment_encoded(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

// A link to the quote on the source's own page, where browsers that support text
// fragments scroll to and mark it: the first words, and for a long quote the last.
std::string quote_fragment(std::string_view quote) {
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < quote.size();) {
    while (i < quote.size() && (quote[i] == ' ' || quote[i] == '\t' || quote[i] == '\n')) ++i;
    const std::size_t start = i;
    while (i < quote.size() && quote[i] != ' ' && quote[i] != '\t' && quote[i] != '\n') ++i;
    if (i > start) words.push_back(quote.substr(start, i - start));
  }
  auto run = [&](std::size_t from, std::size_t to) {
    std::string text;
    for (std::size_t k = from; k < to; ++k) text += (k > from ? " " : "") + std::string(words[k]);
    return fragment_encoded(text);
  };
  if (words.size() <= 8) return "#:~:text=" + run(0, words.size());
  return "#:~:text=" + run(0, 4) + "," + run(words.size() - 4, words.size());
}

bool is_web_address(std::string_view url) {
  return (url.starts_with("https://") || url.starts_with("http://")) &&
         url.find_first_of(" <>\"'\\`\n\r\t") == std::string_view::npos;
}

std::string host_of(std::string_view url) {
  std::string_view host = url.substr(url.find("://") + 3);
  return std::string(host.substr(0, host.find_first_of("/?#:")));
}

std::string web_link(std::string_view url) {
  if (!is_web_address(url)) return "<code>" + escape_html(url) + "</code>";
  return "<a href=\"" + escape_html(url) + "\">" + escape_html(host_of(url)) + "</a>";
}

// Text from the data, escaped as the page is written.
struct Escaped {
  std::string_view text;
};
// An id as the page's fragment for it (anchor_id), written without a copy.
struct Anchor {
  std::string_view id;
};

// The page, gathered in a string and handed to the stream a large piece at a time,
// so that a field costs an append rather than a call through the stream.
class Page {
 public:
  // Without a sink, the text is gathered for take().
  explicit Page(std::ostream* sink) : sink_(sink) {
    if (sink_) text_.reserve(kPiece + kPiece / 4);
  }
  Page& operator<<(std::string_view text) {
    text_.append(text);
    return *this;
  }
  Page& operator<<(char c) {
    text_.push_back(c);
    return *this;
  }
  Page& operator<<(std::size_t n) {
    char digits[24];
    text_.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
    return *this;
  }
  Page& operator<<(Escaped escaped) {
    append_escaped_html(text_, escaped.text);
    return *this;
  }
  Page& operator<<(Anchor anchor) {
    if (anchor.id.empty()) return *this << '-';
    const std::size_t start = text_.size();
    text_.append(anchor.id);
    for (std::size_t i = start; i < text_.size(); ++i) {
      const char c = text_[i];
      const bool slug = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
      if (!slug) text_[i] = '-';
    }
    return *this;
  }
  // A number with two decimals, as printf's %.2f writes it.
  void two_decimals(double value) {
    char digits[64];
    text_.append(digits, std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, 2).ptr);
  }
  // Hands the text gathered so far to the stream once there is a large piece of it.
  void pass_on_large() {
    if (sink_ && text_.size() >= kPiece) pass_on();
  }
  void pass_on() {
    sink_->write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }
  void swap(std::string& text) { text_.swap(text); }

 private:
  static constexpr std::size_t kPiece = 1 << 16;
  std::ostream* sink_;
  std::string text_;
};

// An event in the page's order: the one above it in its section, and whether it
// opens its section (the section's number) or closes it.
struct EventItem {
  const Event* event;
  const Event* above;
  const TimelineGroup* group;
  std::size_t opens;  // 0: not the first of its section
  bool closes;
};

// What every part of the page reads and none changes, made once and shared by the
// threads that write the events.
struct PageContext {
  explicit PageContext(const Dataset& of) : dataset(of), links(of) {
    for (const Source& source : of.sources) source_anchor[source.id] = strikeline::source_anchor(source, of);
    for (const Event& event : of.events) {
      const EventSpan span = event_span(event);
      for (const auto& day : {span.possible_from, span.possible_to}) {
        if (!day) continue;
        axis_from = axis_from ? std::min(*axis_from, *day) : *day;
        axis_to = axis_to ? std::max(*axis_to, *day) : *day;
      }
    }
  }
  const Dataset& dataset;
  const TimelineLinks links;
  std::unordered_map<std::string_view, std::string> source_anchor;
  std::optional<date::sys_days> axis_from, axis_to;
};

class HtmlWriter {
 public:
  // Writing to `out`, or with none, gathering the text for take().
  HtmlWriter(const PageContext& context, std::ostream* out)
      : context_(context),
        dataset_(context.dataset),
        out_(out),
        links_(context.links),
        source_anchor_(context.source_anchor),
        axis_from_(context.axis_from),
        axis_to_(context.axis_to) {}

  // The events of `items` appended to `text`, for a thread writing a block of them.
  void events(std::span<const EventItem> items, std::string& text);

  void write() {
    const std::string title = dataset_.title.empty() ? std::string("Timeline") : std::string(dataset_.title);
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
            "<meta name=\"generator\" content=\"strikeline\">\n<title>"
         << escape_html(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
         << "<a class=\"skip\" href=\"#timeline\">Skip to the timeline</a>\n<header>\n<h1>" << escape_html(title)
         << "</h1>\n<p>";
    std::vector<std::string> sentences;
    for (const std::string& sentence : summary_sentences(dataset_)) {
      if (sentence.find_first_not_of(" \t\r\n") != std::string::npos) sentences.push_back(escape_html(sentence));
    }
    out_ << joined(sentences, " ", " ") << "</p>\n</header>\n";

    const std::vector<TimelineGroup> groups = timeline_groups(dataset_);
    out_ << "<nav aria-label=\"Months\">\n<h2>Contents</h2>\n<ol>\n";
    for (std::size_t g = 0; g < groups.size(); ++g) {
      out_ << "<li><a href=\"#section-" << g + 1 << "\">" << escape_html(groups[g].heading) << "</a></li>\n";
    }
    out_ << "<li><a href=\"#sources\">Sources</a></li>\n</ol>\n</nav>\n<main id=\"timeline\">\n";
    filters();
    legend();
    // The sections and their events, a block of events at a time on every core when
    // there are many; each event as it would be written alone.
    std::vector<EventItem> items;
    items.reserve(dataset_.events.size());
    bool every_section_has_events = true;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      every_section_has_events = every_section_has_events && !groups[g].events.empty();
      const Event* above = nullptr;
      for (const Event* event : groups[g].events) {
        items.push_back(EventItem{event, above, &groups[g], above == nullptr ? g + 1 : 0, false});
        above = event;
      }
      if (!items.empty() && !groups[g].events.empty()) items.back().closes = true;
    }
    constexpr std::size_t kBlock = 128, kEventsWorthThreads = 4 * kBlock;
    const std::size_t threads = std::min<std::size_t>(document_cores(), 4);
    if (!every_section_has_events || threads <= 1 || items.size() < kEventsWorthThreads) {
      for (std::size_t g = 0; g < groups.size(); ++g) {
        open_section(groups[g], g + 1);
        const Event* above = nullptr;
        for (const Event* event : groups[g].events) {
          write_event(*event, above);
          above = event;
          out_.pass_on_large();
        }
        out_ << "</section>\n";
      }
    } else {
      out_.pass_on();
      const std::size_t blocks = (items.size() + kBlock - 1) / kBlock;
      const std::span<const EventItem> all(items);
      blocks_in_order(
          blocks, threads,
          [&] {
            return [all, writer = std::make_shared<HtmlWriter>(context_, nullptr)](std::size_t block, std::string& text) {
              const std::size_t first = block * kBlock;
              const std::size_t left = all.size() - first;
              writer->events(all.subspan(first, left < kBlock ? left : kBlock), text);
            };
          },
          [&](const std::string& text) { out_ << std::string_view(text); out_.pass_on(); });
    }
    sources();
    out_ << "</main>\n<footer>\n<p>Made by strikeline from the dataset’s records; every event quotes the source "
            "paragraph it comes from.</p>\n</footer>\n<script>"
         << kScript << "</script>\n</body>\n</html>\n";
    out_.pass_on();
  }

 private:
  void open_section(const TimelineGroup& group, std::size_t number) {
    out_ << "<section class=\"month\" id=\"section-" << number << "\" aria-labelledby=\"section-" << number
         << "-heading\">\n<h2 id=\"section-" << number << "-heading\">" << Escaped{group.heading} << "</h2>\n";
  }

  // Hidden until the script shows it: without a script there is nothing to filter.
  void filters() {
    std::map<std::string, std::string> kinds;   // value → words
    std::set<std::pair<std::string, std::string>> actors;  // name and anchor, sorted by name
    // Each kind and actor id is looked at once, however many events name it.
    std::unordered_set<std::string_view> seen_kinds, seen_actors;
    for (const Event& event : dataset_.events) {
      if (seen_kinds.insert(event.kind).second) kinds.emplace(anchor_id(event.kind), spaced(event.kind));
      for (const ActorRef& actor : event.actors) {
        if (!seen_actors.insert(actor.id).second) continue;
        actors.emplace(std::string(actor_name(dataset_, actor.id)), anchor_id(actor.id));  // two of one name stay two
      }
    }
    out_ << "<form id=\"filters\" role=\"search\" aria-label=\"Filter the events\" hidden>\n"
            "<label for=\"search\">Search titles and quotes <input id=\"search\" type=\"search\"></label>\n"
            "<label for=\"kind\">Kind <select id=\"kind\"><option value=\"\">Every kind</option>";
    for (const auto& [value, words] : kinds) {
      out_ << "<option value=\"" << escape_html(value) << "\">" << escape_html(words) << "</option>";
    }
    out_ << "</select></label>\n<label for=\"actor\">Actor <select id=\"actor\"><option value=\"\">Every actor</option>";
    for (const auto& [name, value] : actors) {
      out_ << "<option value=\"" << escape_html(value) << "\">" << escape_html(name) << "</option>";
    }
    out_ << "</select></label>\n<button type=\"button\" id=\"clear\">Show all</button>\n"
            "<p id=\"shown\" role=\"status\" aria-live=\"polite\"></p>\n</form>\n";
  }

  void legend() {
    if (!axis_from_) return;
    out_ << "<p class=\"legend\">Under each event, a bar on one time axis from " << escape_html(day_in_words(*axis_from_))
         << " to " << escape_html(day_in_words(*axis_to_))
         << ": <span class=\"swatch\" style=\"background:#1f5f8b\"></span> days it certainly covers, "
            "<span class=\"swatch\" style=\"background:repeating-linear-gradient(135deg,#1f5f8b 0 2px,#cfe0ec 2px "
            "6px)\"></span> days within which it happened, as far as its dates and links tell. Point at or tab to an "
            "event to mark what led to it and what it led to.</p>\n";
  }

  // Where a day lies on the axis, in percent.
  double position(date::sys_days day) const {
    const double length = static_cast<double>((*axis_to_ - *axis_from_).count() + 1);
    return static_cast<double>((day - *axis_from_).count()) / length * 100.0;
  }

  void bar(const Event& event) {
    const EventSpan span = event_span(event);
    if (!axis_from_ || (!span.possible_from && !span.possible_to)) return;
    auto segment = [&](std::string_view cls, date::sys_days from, date::sys_days to) {
      const double left = position(from);
      const double right = position(to + date::days{1});
      out_ << "<span class=\"" << cls << "\" style=\"left:";
      out_.two_decimals(left);
      out_ << "%;width:";
      out_.two_decimals(std::max(right - left, 0.0));
      out_ << "%\"></span>";
    };
    out_ << "<div class=\"bar\" aria-hidden=\"true\">";
    segment("possible", span.possible_from.value_or(*axis_from_), span.possible_to.value_or(*axis_to_));
    if (span.certain_from) segment("certain", *span.certain_from, *span.certain_to);
    out_ << "</div>\n";
  }

  void write_event(const Event& event, const Event* above) {
    const Anchor id{event.id};
    out_ << "<article class=\"event\" id=\"" << id << "\" data-kind=\"" << Anchor{event.kind} << "\" data-actors=\"";
    for (std::size_t i = 0; i < event.actors.size(); ++i) out_ << (i > 0 ? " " : "") << Anchor{event.actors[i].id};
    out_ << "\" data-causes=\"";
    bool first = true;
    for (const Event* cause : links_.causes(event)) {
      out_ << (first ? "" : " ") << Anchor{cause->id};
      first = false;
    }
    out_ << "\">\n<h3><a href=\"#" << id << "\">" << Escaped{event.title} << "</a></h3>\n";

    // The facts, separated by " · ".
    const std::string when = event_date_words(event, dataset_);
    out_ << "<p class=\"facts\"><strong>" << Escaped{capitalised(when)} << "</strong>";
    if (placed_uncertainly(event)) {
      out_ << " · <em class=\"uncertain\">" << Escaped{uncertain_words(event, when)} << "</em>";
    }
    for (const Fact& fact : event_facts(event, dataset_)) {
      out_ << " · ";
      if (!fact.label.empty()) out_ << Escaped{fact.label} << ": ";
      out_ << Escaped{fact.words};
    }
    if (above != nullptr && !known_before(*above, event)) out_ << " · <em>may have come before the event above</em>";
    out_ << "</p>\n";
    bar(event);

    if (!event.actors.empty() || !event.place.empty()) {
      out_ << "<p class=\"who\">";
      if (!event.actors.empty()) {
        out_ << "Who: ";
        for (std::size_t i = 0; i < event.actors.size(); ++i) {
          out_ << (i > 0 ? "; " : "") << Escaped{actor_name(dataset_, event.actors[i].id)};
        }
      }
      if (!event.place.empty()) out_ << (event.actors.empty() ? "" : " · ") << "Where: " << Escaped{event.place};
      out_ << "</p>\n";
    }

    for (const Quotation& quoted : event_quotations(event, dataset_)) quotation(quoted);
    if (!event.note.empty()) out_ << "<p class=\"note\"><strong>Note:</strong> " << Escaped{event.note} << "</p>\n";

    const std::vector<LinkLine> lines = links_.lines(event);
    if (!lines.empty()) {
      out_ << "<ul class=\"links\">\n";
      for (const LinkLine& line : lines) {
        if (line.events.size() == 1) {
          out_ << "<li>" << line.label_one << ": ";
          link_to(*line.events[0]);
          out_ << "</li>\n";
        } else {
          out_ << "<li>" << line.label_many << ":\n<ul>\n";
          for (const Event* other : line.events) {
            out_ << "<li>";
            link_to(*other);
            out_ << "</li>\n";
          }
          out_ << "</ul>\n</li>\n";
        }
      }
      out_ << "</ul>\n";
    }
    out_ << "</article>\n";
  }

  void link_to(const Event& event) {
    out_ << "<a href=\"#" << Anchor{event.id} << "\">" << Escaped{event.title} << "</a>";
  }

  void quotation(const Quotation& quoted) {
    const Source* source = quoted.source;
    const std::string_view paragraph = quoted.text;
    const bool linked = source && is_web_address(source->url);
    out_ << "<figure>\n<blockquote";
    if (linked) out_ << " cite=\"" << Escaped{source->url} << "\"";
    out_ << "><p>" << Escaped{paragraph} << "</p></blockquote>\n<figcaption>— ";
    if (!source) {
      out_ << "source " << Escaped{quoted.source_id} << " is not in the registry</figcaption>\n</figure>\n";
      return;
    }
    // The same for every quotation from a source, so made once per source.
    auto [cached, fresh] = citation_prefix_.try_emplace(source);
    if (fresh) {
      cached->second = (source->publisher ? escape_html(*source->publisher) : std::string("Publisher not named")) +
                       ", <a href=\"#" + source_anchor_.at(source->id) + "\">“" + escape_html(source->title) +
                       "”</a>, " + escape_html(describe(source->published)) + ", ";
    }
    out_ << cached->second;
    if (linked) {
      // The fragment is letters, digits and `#:~=,.%_`: nothing in it is escaped.
      out_ << "<a href=\"" << Escaped{source->url} << quote_fragment(quoted.quote) << "\">";
    }
    if (quoted.paragraph) {
      out_ << "paragraph " << std::size_t{quoted.paragraph};
    } else {
      out_ << "paragraph not found";
    }
    if (linked) out_ << " at " << Escaped{host_of(source->url)} << "</a>";
    out_ << "</figcaption>\n</figure>\n";
  }

  void sources() {
    const auto citing_counts = events_citing(dataset_);
    out_ << "<section id=\"sources\" aria-labelledby=\"sources-heading\">\n<h2 id=\"sources-heading\">Sources</h2>\n";
    for (const Source& source : dataset_.sources) {
      const auto found = citing_counts.find(source.id);
      const std::size_t citing = found == citing_counts.end() ? 0 : found->second;
      out_ << "<article class=\"source\" id=\"" << source_anchor_.at(source.id) << "\">\n<h3>"
           << (source.title.empty() ? std::string("Untitled") : escape_html(source.title)) << "</h3>\n<p class=\"sources-line\">"
           << (source.publisher ? escape_html(*source.publisher) : std::string("Publisher not named"));
      if (!source.author.empty()) out_ << " · by " << escape_html(source.author);
      out_ << " · published " << escape_html(describe(source.published)) << " (EDTF <code>"
           << escape_html(source.published.text()) << "</code>) · quoted for " << counted(citing, "event", "events")
           << "</p>\n";
      std::vector<std::string> where;
      if (!source.url.empty()) where.push_back("Online at " + web_link(source.url));
      if (source.retrieved) where.push_back("retrieved " + escape_html(describe(*source.retrieved)));
      if (!source.archive_url.empty()) where.push_back("archived at " + web_link(source.archive_url));
      if (!where.empty()) out_ << "<p>" << joined(where, " · ", " · ") << "</p>\n";
      if (!source.dated_by.empty()) out_ << "<p>How it was dated: " << escape_html(source.dated_by) << "</p>\n";
      if (!source.note.empty()) out_ << "<p class=\"note\"><strong>Note:</strong> " << escape_html(source.note) << "</p>\n";
      out_ << "</article>\n";
    }
    out_ << "</section>\n";
  }

  const PageContext& context_;
  const Dataset& dataset_;
  Page out_;
  const TimelineLinks& links_;
  const std::unordered_map<std::string_view, std::string>& source_anchor_;
  std::unordered_map<const Source*, std::string> citation_prefix_;  // "Publisher, “title”, date, "
  const std::optional<date::sys_days>& axis_from_;
  const std::optional<date::sys_days>& axis_to_;
};

void HtmlWriter::events(std::span<const EventItem> items, std::string& text) {
  out_.swap(text);
  for (const EventItem& item : items) {
    if (item.opens) open_section(*item.group, item.opens);
    write_event(*item.event, item.above);
    if (item.closes) out_ << "</section>\n";
  }
  out_.swap(text);
}

}  // namespace

void render_html(const Dataset& dataset, std::ostream& out) {
  const PageContext context(dataset);
  HtmlWriter(context, &out).write();
}

}  // namespace strikeline
