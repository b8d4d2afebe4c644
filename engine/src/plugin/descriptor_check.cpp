#include "plugin/descriptor_check.hpp"

#include <cstddef>
#include <quire/plugin.hpp>

#include "plugin/config_types.hpp"
#include "util/files.hpp"

namespace quire {

const char* engine_stdlib_id() { return QUIRE_STDLIB_ID; }
const char* engine_compiler_id() { return QUIRE_COMPILER_ID; }

namespace {

// ABI 1.0's descriptor ends after `run`; a shorter struct cannot be a 1.x descriptor.
constexpr size_t kMinimumSize = offsetof(quire_plugin_descriptor, run) + sizeof(void*);

bool valid_type(int32_t type) { return type >= QUIRE_CONFIG_STRING && type <= QUIRE_CONFIG_PATH; }

std::string check_fields(const quire_plugin_descriptor* d, PluginInfo* info) {
  if (d->config_field_count > 0 && d->config_fields == nullptr)
    return "malformed descriptor: config_field_count is " + std::to_string(d->config_field_count) +
           " but config_fields is NULL";
  if (d->config_field_count > 1000) return "malformed descriptor: implausible config_field_count";
  for (uint32_t i = 0; i < d->config_field_count; ++i) {
    const auto& f = d->config_fields[i];
    std::string where = "config field #" + std::to_string(i);
    if (f.key == nullptr || *f.key == '\0') return "malformed descriptor: " + where + " has no key";
    if (!valid_type(f.type))
      return "malformed descriptor: config field '" + std::string(f.key) + "' has unknown type " +
             std::to_string(f.type);
    if (f.type == QUIRE_CONFIG_PATH && d->abi_minor < 2)
      return "malformed descriptor: config field '" + std::string(f.key) +
             "' is a path, which needs plugin ABI 1.2, but the plugin says " +
             std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor);
    ConfigField field{f.key, static_cast<quire_config_type>(f.type), f.required != 0, std::nullopt,
                      f.help ? f.help : ""};
    if (f.default_json != nullptr) {
      Json value;
      std::string error;
      if (!parse_json(f.default_json, &value, &error) ||
          !config_value_matches(value, static_cast<quire_config_type>(f.type)))
        return "malformed descriptor: config field '" + field.key + "' has a bad default " +
               f.default_json;
      field.default_value = std::move(value);
    }
    info->fields.push_back(std::move(field));
  }
  return {};
}

}  // namespace

std::string check_descriptor(const quire_plugin_descriptor* d, PluginInfo* info) {
  if (d == nullptr) return "entry point " QUIRE_ENTRY_SYMBOL " returned no descriptor";
  if (d->abi_major != QUIRE_ABI_MAJOR)
    return "built for plugin ABI " + std::to_string(d->abi_major) + "." +
           std::to_string(d->abi_minor) + "; this engine speaks ABI " +
           std::to_string(QUIRE_ABI_MAJOR) + "." + std::to_string(QUIRE_ABI_MINOR);
  if (d->abi_minor > QUIRE_ABI_MINOR)
    return "needs plugin ABI " + std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor) +
           "; this engine provides only " + std::to_string(QUIRE_ABI_MAJOR) + "." +
           std::to_string(QUIRE_ABI_MINOR) + " (upgrade quire)";
  if (d->struct_size < kMinimumSize)
    return "malformed descriptor: struct_size " + std::to_string(d->struct_size) +
           " is smaller than " + std::to_string(kMinimumSize);
  if (d->name == nullptr || !is_safe_name(d->name))
    return "malformed descriptor: missing or invalid plugin name";
  if (d->version == nullptr || *d->version == '\0')
    return "malformed descriptor: plugin '" + std::string(d->name) + "' has no version";
  if (d->sdk_version == nullptr || d->compiler == nullptr || d->stdlib == nullptr)
    return "malformed descriptor: plugin '" + std::string(d->name) + "' lacks its build identity";
  if (std::string(d->stdlib) != engine_stdlib_id())
    return "plugin '" + std::string(d->name) + "' was built against " + d->stdlib +
           "; this engine uses " + engine_stdlib_id() + " (rebuild it against this SDK)";
  if (d->create == nullptr || d->destroy == nullptr || d->run == nullptr)
    return "malformed descriptor: plugin '" + std::string(d->name) + "' lacks create/destroy/run";

  info->name = d->name;
  info->version = d->version;
  info->sdk_version = d->sdk_version;
  info->compiler = d->compiler;
  info->stdlib = d->stdlib;
  info->summary = d->summary ? d->summary : "";
  info->abi_major = d->abi_major;
  info->abi_minor = d->abi_minor;
  info->flags = d->flags;
  return check_fields(d, info);
}

}  // namespace quire
