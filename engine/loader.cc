#include "loader.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <chrono>
#include <thread>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cerrno>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include "loader_stages.h"
#include "read_file.h"
#include "schema.h"
#include "source_text.h"
#include "spelling.h"
#include "text.h"
#include "yaml_tree.h"

namespace strikeline {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

using loading::FileRecords;
using loading::FoundFile;
using loading::Registries;

std::string_view scalar_view(const YamlNode* node) {
  return node && node->is_scalar() ? std::string_view(node->value) : std::string_view();
}
std::string scalar(const YamlNode* node) { return std::string(scalar_view(node)); }

// Where a value sits inside the record's own file.
Spot spot_of(const YamlNode& node) { return Spot::of(location_of(Location::kNoFile, node)); }

// The system's words for an error, lowercased to sit in a diagnostic.
std::string describe(const std::error_code& ec) {
  std::string text = ec.message();
  if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
      !std::isupper(static_cast<unsigned char>(text[1]))) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

// Reads a whole file, refusing folders, devices, FIFOs and files over kMaxFileBytes
// (`*too_large` says which refusal it was), and files changed while they were read.
bool read_file(const fs::path& path, std::string& contents, std::string& why, bool* too_large = nullptr) {
  return read_regular_file(path, kMaxFileBytes, contents, why, too_large);
}

// The date's location inside its YAML scalar, for errors at a character of it.
Location inside(std::uint32_t file, const YamlNode& node, std::size_t offset, std::size_t length) {
  return Location{file, node.line, static_cast<std::uint32_t>(node.column + (node.quoted ? 1 : 0) + offset),
                  static_cast<std::uint32_t>(std::max<std::size_t>(length, 1))};
}

std::optional<Edtf> read_date(const YamlNode& node, std::uint32_t file, Diagnostics& diagnostics,
                              std::string_view what) {
  // YAML reads 0x7E7 and 0o3747 as numbers; as dates they are nonsense, and EDTF's
  // own complaint (an X that should be capital) would mislead.
  if (scalar_kind(node) == ScalarKind::integer && node.value.size() > 2 && node.value[0] == '0' &&
      (node.value[1] == 'x' || node.value[1] == 'o')) {
    const bool hex = node.value[1] == 'x';
    Diagnostic& d = diagnostics.error(Check::bad_date, location_of(file, node),
                                      std::string(what) + " `" + node.value + "` is a number in " +
                                          (hex ? "hexadecimal" : "octal") + " notation, not a date");
    d.help = "write the date in EDTF, for example `2023` or `2023-12-20`";
    return std::nullopt;
  }
  Edtf date = Edtf::parse(node.value);
  if (date.ok()) return date;
  const EdtfError& error = date.error();
  Diagnostic& d = diagnostics.error(Check::bad_date, inside(file, node, error.offset, error.length),
                                    std::string(what) + " `" + shortened(node.value) + "` is not a valid date: " + error.message);
  d.help = error.help;
  return std::nullopt;
}

Actor build_actor(const YamlNode& record, std::uint32_t file) {
  Actor actor;
  actor.id = scalar(record.find("id"));
  actor.name = scalar(record.find("name"));
  actor.short_name = scalar(record.find("short"));
  actor.kind = scalar(record.find("kind"));
  actor.part_of = scalar(record.find("part_of"));
  actor.role = scalar(record.find("role"));
  actor.where = location_of(file, *record.find("id"));
  if (const YamlNode* part_of = record.find("part_of")) actor.part_of_where = location_of(file, *part_of);
  return actor;
}

std::optional<Source> build_source(const YamlNode& record, std::uint32_t file, Diagnostics& diagnostics) {
  Source source;
  source.id = scalar(record.find("id"));
  source.title = scalar(record.find("title"));
  if (const YamlNode* publisher = record.find("publisher"); publisher && !publisher->is_null()) {
    source.publisher = publisher->value;
  }
  source.dated_by = scalar(record.find("dated_by"));
  source.author = scalar(record.find("author"));
  source.url = scalar(record.find("url"));
  source.archive_url = scalar(record.find("archive_url"));
  source.path = scalar(record.find("path"));
  source.note = scalar(record.find("note"));
  source.where = location_of(file, *record.find("id"));
  source.path_where = location_of(file, *record.find("path"));
  const auto published = read_date(*record.find("published"), file, diagnostics, "publication date");
  if (!published) return std::nullopt;
  source.published = *published;
  if (const YamlNode* retrieved = record.find("retrieved")) {
    source.retrieved = read_date(*retrieved, file, diagnostics, "retrieval date");
    if (!source.retrieved) return std::nullopt;
  }
  return source;
}

// A figure's numbers, checked against each other: bounds the words allow must hold
// together, or one of them was mistyped.
bool read_figure(const YamlNode& mapping, std::uint32_t file, Figure& figure, Diagnostics& diagnostics) {
  struct Part {
    const char* key;
    double* value;
    bool* present;
  };
  const Part parts[] = {{"low", &figure.low, &figure.has_low},
                        {"high", &figure.high, &figure.has_high},
                        {"estimate", &figure.estimate, &figure.has_estimate}};
  for (const Part& part : parts) {
    const YamlNode* node = mapping.find(part.key);
    if (!node || !node->is_scalar()) continue;
    const char* begin = node->value.data() + (node->value.starts_with('+') ? 1 : 0);
    const char* end = node->value.data() + node->value.size();
    auto [stop, error] = std::from_chars(begin, end, *part.value);
    *part.present = error == std::errc() && stop == end && std::isfinite(*part.value);
  }
  auto clash = [&](const char* smaller, const char* larger) {
    const YamlNode& at = *mapping.find(larger);
    Diagnostic& d = diagnostics.error(Check::schema, location_of(file, at),
                                      "`" + std::string(larger) + "` (" + at.value + ") is less than `" + smaller +
                                          "` (" + mapping.find(smaller)->value + ")");
    d.help = "`low` is the least the words allow, `high` the most, and `estimate` lies between them";
    return false;
  };
  if (figure.has_low && figure.has_high && figure.high < figure.low) return clash("low", "high");
  if (figure.has_low && figure.has_estimate && figure.estimate < figure.low) {
    return clash("low", "estimate");
  }
  if (figure.has_high && figure.has_estimate && figure.high < figure.estimate) {
    return clash("estimate", "high");
  }
  return true;
}

// Ids and kinds recur from event to event (every event of a file names a handful of
// actors and sources), so a file's arena keeps each once.
class Interner {
 public:
  explicit Interner(Arena& arena) : arena_(arena) {}
  std::string_view operator()(std::string_view text) {
    if (auto it = kept_.find(text); it != kept_.end()) return *it;
    return *kept_.insert(arena_.keep(text)).first;
  }

