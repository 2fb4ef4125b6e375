#include "reason.h"

#include "flat_graph.h"
#include "schema.h"
#include "scratch.h"

#include <algorithm>
#include <numeric>
#include <deque>
#include <limits>
#include <queue>
#include <set>
#include <span>
#include <tuple>

namespace strikeline {

namespace {

// Days since 1970 in the date library's own width; the extremes stand for no bound.
using Day = date::days::rep;
constexpr Day kNoLower = std::numeric_limits<Day>::min();
constexpr Day kNoUpper = std::numeric_limits<Day>::max();
constexpr std::int32_t kSpan = -1;    // the constraint that an event starts before it ends
constexpr std::int32_t kOneDay = -2;  // and, for one act, that it ends on the day it starts
constexpr std::size_t kMostClashesReported = 20;

// One constraint, held in the row of its earlier variable: that variable ≤ `later`.
// Vertex 2i is event i's start, 2i + 1 its end.
struct Arc {
  std::uint32_t later = 0;
  std::int32_t edge = kSpan;  // index into DisputeGraph::edges(), or kSpan or kOneDay
};
using ConstraintGraph = Groups<Arc>;
std::uint32_t later_of(const Arc& arc) { return arc.later; }

std::uint32_t start_of(std::uint32_t event) { return 2 * event; }
std::uint32_t end_of(std::uint32_t event) { return 2 * event + 1; }

// An array of one reasoning's working memory (scratch.h).
template <typename T>
using Scratch = std::pmr::vector<T>;

std::string in_words(Day day) { return day_in_words(date::sys_days{date::days{day}}); }

// What the reasoner reads of each event, taken in one pass over the events: at a
// million of them, each pass is a read of some 300 MB.
struct Stated {
  explicit Stated(std::pmr::memory_resource* memory) : earliest(memory), latest(memory), reported(memory), one_act(memory) {}
  Scratch<Day> earliest, latest;  // what each event's date allows (see below)
  Scratch<Day> reported;          // see reported_by
  Scratch<bool> one_act;          // see schema.h is_one_act
};

Day reported_by(const Event& event, const Dataset& dataset);

// What each event's date allows, as the reasoner reads it: widened where the date
// is approximate or uncertain (reasoning_bounds), the one place that happens.
Stated stated_bounds(const Dataset& dataset, std::pmr::memory_resource* memory) {
  const std::size_t n = dataset.events.size();
  Stated s(memory);
  s.earliest.assign(n, kNoLower);
  s.latest.assign(n, kNoUpper);
  s.reported.resize(n);
  s.one_act.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Event& event = dataset.events[i];
    s.reported[i] = reported_by(event, dataset);
    s.one_act[i] = is_one_act(event);
    if (!event.date) continue;
    const Bounds b = reasoning_bounds(*event.date);
    if (b.earliest) s.earliest[i] = b.earliest->time_since_epoch().count();
    if (b.latest) s.latest[i] = b.latest->time_since_epoch().count();
  }
  return s;
}

// `day` moved by `months` whole months: to the first day of the month it lands in
// when `last` is false, to its last day when true (a bound of a month stays one).
date::sys_days shift_months(date::sys_days day, int months, bool last) {
  const date::year_month_day ymd(day);
  const date::year_month moved = date::year_month(ymd.year(), ymd.month()) + date::months(months);
  if (last) return date::sys_days(moved.year() / moved.month() / date::last);
  const date::year_month_day_last end(moved.year(), date::month_day_last(moved.month()));
  return date::sys_days(moved.year() / moved.month() / std::min(ymd.day(), end.day()));
}

// How far a qualified end of a date may lie from what it says: a week for a day,
// a month for a month or a season, a year for a year, ten years for a decade or a
// century. Applied to one side: the earliest day moves back, the latest forward.
date::sys_days widened(date::sys_days day, EdtfPrecision precision, bool later) {
  const int sign = later ? 1 : -1;
  switch (precision) {
    case EdtfPrecision::day:
    case EdtfPrecision::second: return day + date::days(7 * sign);
    case EdtfPrecision::season:
    case EdtfPrecision::month: return shift_months(day, sign, later);
    case EdtfPrecision::year: return shift_months(day, 12 * sign, later);
    case EdtfPrecision::decade:
    case EdtfPrecision::century: return shift_months(day, 120 * sign, later);
  }
  return day;
}

// The day by which the sources that report an event say it had begun: the latest
// day of the earliest publication among them (kNoUpper for none).
Day reported_by(const Event& event, const Dataset& dataset) {
  const Citation* c = earliest_report(event, dataset);
  return c ? dataset.source(c->source)->published.latest()->time_since_epoch().count() : kNoUpper;
}

std::string quoted_id(const Dataset& dataset, std::uint32_t event) { return "`" + std::string(dataset.events[event].id) + "`"; }

// What one constraint edge means, said about the events it joins.
std::string explain_edge(const Dataset& dataset, const Edge& edge) {
  const std::string from = quoted_id(dataset, edge.from), to = quoted_id(dataset, edge.to);
  switch (edge.type) {
    case LinkType::led_to: return from + " led to " + to + ", so it started no later";
    case LinkType::response_to: return to + " responds to " + from + ", so it started no earlier";
    case LinkType::before: return from + " came before " + to;
    case LinkType::after: return from + " came after " + to;
    case LinkType::during: return from + " happened during " + to;
    case LinkType::part_of: return from + " is part of " + to;
  }
  return from + " is linked to " + to;
}

void report_cycles(const Dataset& dataset, const DisputeGraph& graph, Diagnostics& diagnostics,
                   Scratch<bool>& excluded) {
  for (const std::vector<std::uint32_t>& cycle : graph.causal_cycles(excluded.get_allocator().resource())) {
    std::string chain = quoted_id(dataset, graph.edges()[cycle.front()].from);
    for (std::uint32_t e : cycle) chain += " → " + quoted_id(dataset, graph.edges()[e].to);
    const Edge& first = graph.edges()[cycle.front()];
    Diagnostic& d = diagnostics.error(Check::causal_cycle, first.link->where,
                                      cycle.size() == 1 ? "event " + quoted_id(dataset, first.from) + " causes itself"
                                                        : "causal cycle: " + chain);
    for (std::size_t i = 1; i < cycle.size(); ++i) {
      const Edge& edge = graph.edges()[cycle[i]];
      d.notes.push_back(Note{edge.link->where, explain_edge(dataset, edge)});
    }
    d.help = "a chain of causes cannot lead back to where it started: remove or reverse one of these links";
    for (std::uint32_t e : cycle) excluded[e] = true;
  }
}

void report_effects_before_causes(const Dataset& dataset, const DisputeGraph& graph, const Stated& stated,
                                  Diagnostics& diagnostics, Scratch<bool>& excluded) {
  for (std::uint32_t e = 0; e < graph.edges().size(); ++e) {
    const Edge& edge = graph.edges()[e];
    if (!edge.causal || excluded[e]) continue;
    const Day cause_earliest = stated.earliest[edge.from];
    const Day effect_latest = stated.latest[edge.to];
    if (cause_earliest == kNoLower || effect_latest == kNoUpper || effect_latest >= cause_earliest) continue;
    const Event& cause = dataset.events[edge.from];
    const Event& effect = dataset.events[edge.to];
    Diagnostic& d = diagnostics.error(Check::effect_before_cause, edge.link->where,
                                      "effect " + quoted_id(dataset, edge.to) + " is dated before its cause " +
                                          quoted_id(dataset, edge.from));
    // "dated 2 December 2023", or "dated December 2023, so no later than 31 December 2023".
    auto dated = [](const Event& event, Day bound, const char* side) {
      std::string text = "is dated " + describe(*event.date);
      if (event.date->earliest() != event.date->latest() || event.date->approximate() || event.date->uncertain()) {
        text += std::string(", so no ") + side + " than " + in_words(bound);
      }
      return text;
    };
    d.notes.push_back(Note{cause.at(cause.date_where), "the cause, " + quoted_id(dataset, edge.from) + ", " +
                                                 dated(cause, cause_earliest, "earlier")});
    d.notes.push_back(Note{effect.at(effect.date_where), "the effect, " + quoted_id(dataset, edge.to) + ", " +
                                                  dated(effect, effect_latest, "later")});
    d.help = "check both dates, and whether the link runs the other way";
    excluded[e] = true;
  }
}

// Every event starts before it ends (one act ends the day it starts), and each link
// not already reported as a contradiction orders the starts and ends it speaks of.
// Per event, whether it is one act (see schema.h is_one_act).
Scratch<bool> one_acts(const Dataset& dataset) {
  Scratch<bool> out(dataset.events.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = is_one_act(dataset.events[i]);
  return out;
}

ConstraintGraph constraint_graph(const DisputeGraph& graph, std::size_t n, const Scratch<bool>& excluded,
                                 const Scratch<bool>& one_act, std::pmr::memory_resource* memory) {
  return make_groups<Arc>(2 * n, [&](auto constrain) {
    auto add = [&](std::uint32_t earlier, std::uint32_t later, std::int32_t edge) {
      constrain(earlier, Arc{later, edge});
    };
    for (std::uint32_t i = 0; i < n; ++i) {
      add(start_of(i), end_of(i), kSpan);
      if (one_act[i]) add(end_of(i), start_of(i), kOneDay);
    }
    for (std::uint32_t e = 0; e < graph.edges().size(); ++e) {
      if (excluded[e]) continue;
      const Edge& edge = graph.edges()[e];
      const auto index = static_cast<std::int32_t>(e);
      if (edge.causal) {
        add(start_of(edge.from), start_of(edge.to), index);
        continue;
      }
      switch (edge.type) {
        case LinkType::before: add(end_of(edge.from), start_of(edge.to), index); break;
        case LinkType::after: add(end_of(edge.to), start_of(edge.from), index); break;
        case LinkType::during:
        case LinkType::part_of:
          add(start_of(edge.to), start_of(edge.from), index);
          add(end_of(edge.from), end_of(edge.to), index);
          break;
        default: break;
      }
    }
  }, memory);
}

struct Propagated {
  explicit Propagated(std::pmr::memory_resource* memory)
      : component(memory), lower(memory), upper(memory), lower_source(memory), upper_source(memory) {}
  Scratch<std::uint32_t> component;  // per variable
  Scratch<Day> lower, upper;         // per component
  // The variable whose stated day gives the bound: a start for a lower bound (its
  // date) and, for an upper one, an end (its date) or a start (its publication).
  Scratch<std::uint32_t> lower_source, upper_source;
};

// Whether a stated day gives a component a tighter bound than the one it has. A
// tighter day wins. On a tie the bound it has stands when it is the component's own
// (a date or publication of its events: what an event says of itself keeps the
// credit); otherwise a date wins over a publication, then the variable first in the
// files, so that where a bound came from does not depend on the order in which
// the components are visited.
bool tighter(bool upper, Day day, std::uint32_t source, Day than, std::uint32_t than_source, bool than_own) {
  if (day != than) return upper ? day < than : day > than;
  if (than_source == UINT32_MAX) return true;  // no bound yet
  if (than_own) return false;
  const bool publication = upper && source % 2 == 0, than_publication = upper && than_source % 2 == 0;
  return publication != than_publication ? !publication : source < than_source;
}

Propagated propagate(const ConstraintGraph& g, std::size_t variables, const Stated& stated,
                     std::pmr::memory_resource* memory) {
  Propagated p(memory);
  Components components = strong_components(g, later_of, memory);
  const std::uint32_t count = components.count();
  p.lower.assign(count, kNoLower);
  p.upper.assign(count, kNoUpper);
  p.lower_source.assign(count, UINT32_MAX);
  p.upper_source.assign(count, UINT32_MAX);
  // Within a component, its own dates and publications: the stated date bounds the
  // start from below and the end from above, and the sources that report an event
  // had it begun by the time they were published.
  auto own = [&](bool upper, std::uint32_t c, Day day, std::uint32_t v) {
    Day& bound = upper ? p.upper[c] : p.lower[c];
    std::uint32_t& source = upper ? p.upper_source[c] : p.lower_source[c];
    if (day != (upper ? kNoUpper : kNoLower) && tighter(upper, day, v, bound, source, false)) {
      bound = day;
      source = v;
    }
  };
  for (std::uint32_t v = 0; v < variables; ++v) {
    const std::uint32_t event = v / 2;
    const std::uint32_t c = components.of[v];
    if (v % 2 == 0) {
      own(false, c, stated.earliest[event], v);
      own(true, c, stated.reported[event], v);
    } else {
      own(true, c, stated.latest[event], v);
    }
  }
  // Then what links carry. Lower bounds flow along the constraints, so the
  // components are taken from the highest number down (each after all that lead to
  // it); upper bounds flow against them, from the lowest up.
  auto is_own = [&](std::uint32_t c, std::uint32_t source) {
    return source != UINT32_MAX && components.of[source] == c;
  };
  for (std::uint32_t c = count; c-- > 0;) {
    if (p.lower[c] == kNoLower) continue;
    for (std::uint32_t v : components.members[c]) {
      for (const Arc& arc : g[v]) {
        const std::uint32_t d = components.of[arc.later];
        if (d != c &&
            tighter(false, p.lower[c], p.lower_source[c], p.lower[d], p.lower_source[d], is_own(d, p.lower_source[d]))) {
          p.lower[d] = p.lower[c];
          p.lower_source[d] = p.lower_source[c];
        }
      }
    }
  }
  for (std::uint32_t c = 0; c < count; ++c) {
    for (std::uint32_t v : components.members[c]) {
      for (const Arc& arc : g[v]) {
        const std::uint32_t d = components.of[arc.later];
        if (d != c && p.upper[d] != kNoUpper &&
            tighter(true, p.upper[d], p.upper_source[d], p.upper[c], p.upper_source[c], is_own(c, p.upper_source[c]))) {
          p.upper[c] = p.upper[d];
          p.upper_source[c] = p.upper_source[d];
        }
      }
    }
  }
  p.component = std::move(components.of);
  return p;
}

// The fewest constraints that carry variable `from`'s lower bound to `to`, each with
// the variable it reaches.
std::vector<std::pair<std::int32_t, std::uint32_t>> shortest_chain(const ConstraintGraph& g, std::size_t variables,
                                                                   std::uint32_t from, std::uint32_t to) {
  std::vector<std::int64_t> via_vertex(variables, -1);
  std::vector<std::int32_t> via_edge(variables, kSpan);
  std::deque<std::uint32_t> queue{from};
  via_vertex[from] = from;
  while (!queue.empty() && via_vertex[to] < 0) {
    const std::uint32_t v = queue.front();
    queue.pop_front();
    for (const Arc& arc : g[v]) {
      const std::uint32_t w = arc.later;
      if (via_vertex[w] >= 0) continue;
      via_vertex[w] = v;
      via_edge[w] = arc.edge;
      queue.push_back(w);
    }
  }
  std::vector<std::pair<std::int32_t, std::uint32_t>> chain;
  if (via_vertex[to] < 0) return chain;
  for (std::uint32_t v = to; v != from; v = static_cast<std::uint32_t>(via_vertex[v])) {
    chain.emplace_back(via_edge[v], v);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

void report_clashes(const Dataset& dataset, const DisputeGraph& graph, const ConstraintGraph& g,
                    std::size_t variables, const Propagated& p, const Stated& stated, Diagnostics& diagnostics) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> reported;
  for (std::uint32_t c = 0; c < p.lower.size() && reported.size() < kMostClashesReported; ++c) {
    if (p.lower[c] <= p.upper[c]) continue;
    const std::uint32_t from = p.lower_source[c], to = p.upper_source[c];
    if (!reported.emplace(from, to).second) continue;
    const auto chain = shortest_chain(g, variables, from, to);
    const Event& first = dataset.events[from / 2];
    const Event& last = dataset.events[to / 2];
    std::vector<Note> steps;
    for (const auto& [e, reached] : chain) {
      if (e >= 0) {
        const Edge& edge = graph.edges()[static_cast<std::uint32_t>(e)];
        steps.push_back(Note{edge.link->where, explain_edge(dataset, edge)});
      } else if (e == kOneDay) {
        const Event& act = dataset.events[reached / 2];
        steps.push_back(Note{act.where, quoted_id(dataset, reached / 2) + " (kind `" + std::string(act.kind) +
                                            "`) is one act: it ends on the day it starts"});
      }
    }
    Location where = steps.empty() ? first.at(first.date_where) : steps.front().where;
    Diagnostic& d = diagnostics.error(Check::impossible_dates, where, "these dates and links cannot all hold");
    d.notes.push_back(Note{first.at(first.date_where), quoted_id(dataset, from / 2) + " starts no earlier than " +
                                                 in_words(stated.earliest[from / 2]) + " (its date, " +
                                                 first.date->text() + ")"});
    for (Note& step : steps) d.notes.push_back(std::move(step));
    if (to % 2 == 1) {
      d.notes.push_back(Note{last.at(last.date_where), quoted_id(dataset, to / 2) + " ends no later than " +
                                                  in_words(stated.latest[to / 2]) + " (its date, " +
                                                  last.date->text() + ")"});
    } else {
      const Citation* report = earliest_report(last, dataset);
      d.notes.push_back(Note{last.at(report->source_where),
                             quoted_id(dataset, to / 2) + " had begun by " + in_words(stated.reported[to / 2]) +
                                 ", when `" + std::string(report->source) + "`, which reports it, was published"});
    }
    d.help = "one of these dates or links is wrong; this is the shortest chain of them that clashes";
  }
}

// What each event must come before in the timeline: its effects, what it is
// linked `before` (or what is linked `after` it), and what happened `during` it or
// is `part-of` it (the container starts no later). Links already reported as
// contradictions and links of an event to itself order nothing.
Groups<> ordering_successors(const DisputeGraph& graph, std::size_t n, const Scratch<bool>& excluded,
                             std::pmr::memory_resource* memory) {
  return make_groups(n, [&](auto add) {
    for (std::uint32_t e = 0; e < graph.edges().size(); ++e) {
      const Edge& edge = graph.edges()[e];
      if (excluded[e] || edge.from == edge.to) continue;
      if (edge.causal) {
        add(edge.from, edge.to);
        continue;
      }
      switch (edge.type) {
        case LinkType::before: add(edge.from, edge.to); break;
        case LinkType::after: add(edge.to, edge.from); break;
        case LinkType::during:
        case LinkType::part_of: add(edge.to, edge.from); break;
        default: break;
      }
    }
  }, memory);
}

// Orders events so that no event comes above one it must follow (see
// ordering_successors), and sets the day each is placed on, which decides its
// section in the Markdown timeline:
//
// - An event whose stated start is a day or a month (`2023-12-05`,
//   `2023-12-01/2023-12-21`, `2023-12~`, `2023-05-02/2023-09-27`) is placed on the
//   first day of that start, or on the nearest day its links allow.
// - Any other (a start known only to the year or season, an unknown or open start,
//   no date) is placed on the last day on which it can have started, or, when
//   nothing bounds its start from above, on the first.
// - No event is placed later than an event it must come before: an event of
//   unknown start that led to a strike on 1 December is placed on 1 December, just
//   above it. Nor earlier than one it must follow (this matters only when the
//   data contradicts itself).
//
// So the day placed on never decreases down the timeline, and each month's events
// form one run. Then Kahn's algorithm over the components of the ordering links,
// with these keys as priority: day placed on, known starts before unknown ones,
// latest day, the date as written, position in the files. Events about which
// nothing at all is known come last. O(V + E log V).
void timeline(const Dataset& dataset, const DisputeGraph& graph, const std::pmr::vector<Bounds>& inferred,
              const Scratch<Day>& latest_start, const Scratch<bool>& excluded,
              std::pmr::vector<std::optional<date::sys_days>>& placed_on, std::pmr::vector<std::uint32_t>& order,
              std::pmr::memory_resource* memory) {
  const std::size_t n = dataset.events.size();
  const Groups<> successors = ordering_successors(graph, n, excluded, memory);
  // Links that order events in a circle (`a during b` and `a led-to b`, which hold
  // together only if both start on one day) cannot all be shown in order; the
  // rest can.
  const Components components = strong_components(successors, [](std::uint32_t v) { return v; }, memory);
  const std::uint32_t count = components.count();
  const Scratch<std::uint32_t>& component = components.of;

  // Kept small (16 bytes): one is held per event. The date's text, compared only
  // when the days tie, is read from the event.
  struct Key {
    Day anchor;
    Day latest;
    bool nothing_known;
    bool start_unknown;
    std::uint32_t order;
  };
  Scratch<Key> keys(n, memory);

  // The day each component is placed on: its own events' days, then no later than
  // any component after it (taken sinks first), then no earlier than any before it.
  // The keys take what they need of each event in the same pass, which at a
  // million events is one read of them rather than two.
  Scratch<Day> placed(count, kNoUpper, memory);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Bounds& b = inferred[i];
    keys[i].latest = b.latest ? b.latest->time_since_epoch().count() : kNoUpper;
    keys[i].start_unknown = !b.earliest;
    keys[i].order = dataset.events[i].order;
    const Day earliest = b.earliest ? b.earliest->time_since_epoch().count() : kNoLower;
    const auto& date = dataset.events[i].date;
    Day nominal = kNoUpper;
    if (date && date->start().kind == EdtfPoint::Kind::date &&
        (date->start().precision == EdtfPrecision::month || date->start().precision == EdtfPrecision::day ||
         date->start().precision == EdtfPrecision::second)) {
      nominal = date->start().earliest.time_since_epoch().count();
    }
    Day day = std::min(nominal, latest_start[i]);
    if (day == kNoUpper) {
      day = earliest == kNoLower ? kNoUpper : earliest;
    } else {
      day = std::max(day, earliest);
    }
    placed[component[i]] = std::min(placed[component[i]], day);
  }
  const Groups<>& members = components.members;
  for (std::uint32_t c = 0; c < count; ++c) {
    for (std::uint32_t v : members[c]) {
      for (std::uint32_t w : successors[v]) placed[c] = std::min(placed[c], placed[component[w]]);
    }
  }
  for (std::uint32_t c = count; c-- > 0;) {
    for (std::uint32_t v : members[c]) {
      for (std::uint32_t w : successors[v]) placed[component[w]] = std::max(placed[component[w]], placed[c]);
    }
  }

  placed_on.assign(n, std::nullopt);
  for (std::uint32_t i = 0; i < n; ++i) {
    const Day anchor = placed[component[i]];
    keys[i].anchor = anchor;
    keys[i].nothing_known = anchor == kNoUpper;
    if (anchor != kNoUpper) placed_on[i] = date::sys_days{date::days{anchor}};
  }
  auto text = [&](std::uint32_t i) {
    return dataset.events[i].date ? std::string_view(dataset.events[i].date->text()) : std::string_view();
  };
  auto compare = [&](std::uint32_t a, std::uint32_t b) {
    const Key& x = keys[a];
    const Key& y = keys[b];
    if (auto c = std::tie(x.nothing_known, x.anchor, x.start_unknown, x.latest) <=>
                 std::tie(y.nothing_known, y.anchor, y.start_unknown, y.latest);
        c != 0) {
      return c;
    }
    if (auto c = text(a) <=> text(b); c != 0) return c;
    return x.order <=> y.order;
  };
  // Links inside a component are left out: they go round in a circle, and the
  // events of a component share the day they are placed on.
  Scratch<std::uint32_t> indegree(n, 0, memory);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::uint32_t w : successors[v]) indegree[w] += component[w] != component[v];
  }
  auto later = [&](std::uint32_t a, std::uint32_t b) { return compare(a, b) > 0; };
  std::priority_queue<std::uint32_t, Scratch<std::uint32_t>, decltype(later)> ready(later, Scratch<std::uint32_t>(memory));
  for (std::uint32_t i = 0; i < n; ++i) {
    if (indegree[i] == 0) ready.push(i);
  }
  order.clear();
  order.reserve(n);
  while (!ready.empty()) {
    const std::uint32_t i = ready.top();
    ready.pop();
    order.push_back(i);
    for (std::uint32_t next : successors[i]) {
      if (component[next] != component[i] && --indegree[next] == 0) ready.push(next);
    }
  }
}

