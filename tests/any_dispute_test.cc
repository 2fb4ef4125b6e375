// strikeline on a dispute that is not the NHS one: a new dataset from `init`, the
// sector-neutral vocabulary, sources as citations with URLs, figures with bounds,
// and the folder a command reads when none is named.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;

// Runs the program with `folder` as the current folder, as a user in it would.
testing::RunResult run_in(const fs::path& folder, const std::vector<std::string>& args) {
  const fs::path before = fs::current_path();
  fs::current_path(folder);
  auto result = run_cli(args);
  fs::current_path(before);
  return result;
}

// A small rail dispute: an employer, an employers' association, a conciliation
// service, a source with a URL and a byline, a vote with figures.
void write_rail_dispute(const testing::TempFolder& temp) {
  temp.write("dataset.yaml", "title: The rail dispute\ncountry: Great Britain\nindustry: rail\n");
  temp.write("actors.yaml", R"(actors:
  - id: rmt
    name: National Union of Rail, Maritime and Transport Workers
    short: RMT
    kind: union
  - id: network-rail
    name: Network Rail
    kind: employer
  - id: rail-delivery-group
    name: Rail Delivery Group
    kind: employers-association
  - id: acas
    name: Acas
    kind: conciliation-service
)");
  temp.write("sources.yaml", R"(sources:
  - id: news
    title: Rail workers reject offer
    publisher: Example News
    author: A. Reporter
    url: https://news.example.org/rail/offer-rejected?id=7&x=(1)
    published: 2022-12-12
    retrieved: 2026-11-30
    dated_by: The dateline.
    path: sources/news.txt
)");
  temp.write("sources/news.txt",
             "Members of the RMT rejected the offer from Network Rail, with 64% voting against on a turnout of 75%.\n"
             "More than 20,000 workers walked out on Tuesday.\n");
  temp.write("events.yaml", R"(events:
  - id: offer-rejected
    kind: ballot
    title: RMT members reject Network Rail's offer
    date: 2022-12-12
    status: result
    purpose: offer
    outcome: rejected
    share: {words: "64%", estimate: 64, unit: percent}
    turnout: {words: "a turnout of 75%", estimate: 75, unit: percent}
    actors: [rmt, network-rail]
    sources:
      - source: news
        quote: Members of the RMT rejected the offer from Network Rail
    links:
      - type: led-to
        event: walkout
  - id: walkout
    kind: strike
    title: Rail workers walk out
    date: 2022-12-13
    previous_date: 2022-12-06
    status: rescheduled
    strikers: rmt
    participants: {words: "More than 20,000 workers", low: 20000, unit: workers}
    actors: [rmt]
    sources:
      - source: news
        quote: More than 20,000 workers walked out on Tuesday.
)");
}

TEST_CASE("a dataset in any sector checks clean, and its URLs and figures reach the timeline and the export") {
  testing::TempFolder temp;
  write_rail_dispute(temp);
  const std::string folder = temp.path().string();
  const auto check = run_cli({"check", folder});
  CHECK(check.err == "");
  CHECK(check.exit_code == 0);

  const auto rendered = run_cli({"render", folder});
  REQUIRE(rendered.exit_code == 0);
  const std::string html = testing::to_html(rendered.out);
  // Each citation and the list of sources link to the article, shown by its host.
  const std::string link = "<a href=\"https://news.example.org/rail/offer-rejected?id=7&amp;x=(1)\">news.example.org</a>";
  std::size_t links = 0;
  for (std::size_t at = html.find(link); at != std::string::npos; at = html.find(link, at + 1)) ++links;
  CHECK(links == 3);  // two citations and the list of sources
  CHECK(rendered.out.find("by A. Reporter") != std::string::npos);
  CHECK(rendered.out.find("retrieved 30 November 2026") != std::string::npos);
  CHECK(rendered.out.find("previous date: 6 December 2022") != std::string::npos);
  // A status is dated when the source was written before the event was over, and
  // only then.
  CHECK(rendered.out.find("· strike · rescheduled as reported 12 December 2022 ·") != std::string::npos);
  CHECK(rendered.out.find("· ballot · result · purpose: offer") != std::string::npos);
  CHECK(rendered.out.find("participants: More than 20,000 workers") != std::string::npos);

  const auto exported = run_cli({"export", "--format", "json", folder});
  REQUIRE(exported.exit_code == 0);
  const auto document = nlohmann::json::parse(exported.out);
  CHECK(document["dataset"]["country"] == "Great Britain");
  CHECK(document["dataset"]["industry"] == "rail");
  CHECK(document["sources"][0]["url"] == "https://news.example.org/rail/offer-rejected?id=7&x=(1)");
  CHECK(document["sources"][0]["author"] == "A. Reporter");
  CHECK(document["sources"][0]["retrieved"]["earliest"] == "2026-11-30");
  CHECK(document["actors"][1]["kind"] == "employer");
  const auto& vote = document["events"][0];
  CHECK(vote["details"]["share"] == "64%");  // "details" stays a map of text
  CHECK(vote["figures"]["share"] == nlohmann::json{{"words", "64%"}, {"low", nullptr}, {"high", nullptr},
                                                   {"estimate", 64.0}, {"unit", "percent"}});
  CHECK(document["events"][1]["figures"]["participants"]["low"] == 20000.0);
  CHECK(document["events"][1]["details"]["previous_date"] == "2022-12-06");
}

