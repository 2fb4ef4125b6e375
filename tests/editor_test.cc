// The editor's language features on a copy of a frozen fixture dataset: what they
// answer at real places of its files, on text being typed, and where they must
// answer nothing (past the end, outside the dataset) without failing.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "editor.h"
#include "test_support.h"
#include "workspace.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::TempFolder;

const char* const kFixture = "tests/fixtures/wga-2023";

// A copy of the fixture, analysed as an editor's workspace sees it.
struct Copy {
  TempFolder temp;
  fs::path folder;
  std::shared_ptr<const WorkspaceState> state;

  Copy() {
    folder = fs::absolute(temp.path() / "wga").lexically_normal();
    fs::copy(kFixture, folder, fs::copy_options::recursive);
    analyse_again();
  }
  void analyse_again() {
    Workspace workspace(folder);
    state = workspace.update();
  }
  fs::path file(const std::string& name) const { return folder / name; }
  std::string text(const std::string& name) const { return read_text(file(name)); }
  void write(const std::string& name, const std::string& text) const { temp.write("wga/" + name, text); }
};

const Copy& fixture() {
  static const Copy copy;
  return copy;
}

// The place `offset` bytes into the first occurrence of `needle` (after `after`).
TextPosition at(std::string_view text, std::string_view needle, std::size_t offset = 0, std::string_view after = {}) {
  const std::size_t from = after.empty() ? 0 : text.find(after);
  REQUIRE(from != std::string_view::npos);
  const std::size_t found = text.find(needle, from);
  REQUIRE(found != std::string_view::npos);
  const std::size_t place = found + offset;
  TextPosition p;
  const std::size_t line_start = text.rfind('\n', place == 0 ? 0 : place - 1);
  p.line = static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(place), '\n') + 1);
  p.column = static_cast<std::uint32_t>(place - (line_start == std::string_view::npos || place == 0 ? 0 : line_start + 1) + 1);
  if (place > 0 && text[place - 1] == '\n') p.column = 1;
  return p;
}

std::size_t offset_of(std::string_view text, TextPosition p) {
  std::size_t offset = 0;
  for (std::uint32_t line = 1; line < p.line; ++line) offset = text.find('\n', offset) + 1;
  return offset + p.column - 1;
}

