#include "report_json.h"

#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "diagnostic.h"
#include "file_lines.h"

namespace strikeline {

namespace {

using Json = nlohmann::ordered_json;

// "file", "line", "column" and "end" of a place: the path as the text report shows
// it, the 1-based line and byte column, and where the underlined span ends (the
// column after its last byte, clipped to the line as the caret is). A whole file
// has no line; a note without a place no file.
void put_place(Json& object, const Diagnostics& diagnostics, FileLines& lines, const Location& where) {
  const bool has_file = where.file != Location::kNoFile;
  const bool has_line = has_file && where.line > 0;
  object["file"] = has_file ? Json(diagnostics.file(where.file)) : Json(nullptr);
  object["line"] = has_line ? Json(where.line) : Json(nullptr);
  object["column"] = has_line ? Json(where.column) : Json(nullptr);
  if (!has_line) {
    object["end"] = nullptr;
    return;
  }
  std::uint64_t end = std::uint64_t{where.column} + std::max<std::uint32_t>(where.length, 1);
  if (const auto line = lines.line(diagnostics.file(where.file), where.line)) {
    end = std::max<std::uint64_t>(where.column, underlined(*line, where).end + 1);
  }
  object["end"] = Json{{"line", where.line}, {"column", end}};
}

}  // namespace

void report_json(const Diagnostics& diagnostics, std::string_view /*folder*/, std::ostream& out) {
  FileLines lines;
  for (const Diagnostic& d : diagnostics.all()) {
    Json object = Json::object();
    put_place(object, diagnostics, lines, d.where);
    object["severity"] = d.severity == Severity::error ? "error" : "warning";
    object["code"] = code_of(d.check);
    object["message"] = d.message;
    Json notes = Json::array();
    for (const Note& note : d.notes) {
      Json entry = Json::object();
      put_place(entry, diagnostics, lines, note.where);
      entry["message"] = note.message;
      notes.push_back(std::move(entry));
    }
    object["notes"] = std::move(notes);
    object["help"] = d.help.empty() ? Json(nullptr) : Json(d.help);
    // dump() escapes line breaks inside strings, so each object is one line; text
    // that is not UTF-8 (a file name, a quoted value) shows U+FFFD.
    out << object.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    if (!out) return;  // the caller reports the failed stream
  }
}

}  // namespace strikeline
