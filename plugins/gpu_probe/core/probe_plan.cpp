#include "probe_plan.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace quire::probe {

const std::vector<std::string>& probe_kinds() {
  static const std::vector<std::string> kKinds = {"rope-relativity", "rope-svd-dispersion",
                                                  "causal-leakage", "deposit-pattern",
                                                  "sinks-and-massive-activations"};
  return kKinds;
}

std::vector<PlannedProbe> plan_probes(const nlohmann::json& probes) {
  if (!probes.is_array() || probes.empty())
    throw std::invalid_argument("probes must be a non-empty array of tables");
  std::vector<PlannedProbe> out;
  std::set<std::string> ids;
  for (size_t i = 0; i < probes.size(); ++i) {
    PlannedProbe p;
    p.path = "probes[" + std::to_string(i) + "]";
    if (!probes[i].is_object()) throw std::invalid_argument(p.path + " must be a table");
    p.config = probes[i];
    if (!p.config.contains("probe") || !p.config["probe"].is_string())
      throw std::invalid_argument(p.path + ".probe is required: the kind of probe");
    p.kind = p.config["probe"].get<std::string>();
    std::string known;
    for (const auto& k : probe_kinds()) known += (known.empty() ? "" : ", ") + k;
    if (std::find(probe_kinds().begin(), probe_kinds().end(), p.kind) == probe_kinds().end())
      throw std::invalid_argument(p.path + ".probe \"" + p.kind + "\" is not a probe (" + known +
                                  ")");
    p.id = p.kind;
    if (p.config.contains("id")) {
      if (!p.config["id"].is_string() || p.config["id"].get<std::string>().empty())
        throw std::invalid_argument(p.path + ".id must be a non-empty string");
      p.id = p.config["id"].get<std::string>();
    }
    if (!ids.insert(p.id).second)
      throw std::invalid_argument(p.path + ": probe id \"" + p.id +
                                  "\" is used twice; give one an `id`");
    p.config.erase("probe");
    p.config.erase("id");
    out.push_back(std::move(p));
  }
  return out;
}

void check_planned(const PlannedProbe& p) {
  if (p.kind == "rope-relativity") return check_rope_relativity(p.config, p.path);
  if (p.kind == "rope-svd-dispersion") return check_rope_svd_dispersion(p.config, p.path);
  if (p.kind == "causal-leakage") return check_causal_leakage(p.config, p.path);
  if (p.kind == "deposit-pattern") return check_deposit_pattern(p.config, p.path);
  return check_sinks_and_massive_activations(p.config, p.path);
}

ProbeResult run_planned(const PlannedProbe& p, const ProbeEnv& env, ModelZoo& zoo) {
  if (p.kind == "rope-relativity") return run_rope_relativity(p.config, p.path, env);
  if (p.kind == "rope-svd-dispersion") return run_rope_svd_dispersion(p.config, p.path, env);
  if (p.kind == "causal-leakage") return run_causal_leakage(p.config, p.path, env);
  if (p.kind == "deposit-pattern") return run_deposit_pattern(p.config, p.path, env, zoo);
  return run_sinks_and_massive_activations(p.config, p.path, env, zoo);
}

}  // namespace quire::probe
