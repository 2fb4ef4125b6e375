// The JSON contract (engine/export_contract.h) held on the fixture dataset
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

#include <nlohmann/json.hpp>

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
// them too long to tell whole, and an actor: filter with a note.
const std::vector<Pinned> kQueries = {
    {{"query", "before ferry-strike", kFixture, "--format", "json"}, "query-before.json"},
    {{"query", "causes company-regrets", kFixture, "--format", "json"}, "query-causes.json"},
    {{"query", "actor:ferry-workers-union", kFixture, "--format", "json"}, "query-actor.json"},
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

TEST_CASE("json: the help of export and query names every field of the contract") {
  const std::string export_help = testing::run_cli({"export", "--help"}).out;
  const std::string query_help = testing::run_cli({"query", "--help"}).out;
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
  // A line of help fits a terminal.
  for (const std::string& help : {export_help, query_help}) {
    std::size_t start = 0;
    while (start < help.size()) {
      const std::size_t end = help.find('\n', start);
      CHECK(display_width(help.substr(start, end - start)) <= 80);
      start = end + 1;
    }
  }
}

}  // namespace
}  // namespace strikeline
