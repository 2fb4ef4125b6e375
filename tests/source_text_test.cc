#include <doctest/doctest.h>

#include <set>

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

const Paragraphs kArticle = Paragraphs::as_given({
    "Talks between the union and the government collapsed earlier this month.",
    "Junior doctors will hold a 72-hour strike from 20 December, the union said.",
    "The health secretary called the strike \u2018disappointing\u2019 and said the government's offer was fair.",
});

TEST_CASE("a quote joined across two paragraphs, or with words left out, is split into the parts the source holds") {
  using Kind = QuoteProblem::Kind;
  struct Row {
    const char* quote;
    Kind kind;
    std::size_t paragraph;
    std::vector<std::string> parts;
    const char* elision;
  };
  const Row rows[] = {
      {"collapsed earlier this month. Junior doctors will hold", Kind::spans_paragraphs, 1,
       {"collapsed earlier this month.", "Junior doctors will hold"}, ""},
      // Spacing is folded, and the parts are shown as written.
      {"  this\u00A0month.\n   Junior \u201Cdoctors\u201D", Kind::none, 0, {}, ""},
      {"this month.   Junior doctors", Kind::spans_paragraphs, 1, {"this month.", "Junior doctors"}, ""},
      {"union said. The health secretary", Kind::spans_paragraphs, 2, {"union said.", "The health secretary"}, ""},
      {"Junior doctors ... from 20 December", Kind::elision, 2, {"Junior doctors", "from 20 December"}, "..."},
      {"Junior doctors \u2026 from 20 December", Kind::elision, 2, {"Junior doctors", "from 20 December"}, "\u2026"},
      {"Junior doctors [...] strike [\u2026] the union said", Kind::elision, 2,
       {"Junior doctors", "strike", "the union said"}, "[...]"},
      {"... the union said", Kind::elision, 2, {"the union said"}, "..."},
      {"Junior doctors .... from 20 December", Kind::elision, 2, {"Junior doctors", "from 20 December"}, "..."},
      // Words left out, but the parts are not in the source either: no split to offer.
      {"Nurses ... from 20 December", Kind::elision, 0, {}, "..."},
      {"Entirely different words", Kind::none, 0, {}, ""},
      // Two paragraphs, but not where one ends and the next starts.
      {"collapsed earlier. Junior doctors", Kind::none, 0, {}, ""},
  };
  const QuoteIndex index(kArticle);
  for (const Row& row : rows) {
    CAPTURE(row.quote);
    CHECK(index.find(row.quote) == 0);
    const QuoteProblem problem = index.diagnose(row.quote, kArticle);
    CHECK(problem.kind == row.kind);
    CHECK(problem.paragraph == row.paragraph);
    CHECK(problem.parts == row.parts);
    CHECK(problem.elision == row.elision);
  }
}

TEST_CASE("a quote that differs from its source only by look-alike characters names each of them") {
  struct Row {
    const char* quote;
    std::size_t paragraph;
    std::vector<std::pair<char32_t, char32_t>> differences;
  };
  const Row rows[] = {
      {"a 72\u2013hour strike", 2, {{0x2013, U'-'}}},                 // en dash
      {"a 72\u2014hour strike", 2, {{0x2014, U'-'}}},                 // em dash
      {"a 72\u2011hour strike", 2, {{0x2011, U'-'}}},                 // non-breaking hyphen
      {"a 72\u2212hour strike", 2, {{0x2212, U'-'}}},                 // minus sign
      {"the government\u2032s offer", 3, {{0x2032, U'\''}}},          // prime
      {"the government\u02BCs offer", 3, {{0x02BC, U'\''}}},          // modifier letter apostrophe
      {"Junior d\u043Ectors will hold \u0430 72", 2, {{0x043E, U'o'}, {0x0430, U'a'}}},  // Cyrillic letters
      {"\u0422alks between", 1, {{0x0422, U'T'}}},
      {"from 20\u2009December", 0, {}},  // a thin space is spacing, which may differ: no look-alike
      {"\u201Cdisappointing\u201D", 0, {}},  // a curly quotation mark for another is no look-alike
  };
  const QuoteIndex index(kArticle);
  for (const Row& row : rows) {
    CAPTURE(std::string(row.quote));
    const QuoteProblem problem = index.diagnose(row.quote, kArticle);
    CHECK(problem.kind == (row.paragraph ? QuoteProblem::Kind::look_alike : QuoteProblem::Kind::none));
    CHECK(problem.paragraph == row.paragraph);
    CHECK(problem.differences == row.differences);
  }
  // What is accepted stays accepted: curly or straight marks, a no-break space, spacing.
  CHECK(index.find("called the strike 'disappointing'\u00A0and   said the government\u2019s offer") == 3);
}

TEST_CASE("look-alike characters are described by their code point and name, each listed once") {
  CHECK(describe_character(0x2013) == "`\u2013` (U+2013 EN DASH)");
  CHECK(describe_character(U'-') == "`-` (U+002D HYPHEN-MINUS)");
  CHECK(describe_character(U'a') == "`a` (U+0061 LATIN SMALL LETTER A)");
  CHECK(describe_character(0x0430) == "`\u0430` (U+0430 CYRILLIC SMALL LETTER A)");
  CHECK(describe_character(0x00A0) == "`\u00A0` (U+00A0 NO-BREAK SPACE)");
  CHECK(describe_character(0x1F600) == "`\U0001F600` (U+1F600)");
  std::set<char32_t> seen;
  for (const LookAlike& l : look_alikes()) {
    CAPTURE(static_cast<unsigned>(l.code));
    CHECK(seen.insert(l.code).second);
    CHECK(l.looks_like < 0x80);
    CHECK(std::string(l.name).find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos);
  }
}

}  // namespace
}  // namespace strikeline
