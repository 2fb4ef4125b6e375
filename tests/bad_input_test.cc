// Pinned diagnostics, the one driver for both kinds of fixture:
//
// - golden: each folder in tests/golden/ is a dataset with mistakes in it (but
//   json-contract, which has none: json_export_test.cc pins its JSON); its
//   expected-output.txt holds the exit code, standard output and standard error of
//   `strikeline check` on it.
// - hostile: each folder tests/bad/NN-name/ is a small dataset with one hostile
//   thing in it. It holds only what differs from tests/bad/base/ (the registries and
//   source text most cases share): the case is run on a copy of base/ with the
//   case's files laid over it, less any file its leave-out.txt names. Every case
//   must fail with exit code 1, name a place (`path:line:col: error:`, or `path:
//   error:` when a whole file or folder is at fault), match its pinned text, and
//   leave the folder as it was. Inputs that cannot be committed (a 10 MB scalar, a
//   file over the size limit, links, permissions, a folder where a file belongs) are
//   made at test time; their pinned text is in tests/bad/generated/NAME.txt, with
//   the temporary folder shown as $DATASET.
//
// After a deliberate change to a message, `make update-golden` rewrites every
// pinned text; read the diff before committing it. A case slower than a second is
// reported, never failed: speed belongs in benchmarks.
#include <doctest/doctest.h>

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "export_ics.h"
#include "loader.h"
#include "render_html.h"
#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;

const fs::path kBad = "tests/bad";

std::string transcript(const testing::RunResult& result) {
  return "exit code: " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out + "--- stderr\n" + result.err;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Everything about a folder a run could change: each entry's kind, mode, contents
// or link target. Unlike testing::snapshot it neither follows nor trips over links.
std::vector<std::string> state_of(const fs::path& folder) {
  std::vector<std::string> state;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    std::error_code ec;
    const fs::file_status status = entry.symlink_status(ec);
    std::string line = entry.path().generic_string() + " mode " +
                       std::to_string(static_cast<unsigned>(status.permissions()));
    if (fs::is_symlink(status)) {
      line += " link to " + fs::read_symlink(entry.path(), ec).generic_string();
    } else if (fs::is_regular_file(status)) {
      std::ifstream in(entry.path(), std::ios::binary);
      line += in ? " contents " + testing::read_text(entry.path()) : " unreadable";
    } else if (fs::is_directory(status)) {
      line += " folder";
    }
    state.push_back(std::move(line));
  }
  std::sort(state.begin(), state.end());
  return state;
}

// At least one line `path:line:col: error: ` or `path: error: `. Snippet lines
// start with a space, notes say `note:`.
bool has_located_error(const std::string& err) {
  std::size_t start = 0;
  while (start < err.size()) {
    std::size_t end = err.find('\n', start);
    if (end == std::string::npos) end = err.size();
    const std::string_view line(err.data() + start, end - start);
    start = end + 1;
    const std::size_t at = line.find(": error: ");
    if (at == std::string_view::npos || at == 0 || line[0] == ' ') continue;
    std::string_view place = line.substr(0, at);
    // Strip ":line:col" if there is one; what is left is the path.
    for (int part = 0; part < 2; ++part) {
      const std::size_t colon = place.rfind(':');
      if (colon == std::string_view::npos) break;
      const std::string_view digits = place.substr(colon + 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) break;
      place = place.substr(0, colon);
    }
    if (!place.empty() && place.find(": ") == std::string_view::npos) return true;
  }
  return false;
}

struct Timed {
  testing::RunResult result;
  double seconds = 0;
};

Timed timed_run(const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  Timed timed;
  timed.result = testing::run_cli(args);
  timed.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return timed;
}

void report_if_slow(const std::string& name, double seconds) {
  if (seconds > 1.0) MESSAGE("hostile case " << name << " took " << seconds << " s (more than a second)");
}

// The assertions every hostile case shares, given what the run printed.
void check_outcome(const std::string& name, const Timed& run, const std::string& shown,
                   const fs::path& expected_path) {
  CAPTURE(name);
  CHECK(run.result.exit_code == 1);
  CHECK(has_located_error(run.result.err));
  if (std::getenv("STRIKELINE_UPDATE_GOLDEN")) {
    fs::create_directories(expected_path.parent_path());
    std::ofstream(expected_path, std::ios::binary) << shown;
  }
  CHECK(shown == testing::read_text(expected_path));
  report_if_slow(name, run.seconds);
}

