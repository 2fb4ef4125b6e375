#include "graph.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <mutex>

#include "flat_graph.h"

namespace strikeline {

namespace {

struct EdgeData {
  std::uint32_t index = 0;  // into DisputeGraph::edges()
};

// Compressed (CSR): two flat arrays rather than a vector per event; bidirectional,
// so that causes (in-edges) are as cheap to walk as effects.
using CausalGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeData,
                                                       boost::no_property, std::uint32_t, std::uint32_t>;

}  // namespace

// The Boost graph serves questions about causes and effects, which an editor never
// asks and `check` asks only of a causal cycle: it is built when first needed.
struct DisputeGraph::Impl {
  std::once_flag built;
  CausalGraph causal;
};

DisputeGraph::DisputeGraph(const Dataset& dataset, std::pmr::memory_resource* memory)
    : event_count_(dataset.events.size()), edges_(memory), impl_(std::make_unique<Impl>()) {
  std::size_t links = 0;
  for (const Event& event : dataset.events) links += event.links.size();
  edges_.reserve(links);
  for (std::uint32_t i = 0; i < dataset.events.size(); ++i) {
    for (const Link& link : dataset.events[i].links) {
      const Event* target = dataset.event(link.target);
      if (!target) continue;
      Edge edge{i, static_cast<std::uint32_t>(target - dataset.events.data()), &link, false, link.type};
      switch (link.type) {
        case LinkType::led_to: edge.causal = true; break;
        case LinkType::response_to:
          // "A responds to B": B prompted A, so the cause is B.
          edge.causal = true;
          std::swap(edge.from, edge.to);
          break;
        default: break;
      }
      edges_.push_back(edge);
    }
  }
}

DisputeGraph::DisputeGraph() : impl_(std::make_unique<Impl>()) {}

const DisputeGraph::Impl& DisputeGraph::with_causal() const {
  std::call_once(impl_->built, [this] { build_causal(); });
  return *impl_;
}

void DisputeGraph::build_causal() const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> causal;
  std::vector<EdgeData> causal_data;
  for (std::uint32_t k = 0; k < edges_.size(); ++k) {
    if (!edges_[k].causal) continue;
    causal.emplace_back(edges_[k].from, edges_[k].to);
    causal_data.push_back(EdgeData{k});
  }
  impl_->causal = CausalGraph(boost::edges_are_unsorted_multi_pass, causal.begin(), causal.end(), causal_data.begin(),
                              event_count_);
}

void DisputeGraph::reorder(std::span<const std::uint32_t> order) {
  std::vector<std::uint32_t> position(order.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) position[order[k]] = k;
  for (Edge& edge : edges_) {
    edge.from = position[edge.from];
    edge.to = position[edge.to];
  }
  // A new graph lists edges by the event that holds the link, then in the order the
  // event writes its links, which is their order in memory (one event's links are
  // one array).
  auto holder = [](const Edge& edge) { return edge.type == LinkType::response_to ? edge.to : edge.from; };
  std::sort(edges_.begin(), edges_.end(), [&](const Edge& a, const Edge& b) {
    return holder(a) != holder(b) ? holder(a) < holder(b) : std::less<const Link*>()(a.link, b.link);
  });
  impl_ = std::make_unique<Impl>();
}

DisputeGraph::~DisputeGraph() = default;
DisputeGraph::DisputeGraph(DisputeGraph&&) noexcept = default;
DisputeGraph& DisputeGraph::operator=(DisputeGraph&&) noexcept = default;

namespace {

// Breadth-first search that remembers, for each vertex reached, the edge it was
// first reached by; that gives every reached vertex one shortest chain.
template <typename Graph, typename Step>
std::vector<std::int64_t> reach(const Graph& graph, std::uint32_t start, Step step) {
  std::vector<std::int64_t> via(boost::num_vertices(graph), -2);  // -2 unreached, -1 the start
  std::deque<std::uint32_t> queue{start};
  via[start] = -1;
  while (!queue.empty()) {
    const std::uint32_t v = queue.front();
    queue.pop_front();
    step(v, [&](std::uint32_t next, std::uint32_t edge) {
      if (via[next] != -2) return;
      via[next] = edge;
      queue.push_back(next);
    });
  }
  return via;
}

}  // namespace

std::vector<DisputeGraph::Reached> DisputeGraph::all_causes(std::uint32_t event) const {
  return reach_all(event, /*towards_causes=*/true);
}

std::vector<DisputeGraph::Reached> DisputeGraph::all_effects(std::uint32_t event) const {
  return reach_all(event, /*towards_causes=*/false);
}

