// The reason stage: what the dates and links together say about when things
// happened, and where they contradict each other.
//
// Each event happened within some span [start, end] inside its stated date. Links
// add constraints between spans: a cause starts no later than its effect starts;
// `A before B` means A ends no later than B starts (`after` the reverse); `A during
// B` and `A part-of B` put A's span inside B's. An event that is one act (is_one_act:
// a statement, an offer, a vote's result) ends on the day it starts. An event that
// does not look ahead had begun by the time the sources that report it were
// published (earliest_report). These are difference constraints of
// weight zero, so the tightest bounds follow from one pass each way over the
// constraint graph's strongly connected components in topological order: O(V + E).
#pragma once

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <vector>

#include <date/date.h>

#include "diagnostic.h"
#include "graph.h"
#include "model.h"

namespace strikeline {

struct Bounds {
  std::optional<date::sys_days> earliest;  // nullopt: no lower bound
  std::optional<date::sys_days> latest;    // nullopt: no upper bound
  bool operator==(const Bounds&) const = default;
};

struct Reasoning {
  explicit Reasoning(std::pmr::memory_resource* memory = std::pmr::get_default_resource())
      : inferred(memory), earliest_from(memory), latest_from(memory), order(memory), placed(memory) {}
  std::pmr::vector<Bounds> inferred;  // per event, what dates, links and publication allow together
  std::pmr::vector<BoundOrigin> earliest_from, latest_from;  // per event, where each bound came from
  std::pmr::vector<std::uint32_t> order;  // the timeline: indexes into Dataset::events
  // Per event, the day the timeline places it on (see timeline() in reason.cc);
  // nullopt for an event about which nothing at all is known.
  std::pmr::vector<std::optional<date::sys_days>> placed;
};

// The days a stated date allows when reasoning about order: its own bounds, each
// end widened where that end is approximate or uncertain (`~`, `?`, `%`) by a margin
// that grows with its precision: 7 days for a day, a month for a month or a season,
// a year for a year, 10 years for a decade or century. "Around 8 November" is then
// never certainly before 9 November. `strikeline date` still prints the date's own
// bounds; only the reasoner (and what reads its bounds: order, sections, queries)
// widens them.
Bounds reasoning_bounds(const Edtf& date);

// Reports causal cycles, effects dated before their causes, and sets of dates and
// temporal links that cannot all hold, each with every link involved.
// Without `in_timeline_order`, the events keep their order (Reasoning::order is
// then the identity, and none is placed on a day): for an editor, which needs what
// the dates and links say but shows no timeline.
// Its working arrays are laid in `scratch` (scratch.h) when one is given, and so is
// what it returns, which then lives no longer than `scratch`; otherwise it takes
// scratch memory of its own for its work and returns ordinary memory.
Reasoning reason(const Dataset& dataset, const DisputeGraph& graph, Diagnostics& diagnostics,
                 bool in_timeline_order = true, std::pmr::memory_resource* scratch = nullptr);

// Puts the events in the order the reasoning found and records what it inferred.
void apply(Dataset& dataset, const Reasoning& reasoning);

// Gives `to` what apply() recorded in `from`: for an event read again that is, for
// the reasoning, the same event in the same place (an editor's edit of its title).
void carry_reasoning(const Event& from, Event& to);

// The citation whose source bounds when `event` began: of the sources that report
// it, the one whose publication date has the earliest latest day. Not used: an
// approximate or uncertain publication date; a source published before the day the
// event's own date begins, which reported it in advance; any source of an event
// that looks ahead (is_future_facing: a strike `planned`, talks `proposed`), which
// sources report before it happens. nullptr when no source bounds it.
const Citation* earliest_report(const Event& event, const Dataset& dataset);

// Whether the data says `a` came before `b`: the bounds the reasoning inferred put
// all of `a` before `b` starts, or a link between them orders them that way.
// Events for which neither holds in either direction have no known order.
bool known_before(const Event& a, const Event& b);

// The constraints the reasoning orders events by, for questions about order: each
// says `earlier` ≤ `later`, where vertex 2i is event i's start and 2i + 1 its end,
// and `edge` is the link it comes from (an index into DisputeGraph::edges()), or -1
// for an event's start before its end. Built by the same rules as the reasoning's,
// with every link in.
struct Constraint {
  std::uint32_t earlier = 0;
  std::uint32_t later = 0;
  std::int32_t edge = -1;
};
std::vector<Constraint> order_constraints(const Dataset& dataset, const DisputeGraph& graph);

}  // namespace strikeline
