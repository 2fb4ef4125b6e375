// Golden tests: the whole output of `strikeline check` on fixture datasets with
// mistakes in them, pinned word for word (and on json-contract, which has none:
// json_export_test.cc pins its JSON). Each folder in tests/golden/ is a
// dataset; its expected-output.txt holds the exit code, standard output and
// standard error. After a deliberate change to a message, regenerate them with
//   STRIKELINE_UPDATE_GOLDEN=1 build/strikeline_tests -tc='golden*'
// and read the diff before committing it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;

std::string transcript(const testing::RunResult& result) {
  return "exit code: " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out + "--- stderr\n" + result.err;
}

TEST_CASE("golden: every fixture dataset's diagnostics match their pinned text") {
  const fs::path root = "tests/golden";
  REQUIRE(fs::is_directory(root));
  std::size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const std::string folder = (root / entry.path().filename()).generic_string();
    const fs::path expected_path = entry.path() / "expected-output.txt";
    const auto before = testing::snapshot(entry.path());
    const std::string actual = transcript(testing::run_cli({"check", folder}));
    CAPTURE(folder);
    CHECK(testing::snapshot(entry.path()) == before);  // checking never changes a user's files
    if (std::getenv("STRIKELINE_UPDATE_GOLDEN")) std::ofstream(expected_path, std::ios::binary) << actual;
    CHECK(actual == testing::read_text(expected_path));
    ++cases;
  }
  CHECK(cases >= 2);
}

}  // namespace
}  // namespace strikeline
