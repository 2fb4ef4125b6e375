#include "arena.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace strikeline {

namespace {
// Blocks start at the size asked for, so a dataset of a few dozen events holds a
// few kilobytes, and double up to a size where the allocator hands out whole pages.
constexpr std::size_t kSmallestBlock = 256;
constexpr std::size_t kLargestBlock = 1 << 20;
}  // namespace

Arena::Arena(Arena&& other) noexcept
    : blocks_(std::move(other.blocks_)),
      next_(std::exchange(other.next_, nullptr)),
      left_(std::exchange(other.left_, 0)),
      reserved_(std::exchange(other.reserved_, 0)),
      first_block_(other.first_block_) {
  other.blocks_.clear();
}

Arena& Arena::operator=(Arena&& other) noexcept {
  if (this != &other) {
    blocks_ = std::move(other.blocks_);
    other.blocks_.clear();
    next_ = std::exchange(other.next_, nullptr);
    left_ = std::exchange(other.left_, 0);
    reserved_ = std::exchange(other.reserved_, 0);
    first_block_ = other.first_block_;
  }
  return *this;
}

std::string_view Arena::keep(std::string_view text) {
  if (text.empty()) return {};
  char* copy = static_cast<char*>(allocate(text.size(), 1));
  std::memcpy(copy, text.data(), text.size());
  return {copy, text.size()};
}

void* Arena::allocate(std::size_t bytes, std::size_t alignment) {
  const std::size_t padding = (alignment - reinterpret_cast<std::uintptr_t>(next_) % alignment) % alignment;
  if (next_ == nullptr || padding + bytes > left_) {
    const std::size_t grown =
        blocks_.empty() ? std::clamp(first_block_, kSmallestBlock, kLargestBlock) : std::min(reserved_, kLargestBlock);
    // A single item larger than a block gets a block of its own size.
    const std::size_t size = std::max(grown, bytes + alignment);
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(size));
    reserved_ += size;
    next_ = blocks_.back().get();
    left_ = size;
    return allocate(bytes, alignment);
  }
  std::byte* at = next_ + padding;
  next_ = at + bytes;
  left_ -= padding + bytes;
  return at;
}

}  // namespace strikeline
