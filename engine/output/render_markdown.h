// The render stage: a dataset as a Markdown timeline for people to read.
//
// Every event shows its date in words (uncertainty as uncertainty), its kind and
// details, its actors, the whole source paragraph it comes from as a quotation with
// a citation, its note and its links both ways. All text from the data is escaped,
// so nothing in a title, quote or note can add Markdown structure, HTML or links.
// The output is CommonMark (0.30) and the same dataset always gives the same bytes.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace strikeline {

class DisputeGraph;  // graph.h
struct QueryResult;  // query.h
struct Question;     // query.h

std::string render_markdown(const Dataset& dataset);
// The same, written to `out` as it is made: a large timeline is never held whole.
void render_markdown(const Dataset& dataset, std::ostream& out);

struct SelectionStyle {
  int heading_level = 1;  // the answer's heading; its sections and events one below
  // Where the full timeline is ("timeline.md"): events are linked to their place in
  // it. Empty: events are named, not linked, since the answer has no anchors.
  std::string timeline;
};

// A query's answer in the timeline's style: each event with its date, details,
// source paragraph and links; the "possibly" events apart; chains for causes and
// effects; what the answer cannot say.
std::string render_query_markdown(std::string_view query, const QueryResult& result, const Dataset& dataset,
                                  const DisputeGraph& graph, const SelectionStyle& style = {});

// A briefing: each question as a heading, the command that answers it (on the
// dataset folder `folder`, as the user named it), and the answer. `results` holds
// one answered query per question.
std::string render_brief_markdown(const std::vector<Question>& questions, const std::vector<QueryResult>& results,
                                  const Dataset& dataset, const DisputeGraph& graph, const std::string& timeline,
                                  const std::string& folder);

// `text` as literal Markdown inline text, safe at the start of a line too: no
// emphasis, code, links, images, HTML, entities, headings, lists, quotes, code
// blocks or line breaks survive. Line endings become spaces; leading and trailing
// spaces and tabs are dropped (Markdown would drop or misread them).
std::string escape_markdown(std::string_view text);

}  // namespace strikeline
