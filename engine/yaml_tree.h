// The parse stage: YAML text to a small tree that remembers where each value was.
//
// Built from yaml-cpp's event API rather than its Node API: it is faster, far
// smaller, and the natural place to refuse what strikeline does not accept in
// records a person edits by hand (anchors, aliases, tags, duplicate keys, several
// documents in one file).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace strikeline {

struct YamlNode {
  enum class Type : std::uint8_t { null, scalar, sequence, mapping };

  Type type = Type::null;
  bool quoted = false;    // quoted or block scalar: always text, never a number
  // The parse stage reported this value (an alias, anchor, tag, merge key, control
  // character): later stages leave it alone rather than pile on a consequence.
  bool faulted = false;
  // A scalar written on one line exactly as its value reads (plain, or quoted with
  // no escape): its value's bytes sit at `column` (after the opening quote when
  // quoted), so a fix can replace them in place.
  bool verbatim = false;
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in bytes
  std::string value;         // a scalar's text
  // A sequence's items; a mapping's keys and values, alternating.
  std::vector<YamlNode> children;

  bool is_null() const { return type == Type::null; }
  bool is_scalar() const { return type == Type::scalar; }
  bool is_sequence() const { return type == Type::sequence; }
  bool is_mapping() const { return type == Type::mapping; }

  std::size_t entries() const { return is_mapping() ? children.size() / 2 : children.size(); }
  const YamlNode& key_at(std::size_t i) const { return children[2 * i]; }
  const YamlNode& value_at(std::size_t i) const { return children[2 * i + 1]; }
  // The value under `key` in a mapping, or nullptr.
  const YamlNode* find(std::string_view key) const;
};

// What a plain scalar means under the YAML 1.2 core schema; quoted scalars are text.
enum class ScalarKind : std::uint8_t { null, boolean, integer, number, text };
ScalarKind scalar_kind(const YamlNode& node);

// "a list", "a mapping", "the number 2023", "`true`", "text", "nothing": for
// messages that say what was found.
std::string describe_found(const YamlNode& node);

// The span a node covers on its first line, for diagnostics.
Location location_of(std::uint32_t file, const YamlNode& node);

struct YamlDocument {
  YamlNode root;
  bool empty = true;  // no document at all: an empty file or only comments
};

// Receives the items of the list under `list_key` at the top of the document
// (`events:`, `actors:`, `sources:`) one at a time, as soon as each is read, with
// its position in the list. The tree keeps that list, empty, where it was written:
// a file of any size is held one record at a time.
//
// A record is handed over once the next one starts or the list ends: until then a
// syntax error may still show that it was cut short (a key indented less than its
// siblings ends the record early). Such a record goes to `cut`, if given, with what
// was read of it, so that its id is known without its missing fields being reported.
struct RecordStream {
  std::string_view list_key;
  std::function<void(YamlNode&& record, std::size_t index)> take;
  std::function<void(YamlNode&& record, std::size_t index)> cut = nullptr;
};

// Parses one YAML document. Problems go to `diagnostics` under `file`; returns
// false when the text could not be read as YAML at all (records already streamed
// stay taken).
bool parse_yaml(std::string_view text, std::uint32_t file, YamlDocument& document, Diagnostics& diagnostics,
                const RecordStream* stream = nullptr);

// Deepest nesting accepted; records need four levels, so this leaves room while
// keeping hostile input from exhausting the stack of whoever walks the tree.
inline constexpr std::size_t kMaxYamlDepth = 64;

// Longest line accepted in a YAML file, in bytes.
inline constexpr std::size_t kMaxYamlLineBytes = 1u << 20;

}  // namespace strikeline
