// The strikeline program as a function, so that tests run it with an argument
// vector and string streams and check output and exit code together.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace strikeline {

enum ExitCode : int {
  kExitOk = 0,        // the data is sound (warnings may have been shown)
  kExitProblems = 1,  // the data has errors, or an output file could not be written
  kExitUsage = 2,     // the command line is wrong
};

// `args` excludes the program name.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace strikeline
