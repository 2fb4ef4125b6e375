// `before X` and `after X` from the dates and every link together, each event
// with the link, chain or dates that make it certain.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>

#include "analysis.h"
#include "loader.h"
#include "query.h"
#include "test_support.h"

namespace strikeline {
namespace {

struct Loaded {
  testing::TempFolder folder;
  Dataset dataset;
  std::unique_ptr<DisputeGraph> graph;
};

// Talks that collapsed some day of 1–10 December, with things linked to them and
// dates that alone would leave the order open.
const Loaded& talks() {
  static const std::unique_ptr<Loaded> loaded = [] {
    auto l = std::make_unique<Loaded>();
    l->folder.write("actors.yaml", "actors:\n  - id: union\n    name: The Union\n    kind: union\n"
                                   "  - id: employer\n    name: The Employer\n    kind: employer\n");
    l->folder.write("sources.yaml", "sources:\n  - id: news\n    title: Talks collapse\n    publisher: News\n"
                                    "    published: 2023-12-31\n    dated_by: Its own date.\n    path: texts/news.txt\n");
    l->folder.write("texts/news.txt",
                    "Talks collapsed. A memo went round. The union warned the employer. The employer made an offer. "
                    "The union made a claim. Members walked out. Members voted. Strike dates were set. A rally was held. "
                    "Someone else spoke.\n");
    auto event = [](const std::string& id, const std::string& kind, const std::string& extra, const std::string& date,
                    const std::string& quote, const std::string& links) {
      std::string text = "  - id: " + id + "\n    kind: " + kind + "\n    title: " + id + " happens\n" + extra;
      if (!date.empty()) text += "    date: \"" + date + "\"\n";
      text += "    actors: [union]\n    sources:\n      - source: news\n        quote: " + quote + "\n";
      if (!links.empty()) text += "    links:\n" + links;
      return text;
    };
    auto link = [](const std::string& type, const std::string& target) {
      return "      - type: " + type + "\n        event: " + target + "\n";
    };
    l->folder.write(
        "events.yaml",
        "events:\n" + event("talks-collapse", "talks", "    status: collapsed\n", "2023-12-01/2023-12-10",
                            "Talks collapsed", link("led-to", "dates-set")) +
            event("memo", "announcement", "", "", "A memo went round", link("before", "warning")) +
            event("warning", "announcement", "", "/2023-12-10", "The union warned the employer",
                  link("before", "talks-collapse")) +
            event("offer", "offer", "", "2023-12", "The employer made an offer", link("led-to", "talks-collapse")) +
            event("early-claim", "claim", "    holder: union\n", "2023-11-20", "The union made a claim", "") +
            event("walkout", "strike", "    status: held\n    strikers: union\n", "2023-12-05/2023-12-08",
                  "Members walked out", link("response-to", "talks-collapse")) +
            event("vote", "ballot", "    status: result\n", "2023-12", "Members voted", link("after", "talks-collapse")) +
            event("dates-set", "announcement", "", "2023-12", "Strike dates were set", "") +
            event("rally", "rally", "", "", "A rally was held", link("during", "walkout")) +
            event("bystander", "announcement", "", "2023-12", "Someone else spoke", ""));
    Diagnostics diagnostics;
    Analysis analysis = analyse(l->folder.path(), diagnostics);
    l->dataset = std::move(analysis.dataset);
    CAPTURE(format_all(diagnostics));
    REQUIRE(diagnostics.errors() == 0);
    l->graph = std::make_unique<DisputeGraph>(std::move(analysis.graph));
    return l;
  }();
  return *loaded;
}

// The answer as id → reason, and the "possibly" ids apart.
struct Answer {
  std::map<std::string, std::string> certain;
  std::vector<std::string> possibly;
};

Answer ask(const Loaded& l, const std::string& query) {
  const QueryResult r = run_query(query, l.dataset, *l.graph);
  CAPTURE(query);
  CAPTURE(r.error);
  REQUIRE(r.ok);
  REQUIRE(r.because.size() == r.events.size());
  Answer a;
  for (std::size_t k = 0; k < r.events.size(); ++k) a.certain[std::string(l.dataset.events[r.events[k]].id)] = r.because[k];
  for (std::uint32_t i : r.possibly) a.possibly.emplace_back(l.dataset.events[i].id);
  return a;
}

TEST_CASE("before X: a link, a chain of links, a cause or the dates make an event certain, and the answer says which") {
  const Answer a = ask(talks(), "before talks-collapse");
  const std::map<std::string, std::string> expected = {
      {"warning", "it is linked `before` `talks-collapse`"},
      {"offer", "it led to `talks-collapse`"},
      {"memo", "it came before `warning`, which came before `talks-collapse`"},
      {"early-claim",
       "it ends by 20 November 2023, and `talks-collapse` starts no earlier than 1 December 2023"},
  };
  CHECK(a.certain == expected);
  // Dated December like the talks, linked to nothing: the order is open.
  CHECK(std::find(a.possibly.begin(), a.possibly.end(), "bystander") != a.possibly.end());
  // What responded to the talks, what they led to, what is linked after them: never possibly before.
  for (const char* id : {"walkout", "vote", "dates-set"}) {
    CAPTURE(id);
    CHECK(std::find(a.possibly.begin(), a.possibly.end(), id) == a.possibly.end());
  }
}

TEST_CASE("after X: what X led to and what responded to X are certain, whatever their dates") {
  const Answer a = ask(talks(), "after talks-collapse");
  const std::map<std::string, std::string> expected = {
      {"walkout", "it responds to `talks-collapse`"},
      {"dates-set", "`talks-collapse` led to it"},
      {"vote", "it is linked `after` `talks-collapse`"},
  };
  CHECK(a.certain == expected);
  // Inside a strike that responded to the talks, but it could have begun with them.
  CHECK(std::find(a.possibly.begin(), a.possibly.end(), "rally") != a.possibly.end());
  for (const char* id : {"warning", "offer", "memo", "early-claim"}) {
    CAPTURE(id);
    CHECK(std::find(a.possibly.begin(), a.possibly.end(), id) == a.possibly.end());
  }
}

TEST_CASE("the reason is shown as \"because\" in text, in Markdown and in the query JSON") {
  const std::string folder = talks().folder.path().string();
  const auto text = testing::run_cli({"query", "before talks-collapse", folder});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("      because it is linked `before` `talks-collapse`\n") != std::string::npos);
  const auto markdown = testing::run_cli({"query", "after talks-collapse", folder, "--format", "markdown"});
  REQUIRE(markdown.exit_code == 0);
  CHECK(markdown.out.find("\nBecause it responds to `talks-collapse`.\n") != std::string::npos);
  const auto json = nlohmann::json::parse(testing::run_cli({"query", "before talks-collapse", folder, "--format", "json"}).out);
  CHECK(json["targets"] == nlohmann::json::array({"talks-collapse"}));
  bool found = false;
  for (const auto& e : json["events"]) {
    if (e["id"] == "offer") found = e["because"] == "it led to `talks-collapse`";
  }
  CHECK(found);
  // A filter keeps each event's reason with it.
  const auto filtered = ask(talks(), "before talks-collapse and kind:offer");
  CHECK(filtered.certain == std::map<std::string, std::string>{{"offer", "it led to `talks-collapse`"}});
}

TEST_CASE("on the shipped datasets, links settle what dates leave open") {
  Loaded nhs;
  Diagnostics diagnostics;
  Analysis nhs_analysis = analyse("tests/fixtures/nhs-junior-doctors-2023", diagnostics);
  nhs.dataset = std::move(nhs_analysis.dataset);
  REQUIRE(diagnostics.errors() == 0);
  nhs.graph = std::make_unique<DisputeGraph>(std::move(nhs_analysis.graph));
  const Answer before = ask(nhs, "before \"talks collapsed\"");
  CHECK(!before.certain.empty());
  for (const auto& [id, because] : before.certain) {
    CAPTURE(id);
    CHECK(!because.empty());
  }
  // The offer is linked `after` the pay review body's recommendation; its own date
  // ("by 21 December") would leave the order open.
  const Answer after = ask(nhs, "after pay-review-body-recommends-8-8-percent");
  CHECK(after.certain.at("government-offer-around-3-percent") ==
        "it is linked `after` `pay-review-body-recommends-8-8-percent`");

  Loaded wga;
  Analysis wga_analysis = analyse("tests/fixtures/wga-2023", diagnostics);
  wga.dataset = std::move(wga_analysis.dataset);
  REQUIRE(diagnostics.errors() == 0);
  wga.graph = std::make_unique<DisputeGraph>(std::move(wga_analysis.graph));
  CHECK(ask(wga, "before wga-strike-begins").certain.at("wga-accuses-amptp-on-core-issues") ==
        "it is linked `before` `wga-strike-begins`");
  const Answer agreement = ask(wga, "after tentative-agreement");
  CHECK(agreement.certain.at("negotiating-committee-calls-deal-exceptional") == "it responds to `tentative-agreement`");
  CHECK(agreement.certain.at("picketing-suspended") == "`tentative-agreement` led to it");
  CHECK(agreement.certain.at("wga-board-council-vote-scheduled") == "it is linked `after` `tentative-agreement`");
}

}  // namespace
}  // namespace strikeline
