// The CSV and iCalendar writers' own rules, pinned: RFC 4180 quoting and CRLF, the
// formula guard, RFC 5545 folding at 75 octets around multi-byte characters, TEXT
// escaping, the exclusive DTEND of an all-day event, and which events a calendar
// holds. tests/csv_ics_consumers_test.py reads the same output with the real
// consumers (Python's csv, sqlite3, python3-icalendar).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "export_csv.h"
#include "export_ics.h"
#include "test_support.h"

namespace strikeline {
namespace {

std::vector<std::string> lines_of(const std::string& text, const std::string& end = "\r\n") {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(end, start)) != std::string::npos; start = at + end.size()) {
    lines.push_back(text.substr(start, at - start));
  }
  CHECK(start == text.size());  // the last line ends too
  return lines;
}

// A dataset of one actor, one source and these events (YAML list items).
testing::RunResult exported(const testing::TempFolder& temp, const std::string& events, const std::string& format) {
  testing::write_one_actor_one_source(temp);
  temp.write("events.yaml", "events:\n" + events);
  return testing::run_cli({"export", "--format", format, temp.path().generic_string()});
}

std::string event_yaml(const std::string& id, const std::string& kind, const std::string& date,
                       const std::string& extra = "") {
  return "  - id: " + id + "\n    kind: " + kind + "\n    title: The " + id + "\n    date: " + date +
         "\n    actors: [union]\n" + extra + "    sources:\n      - source: news\n        quote: Something happened\n";
}

TEST_CASE("csv: a text cell is quoted only when it must be, and never starts a formula") {
  CHECK(csv_text_cell("plain") == "plain");
  CHECK(csv_text_cell("a,b") == "\"a,b\"");
  CHECK(csv_text_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_text_cell("one\ntwo") == "\"one\ntwo\"");
  CHECK(csv_text_cell("one\r\ntwo") == "\"one\r\ntwo\"");
  CHECK(csv_text_cell("=1+2") == "'=1+2");
  CHECK(csv_text_cell("+1") == "'+1");
  CHECK(csv_text_cell("-1") == "'-1");
  CHECK(csv_text_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_text_cell("\tx") == "'\tx");
  CHECK(csv_text_cell("\rx") == "\"'\rx\"");
  CHECK(csv_text_cell("'quoted") == "''quoted");  // so one leading quote is always the writer's
  CHECK(csv_text_cell("=a,\"b\"") == "\"'=a,\"\"b\"\"\"");
  CHECK(csv_text_cell("a=b") == "a=b");
  CHECK(csv_text_cell("") == "");
}

TEST_CASE("csv: every table ends each row, the header included, with CRLF") {
  testing::TempFolder temp;
  const auto events = exported(temp,
                               event_yaml("walkout", "strike", "2023-12-20/2023-12-23",
                                          "    status: held\n    strikers: union\n    place: \"Leeds, \\\"St James's\\\"\"\n"),
                               "csv");
  REQUIRE(events.exit_code == 0);
  const auto lines = lines_of(events.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].rfind("id,kind,status,title,date_edtf,date_earliest,date_latest,", 0) == 0);
  CHECK(lines[1].rfind("walkout,strike,held,The walkout,2023-12-20/2023-12-23,2023-12-20,2023-12-23,", 0) == 0);
  CHECK(lines[1].find(",\"Leeds, \"\"St James's\"\"\",") != std::string::npos);
  CHECK(lines[1].find(",union,The Union,") != std::string::npos);  // strikers and strikers_name
  CHECK(events.out.find('\n') == events.out.find("\r\n") + 1);
  for (const char* format : {"csv-links", "csv-citations"}) {
    CAPTURE(format);
    const auto table = testing::run_cli({"export", "--format", format, temp.path().generic_string()});
    REQUIRE(table.exit_code == 0);
    CHECK(lines_of(table.out).size() == (std::string(format) == "csv-links" ? 1u : 2u));
  }
}

