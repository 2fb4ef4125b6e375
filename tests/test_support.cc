#include "test_support.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <doctest/doctest.h>

#include "cli.h"

namespace strikeline::testing {

RunResult run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  RunResult result;
  result.exit_code = run(args, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::pair<std::string, std::string>> snapshot(const std::filesystem::path& folder) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files.emplace_back(entry.path().string(), read_text(entry.path()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string to_html(const std::string& markdown) {
  TempFolder temp;
  temp.write("in.md", markdown);
  const std::string in = (temp.path() / "in.md").string();
  const std::string out = (temp.path() / "out.html").string();
  const std::string command = "cmark --unsafe < '" + in + "' > '" + out + "'";
  REQUIRE_MESSAGE(std::system(command.c_str()) == 0, "needs the cmark program (Debian package cmark)");
  return read_text(out);
}

std::string html_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

TempFolder::TempFolder() {
  std::random_device seed;
  path_ = std::filesystem::temp_directory_path() / ("strikeline-test-" + std::to_string(seed()));
  std::filesystem::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void TempFolder::write(const std::string& relative, const std::string& contents) const {
  const std::filesystem::path target = path_ / relative;
  std::filesystem::create_directories(target.parent_path());
  std::ofstream(target, std::ios::binary) << contents;
}

void write_one_actor_one_source(const TempFolder& folder) {
  folder.write("actors.yaml", "actors:\n  - id: union\n    name: The Union\n    kind: union\n");
  folder.write("sources.yaml", "sources:\n  - id: news\n    title: News\n    publisher: News\n"
                               "    published: 2023-12-31\n    dated_by: Its own date.\n    path: news.txt\n");
  folder.write("news.txt", "Something happened and then another thing happened.\n");
}

}  // namespace strikeline::testing
