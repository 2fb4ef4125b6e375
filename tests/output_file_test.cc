// The output writer: what -o FILE and standard output do with the user's files.
#include <doctest/doctest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "cli.h"
#include "output_file.h"
#include "test_support.h"

namespace strikeline {
namespace {

namespace fs = std::filesystem;
using testing::read_text;
using testing::run_cli;

const std::string kDataset = "events/nhs-junior-doctors-2023";
const std::string kQuestions = "examples/nhs-junior-doctors-2023/questions.txt";

// The names in a folder, to show no temporary file is left there.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Runs the program with standard output on `fd`, as main.cc sets it up.
testing::RunResult run_with_stdout(const std::vector<std::string>& args, int fd) {
  FdOutBuf buffer(fd);
  std::ostream out(&buffer);
  std::ostringstream err;
  testing::RunResult result;
  result.exit_code = run(args, out, err);
  result.err = err.str();
  return result;
}

TEST_CASE("a full disk on standard output exits 1 with the reason, for every command that prints a document") {
  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (full < 0) {
    MESSAGE("skipped: this system has no /dev/full");
    return;
  }
  const std::vector<std::vector<std::string>> commands = {
      {"render", kDataset},
      {"export", "--format", "json", kDataset},
      {"export", "--format", "json", "events/wga-2023"},
      {"query", "between 2023-01-01 2023-12-31", kDataset, "--format", "json"},
      {"brief", kQuestions, kDataset},
      {"schema", "events"},
  };
  for (const auto& args : commands) {
    CAPTURE(args[0]);
    const auto r = run_with_stdout(args, full);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot write standard output: No space left on device") != std::string::npos);
  }
  ::close(full);
}

TEST_CASE("-o onto a device writes to it and never replaces it") {
  for (const char* device : {"/dev/null", "/dev/full"}) {
    CAPTURE(device);
    struct stat before {};
    if (::stat(device, &before) != 0) {
      MESSAGE("skipped: this system has no " << device);
      continue;
    }
    const auto r = run_cli({"render", kDataset, "-o", device});
    struct stat after {};
    REQUIRE(::stat(device, &after) == 0);
    CHECK(S_ISCHR(after.st_mode));
    CHECK(after.st_rdev == before.st_rdev);
    if (std::string(device) == "/dev/null") {
      CHECK(r.exit_code == 0);
    } else {
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("No space left on device") != std::string::npos);
    }
  }
}

TEST_CASE("a buffer written in the background writes every byte in order, and keeps the first error") {
  testing::TempFolder temp;
  const fs::path path = temp.path() / "out.txt";
  std::string expected;
  {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    {
      FdOutBuf buffer(fd, /*in_background=*/true);
      std::ostream out(&buffer);
      // Many buffers' worth, in pieces of every size, single characters among them.
      for (int i = 0; expected.size() < (5u << 20); ++i) {
        const std::string piece(static_cast<std::size_t>(i % 7919), static_cast<char>('a' + i % 26));
        out << piece << static_cast<char>('0' + i % 10);
        expected += piece;
        expected += static_cast<char>('0' + i % 10);
      }
      CHECK(stream_failure(out).empty());
      CHECK(buffer.error() == 0);
    }
    ::close(fd);
  }
  CHECK(read_text(path) == expected);

  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (full < 0) return;
  {
    FdOutBuf buffer(full, /*in_background=*/true);
    std::ostream out(&buffer);
    for (int i = 0; i < 100000 && out; ++i) out << "a line that cannot be written\n";
    CHECK(stream_failure(out) == std::strerror(ENOSPC));
    CHECK(buffer.error() == ENOSPC);
  }
  ::close(full);
}

TEST_CASE("-o onto a FIFO writes into it, and the reader gets the whole timeline") {
  testing::TempFolder temp;
  const fs::path fifo = temp.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // A reader that gives up after a while, so the test can never hang: the writer
  // then gets EPIPE (SIGPIPE is ignored here) rather than blocking.
  const auto old_pipe = std::signal(SIGPIPE, SIG_IGN);
  std::string received;
  std::thread reader([&] {
    const int fd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    char chunk[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      struct pollfd p {fd, POLLIN, 0};
      ::poll(&p, 1, 50);
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n > 0) {
        received.append(chunk, static_cast<std::size_t>(n));
      } else if (n == 0 && !received.empty()) {
        break;  // the writer is done
      } else if (n == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // no writer yet
      }
    }
    ::close(fd);
  });
  const auto r = run_cli({"render", kDataset, "-o", fifo.string()});
  reader.join();
  std::signal(SIGPIPE, old_pipe);
  CHECK(r.exit_code == 0);
  struct stat info {};
  REQUIRE(::lstat(fifo.c_str(), &info) == 0);
  CHECK(S_ISFIFO(info.st_mode));
  CHECK(received.rfind("# ", 0) == 0);
  CHECK(received.find("\n## Sources\n") != std::string::npos);
  CHECK(names_in(temp.path()) == std::vector<std::string>{"pipe"});
}

