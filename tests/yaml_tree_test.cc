#include <doctest/doctest.h>

#include <algorithm>

#include "yaml_tree.h"

namespace strikeline {
namespace {

struct Parsed {
  bool ok;
  YamlDocument document;
  Diagnostics diagnostics;
};

Parsed parse(std::string_view text) {
  Parsed p;
  const std::uint32_t file = p.diagnostics.add_file("t.yaml");
  p.ok = parse_yaml(text, file, p.document, p.diagnostics);
  return p;
}

TEST_CASE("values keep their 1-based line and column") {
  const Parsed p = parse("events:\n  - id: talks\n    title: \"Talks collapse\"\n");
  REQUIRE(p.ok);
  CHECK(p.diagnostics.all().empty());
  const YamlNode* events = p.document.root.find("events");
  REQUIRE(events);
  REQUIRE(events->is_sequence());
  const YamlNode& first = events->children.at(0);
  const YamlNode* id = first.find("id");
  REQUIRE(id);
  CHECK(id->value == "talks");
  CHECK(id->line == 2);
  CHECK(id->column == 9);
  CHECK_FALSE(id->quoted);
  const YamlNode* title = first.find("title");
  REQUIRE(title);
  CHECK(title->quoted);
  CHECK(title->column == 12);
  CHECK(location_of(0, *title).length == 16);  // the quotes are under the caret too
}

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema; quoted ones are text") {
  struct Row {
    const char* yaml;
    ScalarKind kind;
  };
  const Row rows[] = {
      {"v: 2023", ScalarKind::integer},     {"v: -12", ScalarKind::integer},   {"v: 0x1F", ScalarKind::integer},
      {"v: 0o17", ScalarKind::integer},     {"v: 1.5", ScalarKind::number},    {"v: 1e3", ScalarKind::number},
      {"v: .inf", ScalarKind::number},      {"v: true", ScalarKind::boolean},  {"v: False", ScalarKind::boolean},
      {"v: ~", ScalarKind::null},           {"v: null", ScalarKind::null},     {"v:", ScalarKind::null},
      {"v: yes", ScalarKind::text},         {"v: 2023-12-21", ScalarKind::text}, {"v: '2023'", ScalarKind::text},
      {"v: \"true\"", ScalarKind::text},    {"v: 0x", ScalarKind::text},       {"v: 1.2.3", ScalarKind::text},
  };
  for (const Row& row : rows) {
    CAPTURE(row.yaml);
    const Parsed p = parse(row.yaml);
    REQUIRE(p.ok);
    const YamlNode* v = p.document.root.find("v");
    REQUIRE(v);
    CHECK(scalar_kind(*v) == row.kind);
  }
}

// Valid YAML that records must not use, each refused with its own message.
TEST_CASE("anchors, aliases, tags, merge keys, duplicate keys and second documents are refused") {
  struct Row {
    const char* yaml;
    Check check;
    const char* message;
    std::uint32_t line, column;
  };
  const Row rows[] = {
      {"a: &x 1\nb: 2\n", Check::yaml_unsupported, "anchors (`&name`) are not supported", 1, 4},
      {"a: &x 1\nb: *x\n", Check::yaml_unsupported, "aliases (`*name`) are not supported", 2, 4},
      {"a: &x [1, *x]\n", Check::yaml_unsupported, "aliases (`*name`) are not supported", 1, 11},
      {"a: !!python/object:os.system x\n", Check::yaml_unsupported,
       "YAML tags such as `!!python/object:os.system` are not supported", 1, 4},
      {"a: !custom x\n", Check::yaml_unsupported, "YAML tags such as `!custom` are not supported", 1, 4},
      {"a: 1\n<<: {b: 2}\n", Check::yaml_unsupported, "merge keys (`<<`) are not supported", 2, 1},
      {"id: a\nid: b\n", Check::duplicate_key, "duplicate key `id`", 2, 1},
      {"a: 1\n---\nb: 2\n", Check::yaml_unsupported, "a second YAML document in the same file", 2, 1},
      {"? [a, b]\n: c\n", Check::yaml_unsupported, "a mapping key must be plain text", 1, 3},
  };
  for (const Row& row : rows) {
    CAPTURE(row.yaml);
    const Parsed p = parse(row.yaml);
    // An alias comes with the anchor it names: find this row's own diagnostic.
    const auto& all = p.diagnostics.all();
    auto it = std::find_if(all.begin(), all.end(), [&](const Diagnostic& d) { return d.message == row.message; });
    REQUIRE(it != all.end());
    const Diagnostic& d = *it;
    CHECK(d.check == row.check);
    CHECK(d.message == row.message);
    CHECK(d.where.line == row.line);
    CHECK(d.where.column == row.column);
  }
}

TEST_CASE("a duplicate key points back at the first one") {
  const Parsed p = parse("title: a\nkind: b\ntitle: c\n");
  REQUIRE(p.diagnostics.all().size() == 1);
  const Diagnostic& d = p.diagnostics.all().front();
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "first defined here");
  CHECK(d.notes[0].where.line == 1);
}

