// Working memory for one pass over every event and link (the link and reason
// stages' arrays), taken from the system as one block and given back whole.
//
// Each large array is a block of its own to the C library (allocator.h), mapped
// fresh and touched page by page. On a virtual machine a page's first touch can be
// dear: on the one `make bench` ran on, 12 MB of fresh arrays took 52 ms in page
// faults on 4 KB pages and 0.9 ms on 2 MB ones. Here the arrays are laid end to end
// in one reservation, which the kernel may be asked to back with huge pages, and
// an array freed while it is the last one laid is taken back at once, so the block
// grows only as far as the arrays alive at one time.
#pragma once

#include <cstddef>
#include <memory_resource>
#include <vector>

namespace strikeline {

class ScratchMemory final : public std::pmr::memory_resource {
 public:
  // Huge pages make the block's first touch some fifty times cheaper, but each is
  // held whole once touched: up to 2 MB more at the peak. For a pass made again and
  // again while someone waits (an editor's), not for one made once (a command's).
  // Where the kernel does not offer them, small pages serve.
  enum class Pages { small, huge };

  // `expected`: about how many bytes the pass will have in use at once. Twice that
  // is reserved (address space, backed only where touched); what does not fit comes
  // from the C library as usual, so nothing is ever refused.
  explicit ScratchMemory(std::size_t expected, Pages pages = Pages::small);
  ~ScratchMemory() override;
  ScratchMemory(const ScratchMemory&) = delete;
  ScratchMemory& operator=(const ScratchMemory&) = delete;

  std::size_t high_water() const { return high_water_; }  // bytes of the block ever in use

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override;
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

  struct Laid {
    std::size_t offset;
    bool freed;
  };
  std::byte* block_ = nullptr;  // nullptr: nothing reserved, all from the C library
  std::size_t reserved_ = 0, mapped_ = 0, top_ = 0, high_water_ = 0;
  void* mapping_ = nullptr;
  std::vector<Laid> laid_;  // the arrays in the block, in the order laid
};

}  // namespace strikeline
