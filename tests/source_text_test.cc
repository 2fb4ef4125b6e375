#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

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

TEST_CASE("a byte order mark is dropped and lone CRs and CRLFs end lines as LFs do") {
  const auto bom = split_paragraphs("\xEF\xBB\xBF" "First.\nSecond.");
  REQUIRE(bom.size() == 2);
  CHECK(bom[0] == "First.");
  const auto cr = split_paragraphs("One.\rTwo.\r\rThree.\r\nFour.\r");
  REQUIRE(cr.size() == 4);
  CHECK(cr[0] == "One.");
  CHECK(cr[1] == "Two.");
  CHECK(cr[2] == "Three.");
  CHECK(cr[3] == "Four.");
}

TEST_CASE("control characters other than tab and bidirectional controls are found where they are") {
  struct Row {
    const char* text;
    char32_t code;  // 0: none
    std::size_t line, column;
  };
  const Row rows[] = {
      {"plain\ttext\r\nwith CRLF\rand CR\n", 0, 0, 0},
      {"ab\x1B[2J", 0x1B, 1, 3},
      {"one\ntwo\x07", 0x07, 2, 4},
      {"one\r\ntwo\rthr\x0B" "ee", 0x0B, 3, 4},
      {"\xC2\x9B", 0x9B, 1, 1},  // C1 control sequence introducer
      {"x\x7F", 0x7F, 1, 2},
      {"caf\u00E9 \u202Eabc", 0x202E, 1, 7},
      {"\u2066isolated\u2069", 0x2066, 1, 1},
      {"no-break\u00A0and\u200Bzero width", 0, 0, 0},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.text));
    const auto found = forbidden_character(row.text);
    REQUIRE(found.has_value() == (row.code != 0));
    if (!found) continue;
    CHECK(found->code == row.code);
    CHECK(found->line == row.line);
    CHECK(found->column == row.column);
  }
  std::string nul("a\0b", 3);
  REQUIRE(forbidden_character(nul));
  CHECK(forbidden_character(nul)->code == 0);
  CHECK(name_character(0x1B) == "U+001B ESCAPE");
  CHECK(name_character(0x202E) == "U+202E RIGHT-TO-LEFT OVERRIDE");
}

TEST_CASE("every Unicode space separator folds to a space") {
  for (const char* space : {"\u00A0", "\u1680", "\u2000", "\u2002", "\u2007", "\u2009", "\u200A", "\u202F",
                            "\u205F", "\u3000", "\t"}) {
    CAPTURE(std::string(space));
    CHECK(fold_for_quote(std::string("a") + space + space + "b" + space) == "a b");
  }
  CHECK(fold_for_quote("a\u200Bb") == "a\u200Bb");  // a zero-width space is not spacing
}

TEST_CASE("NFC and NFD spellings of the same word match") {
  CHECK(fold_for_quote("Mu\u0308nchen") == "M\u00FCnchen");
  CHECK(fold_for_quote("caf\u00E9") == "caf\u00E9");
  const auto precomposed = Paragraphs::as_given({"Strikes spread to M\u00FCnchen and Malm\u00F6 today."});
  const auto decomposed = Paragraphs::as_given({"Strikes spread to Mu\u0308nchen and Malmo\u0308 today."});
  CHECK(QuoteIndex(precomposed).find_whole_words("to Mu\u0308nchen and Malmo\u0308").paragraph == 1);
  CHECK(QuoteIndex(decomposed).find_whole_words("to M\u00FCnchen and Malm\u00F6").paragraph == 1);
  // A combining mark is part of its word: a quote may not stop before it.
  CHECK(QuoteIndex(decomposed).find_whole_words("spread to Mu").paragraph == 0);
}

