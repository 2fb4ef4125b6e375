#include "order_question.h"

#include <deque>

#include "edtf.h"

namespace strikeline {

namespace {

constexpr std::int32_t kSeed = -1, kUnreached = -2;
constexpr std::size_t kMostLinksTold = 3;  // a longer chain is told to its third link, then "and so on"

std::uint32_t start_of(std::uint32_t event) { return 2 * event; }
std::uint32_t end_of(std::uint32_t event) { return 2 * event + 1; }

std::string quoted(const Dataset& dataset, std::uint32_t event) { return "`" + std::string(dataset.events[event].id) + "`"; }

std::string in_words(date::sys_days day) { return describe(Edtf::parse(iso_day(day))); }

void index_by(std::size_t vertices, const std::vector<Constraint>& constraints, bool by_earlier,
              std::vector<std::uint32_t>& first, std::vector<std::uint32_t>& items) {
  first.assign(vertices + 1, 0);
  for (const Constraint& c : constraints) ++first[(by_earlier ? c.earlier : c.later) + 1];
  for (std::size_t v = 0; v < vertices; ++v) first[v + 1] += first[v];
  items.resize(constraints.size());
  std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
  for (std::uint32_t k = 0; k < constraints.size(); ++k) {
    items[fill[by_earlier ? constraints[k].earlier : constraints[k].later]++] = k;
  }
}

}  // namespace

OrderQuestions::OrderQuestions(const Dataset& dataset, const DisputeGraph& graph)
    : dataset_(dataset), graph_(graph), constraints_(order_constraints(dataset, graph)) {
  const std::size_t vertices = 2 * graph.size();
  index_by(vertices, constraints_, /*by_earlier=*/true, out_first_, out_);
  index_by(vertices, constraints_, /*by_earlier=*/false, in_first_, in_);
}

CertainOrder OrderQuestions::before(std::uint32_t x) const { return certain(x, /*before=*/true); }
CertainOrder OrderQuestions::after(std::uint32_t x) const { return certain(x, /*before=*/false); }

bool OrderQuestions::is_causal(const Constraint& c) const {
  return c.edge >= 0 && graph_.edges()[static_cast<std::uint32_t>(c.edge)].causal;
}

std::vector<std::int32_t> OrderQuestions::search(std::uint32_t seed, bool forward, bool causal_only) const {
  std::vector<std::int32_t> via(out_first_.size() - 1, kUnreached);
  std::deque<std::uint32_t> queue{seed};
  via[seed] = kSeed;
  const auto& first = forward ? out_first_ : in_first_;
  const auto& items = forward ? out_ : in_;
  while (!queue.empty()) {
    const std::uint32_t v = queue.front();
    queue.pop_front();
    for (std::uint32_t k = first[v]; k < first[v + 1]; ++k) {
      const Constraint& c = constraints_[items[k]];
      if (causal_only && !is_causal(c)) continue;
      const std::uint32_t next = forward ? c.later : c.earlier;
      if (via[next] != kUnreached) continue;
      via[next] = static_cast<std::int32_t>(items[k]);
      queue.push_back(next);
    }
  }
  return via;
}

// One link between `event` and x, said from `event`'s side with the link's type as
// written: "linked `before` `x`", "`x` responds to it".
std::string OrderQuestions::direct(std::uint32_t event, std::int32_t constraint, bool before, std::uint32_t x) const {
  const Edge& edge = graph_.edges()[static_cast<std::uint32_t>(constraints_[static_cast<std::uint32_t>(constraint)].edge)];
  const std::string other = quoted(dataset_, x);
  switch (edge.type) {
    // A causal edge runs from cause to effect; the link was written on the cause
    // (led-to) or on the effect (response-to).
    case LinkType::led_to: return before ? "it led to " + other : other + " led to it";
    case LinkType::response_to: return before ? other + " responds to it" : "it responds to " + other;
    // A temporal edge runs as written: from the event that has the link.
    case LinkType::before: return edge.from == event ? "it is linked `before` " + other : other + " is linked `before` it";
    case LinkType::after: return edge.from == event ? "it is linked `after` " + other : other + " is linked `after` it";
    default: break;
  }
  return "it is linked to " + other;
}

// The links from `from_vertex` back to x's side along `via`, as clauses joined by
// ", which": "came before `a`, which led to `x`". At most a few links are told.
std::string OrderQuestions::chain(std::uint32_t from_vertex, const std::vector<std::int32_t>& via, bool before,
                                  std::uint32_t x) const {
  std::string text;
  std::size_t told = 0;
  for (std::uint32_t v = from_vertex; via[v] >= 0;) {
    const Constraint& c = constraints_[static_cast<std::uint32_t>(via[v])];
    // In `before`, the search ran against the constraints, so the walk back goes
    // forward in time (earlier → later); in `after`, backward.
    const std::uint32_t next = before ? c.later : c.earlier;
    if (c.edge >= 0) {
      if (told == kMostLinksTold) return text + ", and so on to " + quoted(dataset_, x);
      const Edge& edge = graph_.edges()[static_cast<std::uint32_t>(c.edge)];
      const std::uint32_t subject = v / 2, object = next / 2;
      const std::string other = quoted(dataset_, object);
      std::string clause;
      if (edge.causal) {
        const bool led = edge.type == LinkType::led_to;
        clause = before ? (led ? "led to " : "prompted ") + other : (led ? "resulted from " : "responds to ") + other;
      } else if (edge.type == LinkType::before || edge.type == LinkType::after) {
        clause = (before ? "came before " : "came after ") + other;
      } else if (subject == edge.from) {  // during or part-of, said of the event inside
        clause = (edge.type == LinkType::during ? "happened during " : "is part of ") + other;
      } else {
        clause = "includes " + other;
      }
      text += (told == 0 ? "it " : ", which ") + clause;
      ++told;
    }
    v = next;
  }
  return text;
}

CertainOrder OrderQuestions::certain(std::uint32_t x, bool before) const {
  CertainOrder out;
  // Through any links: E's end to X's start (before), or X's end to E's start (after).
  const std::vector<std::int32_t> linked = search(before ? start_of(x) : end_of(x), /*forward=*/!before, false);
  // Through causal links only, start to start: what led to X, or what X led to.
  const std::vector<std::int32_t> caused = search(start_of(x), /*forward=*/!before, true);
  const Event& target = dataset_.events[x];
  for (std::uint32_t i = 0; i < dataset_.events.size(); ++i) {
    if (i == x) continue;
    const Event& e = dataset_.events[i];
    const std::uint32_t linked_vertex = before ? end_of(i) : start_of(i);
    const bool by_links = linked[linked_vertex] != kUnreached;
    const bool by_causes = caused[start_of(i)] != kUnreached;
    const bool by_dates =
        before ? (e.inferred_latest && target.inferred_earliest && *e.inferred_latest < *target.inferred_earliest)
               : (e.inferred_earliest && target.inferred_latest && *e.inferred_earliest > *target.inferred_latest);
    if (!by_links && !by_causes && !by_dates) continue;
    // A link straight between the two is the plainest reason; then the dates; then
    // the shortest chain of links.
    auto one_link = [&](const std::vector<std::int32_t>& via, std::uint32_t vertex) {
      if (via[vertex] < 0) return false;
      const Constraint& c = constraints_[static_cast<std::uint32_t>(via[vertex])];
      return c.edge >= 0 && (before ? c.later : c.earlier) / 2 == x;
    };
    std::string because;
    if (by_causes && one_link(caused, start_of(i))) {
      because = direct(i, caused[start_of(i)], before, x);
    } else if (by_links && one_link(linked, linked_vertex)) {
      because = direct(i, linked[linked_vertex], before, x);
    } else if (by_dates) {
      because = before ? "it ends by " + in_words(*e.inferred_latest) + ", and " + quoted(dataset_, x) +
                             " starts no earlier than " + in_words(*target.inferred_earliest)
                       : "it starts no earlier than " + in_words(*e.inferred_earliest) + ", and " + quoted(dataset_, x) +
                             " ends by " + in_words(*target.inferred_latest);
    } else if (by_links) {
      because = chain(linked_vertex, linked, before, x);
    } else {
      because = chain(start_of(i), caused, before, x);
    }
    out.events.push_back(i);
    out.because.push_back(std::move(because));
  }
  return out;
}

}  // namespace strikeline
