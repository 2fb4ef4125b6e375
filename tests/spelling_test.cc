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

TEST_CASE("ids are suggested from their names and short names, from words of them, and by spelling") {
  const std::vector<Named> actors = {
      {"bma", {"British Medical Association", "BMA"}},
      {"victoria-atkins", {"Victoria Atkins", ""}},
      {"junior-doctors-england", {"Junior doctors in England", ""}},
      {"junior-doctors-wales", {"Junior doctors in Wales", ""}},
  };
  struct Row {
    const char* typed;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"BMA", {"bma"}},                                      // the short name, or the id in capitals
      {"British Medical Association", {"bma"}},              // the name
      {"british medical association", {"bma"}},              // case does not matter
      {"atkins", {"victoria-atkins"}},                       // a word of the id and the name
      {"Victoria", {"victoria-atkins"}},
      {"Medical Association", {"bma"}},                      // every word in the name
      {"junior", {"junior-doctors-england", "junior-doctors-wales"}},
      {"junior wales", {"junior-doctors-wales"}},
      {"bmaa", {"bma"}},                                     // spelling
      {"Victoria Atkin", {"victoria-atkins"}},
      {"xyzzy", {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.typed);
    CHECK(suggest_ids(row.typed, actors) == row.expected);
  }
}

}  // namespace
}  // namespace strikeline
