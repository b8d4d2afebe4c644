// The cache key of a stage: a digest of everything that can change its outputs, and nothing
// else (never a run id or a time).
#pragma once

#include <cstdint>
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
  std::vector<OutputRecord> outputs;  // sorted by name
};

struct StageKey {
  std::string key;   // hex sha256 of `text`
  std::string text;  // the canonical JSON of the key's parts, for explaining and debugging
};

// Merkle style: upstream outputs enter by digest, so an upstream that reruns but produces the
// same bytes leaves this key unchanged (early cutoff). `config_text` is the canonical resolved
// config; `seed` the stage's RNG seed (a stage drawing random numbers reruns when it changes).
// Built as a string directly (same bytes as canonical() of the parts) because it runs for
// every stage on every run.
StageKey compute_stage_key(const LoadedPlugin& plugin, const std::string& config_text,
                           const std::vector<DepOutputs>& inputs, uint64_t seed);

// {"<stage>": {"<output>": "<digest>"}} — the input part of a key, kept in run records.
Json inputs_json(const std::vector<DepOutputs>& inputs);
// {"<stage>": "<16 hex>"} — a short digest per upstream stage, enough to say which one changed.
Json inputs_summary(const std::vector<DepOutputs>& inputs);

}  // namespace quire
