// Times the link and reason stages on synthetic disputes of growing size, to show
// that their cost per event stays flat (they are O(V + E), sorting aside).
//   build/graph_bench [N...]     default: 10000 100000 1000000
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "allocator.h"
#include "graph.h"
#include "reason.h"

namespace {

using strikeline::Arena;
using strikeline::Dataset;
using strikeline::Edtf;
using strikeline::Event;
using strikeline::Link;
using strikeline::LinkType;

// Events a day or so apart from 1990 on, a third of them vague (a month, an
// interval, or no date), each linking to one or two earlier events.
Dataset synthetic(std::size_t n, std::uint32_t seed) {
  std::mt19937 random(seed);
  Dataset dataset;
  dataset.events.reserve(n);
  const date::sys_days start = date::sys_days{date::year{1990} / 1 / 1};
  for (std::size_t i = 0; i < n; ++i) {
    Event e;
    Arena& arena = dataset.arena();
    e.id = arena.keep("e" + std::to_string(i));
    e.kind = "announcement";
    e.order = static_cast<std::uint32_t>(i);
    const date::sys_days day = start + date::days{static_cast<int>(i / 3)};
    const date::year_month_day ymd{day};
    char text[40];
    switch (random() % 6) {
      case 0: std::snprintf(text, sizeof text, "%04d-%02u", int(ymd.year()), unsigned(ymd.month())); break;
      case 1: std::snprintf(text, sizeof text, "%s/%s", strikeline::iso_day(day).c_str(),
                            strikeline::iso_day(day + date::days{5}).c_str()); break;
      case 2: text[0] = '\0'; break;
      default: std::snprintf(text, sizeof text, "%s", strikeline::iso_day(day).c_str());
    }
    if (text[0]) e.date = Edtf::parse(text);
    std::vector<Link> links;
    for (int k = 0; k < 2 && i > 0; ++k) {
      const std::size_t back = 1 + random() % std::min<std::size_t>(i, 50);
      // Links point back in time, so they are responses or afters, never causes.
      const LinkType type = (random() % 2) ? LinkType::response_to : LinkType::after;
      links.push_back(Link{type, arena.keep("e" + std::to_string(i - back)), {}});
    }
    e.links = arena.keep(links);
    dataset.events.push_back(std::move(e));
  }
  dataset.reindex();
  return dataset;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Processor time of this (single-threaded) program: unlike wall time, it hardly
// counts what other programs on the machine take.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  // Memory is handed out as the program and the language server have it handed out:
  // with the C library's defaults, each size would reuse what the last one freed.
  strikeline::keep_large_blocks_mapped();
  std::vector<std::size_t> sizes = {10000, 100000, 1000000};
  if (argc > 1) {
    sizes.clear();
    for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoull(argv[i], nullptr, 10));
  }
  std::printf("%10s %10s %10s %10s %12s %14s %10s\n", "events", "links", "graph_s", "reason_s", "total_s", "ns_per_event",
              "cpu_s");
  for (std::size_t n : sizes) {
    Dataset dataset = synthetic(n, 42);
    std::size_t links = 0;
    for (const Event& e : dataset.events) links += e.links.size();
    const double cpu0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const strikeline::DisputeGraph graph(dataset);
    const double graph_s = seconds_since(t0);
    const auto t1 = std::chrono::steady_clock::now();
    strikeline::Diagnostics diagnostics;
    strikeline::apply(dataset, strikeline::reason(dataset, graph, diagnostics));
    const double reason_s = seconds_since(t1);
    const double total = graph_s + reason_s;
    const double cpu = cpu_seconds() - cpu0;
    std::printf("%10zu %10zu %10.3f %10.3f %12.3f %14.0f %10.3f%s\n", n, links, graph_s, reason_s, total, total / n * 1e9,
                cpu, diagnostics.errors() ? "  (contradictions found)" : "");
    if (std::getenv("GRAPH_BENCH_SHOW") && !diagnostics.all().empty()) {
      const auto& d = diagnostics.all().front();
      std::printf("%s\n", d.message.c_str());
      for (const auto& note : d.notes) std::printf("  %s\n", note.message.c_str());
    }
  }
  return 0;
}
