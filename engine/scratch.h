// Working memory for one pass over every event and link (the reason stage's
// arrays), taken from the system as one block and given back whole at the end.
//
// Each array of a large dataset is a block of its own to the C library, mapped
// fresh and touched page by page; on a virtual machine a page's first touch can
// cost some 4 µs, so the reasoner's 16 MB at 100,000 events cost 60 ms in faults
// alone, half its time, after every edit in an editor. Here the arrays are laid
// end to end in one reservation that the kernel may back with huge pages (2 MB, so
// 8 faults instead of 4,000), and an array freed while it is the last one laid is
// taken back at once, so the block grows only as far as the arrays alive at once.
// Where huge pages are not offered it is ordinary memory, used the same way.
#pragma once

#include <cstddef>
#include <memory_resource>
#include <vector>

namespace strikeline {

class ScratchMemory final : public std::pmr::memory_resource {
 public:
  // `expected`: about how many bytes the pass will have in use at once; more is
  // taken from the C library as usual, and nothing is ever refused.
  explicit ScratchMemory(std::size_t expected);
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