 private:
  Arena& arena_;
  std::unordered_set<std::string_view> kept_;  // views into the arena
};

std::optional<Event> build_event(const YamlNode& record, std::uint32_t file, Arena& arena, Interner& intern,
                                 Diagnostics& diagnostics) {
  auto text = [&](const char* key) { return arena.keep(scalar_view(record.find(key))); };
  Event event;
  event.id = text("id");
  event.kind = intern(scalar_view(record.find("kind")));
  event.title = text("title");
  event.place = text("place");
  event.note = text("note");
  event.where = location_of(file, *record.find("id"));
  // A value that is wrong is reported and left out, but the event stays in the
  // model: its quotes, references and links are still checked in the same run, and
  // nothing is written while there are errors.
  if (const YamlNode* date = record.find("date")) {
    event.date = read_date(*date, file, diagnostics, "date");
    event.date_where = spot_of(*date);
  }
  // Lists are gathered here, then copied into the arena at their final size.
  thread_local std::vector<Detail> details;
  thread_local std::vector<ActorRef> actors;
  thread_local std::vector<Citation> citations;
  thread_local std::vector<Link> links;
  details.clear();
  actors.clear();
  citations.clear();
  links.clear();
  for (const DetailField& field : event_detail_fields()) {
    const YamlNode* value = record.find(field.name);
    if (!value) continue;
    Detail detail{intern(field.name), {}, spot_of(*value), field.type, nullptr};
    if (field.type == DetailType::figure && value->is_mapping()) {
      detail.value = arena.keep(scalar_view(value->find("words")));
      Figure figure;
      read_figure(*value, file, figure, diagnostics);
      figure.unit = intern(scalar_view(value->find("unit")));
      detail.figure = arena.keep(std::span<const Figure>(&figure, 1)).data();
    } else {
      detail.value = intern(value->value);
      if (field.type == DetailType::date) read_date(*value, file, diagnostics, "previous date");
    }
    details.push_back(detail);
  }
  for (const YamlNode& actor : record.find("actors")->children) {
    actors.push_back(ActorRef{intern(actor.value), spot_of(actor)});
  }
  for (const YamlNode& citation : record.find("sources")->children) {
    const YamlNode& source = *citation.find("source");
    const YamlNode& quote = *citation.find("quote");
    citations.push_back(Citation{intern(source.value), arena.keep(quote.value), 0, spot_of(source),
                                 spot_of(quote), quote.verbatim});
  }
  if (const YamlNode* list = record.find("links")) {
    for (const YamlNode& link : list->children) {
      const YamlNode& target = *link.find("event");
      links.push_back(Link{*link_type_from(link.find("type")->value), arena.keep(target.value), location_of(file, target)});
    }
  }
  event.details = arena.keep(details);
  event.actors = arena.keep(actors);
  event.citations = arena.keep(citations);
  event.links = arena.keep(links);
  return event;
}

// One record of a file, after its schema check: into the model if it passed, else
// remembered by id so that references to it do not pile up more errors.
void take_record(FileRecords& out, Interner& intern, FileKind kind, const YamlNode& record, bool broken,
                 std::uint32_t file) {
  if (broken) {
    if (const YamlNode* id = record.find("id"); id && id->is_scalar()) {
      out.broken_ids.emplace_back(id->value, location_of(file, *id));
    }
    // Its date is still worth checking: the user fixes everything in one pass.
    const char* date_key = kind == FileKind::sources ? "published" : "date";
    if (const YamlNode* date = record.find(date_key); date && date->is_scalar() && kind != FileKind::actors) {
      read_date(*date, file, out.diagnostics, kind == FileKind::sources ? "publication date" : "date");
    }
    return;
  }
  switch (kind) {
    case FileKind::dataset: break;
    case FileKind::actors: out.actors.push_back(build_actor(record, file)); break;
    case FileKind::sources:
      if (auto source = build_source(record, file, out.diagnostics)) {
        out.sources.push_back(std::move(*source));
      } else {
        out.broken_ids.emplace_back(scalar(record.find("id")), Location{});
      }
      break;
    case FileKind::events:
      if (auto event = build_event(record, file, out.arena, intern, out.diagnostics)) {
        out.events.push_back(std::move(*event));
      } else {
        out.broken_ids.emplace_back(scalar(record.find("id")), Location{});
      }
      break;
  }
}

// The ids a file that could not be read as records may define: every value of an
// `id:` key in its text, found line by line without the YAML parser (`- id: x`,
// `id: "x"`, `{id: x, …}`). A reference to one of them is not reported as unknown:
// the file's own error is the news, and the id is probably there.
void salvage_ids(std::string_view text, std::uint32_t file, std::vector<std::pair<std::string, Location>>& out) {
  std::uint32_t line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    ++line_number;
    start = end + 1;
    for (std::size_t at = line.find("id"); at != std::string_view::npos; at = line.find("id", at + 1)) {
      // The key itself, perhaps quoted, after the indentation, a `- `, a `{` or a `,`.
      std::size_t key_start = at, key_end = at + 2;
      if (key_start > 0 && (line[key_start - 1] == '"' || line[key_start - 1] == '\'') && key_end < line.size() &&
          line[key_end] == line[key_start - 1]) {
        --key_start;
        ++key_end;
      }
      if (key_end >= line.size() || line[key_end] != ':') continue;
      std::size_t before = key_start;
      while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t')) --before;
      if (before > 0 && line[before - 1] != '-' && line[before - 1] != '{' && line[before - 1] != ',') continue;
      if (before > 1 && line[before - 1] == '-' && line[before - 2] != ' ' && line[before - 2] != '\t') continue;
      std::size_t value_start = key_end + 1;
      while (value_start < line.size() && (line[value_start] == ' ' || line[value_start] == '\t')) ++value_start;
      if (value_start == key_end + 1 && value_start < line.size()) continue;  // `id:x` is not a key
      std::size_t value_end = value_start;
      while (value_end < line.size() && line[value_end] != ',' && line[value_end] != '}' && line[value_end] != '#' &&
             line[value_end] != '\r') {
        ++value_end;
      }
      std::string_view value = line.substr(value_start, value_end - value_start);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      if (value.empty()) continue;
      out.emplace_back(std::string(value), Location{file, line_number, static_cast<std::uint32_t>(value_start + 1),
                                                    static_cast<std::uint32_t>(value.size())});
    }
  }
}

// Reads one file's records from `text`; of a file that could not be read as records
// whole, the ids its text may define are kept as those of records left out.
FileRecords records_from_text(const FoundFile& found, const SchemaChecker& checker, std::string_view text,
                              FileRecords out, std::uint32_t file, Clock::time_point started);
FileRecords parse_records(const FoundFile& found, const SchemaChecker& checker, std::string_view text,
                          FileRecords out, std::uint32_t file, Clock::time_point started);

FileRecords read_file_records(const FoundFile& found, const SchemaChecker& checker) {
  FileRecords out;
  const std::uint32_t file = out.diagnostics.add_file(found.shown);
  out.whole = false;  // until its list has been read
  if (!found.refused.empty()) {
    out.diagnostics.error(Check::file_unreadable, Location{file, 0, 0, 1}, found.refused);
    return out;
  }
  const auto started = Clock::now();
  std::string text, why;
  bool too_large = false;
  if (!read_file(found.path, text, why, &too_large)) {
    out.diagnostics.error(too_large ? Check::file_too_large : Check::file_unreadable, Location{file, 0, 0, 1},
                          "cannot read this file: " + why);
    return out;
  }
  return records_from_text(found, checker, text, std::move(out), file, started);
}

FileRecords text_records(const FoundFile& found, const SchemaChecker& checker, std::string_view text) {
  FileRecords out;
  const std::uint32_t file = out.diagnostics.add_file(found.shown);
  out.whole = false;
  if (text.size() > kMaxFileBytes) {
    out.diagnostics.error(Check::file_too_large, Location{file, 0, 0, 1},
                          "cannot read this file: it is " + std::to_string(text.size()) + " bytes, more than the " +
                              describe_bytes(kMaxFileBytes) + " strikeline reads");
    return out;
  }
  return records_from_text(found, checker, text, std::move(out), file, Clock::now());
}

