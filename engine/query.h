// The select stage: questions asked of a dispute.
//
//   before X, after X          certainly before/after X by the dates and every link, each with
//                              why (see order_question.h); the rest apart as "possibly"
//   during X                   within X's dates (or linked during/part of it); overlapping: possibly
//   between DATE DATE          within the span of two EDTF dates; overlapping: possibly
//   causes X, effects X        everything that led to X, or that X led to, with the chain
//   path X Y                   how X led to Y, or why it did not
//   kind:K, actor:A, source:S  filters, combined with the rest by `and`
//
// X is an event id or a phrase, quoted or not, matched against titles, ids, kinds
// and dates (see match_event).
#pragma once

#include <cstdint>
#include <memory>
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
  // for a phrase that fits several events equally, their ids (for one that fits
  // none, the closest).
  std::size_t error_offset = 0;
  std::string error;
  std::vector<std::string> candidates;  // at most kMostCandidates
  std::size_t more_candidates = 0;      // how many more fit as well, not listed

  std::string heading;                  // "Before: Talks between the BMA …" in words
  std::vector<std::uint32_t> targets;   // the events X (and Y, for path) named, as resolved
  std::vector<std::uint32_t> events;    // indexes into Dataset::events, timeline order
  std::vector<std::uint32_t> possibly;  // the "possibly" section, kept apart
  // For causes, effects and path: per event of the dataset (by index, so filters
  // leave it whole), the edge (into DisputeGraph::edges()) that joins it one step
  // nearer the event asked about, or -1; and the number of links between them.
  // Each chain is stored once as these parent pointers: memory stays linear in the
  // events however long the chains (see chain_of).
  enum class Chains { none, causes, effects, path } chain_kind = Chains::none;
  std::vector<std::int32_t> via;
  std::vector<std::uint32_t> links;
  // For before and after: per entry of `events`, the link, chain of links or dates
  // that make it certain, in words ("linked `before` `x`"; see order_question.h).
  std::vector<std::string> because;
  std::vector<std::string> notes;  // what the answer cannot say, in words
};

// Chains up to this many links are told whole; a longer one is told by its first
// and last steps and its length, the rest being the neighbour's own chain.
inline constexpr std::size_t kChainToldWhole = 4;

// The chain that joins `event` to the event asked about, as edges from cause to
// effect: whole when it has at most `most` links, otherwise empty (see `links`).
// For path, each event's chain is the one link that reached it. Costs at most
// `most` steps.
std::vector<std::uint32_t> chain_of(const QueryResult& result, std::uint32_t event, const DisputeGraph& graph,
                                    std::size_t most = kChainToldWhole);
// The events along that chain as told, from cause to effect: every one when it has
// at most `most` links, otherwise the event, its neighbour, -1 for "…", and the
// event asked about (effects: the other way round). Empty for a direct link.
std::vector<std::int64_t> chain_told(const QueryResult& result, std::uint32_t event, const DisputeGraph& graph,
                                     std::size_t most = kChainToldWhole);
// The number of links between `event` and the event asked about (path: 1, or 0 for X).
std::size_t chain_links(const QueryResult& result, std::uint32_t event);
// The event one link nearer the one asked about (path: the event before it), or -1.
std::int64_t chain_neighbour(const QueryResult& result, std::uint32_t event, const DisputeGraph& graph);

// Limits on a query, so that its cost never multiplies a long text by the events:
// the whole query, a phrase naming an event (in bytes and in words), and how many
// tied candidates an error lists (the rest are counted).
inline constexpr std::size_t kMostQueryBytes = 4096;
inline constexpr std::size_t kMostPhraseBytes = 200;
inline constexpr std::size_t kMostPhraseWords = 20;
inline constexpr std::size_t kMostCandidates = 10;

// What phrases are matched against, made once for a dataset so that naming an event
// costs the events that share its words, not every word times every event: each
// event's title and id as numbered stems, and for each stem and each kind the events
// that have it. `brief` makes one for all its questions.
class PhraseIndex {
 public:
  explicit PhraseIndex(const Dataset& dataset);
  PhraseIndex(const PhraseIndex&) = delete;
  PhraseIndex& operator=(const PhraseIndex&) = delete;

  struct Detail;  // the tables, private to query.cc
  const Detail& detail() const { return *detail_; }
  ~PhraseIndex();

 private:
  std::unique_ptr<Detail> detail_;
};

// Runs a query. `index` may be left out (one is then made for the query, if it names
// an event by a phrase); pass one when running many queries on one dataset.
QueryResult run_query(std::string_view query, const Dataset& dataset, const DisputeGraph& graph,
                      const PhraseIndex* index = nullptr);

// The event a phrase or id names, for tests and tools: its index, or the
// candidates when several fit equally well, or when none fits, the few closest.
//
// A phrase fits an event when each of its words is in the title or id (allowing
// for word forms and synonyms: "walkouts" finds "strike"), names the event's kind
// ("ballot" fits a ballot, "deal" an agreement), or names days the event lies
// within ("December", "early January", "2023-12"). Of the events that fit, those
// of a kind the phrase names win; then those dated in its month or date; then the
// longest run of its words in a row in the title or id; then the most of its words
// in the title and id.
struct EventMatch {
  std::int64_t index = -1;
  std::vector<std::uint32_t> tied;
  std::vector<std::uint32_t> closest;
};
EventMatch match_event(std::string_view phrase, const Dataset& dataset);
EventMatch match_event(std::string_view phrase, const Dataset& dataset, const PhraseIndex& index);

// A questions file for `strikeline brief`: one question a line, written
// `What happened before talks collapsed? | before "talks collapsed"`; blank lines
// and lines starting with `#` are skipped.
struct Question {
  std::string question;
  std::string query;
  Location query_where;  // where the query starts in the file
};
// A questions file must be a regular file of at most kQuestionsFileLimit bytes (see
// read_regular_file), in well-formed UTF-8, with lines of at most kQuestionLineLimit
// bytes; each fault is a located error.
inline constexpr std::uintmax_t kQuestionsFileLimit = 1u << 20;
inline constexpr std::size_t kQuestionLineLimit = 4096;
std::vector<Question> parse_questions(std::string_view text, std::uint32_t file, Diagnostics& diagnostics);

}  // namespace strikeline
