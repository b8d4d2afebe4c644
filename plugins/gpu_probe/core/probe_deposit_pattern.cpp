// deposit-pattern (seed 004 §4-5): train one model per position scheme x task x seed, then zero
// each head in turn and see how much test accuracy it was carrying. A "deposit" is one head whose
// loss alone collapses accuracy; `concentration` says how much of the total damage it holds.
#include <set>
#include <sstream>

#include "config_reader.hpp"
#include "probes.hpp"
#include "stats.hpp"

namespace quire::probe {
namespace {

struct DepositConfig {
  std::vector<std::string> positions = {"rope", "nope"};
  std::vector<std::string> tasks = {"distance"};
  std::vector<int64_t> seeds = {0};
  ModelSpec model;
  TaskSpec task;
  TrainSpec train;
};

// Parses every name up front, so a typo fails before any training starts.
template <class Parse>
void check_names(const std::vector<std::string>& names, const std::string& path, Parse parse) {
  if (names.empty()) throw std::invalid_argument(path + " is empty");
  std::set<std::string> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string at = path + "[" + std::to_string(i) + "]";
    try {
      parse(names[i]);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(at + ": " + e.what());
    }
    if (!seen.insert(names[i]).second)
      throw std::invalid_argument(at + ": " + names[i] + " is listed twice");
  }
}

DepositConfig read_config(const nlohmann::json& config, const std::string& path) {
  ConfigReader reader(config, path);
  DepositConfig c;
  c.positions = reader.texts("positions", c.positions);
  check_names(c.positions, reader.path_of("positions"), parse_position);
  c.tasks = reader.texts("tasks", c.tasks);
  check_names(c.tasks, reader.path_of("tasks"), parse_task);
  c.seeds = reader.integers("seeds", c.seeds);
  if (c.seeds.empty()) throw std::invalid_argument(reader.path_of("seeds") + " is empty");
  for (int64_t s : c.seeds)
    if (s < 0) throw std::invalid_argument(reader.path_of("seeds") + " must hold offsets >= 0");
  c.model = model_spec_from(reader.child("model"), reader.path_of("model"));
  c.task = task_spec_from(reader.child("task"), reader.path_of("task"));
  c.train = train_spec_from(reader.child("train"), reader.path_of("train"));
  reader.finish();
  return c;
}

// One trained model's ablation map and the numbers read from it.
struct SeedRun {
  double test_accuracy = 0.0;
  std::vector<std::vector<double>> drops;  // [layer][head]
  double max_drop = 0.0;
  int64_t max_layer = 0, max_head = 0;
  double concentration = 0.0;
};

SeedRun ablate_each_head(TrainedModel& trained, const TrainSpec& train, const ProbeEnv& env) {
  const ModelSpec& spec = trained.model->spec();
  const Dataset& data = trained.data;
  SeedRun run;
  // The same evaluation path as every ablation, so an inert head drops exactly 0.
  run.test_accuracy =
      evaluate_accuracy(trained.model, data.test_x, data.test_y, {}, train.eval_batch, env.device);
  double positive_sum = 0.0;
  run.max_drop = -1.0;
  for (int64_t layer = 0; layer < spec.layers; ++layer) {
    run.drops.emplace_back();
    for (int64_t head = 0; head < spec.heads; ++head) {
      env.check_cancelled();
      ForwardOptions options;
      options.ablate = std::make_pair(layer, head);
      double drop = run.test_accuracy - evaluate_accuracy(trained.model, data.test_x, data.test_y,
                                                          options, train.eval_batch, env.device);
      run.drops.back().push_back(drop);
      if (drop > 0.0) positive_sum += drop;
      if (drop <= run.max_drop) continue;  // ties keep the earliest head
      run.max_drop = drop;
      run.max_layer = layer;
      run.max_head = head;
    }
  }
  run.concentration = positive_sum > 0.0 ? run.max_drop / positive_sum : 0.0;
  return run;
}

nlohmann::json to_json(const SeedRun& run, const TrainResult& train, uint64_t seed) {
  return {{"seed", seed},
          {"test_accuracy", run.test_accuracy},
          {"train_accuracy", train.train_accuracy},
          {"max_drop", run.max_drop},
          {"max_drop_layer", run.max_layer},
          {"max_drop_head", run.max_head},
          {"concentration", run.concentration},
          {"ablation_drop", run.drops}};
}

Table drop_table(const std::string& name, const std::vector<std::vector<double>>& values) {
  Table table{name, {}, {}, values};
  for (size_t l = 0; l < values.size(); ++l)
    table.row_labels.push_back("layer " + std::to_string(l));
  for (size_t h = 0; h < values.front().size(); ++h)
    table.col_labels.push_back("head " + std::to_string(h));
  return table;
}

// Sums of b into a, elementwise (a empty: a copy of b).
void accumulate(std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty()) a.assign(b.size(), 0.0);
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) a[i] += b[i];
}

