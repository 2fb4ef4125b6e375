#include "workspace.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <system_error>
#include <thread>

#include "loader.h"
#include "loader_stages.h"
#include "reason.h"

namespace strikeline {

namespace fs = std::filesystem;
using loading::FileRecords;
using loading::FoundFile;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

fs::path absolute_normal(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  return absolute.lexically_normal();
}

// What a file on disk was when it was read: a file whose size and time of change
// are the same is taken to be unchanged, as make and editors take it.
struct DiskStamp {
  fs::file_time_type changed{};
  std::uintmax_t size = 0;
  bool operator==(const DiskStamp&) const = default;
};

DiskStamp stamp_of(const fs::path& path) {
  std::error_code ec;
  DiskStamp stamp;
  stamp.changed = fs::last_write_time(path, ec);
  if (ec) return {};
  stamp.size = fs::file_size(path, ec);
  if (ec) stamp.size = 0;
  return stamp;
}

// The text an editor holds for a file, and which edit it is.
struct EditorText {
  std::string text;
  std::uint64_t edit = 0;
};

// One file as last read, with what checking its events' quotes found. The records
// are shared with every state made from them and never changed once a state holds
// them: a file whose place in the run's file table moves, or whose sources change,
// is read again rather than renumbered or checked again where it is.
struct CachedFile {
  FoundFile found;
  std::uint64_t edit = 0;  // the editor's text it was read from; 0: the file on disk
  DiskStamp stamp;
  std::uint32_t numbered_as = 0;       // its index in the run's file table
  std::uint64_t quotes_checked_for = 0;  // the sources' version its quotes were checked against
  std::shared_ptr<FileRecords> records;
  Diagnostics quote_diagnostics;  // names the file as file 0, as its records do
  std::uint64_t ids = 0;  // a digest of the ids its records define
  std::uint64_t references_checked_for = 0;  // the ids' version its references were checked against
  Diagnostics reference_diagnostics;  // files numbered as the run's table
};

// A digest of what a file's records say about which ids exist: its references to
// ids elsewhere need checking again only when another file's digest changes.
std::uint64_t digest_ids(const FileRecords& records) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  auto add = [&](std::string_view text) {
    for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    hash = (hash ^ 0xFFu) * 1099511628211ull;  // a byte no UTF-8 text holds ends each id
  };
  for (const Event& e : records.events) add(e.id);
  for (const Actor& a : records.actors) add(a.id);
  for (const Source& s : records.sources) add(s.id);
  for (const auto& [id, where] : records.broken_ids) add(id);
  add(records.whole ? "whole" : records.text_read ? "text" : "unread");
  return hash;
}

// What the sources' texts gave, kept while the sources and their texts are unchanged.
struct SourceTexts {
  std::string key;  // the sources and the size and time of change of each text
  std::vector<Source> sources;  // with their paragraphs
  std::unordered_set<std::string> unread;
  Diagnostics diagnostics;  // files numbered as the run's table, then the texts'
  std::uint64_t version = 0;
  std::shared_ptr<loading::QuoteIndexes> quote_indexes = std::make_shared<loading::QuoteIndexes>();
};

FileKind kind_of(const fs::path& relative) {
  if (relative == "actors.yaml" || relative == "actors.yml") return FileKind::actors;
  if (relative == "sources.yaml" || relative == "sources.yml") return FileKind::sources;
  if (relative == "dataset.yaml" || relative == "dataset.yml") return FileKind::dataset;
  return FileKind::events;
}

}  // namespace

struct Workspace::Impl {
  fs::path folder;
  std::map<fs::path, EditorText> texts;  // by absolute path
  std::uint64_t edits = 0;
  std::map<std::string, CachedFile> cache;  // by shown path
  SourceTexts source_texts;
  std::shared_ptr<const WorkspaceState> last;
  std::vector<std::string> last_files;  // shown paths, as the last update found them
  std::uint64_t ids_version = 0;  // changes when any file's digest_ids does
  Diagnostics actor_references;  // the actors' `part_of`, checked at ids_version
  std::uint64_t actor_references_for = 0;
  bool changed = true;
  std::uint64_t generation = 0;

