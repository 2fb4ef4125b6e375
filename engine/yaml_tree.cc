#include "yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <istream>
#include <iterator>
#include <optional>
#include <streambuf>
#include <unordered_map>

#include "text.h"

namespace strikeline {

const YamlNode* YamlNode::find(std::string_view wanted) const {
  if (!is_mapping()) return nullptr;
  for (std::size_t i = 0; i < entries(); ++i) {
    if (key_at(i).is_scalar() && key_at(i).value == wanted) return &value_at(i);
  }
  return nullptr;
}

namespace {

bool all_of(std::string_view text, bool (*accept)(char)) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!accept(c)) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_core_float(std::string_view t) {
  if (t == ".inf" || t == ".Inf" || t == ".INF" || t == ".nan" || t == ".NaN" || t == ".NAN") return true;
  if (!t.empty() && (t[0] == '+' || t[0] == '-')) t.remove_prefix(1);
  if (t == ".inf" || t == ".Inf" || t == ".INF") return true;
  const std::size_t e = t.find_first_of("eE");
  std::string_view mantissa = t.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view exponent = t.substr(e + 1);
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
    if (!all_of(exponent, is_digit)) return false;
  }
  const std::size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) return all_of(mantissa, is_digit);
  const std::string_view whole = mantissa.substr(0, dot), fraction = mantissa.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  return (whole.empty() || all_of(whole, is_digit)) && (fraction.empty() || all_of(fraction, is_digit));
}

}  // namespace

ScalarKind scalar_kind(const YamlNode& node) {
  if (node.is_null()) return ScalarKind::null;
  if (!node.is_scalar()) return ScalarKind::text;
  if (node.quoted) return ScalarKind::text;
  std::string_view t = node.value;
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return ScalarKind::null;
  if (t == "true" || t == "True" || t == "TRUE" || t == "false" || t == "False" || t == "FALSE") {
    return ScalarKind::boolean;
  }
  if (t.size() > 2 && t[0] == '0' && t[1] == 'o' && all_of(t.substr(2), is_octal)) return ScalarKind::integer;
  if (t.size() > 2 && t[0] == '0' && t[1] == 'x' && all_of(t.substr(2), is_hex)) return ScalarKind::integer;
  std::string_view digits = t;
  if (digits[0] == '+' || digits[0] == '-') digits.remove_prefix(1);
  if (all_of(digits, is_digit)) return ScalarKind::integer;
  if (is_core_float(t)) return ScalarKind::number;
  return ScalarKind::text;
}

std::string describe_found(const YamlNode& node) {
  switch (node.type) {
    case YamlNode::Type::sequence: return "a list";
    case YamlNode::Type::mapping: return "a mapping";
    case YamlNode::Type::null: return "nothing";
    case YamlNode::Type::scalar: break;
  }
  switch (scalar_kind(node)) {
    case ScalarKind::null: return "nothing";
    case ScalarKind::boolean: return "`" + node.value + "` (true or false)";
    case ScalarKind::integer:
    case ScalarKind::number: return "the number " + node.value;
    case ScalarKind::text: break;
  }
  return "text";
}

Location location_of(std::uint32_t file, const YamlNode& node) {
  std::uint32_t length = 1;
  if (node.is_scalar()) {
    const std::size_t first_line = node.value.find('\n');
    const std::size_t shown = first_line == std::string::npos ? node.value.size() : first_line;
    length = static_cast<std::uint32_t>(std::min<std::size_t>(shown + (node.quoted ? 2 : 0), UINT32_MAX));
  }
  return Location{file, node.line, node.column, std::max<std::uint32_t>(length, 1)};
}

namespace {

// yaml-cpp reads from a std::istream; this lets it read the text in place.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

Location at(std::uint32_t file, const YAML::Mark& mark, std::uint32_t length = 1) {
  if (mark.is_null()) return Location{file, 0, 0, 1};
  return Location{file, static_cast<std::uint32_t>(mark.line + 1), static_cast<std::uint32_t>(mark.column + 1),
                  length};
}

// The n-th line (1-based) of the text, without its line ending, and where it starts.
std::string_view line_at(std::string_view text, std::size_t n, std::size_t* start = nullptr) {
  std::size_t begin = 0;
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return {};
    begin = nl + 1;
  }
  std::size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  if (start) *start = begin;
  std::string_view line = text.substr(begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::size_t indentation(std::string_view line) {
  const std::size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

// The plain key a `key: value` line starts with (after any `- `), or empty.
std::string_view key_of_line(std::string_view line, std::size_t* key_column = nullptr) {
  std::size_t i = indentation(line);
  while (i < line.size() && i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ') {
    i = line.find_first_not_of(' ', i + 1);
  }
  if (i >= line.size()) return {};
  std::size_t end = i;
  while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_' || line[end] == '-')) {
    ++end;
  }
  if (end == i || end >= line.size() || line[end] != ':') return {};
  if (end + 1 < line.size() && line[end + 1] != ' ') return {};
  if (key_column) *key_column = i;
  return line.substr(i, end - i);
}

// Where the first byte at `offset` sits, as a line and column.
Location locate_offset(std::uint32_t file, std::string_view text, std::size_t offset, std::uint32_t length = 1) {
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Location{file, line, static_cast<std::uint32_t>(offset - line_start + 1), length};
}

// C0 controls, DEL and C1 controls (U+0080 to U+009F), by code point.
bool is_control(unsigned code) { return code < 0x20 || (code >= 0x7F && code <= 0x9F); }

// "U+001B (escape)": what a person can search for, since the character itself is invisible.
std::string control_name(unsigned code) {
  static const char* const kNames[] = {"null", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "bell",
                                       "backspace", "tab", "line feed", "vertical tab", "form feed", "carriage return"};
  char hex[8];
  std::snprintf(hex, sizeof hex, "U+%04X", code);
  static const char* const kBidiNames[] = {"left-to-right embedding", "right-to-left embedding",
                                           "pop directional formatting", "left-to-right override",
                                           "right-to-left override"};
  static const char* const kIsolateNames[] = {"left-to-right isolate", "right-to-left isolate",
                                              "first strong isolate", "pop directional isolate"};
  const char* name = code < std::size(kNames) ? kNames[code] : code == 0x1B ? "escape" : code == 0x7F ? "delete" : nullptr;
  if (code >= 0x202A && code <= 0x202E) name = kBidiNames[code - 0x202A];
  if (code >= 0x2066 && code <= 0x2069) name = kIsolateNames[code - 0x2066];
  return name ? std::string(hex) + " (" + name + ")" : std::string(hex);
}

// The bidirectional control (U+202A–U+202E, U+2066–U+2069) whose UTF-8 starts at
// text[i], or 0. They reorder what a reader sees: an id or title that reads one way
// and is another.
unsigned bidi_control_at(std::string_view text, std::size_t i) {
  if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2) return 0;
  const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
  if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) return 0x2000 + (b2 - 0x80);
  if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 0x2040 + (b2 - 0x80);
  return 0;
}

