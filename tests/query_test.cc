// Questions asked of the curated dataset, answered by event ids.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <set>

#include "analysis.h"
#include "loader.h"
#include "query.h"
#include "test_support.h"

namespace strikeline {
namespace {

struct Curated {
  Dataset dataset;
  std::unique_ptr<DisputeGraph> graph;
};

const Curated& curated() {
  static const Curated loaded = [] {
    Curated c;
    Diagnostics diagnostics;
    Analysis analysis = analyse("tests/fixtures/nhs-junior-doctors-2023", diagnostics);
    c.dataset = std::move(analysis.dataset);
    REQUIRE(diagnostics.errors() == 0);
    c.graph = std::make_unique<DisputeGraph>(std::move(analysis.graph));
    return c;
  }();
  return loaded;
}

std::vector<std::string> ids(const std::vector<std::uint32_t>& indexes) {
  std::vector<std::string> out;
  for (std::uint32_t i : indexes) out.emplace_back(curated().dataset.events[i].id);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

QueryResult ask(const std::string& query) {
  QueryResult r = run_query(query, curated().dataset, *curated().graph);
  CAPTURE(query);
  CAPTURE(r.error);
  REQUIRE(r.ok);
  return r;
}

TEST_CASE("what happened before talks collapsed: the phrase finds the collapse, and the answer is split") {
  const QueryResult r = ask("before \"talks collapsed\"");
  CHECK(r.heading.find("Talks between the BMA and the government collapse") != std::string::npos);
  const auto certain = ids(r.events), possible = ids(r.possibly);
  for (const char* id : {"pay-review-body-recommends-8-8-percent", "october-2023-consultant-junior-doctor-stoppages",
                         "atkins-appointed-health-secretary", "atkins-conference-video-message",
                         "november-2023-discussions-underway", "treasury-refuses-full-bailout"}) {
    CAPTURE(id);
    CHECK(has(certain, id));
  }
  // Dated 1–21 December like the collapse itself: the order is not known.
  CHECK(has(possible, "government-offer-around-3-percent"));
  CHECK(has(possible, "laurenson-calls-government-reckless"));
  // What the collapse led to cannot have come before it, whatever its dates.
  CHECK_FALSE(has(possible, "december-2023-strike-dates-set"));
  CHECK_FALSE(has(certain, "december-2023-strike-dates-set"));
  CHECK_FALSE(has(certain, "december-2023-junior-doctors-strike"));
  for (const std::string& id : certain) CHECK_FALSE(has(possible, id));
}

TEST_CASE("what led to the January strike: each cause with its chain of links") {
  const QueryResult r = ask("causes \"January walkouts\"");
  CHECK(ids(r.events) == std::vector<std::string>{"december-2023-talks-collapse", "december-2023-strike-dates-set"});
  CHECK(chain_of(r, r.events[0], *curated().graph).size() == 2);  // collapse → dates set → January
  CHECK(chain_of(r, r.events[1], *curated().graph).size() == 1);
  CHECK(chain_links(r, r.events[0]) == 2);
  CHECK(curated().dataset.events[static_cast<std::size_t>(chain_neighbour(r, r.events[0], *curated().graph))].id ==
        "december-2023-strike-dates-set");
  CHECK(ask("causes january-2024-junior-doctors-walkouts").events == r.events);
}

TEST_CASE("what did the Health Secretary say and when: filters on kind and actor") {
  const QueryResult r = ask("kind:statement and actor:victoria-atkins");
  const auto found = ids(r.events);
  CHECK(found.size() >= 6);
  for (const std::string& id : found) {
    const Event* e = curated().dataset.event(id);
    CHECK(e->kind == "statement");
  }
  CHECK(has(found, "atkins-conference-video-message"));
  CHECK(has(found, "atkins-ready-to-negotiate-if-strikes-called-off"));
  CHECK_FALSE(has(found, "laurenson-calls-government-reckless"));
}

TEST_CASE("what happened between 1 and 21 December 2023: within, and overlapping apart") {
  const QueryResult r = ask("between 2023-12-01 2023-12-21");
  const auto within = ids(r.events), overlapping = ids(r.possibly);
  for (const char* id : {"december-2023-talks-collapse", "december-2023-strike-dates-set",
                         "laurenson-calls-government-reckless", "atkins-refuses-talks-until-strikes-called-off"}) {
    CAPTURE(id);
    CHECK(has(within, id));
  }
  CHECK(has(overlapping, "december-2023-junior-doctors-strike"));  // runs to the 23rd
  CHECK_FALSE(has(within, "atkins-appointed-health-secretary"));
  CHECK_FALSE(has(overlapping, "atkins-appointed-health-secretary"));
  CHECK_FALSE(has(within, "january-2024-junior-doctors-walkouts"));
}

TEST_CASE("effects, paths and the reasons a path is missing") {
  const auto effects = ids(ask("effects december-2023-talks-collapse").events);
  CHECK(has(effects, "december-2023-strike-dates-set"));
  CHECK(has(effects, "december-2023-junior-doctors-strike"));
  CHECK(has(effects, "january-2024-junior-doctors-walkouts"));

  const QueryResult path = ask("path december-2023-talks-collapse december-2023-junior-doctors-strike");
  CHECK(ids(path.events) == std::vector<std::string>{"december-2023-talks-collapse", "december-2023-strike-dates-set",
                                                      "december-2023-junior-doctors-strike"});
  const QueryResult backwards = ask("path december-2023-junior-doctors-strike december-2023-talks-collapse");
  CHECK(backwards.events.empty());
  REQUIRE(!backwards.notes.empty());
  CHECK(backwards.notes[0].find("the other way") != std::string::npos);
}

TEST_CASE("during and after, with filters") {
  const auto during = ids(ask("during december-2023-junior-doctors-strike and kind:statement").events);
  CHECK(has(during, "laurenson-calls-government-reckless"));
  for (const std::string& id : during) CHECK(curated().dataset.event(id)->kind == "statement");
  const auto after = ids(ask("after december-2023-junior-doctors-strike and kind:strike").events);
  CHECK(has(after, "wales-junior-doctors-72-hour-strike"));
  CHECK(has(after, "january-2024-junior-doctors-walkouts"));
}

TEST_CASE("phrases match word forms, and ids and kinds break near ties") {
  struct Row {
    const char* phrase;
    const char* id;
  };
  const Row rows[] = {
      {"talks collapsed", "december-2023-talks-collapse"},
      {"the talks collapse", "december-2023-talks-collapse"},
      {"January strike", "january-2024-junior-doctors-walkouts"},
      {"Wales strike", "wales-junior-doctors-72-hour-strike"},
      {"Atkins appointed", "atkins-appointed-health-secretary"},
      {"Scotland agreement", "scotland-agreement"},
      {"december-2023-junior-doctors-strike", "december-2023-junior-doctors-strike"},
      // The strike, not the announcement of its dates nor the preparations for it.
      {"December strike", "december-2023-junior-doctors-strike"},
      {"ballot", "northern-ireland-junior-doctors-ballot"},
      {"January walkouts", "january-2024-junior-doctors-walkouts"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.phrase);
    const EventMatch m = match_event(row.phrase, curated().dataset);
    REQUIRE(m.index >= 0);
    CHECK(curated().dataset.events[static_cast<std::size_t>(m.index)].id == row.id);
  }
}

TEST_CASE("queries that cannot be answered say why, where") {
  struct Row {
    const char* query;
    const char* error;
    std::size_t offset;
  };
  const Row rows[] = {
      {"", "the query is empty", 0},
      {"befor talks-collapse", "expected a question or a filter, found `befor`; did you mean `before`?", 0},
      {"before \"talks", "this quotation mark is never closed", 7},
      {"before nothing-like-it", "no event matches `nothing-like-it`", 7},
      {"before talks-collapse and", "the query ends after `and`", 25},
      {"kind:strik", "no kind `strik` in this dataset; did you mean `strike`?", 5},
      {"colour:red", "unknown filter `colour:`", 0},
      {"between 2023-12-21 2023-12-01", "the second date is before the first", 19},
      {"between 2023-13 2024", "`2023-13` is not a valid date: month 13 does not exist", 13},
      {"before december-2023-talks-collapse after december-2023-talks-collapse",
       "expected `and` between parts of the query", 36},
      {"before december-2023-talks-collapse and after december-2023-talks-collapse",
       "one question at a time: `after` follows another question", 40},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    const QueryResult r = run_query(row.query, curated().dataset, *curated().graph);
    CHECK_FALSE(r.ok);
    CHECK(r.error.rfind(row.error, 0) == 0);
    CHECK(r.error_offset == row.offset);
  }
}

// A small dataset of its own, so that suggestions do not depend on the curated one.
struct Small {
  testing::TempFolder folder;
  Dataset dataset;
  std::unique_ptr<DisputeGraph> graph;
};

const Small& small() {
  static const std::unique_ptr<Small> loaded = [] {
    auto s = std::make_unique<Small>();
    s->folder.write("actors.yaml",
                    "actors:\n  - id: bma\n    name: British Medical Association\n    short: BMA\n    kind: union\n"
                    "  - id: victoria-atkins\n    name: Victoria Atkins\n    kind: minister\n");
    s->folder.write("sources.yaml",
                    "sources:\n  - id: sky-news-2023-12-21\n    title: Atkins refuses talks\n    publisher: Sky News\n"
                    "    published: 2023-12-21\n    dated_by: Its own date.\n    path: texts/sky.txt\n");
    s->folder.write("texts/sky.txt", "The Health Secretary spoke.\n");
    s->folder.write("e.yaml", "events:\n  - id: atkins-speaks\n    kind: statement\n    speaker: victoria-atkins\n"
                              "    title: Atkins speaks\n    actors: [victoria-atkins, bma]\n    sources:\n"
                              "      - source: sky-news-2023-12-21\n        quote: The Health Secretary spoke\n");
    Diagnostics diagnostics;
    Analysis analysis = analyse(s->folder.path(), diagnostics);
    s->dataset = std::move(analysis.dataset);
    REQUIRE(diagnostics.errors() == 0);
    s->graph = std::make_unique<DisputeGraph>(std::move(analysis.graph));
    return s;
  }();
  return *loaded;
}

TEST_CASE("an actor or source filter that names no id suggests ids by their names, short names and words") {
  struct Row {
    const char* query;
    const char* error;
    std::size_t offset;
  };
  const Row rows[] = {
      {"actor:BMA", "no actor `BMA` in this dataset; did you mean `bma`?", 6},
      {"actor:\"British Medical Association\"", "no actor `British Medical Association` in this dataset; did you mean `bma`?", 6},
      {"actor:atkins", "no actor `atkins` in this dataset; did you mean `victoria-atkins`?", 6},
      {"kind:statement and actor:'Victoria Atkins'",
       "no actor `Victoria Atkins` in this dataset; did you mean `victoria-atkins`?", 25},
      {"actor:bmaa", "no actor `bmaa` in this dataset; did you mean `bma`?", 6},
      {"actor:nobody", "no actor `nobody` in this dataset", 6},
      {"source:sky", "no source `sky` in this dataset; did you mean `sky-news-2023-12-21`?", 7},
      {"source:\"Sky News\"", "no source `Sky News` in this dataset; did you mean `sky-news-2023-12-21`?", 7},
      {"actor:\"BMA", "this quotation mark is never closed", 6},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    const QueryResult r = run_query(row.query, small().dataset, *small().graph);
    CHECK_FALSE(r.ok);
    CHECK(r.error == row.error);
    CHECK(r.error_offset == row.offset);
  }
  // A quoted value that is an id is a filter like any other.
  const QueryResult r = run_query("actor:\"bma\"", small().dataset, *small().graph);
  CHECK(r.ok);
  CHECK(r.events.size() == 1);
}

TEST_CASE("an actor filter takes in the committees and officials that are part of the actor, and says so") {
  const QueryResult r = ask("kind:statement and actor:bma");
  const auto found = ids(r.events);
  // Robert Laurenson is part of the junior doctors committee, which is part of the BMA.
  CHECK(std::find(found.begin(), found.end(), "laurenson-calls-government-reckless") != found.end());
  REQUIRE(!r.notes.empty());
  CHECK(r.notes.back().find("`actor:bma` includes what is part of `bma`: `bma-junior-doctors-committee`, `robert-laurenson`") == 0);
  // A part does not stand for the whole.
  const auto committee = ids(ask("actor:robert-laurenson").events);
  for (const std::string& id : committee) CHECK(id != "bma-will-not-cancel-strikes");
}

// Events whose titles alone would point the wrong way: the strike's title does not
// say "strike", the ballot's does not say "ballot", and an announcement's does.
struct Phrases {
  testing::TempFolder folder;
  Dataset dataset;
  std::unique_ptr<DisputeGraph> graph;
};

const Phrases& phrases() {
  static const std::unique_ptr<Phrases> loaded = [] {
    auto p = std::make_unique<Phrases>();
    p->folder.write("actors.yaml", "actors:\n  - id: union\n    name: The Union\n    kind: union\n");
    p->folder.write("sources.yaml", "sources:\n  - id: news\n    title: News\n    publisher: News\n"
                                    "    published: 2024-03-01\n    dated_by: Its own date.\n    path: texts/news.txt\n");
    p->folder.write("texts/news.txt", "It happened.\n");
    auto event = [](const char* id, const char* kind, const char* title, const char* date, const char* extra = "") {
      return std::string("  - id: ") + id + "\n    kind: " + kind + "\n    title: " + title + "\n    date: \"" + date +
             "\"\n" + extra + "    actors: [union]\n    sources:\n      - source: news\n        quote: It happened\n";
    };
    p->folder.write("events.yaml",
                    "events:\n" +
                        event("early-talks", "talks", "Early talks are held in early November", "2023-11-03",
                              "    status: under-way\n") +
                        event("members-back-action", "ballot", "Members back industrial action by 98%", "2023-11-10",
                              "    status: result\n") +
                        event("december-strike-announced", "announcement", "Union announces December strike",
                              "2023-12-01") +
                        event("doctors-walk-out", "strike", "Doctors walk out for three days", "2023-12-21/2023-12-23",
                              "    status: held\n    strikers: union\n") +
                        event("new-strike-dates", "announcement", "New strike dates are set for early January",
                              "2023-12-28") +
                        event("parties-settle", "agreement", "The parties settle", "2024-02-01", "    status: signed\n"));
    Diagnostics diagnostics;
    Analysis analysis = analyse(p->folder.path(), diagnostics);
    p->dataset = std::move(analysis.dataset);
    CAPTURE(format_all(diagnostics));
    REQUIRE(diagnostics.errors() == 0);
    p->graph = std::make_unique<DisputeGraph>(std::move(analysis.graph));
    return p;
  }();
  return *loaded;
}

TEST_CASE("phrases: a kind named beats a title that says it, a month prefers what is dated in it, all words must fit") {
  struct Row {
    const char* phrase;
    const char* id;  // "" when none fits
  };
  const Row rows[] = {
      // The strike, not the announcement whose title says "December strike".
      {"December strike", "doctors-walk-out"},
      {"the December walkouts", "doctors-walk-out"},
      {"2023-12 stoppage", "doctors-walk-out"},
      {"late December strike", "doctors-walk-out"},
      {"strike of 28 December", "new-strike-dates"},  // every word must fit, the day too
      {"December strike announcement", "december-strike-announced"},
      // No title says "ballot" or "vote": the kind does.
      {"ballot", "members-back-action"},
      {"the vote", "members-back-action"},
      {"November ballot", "members-back-action"},
      // The early-November talks have "early" but not January.
      {"early January", "new-strike-dates"},
      {"early November", "early-talks"},
      {"November talks", "early-talks"},
      {"deal", "parties-settle"},
      {"February 2024 agreement", "parties-settle"},
      {"January strike", "new-strike-dates"},
      {"December ballot", ""},
      {"lockout", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.phrase);
    const EventMatch m = match_event(row.phrase, phrases().dataset);
    CHECK(m.tied.empty());
    if (*row.id == '\0') {
      CHECK(m.index < 0);
    } else {
      REQUIRE(m.index >= 0);
      CHECK(phrases().dataset.events[static_cast<std::size_t>(m.index)].id == row.id);
    }
  }
}

TEST_CASE("phrases: when none fits, the closest events are suggested; the query JSON names the events resolved") {
  const QueryResult none = run_query("causes \"December ballot\"", phrases().dataset, *phrases().graph);
  CHECK_FALSE(none.ok);
  CHECK(none.error.rfind("no event matches `December ballot`; did you mean `members-back-action`", 0) == 0);
  CHECK(!none.candidates.empty());
  const std::string folder = phrases().folder.path().string();
  const auto r = testing::run_cli({"query", "path \"December strike\" early-talks", folder, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["targets"] == nlohmann::json::array({"doctors-walk-out", "early-talks"}));
  // The second dispute: a ballot whose title says "vote".
  const auto ballot = testing::run_cli({"query", "causes ballot", "tests/fixtures/wga-2023", "--format", "json"});
  CHECK(nlohmann::json::parse(ballot.out)["targets"] == nlohmann::json::array({"ratification-vote"}));
  const auto between = testing::run_cli({"query", "between 2023-12-01 2023-12-31", folder, "--format", "json"});
  CHECK(nlohmann::json::parse(between.out)["targets"] == nlohmann::json::array());
}

TEST_CASE("a phrase that fits several events equally lists them and exits 2") {
  const auto r = testing::run_cli({"query", "before \"junior doctors\"", "tests/fixtures/nhs-junior-doctors-2023"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("fits") != std::string::npos);
  CHECK(r.err.find("note: the candidates are:") != std::string::npos);
  CHECK(r.err.find("help: name one by its id") != std::string::npos);
}

TEST_CASE("query --format json has the query, events shaped as in export, and possibly apart") {
  const auto r = testing::run_cli({"query", "before \"talks collapsed\"", "tests/fixtures/nhs-junior-doctors-2023", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto document = nlohmann::json::parse(r.out);
  CHECK(document["query"] == "before \"talks collapsed\"");
  REQUIRE(!document["events"].empty());
  for (const char* key : {"id", "kind", "title", "date", "inferred", "actors", "sources", "note", "file", "line"}) {
    CHECK(document["events"][0].contains(key));
  }
  CHECK(!document["possibly"].empty());
  const auto causes = nlohmann::json::parse(testing::run_cli({"query", "causes \"January walkouts\"", "tests/fixtures/nhs-junior-doctors-2023", "--format", "json"}).out);
  CHECK(causes["events"][0]["chain"] == nlohmann::json::array({"december-2023-talks-collapse", "december-2023-strike-dates-set",
                                                               "january-2024-junior-doctors-walkouts"}));
  CHECK(causes["events"][0]["via"] == "december-2023-strike-dates-set");
  CHECK(causes["events"][0]["links"] == 2);
}

// A chain of `n` events, each led to the next, so `causes` of the last reaches every other.
void write_chain(const testing::TempFolder& folder, int n) {
  testing::write_one_actor_one_source(folder);
  std::string events = "events:\n";
  for (int i = 0; i < n; ++i) {
    events += "  - id: e" + std::to_string(i) + "\n    kind: announcement\n    title: Step " + std::to_string(i) +
              "\n    actors: [union]\n    sources:\n      - source: news\n        quote: Something happened\n";
    if (i + 1 < n) events += "    links:\n      - type: led-to\n        event: e" + std::to_string(i + 1) + "\n";
  }
  folder.write("events.yaml", events);
}

TEST_CASE("a 1,000-event chain is stored once and told in output linear in the events") {
  testing::TempFolder folder;
  write_chain(folder, 1000);
  const auto json = testing::run_cli({"query", "causes e999", folder.path().string(), "--format", "json"});
  REQUIRE(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  REQUIRE(document["events"].size() == 999);
  std::size_t ids_in_chains = 0;
  for (const auto& event : document["events"]) {
    CHECK(event["via"].is_string());
    if (event["chain"].is_array()) {
      ids_in_chains += event["chain"].size();
      CHECK(event["chain"].size() <= kChainToldWhole + 1);
    } else {
      CHECK(event["links"].get<std::size_t>() > kChainToldWhole);
    }
  }
  CHECK(ids_in_chains <= (kChainToldWhole + 1) * 999);
  const auto& first = *std::find_if(document["events"].begin(), document["events"].end(),
                                    [](const auto& e) { return e["id"] == "e0"; });
  CHECK(first["via"] == "e1");
  CHECK(first["links"] == 999);
  CHECK(first["chain"].is_null());
  const auto& near = *std::find_if(document["events"].begin(), document["events"].end(),
                                   [](const auto& e) { return e["id"] == "e996"; });
  CHECK(near["chain"] == nlohmann::json::array({"e996", "e997", "e998", "e999"}));
  // Text: each line names the event, its neighbour and the end, never the whole chain.
  const auto text = testing::run_cli({"query", "causes e999", folder.path().string()});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("via e0 → e1 → … → e999 (999 links)") != std::string::npos);
  CHECK(text.out.find("via e996 → e997 → e998 → e999\n") != std::string::npos);
  CHECK(text.out.size() < 999 * 200);
  // Effects read the other way, from the event asked about.
  const auto effects = testing::run_cli({"query", "effects e0", folder.path().string()});
  CHECK(effects.out.find("via e0 → … → e998 → e999 (999 links)") != std::string::npos);
  // Path keeps its single chain whole: every event on it, in order.
  const auto path = nlohmann::json::parse(
      testing::run_cli({"query", "path e0 e999", folder.path().string(), "--format", "json"}).out);
  REQUIRE(path["events"].size() == 1000);
  CHECK(path["events"][1]["chain"] == nlohmann::json::array({"e0", "e1"}));
  CHECK(path["events"][999]["via"] == "e998");
}

TEST_CASE("a questions file with mistakes is reported by line and column, and nothing is written") {
  testing::TempFolder temp;
  temp.write("q.txt", "# comment\nNo bar here\nWhat? | befor talks-collapse\nWho? | kind:strike\n");
  const std::string out = (temp.path() / "out.md").string();
  const auto r = testing::run_cli({"brief", (temp.path() / "q.txt").string(), "tests/fixtures/nhs-junior-doctors-2023", "-o", out});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("q.txt:2:1: error: a question needs its query after a `|`") != std::string::npos);
  CHECK(r.err.find("q.txt:3:9: error: query: expected a question or a filter, found `befor`") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("a questions file is read line by line as a text file: BOM, CR endings, and characters that would act") {
  struct Case {
    std::string name;
    std::string text;
    std::size_t questions;
    std::string error;  // "line:column: message", or empty
  };
  const Case cases[] = {
      {"byte order mark and CR endings", "\xEF\xBB\xBF" "A? | kind:strike\rB? | kind:talks\r\nC? | kind:ballot", 3, ""},
      {"escape", "Fine? | kind:strike\nRed \x1b[31m? | kind:strike\n", 1, "2:5: error: this line contains the control character U+001B ESCAPE"},
      {"bell in the query", "Ring? | kind:strike\x07\n", 0, "1:20: error: this line contains the control character U+0007"},
      {"right-to-left override", "Who\u202E? | kind:strike\n", 0, "1:4: error: this line contains the bidirectional control U+202E"},
      {"bad UTF-8 on each of two lines", "A\xff? | kind:strike\rB\xfe? | kind:strike\n", 0,
       "2:2: error: the questions file is not valid UTF-8 at line 2"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Diagnostics diagnostics;
    const std::uint32_t file = diagnostics.add_file("q.txt");
    const auto questions = parse_questions(c.text, file, diagnostics);
    CHECK(questions.size() == c.questions);
    const std::string report = format_all(diagnostics);
    if (c.error.empty()) {
      CHECK(report.empty());
    } else {
      CHECK(report.find("q.txt:" + c.error) != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace strikeline
