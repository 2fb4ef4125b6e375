// The allocator set-up that every long or large run makes (allocator.h).
#include <doctest/doctest.h>

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "allocator.h"

// A sanitizer's allocator stands in for glibc's, which the set-up and mallinfo2 speak to.
#if defined(__SANITIZE_ADDRESS__)
#define STRIKELINE_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define STRIKELINE_OWN_ALLOCATOR 1
#endif
#endif

#if defined(__GLIBC__) && !defined(STRIKELINE_OWN_ALLOCATOR)
TEST_CASE("after the set-up, a large block is a mapping of its own even after a larger one was freed") {
  // Freeing a mapped block of 8 MB raises glibc's threshold to 8 MB, unless fixed.
  void* large = std::malloc(8 << 20);
  REQUIRE(large);
  std::free(large);
  strikeline::keep_large_blocks_mapped();
  const std::size_t mapped_before = mallinfo2().hblks;
  void* block = std::malloc(512 << 10);
  REQUIRE(block);
  CHECK(mallinfo2().hblks == mapped_before + 1);
  std::free(block);
  CHECK(mallinfo2().hblks == mapped_before);  // and given back when freed
}
#endif