std::vector<std::string> labels(const std::vector<Completion>& completions) {
  std::vector<std::string> out;
  for (const Completion& c : completions) out.push_back(c.label);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

const Completion* find(const std::vector<Completion>& completions, const std::string& label) {
  for (const Completion& c : completions) {
    if (c.label == label) return &c;
  }
  return nullptr;
}

TEST_CASE("completion offers kinds, statuses for the kind, link types and ids where each belongs") {
  const Copy& f = fixture();
  const std::string may = f.text("2023-05.yaml");
  const std::string actors = f.text("actors.yaml");
  struct Row {
    const char* file;
    const char* needle;
    std::size_t offset;
    const char* after;
    const char* expected;
    Completion::Kind kind;
    const char* not_expected;
  };
  const Row rows[] = {
      {"2023-05.yaml", "kind: talks", 8, "", "strike", Completion::Kind::value, "union"},
      {"2023-05.yaml", "status: ended", 9, "", "collapsed", Completion::Kind::value, "held"},
      {"2023-05.yaml", "status: announced", 9, "", "held", Completion::Kind::value, "collapsed"},
      {"2023-05.yaml", "type: led-to", 7, "", "response-to", Completion::Kind::value, "strike"},
      {"2023-05.yaml", "event: wga-declares-strike", 9, "", "wga-strike-begins", Completion::Kind::event, "wga"},
      {"2023-05.yaml", "actors: [wga, amptp]", 15, "", "wga-members", Completion::Kind::actor, "talks"},
      {"2023-05.yaml", "strikers: wga-members", 12, "", "wga", Completion::Kind::actor, "strike"},
      {"2023-05.yaml", "holder: wga", 9, "", "amptp", Completion::Kind::actor, "strike"},
      {"2023-05.yaml", "source: deadline-2023-05-02", 10, "", "nbc-news-2023-09-25", Completion::Kind::source, "wga"},
      {"actors.yaml", "part_of: wga", 10, "", "wga-west", Completion::Kind::actor, "union"},
      {"actors.yaml", "kind: union-branch", 8, "", "employer", Completion::Kind::value, "strike"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.needle);
    const std::string text = row.file == std::string("actors.yaml") ? actors : may;
    const auto completions = complete(*f.state, f.file(row.file), text, at(text, row.needle, row.offset, row.after));
    const auto found = labels(completions);
    REQUIRE(has(found, row.expected));
    CHECK(find(completions, row.expected)->kind == row.kind);
    CHECK_FALSE(has(found, row.not_expected));
  }
  SUBCASE("an event id shows its date and title, an actor id its name, the word under the cursor is replaced") {
    const TextPosition p = at(may, "event: wga-declares-strike", 10);
    const auto completions = complete(*f.state, f.file("2023-05.yaml"), may, p);
    const Completion* c = find(completions, "wga-strike-begins");
    REQUIRE(c);
    CHECK(c->detail == "2023-05-02 The WGA strike begins at 12:01 a.m. on Tuesday 2 May");
    CHECK(c->replaces.start == TextPosition{p.line, 16});
    CHECK(c->replaces.end == TextPosition{p.line, 35});
    const auto actor = complete(*f.state, f.file("2023-05.yaml"), may, at(may, "strikers: wga-members", 12));
    REQUIRE(find(actor, "wga"));
    CHECK(find(actor, "wga")->detail == "Writers Guild of America");
  }
}

TEST_CASE("completion at a key offers the fields the schema allows there, with its descriptions") {
  const Copy& f = fixture();
  std::string may = f.text("2023-05.yaml");
  SUBCASE("a new line in an event offers the event's fields it lacks") {
    const std::size_t after_title = may.find('\n', may.find("    title: Negotiations between")) + 1;
    may.insert(after_title, "    \n");
    const TextPosition p = at(may, "    \n", 4);
    const auto completions = complete(*f.state, f.file("2023-05.yaml"), may, p);
    const auto found = labels(completions);
    CHECK(has(found, "place"));
    CHECK(has(found, "strikers"));
    CHECK_FALSE(has(found, "id"));     // the event has one
    CHECK_FALSE(has(found, "title"));  // and a title
    REQUIRE(find(completions, "place"));
    CHECK(find(completions, "place")->kind == Completion::Kind::field);
    CHECK_FALSE(find(completions, "place")->documentation.empty());
  }
  SUBCASE("while typing a new link, the text no longer parsing") {
    const std::size_t links = may.find("        event: wga-declares-strike\n") + 35;
    may.insert(links, "      - ty\n");
    const auto fields = labels(complete(*f.state, f.file("2023-05.yaml"), may, at(may, "      - ty\n", 10)));
    CHECK(fields == std::vector<std::string>{"type", "event"});
    may.insert(links + 10, "pe: le");
    const auto values = complete(*f.state, f.file("2023-05.yaml"), may, at(may, "      - type: le\n", 16));
    REQUIRE(find(values, "led-to"));
    CHECK(find(values, "led-to")->replaces.start.column == 15);
    CHECK(find(values, "led-to")->replaces.end.column == 17);
  }
  SUBCASE("four spaces of indentation, as the brief types it") {
    const std::string typed = "events:\n  - id: x\n    kind: strike\n    links:\n    - type: le";
    const auto values = labels(complete(*f.state, f.file("new.yaml"), typed, TextPosition{5, 15}));
    CHECK(has(values, "led-to"));
    const auto kinds = labels(complete(*f.state, f.file("new.yaml"), typed, TextPosition{3, 13}));
    CHECK(has(kinds, "lockout"));
    const auto statuses = labels(complete(*f.state, f.file("new.yaml"), typed + "\n    status: ", TextPosition{6, 13}));
    CHECK(has(statuses, "held"));
    CHECK_FALSE(has(statuses, "collapsed"));
  }
}

TEST_CASE("features answer nothing, and do not fail, past the end, on odd text and outside the dataset") {
  const Copy& f = fixture();
  const std::string may = f.text("2023-05.yaml");
  const fs::path file = f.file("2023-05.yaml");
  const std::vector<std::pair<std::string, TextPosition>> cases = {
      {may, TextPosition{100000, 1}},
      {may, TextPosition{5, 100000}},
      {may, TextPosition{0, 0}},
      {"", TextPosition{1, 1}},
      {"\xff\xfe: [\n  - \"", TextPosition{2, 5}},
      {"events:\n  - title: Grève “générale” — ça commence\n    kind: ", TextPosition{2, 30}},
      {"events:\n  - title: Grève “générale” — ça commence\n    kind: ", TextPosition{3, 11}},
  };
  for (const auto& [text, p] : cases) {
    CAPTURE(p.line);
    CAPTURE(p.column);
    (void)complete(*f.state, file, text, p);
    (void)hover(*f.state, file, text, p);
    (void)definition(*f.state, file, text, p);
    (void)references(*f.state, file, text, p, true);
    (void)symbols(text);
  }
  CHECK(has(labels(complete(*f.state, file, cases.back().first, cases.back().second)), "strike"));
  CHECK_FALSE(hover(*f.state, file, may, TextPosition{100000, 1}));
  // A file outside the dataset folder, even one with the same text.
  const fs::path outside = f.temp.path() / "elsewhere.yaml";
  const TextPosition on_link = at(may, "event: wga-declares-strike", 10);
  CHECK(complete(*f.state, outside, may, on_link).empty());
  CHECK_FALSE(hover(*f.state, outside, may, on_link));
  CHECK(definition(*f.state, outside, may, on_link).empty());
  CHECK(references(*f.state, outside, may, on_link, true).empty());
  CHECK(code_actions(*f.state, outside, TextRange{{1, 1}, {100, 1}}).empty());
  // A source text is not YAML to complete.
  CHECK(complete(*f.state, f.file("sources/dw-union-agrees-to-end-strike-2023-09-27.txt"), may, on_link).empty());
}

TEST_CASE("every feature answers at every place of every file of the dataset, whole or cut anywhere, without failing") {
  const Copy& f = fixture();
  for (const auto& entry : fs::directory_iterator(f.folder)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string whole = read_text(entry.path());
    CAPTURE(entry.path().filename().string());
    for (std::size_t cut = whole.size(); cut > 0; cut = cut > 997 ? cut - 997 : 0) {
      const std::string text = whole.substr(0, cut);
      std::uint32_t line = 1;
      for (std::size_t start = 0; start <= text.size(); ++line) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const auto width = static_cast<std::uint32_t>(end - start);
        for (const std::uint32_t column : {1u, 2u, 5u, 9u, 12u, width / 2 + 1, width, width + 1, width + 9}) {
          const TextPosition p{line, column};
          (void)complete(*f.state, entry.path(), text, p);
          (void)hover(*f.state, entry.path(), text, p);
          (void)definition(*f.state, entry.path(), text, p);
          (void)references(*f.state, entry.path(), text, p, true);
        }
        start = end + 1;
      }
      CHECK(symbols(text).size() <= symbols(whole).size());
    }
  }
}

