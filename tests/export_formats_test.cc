// The TimelineJS and Mermaid exports on small datasets made here: dates at their
// precision, open ends, undated events, no events at all, and escaping. That the
// files load in TimelineJS and Mermaid themselves is browser_export_test.sh's part.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "export_mermaid.h"
#include "export_timelinejs.h"
#include "model.h"

namespace strikeline {
namespace {

using Json = nlohmann::json;

Event event(Dataset& dataset, const char* id, const char* kind, const char* title, const char* date) {
  Event e;
  e.id = id;
  e.kind = kind;
  e.title = dataset.arena().keep(std::string(title));
  if (date) e.date = Edtf::parse(date);
  e.order = static_cast<std::uint32_t>(dataset.events.size());
  return e;
}

Dataset small_dataset() {
  Dataset dataset;
  dataset.title = "A dispute";
  dataset.description = "What <b>happened</b>.";
  dataset.events.push_back(event(dataset, "around-november", "strike", "Strike: around November", "2023-11~"));
  dataset.events.push_back(event(dataset, "talks", "talks", "Talks # collapse; <i>again</i>", "2023-12-01/2023-12-21"));
  dataset.events.push_back(event(dataset, "open", "strike", "An open-ended strike", "2023-12-20/.."));
  Event placed = event(dataset, "placed", "offer", "An undated offer, placed by its links", nullptr);
  placed.placed_on = date::sys_days{date::year{2023} / 12 / 12};
  dataset.events.push_back(placed);
  dataset.events.push_back(event(dataset, "unknown", "statement", "Nothing known", nullptr));
  dataset.events[1].links = dataset.arena().keep(std::vector<Link>{{LinkType::led_to, "open", {}}});
  dataset.reindex();
  return dataset;
}

Json timelinejs(const Dataset& dataset) {
  std::ostringstream out;
  export_timelinejs(dataset, out);
  return Json::parse(out.str());
}

TEST_CASE("timelinejs: dates at their precision, open ends without end_date, and the unplaceable left out and counted") {
  const Json doc = timelinejs(small_dataset());
  CHECK(doc["title"]["text"]["headline"] == "A dispute");
  CHECK(doc["title"]["text"]["text"].get<std::string>().find("What &lt;b&gt;happened&lt;/b&gt;.") != std::string::npos);
  CHECK(doc["title"]["text"]["text"].get<std::string>().find("One event whose date is not known") != std::string::npos);
  const Json& events = doc["events"];
  REQUIRE(events.size() == 4);
  CHECK(events[0]["unique_id"] == "around-november");
  CHECK(events[0]["start_date"] == Json{{"year", 2023}, {"month", 11}});
  CHECK(!events[0].contains("end_date"));  // November to November: one month
  CHECK(events[0]["display_date"] == "Around November 2023");
  CHECK(events[0]["group"] == "Strike");
  CHECK(events[0]["autolink"] == false);
  CHECK(events[1]["start_date"] == Json{{"year", 2023}, {"month", 12}, {"day", 1}});
  CHECK(events[1]["end_date"] == Json{{"year", 2023}, {"month", 12}, {"day", 21}});
  CHECK(events[1]["display_date"] == "1–21 December 2023");
  CHECK(events[1]["text"]["headline"] == "Talks # collapse; &lt;i&gt;again&lt;/i&gt;");
  CHECK(events[2]["start_date"] == Json{{"year", 2023}, {"month", 12}, {"day", 20}});
  CHECK(!events[2].contains("end_date"));
  CHECK(events[3]["unique_id"] == "placed");
  CHECK(events[3]["start_date"] == Json{{"year", 2023}, {"month", 12}, {"day", 12}});
}

TEST_CASE("timelinejs: an empty dataset is a title slide and no events") {
  Dataset empty;
  const Json doc = timelinejs(empty);
  CHECK(doc["title"]["text"]["headline"] == "Timeline");
  CHECK(doc["events"] == Json::array());
}

TEST_CASE("mermaid: text cannot end a label, start a comment or a statement, or add markup") {
  CHECK(escape_mermaid("Talks, (again) - 3.5% isn't it") == "Talks, (again) - 3.5#37; isn't it");
  CHECK(escape_mermaid("a: b # c; <d> \"e\" `f` %%g\nh") ==
        "a#58; b #35; c#59; #60;d#62; #34;e#34; #96;f#96; #37;#37;g h");
  CHECK(escape_mermaid("ﬂ°°60¶ß") == "#64258;#176;#176;60#182;#223;");
  CHECK(escape_mermaid("1–21 December 2023 · “quoted”") == "1–21 December 2023 · “quoted”");
}

TEST_CASE("mermaid: a timeline of month sections, and a flowchart only of causal links") {
  const Dataset dataset = small_dataset();
  const std::string timeline = mermaid_timeline(dataset);
  CHECK(timeline.starts_with("timeline\n    title A dispute\n"));
  CHECK(timeline.find("1–21 December 2023 : Talks #35; collapse#59; #60;i#62;again#60;#47;i#62;") != std::string::npos);
  const std::string flowchart = mermaid_flowchart(dataset);
  CHECK(flowchart.starts_with("flowchart TD\n"));
  CHECK(flowchart.find("    e1 -->|\"led to\"| e2\n") != std::string::npos);
  CHECK(flowchart.find("e0[") == std::string::npos);  // not causally linked: not a node

  Dataset empty;
  CHECK(mermaid_flowchart(empty).empty());
  CHECK(mermaid_timeline(empty).find("section No events") != std::string::npos);
  std::ostringstream out;
  export_mermaid(empty, out);
  CHECK(out.str().find("no causal graph") != std::string::npos);
}

}  // namespace
}  // namespace strikeline
