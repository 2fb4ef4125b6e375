#include "editor.h"

// Not yet written: each feature answers nothing until it is.
namespace strikeline {

std::vector<Completion> complete(const WorkspaceState&, const std::filesystem::path&, std::string_view, TextPosition) {
  return {};
}
std::optional<Hover> hover(const WorkspaceState&, const std::filesystem::path&, std::string_view, TextPosition) {
  return std::nullopt;
}
std::vector<FileRange> definition(const WorkspaceState&, const std::filesystem::path&, std::string_view, TextPosition) {
  return {};
}
std::vector<FileRange> references(const WorkspaceState&, const std::filesystem::path&, std::string_view, TextPosition,
                                  bool) {
  return {};
}
std::vector<CodeAction> code_actions(const WorkspaceState&, const std::filesystem::path&, TextRange) { return {}; }
std::vector<Symbol> symbols(std::string_view) { return {}; }

}  // namespace strikeline
