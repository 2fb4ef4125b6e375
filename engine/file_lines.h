// The lines of the files that diagnostics point into, read only when a diagnostic
// is shown (as text with its line and caret, or as JSON or SARIF with the span's
// end), each file once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strikeline {

class FileLines {
 public:
  // The n-th line (1-based) of a file without its line ending, or nullopt when the
  // file cannot be read; a line past the end is empty. A UTF-8 byte order mark is
  // not part of the first line: columns are counted after it.
  std::optional<std::string_view> line(const std::string& path, std::uint32_t n);

 private:
  // Each file whole, with where its lines start, so that twenty thousand
  // diagnostics in one file cost twenty thousand look-ups, not as many scans.
  struct File {
    bool found = false;
    std::string text;
    std::vector<std::size_t> starts;  // the offset of each line
  };
  std::map<std::string, File> files_;
};

}  // namespace strikeline
