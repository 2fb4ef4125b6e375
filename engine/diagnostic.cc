#include "diagnostic.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "text.h"

namespace strikeline {

std::uint32_t Diagnostics::add_file(std::string shown_path) {
  files_.push_back(std::move(shown_path));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

Diagnostic& Diagnostics::error(Check check, Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::error, check, where, std::move(message), {}, {}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(Check check, Location where, std::string message) {
  items_.push_back(Diagnostic{Severity::warning, check, where, std::move(message), {}, {}, {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) { append(other, {}); }

void Diagnostics::append(const Diagnostics& other, const std::vector<std::uint32_t>& same_as) {
  std::vector<std::uint32_t> index(other.files_.size());
  for (std::size_t i = 0; i < other.files_.size(); ++i) {
    if (i < same_as.size()) {
      index[i] = same_as[i];
    } else {
      index[i] = static_cast<std::uint32_t>(files_.size());
      files_.push_back(other.files_[i]);
    }
  }
  auto renumber = [&](Location& where) {
    if (where.file != Location::kNoFile) where.file = index.at(where.file);
  };
  for (Diagnostic d : other.items_) {
    renumber(d.where);
    for (Note& note : d.notes) renumber(note.where);
    for (Fix& fix : d.fixes) renumber(fix.where);
    items_.push_back(std::move(d));
  }
}

std::string_view code_of(Check check) {
  switch (check) {
    case Check::file_unreadable: return "file-unreadable";
    case Check::file_too_large: return "file-too-large";
    case Check::yaml_syntax: return "yaml-syntax";
    case Check::yaml_unsupported: return "yaml-unsupported";
    case Check::duplicate_key: return "duplicate-key";
    case Check::schema: return "schema";
    case Check::duplicate_id: return "duplicate-id";
    case Check::unknown_reference: return "unknown-reference";
    case Check::quote_not_found: return "quote-not-found";
    case Check::bad_date: return "bad-date";
    case Check::bad_source_path: return "bad-source-path";
    case Check::empty_dataset: return "empty-dataset";
    case Check::causal_cycle: return "causal-cycle";
    case Check::effect_before_cause: return "effect-before-cause";
    case Check::impossible_dates: return "impossible-dates";
    case Check::bad_quote: return "bad-quote";
    case Check::bad_source_text: return "bad-source-text";
    case Check::duplicate_reference: return "duplicate-reference";
  }
  return "unknown";
}

bool stops_reading(Check check) {
  return check == Check::yaml_syntax || check == Check::file_unreadable || check == Check::file_too_large;
}

void Diagnostics::sort() {
  // Files compare by their shown path, not their index, because indexes follow
  // the order in which parallel readers finished.
  // Within a file, an error that stopped it being read comes first: what else is
  // said about that file may follow from it.
  auto key = [this](const Diagnostic& d) {
    const std::string* path = d.where.file == Location::kNoFile ? nullptr : &files_[d.where.file];
    const bool root_cause = d.severity == Severity::error && stops_reading(d.check);
    return std::make_tuple(path ? *path : std::string(), !root_cause, d.where.line, d.where.column);
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
  // Only a window of a long line (a 10 MB scalar) is cleaned: no character takes
  // more than 4 bytes, so this many bytes always hold more than will be shown.
  constexpr std::size_t kWindowBytes = 4 * (kSnippetWidth + 1);
  auto cut_front = [&](std::string_view text) {
    if (text.size() <= kWindowBytes) return text;
    text.remove_prefix(text.size() - kWindowBytes);
    while (!text.empty() && (static_cast<unsigned char>(text[0]) & 0xC0) == 0x80) text.remove_prefix(1);
    return text;
  };
  auto cut_back = [&](std::string_view text) { return text.substr(0, std::min(text.size(), kWindowBytes)); };
  std::string before = printable(cut_front(line.substr(0, begin)));
  std::string marked = printable(cut_back(line.substr(begin, end - begin)));
  std::string after = printable(cut_back(line.substr(end)));
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

// Each file read once, with where its lines start, so that twenty thousand
// diagnostics in one file cost twenty thousand look-ups, not as many scans.
class FileCache {
 public:
  // The n-th line (1-based) of a file without its line ending, or nullopt when the
  // file cannot be read. A UTF-8 byte order mark is not part of the first line:
  // columns are counted after it.
  std::optional<std::string_view> line(const std::string& path, std::uint32_t n) {
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

 private:
  struct File {
    bool found = false;
    std::string text;
    std::vector<std::size_t> starts;  // the offset of each line
  };
  std::map<std::string, File> files_;
};

void append_located(std::string& out, const Diagnostics& diagnostics, FileCache& cache, const Location& where,
                    std::string_view label, std::string_view message) {
  out += heading(diagnostics, where, label, message);
  if (where.file == Location::kNoFile || where.line == 0) return;
  if (const auto line = cache.line(diagnostics.file(where.file), where.line)) {
    append_snippet(out, *line, where);
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
