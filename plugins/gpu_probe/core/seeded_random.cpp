#include "seeded_random.hpp"

#include <cmath>

namespace quire::probe {

double SeededRandom::uniform() {
  // The top 53 bits as a fraction: every double in [0, 1) on the 2^-53 grid, equally likely.
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double SeededRandom::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u1 = 1.0 - uniform();  // (0, 1], so the log is finite
  double u2 = uniform();
  double radius = std::sqrt(-2.0 * std::log(u1));
  double angle = 2.0 * M_PI * u2;
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

torch::Tensor SeededRandom::normal_tensor(const std::vector<int64_t>& shape) {
  torch::Tensor out = torch::empty(shape, torch::kFloat64);
  double* data = out.data_ptr<double>();
  for (int64_t i = 0; i < out.numel(); ++i) data[i] = normal();
  return out;
}

torch::Tensor SeededRandom::uniform_tensor(const std::vector<int64_t>& shape) {
  torch::Tensor out = torch::empty(shape, torch::kFloat64);
  double* data = out.data_ptr<double>();
  for (int64_t i = 0; i < out.numel(); ++i) data[i] = uniform();
  return out;
}

}  // namespace quire::probe
