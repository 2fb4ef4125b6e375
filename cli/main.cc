#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>
#include <unistd.h>

#include "allocator.h"
#include "cli.h"
#include "output_file.h"

int main(int argc, char** argv) {
  strikeline::keep_large_blocks_mapped();
  // Standard output through a buffer that keeps errno, so that a failed write
  // (a full disk, /dev/full, `ulimit -f`) is reported with its reason and exit 1.
  // Past `ulimit -f` a write fails with "File too large" instead of killing the program.
  std::signal(SIGXFSZ, SIG_IGN);
  int status = 0;
  {
    strikeline::FdOutBuf buffer(STDOUT_FILENO);
    std::ostream out(&buffer);
    status = strikeline::run(std::vector<std::string>(argv + 1, argv + argc), out, std::cerr);
  }
  // Some file systems report a failed write only when the file is closed.
  if (::close(STDOUT_FILENO) != 0 && errno != EBADF && status == strikeline::kExitOk) {
    std::cerr << "strikeline: cannot write standard output: " << std::strerror(errno) << '\n';
    status = strikeline::kExitProblems;
  }
  return status;
}
