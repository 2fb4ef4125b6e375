#include "spelling.h"

#include <algorithm>
#include <cctype>
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

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Lowercase words: runs of letters and digits (and any non-ASCII byte).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

constexpr std::size_t kMostSuggested = 3;

}  // namespace

std::vector<std::string> suggest_ids(std::string_view typed, const std::vector<Named>& named) {
  std::vector<std::string> out;
  const std::string wanted = lowercase(typed);
  auto add = [&](const std::string& id) {
    if (out.size() < kMostSuggested && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const Named& n : named) {
    if (lowercase(n.id) == wanted) add(n.id);
    for (const std::string& name : n.names) {
      if (lowercase(name) == wanted) add(n.id);
    }
  }
  if (!out.empty()) return out;
  const std::vector<std::string> typed_words = words_of(typed);
  if (!typed_words.empty()) {
    for (const Named& n : named) {
      std::vector<std::string> words = words_of(n.id);
      for (const std::string& name : n.names) {
        const std::vector<std::string> more = words_of(name);
        words.insert(words.end(), more.begin(), more.end());
      }
      if (std::all_of(typed_words.begin(), typed_words.end(), [&](const std::string& w) {
            return std::find(words.begin(), words.end(), w) != words.end();
          })) {
        add(n.id);
      }
    }
  }
  if (!out.empty()) return out;
  std::vector<std::string> spellings;
  std::vector<const std::string*> ids;  // the id each spelling names
  for (const Named& n : named) {
    spellings.push_back(lowercase(n.id));
    ids.push_back(&n.id);
    for (const std::string& name : n.names) {
      spellings.push_back(lowercase(name));
      ids.push_back(&n.id);
    }
  }
  if (auto nearest = closest(wanted, spellings)) {
    const auto at = std::find(spellings.begin(), spellings.end(), *nearest) - spellings.begin();
    add(*ids[static_cast<std::size_t>(at)]);
  }
  return out;
}

}  // namespace strikeline