TEST_CASE("a source URL that is not an absolute http(s) address is refused where it is written") {
  const struct {
    const char* url;
  } rows[] = {{"news.example.org/rail"}, {"ftp://news.example.org/rail"}, {"https://news.example.org/rail strike"},
              {"javascript:alert(1)"},   {"https://"},                    {"https://news.example.org/<b>"}};
  for (const auto& row : rows) {
    CAPTURE(row.url);
    testing::TempFolder temp;
    write_rail_dispute(temp);
    std::string sources = testing::read_text(temp.path() / "sources.yaml");
    sources.replace(sources.find("https://news"), sources.find('\n', sources.find("https://news")) - sources.find("https://news"),
                    "\"" + std::string(row.url) + "\"");
    temp.write("sources.yaml", sources);
    const auto r = run_cli({"check", temp.path().string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("sources.yaml:6:10: error: `") != std::string::npos);
    CHECK(r.err.find("is not a valid URL") != std::string::npos);
    CHECK(r.err.find("help: write the whole address, starting with `https://`") != std::string::npos);
  }
}

TEST_CASE("a figure's bounds that contradict each other, and a bad previous date, are errors at their place") {
  testing::TempFolder temp;
  write_rail_dispute(temp);
  std::string events = testing::read_text(temp.path() / "events.yaml");
  events.replace(events.find("low: 20000"), 10, "low: 20000, high: 2000");
  events.replace(events.find("previous_date: 2022-12-06"), 25, "previous_date: 2022-13-06");
  temp.write("events.yaml", events);
  const auto r = run_cli({"check", temp.path().string()});
  CAPTURE(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("events.yaml:25:73: error: `high` (2000) is less than `low` (20000)") != std::string::npos);
  CHECK(r.err.find("events.yaml:22:25: error: previous date `2022-13-06` is not a valid date: month 13 does not exist") != std::string::npos);
}

TEST_CASE("init makes a dataset that checks clean, with schemas for editors, and never overwrites a file") {
  testing::TempFolder temp;
  const fs::path folder = temp.path() / "new-dispute";
  const auto made = run_cli({"init", folder.string(), "--title", "The \"big\" strike: part 1"});
  CHECK(made.exit_code == 0);
  CHECK(made.out.find("strikeline check ") != std::string::npos);
  for (const char* name : {"dataset.yaml", "actors.yaml", "sources.yaml", "events.yaml", "sources"}) {
    CAPTURE(name);
    CHECK(fs::exists(folder / name));
  }
  // The modelines point at the copies next to them, which are the program's own.
  for (const char* name : {"events", "actors", "sources", "dataset"}) {
    CAPTURE(name);
    CHECK(testing::read_text(folder / "schemas" / (std::string(name) + ".schema.json")) == run_cli({"schema", name}).out);
    const std::string file = name == std::string("events") ? "events.yaml" : std::string(name) + ".yaml";
    CHECK(testing::read_text(folder / file).rfind("# yaml-language-server: $schema=schemas/" + std::string(name) + ".schema.json\n", 0) == 0);
  }
  const auto check = run_cli({"check", folder.string()});
  CHECK(check.exit_code == 0);
  CHECK(check.err == "");
  const auto rendered = run_cli({"render", folder.string()});
  CHECK(rendered.out.rfind("# The \"big\" strike: part 1\n", 0) == 0);

  // A second init, or one over any file that is there, changes nothing.
  testing::TempFolder other;
  other.write("mine/events.yaml", "events: []  # my own\n");
  const auto before = testing::snapshot(other.path());
  const auto refused = run_cli({"init", (other.path() / "mine").string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("events.yaml exists") != std::string::npos);
  CHECK(testing::snapshot(other.path()) == before);
  CHECK(run_cli({"init", folder.string()}).exit_code == 1);
}

TEST_CASE("with no folder named, a command reads the dataset here, else events/, else says how to start") {
  testing::TempFolder temp;
  const auto nothing = run_in(temp.path(), {"check"});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err.find("no dataset here") != std::string::npos);
  CHECK(nothing.err.find("help: start a dataset with `strikeline init my-dispute`") != std::string::npos);

  write_rail_dispute(temp);
  CHECK(run_in(temp.path(), {"check"}).exit_code == 0);

  // A folder of datasets is not read as one: each is listed to be named.
  const auto several = run_cli({"check", "events"});
  CHECK(several.exit_code == 2);
  CHECK(several.err.find("`events` is not a dataset folder: it holds") != std::string::npos);
  CHECK(several.err.find("  strikeline check events/nhs-junior-doctors-2023\n") != std::string::npos);
  const auto from_root = run_cli({"query", "kind:strike"});
  CHECK(from_root.exit_code == 2);
  CHECK(from_root.err.find("  strikeline query kind:strike events/nhs-junior-doctors-2023\n") != std::string::npos);
}

TEST_CASE("a briefing shows each command with the folder it was run on, ready to copy") {
  testing::TempFolder temp;
  write_rail_dispute(temp);
  temp.write("q.txt", "Before the strike? | before walkout\nThe union's? | actor:rmt and kind:ballot\n");
  const auto r = run_cli({"brief", (temp.path() / "q.txt").string(), temp.path().string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("strikeline query 'before walkout' " + temp.path().string() + "\n") != std::string::npos);
  CHECK(r.out.find("strikeline query 'actor:rmt and kind:ballot' " + temp.path().string() + "\n") != std::string::npos);
}

TEST_CASE("schema prints each schema and suggests a name for a misspelt one") {
  CHECK(nlohmann::json::parse(run_cli({"schema", "events"}).out)["title"] == "strikeline event file");
  const auto wrong = run_cli({"schema", "event"});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("did you mean `events`?") != std::string::npos);
}

}  // namespace
}  // namespace strikeline
