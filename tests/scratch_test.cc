// The reasoner's working memory: arrays laid end to end in one block, the space of
// those freed last taken back, and anything beyond the block from the C library.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory_resource>
#include <numeric>
#include <vector>

#include "scratch.h"

namespace strikeline {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

// Under AddressSanitizer the block is not used (the sanitizer watches the C
// library's memory instead): then only what holds of any memory is checked.
bool has_block(ScratchMemory& scratch) {
  void* probe = scratch.allocate(64);
  const bool laid = scratch.high_water() > 0;
  scratch.deallocate(probe, 64);
  return laid;
}

TEST_CASE("scratch: arrays hold what is put in them, whether laid in the block or not") {
  for (const std::size_t expected : {std::size_t{0}, 8 * kMiB}) {
    CAPTURE(expected);
    ScratchMemory scratch(expected);
    std::pmr::vector<std::uint32_t> a(300000, 0, &scratch), b(&scratch);
    std::iota(a.begin(), a.end(), 0u);
    for (std::uint32_t i = 0; i < 500000; ++i) b.push_back(3 * i);  // grows, so its old arrays are freed out of order
    std::pmr::vector<std::uint64_t> c(100000, 7, &scratch);
    bool intact = true;
    for (std::uint32_t i = 0; i < a.size(); ++i) intact = intact && a[i] == i;
    for (std::uint32_t i = 0; i < b.size(); ++i) intact = intact && b[i] == 3 * i;
    for (std::uint64_t x : c) intact = intact && x == 7;
    CHECK(intact);
  }
}

TEST_CASE("scratch: the space of the arrays freed last is used again, so the block grows only as far as is held at once") {
  ScratchMemory scratch(16 * kMiB);
  if (!has_block(scratch)) return;
  void* first = scratch.allocate(kMiB);
  void* second = scratch.allocate(kMiB, 64);
  CHECK(reinterpret_cast<std::uintptr_t>(second) % 64 == 0);
  const std::size_t both = scratch.high_water();
  CHECK(both >= 2 * kMiB);
  scratch.deallocate(second, kMiB, 64);
  void* again = scratch.allocate(kMiB, 64);
  CHECK(again == second);  // the last one's space, taken back at once
  // Freed out of order: the first's space comes back once what is above it goes.
  scratch.deallocate(first, kMiB);
  void* small = scratch.allocate(16);
  CHECK(small != first);
  scratch.deallocate(small, 16);
  scratch.deallocate(again, kMiB, 64);
  void* reused = scratch.allocate(2 * kMiB);
  CHECK(reused == first);
  scratch.deallocate(reused, 2 * kMiB);
  CHECK(scratch.high_water() < both + kMiB);
}

TEST_CASE("scratch: an empty array freed first does not give back the space of one laid after it") {
  ScratchMemory scratch(4 * kMiB);
  void* empty = scratch.allocate(0);
  auto* held = static_cast<unsigned char*>(scratch.allocate(64));
  CHECK(static_cast<void*>(held) != empty);
  scratch.deallocate(empty, 0);
  auto* next = static_cast<unsigned char*>(scratch.allocate(64));
  CHECK((next + 64 <= held || next >= held + 64));  // apart from what is still held
  scratch.deallocate(next, 64);
  scratch.deallocate(held, 64);
}

TEST_CASE("scratch: what does not fit in the block comes from the C library, and is given back to it") {
  ScratchMemory scratch(2 * kMiB);
  const bool laid = has_block(scratch);
  void* inside = scratch.allocate(kMiB);
  void* beyond = scratch.allocate(64 * kMiB);  // more than the block reserves
  REQUIRE(beyond != nullptr);
  static_cast<unsigned char*>(beyond)[64 * kMiB - 1] = 1;
  if (laid) CHECK(scratch.high_water() < 64 * kMiB);
  scratch.deallocate(beyond, 64 * kMiB);
  scratch.deallocate(inside, kMiB);
}

}  // namespace
}  // namespace strikeline
