#include "editor.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "edtf.h"
#include "schema.h"
#include "timeline.h"
#include "yaml_tree.h"

// Every feature reads the editor's text line by line, as far as it makes sense:
// a file being typed seldom parses, and `    - type: le` must still complete. A
// line is indentation, list markers (`- `), then a `key:` and its value, or a
// value alone; the mapping a line belongs to is found by walking up to the nearest
// line whose key sits further left. What a place means (a kind, an actor id, a
// date) comes from the schema of the file, found along those keys.
namespace strikeline {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// ---- The text as lines ------------------------------------------------------------

bool is_id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// One line of YAML as far as a line says: offsets are 0-based bytes into the line.
struct Shape {
  std::size_t indent = 0;
  std::size_t first_dash = std::string_view::npos;  // the first `- ` marker
  std::size_t key_col = 0;  // where the key, or the value of a bare item, starts
  std::string_view key;     // empty: no `key:` on the line
  std::size_t value_col = std::string_view::npos;  // where the value after `key:` starts
  std::string_view value;  // the rest of the line after `key: `, comment and all
  bool blank = true;       // nothing but spaces, or a comment
};

Shape shape_of(std::string_view line) {
  Shape s;
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  s.indent = i;
  while (i < line.size() && line[i] == '-' && (i + 1 == line.size() || line[i + 1] == ' ')) {
    if (s.first_dash == std::string_view::npos) s.first_dash = i;
    ++i;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  s.key_col = i;
  s.blank = i >= line.size() || line[i] == '#';
  if (s.first_dash != std::string_view::npos) s.blank = false;
  std::size_t k = i;
  while (k < line.size() && (is_id_char(line[k]) || line[k] == '$')) ++k;
  if (k > i && k < line.size() && line[k] == ':' && (k + 1 == line.size() || line[k + 1] == ' ')) {
    s.key = line.substr(i, k - i);
    std::size_t v = k + 1;
    while (v < line.size() && line[v] == ' ') ++v;
    s.value_col = v;
    s.value = line.substr(v);
  }
  return s;
}

struct Lines {
  explicit Lines(std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      shapes.push_back(shape_of(line));
      start = end + 1;
    }
  }
  std::size_t size() const { return lines.size(); }
  std::vector<std::string_view> lines;
  std::vector<Shape> shapes;
};

// The nearest line above `line` with a key further left than `col`: the key whose
// mapping or list holds what is at `col`. npos at the top.
std::size_t parent_line(const Lines& doc, std::size_t line, std::size_t col) {
  for (std::size_t j = line; j-- > 0;) {
    const Shape& s = doc.shapes[j];
    if (s.blank || s.key.empty()) continue;
    if (s.key_col < col) return j;
  }
  return std::string_view::npos;
}

// The keys from the top of the file down to the mapping at (`line`, `col`).
std::vector<std::string> key_chain(const Lines& doc, std::size_t line, std::size_t col) {
  std::vector<std::string> chain;
  for (std::size_t j = parent_line(doc, line, col); j != std::string_view::npos;
       j = parent_line(doc, j, doc.shapes[j].key_col)) {
    chain.emplace_back(doc.shapes[j].key);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// A scalar as written on one line, without its quotation marks and comment.
std::string scalar_text(std::string_view raw) {
  if (raw.empty()) return {};
  std::string out;
  if (raw[0] == '"') {
    for (std::size_t i = 1; i < raw.size() && raw[i] != '"'; ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        const char e = raw[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      } else {
        out += raw[i];
      }
    }
    return out;
  }
  if (raw[0] == '\'') {
    for (std::size_t i = 1; i < raw.size(); ++i) {
      if (raw[i] == '\'') {
        if (i + 1 < raw.size() && raw[i + 1] == '\'') {
          out += '\'';
          ++i;
          continue;
        }
        break;
      }
      out += raw[i];
    }
    return out;
  }
  std::size_t end = raw.find(" #");
  std::string_view plain = raw.substr(0, end);
  while (!plain.empty() && (plain.back() == ' ' || plain.back() == '\t')) plain.remove_suffix(1);
  return std::string(plain);
}

// The top-level list of the file (`events`, `actors`, `sources`) and its records.
struct Record {
  std::size_t first = 0, last = 0;  // lines, inclusive; `last` is its last non-blank line
  std::size_t key_col = 0;          // where its fields' keys start
};

std::vector<Record> records_of(const Lines& doc) {
  std::vector<Record> records;
  bool in_list = false, any = false;
  std::size_t dash = std::string_view::npos;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const Shape& s = doc.shapes[i];
    if (s.blank) continue;
    if (s.indent == 0 && s.first_dash == std::string_view::npos) {
      in_list = s.key == "events" || s.key == "actors" || s.key == "sources";
      any = false;
      dash = std::string_view::npos;
      continue;
    }
    if (!in_list) continue;
    if (s.first_dash == s.indent && (dash == std::string_view::npos || s.first_dash == dash)) {
      dash = s.first_dash;
      records.push_back(Record{i, i, s.key_col});
      any = true;
    } else if (any) {
      records.back().last = i;
    }
  }
  return records;
}

const Record* record_at(const std::vector<Record>& records, std::size_t line) {
  for (const Record& r : records) {
    if (r.first <= line && line <= r.last) return &r;
  }
  // A blank line being typed on just after a record belongs to it.
  for (auto r = records.rbegin(); r != records.rend(); ++r) {
    if (r->first <= line) return &*r;
  }
  return nullptr;
}

// The value of a record's field as written on its line, and the line.
std::optional<std::pair<std::string, std::size_t>> field_of(const Lines& doc, const Record& record,
                                                            std::string_view key) {
  for (std::size_t i = record.first; i <= record.last && i < doc.size(); ++i) {
    const Shape& s = doc.shapes[i];
    if (s.key == key && s.key_col == record.key_col) return std::make_pair(scalar_text(s.value), i);
  }
  return std::nullopt;
}

// ---- Which file, and its schema ---------------------------------------------------

FileKind kind_of(const fs::path& file, const Lines& doc) {
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const Shape& s = doc.shapes[i];
    if (s.key_col != 0 || s.key.empty()) continue;
    if (s.key == "events") return FileKind::events;
    if (s.key == "actors") return FileKind::actors;
    if (s.key == "sources") return FileKind::sources;
  }
  const std::string stem = file.stem().string();
  if (stem == "actors") return FileKind::actors;
  if (stem == "sources") return FileKind::sources;
  if (stem == "dataset") return FileKind::dataset;
  return FileKind::events;
}

const Json& schema_of(FileKind kind) {
  static const Json schemas[] = {Json::parse(SchemaChecker::text(FileKind::dataset)),
                                 Json::parse(SchemaChecker::text(FileKind::actors)),
                                 Json::parse(SchemaChecker::text(FileKind::sources)),
                                 Json::parse(SchemaChecker::text(FileKind::events))};
  return schemas[static_cast<int>(kind)];
}

// Follows `$ref`s to the schema they name; `refs` collects their names.
const Json& resolve(const Json& root, const Json& schema, std::vector<std::string>* refs = nullptr) {
  const Json* s = &schema;
  for (int hops = 0; hops < 8 && s->is_object() && s->contains("$ref"); ++hops) {
    const std::string ref = s->at("$ref").get<std::string>();
    const std::string prefix = "#/definitions/";
    if (ref.rfind(prefix, 0) != 0) break;
    const std::string name = ref.substr(prefix.size());
    if (refs) refs->push_back(name);
    const auto& definitions = root.at("definitions");
    if (!definitions.contains(name)) break;
    s = &definitions.at(name);
  }
  return *s;
}

// The schema of the mapping reached from the top along `chain` (lists are stepped
// into), or nullptr.
const Json* mapping_schema(const Json& root, const std::vector<std::string>& chain) {
  const Json* s = &root;
  for (const std::string& key : chain) {
    const Json& here = resolve(root, *s);
    if (!here.is_object() || !here.contains("properties") || !here.at("properties").contains(key)) return nullptr;
    s = &resolve(root, here.at("properties").at(key));
    if (s->is_object() && s->contains("items")) s = &resolve(root, s->at("items"));
  }
  const Json& out = resolve(root, *s);
  return out.is_object() && out.contains("properties") ? &out : nullptr;
}

std::string text_of(const Json& schema, const char* key) {
  auto it = schema.find(key);
  return it != schema.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// What a field holds, as far as the editor cares.
enum class Holds { other, actor, source, event, date, quote };

struct Field {
  const Json* schema = nullptr;  // resolved; items resolved for a list
  std::vector<std::string> refs;
  std::string description;
  Holds holds = Holds::other;
};

Field field_of_schema(const Json& root, const Json& mapping, const std::vector<std::string>& chain,
                      std::string_view key, FileKind kind) {
  Field f;
  const auto& properties = mapping.at("properties");
  if (!properties.contains(key)) return f;
  const Json& raw = properties.at(std::string(key));
  f.description = text_of(raw, "description");
  const Json* s = &resolve(root, raw, &f.refs);
  if (f.description.empty()) f.description = text_of(*s, "description");
  if (s->is_object() && s->contains("items")) s = &resolve(root, s->at("items"), &f.refs);
  f.schema = s;
  const auto has_ref = [&](const char* name) { return std::find(f.refs.begin(), f.refs.end(), name) != f.refs.end(); };
  const std::string parent = chain.empty() ? std::string() : chain.back();
  if (has_ref("actor-ref") || (kind == FileKind::actors && key == "part_of")) {
    f.holds = Holds::actor;
  } else if (kind == FileKind::events && parent == "sources" && key == "source") {
    f.holds = Holds::source;
  } else if (kind == FileKind::events && parent == "links" && key == "event") {
    f.holds = Holds::event;
  } else if (kind == FileKind::events && parent == "sources" && key == "quote") {
    f.holds = Holds::quote;
  } else if (has_ref("edtf")) {
    f.holds = Holds::date;
  }
  return f;
}

// The values a field may take: its `enum`, and those of the `then` branches whose
// `if` the record's other fields meet (a strike's statuses for a strike); every
// branch's when the record does not say.
std::vector<std::string> allowed_values(const Json& mapping, const Field& field, std::string_view key,
                                        const std::function<std::optional<std::string>(std::string_view)>& sibling) {
  std::vector<std::string> values;
  const auto add = [&](const Json& list) {
    for (const Json& v : list) {
      if (v.is_string() && std::find(values.begin(), values.end(), v.get<std::string>()) == values.end()) {
        values.push_back(v.get<std::string>());
      }
    }
  };
  if (field.schema && field.schema->contains("enum")) add(field.schema->at("enum"));
  auto all_of = mapping.find("allOf");
  if (all_of == mapping.end()) return values;
  for (const Json& branch : *all_of) {
    auto then = branch.find("then");
    if (then == branch.end() || !then->contains("properties") || !then->at("properties").contains(key)) continue;
    const Json& branch_field = then->at("properties").at(std::string(key));
    if (!branch_field.contains("enum")) continue;
    bool applies = true;
    if (auto condition = branch.find("if"); condition != branch.end() && condition->contains("properties")) {
      for (auto it = condition->at("properties").begin(); it != condition->at("properties").end(); ++it) {
        if (!it->contains("const")) continue;
        const auto value = sibling(it.key());
        if (value && *value != it->at("const").get<std::string>()) applies = false;
      }
    }
    if (applies) add(branch_field.at("enum"));
  }
  return values;
}

// ---- Where the cursor is ----------------------------------------------------------

// What the place at the cursor is: a key being written, or a value of `key`.
struct Place {
  bool ok = false;
  bool at_key = false;
  FileKind kind = FileKind::events;
  std::vector<std::string> chain;  // the keys above the mapping the place is in
  std::string key;                 // the field whose value is at the cursor
  std::size_t line = 0;            // 0-based: the cursor's
  std::size_t value_line = 0;      // 0-based: where the value starts (a long one goes on below)
  std::size_t token_begin = 0, token_end = 0;  // the id-like word around the cursor
  std::size_t value_begin = 0, value_end = 0;  // the whole value on the line
  std::string value;               // the whole value, unquoted (first line only)
  const Record* record = nullptr;
};

Place place_at(const fs::path& file, const Lines& doc, const std::vector<Record>& records, TextPosition at) {
  Place p;
  if (at.line == 0 || at.line > doc.size() || at.column == 0) return p;
  p.kind = kind_of(file, doc);
  p.line = at.line - 1;
  const std::string_view line = doc.lines[p.line];
  const std::size_t c = std::min<std::size_t>(at.column - 1, line.size());
  Shape s = doc.shapes[p.line];
  // A line of spaces with the cursor further right: the key would be typed there.
  if (s.blank && s.first_dash == std::string_view::npos && c >= s.indent) s.key_col = c;
  p.record = record_at(records, p.line);
  std::size_t b = c, e = c;
  while (b > 0 && is_id_char(line[b - 1])) --b;
  while (e < line.size() && is_id_char(line[e])) ++e;
  p.token_begin = b;
  p.token_end = e;
  std::size_t own_col = s.key_col;
  if (!s.key.empty() && c > s.key_col + s.key.size()) {
    // After `key:`: its value.
    p.key = std::string(s.key);
    p.value_begin = s.value_col;
    p.value_end = line.size();
    const std::size_t comment = line.find(" #", s.value_col);
    if (comment != std::string_view::npos && line[s.value_col] != '"' && line[s.value_col] != '\'') {
      p.value_end = comment;
    }
    while (p.value_end > p.value_begin && line[p.value_end - 1] == ' ') --p.value_end;
    p.value = scalar_text(line.substr(s.value_col));
  } else if (s.key.empty() && !s.blank && c >= s.key_col && s.first_dash == std::string_view::npos &&
             !line.substr(s.key_col).empty() && line[s.key_col] != '-') {
    // A line that continues the value of the key above it, or a key being typed.
    const std::size_t parent = parent_line(doc, p.line, s.indent);
    const bool continues = parent != std::string_view::npos && !doc.shapes[parent].value.empty() &&
                           doc.shapes[parent].value.front() != '[' && doc.shapes[parent].value.front() != '{';
    if (continues) {
      p.key = std::string(doc.shapes[parent].key);
      p.line = parent;  // the value starts there
      p.value = scalar_text(doc.shapes[parent].value);
      own_col = doc.shapes[parent].key_col;
      p.value_begin = s.key_col;
      p.value_end = line.size();
      p.chain = key_chain(doc, parent, own_col);
      p.ok = true;
      // Answers name the line the cursor is on.
      p.value_line = parent;
      p.line = at.line - 1;
      return p;
    }
    p.at_key = true;
  } else if (s.key.empty() && s.first_dash != std::string_view::npos && c >= s.key_col) {
    // `- value`: an item of the list whose key is above, or a key being typed in a
    // new item of a list of mappings.
    p.key = "";
    p.value_begin = s.key_col;
    p.value_end = line.size();
    p.value = scalar_text(line.substr(s.key_col));
  } else {
    p.at_key = true;
  }
  p.chain = key_chain(doc, p.line, own_col);
  if (!p.at_key && p.key.empty()) {
    // A bare list item: the list's key is the last of the chain; the item is a value
    // of it, unless the list holds mappings, in which case a key is being typed.
    if (p.chain.empty()) return p;
    p.key = p.chain.back();
    p.chain.pop_back();
    const Json& root = schema_of(p.kind);
    if (const Json* mapping = mapping_schema(root, p.chain)) {
      const Field f = field_of_schema(root, *mapping, p.chain, p.key, p.kind);
      if (f.schema && f.schema->contains("properties")) {
        p.chain.push_back(p.key);
        p.key.clear();
        p.at_key = true;
      }
    }
  }
  p.value_line = p.line;
  // Inside `[a, b]`: the item under the cursor.
  if (!p.at_key && p.value_begin < line.size() && line[p.value_begin] == '[') {
    p.value = std::string(line.substr(b, e - b));
    p.value_begin = b;
    p.value_end = e;
  }
  p.ok = true;
  return p;
}

TextRange range_on(std::size_t line, std::size_t begin, std::size_t end) {
  return TextRange{{static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(begin + 1)},
                   {static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(end + 1)}};
}

// ---- The state's side -------------------------------------------------------------

fs::path normal(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal();
}

// The dataset folder the state was made from: the one that holds its registries.
std::optional<fs::path> dataset_folder(const WorkspaceState& state) {
  for (const std::string& f : state.analysis.dataset.files) {
    const fs::path path(f);
    if (path.filename() == "actors.yaml" || path.filename() == "sources.yaml") return normal(path.parent_path());
  }
  return std::nullopt;
}

// Whether the state can answer for `file`: a YAML file in its dataset folder.
bool answers_for(const WorkspaceState& state, const fs::path& file) {
  const auto folder = dataset_folder(state);
  if (!folder) return false;
  const fs::path path = normal(file);
  if (path.extension() != ".yaml" && path.extension() != ".yml") return false;
  const auto [end, unused] = std::mismatch(folder->begin(), folder->end(), path.begin(), path.end());
  return end == folder->end();
}

FileRange file_range(const Dataset& dataset, Location where) {
  FileRange out;
  if (where.file < dataset.files.size()) out.file = normal(dataset.files[where.file]);
  out.range.start = {where.line, where.column};
  out.range.end = {where.line, where.column + where.length};
  return out;
}

std::string dates_between(const std::optional<date::sys_days>& from, const std::optional<date::sys_days>& to) {
  return "earliest " + (from ? day_in_words(*from) : std::string("open")) + ", latest " +
         (to ? day_in_words(*to) : std::string("open"));
}

std::string origin_words(const BoundOrigin& origin, const Event& event, const Dataset& dataset) {
  if (origin.by == BoundOrigin::By::nothing || origin.event >= dataset.events.size()) return {};
  const Event& other = dataset.events[origin.event];
  const std::string name = "`" + std::string(other.id) + "`";
  switch (origin.by) {
    case BoundOrigin::By::nothing: return {};
    case BoundOrigin::By::date:
      return other.id == event.id ? "its own date" : "the date of " + name;
    case BoundOrigin::By::publication:
      return "the publication of the sources that report " + (other.id == event.id ? std::string("it") : name);
    case BoundOrigin::By::link_here:
      return "its `" + std::string(to_string(origin.type)) + "` link to " + name;
    case BoundOrigin::By::link_there:
      return name + "'s `" + std::string(to_string(origin.type)) + "` link to it";
  }
  return {};
}

std::string event_words(const Event& event, const Dataset& dataset) {
  return "**" + std::string(event.title) + "**\n\n`" + std::string(event.id) + "`, " + std::string(event.kind) + ": " +
         event_date_words(event, dataset);
}

std::string actor_words(const Actor& actor) {
  std::string out = "**" + actor.name + "**";
  if (!actor.short_name.empty()) out += " (" + actor.short_name + ")";
  out += "\n\n`" + actor.id + "`, " + actor.kind;
  if (!actor.part_of.empty()) out += ", part of `" + actor.part_of + "`";
  if (!actor.role.empty()) out += "\n\n" + actor.role;
  return out;
}

std::string source_words(const Source& source) {
  std::string out = "**" + source.title + "**\n\n";
  out += source.publisher ? *source.publisher : std::string("publisher not given");
  out += ", " + describe(source.published);
  if (!source.url.empty()) out += "\n\n" + source.url;
  return out;
}

std::string date_words(const Edtf& date, const Event* event, const Dataset& dataset) {
  if (!date.ok()) return "`" + date.text() + "` is not a date: " + date.error().message;
  std::string out = "**" + describe(date) + "**\n\nStated: " + dates_between(date.earliest(), date.latest());
  if (event && event->inferred) {
    out += "\n\nWith its links and sources: " + event_date_words(*event, dataset) + " (" +
           dates_between(event->inferred_earliest, event->inferred_latest) + ")";
    const auto stated_earliest = event->date ? event->date->earliest() : std::nullopt;
    const auto stated_latest = event->date ? event->date->latest() : std::nullopt;
    if (event->inferred_earliest && event->inferred_earliest != stated_earliest) {
      const std::string from = origin_words(event->earliest_from, *event, dataset);
      if (!from.empty()) out += "\n\n- not before " + day_in_words(*event->inferred_earliest) + ", by " + from;
    }
    if (event->inferred_latest && event->inferred_latest != stated_latest) {
      const std::string from = origin_words(event->latest_from, *event, dataset);
      if (!from.empty()) out += "\n\n- not after " + day_in_words(*event->inferred_latest) + ", by " + from;
    }
  }
  return out;
}

// The citation of the record's event whose quote starts on `line` (1-based), or the
// one with the same quote.
const Citation* citation_at(const Event& event, std::uint32_t line, std::string_view quote) {
  for (const Citation& c : event.citations) {
    if (c.quote_where.line == line) return &c;
  }
  for (const Citation& c : event.citations) {
    if (!quote.empty() && c.quote.substr(0, quote.size()) == quote) return &c;
  }
  return nullptr;
}

// The 1-based line of a source text that holds its `paragraph` (1-based), counted
// as Paragraphs counts them: non-empty lines, ending at LF, CRLF or a lone CR.
std::optional<std::pair<std::uint32_t, std::uint32_t>> paragraph_line(const fs::path& path, std::size_t paragraph) {
  std::ifstream in(path, std::ios::binary);
  if (!in || paragraph == 0) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string_view text = buffer.view();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t start = 0, seen = 0;
  std::uint32_t number = 1;
  while (start <= text.size()) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    const std::string_view line = text.substr(start, end - start);
    const bool empty = std::all_of(line.begin(), line.end(), [](char ch) {
      return ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v';
    });
    if (!empty && ++seen == paragraph) return std::make_pair(number, static_cast<std::uint32_t>(line.size()));
    start = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
    ++number;
  }
  return std::nullopt;
}

// What the place names: an event, an actor, a source or a quote, with its id.
struct Named {
  Holds holds = Holds::other;
  std::string id;
  bool is_definition = false;  // the `id:` of a record
};

Named named_at(const Place& p) {
  Named n;
  if (!p.ok || p.at_key) return n;
  if (p.key == "id" && p.chain.size() == 1) {
    n.is_definition = true;
    n.holds = p.kind == FileKind::events ? Holds::event
              : p.kind == FileKind::actors ? Holds::actor
              : p.kind == FileKind::sources ? Holds::source
                                             : Holds::other;
    n.id = p.value;
    return n;
  }
  const Json& root = schema_of(p.kind);
  const Json* mapping = mapping_schema(root, p.chain);
  if (!mapping) return n;
  const Field f = field_of_schema(root, *mapping, p.chain, p.key, p.kind);
  n.holds = f.holds;
  n.id = p.value;
  return n;
}

}  // namespace

