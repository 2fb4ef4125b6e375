// `strikeline check --format json` and `--format sarif` on tests/golden/report-formats,
// a dataset with every kind of place a diagnostic has (a note with a place and one
// without, help, a whole file, a brace in a message, characters of two, three and
// four bytes before a column), pinned beside it as check.jsonl and check.sarif; and
// a hand-made set of diagnostics with what no check makes today (a warning, a file
// that has gone, a note without a file), pinned as tests/sarif/constructed.sarif.
// tests/sarif_schema_test.py validates every SARIF log here against the standard's
// schema. After a deliberate change, `make update-golden` rewrites the pinned files.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "diagnostic.h"
#include "export_contract.h"
#include "report_json.h"
#include "report_sarif.h"
#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const std::string kDataset = "tests/golden/report-formats";

// SARIF names the dataset folder by its absolute file URI, which differs from machine
// to machine: pinned as file:///$DATASET/ once checked.
Json with_folder_pinned(Json log) {
  Json& base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  const std::string uri = base.get<std::string>();
  CHECK(uri.rfind("file:///", 0) == 0);
  CHECK(uri.ends_with("/" + kDataset + "/"));
  base = "file:///$DATASET/";
  return log;
}

void check_pinned(const std::string& actual, const fs::path& expected) {
  CAPTURE(expected);
  if (std::getenv("STRIKELINE_UPDATE_GOLDEN")) std::ofstream(expected, std::ios::binary) << actual;
  CHECK(actual == testing::read_text(expected));
}

std::vector<Json> json_lines(const std::string& text) {
  std::vector<Json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  return lines;
}

TEST_CASE("check --format json: a line a diagnostic, in the text report's order, pinned") {
  const auto json = testing::run_cli({"check", "--format", "json", kDataset});
  const auto text = testing::run_cli({"check", kDataset});
  CHECK(json.exit_code == 1);
  CHECK(json.exit_code == text.exit_code);
  // The count is on standard error, as the text report's; standard output is the report.
  CHECK(json.err == kDataset + ": 6 errors\n");
  check_pinned(json.out, fs::path(kDataset) / "check.jsonl");
  const std::vector<Json> lines = json_lines(json.out);
  REQUIRE(lines.size() == 6);
  // Each diagnostic heads the text report in the same order, by the same place.
  std::size_t at = 0;
  for (const Json& line : lines) {
    std::string heading = line["file"].get<std::string>();
    if (!line["line"].is_null()) {
      heading += ":" + std::to_string(line["line"].get<int>()) + ":" + std::to_string(line["column"].get<int>());
    }
    heading += ": " + line["severity"].get<std::string>() + ": ";
    CAPTURE(heading);
    const std::size_t found = text.err.find(heading, at);
    CHECK(found != std::string::npos);
    at = found == std::string::npos ? at : found;
  }
  // The whole file's problem has no line; the unknown kind's span ends after `strik`,
  // counted in bytes past `è`, `—`, `🚩` and `é`.
  CHECK(lines[0]["file"] == kDataset + "/empty.yaml");
  CHECK(lines[0]["line"].is_null());
  CHECK(lines[0]["end"].is_null());
  bool found_kind = false;
  for (const Json& line : lines) {
    if (line["message"].get<std::string>().find("`strik`") == std::string::npos) continue;
    found_kind = true;
    const std::string events = testing::read_text(fs::path(kDataset) / "events.yaml");
    const std::size_t line_start = events.rfind('\n', events.find("kind: strik,")) + 1;
    const int byte_column = static_cast<int>(events.find("strik,", line_start) - line_start) + 1;
    CHECK(line["column"] == byte_column);
    CHECK(line["end"]["column"] == byte_column + 5);
  }
  CHECK(found_kind);
}

TEST_CASE("check --format sarif: one log, pinned, each region in UTF-16 code units") {
  const auto r = testing::run_cli({"check", "--format", "sarif", kDataset});
  CHECK(r.exit_code == 1);
  CHECK(r.err == kDataset + ": 6 errors\n");
  const Json log = with_folder_pinned(Json::parse(r.out));
  check_pinned(log.dump(2) + "\n", fs::path(kDataset) / "check.sarif");

  const Json& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "strikeline");
  CHECK(run["columnKind"] == "utf16CodeUnits");
  const Json& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == check_catalog().size());
  const Json& results = run["results"];
  REQUIRE(results.size() == 6);
  for (const Json& result : results) {
    CAPTURE(result.dump());
    CHECK(rules[result["ruleIndex"].get<std::size_t>()]["id"] == result["ruleId"]);
    for (const Json& location : result["locations"]) {
      CHECK(location["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
      const std::string uri = location["physicalLocation"]["artifactLocation"]["uri"];
      CHECK(uri.find('/') == std::string::npos);  // relative to the dataset folder
    }
  }
  // The whole file has a location without a region.
  CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "empty.yaml");
  CHECK_FALSE(results[0]["locations"][0]["physicalLocation"].contains("region"));
  // `strik` after `Grève — 🚩 des médecins`: è and é are one UTF-16 unit each (two
  // bytes), — one (three bytes), 🚩 two (four bytes): 1 + 1 + 2 + 2 = 6 less than bytes.
  bool found_kind = false;
  for (const Json& result : results) {
    if (result["message"]["text"].get<std::string>().find("`strik`") == std::string::npos) continue;
    found_kind = true;
    const std::string events = testing::read_text(fs::path(kDataset) / "events.yaml");
    const std::size_t line_start = events.rfind('\n', events.find("kind: strik,")) + 1;
    const int byte_column = static_cast<int>(events.find("strik,", line_start) - line_start) + 1;
    const Json& region = result["locations"][0]["physicalLocation"]["region"];
    CHECK(region["startColumn"] == byte_column - 6);
    CHECK(region["endColumn"] == byte_column - 6 + 5);
    CHECK(region["startLine"] == region["endLine"]);
  }
  CHECK(found_kind);
  // A brace in a message is doubled, as SARIF reads `{0}` as a placeholder.
  CHECK(r.out.find("note{{0}}") != std::string::npos);
  CHECK(r.out.find("note{0}") == std::string::npos);
}

