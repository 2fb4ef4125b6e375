#include "file_lines.h"

#include <fstream>
#include <sstream>

namespace strikeline {

std::optional<std::string_view> FileLines::line(const std::string& path, std::uint32_t n) {
  auto [it, inserted] = files_.try_emplace(path);
  File& file = it->second;
  if (inserted) {
    std::ifstream in(path, std::ios::binary);
    file.found = static_cast<bool>(in);
    if (in) {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      file.text = std::move(buffer).str();
    }
    file.starts.push_back(file.text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0);
    for (std::size_t i = file.starts.front(); i < file.text.size(); ++i) {
      if (file.text[i] == '\n') file.starts.push_back(i + 1);
    }
  }
  if (!file.found) return std::nullopt;
  if (n == 0 || n > file.starts.size()) return std::string_view();
  const std::size_t begin = file.starts[n - 1];
  const std::size_t end = n < file.starts.size() ? file.starts[n] - 1 : file.text.size();
  std::string_view text = std::string_view(file.text).substr(begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace strikeline