// Thrown from a handler to end a parse that cannot go anywhere useful.
struct StopParsing {};

// Turns yaml-cpp's events into YamlNodes, refusing what records must not contain.
//
// Its diagnostics are kept until finish(): one alias bomb must not bury the report
// in a thousand identical errors, and when yaml-cpp gives up part-way, what the
// builder saw inside the broken part is noise.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, std::uint32_t file, const RecordStream* stream = nullptr)
      : text_(text), file_(file), stream_(stream) {}

  YamlNode take_root() { return std::move(root_); }
  // A fault after which the tree does not say what the author meant.
  bool unreadable() const { return unreadable_; }
  bool too_deep() const { return reported_depth_; }
  const YamlNode* innermost_open_flow() const {
    return !open_.empty() && open_flow_.back() ? &open_.back() : nullptr;
  }
  int documents() const { return documents_; }

  // Hands over the last record read, which nothing has cut short.
  void hand_over_held() {
    if (!held_) return;
    YamlNode record = std::move(*held_);
    held_.reset();
    stream_->take(std::move(record), held_index_);
  }

  // After a syntax error at `where`, before the next record started: the last
  // record read was cut short by the error if the error's line is indented deeper
  // than the top-level keys and does not start a list item. A key indented less than
  // its siblings ends the record (and perhaps the list) before yaml-cpp gives up on
  // it; a `- ` in the wrong column starts another record after a whole one.
  void end_records_at(const YAML::Mark& where) {
    if (!held_) return;
    bool whole = held_in_flow_;  // a [ ] list of records: its items end at their `}`
    if (!whole && !where.is_null()) {
      const std::string_view line = line_at(text_, static_cast<std::size_t>(where.line + 1));
      const std::size_t indent = indentation(line);
      const bool item = line.substr(indent, 2) == "- " || line.substr(indent) == "-";
      const std::size_t top_level = open_.empty() ? 0 : open_[0].column - 1;
      // A tab in the indentation is meant as indentation, however few spaces it has.
      const bool tabbed = line.substr(0, line.find_first_not_of(" \t")).find('\t') != std::string_view::npos;
      whole = !tabbed && (item || indent <= top_level);
    }
    if (whole) {
      hand_over_held();
      return;
    }
    YamlNode record = std::move(*held_);
    held_.reset();
    if (stream_->cut) stream_->cut(std::move(record), held_index_);
  }

  // Hands over what was found, leaving out anything at or after `cut` (a syntax
  // error's broken region), and saying how many of each repeated kind were not shown.
  void finish(Diagnostics& diagnostics, const Location* cut = nullptr) {
    for (Repeated& r : repeated_) {
      if (r.count == 0) continue;
      if (r.count > 1) {
        r.first.notes.push_back(Note{{}, "this file has " + std::to_string(r.count - 1) + " more " +
                                             (r.count == 2 ? r.singular : r.plural) + "; only the first is shown"});
      }
      found_.push_back(std::move(r.first));
    }
    for (Diagnostic& d : found_) {
      if (cut && (d.where.line > cut->line || (d.where.line == cut->line && d.where.column >= cut->column))) continue;
      diagnostics.error(d.check, d.where, "") = std::move(d);
    }
    found_.clear();
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 does not consume a `,` where a value should start: each call
    // then "starts" another empty document at the same place, for ever. Such a
    // comma is reported and the parse stopped.
    const bool at_comma = mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < text_.size() &&
                          text_[static_cast<std::size_t>(mark.pos)] == ',';
    if (at_comma || (documents_ > 0 && mark.pos == last_document_pos_)) {
      unreadable_ = true;
      report(Check::yaml_syntax, at(file_, mark), "a `,` outside a list written in `[ ]` or `{ }`").help =
          "remove the comma, or put the text that holds it in quotes";
      throw StopParsing{};
    }
    last_document_pos_ = mark.pos;
    if (++documents_ == 2) {
      report(Check::yaml_unsupported, at(file_, mark), "a second YAML document in the same file").help =
          "put each file's records in one document, without a `---` line between them";
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode node;
    node.faulted = !check_anchor(mark, anchor);
    place(node, mark);
    add(std::move(node));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    report_repeated(kAlias, at(file_, mark), "aliases (`*name`) are not supported",
                    "write the value out in full where it is used");
    YamlNode node;
    node.faulted = true;
    place(node, mark);
    add(std::move(node));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode node;
    // Both are checked, each reporting its own problem.
    const bool anchor_ok = check_anchor(mark, anchor);
    const bool tag_ok = check_tag(mark, tag);
    node.faulted = !anchor_ok || !tag_ok;
    check_closing_quote(mark);
    node.type = YamlNode::Type::scalar;
    // yaml-cpp gives plain scalars the tag "?" and every other style "!".
    node.quoted = tag != "?";
    node.value = value;
    node.verbatim = written_as_is(mark, node);
    place(node, mark);
    if (!check_control_characters(node)) node.faulted = true;
    add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(YamlNode::Type::sequence, mark, tag, anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(YamlNode::Type::mapping, mark, tag, anchor, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override {
    if (skipped_depth_ == 0 && !open_.empty() && open_.back().is_mapping()) check_keys(open_.back());
    close();
  }

 private:
  // Kinds of fault a hostile or machine-made file may repeat thousands of times.
  enum RepeatedKind { kAnchor, kAlias, kTag, kControl, kRepeatedKinds };
  struct Repeated {
    std::string singular, plural;
    std::size_t count = 0;
    Diagnostic first;
  };

  Diagnostic& report(Check check, Location where, std::string message) {
    found_.push_back(Diagnostic{Severity::error, check, where, std::move(message), {}, {}, {}});
    return found_.back();
  }

  void report_repeated(RepeatedKind kind, Location where, std::string message, std::string help) {
    Repeated& r = repeated_[kind];
    if (r.count++ > 0) return;
    r.first = Diagnostic{Severity::error, Check::yaml_unsupported, where, std::move(message), {}, std::move(help), {}};
  }

  void place(YamlNode& node, const YAML::Mark& mark) const {
    node.line = static_cast<std::uint32_t>(mark.line + 1);
    node.column = static_cast<std::uint32_t>(mark.column + 1);
  }

  void open(YamlNode::Type type, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool flow) {
    const bool anchor_ok = check_anchor(mark, anchor);  // both report, so both run
    const bool tag_ok = check_tag(mark, tag);
    const bool faulted = !anchor_ok || !tag_ok;
    if (open_.size() + skipped_depth_ >= kMaxYamlDepth) {
      // Deeper levels are counted, not kept: the error is reported once, and the
      // tree stays shallow for everything that walks it later. What is left of it
      // is not what the author wrote, so nothing else in the file is checked.
      if (skipped_depth_++ == 0 && !reported_depth_) {
        reported_depth_ = true;
        unreadable_ = true;
        report(Check::yaml_unsupported, at(file_, mark),
               "the data is nested more than " + std::to_string(kMaxYamlDepth) + " levels deep")
            .help = "a record needs no more than four levels: the file, its list, the record and a list in it";
      }
      return;
    }
    // A new record starts: the one before it is whole.
    if (!open_.empty() && streams_into(open_.back())) hand_over_held();
    YamlNode node;
    node.type = type;
    node.faulted = faulted;
    // Room for a record's fields or a short list at once: grown a doubling at a
    // time, the list moved every node already in it four or five times a record.
    // Only in records streamed, which are let go once read: a file held whole (one
    // whose list has another name) keeps no spare room.
    if (streaming_records()) node.children.reserve(type == YamlNode::Type::mapping ? 16 : 4);
    place(node, mark);
    open_.push_back(std::move(node));
    open_flow_.push_back(flow);
  }

  void close() {
    if (skipped_depth_ > 0) {
      --skipped_depth_;
      return;
    }
    if (open_.empty()) return;
    YamlNode node = std::move(open_.back());
    open_.pop_back();
    open_flow_.pop_back();
    add(std::move(node));
  }

  void add(YamlNode&& node) {
    if (skipped_depth_ > 0) return;
    if (open_.empty()) {
      if (documents_ == 1) root_ = std::move(node);
      return;
    }
    YamlNode& parent = open_.back();
    if (streams_into(parent)) {
      // After an unclosed quote or nesting past the limit, a record is not what
      // its author wrote: it is dropped, as the rest of the file is.
      hand_over_held();
      if (!unreadable_ && !reported_depth_) {
        held_ = std::move(node);
        held_index_ = streamed_;
        held_in_flow_ = open_flow_.back();
      }
      ++streamed_;
      return;
    }
    if (parent.is_mapping() && parent.children.size() % 2 == 1 && node.is_null()) {
      // yaml-cpp places a missing value where the next token starts, often lines
      // below; `events:` with nothing after it is best shown at its colon.
      const YamlNode& key = parent.children.back();
      if (node.line > key.line) {
        node.line = key.line;
        node.column = key.column + location_of(file_, key).length;
      }
    }
    if (parent.is_mapping() && parent.children.size() % 2 == 0 && !node.is_scalar()) {
      report(Check::yaml_unsupported, Location{file_, node.line, node.column, 1},
             node.is_null() ? "a mapping key is empty" : "a mapping key must be plain text")
          .help = "a key is a field name such as `title`, written before its `:`";
      node.type = YamlNode::Type::scalar;
      node.children.clear();
      node.faulted = true;
    }
    parent.children.push_back(std::move(node));
  }

  // Whether a node added to `parent` is an item of the streamed record list: the
  // list is the value of the top-level key the stream names.
  bool streams_into(const YamlNode& parent) const {
    return open_.size() == 2 && &parent == &open_[1] && streaming_records();
  }

  // Whether the second node open is the streamed record list, so that what opens
  // now is a record or part of one.
  bool streaming_records() const {
    if (!stream_ || documents_ != 1 || open_.size() < 2 || !open_[1].is_sequence()) return false;
    const YamlNode& root = open_[0];
    return root.is_mapping() && root.children.size() % 2 == 1 && root.children.back().is_scalar() &&
           root.children.back().value == stream_->list_key;
  }

  // Each check_ returns false when it reported something.
  bool check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return true;
    report_repeated(kAnchor, at(file_, mark), "anchors (`&name`) are not supported",
                    "write each value out where it is used; remove the `&name`");
    return false;
  }

  bool check_tag(const YAML::Mark& mark, const std::string& tag) {
    if (tag.empty() || tag == "?" || tag == "!") return true;
    std::string shown = tag;
    const std::string core = "tag:yaml.org,2002:";
    if (shown.rfind(core, 0) == 0) shown = "!!" + shown.substr(core.size());
    report_repeated(kTag, at(file_, mark), "YAML tags such as `" + shown + "` are not supported",
                    "remove the tag; strikeline reads every value as plain data");
    return false;
  }

  // Escapes in double-quoted text (`\0`, `\e`, `\x07`) can put characters into a
  // value that the file itself could not hold; they would reach terminals and
  // timelines, where they are invisible or act. Tabs and line breaks are text.
  bool check_control_characters(const YamlNode& node) {
    for (std::size_t i = 0; i < node.value.size(); ++i) {
      const auto c = static_cast<unsigned char>(node.value[i]);
      if (c >= 0x20 && c < 0x7F) continue;  // printable ASCII, nearly all text: neither kind
      unsigned code = 0x20;
      if (c < 0x80) code = c;
      if (c == 0xC2 && i + 1 < node.value.size()) code = static_cast<unsigned char>(node.value[i + 1]);
      if (const unsigned bidi = bidi_control_at(node.value, i)) {
        report_repeated(kControl, location_of(file_, node),
                        "this text contains the bidirectional control " + control_name(bidi),
                        "remove the escape that makes it; it reorders the text around it, so that what a reader "
                        "sees is not what is written");
        return false;
      }
      if (code == '\t' || code == '\n' || !is_control(code)) continue;
      report_repeated(kControl, location_of(file_, node), "this text contains the control character " + control_name(code),
                      "remove the escape that makes it; control characters are invisible in a timeline and some "
                      "act on terminals");
      return false;
    }
    return true;
  }

  // Whether the scalar's bytes in the text are its value, on one line: see
  // YamlNode::verbatim. A block scalar starts at its `|` or `>`, and so is not.
  bool written_as_is(const YAML::Mark& mark, const YamlNode& node) const {
    if (mark.is_null() || mark.pos < 0) return false;
    std::size_t at = static_cast<std::size_t>(mark.pos);
    if (at >= text_.size() || node.value.find_first_of("\r\n") != std::string::npos) return false;
    const char quote = node.quoted ? text_[at] : '\0';
    if (node.quoted && quote != '"' && quote != '\'') return false;
    if (node.quoted) ++at;
    if (text_.compare(at, node.value.size(), node.value) != 0) return false;
    return !node.quoted || (at + node.value.size() < text_.size() && text_[at + node.value.size()] == quote);
  }

  // yaml-cpp 0.7 accepts a quoted scalar that is never closed and lets it swallow
  // the rest of the file; the closing quote is looked for here instead.
  void check_closing_quote(const YAML::Mark& mark) {
    if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return;
    const char quote = text_[static_cast<std::size_t>(mark.pos)];
    if (quote != '"' && quote != '\'') return;
    for (std::size_t i = static_cast<std::size_t>(mark.pos) + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;  // an escaped character, perhaps a quote
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is a quote inside a single-quoted scalar
        } else {
          check_swallowed_keys(mark, i);
          return;
        }
      }
    }
    unreadable_ = true;
    report(Check::yaml_syntax, at(file_, mark), "this quotation mark is never closed").help =
        std::string("add the closing ") + quote + " where the text ends";
  }

  // A quotation mark left open mid-file is closed by the next one, which opens some
  // later value; the text between then swallows whole lines of keys. Quoted text
  // may span lines, but its lines never start a key at or left of the one it is in.
  void check_swallowed_keys(const YAML::Mark& mark, std::size_t closing) {
    const auto open = static_cast<std::size_t>(mark.pos);
    const std::size_t line_start = text_.rfind('\n', open) == std::string_view::npos ? 0 : text_.rfind('\n', open) + 1;
    // The column of the key whose value this is (`  - id: "…` is 4), or of the item.
    const std::string_view opening = text_.substr(line_start, open - line_start);
    std::size_t base = indentation(opening);
    key_of_line(opening, &base);
    std::uint32_t line = static_cast<std::uint32_t>(mark.line + 1);
    for (std::size_t nl = text_.find('\n', open); nl != std::string_view::npos && nl < closing;
         nl = text_.find('\n', nl + 1)) {
      ++line;
      std::string_view next = text_.substr(nl + 1);
      next = next.substr(0, next.find('\n'));
      const std::size_t indent = indentation(next);
      if (indent == next.size() || indent > base) continue;
      if (key_of_line(next).empty() && next.substr(indent, 2) != "- ") continue;
      unreadable_ = true;
      Diagnostic& d = report(Check::yaml_syntax, at(file_, mark), "this quotation mark is never closed");
      d.notes.push_back(Note{Location{file_, line, static_cast<std::uint32_t>(indent + 1), 1},
                             "the quoted text runs on over this line and what follows"});
      d.help = std::string("add the closing ") + text_[open] + " where the text ends";
      return;
    }
  }

  void check_keys(YamlNode& mapping) {
    // A hostile file may have thousands of keys in one mapping: hash, not compare pairs.
    std::unordered_map<std::string_view, const YamlNode*> seen;
    for (std::size_t i = 0; i < mapping.entries(); ++i) {
      YamlNode& key = mapping.children[2 * i];
      if (!key.is_scalar()) continue;
      if (key.value == "<<" && !key.quoted) {
        key.faulted = true;
        report(Check::yaml_unsupported, location_of(file_, key), "merge keys (`<<`) are not supported").help =
            "write the merged fields out in full";
        continue;
      }
      auto [it, inserted] = seen.emplace(key.value, &key);
      if (inserted) continue;
      Diagnostic& d = report(Check::duplicate_key, location_of(file_, key), "duplicate key `" + shortened(key.value) + "`");
      d.notes.push_back(Note{location_of(file_, *it->second), "first defined here"});
      d.help = "a key appears once in a mapping; remove or rename one of them";
    }
  }

  std::string_view text_;
  std::uint32_t file_;
  const RecordStream* stream_ = nullptr;
  std::size_t streamed_ = 0;
  std::optional<YamlNode> held_;  // the last record read, until the next one starts
  std::size_t held_index_ = 0;
  bool held_in_flow_ = false;
  int last_document_pos_ = -1;
  std::vector<Diagnostic> found_;
  Repeated repeated_[kRepeatedKinds] = {{"anchor", "anchors", 0, {}},
                                        {"alias", "aliases", 0, {}},
                                        {"tag", "tags", 0, {}},
                                        {"text with control characters", "texts with control characters", 0, {}}};
  std::vector<YamlNode> open_;  // the sequences and mappings being built, innermost last
  std::vector<bool> open_flow_;  // whether each was written inline, [ ] or { }
  bool unreadable_ = false;
  std::size_t skipped_depth_ = 0;
  bool reported_depth_ = false;
  int documents_ = 0;
  YamlNode root_;
};

