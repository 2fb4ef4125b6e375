#include "export_timelinejs.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "render_html.h"
#include "timeline.h"

namespace strikeline {

namespace {

using Json = nlohmann::ordered_json;

// {"year", "month", "day"}, as far as the precision goes: a season is shown by its
// months, a decade or century by its first or last year.
Json calendar_date(const CalendarDay& when) {
  const date::year_month_day ymd(when.day);
  Json out = Json::object();
  out["year"] = static_cast<int>(ymd.year());
  switch (when.precision) {
    case EdtfPrecision::day:
    case EdtfPrecision::second:
      out["month"] = static_cast<unsigned>(ymd.month());
      out["day"] = static_cast<unsigned>(ymd.day());
      break;
    case EdtfPrecision::month:
    case EdtfPrecision::season:
      out["month"] = static_cast<unsigned>(ymd.month());
      break;
    case EdtfPrecision::year:
    case EdtfPrecision::decade:
    case EdtfPrecision::century:
      break;
  }
  return out;
}

Json slide(const Event& event, const Dataset& dataset, const CalendarBounds& bounds) {
  Json out = Json::object();
  out["unique_id"] = event.id;
  // An unknown start: the last day on which it can have started (its placed day).
  const CalendarDay start = bounds.from ? *bounds.from
                            : bounds.to ? *bounds.to
                                        : CalendarDay{*event.placed_on, EdtfPrecision::day};
  out["start_date"] = calendar_date(start);
  if (bounds.from && bounds.to) {
    if (Json end = calendar_date(*bounds.to); end != out["start_date"]) out["end_date"] = std::move(end);
  }
  out["display_date"] = capitalised(event_date_words(event, dataset));
  out["group"] = capitalised(spaced(event.kind));
  std::string text;
  for (const Quotation& quotation : event_quotations(event, dataset)) {
    text += "<blockquote>" + escape_html(quotation.text) + "</blockquote><p>— " + escape_html(citation_words(quotation)) +
            "</p>";
  }
  if (!event.note.empty()) text += "<p>Note: " + escape_html(event.note) + "</p>";
  out["text"] = Json{{"headline", escape_html(event.title)}, {"text", text}};
  out["autolink"] = false;
  return out;
}

}  // namespace

void export_timelinejs(const Dataset& dataset, std::ostream& out) {
  Json document = Json::object();
  Json events = Json::array();
  std::size_t left_out = 0;
  for (const Event& event : dataset.events) {
    const CalendarBounds bounds = event_calendar_bounds(event);
    if (!bounds.from && !bounds.to && !event.placed_on) {
      ++left_out;
      continue;
    }
    events.push_back(slide(event, dataset, bounds));
  }
  std::string intro;
  if (!dataset.description.empty()) intro += "<p>" + escape_html(dataset.description) + "</p>";
  if (left_out > 0) {
    intro += "<p>" + escape_html(capitalised(counted(left_out, "event", "events"))) +
             (left_out == 1 ? " whose date is" : " whose dates are") +
             " not known at all, not even from links or sources, cannot be placed here; the timeline lists " +
             (left_out == 1 ? "it" : "them") + " under “Date not known”.</p>";
  }
  const std::string title = dataset.title.empty() ? std::string("Timeline") : dataset.title;
  document["title"] = Json{{"text", Json{{"headline", escape_html(title)}, {"text", intro}}}};
  document["events"] = std::move(events);
  out << document.dump(1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace strikeline
