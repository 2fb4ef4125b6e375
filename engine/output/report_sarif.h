// `strikeline check --format sarif`: the diagnostics as one SARIF 2.1.0 log (OASIS
// Static Analysis Results Interchange Format), as code scanning services and
// editors read it. tests/sarif_schema_test.py validates it against the standard's
// JSON Schema.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace strikeline {

class Diagnostics;  // diagnostic.h

// One run of the tool `strikeline`, whose rules are the check catalog (diagnostic.h)
// and whose results are the diagnostics in order. Each place is a uri relative to
// the dataset folder `folder` (base id %SRCROOT%, whose absolute file URI is in
// originalUriBaseIds), with a region of one line whose columns count UTF-16 code
// units (columnKind utf16CodeUnits, as editors and GitHub count), converted from
// the diagnostics' byte columns with the file's text. A whole file's place has no
// region; a note with a place is a related location, linked from the message.
void report_sarif(const Diagnostics& diagnostics, std::string_view folder, std::ostream& out);

// UTF-16 code units in UTF-8 `text`: two for a character beyond U+FFFF, one for any
// other, and one for each byte of malformed UTF-8 (a decoder's U+FFFD).
std::size_t utf16_units(std::string_view text);

// `path` as a URI path: every byte but letters, digits, `-._~` and `/` as %XX.
std::string uri_path(std::string_view path);

}  // namespace strikeline
