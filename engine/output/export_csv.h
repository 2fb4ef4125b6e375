// The CSV export: the dataset as three tables that spreadsheets, R, pandas and
// SQLite read and join by event id (README, "The CSV export", is the contract):
//
//   csv            events, a row each, in timeline order
//   csv-links      links, a row each: from, to, type
//   csv-citations  citations, a row each: the event, the source, its paragraph
//
// RFC 4180: CRLF after every row, the header included; a field in double quotes
// when it holds a comma, a quote, CR or LF, its quotes doubled; UTF-8 without a
// byte order mark. A cell that a spreadsheet would take for a formula (it begins
// with =, +, -, @, TAB or CR) gets a single quote in front, as does one that
// already begins with a single quote, so that dropping one leading quote always
// gives the text back. Numbers are never quoted that way: a figure's cell holds
// only what a number is written with.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace strikeline {

void export_csv_events(const Dataset& dataset, std::ostream& out);
void export_csv_links(const Dataset& dataset, std::ostream& out);
void export_csv_citations(const Dataset& dataset, std::ostream& out);

// The column names of the events table, in order (the header row).
std::vector<std::string> csv_event_columns();

// One text cell as the row holds it: neutralised if a spreadsheet would read a
// formula, then quoted if it must be.
std::string csv_text_cell(std::string_view text);

}  // namespace strikeline
