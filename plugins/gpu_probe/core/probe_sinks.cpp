// sinks-and-massive-activations (arXiv 2504.20966): in each trained model, how many heads park
// their attention on position 0, and how far the largest residual activation stands above the
// typical one; once with softmax and once with softpick, which need not hand out a full unit of
// attention and so has no reason to dump the rest on a sink.
#include <algorithm>
#include <set>
#include <sstream>

#include "config_reader.hpp"
#include "probes.hpp"
#include "stats.hpp"
#include "torch_compat.hpp"

namespace quire::probe {
namespace {

struct SinksConfig {
  std::string position = "rope";
  std::vector<std::string> softmaxes = {"softmax", "softpick"};
  double sink_threshold = 0.5;
  ModelSpec model;
  TaskSpec task_config;
  TrainSpec train;
};

// The parsed value, or invalid_argument naming where the bad name was written.
template <class Parse>
auto parse_at(Parse parse, const std::string& name, const std::string& path) {
  try {
    return parse(name);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

SinksConfig read_config(const nlohmann::json& config, const std::string& path) {
  ConfigReader reader(config, path);
  SinksConfig c;
  c.position = reader.text("position", c.position);
  c.softmaxes = reader.texts("softmaxes", c.softmaxes);
  c.sink_threshold = reader.number("sink_threshold", c.sink_threshold);
  c.model = model_spec_from(reader.child("model"), reader.path_of("model"));
  // `task` is the task table, its kind included (`task = { task = "counting", ... }`).
  c.task_config = task_spec_from(reader.child("task"), reader.path_of("task"));
  c.train = train_spec_from(reader.child("train"), reader.path_of("train"));
  reader.finish();

  c.model.position = parse_at(parse_position, c.position, reader.path_of("position"));
  if (c.softmaxes.empty()) throw std::invalid_argument(reader.path_of("softmaxes") + " is empty");
  std::set<SoftmaxKind> seen;
  for (size_t i = 0; i < c.softmaxes.size(); ++i) {
    std::string at = reader.path_of("softmaxes") + "[" + std::to_string(i) + "]";
    if (!seen.insert(parse_at(parse_softmax, c.softmaxes[i], at)).second)
      throw std::invalid_argument(at + ": " + c.softmaxes[i] + " is listed twice");
  }
  if (!(c.sink_threshold > 0.0 && c.sink_threshold < 1.0))
    throw std::invalid_argument(reader.path_of("sink_threshold") + " must be in (0, 1)");
  return c;
}

// Per layer: mean attention on key 0 [heads] and the |residual| values, over the whole test set.
struct Reading {
  std::vector<torch::Tensor> sink_mass;  // [heads] each, float64
  std::vector<double> activation_ratio;
};

Reading read_model(TrainedModel& trained, int64_t batch, const ProbeEnv& env) {
  Decoder& model = trained.model;
  const torch::Tensor& x = trained.data.test_x;
  int64_t layers = model->spec().layers;
  model->eval();
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> mass_sum(layers);
  std::vector<std::vector<torch::Tensor>> magnitudes(layers);
  for (int64_t start = 0; start < x.size(0); start += batch) {
    env.check_cancelled();
    Capture capture;
    model->forward(x.narrow(0, start, std::min(batch, x.size(0) - start)).to(env.device.device), {},
                   &capture);
    for (int64_t l = 0; l < layers; ++l) {
      // Queries t >= 1 only: position 0 can attend nowhere but itself under the causal mask.
      torch::Tensor on_first = capture.attention[l].narrow(2, 1, x.size(1) - 1).select(3, 0);
      torch::Tensor sum =
          on_first.to(torch::kCPU).to(torch::kFloat64).sum(std::vector<int64_t>{0, 2});
      mass_sum[l] = mass_sum[l].defined() ? mass_sum[l] + sum : sum;
      magnitudes[l].push_back(capture.residual[l].abs().to(torch::kCPU).reshape({-1}));
    }
  }
  Reading reading;
  double queries = static_cast<double>(x.size(0) * (x.size(1) - 1));
  for (int64_t l = 0; l < layers; ++l) {
    reading.sink_mass.push_back(mass_sum[l] / queries);
    torch::Tensor all = torch::cat(magnitudes[l]).to(torch::kFloat64);
    reading.activation_ratio.push_back(scalar(all.max()) / scalar(all.median()));
  }
  return reading;
}

void run_one(const SinksConfig& c, const std::string& softmax, const ProbeEnv& env, ModelZoo& zoo,
             ProbeResult& result) {
  ModelSpec model = c.model;
  model.softmax = parse_softmax(softmax);
  std::shared_ptr<TrainedModel> trained = zoo.get(model, c.task_config, c.train, env.seed, env);
  Reading reading = read_model(*trained, c.train.eval_batch, env);

  int64_t sinks = 0;
  std::vector<double> mean_mass;
  for (const torch::Tensor& heads : reading.sink_mass) {
    sinks += static_cast<int64_t>(scalar((heads > c.sink_threshold).sum()));
    mean_mass.push_back(scalar(heads.mean()));
  }
  const std::string prefix = softmax + "/";
  double sink_rate = static_cast<double>(sinks) / static_cast<double>(model.layers * model.heads);
  double ratio =
      *std::max_element(reading.activation_ratio.begin(), reading.activation_ratio.end());
  result.metrics[prefix + "sink_rate"] = sink_rate;
  result.metrics[prefix + "max_activation_ratio"] = ratio;
  result.metrics[prefix + "test_accuracy"] = trained->result.test_accuracy;
  std::vector<double> layers = index_axis(model.layers);
  result.curves.push_back(make_series(prefix + "activation_ratio", "layer",
                                      "max |residual| / median |residual|", layers,
                                      reading.activation_ratio));
  result.curves.push_back(make_series(prefix + "sink_mass", "layer", "mean attention on position 0",
                                      layers, mean_mass));
  nlohmann::json per_head = nlohmann::json::array();
  for (const torch::Tensor& heads : reading.sink_mass)
    per_head.push_back(
        std::vector<double>(heads.data_ptr<double>(), heads.data_ptr<double>() + heads.numel()));
  result.details[softmax] = {{"sink_mass", per_head}, {"sinks", sinks}};

  std::ostringstream line;
  line << "sinks-and-massive-activations " << softmax << ": sink rate " << sink_rate
       << ", max activation ratio " << ratio << ", test accuracy " << trained->result.test_accuracy;
  env.log(line.str());
}

}  // namespace

ProbeResult run_sinks_and_massive_activations(const nlohmann::json& config, const std::string& path,
                                              const ProbeEnv& env, ModelZoo& zoo) {
  SinksConfig c = read_config(config, path);
  ProbeResult result;
  for (const std::string& softmax : c.softmaxes) run_one(c, softmax, env, zoo, result);
  for (const std::string& softmax : c.softmaxes)
    if (parse_softmax(softmax) == SoftmaxKind::kSoftpick) {
      result.notes.push_back(
          "softpick rows may sum to less than 1, so its sink mass is an absolute weight, not a "
          "share of a full unit of attention");
      break;
    }
  return result;
}

void check_sinks_and_massive_activations(const nlohmann::json& config, const std::string& path) {
  read_config(config, path);
}

}  // namespace quire::probe
