// The dot export (`strikeline export --format dot`): the graph's structure on the
// curated datasets, and every label read back as Graphviz reads it, so that no data
// can end a string, make an escape sequence or change a label's lines. The drawing
// itself is checked with Graphviz by tests/dot_test.sh.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "export_dot.h"
#include "test_support.h"

namespace strikeline {
namespace {

// A quoted DOT string's text as Graphviz shows it in a label, from just after its
// opening quote: DOT's `\"` and the escString's `\\` undone, `\l` and `\n` ending
// lines, `&amp;` read as the entity it is. Any other escape fails the test. `end`
// is left just after the closing quote.
std::vector<std::string> label_lines_read(const std::string& dot, std::size_t at, std::size_t& end) {
  std::vector<std::string> lines(1);
  for (; at < dot.size(); ++at) {
    const char c = dot[at];
    if (c == '"') break;
    REQUIRE(c != '\n');  // a string never runs over a line
    if (c != '\\') {
      lines.back() += c;
      continue;
    }
    REQUIRE(at + 1 < dot.size());
    const char next = dot[++at];
    CAPTURE(dot.substr(at - 1, 2));
    if (next == '\\' || next == '"') {
      lines.back() += next;
    } else {
      REQUIRE((next == 'l' || next == 'n'));
      lines.emplace_back();
    }
  }
  REQUIRE(at < dot.size());
  end = at + 1;
  if (lines.back().empty()) lines.pop_back();
  for (std::string& line : lines) {
    for (auto amp = line.find('&'); amp != std::string::npos; amp = line.find('&', amp + 1)) {
      CHECK(line.compare(amp, 5, "&amp;") == 0);  // every & comes as &amp;
    }
    for (auto amp = line.find("&amp;"); amp != std::string::npos; amp = line.find("&amp;", amp + 1)) {
      line.replace(amp, 5, "&");
    }
  }
  return lines;
}

struct DotNode {
  std::string id;
  std::vector<std::string> lines;
  std::string rest;  // the attributes after the label
};

// The node statements of an export, in order: `    "ID" [label="…" …];`
std::vector<DotNode> nodes_of(const std::string& dot) {
  std::vector<DotNode> nodes;
  static const std::regex start(R"re(\n    "([a-z0-9-]+)" \[label=")re");
  for (auto it = std::sregex_iterator(dot.begin(), dot.end(), start); it != std::sregex_iterator(); ++it) {
    std::size_t end = 0;
    DotNode node{(*it)[1].str(), label_lines_read(dot, static_cast<std::size_t>(it->position(0) + it->length(0)), end), {}};
    node.rest = dot.substr(end, dot.find('\n', end) - end);
    nodes.push_back(node);
  }
  return nodes;
}

std::string words(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : " ") + line;
  return out;
}

std::string spaced_out(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  std::string out;
  for (const char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

TEST_CASE("dot_label_text: data can make no Graphviz escape, end no string and break no line") {
  CHECK(dot_label_text("plain words") == "plain words");
  CHECK(dot_label_text("a \"quote\"") == "a \\\"quote\\\"");
  CHECK(dot_label_text("\\N \\G \\E \\L \\n \\l \\r") == "\\\\N \\\\G \\\\E \\\\L \\\\n \\\\l \\\\r");
  CHECK(dot_label_text("ends with \\") == "ends with \\\\");
  CHECK(dot_label_text("\\\"") == "\\\\\\\"");
  CHECK(dot_label_text("line\nbreak\ttab\rreturn") == "line break tab return");
  CHECK(dot_label_text("&lt;b&gt; & &amp;") == "&amp;lt;b&amp;gt; &amp; &amp;amp;");
  CHECK(dot_label_text("<script>–“x”") == "<script>–“x”");
}

TEST_CASE("export --format dot: a node per event in timeline order, clustered by month, an arrow per link") {
  for (const std::string dataset : {"events/nhs-junior-doctors-2023", "events/wga-2023", "tests/golden/json-contract"}) {
    CAPTURE(dataset);
    const auto dot = testing::run_cli({"export", "--format", "dot", dataset});
    REQUIRE(dot.exit_code == 0);
    CHECK(dot.err.empty());
    CHECK(dot.out == testing::run_cli({"export", "--format", "dot", dataset}).out);  // deterministic
    const auto exported = nlohmann::json::parse(testing::run_cli({"export", "--format", "json", dataset}).out);
    CHECK(dot.out.find("digraph \"strikeline\" {\n") != std::string::npos);
    CHECK(dot.out.ends_with("}\n"));

    const std::vector<DotNode> nodes = nodes_of(dot.out);
    REQUIRE(nodes.size() == exported["events"].size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const auto& event = exported["events"][i];
      CAPTURE(event["id"]);
      CHECK(nodes[i].id == event["id"]);  // timeline order
      CHECK(words(nodes[i].lines).find(spaced_out(event["title"].get<std::string>())) != std::string::npos);
      CHECK(nodes[i].rest.starts_with(" URL=\"timeline.html#" + nodes[i].id + "\""));
      for (const std::string& line : nodes[i].lines) CHECK(line.size() <= 200);
    }

    // Each link once, causal ones from cause to effect and solid, temporal ones dashed.
    std::vector<std::string> expected, drawn;
    for (const auto& link : exported["links"]) {
      const std::string type = link["type"], from = link["from"], to = link["to"];
      if (type == "response-to") {
        expected.push_back("\"" + to + "\" -> \"" + from + "\" [label=\"response\\l\"];");
      } else if (type == "led-to") {
        expected.push_back("\"" + from + "\" -> \"" + to + "\" [label=\"led to\\l\"];");
      } else {
        const std::string words = type == "part-of" ? "part of" : type;
        expected.push_back("\"" + from + "\" -> \"" + to + "\" [label=\"" + words + "\\l\" style=dashed");
      }
    }
    static const std::regex edge(R"re(\n  ("[a-z0-9-]+" -> "[a-z0-9-]+" \[label="[a-z ]+\\l"(\];| style=dashed)))re");
    for (auto it = std::sregex_iterator(dot.out.begin(), dot.out.end(), edge); it != std::sregex_iterator(); ++it) {
      drawn.push_back((*it)[1].str());
    }
    std::sort(expected.begin(), expected.end());
    std::sort(drawn.begin(), drawn.end());
    CHECK(drawn == expected);
  }
}

TEST_CASE("export --format dot: clusters are the timeline's month sections, in order, and doubtful dates are dashed") {
  const auto dot = testing::run_cli({"export", "--format", "dot", "tests/golden/json-contract"});
  REQUIRE(dot.exit_code == 0);
  const auto markdown = testing::run_cli({"render", "tests/golden/json-contract"});
  REQUIRE(markdown.exit_code == 0);
  // The Markdown's month headings, in order, are the clusters' labels.
  std::vector<std::string> headings, clusters;
  static const std::regex heading(R"re(\n## ([^\n]+)\n)re");
  for (auto it = std::sregex_iterator(markdown.out.begin(), markdown.out.end(), heading); it != std::sregex_iterator(); ++it) {
    if ((*it)[1] != "Sources" && (*it)[1] != "What led to what") headings.push_back((*it)[1].str());
  }
  static const std::regex cluster(R"re(subgraph "cluster_\d+" \{\n    graph \[label="([^"\\]+)\\l")re");
  for (auto it = std::sregex_iterator(dot.out.begin(), dot.out.end(), cluster); it != std::sregex_iterator(); ++it) {
    clusters.push_back((*it)[1].str());
  }
  CHECK(clusters == headings);
  CHECK(!clusters.empty());
  for (const DotNode& node : nodes_of(dot.out)) {
    CAPTURE(node.id);
    const bool dashed = node.rest.find("style=\"rounded,dashed\"") != std::string::npos;
    const bool says_uncertain = words(node.lines).find("date uncertain") != std::string::npos;
    if (says_uncertain) CHECK(dashed);
    // `2024-02~` and `2024-03?`, and events with no date, are in doubt.
    if (node.id == "pay-talks" || node.id == "strike-ballot" || node.id == "committee-backs-action") CHECK(dashed);
    if (node.id == "ferry-strike") CHECK(!dashed);
  }
}

TEST_CASE("export --format dot: an empty dataset is an empty digraph, titled") {
  testing::TempFolder folder;
  REQUIRE(testing::run_cli({"init", (folder.path() / "new").string(), "--title", "A \"new\" dispute \\"}).exit_code == 0);
  const auto dot = testing::run_cli({"export", "--format", "dot", (folder.path() / "new").string()});
  REQUIRE(dot.exit_code == 0);
  CHECK(dot.out.find("digraph \"strikeline\" {\n  graph [label=\"A \\\"new\\\" dispute \\\\\\l\" labelloc=t") != std::string::npos);
  CHECK(dot.out.find("subgraph") == std::string::npos);
  CHECK(dot.out.find(" -> ") == std::string::npos);
}

TEST_CASE("export --format dot: titles with backslashes, quotes, entities and line breaks read back exactly") {
  const std::vector<std::string> titles = {
      "Ends in a backslash \\", "\\N is the node, \\G the graph, \\L the label", "Split\\nhere and \\l there \\r",
      "A \"quoted\" word and \\\"both\\\"", "&lt;b&gt; &#60;i&#62; &amp; & alone", "line one\n\nline two",
      "A title long enough to be broken over several lines, with a word_that_is_far_too_long_to_break_anywhere_at_all",
      "\\"};
  testing::TempFolder folder;
  testing::write_one_actor_one_source(folder);
  std::string events = "events:\n";
  for (std::size_t i = 0; i < titles.size(); ++i) {
    std::string quoted = "\"";
    for (const char c : titles[i]) {
      if (c == '\n') {
        quoted += "\\n";
      } else if (c == '\t') {
        quoted += "\\t";
      } else {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
    }
    events += "  - id: e" + std::to_string(i) + "\n    kind: announcement\n    title: " + quoted + "\"\n    date: \"2023-12-" +
              (i < 9 ? "0" : "") + std::to_string(i + 1) + "\"\n    actors: [union]\n    sources:\n      - source: news\n" +
              "        quote: Something happened\n";
    if (i > 0) events += "    links:\n      - type: after\n        event: e" + std::to_string(i - 1) + "\n";
  }
  folder.write("events.yaml", events);
  const auto dot = testing::run_cli({"export", "--format", "dot", folder.path().string()});
  CAPTURE(dot.err);
  REQUIRE(dot.exit_code == 0);
  const std::vector<DotNode> nodes = nodes_of(dot.out);
  REQUIRE(nodes.size() == titles.size());
  for (std::size_t i = 0; i < titles.size(); ++i) {
    CAPTURE(titles[i]);
    REQUIRE(nodes[i].lines.size() >= 2);
    // The date's line, then the title's lines: the title and nothing else.
    std::vector<std::string> title_lines(nodes[i].lines.begin() + 1, nodes[i].lines.end());
    CHECK(words(title_lines) == spaced_out(titles[i]));
    for (const std::string& line : title_lines) CHECK((line.size() <= 40 || line.find(' ') == std::string::npos));
  }
}

}  // namespace
}  // namespace strikeline
