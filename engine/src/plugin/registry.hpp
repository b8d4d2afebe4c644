// Finds plugins on the search path, loads and checks each, and remembers what it refused.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "plugin/plugin.hpp"

namespace quire {

struct RejectedPlugin {
  std::filesystem::path path;
  std::string reason;
};

class PluginRegistry {
 public:
  // The search path in order: the workflow's plugin_path, then QUIRE_PLUGIN_PATH
  // (colon-separated), then the built-in directory next to the quire binary.
  static std::vector<std::filesystem::path> search_path(
      const std::vector<std::filesystem::path>& workflow_dirs);

  // Loads every lib*.so in `dirs` (each directory sorted by file name). A name already taken
  // by an earlier library is refused as a duplicate. Never throws.
  static PluginRegistry discover(const std::vector<std::filesystem::path>& dirs);

  const LoadedPlugin* find(const std::string& name) const;
  const std::vector<std::shared_ptr<const LoadedPlugin>>& plugins() const { return plugins_; }
  const std::vector<RejectedPlugin>& rejected() const { return rejected_; }
  const std::vector<std::filesystem::path>& searched() const { return searched_; }
  std::vector<std::string> names() const;

 private:
  void load(const std::filesystem::path& file);

  std::vector<std::shared_ptr<const LoadedPlugin>> plugins_;
  std::vector<RejectedPlugin> rejected_;
  std::vector<std::filesystem::path> searched_;
};

// The directory holding the running executable (for the built-in plugin directory).
std::filesystem::path executable_dir();

}  // namespace quire
