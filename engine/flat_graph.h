// Graphs held as flat arrays (compressed rows), and their strongly connected
// components, for the passes the link and reason stages make over every link.
//
// Boost.Graph's strong_components and compressed_sparse_row_graph do the same work,
// but through property maps, a colour map, a deque-backed stack and a sort of the
// edges: at 100,000 events, building the constraint graph and finding its
// components took 80 ms that way, and takes 46 ms this way (14 ms with the arrays
// in scratch memory, scratch.h). The reasoner runs after every edit in an editor,
// so those milliseconds are the wait. Boost.Graph still serves the questions
// (graph.cc), which walk from one event.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <span>
#include <vector>

namespace strikeline {

// Items sorted into groups 0 .. count - 1: group k is items[first[k] .. first[k + 1]),
// in the order the items came. As adjacency, group k holds vertex k's out-edges.
// Its arrays come from `memory` (scratch.h), or from the C library by default.
template <typename Item = std::uint32_t>
struct Groups {
  explicit Groups(std::pmr::memory_resource* memory = std::pmr::get_default_resource())
      : first(memory), items(memory) {}
  std::pmr::vector<std::uint32_t> first;
  std::pmr::vector<Item> items;
  std::size_t size() const { return first.empty() ? 0 : first.size() - 1; }
  std::span<const Item> operator[](std::size_t k) const {
    return std::span<const Item>(items.data() + first[k], first[k + 1] - first[k]);
  }
};

// `each(add)` calls add(group, item) for every item, and must do so the same way
// both times it is called: once to count, once to fill.
template <typename Item = std::uint32_t, typename Each>
Groups<Item> make_groups(std::size_t count, Each each,
                         std::pmr::memory_resource* memory = std::pmr::get_default_resource()) {
  Groups<Item> groups(memory);
  // Counted into first[k + 2] and summed, first[k + 1] is where group k starts; each
  // item filled in moves it on to where group k ends, which is then first[k + 1].
  groups.first.assign(count + 2, 0);
  each([&](std::uint32_t group, const Item&) { ++groups.first[group + 2]; });
  for (std::size_t k = 2; k < count + 2; ++k) groups.first[k] += groups.first[k - 1];
  groups.items.resize(groups.first[count + 1]);
  each([&](std::uint32_t group, const Item& item) { groups.items[groups.first[group + 1]++] = item; });
  groups.first.pop_back();
  return groups;
}

// The strongly connected components of a graph, numbered in the order they are
// completed: every edge between two components runs from the higher number to the
// lower, so counting down is a topological order, and counting up its reverse.
struct Components {
  explicit Components(std::pmr::memory_resource* memory) : of(memory), members(memory) {}
  std::pmr::vector<std::uint32_t> of;  // per vertex
  Groups<> members;                    // per component, its vertices
  std::uint32_t count() const { return static_cast<std::uint32_t>(members.size()); }
};

// Tarjan's algorithm without recursion, in Pearce's form: one number per vertex
// serves as its index, its low link and at last its component. `successors[v]`
// holds v's out-edges; `target(item)` is the vertex an edge leads to. O(V + E).
template <typename Item, typename Target>
Components strong_components(const Groups<Item>& successors, Target target,
                             std::pmr::memory_resource* memory = std::pmr::get_default_resource()) {
  const std::size_t n = successors.size();
  Components c(memory);
  c.members.first.reserve(n + 1);
  c.members.items.reserve(n);
  c.members.first.push_back(0);
  // 0: not yet met; 1 .. n: met and open; kDone - k: in the component completed k-th.
  constexpr std::uint32_t kDone = UINT32_MAX;
  std::pmr::vector<std::uint32_t> rank(n, 0, memory);
  struct Frame {
    std::uint32_t vertex, next;
    bool root;
  };
  std::pmr::vector<std::uint32_t> open(memory);
  std::pmr::vector<Frame> calls(memory);
  std::uint32_t next_rank = 1;
  auto lower = [&](std::uint32_t v, std::uint32_t w, bool& root) {
    if (rank[w] < rank[v]) {
      rank[v] = rank[w];
      root = false;
    }
  };
  for (std::uint32_t start = 0; start < n; ++start) {
    if (rank[start] != 0) continue;
    rank[start] = next_rank++;
    calls.push_back(Frame{start, successors.first[start], true});
    while (!calls.empty()) {
      Frame& frame = calls.back();
      if (frame.next < successors.first[frame.vertex + 1]) {
        const std::uint32_t w = target(successors.items[frame.next++]);
        if (rank[w] == 0) {
          rank[w] = next_rank++;
          calls.push_back(Frame{w, successors.first[w], true});
        } else {
          lower(frame.vertex, w, frame.root);
        }
        continue;
      }
      const std::uint32_t v = frame.vertex;
      const bool root = frame.root;
      calls.pop_back();
      if (root) {
        const auto done = kDone - static_cast<std::uint32_t>(c.members.size());
        while (!open.empty() && rank[v] <= rank[open.back()]) {
          rank[open.back()] = done;
          c.members.items.push_back(open.back());
          open.pop_back();
        }
        rank[v] = done;
        c.members.items.push_back(v);
        c.members.first.push_back(static_cast<std::uint32_t>(c.members.items.size()));
      } else {
        open.push_back(v);
      }
      if (!calls.empty()) lower(calls.back().vertex, v, calls.back().root);
    }
  }
  for (std::uint32_t& r : rank) r = kDone - r;
  c.of = std::move(rank);
  return c;
}

}  // namespace strikeline
