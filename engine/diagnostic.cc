#include "diagnostic.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "text.h"

namespace strikeline {

std::uint32_t Diagnostics::add_file(std::string shown_path) {
  files_.push_back(std::move(shown_path));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

Diagnostic& Diagnostics::error(Check check, Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::error, check, where, std::move(message), {}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(Check check, Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::warning, check, where, std::move(message), {}, {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  const auto offset = static_cast<std::uint32_t>(files_.size());
  files_.insert(files_.end(), other.files_.begin(), other.files_.end());
  auto renumber = [offset](Location& where) {
    if (where.file != Location::kNoFile) where.file += offset;
  };
  for (Diagnostic d : other.items_) {
    renumber(d.where);
    for (Note& note : d.notes) renumber(note.where);
    items_.push_back(std::move(d));
  }
}

void Diagnostics::sort() {
  // Files compare by their shown path, not their index, because indexes follow
  // the order in which parallel readers finished.
  auto key = [this](const Diagnostic& d) {
    const std::string* path = d.where.file == Location::kNoFile ? nullptr : &files_[d.where.file];
    return std::make_tuple(path ? *path : std::string(), d.where.line, d.where.column);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

std::size_t Diagnostics::errors() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

std::size_t Diagnostics::warnings() const { return items_.size() - errors(); }

namespace {

constexpr std::size_t kSnippetWidth = 120;  // display columns shown around a long line's caret

// The n-th line (1-based) of a file, without its line ending.
std::string line_of(std::string_view text, std::uint32_t n) {
  std::size_t start = 0;
  for (std::uint32_t i = 1; i < n; ++i) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return std::string(line);
}

// Shows the line with a caret under [column, column + length), both counted in
// bytes, while the terminal counts characters: widths are measured after cleaning.
void append_snippet(std::string& out, std::string_view line, const Location& where) {
  auto inside_character = [&](std::size_t i) {
    return i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
  };
  std::size_t begin = std::min<std::size_t>(where.column - 1, line.size());
  while (begin > 0 && inside_character(begin)) --begin;
  std::size_t end = std::min<std::size_t>(begin + std::max<std::uint32_t>(where.length, 1), line.size());
  while (inside_character(end)) ++end;
  std::string before = printable(line.substr(0, begin));
  std::string marked = printable(line.substr(begin, end - begin));
  std::string after = printable(line.substr(end));
  // Long lines (a 10 MB scalar) are cut to a window around the caret.
  if (display_width(before) > kSnippetWidth / 2) before = "…" + last_columns(before, kSnippetWidth / 2);
  if (display_width(marked) > kSnippetWidth) marked = first_columns(marked, kSnippetWidth) + "…";
  if (display_width(after) > kSnippetWidth / 2) after = first_columns(after, kSnippetWidth / 2) + "…";

  const std::string number = std::to_string(where.line);
  const std::string gutter(number.size() + 1, ' ');
  out += ' ' + number + " | " + before + marked + after + '\n';
  out += gutter + " | " + std::string(display_width(before), ' ') + '^';
  const std::size_t underline = std::max<std::size_t>(display_width(marked), 1) - 1;
  out += std::string(underline, '~') + '\n';
}

std::string heading(const Diagnostics& diagnostics, const Location& where, std::string_view label,
                    std::string_view message) {
  std::string out;
  if (where.file != Location::kNoFile) {
    out += printable(diagnostics.file(where.file));
    if (where.line > 0) out += ':' + std::to_string(where.line) + ':' + std::to_string(where.column);
    out += ": ";
  }
  out += label;
  out += ": ";
  out += printable(message);
  out += '\n';
  return out;
}

class FileCache {
 public:
  const std::string* text(const std::string& path) {
    auto [it, inserted] = texts_.try_emplace(path);
    if (inserted) {
      std::ifstream in(path, std::ios::binary);
      if (in) {
        std::ostringstream buffer;
        buffer << in.rdbuf();
        it->second = std::move(buffer).str();
      }
      found_[path] = static_cast<bool>(in);
    }
    return found_[path] ? &it->second : nullptr;
  }

 private:
  std::map<std::string, std::string> texts_;
  std::map<std::string, bool> found_;
};

void append_located(std::string& out, const Diagnostics& diagnostics, FileCache& cache, const Location& where,
                    std::string_view label, std::string_view message) {
  out += heading(diagnostics, where, label, message);
  if (where.file == Location::kNoFile || where.line == 0) return;
  if (const std::string* text = cache.text(diagnostics.file(where.file))) {
    append_snippet(out, line_of(*text, where.line), where);
  }
}

std::string format_with(const Diagnostics& diagnostics, const Diagnostic& d, FileCache& cache) {
  std::string out;
  append_located(out, diagnostics, cache, d.where, d.severity == Severity::error ? "error" : "warning", d.message);
  for (const Note& note : d.notes) append_located(out, diagnostics, cache, note.where, "note", note.message);
  if (!d.help.empty()) out += "help: " + printable(d.help) + '\n';
  return out;
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + ' ' + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

std::string format(const Diagnostics& diagnostics, const Diagnostic& diagnostic) {
  FileCache cache;
  return format_with(diagnostics, diagnostic, cache);
}

std::string format_all(const Diagnostics& diagnostics) {
  FileCache cache;
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) out += format_with(diagnostics, d, cache);
  return out;
}

std::string summarize(const Diagnostics& diagnostics) {
  const std::size_t errors = diagnostics.errors();
  const std::size_t warnings = diagnostics.warnings();
  if (errors == 0 && warnings == 0) return "no problems";
  if (warnings == 0) return plural(errors, "error");
  if (errors == 0) return plural(warnings, "warning");
  return plural(errors, "error") + " and " + plural(warnings, "warning");
}

}  // namespace strikeline
