// rope-svd-dispersion (seed 002): a tight cloud of keys, rotated to positions spread ever wider.
// Rotation keeps every norm, hence the sum of squared singular values; what it takes away is
// the cloud's shared direction, so the top singular value's share falls.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "config_reader.hpp"
#include "probes.hpp"
#include "rope.hpp"
#include "stats.hpp"
#include "torch_compat.hpp"

namespace quire::probe {
namespace {

struct DispersionConfig {
  int64_t dim = 64;
  int64_t points = 256;
  double cluster_std = 0.05;
  double base = 10000.0;
  std::vector<double> spreads = {0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
};

DispersionConfig read_config(const nlohmann::json& config, const std::string& path) {
  ConfigReader reader(config, path);
  DispersionConfig c;
  c.dim = require_range(reader.integer("dim", c.dim), 2, 1 << 16, reader.path_of("dim"));
  if (c.dim % 2 != 0) throw std::invalid_argument(reader.path_of("dim") + " must be even");
  c.points =
      require_range(reader.integer("points", c.points), 2, 1 << 20, reader.path_of("points"));
  c.cluster_std = reader.number("cluster_std", c.cluster_std);
  if (!(c.cluster_std >= 0.0))
    throw std::invalid_argument(reader.path_of("cluster_std") + " must be >= 0");
  c.base = reader.number("base", c.base);
  if (!(c.base > 1.0)) throw std::invalid_argument(reader.path_of("base") + " must be > 1");
  c.spreads = reader.numbers("spreads", c.spreads);
  if (c.spreads.empty()) throw std::invalid_argument(reader.path_of("spreads") + " is empty");
  for (double s : c.spreads)
    if (!(s >= 0.0) || !std::isfinite(s))
      throw std::invalid_argument(reader.path_of("spreads") + " must hold finite numbers >= 0");
  // The curve and "smallest/largest" read in order of spread, whatever order was written.
  std::sort(c.spreads.begin(), c.spreads.end());
  reader.finish();
  return c;
}

struct Spectrum {
  double sum_sq = 0.0;
  double top_share = 0.0;
};

Spectrum spectrum_of(const torch::Tensor& cloud) {
  torch::Tensor squares = singular_values(cloud).pow(2);
  Spectrum s;
  s.sum_sq = scalar(squares.sum());
  s.top_share = scalar(squares[0]) / s.sum_sq;
  return s;
}

}  // namespace

ProbeResult run_rope_svd_dispersion(const nlohmann::json& config, const std::string& path,
                                    const ProbeEnv& env) {
  DispersionConfig c = read_config(config, path);
  SeededRandom random(env.seed);
  torch::Tensor mean = random.normal_tensor({c.dim});
  mean = mean / mean.norm();
  torch::Tensor cloud = mean + c.cluster_std * random.normal_tensor({c.points, c.dim});
  // One draw per point, scaled by each spread, so neighbouring spreads differ only in scale.
  torch::Tensor unit_positions = random.uniform_tensor({c.points});

  Spectrum reference = spectrum_of(cloud);
  std::vector<double> top_share, sum_sq;
  double max_rel_change = 0.0;
  for (double spread : c.spreads) {
    env.check_cancelled();
    Spectrum s = spectrum_of(rotate_to(cloud, unit_positions * spread, c.base));
    top_share.push_back(s.top_share);
    sum_sq.push_back(s.sum_sq);
    max_rel_change =
        std::max(max_rel_change, std::abs(s.sum_sq - reference.sum_sq) / reference.sum_sq);
  }

  size_t not_rising = 0;
  for (size_t i = 1; i < top_share.size(); ++i) not_rising += top_share[i] <= top_share[i - 1];
  ProbeResult result;
  result.metrics["sum_sq_max_rel_change"] = max_rel_change;
  result.metrics["top_share_at_min"] = top_share.front();
  result.metrics["top_share_at_max"] = top_share.back();
  result.metrics["top_share_drop"] = top_share.front() - top_share.back();
  result.metrics["top_share_monotone"] =
      top_share.size() < 2 ? 1.0 : static_cast<double>(not_rising) / (top_share.size() - 1);
  result.curves.push_back(
      make_series("top_share", "spread", "sigma_1^2 / sum sigma_i^2", c.spreads, top_share));
  result.curves.push_back(make_series("sum_sq", "spread", "sum sigma_i^2", c.spreads, sum_sq));

  std::ostringstream line;
  line << "rope-svd-dispersion: top share " << top_share.front() << " -> " << top_share.back()
       << " over spreads " << c.spreads.front() << ".." << c.spreads.back()
       << ", sum of squares kept to " << max_rel_change;
  env.log(line.str());
  return result;
}

void check_rope_svd_dispersion(const nlohmann::json& config, const std::string& path) {
  read_config(config, path);
}

}  // namespace quire::probe
