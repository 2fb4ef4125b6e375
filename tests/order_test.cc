// No effect above its cause, on any page: every link of every dataset in the
// repository (the shipped ones, the fixtures that check clean) and of generated
// ones is walked, and the order it asks for is checked in the rendered Markdown
// (the order of the event anchors) and in the export. The sections are checked
// too: runs of that one order, one heading a month.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <set>

#include "export_json.h"
#include "graph.h"
#include "analysis.h"
#include "loader.h"
#include "reason.h"
#include "render_markdown.h"
#include "timeline.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;

// The event ids in the order their anchors appear in the Markdown.
std::vector<std::string> markdown_order(const std::string& markdown, const Dataset& dataset) {
  std::vector<std::string> ids;
  static const std::regex anchor("<a id=\"([^\"]*)\"></a>");
  for (auto it = std::sregex_iterator(markdown.begin(), markdown.end(), anchor); it != std::sregex_iterator(); ++it) {
    const std::string id = (*it)[1];
    if (dataset.event(id)) ids.push_back(id);
  }
  return ids;
}

std::vector<std::string> export_order(const std::string& json) {
  std::vector<std::string> ids;
  const nlohmann::json parsed = nlohmann::json::parse(json);
  for (const auto& event : parsed.at("events")) ids.push_back(event.at("id").get<std::string>());
  return ids;
}

// What a link asks of the order: (the one shown first, the one shown after it).
std::pair<std::string, std::string> required_order(const Event& event, const Link& link) {
  const std::string self(event.id), other(link.target);
  switch (link.type) {
    case LinkType::led_to:
    case LinkType::before: return {self, other};
    case LinkType::response_to:
    case LinkType::after:
    case LinkType::during:  // the whole comes first
    case LinkType::part_of: return {other, self};
  }
  return {self, other};
}

// Pairs of events that links order both ways (a circle of links, which no order
// can show): each reaches the other through the ordering links.
std::set<std::pair<std::string, std::string>> circular_pairs(const Dataset& dataset) {
  std::map<std::string, std::vector<std::string>> next;
  for (const Event& event : dataset.events) {
    for (const Link& link : event.links) {
      if (!dataset.event(link.target) || link.target == event.id) continue;
      auto [first, second] = required_order(event, link);
      next[first].push_back(second);
    }
  }
  auto reach = [&](const std::string& from) {
    std::set<std::string> seen{from};
    std::vector<std::string> todo{from};
    while (!todo.empty()) {
      const std::string v = todo.back();
      todo.pop_back();
      for (const std::string& w : next[v]) {
        if (seen.insert(w).second) todo.push_back(w);
      }
    }
    return seen;
  };
  std::set<std::pair<std::string, std::string>> circular;
  for (auto& [v, targets] : next) {
    const std::set<std::string> from_v = reach(v);
    for (const std::string& w : targets) {
      if (reach(w).count(v) && from_v.count(w)) circular.insert({v, w});
    }
  }
  return circular;
}

struct Walked {
  std::size_t links = 0;     // links walked
  std::size_t checked = 0;   // links that ask for an order (not to the event itself), checked twice
};

// Fails on any link shown inverted, in either order; returns how many were walked.
Walked check_links(const Dataset& dataset, const std::vector<std::string>& markdown,
                   const std::vector<std::string>& exported) {
  REQUIRE(markdown.size() == dataset.events.size());
  REQUIRE(exported.size() == dataset.events.size());
  std::map<std::string, std::size_t> in_markdown, in_export;
  for (std::size_t k = 0; k < markdown.size(); ++k) in_markdown[markdown[k]] = k;
  for (std::size_t k = 0; k < exported.size(); ++k) in_export[exported[k]] = k;
  const auto circular = circular_pairs(dataset);
  Walked walked;
  for (const Event& event : dataset.events) {
    for (const Link& link : event.links) {
      ++walked.links;
      if (link.target == event.id || !dataset.event(link.target)) continue;
      const auto [first, second] = required_order(event, link);
      if (circular.count({first, second})) continue;
      CAPTURE(event.id);
      CAPTURE(to_string(link.type));
      CAPTURE(link.target);
      CHECK(in_markdown.at(first) < in_markdown.at(second));
      CHECK(in_export.at(first) < in_export.at(second));
      ++walked.checked;
    }
  }
  return walked;
}

