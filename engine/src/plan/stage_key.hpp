// The cache key of a stage: a digest of everything that can change its outputs, and nothing
// else (never a run id or a time).
#pragma once

#include <string>
#include <vector>

#include "cache/cache.hpp"
#include "plugin/plugin.hpp"
#include "util/json.hpp"

namespace quire {

// Bump when the key's composition changes, so old entries are never mistaken for new ones.
constexpr int kKeySchemaVersion = 1;

// The outputs of one upstream stage, as the stage will see them.
struct DepOutputs {
  std::string stage;
  std::vector<OutputRecord> outputs;
};

struct StageKey {
  std::string key;            // hex sha256 of canonical(parts)
  std::string config_digest;  // digest of canonical(config), for explanations
  Json parts;                 // the components, kept for `--explain` style messages
};

// Merkle style: upstream outputs enter by digest, so an upstream that reruns but produces the
// same bytes leaves this key unchanged (early cutoff).
// `seed` is the stage's RNG seed (from params.seed): a stage that draws random numbers must rerun
// when it changes.
StageKey compute_stage_key(const LoadedPlugin& plugin, const Json& config,
                           const std::vector<DepOutputs>& inputs, uint64_t seed);

// {"<stage>": {"<output>": "<digest>"}} — the input part of a key, also kept in run records.
Json inputs_json(const std::vector<DepOutputs>& inputs);

}  // namespace quire
