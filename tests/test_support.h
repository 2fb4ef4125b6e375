// Helpers shared by the tests: running the program in-process and reading files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace strikeline::testing {

struct RunResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs the program as `strikeline ARGS...` would, in the source tree.
RunResult run_cli(const std::vector<std::string>& args);

std::string read_text(const std::filesystem::path& path);

// Every file under `folder` with its contents, to show that a run changed nothing.
std::vector<std::pair<std::string, std::string>> snapshot(const std::filesystem::path& folder);

// Markdown to HTML with the cmark program. `--unsafe` passes raw HTML through, so
// any HTML the escaping let slip shows up in the output rather than as a comment.
std::string to_html(const std::string& markdown);

// Text as cmark escapes it in HTML.
std::string html_escaped(const std::string& text);

// A fresh empty folder under the system's temporary folder, removed on destruction.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `contents` to `relative`, creating folders on the way.
  void write(const std::string& relative, const std::string& contents) const;

 private:
  std::filesystem::path path_;
};

// The registries of a dataset with one actor, `union`, and one source, `news`
// (news.txt, published 2023-12-31, which says "Something happened"), for tests
// that generate its events.
void write_one_actor_one_source(const TempFolder& folder);

}  // namespace strikeline::testing
