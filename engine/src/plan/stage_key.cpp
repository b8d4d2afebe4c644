#include "plan/stage_key.hpp"

#include "util/digest.hpp"

namespace quire {

Json inputs_json(const std::vector<DepOutputs>& inputs) {
  Json json = Json::object();
  for (const auto& dep : inputs) {
    Json outputs = Json::object();
    for (const auto& o : dep.outputs) outputs[o.name] = o.digest;
    json[dep.stage] = std::move(outputs);
  }
  return json;
}

StageKey compute_stage_key(const LoadedPlugin& plugin, const Json& config,
                           const std::vector<DepOutputs>& inputs, uint64_t seed) {
  const auto& info = plugin.info();
  StageKey key;
  key.config_digest = digest_of(canonical(config));
  key.parts = {{"schema", kKeySchemaVersion},
               {"plugin",
                {{"name", info.name},
                 {"version", info.version},
                 {"abi", std::to_string(info.abi_major) + "." + std::to_string(info.abi_minor)},
                 {"digest", plugin.digest()}}},
               {"config", config},
               {"seed", std::to_string(seed)},
               {"inputs", inputs_json(inputs)}};
  key.key = sha256_hex(canonical(key.parts));
  return key;
}

}  // namespace quire