TEST_CASE("text that is not YAML, or not UTF-8, is refused with a place and a reason") {
  struct Row {
    std::string text;
    const char* message;
    std::uint32_t line, column;
  };
  const Row rows[] = {
      {"a: [1, 2\nb: 3\n", "a `[` list is not closed before this point", 2, 2},
      {"a: \"never closed\nb: 3\n", "this quotation mark is never closed", 1, 4},
      {"a: 'never closed\n", "this quotation mark is never closed", 1, 4},
      {"a: 1\n\tb: 2\n", "a tab character in the indentation of `b:`", 2, 1},
      {"a: b\xff\n", "the file is not valid UTF-8", 1, 5},
      {std::string("a: b\0c\n", 7), "the file contains a NUL byte", 1, 5},
      {"\xff\xfe" "a\0:\0", "the file is UTF-16 text", 1, 1},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const Parsed p = parse(row.text);
    CHECK_FALSE(p.ok);
    REQUIRE(!p.diagnostics.all().empty());
    const Diagnostic& d = p.diagnostics.all().front();
    CHECK(d.message == row.message);
    CHECK(d.where.line == row.line);
    CHECK(d.where.column == row.column);
  }
}

// A record, as in an events file, with one key moved to `indent` spaces.
std::string record_with_title_at(std::size_t indent) {
  return "events:\n  - id: a\n    kind: talks\n    title: A\n  - id: b\n    kind: talks\n" + std::string(indent, ' ') +
         "title: B\n    date: 2023-12\n  - id: c\n    kind: talks\n";
}

TEST_CASE("a key indented less than its siblings is one error at the key, saying how far to indent it") {
  struct Row {
    std::string text;
    std::uint32_t line, column;
    const char* message;
    const char* help;
    std::uint32_t sibling_line;  // where the note points
  };
  const Row rows[] = {
      {record_with_title_at(3), 7, 4, "`title` is indented by 3 spaces, but the other keys of its mapping are indented by 4",
       "indent `title:` by 4 spaces, like `kind:`", 6},
      {record_with_title_at(2), 7, 3, "`title` is indented by 2 spaces, but the other keys of its mapping are indented by 4",
       "indent `title:` by 4 spaces, like `kind:`", 6},
      {record_with_title_at(1), 7, 2, "`title` is indented by 1 space, but the other keys of its mapping are indented by 4",
       "indent `title:` by 4 spaces, like `kind:`", 6},
      // A key of a citation, inside a record.
      {"events:\n  - id: a\n    sources:\n      - source: s\n       quote: q\n    title: T\n", 5, 8,
       "`quote` is indented by 7 spaces, but the other keys of its mapping are indented by 8",
       "indent `quote:` by 8 spaces, like `source:`", 4},
      // A key not indented at all between keys that are: it is the one out of line.
      {record_with_title_at(0), 7, 1, "`title` is not indented, but the keys around it are indented by 4",
       "indent `title:` by 4 spaces, like `date:`", 8},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const Parsed p = parse(row.text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.all().size() == 1);
    const Diagnostic& d = p.diagnostics.all().front();
    CHECK(d.check == Check::yaml_syntax);
    CHECK(d.where.line == row.line);
    CHECK(d.where.column == row.column);
    CHECK(d.message == row.message);
    CHECK(d.help == row.help);
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].where.line == row.sibling_line);
  }
}

TEST_CASE("a tab before a key says how the key above it is indented") {
  const Parsed p = parse("events:\n  - id: a\n    kind: talks\n\ttitle: T\n");
  REQUIRE(p.diagnostics.all().size() == 1);
  const Diagnostic& d = p.diagnostics.all()[0];
  CHECK(d.message == "a tab character in the indentation of `title:`");
  CHECK(d.help == "indent `title:` with spaces; YAML does not allow tabs there (`kind:` above it is indented by 4 spaces)");
}

TEST_CASE("a tab that yaml-cpp reads as a broken mapping is still named as a tab, and cuts its record short") {
  // yaml-cpp says "end of map not found" here, not "illegal tab".
  const Parsed p = parse("events:\n  - id: a\n    kind: ballot\n\tstatus: result\n    actors: [x]\n");
  REQUIRE(p.diagnostics.all().size() == 1);
  const Diagnostic& d = p.diagnostics.all()[0];
  CHECK(d.message == "a tab character in the indentation of `status:`");
  CHECK(d.where.line == 4);
  CHECK(d.where.column == 1);
}

