// The schema-check stage: each file against its JSON Schema (draft-07, validated by
// valijson), with valijson's findings turned into diagnostics a person can act on.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "model.h"
#include "yaml_tree.h"

namespace strikeline {

enum class FileKind : std::uint8_t { dataset, actors, sources, events };
std::string_view schema_name(FileKind kind);  // "dataset", "actors", "sources", "events"

class SchemaChecker {
 public:
  SchemaChecker();  // compiles the schemas built into the program
  ~SchemaChecker();
  SchemaChecker(const SchemaChecker&) = delete;
  SchemaChecker& operator=(const SchemaChecker&) = delete;

  // Reports every way `root` breaks the schema of `kind`. Returns, for each item of
  // the file's top-level list, whether it broke the schema; a file whose shape is
  // wrong at the top (or, for dataset.yaml, any error) returns an empty vector.
  std::vector<bool> check(FileKind kind, const YamlNode& root, std::uint32_t file, Diagnostics& diagnostics) const;

  // The schema text, for `strikeline schema` and editors.
  static std::string_view text(FileKind kind);

  // A compiled schema, and the narrower ones a record may be checked against first
  // (defined in schema.cc, where the helpers that make them need their names).
  struct Compiled;
  struct Narrowed;

 private:
  // The whole schema of each kind of file, compiled the first time it is needed: a
  // file with narrowed schemas needs its whole one only for a record that fails.
  const Compiled& whole(FileKind kind) const;
  mutable std::once_flag compiled_once_[4];
  mutable std::unique_ptr<Compiled> compiled_[4];
  std::unique_ptr<Narrowed> narrowed_[4];  // see Narrowed in schema.cc; null where there is none
};

// The fields of an event beyond those every event has (id, kind, title, date, place,
// actors, sources, links, note), in the order the events schema lists them, each
// with what it holds: the schema is the one list of them.
struct DetailField {
  std::string name;
  DetailType type;
};
const std::vector<DetailField>& event_detail_fields();

// What an event's kind and status say about its dates, as the events schema says
// (its one list of them): `x-one-act` on the kinds (and on a ballot's statuses)
// names the events that are one act, on one day (a statement, an offer, a vote's
// result); `x-future` on the statuses of a kind names those that look ahead (a
// strike `planned` or `announced`, talks `proposed`), which sources report before
// the event has happened.
bool is_one_act(const Event& event);
bool is_future_facing(const Event& event);

namespace detail {
struct EmbeddedSchema {
  const char* name;
  const char* text;
};
extern const EmbeddedSchema kEmbeddedSchemas[];
extern const std::size_t kEmbeddedSchemaCount;
}  // namespace detail

}  // namespace strikeline