FileRecords records_from_text(const FoundFile& found, const SchemaChecker& checker, std::string_view text,
                              FileRecords out, std::uint32_t file, Clock::time_point started) {
  out = parse_records(found, checker, text, std::move(out), file, started);
  if (!out.whole && out.text_read) salvage_ids(text, 0, out.broken_ids);
  return out;
}

FileRecords parse_records(const FoundFile& found, const SchemaChecker& checker, std::string_view text,
                          FileRecords out, std::uint32_t file, Clock::time_point started) {
  // Charges the time since `started` to one stage, then starts the next.
  auto charge = [&](double& stage) {
    const auto now = Clock::now();
    stage += std::chrono::duration<double>(now - started).count();
    started = now;
  };
  out.text_read = true;
  // Each record is checked and built the moment it is read, then let go: a file is
  // never held whole as a tree or as JSON. To its schema the record is the only
  // item of its file's list, so diagnostics read the same as for a whole file.
  const std::string_view list_key = schema_name(found.kind);
  // The records keep about as many bytes as their YAML has: a one-event file, of
  // which a dataset may have thousands, gets a block its own size.
  out.arena = Arena(text.size());
  Interner intern(out.arena);
  auto take = [&](YamlNode&& record, std::size_t) {
    charge(out.parse_seconds);
    YamlNode wrapper;
    wrapper.type = YamlNode::Type::mapping;
    YamlNode key;
    key.type = YamlNode::Type::scalar;
    key.value = std::string(list_key);
    YamlNode list;
    list.type = YamlNode::Type::sequence;
    list.children.push_back(std::move(record));
    wrapper.children.push_back(std::move(key));
    wrapper.children.push_back(std::move(list));
    const std::vector<bool> verdict = checker.check(found.kind, wrapper, file, out.diagnostics);
    charge(out.validate_seconds);
    take_record(out, intern, found.kind, wrapper.children[1].children[0], verdict.empty() || verdict[0], file);
    charge(out.model_seconds);
  };
  // A record a syntax error cut short: its id is known, its missing fields are not news.
  auto cut = [&](YamlNode&& record, std::size_t) {
    take_record(out, intern, found.kind, record, true, file);
    charge(out.model_seconds);
  };
  const RecordStream stream{list_key, take, cut};
  YamlDocument document;
  const bool parsed =
      parse_yaml(text, file, document, out.diagnostics, found.kind == FileKind::dataset ? nullptr : &stream);
  charge(out.parse_seconds);
  if (!parsed) return out;
  if (document.empty || document.root.is_null()) {
    // An empty file, or only comments, is wrong as a whole; a `~` is wrong where it is.
    const Location where = document.empty ? Location{file, 0, 0, 1} : location_of(file, document.root);
    Diagnostic& d = out.diagnostics.error(Check::schema, where, "the file has no records");
    d.help = "start the file with `" + std::string(schema_name(found.kind)) + ":` followed by a list, or delete it";
    return out;
  }
  // The file's own shape, its record list now empty.
  const std::size_t errors_before = out.diagnostics.errors();
  checker.check(found.kind, document.root, file, out.diagnostics);
  charge(out.validate_seconds);
  if (found.kind == FileKind::dataset) {
    if (out.diagnostics.errors() == errors_before) {
      out.title = scalar(document.root.find("title"));
      out.description = scalar(document.root.find("description"));
      out.country = scalar(document.root.find("country"));
      out.industry = scalar(document.root.find("industry"));
    }
    return out;
  }
  const YamlNode* list = document.root.find(schema_name(found.kind));
  if (!list || !list->is_sequence()) return out;
  out.whole = true;
  // All files' records are held until they are merged: no spare capacity.
  out.events.shrink_to_fit();
  out.actors.shrink_to_fit();
  out.sources.shrink_to_fit();
  return out;
}

std::size_t cores_to_use() {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) return std::max(CPU_COUNT(&allowed), 1);
  return std::max(std::thread::hardware_concurrency(), 1u);
}

// Every file is read, parsed, checked against its schema and turned into records
// on its own, so files are spread over the usable cores. They are handed over in
// path order, each as soon as it and those before it are done, so the outcome does
// not depend on which finished first and a file's records are let go once merged.
class ParallelReader {
 public:
  ParallelReader(const std::vector<FoundFile>& files, LoadStats* stats) : files_(files), slots_(files.size()) {
    const std::size_t threads = std::min(cores_to_use(), std::max<std::size_t>(files.size(), 1));
    if (stats) stats->threads = threads;
    for (std::size_t t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
  }
  ~ParallelReader() {
    for (std::thread& worker : workers_) worker.join();
  }
  ParallelReader(const ParallelReader&) = delete;
  ParallelReader& operator=(const ParallelReader&) = delete;

  // The records of file `index`, waiting until they are read.
  FileRecords take(std::size_t index) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return slots_[index].has_value(); });
    FileRecords records = std::move(*slots_[index]);
    slots_[index].reset();
    return records;
  }

 private:
  void work() {
    const SchemaChecker& checker = loading::schema_checker();
    for (std::size_t i; (i = next_.fetch_add(1)) < files_.size();) {
      FileRecords records = read_file_records(files_[i], checker);
      {
        std::lock_guard lock(mutex_);
        slots_[i] = std::move(records);
      }
      ready_.notify_all();
    }
  }

  const std::vector<FoundFile>& files_;
  std::vector<std::optional<FileRecords>> slots_;
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::thread> workers_;
};

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// Whether `path` lies inside `root` (both canonical).
bool is_inside(const fs::path& root, const fs::path& path) {
  const auto [root_end, unused] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

std::vector<FoundFile> find_dataset_files(const fs::path& folder, Diagnostics& diagnostics) {
  std::vector<FoundFile> found;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(folder, ec);
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    diagnostics.error(Check::file_unreadable, Location{diagnostics.add_file(folder.string()), 0, 0, 1},
                      "cannot read the dataset folder: " + ec.message());
    return found;
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      diagnostics.error(Check::file_unreadable, Location{diagnostics.add_file(folder.string()), 0, 0, 1},
                        "cannot read the dataset folder: " + ec.message());
      break;
    }
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // The walk does not enter a folder that is a link. One that leads elsewhere in
    // the dataset folder holds files read where they are; one that leads outside it
    // is refused as such a file is, and said so, rather than skipped in silence.
    if (std::error_code link_error; it->is_symlink(link_error) && fs::is_directory(path, link_error)) {
      std::error_code resolve_error;
      const fs::path target = fs::canonical(path, resolve_error);
      if (!resolve_error && !is_inside(root, target)) {
        found.push_back(FoundFile{path, (folder / path.lexically_relative(folder)).lexically_normal().generic_string() + "/",
                                  FileKind::events,
                                  "this folder is a link to a place outside the dataset folder, which strikeline does "
                                  "not read; move or copy its files into the dataset folder"});
      }
      continue;
    }
    const std::string extension = path.extension().string();
    if (extension != ".yaml" && extension != ".yml") continue;
    const fs::path relative = path.lexically_relative(folder);
    FileKind kind = FileKind::events;
    if (relative == "actors.yaml" || relative == "actors.yml") kind = FileKind::actors;
    if (relative == "sources.yaml" || relative == "sources.yml") kind = FileKind::sources;
    if (relative == "dataset.yaml" || relative == "dataset.yml") kind = FileKind::dataset;
    // A file that is a link is read only if it leads to a file in the folder: a
    // shared dataset must not make strikeline show lines of, say, ~/.ssh/config.
    std::string refused;
    if (it->is_symlink(ec)) {
      std::error_code resolve_error;
      const fs::path target = fs::canonical(path, resolve_error);
      if (resolve_error) {
        refused = "cannot read this file: it is a link that leads nowhere (" + describe(resolve_error) + ")";
      } else if (!is_inside(root, target)) {
        refused = "this file is a link to a place outside the dataset folder, which strikeline does not read";
      }
    }
    found.push_back(FoundFile{path, (folder / relative).lexically_normal().generic_string(), kind, refused});
  }
  std::sort(found.begin(), found.end(), [](const FoundFile& a, const FoundFile& b) { return a.shown < b.shown; });
  return found;
}

