// The floor: yaml-cpp's event-API parse of the same files, doing nothing with the
// events. No loader can read YAML faster than the parser it is built on.
//   build/bench_floor FOLDER
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

struct Ignore : YAML::EventHandler {
  std::size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench_floor FOLDER\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  Ignore handler;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(handler)) {
    }
    ++files;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("floor files=%zu scalars=%zu seconds=%.3f\n", files, handler.events, seconds);
  return 0;
}