const fs::path kBase = kBad / "base";

// A hostile case as a whole dataset: base/ with the case's files laid over it.
void assemble_case(const fs::path& case_folder, const testing::TempFolder& into) {
  fs::copy(kBase, into.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  for (const auto& entry : fs::recursive_directory_iterator(case_folder)) {
    const fs::path relative = entry.path().lexically_relative(case_folder);
    if (relative == "expected-output.txt" || relative == "leave-out.txt") continue;
    if (entry.is_directory()) {
      fs::create_directories(into.path() / relative);
    } else {
      fs::copy_file(entry.path(), into.path() / relative, fs::copy_options::overwrite_existing);
    }
  }
  if (fs::exists(case_folder / "leave-out.txt")) {
    std::istringstream names(testing::read_text(case_folder / "leave-out.txt"));
    for (std::string name; std::getline(names, name);) {
      if (!name.empty()) fs::remove_all(into.path() / name);
    }
  }
}

TEST_CASE("hostile inputs: every committed case fails with its pinned, located diagnostics") {
  REQUIRE(fs::is_directory(kBad));
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kBad)) {
    const fs::path name = entry.path().filename();
    if (entry.is_directory() && name != "generated" && name != "base") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 40);
  for (const fs::path& folder : cases) {
    const std::string name = folder.filename().string();
    CAPTURE(name);
    testing::TempFolder dataset;
    assemble_case(folder, dataset);
    const auto before = state_of(dataset.path());
    const Timed run = timed_run({"check", dataset.path().generic_string()});
    CHECK(state_of(dataset.path()) == before);  // checking never changes a user's files
    // Shown as if the case folder were the whole dataset, as a reader of the case expects.
    const std::string shown = replace_all(transcript(run.result), dataset.path().generic_string(), folder.generic_string());
    check_outcome(name, run, shown, folder / "expected-output.txt");
  }
}

TEST_CASE("golden: every fixture dataset's diagnostics match their pinned text") {
  const fs::path root = "tests/golden";
  REQUIRE(fs::is_directory(root));
  std::size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    const std::string folder = (root / entry.path().filename()).generic_string();
    const fs::path expected_path = entry.path() / "expected-output.txt";
    const auto before = state_of(entry.path());
    const std::string actual = transcript(testing::run_cli({"check", folder}));
    CAPTURE(folder);
    CHECK(state_of(entry.path()) == before);  // checking never changes a user's files
    if (std::getenv("STRIKELINE_UPDATE_GOLDEN")) std::ofstream(expected_path, std::ios::binary) << actual;
    CHECK(actual == testing::read_text(expected_path));
    ++cases;
  }
  CHECK(cases >= 2);
}

