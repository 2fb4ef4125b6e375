#include "workspace.h"

#include <map>
#include <system_error>

namespace strikeline {

namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  return absolute.lexically_normal();
}

}  // namespace

// A first version: every update analyses the whole folder again. The incremental
// one replaces it.
struct Workspace::Impl {
  fs::path folder;
  std::map<fs::path, std::string> texts;
  std::shared_ptr<const WorkspaceState> last;
  bool dirty = true;
  std::uint64_t generation = 0;
};

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
  return folder_end == impl_->folder.end();
}

void Workspace::set_text(const fs::path& file, std::string text) {
  impl_->texts[absolute_normal(file)] = std::move(text);
  impl_->dirty = true;
}

void Workspace::forget_text(const fs::path& file) {
  impl_->texts.erase(absolute_normal(file));
  impl_->dirty = true;
}

void Workspace::disk_changed() { impl_->dirty = true; }

std::shared_ptr<const WorkspaceState> Workspace::update(WorkspaceStats*) {
  if (!impl_->dirty && impl_->last) return impl_->last;
  auto state = std::make_shared<WorkspaceState>();
  state->analysis = analyse(impl_->folder, state->diagnostics);
  state->generation = ++impl_->generation;
  impl_->last = state;
  impl_->dirty = false;
  return impl_->last;
}

}  // namespace strikeline