TEST_CASE("hover says what a date, an event id, an actor, a source and a quote are") {
  const Copy& f = fixture();
  const Dataset& dataset = f.state->analysis.dataset;
  const std::string may = f.text("2023-05.yaml");
  const fs::path file = f.file("2023-05.yaml");
  struct Row {
    const char* needle;
    std::size_t offset;
    const char* words;
  };
  const Row rows[] = {
      {"date: \"2023-05-01\"", 9, "1 May 2023"},
      {"event: wga-declares-strike", 12, "The Writers Guild of America declares a strike, to take effect that night"},
      {"id: wga-declares-strike", 6, "The Writers Guild of America declares a strike"},
      {"strikers: wga-members", 12, "WGA members (film and television writers)"},
      {"holder: wga", 9, "Writers Guild of America"},
      {"source: nbc-news-2023-09-25", 10, "NBC News"},
      {"quote: \"It’s the WGA’s first strike", 12, "Paragraph "},
      {"    kind: talks", 5, "What sort of event this is"},
  };
  for (const Row& row : rows) {
    const std::string needle = row.needle;
    CAPTURE(needle);
    const auto h = hover(*f.state, file, may, at(may, row.needle, row.offset));
    REQUIRE(h);
    CAPTURE(h->markdown);
    CHECK(h->markdown.find(row.words) != std::string::npos);
  }
  SUBCASE("a quote's hover is its paragraph in the source") {
    const auto h = hover(*f.state, file, may, at(may, "quote: \"It’s the WGA’s first strike", 12));
    REQUIRE(h);
    CHECK(h->markdown.find("100-day walkout of 2007-08.") != std::string::npos);
    CHECK(h->markdown.find("sources/deadline-striking-writers-rally-2023-05-02.txt") != std::string::npos);
  }
  SUBCASE("a quote written over several lines, hovered on any of them") {
    Copy copy;
    std::string text = copy.text("2023-05.yaml");
    const std::string one_line = "        quote: \"It’s the WGA’s first strike since the 100-day walkout of 2007-08.\"";
    const std::size_t found = text.find(one_line);
    REQUIRE(found != std::string::npos);
    text.replace(found, one_line.size(),
                 "        quote: >-\n          It’s the WGA’s first strike\n          since the 100-day walkout of 2007-08.");
    copy.write("2023-05.yaml", text);
    copy.analyse_again();
    for (const char* on : {"It’s the WGA’s first strike\n", "since the 100-day walkout"}) {
      CAPTURE(std::string(on));
      const auto h = hover(*copy.state, copy.file("2023-05.yaml"), text, at(text, on, 3));
      REQUIRE(h);
      CHECK(h->markdown.find("Paragraph 2 of sources/deadline-striking-writers-rally-2023-05-02.txt") != std::string::npos);
      const auto to = definition(*copy.state, copy.file("2023-05.yaml"), text, at(text, on, 3));
      REQUIRE(to.size() == 1);
      CHECK(to[0].range.start.line == 2);
    }
  }
  SUBCASE("a date's hover gives its bounds, and what the links infer and from which event") {
    const auto plain = hover(*f.state, file, may, at(may, "date: \"2023-05-01\"", 9));
    REQUIRE(plain);
    CHECK(plain->markdown.find("earliest 1 May 2023, latest 1 May 2023") != std::string::npos);
    // Every event whose date its links narrow says so where its date is written.
    std::size_t inferred = 0;
    for (const Event& event : dataset.events) {
      if (!event.inferred || !event.date || event.date_where.line == 0) continue;
      const fs::path event_file = dataset.files[event.where.file];
      const std::string text = read_text(event_file);
      const auto h = hover(*f.state, event_file, text, TextPosition{event.date_where.line, static_cast<std::uint32_t>(event.date_where.column + 1)});
      CAPTURE(event.id);
      REQUIRE(h);
      CHECK(h->markdown.find("With its links and sources: ") != std::string::npos);
      const bool named = h->markdown.find("link to `") != std::string::npos ||
                         h->markdown.find("link to it") != std::string::npos ||
                         h->markdown.find("the date of `") != std::string::npos ||
                         h->markdown.find("publication of the sources") != std::string::npos;
      CHECK(named);
      ++inferred;
    }
    CHECK(inferred > 0);
  }
  SUBCASE("an actor's hover has its role") {
    const std::string actors = f.text("actors.yaml");
    const auto h = hover(*f.state, f.file("actors.yaml"), actors, at(actors, "part_of: wga", 10));
    REQUIRE(h);
    CHECK(h->markdown.find("struck from 2 May to 27 September 2023") != std::string::npos);
  }
}