// yaml-cpp's parser messages, said the way a person editing the file needs them.
struct ParserMessage {
  const char* yaml_cpp;  // the start of yaml-cpp's message
  const char* message;
  const char* help;
};
constexpr ParserMessage kParserMessages[] = {
    {"end of sequence flow not found", "a `[` list is not closed before this point", "close the list with `]`"},
    {"end of map flow not found", "a `{` mapping is not closed before this point", "close the mapping with `}`"},
    {"end of map not found", "the indentation does not fit the mapping it is in",
     "line the key up with the other keys of its mapping"},
    {"end of sequence not found", "the indentation does not fit the list it is in",
     "line the `-` up with the other items of its list"},
    {"illegal map value", "a `:` where a value cannot start",
     "put text that contains `: ` in quotes, or check the indentation"},
    {"illegal block entry", "a `-` list item where a list cannot start", "check the indentation of this line"},
    {"illegal map key", "a key where a key cannot start", "check the indentation of this line"},
    {"illegal flow end", "a closing `]` or `}` that closes nothing", "remove it, or add the `[` or `{` it closes"},
    {"illegal EOF in scalar", "the file ends inside a quoted text", "add the closing quotation mark"},
    {"illegal document indicator in scalar", "a `---` or `...` line inside a text",
     "indent the line, or put the text in quotes"},
    {"illegal character in scalar", "a character that cannot appear here in plain text", "put the text in quotes"},
    {"unknown escape character", "an unknown escape after `\\` in double-quoted text",
     "write `\\\\` for a backslash, or use single quotes"},
    {"illegal tab when looking for indentation", "a tab character in the indentation", "indent with spaces; YAML does not allow tabs there"},
    {"unknown token", "this character cannot start a YAML value here", "put the text in quotes"},
    {"YAML major version too large", "this file asks for a YAML version that does not exist yet",
     "remove the `%YAML` line; strikeline reads YAML 1.2"},
    {"bad YAML version", "the `%YAML` line does not name a version", "remove the `%YAML` line; strikeline reads YAML 1.2"},
    {"repeated YAML directive", "a second `%YAML` line", "remove the `%YAML` lines; strikeline reads YAML 1.2"},
    {"the referenced anchor is not defined", "an alias names an anchor that does not exist",
     "write the value out in full; strikeline does not use anchors"},
};