// Files next to where a missing source text was looked for, as the registry would
// write their paths, for "did you mean".
std::vector<std::string> neighbours(const fs::path& folder, const fs::path& written) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path parent = written.parent_path();
  for (fs::directory_iterator it(folder / parent, ec), end; !ec && it != end && out.size() < 1000; it.increment(ec)) {
    if (it->is_regular_file(ec)) out.push_back((parent / it->path().filename()).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A source's text read and split into paragraphs ahead of the loop below, on every
// core, when nothing about it calls for a diagnostic: the same tests as the loop's,
// in the same order. Anything else is left to the loop, which then says why.
std::optional<Paragraphs> sound_source_text(const fs::path& folder, const fs::path& root, const Source& source) {
  const fs::path written(source.path);
  const fs::path normal = written.lexically_normal();
  if (written.is_absolute() || normal.empty() || *normal.begin() == "..") return std::nullopt;
  const fs::path full = folder / normal;
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(full, ec);
  const auto [root_end, unused] = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  if (ec || root_end != root.end()) return std::nullopt;
  if (const std::string extension = resolved.extension().string();
      extension == ".yaml" || extension == ".yml" || normal.extension() == ".yaml" || normal.extension() == ".yml") {
    return std::nullopt;
  }
  std::string text, why;
  if (!read_file(full, text, why)) return std::nullopt;
  std::size_t bad = 0;
  if (!is_valid_utf8(text, &bad) || forbidden_character(text)) return std::nullopt;
  return split_paragraphs(text);
}

// Loads each source's text, refusing paths that leave the dataset folder. Returns
// the ids of sources whose text could not be read, whose quotes cannot be checked.
std::unordered_set<std::string> load_source_texts(const fs::path& folder, std::vector<Source>& sources,
                                                  Diagnostics& diagnostics) {
  std::unordered_set<std::string> unread;
  std::size_t missing_texts = 0;  // "did you mean" lists a folder: done for the first hundred only
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(folder, ec);
  // Many sources are read and split on every core first; the loop then only takes
  // the paragraphs of each sound one, and reports on the others in order.
  std::vector<std::optional<Paragraphs>> ready(sources.size());
  constexpr std::size_t kSourcesWorthAThread = 16;
  const std::size_t threads = std::min(cores_to_use(), sources.size() / kSourcesWorthAThread + 1);
  if (threads > 1) {
    std::atomic<std::size_t> next{0};
    auto prepare = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < sources.size();) ready[i] = sound_source_text(folder, root, sources[i]);
    };
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(prepare);
    prepare();
    for (std::thread& helper : helpers) helper.join();
  }
  for (std::size_t index = 0; index < sources.size(); ++index) {
    Source& source = sources[index];
    unread.insert(source.id);
    if (ready[index]) {
      source.paragraphs = std::move(*ready[index]);
      ready[index].reset();
      unread.erase(source.id);
      continue;
    }
    const Location where = source.path_where;
    const fs::path written(source.path);
    const fs::path normal = written.lexically_normal();
    if (written.is_absolute() || normal.empty() || *normal.begin() == "..") {
      diagnostics.error(Check::bad_source_path, where, "source path `" + shortened(source.path) + "` leaves the dataset folder")
          .help = "give the path relative to the dataset folder, for example `sources/article.txt`";
      continue;
    }
    const fs::path full = folder / normal;
    const fs::path resolved = fs::weakly_canonical(full, ec);
    const auto [root_end, unused] = std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
    if (ec) {
      diagnostics.error(Check::bad_source_path, where, "cannot read source text `" + shortened(source.path) + "`: " + describe(ec));
      continue;
    }
    if (root_end != root.end()) {
      diagnostics.error(Check::bad_source_path, where,
                        "source path `" + shortened(source.path) + "` leads outside the dataset folder through a link")
          .help = "copy the text into the dataset folder and give its path there";
      continue;
    }
    // The dataset's own YAML files (events, registries, dataset.yaml) are not what
    // events are quoted from: quoting the events file would make any quote "found".
    if (const std::string extension = resolved.extension().string();
        extension == ".yaml" || extension == ".yml" || normal.extension() == ".yaml" || normal.extension() == ".yml") {
      diagnostics.error(Check::bad_source_path, where,
                        "source path `" + shortened(source.path) + "` names one of the dataset's YAML files, not a source text")
          .help = "give the path of the text the events quote, saved as a text file (for example `sources/article.txt`)";
      continue;
    }
    std::string text, why;
    if (!read_file(full, text, why)) {
      Diagnostic& d = diagnostics.error(Check::bad_source_path, where, "cannot read source text `" + shortened(source.path) + "`: " + why);
      if (!fs::exists(fs::symlink_status(full, ec))) {
        d.message = "source text `" + shortened(source.path) + "` does not exist";
        if (auto suggestion = ++missing_texts <= 100 ? closest(normal.generic_string(), neighbours(folder, normal))
                                                     : std::nullopt) {
          d.notes.push_back(Note{{}, "did you mean `" + *suggestion + "`?"});
        } else {
          d.help = "the path is relative to the dataset folder, " + folder.generic_string();
        }
      }
      continue;
    }
    std::size_t bad = 0;
    if (!is_valid_utf8(text, &bad)) {
      const std::size_t line_start = text.rfind('\n', bad) == std::string::npos ? 0 : text.rfind('\n', bad) + 1;
      const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
      diagnostics.error(Check::bad_source_path, where,
                        "source text `" + shortened(source.path) + "` is not valid UTF-8 at line " + std::to_string(line) +
                            ", column " + std::to_string(bad - line_start + 1))
          .help = "save the text as UTF-8; the byte there is not part of any character";
      continue;
    }
    if (const auto bad_character = forbidden_character(text)) {
      const bool bidi = is_bidi_control(bad_character->code);
      const std::uint32_t text_file = diagnostics.add_file((folder / normal).generic_string());
      Diagnostic& d = diagnostics.error(
          Check::bad_source_text,
          Location{text_file, static_cast<std::uint32_t>(bad_character->line),
                   static_cast<std::uint32_t>(bad_character->column), 1},
          "source text `" + shortened(source.path) + "` contains the " +
              (bidi ? "bidirectional control " : "control character ") + name_character(bad_character->code));
      d.notes.push_back(Note{where, "the source is registered here"});
      d.help = bidi ? "remove it: it reorders the text around it, so that what a reader sees is not what is quoted"
                    : "remove it: control characters other than tab are invisible in a timeline and some act on "
                      "terminals";
      continue;
    }
    source.paragraphs = split_paragraphs(text);
    unread.erase(source.id);
  }
  return unread;
}

