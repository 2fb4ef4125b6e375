#include "lsp_server.h"

#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostic.h"
#include "editor.h"
#include "json_rpc.h"
#include "loader.h"
#include "workspace.h"

namespace strikeline {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace lsp {

std::uint32_t units_in(std::string_view text, bool utf16) {
  if (!utf16) return static_cast<std::uint32_t>(text.size());
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC0 && c < 0xE0 ? 2 : 1;
    // A sequence cut short by an invalid byte ends there.
    std::size_t taken = 1;
    while (taken < length && i + taken < text.size() && (static_cast<unsigned char>(text[i + taken]) & 0xC0) == 0x80) ++taken;
    units += taken == 4 ? 2 : 1;
    i += taken;
  }
  return units;
}

std::size_t bytes_for_units(std::string_view line, std::uint32_t units, bool utf16) {
  if (!utf16) return std::min<std::size_t>(units, line.size());
  std::uint32_t counted = 0;
  std::size_t i = 0;
  while (i < line.size() && counted < units) {
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t length = c < 0x80 ? 1 : c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xC0 && c < 0xE0 ? 2 : 1;
    std::size_t taken = 1;
    while (taken < length && i + taken < line.size() && (static_cast<unsigned char>(line[i + taken]) & 0xC0) == 0x80) ++taken;
    const std::uint32_t width = taken == 4 ? 2 : 1;
    if (counted + width > units) break;
    counted += width;
    i += taken;
  }
  return i;
}

}  // namespace lsp

namespace {

// ---------------------------------------------------------------------------
// Paths and URIs

std::optional<fs::path> path_of_uri(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.substr(0, scheme.size()) != scheme) return std::nullopt;
  uri.remove_prefix(scheme.size());
  if (uri.substr(0, 9) == "localhost") uri.remove_prefix(9);
  if (uri.empty() || uri.front() != '/') return std::nullopt;
  std::string decoded;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (uri[i] == '%' && i + 2 < uri.size() + 0 && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      decoded += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else if (uri[i] == '?' || uri[i] == '#') {
      break;
    } else {
      decoded += uri[i];
    }
  }
  if (decoded.find('\0') != std::string::npos) return std::nullopt;
  return fs::path(decoded).lexically_normal();
}

std::string uri_of_path(const fs::path& path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : path.generic_string()) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

// ---------------------------------------------------------------------------
// Lines of a text, for turning places into the protocol's units

