// The arena events keep their text and lists in, and the small value types that
// make an event compact.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "arena.h"
#include "model.h"
#include "source_text.h"

namespace strikeline {
namespace {

TEST_CASE("arena: what it keeps stays where it is while it grows, and is an equal copy") {
  Arena arena;
  std::vector<std::string> originals;
  std::vector<std::string_view> kept;
  // Enough to fill many blocks, including ones larger than a block.
  for (int i = 0; i < 20000; ++i) {
    originals.push_back(std::string(static_cast<std::size_t>(i % 97 + 1), static_cast<char>('a' + i % 26)) +
                        std::to_string(i));
    if (i % 5000 == 0) originals.back() += std::string(3u << 20, 'z');  // over the largest block
    kept.push_back(arena.keep(originals.back()));
  }
  for (std::size_t i = 0; i < originals.size(); ++i) {
    CAPTURE(i);
    CHECK(kept[i] == originals[i]);
    CHECK(kept[i].data() != originals[i].data());  // a copy, not the caller's buffer
  }
  Arena moved = std::move(arena);
  CHECK(kept[123] == originals[123]);  // moving the arena moves no block
  CHECK(moved.bytes_reserved() >= 3 * (3u << 20));
  // The arena moved from starts afresh rather than writing into blocks it gave away.
  CHECK(arena.bytes_reserved() == 0);
  const std::string_view from_old = arena.keep(std::string_view("old"));
  const std::string_view from_new = moved.keep(std::string_view("new"));
  CHECK(from_old == "old");
  CHECK(from_new == "new");
  CHECK(from_old.data() != from_new.data());
}

TEST_CASE("arena: the first block is the size asked for, within bounds, and blocks then double") {
  struct Row {
    std::size_t first_block;
    std::size_t reserved_after_one_byte;
  };
  const Row kRows[] = {{0, 256}, {300, 300}, {4096, 4096}, {std::size_t{1} << 30, std::size_t{1} << 20}};
  for (const Row& row : kRows) {
    CAPTURE(row.first_block);
    Arena arena(row.first_block);
    arena.keep(std::string_view("x"));
    CHECK(arena.bytes_reserved() == row.reserved_after_one_byte);
  }
  Arena arena(256);
  arena.keep(std::string(200, 'a'));
  CHECK(arena.bytes_reserved() == 256);
  arena.keep(std::string(100, 'b'));  // does not fit: a second block, as large as all before it
  CHECK(arena.bytes_reserved() == 512);
  arena.keep(std::string(300, 'c'));  // nor this: the third as large as the first two
  CHECK(arena.bytes_reserved() == 1024);
}

TEST_CASE("arena: empty text and empty lists take nothing") {
  Arena arena;
  CHECK(arena.keep(std::string_view()).empty());
  CHECK(arena.keep(std::vector<Link>{}).empty());
  CHECK(arena.bytes_reserved() == 0);
}

TEST_CASE("arena: lists come back aligned for their type, element for element") {
  Arena arena;
  arena.keep(std::string_view("x"));  // leaves the next byte unaligned
  const std::vector<std::uint64_t> numbers = {1, 2, 3, UINT64_MAX};
  const std::span<std::uint64_t> kept = arena.keep(numbers);
  CHECK(reinterpret_cast<std::uintptr_t>(kept.data()) % alignof(std::uint64_t) == 0);
  CHECK(std::vector<std::uint64_t>(kept.begin(), kept.end()) == numbers);
  const std::vector<Citation> citations = {{"a", "quote", 2, {}, {}}, {"b", "other", 0, {}, {}}};
  const std::span<Citation> copies = arena.keep(citations);
  REQUIRE(copies.size() == 2);
  CHECK(reinterpret_cast<std::uintptr_t>(copies.data()) % alignof(Citation) == 0);
  CHECK(copies[1].source == "b");
  CHECK(copies[0].paragraph == 2);
  copies[1].paragraph = 7;  // the arena's copy, not the caller's
  CHECK(citations[1].paragraph == 0);
}

TEST_CASE("a dataset's events point into arenas it owns: moving the dataset keeps them") {
  Dataset dataset;
  Event event;
  const std::string id = "strike-" + std::to_string(42);
  event.id = dataset.arena().keep(id);
  event.links = dataset.arena().keep(std::vector<Link>{{LinkType::led_to, dataset.arena().keep(id), {}}});
  dataset.events.push_back(event);
  Arena file_arena;
  Event other;
  other.id = file_arena.keep(std::string("talks"));
  dataset.adopt(std::move(file_arena));
  dataset.events.push_back(other);
  dataset.reindex();
  const Dataset moved = std::move(dataset);
  REQUIRE(moved.event("strike-42") != nullptr);
  CHECK(moved.event("strike-42")->links[0].target == "strike-42");
  CHECK(moved.event("talks") != nullptr);
}

TEST_CASE("spots: a place inside an event, made whole with the event's file") {
  struct Row {
    Location where;
    std::uint32_t column, length;  // as kept
  };
  const Row kRows[] = {
      {{3, 12, 7, 5}, 7, 5},
      {{3, 1, 1, 1}, 1, 1},
      {{3, 4'000'000, 1'048'577, 2047}, 1'048'577, 2047},  // the longest line a YAML file may have
      {{3, 9, (1u << 21) + 5, 100'000}, (1u << 21) - 1, 2047},  // beyond: cut, never wrapped
  };
  for (const Row& row : kRows) {
    CAPTURE(row.where.line);
    CAPTURE(row.where.column);
    Event event;
    event.where = Location{9, 1, 1, 1};
    const Location whole = event.at(Spot::of(row.where));
    CHECK(whole.file == 9);  // the event's file, whatever the spot came from
    CHECK(whole.line == row.where.line);
    CHECK(whole.column == row.column);
    CHECK(whole.length == row.length);
  }
  CHECK(sizeof(Spot) == 8);
}

TEST_CASE("paragraphs: one block of text, each paragraph a view of it, copies independent") {
  Paragraphs paragraphs("One.\n\nTwo, longer than fifteen bytes.\r\n  \nThree");
  REQUIRE(paragraphs.size() == 3);
  Paragraphs copy = paragraphs;
  paragraphs = Paragraphs::as_given({"replaced"});
  CHECK(copy[0] == "One.");
  CHECK(copy[1] == "Two, longer than fifteen bytes.");
  CHECK(copy[2] == "Three");
  CHECK(paragraphs.size() == 1);
  CHECK(paragraphs[0] == "replaced");
  CHECK(Paragraphs::as_given({"", "x"})[0].empty());  // as given: not split, nothing dropped
  CHECK(Paragraphs::as_given({"", "x"})[1] == "x");
  CHECK(Paragraphs::as_given({"a\nb"}).size() == 1);
}

}  // namespace
}  // namespace strikeline