// Reports every record after the first with an id, and leaves it out. `first` finds
// the first record with an id through the dataset's index, which must be current.
template <typename Record>
bool remove_repeats(std::vector<Record>& records, const Record* (Dataset::*first)(std::string_view) const,
                    const Dataset& dataset, std::string_view noun, Diagnostics& diagnostics) {
  std::vector<bool> repeat(records.size(), false);
  bool any = false;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const Record& record = records[i];
    const Record* earlier = (dataset.*first)(record.id);
    if (earlier == &record || !earlier) continue;
    repeat[i] = any = true;
    Diagnostic& d = diagnostics.error(Check::duplicate_id, record.where,
                                      "duplicate " + std::string(noun) + " id `" + std::string(record.id) + "`");
    d.notes.push_back(Note{earlier->where, "first defined here"});
    d.help = "each " + std::string(noun) + " needs an id of its own";
  }
  if (!any) return false;
  // The gaps are closed in place rather than every record copied.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (repeat[i]) continue;
    if (kept != i) records[kept] = std::move(records[i]);
    ++kept;
  }
  records.erase(records.begin() + static_cast<std::ptrdiff_t>(kept), records.end());
  return true;
}

// Ids defined twice, of the kinds asked for; the dataset is indexed afterwards.
void remove_repeated_ids(Dataset& dataset, bool actors_and_sources, bool events, Diagnostics& diagnostics,
                         bool indexed = false) {
  // The index is of the records as they are: the first of each id wins.
  if (!indexed) dataset.reindex();
  bool removed = false;
  // The index knows whether any id repeats: most often none does, and then no record
  // need be looked up again.
  if (actors_and_sources && dataset.has_repeated_actor_ids()) {
    removed |= remove_repeats(dataset.actors, &Dataset::actor, dataset, "actor", diagnostics);
  }
  if (actors_and_sources && dataset.has_repeated_source_ids()) {
    removed |= remove_repeats(dataset.sources, &Dataset::source, dataset, "source", diagnostics);
  }
  if (events && dataset.has_repeated_event_ids()) {
    removed |= remove_repeats(dataset.events, &Dataset::event, dataset, "event", diagnostics);
  }
  if (removed) dataset.reindex();
}

// The fix that writes `suggestion` over the unknown `id` at `where`. Only ids of
// letters, digits, `-`, `_` and `.` are replaced: they read the same plain or
// quoted, so the place's length says which (a quoted one is 2 longer), and the bytes
// between are the id's own.
std::vector<Fix> id_fix(std::string_view id, const std::string& suggestion, Location where) {
  const auto plain = [](std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
  };
  if (!plain(id) || !plain(suggestion) || where.line == 0 || where.column == 0) return {};
  if (where.length == id.size() + 2) {
    ++where.column;
  } else if (where.length != id.size()) {
    return {};
  }
  where.length = static_cast<std::uint32_t>(id.size());
  return {Fix{where, suggestion}};
}

// Whether referenced ids exist. The ids are looked up where the records keep them,
// through the dataset's index; only those of records left out are held here, and
// the list that "did you mean" searches is made the first time it is needed.
template <typename Record>
class ReferenceChecker {
 public:
  using Lookup = const Record* (Dataset::*)(std::string_view) const;

  // `complete` is false when part of the registry could not be read: an id missing
  // from it may well be in the part that was lost, so none is reported.
  ReferenceChecker(std::string noun, std::string registry, const Dataset& dataset, const std::vector<Record>& records,
                   Lookup lookup, const std::vector<std::pair<std::string, Location>>& broken, bool complete = true)
      : noun_(std::move(noun)),
        registry_(std::move(registry)),
        dataset_(dataset),
        records_(records),
        lookup_(lookup),
        complete_(complete) {
    for (const auto& [id, where] : broken) broken_.insert(id);
  }

  bool exists(std::string_view id) const {
    return !complete_ || (dataset_.*lookup_)(id) != nullptr || broken_.count(std::string(id)) > 0;
  }

  // Reports an unknown id; returns false if it was unknown.
  bool check(std::string_view id, Location where, Diagnostics& diagnostics) const {
    if (exists(id)) return true;
    Diagnostic& d = diagnostics.error(Check::unknown_reference, where, "unknown " + noun_ + " `" + std::string(id) + "`");
    // Each suggestion compares the id with every known one. A file of thousands of
    // broken links to thousands of events would take minutes, so the comparisons
    // are budgeted; past the budget the help says where ids come from instead.
    const bool affordable = suggestion_budget_ >= records_.size();
    if (affordable) {
      suggestion_budget_ -= records_.size();
      if (ids_.size() != records_.size()) {
        ids_.reserve(records_.size());
        for (const Record& r : records_) ids_.emplace_back(r.id);
      }
    }
    if (auto suggestion = affordable ? closest(id, ids_) : std::nullopt) {
      d.notes.push_back(Note{{}, "did you mean `" + *suggestion + "`?"});
      d.fixes = id_fix(id, *suggestion, where);
    } else if (!registry_.empty()) {
      d.help = "add it to " + registry_ + ", or use one of the ids there";
    } else {
      d.help = "no " + noun_ + " in the dataset has this id; use the `id:` of one that does";
    }
    return false;
  }

 private:
  std::string noun_;
  std::string registry_;
  const Dataset& dataset_;
  const std::vector<Record>& records_;
  Lookup lookup_;
  std::unordered_set<std::string> broken_;
  bool complete_ = true;
  mutable std::vector<std::string> ids_;  // for "did you mean", made when first needed
  mutable std::size_t suggestion_budget_ = 1'000'000;  // ids compared, over all suggestions
};

