// The Markdown timeline: escaping checked against the reference CommonMark
// implementation (the `cmark` program), the document's structure on the curated
// dataset, and small fixture datasets for links, dates and sources.
#include <doctest/doctest.h>

#include <cstdlib>
#include <iterator>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "analysis.h"
#include "loader.h"
#include "render_markdown.h"
#include "timeline.h"
#include "test_support.h"

namespace strikeline {
namespace {

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

std::set<std::string> matches(const std::string& html, const std::regex& pattern) {
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), pattern); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

// Every field of a small dataset that holds free text set to `text`.
Dataset dataset_with_text_everywhere(const std::string& text) {
  Dataset dataset;
  dataset.title = text;
  dataset.description = text;
  Actor actor;
  actor.id = "union";
  actor.name = text;
  actor.kind = "union";
  dataset.actors.push_back(actor);
  Source source;
  source.id = "article";
  source.title = text;
  source.publisher = text;
  source.published = Edtf::parse("2023-12-21");
  source.dated_by = text;
  source.note = text;
  source.paragraphs = Paragraphs::as_given({text, "A second paragraph."});
  dataset.sources.push_back(source);

  // The events' text lives in the dataset's arena, as the loader's does.
  Arena& arena = dataset.arena();
  const std::string_view kept = arena.keep(text);
  Event strike;
  strike.id = "strike";
  strike.kind = "strike";
  strike.title = kept;
  strike.date = Edtf::parse("2023-12-20/2023-12-23");
  strike.actors = arena.keep(std::vector<ActorRef>{{"union", {}}});
  strike.citations = arena.keep(std::vector<Citation>{{"article", kept, 1, {}, {}}});
  strike.details = arena.keep(std::vector<Detail>{{"status", "held", {}}, {"strikers", "union", {}}});
  strike.links = arena.keep(std::vector<Link>{{LinkType::led_to, "offer", {}}});
  strike.place = kept;
  strike.note = kept;
  dataset.events.push_back(strike);

  Event offer;
  offer.id = "offer";
  offer.kind = "offer";
  offer.title = kept;
  offer.date = Edtf::parse("/2023-12-21");
  offer.actors = arena.keep(std::vector<ActorRef>{{"union", {}}});
  offer.citations = arena.keep(std::vector<Citation>{{"article", "second", 2, {}, {}}});
  offer.details = arena.keep(std::vector<Detail>{{"amount", kept, {}}});
  offer.note = kept;
  offer.order = 1;
  dataset.events.push_back(offer);
  dataset.reindex();
  return dataset;
}

// Tags that only the timeline's own layout may produce.
const char* const kStructuralTags[] = {
    "<a ", "<a href", "<em>", "<strong>", "<code>", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<li>", "<ul>",
    "<ol", "<img", "<blockquote>", "<pre", "<hr", "<br", "<table", "<del", "<script", "<p>", "<div", "<!--",
    "<b>", "<input", "<iframe"};

TEST_CASE("hostile text anywhere in the data comes out as literal text, never as Markdown or HTML") {
  struct Row {
    const char* text;
    const char* shown;  // what a reader sees, when it differs from the text
  };
  const Row rows[] = {
      {"<script>alert(1)</script>", nullptr},
      {"<a href=\"http://evil.example\">click</a>", nullptr},
      {"<div>block</div>", nullptr},
      {"<!-- hidden -->", nullptr},
      {"<http://evil.example/autolink>", nullptr},
      {"<mail@evil.example>", nullptr},
      {"*emphasis* and **strong**", nullptr},
      {"_under_ and __strong__ and snake_case", nullptr},
      {"[x](javascript:alert(1))", nullptr},
      {"![image](http://evil.example/x.png)", nullptr},
      {"[reference][r]\n\n[r]: http://evil.example", "[reference][r] [r]: http://evil.example"},
      {"[r]: http://evil.example", nullptr},
      {"# heading", nullptr},
      {"### heading ###", nullptr},
      {"- list item", nullptr},
      {"+ list item", nullptr},
      {"* list item", nullptr},
      {"1. ordered item", nullptr},
      {"2) ordered item", nullptr},
      {"> quotation", nullptr},
      {"| a | b |\n|---|---|\n| c | d |", "| a | b | |---|---| | c | d |"},
      {"`code` and ``more``", nullptr},
      {"```\nfenced\n```", "``` fenced ```"},
      {"~~~\nfenced\n~~~", "~~~ fenced ~~~"},
      {"~~struck~~", nullptr},
      {"&amp; &#x3C;script&#x3E; &copy; &#60;", nullptr},
      {"Q&A at M&S", nullptr},
      {"first line\nsecond line", "first line second line"},
      {"paragraph\n\nanother paragraph", "paragraph another paragraph"},
      {"title\n===", "title ==="},
      {"title\n---", "title ---"},
      {"***", nullptr},
      {"---", nullptr},
      {"hard break  \nnext", "hard break  next"},
      {"hard break\\\nnext", "hard break\\ next"},
      {"ends with a backslash\\", nullptr},
      {"    indented code", "indented code"},
      {"\tindented by a tab", "indented by a tab"},
      {"\\*already escaped\\*", nullptr},
      {"$x^2$ maths", nullptr},
      {"footnote[^1]", nullptr},
      {"windows\r\nline end", "windows line end"},
  };
  const std::string benign_html = testing::to_html(render_markdown(dataset_with_text_everywhere("plain words")));
  for (const Row& row : rows) {
    const std::string text = row.text;
    const std::string shown = testing::html_escaped(row.shown ? row.shown : row.text);
    CAPTURE(text);
    const std::string markdown = render_markdown(dataset_with_text_everywhere(text));
    const std::string html = testing::to_html(markdown);
    CAPTURE(html);
    for (const std::string tag : kStructuralTags) {
      CAPTURE(tag);
      CHECK(count(html, tag) == count(benign_html, tag));
    }
    for (const std::string& href : matches(html, std::regex("href=\"([^\"]*)\""))) {
      CAPTURE(href);
      CHECK((href == "#offer" || href == "#strike" || href == "#source-article"));
    }
    CHECK(html.find("<h1>" + shown + "</h1>") != std::string::npos);
    CHECK(html.find("<h3>" + shown + "</h3>") != std::string::npos);
    CHECK(html.find("<a href=\"#offer\">" + shown + "</a>") != std::string::npos);
    CHECK(html.find("<blockquote>\n<p>" + shown + "</p>") != std::string::npos);
    // Dataset title and description, actor name (twice), source title (three
    // times), publisher (twice), dated_by, source note, paragraph, both titles,
    // the link, place, both notes and the amount.
    CHECK(count(html, shown) >= 19);
  }
}

TEST_CASE("escape_markdown leaves ordinary prose readable and escapes only what could act") {
  struct Row {
    const char* text;
    const char* markdown;
  };
  const Row rows[] = {
      {"a pay rise of 8.8%", "a pay rise of 8.8%"},
      {"8.8% was recommended", "8.8% was recommended"},
      {"2023. A year of strikes", "2023\\. A year of strikes"},
      {"1) first", "1\\) first"},
      {"see the source's dated_by", "see the source's dated_by"},
      {"_emphasis_", "\\_emphasis\\_"},
      {"Q&A", "Q&A"},
      {"&amp;", "\\&amp;"},
      {"&#x3C;", "\\&\\#x3C;"},
      {"It's “actually madness”!", "It's “actually madness”!"},
      {"-5% in real terms", "\\-5% in real terms"},
      {"a - b", "a - b"},
      {"the $7.8 million backlog", "the \\$7.8 million backlog"},
      {"  padded  ", "padded"},
      {"two\n\nlines", "two lines"},
      {"", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    CHECK(escape_markdown(row.text) == row.markdown);
  }
}

// The documented grouping rule, restated independently: one key per section (the
// sections are runs of the timeline, and the months in it never go back).
std::string group_key(const Event& event) {
  if (!event.placed_on) return "undated";
  return "month " + iso_day(*event.placed_on).substr(0, 7);
}

// From an event's anchor to the next anchor: the event's own part of the document.
std::string section_of(const std::string& markdown, const std::string& id) {
  const auto start = markdown.find("<a id=\"" + id + "\"></a>");
  if (start == std::string::npos) return {};
  const auto end = markdown.find("<a id=", start + 1);
  return markdown.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST_CASE("the curated dataset renders with one section per group and every link landing on an anchor") {
  Diagnostics diagnostics;
  const Dataset dataset = analyse("events/nhs-junior-doctors-2023", diagnostics).dataset;
  REQUIRE(diagnostics.errors() == 0);
  REQUIRE(!dataset.events.empty());
  const std::string markdown = render_markdown(dataset);
  CHECK(render_markdown(dataset) == markdown);  // the same input, the same bytes
  const std::string html = testing::to_html(markdown);

  std::set<std::string> groups;
  std::set<std::tuple<std::string_view, std::string_view, std::size_t>> paragraphs;
  for (const Event& event : dataset.events) {
    groups.insert(group_key(event));
    for (const Citation& citation : event.citations) paragraphs.insert({event.id, citation.source, citation.paragraph});
  }
  CHECK(count(html, "<h2>") == groups.size() + 2);  // the months, what led to what, the sources
  CHECK(count(html, "<h2>What led to what</h2>") == 1);
  CHECK(count(html, "<code class=\"language-mermaid\">flowchart TD\n") == 1);
  CHECK(count(html, "<h2>Sources</h2>") == 1);
  CHECK(html.rfind("<h2>") == html.find("<h2>Sources</h2>"));  // the sources come last
  CHECK(count(html, "<blockquote>") == paragraphs.size());
  CHECK(count(html, "<h1>") == 1);

  const std::set<std::string> ids = matches(html, std::regex("id=\"([^\"]*)\""));
  CHECK(ids.size() == count(html, "id=\""));  // no anchor twice
  for (const std::string& href : matches(html, std::regex("href=\"([^\"]*)\""))) {
    CAPTURE(href);
    REQUIRE(href.rfind('#', 0) == 0);
    CHECK(ids.count(href.substr(1)) == 1);
  }
  for (const Event& event : dataset.events) {
    CAPTURE(event.id);
    CHECK(ids.count(std::string(event.id)) == 1);
    CHECK(html.find("<h3>" + testing::html_escaped(std::string(event.title)) + "</h3>") != std::string::npos);
  }
  for (const Source& source : dataset.sources) {
    CAPTURE(source.id);
    CHECK(html.find(testing::html_escaped(source.dated_by)) != std::string::npos);
  }
}

TEST_CASE("events are grouped by the documented rule, in dataset order within each group") {
  Diagnostics diagnostics;
  const Dataset dataset = analyse("events/nhs-junior-doctors-2023", diagnostics).dataset;
  const std::string markdown = render_markdown(dataset);
  std::size_t filed = 0, last_heading = 0;
  for (const TimelineGroup& group : timeline_groups(dataset)) {
    CAPTURE(group.heading);
    const std::size_t heading = markdown.find("\n## " + group.heading + "\n");
    REQUIRE(heading != std::string::npos);
    CHECK(heading >= last_heading);  // printed in this order
    last_heading = heading;
    const std::size_t next_heading = markdown.find("\n## ", heading + 1);
    std::set<std::string> keys;
    std::size_t previous = 0;
    for (const Event* event : group.events) {
      CAPTURE(event->id);
      keys.insert(group_key(*event));
      const auto position = static_cast<std::size_t>(event - dataset.events.data()) + 1;
      CHECK(position > previous);  // dataset order within the group
      previous = position;
      const std::size_t at = markdown.find("<a id=\"" + std::string(event->id) + "\">");
      CHECK(at > heading);
      CHECK(at < next_heading);
      ++filed;
    }
    CHECK(keys.size() == 1);
  }
  CHECK(filed == dataset.events.size());
}

// A small dataset folder: two sources (one without a publisher) and the events given.
void write_fixture(const testing::TempFolder& temp, const std::string& events) {
  temp.write("actors.yaml",
             "actors:\n"
             "  - id: bma\n    name: British Medical Association\n    kind: union\n"
             "  - id: government\n    name: UK government\n    kind: government\n");
  temp.write("sources.yaml",
             "sources:\n"
             "  - id: news\n    title: Doctors strike\n    publisher: Example News\n"
             "    published: 2023-12-21\n    dated_by: The date printed under its headline.\n"
             "    path: texts/news.txt\n"
             "  - id: copy\n    title: A copy with no masthead\n    publisher: null\n"
             "    published: 2023-11-15~\n    dated_by: Dated from the events it reports.\n"
             "    path: texts/copy.txt\n    note: Nobody signs it.\n");
  temp.write("texts/news.txt",
             "Talks collapsed earlier this month, leading to strike dates being set.\n\n"
             "The government put an offer of around 3% on the table.\n\n"
             "The BMA said the offer was a real-terms cut.\n\n"
             "Doctors walked out at 7am.\n");
  temp.write("texts/copy.txt", "Radiographers also joined the picket lines.\n");
  temp.write("events.yaml", "events:\n" + events);
}

std::string event_yaml(const std::string& id, const std::string& kind, const std::string& title,
                       const std::string& date, const std::string& source, const std::string& quote,
                       const std::string& extra = "") {
  return "  - id: " + id + "\n    kind: " + kind + "\n    title: '" + title + "'\n" +
         (date.empty() ? "" : "    date: '" + date + "'\n") + "    actors: [bma]\n    sources:\n" +
         "      - source: " + source + "\n        quote: '" + quote + "'\n" + extra;
}

std::string render_fixture(const std::string& events) {
  testing::TempFolder temp;
  write_fixture(temp, events);
  const auto result = testing::run_cli({"render", temp.path().string()});
  CAPTURE(result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

const std::string kTalks = event_yaml("talks-collapse", "talks", "Talks collapse", "2023-12-01/2023-12-21", "news",
                                      "Talks collapsed earlier this month",
                                      "    status: collapsed\n    links:\n      - type: led-to\n"
                                      "        event: strike-dates-set\n");
const std::string kDatesSet = event_yaml("strike-dates-set", "announcement", "Strike dates are set",
                                         "2023-12-01/2023-12-21", "news", "strike dates being set");
const std::string kOffer = event_yaml("offer", "offer", "The government offers around 3%", "/2023-12-21", "news",
                                      "an offer of around 3%", "    amount: around 3%\n");
const std::string kReply = event_yaml("reply", "statement", "The BMA calls the offer a cut", "/2023-12-21", "news",
                                      "a real-terms cut",
                                      "    speaker: bma\n    links:\n      - type: response-to\n"
                                      "        event: offer\n");

TEST_CASE("links are shown from both ends, each as a link to the other event's anchor") {
  const std::string markdown = render_fixture(kTalks + kDatesSet + kOffer + kReply);
  const std::string two_replies = render_fixture(
      kTalks + kDatesSet + kOffer + kReply +
      event_yaml("second-reply", "statement", "Ministers defend the offer", "2023-12-21", "news", "an offer of",
                 "    speaker: government\n    links:\n      - type: response-to\n        event: offer\n"));
  // Several links of one kind make a nested list, in dataset order.
  const std::string offer = section_of(two_replies, "offer");
  CAPTURE(offer);
  CHECK(offer.find("\n- Responses:\n  - [") != std::string::npos);
  CHECK(offer.find("\n  - [The BMA calls the offer a cut](#reply)\n") != std::string::npos);
  CHECK(offer.find("\n  - [Ministers defend the offer](#second-reply)\n") != std::string::npos);
  CHECK(section_of(markdown, "talks-collapse").find("\n- Led to: [Strike dates are set](#strike-dates-set)\n") !=
        std::string::npos);
  CHECK(section_of(markdown, "strike-dates-set").find("\n- Resulted from: [Talks collapse](#talks-collapse)\n") !=
        std::string::npos);
  CHECK(section_of(markdown, "reply").find("\n- In response to: [The government offers around 3%](#offer)\n") !=
        std::string::npos);
  CHECK(section_of(markdown, "offer").find("\n- Response: [The BMA calls the offer a cut](#reply)\n") !=
        std::string::npos);
  CHECK(section_of(markdown, "offer").find(" · offer · amount: around 3%") != std::string::npos);
  CHECK(section_of(markdown, "reply").find(" · statement · speaker: British Medical Association\n") !=
        std::string::npos);
  CHECK(section_of(markdown, "talks-collapse").find("**1–21 December 2023** · talks · collapsed\n") !=
        std::string::npos);
}

TEST_CASE("an event with no date is filed last, under a heading that says so") {
  const std::string markdown =
      render_fixture(kTalks + kDatesSet +
                     // A rally planned: its source, written before it, bounds nothing.
                     event_yaml("walkout", "rally", "Doctors walk out", "", "news", "Doctors walked out",
                                "    status: planned\n"));
  const auto undated = markdown.find("\n## Date not known\n");
  REQUIRE(undated != std::string::npos);
  CHECK(undated > markdown.find("\n## December 2023\n"));
  CHECK(undated < markdown.find("\n## Sources\n"));
  CHECK(markdown.find("<a id=\"walkout\">") > undated);
  CHECK(section_of(markdown, "walkout").find("**Date not reported** · rally") != std::string::npos);
  CHECK(markdown.find("One event has no date and comes last.") != std::string::npos);
}

TEST_CASE("uncertain and approximate dates read as such, filed by their start where it is known to the month") {
  struct Row {
    const char* date;
    const char* words;    // the event's date line
    const char* heading;  // the section it is filed under
    const char* marker;   // what its date line adds, or "" for nothing
  };
  const Row rows[] = {
      {"2023-12~", "**Around December 2023**", "December 2023", ""},
      {"2023-12-10~/2023-12-21", "**Around 10 December – 21 December 2023**", "December 2023", ""},
      {"2023-12?", "**Possibly December 2023**", "December 2023", ""},
      {"/2023-12-21", "**Until 21 December 2023, start unknown**", "December 2023", " · *date uncertain*"},
      {"2023/2023-12-21", "**2023 – 21 December 2023**", "December 2023", " · *date uncertain*"},
      {"2023", "**2023**", "December 2023", " · *date uncertain: by 31 December 2023*"},
      {"2023-11-30/2023-12-02", "**30 November – 2 December 2023**", "November 2023", ""},
      {"2023-12-20/..", "**From 20 December 2023 onwards**", "December 2023", ""},
  };
  std::string events = event_yaml("january", "announcement", "Doctors walk out in January", "2024-01", "news",
                                  "Doctors walked out") +
                       event_yaml("december", "announcement", "Strike dates are set", "2023-12-05", "news",
                                  "strike dates being set");
  // Of a kind that may last: what a one-act event's dates read as is pinned below.
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    events += event_yaml("event-" + std::to_string(i), "preparation", "Event " + std::to_string(i), rows[i].date,
                         "news", "Doctors walked out");
  }
  const std::string markdown = render_fixture(events);
  const auto december = markdown.find("\n## December 2023\n");
  const auto january = markdown.find("\n## January 2024\n");
  REQUIRE(december != std::string::npos);
  REQUIRE(january != std::string::npos);
  CHECK(markdown.find("## Date uncertain") == std::string::npos);  // no such sections any more
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    CAPTURE(rows[i].date);
    const std::string id = "event-" + std::to_string(i);
    CHECK(section_of(markdown, id).find(std::string(rows[i].words) + rows[i].marker + " · preparation") !=
          std::string::npos);
    const auto heading = markdown.find("\n## " + std::string(rows[i].heading) + "\n");
    REQUIRE(heading != std::string::npos);
    const auto next_heading = markdown.find("\n## ", heading + 1);
    const auto at = markdown.find("<a id=\"" + id + "\">");
    CHECK(at > heading);
    CHECK(at < next_heading);
  }
  // Uncertain events stand by the last day they can have started: "until 21
  // December" and "2023" (which the source of 21 December reports as begun) after
  // the strike dates set on 5 December.
  CHECK(markdown.find("<a id=\"event-3\">") > markdown.find("<a id=\"december\">"));
  CHECK(markdown.find("<a id=\"event-5\">") > markdown.find("<a id=\"december\">"));
  // The summary states the rule.
  CHECK(markdown.find(" The three whose start is not known to the month stand where those links and the last day "
                      "on which they can have started put them, marked “date uncertain”.") != std::string::npos);
}

TEST_CASE("an event of unknown start stands above what it led to, in that event's month") {
  // The offer, "until 21 December", led to a strike of 1 December: it is placed just
  // above the strike, under December, and still reads as uncertain.
  const std::string markdown = render_fixture(
      event_yaml("strike", "announcement", "Doctors walk out", "2023-12-01", "news", "Doctors walked out") +
      event_yaml("november", "announcement", "Strike dates are set", "2023-11-20", "news", "strike dates being set") +
      event_yaml("offer", "preparation", "The government prepares an offer of around 3%", "/2023-12-21", "news",
                 "an offer of around 3%", "    links:\n      - type: led-to\n        event: strike\n"));
  const auto december = markdown.find("\n## December 2023\n");
  REQUIRE(december != std::string::npos);
  CHECK(markdown.find("<a id=\"november\">") < december);
  CHECK(markdown.find("<a id=\"offer\">") > december);
  CHECK(markdown.find("<a id=\"offer\">") < markdown.find("<a id=\"strike\">"));
  CHECK(section_of(markdown, "offer").find("**Until 21 December 2023, start unknown") != std::string::npos);
  CHECK(section_of(markdown, "offer").find("· *date uncertain* · preparation") != std::string::npos);
}

TEST_CASE("a source with no publisher is cited as such, and the sources section says how each was dated") {
  const std::string markdown = render_fixture(
      kTalks + kDatesSet +
      event_yaml("radiographers", "announcement", "Radiographers join the picket lines", "/2023-11-15", "copy",
                 "Radiographers also joined the picket lines"));
  CHECK(section_of(markdown, "radiographers")
            .find("> Radiographers also joined the picket lines.\n>\n> — Publisher not named, "
                  "[“A copy with no masthead”](#source-copy), around 15 November 2023, paragraph 1\n") !=
        std::string::npos);
  CHECK(section_of(markdown, "talks-collapse")
            .find("> — Example News, [“Doctors strike”](#source-news), 21 December 2023, paragraph 1\n") !=
        std::string::npos);
  const std::string sources = markdown.substr(markdown.find("\n## Sources\n"));
  CHECK(sources.find("<a id=\"source-copy\"></a>\n### A copy with no masthead\n\nPublisher not named · published "
                     "around 15 November 2023 (EDTF `2023-11-15~`) · quoted for one event\n\n"
                     "How it was dated: Dated from the events it reports.\n\n*Note:* Nobody signs it.\n") !=
        std::string::npos);
  CHECK(sources.find("Example News · published 21 December 2023 (EDTF `2023-12-21`) · quoted for two events\n") !=
        std::string::npos);
  CHECK(markdown.find("It draws on two sources, listed at the end with how each was dated: one from Example News "
                      "and one whose publisher is not named.") != std::string::npos);
}

TEST_CASE("a title full of Markdown metacharacters comes out literally through the whole program") {
  const auto render = [](const std::string& title, const std::string& place) {
    return testing::to_html(render_fixture(kTalks + kDatesSet +
                                  event_yaml("hostile", "announcement", title, "2023-12-05", "news",
                                             "Doctors walked out", "    place: '" + place + "'\n")));
  };
  const std::string title = "*Strike* [now](javascript:alert(1)) <b>#1</b> | `x` &amp; 1. done";
  const std::string place = "<i>Leeds</i> & _York_";
  const std::string html = render(title, place);
  const std::string plain = render("Doctors walk out", "Leeds");
  CHECK(html.find("<h3>" + testing::html_escaped(title) + "</h3>") != std::string::npos);
  CHECK(html.find("Where: " + testing::html_escaped(place)) != std::string::npos);
  CHECK(html.find("href=\"javascript") == std::string::npos);
  for (const std::string tag : {"<b>", "<i>", "<em>", "<code>", "<a href", "<ol", "<li>", "<table"}) {
    CAPTURE(tag);
    CHECK(count(html, tag) == count(plain, tag));
  }
}

TEST_CASE("the summary paragraph states what the timeline covers") {
  const std::string markdown = render_fixture(kTalks + kDatesSet + kOffer + kReply);
  CHECK(markdown.rfind("# Timeline\n\nThis timeline sets out four events dated between 1 December 2023 and "
                       "21 December 2023, each with the whole source paragraph that reports it.",
                       0) == 0);
}

TEST_CASE("a one-act event whose day is not known reads as on or before, or on or after, that day") {
  struct Row {
    const char* kind;
    const char* date;
    const char* words;
  };
  // The source is of 21 December 2023, so it bounds when each of these began.
  const Row rows[] = {
      {"offer", "/2023-12-20", "**On or before 20 December 2023** · *date uncertain* · offer"},
      {"statement", "2023-12-01/2023-12-20", "**1–20 December 2023** · statement"},
      {"announcement", "2023-12-20/..", "**On or after 20 December 2023; its sources narrow this to 20–21 December 2023** · announcement"},
      {"statement", "", "**Date not reported; on or before 21 December 2023 from its sources** · *date uncertain* · statement"},
      // What lasts keeps the words of a span.
      {"preparation", "/2023-12-20", "**Until 20 December 2023, start unknown** · *date uncertain* · preparation"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.kind);
    CAPTURE(row.date);
    const std::string extra = std::string(row.kind) == "statement" ? "    speaker: bma\n" : "";
    const std::string markdown =
        render_fixture(event_yaml("x", row.kind, "Something", row.date, "news", "Doctors walked out", extra));
    CHECK(section_of(markdown, "x").find(row.words) != std::string::npos);
  }
  CHECK(describe_one_day(Edtf::parse("../2022-12-12")) == "on or before 12 December 2022");
  CHECK(describe_one_day(Edtf::parse("2022-12-01/")) == "on or after 1 December 2022");
  CHECK(describe_one_day(Edtf::parse("2022-12-12")) == "12 December 2022");
}

TEST_CASE("render: the causal diagram is drawn while a Markdown viewer can draw it, and named otherwise") {
  for (const int links : {3, 201}) {
    CAPTURE(links);
    testing::TempFolder folder;
    testing::write_one_actor_one_source(folder);
    std::string events = "events:\n";
    for (int i = 0; i <= links; ++i) {
      events += "  - id: e" + std::to_string(i) + "\n    kind: announcement\n    title: Step " + std::to_string(i) +
                "\n    date: 2023-12-01\n    actors: [union]\n    sources:\n      - source: news\n"
                "        quote: Something happened\n";
      if (i < links) events += "    links:\n      - type: led-to\n        event: e" + std::to_string(i + 1) + "\n";
    }
    folder.write("events.yaml", events);
    const auto r = testing::run_cli({"render", folder.path().string()});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("## What led to what") != std::string::npos);
    CHECK((r.out.find("```mermaid") != std::string::npos) == (links <= 200));
    if (links > 200) CHECK(r.out.find("The 201 led-to and response-to links are too many") != std::string::npos);
  }
}

}  // namespace
}  // namespace strikeline