TEST_CASE("-o onto a link to a pipe, as /dev/stdout is, writes into the pipe") {
  int ends[2];
  REQUIRE(::pipe(ends) == 0);
  const std::string name = "/proc/self/fd/" + std::to_string(ends[1]);
  if (!fs::is_symlink(name)) {
    MESSAGE("skipped: this system has no /proc/self/fd");
    ::close(ends[0]);
    ::close(ends[1]);
    return;
  }
  std::string received;
  std::thread reader([&] {  // reads until the last writer closes: the test closes its end below
    char chunk[4096];
    for (ssize_t n; (n = ::read(ends[0], chunk, sizeof chunk)) > 0;) received.append(chunk, static_cast<std::size_t>(n));
  });
  const auto r = run_cli({"render", kDataset, "-o", name});
  ::close(ends[1]);
  reader.join();
  ::close(ends[0]);
  CHECK(r.exit_code == 0);
  CHECK(received.rfind("# ", 0) == 0);
  CHECK(received.find("\n## Sources\n") != std::string::npos);
}

TEST_CASE("-o through a symlink writes the file it points at and keeps the link") {
  testing::TempFolder temp;
  temp.write("site/timeline.md", "old\n");
  fs::create_directory(temp.path() / "work");
  fs::create_symlink("../site/timeline.md", temp.path() / "work" / "timeline.md");
  const auto r = run_cli({"render", kDataset, "-o", (temp.path() / "work" / "timeline.md").string()});
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(temp.path() / "work" / "timeline.md"));
  CHECK(fs::read_symlink(temp.path() / "work" / "timeline.md") == "../site/timeline.md");
  CHECK(read_text(temp.path() / "site" / "timeline.md").rfind("# ", 0) == 0);
  CHECK(names_in(temp.path() / "site") == std::vector<std::string>{"timeline.md"});
  CHECK(names_in(temp.path() / "work") == std::vector<std::string>{"timeline.md"});
}

TEST_CASE("a read-only file is refused and left as it was") {
  testing::TempFolder temp;
  temp.write("timeline.md", "old\n");
  const fs::path target = temp.path() / "timeline.md";
  REQUIRE(::chmod(target.c_str(), 0444) == 0);
  const auto r = run_cli({"render", kDataset, "-o", target.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("read-only") != std::string::npos);
  CHECK(read_text(target) == "old\n");
  CHECK(names_in(temp.path()) == std::vector<std::string>{"timeline.md"});
}

TEST_CASE("a replaced file keeps its mode, and its owner where the test can arrange one") {
  testing::TempFolder temp;
  temp.write("timeline.md", "old\n");
  const fs::path target = temp.path() / "timeline.md";
  REQUIRE(::chmod(target.c_str(), 0600) == 0);
  const bool root = ::geteuid() == 0;
  if (root) {
    REQUIRE(::chown(target.c_str(), 12345, 12346) == 0);
  } else {
    MESSAGE("skipped the owner check: it needs root to give the file another owner");
  }
  const auto r = run_cli({"render", kDataset, "-o", target.string()});
  CHECK(r.exit_code == 0);
  struct stat info {};
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0600);
  if (root) {
    CHECK(info.st_uid == 12345u);
    CHECK(info.st_gid == 12346u);
  }
  CHECK(read_text(target).rfind("# ", 0) == 0);
  CHECK(names_in(temp.path()) == std::vector<std::string>{"timeline.md"});
}

