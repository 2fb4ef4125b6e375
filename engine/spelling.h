// "Did you mean": the known name closest to what was typed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strikeline {

// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate nearest to `typed` within `max_distance` edits (3 by default,
// less for very short words so that "a" does not suggest "b"); ties go to the
// earliest candidate so that the suggestion is stable.
std::optional<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates,
                                   std::size_t max_distance = 3);

// Something named by an id and perhaps by other names: an actor's name and short
// name, a source's title and publisher.
struct Named {
  std::string id;
  std::vector<std::string> names;
};

// The ids that `typed` most likely means, best first, at most three; ignoring case:
// those whose id or a name is `typed` (`BMA`, "British Medical Association" mean
// `bma`); else those whose id and names hold every word of it (`atkins` means
// `victoria-atkins`); else the one nearest by spelling among ids and names.
std::vector<std::string> suggest_ids(std::string_view typed, const std::vector<Named>& named);

}  // namespace strikeline
