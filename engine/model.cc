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

Spot Spot::of(Location where) {
  Spot spot;
  spot.line = where.line;
  spot.column = std::min<std::uint32_t>(where.column, (1u << 21) - 1);
  spot.length = std::min<std::uint32_t>(where.length, (1u << 11) - 1);
  return spot;
}

const Detail* Event::detail(std::string_view key) const {
  auto it = std::find_if(details.begin(), details.end(), [&](const Detail& d) { return d.key == key; });
  return it == details.end() ? nullptr : &*it;
}

template <typename IdOf>
void IdIndex::build(std::size_t count, IdOf id_of) {
  std::size_t capacity = 16;
  while (capacity < 2 * count) capacity *= 2;  // at most half full: probes stay short
  slots_.assign(capacity, 0);
  repeats_ = false;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t hash = std::hash<std::string_view>{}(id_of(i));
    const std::uint64_t tag = hash >> 32;
    for (std::size_t slot = hash & (capacity - 1);; slot = (slot + 1) & (capacity - 1)) {
      if (slots_[slot] == 0) {
        slots_[slot] = (tag << 32) | (i + 1);
        break;
      }
      if ((slots_[slot] >> 32) == tag && id_of((slots_[slot] & 0xFFFFFFFFu) - 1) == id_of(i)) {
        repeats_ = true;
        break;
      }
    }
  }
}

template <typename IdOf>
std::size_t IdIndex::find(std::string_view id, IdOf id_of) const {
  if (slots_.empty()) return SIZE_MAX;
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t hash = std::hash<std::string_view>{}(id);
  const std::uint64_t tag = hash >> 32;
  for (std::size_t slot = hash & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
    const std::size_t position = (slots_[slot] & 0xFFFFFFFFu) - 1;
    if ((slots_[slot] >> 32) == tag && id_of(position) == id) return position;
  }
  return SIZE_MAX;
}

const Actor* Dataset::actor(std::string_view id) const { return actor_index_.find(actors, id); }
const Source* Dataset::source(std::string_view id) const { return source_index_.find(sources, id); }
const Event* Dataset::event(std::string_view id) const { return event_index_.find(events, id); }

Arena& Dataset::arena() {
  if (arenas_.empty()) arenas_.emplace_back();
  return arenas_.back();
}

void Dataset::adopt(Arena&& arena) { arenas_.push_back(std::move(arena)); }

void Dataset::reindex() {
  actor_index_.build(actors);
  source_index_.build(sources);
  event_index_.build(events);
}

void Dataset::reindex(IdIndex event_index) {
  actor_index_.build(actors);
  source_index_.build(sources);
  event_index_ = std::move(event_index);
}

}  // namespace strikeline
