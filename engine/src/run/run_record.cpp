// production_run.json: what ran, why, from which plugin builds, with which digests.
#include <quire/version.hpp>

#include <algorithm>
#include <map>

#include "plan/stage_key.hpp"
#include "run/runner.hpp"
#include "util/digest.hpp"

namespace quire {

namespace {

Json stage_record(const StageReport& s, const ResolvedStage& stage) {
  return {{"id", s.id},
          {"plugin", s.plugin},
          {"status", status_name(s.status)},
          {"reason", s.reason},
          {"key", s.key},
          {"config_digest", digest_of(stage.config_text)},
          {"wall_ms", s.wall_ms},
          {"inputs", s.inputs},
          {"outputs", outputs_to_json(s.outputs)},
          {"error", s.error}};
}

}  // namespace

void Runner::write_record(const RunSummary& summary) const {
  std::map<std::string, Json> plugins;  // only the plugins this workflow uses, by name
  std::vector<std::string> stages;
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].mode == Mode::kExcluded) continue;
    const auto* plugin = stages_[i].plugin;
    const auto& info = plugin->info();
    plugins[info.name] = {{"name", info.name},         {"version", info.version},
                          {"digest", plugin->digest()}, {"path", info.path.string()},
                          {"sdk_version", info.sdk_version}, {"compiler", info.compiler}};
    stages.push_back(canonical(stage_record(slots_[i].report, stages_[i])));
  }
  Json plugin_list = Json::array();
  for (auto& [_, p] : plugins) plugin_list.push_back(p);
  Json sections = {
      {"engine", {{"name", "quire"}, {"version", QUIRE_VERSION_STRING}, {"key_schema", kKeySchemaVersion},
                  {"plugin_abi", std::to_string(QUIRE_ABI_MAJOR) + "." + std::to_string(QUIRE_ABI_MINOR)}}},
      {"workflow", {{"name", workflow_.name}, {"title", workflow_.title}, {"direction", workflow_.direction},
                    {"file", workflow_.source.path()}, {"digest", digest_of(workflow_.source.text())}}},
      {"run", {{"clock", options_.run_clock}, {"clock_source", options_.clock_source},
               {"fresh", options_.fresh}, {"jobs", options_.jobs}, {"keep_going", options_.keep_going},
               {"forced", options_.force}, {"only", options_.only}, {"until", options_.until},
               {"command", options_.command}, {"exit_code", static_cast<int>(summary.exit)},
               {"summary", summary.line()}}},
      {"counts", {{"stages", summary.stages}, {"cached", summary.cached}, {"ran", summary.ran},
                  {"failed", summary.failed}, {"not_cached", summary.not_cached},
                  {"skipped", summary.skipped}, {"cancelled", summary.cancelled}}},
      {"plugins", plugin_list}};
  // One section, or one stage, per line: readable and diffable, and cheap for 10,000 stages.
  std::string text = "{\n";
  for (const auto& [name, value] : sections.items()) text += "  \"" + name + "\": " + canonical(value) + ",\n";
  text += "  \"stages\": [\n";
  for (size_t i = 0; i < stages.size(); ++i) text += "    " + stages[i] + (i + 1 < stages.size() ? ",\n" : "\n");
  text += "  ]\n}\n";
  (void)write_file_atomic(options_.run_dir / "production_run.json", text, options_.run_dir / ".quire" / "tmp");
}

}  // namespace quire
