#include "plan/stage_key.hpp"

#include <map>

#include "util/digest.hpp"
#include "util/json_text.hpp"

namespace quire {

namespace {

// {"name":"digest",...} for one upstream stage; outputs are already sorted by name.
std::string outputs_text(const DepOutputs& dep) {
  std::string text = "{";
  for (size_t i = 0; i < dep.outputs.size(); ++i)
    text += (i ? "," : "") + json_quoted(dep.outputs[i].name) + ":" +
            json_quoted(dep.outputs[i].digest);
  return text + "}";
}

std::map<std::string, const DepOutputs*> by_stage(const std::vector<DepOutputs>& inputs) {
  std::map<std::string, const DepOutputs*> sorted;
  for (const auto& dep : inputs) sorted[dep.stage] = &dep;
  return sorted;
}

}  // namespace

Json inputs_json(const std::vector<DepOutputs>& inputs) {
  Json json = Json::object();
  for (const auto& dep : inputs) {
    Json outputs = Json::object();
    for (const auto& o : dep.outputs) outputs[o.name] = o.digest;
    json[dep.stage] = std::move(outputs);
  }
  return json;
}

Json inputs_summary(const std::vector<DepOutputs>& inputs) {
  Json json = Json::object();
  for (const auto& dep : inputs) json[dep.stage] = sha256_hex(outputs_text(dep)).substr(0, 16);
  return json;
}

StageKey compute_stage_key(const LoadedPlugin& plugin, const std::string& config_text,
                           const std::vector<DepOutputs>& inputs, uint64_t seed) {
  const auto& info = plugin.info();
  std::string text = "{\"config\":" + config_text + ",\"inputs\":{";
  bool first = true;
  for (const auto& [stage, dep] : by_stage(inputs)) {
    text += (first ? "" : ",") + json_quoted(stage) + ":" + outputs_text(*dep);
    first = false;
  }
  text += "},\"plugin\":{\"abi\":" +
          json_quoted(std::to_string(info.abi_major) + "." + std::to_string(info.abi_minor)) +
          ",\"digest\":" + json_quoted(plugin.digest()) + ",\"name\":" + json_quoted(info.name) +
          ",\"version\":" + json_quoted(info.version) +
          "},\"schema\":" + std::to_string(kKeySchemaVersion) +
          ",\"seed\":" + json_quoted(std::to_string(seed)) + "}";
  return {sha256_hex(text), std::move(text)};
}

}  // namespace quire
