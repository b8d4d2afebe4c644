// Typed reads from one JSON object of the probe configuration, with defaults, and errors that
// name the key's full path ("probes[2].model.heads must be an integer, not a string"). finish()
// rejects keys nobody read, so a typo in the workflow never silently falls back to a default.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace quire::probe {

class ConfigReader {
 public:
  // `object` may be null (all defaults); anything else but an object throws.
  ConfigReader(const nlohmann::json& object, std::string path);

  int64_t integer(const std::string& key, int64_t fallback);
  double number(const std::string& key, double fallback);  // accepts integers too
  bool boolean(const std::string& key, bool fallback);
  std::string text(const std::string& key, const std::string& fallback);
  std::vector<std::string> texts(const std::string& key, const std::vector<std::string>& fallback);
  std::vector<int64_t> integers(const std::string& key, const std::vector<int64_t>& fallback);
  std::vector<double> numbers(const std::string& key, const std::vector<double>& fallback);
  // A nested object (null when absent) and its path, for a nested ConfigReader.
  const nlohmann::json& child(const std::string& key);
  // The value as it stands (null when absent), for keys of more than one type.
  const nlohmann::json& raw(const std::string& key);
  std::string path_of(const std::string& key) const { return path_ + "." + key; }

  // Throws std::invalid_argument naming every unread key and the nearest known one.
  void finish() const;

 private:
  const nlohmann::json* find(const std::string& key);
  [[noreturn]] void wrong_type(const std::string& key, const char* wanted) const;

  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string> read_;
};

// Integer in [low, high] or throws std::invalid_argument naming the path.
int64_t require_range(int64_t value, int64_t low, int64_t high, const std::string& path);

}  // namespace quire::probe