// Lines end at \n (a \r before it stays out of the line). The engine counts lines
// the same way; a lone \r, which the protocol also takes as a line end, is rare
// enough in YAML to leave aside.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  std::size_t count() const { return starts_.size(); }
  std::size_t start(std::size_t line) const { return line < starts_.size() ? starts_[line] : text_.size(); }
  std::string_view line(std::size_t line) const {
    if (line >= starts_.size()) return {};
    const std::size_t begin = starts_[line];
    std::size_t end = line + 1 < starts_.size() ? starts_[line + 1] - 1 : text_.size();
    if (end > begin && text_[end - 1] == '\r') --end;
    return text_.substr(begin, end - begin);
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// The byte offset in `text` of a protocol position {line, character}; clamped to
// the line's end and the text's end.
std::size_t offset_of(std::string_view text, const json& position, bool utf16) {
  const auto line = position.at("line").get<std::int64_t>();
  const auto character = position.at("character").get<std::int64_t>();
  std::size_t start = 0;
  for (std::int64_t l = 0; l < line; ++l) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return text.size();
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line_text = text.substr(start, end - start);
  if (!line_text.empty() && line_text.back() == '\r') line_text.remove_suffix(1);
  const auto units = static_cast<std::uint32_t>(std::clamp<std::int64_t>(character, 0, UINT32_MAX));
  return start + lsp::bytes_for_units(line_text, units, utf16);
}

// ---------------------------------------------------------------------------
// The queue between the reading thread and the analysing one

struct Incoming {
  enum class Kind { message, parse_error, frame_error, end };
  Kind kind = Kind::message;
  json value;
  std::string error;
  bool changes_documents = false;  // a notification that changes what is analysed
};

bool changes_documents(const json& message) {
  if (!message.is_object()) return false;
  const auto method = message.find("method");
  if (method == message.end() || !method->is_string() || message.contains("id")) return false;
  const std::string& name = method->get_ref<const std::string&>();
  return name == "textDocument/didOpen" || name == "textDocument/didChange" || name == "textDocument/didClose" ||
         name == "textDocument/didSave" || name == "workspace/didChangeWatchedFiles";
}

class Queue {
 public:
  void push(Incoming item) {
    std::lock_guard lock(mutex_);
    if (item.changes_documents) ++changes_;
    items_.push_back(std::move(item));
    ready_.notify_one();
  }
  // Everything waiting; when `wait`, blocks until there is something.
  std::deque<Incoming> take(bool wait) {
    std::unique_lock lock(mutex_);
    if (wait) ready_.wait(lock, [&] { return !items_.empty(); });
    changes_ = 0;
    return std::exchange(items_, {});
  }
  bool changes_pending() {
    std::lock_guard lock(mutex_);
    return changes_ > 0;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Incoming> items_;
  std::size_t changes_ = 0;
};

// Reads and frames messages until the input ends; parses them here, so that the
// analysing thread never waits on a large message's JSON.
void read_messages(int fd, Queue& queue) {
  std::string buffer;
  std::size_t start = 0;  // of the first unread frame in `buffer`
  std::size_t skip = 0;   // bytes still to drop of a message too large to keep
  std::vector<char> chunk(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::string_view data(chunk.data(), static_cast<std::size_t>(n));
    const std::size_t dropped = std::min(skip, data.size());
    skip -= dropped;
    data.remove_prefix(dropped);
    buffer.append(data);
    for (;;) {
      const rpc::Frame frame = rpc::read_frame(std::string_view(buffer).substr(start));
      if (frame.status == rpc::Frame::Status::need_more) break;
      Incoming item;
      if (frame.status == rpc::Frame::Status::message) {
        item.value = json::parse(frame.body, nullptr, /*allow_exceptions=*/false);
        if (item.value.is_discarded()) {
          item.kind = Incoming::Kind::parse_error;
          item.error = "the message is not JSON";
        }
        item.changes_documents = changes_documents(item.value);
        start += frame.consumed;
      } else {
        item.kind = Incoming::Kind::frame_error;
        item.error = frame.error;
        const std::size_t available = buffer.size() - start;
        skip = frame.consumed > available ? frame.consumed - available : 0;
        start += std::min(frame.consumed, available);
      }
      queue.push(std::move(item));
    }
    if (start == buffer.size() || start > (std::size_t{1} << 20)) {
      buffer.erase(0, start);
      start = 0;
    }
  }
  queue.push(Incoming{Incoming::Kind::end, {}, {}, false});
}

// ---------------------------------------------------------------------------
// The server

json null_range() { return {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}; }

// The lines of the files one answer needs, each read (from the editor's text or
// the disk) and split once however many places fall in it.
struct LineCache {
  std::map<fs::path, std::string> read;                 // files read from disk
  std::map<fs::path, std::unique_ptr<Lines>> lines;     // null: unreadable
};

struct Document {
  std::string uri;
  std::optional<fs::path> path;  // a file: URI
  std::string text;
  std::int64_t version = 0;
  std::optional<fs::path> folder;  // the dataset folder that holds it
};

struct Folder {
  std::unique_ptr<Workspace> workspace;
  std::shared_ptr<const WorkspaceState> state;
  bool dirty = true;
  std::set<std::string> published;  // URIs last given a non-empty list
};

class Server {
 public:
  Server(std::ostream& out, std::ostream& log) : out_(out), log_(log) {}

  // Handles one message from the client.
  void handle(const Incoming& item);
  // Cancels the request `id` if it has not been answered.
  void cancel(const json& id) { cancelled_.insert(id.dump()); }
  void forget_cancellations() { cancelled_.clear(); }

  bool work_pending() const {
    for (const auto& [folder, entry] : folders_)
      if (entry.dirty) return true;
    return false;
  }
  // Analyses the folders with changes and publishes their diagnostics, unless
  // `newer_changes` says an edit is waiting: its diagnostics will replace these.
  void analyse(const std::function<bool()>& newer_changes);

  bool exited() const { return exited_; }
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  void send(const json& message);
  void reply(const json& id, json result) { send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }
  void fail(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void request(const json& id, const std::string& method, const json& params);
  void notification(const std::string& method, const json& params);

  json initialize(const json& params);
  void did_open(const json& params);
  void did_change(const json& params);
  void did_close(const json& params);

  // The state to answer a request on `document` from (analysing once if there is
  // none yet); null outside a dataset.
  std::shared_ptr<const WorkspaceState> state_for(const Document& document);
  Document* document(const json& params);

  // The lines of `file` as the editor or the disk has it; null when unreadable.
  const Lines* lines_of(const fs::path& file, LineCache& cache);
  std::string uri_for(const fs::path& file) const;
  json position(const Lines* lines, std::uint32_t line, std::uint32_t column) const;
  json range_of(const Lines* lines, const Location& where) const;
  json range_of(const Lines* lines, const TextRange& range) const;
  TextPosition engine_position(const Document& document, const json& position) const;
  json location(const FileRange& place, LineCache& cache);
  json diagnostic(const Diagnostics& diagnostics, const Diagnostic& d, const Lines* lines, LineCache& cache);
  void publish(const fs::path& folder, Folder& entry, const WorkspaceState& state);

  json completion(const json& params);
  json hover(const json& params);
  json definition(const json& params);
  json references(const json& params);
  json code_action(const json& params);
  json document_symbol(const json& params);

  std::ostream& out_;
  std::ostream& log_;
  bool initialized_ = false;
  bool watch_files_ = false;  // the client watches files for the server when asked
  bool shutdown_ = false;
  bool exited_ = false;
  bool utf16_ = true;
  fs::path root_;  // the workspace root: dataset folders are not looked for above it
  std::map<std::string, Document> documents_;  // by URI
  std::map<fs::path, Folder> folders_;
  std::set<std::string> cancelled_;  // request ids, as JSON text
};

// The value at `keys` inside nested objects, or null.
const json* find_path(const json& value, std::initializer_list<const char*> keys) {
  const json* at = &value;
  for (const char* key : keys) {
    if (!at->is_object()) return nullptr;
    const auto next = at->find(key);
    if (next == at->end()) return nullptr;
    at = &*next;
  }
  return at;
}

void Server::send(const json& message) {
  // Text that is not UTF-8 (a binary document's bytes quoted in a message) is
  // replaced rather than let the writer throw.
  out_ << rpc::write_frame(message.dump(-1, ' ', false, json::error_handler_t::replace));
  out_.flush();
}

void Server::handle(const Incoming& item) {
  if (item.kind == Incoming::Kind::parse_error) return fail(nullptr, rpc::kParseError, item.error);
  if (item.kind == Incoming::Kind::frame_error) return fail(nullptr, rpc::kParseError, item.error);
  const json& message = item.value;
  if (!message.is_object()) return fail(nullptr, rpc::kInvalidRequest, "a message must be a JSON object");
  const auto id = message.find("id");
  const bool has_id = id != message.end();
  const bool id_ok = has_id && (id->is_string() || id->is_number_integer());
  const auto method = message.find("method");
  if (method == message.end()) {
    // A response to a request of ours: the server sends none, so there is nothing to match.
    if (has_id && (message.contains("result") || message.contains("error"))) return;
    return fail(id_ok ? *id : json(nullptr), rpc::kInvalidRequest, "a request needs a method");
  }
  const auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0" || !method->is_string() || (has_id && !id_ok)) {
    return fail(id_ok ? *id : json(nullptr), rpc::kInvalidRequest,
                "not a JSON-RPC 2.0 request: it needs \"jsonrpc\": \"2.0\", a string method and an id that is a "
                "string or an integer");
  }
  json params = json::object();
  // (A null params, which some clients send for `shutdown` and `exit`, is taken as none.)
  if (const auto p = message.find("params"); p != message.end() && !p->is_null()) {
    if (!p->is_object() && !p->is_array()) {
      return fail(id_ok ? *id : json(nullptr), rpc::kInvalidRequest, "params must be an object or an array");
    }
    params = *p;
  }
  const std::string& name = method->get_ref<const std::string&>();
  if (has_id) return request(*id, name, params);
  notification(name, params);
}

void Server::request(const json& id, const std::string& method, const json& params) {
  if (cancelled_.erase(id.dump())) return fail(id, rpc::kRequestCancelled, "cancelled");
  if (shutdown_) return fail(id, rpc::kInvalidRequest, "the server is shutting down: only `exit` is accepted");
  if (!initialized_ && method != "initialize") {
    return fail(id, rpc::kServerNotInitialized, "the server is not initialized: send `initialize` first");
  }
  using Handler = json (Server::*)(const json&);
  static const std::map<std::string, Handler> kFeatures = {
      {"textDocument/completion", &Server::completion},   {"textDocument/hover", &Server::hover},
      {"textDocument/definition", &Server::definition},   {"textDocument/references", &Server::references},
      {"textDocument/codeAction", &Server::code_action},  {"textDocument/documentSymbol", &Server::document_symbol},
  };
  try {
    if (method == "initialize") {
      if (initialized_) return fail(id, rpc::kInvalidRequest, "the server is already initialized");
      return reply(id, initialize(params));
    }
    if (method == "shutdown") {
      shutdown_ = true;
      return reply(id, nullptr);
    }
    const auto feature = kFeatures.find(method);
    if (feature == kFeatures.end()) return fail(id, rpc::kMethodNotFound, "unknown method `" + method + "`");
    reply(id, (this->*feature->second)(params));
  } catch (const json::exception& e) {
    fail(id, rpc::kInvalidParams, std::string("invalid params: ") + e.what());
  } catch (const std::exception& e) {
    log_ << "strikeline lsp: internal error in " << method << ": " << e.what() << '\n';
    fail(id, rpc::kInternalError, std::string("internal error: ") + e.what());
  }
}

void Server::notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_) return;  // the protocol drops notifications before initialize
  try {
    if (method == "textDocument/didOpen") {
      did_open(params);
    } else if (method == "textDocument/didChange") {
      did_change(params);
    } else if (method == "textDocument/didClose") {
      did_close(params);
    } else if (method == "textDocument/didSave" || method == "workspace/didChangeWatchedFiles") {
      // The disk changed: every dataset looks again (a save in one may be the file
      // another reads as a source text).
      for (auto& [folder, entry] : folders_) {
        entry.workspace->disk_changed();
        entry.dirty = true;
      }
    } else if (method == "initialized" && watch_files_) {
      // Files changed by other programs (a `git pull`, a source text saved elsewhere)
      // are told of too, not only the editor's saves: the client is asked to watch
      // every file of the workspace, since a source text may have any name. Its
      // answer is a response, which needs nothing.
      send({{"jsonrpc", "2.0"},
            {"id", "strikeline-watch-files"},
            {"method", "client/registerCapability"},
            {"params",
             {{"registrations",
               {{{"id", "strikeline-watch-files"},
                 {"method", "workspace/didChangeWatchedFiles"},
                 {"registerOptions", {{"watchers", {{{"globPattern", "**/*"}}}}}}}}}}}});
    }
    // Other notifications, `$/…` ones included, need nothing.
  } catch (const std::exception& e) {
    log_ << "strikeline lsp: ignored " << method << ": " << e.what() << '\n';
  }
}

