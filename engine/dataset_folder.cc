#include "dataset_folder.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <system_error>

#include "schema.h"

namespace strikeline {

namespace fs = std::filesystem;

bool is_dataset_folder(const fs::path& folder) {
  std::error_code ec;
  for (const char* name : {"actors.yaml", "sources.yaml", "dataset.yaml", "actors.yml", "sources.yml", "dataset.yml"}) {
    if (fs::is_regular_file(folder / name, ec)) return true;
  }
  return false;
}

std::vector<fs::path> datasets_inside(const fs::path& folder) {
  std::vector<fs::path> found;
  std::error_code ec;
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_directory(ec)) continue;
    if (is_dataset_folder(it->path())) found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

namespace {

// "`events` holds 2 datasets, not one", with each as a command to copy.
FolderChoice several(const fs::path& folder, const std::vector<fs::path>& inside, const std::string& command,
                     bool named) {
  FolderChoice choice;
  choice.problem = (named ? "`" + folder.generic_string() + "` is not a dataset folder: it holds " : "no dataset named; `" +
                                                                                                  folder.generic_string() + "` holds ") +
                   std::to_string(inside.size()) + (inside.size() == 1 ? " dataset" : " datasets");
  choice.help.push_back("name the one to read:");
  for (const fs::path& dataset : inside) choice.help.push_back("  strikeline " + command + " " + dataset.generic_string());
  return choice;
}

}  // namespace

FolderChoice choose_dataset_folder(const std::optional<fs::path>& named, const std::string& command) {
  if (named) {
    // A folder that is not a dataset and holds none is left to the loader, which
    // says what is missing from it.
    if (!is_dataset_folder(*named)) {
      if (const auto inside = datasets_inside(*named); !inside.empty()) return several(*named, inside, command, true);
    }
    return FolderChoice{*named, {}, {}};
  }
  if (is_dataset_folder(".")) return FolderChoice{".", {}, {}};
  if (is_dataset_folder("events")) return FolderChoice{"events", {}, {}};
  for (const char* folder : {"events", "."}) {
    if (const auto inside = datasets_inside(folder); !inside.empty()) return several(folder, inside, command, false);
  }
  FolderChoice choice;
  choice.problem = "no dataset here: this folder has no actors.yaml, sources.yaml or dataset.yaml, and no events/ folder";
  choice.help = {"start a dataset with `strikeline init my-dispute`, then `strikeline " + command + " my-dispute`",
                 "or name a dataset folder: `strikeline " + command + " path/to/dataset`"};
  return choice;
}

std::vector<StarterFile> starter_files(const std::string& title) {
  // A JSON string is a YAML double-quoted scalar: any title is written safely.
  const std::string quoted_title = nlohmann::json(title).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::vector<StarterFile> files;
  files.push_back({"dataset.yaml", R"(# yaml-language-server: $schema=schemas/dataset.schema.json
# What the dispute is. The title heads the timeline; the description opens it.
title: )" + quoted_title + R"(
# description: >-
#   One paragraph, plain text: what the timeline covers and where its events
#   come from.
# country: United Kingdom
# industry: rail
)"});
  files.push_back({"actors.yaml", R"(# yaml-language-server: $schema=schemas/actors.schema.json
# Everyone who takes part in the dispute or speaks in it, one entry each. Events
# name them by id. Replace `[]` with entries like these (remove the # signs):
#
#   - id: rail-union                  # lowercase words joined by hyphens
#     name: The union as the sources name it
#     short: RU                       # optional: the abbreviation the sources use
#     kind: union                     # union, employer, employers-association,
#                                     # government, minister, court, staff-group, ...
#     role: "Represents the workers on strike."
#   - id: rail-operator
#     name: The company that employs them
#     kind: employer
#   - id: its-chief-executive
#     name: A named official
#     kind: official
#     part_of: rail-operator          # the actor this one speaks or acts for
#
# `strikeline schema actors` prints every kind with what it means.
actors: []
)"});
  files.push_back({"sources.yaml", R"(# yaml-language-server: $schema=schemas/sources.schema.json
# The documents your events quote. Save each one's text, verbatim, as a UTF-8
# file in sources/, one paragraph per line. Replace `[]` with entries like this:
#
#   - id: daily-news-2024-03-01       # how events cite it
#     title: "The headline, exactly as published"
#     publisher: Daily News           # or null when the document names none
#     author: Jane Reporter           # optional: the byline
#     url: https://example.com/news/rail-strike
#     published: "2024-03-01"         # EDTF; say how you know in dated_by
#     dated_by: "The dateline at the top of the article."
#     path: sources/daily-news-2024-03-01.txt
#     retrieved: "2024-03-02"         # optional: when you copied the text
sources: []
)"});
  files.push_back({"events.yaml", R"(# yaml-language-server: $schema=schemas/events.schema.json
# What happened, each event quoting its source word for word. Any number of event
# files may sit in this folder or below it. Replace `[]` with entries like this:
#
#   - id: march-strike                # unique; becomes the timeline's anchor
#     kind: strike                    # strike, talks, offer, ballot, agreement, ...
#     title: Rail workers strike for two days
#     date: "2024-03-05/2024-03-06"   # EDTF; leave out if the source gives none
#     status: held                    # strikes also need strikers
#     strikers: rail-union
#     actors: [rail-union, rail-operator]
#     sources:
#       - source: daily-news-2024-03-01
#         quote: "copied exactly from one paragraph of the source"
#     links:                          # only where the source says so
#       - type: led-to
#         event: april-talks
#     note: "Where the date comes from, if not from the source."
#
# Then run `strikeline check` on this folder; `strikeline schema events` prints
# every kind and field with what it means.
events: []
)"});
  for (FileKind kind : {FileKind::dataset, FileKind::actors, FileKind::sources, FileKind::events}) {
    files.push_back({"schemas/" + std::string(schema_name(kind)) + ".schema.json", std::string(SchemaChecker::text(kind))});
  }
  files.push_back({"sources/", ""});
  return files;
}

}  // namespace strikeline