FileRange where_is(const Copy& f, const std::string& name, std::string_view needle, std::size_t length) {
  const std::string text = f.text(name);
  const TextPosition p = at(text, needle);
  return FileRange{f.file(name), TextRange{p, TextPosition{p.line, p.column + static_cast<std::uint32_t>(length)}}};
}

bool same(const FileRange& a, const FileRange& b) { return a.file == b.file && a.range == b.range; }

TEST_CASE("definition goes from a link, an actor, a source and a quote to where each is written") {
  const Copy& f = fixture();
  const std::string may = f.text("2023-05.yaml");
  const fs::path file = f.file("2023-05.yaml");
  struct Row {
    const char* needle;
    std::size_t offset;
    const char* file;
    const char* target;
    std::size_t skip;
    std::size_t length;
  };
  const Row rows[] = {
      {"event: wga-declares-strike", 10, "2023-05.yaml", "id: wga-declares-strike", 4, 19},
      {"actors: [wga, amptp]", 15, "actors.yaml", "id: amptp\n", 4, 5},
      {"strikers: wga-members", 12, "actors.yaml", "id: wga-members\n", 4, 11},
      {"source: deadline-strike-rules-2023-05-02", 10, "sources.yaml", "id: deadline-strike-rules-2023-05-02", 4, 32},
  };
  for (const Row& row : rows) {
    CAPTURE(row.needle);
    const auto found = definition(*f.state, file, may, at(may, row.needle, row.offset));
    REQUIRE(found.size() == 1);
    const std::string target = f.text(row.file);
    const TextPosition p = at(target, row.target, row.skip);
    CHECK(found[0].file == f.file(row.file));
    CHECK(found[0].range.start == p);
    CHECK(found[0].range.end.column == p.column + row.length);
  }
  SUBCASE("from part_of in actors.yaml") {
    const std::string actors = f.text("actors.yaml");
    const auto found = definition(*f.state, f.file("actors.yaml"), actors, at(actors, "part_of: wga", 9));
    REQUIRE(found.size() == 1);
    CHECK(found[0].range.start == at(actors, "id: wga\n", 4));
  }
  SUBCASE("a quote goes to its paragraph's line in the source text") {
    const auto found = definition(*f.state, file, may, at(may, "quote: \"It’s the WGA’s first strike", 20));
    REQUIRE(found.size() == 1);
    const fs::path source = f.file("sources/deadline-striking-writers-rally-2023-05-02.txt");
    CHECK(found[0].file == source);
    const std::string text = read_text(source);
    const TextPosition p = at(text, "It’s the WGA’s first strike");
    CHECK(found[0].range.start.line == p.line);
    CHECK(found[0].range.start.column == 1);
  }
  SUBCASE("nothing for a title or a note") {
    CHECK(definition(*f.state, file, may, at(may, "title: Negotiations", 10)).empty());
  }
}

