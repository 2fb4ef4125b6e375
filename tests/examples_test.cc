// examples/ holds generated files that people read on the web; they must be what
// the current code makes from each dataset in events/. Regenerate them with
// `make examples`, which runs the same commands as these tests.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <utility>

#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;

// Every dataset shipped under events/, by folder name.
std::vector<std::string> shipped_datasets() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator("events")) {
    if (entry.is_directory() && fs::exists(entry.path() / "sources.yaml")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("examples/DISPUTE/ hold what `make examples` makes from events/DISPUTE now: the timelines, tables, calendar, graph, diagrams and briefing") {
  const auto names = shipped_datasets();
  CHECK(names.size() >= 2);
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::string dataset = "events/" + name, examples = "examples/" + name;
    INFO(examples << " is stale: run `make examples` and commit the result");
    const auto check = testing::run_cli({"check", dataset});
    CHECK(check.exit_code == 0);
    CHECK(check.err.empty());  // shipped data has no warnings either
    const auto timeline = testing::run_cli({"render", dataset});
    REQUIRE(timeline.exit_code == 0);
    CHECK(timeline.out == testing::read_text(examples + "/timeline.md"));
    const auto page = testing::run_cli({"render", "--format", "html", dataset});
    REQUIRE(page.exit_code == 0);
    CHECK(page.out == testing::read_text(examples + "/timeline.html"));
    // The tables and the calendar, as the Makefile names them.
    for (const auto& [format, file] : {std::pair{"csv", "events.csv"}, std::pair{"csv-links", "links.csv"},
                                       std::pair{"csv-citations", "citations.csv"}, std::pair{"ics", "timeline.ics"}}) {
      CAPTURE(format);
      const auto exported = testing::run_cli({"export", "--format", format, dataset});
      REQUIRE(exported.exit_code == 0);
      CHECK(exported.out == testing::read_text(examples + "/" + file));
    }
    // The graph byte for byte; its drawing, graph.svg, only for the same nodes and edges
    // (tests/dot_test.sh --examples), since Graphviz versions lay it out differently.
    const auto graph = testing::run_cli({"export", "--format", "dot", dataset});
    REQUIRE(graph.exit_code == 0);
    CHECK(graph.out == testing::read_text(examples + "/graph.dot"));
    for (const auto& [format, file] : {std::pair{"timelinejs", "/timelinejs.json"}, std::pair{"mermaid", "/diagrams.md"}}) {
      const auto exported = testing::run_cli({"export", "--format", format, dataset});
      REQUIRE(exported.exit_code == 0);
      CHECK(exported.out == testing::read_text(examples + file));
    }
    const auto brief = testing::run_cli({"brief", examples + "/questions.txt", dataset, "--timeline", "timeline.md"});
    REQUIRE(brief.exit_code == 0);
    CHECK(brief.out == testing::read_text(examples + "/queries.md"));
  }
}

}  // namespace
}  // namespace strikeline