TEST_CASE("a file with other hard links is rewritten in place: every name shows the new timeline") {
  testing::TempFolder temp;
  temp.write("timeline.md", "old, and longer than the first line of any timeline will ever be, so the end must go\n");
  const fs::path target = temp.path() / "timeline.md";
  const fs::path other = temp.path() / "published.md";
  fs::create_hard_link(target, other);
  struct stat before {};
  REQUIRE(::stat(target.c_str(), &before) == 0);
  const auto r = run_cli({"render", kDataset, "-o", target.string()});
  CHECK(r.exit_code == 0);
  struct stat after {};
  REQUIRE(::stat(target.c_str(), &after) == 0);
  CHECK(after.st_ino == before.st_ino);
  CHECK(after.st_nlink == 2);
  const std::string written = read_text(target);
  CHECK(written.rfind("# ", 0) == 0);
  CHECK(read_text(other) == written);
  CHECK(written == run_cli({"render", kDataset}).out);  // nothing of the old content left at the end
  CHECK(names_in(temp.path()) == std::vector<std::string>{"published.md", "timeline.md"});
}

TEST_CASE("a file name of 255 bytes can be written") {
  testing::TempFolder temp;
  const std::string name = std::string(252, 'a') + ".md";
  REQUIRE(name.size() == 255);
  const auto r = run_cli({"render", kDataset, "-o", (temp.path() / name).string()});
  CHECK(r.exit_code == 0);
  CHECK(read_text(temp.path() / name).rfind("# ", 0) == 0);
  CHECK(names_in(temp.path()) == std::vector<std::string>{name});
}

TEST_CASE("errors give errno's words and leave no temporary file") {
  testing::TempFolder temp;
  SUBCASE("a folder that does not exist") {
    const auto r = run_cli({"render", kDataset, "-o", (temp.path() / "no" / "t.md").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("No such file or directory") != std::string::npos);
  }
  SUBCASE("a folder as the output") {
    fs::create_directory(temp.path() / "dir");
    const auto r = run_cli({"render", kDataset, "-o", (temp.path() / "dir").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("Is a directory") != std::string::npos);
    CHECK(names_in(temp.path() / "dir").empty());
  }
  SUBCASE("a write that fails part way") {
    const std::string why = write_output_file(temp.path() / "t.md", [](std::ostream& out) {
      out << "partial";
      out.setstate(std::ios::badbit);
    });
    CHECK(!why.empty());
    CHECK(!fs::exists(temp.path() / "t.md"));
  }
  const auto left = names_in(temp.path());
  CHECK(std::none_of(left.begin(), left.end(), [](const std::string& n) { return n.find("strikeline") != std::string::npos; }));
}

TEST_CASE("a signal during the write removes the temporary file") {
  testing::TempFolder temp;
  const fs::path target = temp.path() / "t.md";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGTERM, SIG_DFL);  // as in the program, not doctest's crash report
    write_output_file(target, [](std::ostream& out) {
      out << "partial";
      out.flush();
      std::raise(SIGTERM);
    });
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == SIGTERM);
  CHECK(names_in(temp.path()).empty());
}