// The link as seen from event `i`, one of its ends.
BoundOrigin link_origin(const Edge& edge, std::uint32_t i) {
  const std::uint32_t owner = edge.type == LinkType::response_to ? edge.to : edge.from;
  const std::uint32_t other = owner == edge.from ? edge.to : edge.from;
  BoundOrigin origin;
  origin.event = (owner == i ? other : owner) & 0x3FFFFFFu;
  origin.by = owner == i ? BoundOrigin::By::link_here : BoundOrigin::By::link_there;
  origin.type = edge.type;
  return origin;
}

// Where each event's bounds came from: its own date or publication; else a link of
// its own by which the bound reached it (found in one pass over the constraints,
// so that propagation need not keep one per component); else the date or
// publication of the event the bound started from.
void find_origins(const ConstraintGraph& g, const DisputeGraph& graph, const Propagated& p, std::size_t n,
                  std::pmr::vector<BoundOrigin>& earliest_from, std::pmr::vector<BoundOrigin>& latest_from) {
  earliest_from.assign(n, BoundOrigin{});
  latest_from.assign(n, BoundOrigin{});
  // A start gives a lower bound by its date and an upper one by its publication; an
  // end gives only an upper bound, by its date.
  auto stated = [](std::uint32_t source, bool upper) {
    BoundOrigin origin;
    origin.event = (source / 2) & 0x3FFFFFFu;
    origin.by = upper && source % 2 == 0 ? BoundOrigin::By::publication : BoundOrigin::By::date;
    return origin;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t first = p.component[start_of(i)], last = p.component[end_of(i)];
    if (p.lower[first] != kNoLower) earliest_from[i] = stated(p.lower_source[first], false);
    if (p.upper[last] != kNoUpper) latest_from[i] = stated(p.upper_source[last], true);
  }
  // A constraint u ≤ v carried a bound when both ends have it from the same day of
  // the same event: a lower bound into v's event, an upper one into u's.
  const auto count = static_cast<std::uint32_t>(g.size());
  for (std::uint32_t u = 0; u < count; ++u) {
    for (const Arc& arc : g[u]) {
      const std::int32_t e = arc.edge;
      const std::uint32_t v = arc.later;
      const std::uint32_t cu = p.component[u], cv = p.component[v];
      if (e < 0 || cu == cv) continue;
      const Edge& edge = graph.edges()[static_cast<std::uint32_t>(e)];
      const std::uint32_t to = v / 2, from = u / 2;
      if (cv == p.component[start_of(to)] && p.lower[cv] != kNoLower && p.lower_source[cv] / 2 != to &&
          p.lower[cu] == p.lower[cv] && p.lower_source[cu] == p.lower_source[cv] &&
          earliest_from[to].by != BoundOrigin::By::link_here && earliest_from[to].by != BoundOrigin::By::link_there) {
        earliest_from[to] = link_origin(edge, to);
      }
      if (cu == p.component[end_of(from)] && p.upper[cu] != kNoUpper && p.upper_source[cu] / 2 != from &&
          p.upper[cu] == p.upper[cv] && p.upper_source[cu] == p.upper_source[cv] &&
          latest_from[from].by != BoundOrigin::By::link_here && latest_from[from].by != BoundOrigin::By::link_there) {
        latest_from[from] = link_origin(edge, from);
      }
    }
  }
}

}  // namespace