struct Explained {
  Location where;
  std::string message;
  std::string help;
  std::vector<Note> notes;
};

const char* const kBackslashHelp =
    "in double-quoted text a backslash starts an escape: write `\\\\` for a backslash, or put the text in single "
    "quotes, where a backslash is an ordinary character";

// yaml-cpp reports a bad escape somewhere after it, sometimes on the next line; the
// escape is the nearest unescaped backslash before that place.
bool explain_escape(const YAML::Exception& e, std::string_view text, std::uint32_t file, Explained& out) {
  const bool hex = e.msg.rfind(YAML::ErrorMsg::INVALID_HEX, 0) == 0;
  const bool unicode = e.msg.rfind(YAML::ErrorMsg::INVALID_UNICODE, 0) == 0;
  const bool unknown = e.msg.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0;
  if ((!hex && !unicode && !unknown) || e.mark.pos < 0) return false;
  const std::size_t from = std::min<std::size_t>(static_cast<std::size_t>(e.mark.pos), text.size());
  std::size_t backslash = std::string_view::npos;
  for (std::size_t i = from; i > 0 && from - i < 32;) {
    --i;
    if (text[i] != '\\') continue;
    std::size_t run = 1;
    while (i >= run && text[i - run] == '\\') ++run;
    if (run % 2 == 1 && i + 1 < text.size()) {
      backslash = i;
      break;
    }
    i -= run - 1;
  }
  if (backslash == std::string_view::npos) return false;
  const char letter = text[backslash + 1];
  std::size_t length = 2;
  if (hex || unicode) {
    const std::size_t digits = letter == 'x' ? 2 : letter == 'u' ? 4 : 8;
    while (length < 2 + digits && backslash + length < text.size() &&
           std::isxdigit(static_cast<unsigned char>(text[backslash + length]))) {
      ++length;
    }
    const std::string escape(text.substr(backslash, 2));
    if (hex) {
      out.message = "`" + escape + "` in double-quoted text must be followed by " + std::to_string(digits) +
                    " hexadecimal digits";
      out.help = kBackslashHelp;
    } else {
      out.message = "`" + std::string(text.substr(backslash, length)) + "` is not a Unicode character";
      out.help = "escapes name code points from \\u0000 to \\U0010FFFF, leaving out the surrogates \\uD800 to "
                 "\\uDFFF; or write the character itself";
    }
  } else {
    const auto lead = static_cast<unsigned char>(letter);
    length += lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    length = std::min(length, text.size() - backslash);
    out.message = "`" + std::string(text.substr(backslash, length)) + "` is not an escape that YAML knows";
    out.help = kBackslashHelp;
  }
  out.where = locate_offset(file, text, backslash, static_cast<std::uint32_t>(length));
  return true;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string spaces(std::size_t n) {
  return n == 0 ? "not indented" : "indented by " + std::to_string(n) + (n == 1 ? " space" : " spaces");
}

// The nearest line above the one starting at `line_start` that is neither blank nor
// a comment: its text, where it starts and its number (`line_number` is that of the
// line at `line_start`). Empty text and number 0 when there is none.
struct LineAbove {
  std::string_view text;
  std::size_t start = 0;
  std::size_t number = 0;
};
LineAbove content_line_above(std::string_view text, std::size_t line_start, std::size_t line_number) {
  // Walking back, so that a million comment lines cost a million steps, not a
  // million squared.
  for (std::size_t end = line_start; end > 0;) {
    const std::size_t newline = end - 1;  // the line feed that ends the line above
    const std::size_t before = newline == 0 ? std::string_view::npos : text.rfind('\n', newline - 1);
    const std::size_t begin = before == std::string_view::npos ? 0 : before + 1;
    std::string_view previous = text.substr(begin, newline - begin);
    end = begin;
    --line_number;
    if (!previous.empty() && previous.back() == '\r') previous.remove_suffix(1);
    const std::size_t indent = indentation(previous);
    if (indent == previous.size() || previous[indent] == '#') continue;
    return LineAbove{previous, begin, line_number};
  }
  return LineAbove{};
}

// "illegal map value" is a `:` yaml-cpp did not expect. Two mistakes cause nearly
// all of them, and each has a precise fix: a second `: ` in a plain value, and a
// key indented deeper than the one above it, which makes it part of that value.
bool explain_map_value(const YAML::Exception& e, std::string_view text, std::uint32_t file, Explained& out) {
  if (e.msg.rfind(YAML::ErrorMsg::MAP_VALUE, 0) != 0 || e.mark.is_null()) return false;
  const auto line_number = static_cast<std::size_t>(e.mark.line + 1);
  std::size_t line_start = 0;
  const std::string_view line = line_at(text, line_number, &line_start);
  const auto colon = static_cast<std::size_t>(e.mark.column);
  std::size_t key_column = 0;
  const std::string_view key = key_of_line(line, &key_column);
  if (!key.empty() && key_column + key.size() < colon && colon < line.size()) {
    std::size_t value_start = line.find_first_not_of(' ', key_column + key.size() + 1);
    std::string_view value = line.substr(value_start);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.empty() || value[0] == '"' || value[0] == '\'' || value[0] == '[' || value[0] == '{') return false;
    out.where = Location{file, static_cast<std::uint32_t>(line_number), static_cast<std::uint32_t>(value_start + 1),
                         static_cast<std::uint32_t>(value.size())};
    out.message = "text that contains `: ` must be in quotes";
    out.help = value.size() > 200 ? "put the whole text in double quotes"
                                  : "write `" + std::string(key) + ": " + double_quoted(value) + "`";
    return true;
  }
  if (key.empty() || key_column + key.size() != colon) return false;
  if (key.size() > 1024) {
    out.where = Location{file, static_cast<std::uint32_t>(line_number), static_cast<std::uint32_t>(key_column + 1),
                         static_cast<std::uint32_t>(key.size())};
    out.message = "a key of " + std::to_string(key.size()) + " characters; YAML allows keys of up to 1024";
    out.help = "keys are field names such as `title` or `date`";
    return true;
  }
  const LineAbove above = content_line_above(text, line_start, line_number);
  std::size_t previous_column = 0;
  const std::string_view previous_key = key_of_line(above.text, &previous_column);
  if (previous_key.empty() || previous_column >= key_column) return false;
  // `title:` not indented between keys that are, say, at 4: it is `title` that is
  // out of line, and this key only the first to show it.
  const LineAbove sandwich = content_line_above(text, above.start, above.number);
  std::size_t outer_column = 0;
  if (indentation(above.text) == previous_column && !key_of_line(sandwich.text, &outer_column).empty() &&
      outer_column == key_column) {
    const std::string name(previous_key), other(key);
    out.where = Location{file, static_cast<std::uint32_t>(above.number), static_cast<std::uint32_t>(previous_column + 1),
                         static_cast<std::uint32_t>(previous_key.size())};
    out.message = "`" + name + "` is " + spaces(previous_column) + ", but the keys around it are " +
                  (key_column == 0 ? "not indented" : "indented by " + std::to_string(key_column));
    out.notes.push_back(Note{Location{file, static_cast<std::uint32_t>(line_number),
                                      static_cast<std::uint32_t>(key_column + 1), static_cast<std::uint32_t>(key.size())},
                             "`" + other + "` below it is " + spaces(key_column)});
    out.help = "indent `" + name + ":` by " + std::to_string(key_column) + " spaces, like `" + other + ":`";
    return true;
  }
  out.where = Location{file, static_cast<std::uint32_t>(line_number), static_cast<std::uint32_t>(key_column + 1),
                       static_cast<std::uint32_t>(key.size())};
  out.message = "`" + std::string(key) + "` is indented more than `" + std::string(previous_key) +
                "` above it, so it reads as more of that value";
  out.help = "line `" + std::string(key) + ":` up with `" + std::string(previous_key) + ":` in column " +
             std::to_string(previous_column + 1);
  return true;
}

