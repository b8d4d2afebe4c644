// causal-leakage (seed 001): one set of random-init RoPE weights read under a causal and a
// bidirectional mask. Under the causal mask each query's softmax runs over t + 1 keys, so its
// attention output can carry t even though RoPE scores only see offsets; and position 0, which
// sees only itself, computes the same state for every prompt that starts with BOS.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "config_reader.hpp"
#include "probes.hpp"
#include "seeded_random.hpp"
#include "stats.hpp"

namespace quire::probe {
namespace {

struct LeakageConfig {
  ModelSpec model;
  int64_t prompts = 96;
  int64_t length = 32;
  double train_share = 0.5;
  double ridge = 1e-3;
};

LeakageConfig read_config(const nlohmann::json& config, const std::string& path) {
  ConfigReader reader(config, path);
  LeakageConfig c;
  c.model = model_spec_from(reader.child("model"), reader.path_of("model"));
  c.prompts =
      require_range(reader.integer("prompts", c.prompts), 4, 1 << 20, reader.path_of("prompts"));
  c.length =
      require_range(reader.integer("length", c.length), 3, 1 << 16, reader.path_of("length"));
  c.train_share = reader.number("train_share", c.train_share);
  if (!(c.train_share > 0.0 && c.train_share < 1.0))
    throw std::invalid_argument(reader.path_of("train_share") + " must be in (0, 1)");
  c.ridge = reader.number("ridge", c.ridge);
  if (!(c.ridge >= 0.0)) throw std::invalid_argument(reader.path_of("ridge") + " must be >= 0");
  reader.finish();
  if (c.model.vocab < 3)
    throw std::invalid_argument(reader.path_of("model") + ".vocab must be at least 3");
  // The probe is about RoPE; the classifier is never read.
  c.model.position = PositionKind::kRope;
  c.model.classes = 2;
  c.model.dropout = 0.0;
  c.model.max_len = std::max(c.model.max_len, c.length);
  if ((c.model.d_model / c.model.heads) % 2 != 0)
    throw std::invalid_argument(reader.path_of("model") + ": rope needs an even head dimension");
  return c;
}

// BOS at position 0, fillers from [2, vocab) elsewhere.
torch::Tensor make_prompts(const LeakageConfig& c, uint64_t seed) {
  SeededRandom random(seed);
  torch::Tensor tokens = torch::zeros({c.prompts, c.length}, torch::kInt64);
  int64_t* data = tokens.data_ptr<int64_t>();
  for (int64_t p = 0; p < c.prompts; ++p)
    for (int64_t t = 1; t < c.length; ++t)
      data[p * c.length + t] = random.between(2, c.model.vocab - 1);
  return tokens;
}

struct MaskReading {
  std::vector<double> r2_by_layer;
  double position0_std = 0.0;
};

MaskReading read_under(Decoder& model, const torch::Tensor& tokens, MaskKind mask,
                       const LeakageConfig& c, const ProbeEnv& env) {
  torch::NoGradGuard no_grad;
  Capture capture;
  ForwardOptions options;
  options.mask = mask;
  model->forward(tokens.to(env.device.device), options, &capture);

  int64_t n_train = std::clamp<int64_t>(std::llround(c.prompts * c.train_share), 1, c.prompts - 1);
  int64_t n_test = c.prompts - n_train;
  torch::Tensor target = torch::arange(0, c.length, torch::kFloat64).unsqueeze(0);
  torch::Tensor y_train = target.expand({n_train, c.length}).reshape({-1});
  torch::Tensor y_test = target.expand({n_test, c.length}).reshape({-1});
  MaskReading out;
  for (const torch::Tensor& layer : capture.attn_out) {
    torch::Tensor features = layer.to(torch::kCPU).to(torch::kFloat64);
    int64_t width = features.size(-1);
    torch::Tensor x_train = features.narrow(0, 0, n_train).reshape({-1, width});
    torch::Tensor x_test = features.narrow(0, n_train, n_test).reshape({-1, width});
    out.r2_by_layer.push_back(ridge_r2(x_train, y_train, x_test, y_test, c.ridge));
  }
  out.position0_std = max_column_std(capture.residual.back().select(1, 0));
  return out;
}

double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

}  // namespace

ProbeResult run_causal_leakage(const nlohmann::json& config, const std::string& path,
                               const ProbeEnv& env) {
  LeakageConfig c = read_config(config, path);
  torch::Tensor tokens = make_prompts(c, env.seed);
  seed_everything(env.seed);
  Decoder model(c.model);
  model->to(env.device.device);
  model->eval();

  env.check_cancelled();
  MaskReading causal = read_under(model, tokens, MaskKind::kCausal, c, env);
  env.check_cancelled();
  MaskReading bidirectional = read_under(model, tokens, MaskKind::kBidirectional, c, env);

  ProbeResult result;
  result.metrics["causal/r2"] = max_of(causal.r2_by_layer);
  result.metrics["bidirectional/r2"] = max_of(bidirectional.r2_by_layer);
  result.metrics["r2_gap"] = result.metrics["causal/r2"] - result.metrics["bidirectional/r2"];
  result.metrics["causal/position0_std"] = causal.position0_std;
  result.metrics["bidirectional/position0_std"] = bidirectional.position0_std;
  std::vector<double> layers = index_axis(c.model.layers);
  result.curves.push_back(
      make_series("causal/r2", "layer", "held-out R^2 of position", layers, causal.r2_by_layer));
  result.curves.push_back(make_series("bidirectional/r2", "layer", "held-out R^2 of position",
                                      layers, bidirectional.r2_by_layer));

  std::ostringstream line;
  line << "causal-leakage: R^2 causal " << result.metrics["causal/r2"] << ", bidirectional "
       << result.metrics["bidirectional/r2"] << "; position-0 std causal " << causal.position0_std
       << ", bidirectional " << bidirectional.position0_std;
  env.log(line.str());
  return result;
}

void check_causal_leakage(const nlohmann::json& config, const std::string& path) {
  read_config(config, path);
}

}  // namespace quire::probe
