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
#include "scratch.h"

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

// The text an editor holds for a file, and which edit it is. With a TextSource,
// the text is let go once read (`held` false), and asked for when needed again.
struct EditorText {
  std::string text;
  std::uint64_t edit = 0;
  bool held = true;
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
  // Its events are held once: in `records` only until a state has them, then only in
  // the last state's events, `event_count` of them from `first_event` (unless the
  // dataset has an event id twice, when the records keep them too).
  bool events_in_last = false;
  std::uint32_t first_event = 0, event_count = 0;
  std::uint64_t reasoning = 0;  // digest_reasoning
  // Of the file as it was before it was read again, when it was: where its events were
  // in the last state, and what the reasoning read of them.
  bool was_in_last = false;
  std::uint32_t was_first_event = 0, was_event_count = 0;
  std::uint64_t was_reasoning = 0;
};

// Where one file's events come from when a state's events are put together: the
// last state's events (`kept`) or those read by this update, from index `from`.
struct Segment {
  bool kept = false;
  std::uint32_t from = 0, count = 0;
};

// Puts the events of every file in file order, in the room `kept` already has: the
// kept segments are closed up to the front, then each segment, from the last file
// to the first, is moved to its place, so no second array of every event is made.
std::vector<Event> place_events(std::vector<Event> kept, std::vector<Event>& read, std::vector<Segment> segments) {
  if (std::none_of(segments.begin(), segments.end(), [](const Segment& s) { return s.kept; })) return std::move(read);
  std::size_t end = 0, total = 0;
  for (Segment& segment : segments) {
    total += segment.count;
    if (!segment.kept) continue;
    const auto first = kept.begin() + segment.from;
    if (segment.from != end) std::move(first, first + segment.count, kept.begin() + static_cast<std::ptrdiff_t>(end));
    segment.from = static_cast<std::uint32_t>(end);
    end += segment.count;
  }
  kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(end), kept.end());
  if (total > kept.capacity()) kept.reserve(total + total / 16);  // room for a few more events next time
  kept.resize(total);
  std::size_t at = total;
  for (auto segment = segments.rbegin(); segment != segments.rend(); ++segment) {
    at -= segment->count;
    if (segment->kept) {
      const auto first = kept.begin() + segment->from;
      if (segment->from != at) {
        std::move_backward(first, first + segment->count, kept.begin() + static_cast<std::ptrdiff_t>(at + segment->count));
      }
    } else {
      const auto first = read.begin() + segment->from;
      std::move(first, first + segment->count, kept.begin() + static_cast<std::ptrdiff_t>(at));
    }
  }
  return kept;
}

// FNV-1a over texts and numbers, each text ended by a byte no UTF-8 text holds.
class Digest {
 public:
  void add(std::string_view text) {
    for (const char c : text) byte(static_cast<unsigned char>(c));
    byte(0xFF);
  }
  void add(std::uint64_t number) {
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(number >> (8 * i)));
  }
  void add(Spot spot) { add(std::uint64_t{spot.line} << 32 | std::uint64_t{spot.column} << 11 | spot.length); }
  void add(const Location& where) { add(Spot::of(where)); }
  std::uint64_t value() const { return hash_; }

 private:
  void byte(unsigned char b) { hash_ = (hash_ ^ b) * 1099511628211ull; }
  std::uint64_t hash_ = 14695981039346656037ull;
};

// A digest of what a file's records say about which ids exist: its references to
// ids elsewhere need checking again only when another file's digest changes.
std::uint64_t digest_ids(const FileRecords& records) {
  Digest digest;
  for (const Event& e : records.events) digest.add(e.id);
  for (const Actor& a : records.actors) digest.add(a.id);
  for (const Source& s : records.sources) digest.add(s.id);
  for (const auto& [id, where] : records.broken_ids) digest.add(id);
  digest.add(records.whole ? "whole" : records.text_read ? "text" : "unread");
  return digest.value();
}

// A digest of all that the graph and the reasoning read of a file's events (reason.h):
// ids, kinds and details (which make an event one act), dates, links and the sources
// that report them, and the places its diagnostics point to. An edit that leaves it
// as it was (a title, a note, a quote retyped on its line) leaves what they found as
// it was.
std::uint64_t digest_reasoning(const FileRecords& records) {
  Digest digest;
  for (const Event& e : records.events) {
    digest.add(e.id);
    digest.add(e.kind);
    digest.add(e.where);
    digest.add(e.date ? std::string_view(e.date->text()) : std::string_view("\xFE"));
    digest.add(e.date_where);
    for (const Detail& d : e.details) {
      digest.add(d.key);
      digest.add(d.value);
    }
    for (const Link& l : e.links) {
      digest.add(std::uint64_t{static_cast<std::uint8_t>(l.type)});
      digest.add(l.target);
      digest.add(l.where);
    }
    for (const Citation& c : e.citations) {
      digest.add(c.source);
      digest.add(c.source_where);
    }
  }
  digest.add(std::uint64_t{records.events.size()});
  return digest.value();
}