Reasoning reason(const Dataset& dataset, const DisputeGraph& graph, Diagnostics& diagnostics, bool in_timeline_order,
                 std::pmr::memory_resource* scratch) {
  const std::size_t n = dataset.events.size();
  // What the reasoning works with, at most about this much at once, is given back
  // whole when it returns; on small pages, since a command reasons once and its peak
  // matters more than the faults (the editor's engine passes huge pages in).
  ScratchMemory own_scratch(scratch ? 0 : 48 * n + 32 * graph.edges().size());
  std::pmr::memory_resource* memory = scratch ? scratch : &own_scratch;
  const Stated stated = stated_bounds(dataset, memory);
  Scratch<bool> excluded(graph.edges().size(), false, memory);  // links already reported as contradictions
  report_cycles(dataset, graph, diagnostics, excluded);
  report_effects_before_causes(dataset, graph, stated, diagnostics, excluded);

  // The constraint graph and what propagation finds are let go before the
  // timeline is ordered: for a large dataset they are the larger part.
  Reasoning result(scratch ? scratch : std::pmr::get_default_resource());
  result.inferred.resize(n);
  Scratch<Day> latest_start(in_timeline_order ? n : 0, memory);  // only the timeline reads it
  {
    const std::size_t variables = 2 * n;
    const ConstraintGraph g = constraint_graph(graph, n, excluded, stated.one_act, memory);
    const Propagated p = propagate(g, variables, stated, memory);
    report_clashes(dataset, graph, g, variables, p, stated, diagnostics);
    for (std::uint32_t i = 0; i < n; ++i) {
      const Day lower = p.lower[p.component[start_of(i)]];
      const Day upper = p.upper[p.component[end_of(i)]];
      if (lower != kNoLower) result.inferred[i].earliest = date::sys_days{date::days{lower}};
      if (upper != kNoUpper) result.inferred[i].latest = date::sys_days{date::days{upper}};
      if (in_timeline_order) latest_start[i] = p.upper[p.component[start_of(i)]];
    }
    find_origins(g, graph, p, n, result.earliest_from, result.latest_from);
  }
  if (in_timeline_order) {
    timeline(dataset, graph, result.inferred, latest_start, excluded, result.placed, result.order, memory);
  } else {
    result.order.resize(n);
    std::iota(result.order.begin(), result.order.end(), 0u);
  }

  return result;
}

