// The JSON contract (engine/output/export_contract.h) held on the fixture dataset
// tests/golden/json-contract, which fills every field of it: the export and three
// queries pinned byte for byte in the *.json files beside it, and every field of the
// contract written with its documented types, nothing written that is not in it.
// After a deliberate change (an added field, say), regenerate the pinned documents
// with
//   STRIKELINE_UPDATE_GOLDEN=1 build/strikeline_tests -tc='json*'
// and read the diff before committing it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "export_contract.h"
#include "test_support.h"
#include "text.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const std::string kFixture = "tests/golden/json-contract";

struct Pinned {
  std::vector<std::string> args;
  const char* expected;  // a file in kFixture
};

// `before` answers with "because" and "possibly", `causes` with chains, one of
// them too long to tell whole, an actor: filter with a note, and `before` the first
// event with no events at all.
const std::vector<Pinned> kQueries = {
    {{"query", "before ferry-strike", kFixture, "--format", "json"}, "query-before.json"},
    {{"query", "causes company-regrets", kFixture, "--format", "json"}, "query-causes.json"},
    {{"query", "actor:ferry-workers-union", kFixture, "--format", "json"}, "query-actor.json"},
    {{"query", "before pay-claim", kFixture, "--format", "json"}, "query-before-first.json"},
};
const Pinned kExport = {{"export", "--format", "json", kFixture}, "export.json"};

// The document the command writes, checked against its pinned copy.
Json pinned_document(const Pinned& pinned) {
  const auto result = testing::run_cli(pinned.args);
  const fs::path expected = fs::path(kFixture) / pinned.expected;
  CAPTURE(expected);
  CAPTURE(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.empty());
  if (std::getenv("STRIKELINE_UPDATE_GOLDEN")) std::ofstream(expected, std::ios::binary) << result.out;
  CHECK(result.out == testing::read_text(expected));
  return Json::parse(result.out);
}

std::string type_of(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer";
    case Json::value_t::number_float: return "number";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "other";
  }
}

bool allowed(std::string_view types, const std::string& type) {
  while (!types.empty()) {
    const std::size_t bar = types.find('|');
    const std::string_view one = types.substr(0, bar);
    if (one == type || (one == "number" && type == "integer")) return true;
    types = bar == std::string_view::npos ? std::string_view() : types.substr(bar + 1);
  }
  return false;
}

// The JSON types found at each path.
using Found = std::map<std::string, std::set<std::string>>;

// Every value in the document under its path as the contract writes paths; a map's
// keys (where the contract has PATH.*) become "*".
void gather(const Json& value, const std::string& path, const std::set<std::string>& maps, Found& found) {
  if (!path.empty()) found[path].insert(type_of(value));
  if (value.is_object()) {
    const bool map = maps.count(path) > 0;
    for (const auto& [key, inner] : value.items()) {
      gather(inner, (path.empty() ? "" : path + ".") + (map ? "*" : key), maps, found);
    }
  } else if (value.is_array()) {
    for (const Json& inner : value) gather(inner, path + "[]", maps, found);
  }
}

// Both ways: each field of the contract is in `documents` with only its documented
// types, and not always null; each field in `documents` is in the contract. With
// `events_filled` false, an event's own fields need only have their types: the
// export's test holds them in full, and a query's events are written by the same
// code, but few of them (the "possibly" ones) need fill every field.
void check_contract(std::span<const JsonField> fields, const std::vector<Json>& documents, bool events_filled) {
  const auto contract = json_contract(fields);
  std::set<std::string> maps;
  for (const auto& field : contract) {
    if (field.path.size() > 2 && field.path.ends_with(".*")) maps.insert(field.path.substr(0, field.path.size() - 2));
  }
  Found found;
  for (const Json& document : documents) gather(document, "", maps, found);
  std::set<std::string> documented;
  for (const auto& field : contract) {
    documented.insert(field.path);
    CAPTURE(field.path);
    CAPTURE(field.types);
    const auto types = found.find(field.path);
    if (field.of_event && !events_filled && types == found.end()) continue;
    REQUIRE_MESSAGE(types != found.end(), "a documented field is not written (renamed or dropped?)");
    for (const std::string& type : types->second) {
      CAPTURE(type);
      CHECK_MESSAGE(allowed(field.types, type), "a field is written with a type the contract does not give it");
    }
    if (field.of_event && !events_filled) continue;
    CHECK_MESSAGE(types->second != std::set<std::string>{"null"}, "the fixture never fills this field");
  }
  for (const auto& [path, types] : found) {
    CAPTURE(path);
    CHECK_MESSAGE(documented.count(path) == 1, "a field is written that export_contract.h does not document");
  }
}

TEST_CASE("json: the fixture's export and query answers match their pinned documents") {
  REQUIRE(fs::is_directory(kFixture));
  pinned_document(kExport);
  for (const Pinned& query : kQueries) pinned_document(query);
}

TEST_CASE("json: the export writes every field of its contract, with its types, and no other") {
  check_contract(kExportFields, {pinned_document(kExport)}, true);
}

