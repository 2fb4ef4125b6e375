#include <doctest/doctest.h>

#include <array>
#include <regex>
#include <set>
#include <sstream>

#include "diagnostic.h"
#include "test_support.h"
#include "text.h"

namespace strikeline {
namespace {

TEST_CASE("a diagnostic shows its place, the line, a caret under the span, notes and help") {
  testing::TempFolder temp;
  temp.write("e.yaml", "events:\n  - kind: strik\n");
  Diagnostics diagnostics;
  const std::uint32_t file = diagnostics.add_file((temp.path() / "e.yaml").string());
  Diagnostic& d = diagnostics.error(Check::schema, Location{file, 2, 11, 5}, "unknown event kind `strik`");
  d.notes.push_back(Note{{}, "did you mean `strike`?"});
  d.help = "expected one of `strike`, `talks`";
  const std::string shown = (temp.path() / "e.yaml").string();
  CHECK(format(diagnostics, d) == shown + ":2:11: error: unknown event kind `strik`\n"
                                          " 2 |   - kind: strik\n"
                                          "   |           ^~~~~\n"
                                          "note: did you mean `strike`?\n"
                                          "help: expected one of `strike`, `talks`\n");
}

TEST_CASE("a diagnostic about a whole file, or a file that has gone, has no snippet") {
  Diagnostics diagnostics;
  const std::uint32_t file = diagnostics.add_file("gone/away.yaml");
  const Diagnostic& whole = diagnostics.error(Check::file_unreadable, Location{file, 0, 0, 1}, "cannot read this file");
  CHECK(format(diagnostics, whole) == "gone/away.yaml: error: cannot read this file\n");
  const Diagnostic& line = diagnostics.warning(Check::schema, Location{file, 3, 1, 1}, "something");
  CHECK(format(diagnostics, line) == "gone/away.yaml:3:1: warning: something\n");
}

TEST_CASE("the caret is placed by characters, not bytes, and long lines are cut around it") {
  testing::TempFolder temp;
  temp.write("u.yaml", "title: \u201Cquoted\u201D x\n" + std::string("k: ") + std::string(500, 'a') + "BAD" +
                           std::string(500, 'b') + "\n");
  Diagnostics diagnostics;
  const std::uint32_t file = diagnostics.add_file((temp.path() / "u.yaml").string());
  const std::string unicode = format(diagnostics, diagnostics.error(Check::schema, Location{file, 1, 17, 1}, "x"));
  // Column 17 is the closing quotation mark: byte 17, but the 15th character.
  CHECK(unicode.find(" 1 | title: \u201Cquoted\u201D x\n   | " + std::string(14, ' ') + "^\n") != std::string::npos);
  const std::string cut = format(diagnostics, diagnostics.error(Check::schema, Location{file, 2, 504, 3}, "y"));
  CHECK(cut.find("…") != std::string::npos);
  CHECK(cut.find("aBADb") != std::string::npos);
  CHECK(cut.size() < 400);
}

TEST_CASE("nothing a terminal would act on is printed") {
  CHECK(printable("a\x1b[31mred") == "a\u241b[31mred");
  CHECK(printable("tab\there") == "tab here");
  CHECK(printable("bad\xff") == "bad\uFFFD");
  CHECK(printable("\xc2\x9b") == "\uFFFD");  // a C1 control
  CHECK(printable("caf\u00e9 \u2013 ok") == "caf\u00e9 \u2013 ok");
  CHECK(is_valid_utf8("\xed\xa0\x80") == false);  // a UTF-16 surrogate
  CHECK(is_valid_utf8("\xc0\xaf") == false);      // an overlong form
}

TEST_CASE("diagnostics sort by file, line and column, and are counted for the summary") {
  Diagnostics diagnostics;
  const std::uint32_t b = diagnostics.add_file("b.yaml");
  const std::uint32_t a = diagnostics.add_file("a.yaml");
  diagnostics.error(Check::schema, Location{b, 1, 1, 1}, "third");
  diagnostics.warning(Check::schema, Location{a, 9, 1, 1}, "second");
  diagnostics.error(Check::schema, Location{a, 2, 5, 1}, "first");
  diagnostics.sort();
  CHECK(diagnostics.all()[0].message == "first");
  CHECK(diagnostics.all()[1].message == "second");
  CHECK(diagnostics.all()[2].message == "third");
  CHECK(summarize(diagnostics) == "2 errors and 1 warning");
  CHECK(summarize(Diagnostics{}) == "no problems");
}

TEST_CASE("the check catalog has a row for every check, in order, each code its own") {
  std::set<std::string_view> codes;
  std::size_t index = 0;
  const std::regex code_shape("[a-z]+(-[a-z]+)*");
  for (const CheckInfo& check : check_catalog()) {
    CAPTURE(check.code);
    CHECK(static_cast<std::size_t>(check.check) == index++);
    CHECK(code_of(check.check) == check.code);
    CHECK(std::regex_match(std::string(check.code), code_shape));
    CHECK(codes.insert(check.code).second);
    CHECK_FALSE(check.summary.empty());
    CHECK_FALSE(check.help.empty());
  }
}

// The README's table of codes is the catalog, row for row: | `code` | summary | help |.
TEST_CASE("the README's table of diagnostic codes is the check catalog") {
  const std::string readme = testing::read_text("README.md");
  const std::regex row(R"(^\| `([a-z-]+)` \| (.+) \| (.+) \|$)");
  std::istringstream in(readme.substr(readme.find("### Diagnostic codes")));
  std::vector<std::array<std::string, 3>> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("#", 0) == 0 && !rows.empty()) break;
    std::smatch match;
    if (std::regex_match(line, match, row)) rows.push_back({match[1], match[2], match[3]});
  }
  REQUIRE(rows.size() == check_catalog().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const CheckInfo& check = check_catalog()[i];
    CAPTURE(check.code);
    CHECK(rows[i][0] == check.code);
    // Backticks in the catalog's words read as code in the README too.
    CHECK(rows[i][1] == check.summary);
    CHECK(rows[i][2] == check.help);
  }
}

}  // namespace
}  // namespace strikeline
