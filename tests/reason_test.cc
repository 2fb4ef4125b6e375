// The link and reason stages on small datasets built in memory.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "graph.h"
#include "query.h"
#include "reason.h"

namespace strikeline {
namespace {

struct Builder {
  Dataset dataset;

  Builder& event(const std::string& id, const std::string& date,
                 std::vector<std::pair<LinkType, std::string>> links = {}) {
    Arena& arena = dataset.arena();
    Event e;
    e.id = arena.keep(id);
    e.kind = "preparation";  // a kind that may last; see kind()
    e.title = e.id;
    if (!date.empty()) e.date = Edtf::parse(date);
    std::vector<Link> kept;
    for (auto& [type, target] : links) kept.push_back(Link{type, arena.keep(target), {}});
    e.links = arena.keep(kept);
    e.order = static_cast<std::uint32_t>(dataset.events.size());
    dataset.events.push_back(std::move(e));
    return *this;
  }

  // Sets the kind of the event added last.
  Builder& kind(const std::string& k) {
    dataset.events.back().kind = dataset.arena().keep(k);
    return *this;
  }

  // Gives the event added last a status.
  Builder& status(const std::string& value) {
    Arena& arena = dataset.arena();
    const std::vector<Detail> details{Detail{"status", arena.keep(value), {}, DetailType::text, nullptr}};
    dataset.events.back().details = arena.keep(details);
    return *this;
  }

  // Adds a source published on `published` that reports the event added last.
  Builder& reported(const std::string& source, const std::string& published) {
    if (!dataset.source(source) && std::none_of(dataset.sources.begin(), dataset.sources.end(),
                                                [&](const Source& s) { return s.id == source; })) {
      Source s;
      s.id = source;
      s.published = Edtf::parse(published);
      dataset.sources.push_back(std::move(s));
    }
    Arena& arena = dataset.arena();
    Event& e = dataset.events.back();
    std::vector<Citation> citations(e.citations.begin(), e.citations.end());
    citations.push_back(Citation{arena.keep(source), "quote", 1, {}, {}});
    e.citations = arena.keep(citations);
    return *this;
  }

