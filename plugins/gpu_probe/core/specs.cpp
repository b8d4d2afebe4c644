// The model, task and training tables of a probe's configuration, and the zoo that trains each
// distinct (model, task, train, seed) once per stage run.
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "config_reader.hpp"
#include "probes.hpp"

namespace quire::probe {
namespace {

constexpr int64_t kMaxSize = int64_t{1} << 20;  // a sanity cap, far above anything a GPU trains

double require_between(double value, double low, double high, const std::string& path) {
  if (!(value >= low && value <= high))
    throw std::invalid_argument(path + " must be between " + std::to_string(low) + " and " +
                                std::to_string(high) + ", not " + std::to_string(value));
  return value;
}

template <class Parse>
auto parse_name(ConfigReader& reader, const std::string& key, const std::string& fallback,
                Parse parse) {
  try {
    return parse(reader.text(key, fallback));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(reader.path_of(key) + ": " + e.what());
  }
}

}  // namespace

ModelSpec model_spec_from(const nlohmann::json& table, const std::string& path) {
  ConfigReader r(table, path);
  ModelSpec s;
  s.vocab = require_range(r.integer("vocab", s.vocab), 3, kMaxSize, r.path_of("vocab"));
  s.d_model = require_range(r.integer("d_model", s.d_model), 1, kMaxSize, r.path_of("d_model"));
  s.heads = require_range(r.integer("heads", s.heads), 1, s.d_model, r.path_of("heads"));
  s.layers = require_range(r.integer("layers", s.layers), 1, 1024, r.path_of("layers"));
  s.d_ff = require_range(r.integer("d_ff", s.d_ff), 1, kMaxSize, r.path_of("d_ff"));
  s.max_len = require_range(r.integer("max_len", s.max_len), 4, kMaxSize, r.path_of("max_len"));
  s.dropout = require_between(r.number("dropout", s.dropout), 0.0, 0.9, r.path_of("dropout"));
  s.position = parse_name(r, "position", position_name(s.position), parse_position);
  s.softmax = parse_name(r, "softmax", softmax_name(s.softmax), parse_softmax);
  s.rope_base =
      require_between(r.number("rope_base", s.rope_base), 2.0, 1e12, r.path_of("rope_base"));
  s.hybrid_rope_share = require_between(r.number("hybrid_rope_share", s.hybrid_rope_share), 0.0,
                                        1.0, r.path_of("hybrid_rope_share"));
  s.t5_buckets =
      require_range(r.integer("t5_buckets", s.t5_buckets), 4, 4096, r.path_of("t5_buckets"));
  s.t5_max_distance = require_range(r.integer("t5_max_distance", s.t5_max_distance),
                                    s.t5_buckets / 4 + 1, kMaxSize, r.path_of("t5_max_distance"));
  r.finish();
  if (s.d_model % s.heads != 0)
    throw std::invalid_argument(r.path_of("d_model") + " (" + std::to_string(s.d_model) +
                                ") must be a multiple of heads (" + std::to_string(s.heads) + ")");
  if (s.position == PositionKind::kRope && (s.d_model / s.heads) % 2 != 0)
    throw std::invalid_argument(path + ": rope needs an even head dimension (d_model / heads)");
  return s;
}

TaskSpec task_spec_from(const nlohmann::json& table, const std::string& path) {
  ConfigReader r(table, path);
  TaskSpec s;
  s.kind = parse_name(r, "task", task_name(s.kind), parse_task);
  s.vocab = require_range(r.integer("vocab", s.vocab), 4, kMaxSize, r.path_of("vocab"));
  s.length = require_range(r.integer("length", s.length), 4, kMaxSize, r.path_of("length"));
  s.examples =
      require_range(r.integer("examples", s.examples), 2, 100'000'000, r.path_of("examples"));
  s.triggers =
      require_range(r.integer("triggers", s.triggers), 1, s.vocab - 3, r.path_of("triggers"));
  // Only the kind in use is held to the length; the other's value is kept but never read.
  const bool distance = s.kind == TaskKind::kDistance;
  s.bins = require_range(r.integer("bins", s.bins), 2, distance ? s.length - 3 : kMaxSize,
                         r.path_of("bins"));
  s.max_count = require_range(r.integer("max_count", s.max_count), 1,
                              distance ? kMaxSize : s.length - 2, r.path_of("max_count"));
  s.train_share =
      require_between(r.number("train_share", s.train_share), 0.01, 0.99, r.path_of("train_share"));
  r.finish();
  return s;
}

TrainSpec train_spec_from(const nlohmann::json& table, const std::string& path) {
  ConfigReader r(table, path);
  TrainSpec s;
  s.steps = require_range(r.integer("steps", s.steps), 1, 100'000'000, r.path_of("steps"));
  s.batch = require_range(r.integer("batch", s.batch), 1, kMaxSize, r.path_of("batch"));
  s.lr = require_between(r.number("lr", s.lr), 1e-9, 1.0, r.path_of("lr"));
  s.beta1 = require_between(r.number("beta1", s.beta1), 0.0, 0.999999, r.path_of("beta1"));
  s.beta2 = require_between(r.number("beta2", s.beta2), 0.0, 0.999999, r.path_of("beta2"));
  s.weight_decay = require_between(r.number("weight_decay", s.weight_decay), 0.0, 1.0,
                                   r.path_of("weight_decay"));
  s.warmup_share = require_between(r.number("warmup_share", s.warmup_share), 0.0, 1.0,
                                   r.path_of("warmup_share"));
  s.eval_every =
      require_range(r.integer("eval_every", s.eval_every), 1, 100'000'000, r.path_of("eval_every"));
  s.eval_batch =
      require_range(r.integer("eval_batch", s.eval_batch), 1, kMaxSize, r.path_of("eval_batch"));
  r.finish();
  return s;
}

nlohmann::json to_json(const ModelSpec& s) {
  return {{"vocab", s.vocab},
          {"d_model", s.d_model},
          {"heads", s.heads},
          {"layers", s.layers},
          {"d_ff", s.d_ff},
          {"max_len", s.max_len},
          {"classes", s.classes},
          {"dropout", s.dropout},
          {"position", position_name(s.position)},
          {"softmax", softmax_name(s.softmax)},
          {"rope_base", s.rope_base},
          {"hybrid_rope_share", s.hybrid_rope_share},
          {"t5_buckets", s.t5_buckets},
          {"t5_max_distance", s.t5_max_distance}};
}

nlohmann::json to_json(const TaskSpec& s) {
  return {{"task", task_name(s.kind)}, {"vocab", s.vocab},
          {"length", s.length},        {"examples", s.examples},
          {"triggers", s.triggers},    {"bins", s.bins},
          {"max_count", s.max_count},  {"train_share", s.train_share}};
}

nlohmann::json to_json(const TrainSpec& s) {
  return {{"steps", s.steps},
          {"batch", s.batch},
          {"lr", s.lr},
          {"beta1", s.beta1},
          {"beta2", s.beta2},
          {"weight_decay", s.weight_decay},
          {"warmup_share", s.warmup_share},
          {"eval_every", s.eval_every},
          {"eval_batch", s.eval_batch}};
}

std::shared_ptr<TrainedModel> ModelZoo::get(const ModelSpec& model, const TaskSpec& task,
                                            const TrainSpec& train, uint64_t seed,
                                            const ProbeEnv& env) {
  // classes comes from the task, so the model's own value must not split the cache.
  ModelSpec spec = model;
  spec.classes = 0;
  const std::string key = nlohmann::json{
      {"model", to_json(spec)},
      {"task", to_json(task)},
      {"train", to_json(train)},
      {"seed", seed}}.dump();
  if (auto it = models_.find(key); it != models_.end()) return it->second;

  if (model.vocab < task.vocab)
    throw std::invalid_argument("model.vocab (" + std::to_string(model.vocab) +
                                ") is smaller than task.vocab (" + std::to_string(task.vocab) +
                                ")");
  if (model.max_len < task.length)
    throw std::invalid_argument("model.max_len (" + std::to_string(model.max_len) +
                                ") is shorter than task.length (" + std::to_string(task.length) +
                                ")");
  auto trained = std::make_shared<TrainedModel>();
  trained->data = make_dataset(task, seed);
  spec.classes = trained->data.classes;
  seed_everything(seed);  // the initial weights depend on the seed alone
  trained->model = Decoder(spec);
  auto start = std::chrono::steady_clock::now();
  trained->result =
      train_model(trained->model, trained->data, train, seed, env.device, env.check_cancelled);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char line[256];
  std::snprintf(line, sizeof line,
                "trained %s/%s on %s (seed %llu, %lld steps, %.1f s): test accuracy %.3f, "
                "chance %.3f",
                position_name(spec.position).c_str(), softmax_name(spec.softmax).c_str(),
                task_name(task.kind).c_str(), static_cast<unsigned long long>(seed),
                static_cast<long long>(train.steps), seconds, trained->result.test_accuracy,
                trained->data.chance);
  env.log(line);
  ++trained_;
  models_.emplace(key, trained);
  return trained;
}

}  // namespace quire::probe