  std::vector<FoundFile> files(Diagnostics& diagnostics) const;
  bool current(const CachedFile& cached, const FoundFile& found, std::uint32_t index) const;
  // Returns whether the ids any file defines changed.
  bool read(std::vector<std::pair<const FoundFile*, std::uint32_t>>& stale, WorkspaceStats* stats);
  std::shared_ptr<WorkspaceState> analyse(WorkspaceStats* stats);
};

// The folder's files, with those the editor holds that are not yet on disk.
std::vector<FoundFile> Workspace::Impl::files(Diagnostics& diagnostics) const {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    diagnostics.error(Check::file_unreadable, Location{diagnostics.add_file(folder.generic_string()), 0, 0, 1},
                      "no such dataset folder")
        .help = "the folder that held the dataset is gone; open a file in a dataset folder";
    return {};
  }
  std::vector<FoundFile> found = loading::find_files(folder, diagnostics);
  bool added = false;
  for (const auto& [path, text] : texts) {
    const std::string extension = path.extension().string();
    if (extension != ".yaml" && extension != ".yml") continue;
    // Only what the folder walk would find: inside the folder, in no hidden folder.
    const fs::path relative = path.lexically_relative(folder);
    if (relative.empty() || std::any_of(relative.begin(), relative.end(), [](const fs::path& part) {
          const std::string name = part.string();
          return name.empty() || name[0] == '.';
        })) {
      continue;
    }
    const std::string shown = path.generic_string();
    if (std::any_of(found.begin(), found.end(), [&](const FoundFile& f) { return f.shown == shown; })) continue;
    found.push_back(FoundFile{path, shown, kind_of(relative), {}});
    added = true;
  }
  if (added) {
    std::sort(found.begin(), found.end(), [](const FoundFile& a, const FoundFile& b) { return a.shown < b.shown; });
  }
  return found;
}

bool Workspace::Impl::current(const CachedFile& cached, const FoundFile& found, std::uint32_t index) const {
  if (cached.numbered_as != index || cached.found.refused != found.refused) return false;
  const auto text = texts.find(found.path);
  if (text != texts.end()) return cached.edit == text->second.edit;
  return cached.edit == 0 && cached.stamp == stamp_of(found.path) && cached.stamp != DiskStamp{};
}

// Reads the files that changed, spread over the cores as the loader spreads them.
bool Workspace::Impl::read(std::vector<std::pair<const FoundFile*, std::uint32_t>>& stale, WorkspaceStats* stats) {
  const auto started = Clock::now();
  std::vector<CachedFile> read(stale.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    const SchemaChecker& checker = loading::schema_checker();
    for (std::size_t i; (i = next.fetch_add(1)) < stale.size();) {
      const auto& [found, index] = stale[i];
      CachedFile& cached = read[i];
      cached.found = *found;
      cached.numbered_as = index;
      const auto text = texts.find(found->path);
      if (text != texts.end() && found->refused.empty()) {
        cached.edit = text->second.edit;
        cached.records = std::make_shared<FileRecords>(loading::read_records(*found, checker, text->second.text));
      } else {
        cached.stamp = stamp_of(found->path);
        cached.records = std::make_shared<FileRecords>(loading::read_records(*found, checker));
      }
    }
  };
  const std::size_t threads = std::min(loading::usable_cores(), stale.size());
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  bool ids_changed = false;
  for (CachedFile& cached : read) {
    cached.ids = digest_ids(*cached.records);
    const auto before = cache.find(cached.found.shown);
    if (before == cache.end() || before->second.ids != cached.ids || cached.found.kind != FileKind::events) {
      ids_changed = true;
    }
    const std::string shown = cached.found.shown;
    cache[shown] = std::move(cached);
  }
  if (stats) {
    stats->files_read += stale.size();
    stats->read_seconds += seconds_since(started);
  }
  return ids_changed;
}

