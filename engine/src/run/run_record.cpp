// production_run.json: what ran, why, from which plugin builds, with which digests.
#include <algorithm>
#include <cmath>
#include <map>
#include <quire/version.hpp>

#include "plan/stage_key.hpp"
#include "run/runner.hpp"
#include "util/digest.hpp"
#include "util/json_text.hpp"

namespace quire {

namespace {

// One stage as a canonical JSON line, written directly (see json_text.hpp).
std::string stage_record(const StageReport& s, const ResolvedStage& stage) {
  std::string out = "{\"config_digest\":";
  append_quoted(out, digest_of(stage.config_text));
  out += ",\"error\":";
  append_quoted(out, s.error);
  out += ",\"id\":";
  append_quoted(out, s.id);
  out += ",\"inputs\":{";
  std::map<std::string, const DepOutputs*> deps;
  for (const auto& dep : s.inputs) deps[dep.stage] = &dep;
  bool first_dep = true;
  for (const auto& [id, dep] : deps) {
    out += first_dep ? "" : ",";
    first_dep = false;
    append_quoted(out, id);
    out += ":{";
    for (size_t k = 0; k < dep->outputs.size(); ++k) {
      out += k ? "," : "";
      append_quoted(out, dep->outputs[k].name);
      out += ":";
      append_quoted(out, dep->outputs[k].digest);
    }
    out += "}";
  }
  out += "},\"key\":";
  append_quoted(out, s.key);
  out += ",\"outputs\":[";
  for (size_t k = 0; k < s.outputs.size(); ++k) {
    const auto& o = s.outputs[k];
    out += k ? ",{\"digest\":" : "{\"digest\":";
    append_quoted(out, o.digest);
    out += std::string(",\"kind\":\"") + (o.kind == OutputKind::kJson ? "json" : "blob") +
           "\",\"name\":";
    append_quoted(out, o.name);
    out += ",\"size\":" + std::to_string(o.size) + "}";
  }
  out += "],\"plugin\":";
  append_quoted(out, s.plugin);
  out += ",\"reason\":";
  append_quoted(out, s.reason);
  out += ",\"status\":";
  append_quoted(out, status_name(s.status));
  out += ",\"wall_ms\":" + number_text(std::round(s.wall_ms * 1000) / 1000) + "}";
  return out;
}

// Scores a stage reports through an output named scores.json (an object of numbers, e.g. the
// audit's verified share), by stage id. Read from the cache, so a cached stage's scores appear too.
Json stage_scores(const Cache& cache, const StageReport& s) {
  for (const auto& o : s.outputs) {
    if (o.name != "scores.json" || o.kind != OutputKind::kJson) continue;
    std::string bytes;
    if (cache.get_object(o.digest, &bytes) != Cache::Read::kOk) return nullptr;
    Json scores = Json::parse(bytes, nullptr, false);
    if (!scores.is_object()) return nullptr;
    Json numbers = Json::object();
    for (auto& [name, value] : scores.items())
      if (value.is_number() || value.is_string() || value.is_boolean()) numbers[name] = value;
    return numbers;
  }
  return nullptr;
}

}  // namespace

void Runner::write_record(const RunSummary& summary) const {
  std::map<std::string, Json> plugins;  // only the plugins this workflow uses, by name
  std::vector<std::string> stages;
  Json scores = Json::object();
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (slots_[i].mode == Mode::kExcluded) continue;
    Json reported = stage_scores(cache_, slots_[i].report);
    if (!reported.is_null()) scores[slots_[i].report.id] = std::move(reported);
    const auto* plugin = stages_[i].plugin;
    const auto& info = plugin->info();
    if (!plugins.count(info.name))
      plugins[info.name] = {{"name", info.name},
                            {"version", info.version},
                            {"digest", plugin->digest()},
                            {"path", info.path.string()},
                            {"sdk_version", info.sdk_version},
                            {"compiler", info.compiler}};
    stages.push_back(stage_record(slots_[i].report, stages_[i]));
  }
  Json plugin_list = Json::array();
  for (auto& [_, p] : plugins) plugin_list.push_back(p);
  Json sections = {
      {"engine",
       {{"name", "quire"},
        {"version", QUIRE_VERSION_STRING},
        {"key_schema", kKeySchemaVersion},
        {"plugin_abi", std::to_string(QUIRE_ABI_MAJOR) + "." + std::to_string(QUIRE_ABI_MINOR)}}},
      {"workflow",
       {{"name", workflow_.name},
        {"title", workflow_.title},
        {"direction", workflow_.direction},
        {"file", workflow_.source.path()},
        {"digest", digest_of(workflow_.source.text())}}},
      {"run",
       {{"clock", options_.run_clock},
        {"clock_source", options_.clock_source},
        {"fresh", options_.fresh},
        {"jobs", options_.jobs},
        {"keep_going", options_.keep_going},
        {"forced", options_.force},
        {"only", options_.only},
        {"until", options_.until},
        {"command", options_.command},
        {"cache", std::filesystem::absolute(cache_.root()).lexically_normal().string()},
        {"exit_code", static_cast<int>(summary.exit)},
        {"summary", summary.line()}}},
      {"counts",
       {{"stages", summary.stages},
        {"cached", summary.cached},
        {"ran", summary.ran},
        {"failed", summary.failed},
        {"not_cached", summary.not_cached},
        {"skipped", summary.skipped},
        {"cancelled", summary.cancelled}}},
      {"plugins", plugin_list},
      {"scores", scores}};
  // One section, or one stage, per line: readable and diffable, and cheap for 10,000 stages.
  std::string text = "{\n";
  for (const auto& [name, value] : sections.items())
    text += "  \"" + name + "\": " + canonical(value) + ",\n";
  text += "  \"stages\": [\n";
  for (size_t i = 0; i < stages.size(); ++i)
    text += "    " + stages[i] + (i + 1 < stages.size() ? ",\n" : "\n");
  text += "  ]\n}\n";
  (void)write_file_atomic(options_.run_dir / "production_run.json", text,
                          options_.run_dir / ".quire" / "tmp");
}

}  // namespace quire
