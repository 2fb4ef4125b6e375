// Every input's cost is bounded: questions files, phrases, candidate lists, file
// reading and the sizes allocations are made from. Structure is asserted, never time
// (`make bench` measures that).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "analysis.h"
#include "loader.h"
#include "query.h"
#include "read_file.h"
#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;

const char* const kDataset = "tests/fixtures/nhs-junior-doctors-2023";

// `n` events titled alike, so that the phrase "Same step" fits every one equally.
void write_alike(const testing::TempFolder& folder, int n) {
  testing::write_one_actor_one_source(folder);
  std::string events = "events:\n";
  for (int i = 0; i < n; ++i) {
    events += "  - id: e" + std::to_string(i) + "\n    kind: announcement\n    title: Same step\n"
              "    actors: [union]\n    sources:\n      - source: news\n        quote: Something happened\n";
  }
  folder.write("events.yaml", events);
}

TEST_CASE("a questions file must be a regular file under 1 MiB, in UTF-8, with lines under 4 KiB") {
  testing::TempFolder temp;
  temp.write("big.txt", std::string(2u << 20, '#'));
  temp.write("bad-utf8.txt", "Fine? | kind:strike\nBad \xff here? | kind:strike\n");
  temp.write("long.txt", "Long? | before \"" + std::string(5000, 'x') + "\"\n");
  fs::create_directory(temp.path() / "folder");
  REQUIRE(::mkfifo((temp.path() / "fifo").c_str(), 0600) == 0);
  struct Case {
    std::string file;
    std::string says;
  };
  const Case cases[] = {
      {(temp.path() / "big.txt").string(), "it is 2097152 bytes, more than the 1 MiB strikeline reads"},
      {(temp.path() / "folder").string(), "it is a folder, not a file"},
      {(temp.path() / "fifo").string(), "it is not a regular file"},  // refused at once, never waited on
      {"/dev/zero", "it is not a regular file"},
      {(temp.path() / "missing.txt").string(), "no such file or directory"},
      {(temp.path() / "bad-utf8.txt").string(), "error: the questions file is not valid UTF-8 at line 2"},
      {(temp.path() / "long.txt").string(), "error: this line is 5017 bytes, more than the 4096 a question"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const std::string out = (temp.path() / "out.md").string();
    const auto r = testing::run_cli({"brief", c.file, kDataset, "-o", out});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(c.says) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("a phrase is capped in characters and words, and a whole query in bytes") {
  struct Case {
    std::string query;
    std::string says;
  };
  std::string many_words;
  for (int i = 0; i < 21; ++i) many_words += (i ? " word" : "word") + std::to_string(i);
  const Case cases[] = {
      {"causes \"" + std::string(201, 'a') + "\"", "at most 200 characters and 20 words; this one is 201 characters"},
      {"causes \"" + many_words + "\"", "this one is " + std::to_string(many_words.size()) + " characters and 21 words"},
      {"kind:strike and " + std::string(5000, ' ') + "causes x", "more than the 4096 a query may take"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const auto r = testing::run_cli({"query", c.query, kDataset});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.says) != std::string::npos);
  }
}

TEST_CASE("an ambiguous phrase lists at most ten candidates and says how many more") {
  testing::TempFolder folder;
  write_alike(folder, 50);
  Diagnostics diagnostics;
  const Dataset dataset = analyse(folder.path(), diagnostics).dataset;
  REQUIRE(diagnostics.errors() == 0);
  const DisputeGraph graph(dataset);
  const QueryResult r = run_query("causes \"Same step\"", dataset, graph);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("fits 50 events equally well") != std::string::npos);
  CHECK(r.candidates.size() == kMostCandidates);
  CHECK(r.more_candidates == 40);
  const auto cli = testing::run_cli({"query", "causes \"Same step\"", folder.path().string()});
  CHECK(cli.exit_code == 2);
  CHECK(cli.err.find("… and 40 more") != std::string::npos);
  // In a briefing, the same: ten notes naming candidates, and one counting the rest.
  testing::TempFolder temp;
  temp.write("q.txt", "Which step? | causes \"Same step\"\n");
  const auto brief = testing::run_cli({"brief", (temp.path() / "q.txt").string(), folder.path().string(), "-o",
                                       (temp.path() / "out.md").string()});
  CHECK(brief.exit_code == 1);
  std::size_t named = 0;
  for (std::size_t at = brief.err.find("it could be"); at != std::string::npos; at = brief.err.find("it could be", at + 1)) {
    ++named;
  }
  CHECK(named == kMostCandidates);
  CHECK(brief.err.find("and 40 more") != std::string::npos);
}

TEST_CASE("files are read only when regular and within the limit, whole") {
  testing::TempFolder temp;
  temp.write("a.txt", "hello\n");
  std::string text, why;
  CHECK(read_regular_file(temp.path() / "a.txt", 100, text, why));
  CHECK(text == "hello\n");
  bool too_large = false;
  CHECK_FALSE(read_regular_file(temp.path() / "a.txt", 5, text, why, &too_large));
  CHECK(too_large);
  CHECK(why == "it is 6 bytes, more than the 5 bytes strikeline reads");
  CHECK_FALSE(read_regular_file(temp.path(), 100, text, why));
  CHECK(why == "it is a folder, not a file");
  // A file whose length differs from its status when read to its end (as a file
  // written to meanwhile does; /proc files say 0 bytes and hold more) is refused.
  if (fs::exists("/proc/self/status")) {
    CHECK_FALSE(read_regular_file("/proc/self/status", 1u << 20, text, why));
    CHECK(why == "it changed while it was read; run again");
    CHECK(text.empty());
  } else {
    MESSAGE("no /proc/self/status here: the changed-while-read case is not exercised");
  }
  CHECK(describe_bytes(64u << 20) == "64 MiB");
  CHECK(describe_bytes(1u << 20) == "1 MiB");
}

TEST_CASE("a sparse 1 TB file beside valid events is refused, and sizes no allocation") {
  testing::TempFolder folder;
  write_alike(folder, 3);
  {
    std::ofstream touch(folder.path() / "huge.yaml");
  }
  fs::resize_file(folder.path() / "huge.yaml", std::uintmax_t{1} << 40);  // sparse: no disk is used
  Diagnostics diagnostics;
  const Dataset dataset = analyse(folder.path(), diagnostics).dataset;
  CHECK(diagnostics.errors() == 1);
  CHECK(dataset.events.size() == 3);
  CHECK(dataset.events.capacity() <= kMostEventsReserved);
  const auto r = testing::run_cli({"check", folder.path().string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("more than the 64 MiB strikeline reads") != std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
}

}  // namespace
}  // namespace strikeline
