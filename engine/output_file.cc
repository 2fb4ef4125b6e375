#include "output_file.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace strikeline {

namespace fs = std::filesystem;

namespace {

// Writes all of [data, data + size) to `fd`: 0, or the errno of the failure.
int write_all(int fd, const char* data, std::size_t size) {
  for (const char* p = data; p < data + size;) {
    const ssize_t n = ::write(fd, p, static_cast<std::size_t>(data + size - p));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    p += n;
  }
  return 0;
}

}  // namespace

// Two buffers: the caller fills one while the thread writes the other.
struct FdOutBuf::Background {
  static constexpr std::size_t kSize = 1 << 18;
  std::unique_ptr<char[]> buffers[2] = {std::make_unique<char[]>(kSize), std::make_unique<char[]>(kSize)};
  int filling = 0;  // the caller's buffer
  std::mutex mutex;
  std::condition_variable changed;
  const char* pending = nullptr;  // a buffer handed over and not yet written
  std::size_t pending_size = 0;
  bool stop = false;
  int error = 0;
  std::thread thread;

  void run(int fd) {
    std::unique_lock lock(mutex);
    for (;;) {
      changed.wait(lock, [&] { return pending != nullptr || stop; });
      if (pending == nullptr) return;
      const char* data = pending;
      const std::size_t size = pending_size;
      int failure = error;
      lock.unlock();
      if (failure == 0) failure = write_all(fd, data, size);
      lock.lock();
      if (error == 0) error = failure;
      pending = nullptr;
      changed.notify_all();
    }
  }
};

FdOutBuf::FdOutBuf(int fd, bool in_background) : fd_(fd) {
  if (!in_background) {
    setp(buffer_, buffer_ + sizeof buffer_);
    return;
  }
  background_ = std::make_unique<Background>();
  char* first = background_->buffers[0].get();
  setp(first, first + Background::kSize);
  background_->thread = std::thread([this] { background_->run(fd_); });
}

FdOutBuf::~FdOutBuf() {
  sync();
  if (background_) {
    {
      std::lock_guard lock(background_->mutex);
      background_->stop = true;
    }
    background_->changed.notify_all();
    background_->thread.join();
  }
}

void FdOutBuf::wait_for_writer() {
  std::unique_lock lock(background_->mutex);
  background_->changed.wait(lock, [&] { return background_->pending == nullptr; });
  if (error_ == 0) error_ = background_->error;
}

bool FdOutBuf::hand_over() {
  Background& b = *background_;
  wait_for_writer();
  char* const full = pbase();
  const std::size_t size = static_cast<std::size_t>(pptr() - full);
  if (error_ == 0 && size > 0) {
    {
      std::lock_guard lock(b.mutex);
      b.pending = full;
      b.pending_size = size;
    }
    b.changed.notify_all();
    b.filling ^= 1;
  }
  char* const next = b.buffers[b.filling].get();
  setp(next, next + Background::kSize);
  return error_ == 0;
}

bool FdOutBuf::drain() {
  if (background_) return hand_over();
  const int failure = write_all(fd_, pbase(), static_cast<std::size_t>(pptr() - pbase()));
  if (failure != 0 && error_ == 0) error_ = failure;
  setp(buffer_, buffer_ + sizeof buffer_);
  return failure == 0;
}

