// The incremental engine gives what a whole run gives, and an edit reads one file.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis.h"
#include "editor.h"
#include "test_support.h"
#include "workspace.h"

namespace fs = std::filesystem;
using namespace strikeline;
using strikeline::testing::read_text;
using strikeline::testing::snapshot;
using strikeline::testing::TempFolder;

namespace {

// Each diagnostic as one line: place by file name, check, message, notes and fixes.
std::vector<std::string> described(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  auto place = [&](const Location& where) {
    if (where.file == Location::kNoFile) return std::string("-");
    return fs::path(diagnostics.file(where.file)).filename().string() + ":" + std::to_string(where.line) + ":" +
           std::to_string(where.column) + "+" + std::to_string(where.length);
  };
  for (const Diagnostic& d : diagnostics.all()) {
    std::string line = place(d.where) + " " + std::string(code_of(d.check)) + " " + d.message + " | " + d.help;
    for (const Note& note : d.notes) line += " | " + place(note.where) + " " + note.message;
    for (const Fix& fix : d.fixes) line += " | fix " + place(fix.where) + " " + fix.text;
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Each event by id with what the reasoning inferred of its dates and where each
// bound came from: the workspace keeps the events in the order of their files, since
// an editor shows no timeline, so origins are named by the id they point to.
std::vector<std::string> events_with_bounds(const Dataset& dataset) {
  std::vector<std::string> out;
  auto day = [](const std::optional<date::sys_days>& d) {
    return d ? std::to_string(d->time_since_epoch().count()) : std::string("-");
  };
  auto origin = [&](const BoundOrigin& o) {
    if (o.by == BoundOrigin::By::nothing) return std::string("-");
    return std::to_string(static_cast<int>(o.by)) + ":" + std::string(dataset.events[o.event].id) + ":" +
           std::to_string(static_cast<int>(o.type));
  };
  for (const Event& e : dataset.events) {
    out.push_back(std::string(e.id) + " " + day(e.inferred_earliest) + " " + day(e.inferred_latest) +
                  (e.inferred ? " inferred" : "") + " from " + origin(e.earliest_from) + " " + origin(e.latest_from));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void copy_folder(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

fs::path first_event_file(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".yaml" && name != "actors.yaml" && name != "sources.yaml" && name != "dataset.yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  return files.front();
}

void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a workspace's first state is the analysis of the folder, diagnostic for diagnostic") {
  const std::vector<fs::path> folders = {
      fs::path(STRIKELINE_SOURCE_DIR) / "tests/fixtures/nhs-junior-doctors-2023",
      fs::path(STRIKELINE_SOURCE_DIR) / "tests/fixtures/wga-2023",
  };
  std::vector<fs::path> bad;
  for (const auto& entry : fs::directory_iterator(fs::path(STRIKELINE_SOURCE_DIR) / "tests/bad")) {
    if (entry.is_directory() && fs::exists(entry.path() / "sources.yaml")) bad.push_back(entry.path());
  }
  std::sort(bad.begin(), bad.end());
  std::vector<fs::path> all = folders;
  all.insert(all.end(), bad.begin(), bad.end());
  for (const fs::path& folder : all) {
    CAPTURE(folder);
    Diagnostics whole;
    const Analysis analysis = analyse(folder, whole);
    Workspace workspace(folder);
    const auto state = workspace.update();
    CHECK(described(state->diagnostics) == described(whole));
    CHECK(events_with_bounds(state->analysis.dataset) == events_with_bounds(analysis.dataset));
    CHECK(state->analysis.graph.edges().empty());  // not kept: an editor asks nothing of it
  }
}

TEST_CASE("an edit reads the edited file again, and only it; the state then equals a whole run on that text") {
  TempFolder temp;
  copy_folder(fs::path(STRIKELINE_SOURCE_DIR) / "tests/fixtures/nhs-junior-doctors-2023", temp.path());
  const auto before = snapshot(temp.path());
  Workspace workspace(temp.path());
  WorkspaceStats stats;
  const auto first = workspace.update(&stats);
  CHECK(stats.files_read == stats.files);
  const std::size_t problems = first->diagnostics.all().size();

  const fs::path file = first_event_file(temp.path());
  std::string text = read_text(file);
  std::string broken = text;
  replace_once(broken, "event: ", "event: no-such-");  // a link to an event that does not exist
  workspace.set_text(file, broken);
  const auto second = workspace.update(&stats);
  CHECK(stats.files_read == 1);
  CHECK(second->diagnostics.errors() == first->diagnostics.errors() + 1);
  bool reported = false;
  for (const Diagnostic& d : second->diagnostics.all()) {
    if (d.check == Check::unknown_reference && d.message.find("no-such-") != std::string::npos) {
      reported = true;
      CHECK(fs::path(second->diagnostics.file(d.where.file)) == file);
    }
  }
  CHECK(reported);

  // The same text on disk, read whole, says the same.
  {
    TempFolder other;
    copy_folder(temp.path(), other.path());
    fs::path other_file = other.path() / file.lexically_relative(temp.path());
    std::ofstream(other_file, std::ios::binary) << broken;
    Diagnostics whole;
    analyse(other.path(), whole);
    std::vector<std::string> expected = described(whole);
    CHECK(described(second->diagnostics) == expected);
  }

  // The earlier state is as it was.
  CHECK(first->diagnostics.all().size() == problems);

  workspace.set_text(file, text);
  const auto third = workspace.update(&stats);
  CHECK(stats.files_read == 1);
  CHECK(described(third->diagnostics) == described(first->diagnostics));

  // Nothing changed: the same state again, nothing read.
  const auto fourth = workspace.update(&stats);
  CHECK(fourth == third);
  CHECK(stats.files_read == 0);

  workspace.forget_text(file);
  workspace.update(&stats);
  CHECK(stats.files_read == 1);
  CHECK(snapshot(temp.path()) == before);  // nothing was written
}

TEST_CASE("a file the editor holds that is not yet saved is part of the dataset; one outside it is not") {
  TempFolder temp;
  copy_folder(fs::path(STRIKELINE_SOURCE_DIR) / "tests/fixtures/nhs-junior-doctors-2023", temp.path());
  Workspace workspace(temp.path());
  const std::size_t events = workspace.update()->analysis.dataset.events.size();
  const fs::path fresh = temp.path() / "events" / "new-file.yaml";
  workspace.set_text(fresh, "events:\n  - id: brand-new\n    kind: strike\n");
  auto state = workspace.update();
  CHECK(state->analysis.dataset.events.size() == events);  // the record is incomplete, so left out
  bool about_new = false;
  for (const Diagnostic& d : state->diagnostics.all()) {
    if (d.where.file != Location::kNoFile && fs::path(state->diagnostics.file(d.where.file)) == fresh) about_new = true;
  }
  CHECK(about_new);
  CHECK_FALSE(fs::exists(fresh));

  TempFolder elsewhere;
  workspace.set_text(elsewhere.path() / "events.yaml", "events: [");
  workspace.set_text(temp.path() / ".hidden" / "x.yaml", "events: [");
  workspace.forget_text(fresh);
  state = workspace.update();
  CHECK(state->analysis.dataset.events.size() == events);
  for (const Diagnostic& d : state->diagnostics.all()) CHECK(d.check != Check::yaml_syntax);
  CHECK_FALSE(workspace.contains(elsewhere.path() / "events.yaml"));
  CHECK(workspace.contains(fresh));
}

TEST_CASE("a source text changed on disk has every quote checked against it again") {
  TempFolder temp;
  strikeline::testing::write_one_actor_one_source(temp);
  temp.write("events.yaml",
             "events:\n"
             "  - id: it-happened\n"
             "    kind: statement\n"
             "    title: Something happened\n"
             "    date: 2023-12-01\n"
             "    actors: [union]\n"
             "    speaker: union\n"
             "    sources:\n"
             "      - source: news\n"
             "        quote: Something happened\n");
  Workspace workspace(temp.path());
  auto state = workspace.update();
  const std::size_t errors = state->diagnostics.errors();
  const Event* event = state->analysis.dataset.event("it-happened");
  REQUIRE(event);
  CHECK(event->citations[0].paragraph == 1);

  // The text no longer says it: its size changes, so the workspace sees it.
  std::ofstream(temp.path() / "news.txt", std::ios::binary) << "Nothing at all of the kind took place.\n";
  workspace.disk_changed();
  const auto later = workspace.update();
  CHECK(later->diagnostics.errors() == errors + 1);
  CHECK(state->analysis.dataset.event("it-happened")->citations[0].paragraph == 1);  // the old state is unchanged
}

TEST_CASE("a dataset folder deleted under the workspace is reported, not a crash") {
  auto temp = std::make_unique<TempFolder>();
  copy_folder(fs::path(STRIKELINE_SOURCE_DIR) / "tests/fixtures/wga-2023", temp->path());
  Workspace workspace(temp->path());
  const auto first = workspace.update();
  CHECK(first->analysis.dataset.events.size() > 0);
  const fs::path folder = temp->path();
  temp.reset();
  REQUIRE_FALSE(fs::exists(folder));
  workspace.disk_changed();
  const auto state = workspace.update();
  CHECK(state->analysis.dataset.events.empty());
  REQUIRE(state->diagnostics.errors() >= 1);
  CHECK(state->diagnostics.all()[0].message == "no such dataset folder");
  CHECK(first->analysis.dataset.events.size() > 0);
}

TEST_CASE("the dataset folder of a file is the nearest one up with a registry") {
  TempFolder temp;
  strikeline::testing::write_one_actor_one_source(temp);
  temp.write("events/2023/december.yaml", "events: []\n");
  CHECK(Workspace::folder_of(temp.path() / "events/2023/december.yaml") == temp.path());
  CHECK(Workspace::folder_of(temp.path() / "events/2023/december.yaml", temp.path() / "events") == std::nullopt);
  TempFolder empty;
  CHECK(Workspace::folder_of(empty.path() / "x.yaml") == std::nullopt);
}

TEST_CASE("of more ids than an editor should be sent at once, completion offers those that hold what is typed") {
  TempFolder temp;
  strikeline::testing::write_one_actor_one_source(temp);
  std::string events = "events:\n";
  for (int i = 0; i < 450; ++i) {
    const std::string id = (i % 3 == 0 ? "strike-" : "talks-") + std::to_string(i);
    events += "  - id: " + id + "\n    kind: statement\n    title: Something happened " + std::to_string(i) +
              "\n    date: 2023-12-01\n    actors: [union]\n    speaker: union\n    sources:\n      - source: news\n"
              "        quote: Something happened\n";
  }
  temp.write("events.yaml", events);
  Workspace workspace(temp.path());
  const auto state = workspace.update();
  REQUIRE(state->analysis.dataset.events.size() == 450);
  const std::string typed = "events:\n  - id: new\n    links:\n      - type: led-to\n        event: stri\n";
  const auto offered = complete(*state, temp.path() / "more.yaml", typed, TextPosition{5, 20});
  CHECK(offered.size() == 150);  // strike-0, strike-3, … strike-447: fewer than the most, so all of them
  for (const Completion& c : offered) CHECK(c.label.rfind("strike-", 0) == 0);
  const auto everything = complete(*state, temp.path() / "more.yaml",
                                   "events:\n  - id: new\n    links:\n      - type: led-to\n        event: \n",
                                   TextPosition{5, 16});
  CHECK(everything.size() == kMostCompletions);
}

// A state no one holds gives its events over to the next, which moves them in place
// around the files read again: each step of edits that move, add, remove and repeat
// events, and of a source text changed, must still give what a whole run gives on
// the same texts. Each step's text goes to the editor and, for the whole run, to disk.
TEST_CASE("events taken over from a state let go are where a whole run puts them, edit after edit") {
  TempFolder edited, on_disk;
  const fs::path fixture = fs::path(STRIKELINE_SOURCE_DIR) / "tests/fixtures/nhs-junior-doctors-2023";
  copy_folder(fixture, edited.path());
  copy_folder(fixture, on_disk.path());
  const std::string november = "2023-11-nhs-providers-conference.yaml";
  const std::string december = "2023-12-december-strike.yaml";
  const std::string november_text = read_text(fixture / november);
  const std::string december_text = read_text(fixture / december);
  // One more event, with `id`, at the end of a file's list.
  auto with_event = [](std::string text, const std::string& id) {
    return text + "\n  - id: " + id +
           "\n    kind: statement\n    title: An added statement\n    date: \"2023-11-20\"\n"
           "    actors: [bma]\n    speaker: bma\n    sources:\n      - source: atkins-nhs-providers-2023-11\n"
           "        quote: \"work stoppages\"\n";
  };
  std::string first_event_id;
  {
    const std::size_t at = december_text.find("  - id: ");
    REQUIRE(at != std::string::npos);
    const std::size_t end = december_text.find('\n', at);
    first_event_id = december_text.substr(at + 8, end - at - 8);
  }
  struct Step {
    const char* what;
    std::string file;  // relative to the folder; empty: a source text changed on disk
    std::string text;
    int reasoning_kept = -1;  // 1: the edit changed nothing the reasoning reads; 0: it did; -1: either
  };
  std::string retitled = november_text, redated = november_text;
  replace_once(retitled, "title: ", "title: Retitled ");
  {
    const std::size_t at = redated.find("date: \"2023-10\"");
    REQUIRE(at != std::string::npos);
    redated.replace(at, 15, "date: \"2023-09\"");  // on its line, nothing moves
  }
  const std::vector<Step> steps = {
      {"a title retyped: what was reasoned stands", november, retitled, 1},
      {"a date changed where it is: reasoned again", november, redated, 0},
      {"back as it was", november, november_text, 0},
      {"an event added to the first file moves the second file's along", november, with_event(november_text, "added-one")},
      {"a second event added", november, with_event(with_event(november_text, "added-one"), "added-two")},
      {"both taken out again", november, november_text},
      {"an event added to the last file", december, with_event(december_text, "added-last")},
      {"a new file between the two moves the second in the file table", "2023-11-zz-new.yaml",
       with_event("events:\n", "in-new-file")},
      {"an event id given twice, across files", november, with_event(november_text, first_event_id)},
      {"an edit while the id is given twice", december, december_text},
      {"the repeat taken out", november, november_text},
      {"a source text changed on disk", "", ""},
      {"an edit after it", december, with_event(december_text, "after-the-source")},
  };
  Workspace workspace(edited.path());
  workspace.update();
  std::shared_ptr<const WorkspaceState> held;  // one step holds its state over the next
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const Step& step = steps[k];
    const std::string what = step.what;
    CAPTURE(what);
    if (step.file.empty()) {
      for (const TempFolder* folder : {&edited, &on_disk}) {
        std::ofstream(folder->path() / "sources/atkins-nhs-providers-conference-2023-11.txt", std::ios::app | std::ios::binary)
            << "A paragraph added at the end.\n";
      }
      workspace.disk_changed();
    } else {
      workspace.set_text(edited.path() / step.file, step.text);
      std::ofstream(on_disk.path() / step.file, std::ios::binary) << step.text;
    }
    std::vector<std::string> held_before;
    if (held) held_before = events_with_bounds(held->analysis.dataset);
    WorkspaceStats stats;
    const auto state = workspace.update(&stats);
    if (step.reasoning_kept >= 0) CHECK(stats.reasoning_kept == (step.reasoning_kept == 1));
    Diagnostics whole;
    const Analysis analysis = analyse(on_disk.path(), whole);
    CHECK(described(state->diagnostics) == described(whole));
    CHECK(events_with_bounds(state->analysis.dataset) == events_with_bounds(analysis.dataset));
    const std::vector<Event>& events = state->analysis.dataset.events;
    for (std::size_t i = 0; i < events.size(); ++i) {
      CHECK(state->analysis.dataset.event(events[i].id) == &events[i]);
      if (i > 0) {  // in the order of their files, as read
        CHECK(events[i - 1].where.file <= events[i].where.file);
        CHECK(events[i - 1].order < events[i].order);
      }
    }
    if (held) CHECK(events_with_bounds(held->analysis.dataset) == held_before);  // a held state never changes
    held = k == 6 ? state : nullptr;
  }
}

// With a TextSource the workspace keeps no copy of the editor's texts: a file it must
// read again (here because a new file before it moves it in the file table) is asked
// for, and read as the editor holds it, not as it is on disk.
TEST_CASE("a workspace that takes texts from the editor asks for a text it must read again") {
  TempFolder edited, on_disk;
  const fs::path fixture = fs::path(STRIKELINE_SOURCE_DIR) / "tests/fixtures/nhs-junior-doctors-2023";
  copy_folder(fixture, edited.path());
  copy_folder(fixture, on_disk.path());
  const std::string december = "2023-12-december-strike.yaml";
  std::string text = read_text(fixture / december);
  replace_once(text, "event: ", "event: no-such-");
  std::map<fs::path, std::string> editor;  // what the editor holds, by absolute path
  std::vector<fs::path> asked;
  Workspace workspace(edited.path());
  workspace.take_texts_from([&](const fs::path& file) -> std::optional<std::string> {
    asked.push_back(file);
    const auto found = editor.find(file);
    if (found == editor.end()) return std::nullopt;
    return found->second;
  });
  const fs::path file = fs::absolute(edited.path() / december).lexically_normal();
  editor[file] = text;
  workspace.set_text(file, text);
  std::ofstream(on_disk.path() / december, std::ios::binary) << text;
  workspace.update();
  CHECK(asked.empty());  // the text given was read; nothing needed asking for

  const std::string before = "2023-11-zz-before-december.yaml";
  const std::string new_text = "events: []\n";
  editor[fs::absolute(edited.path() / before).lexically_normal()] = new_text;
  workspace.set_text(edited.path() / before, new_text);
  std::ofstream(on_disk.path() / before, std::ios::binary) << new_text;
  const auto state = workspace.update();
  CHECK(std::count(asked.begin(), asked.end(), file) >= 1);
  Diagnostics whole;
  analyse(on_disk.path(), whole);
  CHECK(described(state->diagnostics) == described(whole));
  bool reported = false;
  for (const Diagnostic& d : state->diagnostics.all()) {
    if (d.check == Check::unknown_reference && d.message.find("no-such-") != std::string::npos) reported = true;
  }
  CHECK(reported);  // the editor's text, not the disk's
  CHECK(read_text(edited.path() / december) == read_text(fixture / december));  // nothing written
}