TEST_CASE("-o onto one of the dataset's files is refused before anything is written") {
  testing::TempFolder temp;
  const fs::path dataset = temp.path() / "dispute";
  fs::copy(kDataset, dataset, fs::copy_options::recursive);
  temp.write("questions.txt", read_text(kQuestions));
  fs::create_hard_link(dataset / "sources" / "atkins-nhs-providers-conference-2023-11.txt", temp.path() / "hard.txt");
  fs::create_symlink(dataset / "sources.yaml", temp.path() / "link.yaml");
  const auto before = testing::snapshot(temp.path());
  const std::string questions = (temp.path() / "questions.txt").string();
  struct Case {
    const char* what;
    std::vector<std::string> args;
  };
  const std::vector<Case> cases = {
      {"an events file", {"render", dataset.string(), "-o", (dataset / "2023-12-december-strike.yaml").string()}},
      {"sources.yaml", {"render", dataset.string(), "-o", (dataset / "sources.yaml").string()}},
      {"actors.yaml by another spelling", {"render", dataset.string(), "-o", (dataset / "sources" / ".." / "actors.yaml").string()}},
      {"a YAML file that a later run would read", {"render", dataset.string(), "-o", (dataset / "new.yml").string()}},
      {"a source text", {"render", dataset.string(), "-o", (dataset / "sources" / "sky-news-atkins-refuses-talks-2023-12-21.txt").string()}},
      {"a hard link to a source text", {"render", dataset.string(), "-o", (temp.path() / "hard.txt").string()}},
      {"a symlink to sources.yaml", {"render", dataset.string(), "-o", (temp.path() / "link.yaml").string()}},
      {"the questions file", {"brief", questions, dataset.string(), "-o", questions}},
      {"a source text, from brief", {"brief", questions, dataset.string(), "--output", (dataset / "sources" / "atkins-nhs-providers-conference-2023-11.txt").string()}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const auto r = run_cli(c.args);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("will not write") != std::string::npos);
    CHECK(r.out.empty());
    CHECK(testing::snapshot(temp.path()) == before);
    CHECK(!fs::exists(dataset / "new.yml"));
  }
  // A file beside the dataset, not in it, is fine.
  const auto ok = run_cli({"render", dataset.string(), "-o", (temp.path() / "timeline.md").string()});
  CHECK(ok.exit_code == 0);
}

TEST_CASE("an option given twice is a usage error naming it") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"render", kDataset, "-o", "a.md", "-o", "b.md"}, "-o"},
      {{"render", kDataset, "-o", "a.md", "--output", "b.md"}, "--output"},
      {{"render", kDataset, "--stats", "--stats"}, "--stats"},
      {{"export", "--format", "json", "--format", "json", kDataset}, "--format"},
      {{"query", "kind:strike", kDataset, "--format", "json", "--format", "text"}, "--format"},
      {{"brief", kQuestions, kDataset, "--timeline", "a.md", "--timeline=b.md"}, "--timeline"},
      {{"init", "x", "--title", "A", "--title", "B"}, "--title"},
      {{"date", "--format", "json", "--format", "text", "2023"}, "--format"},
  };
  for (const auto& [args, option] : cases) {
    CAPTURE(option);
    const auto r = run_cli(args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("option `" + option + "` is given more than once") != std::string::npos);
    CHECK(r.out.empty());
  }
  CHECK(!fs::exists("a.md"));
  CHECK(!fs::exists("x"));
}

TEST_CASE("--timeline is a link destination: no live javascript link, and a space does not break links") {
  struct Case {
    std::string link;
    std::string href;  // as every timeline link's href starts
  };
  const std::vector<Case> cases = {
      {"timeline.md", "timeline.md"},
      {"my timeline.md", "my%20timeline.md"},
      {"javascript:alert(1)", "./javascript:alert%281%29"},
      {"JavaScript:alert(1)//", "./JavaScript:alert%281%29//"},
      {"&#106;avascript:alert(1)", "&amp;#106;avascript:alert%281%29"},
      {"a>b<c\"d.md", "a%3Eb%3Cc%22d.md"},
      {"x)[y](z.md", "x%29%5By%5D%28z.md"},
      {"https://example.org/t.md", "https://example.org/t.md"},
  };
  const auto plain = testing::to_html(run_cli({"brief", kQuestions, kDataset, "--timeline", "timeline.md"}).out);
  std::size_t plain_links = 0;
  for (std::size_t at = plain.find("href=\"timeline.md"); at != std::string::npos;
       at = plain.find("href=\"timeline.md", at + 1)) {
    ++plain_links;
  }
  CHECK(plain_links > 1);
  for (const Case& c : cases) {
    CAPTURE(c.link);
    const auto r = run_cli({"brief", kQuestions, kDataset, "--timeline", c.link});
    REQUIRE(r.exit_code == 0);
    const std::string html = testing::to_html(r.out);
    CHECK(html.find("href=\"javascript") == std::string::npos);
    CHECK(html.find("href=\"JavaScript") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    // Every link to the timeline survives as a link: as many as with a plain name.
    std::size_t links = 0;
    for (std::size_t at = html.find("href=\"" + c.href); at != std::string::npos;
         at = html.find("href=\"" + c.href, at + 1)) {
      ++links;
    }
    CHECK(links == plain_links);
  }
}

}  // namespace
}  // namespace strikeline
