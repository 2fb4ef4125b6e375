#include "yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <istream>
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

// Turns yaml-cpp's events into YamlNodes, refusing what records must not contain.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, std::uint32_t file, Diagnostics& diagnostics)
      : text_(text), file_(file), diagnostics_(diagnostics) {}

  YamlNode take_root() { return std::move(root_); }
  // A fault after which the tree does not say what the author meant.
  bool unreadable() const { return unreadable_; }
  const YamlNode* innermost_open_flow() const {
    return !open_.empty() && open_flow_.back() ? &open_.back() : nullptr;
  }
  int documents() const { return documents_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ == 2) {
      diagnostics_
          .error(Check::yaml_unsupported, at(file_, mark), "a second YAML document in the same file")
          .help = "put each file's records in one document, without a `---` line between them";
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    YamlNode node;
    place(node, mark);
    add(std::move(node));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    diagnostics_.error(Check::yaml_unsupported, at(file_, mark), "aliases (`*name`) are not supported").help =
        "write the value out in full where it is used";
    YamlNode node;
    place(node, mark);
    add(std::move(node));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    check_tag(mark, tag);
    check_closing_quote(mark);
    YamlNode node;
    node.type = YamlNode::Type::scalar;
    // yaml-cpp gives plain scalars the tag "?" and every other style "!".
    node.quoted = tag != "?";
    node.value = value;
    place(node, mark);
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
  void place(YamlNode& node, const YAML::Mark& mark) const {
    node.line = static_cast<std::uint32_t>(mark.line + 1);
    node.column = static_cast<std::uint32_t>(mark.column + 1);
  }

  void open(YamlNode::Type type, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool flow) {
    check_anchor(mark, anchor);
    check_tag(mark, tag);
    if (open_.size() + skipped_depth_ >= kMaxYamlDepth) {
      // Deeper levels are counted, not kept: the error is reported once, and the
      // tree stays shallow for everything that walks it later.
      if (skipped_depth_++ == 0 && !reported_depth_) {
        reported_depth_ = true;
        diagnostics_.error(Check::yaml_unsupported, at(file_, mark),
                           "the data is nested more than " + std::to_string(kMaxYamlDepth) + " levels deep");
      }
      return;
    }
    YamlNode node;
    node.type = type;
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
    if (parent.is_mapping() && parent.children.size() % 2 == 0 && !node.is_scalar()) {
      diagnostics_.error(Check::yaml_unsupported, Location{file_, node.line, node.column, 1},
                         node.is_null() ? "a mapping key is empty" : "a mapping key must be plain text");
      node.type = YamlNode::Type::scalar;
      node.children.clear();
    }
    parent.children.push_back(std::move(node));
  }

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return;
    diagnostics_.error(Check::yaml_unsupported, at(file_, mark), "anchors (`&name`) are not supported").help =
        "write each value out where it is used; remove the `&name`";
  }

  void check_tag(const YAML::Mark& mark, const std::string& tag) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    std::string shown = tag;
    const std::string core = "tag:yaml.org,2002:";
    if (shown.rfind(core, 0) == 0) shown = "!!" + shown.substr(core.size());
    diagnostics_.error(Check::yaml_unsupported, at(file_, mark), "YAML tags such as `" + shown + "` are not supported")
        .help = "remove the tag; strikeline reads every value as plain data";
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
          return;
        }
      }
    }
    unreadable_ = true;
    diagnostics_.error(Check::yaml_syntax, at(file_, mark), "this quotation mark is never closed").help =
        std::string("add the closing ") + quote + " where the text ends";
  }

  void check_keys(const YamlNode& mapping) {
    // A hostile file may have thousands of keys in one mapping: hash, not compare pairs.
    std::unordered_map<std::string_view, const YamlNode*> seen;
    for (std::size_t i = 0; i < mapping.entries(); ++i) {
      const YamlNode& key = mapping.key_at(i);
      if (!key.is_scalar()) continue;
      if (key.value == "<<" && !key.quoted) {
        diagnostics_.error(Check::yaml_unsupported, location_of(file_, key), "merge keys (`<<`) are not supported")
            .help = "write the merged fields out in full";
        continue;
      }
      auto [it, inserted] = seen.emplace(key.value, &key);
      if (inserted) continue;
      Diagnostic& d = diagnostics_.error(Check::duplicate_key, location_of(file_, key),
                                         "duplicate key `" + key.value + "`");
      d.notes.push_back(Note{location_of(file_, *it->second), "first defined here"});
      d.help = "a key appears once in a mapping; remove or rename one of them";
    }
  }

  std::string_view text_;
  std::uint32_t file_;
  Diagnostics& diagnostics_;
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
    {"the referenced anchor is not defined", "an alias names an anchor that does not exist",
     "write the value out in full; strikeline does not use anchors"},
};

void explain_parser_error(const std::string& raw, std::string& message, std::string& help) {
  for (const ParserMessage& known : kParserMessages) {
    if (raw.rfind(known.yaml_cpp, 0) == 0) {
      message = known.message;
      help = known.help;
      return;
    }
  }
  // Anything else is yaml-cpp's own words, lowercased to sit in a diagnostic.
  std::string text = raw;
  if (!text.empty() && text.back() == '.') text.pop_back();
  message = "the YAML could not be read: " + text;
}

// Where the first byte of malformed UTF-8 or a NUL sits, as a line and column.
Location locate_offset(std::uint32_t file, std::string_view text, std::size_t offset) {
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Location{file, line, static_cast<std::uint32_t>(offset - line_start + 1), 1};
}

bool check_encoding(std::string_view text, std::uint32_t file, Diagnostics& diagnostics) {
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    diagnostics.error(Check::yaml_syntax, Location{file, 1, 1, 2}, "the file is UTF-16 text").help =
        "save it as UTF-8";
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
  return true;
}

}  // namespace

bool parse_yaml(std::string_view text, std::uint32_t file, YamlDocument& document, Diagnostics& diagnostics) {
  document = YamlDocument{};
  if (!check_encoding(text, file, diagnostics)) return false;
  ViewBuffer buffer(text);
  std::istream stream(&buffer);
  TreeBuilder builder(text, file, diagnostics);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    std::string message, help;
    explain_parser_error(e.msg, message, help);
    Diagnostic& d = diagnostics.error(Check::yaml_syntax, at(file, e.mark), message);
    d.help = help;
    if (const YamlNode* opened = builder.innermost_open_flow()) {
      d.notes.push_back(Note{Location{file, opened->line, opened->column, 1},
                             opened->is_sequence() ? "the list opened here" : "the mapping opened here"});
    }
    return false;
  }
  if (builder.unreadable()) return false;
  document.empty = builder.documents() == 0;
  document.root = builder.take_root();
  return true;
}

}  // namespace strikeline