// What the sources' texts gave, kept while the sources and their texts are unchanged.
struct SourceTexts {
  std::string key;  // the sources and the size and time of change of each text
  std::vector<Source> sources;  // with their paragraphs
  std::unordered_set<std::string> unread;
  Diagnostics diagnostics;  // files numbered as the run's table, then the texts'
  std::uint64_t version = 0;
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
  Workspace::TextSource text_source;  // where texts let go can be had again, or null
  std::uint64_t edits = 0;
  std::map<std::string, CachedFile> cache;  // by shown path
  SourceTexts source_texts;
  std::shared_ptr<WorkspaceState> last;  // whose events the next state takes over, when no one else holds it
  std::size_t last_events = 0;  // how many events it has
  // What its reasoning reported (files numbered as its table).
  Diagnostics reasoning_diagnostics;
  // Whether its events lay where their files put them (no event id given twice):
  // only then can its index of ids, and what its reasoning found, stand for the next.
  bool last_in_file_places = false;
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
  std::shared_ptr<WorkspaceState> analyse(std::shared_ptr<WorkspaceState> previous, WorkspaceStats* stats);
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
  // The editor's texts that were let go are asked for here, on the caller's thread,
  // not on the reading threads: a TextSource need not be safe to call from others.
  std::vector<std::optional<std::string>> asked(stale.size());
  for (std::size_t i = 0; i < stale.size(); ++i) {
    const auto text = texts.find(stale[i].first->path);
    if (text != texts.end() && !text->second.held && text_source) asked[i] = text_source(stale[i].first->path);
  }
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
      const std::string* editor_text = text == texts.end() ? nullptr
                                       : text->second.held ? &text->second.text
                                       : asked[i]          ? &*asked[i]
                                                           : nullptr;
      if (editor_text && found->refused.empty()) {
        cached.edit = text->second.edit;
        cached.records = std::make_shared<FileRecords>(loading::read_records(*found, checker, *editor_text));
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
    cached.reasoning = digest_reasoning(*cached.records);
    const auto before = cache.find(cached.found.shown);
    if (before == cache.end() || before->second.ids != cached.ids || cached.found.kind != FileKind::events) {
      ids_changed = true;
    }
    if (before != cache.end()) {
      cached.was_in_last = before->second.events_in_last;
      cached.was_first_event = before->second.first_event;
      cached.was_event_count = before->second.event_count;
      cached.was_reasoning = before->second.reasoning;
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

std::shared_ptr<WorkspaceState> Workspace::Impl::analyse(std::shared_ptr<WorkspaceState> previous,
                                                         WorkspaceStats* stats) {
  // The last state's events: taken over when only the workspace holds that state,
  // copied (shallowly) when a caller still does, since a held state never changes.
  std::vector<Event> kept_events;
  std::optional<IdIndex> kept_index;  // theirs, when they can be taken over
  if (previous) {
    if (previous.use_count() == 1) {
      kept_events = std::move(previous->analysis.dataset.events);
      kept_index = previous->analysis.dataset.take_event_index();
    } else {
      kept_events = previous->analysis.dataset.events;
    }
    previous.reset();  // its graph and reasoning go before the next are made
  }
  if (kept_events.size() != last_events) {
    // Not the events the cache says (an update that failed half-way): the files
    // whose events were there are read again.
    for (auto& [shown, cached] : cache) {
      if (cached.events_in_last && cached.event_count > 0) cached.numbered_as = UINT32_MAX;
    }
  }
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
  const bool ids_changed = read(stale, stats);
  // The events have the same ids in the same places as in the last state when no
  // file came or went, no id changed, the last state had no id twice, and every file
  // read again is an event file whose events the last state held, as many as now.
  // What the last reasoning found then still holds when, besides, every file read
  // again has the digest_reasoning it had: only text changed.
  bool same_places = last_in_file_places && kept_events.size() == last_events && !ids_changed &&
                     shown_files == last_files;
  bool reasoning_holds = true;
  for (const auto& [found, index] : stale) {
    const CachedFile& cached = cache.at(found->shown);
    same_places = same_places && found->kind == FileKind::events && cached.was_in_last &&
                  cached.records->events.size() == cached.was_event_count;
    reasoning_holds = reasoning_holds && cached.reasoning == cached.was_reasoning;
  }
  reasoning_holds = reasoning_holds && same_places;
  if (ids_changed || shown_files != last_files || ids_version == 0) ++ids_version;
  last_files = std::move(shown_files);

  const auto cross_started = Clock::now();
  Dataset& dataset = state->analysis.dataset;
  loading::Registries known;
  // The events of the files read now are shared into the dataset and let go from
  // their records at once; the others' are the last state's, put in place after.
  std::vector<Segment> segments(files.size());
  {
    std::size_t read_now = 0;
    for (const FoundFile& f : files) read_now += cache.at(f.shown).records->events.size();
    dataset.events.reserve(read_now);
  }
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    CachedFile& cached = cache.at(files[i].shown);
    diagnostics.append(cached.records->diagnostics, {i});
    const std::size_t before = dataset.events.size();
    loading::share_records(dataset, known, files[i].kind, *cached.records, i);
    if (cached.events_in_last) {
      segments[i] = Segment{true, cached.first_event, cached.event_count};
    } else {
      segments[i] = Segment{false, static_cast<std::uint32_t>(before),
                            static_cast<std::uint32_t>(dataset.events.size() - before)};
      if (reasoning_holds) {
        // The same events as before, one for one: what was reasoned of them stands.
        for (std::uint32_t k = 0; k < segments[i].count; ++k) {
          carry_reasoning(kept_events[cached.was_first_event + k], dataset.events[before + k]);
        }
      }
      std::vector<Event>().swap(cached.records->events);
      cached.events_in_last = true;  // once this state has them
    }
    state->keep_alive.push_back(cached.records);
  }
  {
    std::vector<Event> read_now = std::move(dataset.events);
    dataset.events = place_events(std::move(kept_events), read_now, segments);
  }
  std::vector<std::uint32_t> first_event(files.size());
  for (std::uint32_t i = 0, at = 0; i < files.size(); ++i) {
    first_event[i] = at;
    at += segments[i].count;
  }
  if (same_places && kept_index) {
    // Only the events read now are new in their places.
    for (std::uint32_t i = 0; i < files.size(); ++i) {
      if (segments[i].kept) continue;
      for (std::uint32_t k = first_event[i]; k < first_event[i] + segments[i].count; ++k) dataset.events[k].order = k;
    }
    dataset.reindex(std::move(*kept_index));
  } else {
    for (std::size_t i = 0; i < dataset.events.size(); ++i) dataset.events[i].order = static_cast<std::uint32_t>(i);
    dataset.reindex();
  }
  // An event id given twice leaves out every event after the first with it: each
  // file's events are then kept in its records too, for the states to come.
  const bool repeated_event_ids = dataset.has_repeated_event_ids();
  auto events_of = [&](std::uint32_t i) -> std::span<const Event> {
    if (repeated_event_ids) return cache.at(files[i].shown).records->events;
    return std::span<const Event>(dataset.events).subspan(first_event[i], segments[i].count);
  };
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    CachedFile& cached = cache.at(files[i].shown);
    cached.first_event = first_event[i];
    cached.event_count = segments[i].count;
    if (repeated_event_ids) {
      cached.records->events.assign(dataset.events.begin() + first_event[i],
                                    dataset.events.begin() + first_event[i] + segments[i].count);
      cached.events_in_last = false;
    }
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
  loading::remove_duplicate_ids(dataset, diagnostics, true);

  // Diagnostics that name files as the run's table does.
  auto numbered_as_run = [&] {
    Diagnostics fresh;
    for (const FoundFile& f : files) fresh.add_file(f.shown);
    return fresh;
  };
  std::vector<std::uint32_t> same(files.size());
  for (std::uint32_t i = 0; i < files.size(); ++i) same[i] = i;

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
  diagnostics.append(source_texts.diagnostics, same);
  known.unread_sources = source_texts.unread;

  // Quotes: each event file's are checked once against the sources as they are.
  std::vector<std::uint32_t> unchecked;
  bool rechecked = false;
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    if (files[i].kind != FileKind::events) continue;
    const CachedFile& cached = cache.at(files[i].shown);
    if (cached.quotes_checked_for == source_texts.version) continue;
    // Checked before, against other texts: its citations' paragraphs belong to states
    // made before.
    if (cached.quotes_checked_for != 0) rechecked = true;
    unchecked.push_back(i);
  }
  if (rechecked) {
    // The sources changed under files already checked: read those files again, so
    // that no state already made sees its records change. So are those whose events
    // only this state, now let go, held.
    for (auto& [shown, cached] : cache) {
      if ((cached.found.kind == FileKind::events && cached.quotes_checked_for != source_texts.version) ||
          (cached.events_in_last && cached.event_count > 0)) {
        cached.numbered_as = UINT32_MAX;
      }
    }
    if (stats) stats->cross_seconds += seconds_since(cross_started);
    return analyse(nullptr, stats);
  }
  // Files next to each other have their quotes checked together, so that a source's
  // text is folded once for all of them (and let go after, not held between edits);
  // what is found is then kept with the file it is about.
  for (std::size_t k = 0; k < unchecked.size();) {
    std::size_t run_end = k;
    if (!repeated_event_ids) {
      while (run_end + 1 < unchecked.size() &&
             first_event[unchecked[run_end + 1]] == first_event[unchecked[run_end]] + segments[unchecked[run_end]].count) {
        ++run_end;
      }
    }
    std::span<const Event> events = events_of(unchecked[k]);
    if (run_end > k) {
      events = std::span<const Event>(dataset.events)
                   .subspan(first_event[unchecked[k]],
                            first_event[unchecked[run_end]] + segments[unchecked[run_end]].count - first_event[unchecked[k]]);
    }
    Diagnostics quotes = numbered_as_run();
    loading::check_quotes(events, dataset, known.unread_sources, quotes);
    for (std::size_t j = k; j <= run_end; ++j) {
      CachedFile& cached = cache.at(files[unchecked[j]].shown);
      cached.quote_diagnostics = Diagnostics{};  // no file table to hold until a problem needs one
      cached.quotes_checked_for = source_texts.version;
    }
    for (const Diagnostic& d : quotes.all()) {
      const bool in_run = std::find(unchecked.begin() + static_cast<std::ptrdiff_t>(k),
                                    unchecked.begin() + static_cast<std::ptrdiff_t>(run_end) + 1,
                                    d.where.file) != unchecked.begin() + static_cast<std::ptrdiff_t>(run_end) + 1;
      Diagnostics& into = cache.at(files[in_run ? d.where.file : unchecked[k]].shown).quote_diagnostics;
      if (into.file_count() == 0) into = numbered_as_run();
      into.error(d.check, d.where, d.message) = d;
    }
    k = run_end + 1;
  }
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    if (files[i].kind == FileKind::events) diagnostics.append(cache.at(files[i].shown).quote_diagnostics, same);
  }

