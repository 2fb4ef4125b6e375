// What an editor asks of a file being edited: what may be written at a place, what a
// value there means, where it is defined and used, how to mend a problem, and the
// file's outline. Answers come from the last analysed state of the workspace
// (workspace.h) and the text the editor holds now, which may be newer: a file is
// read as far as it parses, and a place the state does not know gets no answer
// rather than a wrong one.
//
// Places are the engine's: 1-based lines and columns counted in bytes. The language
// server turns them into the editor's units; nothing here knows of the protocol.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workspace.h"

namespace strikeline {

struct TextPosition {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in bytes
  bool operator==(const TextPosition&) const = default;
};

// From `start` up to, not including, `end`.
struct TextRange {
  TextPosition start, end;
  bool operator==(const TextRange&) const = default;
};

struct FileRange {
  std::filesystem::path file;  // absolute
  TextRange range;
};

struct Completion {
  enum class Kind : std::uint8_t { field, value, actor, source, event };
  Kind kind = Kind::value;
  std::string label;          // what is inserted: `led-to`, `bma`, `date`
  std::string detail;         // one line shown beside it: an event's date and title, an actor's name
  std::string documentation;  // Markdown: a field's description from the schema
  TextRange replaces;         // the text the completion replaces (empty range: inserted at the cursor)
};

// The most ids complete() offers at once: those that hold what is typed of the word
// so far. A list this long may have been cut short, and an editor should ask again
// as more is typed.
inline constexpr std::size_t kMostCompletions = 200;

// What may be written at `at`: kinds, statuses and link types where each belongs,
// field names (with the schema's descriptions), and actor, source and event ids.
std::vector<Completion> complete(const WorkspaceState& state, const std::filesystem::path& file, std::string_view text,
                                 TextPosition at);

struct Hover {
  std::string markdown;
  TextRange range;  // the value hovered
};

// A date in words with its bounds and what the links infer; an event id's title
// and date; an actor's name and role; a source's title; the paragraph a quote is from.
std::optional<Hover> hover(const WorkspaceState& state, const std::filesystem::path& file, std::string_view text,
                           TextPosition at);

// From a link or `part_of` to the record it names, from a source id to its entry,
// from a quote to its line in the source text.
std::vector<FileRange> definition(const WorkspaceState& state, const std::filesystem::path& file,
                                  std::string_view text, TextPosition at);

// Every place that names the event, actor or source whose id is at `at`.
std::vector<FileRange> references(const WorkspaceState& state, const std::filesystem::path& file,
                                  std::string_view text, TextPosition at, bool include_definition);

struct TextEdit {
  FileRange where;
  std::string text;
};

struct CodeAction {
  std::string title;  // "Change to `bma`"
  std::vector<TextEdit> edits;
  std::size_t diagnostic = 0;  // index into state.diagnostics.all() of the problem it mends
  bool preferred = true;
};

// The fixes (Diagnostic::fixes) of the problems in `file` that touch `range`.
std::vector<CodeAction> code_actions(const WorkspaceState& state, const std::filesystem::path& file,
                                     TextRange range);

struct Symbol {
  enum class Kind : std::uint8_t { event, actor, source, dataset };
  Kind kind = Kind::event;
  std::string name;    // the title, or the name
  std::string detail;  // the id, kind and date
  TextRange range;     // the whole record
  TextRange selection; // its id
};

// The outline of one file: its records in the order written. Reads `text` alone.
std::vector<Symbol> symbols(std::string_view text);

}  // namespace strikeline
