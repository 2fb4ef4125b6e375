// The JSON export: the contract later tools read. Extend it; never break it. Its
// fields, their types and their meaning are in export_contract.h, the one list
// that the help prints and the tests hold this code to.
#pragma once

#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

class DisputeGraph;  // graph.h
struct QueryResult;  // query.h

std::string export_json(const Dataset& dataset);

// The answer to a query in the same terms (kQueryFields in export_contract.h).
std::string query_json(std::string_view query, const QueryResult& result, const Dataset& dataset,
                       const DisputeGraph& graph);

}  // namespace strikeline