// The fix for a quote that differs from its source only in look-alike characters:
// the quote with the source's characters, over the quote's bytes. Only for a quote
// written on one line as it reads (Citation::quote_verbatim). A quoted one is
// written again in double quotation marks (the place does not say which marks it
// had); a plain one stays plain unless it would then read otherwise.
std::vector<Fix> look_alike_fix(Location where, const Citation& citation, const QuoteProblem& problem) {
  const std::string_view quote = citation.quote;
  const bool quoted = where.length == quote.size() + 2;
  if (!citation.quote_verbatim || quote.empty() || where.line == 0 || where.column == 0 ||
      (!quoted && where.length != quote.size())) {
    return {};
  }
  std::string fixed;
  for (std::size_t i = 0; i < quote.size();) {
    // The quote is valid UTF-8 (the parse stage saw to it): a lead byte gives the length.
    const unsigned char lead = static_cast<unsigned char>(quote[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    char32_t code = length == 1 ? lead : lead & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length && i + k < quote.size(); ++k) {
      code = (code << 6) | (static_cast<unsigned char>(quote[i + k]) & 0x3F);
    }
    const auto swap = std::find_if(problem.differences.begin(), problem.differences.end(),
                                   [&](const auto& pair) { return pair.first == code; });
    if (swap == problem.differences.end()) {
      fixed.append(quote.substr(i, length));
    } else {
      fixed += utf8_of(swap->second);
    }
    i += length;
  }
  const bool stays_plain = !quoted && !fixed.empty() &&
                           std::string_view("-?:,[]{}#&*!|>'\"%@` \t").find(fixed.front()) == std::string_view::npos &&
                           fixed.back() != ' ' && fixed.back() != ':' && fixed.find(": ") == std::string::npos &&
                           fixed.find(" #") == std::string::npos;
  if (stays_plain) return {Fix{where, fixed}};
  std::string text = "\"";
  for (char c : fixed) {
    if (c == '"' || c == '\\') text += '\\';
    text += c;
  }
  text += '"';
  return {Fix{where, text}};
}

// Says why a quote is not in its source when the reason is a common one; returns
// false when it is none of them (and only the near miss can help).
bool explain_quote(Diagnostic& d, const QuoteProblem& problem, const Source& source, const Citation& citation) {
  const std::string one_run = "a quote is one unbroken run of words from one paragraph";
  switch (problem.kind) {
    case QuoteProblem::Kind::none: return false;
    case QuoteProblem::Kind::look_alike:
      d.fixes = look_alike_fix(d.where, citation, problem);
      for (const auto& [in_quote, in_source] : problem.differences) {
        d.notes.push_back(Note{{}, "the quote has " + describe_character(in_quote) + " where the source has " +
                                       describe_character(in_source)});
      }
      d.help = "copy " + std::string(problem.differences.size() == 1 ? "that character" : "those characters") +
               " from paragraph " + std::to_string(problem.paragraph) + " of " + source.path +
               "; the rest of the quote matches it";
      return true;
    case QuoteProblem::Kind::spans_paragraphs:
      d.notes.push_back(Note{{}, "the quote starts at the end of paragraph " + std::to_string(problem.paragraph) +
                                     " and goes on into paragraph " + std::to_string(problem.paragraph + 1) + "; " +
                                     one_run});
      d.help = "split it into two citations of the same source, one quoting `" + problem.parts[0] +
               "` and the other `" + problem.parts[1] + "`";
      return true;
    case QuoteProblem::Kind::elision:
      d.notes.push_back(Note{{}, "the quote leaves words out with `" + problem.elision + "`; " + one_run});
      if (problem.parts.empty()) {
        d.help = "quote each run of words you want as a citation of its own, copied exactly from " + source.path;
      } else if (problem.parts.size() == 1) {
        d.help = "remove the `" + problem.elision + "` and quote `" + problem.parts[0] + "`";
      } else if (problem.parts.size() == 2) {
        d.help = "split it into two citations of the same source, one quoting `" + problem.parts[0] +
                 "` and the other `" + problem.parts[1] + "`";
      } else {
        d.help = "split it into " + std::to_string(problem.parts.size()) + " citations of the same source, quoting " +
                 listed_in_code(problem.parts);
      }
      return true;
  }
  return false;
}

// Finds one quote in its source, or says why it is not there.
// `folded`: the quote folded; `found`: the paragraph that holds it as whole words,
// when a search of all the source's quotes at once found it (else 0).
void check_quote(const Event& event, Citation& citation, const Source& source, const QuoteIndex& index,
                 std::string_view folded, std::size_t found, Diagnostics& diagnostics) {
  if (!folded_quote_long_enough(folded)) {
    diagnostics.error(Check::bad_quote, event.at(citation.quote_where), "quote is too short to show anything")
        .help = "quote at least " + std::to_string(kMinQuoteWords) + " words and " +
                std::to_string(kMinQuoteCharacters) + " characters from " + source.path +
                ": enough of the sentence that reports the event";
    return;
  }
  const QuoteIndex::WholeWords whole = found > 0 ? QuoteIndex::WholeWords{found, 0, {}} : index.find_whole_words_folded(folded);
  citation.paragraph = static_cast<std::uint32_t>(whole.paragraph);
  if (citation.paragraph > 0) return;
  if (whole.inside_words > 0) {
    Diagnostic& d = diagnostics.error(Check::bad_quote, event.at(citation.quote_where),
                                      "quote begins or ends inside a word of source `" + source.id + "`");
    d.notes.push_back(Note{{}, "paragraph " + std::to_string(whole.inside_words) + " of " + source.path +
                                   " has it inside `" + whole.words + "`"});
    d.help = "quote whole words, as `" + whole.words + "`";
    return;
  }
  Diagnostic& d = diagnostics.error(Check::quote_not_found, event.at(citation.quote_where),
                                    "quote not found in source `" + source.id + "`");
  if (explain_quote(d, index.diagnose(citation.quote, source.paragraphs), source, citation)) return;
  const QuoteIndex::NearMiss miss = index.near_miss(citation.quote);
  if (miss.paragraph > 0) {
    d.notes.push_back(Note{{}, "paragraph " + std::to_string(miss.paragraph) + " matches the first " +
                                   std::to_string(miss.matched) + " characters, then goes on `" +
                                   miss.source_goes_on + "` where the quote has `" + miss.quote_goes_on + "`"});
  }
  d.help = "copy the words exactly from " + source.path +
           "; spacing and curly or straight quotation marks may differ, nothing else";
}

// Finds each quote in its source's text. Sources are taken one at a time, so only
// one source's folded text is held at once, however many a dataset has.
void find_quotes(std::span<const Event> events, const Dataset& dataset,
                 const std::unordered_set<std::string>& unread_sources, Diagnostics& diagnostics,
                 loading::QuoteIndexes* indexes) {
  struct Quoted {
    std::uint32_t source;  // index into dataset.sources
    const Event* event;
    Citation* citation;
  };
  std::vector<Quoted> quoted;
  for (const Event& event : events) {
    for (Citation& citation : event.citations) {
      const Source* source = dataset.source(citation.source);
      // An unknown source was reported; a source whose text could not be read too.
      if (!source || unread_sources.count(source->id)) continue;
      quoted.push_back(Quoted{static_cast<std::uint32_t>(source - dataset.sources.data()), &event, &citation});
    }
  }
  std::stable_sort(quoted.begin(), quoted.end(), [](const Quoted& a, const Quoted& b) { return a.source < b.source; });
  using Group = std::vector<Quoted>::const_iterator;
  // The quotes of sources [first, last) of the sorted list.
  auto check = [&](Group first, Group last, Diagnostics& out) {
    std::string folded;  // every quote of a source, folded, one after another
    std::vector<std::size_t> ends;
    std::vector<std::string_view> quotes;
    for (Group group = first; group != last;) {
      const std::uint32_t source_index = group->source;
      const Source& source = dataset.sources[source_index];
      std::optional<QuoteIndex> own;
      const QuoteIndex& index = indexes ? indexes->of(dataset, source_index) : own.emplace(source.paragraphs);
      const Group end = std::find_if(group, last, [&](const Quoted& q) { return q.source != source_index; });
      // Each quote is folded once, for every check; then all are looked for at once.
      folded.clear();
      ends.clear();
      for (Group q = group; q != end; ++q) {
        fold_for_quote_into(q->citation->quote, folded);
        ends.push_back(folded.size());
      }
      quotes.clear();
      for (std::size_t k = 0; k < ends.size(); ++k) {
        const std::size_t begin = k == 0 ? 0 : ends[k - 1];
        quotes.push_back(std::string_view(folded).substr(begin, ends[k] - begin));
      }
      const std::vector<std::size_t> found = index.find_many_whole_words(quotes);
      for (std::size_t k = 0; group != end; ++group, ++k) {
        check_quote(*group->event, *group->citation, source, index, quotes[k], found[k], out);
      }
    }
  };
  // A large dataset's sources are shared between the cores, each taking whole
  // sources, so each folds only its own; the quotes' order is kept in the report.
  constexpr std::size_t kQuotesWorthAThread = 20000;
  const std::size_t threads = indexes ? 1 : std::min(cores_to_use(), quoted.size() / kQuotesWorthAThread + 1);
  if (threads <= 1) {
    check(quoted.begin(), quoted.end(), diagnostics);
    return;
  }
  std::vector<Group> cuts{quoted.begin()};
  for (std::size_t t = 1; t < threads; ++t) {
    Group cut = quoted.begin() + static_cast<std::ptrdiff_t>(quoted.size() * t / threads);
    while (cut != quoted.end() && cut != quoted.begin() && (cut - 1)->source == cut->source) ++cut;
    cuts.push_back(std::max(cut, cuts.back()));
  }
  cuts.push_back(quoted.end());
  std::vector<Diagnostics> found(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(check, cuts[t], cuts[t + 1], std::ref(found[t]));
  check(cuts[0], cuts[1], found[0]);
  for (std::thread& worker : workers) worker.join();
  for (Diagnostics& part : found) diagnostics.append_placed(std::move(part));
}


// For each item of `items`, the index of the first item equal to it when that is an
// earlier one, else its own index. An event lists a few actors and links, and
// comparing each with those before it costs less than a hash table per event (a
// dataset has 100,000 events); a long list gets the table, so that no list costs
// more than linear time.
template <typename Item, typename Key>
std::vector<std::size_t> first_of_each(std::span<const Item> items, Key key) {
  std::vector<std::size_t> first(items.size());
  constexpr std::size_t kCompareAll = 16;
  if (items.size() <= kCompareAll) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      first[i] = i;
      for (std::size_t j = 0; j < i; ++j) {
        if (key(items[j]) == key(items[i])) {
          first[i] = j;
          break;
        }
      }
    }
    return first;
  }
  std::map<decltype(key(items[0])), std::size_t> seen;
  for (std::size_t i = 0; i < items.size(); ++i) first[i] = seen.emplace(key(items[i]), i).first->second;
  return first;
}

