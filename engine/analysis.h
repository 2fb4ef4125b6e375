// The analysed dispute: what every command reads. One stage runs the rest of the
// flow once: the loader's checked model (loader.h), its links as a graph
// (graph.h), and what the dates and links say together (reason.h), which puts
// the events in timeline order and records their inferred dates. Commands and
// writers share the result; none builds the graph again.
#pragma once

#include <filesystem>

#include "diagnostic.h"
#include "graph.h"
#include "loader.h"
#include "model.h"

namespace strikeline {

struct Analysis {
  Dataset dataset;     // events in timeline order, with their inferred dates
  DisputeGraph graph;  // over the events in that order
};

// Every problem is in `diagnostics`, sorted by place; the dispute is analysed
// whatever they are, as far as the records that are sound allow.
Analysis analyse(const std::filesystem::path& folder, Diagnostics& diagnostics, LoadStats* stats = nullptr);

}  // namespace strikeline