TEST_CASE("references find every place naming an event, an actor or a source, across the files") {
  const Copy& f = fixture();
  const Dataset& dataset = f.state->analysis.dataset;
  const std::string may = f.text("2023-05.yaml");
  const fs::path file = f.file("2023-05.yaml");
  SUBCASE("an event, from a link and from its id") {
    std::size_t links = 0;
    for (const Event& e : dataset.events) {
      for (const Link& l : e.links) {
        if (l.target == "wga-strike-begins") {
          ++links;

        }
      }
    }
    const auto from_link = references(*f.state, file, may, at(may, "event: wga-strike-begins", 9), false);
    CHECK(from_link.size() == links);
    const auto from_id = references(*f.state, file, may, at(may, "id: wga-strike-begins", 6), true);
    CHECK(from_id.size() == links + 1);
    CHECK(std::any_of(from_id.begin(), from_id.end(), [&](const FileRange& r) {
      return same(r, where_is(f, "2023-05.yaml", "wga-strike-begins\n    kind", 17));
    }));
    for (const FileRange& r : from_link) {
      const std::string text = read_text(r.file);
      const std::size_t o = offset_of(text, r.range.start);
      CHECK(text.substr(o, r.range.end.column - r.range.start.column) == "wga-strike-begins");
    }
  }
  SUBCASE("an actor, in events' actors and details and in part_of") {
    const auto found = references(*f.state, file, may, at(may, "strikers: wga-members", 12), true);
    std::size_t expected = 1;
    for (const Event& e : dataset.events) {
      for (const ActorRef& a : e.actors) expected += a.id == "wga-members";
      for (const Detail& d : e.details) expected += is_actor_detail(d) && d.value == "wga-members";
    }
    for (const Actor& a : dataset.actors) expected += a.part_of == "wga-members";
    CHECK(found.size() == expected);
    for (const FileRange& r : found) {
      const std::string text = read_text(r.file);
      CHECK(text.substr(offset_of(text, r.range.start), 11) == "wga-members");
    }
  }
  SUBCASE("a source") {
    const auto found = references(*f.state, file, may, at(may, "source: nbc-news-2023-09-25", 10), false);
    std::size_t expected = 0;
    for (const Event& e : dataset.events) {
      for (const Citation& c : e.citations) expected += c.source == "nbc-news-2023-09-25";
    }
    CHECK(found.size() == expected);
    CHECK(expected > 1);
  }
}

