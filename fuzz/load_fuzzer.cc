// libFuzzer target: arbitrary bytes as the files of a dataset, through every stage
// (parse, schema check, model, cross-record checks, link, reason, render, export,
// diagnostics). The input is split at lines `#%%` into an event file, then
// optionally actors.yaml, sources.yaml and the source text sources/article.txt;
// missing parts are a small valid default.
// Run with `make fuzz` (seeds: events/, tests/golden/, tests/bad/).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "diagnostic.h"
#include "export_dot.h"
#include "export_json.h"
#include "analysis.h"
#include "loader.h"
#include "render_markdown.h"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kActors =
    "actors:\n  - id: bma\n    name: British Medical Association\n    kind: union\n"
    "  - id: government\n    name: UK government\n    kind: government\n";
constexpr std::string_view kSources =
    "sources:\n  - id: article\n    title: A report\n    publisher: Example News\n    published: 2023-12-21\n"
    "    dated_by: Its own date.\n    path: sources/article.txt\n";
constexpr std::string_view kText =
    "Talks collapsed earlier this month, leading to strike dates being set.\nThe strike began on Wednesday.\n";

const fs::path& folder() {
  static const fs::path path = [] {
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path p = base / ("strikeline-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(p / "sources");
    std::ofstream(p / "sources" / "article.txt", std::ios::binary) << kText;
    return p;
  }();
  return path;
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 3) {
    const std::size_t cut = input.find("\n#%%\n", start);
    if (cut == std::string_view::npos) break;
    parts.push_back(input.substr(start, cut - start));
    start = cut + 5;
  }
  parts.push_back(input.substr(start));
  write(folder() / "events.yaml", parts[0]);
  write(folder() / "actors.yaml", parts.size() > 1 ? parts[1] : kActors);
  write(folder() / "sources.yaml", parts.size() > 2 ? parts[2] : kSources);
  write(folder() / "sources" / "article.txt", parts.size() > 3 ? parts[3] : kText);

  strikeline::Diagnostics diagnostics;
  const strikeline::Dataset dataset = strikeline::analyse(folder(), diagnostics).dataset;
  const std::string report = strikeline::format_all(diagnostics);
  if (diagnostics.errors() == 0) {
    const std::string markdown = strikeline::render_markdown(dataset);
    const std::string json = strikeline::export_json(dataset);
    if (markdown.empty() || json.empty()) __builtin_trap();
    // The graph: every quoted string closes on its own line, and a backslash in it
    // starts only `\\`, `\"` or the writer's own `\l`.
    std::ostringstream dot;
    strikeline::export_dot(dataset, dot);
    bool quoted = false;
    const std::string graph = dot.str();
    for (std::size_t i = 0; i < graph.size(); ++i) {
      if (graph[i] == '\n' && quoted) __builtin_trap();
      if (graph[i] == '"') quoted = !quoted;
      if (quoted && graph[i] == '\\') {
        const char next = i + 1 < graph.size() ? graph[i + 1] : '\0';
        if (next != '\\' && next != '"' && next != 'l') __builtin_trap();
        ++i;
      }
    }
    if (quoted) __builtin_trap();
  }
  return 0;
}