TEST_CASE("a quote is at least two words and ten characters, or twenty characters without spaces") {
  CHECK_FALSE(quote_long_enough("e"));
  CHECK_FALSE(quote_long_enough("collapsed"));
  CHECK_FALSE(quote_long_enough("ike act"));
  CHECK_FALSE(quote_long_enough("a b c d"));
  CHECK_FALSE(quote_long_enough("   "));
  CHECK(quote_long_enough("strike days"));
  CHECK(quote_long_enough("The minister responded"));
  CHECK_FALSE(quote_long_enough("\u4E0A\u6D77\u7684\u5DE5\u4EBA"));
  CHECK(quote_long_enough("\u4E0A\u6D77\u7684\u5DE5\u4EBA\u4ECA\u5929\u5F00\u59CB\u7F62\u5DE5\u4E86\u4ED6\u4EEC"
                          "\u8981\u6C42\u52A0\u85AA\u5341\u5206"));
}

TEST_CASE("a quote is found only where it begins and ends on word boundaries") {
  const auto paragraphs = Paragraphs::as_given(
      {"The strikers' action was over.", "The strike action was long; strike days ended.", "\u7F62\u5DE5\u5F00\u59CB"});
  const QuoteIndex index(paragraphs);
  struct Row {
    const char* quote;
    std::size_t paragraph, inside_words;
    const char* words;
  };
  const Row rows[] = {
      {"strike action was", 2, 0, ""},
      {"ike action was", 0, 2, "strike action was"},
      {"strike action wa", 0, 2, "strike action was"},
      {"strike days", 2, 0, ""},         // inside "strikers" first, then whole in paragraph 2
      {"action was long;", 2, 0, ""},    // punctuation ends a word
      {"The strikers' action", 1, 0, ""},
      {"\u5DE5\u5F00", 3, 0, ""},         // no word boundaries within Chinese text
      {"not there at all", 0, 0, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.quote));
    const QuoteIndex::WholeWords found = index.find_whole_words(row.quote);
    CHECK(found.paragraph == row.paragraph);
    CHECK(found.inside_words == row.inside_words);
    CHECK(found.words == row.words);
  }
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