// A small valid dataset: base/ and one event quoting its text.
void write_base(const testing::TempFolder& temp) {
  fs::copy(kBase, temp.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  temp.write("events.yaml", "events:\n  - id: strike-day\n    kind: strike\n    status: under-way\n    strikers: bma\n"
                            "    title: Junior doctors strike\n    date: 2023-12-21\n    actors: [bma]\n    sources:\n"
                            "      - source: article\n        quote: began their second of three strike days on Thursday\n");
}

// Runs a generated case with the shared assertions; `outside` is another
// temporary folder the case links to, if any.
void check_generated(const std::string& name, const testing::TempFolder& temp,
                     const testing::TempFolder* outside = nullptr) {
  const auto before = state_of(temp.path());
  const Timed run = timed_run({"check", temp.path().generic_string()});
  std::string shown = replace_all(transcript(run.result), temp.path().generic_string(), "$DATASET");
  if (outside) shown = replace_all(shown, outside->path().generic_string(), "$OUTSIDE");
  check_outcome(name, run, shown, kBad / "generated" / (name + ".txt"));
  CHECK(state_of(temp.path()) == before);
}

TEST_CASE("hostile inputs made at test time fail with their pinned, located diagnostics") {
  testing::TempFolder temp;
  write_base(temp);

  SUBCASE("a 10 MB title") {
    std::string events = testing::read_text(temp.path() / "events.yaml");
    events = replace_all(events, "title: Junior doctors strike", "title: " + std::string(10'000'000, 'y'));
    temp.write("events.yaml", events);
    check_generated("10mb-scalar", temp);
  }
  SUBCASE("an event file over the size limit") {
    // Sparse: the size is what is refused, and the file is never read.
    fs::resize_file(temp.path() / "events.yaml", kMaxFileBytes + 1);
    check_generated("file-over-size-limit", temp);
  }
  SUBCASE("an event file that is a link to itself, and a source text that is one") {
    fs::create_symlink("loop.yaml", temp.path() / "loop.yaml");
    fs::create_directories(temp.path() / "texts");
    fs::create_symlink("loop.txt", temp.path() / "texts" / "loop.txt");
    fs::create_directory_symlink(".", temp.path() / "texts" / "again");  // a folder loop, never followed
    temp.write("sources.yaml",
               testing::read_text(temp.path() / "sources.yaml") +
                   "  - id: looped\n    title: A loop\n    publisher: null\n    published: 2023\n"
                   "    dated_by: None.\n    path: texts/loop.txt\n");
    check_generated("symlink-loop", temp);
  }
  SUBCASE("an event file and a source text that are links to files outside the folder") {
    testing::TempFolder outside;
    outside.write("secret.yaml", "password: hunter2\n");
    outside.write("secret.txt", "Junior doctors began their second of three strike days on Thursday.\n");
    fs::create_symlink(outside.path() / "secret.yaml", temp.path() / "more-events.yaml");
    fs::remove(temp.path() / "sources" / "article.txt");
    fs::create_symlink(outside.path() / "secret.txt", temp.path() / "sources" / "article.txt");
    // A folder of events kept elsewhere is refused by name, never skipped in silence;
    // a link to a folder inside the dataset adds nothing read twice.
    fs::create_directories(outside.path() / "more");
    outside.write("more/strikes.yaml", "events: []\n");
    fs::create_directory_symlink(outside.path() / "more", temp.path() / "shared-events");
    fs::create_directory_symlink(temp.path() / "sources", temp.path() / "sources-again");
    check_generated("symlink-pointing-outside", temp, &outside);
  }
  SUBCASE("folders where files are expected") {
    fs::remove(temp.path() / "actors.yaml");
    fs::create_directories(temp.path() / "actors.yaml");
    fs::remove(temp.path() / "sources" / "article.txt");
    fs::create_directories(temp.path() / "sources" / "article.txt");
    check_generated("directory-where-file-expected", temp);
  }
}

TEST_CASE("hostile inputs: a file nobody may read is reported, not skipped") {
  testing::TempFolder temp;
  write_base(temp);
  fs::permissions(temp.path() / "events.yaml", fs::perms::none);
  const auto before = state_of(temp.path());
  if (::geteuid() != 0) {
    check_generated("unreadable-file", temp);
  } else {
    // Root reads anything, so the run happens in a child that has given up root.
    int pipe_ends[2];
    REQUIRE(::pipe(pipe_ends) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(pipe_ends[0]);
      std::string shown = "cannot drop root";
      if (::setgroups(0, nullptr) == 0 && ::setgid(65534) == 0 && ::setuid(65534) == 0) {
        shown = replace_all(transcript(testing::run_cli({"check", temp.path().generic_string()})),
                            temp.path().generic_string(), "$DATASET");
      }
      for (std::size_t done = 0; done < shown.size();) {
        const ssize_t n = ::write(pipe_ends[1], shown.data() + done, shown.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
      }
      ::_exit(0);
    }
    ::close(pipe_ends[1]);
    std::string shown;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;) shown.append(buffer, static_cast<std::size_t>(n));
    ::close(pipe_ends[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (shown == "cannot drop root") {
      MESSAGE("skipped: running as root, and could not become an unprivileged user to test an unreadable file");
    } else {
      testing::RunResult result;
      result.exit_code = shown.rfind("exit code: 1\n", 0) == 0 ? 1 : -1;
      result.err = shown.substr(std::min(shown.size(), shown.find("--- stderr\n") + 11));
      check_outcome("unreadable-file", Timed{result, 0}, shown, kBad / "generated" / "unreadable-file.txt");
    }
  }
  CHECK(state_of(temp.path()) == before);
}

TEST_CASE("hostile inputs: a byte order mark and Windows line endings are read as the author means them") {
  testing::TempFolder temp;
  write_base(temp);
  std::string events = testing::read_text(temp.path() / "events.yaml");
  events = replace_all("\xEF\xBB\xBF" + events, "\n", "\r\n");
  temp.write("events.yaml", events);
  const testing::RunResult ok = testing::run_cli({"check", temp.path().generic_string()});
  CHECK(ok.exit_code == 0);
  CHECK(ok.err.empty());
  // A mistake on the first line after the mark is at column 1, as an editor counts.
  temp.write("events.yaml", replace_all(events, "events:", "evnts:"));
  const testing::RunResult bad = testing::run_cli({"check", temp.path().generic_string()});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("events.yaml:1:1: error: the file has no `events` list\n 1 | evnts:\n   | ^~~~~\n") !=
        std::string::npos);
}

// --- Markdown and HTML in every field a person writes --------------------------


std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + '"';
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// A dataset with `text` in every free-text field of every file, the quote included
// (the source text has it as its first paragraph).
void write_text_everywhere(const testing::TempFolder& temp, const std::string& text) {
  const std::string q = yaml_quoted(text);
  const bool one_line = text.find('\n') == std::string::npos;
  // A quote is at least a few words: the payload is quoted with words after it.
  const std::string quote = one_line ? yaml_quoted(text + " said the union") : "Junior doctors began";
  temp.write("dataset.yaml", "title: " + q + "\ndescription: " + q + "\n");
  temp.write("actors.yaml", "actors:\n  - id: bma\n    name: " + q + "\n    short: " + q + "\n    kind: union\n    role: " +
                                q + "\n  - id: minister\n    name: " + q + "\n    kind: minister\n    part_of: bma\n");
  temp.write("sources.yaml", "sources:\n  - id: article\n    title: " + q + "\n    publisher: " + q +
                                 "\n    published: 2023-12-21\n    dated_by: " + q + "\n    note: " + q +
                                 "\n    path: sources/article.txt\n");
  temp.write("sources/article.txt",
             (one_line ? text + " said the union" : std::string("Junior doctors began")) + "\n\nJunior doctors began their strike.\n");
  auto event = [&](const std::string& id, const std::string& kind, const std::string& date, const std::string& extra) {
    return "  - id: " + id + "\n    kind: " + kind + "\n    title: " + q + "\n    date: " + date +
           "\n    actors: [bma, minister]\n    place: " + q + "\n    note: " + q + "\n" + extra +
           "    sources:\n      - source: article\n        quote: " + quote + "\n";
  };
  temp.write("events.yaml",
             "events:\n" +
                 event("offer", "offer", "2023-12-01", "    amount: " + q +
                                                          "\n    links:\n      - type: led-to\n        event: figures\n") +
                 event("figures", "data", "2023-12-02", "    figure: " + q + "\n") +
                 event("appointed", "appointment", "2023-12-03",
                       "    appointee: minister\n    role: " + q + "\n    links:\n      - type: after\n        event: offer\n") +
                 event("said", "announcement", "2023-12-04/2023-12-20", "    status: " + q + "\n"));
}

// Markdown and HTML that would act if it were not escaped.
const std::vector<std::string> kMarkdownPayloads = {
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"http://evil.example\">click</a>",
    "<!-- hidden -->",
    "<http://evil.example/autolink>",
    "[click](javascript:alert(1))",
    "![image](http://evil.example/x.png)",
    "[ref]: http://evil.example",
    "**strong** _em_ `code` ~~struck~~",
    "# heading",
    "- list item",
    "> quotation",
    "| a | b |",
    "&lt;script&gt; &#60;b&#62;",
    "line one\n\n# heading\n\n<div>block</div>",
    "```\nfenced\n```",
};

// Markup that tries to break out of an HTML attribute or element.
const std::vector<std::string> kHtmlPayloads = {
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)' x='", "</style><style>*{display:none}</style>", "&lt;b&gt; &#60;i&#62;",
    "<a href=\"javascript:alert(1)\">click</a>", "line one\n\n<div>block</div>"};

// Tags only the timeline's own layout may produce.
const char* const kStructuralTags[] = {
    "<a ", "<em>", "<strong>", "<code>", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<li>", "<ul>", "<ol",
    "<img", "<blockquote>", "<pre", "<hr", "<br", "<table", "<del", "<script", "<p>", "<div", "<!--",
    "<b>", "<input", "<iframe", "<svg", "<style"};

TEST_CASE("hostile inputs: Markdown and HTML in every text field render as literal text") {
  const std::vector<std::string>& payloads = kMarkdownPayloads;
  auto render = [](const std::string& text) {
    testing::TempFolder temp;
    write_text_everywhere(temp, text);
    const testing::RunResult checked = testing::run_cli({"check", temp.path().generic_string()});
    CAPTURE(checked.err);
    CHECK(checked.exit_code == 0);  // the text is valid data: only its rendering is at stake
    const testing::RunResult rendered = testing::run_cli({"render", temp.path().generic_string()});
    REQUIRE(rendered.exit_code == 0);
    return testing::to_html(rendered.out);
  };
  const std::string benign = render("plain words");
  for (const std::string& payload : payloads) {
    CAPTURE(payload);
    const std::string html = render(payload);
    for (const std::string tag : kStructuralTags) {
      CAPTURE(tag);
      CHECK(count(html, tag) == count(benign, tag));
    }
    // Links only to the timeline's own anchors.
    std::size_t links = 0;
    for (auto at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 1)) {
      ++links;
      CHECK(html.compare(at + 6, 1, "#") == 0);
    }
    CHECK(links == count(benign, "href=\""));
    CHECK(html.find("evil.example\"") == std::string::npos);
    if (payload.find('\n') == std::string::npos) CHECK(html.find(testing::html_escaped(payload)) != std::string::npos);
  }
}

