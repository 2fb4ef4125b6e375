#include "timeline.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "edtf.h"
#include "reason.h"
#include "schema.h"

namespace strikeline {

// ---- Words ---------------------------------------------------------------------

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

std::string spaced(std::string_view value) {
  std::string text(value);
  std::replace(text.begin(), text.end(), '-', ' ');
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? last : separator;
    out += parts[i];
  }
  return out;
}

namespace {

long month_index(date::sys_days day) {
  const date::year_month_day ymd(day);
  return static_cast<long>(static_cast<int>(ymd.year())) * 12 + static_cast<long>(static_cast<unsigned>(ymd.month())) - 1;
}

// A bound of the whole timeline in words, no more precise than the date it came
// from: a range that starts "2023" begins in "2023", not on "1 January 2023".
std::string bound_words(date::sys_days day, EdtfPrecision precision) {
  switch (precision) {
    case EdtfPrecision::day:
    case EdtfPrecision::second:
      return day_in_words(day);
    case EdtfPrecision::year: {
      const std::string iso = iso_day(day);
      return describe(Edtf::parse(iso.substr(0, iso.size() - 6)));
    }
    case EdtfPrecision::decade:
    case EdtfPrecision::century:
    case EdtfPrecision::season:
    case EdtfPrecision::month:
      break;
  }
  return month_in_words(day);
}

// What narrowed an event's date: "its links", "its sources" (their publication)
// or "its links and sources".
std::string narrowed_by(const Event& event, const Dataset& dataset) {
  bool links = false, sources = false;
  const auto stated_earliest = event.date ? event.date->earliest() : std::nullopt;
  const auto stated_latest = event.date ? event.date->latest() : std::nullopt;
  const std::pair<BoundOrigin, bool> bounds[] = {{event.earliest_from, event.inferred_earliest != stated_earliest},
                                                 {event.latest_from, event.inferred_latest != stated_latest}};
  for (const auto& [origin, narrowed] : bounds) {
    if (!narrowed || origin.by == BoundOrigin::By::nothing || origin.event >= dataset.events.size()) continue;
    const bool own = dataset.events[origin.event].id == event.id;
    if (origin.by == BoundOrigin::By::publication && own) {
      sources = true;
    } else if (!own) {
      links = true;
    }
  }
  return links && sources ? "its links and sources" : sources ? "its sources" : "its links";
}

// " as reported 12 December 2022", or empty: see event_facts.
std::string reported_words(const Event& event, const Dataset& dataset) {
  const auto [earliest, latest] = event_bounds(event);
  const Source* newest = nullptr;
  for (const Citation& c : event.citations) {
    const Source* source = dataset.source(c.source);
    if (!source || !source->published.latest()) continue;
    if (!newest || *source->published.latest() > *newest->published.latest()) newest = source;
  }
  if (!newest) return {};
  const auto written_by = newest->published.earliest();
  if (latest && written_by && *written_by >= *latest) return {};
  return " as reported " + describe(newest->published);
}

}  // namespace

// ---- Anchors -------------------------------------------------------------------

std::string anchor_id(std::string_view id) {
  std::string out;
  for (const char c : id) {
    const bool slug = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    out += slug ? c : '-';
  }
  return out.empty() ? std::string("-") : out;
}

std::string source_anchor(const Source& source, const Dataset& dataset) {
  // Event ids are slugs, which never hold "--": the second form cannot clash.
  std::string id = "source-" + anchor_id(source.id);
  if (dataset.event(id)) id = "source--" + anchor_id(source.id);
  return id;
}

// ---- Sections ------------------------------------------------------------------

std::vector<TimelineGroup> timeline_groups(const Dataset& dataset) {
  std::vector<TimelineGroup> out;
  std::optional<long> month;  // of the run being filled; nullopt: "Date not known"
  for (const Event& event : dataset.events) {
    const std::optional<long> this_month =
        event.placed_on ? std::optional<long>(month_index(*event.placed_on)) : std::nullopt;
    if (out.empty() || this_month != month) {
      out.push_back(TimelineGroup{event.placed_on ? month_in_words(*event.placed_on) : "Date not known", {}});
      month = this_month;
    }
    out.back().events.push_back(&event);
  }
  return out;
}

// ---- An event's dates ----------------------------------------------------------

std::pair<std::optional<date::sys_days>, std::optional<date::sys_days>> event_bounds(const Event& event) {
  if (event.inferred) return {event.inferred_earliest, event.inferred_latest};
  if (!event.date) return {std::nullopt, std::nullopt};
  const Bounds b = reasoning_bounds(*event.date);
  return {b.earliest, b.latest};
}

