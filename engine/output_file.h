// Writing a document where the user asked, without losing or exposing a file.
//
// A regular file (or a name not yet taken) is written to a temporary file with an
// unpredictable name beside it (created O_CREAT|O_EXCL|O_NOFOLLOW), synced, given
// the target's mode (and owner where permitted), then renamed over it; the
// temporary is removed on any error and on SIGINT, SIGTERM or SIGHUP. A symlink is
// followed and its target replaced; the link stays. A file with other hard links
// is instead rewritten in place from the finished temporary, so that every name
// still shows the new content. A read-only file is refused.
// Anything else (a device, a FIFO) is written directly and never replaced.
// The library never prints: each function returns the reason for a failure.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace strikeline {

// Writes `write`'s output to `path`; empty on success, else why not (errno in words).
std::string write_output_file(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

// Why `output` may not be written, or empty: it is (by device and inode, or by
// canonical path) one of `inputs`, or a YAML file under `dataset_folder` that a
// later load would read, whether or not it exists yet.
std::string output_clash(const std::filesystem::path& output, const std::filesystem::path& dataset_folder,
                         const std::vector<std::filesystem::path>& inputs);

// An output stream buffer over a file descriptor that remembers the first error.
// With `in_background`, full buffers are written by a thread of its own while the
// caller goes on filling the next one, so that the copying into the kernel is
// done on another core; an error is then seen at the next full buffer or at the
// flush, and error() reports it after a flush (pubsync) as it would without.
class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd, bool in_background = false);
  ~FdOutBuf() override;
  FdOutBuf(const FdOutBuf&) = delete;
  FdOutBuf& operator=(const FdOutBuf&) = delete;
  int error() const { return error_; }  // errno of the first failed write, 0 if none

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  struct Background;
  bool drain();
  bool hand_over();  // in the background mode: the full buffer to the writing thread
  void wait_for_writer();
  int fd_;
  int error_ = 0;
  std::unique_ptr<Background> background_;
  char buffer_[1 << 16];
};

// Why writing to `out` failed, or empty: its state after a flush, with errno's words
// when its buffer is an FdOutBuf.
std::string stream_failure(std::ostream& out);

}  // namespace strikeline