json Server::initialize(const json& params) {
  initialized_ = true;
  std::optional<fs::path> root;
  if (const auto uri = params.find("rootUri"); uri != params.end() && uri->is_string()) root = path_of_uri(uri->get<std::string>());
  if (!root) {
    if (const auto folders = params.find("workspaceFolders"); folders != params.end() && folders->is_array() &&
                                                              !folders->empty() && folders->front().is_object()) {
      const json& first = folders->front();
      if (first.contains("uri") && first["uri"].is_string()) root = path_of_uri(first["uri"].get<std::string>());
    }
  }
  if (!root) {
    if (const auto path = params.find("rootPath"); path != params.end() && path->is_string() && !path->get<std::string>().empty())
      root = fs::path(path->get<std::string>());
  }
  if (root) root_ = *root;
  // LSP 3.17: the client lists the encodings it can take; UTF-16 is the default.
  if (const auto general = params.find("capabilities"); general != params.end() && general->is_object()) {
    const json& capabilities = *general;
    // Whether the client watches files for a server that asks (see `initialized`).
    if (const json* watched = find_path(capabilities, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"})) {
      watch_files_ = watched->is_boolean() && watched->get<bool>();
    }
    if (capabilities.contains("general") && capabilities["general"].is_object()) {
      const json& g = capabilities["general"];
      if (g.contains("positionEncodings") && g["positionEncodings"].is_array()) {
        for (const json& encoding : g["positionEncodings"])
          if (encoding == "utf-8") utf16_ = false;
      }
    }
  }
  return {
      {"capabilities",
       {
           {"positionEncoding", utf16_ ? "utf-16" : "utf-8"},
           {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
           {"completionProvider", {{"triggerCharacters", {":", " ", "-", "["}}, {"resolveProvider", false}}},
           {"hoverProvider", true},
           {"definitionProvider", true},
           {"referencesProvider", true},
           {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
           {"documentSymbolProvider", true},
       }},
      {"serverInfo", {{"name", "strikeline"}, {"version", STRIKELINE_VERSION}}},
  };
}

void Server::did_open(const json& params) {
  const json& item = params.at("textDocument");
  Document document;
  document.uri = item.at("uri").get<std::string>();
  document.text = item.at("text").get<std::string>();
  document.version = item.value("version", std::int64_t{0});
  document.path = path_of_uri(document.uri);
  if (document.path) document.folder = Workspace::folder_of(*document.path, root_);
  if (document.folder) {
    Folder& entry = folders_[*document.folder];
    if (!entry.workspace) {
      entry.workspace = std::make_unique<Workspace>(*document.folder);
      // The open documents are held here: the workspace need not keep a copy of each.
      entry.workspace->take_texts_from([this](const fs::path& file) -> std::optional<std::string> {
        for (const auto& [uri, open] : documents_) {
          std::error_code ec;
          if (open.path && fs::absolute(*open.path, ec).lexically_normal() == file) return open.text;
        }
        return std::nullopt;
      });
    }
    entry.workspace->set_text(*document.path, document.text);
    entry.dirty = true;
  }
  documents_[document.uri] = std::move(document);
}

void Server::did_change(const json& params) {
  const json& item = params.at("textDocument");
  const auto found = documents_.find(item.at("uri").get<std::string>());
  if (found == documents_.end()) return;  // never opened: nothing to change
  Document& document = found->second;
  for (const json& change : params.at("contentChanges")) {
    if (const auto range = change.find("range"); range != change.end() && !range->is_null()) {
      std::size_t begin = offset_of(document.text, range->at("start"), utf16_);
      std::size_t end = offset_of(document.text, range->at("end"), utf16_);
      if (end < begin) std::swap(begin, end);
      document.text.replace(begin, end - begin, change.at("text").get<std::string>());
    } else {
      document.text = change.at("text").get<std::string>();
    }
  }
  document.version = item.value("version", document.version + 1);
  if (document.folder) {
    Folder& entry = folders_[*document.folder];
    entry.workspace->set_text(*document.path, document.text);
    entry.dirty = true;
  }
}

void Server::did_close(const json& params) {
  const auto found = documents_.find(params.at("textDocument").at("uri").get<std::string>());
  if (found == documents_.end()) return;
  if (found->second.folder) {
    Folder& entry = folders_[*found->second.folder];
    entry.workspace->forget_text(*found->second.path);
    entry.dirty = true;
  }
  documents_.erase(found);
}

void Server::analyse(const std::function<bool()>& newer_changes) {
  for (auto& [folder, entry] : folders_) {
    if (!entry.dirty) continue;
    entry.dirty = false;
    std::shared_ptr<const WorkspaceState> state;
    // Let go of the last state first: nothing else answers from it meanwhile (this
    // thread answers every request), and a state no one holds gives its events over
    // to the next rather than being copied.
    entry.state.reset();
    try {
      state = entry.workspace->update();
    } catch (const std::exception& e) {
      log_ << "strikeline lsp: internal error analysing " << folder << ": " << e.what() << '\n';
      continue;
    }
    entry.state = state;
    if (newer_changes()) {
      // A newer edit waits: these diagnostics are of a version that is gone.
      entry.dirty = true;
      return;
    }
    publish(folder, entry, *state);
  }
}

const Lines* Server::lines_of(const fs::path& file, LineCache& cache) {
  if (const auto found = cache.lines.find(file); found != cache.lines.end()) return found->second.get();
  std::unique_ptr<Lines>& lines = cache.lines[file];
  for (const auto& [uri, document] : documents_) {
    if (document.path == file) return (lines = std::make_unique<Lines>(document.text)).get();
  }
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxFileBytes || ec) return nullptr;
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return nullptr;
  return (lines = std::make_unique<Lines>(cache.read[file] = std::move(text))).get();
}

std::string Server::uri_for(const fs::path& file) const {
  // The client's own spelling of a document's URI, so that it matches what it sent.
  for (const auto& [uri, document] : documents_)
    if (document.path == file) return uri;
  return uri_of_path(file);
}

// A position from the engine's 1-based line and byte column; without the text,
// bytes are taken as units.
json Server::position(const Lines* lines, std::uint32_t line, std::uint32_t column) const {
  const std::uint32_t line0 = line == 0 ? 0 : line - 1;
  const std::uint32_t byte0 = column == 0 ? 0 : column - 1;
  if (!lines) return {{"line", line0}, {"character", byte0}};
  const std::string_view text = lines->line(line0);
  return {{"line", line0}, {"character", lsp::units_in(text.substr(0, std::min<std::size_t>(byte0, text.size())), utf16_)}};
}

json Server::range_of(const Lines* lines, const Location& where) const {
  if (where.line == 0) return null_range();
  // The length is clipped to the line, as the CLI's caret is.
  std::uint32_t end = where.column + where.length;
  if (lines) {
    const auto line_bytes = static_cast<std::uint32_t>(lines->line(where.line - 1).size());
    end = std::min(end, line_bytes + 1);
  }
  return {{"start", position(lines, where.line, where.column)},
          {"end", position(lines, where.line, std::max(end, where.column))}};
}

json Server::range_of(const Lines* lines, const TextRange& range) const {
  return {{"start", position(lines, range.start.line, range.start.column)},
          {"end", position(lines, range.end.line, range.end.column)}};
}

TextPosition Server::engine_position(const Document& document, const json& at) const {
  const std::size_t offset = offset_of(document.text, at, utf16_);
  const Lines lines(document.text);
  const auto line = std::min<std::size_t>(at.at("line").get<std::int64_t>() < 0 ? 0 : at.at("line").get<std::size_t>(),
                                          lines.count() - 1);
  const std::size_t line_start = std::min(lines.start(line), offset);
  return {static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(offset - line_start + 1)};
}

json Server::location(const FileRange& place, LineCache& cache) {
  return {{"uri", uri_for(place.file)}, {"range", range_of(lines_of(place.file, cache), place.range)}};
}

json Server::diagnostic(const Diagnostics& diagnostics, const Diagnostic& d, const Lines* lines, LineCache& cache) {
  std::string message = d.message;
  json related = json::array();
  for (const Note& note : d.notes) {
    if (note.where.file == Location::kNoFile || note.where.file >= diagnostics.file_count()) {
      message += "\n" + note.message;
      continue;
    }
    const fs::path file = diagnostics.file(note.where.file);
    related.push_back({{"location", {{"uri", uri_for(file)}, {"range", range_of(lines_of(file, cache), note.where)}}},
                       {"message", note.message}});
  }
  if (!d.help.empty()) message += "\n" + d.help;
  json result = {{"range", range_of(lines, d.where)},
                 {"severity", d.severity == Severity::error ? 1 : 2},
                 {"code", std::string(code_of(d.check))},
                 {"source", "strikeline"},
                 {"message", message}};
  if (!related.empty()) result["relatedInformation"] = std::move(related);
  return result;
}

void Server::publish(const fs::path& folder, Folder& entry, const WorkspaceState& state) {
  const Diagnostics& diagnostics = state.diagnostics;
  LineCache cache;
  std::map<std::string, json> lists;     // by URI
  for (const Diagnostic& d : diagnostics.all()) {
    std::vector<fs::path> files;
    fs::path file = d.where.file < diagnostics.file_count() ? fs::path(diagnostics.file(d.where.file)) : folder;
    std::error_code ec;
    const bool open = std::any_of(documents_.begin(), documents_.end(), [&](const auto& open_document) { return open_document.second.path == file; });
    if (open || fs::is_regular_file(file, ec)) {
      files.push_back(file);
    } else {
      // A problem with the dataset folder itself (unreadable, deleted, empty) or a
      // file that is not there: editors show diagnostics only on documents, so it
      // goes onto every open document of this dataset, where the person editing
      // sees it, and onto sources.yaml (the file that makes the folder a dataset)
      // when none is open.
      for (const auto& [uri, document] : documents_)
        if (document.folder == folder && document.path) files.push_back(*document.path);
      if (files.empty()) files.push_back(folder / "sources.yaml");
    }
    for (const fs::path& target : files) {
      json converted = diagnostic(diagnostics, d, target == file ? lines_of(target, cache) : nullptr, cache);
      if (target != file) {
        converted["range"] = null_range();
        if (file != folder) converted["message"] = file.generic_string() + ": " + converted["message"].get<std::string>();
      }
      lists[uri_for(target)].push_back(std::move(converted));
    }
  }
  // Files that had problems and no longer do get an empty list, which clears them;
  // so does every open document of the dataset, so that the editor knows which
  // version of it has been checked.
  for (const std::string& uri : entry.published) lists.try_emplace(uri, json::array());
  for (const auto& [uri, document] : documents_)
    if (document.folder == folder) lists.try_emplace(uri, json::array());
  entry.published.clear();
  for (auto& [uri, list] : lists) {
    json params = {{"uri", uri}, {"diagnostics", std::move(list)}};
    if (const auto document = documents_.find(uri); document != documents_.end()) params["version"] = document->second.version;
    if (!params["diagnostics"].empty()) entry.published.insert(uri);
    send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", std::move(params)}});
  }
}

// ---------------------------------------------------------------------------
// Language features: the engine's answers in the protocol's shapes

Document* Server::document(const json& params) {
  const auto found = documents_.find(params.at("textDocument").at("uri").get<std::string>());
  return found == documents_.end() ? nullptr : &found->second;
}

std::shared_ptr<const WorkspaceState> Server::state_for(const Document& document) {
  if (!document.folder || !document.path) return nullptr;
  Folder& entry = folders_[*document.folder];
  if (!entry.state) entry.state = entry.workspace->update();
  return entry.state;
}

json Server::completion(const json& params) {
  json items = json::array();
  Document* doc = document(params);
  if (!doc) return {{"isIncomplete", false}, {"items", items}};
  const auto state = state_for(*doc);
  if (!state) return {{"isIncomplete", false}, {"items", items}};
  const Lines lines(doc->text);
  const std::vector<Completion> completions =
      complete(*state, *doc->path, doc->text, engine_position(*doc, params.at("position")));
  for (const Completion& c : completions) {
    // Field, EnumMember, Reference, File, Event (CompletionItemKind).
    static constexpr int kKinds[] = {5, 20, 18, 17, 23};
    json item = {{"label", c.label},
                 {"kind", kKinds[static_cast<int>(c.kind)]},
                 {"textEdit", {{"range", range_of(&lines, c.replaces)}, {"newText", c.label}}}};
    if (!c.detail.empty()) item["detail"] = c.detail;
    if (!c.documentation.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", c.documentation}};
    items.push_back(std::move(item));
  }
  // A list cut at the most the engine offers may hold more as the user types.
  return {{"isIncomplete", completions.size() >= kMostCompletions}, {"items", std::move(items)}};
}

json Server::hover(const json& params) {
  Document* doc = document(params);
  if (!doc) return nullptr;
  const auto state = state_for(*doc);
  if (!state) return nullptr;
  const auto answer = strikeline::hover(*state, *doc->path, doc->text, engine_position(*doc, params.at("position")));
  if (!answer) return nullptr;
  const Lines lines(doc->text);
  return {{"contents", {{"kind", "markdown"}, {"value", answer->markdown}}}, {"range", range_of(&lines, answer->range)}};
}

json Server::definition(const json& params) {
  json result = json::array();
  Document* doc = document(params);
  if (!doc) return result;
  const auto state = state_for(*doc);
  if (!state) return result;
  LineCache cache;
  for (const FileRange& place :
       strikeline::definition(*state, *doc->path, doc->text, engine_position(*doc, params.at("position"))))
    result.push_back(location(place, cache));
  return result;
}

json Server::references(const json& params) {
  json result = json::array();
  Document* doc = document(params);
  if (!doc) return result;
  const auto state = state_for(*doc);
  if (!state) return result;
  bool include = false;
  if (const auto context = params.find("context"); context != params.end() && context->is_object())
    include = context->value("includeDeclaration", false);
  LineCache cache;
  for (const FileRange& place : strikeline::references(*state, *doc->path, doc->text,
                                                       engine_position(*doc, params.at("position")), include))
    result.push_back(location(place, cache));
  return result;
}

json Server::code_action(const json& params) {
  json result = json::array();
  Document* doc = document(params);
  if (!doc) return result;
  const auto state = state_for(*doc);
  if (!state) return result;
  const json& range = params.at("range");
  const TextRange wanted{engine_position(*doc, range.at("start")), engine_position(*doc, range.at("end"))};
  LineCache cache;
  for (const CodeAction& action : code_actions(*state, *doc->path, wanted)) {
    json changes = json::object();
    for (const TextEdit& edit : action.edits) {
      json place = location(edit.where, cache);
      changes[place["uri"].get<std::string>()].push_back({{"range", place["range"]}, {"newText", edit.text}});
    }
    json item = {{"title", action.title}, {"kind", "quickfix"}, {"isPreferred", action.preferred},
                 {"edit", {{"changes", std::move(changes)}}}};
    const auto& all = state->diagnostics.all();
    if (action.diagnostic < all.size()) {
      const Diagnostic& d = all[action.diagnostic];
      const Lines* lines = d.where.file < state->diagnostics.file_count()
                               ? lines_of(state->diagnostics.file(d.where.file), cache)
                               : nullptr;
      item["diagnostics"] = json::array({diagnostic(state->diagnostics, d, lines, cache)});
    }
    result.push_back(std::move(item));
  }
  return result;
}

json Server::document_symbol(const json& params) {
  Document* doc = document(params);
  if (!doc) return json::array();
  const Lines lines(doc->text);
  // File, Module and the rest as the protocol numbers them (SymbolKind): an event is
  // Event, an actor Object, a source File, the dataset record Module.
  static constexpr int kKinds[] = {24, 19, 1, 2};
  // Records nest when one's range holds another's (hierarchical DocumentSymbol).
  struct Node {
    json value;
    TextRange range;
  };
  std::vector<Node> stack;
  json top = json::array();
  auto close = [&] {
    Node node = std::move(stack.back());
    stack.pop_back();
    (stack.empty() ? top : stack.back().value["children"]).push_back(std::move(node.value));
  };
  auto inside = [](const TextRange& inner, const TextRange& outer) {
    auto before = [](const TextPosition& a, const TextPosition& b) {
      return a.line < b.line || (a.line == b.line && a.column <= b.column);
    };
    return before(outer.start, inner.start) && before(inner.end, outer.end);
  };
  for (const Symbol& s : symbols(doc->text)) {
    while (!stack.empty() && !inside(s.range, stack.back().range)) close();
    json value = {{"name", s.name.empty() ? std::string("(untitled)") : s.name},
                  {"kind", kKinds[static_cast<int>(s.kind)]},
                  {"range", range_of(&lines, s.range)},
                  {"selectionRange", range_of(&lines, s.selection)},
                  {"children", json::array()}};
    if (!s.detail.empty()) value["detail"] = s.detail;
    stack.push_back({std::move(value), s.range});
  }
  while (!stack.empty()) close();
  return top;
}

}  // namespace

int serve_lsp(int in_fd, std::ostream& out, std::ostream& log) {
  // A client that goes away mid-answer must not kill the server with SIGPIPE; the
  // failed write is seen and the input's end follows.
  std::signal(SIGPIPE, SIG_IGN);
  auto queue = std::make_shared<Queue>();
  // The reader may be blocked in read() when `exit` arrives; it is let go, not
  // joined, and ends with the process.
  std::thread([queue, in_fd] { read_messages(in_fd, *queue); }).detach();
  Server server(out, log);
  for (;;) {
    // Wait for messages only when there is nothing left to analyse.
    std::deque<Incoming> batch = queue->take(/*wait=*/!server.work_pending());
    // A cancellation reaches the requests still waiting in the same batch.
    for (const Incoming& item : batch) {
      if (item.kind == Incoming::Kind::message && item.value.is_object() && item.value.value("method", json()) == "$/cancelRequest") {
        const json& params = item.value.value("params", json::object());
        if (params.is_object() && params.contains("id")) server.cancel(params["id"]);
      }
    }
    for (const Incoming& item : batch) {
      if (item.kind == Incoming::Kind::end) return server.exit_code();
      try {
        server.handle(item);
      } catch (const std::exception& e) {
        log << "strikeline lsp: internal error: " << e.what() << '\n';
      }
      if (server.exited()) return server.exit_code();
      if (!out) {
        log << "strikeline lsp: cannot write to the client; stopping\n";
        return 1;
      }
    }
    server.forget_cancellations();
    // All the edits that arrived while the last analysis ran are in: analyse once.
    if (server.work_pending() && !queue->changes_pending()) server.analyse([&] { return queue->changes_pending(); });
  }
}

}  // namespace strikeline
