#include "read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <system_error>

namespace strikeline {

namespace {

std::string errno_words(int error) {
  std::string text = std::generic_category().message(error);
  if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
      !std::isupper(static_cast<unsigned char>(text[1]))) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

bool same_file_state(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string describe_bytes(std::uintmax_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

bool read_regular_file(const std::filesystem::path& path, std::uintmax_t limit, std::string& contents, std::string& why,
                       bool* too_large) {
  // O_NONBLOCK: opening a FIFO with no writer must not wait; it is refused below.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    why = errno_words(errno);
    return false;
  }
  struct stat before {};
  if (::fstat(file.fd, &before) != 0) {
    why = errno_words(errno);
    return false;
  }
  if (S_ISDIR(before.st_mode)) {
    why = "it is a folder, not a file";
    return false;
  }
  if (!S_ISREG(before.st_mode)) {
    why = "it is not a regular file";
    return false;
  }
  const auto size = static_cast<std::uintmax_t>(before.st_size);
  if (size > limit) {
    why = "it is " + std::to_string(size) + " bytes, more than the " + describe_bytes(limit) + " strikeline reads";
    if (too_large) *too_large = true;
    return false;
  }
  // Sized from the status just checked against the limit; read to the end, one
  // byte past the size, to see whether the file grew.
  contents.resize(static_cast<std::size_t>(size) + 1);
  std::size_t total = 0;
  while (total < contents.size()) {
    const ssize_t got = ::read(file.fd, contents.data() + total, contents.size() - total);
    if (got < 0) {
      if (errno == EINTR) continue;
      why = errno_words(errno);
      contents.clear();
      return false;
    }
    if (got == 0) break;
    total += static_cast<std::size_t>(got);
  }
  struct stat after {};
  if (::fstat(file.fd, &after) != 0) {
    why = errno_words(errno);
    contents.clear();
    return false;
  }
  // By name too: an editor that saves by writing a new file and renaming it over
  // this one leaves the open file unchanged while the name now holds another.
  struct stat by_name {};
  const bool renamed_over = ::stat(path.c_str(), &by_name) != 0 || !same_file_state(before, by_name);
  if (total != size || !same_file_state(before, after) || renamed_over) {
    why = "it changed while it was read; run again";
    contents.clear();
    return false;
  }
  contents.resize(total);
  return true;
}

}  // namespace strikeline