TEST_CASE("sarif: a warning, a file that has gone and a note without a file, pinned") {
  Diagnostics diagnostics;
  const std::uint32_t events = diagnostics.add_file(kDataset + "/events.yaml");
  const std::uint32_t gone = diagnostics.add_file(kDataset + "/gone [old].yaml");
  Diagnostic& warning = diagnostics.warning(Check::bad_quote, Location{events, 17, 90, 6}, "a quote {0} cut [short](1)");
  warning.notes.push_back(Note{{}, "a note without a place"});
  warning.notes.push_back(Note{Location{gone, 2, 3, 4}, "a note in a file that has gone"});
  warning.help = "quote whole words";
  diagnostics.error(Check::yaml_syntax, Location{gone, 0, 0, 1}, "cannot read this file");
  diagnostics.error(Check::duplicate_id, Location{gone, 4, 2, 1}, "no text to count columns on");
  std::ostringstream out;
  report_sarif(diagnostics, kDataset, out);
  const Json log = with_folder_pinned(Json::parse(out.str()));
  check_pinned(log.dump(2) + "\n", "tests/sarif/constructed.sarif");
  const Json& results = log["runs"][0]["results"];
  CHECK(results[0]["level"] == "warning");
  CHECK(results[0]["relatedLocations"].size() == 1);
  CHECK(results[0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "gone%20%5Bold%5D.yaml");
  // The link to the related location escapes the brackets of its text.
  CHECK(results[0]["message"]["text"] ==
        "a quote {{0}} cut [short](1)\nnote: a note without a place\nnote: a note in a file that has gone "
        "([gone \\[old\\].yaml:2](1))\nhelp: quote whole words");
  // Without the text, a region has its line and no columns.
  CHECK(results[2]["locations"][0]["physicalLocation"]["region"] == Json{{"startLine", 4}, {"endLine", 4}});
}

TEST_CASE("sarif: a file outside the dataset folder is named by its absolute file URI") {
  Diagnostics diagnostics;
  const std::uint32_t outside = diagnostics.add_file("tests/bad/base/actors.yaml");
  diagnostics.error(Check::schema, Location{outside, 1, 1, 1}, "elsewhere");
  std::ostringstream out;
  report_sarif(diagnostics, kDataset + "/", out);
  const Json log = Json::parse(out.str());
  const Json& artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK_FALSE(artifact.contains("uriBaseId"));
  CHECK(artifact["uri"] == "file://" + uri_path(fs::absolute("tests/bad/base/actors.yaml").generic_string()));
  CHECK(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] ==
        "file://" + uri_path(fs::absolute(kDataset).generic_string()) + "/");
}

TEST_CASE("sarif columns count UTF-16 code units, and paths are percent-encoded") {
  struct Case {
    std::string text;
    std::size_t units;
  };
  const Case cases[] = {
      {"", 0},
      {"abc", 3},
      {"\u00E8", 1},           // è, two bytes
      {"\u2014", 1},           // —, three bytes
      {"\U0001F6A9", 2},       // 🚩, four bytes: a surrogate pair
      {"a\U0001F6A9b", 4},
      {"\xFF", 1},             // malformed: one U+FFFD a byte
      {"\xE2\x80", 2},         // a character cut short
      {"\xF0\x9F\x9A", 3},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(utf16_units(c.text) == c.units);
  }
  CHECK(uri_path("events/2023 dec.yaml") == "events/2023%20dec.yaml");
  CHECK(uri_path("a:b/\u00FC#%.yaml") == "a%3Ab/%C3%BC%23%25.yaml");
}

TEST_CASE("check --format json and sarif on a sound dataset: no diagnostics, exit 0") {
  const std::string folder = "events/nhs-junior-doctors-2023";
  const auto json = testing::run_cli({"check", "--format", "json", folder});
  CHECK(json.exit_code == 0);
  CHECK(json.out.empty());
  CHECK(json.err.find("no problems") != std::string::npos);
  const auto sarif = testing::run_cli({"check", "--format", "sarif", folder});
  CHECK(sarif.exit_code == 0);
  CHECK(Json::parse(sarif.out)["runs"][0]["results"] == Json::array());
}

TEST_CASE("the README shows check's JSON line as the contract has it") {
  std::string shape = "{";
  for (const std::string& member : json_shape(kCheckFields)) shape += (shape.size() > 1 ? ", " : "") + member;
  shape += "}";
  CAPTURE(shape);
  CHECK(testing::read_text("README.md").find("\n" + shape + "\n") != std::string::npos);
}

}  // namespace
}  // namespace strikeline