TEST_CASE("hostile inputs: markup in every text field is text on the HTML page too") {
  const std::vector<std::string>& payloads = kHtmlPayloads;
  auto page = [](const std::string& text) {
    testing::TempFolder temp;
    write_text_everywhere(temp, text);
    const testing::RunResult rendered = testing::run_cli({"render", "--format", "html", temp.path().generic_string()});
    REQUIRE(rendered.exit_code == 0);
    return rendered.out;
  };
  const std::string benign = page("plain words");
  for (const std::string& payload : payloads) {
    CAPTURE(payload);
    const std::string html = page(payload);
    // Handler words stay in the page as text; only markup would make them attributes.
    for (const char* tag : {"<script", "<img", "<svg", "<style", "<a ", "<div", "<iframe", "href=\"javascript"}) {
      CAPTURE(tag);
      CHECK(count(html, tag) == count(benign, tag));
    }
    if (payload.find('\n') == std::string::npos) CHECK(html.find(escape_html(payload)) != std::string::npos);
  }
}

TEST_CASE("hostile inputs: markup and Graphviz escapes in every text field are text in the dot export's drawing") {
  // Both batteries above, and what means something to Graphviz: escString escapes,
  // a backslash before the closing quote, quotes, HTML entities and HTML-like labels.
  std::vector<std::string> payloads = kMarkdownPayloads;
  payloads.insert(payloads.end(), kHtmlPayloads.begin(), kHtmlPayloads.end());
  payloads.insert(payloads.end(), {"\\N \\G \\E \\T \\H \\L \\n \\l \\r", "ends in a backslash \\",
                                   "\\\"]; x -> y [label=\"injected", "<<b>html</b>>", "&amp;lt; &#x3C; &nbsp;",
                                   "\"\\\\\""});
  // Each payload's graph and export beside its dataset, then one run of Graphviz and
  // of the checker over them all.
  std::vector<std::unique_ptr<testing::TempFolder>> folders;
  std::string command = "bash tests/dot/check_graph.sh --hostile";
  for (const std::string& payload : payloads) {
    CAPTURE(payload);
    const testing::TempFolder& temp = *folders.emplace_back(std::make_unique<testing::TempFolder>());
    write_text_everywhere(temp, payload);
    const std::string dataset = temp.path().generic_string();
    const std::string graph = (temp.path() / "graph.dot").string(), exported = (temp.path() / "export.json").string();
    const testing::RunResult dot = testing::run_cli({"export", "--format", "dot", dataset, "-o", graph});
    CAPTURE(dot.err);
    REQUIRE(dot.exit_code == 0);
    REQUIRE(testing::run_cli({"export", "--format", "json", dataset, "-o", exported}).exit_code == 0);
    CHECK(testing::read_text(graph).find("evil.example\"") == std::string::npos);
    command += " '" + graph + "' '" + exported + "'";
  }
  // Graphviz draws them without a word of complaint, and the drawings show the text as text.
  const int status = std::system(command.c_str());
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
    MESSAGE("Graphviz is not installed: the drawings were not checked (tools/install-deps test installs it)");
    return;
  }
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

}  // namespace
}  // namespace strikeline

