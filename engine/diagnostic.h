// Problems found in a user's data, kept cheap until they are shown.
//
// A location is three integers; the line of text and the caret under it are only
// produced by format(), which reads the file again. The library collects
// diagnostics and never prints them: the program decides what to show and how to
// exit.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strikeline {

// A span in a file the run read. Line and column are 1-based, column in bytes;
// 0 means "the whole file" (no line to show).
struct Location {
  static constexpr std::uint32_t kNoFile = UINT32_MAX;
  std::uint32_t file = kNoFile;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t length = 1;  // bytes under the caret; clipped to the line when shown
};

enum class Severity : std::uint8_t { error, warning };

// What kind of problem it is; tests and tools match on this rather than on words.
enum class Check : std::uint8_t {
  file_unreadable,     // a file or folder could not be read
  file_too_large,      // a file is over the size strikeline reads
  yaml_syntax,         // the YAML parser rejected the text
  yaml_unsupported,    // valid YAML that strikeline refuses: anchors, aliases, tags, several documents
  duplicate_key,       // the same key twice in one mapping
  schema,              // the record does not match its JSON Schema
  duplicate_id,        // an id defined twice, in one file or across files
  unknown_reference,   // an id that names no actor, source or event
  quote_not_found,     // a quote that is not in its source text
  bad_date,            // a date that is not strict EDTF
  bad_source_path,     // a source path that is missing or leaves the dataset folder
  empty_dataset,       // nothing to check
  causal_cycle,        // causal links that lead back to where they started
  effect_before_cause, // an effect whose dates put it wholly before its cause
  impossible_dates,    // dates and links that cannot all hold together
  bad_quote,           // a quote too short to mean anything, or cut inside a word
  bad_source_text,     // a source text holding a control or bidirectional character
  duplicate_reference, // the same actor twice on an event, or the same link twice
};

// The check's stable name, as tools match on it: `quote-not-found`, `causal-cycle`.
// It is the `code` of a diagnostic in every format that carries one (JSON, SARIF,
// the language server), and never changes once published.
std::string_view code_of(Check check);

// One row of the error catalog: what a check finds and what to do about it. SARIF's
// rules are written from it, and a test holds the README's table of codes to it.
struct CheckInfo {
  Check check;
  std::string_view code;     // as code_of
  std::string_view summary;  // what the check found, one sentence without a final period
  std::string_view help;     // what usually puts it right
  Severity severity;         // the severity it reports with
};

// Every check, in the order of the enum.
std::span<const CheckInfo> check_catalog();
const CheckInfo& check_info(Check check);

// Whether a problem of this kind stops a file from being read whole: a syntax
// error, a file that cannot be read or is too large.
bool stops_reading(Check check);

struct Note {
  Location where;  // file == kNoFile for a note without a place
  std::string message;
};

// A change that would mend the problem, for a tool to offer (an editor's quick fix,
// SARIF's `fixes`): the bytes at `where`, all on one line, replaced by `text`. Only
// a change that is surely right is offered: the one id that "did you mean" found,
// the source's own characters for a quote's look-alikes.
struct Fix {
  Location where;
  std::string text;
};

struct Diagnostic {
  Severity severity = Severity::error;
  Check check = Check::schema;
  Location where;
  std::string message;  // lowercase, no final period
  std::vector<Note> notes;
  std::string help;  // what would be right, when there is something to say
  std::vector<Fix> fixes;
};

class Diagnostics {
 public:
  // Registers a file by the path to show for it ("events/2023-12.yaml").
  std::uint32_t add_file(std::string shown_path);
  const std::string& file(std::uint32_t index) const { return files_.at(index); }
  std::size_t file_count() const { return files_.size(); }

  Diagnostic& error(Check check, Location where, std::string message);
  Diagnostic& warning(Check check, Location where, std::string message);

  // Adds another run's diagnostics, renumbering its files.
  void append(const Diagnostics& other);
  // The same, where `other`'s file i is this run's file `same_as[i]` already; its
  // files past the end of `same_as` are added.
  void append(const Diagnostics& other, const std::vector<std::uint32_t>& same_as);
  // Adds diagnostics whose places already name this run's files: those a thread made
  // for this run, with no file table of their own.
  void append_placed(Diagnostics&& other);

  // Orders by file, line and column, so a run's report does not depend on the
  // order in which files were read; within a file, errors that stopped it being
  // read (stops_reading) come first, since the rest may follow from them.
  void sort();

  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t errors() const;
  std::size_t warnings() const;

 private:
  std::vector<std::string> files_;
  std::vector<Diagnostic> items_;
};

// The bytes [begin, end) of `line` that `where` underlines: from its column for its
// length, clipped to the line and widened to whole UTF-8 characters. The text format
// puts its caret there; JSON and SARIF give the same span's end.
struct LineSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};
LineSpan underlined(std::string_view line, const Location& where);

// "events/a.yaml:12:9: error: unknown event kind `strik`", the line, a caret under
// the span, then notes and help. Reads the file to show the line; a file that can
// no longer be read is shown without it.
std::string format(const Diagnostics& diagnostics, const Diagnostic& diagnostic);

// Every diagnostic in order, each file read once.
std::string format_all(const Diagnostics& diagnostics);

// "3 errors and 1 warning", "no problems".
std::string summarize(const Diagnostics& diagnostics);

}  // namespace strikeline
