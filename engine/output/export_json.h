// The JSON export: the contract later tools read. Extend it; never break it. Its
// fields, their types and their meaning are in export_contract.h, the one list
// that the help prints and the tests hold this code to.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

class DisputeGraph;  // graph.h
struct QueryResult;  // query.h

// Written to `out` as it is made, an event at a time: memory holds the dataset and
// one event's JSON, however many events quote however large a paragraph. Errors
// are left in `out`'s state for the caller to report.
void export_json(const Dataset& dataset, std::ostream& out);
// The same as one string, where the whole document is wanted in memory anyway.
std::string export_json(const Dataset& dataset);

// The answer to a query in the same terms (kQueryFields in export_contract.h),
// written the same way.
// One line for `strikeline date --format json`: {"input", "valid", "earliest",
// "latest", "precision", "qualifiers", "text"}, and "error" when it is not valid.
void date_json(std::string_view input, const Edtf& date, std::ostream& out);

void query_json(std::string_view query, const QueryResult& result, const Dataset& dataset, const DisputeGraph& graph,
                std::ostream& out);

}  // namespace strikeline
