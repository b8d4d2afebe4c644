// The five probes. Each is a function of its configuration (one `[[probes]]` table of the
// workflow, as JSON) and the environment; it returns what it measured. Unknown or mistyped keys
// throw std::invalid_argument naming `path` + the key. Documented for users in docs/probes.md;
// metric names listed here are what a workflow's claims refer to.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "model.hpp"
#include "probe_result.hpp"
#include "tasks.hpp"
#include "train.hpp"

namespace quire::probe {

// Specs from config tables (null = defaults), with range checks. `path` prefixes errors.
ModelSpec model_spec_from(const nlohmann::json& table, const std::string& path);
TaskSpec task_spec_from(const nlohmann::json& table, const std::string& path);
TrainSpec train_spec_from(const nlohmann::json& table, const std::string& path);
nlohmann::json to_json(const ModelSpec& spec);
nlohmann::json to_json(const TaskSpec& spec);
nlohmann::json to_json(const TrainSpec& spec);

// Models trained once per stage run and shared by the probes that read them (deposit-pattern
// and sinks-and-massive-activations), keyed by everything that decides the weights.
struct TrainedModel {
  Decoder model{nullptr};
  Dataset data;
  TrainResult result;
};
class ModelZoo {
 public:
  std::shared_ptr<TrainedModel> get(const ModelSpec& model, const TaskSpec& task,
                                    const TrainSpec& train, uint64_t seed, const ProbeEnv& env);
  size_t trained() const { return trained_; }

 private:
  std::map<std::string, std::shared_ptr<TrainedModel>> models_;
  size_t trained_ = 0;
};

// 1. rope-relativity. Keys: dim (64), positions (128), base (10000.0), trials (4).
// Metrics: rope/max_abs_deviation, rope/max_rel_deviation (float64 scores over every pair
// with the same offset, relative to the largest |score|), rope/float32_max_rel_deviation,
// rope/norm_max_rel_change (|R_p q| vs |q|), absolute/max_rel_deviation (the same measure for
// additive sinusoidal positions: the control that is not relative). Curve: deviation by offset.
ProbeResult run_rope_relativity(const nlohmann::json& config, const std::string& path,
                                const ProbeEnv& env);

// 2. rope-svd-dispersion (seed 002). Keys: dim (64), points (256), cluster_std (0.05),
// base (10000.0), spreads ([0, 1, 2, 4, ..., 1024]): a tight cluster around one mean vector,
// each point rotated to a position drawn uniformly from [0, spread]. Metrics:
// sum_sq_max_rel_change (sum of squared singular values vs spread 0), top_share_at_min,
// top_share_at_max (sigma_1^2 / sum sigma_i^2 at the smallest / largest spread), top_share_drop
// (min - max), top_share_monotone (share of consecutive spreads where it does not rise).
// Curves: top_share and sum_sq by spread.
ProbeResult run_rope_svd_dispersion(const nlohmann::json& config, const std::string& path,
                                    const ProbeEnv& env);

// 3. causal-leakage (seed 001). Keys: model (table, position forced to rope), prompts (96),
// length (32), train_share (0.5), ridge (1e-3). The same random-init weights read under both
// masks; prompts share BOS at position 0. Linear (ridge) probe from each layer's attention
// output at position t to t, fitted on train prompts, R^2 on held-out prompts.
// Metrics: causal/r2, bidirectional/r2 (max over layers), r2_gap (causal - bidirectional),
// causal/position0_std, bidirectional/position0_std (std across prompts of the final residual
// state at position 0, max over dims). Curves: r2 by layer for each mask.
ProbeResult run_causal_leakage(const nlohmann::json& config, const std::string& path,
                               const ProbeEnv& env);

// 4. deposit-pattern (seed 004 §4-5). Keys: positions (["rope","nope"]), tasks (["distance"]),
// seeds ([0]) — offsets added to the stage seed —, model, task, train (tables). For every
// position x task: train, test accuracy, then zero each (layer, head) in turn and re-measure.
// Metrics per "<position>/<task>/": test_accuracy, train_accuracy, chance, loss_first,
// loss_last, max_drop (largest accuracy drop from ablating one head), max_drop_layer,
// max_drop_head, concentration (max_drop / sum of positive drops; 1 = one head carries all),
// all means over seeds (layer/head from the first seed). Tables "<p>/<t>/ablation_drop"
// (layers x heads). Curves "<p>/<t>/test_accuracy" and "<p>/<t>/loss" by step.
ProbeResult run_deposit_pattern(const nlohmann::json& config, const std::string& path,
                                const ProbeEnv& env, ModelZoo& zoo);

// 5. sinks-and-massive-activations (arXiv 2504.20966). Keys: position ("rope"), softmaxes
// (["softmax","softpick"]), sink_threshold (0.5), model, task (its kind as `task.task`,
// default "distance"), train (tables; with the same tables as deposit-pattern the softmax model
// is shared).
// Metrics per "<softmax>/": sink_rate (share of heads whose mean attention on position 0, over
// queries t >= 1 and test prompts, exceeds sink_threshold), max_activation_ratio (largest
// over layers of max |residual| / median |residual|), test_accuracy. Curves
// "<softmax>/activation_ratio" by layer, "<softmax>/sink_mass" by layer (mean over heads).
ProbeResult run_sinks_and_massive_activations(const nlohmann::json& config, const std::string& path,
                                              const ProbeEnv& env, ModelZoo& zoo);

// Each probe's configuration checked without running anything (the stage checks every probe
// before it trains any): throws std::invalid_argument naming the key.
void check_rope_relativity(const nlohmann::json& config, const std::string& path);
void check_rope_svd_dispersion(const nlohmann::json& config, const std::string& path);
void check_causal_leakage(const nlohmann::json& config, const std::string& path);
void check_deposit_pattern(const nlohmann::json& config, const std::string& path);
void check_sinks_and_massive_activations(const nlohmann::json& config, const std::string& path);

}  // namespace quire::probe
