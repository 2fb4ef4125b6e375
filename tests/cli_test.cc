// The program through its callable entry point: output and exit code together.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <regex>

#include "source_text.h"
#include "test_support.h"

namespace strikeline {
namespace {

using testing::run_cli;

TEST_CASE("help and version are printed on standard output and exit 0") {
  const auto help = run_cli({"--help"});
  CHECK(help.exit_code == 0);
  for (const char* command : {"init", "check", "render", "export", "query", "brief", "date", "schema"}) {
    CHECK(help.out.find(command) != std::string::npos);
  }
  CHECK(help.out.find("exit codes") != std::string::npos);
  for (const char* command : {"init", "check", "render", "export", "query", "brief", "date", "schema"}) {
    const auto command_help = run_cli({command, "--help"});
    CAPTURE(command);
    CHECK(command_help.exit_code == 0);
    CHECK(command_help.out.rfind(std::string("usage: strikeline ") + command, 0) == 0);
    CHECK(command_help.out.find("example") != std::string::npos);
  }
  const auto version = run_cli({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("strikeline ", 0) == 0);
}

TEST_CASE("a wrong command line exits 2 and suggests what was meant") {
  SUBCASE("no command at all") {
    const auto r = run_cli({});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("usage: strikeline") != std::string::npos);
  }
  SUBCASE("a misspelt command") {
    const auto r = run_cli({"chek"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "strikeline: unknown command `chek`\ndid you mean `check`?\nrun `strikeline --help` for usage\n");
  }
  SUBCASE("a misspelt option") {
    const auto r = run_cli({"render", "events/nhs-junior-doctors-2023", "--ouput", "x.md"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown option `--ouput`\ndid you mean `--output`?") != std::string::npos);
  }
  SUBCASE("an option without its value") {
    const auto r = run_cli({"render", "events/nhs-junior-doctors-2023", "-o"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("option `-o` needs a value") != std::string::npos);
  }
  SUBCASE("a format that does not exist, or that another command writes") {
    // Every line comes from the one format table: names, suggestions and where each is written.
    struct Case {
      std::vector<std::string> args;
      std::string says;
    };
    const Case cases[] = {
        {{"export", "--format", "xml"}, "unknown format `xml`\nthe formats here are `json`, `csv`, `csv-links`, `csv-citations`, `ics`, `dot`, `timelinejs` and `mermaid`\n"},
        {{"render", "--format", "htm"}, "unknown format `htm`\ndid you mean `html`? the formats here are `markdown` and `html`\n"},
        {{"render", "--format", "json"}, "`json` is a format for programs\nwrite it with `strikeline export --format json`\n"},
        {{"export", "--format", "markdown"}, "`markdown` is a format for people\nwrite it with `strikeline render --format markdown`\n"},
        {{"render", "--format", "text"}, "`text` writes query answers only\nask with `strikeline query QUERY --format text`\n"},
        {{"query", "kind:strike", "--format", "html"}, "`html` writes whole timelines, not answers\nanswers are `text`, `markdown` or `json`; the whole timeline: `strikeline render --format html`\n"},
        {{"check", "--format", "bogus"}, "unknown format `bogus`\nthe formats here are `text`, `json` and `sarif`\n"},
        {{"check", "--format", "sarf"}, "unknown format `sarf`\ndid you mean `sarif`? the formats here are `text`, `json` and `sarif`\n"},
        {{"check", "--format", "html"}, "`html` is a format for people\nwrite it with `strikeline render --format html`\n"},
        {{"check", "--format", "csv"}, "`csv` is a format for programs\nwrite it with `strikeline export --format csv`\n"},
        {{"export", "--format", "sarif"}, "`sarif` reports what a check finds\nwrite it with `strikeline check --format sarif`\n"},
        {{"query", "kind:strike", "--format", "sarif"}, "`sarif` reports what a check finds\nwrite it with `strikeline check --format sarif`\n"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.says);
      std::vector<std::string> args = c.args;
      args.push_back("events/nhs-junior-doctors-2023");
      const auto r = run_cli(args);
      CHECK(r.exit_code == 2);
      CHECK(r.err == "strikeline: " + c.says + "run `strikeline --help` for usage\n");
    }
  }
  SUBCASE("two dataset folders") {
    const auto r = run_cli({"check", "events/nhs-junior-doctors-2023", "more"});
    CHECK(r.exit_code == 2);
  }
}

TEST_CASE("check on the curated dataset finds no problems") {
  const auto r = run_cli({"check", "events/nhs-junior-doctors-2023"});
  CHECK(r.err == "");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("no problems") != std::string::npos);
}

TEST_CASE("check on a folder that does not exist says so and exits 1") {
  const auto r = run_cli({"check", "no-such-folder"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("no-such-folder: error: no such dataset folder\n", 0) == 0);
}

TEST_CASE("ten different mistakes give ten located diagnostics in one run") {
  const auto before = testing::snapshot("tests/golden/ten-mistakes");
  const auto r = run_cli({"check", "tests/golden/ten-mistakes"});
  CHECK(r.exit_code == 1);
  const std::regex located(R"(^tests/golden/ten-mistakes/[abc]\.yaml:\d+:\d+: error: )");
  std::size_t errors = 0;
  std::size_t start = 0;
  while (start < r.err.size()) {
    const std::size_t end = r.err.find('\n', start);
    const std::string line = r.err.substr(start, end - start);
    if (line.find(": error: ") != std::string::npos) {
      CAPTURE(line);
      CHECK(std::regex_search(line, located));
      ++errors;
    }
    start = end == std::string::npos ? r.err.size() : end + 1;
  }
  CHECK(errors == 10);
  CHECK(r.err.find("tests/golden/ten-mistakes: 10 errors\n") != std::string::npos);
  CHECK(testing::snapshot("tests/golden/ten-mistakes") == before);
}

TEST_CASE("export prints the JSON contract, every text a verbatim paragraph of its source") {
  const auto r = run_cli({"export", "--format", "json", "events/nhs-junior-doctors-2023"});
  REQUIRE(r.exit_code == 0);
  const auto document = nlohmann::json::parse(r.out);
  for (const char* key : {"events", "links", "actors", "sources"}) CHECK(document.contains(key));
  REQUIRE(document["events"].size() >= 5);

  std::map<std::string, Paragraphs> paragraphs;
  for (const auto& source : document["sources"]) {
    paragraphs[source["id"]] = split_paragraphs(testing::read_text("events/nhs-junior-doctors-2023/" + source["path"].get<std::string>()));
  }
  for (const auto& event : document["events"]) {
    CAPTURE(event["id"].get<std::string>());
    for (const char* key : {"id", "kind", "title", "date", "actors", "sources", "note", "file", "line"}) {
      CHECK(event.contains(key));
    }
    CHECK(event["file"].get<std::string>().rfind("events/", 0) == 0);
    CHECK(event["line"].get<int>() > 0);
    if (event["date"].is_object()) {
      CHECK(event["date"].contains("edtf"));
      for (const char* end : {"earliest", "latest"}) {
        const auto& day = event["date"][end];
        if (day.is_string()) CHECK(std::regex_match(day.get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
      }
    }
    REQUIRE(event.contains("inferred"));
    for (const char* key : {"earliest", "latest", "from_links"}) CHECK(event["inferred"].contains(key));
    REQUIRE(!event["sources"].empty());
    for (const auto& citation : event["sources"]) {
      const auto& source_paragraphs = paragraphs.at(citation["source"].get<std::string>());
      const auto n = citation["paragraph"].get<std::size_t>();
      REQUIRE(n >= 1);
      REQUIRE(n <= source_paragraphs.size());
      CHECK(citation["text"].get<std::string>() == source_paragraphs[n - 1]);
      CHECK(fold_for_quote(source_paragraphs[n - 1]).find(fold_for_quote(citation["quote"].get<std::string>())) !=
            std::string::npos);
    }
  }
  for (const auto& link : document["links"]) {
    for (const char* key : {"from", "to", "type"}) CHECK(link.contains(key));
  }
}

TEST_CASE("render writes the timeline to a file, and nothing when the data has errors") {
  testing::TempFolder temp;
  const std::string output = (temp.path() / "timeline.md").string();
  const auto ok = run_cli({"render", "events/nhs-junior-doctors-2023", "-o", output});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("written to") != std::string::npos);
  const std::string timeline = testing::read_text(output);
  CHECK(timeline.rfind("# ", 0) == 0);
  CHECK(timeline.find("\n## Sources\n") != std::string::npos);

  const auto failed = run_cli({"render", "tests/golden/ten-mistakes", "-o", output});
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("no timeline written") != std::string::npos);
  CHECK(testing::read_text(output) == timeline);  // the old timeline is untouched
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(temp.path())) ++files;
  CHECK(files == 1);  // and no temporary file is left behind
}

TEST_CASE("date explains EDTF in JSON, one object a line, and exits 1 on an invalid date") {
  const auto r = run_cli({"date", "--format", "json", "2023-12-20/2023-12-23", "2023-11-XX", "2023-12~",
                          "1985-04-12/..", "2023-02-29"});
  CHECK(r.exit_code == 1);
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  while (start < r.out.size()) {
    const std::size_t end = r.out.find('\n', start);
    lines.push_back(nlohmann::json::parse(r.out.substr(start, end - start)));
    start = end + 1;
  }
  REQUIRE(lines.size() == 5);
  struct Row {
    const char* earliest;
    const char* latest;
  };
  const Row expected[] = {{"2023-12-20", "2023-12-23"}, {"2023-11-01", "2023-11-30"}, {"2023-12-01", "2023-12-31"},
                          {"1985-04-12", nullptr}};
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(lines[i].dump());
    CHECK(lines[i]["valid"] == true);
    CHECK(lines[i]["earliest"] == expected[i].earliest);
    if (expected[i].latest) {
      CHECK(lines[i]["latest"] == expected[i].latest);
    } else {
      CHECK(lines[i]["latest"].is_null());
    }
    for (const char* key : {"input", "precision", "qualifiers", "text"}) CHECK(lines[i].contains(key));
  }
  CHECK(lines[2]["qualifiers"] == nlohmann::json::array({"approximate"}));
  CHECK(lines[4]["valid"] == false);
  CHECK(r.err.find("error: `2023-02-29` is not a valid date") != std::string::npos);
  CHECK(r.err.find("\n  2023-02-29\n          ^") != std::string::npos);  // the caret is under the day
}

}  // namespace
}  // namespace strikeline

namespace strikeline {
namespace {

TEST_CASE("an undated event between two dated ones gets inferred bounds in JSON and in the Markdown") {
  testing::TempFolder temp;
  temp.write("actors.yaml", "actors:\n  - id: bma\n    name: BMA\n    kind: union\n");
  temp.write("sources.yaml",
             "sources:\n  - id: a\n    title: T\n    publisher: P\n    published: 2023-12-21\n    dated_by: D\n"
             "    path: a.txt\n");
  temp.write("a.txt", "Talks collapsed. Dates were set. The strike began.\n");
  auto event = [](const std::string& id, const std::string& date, const std::string& quote, const std::string& link) {
    return "  - id: " + id + "\n    kind: announcement\n    title: " + id + "\n" +
           (date.empty() ? "" : "    date: " + date + "\n") + "    actors: [bma]\n    sources:\n      - source: a\n" +
           "        quote: " + quote + "\n" +
           (link.empty() ? "" : "    links:\n      - type: before\n        event: " + link + "\n");
  };
  temp.write("e.yaml", "events:\n" + event("collapse", "2023-12-01", "Talks collapsed.", "dates-set") +
                           event("dates-set", "", "Dates were set.", "strike") +
                           event("strike", "2023-12-05", "The strike began.", ""));
  const std::string folder = temp.path().string();

  const auto exported = run_cli({"export", "--format", "json", folder});
  REQUIRE(exported.exit_code == 0);
  const auto document = nlohmann::json::parse(exported.out);
  const auto& dates_set = document["events"][1];
  CHECK(dates_set["id"] == "dates-set");
  CHECK(dates_set["date"].is_null());
  CHECK(dates_set["inferred"] ==
        nlohmann::json{{"earliest", "2023-12-01"},
                       {"latest", "2023-12-05"},
                       {"from_links", true},
                       {"earliest_from", {{"by", "link"}, {"from", "collapse"}, {"to", "dates-set"}, {"type", "before"}}},
                       {"latest_from", {{"by", "link"}, {"from", "dates-set"}, {"to", "strike"}, {"type", "before"}}}});

  const auto rendered = run_cli({"render", folder});
  REQUIRE(rendered.exit_code == 0);
  CHECK(rendered.out.find("**Date not reported; 1–5 December 2023 from its links**") != std::string::npos);
}

// The issue's case, end to end: an undated statement responds to a vote of 12
// December, and an undated offer led to the vote; an article of 12 December
// reports all three.
TEST_CASE("dates come from what an event responds to and from when it was reported, each with its origin") {
  testing::TempFolder temp;
  temp.write("actors.yaml",
             "actors:\n  - id: union\n    name: The union\n    kind: union\n"
             "  - id: employer\n    name: The employer\n    kind: employer\n");
  temp.write("sources.yaml",
             "sources:\n  - id: news\n    title: T\n    publisher: P\n    published: 2022-12-12\n    dated_by: D\n"
             "    path: news.txt\n");
  temp.write("news.txt", "The employer offered 4%. Members voted today to reject it. The union said the vote was clear.\n");
  temp.write("e.yaml",
             "events:\n"
             "  - id: statement\n    kind: statement\n    title: The union calls the vote clear\n"
             "    speaker: union\n    actors: [union]\n"
             "    sources:\n      - source: news\n        quote: The union said the vote was clear.\n"
             "    links:\n      - type: response-to\n        event: vote\n"
             "  - id: vote\n    kind: ballot\n    title: Members reject the offer\n    date: 2022-12-12\n"
             "    status: result\n    actors: [union]\n"
             "    sources:\n      - source: news\n        quote: Members voted today to reject it.\n"
             "    links:\n      - type: response-to\n        event: offer\n"
             "  - id: offer\n    kind: offer\n    title: The employer offers 4%\n    actors: [employer]\n"
             "    sources:\n      - source: news\n        quote: The employer offered 4%.\n");
  const std::string folder = temp.path().string();

  const auto exported = run_cli({"export", "--format", "json", folder});
  CAPTURE(exported.err);
  REQUIRE(exported.exit_code == 0);
  const auto document = nlohmann::json::parse(exported.out);
  const auto& events = document["events"];
  REQUIRE(events.size() == 3);
  // The offer above the vote, the statement below it.
  CHECK(events[0]["id"] == "offer");
  CHECK(events[1]["id"] == "vote");
  CHECK(events[2]["id"] == "statement");
  CHECK(events[2]["inferred"] ==
        nlohmann::json{{"earliest", "2022-12-12"},
                       {"latest", "2022-12-12"},
                       {"from_links", true},
                       {"earliest_from", {{"by", "link"}, {"from", "statement"}, {"to", "vote"}, {"type", "response-to"}}},
                       {"latest_from", {{"by", "publication"}, {"event", "statement"}, {"source", "news"}}}});
  CHECK(events[0]["inferred"] ==
        nlohmann::json{{"earliest", nullptr},
                       {"latest", "2022-12-12"},
                       {"from_links", false},  // its own source dates it
                       {"earliest_from", nullptr},
                       {"latest_from", {{"by", "publication"}, {"event", "offer"}, {"source", "news"}}}});
  CHECK(events[1]["inferred"]["earliest_from"] == nlohmann::json{{"by", "date"}, {"event", "vote"}});
  CHECK(events[1]["inferred"]["from_links"] == false);

  const auto rendered = run_cli({"render", folder});
  REQUIRE(rendered.exit_code == 0);
  CAPTURE(rendered.out);
  CHECK(rendered.out.find("**Date not reported; on or before 12 December 2022 from its sources** · *date uncertain* · offer") !=
        std::string::npos);
  CHECK(rendered.out.find("**Date not reported; 12 December 2022 from its links and sources** · statement") !=
        std::string::npos);
  CHECK(rendered.out.find("Until 12 December 2022") == std::string::npos);
  // On the page too: the offer above the vote that rejected it, the statement below.
  const auto offer = rendered.out.find("<a id=\"offer\">"), vote = rendered.out.find("<a id=\"vote\">"),
             statement = rendered.out.find("<a id=\"statement\">");
  CHECK(offer < vote);
  CHECK(vote < statement);
  // Where the rendered timeline files them (its sections) is pinned with the
  // ordering; the export above is in timeline order.
}

}  // namespace
}  // namespace strikeline
