// The HTML writer: a dataset as one self-contained web page.
//
// The page says what the Markdown timeline says (timeline.h): the same sections,
// dates in words, facts, source paragraphs with their citations, notes and links,
// with every event and source at the same fragment (#event-id, #source-id). It
// needs nothing else: its style and its one small script are inside it, and its
// Content-Security-Policy forbids loading anything, so it works from a file with
// the network off. Without the script everything is shown; the script adds
// filters by actor and kind, a search of titles and quotes, and the causes and
// effects of the event under the pointer or focus. Each event has a bar on one
// time axis: the days it certainly covers solid, the days it may fall on hatched.
// All text from the data is escaped: nothing in it can add markup or run.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

void render_html(const Dataset& dataset, std::ostream& out);

// `text` with &, <, >, " and ' written as character references: safe in text and
// in a quoted attribute.
std::string escape_html(std::string_view text);

}  // namespace strikeline