TEST_CASE("json: query answers write every field of their contract, with its types, and no other") {
  std::vector<Json> answers;
  for (const Pinned& query : kQueries) answers.push_back(pinned_document(query));
  check_contract(kQueryFields, answers, false);
}

TEST_CASE("json: check's lines write every field of their contract, with its types, and no other") {
  // tests/golden/report-formats has a diagnostic of every shape (report_test.cc pins its lines).
  const auto result = testing::run_cli({"check", "--format", "json", "tests/golden/report-formats"});
  REQUIRE(result.exit_code == 1);
  std::vector<Json> lines;
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  REQUIRE(lines.size() > 1);
  check_contract(kCheckFields, lines, true);
}

TEST_CASE("json: the help of export, query and check names every field of the contract") {
  const std::string export_help = testing::run_cli({"export", "--help"}).out;
  const std::string query_help = testing::run_cli({"query", "--help"}).out;
  const std::string check_help = testing::run_cli({"check", "--help"}).out;
  auto names_every_key = [](std::span<const JsonField> fields, const std::string& help) {
    for (const JsonField& field : fields) {
      std::string_view key = field.path.substr(field.path.rfind('.') + 1);
      while (key.ends_with("[]")) key.remove_suffix(2);
      if (key == "*") continue;
      CAPTURE(field.path);
      CHECK(help.find("\"" + std::string(key) + "\"") != std::string::npos);
    }
  };
  names_every_key(kExportFields, export_help);
  names_every_key(kEventFields, export_help);
  names_every_key(kQueryFields, query_help);
  names_every_key(kCheckFields, check_help);
  // A line of help fits a terminal.
  for (const std::string& help : {export_help, query_help, check_help}) {
    std::size_t start = 0;
    while (start < help.size()) {
      const std::size_t end = help.find('\n', start);
      CHECK(display_width(help.substr(start, end - start)) <= 80);
      start = end + 1;
    }
  }
}

// The most memory, in bytes, that a child process running `strikeline ARGS` (its
// output thrown away) held at once, or 0 if it failed. A child of this process
// starts with this process's memory, so only differences between two runs mean
// anything.
std::uint64_t peak_memory_of(const std::vector<std::string>& args) {
  const pid_t child = ::fork();
  if (child < 0) return 0;
  if (child == 0) {
    std::ofstream out("/dev/null", std::ios::binary);
    std::ostringstream err;
    ::_exit(run(args, out, err));
  }
  int status = 0;
  rusage usage{};
  if (::wait4(child, &status, 0, &usage) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return 0;
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux gives KiB
}

TEST_CASE("json: export and query hold one event at a time, not every event's quoted paragraph") {
  // 60 events quoting one 1 MiB paragraph: a document built whole holds the
  // paragraph once an event, twice over (as JSON and as text), 120 MiB and more.
  constexpr std::size_t kEvents = 60;
  constexpr std::size_t kParagraph = 1u << 20;
  testing::TempFolder temp;
  temp.write("actors.yaml", "actors:\n  - id: union\n    name: A union\n    kind: union\n");
  temp.write("sources.yaml",
             "sources:\n  - id: news\n    title: News\n    publisher: A paper\n    published: \"2024-01-31\"\n"
             "    dated_by: The test's own date.\n    path: sources/news.txt\n");
  std::string paragraph;
  std::size_t words = 0;
  while (paragraph.size() < kParagraph) paragraph += "w" + std::to_string(10000000 + words++) + " ";
  paragraph += "end.\n";
  temp.write("sources/news.txt", paragraph);
  std::string events = "events:\n";
  for (std::size_t i = 0; i < kEvents; ++i) {
    const std::size_t word = 10000000 + i * (words / kEvents);
    events += "  - id: event-" + std::to_string(i) + "\n    kind: announcement\n    title: Event " + std::to_string(i) +
              "\n    date: \"2024-01-" + std::to_string(10 + i % 20) + "\"\n    actors: [union]\n"
              "    sources:\n      - source: news\n        quote: w" + std::to_string(word) + " w" +
              std::to_string(word + 1) + "\n";
  }
  temp.write("events.yaml", events);
  const std::string folder = temp.path().generic_string();
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed memory in quarantine (256 MB by default), so the
  // peaks say nothing about what the writer holds; `make test` measures them.
  MESSAGE("skipped the memory bound: built with AddressSanitizer, whose quarantine holds freed memory");
  return;
#endif

  const std::uint64_t loading = peak_memory_of({"check", folder});
  const std::uint64_t exporting = peak_memory_of({"export", "--format", "json", folder});
  const std::uint64_t querying = peak_memory_of({"query", "after event-0", folder, "--format", "json"});
  MESSAGE("peak memory: check " << loading / 1024 << " KiB, export " << exporting / 1024 << " KiB, query "
                                << querying / 1024 << " KiB");
  REQUIRE(loading > 0);
  REQUIRE(exporting > 0);
  REQUIRE(querying > 0);
  // A generous bound: a few copies of the paragraph beyond what loading takes (one
  // event's JSON and its text), against the sixty and more of a document built whole.
  CHECK(exporting < loading + 24 * kParagraph);
  CHECK(querying < loading + 24 * kParagraph);
}

}  // namespace
}  // namespace strikeline
