// The editor's wait: from an edit of one event file to the diagnostics of the whole
// dataset again, through the incremental engine the language server runs on.
//   build/bench_edit FOLDER [EDITS]
// Loads FOLDER cold, then makes EDITS edits (default 21) of each of two kinds, each
// to one event file in turn, as an editor sends it, the whole file's new text: a
// title changed (text only: what the reasoning found stands), then a date changed
// (the graph and the reasoning are made again). Prints the cold load, the median and
// slowest edit of each kind, and the peak memory.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "allocator.h"
#include "workspace.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_edit FOLDER [EDITS]\n");
    return 2;
  }
  const fs::path folder = argv[1];
  const int edits = argc > 2 ? std::max(1, std::atoi(argv[2])) : 21;
  std::vector<fs::path> event_files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const fs::path relative = entry.path().lexically_relative(folder);
    if (entry.path().extension() == ".yaml" && relative != "actors.yaml" && relative != "sources.yaml" &&
        relative != "dataset.yaml") {
      event_files.push_back(entry.path());
    }
  }
  std::sort(event_files.begin(), event_files.end());
  if (event_files.empty()) {
    std::fprintf(stderr, "bench_edit: no event files in %s\n", argv[1]);
    return 2;
  }

  // Two kinds of edit, each made again from the file on disk whenever it is asked
  // for, since the file on disk never changes. Text: the first title of the file a
  // word longer; nothing the reasoning reads changes, so what it found stands. A
  // date: the first approximate date of the file made uncertain instead (`~` to `?`),
  // which the reasoning reads, on its line; the bounds it allows are the same, so the
  // diagnostics are too, but the graph and the reasoning are made again.
  enum class Edit { text, date };
  auto edited = [](const fs::path& file, Edit kind) {
    std::string text = read(file);
    if (kind == Edit::text) {
      const std::size_t title = text.find("title: ");
      if (title != std::string::npos) text.insert(title + 7, "Edited ");
    } else {
      const std::size_t mark = text.find("~\"");
      if (mark != std::string::npos) text[mark] = '?';
    }
    return text;
  };
  std::map<fs::path, Edit> open;  // the files edited, and held open by the editor

  strikeline::keep_large_blocks_mapped();  // as the language server does, in strikeline's main
  strikeline::Workspace workspace(folder);
  // As the language server does: the editor holds the texts of its open files and
  // gives them again when asked, so the workspace keeps no copy of its own.
  workspace.take_texts_from([&](const fs::path& file) -> std::optional<std::string> {
    const auto found = open.find(file.lexically_normal());
    if (found == open.end()) return std::nullopt;
    return edited(file, found->second);
  });
  const auto cold_started = Clock::now();
  auto state = workspace.update();
  const double cold = seconds_since(cold_started);
  const std::size_t events = state->analysis.dataset.events.size();
  const std::size_t problems = state->diagnostics.all().size();

  struct Waits {
    std::vector<double> seconds;
    std::size_t files_read = 0, reasoning_kept = 0;
    double read_s = 0, cross_s = 0;
    double median_ms() const {
      std::vector<double> sorted = seconds;
      std::sort(sorted.begin(), sorted.end());
      return sorted[sorted.size() / 2] * 1e3;
    }
    double max_ms() const { return *std::max_element(seconds.begin(), seconds.end()) * 1e3; }
  };
  // Edits of one kind to `count` files in turn, from file `first` on.
  auto edit = [&](Edit kind, std::size_t first, int count) {
    Waits waits;
    for (int i = 0; i < count; ++i) {
      const fs::path& file = event_files[(first + static_cast<std::size_t>(i)) % event_files.size()];
      std::string text = edited(file, kind);
      open[fs::absolute(file).lexically_normal()] = kind;
      const auto started = Clock::now();
      workspace.set_text(file, std::move(text));
      strikeline::WorkspaceStats stats;
      // As the language server does: the last state is let go before the next is asked
      // for, so that the workspace takes its events over rather than copying them.
      state.reset();
      state = workspace.update(&stats);
      waits.seconds.push_back(seconds_since(started));
      waits.files_read += stats.files_read;
      waits.reasoning_kept += stats.reasoning_kept ? 1 : 0;
      waits.read_s += stats.read_seconds;
      waits.cross_s += stats.cross_seconds;
    }
    return waits;
  };
  const Waits text_edits = edit(Edit::text, 0, edits);
  const Waits date_edits = edit(Edit::date, event_files.size() / 2, edits);
  if (state->diagnostics.all().size() != problems) {
    std::fprintf(stderr, "bench_edit: an edit changed the diagnostics (%zu, then %zu)\n", problems,
                 state->diagnostics.all().size());
    return 1;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("edit events=%zu files=%zu cold_s=%.3f edit_median_ms=%.1f edit_max_ms=%.1f files_read_per_edit=%.1f "
              "read_ms=%.1f cross_ms=%.1f reasoning_kept=%zu/%d date_edit_median_ms=%.1f date_edit_max_ms=%.1f "
              "date_reasoning_kept=%zu/%d peak_mb=%.1f\n",
              events, event_files.size(), cold, text_edits.median_ms(), text_edits.max_ms(),
              static_cast<double>(text_edits.files_read) / edits, text_edits.read_s / edits * 1e3,
              text_edits.cross_s / edits * 1e3, text_edits.reasoning_kept, edits, date_edits.median_ms(),
              date_edits.max_ms(), date_edits.reasoning_kept, edits, static_cast<double>(usage.ru_maxrss) / 1024);
  return 0;
}