// Everything reported as a mean over seeds, summed; the first seed's run for what is not.
struct SeedSums {
  std::map<std::string, double> metrics;
  std::vector<std::vector<double>> drops;
  std::vector<double> steps, accuracy, loss;
  nlohmann::json details = nlohmann::json::array();
  SeedRun first;
  size_t count = 0;

  void add(const SeedRun& run, const TrainedModel& trained, uint64_t seed) {
    const TrainResult& tr = trained.result;
    if (count++ == 0) {
      first = run;
      steps = tr.curve.step;
      drops.resize(run.drops.size());
    }
    metrics["test_accuracy"] += run.test_accuracy;
    metrics["train_accuracy"] += tr.train_accuracy;
    metrics["chance"] += trained.data.chance;
    metrics["loss_first"] += tr.first_loss;
    metrics["loss_last"] += tr.last_loss;
    metrics["max_drop"] += run.max_drop;
    metrics["concentration"] += run.concentration;
    for (size_t l = 0; l < drops.size(); ++l) accumulate(drops[l], run.drops[l]);
    accumulate(accuracy, tr.curve.test_accuracy);
    accumulate(loss, tr.curve.loss);
    details.push_back(to_json(run, tr, seed));
  }
};

std::vector<double> divided(std::vector<double> v, double n) {
  for (double& x : v) x /= n;
  return v;
}

void report(const std::string& name, const SeedSums& sums, const ProbeEnv& env,
            ProbeResult& result) {
  const std::string prefix = name + "/";
  const double n = static_cast<double>(sums.count);
  for (const auto& [metric, sum] : sums.metrics) result.metrics[prefix + metric] = sum / n;
  result.metrics[prefix + "max_drop_layer"] = static_cast<double>(sums.first.max_layer);
  result.metrics[prefix + "max_drop_head"] = static_cast<double>(sums.first.max_head);
  std::vector<std::vector<double>> drops;
  for (const auto& row : sums.drops) drops.push_back(divided(row, n));
  result.tables.push_back(drop_table(prefix + "ablation_drop", drops));
  result.curves.push_back(make_series(prefix + "test_accuracy", "step", "test accuracy", sums.steps,
                                      divided(sums.accuracy, n)));
  result.curves.push_back(
      make_series(prefix + "loss", "step", "training loss", sums.steps, divided(sums.loss, n)));
  result.details[name] = sums.details;

  double chance = result.metrics[prefix + "chance"];
  double accuracy = result.metrics[prefix + "test_accuracy"];
  // Ablation drops of a model that never learned the task say nothing about where it keeps it.
  if (accuracy < chance + 0.5 * (1.0 - chance)) {
    std::ostringstream note;
    note << name << ": test accuracy " << accuracy << " is closer to chance (" << chance
         << ") than to 1; the ablation drops describe a model that has not learned the task";
    result.notes.push_back(note.str());
  }
  std::ostringstream line;
  line << "deposit-pattern " << name << ": accuracy " << accuracy << ", max drop "
       << result.metrics[prefix + "max_drop"] << " (layer " << sums.first.max_layer << " head "
       << sums.first.max_head << "), concentration " << result.metrics[prefix + "concentration"];
  env.log(line.str());
}

void run_one(const DepositConfig& c, const std::string& position, const std::string& task,
             const ProbeEnv& env, ModelZoo& zoo, ProbeResult& result) {
  ModelSpec model = c.model;
  model.position = parse_position(position);
  TaskSpec task_spec = c.task;
  task_spec.kind = parse_task(task);
  SeedSums sums;
  for (int64_t offset : c.seeds) {
    env.check_cancelled();
    uint64_t seed = env.seed + static_cast<uint64_t>(offset);
    std::shared_ptr<TrainedModel> trained = zoo.get(model, task_spec, c.train, seed, env);
    sums.add(ablate_each_head(*trained, c.train, env), *trained, seed);
  }
  report(position + "/" + task, sums, env, result);
}

}  // namespace

ProbeResult run_deposit_pattern(const nlohmann::json& config, const std::string& path,
                                const ProbeEnv& env, ModelZoo& zoo) {
  DepositConfig c = read_config(config, path);
  ProbeResult result;
  for (const std::string& position : c.positions)
    for (const std::string& task : c.tasks) run_one(c, position, task, env, zoo, result);
  return result;
}

void check_deposit_pattern(const nlohmann::json& config, const std::string& path) {
  read_config(config, path);
}

}  // namespace quire::probe
