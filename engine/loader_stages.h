// The loader's stages one by one, for the two that put them together: load_dataset
// (loader.h), which reads a folder once, and the workspace (workspace.h), which
// keeps each file's records and redoes only what an edit touches. Not a public
// header: the order the stages run in is the loader's and the workspace's business.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "arena.h"
#include "diagnostic.h"
#include "model.h"
#include "schema.h"
#include "source_text.h"

namespace strikeline::loading {

struct FoundFile {
  std::filesystem::path path;
  std::string shown;  // the path as the user will see it
  FileKind kind = FileKind::events;
  std::string refused;  // why the file is not read at all, or empty
};

// The schemas, compiled once per process: they are part of the program.
const SchemaChecker& schema_checker();

// How many files to read at once: the cores this process may run on.
std::size_t usable_cores();

// Every YAML file of the dataset folder, sorted by shown path.
std::vector<FoundFile> find_files(const std::filesystem::path& folder, Diagnostics& diagnostics);

// What one file contributes; files are read independently and merged in path order.
// Its diagnostics name the one file, as file 0, and so do its records' places.
struct FileRecords {
  Diagnostics diagnostics;
  std::vector<Actor> actors;
  std::vector<Source> sources;
  std::vector<Event> events;
  Arena arena;  // what the events point into
  std::vector<std::pair<std::string, Location>> broken_ids;  // ids of records left out
  std::string title, description, country, industry;         // from dataset.yaml
  double parse_seconds = 0, validate_seconds = 0, model_seconds = 0;
  bool whole = true;  // false when the file as a whole could not be read as records
  bool text_read = false;  // its text could be read, whether or not it is YAML
};

// Reads, parses and checks one file against its schema, from disk.
FileRecords read_records(const FoundFile& found, const SchemaChecker& checker);
// The same from `text`, as an editor holds the file.
FileRecords read_records(const FoundFile& found, const SchemaChecker& checker, std::string_view text);

// What is known of the registries and events when references are checked.
struct Registries {
  std::vector<std::pair<std::string, Location>> broken_actors, broken_sources, broken_events;
  // Whether each registry was read whole: where it was not, any id may be in the part
  // that was lost, so none is reported unknown. Of an event file that could not be
  // read as records, the ids its text holds are among the broken ones, so a misspelt
  // link is still reported; only an event file whose text could not be read at all
  // makes every event id possible.
  bool actors_whole = true, sources_whole = true, event_texts_read = true;
  bool have_actors = false, have_sources = false;
  std::unordered_set<std::string> unread_sources;  // sources whose text could not be read
};

// Adds one file's records to the dataset, its places renumbered to `file`, the
// index under which `diagnostics` (or the run) knows it. Taking the records moves
// them, arena and all, into the dataset. Sharing them copies the records (an event
// shallowly: its lists stay in the records' arena, which the caller keeps alive) and
// renumbers the events' links where they are, in that arena.
void take_records(Dataset& dataset, Registries& known, FileKind kind, FileRecords&& records, std::uint32_t file);
void share_records(Dataset& dataset, Registries& known, FileKind kind, FileRecords& records, std::uint32_t file);

// Registries missing from the folder, as errors on the folder.
void report_missing_registries(const std::filesystem::path& folder, Registries& known, Diagnostics& diagnostics);

// Reports ids defined twice (a note at the first) and leaves out every record after
// the first with an id. `indexed`: the caller has just called dataset.reindex().
void remove_duplicate_ids(Dataset& dataset, Diagnostics& diagnostics, bool indexed = false);

// Loads each source's text, refusing paths that leave the dataset folder. Returns
// the ids of sources whose text could not be read, whose quotes cannot be checked.
std::unordered_set<std::string> read_source_texts(const std::filesystem::path& folder, std::vector<Source>& sources,
                                                  Diagnostics& diagnostics);

// Each source's text folded for finding quotes, made when first asked for and kept,
// for a caller that checks quotes again and again against the same sources.
class QuoteIndexes {
 public:
  const QuoteIndex& of(const Dataset& dataset, std::uint32_t source);

 private:
  std::vector<std::unique_ptr<QuoteIndex>> indexes_;  // by index into Dataset::sources
};

// Finds each quote of `events` in its source's text (through `dataset`'s sources,
// indexed), filling in Citation::paragraph, and reports those it cannot find.
// Without `indexes`, each source's text is folded while its quotes are checked,
// and let go.
void check_quotes(std::span<const Event> events, const Dataset& dataset,
                  const std::unordered_set<std::string>& unread_sources, Diagnostics& diagnostics,
                  QuoteIndexes* indexes = nullptr);

// References to actors, sources and events that do not exist, and duplicates
// within an event, on the indexed dataset: of the events in the files `wanted`,
// each file's problems kept apart, for an editor, which checks again only the files
// an edit could change.
struct ReferenceScope {
  Diagnostics* actors = nullptr;  // where the actors' `part_of` problems go; null: not checked
  std::function<bool(std::uint32_t file)> wanted;  // null: every file
  std::function<Diagnostics&(std::uint32_t file)> into;
};
void check_references(const Dataset& dataset, const Registries& known, const ReferenceScope& scope);

}  // namespace strikeline::loading