// "end of map not found" and "end of sequence not found" at a key are nearly always
// a key indented less than its siblings: the mapping it belongs to ends early, and
// the key then fits no mapping at all. The lines above say which columns hold keys
// of the mappings still open there; the key belongs in the nearest of them (the
// inner one on a tie).
bool explain_dedented_key(const YAML::Exception& e, std::string_view text, std::uint32_t file, Explained& out) {
  if ((e.msg.rfind("end of map not found", 0) != 0 && e.msg.rfind("end of sequence not found", 0) != 0) ||
      e.mark.is_null()) {
    return false;
  }
  const auto line_number = static_cast<std::size_t>(e.mark.line + 1);
  std::size_t line_start = 0;
  const std::string_view line = line_at(text, line_number, &line_start);
  const std::size_t column = indentation(line);
  std::size_t key_column = 0;
  const std::string_view key = key_of_line(line, &key_column);
  if (key.empty() || key_column != column || column != static_cast<std::size_t>(e.mark.column)) return false;
  struct Level {
    std::size_t column;
    std::string_view key;
    std::size_t line;
  };
  std::vector<Level> levels;  // innermost first
  std::size_t limit = column == 0 ? 0 : SIZE_MAX;  // lines indented this much or more are inside a level found
  for (LineAbove above = content_line_above(text, line_start, line_number);
       above.number > 0 && limit > 0 && levels.size() < 2; above = content_line_above(text, above.start, above.number)) {
    const std::size_t indent = indentation(above.text);
    if (indent >= limit) continue;
    std::size_t previous_column = 0;
    const std::string_view previous_key = key_of_line(above.text, &previous_column);
    if (previous_key.empty()) return false;  // text or a list of values: not a plain layout of keys
    if (previous_column < limit) levels.push_back(Level{previous_column, previous_key, above.number});
    limit = indent;
  }
  if (levels.empty()) return false;
  for (const Level& level : levels) {
    if (level.column == column) return false;  // it lines up; something else is wrong
  }
  // A key deeper than the enclosing mapping's keys belongs to the inner mapping.
  const Level& sibling = levels.size() == 1 || column > levels[1].column ? levels[0] : levels[1];
  const std::string name(key), other(sibling.key);
  out.where = Location{file, static_cast<std::uint32_t>(line_number), static_cast<std::uint32_t>(column + 1),
                       static_cast<std::uint32_t>(key.size())};
  out.message = "`" + name + "` is " + spaces(column) + ", but the other keys of its mapping are " +
                (sibling.column == 0 ? "not indented" : "indented by " + std::to_string(sibling.column));
  out.notes.push_back(Note{Location{file, static_cast<std::uint32_t>(sibling.line),
                                    static_cast<std::uint32_t>(sibling.column + 1),
                                    static_cast<std::uint32_t>(sibling.key.size())},
                           "`" + other + "` is " + spaces(sibling.column)});
  out.help = sibling.column == 0 ? "start `" + name + ":` at the beginning of the line, like `" + other + ":`"
                                 : "indent `" + name + ":` by " + std::to_string(sibling.column) +
                                       " spaces, like `" + other + ":`";
  return true;
}