FdOutBuf::int_type FdOutBuf::overflow(int_type c) {
  if (error_ != 0 || !drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize FdOutBuf::xsputn(const char* data, std::streamsize size) {
  if (error_ != 0) return 0;
  std::streamsize done = 0;
  while (done < size) {
    if (pptr() == epptr() && !drain()) return done;
    const std::streamsize room = std::min<std::streamsize>(epptr() - pptr(), size - done);
    std::memcpy(pptr(), data + done, static_cast<std::size_t>(room));
    pbump(static_cast<int>(room));
    done += room;
  }
  return done;
}

int FdOutBuf::sync() {
  if (error_ != 0 || !drain()) return -1;
  if (background_) wait_for_writer();
  return error_ == 0 ? 0 : -1;
}

std::string stream_failure(std::ostream& out) {
  if (out) out.flush();
  if (out) return {};
  if (const auto* buf = dynamic_cast<const FdOutBuf*>(out.rdbuf()); buf && buf->error() != 0) {
    return std::strerror(buf->error());
  }
  return "the write failed";
}

namespace {

// Temporary files to remove if a signal ends the program: fixed storage, so the
// handler only reads memory and calls unlink, both safe in a signal handler.
struct CleanupSlot {
  volatile std::sig_atomic_t used = 0;
  char path[4096] = {};
};
CleanupSlot cleanup_slots[8];

const int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction previous_actions[3];

// Removes the temporaries, then lets the signal do what it did before.
extern "C" void remove_temporaries_and_die(int signal_number) {
  for (CleanupSlot& slot : cleanup_slots) {
    if (slot.used) ::unlink(slot.path);
  }
  for (int i = 0; i < 3; ++i) {
    if (kCleanupSignals[i] == signal_number) ::sigaction(signal_number, &previous_actions[i], nullptr);
  }
  std::raise(signal_number);
}

// Installed for each write and put back after it, so that whatever handled the
// signals before (or a handler installed since) is what runs afterwards.
void install_cleanup_handlers() {
  for (int i = 0; i < 3; ++i) {
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_die;
    sigemptyset(&action.sa_mask);
    ::sigaction(kCleanupSignals[i], &action, &previous_actions[i]);
    // A program run with the signal ignored keeps it ignored.
    if (previous_actions[i].sa_handler == SIG_IGN) ::sigaction(kCleanupSignals[i], &previous_actions[i], nullptr);
  }
}

void restore_signal_handlers() {
  for (int i = 0; i < 3; ++i) ::sigaction(kCleanupSignals[i], &previous_actions[i], nullptr);
}

// A slot for `path`, or -1 when the path is too long or all slots are taken (the
// file is then still removed on every error, only not on a signal).
int remember_temporary(const std::string& path) {
  if (path.size() >= sizeof cleanup_slots[0].path) return -1;
  for (int i = 0; i < static_cast<int>(std::size(cleanup_slots)); ++i) {
    if (cleanup_slots[i].used) continue;
    std::memcpy(cleanup_slots[i].path, path.c_str(), path.size() + 1);
    cleanup_slots[i].used = 1;
    return i;
  }
  return -1;
}

void forget_temporary(int slot) {
  if (slot >= 0) cleanup_slots[slot].used = 0;
}

std::string errno_words(int e) { return std::strerror(e); }

// Writes to an open descriptor; empty on success.
std::string write_to_fd(int fd, const std::function<void(std::ostream&)>& write) {
  FdOutBuf buffer(fd, /*in_background=*/true);
  std::ostream stream(&buffer);
  write(stream);
  return stream_failure(stream);
}

// Any file that is not regular is written where it is: a device, a FIFO.
std::string write_directly(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return errno_words(errno);
  std::string why = write_to_fd(fd, write);
  if (::close(fd) != 0 && why.empty()) why = errno_words(errno);
  return why;
}

// Copies the file `from` over the content of the existing file `to`, which keeps
// its inode, and so its other hard links, mode and owner; empty on success.
std::string copy_into(const std::string& from, const fs::path& to) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (in < 0) return errno_words(errno);
  const int out = ::open(to.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
  if (out < 0) {
    const int error = errno;
    ::close(in);
    return errno_words(error);
  }
  std::string why;
  char buffer[1 << 16];
  off_t written = 0;
  while (why.empty()) {
    const ssize_t got = ::read(in, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) why = errno_words(errno);
    if (got <= 0) break;
    for (ssize_t done = 0; done < got && why.empty();) {
      const ssize_t n = ::write(out, buffer + done, static_cast<std::size_t>(got - done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) why = errno_words(n < 0 ? errno : EIO);
      else done += n;
    }
    written += got;
  }
  if (why.empty() && ::ftruncate(out, written) != 0) why = errno_words(errno);
  if (why.empty() && ::fsync(out) != 0) why = errno_words(errno);
  if (::close(out) != 0 && why.empty()) why = errno_words(errno);
  ::close(in);
  return why;
}

std::string write_replacing(const fs::path& target, const struct stat* existing,
                            const std::function<void(std::ostream&)>& write) {
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::random_device random;
  std::string temporary;
  int fd = -1;
  int slot = -1;
  install_cleanup_handlers();
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string name = ".strikeline-";
    for (int i = 0; i < 12; ++i) name += digits[random() % 36];
    temporary = (folder / name).string();
    // Remembered before it exists, so a signal between the two steps removes it too.
    slot = remember_temporary(temporary);
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) break;
    const int error = errno;
    forget_temporary(slot);
    if (error != EEXIST) {
      restore_signal_handlers();
      return errno_words(error);
    }
  }
  if (fd < 0) {
    restore_signal_handlers();
    return errno_words(EEXIST);
  }
  auto fail = [&](std::string why) {
    if (fd >= 0) ::close(fd);
    ::unlink(temporary.c_str());
    forget_temporary(slot);
    restore_signal_handlers();
    return why;
  };
  if (existing) {
    // The owner first (it clears set-id bits), then the mode, before any content.
    if (::fchown(fd, existing->st_uid, existing->st_gid) != 0 && errno != EPERM) return fail(errno_words(errno));
    if (::fchmod(fd, existing->st_mode & 07777) != 0) return fail(errno_words(errno));
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0) return fail(errno_words(errno));
  }
  if (std::string why = write_to_fd(fd, write); !why.empty()) return fail(why);
  if (::fsync(fd) != 0) return fail(errno_words(errno));
  const int closed = ::close(fd);
  fd = -1;
  if (closed != 0) return fail(errno_words(errno));
  if (existing && existing->st_nlink > 1) {
    // Renaming would part the target from its other names; its content is
    // replaced in place instead, from the finished temporary.
    std::string why = copy_into(temporary, target);
    if (why.empty()) {
      ::unlink(temporary.c_str());
    } else {
      why += "; " + target.string() + " may be cut short, and the whole output is in " + temporary;
    }
    forget_temporary(slot);
    restore_signal_handlers();
    return why;
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) return fail(errno_words(errno));
  forget_temporary(slot);
  restore_signal_handlers();
  return {};
}

}  // namespace

