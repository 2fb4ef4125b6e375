// The dataset as TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html):
// a title slide from dataset.yaml, then a slide per event, in timeline order.
//
// Each slide has the event's id as `unique_id`; `start_date` and `end_date` are
// its first and last possible day (event_calendar_bounds) with only the parts its
// date's precision has (a year; a year and month for a month or season; a day), and
// `display_date` the date in words, so "Around November 2023" reads as such. An
// open or unknown end has no `end_date`; an unknown start starts at the last day
// on which it can have started. An event about which nothing is known (no date, no
// bound from links or sources) has no place on a calendar and is left out; the
// title slide says how many. `group` is the kind, `text.headline` the title and
// `text.text` the source paragraphs with their citations, all escaped HTML;
// `autolink` is off. No `eras`: a dataset records no phases of a dispute.
#pragma once

#include <iosfwd>

#include "model.h"

namespace strikeline {

void export_timelinejs(const Dataset& dataset, std::ostream& out);

}  // namespace strikeline