// A tab in the indentation of the line yaml-cpp stopped on, whatever yaml-cpp made of
// it ("end of map not found", as often as "illegal tab"): editors show a tab as
// spaces, so the error names it and says how deep to indent instead.
bool explain_tab(const YAML::Exception& e, std::string_view text, std::uint32_t file, Explained& out) {
  if (e.mark.is_null()) return false;
  std::size_t line_start = 0;
  const std::size_t line_number = static_cast<std::size_t>(e.mark.line + 1);
  const std::string_view line = line_at(text, line_number, &line_start);
  const std::size_t content = std::min(line.find_first_not_of(" \t"), line.size());
  const std::size_t tab = line.substr(0, content).find('\t');
  if (tab == std::string_view::npos) return false;
  out.where = Location{file, static_cast<std::uint32_t>(line_number), static_cast<std::uint32_t>(tab + 1), 1};
  std::string spaced(line.substr(content));
  const std::string_view key = key_of_line(spaced);
  out.message = key.empty() ? "a tab character in the indentation"
                            : "a tab character in the indentation of `" + std::string(key) + ":`";
  out.help = "indent with spaces; YAML does not allow tabs there";
  const LineAbove above = content_line_above(text, line_start, line_number);
  std::size_t above_column = 0;
  const std::string_view above_key = key_of_line(above.text, &above_column);
  if (!key.empty() && !above_key.empty() && above.text.find('\t') == std::string_view::npos) {
    out.help = "indent `" + std::string(key) + ":` with spaces; YAML does not allow tabs there (`" +
               std::string(above_key) + ":` above it is " + spaces(above_column) + ")";
  }
  return true;
}

