// The incremental engine: a dataset folder as an editor sees it, analysed again
// after each change by redoing only what the change touches.
//
// Each file's records are kept, as read, parsed and checked against their schema,
// with the quote checks of its events; an edit reads and parses that file alone.
// The stages across records (ids, references, graph, reasoning) then run on the
// records the other files already gave, and a file's references are checked again
// only when it changed or the ids some file defines did. The result is what
// `analyse` (analysis.h) gives for the same files, diagnostic for diagnostic.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis.h"
#include "diagnostic.h"

namespace strikeline {

// One analysed state of the dataset. It stays valid, and unchanged, for as long as
// it is held, whatever updates follow: an editor may answer a hover from the last
// state while the next one is being made.
struct WorkspaceState {
  // As analyse() gives it, but for order and the graph: an editor shows no timeline,
  // so the events stay in the order of their files (and Event::placed_on is not
  // set), and asks nothing of the graph, which is empty (the reasoning it served is
  // in the events). Dataset::files are absolute paths.
  Analysis analysis;
  Diagnostics diagnostics;  // every problem, sorted; files named by absolute path
  std::uint64_t generation = 0;  // counts the updates that made a new state

  // The records the events, sources and actors point into, kept alive with the state.
  std::vector<std::shared_ptr<const void>> keep_alive;
};

struct WorkspaceStats {
  std::size_t files = 0;       // YAML files in the dataset
  std::size_t files_read = 0;  // of which read and parsed again by this update
  double read_seconds = 0;     // reading, parsing, schema and quote checks of those files
  double cross_seconds = 0;    // ids, references, graph and reasoning over every record
  // Whether the graph and the reasoning were not made again: the files read again
  // changed nothing they read (digest_reasoning in workspace.cc), only text.
  bool reasoning_kept = false;
};

class Workspace {
 public:
  // `folder`: the dataset folder (it holds actors.yaml and sources.yaml).
  explicit Workspace(std::filesystem::path folder);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // The dataset folder that holds `file`: the nearest folder at or above it that has
  // a sources.yaml or an actors.yaml, not looking above `ceiling` when one is given
  // (an editor's workspace root). nullopt when there is none.
  static std::optional<std::filesystem::path> folder_of(const std::filesystem::path& file,
                                                        const std::filesystem::path& ceiling = {});

  const std::filesystem::path& folder() const;  // absolute and normal
  // Whether `file` lies in the dataset folder (an editor may open any file).
  bool contains(const std::filesystem::path& file) const;

  // The text of `file` as the editor holds it: it stands in for what is on disk
  // (or for a file not yet saved) until forgotten. Nothing is ever written.
  void set_text(const std::filesystem::path& file, std::string text);
  // Back to the file on disk (the editor closed it).
  void forget_text(const std::filesystem::path& file);

  // Where the editor's text of a file can be had again: the text last given to
  // set_text, or nullopt when there is none. With a source, the workspace lets go of
  // each text once it has read it, rather than holding a second copy of what the
  // editor holds, and asks for it on the thread that calls update() when it must read
  // the file again (its place in the file table moved, or its sources changed). A
  // text the source cannot give is read from disk.
  using TextSource = std::function<std::optional<std::string>(const std::filesystem::path& file)>;
  void take_texts_from(TextSource source);
  // Files on disk may have changed (saved, created, deleted, renamed): the next
  // update looks at the folder again. Files whose size and time of change are
  // unchanged are not read again.
  void disk_changed();

  // Analyses the dataset as it now stands, reading and parsing only the files that
  // changed since the last update; returns the last state when nothing changed.
  std::shared_ptr<const WorkspaceState> update(WorkspaceStats* stats = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strikeline