std::shared_ptr<WorkspaceState> Workspace::Impl::analyse(WorkspaceStats* stats) {
  auto state = std::make_shared<WorkspaceState>();
  Diagnostics& diagnostics = state->diagnostics;
  Diagnostics found_diagnostics;
  const std::vector<FoundFile> files = this->files(found_diagnostics);
  if (stats) stats->files = files.size();
  // File i of the run's table is files[i], whatever else is added after them.
  for (const FoundFile& f : files) diagnostics.add_file(f.shown);
  diagnostics.append(found_diagnostics);

  std::vector<std::pair<const FoundFile*, std::uint32_t>> stale;
  auto find_stale = [&] {
    stale.clear();
    for (std::uint32_t i = 0; i < files.size(); ++i) {
      const auto cached = cache.find(files[i].shown);
      if (cached == cache.end() || !current(cached->second, files[i], i)) stale.emplace_back(&files[i], i);
    }
  };
  find_stale();
  // Files gone from the folder are let go.
  for (auto it = cache.begin(); it != cache.end();) {
    const bool kept = std::any_of(files.begin(), files.end(), [&](const FoundFile& f) { return f.shown == it->first; });
    it = kept ? std::next(it) : cache.erase(it);
  }
  std::vector<std::string> shown_files;
  for (const FoundFile& f : files) shown_files.push_back(f.shown);
  if (read(stale, stats) || shown_files != last_files || ids_version == 0) ++ids_version;
  last_files = std::move(shown_files);

  const auto cross_started = Clock::now();
  Dataset& dataset = state->analysis.dataset;
  loading::Registries known;
  std::size_t events = 0;
  for (const FoundFile& f : files) events += cache.at(f.shown).records->events.size();
  dataset.events.reserve(events);
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    CachedFile& cached = cache.at(files[i].shown);
    diagnostics.append(cached.records->diagnostics, {i});
    loading::share_records(dataset, known, files[i].kind, *cached.records, i);
    state->keep_alive.push_back(cached.records);
  }
  if (files.empty()) {
    if (fs::is_directory(folder)) {
      diagnostics.error(Check::empty_dataset, Location{diagnostics.add_file(folder.generic_string()), 0, 0, 1},
                        "no YAML files in the dataset folder")
          .help = "a dataset has actors.yaml, sources.yaml and event files ending in .yaml";
    }
  } else {
    loading::report_missing_registries(folder, known, diagnostics);
  }
  loading::remove_duplicate_ids(dataset, diagnostics);

  // The sources' texts, read again only when a source or a text changed.
  std::string key;
  for (const Source& source : dataset.sources) {
    const DiskStamp stamp = stamp_of(folder / fs::path(source.path).lexically_normal());
    key += source.id + '\n' + source.path + '\n' + std::to_string(source.path_where.file) + ':' +
           std::to_string(source.path_where.line) + ':' + std::to_string(source.path_where.column) + '\n' +
           std::to_string(stamp.changed.time_since_epoch().count()) + ' ' + std::to_string(stamp.size) + '\n';
  }
  if (key != source_texts.key || source_texts.version == 0) {
    SourceTexts fresh;
    fresh.key = std::move(key);
    for (const FoundFile& f : files) fresh.diagnostics.add_file(f.shown);
    fresh.unread = loading::read_source_texts(folder, dataset.sources, fresh.diagnostics);
    fresh.sources = dataset.sources;
    fresh.version = source_texts.version + 1;
    source_texts = std::move(fresh);
  } else {
    // The same sources as then (the key says so), in the same order: only their texts
    // are copied in, and the index of ids stays as it is.
    for (std::size_t i = 0; i < dataset.sources.size(); ++i) {
      dataset.sources[i].paragraphs = source_texts.sources[i].paragraphs;
    }
  }
  {
    std::vector<std::uint32_t> same(files.size());
    for (std::uint32_t i = 0; i < files.size(); ++i) same[i] = i;
    diagnostics.append(source_texts.diagnostics, same);
  }
  known.unread_sources = source_texts.unread;

  // Quotes: each event file's are checked once against the sources as they are.
  bool rechecked = false;
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    if (files[i].kind != FileKind::events) continue;
    CachedFile& cached = cache.at(files[i].shown);
    if (cached.quotes_checked_for == source_texts.version) continue;
    if (cached.quotes_checked_for != 0) {
      rechecked = true;  // its citations' paragraphs belong to states made before
      continue;
    }
    Diagnostics quotes;
    quotes.add_file(files[i].shown);
    loading::check_quotes(cached.records->events, dataset, known.unread_sources, quotes,
                          source_texts.quote_indexes.get());
    cached.quote_diagnostics = std::move(quotes);
    cached.quotes_checked_for = source_texts.version;
  }
  if (rechecked) {
    // The sources changed under files already checked: read those files again, so
    // that no state already made sees its records change.
    for (auto& [shown, cached] : cache) {
      if (cached.found.kind == FileKind::events && cached.quotes_checked_for != source_texts.version) {
        cached.numbered_as = UINT32_MAX;
      }
    }
    if (stats) stats->cross_seconds += seconds_since(cross_started);
    return analyse(stats);
  }
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    if (files[i].kind == FileKind::events) diagnostics.append(cache.at(files[i].shown).quote_diagnostics, {i});
  }

  // References: each file's are checked again when it was read again, or when the
  // ids some file defines changed; otherwise they are as they were.
  auto numbered_as_run = [&] {
    Diagnostics fresh;
    for (const FoundFile& f : files) fresh.add_file(f.shown);
    return fresh;
  };
  std::vector<CachedFile*> by_index(files.size());
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    by_index[i] = &cache.at(files[i].shown);
    if (by_index[i]->references_checked_for != ids_version) by_index[i]->reference_diagnostics = numbered_as_run();
  }
  const bool actors_again = actor_references_for != ids_version;
  if (actors_again) actor_references = numbered_as_run();
  loading::check_references(
      dataset, known,
      loading::ReferenceScope{actors_again ? &actor_references : nullptr,
                              [&](std::uint32_t file) { return by_index[file]->references_checked_for != ids_version; },
                              [&](std::uint32_t file) -> Diagnostics& { return by_index[file]->reference_diagnostics; }});
  actor_references_for = ids_version;
  std::vector<std::uint32_t> same(files.size());
  for (std::uint32_t i = 0; i < files.size(); ++i) same[i] = i;
  diagnostics.append(actor_references, same);
  for (CachedFile* cached : by_index) {
    cached->references_checked_for = ids_version;
    diagnostics.append(cached->reference_diagnostics, same);
  }

  // The editor shows no timeline: the events stay in the order of their files.
  Analysis& analysis = state->analysis;
  analysis.graph = DisputeGraph(dataset);
  const Reasoning reasoning = reason(dataset, analysis.graph, diagnostics, false);
  apply(dataset, reasoning);
  for (std::size_t i = 0; i < diagnostics.file_count(); ++i) {
    dataset.files.push_back(diagnostics.file(static_cast<std::uint32_t>(i)));
  }
  diagnostics.sort();
  if (stats) stats->cross_seconds += seconds_since(cross_started);
  return state;
}

