#include "scratch.h"

#include <algorithm>
#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace strikeline {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Below this a pass is small enough that faults do not matter; its arrays come
// from the C library.
constexpr std::size_t kSmallestBlock = std::size_t{1} << 20;

std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

}  // namespace

// Under AddressSanitizer every array comes from the C library, which it watches.
#if defined(__SANITIZE_ADDRESS__)
#define STRIKELINE_SCRATCH_BLOCK 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STRIKELINE_SCRATCH_BLOCK 0
#endif
#endif
#if !defined(STRIKELINE_SCRATCH_BLOCK) && defined(__linux__) && defined(MADV_HUGEPAGE)
#define STRIKELINE_SCRATCH_BLOCK 1
#endif
#if !defined(STRIKELINE_SCRATCH_BLOCK)
#define STRIKELINE_SCRATCH_BLOCK 0
#endif

ScratchMemory::ScratchMemory(std::size_t expected, Pages pages) {
#if STRIKELINE_SCRATCH_BLOCK
  if (expected < kSmallestBlock) return;
  reserved_ = round_up(2 * expected, kHugePage);
  mapped_ = reserved_ + kHugePage;  // room to start on a huge page's boundary
  void* mapped = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapped == MAP_FAILED) {
    reserved_ = mapped_ = 0;
    return;
  }
  mapping_ = mapped;
  const auto start = round_up(reinterpret_cast<std::uintptr_t>(mapped), kHugePage);
  block_ = reinterpret_cast<std::byte*>(start);
  // A request: where huge pages are not offered the block still serves.
  if (pages == Pages::huge) madvise(block_, reserved_, MADV_HUGEPAGE);
#else
  (void)expected;
  (void)pages;
#endif
}

ScratchMemory::~ScratchMemory() {
#if STRIKELINE_SCRATCH_BLOCK
  if (mapping_) munmap(mapping_, mapped_);
#endif
}

void* ScratchMemory::do_allocate(std::size_t bytes, std::size_t alignment) {
  bytes = std::max<std::size_t>(bytes, 1);  // no two arrays start at one place, so each is found by its start
  if (block_) {
    const std::size_t offset = round_up(top_, std::max(alignment, alignof(std::max_align_t)));
    if (offset <= reserved_ && bytes <= reserved_ - offset) {
      laid_.push_back(Laid{offset, false});
      top_ = offset + bytes;
      high_water_ = std::max(high_water_, top_);
      return block_ + offset;
    }
  }
  if (alignment <= __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator new(bytes);
  return ::operator new(bytes, std::align_val_t{alignment});
}

void ScratchMemory::do_deallocate(void* p, std::size_t bytes, std::size_t alignment) {
  bytes = std::max<std::size_t>(bytes, 1);
  auto* at = static_cast<std::byte*>(p);
  if (!block_ || at < block_ || at >= block_ + reserved_) {
    if (alignment <= __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      ::operator delete(p, bytes);
    } else {
      ::operator delete(p, bytes, std::align_val_t{alignment});
    }
    return;
  }
  const auto offset = static_cast<std::size_t>(at - block_);
  // Most arrays are freed soon after being laid: look from the last one back.
  for (auto it = laid_.rbegin(); it != laid_.rend(); ++it) {
    if (it->offset == offset && !it->freed) {
      it->freed = true;
      break;
    }
  }
  // Whatever is freed at the end of the block is taken back.
  while (!laid_.empty() && laid_.back().freed) {
    top_ = laid_.back().offset;
    laid_.pop_back();
  }
  if (laid_.empty()) top_ = 0;
}

}  // namespace strikeline
