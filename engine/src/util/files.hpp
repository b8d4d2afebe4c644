// Small filesystem helpers with the crash-safety rules the cache relies on.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace quire {

namespace fs = std::filesystem;

// Whole-file read; nullopt when the file is missing or unreadable.
std::optional<std::string> read_file(const fs::path& path);

// Writes `bytes` to a temp file in `tmp_dir` (same filesystem as `path`) and renames it over
// `path`, so readers see the old bytes or the new bytes, never a mix, even if the process is
// killed. No fsync per file: durability against power loss comes from sync_filesystem() once per
// run, and every cached read is digest-checked, so a torn file is detected, never used.
// Returns an error message, empty on success.
std::string write_file_atomic(const fs::path& path, std::string_view bytes,
                              const fs::path& tmp_dir);

// Flushes the filesystem holding `path` to disk (syncfs).
void sync_filesystem(const fs::path& path);

// A temp-file name unique to this process: "<host>.<pid>.<counter>", so a later run can tell
// which leftovers belong to dead processes on this host.
std::string unique_temp_name();
// True when a temp name made by unique_temp_name() belongs to a process on this host that is
// no longer alive.
bool temp_owner_is_dead(std::string_view temp_name);

// This host's name, for lock and marker records.
std::string host_name();

// Plain file names for outputs and stage directories: [A-Za-z0-9._-]+, no leading dot,
// at most 200 characters. Keeps every write inside its directory.
bool is_safe_name(std::string_view name);

// An advisory lock (flock) on a file, released on destruction or process death.
class FileLock {
 public:
  enum class Mode { kShared, kExclusive };
  FileLock() = default;
  ~FileLock();
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  // Takes the lock without waiting; false when someone else holds it (or on error).
  bool try_lock(const fs::path& path, Mode mode);
  // Waits for the lock; returns an error message, empty on success.
  std::string lock(const fs::path& path, Mode mode);
  void unlock();
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace quire
