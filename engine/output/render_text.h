// The text writer: a query's answer for a terminal, one line an event (date, kind,
// id, title), with chains and reasons indented under it. Data is printed through
// printable(), so nothing in it can act on the terminal.
#pragma once

#include <iosfwd>
#include <string_view>

#include "edtf.h"
#include "model.h"

namespace strikeline {

class DisputeGraph;  // graph.h
struct QueryResult;  // query.h

// "2023-12~: around December 2023", then its earliest and latest day, precision
// and qualifiers; nothing for an invalid date (the CLI reports the error).
void date_text(std::string_view input, const Edtf& date, std::ostream& out);

void render_query_text(std::string_view query, const QueryResult& result, const Dataset& dataset,
                       const DisputeGraph& graph, std::ostream& out);

}  // namespace strikeline
