// examples/ holds generated files that people read on the web; they must be what
// the current code makes from events/. Regenerate them with `make examples`.
#include <doctest/doctest.h>

#include "loader.h"
#include "render_markdown.h"
#include "test_support.h"

namespace strikeline {
namespace {

TEST_CASE("examples/timeline.md is what `make timeline` renders from events/ now") {
  Diagnostics diagnostics;
  const Dataset dataset = load_dataset("events", diagnostics);
  REQUIRE(diagnostics.errors() == 0);
  const std::string committed = testing::read_text("examples/timeline.md");
  INFO("examples/timeline.md is stale: run `make examples` and commit the result");
  CHECK(render_markdown(dataset) == committed);
}

}  // namespace
}  // namespace strikeline
