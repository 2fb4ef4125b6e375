// Schema errors as a person reads them: valijson finds them, the checker says
// what is wrong in plain words and points at the exact value.
#include <doctest/doctest.h>

#include <regex>

#include "schema.h"

namespace strikeline {
namespace {

const char* const kValidEvent = R"(events:
  - id: talks-collapse
    kind: talks
    status: collapsed
    title: Talks collapse
    actors: [bma]
    sources:
      - source: sky
        quote: collapsed
)";

struct Checked {
  std::vector<bool> broken;
  Diagnostics diagnostics;
};

Checked check(FileKind kind, const std::string& yaml) {
  Checked c;
  const std::uint32_t file = c.diagnostics.add_file("e.yaml");
  YamlDocument document;
  REQUIRE(parse_yaml(yaml, file, document, c.diagnostics));
  static const SchemaChecker checker;
  c.broken = checker.check(kind, document.root, file, c.diagnostics);
  return c;
}

// Replaces the first occurrence of `from` in the valid event.
std::string with(const std::string& from, const std::string& to) {
  std::string text = kValidEvent;
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("a valid event passes its schema") {
  const Checked c = check(FileKind::events, kValidEvent);
  CHECK(c.diagnostics.all().empty());
  CHECK(c.broken == std::vector<bool>{false});
}

TEST_CASE("every unknown field of a record is reported at its key, each with its own suggestion") {
  struct Row {
    std::string yaml;
    std::vector<std::string> messages;  // in file order
    std::vector<std::uint32_t> lines;
    std::vector<std::string> notes;
  };
  const Row rows[] = {
      {with("    actors: [bma]\n", "    actors: [bma]\n    plce: London\n    nots: x\n"),
       {"unknown field `plce` in event `talks-collapse`", "unknown field `nots` in event `talks-collapse`"},
       {7, 8},
       {"did you mean `place`?", "did you mean `note`?"}},
      // Three at once, one of them in a citation.
      {with("        quote: collapsed\n", "        quote: collapsed\n        sorce: x\n    dat: 2023\n    xyzzy: red\n"),
       {"unknown field `sorce` in this source citation", "unknown field `dat` in event `talks-collapse`",
        "unknown field `xyzzy` in event `talks-collapse`"},
       {10, 11, 12},
       {"did you mean `source`?", "did you mean `date`?", ""}},
      // A misspelt required field is unknown, not also missing.
      {with("    title: Talks collapse\n", "    tittle: Talks collapse\n"),
       {"unknown field `tittle` in event `talks-collapse`"},
       {5},
       {"did you mean `title`?"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.yaml);
    Checked c = check(FileKind::events, row.yaml);
    c.diagnostics.sort();
    REQUIRE(c.diagnostics.all().size() == row.messages.size());
    for (std::size_t i = 0; i < row.messages.size(); ++i) {
      const Diagnostic& d = c.diagnostics.all()[i];
      CHECK(d.message == row.messages[i]);
      CHECK(d.where.line == row.lines[i]);
      CHECK(d.where.column == 5 + (d.message.find("citation") != std::string::npos ? 4 : 0));
      if (row.notes[i][0] != 0) {
        REQUIRE(d.notes.size() == 1);
        CHECK(d.notes[0].message == row.notes[i]);
      } else {
        CHECK(d.notes.empty());
        CHECK(d.help.find("the fields of an event are") == 0);
      }
    }
  }
}

TEST_CASE("each kind of schema error becomes one plain message at the value") {
  struct Row {
    std::string yaml;
    const char* message;
    std::uint32_t line, column;
    const char* note_or_help;  // a part of a note or of the help
  };
  const Row rows[] = {
      {with("kind: talks", "kind: tlaks"), "unknown event kind `tlaks` in event `talks-collapse`", 3, 11,
       "did you mean `talks`?"},
      {with("status: collapsed", "status: colapsed"), "unknown talks status `colapsed` in event `talks-collapse`", 4, 13,
       "did you mean `collapsed`?"},
      {with("    title: Talks collapse\n", ""), "missing field `title` in event `talks-collapse`", 2, 5,
       "add `title:`"},
      {with("    status: collapsed\n", ""), "missing field `status` in event `talks-collapse`", 2, 5,
       "every `talks` event needs `status`"},
      {with("    status: collapsed\n", ""), "missing field `status` in event `talks-collapse`", 2, 5,
       "add `status:`, one of `proposed`, `under-way`, `suspended`, `resumed`, `ended`, `collapsed`, `refused`, `agreed`"},
      {with("actors: [bma]", "actors: bma"), "expected a list for `actors`, found text in event `talks-collapse`", 6, 13,
       "for example `actors: [bma, uk-government]`"},
      {with("title: Talks collapse", "title: 2023"), "expected text for `title`, found the number 2023 in event `talks-collapse`",
       5, 12, "put it in quotes"},
      {with("title: Talks collapse", "title: true"), "expected text for `title`, found `true` (true or false) in event `talks-collapse`",
       5, 12, "put it in quotes"},
      {with("id: talks-collapse", "id: Talks Collapse"), "`Talks Collapse` is not a valid event id", 2, 9,
       "lowercase letters and digits"},
      {with("    actors:", "    atcors: [x]\n    actors:"), "unknown field `atcors` in event `talks-collapse`", 6, 5,
       "did you mean `actors`?"},
      {with("    actors:", "    weather: fine\n    actors:"), "unknown field `weather` in event `talks-collapse`", 6, 5,
       "the fields of an event are"},
      {with("title: Talks collapse", "title: \"\""), "`title` is empty in event `talks-collapse`", 5, 12, "one plain sentence"},
      {with("actors: [bma]", "actors: []"), "`actors` is empty in event `talks-collapse`", 6, 13, "actor ids"},
      {with("title: Talks collapse", "title: " + std::string(301, 'x')),
       "`title` is too long: 301 characters in event `talks-collapse`", 5, 12, "at most 300 characters"},
      {with("quote: collapsed", "quote: [collapsed]"), "expected text for `quote`, found a list in event `talks-collapse`", 9,
       16, ""},
      {"- a\n- b\n", "expected a mapping at the top of the file, found a list", 1, 1, "start the file with `events:`"},
      {"event:\n  - id: x\n", "the file has no `events` list", 1, 1, "start the file with `events:`"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.yaml);
    const Checked c = check(FileKind::events, row.yaml);
    REQUIRE(!c.diagnostics.all().empty());
    bool found = false;
    for (const Diagnostic& d : c.diagnostics.all()) {
      if (d.message != row.message) continue;
      found = true;
      CHECK(d.check == Check::schema);
      CHECK(d.where.line == row.line);
      CHECK(d.where.column == row.column);
      std::string extra = d.help;
      for (const Note& note : d.notes) extra += "\n" + note.message;
      CAPTURE(extra);
      CHECK(extra.find(row.note_or_help) != std::string::npos);
    }
    if (!found) {
      for (const Diagnostic& d : c.diagnostics.all()) MESSAGE(d.message);
    }
    CHECK(found);
  }
}

TEST_CASE("one mistake gives one diagnostic, not one for every level above it") {
  const Checked c = check(FileKind::events, with("kind: talks", "kind: tlaks"));
  CHECK(c.diagnostics.all().size() == 1);
  CHECK(c.broken == std::vector<bool>{true});
}

TEST_CASE("only the records with mistakes are marked broken") {
  std::string two = kValidEvent;
  two += std::string(kValidEvent).substr(std::string("events:\n").size());
  const std::size_t second_kind = two.rfind("kind: talks");
  two.replace(second_kind, 11, "kind: 7");
  const Checked c = check(FileKind::events, two);
  CHECK(c.broken == std::vector<bool>{false, true});
}

TEST_CASE("very long strings are checked without overflowing the regex engine") {
  const Checked c = check(FileKind::events, with("id: talks-collapse", "id: " + std::string(100000, 'a')));
  REQUIRE(!c.diagnostics.all().empty());
  CHECK(c.diagnostics.all().front().message.find("is too long") != std::string::npos);
}

TEST_CASE("ids and references are held to their pattern as the regex holds them") {
  // A record is first checked without the regex engine (see schema.cc): the verdict
  // must be the regex's own.
  const std::regex pattern("^[a-z0-9]+(-[a-z0-9]+)*$");
  for (const std::string id : {"a", "talks-collapse", "a1-2b", "1", "a-b-c", "a--b", "-a", "a-", "-", "A", "a_b",
                               "a b", "\u00e9t\u00e9", "a.b", "a\\n", ""}) {
    CAPTURE(id);
    const Checked as_id = check(FileKind::events, with("id: talks-collapse", "id: '" + id + "'"));
    const Checked as_reference = check(FileKind::events, with("actors: [bma]", "actors: ['" + id + "']"));
    const bool matches = std::regex_search(id, pattern);
    CHECK(as_id.broken == std::vector<bool>{!matches});
    CHECK(as_reference.broken == std::vector<bool>{!matches});
  }
}

TEST_CASE("of a repeated key, the first value is the one the schema checks") {
  const Checked second_wrong = check(FileKind::events, with("title: Talks collapse", "title: Talks collapse\n    title: [a]"));
  CHECK(second_wrong.broken == std::vector<bool>{false});
  const Checked first_wrong = check(FileKind::events, with("title: Talks collapse", "title: [a]\n    title: Talks collapse"));
  CHECK(first_wrong.broken == std::vector<bool>{true});
}

TEST_CASE("the registries and dataset.yaml have schemas of their own") {
  CHECK(check(FileKind::actors, "actors:\n  - id: bma\n    name: BMA\n    kind: union\n").diagnostics.all().empty());
  CHECK(check(FileKind::dataset, "title: A dispute\n").diagnostics.all().empty());
  const Checked actor = check(FileKind::actors, "actors:\n  - id: bma\n    name: BMA\n    kind: unoin\n");
  REQUIRE(actor.diagnostics.all().size() == 1);
  CHECK(actor.diagnostics.all()[0].message == "unknown actor kind `unoin` in actor `bma`");
  const Checked source = check(FileKind::sources, "sources:\n  - id: s\n    title: T\n");
  CHECK(source.diagnostics.all().size() == 4);  // publisher, published, dated_by, path
  for (FileKind kind : {FileKind::dataset, FileKind::actors, FileKind::sources, FileKind::events}) {
    CHECK(SchemaChecker::text(kind).find("draft-07") != std::string_view::npos);
  }
}

}  // namespace
}  // namespace strikeline