Bounds reasoning_bounds(const Edtf& date) {
  Bounds b{date.earliest(), date.latest()};
  const EdtfPoint& start = date.start();
  const EdtfPoint& end = date.end();
  if (b.earliest && start.kind == EdtfPoint::Kind::date && (start.approximate || start.uncertain)) {
    b.earliest = widened(*b.earliest, start.precision, false);
  }
  if (b.latest && end.kind == EdtfPoint::Kind::date && (end.approximate || end.uncertain)) {
    b.latest = widened(*b.latest, end.precision, true);
  }
  return b;
}

void carry_reasoning(const Event& from, Event& to) {
  to.inferred = from.inferred;
  to.inferred_earliest = from.inferred_earliest;
  to.inferred_latest = from.inferred_latest;
  to.earliest_from = from.earliest_from;
  to.latest_from = from.latest_from;
  to.placed_on = from.placed_on;
}

void apply(Dataset& dataset, const Reasoning& reasoning) {
  // In the order they are (an editor's), nothing moves, and the index stands.
  bool in_place = true;
  for (std::uint32_t k = 0; k < reasoning.order.size() && in_place; ++k) in_place = reasoning.order[k] == k;
  // Origins name events by their place in the timeline, as the events will be.
  std::vector<std::uint32_t> placed_at(in_place ? 0 : reasoning.order.size());
  for (std::uint32_t k = 0; k < placed_at.size(); ++k) placed_at[reasoning.order[k]] = k;
  auto placed = [&](BoundOrigin origin) {
    if (!in_place && origin.by != BoundOrigin::By::nothing) origin.event = placed_at[origin.event] & 0x3FFFFFFu;
    return origin;
  };
  for (std::size_t i = 0; i < dataset.events.size(); ++i) {
    Event& event = dataset.events[i];
    const Bounds& bounds = reasoning.inferred[i];
    const Bounds stated = event.date ? reasoning_bounds(*event.date) : Bounds{};
    event.inferred = !(bounds == stated);
    event.inferred_earliest = bounds.earliest;
    event.inferred_latest = bounds.latest;
    event.placed_on = i < reasoning.placed.size() ? reasoning.placed[i] : std::nullopt;
    if (i < reasoning.earliest_from.size()) {
      event.earliest_from = placed(reasoning.earliest_from[i]);
      event.latest_from = placed(reasoning.latest_from[i]);
    }
  }
  if (in_place) return;
  // Permuted in place, cycle by cycle: a second array of events would double the
  // memory of a large dataset for a moment.
  std::vector<std::uint32_t> order(reasoning.order.begin(), reasoning.order.end());  // order[k]: the event at k
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (order[k] == k) continue;
    Event held = std::move(dataset.events[k]);
    std::size_t position = k;
    while (order[position] != k) {
      const std::size_t from = order[position];
      dataset.events[position] = std::move(dataset.events[from]);
      order[position] = static_cast<std::uint32_t>(position);
      position = from;
    }
    dataset.events[position] = std::move(held);
    order[position] = static_cast<std::uint32_t>(position);
  }
  dataset.reindex();
}