// Everything reachable from `event` against the causal edges (its causes) or along
// them (its effects), nearest first, each with the edge one step nearer `event`.
std::vector<DisputeGraph::Reached> DisputeGraph::reach_all(std::uint32_t event, bool towards_causes) const {
  const CausalGraph& g = with_causal().causal;
  std::vector<std::uint32_t> order;  // in the order first met: nearest first
  auto step = [&](std::uint32_t next, std::uint32_t edge, auto&& visit) {
    if (next != event) order.push_back(next);
    visit(next, edge);
  };
  const auto via = reach(g, event, [&](std::uint32_t v, auto&& visit) {
    if (towards_causes) {
      for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) {
        step(static_cast<std::uint32_t>(boost::source(*it, g)), g[*it].index, visit);
      }
    } else {
      for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
        step(static_cast<std::uint32_t>(boost::target(*it, g)), g[*it].index, visit);
      }
    }
  });
  std::vector<Reached> out;
  std::vector<bool> seen(event_count_, false);
  std::vector<std::uint32_t> links(event_count_, 0);  // met nearest first, so a neighbour's count is known
  for (std::uint32_t found : order) {
    if (seen[found] || via[found] < 0) continue;
    seen[found] = true;
    const auto edge = static_cast<std::uint32_t>(via[found]);
    const std::uint32_t nearer = towards_causes ? edges_[edge].to : edges_[edge].from;
    links[found] = links[nearer] + 1;
    out.push_back(Reached{found, edge, links[found]});
  }
  return out;
}

std::optional<std::vector<std::uint32_t>> DisputeGraph::causal_path(std::uint32_t from, std::uint32_t to) const {
  if (from == to) return std::nullopt;
  const CausalGraph& g = with_causal().causal;
  const auto via = reach(g, from, [&](std::uint32_t v, auto&& visit) {
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      visit(static_cast<std::uint32_t>(boost::target(*it, g)), g[*it].index);
    }
  });
  if (via[to] < 0) return std::nullopt;
  std::vector<std::uint32_t> chain;
  for (std::uint32_t v = to; v != from;) {
    const auto edge = static_cast<std::uint32_t>(via[v]);
    chain.push_back(edge);
    v = edges_[edge].from;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::vector<std::vector<std::uint32_t>> DisputeGraph::causal_cycles(std::pmr::memory_resource* memory) const {
  std::vector<std::vector<std::uint32_t>> cycles;
  // An event that causes itself is the shortest cycle there is.
  for (std::uint32_t k = 0; k < edges_.size(); ++k) {
    if (edges_[k].causal && edges_[k].from == edges_[k].to) cycles.push_back({k});
  }
  const Components components = strong_components(
      make_groups(event_count_,
                  [&](auto add) {
                    for (const Edge& edge : edges_) {
                      if (edge.causal) add(edge.from, edge.to);
                    }
                  },
                  memory),
      [](std::uint32_t v) { return v; }, memory);
  const std::uint32_t count = components.count();
  const std::pmr::vector<std::uint32_t>& component = components.of;
  if (count == event_count_) return cycles;  // every event a component of its own: no longer cycle
  const CausalGraph& g = with_causal().causal;
  std::vector<bool> reported(count, false);
  for (std::uint32_t v = 0; v < event_count_; ++v) {
    const std::uint32_t c = component[v];
    if (components.members[c].size() < 2 || reported[c]) continue;
    reported[c] = true;
    // The shortest way back to v, staying inside its component.
    const auto via = reach(g, v, [&](std::uint32_t u, auto&& visit) {
      for (auto [it, end] = boost::out_edges(u, g); it != end; ++it) {
        const auto next = static_cast<std::uint32_t>(boost::target(*it, g));
        if (component[next] == c && next != v) visit(next, g[*it].index);
      }
    });
    // Close the cycle with the in-component edge into v from the nearest vertex.
    std::int64_t closing = -1;
    std::size_t best_length = SIZE_MAX;
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) {
      const auto from = static_cast<std::uint32_t>(boost::source(*it, g));
      if (component[from] != c || from == v || via[from] == -2) continue;
      std::size_t length = 0;
      for (std::uint32_t u = from; u != v; u = edges_[static_cast<std::uint32_t>(via[u])].from) ++length;
      if (length < best_length) {
        best_length = length;
        closing = g[*it].index;
      }
    }
    if (closing < 0) continue;
    std::vector<std::uint32_t> chain{static_cast<std::uint32_t>(closing)};
    for (std::uint32_t u = edges_[static_cast<std::uint32_t>(closing)].from; u != v;) {
      const auto edge = static_cast<std::uint32_t>(via[u]);
      chain.push_back(edge);
      u = edges_[edge].from;
    }
    std::reverse(chain.begin(), chain.end());
    cycles.push_back(std::move(chain));
  }
  return cycles;
}

}  // namespace strikeline
