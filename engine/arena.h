// Where a dataset's events keep their text and lists: a few large blocks, filled
// in order, never moved, let go together. A record then costs no allocation of
// its own, and tens of thousands of them do not scatter the heap.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace strikeline {

class Arena {
 public:
  // `first_block`: bytes of the first block; a good guess (the size of the file
  // whose records go here) keeps a small file's arena small.
  explicit Arena(std::size_t first_block = 4 << 10) : first_block_(first_block) {}
  // Moving hands the blocks over (they stay where they are); the arena moved from
  // is left empty, never writing into blocks it no longer owns.
  Arena(Arena&& other) noexcept;
  Arena& operator=(Arena&& other) noexcept;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // A copy of `text` that lives as long as the arena (an empty view for empty text).
  std::string_view keep(std::string_view text);

  // A copy of `items`; only types that need no destructor, since none is ever run.
  template <typename T>
  std::span<T> keep(std::span<const T> items) {
    static_assert(std::is_trivially_destructible_v<T> && std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    T* copy = static_cast<T*>(allocate(items.size_bytes(), alignof(T)));
    std::uninitialized_copy(items.begin(), items.end(), copy);
    return {copy, items.size()};
  }
  template <typename T>
  std::span<T> keep(const std::vector<T>& items) {
    return keep(std::span<const T>(items));
  }

  std::size_t bytes_reserved() const { return reserved_; }

 private:
  void* allocate(std::size_t bytes, std::size_t alignment);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t reserved_ = 0;
  std::size_t first_block_;
};

}  // namespace strikeline