Explained explain_parser_error(const YAML::Exception& e, std::string_view text, std::uint32_t file) {
  Explained out;
  if (explain_escape(e, text, file, out) || explain_tab(e, text, file, out) || explain_map_value(e, text, file, out) ||
      explain_dedented_key(e, text, file, out)) {
    return out;
  }
  out.where = at(file, e.mark);
  // A comma after a value in block style ("title: x,") reads to yaml-cpp as a
  // broken mapping; what the writer needs to hear is about the comma.
  if (e.mark.pos >= 0 && static_cast<std::size_t>(e.mark.pos) < text.size() &&
      text[static_cast<std::size_t>(e.mark.pos)] == ',' && e.msg.rfind("end of map not found", 0) == 0) {
    out.message = "a `,` outside a list written in `[ ]` or `{ }`";
    out.help = "remove the comma, or put the text that holds it in quotes";
    return out;
  }
  for (const ParserMessage& known : kParserMessages) {
    if (e.msg.rfind(known.yaml_cpp, 0) == 0) {
      out.message = known.message;
      out.help = known.help;
      break;
    }
  }
  if (!out.message.empty()) return out;
  // Anything else is yaml-cpp's own words, lowercased to sit in a diagnostic.
  std::string raw = e.msg;
  if (!raw.empty() && raw.back() == '.') raw.pop_back();
  out.message = "the YAML could not be read: " + raw;
  return out;
}

