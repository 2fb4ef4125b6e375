#include <doctest/doctest.h>

#include "source_text.h"

namespace strikeline {
namespace {

TEST_CASE("paragraphs are the non-empty lines, without line endings") {
  const auto paragraphs = split_paragraphs("First.\r\n\n   \nSecond line.\nThird");
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0] == "First.");
  CHECK(paragraphs[1] == "Second line.");
  CHECK(paragraphs[2] == "Third");
  CHECK(split_paragraphs("").empty());
}

TEST_CASE("folding for quotes evens out whitespace and typographic quotation marks, nothing else") {
  struct Row {
    const char* text;
    const char* folded;
  };
  const Row rows[] = {
      {"  a   b\t\tc  ", "a b c"},
      {"\u2018fair\u2019 and \u201Creasonable\u201D", "'fair' and \"reasonable\""},
      {"no\u00A0break", "no break"},
      {"en \u2013 dash", "en \u2013 dash"},  // dashes carry meaning and are kept
      {"Case Kept", "Case Kept"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(fold_for_quote(row.text) == row.folded);
  }
}

TEST_CASE("a quote is found in the first paragraph that holds it") {
  const QuoteIndex index(Paragraphs::as_given({"She said \u2018sit around the table\u2019.", "Repeated caption.", "Repeated caption."}));
  CHECK(index.find("said 'sit around   the table'") == 1);
  CHECK(index.find("Repeated caption") == 2);
  CHECK(index.find("not there") == 0);
  CHECK(index.find("") == 0);
  CHECK(index.find("table'. Repeated") == 0);  // a quote never spans two paragraphs
}

TEST_CASE("a near miss says where the quote and the source part") {
  const QuoteIndex index(Paragraphs::as_given({"Talks between the union and the government collapsed earlier this month."}));
  const auto miss = index.near_miss("Talks between the union and the government collapsed last week");
  CHECK(miss.paragraph == 1);
  CHECK(miss.matched == 53);
  CHECK(miss.quote_goes_on == "last week");
  CHECK(miss.source_goes_on == "earlier this month.");
  CHECK(index.near_miss("Entirely different words").paragraph == 0);
}

}  // namespace
}  // namespace strikeline
