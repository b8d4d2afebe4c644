// The probes a stage runs: each `[[probes]]` table's kind (`probe`), its id (`id`, default the
// kind, unique) and the rest of the table, which is the probe's own configuration.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "probes.hpp"

namespace quire::probe {

struct PlannedProbe {
  std::string kind;  // rope-relativity | rope-svd-dispersion | causal-leakage | deposit-pattern |
                     // sinks-and-massive-activations
  std::string id;
  nlohmann::json config;  // the table less `probe` and `id`
  std::string path;       // "probes[2]", for error messages
};

// Throws std::invalid_argument naming the table and key.
std::vector<PlannedProbe> plan_probes(const nlohmann::json& probes);

// The known kinds, in the order of PRODUCT.md §5.
const std::vector<std::string>& probe_kinds();

// Checks one planned probe's configuration without running it.
void check_planned(const PlannedProbe& probe);

// Runs one planned probe. Configuration errors throw std::invalid_argument naming the path.
ProbeResult run_planned(const PlannedProbe& probe, const ProbeEnv& env, ModelZoo& zoo);

}  // namespace quire::probe
