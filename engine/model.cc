#include "model.h"

#include <algorithm>
#include <array>

namespace strikeline {

namespace {

constexpr std::array<std::pair<LinkType, std::string_view>, 6> kLinkNames{{
    {LinkType::led_to, "led-to"},
    {LinkType::response_to, "response-to"},
    {LinkType::before, "before"},
    {LinkType::after, "after"},
    {LinkType::during, "during"},
    {LinkType::part_of, "part-of"},
}};

template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::unordered_map<std::string, std::size_t>& index,
                    std::string_view id) {
  auto it = index.find(std::string(id));
  return it == index.end() || it->second >= items.size() ? nullptr : &items[it->second];
}

template <typename T>
void index_ids(const std::vector<T>& items, std::unordered_map<std::string, std::size_t>& index) {
  index.clear();
  index.reserve(items.size());
  // The first of two records with one id wins, as in the duplicate-id diagnostic.
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
}

}  // namespace

std::string_view to_string(LinkType type) {
  for (const auto& [value, name] : kLinkNames) {
    if (value == type) return name;
  }
  return "led-to";
}

std::optional<LinkType> link_type_from(std::string_view text) {
  for (const auto& [value, name] : kLinkNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

const Detail* Event::detail(std::string_view key) const {
  auto it = std::find_if(details.begin(), details.end(), [&](const Detail& d) { return d.key == key; });
  return it == details.end() ? nullptr : &*it;
}

bool is_actor_detail(std::string_view key) {
  return key == "strikers" || key == "speaker" || key == "holder" || key == "appointee";
}

const Actor* Dataset::actor(std::string_view id) const { return find_by_id(actors, actor_index_, id); }
const Source* Dataset::source(std::string_view id) const { return find_by_id(sources, source_index_, id); }
const Event* Dataset::event(std::string_view id) const { return find_by_id(events, event_index_, id); }

void Dataset::reindex() {
  index_ids(actors, actor_index_);
  index_ids(sources, source_index_);
  index_ids(events, event_index_);
}

}  // namespace strikeline
