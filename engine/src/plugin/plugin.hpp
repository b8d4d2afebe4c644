// A plugin the engine has loaded and checked, and the one boundary through which its code runs.
#pragma once

#include <quire/abi.h>

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <quire/context.hpp>
#include <string>
#include <vector>

#include "util/json.hpp"

namespace quire {

struct ConfigField {
  std::string key;
  quire_config_type type = QUIRE_CONFIG_STRING;
  bool required = false;
  std::optional<Json> default_value;
  std::string help;
};

// What the descriptor said, copied out so nothing of the plugin's memory is needed later.
struct PluginInfo {
  std::string name;
  std::string version;
  std::string sdk_version;
  std::string compiler;
  std::string stdlib;
  std::string summary;
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  uint32_t flags = 0;
  std::vector<ConfigField> fields;
  std::filesystem::path path;

  bool network() const { return (flags & QUIRE_STAGE_NETWORK) != 0; }
  bool is_volatile() const { return (flags & QUIRE_STAGE_VOLATILE) != 0; }
  bool reads_local_files() const { return (flags & QUIRE_STAGE_LOCAL_FILES) != 0; }
  const ConfigField* field(const std::string& key) const;
};

// Outcome of one call into plugin code.
struct PluginCallResult {
  int code = QUIRE_RUN_OK;  // QUIRE_RUN_*
  std::string message;
};

class LoadedPlugin {
 public:
  LoadedPlugin(PluginInfo info, std::shared_ptr<boost::dll::shared_library> library,
               const quire_plugin_descriptor* descriptor);

  const PluginInfo& info() const { return info_; }
  // sha256 of the shared library file, computed once; part of every cache key.
  const std::string& digest() const;
  // Supplies the digest from a trusted source (the cache's stat-keyed digest memo).
  void set_digest(std::string digest) const { digest_ = std::move(digest); }

  // Creates a stage instance, runs it on `context` and destroys it. Never throws: whatever the
  // plugin does (error result, NULL instance) comes back as a PluginCallResult. The instance's
  // deleter holds the library, so the code outlives every object made from it.
  PluginCallResult run_stage(Context& context) const;

 private:
  PluginInfo info_;
  std::shared_ptr<boost::dll::shared_library> library_;
  const quire_plugin_descriptor* descriptor_;
  mutable std::string digest_;
};

}  // namespace quire