  Dataset done() {
    dataset.reindex();
    return std::move(dataset);
  }
};

std::string day(const std::optional<date::sys_days>& d) { return d ? iso_day(*d) : "none"; }

struct Analysed {
  Dataset dataset;
  Diagnostics diagnostics;
};

Analysed analyse(Dataset dataset) {
  Analysed a;
  a.dataset = std::move(dataset);
  const DisputeGraph graph(a.dataset);
  apply(a.dataset, reason(a.dataset, graph, a.diagnostics));
  return a;
}

TEST_CASE("an undated event linked between two dated events gets the bounds between them") {
  Analysed a = analyse(Builder()
                           .event("talks-collapse", "2023-12-01", {{LinkType::before, "dates-set"}})
                           .event("dates-set", "", {{LinkType::before, "strike"}})
                           .event("strike", "2023-12-05")
                           .done());
  CHECK(a.diagnostics.all().empty());
  const Event* set = a.dataset.event("dates-set");
  REQUIRE(set);
  CHECK(set->inferred);
  CHECK(day(set->inferred_earliest) == "2023-12-01");
  CHECK(day(set->inferred_latest) == "2023-12-05");
  CHECK(a.dataset.events[1].id == "dates-set");  // and it sits between them
}

TEST_CASE("each link type bounds dates the way the README says") {
  struct Row {
    const char* name;
    LinkType type;
    const char* linked_date;  // the other event's date
    const char* earliest;     // what the undated event's bounds become
    const char* latest;
  };
  const Row rows[] = {
      // The undated event `x` links to `y`.
      {"x led to y: x starts no later than y starts", LinkType::led_to, "2023-12-10", "none", "none"},
      {"x responds to y: x starts no earlier than y", LinkType::response_to, "2023-12-10", "2023-12-10", "none"},
      {"x before y: x ends no later than y starts", LinkType::before, "2023-12-10", "none", "2023-12-10"},
      // An interval may be when something happened at some point, not how long it
      // lasted: y may have ended on the 10th, so that is all `after` can promise.
      {"x after y: x starts no earlier than y ends", LinkType::after, "2023-12-10/2023-12-12", "2023-12-10", "none"},
      {"x during y: inside y", LinkType::during, "2023-12-10/2023-12-12", "2023-12-10", "2023-12-12"},
      {"x part of y: inside y", LinkType::part_of, "2023-12", "2023-12-01", "2023-12-31"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Analysed a = analyse(Builder().event("x", "", {{row.type, "y"}}).event("y", row.linked_date).done());
    CHECK(a.diagnostics.all().empty());
    const Event* x = a.dataset.event("x");
    CHECK(day(x->inferred_earliest) == row.earliest);
    CHECK(day(x->inferred_latest) == row.latest);
  }
}

TEST_CASE("bounds travel along chains of links in one pass, and stated dates are never widened") {
  Builder b;
  b.event("e0", "2023-01-01", {{LinkType::before, "e1"}});
  for (int i = 1; i < 50; ++i) b.event("e" + std::to_string(i), "", {{LinkType::before, "e" + std::to_string(i + 1)}});
  b.event("e50", "2023-02-01");
  b.event("wide", "2023", {{LinkType::during, "e50"}});
  Analysed a = analyse(b.done());
  CHECK(a.diagnostics.all().empty());
  for (int i = 1; i < 50; ++i) {
    const Event* e = a.dataset.event("e" + std::to_string(i));
    CHECK(day(e->inferred_earliest) == "2023-01-01");
    CHECK(day(e->inferred_latest) == "2023-02-01");
  }
  const Event* wide = a.dataset.event("wide");
  CHECK(day(wide->inferred_earliest) == "2023-02-01");  // during a one-day event: that day
  CHECK(day(wide->inferred_latest) == "2023-02-01");
}

TEST_CASE("a cause is never placed after its effect, whatever the dates of others say") {
  Analysed a = analyse(Builder()
                           .event("effect", "2023-12-20/2023-12-21")
                           .event("cause", "/2023-12-21", {{LinkType::led_to, "effect"}})
                           .event("other", "2023-12-20")
                           .done());
  std::vector<std::string> order;
  for (const Event& e : a.dataset.events) order.emplace_back(e.id);
  const auto at = [&](const char* id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
  CHECK(at("cause") < at("effect"));
}

TEST_CASE("the order of two events is known from their bounds or from a link, else not") {
  Analysed a = analyse(Builder()
                           .event("first", "2023-12-01")
                           .event("overlapping", "2023-12")
                           .event("later", "2024-01-05")
                           .event("linked", "2024-01", {{LinkType::after, "later"}})
                           .done());
  const auto& d = a.dataset;
  CHECK(known_before(*d.event("first"), *d.event("later")));             // by dates
  CHECK_FALSE(known_before(*d.event("first"), *d.event("overlapping")));  // December may include the 1st
  CHECK_FALSE(known_before(*d.event("overlapping"), *d.event("first")));
  CHECK(known_before(*d.event("later"), *d.event("linked")));            // by its link
  CHECK_FALSE(known_before(*d.event("linked"), *d.event("later")));
}

TEST_CASE("contradictions are reported with every link involved") {
  SUBCASE("a causal cycle, as the chain that closes it") {
    Analysed a = analyse(Builder()
                             .event("a", "", {{LinkType::led_to, "b"}})
                             .event("b", "", {{LinkType::led_to, "c"}})
                             .event("c", "", {{LinkType::led_to, "a"}})
                             .done());
    REQUIRE(a.diagnostics.all().size() == 1);
    const Diagnostic& d = a.diagnostics.all()[0];
    CHECK(d.check == Check::causal_cycle);
    CHECK(d.message == "causal cycle: `a` → `b` → `c` → `a`");
    CHECK(d.notes.size() == 2);
  }
  SUBCASE("a response to itself") {
    Analysed a = analyse(Builder().event("a", "", {{LinkType::response_to, "a"}}).done());
    REQUIRE(a.diagnostics.all().size() == 1);
    CHECK(a.diagnostics.all()[0].message == "event `a` causes itself");
  }
  SUBCASE("an effect dated before its cause") {
    Analysed a = analyse(
        Builder().event("cause", "2023-12-20").event("effect", "2023-12", {{LinkType::response_to, "cause"}}).done());
    CHECK(a.diagnostics.all().empty());  // December includes days after the 20th: possible
    Analysed b = analyse(
        Builder().event("cause", "2023-12-20").event("effect", "2023-11", {{LinkType::response_to, "cause"}}).done());
    REQUIRE(b.diagnostics.all().size() == 1);
    CHECK(b.diagnostics.all()[0].check == Check::effect_before_cause);
    CHECK(b.diagnostics.all()[0].message == "effect `effect` is dated before its cause `cause`");
    // Around a day: possible within a week of it, and the note says how far it reaches.
    Analysed c = analyse(
        Builder().event("cause", "2023-12-10").event("effect", "2023-12-08~", {{LinkType::response_to, "cause"}}).done());
    CHECK(c.diagnostics.all().empty());
    Analysed d = analyse(
        Builder().event("cause", "2023-12-10").event("effect", "2023-12-01~", {{LinkType::response_to, "cause"}}).done());
    REQUIRE(d.diagnostics.all().size() == 1);
    CHECK(d.diagnostics.all()[0].check == Check::effect_before_cause);
    REQUIRE(d.diagnostics.all()[0].notes.size() == 2);
    CHECK(d.diagnostics.all()[0].notes[1].message ==
          "the effect, `effect`, is dated around 1 December 2023, so no later than 8 December 2023");
  }
  SUBCASE("temporal links that cannot hold with the dates, as the shortest chain") {
    Analysed a = analyse(Builder()
                             .event("a", "2023-12-20", {{LinkType::before, "b"}, {LinkType::before, "d"}})
                             .event("b", "", {{LinkType::before, "c"}})
                             .event("c", "", {{LinkType::before, "d"}})
                             .event("d", "2023-12-05")
                             .done());
    REQUIRE(a.diagnostics.all().size() == 1);
    const Diagnostic& d = a.diagnostics.all()[0];
    CHECK(d.check == Check::impossible_dates);
    REQUIRE(d.notes.size() == 3);  // a's date, the direct link a before d, d's date
    CHECK(d.notes[1].message == "`a` came before `d`");
  }
}

TEST_CASE("the graph answers what led to an event and what it led to, with chains") {
  Dataset dataset = Builder()
                        .event("offer", "", {{LinkType::led_to, "collapse"}})
                        .event("collapse", "", {{LinkType::led_to, "dates-set"}})
                        .event("dates-set", "", {{LinkType::led_to, "strike"}})
                        .event("strike", "")
                        .event("statement", "", {{LinkType::response_to, "strike"}})
                        .event("unrelated", "")
                        .done();
  const DisputeGraph graph(dataset);
  const auto causes = graph.all_causes(3);  // strike
  REQUIRE(causes.size() == 3);
  CHECK(dataset.events[causes[0].event].id == "dates-set");  // nearest first
  CHECK(causes[0].links == 1);
  CHECK(graph.edges()[causes[0].via].to == 3);  // one step, straight to the strike
  CHECK(dataset.events[causes[2].event].id == "offer");
  CHECK(causes[2].links == 3);
  CHECK(dataset.events[graph.edges()[causes[2].via].to].id == "collapse");  // the rest is collapse's own entry
  const auto effects = graph.all_effects(0);  // offer
  REQUIRE(effects.size() == 4);
  CHECK(dataset.events[effects.back().event].id == "statement");
  const auto path = graph.causal_path(0, 4);
  REQUIRE(path.has_value());
  CHECK(path->size() == 4);
  CHECK_FALSE(graph.causal_path(4, 0).has_value());
  CHECK_FALSE(graph.causal_path(0, 5).has_value());
  CHECK(graph.causal_cycles().empty());
}

TEST_CASE("approximate and uncertain ends widen for reasoning, by a margin that grows with precision") {
  struct Row {
    const char* date;
    const char* earliest;  // what the reasoner reads
    const char* latest;
  };
  const Row rows[] = {
      {"2022-11-08", "2022-11-08", "2022-11-08"},           // unqualified: its own bounds
      {"2022-11-08~", "2022-11-01", "2022-11-15"},          // a day: a week each way
      {"2022-11-08?", "2022-11-01", "2022-11-15"},          // uncertain widens like approximate
      {"2022-11-08%", "2022-11-01", "2022-11-15"},          // both: the same margin, not twice it
      {"2023-01-31~", "2023-01-24", "2023-02-07"},          // across a month's end
      {"2023-12~", "2023-11-01", "2024-01-31"},             // a month: a month each way
      {"2023-12?", "2023-11-01", "2024-01-31"},
      {"2024-01~", "2023-12-01", "2024-02-29"},             // to the end of a leap February
      {"2023-21~", "2023-02-01", "2023-06-30"},             // a season (spring): a month each way
      {"2023~", "2022-01-01", "2024-12-31"},                // a year: a year each way
      {"2023-12-XX", "2023-12-01", "2023-12-31"},           // unspecified is not qualified
      {"2023-12-10~/2023-12-21", "2023-12-03", "2023-12-21"},  // only the qualified end moves
      {"2023-12-10/2023-12-21?", "2023-12-10", "2023-12-28"},
      {"/2023-12-21~", "none", "2023-12-28"},
      {"2023-12-20~/..", "2023-12-13", "none"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.date);
    const Edtf date = Edtf::parse(row.date);
    REQUIRE(date.ok());
    const Bounds bounds = reasoning_bounds(date);
    CHECK(day(bounds.earliest) == row.earliest);
    CHECK(day(bounds.latest) == row.latest);
    // What the reasoner infers for an event with no links is exactly that, and it
    // is not reported as narrowed by links.
    Analysed a = analyse(Builder().event("x", row.date).done());
    const Event* x = a.dataset.event("x");
    CHECK(day(x->inferred_earliest) == row.earliest);
    CHECK(day(x->inferred_latest) == row.latest);
    CHECK_FALSE(x->inferred);
    // The date itself keeps its own bounds: `strikeline date` prints those.
    CHECK(date.earliest() == Edtf::parse(std::string(row.date)).earliest());
  }
  CHECK(day(Edtf::parse("2022-11-08~").earliest()) == "2022-11-08");
  CHECK(day(Edtf::parse("2022-11-08~").latest()) == "2022-11-08");
}

TEST_CASE("around 8 November is never certainly before 9 November, in the order or in questions") {
  struct Row {
    const char* first;
    const char* second;
    bool certainly_before;  // `first` certainly before `second`, from the dates alone
  };
  const Row rows[] = {
      {"2022-11-08", "2022-11-09", true},
      {"2022-11-08~", "2022-11-09", false},
      {"2022-11-08?", "2022-11-09", false},
      {"2022-11-08%", "2022-11-09", false},
      {"2022-11-01~", "2022-11-09", true},   // a week's margin ends on the 8th
      {"2022-11-02~", "2022-11-09", false},
      {"2022-11-08", "2022-11-15~", false},  // the later date widens back to the 8th
      {"2022-11-08", "2022-11-16~", true},
      {"2022-11", "2022-12-01", true},
      {"2022-11~", "2022-12-01", false},
      {"2022-11?", "2023-01-01", true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.first);
    CAPTURE(row.second);
    Analysed a = analyse(Builder().event("first", row.first).event("second", row.second).done());
    CHECK(a.diagnostics.all().empty());
    const Event& first = *a.dataset.event("first");
    const Event& second = *a.dataset.event("second");
    CHECK(known_before(first, second) == row.certainly_before);
    CHECK_FALSE(known_before(second, first));
    const DisputeGraph graph(a.dataset);
    const QueryResult before = run_query("before second", a.dataset, graph);
    REQUIRE(before.ok);
    const auto first_index = static_cast<std::uint32_t>(&first - a.dataset.events.data());
    const bool certain = std::count(before.events.begin(), before.events.end(), first_index) == 1;
    const bool possibly = std::count(before.possibly.begin(), before.possibly.end(), first_index) == 1;
    CHECK(certain == row.certainly_before);
    CHECK(possibly == !row.certainly_before);
  }
}

TEST_CASE("a question's own approximate dates widen as the events' do") {
  Analysed a = analyse(Builder().event("fifteenth", "2022-11-15").event("sixteenth", "2022-11-18").done());
  const DisputeGraph graph(a.dataset);
  // `2022-11-10~` runs to the 17th: the 15th is within, the 18th is not.
  const QueryResult r = run_query("between 2022-11-01 2022-11-10~", a.dataset, graph);
  REQUIRE(r.ok);
  REQUIRE(r.events.size() == 1);
  CHECK(a.dataset.events[r.events[0]].id == "fifteenth");
  CHECK(r.possibly.empty());
}

std::vector<std::string> timeline_ids(const Dataset& dataset) {
  std::vector<std::string> order;
  for (const Event& e : dataset.events) order.emplace_back(e.id);
  return order;
}

TEST_CASE("what happened during or as part of an event comes after it: the whole starts no later") {
  Analysed a = analyse(Builder()
                           .event("impact", "2023-12-20", {{LinkType::during, "strike"}})
                           .event("day-one", "2023-12-01", {{LinkType::part_of, "action"}})
                           .event("strike", "2023-12-20/2023-12-23")
                           .event("action", "2023-12")
                           .done());
  CHECK(a.diagnostics.all().empty());
  CHECK(timeline_ids(a.dataset) == std::vector<std::string>{"action", "day-one", "strike", "impact"});
}

TEST_CASE("an event of unknown start is placed no later than what it must come before") {
  Analysed a = analyse(Builder()
                           .event("effect", "2023-12-01/2024-01-10")
                           .event("cause", "/2024-01-10", {{LinkType::led_to, "effect"}})
                           .event("undated", "", {{LinkType::before, "effect"}})
                           .event("late-november", "2023-11-30")
                           .event("alone", "/2024-01-10")
                           .event("nothing", "")
                           .done());
  CHECK(a.diagnostics.all().empty());
  const auto order = timeline_ids(a.dataset);
  const auto at = [&](const char* id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
  CHECK(at("late-november") == 0);
  CHECK(at("cause") < at("effect"));
  CHECK(at("undated") < at("effect"));
  CHECK(at("effect") == 3);
  CHECK(at("alone") == 4);
  CHECK(at("nothing") == 5);
  CHECK(day(a.dataset.event("cause")->placed_on) == "2023-12-01");    // the day of what it led to
  CHECK(day(a.dataset.event("undated")->placed_on) == "2023-12-01");
  CHECK(day(a.dataset.event("alone")->placed_on) == "2024-01-10");    // the last day it can have started
  CHECK(day(a.dataset.event("nothing")->placed_on) == "none");         // nothing known: last
}

TEST_CASE("links that go round in a circle are ordered by their dates, and the rest by the links") {
  // `a` happened during `b` and led to it: both started on one day. `c` came after
  // both, and nothing is left out of the order.
  Analysed a = analyse(Builder()
                           .event("c", "2023-12", {{LinkType::after, "b"}})
                           .event("a", "2023-12", {{LinkType::during, "b"}, {LinkType::led_to, "b"}})
                           .event("b", "2023-12")
                           .done());
  CHECK(a.diagnostics.all().empty());
  const auto order = timeline_ids(a.dataset);
  REQUIRE(order.size() == 3);
  CHECK(order.back() == "c");
}

TEST_CASE("one act happens on one day; what lasts may span") {
  struct Row {
    const char* name;
    const char* kind;
    const char* status;       // "" for none
    LinkType type;            // x's link to y
    const char* linked_date;  // y's date
    const char* earliest;     // x's bounds
    const char* latest;
  };
  const Row rows[] = {
      {"a statement that led to y was made by y's start", "statement", "", LinkType::led_to, "2023-12-10", "none",
       "2023-12-10"},
      {"an offer likewise", "offer", "", LinkType::led_to, "2023-12-10", "none", "2023-12-10"},
      {"a vote's result likewise", "ballot", "result", LinkType::led_to, "2023-12-10", "none", "2023-12-10"},
      {"a strike that led to y may go on after it", "strike", "held", LinkType::led_to, "2023-12-10", "none", "none"},
      {"a ballot under way may too", "ballot", "under-way", LinkType::led_to, "2023-12-10", "none", "none"},
      {"talks may too", "talks", "collapsed", LinkType::led_to, "2023-12-10", "none", "none"},
      {"a response starts no earlier than its cause, one act or not", "statement", "", LinkType::response_to,
       "2023-12-10", "2023-12-10", "none"},
      // y part of x: x ends no earlier than y, so one act, which ends the day it
      // starts, is that day (the constraint end <= start as well as start <= end).
      {"one act that contains a day is that day", "announcement", "", LinkType::during, "", "", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Builder b;
    if (row.type == LinkType::during) {
      b.event("x", "").kind(row.kind).event("y", "2023-12-10", {{LinkType::part_of, "x"}});
      Analysed a = analyse(b.done());
      CHECK(a.diagnostics.all().empty());
      CHECK(day(a.dataset.event("x")->inferred_earliest) == "2023-12-10");
      CHECK(day(a.dataset.event("x")->inferred_latest) == "2023-12-10");
      Analysed lasting = analyse(
          Builder().event("x", "").kind("strike").event("y", "2023-12-10", {{LinkType::part_of, "x"}}).done());
      CHECK(day(lasting.dataset.event("x")->inferred_earliest) == "none");
      CHECK(day(lasting.dataset.event("x")->inferred_latest) == "none");
      continue;
    }
    b.event("x", "", {{row.type, "y"}}).kind(row.kind);
    if (*row.status) b.status(row.status);
    Analysed a = analyse(b.event("y", row.linked_date).done());
    CHECK(a.diagnostics.all().empty());
    const Event* x = a.dataset.event("x");
    CHECK(day(x->inferred_earliest) == row.earliest);
    CHECK(day(x->inferred_latest) == row.latest);
  }
}

TEST_CASE("a source's publication bounds the start of what it reports as having happened") {
  // x is reported by a source of 12 December; `cause` (one act, undated, with no
  // source of its own) led to x, so it started by x's start.
  struct Row {
    const char* name;
    const char* kind;
    const char* status;
    const char* x_latest;      // x's own latest day
    const char* cause_latest;  // what the bound on x's start gives its cause
  };
  const Row rows[] = {
      {"a statement: the whole of it", "statement", "", "2022-12-12", "2022-12-12"},
      {"a vote's result", "ballot", "result", "2022-12-12", "2022-12-12"},
      {"a strike held: its start only", "strike", "held", "none", "2022-12-12"},
      {"a strike under way", "strike", "under-way", "none", "2022-12-12"},
      {"talks that collapsed", "talks", "collapsed", "none", "2022-12-12"},
      {"an agreement", "agreement", "tentative", "none", "2022-12-12"},
      // Looking ahead: the source reports what has not happened yet.
      {"a strike announced", "strike", "announced", "none", "none"},
      {"a strike planned", "strike", "planned", "none", "none"},
      {"a strike postponed", "strike", "postponed", "none", "none"},
      {"a strike rescheduled", "action-short-of-strike", "rescheduled", "none", "none"},
      {"talks proposed", "talks", "proposed", "none", "none"},
      {"conciliation proposed", "conciliation", "proposed", "none", "none"},
      {"a rally planned", "rally", "planned", "none", "none"},
      {"a picket planned", "picket", "planned", "none", "none"},
      {"a ballot planned", "ballot", "planned", "none", "none"},
      {"legislation proposed", "legislation", "proposed", "none", "none"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Builder b;
    b.event("cause", "", {{LinkType::led_to, "x"}}).kind("statement");
    b.event("x", "").kind(row.kind).reported("news", "2022-12-12");
    if (*row.status) b.status(row.status);
    Analysed a = analyse(b.done());
    CHECK(a.diagnostics.all().empty());
    CHECK(day(a.dataset.event("x")->inferred_earliest) == "none");
    CHECK(day(a.dataset.event("x")->inferred_latest) == row.x_latest);
    CHECK(day(a.dataset.event("cause")->inferred_latest) == row.cause_latest);
  }
  SUBCASE("the earliest publication counts, by its latest day; approximate ones and earlier ones do not") {
    Analysed a = analyse(Builder()
                             .event("x", "")
                             .kind("offer")
                             .reported("late", "2022-12-20")
                             .reported("span", "2022-12-01/2022-12-14")
                             .reported("about", "2022-11~")
                             .event("dated", "2022-12-10")
                             .kind("statement")
                             .reported("before-it", "2022-12-05")  // wrote of it in advance
                             .reported("on-it", "2022-12-10")
                             .done());
    CHECK(a.diagnostics.all().empty());
    CHECK(day(a.dataset.event("x")->inferred_latest) == "2022-12-14");
    CHECK(a.dataset.event("x")->latest_from.by == BoundOrigin::By::publication);
    CHECK(std::string(earliest_report(*a.dataset.event("x"), a.dataset)->source) == "span");
    CHECK(std::string(earliest_report(*a.dataset.event("dated"), a.dataset)->source) == "on-it");
  }
}

TEST_CASE("each inferred bound says where it came from") {
  // The case: a vote of 12 December responds to an undated offer; an
  // undated statement responds to the vote; one article of 12 December reports all.
  Analysed a = analyse(Builder()
                           .event("statement", "", {{LinkType::response_to, "vote"}})
                           .kind("statement")
                           .reported("news", "2022-12-12")
                           .event("vote", "2022-12-12", {{LinkType::response_to, "offer"}})
                           .kind("ballot")
                           .status("result")
                           .reported("news", "2022-12-12")
                           .event("offer", "")
                           .kind("offer")
                           .reported("news", "2022-12-12")
                           .event("later", "", {{LinkType::after, "vote"}})
                           .done());
  CHECK(a.diagnostics.all().empty());
  const Dataset& d = a.dataset;
  std::vector<std::string> order;
  for (const Event& e : d.events) order.emplace_back(e.id);
  CHECK(order == std::vector<std::string>{"offer", "vote", "statement", "later"});
  const auto id_of = [&](const BoundOrigin& o) { return std::string(d.events[o.event].id); };

  const Event& statement = *d.event("statement");
  CHECK(day(statement.inferred_earliest) == "2022-12-12");
  CHECK(day(statement.inferred_latest) == "2022-12-12");
  CHECK(statement.earliest_from.by == BoundOrigin::By::link_here);  // its own link to the vote
  CHECK(statement.earliest_from.type == LinkType::response_to);
  CHECK(id_of(statement.earliest_from) == "vote");
  CHECK(statement.latest_from.by == BoundOrigin::By::publication);
  CHECK(id_of(statement.latest_from) == "statement");

  const Event& offer = *d.event("offer");
  CHECK(day(offer.inferred_earliest) == "none");
  CHECK(offer.earliest_from.by == BoundOrigin::By::nothing);
  CHECK(day(offer.inferred_latest) == "2022-12-12");
  CHECK(offer.latest_from.by == BoundOrigin::By::publication);

  const Event& vote = *d.event("vote");
  CHECK(vote.earliest_from.by == BoundOrigin::By::date);
  CHECK(id_of(vote.earliest_from) == "vote");
  CHECK(vote.latest_from.by == BoundOrigin::By::date);

  const Event& later = *d.event("later");
  CHECK(day(later.inferred_earliest) == "2022-12-12");
  CHECK(later.earliest_from.by == BoundOrigin::By::link_here);
  CHECK(later.earliest_from.type == LinkType::after);

  // Without its own source, the offer's bound comes from the vote that responded to it.
  Analysed b = analyse(Builder()
                           .event("vote", "2022-12-12", {{LinkType::response_to, "offer"}})
                           .kind("ballot")
                           .status("result")
                           .event("offer", "")
                           .kind("offer")
                           .done());
  const Event& unreported = *b.dataset.event("offer");
  CHECK(day(unreported.inferred_latest) == "2022-12-12");
  CHECK(unreported.latest_from.by == BoundOrigin::By::link_there);
  CHECK(unreported.latest_from.type == LinkType::response_to);
  CHECK(std::string(b.dataset.events[unreported.latest_from.event].id) == "vote");
}

TEST_CASE("a bound that two links give alike is credited to the one first in the files, in any order") {
  // Two strikes of 5 January each led to an undated ballot, which so started no
  // earlier; which is named does not depend on how the reasoner walks the links.
  struct Case {
    std::vector<std::string> order;  // the events, in the order of the files
    std::string credited;
  };
  for (const Case& c : std::vector<Case>{{{"a", "b", "ballot"}, "a"},
                                         {{"b", "a", "ballot"}, "b"},
                                         {{"ballot", "b", "a"}, "b"},
                                         {{"ballot", "a", "b"}, "a"}}) {
    CAPTURE(c.credited);
    Builder builder;
    for (const std::string& id : c.order) {
      if (id == "ballot") {
        builder.event("ballot", "");
      } else {
        builder.event(id, "2023-01-05", {{LinkType::led_to, "ballot"}});
      }
    }
    Analysed a = analyse(builder.done());
    CHECK(a.diagnostics.all().empty());
    const Event& ballot = *a.dataset.event("ballot");
    CHECK(day(ballot.inferred_earliest) == "2023-01-05");
    CHECK(ballot.earliest_from.by == BoundOrigin::By::link_there);
    CHECK(std::string(a.dataset.events[ballot.earliest_from.event].id) == c.credited);
  }
}

TEST_CASE("a clash names the one-act event and the publication that close it") {
  SUBCASE("one act") {
    Analysed a = analyse(Builder()
                             .event("day", "2023-12-20", {{LinkType::part_of, "x"}})
                             .event("x", "", {{LinkType::led_to, "y"}})
                             .kind("statement")
                             .event("y", "2023-12-05")
                             .done());
    REQUIRE(a.diagnostics.all().size() == 1);
    const Diagnostic& d = a.diagnostics.all()[0];
    CHECK(d.check == Check::impossible_dates);
    std::vector<std::string> notes;
    for (const Note& n : d.notes) notes.push_back(n.message);
    CHECK(notes == std::vector<std::string>{"`day` starts no earlier than 20 December 2023 (its date, 2023-12-20)",
                                            "`day` is part of `x`",
                                            "`x` (kind `statement`) is one act: it ends on the day it starts",
                                            "`x` led to `y`, so it started no later",
                                            "`y` ends no later than 5 December 2023 (its date, 2023-12-05)"});
  }
  SUBCASE("publication") {
    Analysed a = analyse(Builder()
                             .event("y", "2022-12-20")
                             .event("x", "", {{LinkType::response_to, "y"}})
                             .kind("statement")
                             .reported("news", "2022-12-12")
                             .done());
    REQUIRE(a.diagnostics.all().size() == 1);
    const Diagnostic& d = a.diagnostics.all()[0];
    REQUIRE(!d.notes.empty());
    CHECK(d.notes.back().message == "`x` had begun by 12 December 2022, when `news`, which reports it, was published");
  }
}

}  // namespace
}  // namespace strikeline
