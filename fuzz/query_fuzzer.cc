// libFuzzer target: arbitrary bytes as a `brief` questions file, each of its queries
// run against the frozen NHS fixture (loaded once), then the briefing rendered; and the
// whole input, cut to a query's size, as one query. What the program prints must
// never carry a control character other than tab and line feed, whatever was asked.
// Run with `make fuzz` (seeds: examples/*/questions.txt).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "diagnostic.h"
#include "graph.h"
#include "loader.h"
#include "query.h"
#include "render_markdown.h"

namespace {

struct Loaded {
  strikeline::Diagnostics diagnostics;
  strikeline::Analysis analysis;
  const strikeline::Dataset& dataset;
  const strikeline::DisputeGraph& graph;
  strikeline::PhraseIndex phrases;
  Loaded()
      : analysis(strikeline::analyse(STRIKELINE_FUZZ_DATASET, diagnostics)),
        dataset(analysis.dataset),
        graph(analysis.graph),
        phrases(dataset) {}
};

const Loaded& loaded() {
  static const Loaded instance;
  return instance;
}

void require_printable(std::string_view text) {
  const bool control = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F;
  });
  if (control) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const Loaded& l = loaded();
  if (l.diagnostics.errors() != 0) __builtin_trap();  // the seed dataset must check clean

  strikeline::Diagnostics diagnostics;
  const std::uint32_t file = diagnostics.add_file("questions.txt");
  const std::vector<strikeline::Question> questions = strikeline::parse_questions(input, file, diagnostics);
  std::vector<strikeline::QueryResult> results;
  bool all_answered = true;
  for (const strikeline::Question& q : questions) {
    results.push_back(strikeline::run_query(q.query, l.dataset, l.graph, &l.phrases));
    all_answered = all_answered && results.back().ok;
  }
  require_printable(strikeline::format_all(diagnostics));
  if (diagnostics.errors() == 0 && all_answered) {
    require_printable(strikeline::render_brief_markdown(questions, results, l.dataset, l.graph, "timeline.md",
                                                        "events/nhs-junior-doctors-2023"));
  }

  const strikeline::QueryResult whole = strikeline::run_query(input.substr(0, 4096), l.dataset, l.graph, &l.phrases);
  if (whole.ok) require_printable(strikeline::render_query_markdown(input.substr(0, 4096), whole, l.dataset, l.graph));
  return 0;
}
