// What a timeline says, whatever writes it: its sections, an event's dates, facts
// and links in words, the summary and the sources. Every writer (render_markdown,
// render_html, and any later format) reads it from here, so a thing is worded once;
// the writers decide only how it looks and escape the plain text they are given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <date/date.h>

#include "edtf.h"
#include "model.h"

namespace strikeline {

// ---- Words ---------------------------------------------------------------------

// "no", "one" … "nine", then digits: "10".
std::string count_words(std::size_t n);
// "one event", "three sources".
std::string counted(std::size_t n, std::string_view singular, std::string_view plural);
std::string capitalised(std::string text);
// A schema value as words: `under-way` is "under way".
std::string spaced(std::string_view value);
// "a, b and c" with `separator` between and `last` before the last.
std::string joined(const std::vector<std::string>& parts, std::string_view separator, std::string_view last);

// ---- Anchors -------------------------------------------------------------------

// The fragment an event is found at in every format: its id, which the schema
// makes a slug; anything else is replaced, so an anchor never leaves its attribute.
std::string anchor_id(std::string_view id);
// A source's fragment: "source-ID", or "source--ID" if an event took the first.
std::string source_anchor(const Source& source, const Dataset& dataset);

// ---- Sections ------------------------------------------------------------------

// One section of the timeline: a run of events placed in one month, headed by it,
// or the events about which nothing is known, under "Date not known". The
// timeline is one order (reason.cc), and its sections are runs of that order:
//
// 1. Each event is placed on a day by the reason stage (`placed_on`): the first day
//    of its start when the date states the start to the day or the month, else the
//    last day it can have started, and never later than an event it must come
//    before. Those days never decrease down the timeline.
// 2. A section is a run of consecutive events placed in one calendar month, headed
//    by that month ("December 2023"). A strike from 2 May to 27 September is filed
//    under May, with its dates in words.
// 3. An event whose stated start does not lie in the month of its section (a start
//    known only to the year or season, an unknown start, no date, or a start its
//    links moved to another month), unless its date and links keep all its days in
//    that month, stays where the order puts it and says so (placed_uncertainly,
//    uncertain_words).
// 4. Events about which nothing at all is known come last, under "Date not known".
struct TimelineGroup {
  std::string heading;                // plain words
  std::vector<const Event*> events;  // in timeline order
};
std::vector<TimelineGroup> timeline_groups(const Dataset& dataset);

// ---- An event's dates ----------------------------------------------------------

// The days an event can fall on: what its date and links allow together once the
// reason stage has run, else its stated date as the reasoner reads it.
std::pair<std::optional<date::sys_days>, std::optional<date::sys_days>> event_bounds(const Event& event);

// The stated date in words and what links and sources narrow it to: "December
// 2023; its links narrow this to 1–5 December 2023", "date not reported; on or
// before 12 December 2022 from its sources". A one-act event's span is where its
// one day lies.
std::string event_date_words(const Event& event, const Dataset& dataset);

// Whether the event's section may not be the month it started in (rule 3 above).
bool placed_uncertainly(const Event& event);
// "date uncertain: by 21 December 2023" (the last day on which it can have
// happened), or "date uncertain" where `date_words` already end on that day.
std::string uncertain_words(const Event& event, const std::string& date_words);

// Whether a reader should take the event's date as doubtful: it states none (its
// links or sources may bound it), nothing at all is known of it, its section may
// not be the month it started in (placed_uncertainly), or its date is marked
// approximate or uncertain (`~`, `?`, `%`). A graph draws it with a dashed border.
bool date_in_doubt(const Event& event);

// Where an event lies on a time axis: the days it may fall on (`possible_*`, open
// where nothing bounds it) and, inside them, the days it certainly covers
// (`certain_*`, set only when its start is known to the day it ends by and its end
// to the day it starts by: a strike on 12–14 December, not one "in December").
struct EventSpan {
  std::optional<date::sys_days> possible_from, possible_to;
  std::optional<date::sys_days> certain_from, certain_to;
};
EventSpan event_span(const Event& event);

// The days a calendar shows an event on: its stated date, both of whose ends are
// known to the day (a strike on 20–23 December 2023, a statement around 8 November
// 2022), first and last day as stated, never widened by the reasoner's margins nor
// narrowed to one made-up day. `one_act` where the event happened on one day of
// them (an offer made on 1–5 December), not on all. nullopt for a date known only
// to a month or coarser, one with an open or unknown end, or no date, and for a
// one-act event whose span is more than a week: a calendar entry is a day, and a
// bar across a month would be read as an event that lasted it.
struct CalendarDays {
  date::sys_days first, last;
  bool one_act = false;
};
std::optional<CalendarDays> calendar_days(const Event& event);

// An event's first and last possible day as calendar dates, each with the precision
// the data gives it, for a format that places events on a calendar (TimelineJS):
// the stated date's own bounds (not widened for `~` or `?`, whose words say
// "around"), or, where links or sources narrow it (Event::inferred), the inferred
// bounds, to the day unless a bound is the stated one. nullopt for an open or
// unknown end; both for an event about which nothing is known.
struct CalendarDay {
  date::sys_days day;
  EdtfPrecision precision;
};
struct CalendarBounds {
  std::optional<CalendarDay> from, to;
};
CalendarBounds event_calendar_bounds(const Event& event);

// ---- An event's facts ----------------------------------------------------------

// One fact of the line under an event's title: its kind ("strike"), its status
// ("held as reported 12 December 2022"), or a detail ("strikers" and the actor's
// name, "deadline" and the date in words, "amount" and the source's words).
struct Fact {
  std::string label;  // empty for the kind and the status
  std::string words;
};
// The kind, then the details in the order the event gives them. A status says when
// it was reported, if the newest source citing it could have been written before
// the event's last day: a strike "planned" then may since have been held.
std::vector<Fact> event_facts(const Event& event, const Dataset& dataset);

// An actor's name, or its id when the registry has no name for it.
std::string_view actor_name(const Dataset& dataset, std::string_view id);

// ---- Links ---------------------------------------------------------------------

// The links of an event, both ways, a line per kind of link: "Led to", "In response
// to", and from the other side "Resulted from", "Responses", "Includes".
struct LinkLine {
  const char* label_one;   // for one event: "Response"
  const char* label_many;  // for several: "Responses"
  std::vector<const Event*> events;
};
// A link as one arrow between two events, for a drawing of the links: causal
// links run from cause to effect (so `B response-to A` is drawn A → B), temporal
// ones from the event that states the link to the one it names. The words go on
// the arrow and read along it: "led to", "response" (the arrow ends at the
// response), "before", "after", "during", "part of".
std::string_view arrow_words(LinkType type);

class TimelineLinks {
 public:
  explicit TimelineLinks(const Dataset& dataset);
  std::vector<LinkLine> lines(const Event& event) const;
  // The events that led to this one or that it responds to: its direct causes.
  std::vector<const Event*> causes(const Event& event) const;

