// The link stage: events as vertices, links as typed edges (Boost.Graph).
//
// Causal links say why (led-to, response-to): they form the causal graph, edges
// running from cause to effect whichever way the link was written. Temporal links
// say only when (before, after, during, part-of). Both kinds constrain dates; see
// reason.h.
#pragma once

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <optional>
#include <span>
#include <vector>

#include "diagnostic.h"
#include "model.h"

namespace strikeline {

// One link, read as cause → effect (causal) or as written (temporal).
struct Edge {
  std::uint32_t from = 0;  // index into Dataset::events
  std::uint32_t to = 0;
  const Link* link = nullptr;  // the link as written, for its location
  bool causal = false;
  // The link's type, held here (in what was padding) so that passes over every
  // edge need not reach into each link: at a million links those reads miss the cache.
  LinkType type = LinkType::led_to;
};
static_assert(sizeof(Edge) <= 24, "an edge is held per link");

class DisputeGraph {
 public:
  // Links to events that do not exist are left out (the loader reported them).
  // `memory`: where the edges are held, for a graph made for one pass (scratch.h).
  explicit DisputeGraph(const Dataset& dataset, std::pmr::memory_resource* memory = std::pmr::get_default_resource());
  DisputeGraph();  // of no events
  ~DisputeGraph();
  DisputeGraph(DisputeGraph&&) noexcept;
  DisputeGraph& operator=(DisputeGraph&&) noexcept;

  // The same graph once the events have moved to the timeline's order (reason.h:
  // `order[k]` is the event, by its old index, now at position k). The edges come
  // out as a graph built anew over the moved events would hold them, so the graph
  // built for reasoning serves every later stage.
  void reorder(std::span<const std::uint32_t> order);

  std::size_t size() const { return event_count_; }
  const std::pmr::vector<Edge>& edges() const { return edges_; }

  // Every event that led to `event` (or that it led to), nearest first, each with
  // the one edge that joins it a step nearer `event` on a shortest chain, and the
  // chain's length in links. The rest of the chain is that neighbour's own entry
  // (it is met earlier), so the whole answer is linear in the events reached.
  struct Reached {
    std::uint32_t event;
    std::uint32_t via;    // edge index: from this event (causes) or into it (effects)
    std::uint32_t links;  // links between this event and `event`
  };
  std::vector<Reached> all_causes(std::uint32_t event) const;
  std::vector<Reached> all_effects(std::uint32_t event) const;

  // The shortest causal chain from `from` to `to`, as edge indexes, or nullopt.
  std::optional<std::vector<std::uint32_t>> causal_path(std::uint32_t from, std::uint32_t to) const;

  // Causal cycles, each as the chain of edges a → b → … → a (one per cycle found).
  // `memory`: where its working arrays come from (the reasoner's scratch.h).
  std::vector<std::vector<std::uint32_t>> causal_cycles(
      std::pmr::memory_resource* memory = std::pmr::get_default_resource()) const;

 private:
  std::vector<Reached> reach_all(std::uint32_t event, bool towards_causes) const;
  struct Impl;  // the Boost graph, kept out of this header
  const Impl& with_causal() const;  // the Boost graph over the causal edges, built on first use
  void build_causal() const;

  std::size_t event_count_ = 0;
  std::pmr::vector<Edge> edges_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strikeline
