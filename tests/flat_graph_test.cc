// Graphs as flat arrays, and their strongly connected components, checked against
// what reachability says on graphs small enough to work out by brute force.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "flat_graph.h"

namespace strikeline {
namespace {

using Arcs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

Groups<> adjacency(std::size_t vertices, const Arcs& arcs) {
  return make_groups(vertices, [&](auto add) {
    for (const auto& [from, to] : arcs) add(from, to);
  });
}

Components components_of(std::size_t vertices, const Arcs& arcs) {
  return strong_components(adjacency(vertices, arcs), [](std::uint32_t v) { return v; });
}

// The partition into components, as sets of vertices, whatever their numbers.
std::set<std::set<std::uint32_t>> partition(const Components& c) {
  std::set<std::set<std::uint32_t>> out;
  for (std::uint32_t k = 0; k < c.count(); ++k) out.emplace(c.members[k].begin(), c.members[k].end());
  return out;
}

// What every component must satisfy: members and `of` agree, every vertex is in one
// component, and every arc between two components runs from the higher number down.
void check_numbering(std::size_t vertices, const Arcs& arcs, const Components& c) {
  REQUIRE(c.of.size() == vertices);
  std::size_t listed = 0;
  for (std::uint32_t k = 0; k < c.count(); ++k) {
    CHECK_FALSE(c.members[k].empty());
    for (std::uint32_t v : c.members[k]) CHECK(c.of[v] == k);
    listed += c.members[k].size();
  }
  CHECK(listed == vertices);
  for (const auto& [from, to] : arcs) {
    if (c.of[from] != c.of[to]) CHECK(c.of[from] > c.of[to]);
  }
}

TEST_CASE("flat graph: groups keep each group's items in the order they came") {
  const Groups<> g = adjacency(4, {{2, 7}, {0, 5}, {2, 1}, {0, 9}, {2, 3}});
  REQUIRE(g.size() == 4);
  CHECK(std::vector<std::uint32_t>(g[0].begin(), g[0].end()) == std::vector<std::uint32_t>{5, 9});
  CHECK(g[1].empty());
  CHECK(std::vector<std::uint32_t>(g[2].begin(), g[2].end()) == std::vector<std::uint32_t>{7, 1, 3});
  CHECK(g[3].empty());
  CHECK(adjacency(0, {}).size() == 0);
}

TEST_CASE("flat graph: strongly connected components of graphs worked out by hand") {
  struct Case {
    const char* name;
    std::size_t vertices;
    Arcs arcs;
    std::set<std::set<std::uint32_t>> expected;
  };
  const std::vector<Case> cases = {
      {"no vertices", 0, {}, {}},
      {"one vertex", 1, {}, {{0}}},
      {"a loop on one vertex", 1, {{0, 0}}, {{0}}},
      {"a chain", 3, {{0, 1}, {1, 2}}, {{0}, {1}, {2}}},
      {"a chain written backwards", 3, {{2, 1}, {1, 0}}, {{0}, {1}, {2}}},
      {"a two-cycle", 2, {{0, 1}, {1, 0}}, {{0, 1}}},
      {"a cycle with a tail each way", 5, {{0, 1}, {1, 2}, {2, 3}, {3, 1}, {3, 4}}, {{0}, {1, 2, 3}, {4}}},
      {"two cycles joined one way", 4, {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 2}}, {{0, 1}, {2, 3}}},
      {"two cycles joined both ways", 4, {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 2}, {3, 0}}, {{0, 1, 2, 3}}},
      {"a cycle reached late from a vertex met early", 4, {{3, 0}, {0, 1}, {1, 2}, {2, 0}}, {{0, 1, 2}, {3}}},
      {"repeated arcs", 2, {{0, 1}, {0, 1}, {1, 0}, {1, 0}}, {{0, 1}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Components found = components_of(c.vertices, c.arcs);
    CHECK(partition(found) == c.expected);
    check_numbering(c.vertices, c.arcs, found);
  }
}

TEST_CASE("flat graph: components are the sets of mutually reachable vertices, on random graphs") {
  std::mt19937 random(20261130);
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = 1 + random() % 24;
    const std::size_t m = random() % (3 * n);
    Arcs arcs;
    for (std::size_t i = 0; i < m; ++i) {
      arcs.emplace_back(static_cast<std::uint32_t>(random() % n), static_cast<std::uint32_t>(random() % n));
    }
    // Reachability by Floyd–Warshall, then u and v together when each reaches the other.
    std::vector<std::vector<bool>> reaches(n, std::vector<bool>(n, false));
    for (std::size_t v = 0; v < n; ++v) reaches[v][v] = true;
    for (const auto& [from, to] : arcs) reaches[from][to] = true;
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
          if (reaches[i][k] && reaches[k][j]) reaches[i][j] = true;
        }
      }
    }
    std::set<std::set<std::uint32_t>> expected;
    for (std::uint32_t u = 0; u < n; ++u) {
      std::set<std::uint32_t> together;
      for (std::uint32_t v = 0; v < n; ++v) {
        if (reaches[u][v] && reaches[v][u]) together.insert(v);
      }
      expected.insert(together);
    }
    CAPTURE(round);
    const Components found = components_of(n, arcs);
    CHECK(partition(found) == expected);
    check_numbering(n, arcs, found);
  }
}

TEST_CASE("flat graph: a chain and a cycle of 300,000 vertices need no deep recursion") {
  const std::uint32_t n = 300000;
  Arcs chain;
  for (std::uint32_t v = 0; v + 1 < n; ++v) chain.emplace_back(v, v + 1);
  const Components apart = components_of(n, chain);
  CHECK(apart.count() == n);
  CHECK(apart.of[0] == n - 1);  // the first vertex is completed last
  Arcs cycle = chain;
  cycle.emplace_back(n - 1, 0);
  const Components together = components_of(n, cycle);
  CHECK(together.count() == 1);
  CHECK(together.members[0].size() == n);
}

}  // namespace
}  // namespace strikeline