std::string event_date_words(const Event& event, const Dataset& dataset) {
  const bool one_day = is_one_act(event);
  auto words_for = [&](const Edtf& date) { return one_day ? describe_one_day(date) : describe(date); };
  std::string words = event.date ? words_for(*event.date) : std::string("date not reported");
  if (!event.inferred || (!event.inferred_earliest && !event.inferred_latest)) return words;
  const std::string range = (event.inferred_earliest ? iso_day(*event.inferred_earliest) : std::string()) + "/" +
                            (event.inferred_latest ? iso_day(*event.inferred_latest) : std::string());
  const Edtf inferred = Edtf::parse(range);
  if (!inferred.ok()) return words;
  const std::string by = narrowed_by(event, dataset);
  return words + (event.date ? "; " + by + " narrow this to " : "; ") + words_for(inferred) +
         (event.date ? "" : " from " + by);
}

EventSpan event_span(const Event& event) {
  EventSpan span;
  std::tie(span.possible_from, span.possible_to) = event_bounds(event);
  if (!event.date || !span.possible_from || !span.possible_to) return span;
  const EdtfPoint& start = event.date->start();
  const EdtfPoint& end = event.date->end();
  if (start.kind != EdtfPoint::Kind::date || end.kind != EdtfPoint::Kind::date || start.uncertain ||
      start.approximate || end.uncertain || end.approximate) {
    return span;
  }
  // The start is on or before start.latest and the end on or after end.earliest.
  const date::sys_days from = std::max(start.latest, *span.possible_from);
  const date::sys_days to = std::min(end.earliest, *span.possible_to);
  if (from <= to) {
    span.certain_from = from;
    span.certain_to = to;
  }
  return span;
}

