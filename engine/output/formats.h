// Every format strikeline writes, one row each, and the one place the CLI learns
// them from: `--format` is checked against this table, the help lists it, and a
// misspelt name gets "did you mean". A new format is a writer (a file of its own)
// and a row in formats.cc. A row may write several things (json writes the export,
// answers, dates and check's report); a null writer means it does not write that.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

#include "edtf.h"
#include "model.h"

namespace strikeline {

class DisputeGraph;  // graph.h
class Diagnostics;   // diagnostic.h
struct QueryResult;  // query.h

struct Format {
  std::string_view name;       // "html", as given to --format
  std::string_view for_whom;   // "for people" (render) or "for programs" (export)
  std::string_view writes;     // "one self-contained web page", for help
  std::string_view extension;  // ".html"
  // The whole dataset, or null when the format writes only answers.
  void (*timeline)(const Dataset& dataset, std::ostream& out);
  // A query's answer, or null when the format writes only whole datasets.
  void (*answer)(std::string_view query, const QueryResult& result, const Dataset& dataset, const DisputeGraph& graph,
                 std::ostream& out);
  // One date explained (`strikeline date`), valid or not, or null.
  void (*date)(std::string_view input, const Edtf& date, std::ostream& out);
  // What `strikeline check` writes in this format, for help, when it has a report.
  std::string_view reports;
  // The diagnostics of `strikeline check` on the dataset folder `folder`, or null. A
  // report for people goes to standard error beside the count, as every command's
  // diagnostics do; one for programs is the whole of standard output.
  void (*report)(const Diagnostics& diagnostics, std::string_view folder, std::ostream& out);
};

inline constexpr std::string_view kForPeople = "for people";
inline constexpr std::string_view kForPrograms = "for programs";

std::span<const Format> formats();
const Format* find_format(std::string_view name);

}  // namespace strikeline