namespace strikeline {
namespace {

// The records of a CSV text as RFC 4180 reads it: cells in double quotes may hold
// commas, quotes (doubled) and line breaks; CRLF ends a record.
std::vector<std::vector<std::string>> csv_records(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& cell = records.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      records.emplace_back(1);
    } else {
      cell += c;
    }
  }
  CHECK(!quoted);
  CHECK(records.back() == std::vector<std::string>(1));  // the last record ended with CRLF
  records.pop_back();
  return records;
}

// An iCalendar text unfolded: each content line whole.
std::vector<std::string> ics_lines(std::string text) {
  for (std::size_t at; (at = text.find("\r\n ")) != std::string::npos;) text.erase(at, 3);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find("\r\n", start)) != std::string::npos; start = at + 2) {
    lines.push_back(text.substr(start, at - start));
  }
  CHECK(start == text.size());
  return lines;
}

TEST_CASE("hostile inputs: text in every field stays one CSV cell, never a formula, and one iCalendar value") {
  const std::vector<std::string> payloads = {
      "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\tTab first",
      "'already quoted", "a,b \"c\" d", "semi;colon,comma\\backslash", "line one\n\nline two",
      "x\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:x", "<script>alert(1)</script>"};
  auto exported = [](const std::string& text, const char* format) {
    testing::TempFolder temp;
    write_text_everywhere(temp, text);
    const testing::RunResult run = testing::run_cli({"export", "--format", format, temp.path().generic_string()});
    CAPTURE(run.err);
    REQUIRE(run.exit_code == 0);
    return run.out;
  };
  const auto benign_events = csv_records(exported("plain words", "csv"));
  const auto benign_calendar = ics_lines(exported("plain words", "ics"));
  for (const std::string& payload : payloads) {
    CAPTURE(payload);
    for (const char* table : {"csv", "csv-citations"}) {
      CAPTURE(table);
      const auto records = csv_records(exported(payload, table));
      REQUIRE(!records.empty());
      if (std::string(table) == "csv") CHECK(records.size() == benign_events.size());
      for (const auto& record : records) {
        CHECK(record.size() == records.front().size());
        for (const std::string& cell : record) {
          CHECK((cell.empty() || std::string_view("=+-@\t\r").find(cell.front()) == std::string_view::npos));
        }
      }
      if (std::string(table) == "csv") {
        // Dropping the one leading quote the writer may add gives the text back.
        const std::string title = records[1][3];
        CHECK((title.front() == '\'' ? title.substr(1) : title) == payload);
      }
    }
    const auto calendar = ics_lines(exported(payload, "ics"));
    CHECK(calendar.size() == benign_calendar.size());
    for (std::size_t i = 0; i < calendar.size() && i < benign_calendar.size(); ++i) {
      // The same properties in the same order: the text added none.
      CHECK(calendar[i].substr(0, calendar[i].find_first_of(":;")) ==
            benign_calendar[i].substr(0, benign_calendar[i].find_first_of(":;")));
    }
    CHECK(std::find(calendar.begin(), calendar.end(), "LOCATION:" + ics_text(payload)) != calendar.end());
  }
}

}  // namespace
}  // namespace strikeline