// ---- Completion -------------------------------------------------------------------

namespace {

// ASCII letters in lower case, the rest as it is: ids are ASCII, and a title's other
// letters are matched as written.
std::string lowercased(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::vector<Completion> complete(const WorkspaceState& state, const fs::path& file, std::string_view text,
                                 TextPosition at) {
  std::vector<Completion> out;
  if (!answers_for(state, file)) return out;
  const Lines doc(text);
  const std::vector<Record> records = records_of(doc);
  const Place p = place_at(file, doc, records, at);
  if (!p.ok) return out;
  const Dataset& dataset = state.analysis.dataset;
  const Json& root = schema_of(p.kind);
  const Json* mapping = mapping_schema(root, p.chain);
  if (!mapping) return out;
  const TextRange replaces = range_on(p.line, p.token_begin, p.token_end);

  if (p.at_key) {
    // The fields the mapping allows, those it already has left out.
    std::vector<std::string> present;
    const std::size_t col = std::min<std::size_t>(doc.shapes[p.line].key_col, at.column - 1);
    const auto starts_item = [&](std::size_t i) {
      return doc.shapes[i].first_dash != std::string_view::npos && doc.shapes[i].key_col == col;
    };
    const auto outside = [&](std::size_t i) { return !doc.shapes[i].blank && doc.shapes[i].key_col < col; };
    std::size_t first = p.line;
    while (!starts_item(first) && first > 0 && !outside(first - 1)) --first;
    for (std::size_t i = first; i < doc.size(); ++i) {
      if (i > p.line && (outside(i) || starts_item(i))) break;
      const Shape& s = doc.shapes[i];
      if (i != p.line && s.key_col == col && !s.key.empty()) present.emplace_back(s.key);
    }
    for (auto it = mapping->at("properties").begin(); it != mapping->at("properties").end(); ++it) {
      if (std::find(present.begin(), present.end(), it.key()) != present.end()) continue;
      Completion c;
      c.kind = Completion::Kind::field;
      c.label = it.key();
      c.detail = text_of(*it, "title");
      c.documentation = text_of(*it, "description");
      if (c.documentation.empty()) c.documentation = text_of(resolve(root, *it), "description");
      c.replaces = replaces;
      out.push_back(std::move(c));
    }
    return out;
  }

  const Field f = field_of_schema(root, *mapping, p.chain, p.key, p.kind);
  // Every id is offered while there are at most kMostCompletions of them (the editor
  // filters them as the user types); of more, only those whose id or name holds
  // what is typed of the word so far, and no more than that many, so that a dataset
  // of 100,000 events does not send them all at each key.
  const std::size_t candidates = f.holds == Holds::actor    ? dataset.actors.size()
                                 : f.holds == Holds::source ? dataset.sources.size()
                                                            : dataset.events.size();
  const std::size_t cursor = std::clamp<std::size_t>(at.column - 1, p.token_begin, p.token_end);
  const std::string typed =
      candidates <= kMostCompletions ? std::string() : lowercased(doc.lines[p.line].substr(p.token_begin, cursor - p.token_begin));
  auto wanted = [&](std::string_view id, std::string_view name) {
    return out.size() < kMostCompletions &&
           (typed.empty() || lowercased(id).find(typed) != std::string::npos ||
            lowercased(name).find(typed) != std::string::npos);
  };
  switch (f.holds) {
    case Holds::actor:
      for (const Actor& a : dataset.actors) {
        if (!wanted(a.id, a.name)) continue;
        out.push_back(Completion{Completion::Kind::actor, a.id, a.name, a.role, replaces});
      }
      return out;
    case Holds::source:
      for (const Source& s : dataset.sources) {
        if (!wanted(s.id, s.title)) continue;
        out.push_back(Completion{Completion::Kind::source, s.id, s.title,
                                 (s.publisher ? *s.publisher + ", " : std::string()) + describe(s.published),
                                 replaces});
      }
      return out;
    case Holds::event:
      for (const Event& e : dataset.events) {
        if (!wanted(e.id, e.title)) continue;
        out.push_back(Completion{Completion::Kind::event, std::string(e.id),
                                 (e.date ? e.date->text() : std::string("no date")) + " " + std::string(e.title),
                                 event_date_words(e, dataset), replaces});
      }
      return out;
    case Holds::date:
    case Holds::quote:
    case Holds::other:
      break;
  }
  const auto sibling = [&](std::string_view key) -> std::optional<std::string> {
    if (!p.record || p.chain.size() != 1) return std::nullopt;
    if (auto v = field_of(doc, *p.record, key)) return v->first;
    return std::nullopt;
  };
  for (const std::string& value : allowed_values(*mapping, f, p.key, sibling)) {
    out.push_back(Completion{Completion::Kind::value, value, f.schema ? text_of(*f.schema, "title") : std::string(),
                             {}, replaces});
  }
  return out;
}

// ---- Hover ------------------------------------------------------------------------

std::optional<Hover> hover(const WorkspaceState& state, const fs::path& file, std::string_view text, TextPosition at) {
  if (!answers_for(state, file)) return std::nullopt;
  const Lines doc(text);
  const std::vector<Record> records = records_of(doc);
  const Place p = place_at(file, doc, records, at);
  if (!p.ok) return std::nullopt;
  const Dataset& dataset = state.analysis.dataset;
  const Json& root = schema_of(p.kind);
  const Json* mapping = mapping_schema(root, p.chain);
  const std::size_t cursor_line = at.line - 1;
  if (p.at_key) {
    const Shape& s = doc.shapes[cursor_line];
    if (!mapping || s.key.empty()) return std::nullopt;
    const Field f = field_of_schema(root, *mapping, p.chain, s.key, p.kind);
    if (f.description.empty()) return std::nullopt;
    return Hover{f.description, range_on(cursor_line, s.key_col, s.key_col + s.key.size())};
  }
  const Named n = named_at(p);
  const TextRange token = range_on(cursor_line, p.token_begin, p.token_end);
  const TextRange value = range_on(cursor_line, p.value_begin, p.value_end);
  // The event the record is, in the state.
  const Event* event = nullptr;
  if (p.kind == FileKind::events && p.record) {
    if (auto id = field_of(doc, *p.record, "id")) event = dataset.event(id->first);
  }
  switch (n.holds) {
    case Holds::event:
      if (const Event* e = dataset.event(n.id)) return Hover{event_words(*e, dataset), token};
      return std::nullopt;
    case Holds::actor:
      if (const Actor* a = dataset.actor(n.id)) return Hover{actor_words(*a), token};
      return std::nullopt;
    case Holds::source:
      if (const Source* s = dataset.source(n.id)) return Hover{source_words(*s), token};
      return std::nullopt;
    case Holds::date: {
      if (p.value.empty()) return std::nullopt;
      const bool own_date = p.key == "date" && p.chain.size() == 1;
      return Hover{date_words(Edtf::parse(p.value), own_date ? event : nullptr, dataset), value};
    }
    case Holds::quote: {
      if (!event) return std::nullopt;
      const Citation* c = citation_at(*event, static_cast<std::uint32_t>(p.value_line + 1), p.value);
      if (!c) return std::nullopt;
      const Source* source = dataset.source(c->source);
      if (!source || c->paragraph == 0 || c->paragraph > source->paragraphs.size()) return std::nullopt;
      return Hover{"Paragraph " + std::to_string(c->paragraph) + " of " + source->path + ":\n\n> " +
                       std::string(source->paragraphs[c->paragraph - 1]),
                   value};
    }
    case Holds::other: break;
  }
  return std::nullopt;
}

// ---- Definition and references ----------------------------------------------------

std::vector<FileRange> definition(const WorkspaceState& state, const fs::path& file, std::string_view text,
                                  TextPosition at) {
  std::vector<FileRange> out;
  if (!answers_for(state, file)) return out;
  const Lines doc(text);
  const std::vector<Record> records = records_of(doc);
  const Place p = place_at(file, doc, records, at);
  const Named n = named_at(p);
  const Dataset& dataset = state.analysis.dataset;
  switch (n.holds) {
    case Holds::event:
      if (const Event* e = dataset.event(n.id)) out.push_back(file_range(dataset, e->where));
      break;
    case Holds::actor:
      if (const Actor* a = dataset.actor(n.id)) out.push_back(file_range(dataset, a->where));
      break;
    case Holds::source:
      if (const Source* s = dataset.source(n.id)) out.push_back(file_range(dataset, s->where));
      break;
    case Holds::quote: {
      if (!p.record) break;
      const auto id = field_of(doc, *p.record, "id");
      const Event* event = id ? dataset.event(id->first) : nullptr;
      const Citation* c = event ? citation_at(*event, static_cast<std::uint32_t>(p.value_line + 1), p.value) : nullptr;
      const Source* source = c ? dataset.source(c->source) : nullptr;
      const auto folder = dataset_folder(state);
      if (!source || c->paragraph == 0 || !folder) break;
      const fs::path path = (*folder / source->path).lexically_normal();
      if (auto line = paragraph_line(path, c->paragraph)) {
        out.push_back(FileRange{path, TextRange{{line->first, 1}, {line->first, line->second + 1}}});
      }
      break;
    }
    case Holds::date:
    case Holds::other: break;
  }
  return out;
}

std::vector<FileRange> references(const WorkspaceState& state, const fs::path& file, std::string_view text,
                                  TextPosition at, bool include_definition) {
  std::vector<FileRange> out;
  if (!answers_for(state, file)) return out;
  const Lines doc(text);
  const std::vector<Record> records = records_of(doc);
  const Named n = named_at(place_at(file, doc, records, at));
  const Dataset& dataset = state.analysis.dataset;
  if (n.id.empty()) return out;
  switch (n.holds) {
    case Holds::event: {
      const Event* target = dataset.event(n.id);
      if (!target) break;
      if (include_definition) out.push_back(file_range(dataset, target->where));
      for (const Event& e : dataset.events) {
        for (const Link& link : e.links) {
          if (link.target == n.id) out.push_back(file_range(dataset, link.where));
        }
      }
      break;
    }
    case Holds::actor: {
      const Actor* target = dataset.actor(n.id);
      if (!target) break;
      if (include_definition) out.push_back(file_range(dataset, target->where));
      for (const Actor& a : dataset.actors) {
        if (a.part_of == n.id) out.push_back(file_range(dataset, a.part_of_where));
      }
      for (const Event& e : dataset.events) {
        for (const ActorRef& ref : e.actors) {
          if (ref.id == n.id) out.push_back(file_range(dataset, e.at(ref.where)));
        }
        for (const Detail& d : e.details) {
          if (is_actor_detail(d) && d.value == n.id) out.push_back(file_range(dataset, e.at(d.where)));
        }
      }
      break;
    }
    case Holds::source: {
      const Source* target = dataset.source(n.id);
      if (!target) break;
      if (include_definition) out.push_back(file_range(dataset, target->where));
      for (const Event& e : dataset.events) {
        for (const Citation& c : e.citations) {
          if (c.source == n.id) out.push_back(file_range(dataset, e.at(c.source_where)));
        }
      }
      break;
    }
    case Holds::quote:
    case Holds::date:
    case Holds::other: break;
  }
  return out;
}

// ---- Code actions -----------------------------------------------------------------

std::vector<CodeAction> code_actions(const WorkspaceState& state, const fs::path& file, TextRange range) {
  std::vector<CodeAction> out;
  const fs::path path = normal(file);
  const auto& all = state.diagnostics.all();
  const auto before = [](TextPosition a, TextPosition b) {
    return a.line < b.line || (a.line == b.line && a.column < b.column);
  };
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Diagnostic& d = all[i];
    if (d.fixes.empty() || d.where.file >= state.diagnostics.file_count() || d.where.line == 0) continue;
    if (normal(state.diagnostics.file(d.where.file)) != path) continue;
    const TextPosition start{d.where.line, d.where.column};
    const TextPosition end{d.where.line, d.where.column + d.where.length};
    // Touching counts: an editor asks with the cursor, an empty range.
    if (before(range.end, start) || before(end, range.start)) continue;
    CodeAction action;
    action.diagnostic = i;
    for (const Fix& fix : d.fixes) {
      TextEdit edit;
      edit.where.file = path;
      edit.where.range = TextRange{{fix.where.line, fix.where.column}, {fix.where.line, fix.where.column + fix.where.length}};
      edit.text = fix.text;
      action.edits.push_back(std::move(edit));
    }
    action.title = d.check == Check::quote_not_found ? "Use the source's exact characters in the quote"
                                                     : "Change to `" + d.fixes.front().text + "`";
    out.push_back(std::move(action));
  }
  return out;
}

// ---- Symbols ----------------------------------------------------------------------

std::vector<Symbol> symbols(std::string_view text) {
  std::vector<Symbol> out;
  const Lines doc(text);
  std::string list;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const Shape& s = doc.shapes[i];
    if (s.key_col == 0 && s.first_dash == std::string_view::npos && !s.key.empty()) {
      if (s.key == "title" && list.empty()) {
        // dataset.yaml: the dataset itself, named by its title.
        Symbol d;
        d.kind = Symbol::Kind::dataset;
        d.name = scalar_text(s.value);
        d.range = range_on(i, 0, doc.lines[i].size());
        d.selection = range_on(i, s.value_col, doc.lines[i].size());
        out.push_back(std::move(d));
      }
      list = std::string(s.key);
    }
  }
  // Where the text parses, values are read whole (a title folded over lines); the
  // records themselves are found line by line either way, so a file cut short
  // still has its outline.
  YamlDocument parsed;
  Diagnostics ignored;
  std::unordered_map<std::uint32_t, const YamlNode*> parsed_records;  // by the line they start on
  if (parse_yaml(text, ignored.add_file("editor"), parsed, ignored) && parsed.root.is_mapping()) {
    for (const char* key : {"events", "actors", "sources"}) {
      const YamlNode* items = parsed.root.find(key);
      if (!items || !items->is_sequence()) continue;
      for (const YamlNode& item : items->children) {
        if (item.is_mapping()) parsed_records.emplace(item.line, &item);
      }
    }
  }
  for (const Record& r : records_of(doc)) {
    Symbol sym;
    const auto parsed_record = parsed_records.find(static_cast<std::uint32_t>(r.first + 1));
    const auto field = [&](std::string_view key) -> std::optional<std::pair<std::string, std::size_t>> {
      auto written = field_of(doc, r, key);
      if (written && parsed_record != parsed_records.end()) {
        const YamlNode* value = parsed_record->second->find(key);
        if (value && value->is_scalar()) written->first = value->value;
      }
      return written;
    };
    // The list the record is in.
    std::string in;
    for (std::size_t j = r.first + 1; j-- > 0;) {
      const Shape& s = doc.shapes[j];
      if (s.key_col == 0 && s.first_dash == std::string_view::npos && !s.key.empty()) {
        in = std::string(s.key);
        break;
      }
    }
    sym.kind = in == "actors" ? Symbol::Kind::actor : in == "sources" ? Symbol::Kind::source : Symbol::Kind::event;
    const auto id = field("id");
    const auto name = field(sym.kind == Symbol::Kind::actor ? "name" : "title");
    sym.name = name && !name->first.empty() ? name->first : id ? id->first : std::string("(no title)");
    std::vector<std::string> detail;
    if (id) detail.push_back(id->first);
    const char* const extra[][2] = {{"kind", "date"}, {"kind", "short"}, {"publisher", "published"}};
    for (const char* key : extra[static_cast<int>(sym.kind)]) {
      if (auto v = field(key); v && !v->first.empty()) detail.push_back(v->first);
    }
    for (std::size_t k = 0; k < detail.size(); ++k) sym.detail += (k ? " · " : "") + detail[k];
    sym.range = TextRange{{static_cast<std::uint32_t>(r.first + 1), static_cast<std::uint32_t>(doc.shapes[r.first].first_dash + 1)},
                          {static_cast<std::uint32_t>(r.last + 1), static_cast<std::uint32_t>(doc.lines[r.last].size() + 1)}};
    if (id) {
      const Shape& s = doc.shapes[id->second];
      sym.selection = range_on(id->second, s.value_col, doc.lines[id->second].size());
    } else {
      sym.selection = range_on(r.first, doc.shapes[r.first].key_col, doc.lines[r.first].size());
    }
    out.push_back(std::move(sym));
  }
  return out;
}

}  // namespace strikeline
