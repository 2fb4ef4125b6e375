// `strikeline check --format json`: the diagnostics for programs. Its fields and
// their types are kCheckFields in export_contract.h, the one list that the help
// prints and the tests hold this code to. Extend it; never break it.
#pragma once

#include <iosfwd>
#include <string_view>

namespace strikeline {

class Diagnostics;  // diagnostic.h

// One JSON object a line (JSON Lines), a diagnostic each, in the order of the text
// report, each written as it is made. Lines rather than one array document: a
// diagnostic stands alone, so a consumer can act on each line as it comes (as
// cargo's and rustc's JSON diagnostics are read), `grep`, `head` and `wc -l` work on
// them, a clean dataset is an empty output rather than `[]`, and `jq -s` makes the
// array when one is wanted. `strikeline date --format json` is written the same way.
// `folder` (the dataset folder) is unused: paths are shown as in the text report.
void report_json(const Diagnostics& diagnostics, std::string_view folder, std::ostream& out);

}  // namespace strikeline
