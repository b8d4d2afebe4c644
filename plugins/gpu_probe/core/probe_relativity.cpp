// rope-relativity: RoPE scores must be a function of the offset alone. Every pair (i, i + d) is
// compared with (0, d); the same measure on additive sinusoidal positions is the control that
// must fail it.
#include <cmath>
#include <sstream>

#include "config_reader.hpp"
#include "probes.hpp"
#include "rope.hpp"
#include "stats.hpp"
#include "torch_compat.hpp"

namespace quire::probe {
namespace {

struct RelativityConfig {
  int64_t dim = 64;
  int64_t positions = 128;
  double base = 10000.0;
  int64_t trials = 4;
};

RelativityConfig read_config(const nlohmann::json& config, const std::string& path) {
  ConfigReader reader(config, path);
  RelativityConfig c;
  c.dim = require_range(reader.integer("dim", c.dim), 2, 1 << 16, reader.path_of("dim"));
  if (c.dim % 2 != 0) throw std::invalid_argument(reader.path_of("dim") + " must be even");
  c.positions = require_range(reader.integer("positions", c.positions), 2, 1 << 14,
                              reader.path_of("positions"));
  c.base = reader.number("base", c.base);
  if (!(c.base > 1.0)) throw std::invalid_argument(reader.path_of("base") + " must be > 1");
  c.trials =
      require_range(reader.integer("trials", c.trials), 1, 1 << 12, reader.path_of("trials"));
  reader.finish();
  return c;
}

// What one encoding's scores [trials, P, P] do along each diagonal (offset d >= 0).
struct Deviation {
  double max_abs = 0.0;
  double max_rel = 0.0;           // max_abs over the largest |score|
  std::vector<double> by_offset;  // per offset, relative to the largest |score|
};

Deviation deviation_by_offset(const torch::Tensor& scores) {
  torch::Tensor s = scores.to(torch::kFloat64);
  double scale = scalar(s.abs().max());
  Deviation out;
  for (int64_t d = 0; d < s.size(-1); ++d) {
    torch::Tensor diagonal = torch::diagonal(s, d, -2, -1);  // [trials, P - d]: (i, i + d)
    double dev = scalar((diagonal - diagonal.narrow(-1, 0, 1)).abs().max());
    out.max_abs = std::max(out.max_abs, dev);
    out.by_offset.push_back(dev / scale);
  }
  out.max_rel = out.max_abs / scale;
  return out;
}

// scores[t, i, j] = <R_i q_t, R_j k_t> with the table in `dtype`.
torch::Tensor rope_scores(const torch::Tensor& q, const torch::Tensor& k, const RelativityConfig& c,
                          torch::Dtype dtype) {
  RotaryTable table = rotary_table(c.positions, c.dim, c.base, dtype, torch::kCPU);
  auto at_every_position = [&](const torch::Tensor& v) {
    return apply_rotary(v.to(dtype).unsqueeze(1).expand({c.trials, c.positions, c.dim}), table,
                        c.dim);
  };
  return torch::matmul(at_every_position(q), at_every_position(k).transpose(-2, -1));
}

// The additive sinusoidal table of the original Transformer, [positions, dim], float64.
torch::Tensor sinusoidal_positions(const RelativityConfig& c) {
  auto options = torch::TensorOptions().dtype(torch::kFloat64);
  torch::Tensor pos = torch::arange(0, c.positions, options).unsqueeze(1);
  torch::Tensor i = torch::arange(0, c.dim / 2, options);
  torch::Tensor angles = pos * torch::pow(c.base, -2.0 * i / static_cast<double>(c.dim));
  // Interleaved sin/cos, as in the original.
  return torch::stack({torch::sin(angles), torch::cos(angles)}, -1).reshape({c.positions, c.dim});
}

torch::Tensor absolute_scores(const torch::Tensor& q, const torch::Tensor& k,
                              const RelativityConfig& c) {
  torch::Tensor pe = sinusoidal_positions(c);
  torch::Tensor qp = q.unsqueeze(1) + pe;  // [trials, P, dim]
  torch::Tensor kp = k.unsqueeze(1) + pe;
  return torch::matmul(qp, kp.transpose(-2, -1));
}

// Largest | |R_p v| - |v| | / |v| over every position and vector.
double norm_max_rel_change(const torch::Tensor& v, const RelativityConfig& c) {
  RotaryTable table = rotary_table(c.positions, c.dim, c.base, torch::kFloat64, torch::kCPU);
  torch::Tensor rotated =
      apply_rotary(v.unsqueeze(1).expand({v.size(0), c.positions, c.dim}), table, c.dim);
  torch::Tensor norm = v.norm(2, -1).unsqueeze(1);
  return scalar(((rotated.norm(2, -1) - norm).abs() / norm).max());
}

}  // namespace

ProbeResult run_rope_relativity(const nlohmann::json& config, const std::string& path,
                                const ProbeEnv& env) {
  RelativityConfig c = read_config(config, path);
  SeededRandom random(env.seed);
  torch::Tensor q = random.normal_tensor({c.trials, c.dim});
  torch::Tensor k = random.normal_tensor({c.trials, c.dim});

  Deviation rope64 = deviation_by_offset(rope_scores(q, k, c, torch::kFloat64));
  env.check_cancelled();
  Deviation rope32 = deviation_by_offset(rope_scores(q, k, c, torch::kFloat32));
  env.check_cancelled();
  Deviation absolute = deviation_by_offset(absolute_scores(q, k, c));

  ProbeResult result;
  result.metrics["rope/max_abs_deviation"] = rope64.max_abs;
  result.metrics["rope/max_rel_deviation"] = rope64.max_rel;
  result.metrics["rope/float32_max_rel_deviation"] = rope32.max_rel;
  result.metrics["rope/norm_max_rel_change"] =
      std::max(norm_max_rel_change(q, c), norm_max_rel_change(k, c));
  result.metrics["absolute/max_rel_deviation"] = absolute.max_rel;

  std::vector<double> offsets = index_axis(c.positions);
  const char* y_label = "max |score - score(0, d)| / max |score|";
  result.curves.push_back(
      make_series("rope/deviation", "offset", y_label, offsets, rope64.by_offset));
  result.curves.push_back(
      make_series("rope/float32_deviation", "offset", y_label, offsets, rope32.by_offset));
  result.curves.push_back(
      make_series("absolute/deviation", "offset", y_label, offsets, absolute.by_offset));

  std::ostringstream line;
  line << "rope-relativity: rope " << rope64.max_rel << " (float32 " << rope32.max_rel
       << "), absolute " << absolute.max_rel << " (max relative deviation, dim " << c.dim << ", "
       << c.positions << " positions)";
  env.log(line.str());
  return result;
}

void check_rope_relativity(const nlohmann::json& config, const std::string& path) {
  read_config(config, path);
}

}  // namespace quire::probe
