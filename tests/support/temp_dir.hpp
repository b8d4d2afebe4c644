// A fresh directory under the system temp dir, removed when the test ends.
#pragma once

#include <filesystem>
#include <string>

namespace quire::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes `text` to `path`, creating parent directories.
void write_text(const std::filesystem::path& path, const std::string& text);
// Reads a whole file; empty string when missing.
std::string read_text(const std::filesystem::path& path);

}  // namespace quire::testing
