#include <doctest/doctest.h>

#include "spelling.h"

namespace strikeline {
namespace {

TEST_CASE("edit distance counts insertions, deletions and substitutions, and stops at the limit") {
  struct Row {
    const char* a;
    const char* b;
    std::size_t limit;
    std::size_t expected;
  };
  const Row rows[] = {
      {"strike", "strike", 3, 0}, {"strik", "strike", 3, 1},   {"stirke", "strike", 3, 2},
      {"", "abc", 3, 3},          {"kitten", "sitting", 3, 3}, {"talks", "statement", 3, 4},
      {"a", "abcdefgh", 3, 4},    {"dhcs", "dhsc", 3, 2},
  };
  for (const Row& row : rows) {
    CAPTURE(row.a);
    CAPTURE(row.b);
    CHECK(edit_distance(row.a, row.b, row.limit) == row.expected);
    CHECK(edit_distance(row.b, row.a, row.limit) == row.expected);
  }
}

TEST_CASE("closest suggests a near name, never a distant one or the word itself") {
  const std::vector<std::string> kinds = {"strike", "talks", "offer", "statement", "ballot"};
  CHECK(closest("strik", kinds) == "strike");
  CHECK(closest("ballott", kinds) == "ballot");
  CHECK(closest("Talks", kinds) == "talks");
  CHECK_FALSE(closest("weather", kinds).has_value());
  CHECK_FALSE(closest("strike", kinds).has_value());
  CHECK_FALSE(closest("ab", {"xy"}).has_value());  // two changes in two letters is no typo
  CHECK(closest("--ouput", {"-o", "--output", "--format"}) == "--output");
}

}  // namespace
}  // namespace strikeline
