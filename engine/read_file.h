// Reading an input file whole, as every input is read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace strikeline {

// Reads the file at `path` into `contents`. Only a regular file is read: a folder,
// a device (/dev/zero) or a FIFO is refused without blocking or reading it. A file
// over `limit` bytes is refused before it is read (`*too_large` is then set). The
// file is read to its end, and its size and time of change are checked before and
// after, on the open file and by its name, so a file written to, or saved over,
// while it was read is refused as changed rather than taken cut short. On refusal `why` says why, in words ("it is a folder, not a
// file", "permission denied", "it changed while it was read; run again").
bool read_regular_file(const std::filesystem::path& path, std::uintmax_t limit, std::string& contents, std::string& why,
                       bool* too_large = nullptr);

// "64 MiB", "1 MiB", "512 KiB", "100 bytes": a limit in words.
std::string describe_bytes(std::uintmax_t bytes);

}  // namespace strikeline