TEST_CASE("a near miss is found in one pass: the longest opening, in the first paragraph that holds it") {
  struct Case {
    std::string text;  // a paragraph a line
    std::string quote;
    std::size_t paragraph, matched;
  };
  const Case cases[] = {
      {"The union said no.\nThe union said yes to talks.\nThe union said yes to talks, twice.\n",
       "The union said yes to talks on Monday", 2, 27},
      {"Members voted to strike\nmembers voted to strike again\n", "Members voted to strike again", 1, 23},
      {"abc abc abd abc abcabd\nxyz\n", "abc abd abc abcabd!", 1, 18},
      {"short but long enough\n", "short but long enough", 1, 21},  // found whole (find() would have said so)
      {"one\ntwo\n", "three four five six", 0, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.quote);
    const auto miss = QuoteIndex(Paragraphs(c.text)).near_miss(c.quote);
    CHECK(miss.paragraph == c.paragraph);
    if (c.paragraph > 0) CHECK(miss.matched == c.matched);
  }
  // Repetitive text, the worst case for a search that starts afresh at every place:
  // a 2 MB paragraph of one letter against 100 KB quotes of it with a different end.
  const std::string source(2'000'000, 'a');
  const QuoteIndex index(Paragraphs::as_given({source}));
  for (int i = 0; i < 10; ++i) {
    const std::string quote = std::string(100'000 - static_cast<std::size_t>(i), 'a') + "b";
    const auto miss = index.near_miss(quote);
    CHECK(miss.paragraph == 1);
    CHECK(miss.matched == quote.size() - 1);
  }
}

TEST_CASE("a quote of many words spanning two paragraphs is found in linear time, at its one split") {
  // 50,000 spaces in the quote: a search of the source per space would not end.
  std::string words;
  for (int i = 0; i < 500'000; ++i) words += i ? " a" : "a";
  std::string quote;
  for (int i = 0; i < 50'000; ++i) quote += "a ";
  quote += "b c";
  const Paragraphs paragraphs(words + "\nb c d\n");
  const QuoteIndex index(paragraphs);
  CHECK(index.find(quote) == 0);
  const QuoteProblem problem = index.diagnose(quote, paragraphs);
  CHECK(problem.kind == QuoteProblem::Kind::spans_paragraphs);
  CHECK(problem.paragraph == 1);
  REQUIRE(problem.parts.size() == 2);
  CHECK(problem.parts[1] == "b c");
  // Many elisions: no split is suggested, and no search is made per part.
  std::string elided;
  for (int i = 0; i < 20'000; ++i) elided += "a ... ";
  CHECK(index.diagnose(elided, paragraphs).parts.empty());
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


// A source whose paragraphs folding would leave as they are is searched where it
// is; any other is folded first. Either way a quote is found in the same paragraph,
// and never across two.
TEST_CASE("a quote is found alike whether its source is searched as it is or folded first") {
  struct Case {
    std::string text;
    bool as_is;
  };
  const std::vector<Case> cases = {
      {"First one here.\nThe offer was rejected by members.\nLast words.\n", true},
      {"First one here.\r\nThe offer was  rejected by members.\nLast words.", false},  // two spaces
      {"First one here.\nThe offer was\trejected by members.\nLast words.\n", false},  // a tab
      {"First one here.\n  The offer was rejected by members.\nLast words.\n", false},  // indented
      {"First one here.\nThe offer was rejected by members. \nLast words.\n", false},   // a space at the end
      {"First \xE2\x80\x9Cone\xE2\x80\x9D here.\nThe offer was rejected by members.\nLast words.\n", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Paragraphs paragraphs(c.text);
    REQUIRE(paragraphs.size() == 3);
    CHECK(paragraphs[1].find("offer") != std::string_view::npos);
    CHECK(paragraphs[1].back() != '\n');
    CHECK(!paragraphs.folded_as_is().empty() == c.as_is);
    const QuoteIndex index(paragraphs);
    CHECK(index.find("The offer was rejected") == 2);
    CHECK(index.find("offer  was\nrejected by members") == 2);
    CHECK(index.find("Last words") == 3);
    CHECK(index.find("members. Last") == 0);  // not across paragraphs
    CHECK(index.find_whole_words("rejected by").paragraph == 2);
    CHECK(index.find_whole_words("ejected by").paragraph == 0);
  }
}

// All of a source's quotes looked for in one pass give what looking for each gives:
// the first occurrence on word boundaries, not one inside words before it.
TEST_CASE("quotes looked for all at once are found where each looked for alone is") {
  const Paragraphs paragraphs(
      "The strikers said the offer was unfair.\n"
      "Unfairness aside, the offer was unfairly late and the offer was unfair again.\n"
      "Talks collapsed on Friday; talks collapsed.\n");
  const QuoteIndex index(paragraphs);
  const std::vector<std::string> quotes = {
      "the offer was unfair",        // in paragraph 1, and inside "unfairly" in 2
      "offer was unfairly late",     // only in 2
      "Talks collapsed",             // twice in 3
      "talks collapsed",             // case differs: only the second
      "alks collapsed",              // only inside a word
      "the offer was unfair again",  // 2, after an occurrence inside a word
      "short",                       // under 8 bytes: left to its own search
      "nowhere in the text at all",
      "the offer was unfair",        // the same quote twice
  };
  std::vector<std::string> folded;
  for (const std::string& q : quotes) folded.push_back(fold_for_quote(q));
  const std::vector<std::string_view> views(folded.begin(), folded.end());
  const std::vector<std::size_t> found = index.find_many_whole_words(views);
  REQUIRE(found.size() == quotes.size());
  const std::vector<std::size_t> expected = {1, 2, 3, 3, 0, 2, 0, 0, 1};
  for (std::size_t k = 0; k < quotes.size(); ++k) {
    CAPTURE(quotes[k]);
    CHECK(found[k] == expected[k]);
    CHECK(index.find_whole_words_folded(folded[k]).paragraph == (quotes[k] == "short" ? 0 : expected[k]));
  }
}

}  // namespace
}  // namespace strikeline
