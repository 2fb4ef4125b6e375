// The JSON export: the contract later tools read. Extend it; never break it.
//
// {"events": [{"id", "kind", "title", "date": {"edtf", "earliest", "latest"} | null,
//   "inferred": {"earliest", "latest", "from_links"},
//   "actors": [ids], "sources": [{"source", "paragraph", "quote", "text"}],
//   "note", "file", "line", "place", "details": {key: value}} …],
//  "links": [{"from", "to", "type"}], "actors": […], "sources": […],
//  "dataset": {"title", "description"}}
// Events are in timeline order; days are YYYY-MM-DD or null for open or unknown
// ends; `inferred` is what the dates and links allow together, `from_links` true
// where links narrow the stated date; `paragraph` is 1-based and `text` is that
// whole paragraph, verbatim.
#pragma once

#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

class DisputeGraph;  // graph.h
struct QueryResult;  // query.h

std::string export_json(const Dataset& dataset);

// {"query", "heading", "events": [as above, plus for causes, effects and path "via":
// the id one link nearer X, "links": how many, "chain": [ids] when at most
// kChainToldWhole links, else null], "possibly": [as above], "notes": [text]}.
std::string query_json(std::string_view query, const QueryResult& result, const Dataset& dataset,
                       const DisputeGraph& graph);

}  // namespace strikeline