 private:
  struct Backlink {
    LinkType type;
    const Event* from;
  };
  const Dataset& dataset_;
  std::unordered_map<std::string_view, std::vector<Backlink>> incoming_;
};

// An event's source paragraphs, each once however many quotes come from it, in
// the order it cites them: the paragraph (or the quote alone where the source or
// the paragraph is missing), its source's id and record (null if not in the
// registry) and its 1-based number (0: not found).
struct Quotation {
  std::string_view text;   // the paragraph, or the quote where it was not found
  std::string_view quote;  // the first quote taken from it
  std::string_view source_id;
  const Source* source;
  std::uint32_t paragraph;
};
std::vector<Quotation> event_quotations(const Event& event, const Dataset& dataset);
// "BBC News, “Junior doctors to strike”, 5 December 2023, paragraph 3", or
// "source x is not in the registry".
std::string citation_words(const Quotation& quotation);

// A causal link as cause and effect, whichever side wrote it: `a` led-to `b` and
// `b` response-to `a` both run from `a` to `b`. In the order of the events that
// state them, each as written.
struct CausalLink {
  const Event* cause;
  const Event* effect;
  LinkType type;  // led_to or response_to
};
std::vector<CausalLink> causal_links(const Dataset& dataset);
// A causal link's type said from the cause to the effect: "led to", "response".

// ---- The whole -----------------------------------------------------------------

// The paragraph under the title: the description, how many events over what span,
// the sources by publisher, and the rule by which events are ordered and filed.
std::vector<std::string> summary_sentences(const Dataset& dataset);

// The last day of the newest publication date among the dataset's sources, or
// nullopt without a dated source: the day the dataset can be as new as.
std::optional<date::sys_days> newest_publication(const Dataset& dataset);

// How many events quote each source (an event quoting one source twice counts once).
std::unordered_map<std::string_view, std::size_t> events_citing(const Dataset& dataset);

}  // namespace strikeline
