// The render stage: a dataset as a Markdown timeline for people to read.
//
// Every event shows its date in words (uncertainty as uncertainty), its kind, its
// actors, the whole source paragraph it comes from as a quotation with a citation,
// its note and its links both ways. All text from the data is escaped, so nothing
// in a title, quote or note can add Markdown structure, HTML or links.
#pragma once

#include <string>
#include <string_view>

#include "model.h"

namespace strikeline {

std::string render_markdown(const Dataset& dataset);

// `text` as literal Markdown inline text: no emphasis, links, HTML, headings or
// line breaks survive.
std::string escape_markdown(std::string_view text);

}  // namespace strikeline