const Citation* earliest_report(const Event& event, const Dataset& dataset) {
  if (is_future_facing(event)) return nullptr;
  // A source published before the event's own date begins reported it in advance
  // (members "have until October 9 to vote"), so it says nothing of when it began.
  const auto stated_start = event.date ? event.date->earliest() : std::nullopt;
  const Citation* best = nullptr;
  std::optional<date::sys_days> best_day;
  for (const Citation& c : event.citations) {
    const Source* source = dataset.source(c.source);
    if (!source || !source->published.ok()) continue;
    if (source->published.approximate() || source->published.uncertain()) continue;
    const auto day = source->published.latest();
    if (!day || (stated_start && *day < *stated_start)) continue;
    if (!best_day || *day < *best_day) {
      best = &c;
      best_day = day;
    }
  }
  return best;
}

bool known_before(const Event& a, const Event& b) {
  if (a.inferred_latest && b.inferred_earliest && *a.inferred_latest < *b.inferred_earliest) return true;
  const auto links_to = [](const Event& from, const Event& to, LinkType type) {
    return std::any_of(from.links.begin(), from.links.end(),
                       [&](const Link& l) { return l.target == to.id && l.type == type; });
  };
  return links_to(a, b, LinkType::led_to) || links_to(a, b, LinkType::before) ||
         links_to(b, a, LinkType::response_to) || links_to(b, a, LinkType::after);
}

std::vector<Constraint> order_constraints(const Dataset& dataset, const DisputeGraph& graph) {
  const ConstraintGraph g =
      constraint_graph(graph, graph.size(), Scratch<bool>(graph.edges().size(), false), one_acts(dataset),
                       std::pmr::get_default_resource());
  std::vector<Constraint> out;
  out.reserve(g.items.size());
  for (std::uint32_t u = 0; u < g.size(); ++u) {
    for (const Arc& arc : g[u]) out.push_back(Constraint{u, arc.later, arc.edge});
  }
  return out;
}

}  // namespace strikeline
