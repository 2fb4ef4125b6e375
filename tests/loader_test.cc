#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "analysis.h"
#include "loader.h"
#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;

// A small sound dataset that each test then breaks in one way.
void write_minimal_dataset(const testing::TempFolder& temp) {
  temp.write("actors.yaml", "actors:\n  - id: bma\n    name: British Medical Association\n    kind: union\n");
  temp.write("sources.yaml",
             "sources:\n  - id: article\n    title: An article\n    publisher: Example News\n"
             "    published: 2023-12-21\n    dated_by: Its own date.\n    path: texts/article.txt\n");
  temp.write("texts/article.txt",
             "Doctors began a \u201Cthree-day\u201D strike on Wednesday.\n\nTalks collapsed earlier this month.\n");
}

std::string event_yaml(const std::string& id, const std::string& date, const std::string& quote,
                       const std::string& extra = "") {
  return "  - id: " + id + "\n    kind: announcement\n    title: Something happens\n" +
         (date.empty() ? "" : "    date: " + date + "\n") + "    actors: [bma]\n    sources:\n      - source: article\n" +
         "        quote: '" + quote + "'\n" + extra;
}

std::vector<std::string> messages(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.all()) out.push_back(d.message);
  return out;
}

TEST_CASE("the curated dataset loads with no diagnostics, in timeline order, every quote placed") {
  Diagnostics diagnostics;
  LoadStats stats;
  const Dataset dataset = analyse("events/nhs-junior-doctors-2023", diagnostics, &stats).dataset;
  CHECK(diagnostics.all().empty());
  CHECK(stats.files >= 4);
  CHECK(dataset.events.size() >= 25);
  CHECK_FALSE(dataset.title.empty());
  // The timeline never puts an event after one that its dates and links show to
  // be certainly later, and never puts an effect before its cause.
  std::map<std::string_view, std::size_t> position;
  for (std::size_t i = 0; i < dataset.events.size(); ++i) position[dataset.events[i].id] = i;
  for (std::size_t i = 0; i < dataset.events.size(); ++i) {
    for (std::size_t j = i + 1; j < dataset.events.size(); ++j) {
      const Event& a = dataset.events[i];
      const Event& b = dataset.events[j];
      CAPTURE(a.id);
      CAPTURE(b.id);
      if (b.inferred_latest && a.inferred_earliest) CHECK_FALSE(*b.inferred_latest < *a.inferred_earliest);
    }
    for (const Link& link : dataset.events[i].links) {
      CAPTURE(link.target);
      if (link.type == LinkType::led_to || link.type == LinkType::before) CHECK(i < position[link.target]);
      if (link.type == LinkType::response_to || link.type == LinkType::after) CHECK(i > position[link.target]);
    }
  }
  for (const Event& event : dataset.events) {
    CHECK(dataset.event(event.id) == &event);
    for (const Citation& citation : event.citations) CHECK(citation.paragraph > 0);
  }
}

TEST_CASE("quotes match across curly and straight quotation marks and spacing") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  temp.write("e.yaml", "events:\n" + event_yaml("strike", "2023-12-20", "began a \"three-day\"   strike"));
  Diagnostics diagnostics;
  const Dataset dataset = analyse(temp.path(), diagnostics).dataset;
  CHECK(messages(diagnostics).empty());
  REQUIRE(dataset.events.size() == 1);
  CHECK(dataset.events[0].citations[0].paragraph == 1);
}

TEST_CASE("events are ordered by earliest day, then latest day, then position; undated last") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  // Of a kind that may last, so that the source's date (which bounds only when each
  // began) leaves their order to their own dates.
  auto lasting = [](std::string yaml) {
    return yaml.replace(yaml.find("kind: announcement"), 18, "kind: preparation");
  };
  temp.write("b.yaml", "events:\n" + lasting(event_yaml("undated", "", "Talks collapsed")) +
                           lasting(event_yaml("december", "2023-12", "Talks collapsed")) +
                           lasting(event_yaml("first-of-december", "2023-12-01", "Talks collapsed")));
  temp.write("a.yaml", "events:\n" + lasting(event_yaml("early-december", "2023-12-01/2023-12-21", "Talks collapsed")) +
                           lasting(event_yaml("november", "2023-11~", "Talks collapsed")));
  Diagnostics diagnostics;
  const Dataset dataset = analyse(temp.path(), diagnostics).dataset;
  REQUIRE(messages(diagnostics).empty());
  std::vector<std::string> ids;
  for (const Event& e : dataset.events) ids.emplace_back(e.id);
  CHECK(ids == std::vector<std::string>{"november", "first-of-december", "early-december", "december", "undated"});
}

