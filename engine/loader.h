// Reads a dataset folder into a checked model.
//
// The folder holds actors.yaml and sources.yaml (the registries), optionally
// dataset.yaml (the dispute's title and description), any number of event files
// (*.yaml, *.yml) at any depth, and the source texts the registry names.
// Every problem is reported; records with problems are left out of the model so
// that one mistake does not cause a cascade of others.
#pragma once

#include <cstddef>
#include <filesystem>

#include "diagnostic.h"
#include "model.h"

namespace strikeline {

struct LoadStats {
  std::size_t files = 0;    // YAML files read
  std::size_t threads = 1;  // files read at once
  // Wall-clock seconds per stage. Files are read in parallel, so the first three
  // are summed over threads (time spent, not time waited).
  double parse_seconds = 0, validate_seconds = 0, model_seconds = 0;
  double cross_check_seconds = 0, link_reason_seconds = 0;
};

// Runs the stages up to the checked model: parse, schema check, model and
// cross-record checks. Events come back in the order the files give them; the
// analysis stage (analysis.h) links them, reasons about their dates and puts them
// in timeline order.
Dataset load_dataset(const std::filesystem::path& folder, Diagnostics& diagnostics, LoadStats* stats = nullptr);

// Files larger than this are refused unread.
inline constexpr std::uintmax_t kMaxFileBytes = 64u << 20;
// The most events the loader sets room for before it has read them (about 300 MB);
// a larger dataset grows the array as it is read.
inline constexpr std::size_t kMostEventsReserved = 1u << 20;

}  // namespace strikeline
