#include "analysis.h"

#include <chrono>

#include "reason.h"

namespace strikeline {

Analysis analyse(const std::filesystem::path& folder, Diagnostics& diagnostics, LoadStats* stats) {
  Analysis analysis;
  analysis.dataset = load_dataset(folder, diagnostics, stats);
  const auto started = std::chrono::steady_clock::now();
  analysis.graph = DisputeGraph(analysis.dataset);
  const Reasoning reasoning = reason(analysis.dataset, analysis.graph, diagnostics);
  apply(analysis.dataset, reasoning);
  analysis.graph.reorder(reasoning.order);
  if (stats) {
    stats->link_reason_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
  diagnostics.sort();
  return analysis;
}

}  // namespace strikeline
