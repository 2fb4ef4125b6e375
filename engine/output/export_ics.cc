#include "export_ics.h"

#include <ostream>

#include "edtf.h"
#include "schema.h"
#include "timeline.h"

namespace strikeline {

namespace {

constexpr std::size_t kLineOctets = 75;

// `YYYYMMDD`, or empty for a year a DATE value cannot hold.
std::string ics_date(date::sys_days day) {
  const date::year_month_day ymd(day);
  const int year = static_cast<int>(ymd.year());
  if (year < 1 || year > 9999) return {};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", year, static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buffer;
}

// The dataset's title as a slug for UIDs: "the-2023-nhs-junior-doctors-dispute-in-england".
std::string dataset_slug(const Dataset& dataset) {
  std::string slug;
  for (const char c : dataset.title) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      slug += lower;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 60) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? std::string("dataset") : slug;
}

// Whether an event in the calendar may not have happened on those days: its date
// is approximate or uncertain, it is one act on some day of a span, or it was
// reported before it could happen (a strike planned).
bool tentative(const Event& event, const CalendarDays& days) {
  if (event.date->approximate() || event.date->uncertain()) return true;
  if (days.one_act && days.first != days.last) return true;
  return is_future_facing(event);
}

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void line(std::string_view name, std::string_view value) { out_ << ics_folded(std::string(name) + ":" + std::string(value)); }
  void text(std::string_view name, std::string_view value) { line(name, ics_text(value)); }

 private:
  std::ostream& out_;
};

std::string citation_words(const Citation& c, const Dataset& dataset) {
  const Source* source = dataset.source(c.source);
  std::string words = "“" + std::string(c.quote) + "”";
  if (!source) return words + " (" + std::string(c.source) + ")";
  words += " — " + source->title;
  if (source->publisher) words += ", " + *source->publisher;
  words += ", " + describe(source->published);
  if (c.paragraph > 0 && c.paragraph <= source->paragraphs.size()) {
    words += ", paragraph " + std::to_string(c.paragraph);
  }
  if (!source->url.empty()) words += ", " + source->url;
  if (c.paragraph > 0 && c.paragraph <= source->paragraphs.size()) {
    words += ":\n" + std::string(source->paragraphs[c.paragraph - 1]);
  }
  return words;
}

std::string description(const Event& event, const CalendarDays& days, const Dataset& dataset) {
  std::vector<std::string> parts;
  const std::vector<Fact> facts = event_facts(event, dataset);
  std::vector<std::string> fact_words;
  for (const Fact& fact : facts) fact_words.push_back(fact.label.empty() ? fact.words : fact.label + ": " + fact.words);
  parts.push_back(capitalised(joined(fact_words, " · ", " · ")) + ".");
  parts.push_back("When: " + event_date_words(event, dataset) + " (EDTF " + event.date->text() +
                  (days.first == days.last ? std::string() : ": " + iso_day(days.first) + " to " + iso_day(days.last)) +
                  ").");
  if (const auto [earliest, latest] = event_bounds(event); event.inferred && (earliest || latest)) {
    parts.push_back("Dates and links allow: " + (earliest ? iso_day(*earliest) : std::string("open")) + " to " +
                    (latest ? iso_day(*latest) : std::string("open")) + ".");
  }
  if (!event.note.empty()) parts.push_back(std::string(event.note));
  for (const Citation& c : event.citations) parts.push_back(citation_words(c, dataset));
  return joined(parts, "\n\n", "\n\n");
}

}  // namespace

std::string ics_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        out += "\\n";
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) break;
        out += c;
    }
  }
  return out;
}

std::string ics_folded(std::string_view line) {
  std::string out;
  std::size_t room = kLineOctets;
  while (line.size() > room) {
    std::size_t cut = room;
    // Never between the bytes of one character: back up to its first byte.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == 0) cut = room;  // not UTF-8 at all: cut anyway rather than loop
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kLineOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

void export_ics(const Dataset& dataset, std::ostream& out) {
  Writer ics(out);
  const std::string slug = dataset_slug(dataset);
  const auto newest = newest_publication(dataset);
  const std::string stamp = (newest && !ics_date(*newest).empty() ? ics_date(*newest) : std::string("19700101")) + "T000000Z";
  std::size_t in_calendar = 0;
  for (const Event& event : dataset.events) {
    const auto days = calendar_days(event);
    in_calendar += days && !ics_date(days->first).empty() && !ics_date(days->last + date::days{1}).empty();
  }
  ics.line("BEGIN", "VCALENDAR");
  ics.line("VERSION", "2.0");
  ics.line("PRODID", "-//strikeline//strikeline " STRIKELINE_VERSION "//EN");
  ics.line("CALSCALE", "GREGORIAN");
  ics.line("METHOD", "PUBLISH");
  if (!dataset.title.empty()) ics.text("X-WR-CALNAME", dataset.title);
  ics.text("X-WR-CALDESC", capitalised(count_words(in_calendar)) + " of " +
                               counted(dataset.events.size(), "event", "events") +
                               ": those whose dates are known to the day. The others are in strikeline's other "
                               "formats, with their dates in words.");
  for (const Event& event : dataset.events) {
    const auto days = calendar_days(event);
    if (!days) continue;
    const std::string start = ics_date(days->first), end = ics_date(days->last + date::days{1});
    if (start.empty() || end.empty()) continue;
    const bool maybe = tentative(event, *days);
    const Detail* status = event.detail("status");
    ics.line("BEGIN", "VEVENT");
    ics.text("UID", std::string(event.id) + "@" + slug + ".strikeline");
    ics.line("DTSTAMP", stamp);
    ics.line("DTSTART;VALUE=DATE", start);
    ics.line("DTEND;VALUE=DATE", end);
    ics.text("SUMMARY", maybe ? std::string(event.title) + " (" + event_date_words(event, dataset) + ")"
                              : std::string(event.title));
    ics.text("DESCRIPTION", description(event, *days, dataset));
    if (!event.place.empty()) ics.text("LOCATION", event.place);
    ics.text("CATEGORIES", spaced(event.kind));
    ics.line("STATUS", status && status->value == "called-off" ? "CANCELLED" : maybe ? "TENTATIVE" : "CONFIRMED");
    ics.line("TRANSP", "TRANSPARENT");
    for (const Citation& c : event.citations) {
      const Source* source = dataset.source(c.source);
      if (source && !source->url.empty()) {
        ics.line("URL", source->url);
        break;
      }
    }
    ics.text("X-STRIKELINE-EDTF", event.date->text());
    ics.line("END", "VEVENT");
  }
  ics.line("END", "VCALENDAR");
}

}  // namespace strikeline