TEST_CASE("a list item in the wrong column keeps the message about lining up the `-`") {
  const Parsed p = parse("events:\n  - id: a\n    kind: talks\n   - id: b\n");
  REQUIRE(p.diagnostics.all().size() == 1);
  CHECK(p.diagnostics.all()[0].message == "the indentation does not fit the list it is in");
}

// What a stream hands over: ids taken whole, and ids of records cut short.
struct Streamed {
  std::vector<std::string> taken, cut;
};

Streamed stream(std::string_view text) {
  Streamed out;
  Diagnostics diagnostics;
  YamlDocument document;
  auto id_of = [](const YamlNode& record) {
    const YamlNode* id = record.find("id");
    return id ? id->value : std::string("?");
  };
  const RecordStream records{"events", [&](YamlNode&& r, std::size_t) { out.taken.push_back(id_of(r)); },
                             [&](YamlNode&& r, std::size_t) { out.cut.push_back(id_of(r)); }};
  parse_yaml(text, diagnostics.add_file("t.yaml"), document, diagnostics, &records);
  return out;
}

TEST_CASE("a record that a syntax error cut short is handed over as cut, the records before it whole") {
  struct Row {
    std::string text;
    std::vector<std::string> taken, cut;
  };
  const Row rows[] = {
      {record_with_title_at(4), {"a", "b", "c"}, {}},
      {record_with_title_at(3), {"a"}, {"b"}},
      {record_with_title_at(1), {"a"}, {"b"}},
      // A key at the top level is valid; the record's next key then fits nowhere.
      {record_with_title_at(0), {"a"}, {"b"}},
      // A `-` in the wrong column starts another record: the one before it is whole.
      {"events:\n  - id: a\n    kind: talks\n   - id: b\n", {"a"}, {}},
      // An error inside a record stops it being handed over at all.
      {"events:\n  - id: a\n  - id: b\n    actors: [x\n    title: T\n", {"a"}, {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const Streamed s = stream(row.text);
    CHECK(s.taken == row.taken);
    CHECK(s.cut == row.cut);
  }
}

TEST_CASE("a quotation mark closed on a later line, or escaped inside, is not reported") {
  CHECK(parse("a: \"two\n  lines\"\n").diagnostics.all().empty());
  CHECK(parse("a: \"say \\\"hi\\\"\"\n").diagnostics.all().empty());
  CHECK(parse("a: 'it''s'\n").diagnostics.all().empty());
}

TEST_CASE("nesting deeper than the limit is reported once and not kept") {
  std::string deep = std::string(200, '[') + std::string(200, ']');
  const Parsed p = parse("a: " + deep + "\n");
  std::size_t depth_errors = 0;
  for (const Diagnostic& d : p.diagnostics.all()) depth_errors += d.message.find("nested more than") != std::string::npos;
  CHECK(depth_errors == 1);
  std::size_t depth = 0;
  for (const YamlNode* node = &p.document.root; node && !node->children.empty(); node = &node->children.back()) ++depth;
  CHECK(depth <= kMaxYamlDepth + 1);
}

TEST_CASE("an empty file or one with only comments has no document") {
  CHECK(parse("").document.empty);
  CHECK(parse("# just a comment\n").document.empty);
  CHECK_FALSE(parse("a: 1\n").document.empty);
}

TEST_CASE("a scalar is verbatim when its bytes on one line are its value, so a fix may replace them") {
  struct Row {
    const char* yaml;
    bool verbatim;
  };
  const Row rows[] = {
      {"a: plain text", true},
      {"a: \"double quoted\"", true},
      {"a: 'single quoted'", true},
      {"a: [x, flow-item]", true},
      {"a: \"with \\x2D escape\"", false},
      {"a: 'it''s'", false},
      {"a: plain\n  over two lines", false},
      {"a: \"quoted\n  over two lines\"", false},
      {"a: >-\n  folded", false},
      {"a: |-\n  literal", false},
      {"a: Grève “générale”", true},
  };
  for (const Row& row : rows) {
    CAPTURE(row.yaml);
    const Parsed p = parse(row.yaml);
    REQUIRE(p.ok);
    const YamlNode* a = p.document.root.find("a");
    REQUIRE(a);
    const YamlNode& value = a->is_sequence() ? a->children.back() : *a;
    CHECK(value.verbatim == row.verbatim);
  }
}

}  // namespace
}  // namespace strikeline