TEST_CASE("symbols outline a file's records from its text alone, even cut short") {
  const Copy& f = fixture();
  const std::string may = f.text("2023-05.yaml");
  const auto outline = symbols(may);
  REQUIRE(outline.size() >= 4);
  CHECK(outline[0].kind == Symbol::Kind::event);
  CHECK(outline[0].name ==
        "Negotiations between the WGA and the AMPTP on a new film and scripted TV contract fail to reach an agreement");
  CHECK(outline[0].detail == "may-2023-negotiations-fail · talks · 2023-05-01");
  CHECK(outline[0].range.start == TextPosition{5, 3});
  CHECK(outline[0].range.end.line == 19);
  CHECK(outline[0].selection.start == TextPosition{5, 9});
  CHECK(outline[1].detail == "wga-accuses-amptp-on-core-issues · claim · /2023-05-02");
  // Cut in the middle of a record: the records up to there, the last as far as written.
  const std::string cut = may.substr(0, may.find("    status: announced"));
  const auto partial = symbols(cut);
  REQUIRE(partial.size() == 3);
  CHECK(partial[2].detail == "wga-declares-strike · strike · 2023-05-01");
  const auto actors = symbols(f.text("actors.yaml"));
  REQUIRE_FALSE(actors.empty());
  CHECK(actors[0].kind == Symbol::Kind::actor);
  CHECK(actors[0].name == "Writers Guild of America");
  CHECK(actors[0].detail == "wga · union · WGA");
  const auto sources = symbols(f.text("sources.yaml"));
  REQUIRE_FALSE(sources.empty());
  CHECK(sources[0].kind == Symbol::Kind::source);
  CHECK(sources[0].detail == "deadline-2023-05-02 · Deadline · 2023-05-01/2023-05-02");
  // A title folded over lines is read whole where the text parses.
  const auto folded = symbols("events:\n  - id: a\n    title: >-\n      A long\n      title\n    kind: strike\n");
  REQUIRE(folded.size() == 1);
  CHECK(folded[0].name == "A long title");
  CHECK(folded[0].detail == "a · strike");
  CHECK(folded[0].range.end == TextPosition{6, 17});
  const auto dataset = symbols(f.text("dataset.yaml"));
  REQUIRE(dataset.size() == 1);
  CHECK(dataset[0].kind == Symbol::Kind::dataset);
  CHECK(symbols("").empty());
  (void)symbols("events: [\n  - id");
}

// ---- Fixes ------------------------------------------------------------------------

// Applies an action's edits (all on one line each) to the text.
std::string apply(std::string text, const CodeAction& action) {
  std::vector<TextEdit> edits = action.edits;
  std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.where.range.start.line > b.where.range.start.line ||
           (a.where.range.start.line == b.where.range.start.line && a.where.range.start.column > b.where.range.start.column);
  });
  for (const TextEdit& e : edits) {
    const std::size_t from = offset_of(text, e.where.range.start);
    text.replace(from, e.where.range.end.column - e.where.range.start.column, e.text);
  }
  return text;
}