Workspace::Workspace(fs::path folder) : impl_(std::make_unique<Impl>()) { impl_->folder = absolute_normal(folder); }
Workspace::~Workspace() = default;

std::optional<fs::path> Workspace::folder_of(const fs::path& file, const fs::path& ceiling) {
  const fs::path top = ceiling.empty() ? fs::path() : absolute_normal(ceiling);
  for (fs::path at = absolute_normal(file); !at.empty(); at = at.parent_path()) {
    std::error_code ec;
    if (fs::is_regular_file(at / "sources.yaml", ec) || fs::is_regular_file(at / "actors.yaml", ec)) return at;
    if (at == top || at == at.root_path()) break;
  }
  return std::nullopt;
}

const fs::path& Workspace::folder() const { return impl_->folder; }

bool Workspace::contains(const fs::path& file) const {
  const fs::path path = absolute_normal(file);
  const auto [folder_end, unused] = std::mismatch(impl_->folder.begin(), impl_->folder.end(), path.begin(), path.end());
  return folder_end == impl_->folder.end() && path != impl_->folder;
}

void Workspace::set_text(const fs::path& file, std::string text) {
  EditorText& held = impl_->texts[absolute_normal(file)];
  held.text = std::move(text);
  held.edit = ++impl_->edits;
  impl_->changed = true;
}

void Workspace::forget_text(const fs::path& file) {
  if (impl_->texts.erase(absolute_normal(file)) > 0) impl_->changed = true;
}

void Workspace::disk_changed() { impl_->changed = true; }

std::shared_ptr<const WorkspaceState> Workspace::update(WorkspaceStats* stats) {
  if (stats) *stats = WorkspaceStats{};
  if (!impl_->changed && impl_->last) return impl_->last;
  impl_->last.reset();  // let go before the next is made, unless a caller still holds it
  std::shared_ptr<WorkspaceState> state = impl_->analyse(stats);
  state->generation = ++impl_->generation;
  impl_->last = std::move(state);
  impl_->changed = false;
  return impl_->last;
}

}  // namespace strikeline
