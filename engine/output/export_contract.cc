#include "export_contract.h"

namespace strikeline {

namespace {

std::string joined(std::string_view prefix, std::string_view path) {
  if (prefix.empty()) return std::string(path);
  return std::string(prefix) + "." + std::string(path);
}

struct Node {
  std::string name;  // a key, "[]", "*", or "<event>" for an event left unspelled
  std::vector<Node> children;

  Node& child(std::string_view key) {
    for (Node& c : children) {
      if (c.name == key) return c;
    }
    children.push_back(Node{std::string(key), {}});
    return children.back();
  }
};

// "events[].chain[]" → events, [], chain, [].
std::vector<std::string> segments_of(std::string_view path) {
  std::vector<std::string> segments;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    std::string_view key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    std::size_t items = 0;
    while (key.size() >= 2 && key.substr(key.size() - 2) == "[]") key.remove_suffix(2), ++items;
    if (!key.empty()) segments.emplace_back(key);
    for (std::size_t i = 0; i < items; ++i) segments.emplace_back("[]");
  }
  return segments;
}

void insert(Node& root, std::string_view path) {
  Node* node = &root;
  for (const std::string& key : segments_of(path)) node = &node->child(key);
}

std::string body(const Node& node);

std::string entry(const Node& node) {
  if (node.name == "<event>") return node.name;
  const std::string key = node.name == "*" ? "KEY" : "\"" + node.name + "\"";
  if (node.children.empty()) return node.name == "*" ? key + ": …" : key;
  const Node& first = node.children.front();
  if (first.name == "[]") {
    // An array of plain values shows by its name alone, as "actors" in an event.
    if (first.children.empty()) return key;
    const bool only_event = first.children.size() == 1 && first.children.front().name == "<event>";
    return key + ": [" + (only_event ? std::string("<event>") : body(first)) + "]";
  }
  return key + ": " + body(node);
}

std::string body(const Node& node) {
  std::string text = "{";
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) text += ", ";
    text += entry(node.children[i]);
  }
  return text + "}";
}

}  // namespace

std::vector<JsonFieldPath> json_contract(std::span<const JsonField> fields) {
  std::vector<JsonFieldPath> contract;
  for (const JsonField& field : fields) {
    contract.push_back({std::string(field.path), field.types});
    if (!field.event) continue;
    for (const JsonField& inner : kEventFields) contract.push_back({joined(field.path, inner.path), inner.types, true});
  }
  return contract;
}

std::vector<std::string> json_shape(std::span<const JsonField> fields, bool events_spelled_out) {
  Node root;
  for (const JsonField& field : fields) {
    insert(root, field.path);
    if (!field.event) continue;
    if (events_spelled_out) {
      for (const JsonField& inner : kEventFields) insert(root, joined(field.path, inner.path));
    } else {
      insert(root, joined(field.path, "<event>"));
    }
  }
  std::vector<std::string> members;
  for (const Node& member : root.children) members.push_back(entry(member));
  return members;
}

}  // namespace strikeline