// The same actor twice in an event's `actors:`, or the same link (type and target)
// twice: an error at the second, with a note at the first.
void report_duplicates(const Event& event, Diagnostics& diagnostics) {
  if (event.actors.size() > 1) {
    const auto first = first_of_each(std::span<const ActorRef>(event.actors), [](const ActorRef& a) { return a.id; });
    for (std::size_t i = 0; i < first.size(); ++i) {
      if (first[i] == i) continue;
      const ActorRef& actor = event.actors[i];
      Diagnostic& d = diagnostics.error(Check::duplicate_reference, event.at(actor.where),
                                        "actor `" + shortened(actor.id) + "` is listed twice on event `" +
                                            shortened(event.id) + "`");
      d.notes.push_back(Note{event.at(event.actors[first[i]].where), "first listed here"});
      d.help = "remove this one";
    }
  }
  if (event.links.size() > 1) {
    const auto first = first_of_each(std::span<const Link>(event.links),
                                     [](const Link& l) { return std::make_pair(l.type, l.target); });
    for (std::size_t i = 0; i < first.size(); ++i) {
      if (first[i] == i) continue;
      const Link& link = event.links[i];
      Diagnostic& d = diagnostics.error(Check::duplicate_reference, link.where,
                                        "event `" + shortened(event.id) + "` has the `" +
                                            std::string(to_string(link.type)) + "` link to `" + shortened(link.target) +
                                            "` twice");
      d.notes.push_back(Note{event.links[first[i]].where, "first given here"});
      d.help = "remove this one";
    }
  }
}

void check_event_references(const Dataset& dataset, const Registries& known, const loading::ReferenceScope& scope) {
  const ReferenceChecker actors("actor", "actors.yaml", dataset, dataset.actors, &Dataset::actor, known.broken_actors,
                                known.actors_whole);
  const ReferenceChecker sources("source", "sources.yaml", dataset, dataset.sources, &Dataset::source,
                                 known.broken_sources, known.sources_whole);
  const ReferenceChecker events("event", "", dataset, dataset.events, &Dataset::event, known.broken_events,
                                known.event_texts_read);
  if (scope.actors) {
    for (const Actor& actor : dataset.actors) {
      if (!actor.part_of.empty()) actors.check(actor.part_of, actor.part_of_where, *scope.actors);
    }
  }
  for (const Event& event : dataset.events) {
    if (scope.wanted && !scope.wanted(event.where.file)) continue;
    Diagnostics& diagnostics = scope.into(event.where.file);
    report_duplicates(event, diagnostics);
    for (const ActorRef& actor : event.actors) actors.check(actor.id, event.at(actor.where), diagnostics);
    for (const Detail& detail : event.details) {
      if (is_actor_detail(detail)) actors.check(detail.value, event.at(detail.where), diagnostics);
    }
    for (const Citation& citation : event.citations) {
      sources.check(citation.source, event.at(citation.source_where), diagnostics);
    }
    for (const Link& link : event.links) {
      events.check(link.target, link.where, diagnostics);
      if (link.target == event.id && link.type != LinkType::led_to && link.type != LinkType::response_to) {
        diagnostics.error(Check::unknown_reference, link.where, "event `" + std::string(event.id) + "` links to itself")
            .help = "a `" + std::string(to_string(link.type)) + "` link names another event; remove this one";
      }
    }
  }
}

void check_event_references(const Dataset& dataset, const Registries& known, Diagnostics& diagnostics) {
  check_event_references(dataset, known,
                         loading::ReferenceScope{&diagnostics, nullptr, [&](std::uint32_t) -> Diagnostics& {
                                                   return diagnostics;
                                                 }});
}

// Adds one file's records; `share` copies where `take` moves (see loader_stages.h).
template <typename Records>
void add_records(Dataset& dataset, Registries& known, FileKind kind, Records& records, std::uint32_t file,
                 bool share) {
  auto renumber = [file](Location& where) {
    if (where.file != Location::kNoFile) where.file = file;
  };
  auto add = [share](auto& from, auto& to) {
    if (share) {
      to.insert(to.end(), from.begin(), from.end());
    } else {
      std::move(from.begin(), from.end(), std::back_inserter(to));
    }
  };
  auto add_broken = [&](std::vector<std::pair<std::string, Location>>& to) {
    const std::size_t first = to.size();
    to.insert(to.end(), records.broken_ids.begin(), records.broken_ids.end());
    for (std::size_t i = first; i < to.size(); ++i) renumber(to[i].second);
  };
  switch (kind) {
    case FileKind::dataset:
      dataset.title = records.title;
      dataset.description = records.description;
      dataset.country = records.country;
      dataset.industry = records.industry;
      break;
    case FileKind::actors: {
      known.have_actors = true;
      known.actors_whole = known.actors_whole && records.whole;
      const std::size_t first = dataset.actors.size();
      add(records.actors, dataset.actors);
      for (std::size_t i = first; i < dataset.actors.size(); ++i) {
        renumber(dataset.actors[i].where);
        renumber(dataset.actors[i].part_of_where);
      }
      add_broken(known.broken_actors);
      break;
    }
    case FileKind::sources: {
      known.have_sources = true;
      known.sources_whole = known.sources_whole && records.whole;
      const std::size_t first = dataset.sources.size();
      add(records.sources, dataset.sources);
      for (std::size_t i = first; i < dataset.sources.size(); ++i) {
        renumber(dataset.sources[i].where);
        renumber(dataset.sources[i].path_where);
      }
      add_broken(known.broken_sources);
      break;
    }
    case FileKind::events: {
      known.event_texts_read = known.event_texts_read && (records.whole || records.text_read);
      const auto order = static_cast<std::uint32_t>(dataset.events.size());
      const std::size_t first = dataset.events.size();
      add(records.events, dataset.events);
      for (std::size_t i = first; i < dataset.events.size(); ++i) {
        Event& e = dataset.events[i];
        renumber(e.where);  // its spots are in the same file
        // The links are the records' own, in their arena.
        for (Link& l : e.links) {
          if (l.where.file != file) renumber(l.where);
        }
        e.order = order + static_cast<std::uint32_t>(i - first);
      }
      if (!share) dataset.adopt(std::move(records.arena));
      add_broken(known.broken_events);
      break;
    }
  }
}

}  // namespace