// Text that looks like UTF-16 without a byte order mark: ASCII characters with a
// NUL byte beside each, all on the same side.
bool looks_like_utf16(std::string_view text) {
  const std::size_t sample = std::min<std::size_t>(text.size(), 256) & ~std::size_t{1};
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < sample; ++i) (i % 2 ? odd : even) += text[i] == '\0';
  return sample >= 4 && (even == 0 || odd == 0) && 2 * (even + odd) >= sample * 3 / 4;
}

// yaml-cpp's scanner takes about a second for every 10 MB of one line; no record
// has a line a thousandth that long, so such a line is refused before parsing.
bool check_line_lengths(std::string_view text, std::uint32_t file, Diagnostics& diagnostics) {
  std::uint32_t line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end - start > kMaxYamlLineBytes) {
      Diagnostic& d = diagnostics.error(Check::file_too_large, Location{file, line, 1, 1},
                                        "line " + std::to_string(line) + " is " + std::to_string(end - start) +
                                            " bytes long");
      d.help = "strikeline reads lines of up to " + std::to_string(kMaxYamlLineBytes >> 20) +
               " MiB; no title, quote or note is that long, so this is probably not a record";
      return false;
    }
    start = end + 1;
  }
  return true;
}

bool check_encoding(std::string_view text, std::uint32_t file, Diagnostics& diagnostics) {
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    diagnostics.error(Check::yaml_syntax, Location{file, 1, 1, 2}, "the file is UTF-16 text").help =
        "save it as UTF-8";
    return false;
  }
  if (looks_like_utf16(text)) {
    diagnostics.error(Check::yaml_syntax, Location{file, 1, 1, 2}, "the file is UTF-16 text").help =
        "save it as UTF-8; every other byte of it is NUL, as in UTF-16";
    return false;
  }
  std::size_t bad = 0;
  if (!is_valid_utf8(text, &bad)) {
    diagnostics.error(Check::yaml_syntax, locate_offset(file, text, bad), "the file is not valid UTF-8").help =
        "save it as UTF-8; the byte at this place is not part of any character";
    return false;
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    diagnostics.error(Check::yaml_syntax, locate_offset(file, text, nul), "the file contains a NUL byte").help =
        "this looks like a binary file, or text in an encoding other than UTF-8";
    return false;
  }
  // Other control characters are invisible in an editor and yaml-cpp passes them
  // into values; a carriage return alone would make yaml-cpp's line numbers differ
  // from every editor's.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) continue;  // printable ASCII, nearly all text: neither kind
    unsigned code = 0x20;
    if (c < 0x80) code = c;
    if (c == 0xC2 && i + 1 < text.size()) code = static_cast<unsigned char>(text[i + 1]);
    if (const unsigned bidi = bidi_control_at(text, i)) {
      diagnostics.error(Check::yaml_syntax, locate_offset(file, text, i, 3),
                        "the file contains the bidirectional control " + control_name(bidi))
          .help = "remove it: it is invisible and reorders the text around it, so that an id or title reads "
                  "otherwise than it is written";
      return false;
    }
    if (code == '\t' || code == '\n' || !is_control(code)) continue;
    if (code == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    Diagnostic& d = diagnostics.error(Check::yaml_syntax, locate_offset(file, text, i, c == 0xC2 ? 2 : 1),
                                      "the file contains the control character " + control_name(code));
    d.help = code == '\r' ? "save the file with Unix (LF) or Windows (CRLF) line endings"
                          : "remove it: control characters are invisible in an editor and cannot appear in YAML text";
    return false;
  }
  return true;
}

}  // namespace

bool parse_yaml(std::string_view text, std::uint32_t file, YamlDocument& document, Diagnostics& diagnostics,
                const RecordStream* records) {
  document = YamlDocument{};
  // A UTF-8 byte order mark is not part of the first line: yaml-cpp skips it, and
  // editors do not count it as a column.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!check_encoding(text, file, diagnostics)) return false;
  if (!check_line_lengths(text, file, diagnostics)) return false;
  ViewBuffer buffer(text);
  std::istream stream(&buffer);
  TreeBuilder builder(text, file, records);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const StopParsing&) {
    builder.hand_over_held();
    builder.finish(diagnostics);
    return false;
  } catch (const YAML::Exception& e) {
    // After a quotation mark that is never closed or nesting past the limit, the
    // parser's own complaint is a consequence, not news.
    if (builder.unreadable()) {
      builder.hand_over_held();
      builder.finish(diagnostics);
      return false;
    }
    builder.end_records_at(e.mark);
    Explained explained = explain_parser_error(e, text, file);
    const YamlNode* opened = builder.innermost_open_flow();
    // What the builder saw from the start of a broken [ ] or { } on misreads it.
    const Location cut = opened ? Location{file, opened->line, opened->column, 1} : explained.where;
    builder.finish(diagnostics, &cut);
    Diagnostic& d = diagnostics.error(Check::yaml_syntax, explained.where, explained.message);
    d.help = explained.help;
    d.notes = std::move(explained.notes);
    if (opened && explained.where.line != 0) {
      d.notes.push_back(Note{Location{file, opened->line, opened->column, 1},
                             opened->is_sequence() ? "the list opened here" : "the mapping opened here"});
    }
    return false;
  }
  builder.hand_over_held();
  builder.finish(diagnostics);
  if (builder.unreadable()) return false;
  document.empty = builder.documents() == 0;
  document.root = builder.take_root();
  return true;
}

}  // namespace strikeline
