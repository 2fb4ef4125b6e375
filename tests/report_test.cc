// `strikeline check --format json` on tests/golden/report-formats, a dataset with
// every kind of place a diagnostic has (a note with a place and one without, help,
// a whole file, a brace in a message, characters of two, three and four bytes
// before a column), pinned beside it as check.jsonl. After a deliberate change,
// `make update-golden` rewrites the pinned file.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "diagnostic.h"
#include "export_contract.h"
#include "report_json.h"
#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const std::string kDataset = "tests/golden/report-formats";

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

TEST_CASE("check --format json on a sound dataset: no diagnostics, exit 0") {
  const std::string folder = "events/nhs-junior-doctors-2023";
  const auto json = testing::run_cli({"check", "--format", "json", folder});
  CHECK(json.exit_code == 0);
  CHECK(json.out.empty());
  CHECK(json.err.find("no problems") != std::string::npos);
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