namespace loading {

const SchemaChecker& schema_checker() {
  static const SchemaChecker checker;
  return checker;
}

std::size_t usable_cores() { return cores_to_use(); }

std::vector<FoundFile> find_files(const fs::path& folder, Diagnostics& diagnostics) {
  return find_dataset_files(folder, diagnostics);
}

FileRecords read_records(const FoundFile& found, const SchemaChecker& checker) {
  return read_file_records(found, checker);
}

FileRecords read_records(const FoundFile& found, const SchemaChecker& checker, std::string_view text) {
  return text_records(found, checker, text);
}

void take_records(Dataset& dataset, Registries& known, FileKind kind, FileRecords&& records, std::uint32_t file) {
  add_records(dataset, known, kind, records, file, false);
}

void share_records(Dataset& dataset, Registries& known, FileKind kind, FileRecords& records, std::uint32_t file) {
  add_records(dataset, known, kind, records, file, true);
}

void report_missing_registries(const fs::path& folder, Registries& known, Diagnostics& diagnostics) {
  known.actors_whole = known.actors_whole && known.have_actors;
  known.sources_whole = known.sources_whole && known.have_sources;
  if (!known.have_actors || !known.have_sources) {
    const std::string missing = !known.have_actors ? "actors.yaml" : "sources.yaml";
    diagnostics.error(Check::file_unreadable, Location{diagnostics.add_file(folder.generic_string()), 0, 0, 1},
                      "the dataset folder has no " + missing)
        .help = "create " + (folder / missing).generic_string() + "; events refer to the ids it defines";
  }
}

void remove_duplicate_ids(Dataset& dataset, Diagnostics& diagnostics, bool indexed) {
  remove_repeated_ids(dataset, true, true, diagnostics, indexed);
}

std::unordered_set<std::string> read_source_texts(const fs::path& folder, std::vector<Source>& sources,
                                                  Diagnostics& diagnostics) {
  return load_source_texts(folder, sources, diagnostics);
}

const QuoteIndex& QuoteIndexes::of(const Dataset& dataset, std::uint32_t source) {
  if (indexes_.size() < dataset.sources.size()) indexes_.resize(dataset.sources.size());
  std::unique_ptr<QuoteIndex>& index = indexes_.at(source);
  if (!index) index = std::make_unique<QuoteIndex>(dataset.sources[source].paragraphs);
  return *index;
}

void check_quotes(std::span<const Event> events, const Dataset& dataset,
                  const std::unordered_set<std::string>& unread_sources, Diagnostics& diagnostics,
                  QuoteIndexes* indexes) {
  find_quotes(events, dataset, unread_sources, diagnostics, indexes);
}

void check_references(const Dataset& dataset, const Registries& known, const ReferenceScope& scope) {
  check_event_references(dataset, known, scope);
}

}  // namespace loading

Dataset load_dataset(const fs::path& folder, Diagnostics& diagnostics, LoadStats* stats) {
  Dataset dataset;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    const std::uint32_t file = diagnostics.add_file(folder.generic_string());
    diagnostics.error(Check::file_unreadable, Location{file, 0, 0, 1},
                      fs::exists(folder, ec) ? "this is a file, not a dataset folder" : "no such dataset folder")
        .help = "give the folder that holds actors.yaml, sources.yaml and the event files";
    return dataset;
  }
  const std::vector<FoundFile> files = find_dataset_files(folder, diagnostics);
  if (stats) stats->files = files.size();

  ParallelReader reader(files, stats);
  // Event files make up nearly all of a large dataset; the first one read says how
  // many records a byte makes, so the event array is sized once, not regrown.
  // Only sizes that pass the limit count (larger files are refused), and the array
  // reserved is capped: a sparse 1 TB file, or one rewritten while it is read,
  // must not size an allocation.
  std::uintmax_t event_bytes = 0;
  for (const FoundFile& f : files) {
    std::error_code size_error;
    if (f.kind != FileKind::events) continue;
    const std::uintmax_t bytes = fs::file_size(f.path, size_error);
    if (!size_error && bytes <= kMaxFileBytes) event_bytes += bytes;
  }
  Registries known;
  double merge_seconds = 0;  // merging only: the wait for files to be read is not counted
  for (std::size_t file_index = 0; file_index < files.size(); ++file_index) {
    const FoundFile& found = files[file_index];
    FileRecords records = reader.take(file_index);
    const auto merge_started = Clock::now();
    if (stats) {
      stats->parse_seconds += records.parse_seconds;
      stats->validate_seconds += records.validate_seconds;
      stats->model_seconds += records.model_seconds;
    }
    if (found.kind == FileKind::events && dataset.events.capacity() == 0 && !records.events.empty()) {
      std::error_code size_error;
      std::uintmax_t bytes = fs::file_size(found.path, size_error);
      if (size_error || bytes > kMaxFileBytes) bytes = kMaxFileBytes;
      const double estimate = static_cast<double>(records.events.size()) * static_cast<double>(event_bytes) /
                              static_cast<double>(std::max<std::uintmax_t>(bytes, 1)) * 1.05;
      dataset.events.reserve(static_cast<std::size_t>(std::min(estimate, static_cast<double>(kMostEventsReserved))));
    }
    // Files are numbered in this run's table from here on.
    const auto file = static_cast<std::uint32_t>(diagnostics.file_count());
    diagnostics.append(records.diagnostics);
    loading::take_records(dataset, known, found.kind, std::move(records), file);
    merge_seconds += seconds_since(merge_started);
  }

  const auto cross_check_started = Clock::now();
  if (files.empty()) {
    diagnostics.error(Check::empty_dataset, Location{diagnostics.add_file(folder.generic_string()), 0, 0, 1},
                      "no YAML files in the dataset folder")
        .help = "a dataset has actors.yaml, sources.yaml and event files ending in .yaml";
    return dataset;
  }
  loading::report_missing_registries(folder, known, diagnostics);
  remove_repeated_ids(dataset, true, false, diagnostics);
  known.unread_sources = load_source_texts(folder, dataset.sources, diagnostics);
  // Quotes are checked before events with the same id are left out, as each file's
  // quotes are in an editor (workspace.h), where a file is checked on its own.
  find_quotes(dataset.events, dataset, known.unread_sources, diagnostics, nullptr);
  // Nothing has moved since the registries' repeats were removed, which left every
  // index as the records are.
  remove_repeated_ids(dataset, false, true, diagnostics, true);
  check_event_references(dataset, known, diagnostics);
  if (stats) stats->cross_check_seconds = merge_seconds + seconds_since(cross_check_started);
  for (std::size_t i = 0; i < diagnostics.file_count(); ++i) {
    dataset.files.push_back(diagnostics.file(static_cast<std::uint32_t>(i)));
  }
  diagnostics.sort();
  return dataset;
}

}  // namespace strikeline