  // References: each file's are checked again when it was read again, or when the
  // ids some file defines changed; otherwise they are as they were.
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
  diagnostics.append(actor_references, same);
  for (CachedFile* cached : by_index) {
    if (cached->references_checked_for != ids_version && cached->reference_diagnostics.all().empty()) {
      cached->reference_diagnostics = Diagnostics{};  // nor a file table for a file with no problem
    }
    cached->references_checked_for = ids_version;
    diagnostics.append(cached->reference_diagnostics, same);
  }

  // The editor shows no timeline: the events stay in the order of their files.
  if (!reasoning_holds || repeated_event_ids) {
    // Nor is the graph kept once reasoned over: an editor asks nothing of it.
    Diagnostics reasoned = numbered_as_run();
    // The graph and all the reasoning's arrays in one block of huge pages, given back
    // once applied: this is the wait after an edit of a date or a link.
    ScratchMemory scratch(128 * dataset.events.size(), ScratchMemory::Pages::huge);
    const DisputeGraph graph(dataset, &scratch);
    const Reasoning reasoning = reason(dataset, graph, reasoned, false, &scratch);
    apply(dataset, reasoning);
    reasoning_diagnostics = std::move(reasoned);
  } else if (stats) {
    stats->reasoning_kept = true;
  }
  diagnostics.append(reasoning_diagnostics, same);
  last_in_file_places = !repeated_event_ids;
  for (std::size_t i = 0; i < diagnostics.file_count(); ++i) {
    dataset.files.push_back(diagnostics.file(static_cast<std::uint32_t>(i)));
  }
  diagnostics.sort();
  last_events = dataset.events.size();
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
  held.text.shrink_to_fit();  // perhaps held for as long as the file is open: no room for growth
  held.held = true;
  held.edit = ++impl_->edits;
  impl_->changed = true;
}

void Workspace::forget_text(const fs::path& file) {
  if (impl_->texts.erase(absolute_normal(file)) > 0) impl_->changed = true;
}

void Workspace::disk_changed() { impl_->changed = true; }

void Workspace::take_texts_from(TextSource source) { impl_->text_source = std::move(source); }

std::shared_ptr<const WorkspaceState> Workspace::update(WorkspaceStats* stats) {
  if (stats) *stats = WorkspaceStats{};
  if (!impl_->changed && impl_->last) return impl_->last;
  std::shared_ptr<WorkspaceState> state;
  try {
    state = impl_->analyse(std::move(impl_->last), stats);
  } catch (...) {
    // The events the cache counts on may be gone with the failed state: start afresh.
    impl_->cache.clear();
    impl_->source_texts = SourceTexts{};
    impl_->last_events = 0;
    impl_->last_in_file_places = false;
    throw;
  }
  if (impl_->text_source) {
    // Read: the editor holds them, and gives them again when asked.
    for (auto& [path, text] : impl_->texts) {
      text.held = false;
      std::string().swap(text.text);
    }
  }
  state->generation = ++impl_->generation;
  impl_->last = std::move(state);
  impl_->changed = false;
  return impl_->last;
}

}  // namespace strikeline