bool placed_uncertainly(const Event& event) {
  if (!event.placed_on) return false;  // under "Date not known", which says so
  const long month = month_index(*event.placed_on);
  if (const auto [earliest, latest] = event_bounds(event);
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

bool date_in_doubt(const Event& event) {
  if (!event.placed_on || placed_uncertainly(event) || !event.date) return true;
  for (const EdtfPoint* point : {&event.date->start(), &event.date->end()}) {
    if (point->uncertain || point->approximate) return true;
  }
  return false;
}

std::string uncertain_words(const Event& event, const std::string& date_words) {
  const auto [earliest, latest] = event_bounds(event);
  std::string day;
  if (latest) {
    day = "by " + day_in_words(*latest);
  } else if (earliest) {
    day = "from " + day_in_words(*earliest);
  }
  if (day.empty() || date_words.find(day.substr(day.find(' ') + 1)) != std::string::npos) return "date uncertain";
  return "date uncertain: " + day;
}

std::optional<CalendarDays> calendar_days(const Event& event) {
  if (!event.date || !event.date->ok()) return std::nullopt;
  auto to_the_day = [](const EdtfPoint& point) {
    return point.kind == EdtfPoint::Kind::date &&
           (point.precision == EdtfPrecision::day || point.precision == EdtfPrecision::second);
  };
  if (!to_the_day(event.date->start()) || !to_the_day(event.date->end())) return std::nullopt;
  const auto first = event.date->earliest(), last = event.date->latest();
  if (!first || !last || *last < *first) return std::nullopt;
  const bool one_act = is_one_act(event);
  if (one_act && *last - *first >= date::days{7}) return std::nullopt;
  return CalendarDays{*first, *last, one_act};
}

CalendarBounds event_calendar_bounds(const Event& event) {
  CalendarBounds bounds;
  const EdtfPoint* start = event.date && event.date->start().kind == EdtfPoint::Kind::date ? &event.date->start() : nullptr;
  const EdtfPoint* end = event.date && event.date->end().kind == EdtfPoint::Kind::date ? &event.date->end() : nullptr;
  if (!event.inferred) {
    if (start) bounds.from = CalendarDay{start->earliest, start->precision};
    if (end) bounds.to = CalendarDay{end->latest, end->precision};
    return bounds;
  }
  if (event.inferred_earliest) {
    const bool stated = start && start->earliest == *event.inferred_earliest;
    bounds.from = CalendarDay{*event.inferred_earliest, stated ? start->precision : EdtfPrecision::day};
  }
  if (event.inferred_latest) {
    const bool stated = end && end->latest == *event.inferred_latest;
    bounds.to = CalendarDay{*event.inferred_latest, stated ? end->precision : EdtfPrecision::day};
  }
  return bounds;
}

// ---- An event's facts ----------------------------------------------------------

std::string_view actor_name(const Dataset& dataset, std::string_view id) {
  const Actor* actor = dataset.actor(id);
  return actor && !actor->name.empty() ? std::string_view(actor->name) : id;
}

std::vector<Fact> event_facts(const Event& event, const Dataset& dataset) {
  std::vector<Fact> facts;
  facts.reserve(1 + event.details.size());
  facts.push_back(Fact{{}, spaced(event.kind)});
  for (const Detail& detail : event.details) {
    if (detail.key == "status") {
      facts.push_back(Fact{{}, spaced(detail.value) + reported_words(event, dataset)});
    } else if (is_actor_detail(detail)) {
      facts.push_back(Fact{spaced(detail.key), std::string(actor_name(dataset, detail.value))});
    } else if (detail.type != DetailType::date) {
      facts.push_back(Fact{spaced(detail.key), std::string(detail.value)});
    } else if (const Edtf date = Edtf::parse(detail.value); date.ok()) {
      // Only a date field is parsed: a figure or text (most details) would fail as
      // free text and compose a help line for nothing.
      facts.push_back(Fact{spaced(detail.key), describe(date)});
    } else {
      facts.push_back(Fact{spaced(detail.key), std::string(detail.value)});
    }
  }
  return facts;
}

// ---- Links ---------------------------------------------------------------------

namespace {

struct LinkLabel {
  const char* one;
  const char* many;
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

void add_link(std::vector<LinkLine>& lines, LinkLabel label, const Event* other) {
  auto line = std::find_if(lines.begin(), lines.end(),
                           [&](const LinkLine& l) { return std::string_view(l.label_one) == label.one; });
  if (line == lines.end()) {
    lines.push_back(LinkLine{label.one, label.many, {}});
    line = lines.end() - 1;
  }
  if (std::find(line->events.begin(), line->events.end(), other) == line->events.end()) line->events.push_back(other);
}

}  // namespace

std::string_view arrow_words(LinkType type) {
  switch (type) {
    case LinkType::led_to: return "led to";
    case LinkType::response_to: return "response";
    case LinkType::before: return "before";
    case LinkType::after: return "after";
    case LinkType::during: return "during";
    case LinkType::part_of: return "part of";
  }
  return "linked to";
}

TimelineLinks::TimelineLinks(const Dataset& dataset) : dataset_(dataset) {
  for (const Event& event : dataset.events) {
    for (const Link& link : event.links) incoming_[link.target].push_back({link.type, &event});
  }
}

std::vector<LinkLine> TimelineLinks::lines(const Event& event) const {
  std::vector<LinkLine> lines;
  for (const Link& link : event.links) {
    if (const Event* target = dataset_.event(link.target)) add_link(lines, outgoing_label(link.type), target);
  }
  if (const auto it = incoming_.find(event.id); it != incoming_.end()) {
    for (const Backlink& back : it->second) add_link(lines, incoming_label(back.type), back.from);
  }
  return lines;
}

std::vector<const Event*> TimelineLinks::causes(const Event& event) const {
  std::vector<const Event*> out;
  auto add = [&](const Event* cause) {
    if (cause && std::find(out.begin(), out.end(), cause) == out.end()) out.push_back(cause);
  };
  for (const Link& link : event.links) {
    if (link.type == LinkType::response_to) add(dataset_.event(link.target));
  }
  if (const auto it = incoming_.find(event.id); it != incoming_.end()) {
    for (const Backlink& back : it->second) {
      if (back.type == LinkType::led_to) add(back.from);
    }
  }
  return out;
}

std::vector<Quotation> event_quotations(const Event& event, const Dataset& dataset) {
  std::vector<Quotation> out;
  for (const Citation& citation : event.citations) {
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Quotation& q) {
      return q.source_id == citation.source && q.paragraph == citation.paragraph;
    });
    if (seen) continue;
    const Source* source = dataset.source(citation.source);
    const bool placed = source && citation.paragraph >= 1 && citation.paragraph <= source->paragraphs.size();
    out.push_back(Quotation{placed ? std::string_view(source->paragraphs[citation.paragraph - 1]) : citation.quote,
                            citation.quote, citation.source, source, placed ? citation.paragraph : 0});
  }
  return out;
}

std::string citation_words(const Quotation& quotation) {
  if (!quotation.source) return "source " + std::string(quotation.source_id) + " is not in the registry";
  const Source& source = *quotation.source;
  return (source.publisher ? *source.publisher : std::string("Publisher not named")) + ", “" + source.title + "”, " +
         describe(source.published) + ", " +
         (quotation.paragraph ? "paragraph " + std::to_string(quotation.paragraph) : std::string("paragraph not found"));
}

std::vector<CausalLink> causal_links(const Dataset& dataset) {
  std::vector<CausalLink> out;
  for (const Event& event : dataset.events) {
    for (const Link& link : event.links) {
      const Event* other = dataset.event(link.target);
      if (!other) continue;
      if (link.type == LinkType::led_to) out.push_back(CausalLink{&event, other, link.type});
      if (link.type == LinkType::response_to) out.push_back(CausalLink{other, &event, link.type});
    }
  }
  return out;
}

// ---- The whole -----------------------------------------------------------------

namespace {

// "between 2023 and January 2024", "in December 2023", or "" with no dates at all.
std::string span_words(const Dataset& dataset) {
  std::optional<std::pair<date::sys_days, EdtfPrecision>> first, last;
  for (const Event& event : dataset.events) {
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
  return from == to ? "in " + from : "between " + from + " and " + to;
}

std::string sources_sentence(const Dataset& dataset) {
  const std::size_t total = dataset.sources.size();
  if (total == 0) return "It quotes no sources.";
  std::map<std::string, std::size_t> by_publisher;
  std::size_t unnamed = 0;
  for (const Source& source : dataset.sources) {
    if (source.publisher) {
      ++by_publisher[*source.publisher];
    } else {
      ++unnamed;
    }
  }
  std::string out = "It draws on " + counted(total, "source", "sources") + ", listed at the end with how each was dated";
  if (by_publisher.size() + (unnamed > 0 ? 1 : 0) == 1) {
    if (unnamed > 0) return out + (total == 1 ? ": its publisher is not named." : ": none names its publisher.");
    return out + (total == 1 ? ": it is from " : ": all are from ") + by_publisher.begin()->first + ".";
  }
  std::vector<std::string> parts;
  for (const auto& [publisher, n] : by_publisher) parts.push_back(count_words(n) + " from " + publisher);
  if (unnamed > 0) {
    parts.push_back(count_words(unnamed) + (unnamed == 1 ? " whose publisher is not named" : " whose publishers are not named"));
  }
  return out + ": " + joined(parts, ", ", " and ") + ".";
}

}  // namespace

std::vector<std::string> summary_sentences(const Dataset& dataset) {
  std::vector<std::string> sentences;
  if (!dataset.description.empty()) sentences.emplace_back(dataset.description);
  const std::size_t events = dataset.events.size();
  if (events == 0) {
    sentences.push_back("This timeline has no events yet.");
  } else {
    const std::string span = span_words(dataset);
    sentences.push_back("This timeline sets out " + counted(events, "event", "events") +
                        (span.empty() ? "" : " dated " + span) + ", each with the whole source paragraph that reports it.");
  }
  sentences.push_back(sources_sentence(dataset));
  if (events == 0) return sentences;

  std::size_t uncertain = 0, undated = 0;
  for (const Event& event : dataset.events) {
    undated += !event.placed_on;
    uncertain += placed_uncertainly(event);
  }
  std::string rule =
      "Events are filed under the month in which they started, in an order that never shows one above an event "
      "that led to it, that it responds to, that it came after, or that it happened during or as part of.";
  if (uncertain > 0) {
    rule += uncertain == 1 ? " The one whose start is not known to the month stands"
                           : " The " + count_words(uncertain) + " whose start is not known to the month stand";
    rule += " where those links and the last day on which " + std::string(uncertain == 1 ? "it" : "they") +
            " can have started put " + std::string(uncertain == 1 ? "it" : "them") + ", marked “date uncertain”.";
  }
  if (undated > 0) {
    rule += undated == 1 ? " One event has no date and comes last."
                         : " " + capitalised(count_words(undated)) + " events have no date and come last.";
  }
  sentences.push_back(rule);
  return sentences;
}

std::optional<date::sys_days> newest_publication(const Dataset& dataset) {
  std::optional<date::sys_days> newest;
  for (const Source& source : dataset.sources) {
    if (const auto day = source.published.latest(); day && (!newest || *day > *newest)) newest = day;
  }
  return newest;
}

std::unordered_map<std::string_view, std::size_t> events_citing(const Dataset& dataset) {
  std::unordered_map<std::string_view, std::size_t> citing;
  for (const Event& event : dataset.events) {
    std::vector<std::string_view> seen;
    for (const Citation& c : event.citations) {
      if (std::find(seen.begin(), seen.end(), c.source) != seen.end()) continue;
      seen.push_back(c.source);
      ++citing[c.source];
    }
  }
  return citing;
}

}  // namespace strikeline
