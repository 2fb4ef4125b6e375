#include "spelling.h"

#include <algorithm>
#include <numeric>

namespace strikeline {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > limit) return limit + 1;
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t row_best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      row_best = std::min(row_best, row[j]);
    }
    if (row_best > limit) return limit + 1;
  }
  return std::min(row[b.size()], limit + 1);
}

std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates,
                                   std::size_t max_distance) {
  // A suggestion must share more than it changes: "ab" is not a typo of "xy".
  const std::size_t allowed = std::min(max_distance, std::max<std::size_t>(typed.size() / 2, 1));
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == typed) continue;
    const std::size_t d = edit_distance(typed, candidate, allowed);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace strikeline