TEST_CASE("an id defined in two files is reported at the second, with a note at the first") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  temp.write("a.yaml", "events:\n" + event_yaml("same", "2023-12", "Talks collapsed"));
  temp.write("b.yaml", "events:\n" + event_yaml("same", "2023-12", "Talks collapsed"));
  Diagnostics diagnostics;
  const Dataset dataset = analyse(temp.path(), diagnostics).dataset;
  REQUIRE(diagnostics.all().size() == 1);
  const Diagnostic& d = diagnostics.all()[0];
  CHECK(d.check == Check::duplicate_id);
  CHECK(diagnostics.file(d.where.file).find("b.yaml") != std::string::npos);
  REQUIRE(d.notes.size() == 1);
  CHECK(diagnostics.file(d.notes[0].where.file).find("a.yaml") != std::string::npos);
  CHECK(dataset.events.size() == 1);
}

TEST_CASE("a record with a schema error is left out without a cascade of errors about it") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  temp.write("e.yaml", "events:\n" + event_yaml("broken", "2023-12", "Talks collapsed", "    colour: red\n") +
                           event_yaml("linker", "2023-12", "Talks collapsed",
                                      "    links:\n      - type: led-to\n        event: broken\n"));
  Diagnostics diagnostics;
  const Dataset dataset = analyse(temp.path(), diagnostics).dataset;
  CHECK(messages(diagnostics) == std::vector<std::string>{"unknown field `colour` in event `broken`"});
  CHECK(dataset.events.size() == 1);
}

std::string link_to(const std::string& id) { return "    links:\n      - type: after\n        event: " + id + "\n"; }

TEST_CASE("after a syntax error, links to ids the broken file may define are not unknown; others still are") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  // `cut` loses its title to a key indented by 3 spaces; `after-cut`, `quoted`,
  // `flow` and `single` are never read as records.
  temp.write("broken.yaml", "events:\n" + event_yaml("fine", "2023-12", "Talks collapsed", link_to("after-cut")) +
                                "  - id: cut\n    kind: announcement\n   title: Cut short\n" +
                                event_yaml("after-cut", "2023-12", "Talks collapsed") +
                                "  - id: \"quoted\"\n  - {id: flow, kind: talks}\n  - id: 'single' # a comment\n");
  temp.write("links.yaml", "events:\n" + event_yaml("linker", "2023-12", "Talks collapsed",
                                                     "    links:\n      - type: after\n        event: cut\n"
                                                     "      - type: after\n        event: after-cut\n"
                                                     "      - type: after\n        event: quoted\n"
                                                     "      - type: after\n        event: flow\n"
                                                     "      - type: after\n        event: single\n"
                                                     "      - type: after\n        event: nowhere\n"));
  Diagnostics diagnostics;
  analyse(temp.path(), diagnostics);
  CHECK(messages(diagnostics) ==
        std::vector<std::string>{"`title` is indented by 3 spaces, but the other keys of its mapping are indented by 4",
                                 "unknown event `nowhere`"});
}

TEST_CASE("a syntax error comes first among its file's errors, whatever its line") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  temp.write("e.yaml", "events:\n" + event_yaml("first", "2023-02-30", "Talks collapsed") +
                           "  - id: second\n    actors: [bma\n    title: T\n");
  Diagnostics diagnostics;
  analyse(temp.path(), diagnostics);
  REQUIRE(diagnostics.all().size() == 2);
  CHECK(diagnostics.all()[0].check == Check::yaml_syntax);
  CHECK(diagnostics.all()[1].check == Check::bad_date);
}

TEST_CASE("when an event file cannot be read at all, no link is reported unknown") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  fs::create_directories(temp.path() / "lost.yaml");
  temp.write("e.yaml", "events:\n" + event_yaml("linker", "2023-12", "Talks collapsed", link_to("perhaps-in-lost")));
  Diagnostics diagnostics;
  analyse(temp.path(), diagnostics);
  CHECK(messages(diagnostics) == std::vector<std::string>{"cannot read this file: it is a folder, not a file"});
}