// The sections are runs of the one order: each heading once, months in order, and
// an event not marked "date uncertain" filed under the month its stated start is in.
void check_sections(const Dataset& dataset, const std::string& markdown) {
  std::set<std::string> headings;
  long last_month = -1;
  std::string heading;
  std::size_t events = 0;
  const std::vector<TimelineGroup> groups = timeline_groups(dataset);
  for (const TimelineGroup& group : groups) {
    CAPTURE(group.heading);
    CHECK(headings.insert(group.heading).second);
    CHECK(markdown.find("\n## " + group.heading + "\n") != std::string::npos);
    for (const Event* event : group.events) {
      CAPTURE(event->id);
      CHECK(event == &dataset.events[events]);  // the sections are the timeline, cut into runs
      ++events;
      if (!event->placed_on) {
        CHECK(group.heading == "Date not known");
        continue;
      }
      const date::year_month_day ymd(*event->placed_on);
      const long month = static_cast<int>(ymd.year()) * 12L + static_cast<unsigned>(ymd.month());
      CHECK(month >= last_month);
      last_month = month;
      const std::string at = "<a id=\"" + std::string(event->id) + "\"></a>";
      const std::size_t from = markdown.find(at);
      REQUIRE(from != std::string::npos);
      const std::size_t line = markdown.find("**", from);
      const std::string facts = markdown.substr(line, markdown.find('\n', line) - line);
      const bool marked = facts.find("*date uncertain") != std::string::npos;
      if (!marked) {
        // Its stated start, or all the days its date and links allow, lie in the
        // month it is filed under.
        const auto in_month = [&](std::optional<date::sys_days> day) {
          return day && date::year_month_day(*day).year() == ymd.year() &&
                 date::year_month_day(*day).month() == ymd.month();
        };
        const bool start_in_month = event->date && event->date->start().kind == EdtfPoint::Kind::date &&
                                    event->date->start().precision >= EdtfPrecision::month &&
                                    in_month(event->date->start().earliest) && in_month(event->date->start().latest);
        const bool all_in_month = in_month(event->inferred_earliest) && in_month(event->inferred_latest);
        CHECK((start_in_month || all_in_month));
      }
    }
  }
  CHECK(events == dataset.events.size());
}

Walked check_dataset(const Dataset& dataset) {
  const std::string markdown = render_markdown(dataset);
  check_sections(dataset, markdown);
  return check_links(dataset, markdown_order(markdown, dataset), export_order(export_json(dataset)));
}

TEST_CASE("order: no link of a shipped dataset is shown inverted, in the timeline or the export") {
  std::size_t datasets = 0;
  for (const auto& entry : fs::directory_iterator("events")) {
    if (!entry.is_directory()) continue;
    CAPTURE(entry.path().string());
    Diagnostics diagnostics;
    const Dataset dataset = analyse(entry.path(), diagnostics).dataset;
    REQUIRE(diagnostics.errors() == 0);
    std::size_t links = 0;
    for (const Event& event : dataset.events) links += event.links.size();
    const Walked walked = check_dataset(dataset);
    CHECK(walked.links == links);  // every link walked
    CHECK(walked.checked > 0);
    ++datasets;
  }
  CHECK(datasets >= 2);
}

TEST_CASE("order: no link of a fixture that checks clean is shown inverted") {
  std::size_t clean = 0;
  for (const char* root : {"tests/golden", "tests/bad"}) {
    for (const auto& entry : fs::directory_iterator(root)) {
      if (!entry.is_directory()) continue;
      CAPTURE(entry.path().string());
      Diagnostics diagnostics;
      const Dataset dataset = analyse(entry.path(), diagnostics).dataset;
      if (diagnostics.errors() > 0) continue;
      check_dataset(dataset);
      ++clean;
    }
  }
  MESSAGE(clean << " fixtures check clean");
}

// ---- Generated datasets ------------------------------------------------------------

std::string iso(date::sys_days day) { return iso_day(day); }
std::string iso_month(date::sys_days day) { return iso_day(day).substr(0, 7); }

