// The iCalendar export (RFC 5545): the events known to the day as all-day events
// that calendar programs import (README, "The calendar", says which and why).
//
// CRLF line ends; lines folded at 75 octets, never inside a UTF-8 character; TEXT
// values escaped. Each event's UID is its id at the dataset's slug, so a calendar
// imported again updates its events instead of doubling them. The file is the same
// for the same data: DTSTAMP is the newest publication date among the sources.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

void export_ics(const Dataset& dataset, std::ostream& out);

// A TEXT value escaped: backslash, semicolon and comma get a backslash, a line
// break (LF, CRLF or CR) is `\n`, and other control characters but TAB are left out.
std::string ics_text(std::string_view text);

// One content line as written: folded into lines of at most 75 octets (a
// continuation starts with one space, which counts), each ended by CRLF.
std::string ics_folded(std::string_view line);

}  // namespace strikeline