TEST_CASE("ics: a TEXT value escapes backslash, semicolon, comma and line breaks") {
  CHECK(ics_text("a\\b;c,d") == "a\\\\b\\;c\\,d");
  CHECK(ics_text("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
  CHECK(ics_text("tab\tkept, bell\a dropped") == "tab\tkept\\, bell dropped");
  CHECK(ics_text("Grève: “quoted”") == "Grève: “quoted”");
}

TEST_CASE("ics: lines fold at 75 octets, never inside a UTF-8 character") {
  CHECK(ics_folded("SUMMARY:short") == "SUMMARY:short\r\n");
  const std::string ascii = "DESCRIPTION:" + std::string(200, 'x');
  const auto ascii_lines = lines_of(ics_folded(ascii));
  REQUIRE(ascii_lines.size() == 3);
  CHECK(ascii_lines[0].size() == 75);
  CHECK(ascii_lines[1].size() == 75);
  CHECK(ascii_lines[1][0] == ' ');
  // Unfolding (dropping each CRLF and the space after it) gives the line back.
  std::string unfolded = ascii_lines[0];
  for (std::size_t i = 1; i < ascii_lines.size(); ++i) unfolded += ascii_lines[i].substr(1);
  CHECK(unfolded == ascii);

  // "é" is 2 octets, "罢" 3, "✊🏽" 3 + 4: wherever 75 falls, a character stays whole.
  for (const std::string piece : {"é", "罢", "✊🏽", "a罢é"}) {
    for (std::size_t pad = 0; pad < 4; ++pad) {
      std::string line = "SUMMARY:" + std::string(pad, 'p');
      while (line.size() < 400) line += piece;
      const auto folded = lines_of(ics_folded(line));
      CAPTURE(piece);
      CAPTURE(pad);
      std::string back = folded[0];
      for (std::size_t i = 0; i < folded.size(); ++i) {
        CHECK(folded[i].size() <= 75);
        if (i > 0) back += folded[i].substr(1);
        if (i + 1 == folded.size()) break;
        CHECK(folded[i].size() >= 72);  // backs up at most 3 octets
        // The next line does not begin in the middle of a character.
        CHECK((static_cast<unsigned char>(folded[i + 1][1]) & 0xC0) != 0x80);
      }
      CHECK(back == line);
    }
  }
}

TEST_CASE("ics: all-day events end the day after their last day; dates not known to the day are left out") {
  testing::TempFolder temp;
  const auto calendar =
      exported(temp,
               event_yaml("walkout", "strike", "2023-12-20/2023-12-23", "    status: held\n    strikers: union\n") +
                   event_yaml("said", "statement", "2023-11-08~", "    speaker: union\n") +
                   event_yaml("offered", "offer", "2023-12-01/2023-12-05") +
                   event_yaml("month", "strike", "2023-10", "    status: held\n    strikers: union\n") +
                   event_yaml("open", "strike", "2024-01-15/..", "    status: under-way\n    strikers: union\n") +
                   event_yaml("planned", "strike", "2024-01-03/2024-01-09", "    status: planned\n    strikers: union\n") +
                   event_yaml("off", "strike", "2023-12-27", "    status: called-off\n    strikers: union\n"),
               "ics");
  REQUIRE(calendar.exit_code == 0);
  const std::string& ics = calendar.out;
  const auto lines = lines_of(ics);
  REQUIRE(!lines.empty());
  CHECK(lines.front() == "BEGIN:VCALENDAR");
  CHECK(lines.back() == "END:VCALENDAR");
  CHECK(ics.find("\nVERSION:2.0\r\n") != std::string::npos);
  CHECK(ics.find("\nPRODID:-//strikeline//strikeline ") != std::string::npos);
  // Deterministic: the newest source was published on 31 December 2023.
  CHECK(ics.find("\nDTSTAMP:20231231T000000Z\r\n") != std::string::npos);
  CHECK(ics.find("BEGIN:VEVENT\r\nUID:walkout@dataset.strikeline\r\n") != std::string::npos);

  auto event_block = [&](const std::string& id) {
    const auto at = ics.find("UID:" + id + "@");
    if (at == std::string::npos) return std::string();
    return ics.substr(at, ics.find("END:VEVENT", at) - at);
  };
  const std::string walkout = event_block("walkout");
  CHECK(walkout.find("DTSTART;VALUE=DATE:20231220\r\n") != std::string::npos);
  CHECK(walkout.find("DTEND;VALUE=DATE:20231224\r\n") != std::string::npos);
  CHECK(walkout.find("STATUS:CONFIRMED\r\n") != std::string::npos);
  CHECK(walkout.find("SUMMARY:The walkout\r\n") != std::string::npos);
  CHECK(walkout.find("X-STRIKELINE-EDTF:2023-12-20/2023-12-23\r\n") != std::string::npos);

  // "Around 8 November": that day, not widened to a fortnight, and not confirmed.
  const std::string said = event_block("said");
  CHECK(said.find("DTSTART;VALUE=DATE:20231108\r\n") != std::string::npos);
  CHECK(said.find("DTEND;VALUE=DATE:20231109\r\n") != std::string::npos);
  CHECK(said.find("STATUS:TENTATIVE\r\n") != std::string::npos);
  CHECK(said.find("SUMMARY:The said (around 8 November 2023)\r\n") != std::string::npos);

  // An offer made on one day of 1–5 December: those days, tentatively, in words.
  const std::string offered = event_block("offered");
  CHECK(offered.find("DTEND;VALUE=DATE:20231206\r\n") != std::string::npos);
  CHECK(offered.find("STATUS:TENTATIVE\r\n") != std::string::npos);

  CHECK(event_block("planned").find("STATUS:TENTATIVE\r\n") != std::string::npos);
  CHECK(event_block("off").find("STATUS:CANCELLED\r\n") != std::string::npos);
  CHECK(event_block("month").empty());
  CHECK(event_block("open").empty());
  CHECK(ics.find("X-WR-CALDESC:Five of seven events: those whose dates are known to the day.") != std::string::npos);
}

TEST_CASE("csv and ics: an empty dataset is a header, and a calendar with no events") {
  testing::TempFolder temp;
  const auto init = testing::run_cli({"init", (temp.path() / "new").generic_string(), "--title", "New, \"empty\""});
  REQUIRE(init.exit_code == 0);
  const std::string folder = (temp.path() / "new").generic_string();
  const auto events = testing::run_cli({"export", "--format", "csv", folder});
  REQUIRE(events.exit_code == 0);
  CHECK(lines_of(events.out).size() == 1);
  CHECK(testing::run_cli({"export", "--format", "csv-links", folder}).out == "from,to,type\r\n");
  CHECK(testing::run_cli({"export", "--format", "csv-citations", folder}).out ==
        "event,source,url,paragraph,quote,text\r\n");
  const auto calendar = testing::run_cli({"export", "--format", "ics", folder});
  REQUIRE(calendar.exit_code == 0);
  CHECK(calendar.out.find("BEGIN:VEVENT") == std::string::npos);
  CHECK(calendar.out.find("X-WR-CALNAME:New\\, \"empty\"\r\n") != std::string::npos);
  CHECK(calendar.out.find("END:VCALENDAR\r\n") != std::string::npos);
}

}  // namespace
}  // namespace strikeline