TEST_CASE("each unknown reference is reported at the reference itself") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  temp.write("actors.yaml",
             "actors:\n  - id: bma\n    name: British Medical Association\n    kind: union\n"
             "  - id: jdc\n    name: Junior Doctors Committee\n    kind: committee\n    part_of: bmx\n");
  temp.write("e.yaml", "events:\n  - id: s\n    kind: statement\n    speaker: bmz\n    title: T\n"
                       "    actors: [bma, bmy]\n    sources:\n      - source: articel\n        quote: Talks collapsed\n"
                       "    links:\n      - type: after\n        event: nowhere\n");
  Diagnostics diagnostics;
  analyse(temp.path(), diagnostics);
  struct Row {
    const char* message;
    const char* file;
    std::uint32_t line, column;
  };
  const Row rows[] = {
      {"unknown actor `bmx`", "actors.yaml", 8, 14},  {"unknown actor `bmz`", "e.yaml", 4, 14},
      {"unknown actor `bmy`", "e.yaml", 6, 19},       {"unknown source `articel`", "e.yaml", 8, 17},
      {"unknown event `nowhere`", "e.yaml", 12, 16},
  };
  REQUIRE(diagnostics.all().size() == std::size(rows));
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    const Diagnostic& d = diagnostics.all()[i];
    CAPTURE(d.message);
    CHECK(d.message == rows[i].message);
    CHECK(diagnostics.file(d.where.file).ends_with(rows[i].file));
    CHECK(d.where.line == rows[i].line);
    CHECK(d.where.column == rows[i].column);
  }
}

TEST_CASE("source texts must stay inside the dataset folder, links included") {
  testing::TempFolder outside;
  outside.write("secret.txt", "Talks collapsed.\n");
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  fs::create_symlink(outside.path() / "secret.txt", temp.path() / "texts" / "link.txt");
  temp.write("sources.yaml",
             "sources:\n  - id: article\n    title: T\n    publisher: P\n    published: 2023-12-21\n"
             "    dated_by: D\n    path: texts/link.txt\n");
  Diagnostics diagnostics;
  analyse(temp.path(), diagnostics);
  REQUIRE(!diagnostics.all().empty());
  CHECK(diagnostics.all()[0].check == Check::bad_source_path);
  CHECK(diagnostics.all()[0].message == "source path `texts/link.txt` leads outside the dataset folder through a link");
}

TEST_CASE("folders without data are refused with a reason") {
  testing::TempFolder temp;
  SUBCASE("an empty folder") {
    Diagnostics diagnostics;
    analyse(temp.path(), diagnostics);
    CHECK(messages(diagnostics) == std::vector<std::string>{"no YAML files in the dataset folder"});
  }
  SUBCASE("a folder without actors.yaml") {
    temp.write("sources.yaml", "sources: []\n");
    Diagnostics diagnostics;
    analyse(temp.path(), diagnostics);
    CHECK(messages(diagnostics) == std::vector<std::string>{"the dataset folder has no actors.yaml"});
  }
  SUBCASE("a file given as the folder") {
    temp.write("file.yaml", "events: []\n");
    Diagnostics diagnostics;
    analyse(temp.path() / "file.yaml", diagnostics);
    CHECK(messages(diagnostics) == std::vector<std::string>{"this is a file, not a dataset folder"});
  }
}

TEST_CASE("hidden folders are skipped and a folder named like a YAML file is reported") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  temp.write(".git/config.yaml", "not: [valid\n");
  fs::create_directories(temp.path() / "folder.yaml");
  Diagnostics diagnostics;
  analyse(temp.path(), diagnostics);
  std::vector<std::string> shown;
  for (const Diagnostic& d : diagnostics.all()) shown.push_back(diagnostics.file(d.where.file) + ": " + d.message);
  CAPTURE(shown.size());
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].find("folder.yaml: cannot read this file: it is a folder, not a file") != std::string::npos);
}

TEST_CASE("dates are checked strictly and the error points inside the date") {
  testing::TempFolder temp;
  write_minimal_dataset(temp);
  temp.write("e.yaml", "events:\n" + event_yaml("bad", "\"2023-04-31\"", "Talks collapsed"));
  Diagnostics diagnostics;
  analyse(temp.path(), diagnostics);
  REQUIRE(diagnostics.all().size() == 1);
  const Diagnostic& d = diagnostics.all()[0];
  CHECK(d.check == Check::bad_date);
  CHECK(d.where.line == 5);
  CHECK(d.where.column == 20);  // the day, inside the quotes
}

}  // namespace
}  // namespace strikeline
