// `before X` and `after X`: which events the dates and links together put
// certainly before or after an event, and the link, chain or dates that do.
//
// Works on the constraints of reason.h (vertex 2i is event i's start, 2i + 1 its
// end, each constraint u ≤ v). E is certainly before X when
//   - E's end reaches X's start through constraints (links of any type, chained), or
//   - E led to X through a chain of causal links (it started no later than X), or
//   - E's inferred latest day is before X's inferred earliest day;
// and certainly after X symmetrically (X's end reaches E's start; X led to E; E's
// earliest day is after X's latest). Two breadth-first searches a question, each
// linear in the size of the constraint graph; a reason walks at most a few links.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph.h"
#include "model.h"
#include "reason.h"

namespace strikeline {

struct CertainOrder {
  std::vector<std::uint32_t> events;  // indexes into Dataset::events, in index order
  // Per entry of `events`, why, as words to follow "because", ids in backticks:
  // "it is linked `before` `x`", "`x` led to it", "it ends by 5 December 2023, and
  // `x` starts no earlier than 6 December 2023", "it came before `a`, which led to `x`".
  std::vector<std::string> because;
};

class OrderQuestions {
 public:
  OrderQuestions(const Dataset& dataset, const DisputeGraph& graph);

  CertainOrder before(std::uint32_t x) const;
  CertainOrder after(std::uint32_t x) const;

 private:
  CertainOrder certain(std::uint32_t x, bool before) const;
  // Breadth-first search from `seed`, along the constraints (forward) or against
  // them; per vertex, the constraint it was first reached by (-1 the seed, -2 not
  // reached).
  std::vector<std::int32_t> search(std::uint32_t seed, bool forward, bool causal_only) const;
  std::string chain(std::uint32_t from_vertex, const std::vector<std::int32_t>& via, bool before,
                    std::uint32_t x) const;
  std::string direct(std::uint32_t event, std::int32_t constraint, bool before, std::uint32_t x) const;
  bool is_causal(const Constraint& c) const;

  const Dataset& dataset_;
  const DisputeGraph& graph_;
  std::vector<Constraint> constraints_;
  // Constraints by vertex, flat: out_[out_first_[v] .. out_first_[v + 1]) leave v.
  std::vector<std::uint32_t> out_first_, out_, in_first_, in_;
};

}  // namespace strikeline
