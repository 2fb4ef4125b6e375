#include "diagnostic.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "file_lines.h"
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

namespace {

// In the order of the enum (check_info indexes it); a test holds each row to its place.
constexpr CheckInfo kChecks[] = {
    {Check::file_unreadable, "file-unreadable", "a file or folder of the dataset could not be read, or is missing",
     "check that the path exists and that you may read it; the message gives the reason", Severity::error},
    {Check::file_too_large, "file-too-large", "a file, or a line of YAML, is longer than strikeline reads",
     "split the records over several files; the help gives the limit", Severity::error},
    {Check::yaml_syntax, "yaml-syntax", "the YAML parser rejected the text",
     "fix the text at the place shown: an unclosed quote or bracket, a tab, or a key indented wrongly",
     Severity::error},
    {Check::yaml_unsupported, "yaml-unsupported",
     "valid YAML that strikeline refuses: anchors, aliases, tags, merge keys or several documents",
     "write each record out in full, in one document without tags", Severity::error},
    {Check::duplicate_key, "duplicate-key", "the same key appears twice in one mapping",
     "keep one of the two", Severity::error},
    {Check::schema, "schema", "a record does not match its JSON Schema (a missing or unknown field, a wrong type)",
     "see `strikeline schema NAME` for what the record may hold", Severity::error},
    {Check::duplicate_id, "duplicate-id", "an id is defined twice, in one file or across files",
     "give each actor, source and event an id of its own", Severity::error},
    {Check::unknown_reference, "unknown-reference", "an id names no actor, source or event",
     "correct the id, or add the record it names", Severity::error},
    {Check::quote_not_found, "quote-not-found", "a quote is not found word for word in its source text",
     "copy the words exactly from the source text; spacing and quotation marks may differ, nothing else",
     Severity::error},
    {Check::bad_date, "bad-date", "a date is not strict EDTF, or names a day that does not exist",
     "write the date as EDTF (2023-12-21, 2023-12, 2023-12-01/2023-12-21, 2023-12~); "
     "`strikeline date EXPR` explains one",
     Severity::error},
    {Check::bad_source_path, "bad-source-path",
     "a source's text is missing, unreadable, or outside the dataset folder",
     "save the source's text under the dataset's sources/ folder and give its path from the dataset folder",
     Severity::error},
    {Check::empty_dataset, "empty-dataset", "the dataset folder holds no YAML files",
     "name a dataset folder, or start one with `strikeline init DIR`", Severity::error},
    {Check::causal_cycle, "causal-cycle", "causal links lead back to the event they started from",
     "remove the link the sources do not state", Severity::error},
    {Check::effect_before_cause, "effect-before-cause", "an effect's dates put it wholly before its cause",
     "correct one of the dates, or the link's direction", Severity::error},
    {Check::impossible_dates, "impossible-dates", "dates and links that cannot all hold together",
     "correct a date or a link: the notes follow the chain that conflicts", Severity::error},
    {Check::bad_quote, "bad-quote", "a quote is too short to mean anything, or is cut inside a word",
     "quote whole words, enough of them to say what happened", Severity::error},
    {Check::bad_source_text, "bad-source-text", "a source text holds a control or bidirectional character",
     "remove the character from the source text; it can hide or reorder what a reader sees", Severity::error},
    {Check::duplicate_reference, "duplicate-reference", "the same actor twice on an event, or the same link twice",
     "remove the repeated entry", Severity::error},
};
static_assert(std::size(kChecks) == static_cast<std::size_t>(Check::duplicate_reference) + 1,
              "every check has a row in the catalog");

}  // namespace

std::span<const CheckInfo> check_catalog() { return kChecks; }

const CheckInfo& check_info(Check check) { return kChecks[static_cast<std::size_t>(check)]; }

void Diagnostics::append_placed(Diagnostics&& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()), std::make_move_iterator(other.items_.end()));
  other.items_.clear();
}

std::string_view code_of(Check check) { return check_info(check).code; }

bool stops_reading(Check check) {
  return check == Check::yaml_syntax || check == Check::file_unreadable || check == Check::file_too_large;
}

LineSpan underlined(std::string_view line, const Location& where) {
  auto inside_character = [&](std::size_t i) {
    return i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
  };
  std::size_t begin = std::min<std::size_t>(where.column - 1, line.size());  // column 0 wraps: the line's end
  while (begin > 0 && inside_character(begin)) --begin;
  std::size_t end = std::min<std::size_t>(begin + std::max<std::uint32_t>(where.length, 1), line.size());
  while (inside_character(end)) ++end;
  return {begin, end};
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
  const auto [begin, end] = underlined(line, where);
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

void append_located(std::string& out, const Diagnostics& diagnostics, FileLines& cache, const Location& where,
                    std::string_view label, std::string_view message) {
  out += heading(diagnostics, where, label, message);
  if (where.file == Location::kNoFile || where.line == 0) return;
  if (const auto line = cache.line(diagnostics.file(where.file), where.line)) {
    append_snippet(out, *line, where);
  }
}

std::string format_with(const Diagnostics& diagnostics, const Diagnostic& d, FileLines& cache) {
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
  FileLines cache;
  return format_with(diagnostics, diagnostic, cache);
}

std::string format_all(const Diagnostics& diagnostics) {
  FileLines cache;
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