// A dispute of `n` events that happened on true spans, stated as dates of mixed
// precision that contain them (or not at all), with random links of every type that
// the true spans make true. So it checks clean, and the order is tested on data
// whose links are all consistent.
Dataset generated(std::uint32_t seed, std::size_t n) {
  std::mt19937 random(seed);
  auto pick = [&](std::uint32_t k) { return static_cast<std::uint32_t>(random() % k); };
  struct Span {
    date::sys_days start, end;
  };
  const date::sys_days base = date::sys_days(date::year(2022) / 11 / 1);
  std::vector<Span> spans(n);
  for (Span& s : spans) {
    s.start = base + date::days(pick(400));
    s.end = s.start + date::days(pick(3) == 0 ? pick(70) : 0);
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });

  Dataset dataset;
  Arena& arena = dataset.arena();
  std::vector<std::vector<Link>> links(n);
  for (std::size_t j = 1; j < n; ++j) {
    for (std::uint32_t k = pick(4); k > 0; --k) {
      const std::size_t i = j - 1 - pick(static_cast<std::uint32_t>(std::min<std::size_t>(j, 30)));
      const std::string from = "event-" + std::to_string(i), to = "event-" + std::to_string(j);
      std::vector<std::pair<std::size_t, Link>> fits;  // (the event holding the link, the link)
      fits.push_back({i, Link{LinkType::led_to, arena.keep(to), {}}});
      fits.push_back({j, Link{LinkType::response_to, arena.keep(from), {}}});
      if (spans[i].end <= spans[j].start) {
        fits.push_back({i, Link{LinkType::before, arena.keep(to), {}}});
        fits.push_back({j, Link{LinkType::after, arena.keep(from), {}}});
      }
      if (spans[j].end <= spans[i].end) {
        fits.push_back({j, Link{LinkType::during, arena.keep(from), {}}});
        fits.push_back({j, Link{LinkType::part_of, arena.keep(from), {}}});
      }
      const auto& [holder, link] = fits[pick(static_cast<std::uint32_t>(fits.size()))];
      links[holder].push_back(link);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Span s = spans[i];
    const bool one_day = s.start == s.end;
    const bool one_month = iso_month(s.start) == iso_month(s.end);
    const std::string year = iso(s.start).substr(0, 4);
    std::vector<std::string> forms{"", iso(s.start) + "/" + iso(s.end), "/" + iso(s.end + date::days(pick(20))),
                                   iso(s.start - date::days(pick(20))) + "/..",
                                   iso_month(s.start) + "/" + iso_month(s.end),
                                   iso(s.start) + "~/" + iso(s.end), iso(s.start) + "/" + iso(s.end) + "?"};
    if (one_day) {
      for (const char* q : {"", "~", "?", "%"}) forms.push_back(iso(s.start) + q);
    }
    if (one_month) {
      for (const char* q : {"", "~", "?"}) forms.push_back(iso_month(s.start) + q);
      forms.push_back(iso_month(s.start) + "-XX");
    }
    if (year == iso(s.end).substr(0, 4)) forms.push_back(year);
    forms.push_back(year + "/" + iso(s.end));
    const std::string text = forms[pick(static_cast<std::uint32_t>(forms.size()))];
    Event e;
    e.id = arena.keep("event-" + std::to_string(i));
    // One-act kinds happen on one day, so only a one-day span may be one; the rest last.
    e.kind = s.start == s.end && pick(2) == 0 ? "statement" : "preparation";
    e.title = e.id;
    if (!text.empty()) {
      e.date = Edtf::parse(text);
      REQUIRE_MESSAGE(e.date->ok(), text);
    }
    e.links = arena.keep(links[i]);
    e.order = static_cast<std::uint32_t>(pick(1000000));  // files in no particular order
    dataset.events.push_back(std::move(e));
  }
  // Shuffled, so that the order of the files says nothing.
  std::shuffle(dataset.events.begin(), dataset.events.end(), random);
  for (std::uint32_t k = 0; k < dataset.events.size(); ++k) dataset.events[k].order = k;
  dataset.reindex();
  return dataset;
}

TEST_CASE("order: no link of a generated dataset is shown inverted, whatever the dates' precision") {
  std::size_t links = 0;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    CAPTURE(seed);
    Dataset dataset = generated(seed, 200);
    Diagnostics diagnostics;
    const DisputeGraph graph(dataset);
    apply(dataset, reason(dataset, graph, diagnostics));
    CHECK_MESSAGE(diagnostics.errors() == 0, format_all(diagnostics));
    const Walked walked = check_dataset(dataset);
    std::size_t all = 0;
    for (const Event& event : dataset.events) all += event.links.size();
    CHECK(walked.links == all);
    CHECK(walked.checked == all);  // generated links never go round in a circle
    links += walked.checked;
  }
  CHECK(links > 10000);
}

// The graph reasoning was done on, moved to the timeline's order, is the graph a
// fresh build over the ordered events gives: the same edges in the same order, and
// so the same causes and effects, chains included.
void check_same_graph(const DisputeGraph& reordered, const Dataset& ordered) {
  const DisputeGraph fresh(ordered);
  REQUIRE(reordered.edges().size() == fresh.edges().size());
  for (std::size_t k = 0; k < fresh.edges().size(); ++k) {
    const Edge& a = reordered.edges()[k];
    const Edge& b = fresh.edges()[k];
    CHECK((a.from == b.from && a.to == b.to && a.link == b.link && a.causal == b.causal && a.type == b.type));
  }
  auto same = [](const std::vector<DisputeGraph::Reached>& x, const std::vector<DisputeGraph::Reached>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const auto& p, const auto& q) {
      return p.event == q.event && p.via == q.via && p.links == q.links;
    });
  };
  for (std::uint32_t e = 0; e < ordered.events.size(); ++e) {
    CHECK(same(reordered.all_causes(e), fresh.all_causes(e)));
    CHECK(same(reordered.all_effects(e), fresh.all_effects(e)));
  }
}

TEST_CASE("analysis: the graph built for reasoning serves the ordered events as a fresh one would") {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    CAPTURE(seed);
    Dataset dataset = generated(seed, 200);
    Diagnostics diagnostics;
    DisputeGraph graph(dataset);
    const Reasoning reasoning = reason(dataset, graph, diagnostics);
    apply(dataset, reasoning);
    graph.reorder(reasoning.order);
    check_same_graph(graph, dataset);
  }
  for (const char* folder : {"events/nhs-junior-doctors-2023", "events/wga-2023", "tests/golden/json-contract"}) {
    CAPTURE(folder);
    Diagnostics diagnostics;
    const Analysis analysis = analyse(folder, diagnostics);
    check_same_graph(analysis.graph, analysis.dataset);
  }
}

}  // namespace
}  // namespace strikeline