std::string write_output_file(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty()) return errno_words(ENOENT);
  struct stat link {};
  const bool is_link = ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) return errno_words(errno);
    // A new file; through a dangling link, the file the link names.
    fs::path target = path;
    std::error_code ec;
    if (is_link) target = fs::weakly_canonical(path, ec);
    if (ec) return ec.message();
    return write_replacing(target, nullptr, write);
  }
  if (S_ISDIR(info.st_mode)) return errno_words(EISDIR);
  // Opened by the name given, so that /dev/stdout onto a pipe works as well.
  if (!S_ISREG(info.st_mode)) return write_directly(path, write);
  // The user's link stays; what it points at is replaced, from beside that file.
  fs::path target = path;
  std::error_code ec;
  if (is_link) target = fs::canonical(path, ec);
  if (ec) return ec.message();
  // Replacing a file that could not be written in place would go around its mode;
  // root passes access(), so a file with no write bit at all is refused too.
  if (::access(target.c_str(), W_OK) != 0 || (info.st_mode & 0222) == 0) {
    return "the file is read-only (" + errno_words(EACCES) + ")";
  }
  return write_replacing(target, &info, write);
}

std::string output_clash(const fs::path& output, const fs::path& dataset_folder, const std::vector<fs::path>& inputs) {
  if (output.empty() || output == "-") return {};
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(output, ec);
  if (ec) return {};  // the writer gives the reason it cannot write there
  struct stat out_info {};
  const bool exists = ::stat(output.c_str(), &out_info) == 0;
  for (const fs::path& input : inputs) {
    std::error_code input_ec;
    const fs::path canonical = fs::weakly_canonical(input, input_ec);
    struct stat in_info {};
    const bool same_file = exists && ::stat(input.c_str(), &in_info) == 0 && in_info.st_dev == out_info.st_dev &&
                           in_info.st_ino == out_info.st_ino;
    if (same_file || (!input_ec && canonical == resolved)) return "it is " + input.generic_string() + ", an input";
  }
  if (!dataset_folder.empty()) {
    const fs::path folder = fs::weakly_canonical(dataset_folder, ec);
    if (!ec) {
      const std::string extension = resolved.extension().string();
      const fs::path relative = resolved.lexically_relative(folder);
      const bool inside = !relative.empty() && *relative.begin() != "..";
      if (inside && (extension == ".yaml" || extension == ".yml")) {
        return "it would be read as part of the dataset in " + dataset_folder.generic_string();
      }
    }
  }
  return {};
}

}  // namespace strikeline
