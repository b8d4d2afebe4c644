#include "util/files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace quire {

std::optional<std::string> read_file(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

namespace {

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

std::string write_file_atomic(const fs::path& path, std::string_view bytes,
                              const fs::path& tmp_dir) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  fs::create_directories(tmp_dir, ec);
  fs::path tmp = tmp_dir / unique_temp_name();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + tmp.string() + ": " + std::strerror(errno);
  bool ok = write_all(fd, bytes);
  int saved = errno;
  ::close(fd);
  if (!ok) {
    fs::remove(tmp, ec);
    return "cannot write " + tmp.string() + ": " + std::strerror(saved);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    saved = errno;
    fs::remove(tmp, ec);
    return "cannot rename into " + path.string() + ": " + std::strerror(saved);
  }
  return {};
}

std::string host_name() {
  static const std::string name = [] {
    char text[256] = {0};
    return ::gethostname(text, sizeof text - 1) == 0 ? std::string(text) : std::string("localhost");
  }();
  return name;
}

void sync_filesystem(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::syncfs(fd);
  ::close(fd);
}

std::string unique_temp_name() {
  static std::atomic<uint64_t> counter{0};
  std::ostringstream out;
  static const pid_t pid = ::getpid();
  out << host_name() << '.' << pid << '.' << counter++;
  return out.str();
}

bool temp_owner_is_dead(std::string_view temp_name) {
  // "<host>.<pid>.<counter>": the host may itself contain dots, so split from the right.
  auto last = temp_name.rfind('.');
  if (last == std::string_view::npos) return false;
  auto middle = temp_name.rfind('.', last - 1);
  if (middle == std::string_view::npos) return false;
  if (temp_name.substr(0, middle) != host_name()) return false;
  std::string pid_text(temp_name.substr(middle + 1, last - middle - 1));
  char* end = nullptr;
  long pid = std::strtol(pid_text.c_str(), &end, 10);
  if (end == pid_text.c_str() || *end != '\0' || pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

bool is_safe_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name.front() == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

FileLock::~FileLock() { unlock(); }

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    unlock();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

bool FileLock::try_lock(const fs::path& path, Mode mode) {
  unlock();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  int op = (mode == Mode::kShared ? LOCK_SH : LOCK_EX) | LOCK_NB;
  if (::flock(fd, op) != 0) {
    ::close(fd);
    return false;
  }
  fd_ = fd;
  return true;
}

std::string FileLock::lock(const fs::path& path, Mode mode) {
  unlock();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot open lock " + path.string() + ": " + std::strerror(errno);
  int op = mode == Mode::kShared ? LOCK_SH : LOCK_EX;
  while (::flock(fd, op) != 0) {
    if (errno == EINTR) continue;
    std::string error = "cannot lock " + path.string() + ": " + std::strerror(errno);
    ::close(fd);
    return error;
  }
  fd_ = fd;
  return {};
}

void FileLock::unlock() {
  if (fd_ >= 0) {
    ::close(fd_);  // closing releases the flock
    fd_ = -1;
  }
}

}  // namespace quire