TEST_CASE("each fix a check offers, applied to the text, makes its problem go away") {
  struct Row {
    const char* name;
    const char* file;
    const char* from;  // the text as the fixture has it
    const char* to;    // the mistake
    Check check;
    const char* fixed;  // the fix's text
  };
  const Row rows[] = {
      {"unknown event id", "2023-05.yaml", "        event: wga-declares-strike\n", "        event: wga-declares-strik\n",
       Check::unknown_reference, "wga-declares-strike"},
      {"unknown event id, quoted", "2023-05.yaml", "        event: wga-declares-strike\n",
       "        event: \"wga-declares-strik\"\n", Check::unknown_reference, "wga-declares-strike"},
      {"unknown actor in a list", "2023-05.yaml", "    actors: [wga, wga-members]\n", "    actors: [wga, wga-membres]\n",
       Check::unknown_reference, "wga-members"},
      {"unknown actor in a detail", "2023-05.yaml", "    strikers: wga-members\n    actors: [wga, wga-members]\n",
       "    strikers: 'wga-member'\n    actors: [wga, wga-members]\n", Check::unknown_reference, "wga-members"},
      {"unknown source", "2023-05.yaml", "      - source: nbc-news-2023-09-25\n", "      - source: nbc-news-2023-09-2x\n",
       Check::unknown_reference, "nbc-news-2023-09-25"},
      {"unknown part_of", "actors.yaml", "    part_of: wga\n", "    part_of: wgaa\n", Check::unknown_reference, "wga"},
      {"unknown kind", "2023-05.yaml", "    kind: talks\n", "    kind: tallks\n", Check::schema, "talks"},
      {"unknown status", "2023-05.yaml", "    status: ended\n", "    status: \"endded\"\n", Check::schema, "ended"},
      {"unknown link type", "2023-05.yaml", "      - type: led-to\n", "      - type: led-too\n", Check::schema, "led-to"},
      {"unknown field", "2023-05.yaml", "    note: \"Deadline puts", "    nots: \"Deadline puts", Check::schema, "note"},
      {"quote with a look-alike dash, quoted", "2023-05.yaml", "the 100-day walkout", "the 100–day walkout",
       Check::quote_not_found, "\"It’s the WGA’s first strike since the 100-day walkout of 2007-08.\""},
      {"quote with a look-alike dash, plain", "2023-05.yaml",
       "        quote: \"It’s the WGA’s first strike since the 100-day walkout of 2007-08.\"",
       "        quote: It’s the WGA’s first strike since the 100–day walkout of 2007-08.", Check::quote_not_found,
       "It’s the WGA’s first strike since the 100-day walkout of 2007-08."},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Copy copy;
    const std::size_t clean = copy.state->diagnostics.errors();
    std::string text = copy.text(row.file);
    const std::size_t at_mistake = text.find(row.from);
    REQUIRE(at_mistake != std::string::npos);
    text.replace(at_mistake, std::string_view(row.from).size(), row.to);
    copy.write(row.file, text);
    copy.analyse_again();
    const WorkspaceState& broken = *copy.state;
    REQUIRE(broken.diagnostics.errors() == clean + 1);
    // The problem, and the action that mends it, found from the line it is on.
    const std::uint32_t line = at(text, row.to).line;
    std::size_t problem = broken.diagnostics.all().size();
    for (std::size_t i = 0; i < broken.diagnostics.all().size(); ++i) {
      if (broken.diagnostics.all()[i].check == row.check) problem = i;
    }
    REQUIRE(problem < broken.diagnostics.all().size());
    const Diagnostic& d = broken.diagnostics.all()[problem];
    CAPTURE(d.message);
    REQUIRE(d.fixes.size() == 1);
    CHECK(d.fixes[0].text == row.fixed);
    CHECK(d.where.line == line);
    const auto actions = code_actions(broken, copy.file(row.file),
                                      TextRange{{d.where.line, d.where.column + 1}, {d.where.line, d.where.column + 1}});
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].diagnostic == problem);
    CHECK_FALSE(actions[0].title.empty());
    REQUIRE(actions[0].edits.size() == 1);
    CHECK(actions[0].edits[0].where.file == copy.file(row.file));
    // Elsewhere in the file, no action.
    CHECK(code_actions(broken, copy.file(row.file), TextRange{{1, 1}, {1, 2}}).empty());
    copy.write(row.file, apply(text, actions[0]));
    copy.analyse_again();
    CHECK(copy.state->diagnostics.errors() == clean);
  }
}

TEST_CASE("no fix is offered where the bytes of the value are not its text") {
  struct Row {
    const char* name;
    const char* from;
    const char* to;
  };
  const Row rows[] = {
      {"a quote in a folded block",
       "        quote: \"It’s the WGA’s first strike since the 100-day walkout of 2007-08.\"",
       "        quote: >-\n          It’s the WGA’s first strike since the 100–day walkout of 2007-08."},
      {"a quote over two lines", "        quote: \"It’s the WGA’s first strike since the 100-day walkout of 2007-08.\"",
       "        quote: It’s the WGA’s first strike since the 100–day\n          walkout of 2007-08."},
      {"a quote with an escape", "        quote: \"It’s the WGA’s first strike since the 100-day walkout of 2007-08.\"",
       "        quote: \"It’s the WGA’s first strike since the 100–day walkout of 2007\\x2D08.\""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    Copy copy;
    std::string text = copy.text("2023-05.yaml");
    const std::size_t found = text.find(row.from);
    REQUIRE(found != std::string::npos);
    text.replace(found, std::string_view(row.from).size(), row.to);
    copy.write("2023-05.yaml", text);
    copy.analyse_again();
    bool reported = false;
    for (const Diagnostic& d : copy.state->diagnostics.all()) {
      if (d.check != Check::quote_not_found) continue;
      reported = true;
      CHECK(d.fixes.empty());
    }
    CHECK(reported);
  }
}

}  // namespace
}  // namespace strikeline
