// The select stage: questions asked of a dispute.
//
//   before X, after X          certainly before/after X; overlapping ones apart as "possibly"
//   during X                   within X's dates (or linked during/part of it); overlapping: possibly
//   between DATE DATE          within the span of two EDTF dates; overlapping: possibly
//   causes X, effects X        everything that led to X, or that X led to, with the chain
//   path X Y                   how X led to Y, or why it did not
//   kind:K, actor:A, source:S  filters, combined with the rest by `and`
//
// X is an event id or a phrase, quoted or not, matched against titles and ids
// allowing for word forms ("collapsed" finds "collapse").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "graph.h"
#include "model.h"

namespace strikeline {

struct QueryResult {
  bool ok = true;
  // Why the query could not be answered: a byte offset into it, a message, and
  // for a phrase that fits several events equally, their ids.
  std::size_t error_offset = 0;
  std::string error;
  std::vector<std::string> candidates;

  std::string heading;                  // "Before: Talks between the BMA …" in words
  std::vector<std::uint32_t> events;    // indexes into Dataset::events, timeline order
  std::vector<std::uint32_t> possibly;  // the "possibly" section, kept apart
  // For causes, effects and path: per entry of `events`, the chain of edges (into
  // DisputeGraph::edges()) that joins it to the event asked about.
  std::vector<std::vector<std::uint32_t>> chains;
  std::vector<std::string> notes;  // what the answer cannot say, in words
};

QueryResult run_query(std::string_view query, const Dataset& dataset, const DisputeGraph& graph);

// The event a phrase or id names, for tests and tools: its index, or the
// candidates when several fit equally well (empty when none fits).
struct EventMatch {
  std::int64_t index = -1;
  std::vector<std::uint32_t> tied;
};
EventMatch match_event(std::string_view phrase, const Dataset& dataset);

// A questions file for `strikeline brief`: one question a line, written
// `What happened before talks collapsed? | before "talks collapsed"`; blank lines
// and lines starting with `#` are skipped.
struct Question {
  std::string question;
  std::string query;
  Location query_where;  // where the query starts in the file
};
std::vector<Question> parse_questions(std::string_view text, std::uint32_t file, Diagnostics& diagnostics);

}  // namespace strikeline
