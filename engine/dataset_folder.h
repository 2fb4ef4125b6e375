// Where a dataset lives: which folder a command reads when none is named, and the
// files that start a new one (`strikeline init`).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strikeline {

// A folder is a dataset when it holds actors.yaml, sources.yaml or dataset.yaml.
bool is_dataset_folder(const std::filesystem::path& folder);

// The folders directly inside `folder` that are datasets, sorted.
std::vector<std::filesystem::path> datasets_inside(const std::filesystem::path& folder);

// The folder to read, or why there is none to read. With nothing named, the current
// folder if it is a dataset, else `events/`; a named folder that is no dataset but
// holds some (like `events/` with one folder per dispute) is refused, with them
// listed, rather than read as one muddled dataset.
struct FolderChoice {
  std::filesystem::path folder;  // empty when there is a problem
  std::string problem;           // what is wrong, for an error line
  std::vector<std::string> help;  // what to do instead, a line each
};
FolderChoice choose_dataset_folder(const std::optional<std::filesystem::path>& named, const std::string& command);

// The files `strikeline init` writes into a new dataset folder, by path relative to
// it: the three registries, one events file, the schemas for editors, and a note
// in sources/ on what goes there. `title` names the dispute in dataset.yaml.
struct StarterFile {
  std::string path;
  std::string text;
};
std::vector<StarterFile> starter_files(const std::string& title);

}  // namespace strikeline
