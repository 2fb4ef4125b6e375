#include "report_sarif.h"

#include <filesystem>
#include <ostream>

#include <nlohmann/json.hpp>

#include "diagnostic.h"
#include "file_lines.h"

namespace strikeline {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kBase = "%SRCROOT%";

// SARIF reads `{0}` in a message as a placeholder, so a literal brace is doubled
// (SARIF 2.1.0, 3.11.5).
std::string message_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

// Link text of an embedded link: `[`, `]` and `\` escaped (3.11.6).
std::string link_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

Json message(std::string_view text) { return Json{{"text", message_text(text)}}; }

// Where each file is, as SARIF names it: relative to the dataset folder when it is
// inside it (as every file the check reads is), else an absolute file URI.
class Places {
 public:
  Places(const Diagnostics& diagnostics, std::string_view folder)
      : diagnostics_(diagnostics), folder_(fs::path(folder).lexically_normal()) {
    if (!folder_.has_filename() && folder_.has_parent_path() && folder_ != folder_.root_path()) {
      folder_ = folder_.parent_path();  // "dir/" as "dir"
    }
  }

  // The base id's own place: the dataset folder's absolute URI, ending in `/`.
  std::string folder_uri() const { return absolute_uri(folder_, true); }

  // {"uri", "uriBaseId"} or {"uri"}, and the path as a reader would write it.
  Json artifact(std::uint32_t file, std::string* shown = nullptr) const {
    const fs::path path = fs::path(diagnostics_.file(file)).lexically_normal();
    const fs::path relative = path.lexically_relative(folder_);
    if (relative.empty() || *relative.begin() == "..") {
      if (shown) *shown = diagnostics_.file(file);
      return Json{{"uri", absolute_uri(path, false)}};
    }
    const std::string inside = relative == "." ? std::string("./") : relative.generic_string();
    if (shown) *shown = inside;
    return Json{{"uri", uri_path(inside)}, {"uriBaseId", kBase}};
  }

 private:
  static std::string absolute_uri(const fs::path& path, bool folder) {
    std::error_code ec;
    std::string text = fs::absolute(path, ec).lexically_normal().generic_string();
    if (ec) text = path.generic_string();
    if (folder && !text.ends_with('/')) text += '/';
    return "file://" + uri_path(text);
  }

  const Diagnostics& diagnostics_;
  fs::path folder_;
};

// {"physicalLocation": {"artifactLocation", "region"}}, the region in UTF-16 columns
// counted on the line's text; without the text (the file has gone since), lines only.
Json physical_location(const Places& places, FileLines& lines, const Diagnostics& diagnostics,
                       const Location& where) {
  Json physical = Json{{"artifactLocation", places.artifact(where.file)}};
  if (where.line > 0) {
    Json region = Json{{"startLine", where.line}};
    if (const auto line = lines.line(diagnostics.file(where.file), where.line)) {
      const LineSpan span = underlined(*line, where);
      region["startColumn"] = 1 + utf16_units(line->substr(0, span.begin));
      region["endLine"] = where.line;
      region["endColumn"] = 1 + utf16_units(line->substr(0, span.end));
    } else {
      region["endLine"] = where.line;
    }
    physical["region"] = std::move(region);
  }
  return Json{{"physicalLocation", std::move(physical)}};
}

Json rules() {
  Json list = Json::array();
  for (const CheckInfo& check : check_catalog()) {
    list.push_back(Json{{"id", check.code},
                        {"shortDescription", message(check.summary)},
                        {"help", message(check.help)},
                        {"defaultConfiguration", {{"level", check.severity == Severity::error ? "error" : "warning"}}}});
  }
  return list;
}

Json result(const Diagnostics& diagnostics, const Diagnostic& d, const Places& places, FileLines& lines) {
  // The message as the text report words it: the problem, its notes (a note with a
  // place links to its related location), then the help.
  std::string text = message_text(d.message);
  Json related = Json::array();
  for (const Note& note : d.notes) {
    text += "\nnote: " + message_text(note.message);
    if (note.where.file == Location::kNoFile) continue;
    const int id = static_cast<int>(related.size()) + 1;
    std::string shown;
    places.artifact(note.where.file, &shown);
    if (note.where.line > 0) shown += ":" + std::to_string(note.where.line);
    text += " ([" + link_text(message_text(shown)) + "](" + std::to_string(id) + "))";
    Json location = physical_location(places, lines, diagnostics, note.where);
    location["id"] = id;
    location["message"] = message(note.message);
    related.push_back(std::move(location));
  }
  if (!d.help.empty()) text += "\nhelp: " + message_text(d.help);

  Json object = Json{{"ruleId", code_of(d.check)},
                     {"ruleIndex", static_cast<int>(d.check)},
                     {"level", d.severity == Severity::error ? "error" : "warning"},
                     {"message", {{"text", text}}}};
  if (d.where.file != Location::kNoFile) {
    object["locations"] = Json::array({physical_location(places, lines, diagnostics, d.where)});
  }
  if (!related.empty()) object["relatedLocations"] = std::move(related);
  return object;
}

}  // namespace

std::size_t utf16_units(std::string_view text) {
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                                         : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) length = 0;
    }
    if (length == 0) {  // malformed: the decoder's U+FFFD for this byte
      ++units;
      ++i;
      continue;
    }
    units += length == 4 ? 2 : 1;
    i += length;
  }
  return units;
}

std::string uri_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

void report_sarif(const Diagnostics& diagnostics, std::string_view folder, std::ostream& out) {
  const Places places(diagnostics, folder);
  FileLines lines;
  Json results = Json::array();
  for (const Diagnostic& d : diagnostics.all()) results.push_back(result(diagnostics, d, places, lines));
  Json run = {
      {"tool",
       {{"driver",
         {{"name", "strikeline"},
          {"version", STRIKELINE_VERSION},
          {"semanticVersion", STRIKELINE_VERSION},
          {"rules", rules()}}}}},
      {"originalUriBaseIds",
       {{kBase, {{"uri", places.folder_uri()}, {"description", message("The dataset folder that was checked.")}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"results", std::move(results)},
  };
  const Json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({std::move(run)})}};
  out << log.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace strikeline
