#include "rope.hpp"

#include <stdexcept>

namespace quire::probe {
namespace {

// base^(-2i/dim) for i in [0, dim/2), in float64 so every dtype's table starts from the same
// angles.
torch::Tensor inverse_frequencies(int64_t dim, double base, torch::Device device) {
  if (dim <= 0 || dim % 2 != 0)
    throw std::invalid_argument("rotary dimension must be even and positive, not " +
                                std::to_string(dim));
  auto options = torch::TensorOptions().dtype(torch::kFloat64).device(device);
  torch::Tensor i = torch::arange(0, dim / 2, options);
  return torch::pow(torch::tensor(base, options), -2.0 * i / static_cast<double>(dim));
}

// (a, b) -> (a cos - b sin, a sin + b cos) for the two halves of x's last dim.
torch::Tensor rotate_halves(const torch::Tensor& x, const torch::Tensor& cos,
                            const torch::Tensor& sin) {
  int64_t half = x.size(-1) / 2;
  torch::Tensor a = x.narrow(-1, 0, half);
  torch::Tensor b = x.narrow(-1, half, half);
  return torch::cat({a * cos - b * sin, a * sin + b * cos}, -1);
}

}  // namespace

RotaryTable rotary_table(int64_t positions, int64_t dim, double base, torch::Dtype dtype,
                         torch::Device device) {
  torch::Tensor inv = inverse_frequencies(dim, base, device);
  torch::Tensor pos = torch::arange(0, positions, inv.options());
  torch::Tensor angles = torch::outer(pos, inv);
  return {torch::cos(angles).to(dtype), torch::sin(angles).to(dtype)};
}

torch::Tensor apply_rotary(const torch::Tensor& x, const RotaryTable& table, int64_t rotary_dims) {
  int64_t dims = x.size(-1);
  if (rotary_dims == 0) return x;
  if (rotary_dims < 0 || rotary_dims > dims || rotary_dims % 2 != 0)
    throw std::invalid_argument("rotary_dims must be even and at most " + std::to_string(dims));
  if (table.cos.size(1) != rotary_dims / 2)
    throw std::invalid_argument("rotary table is for a different dimension");
  int64_t length = x.size(-2);
  torch::Tensor cos = table.cos.narrow(0, 0, length);
  torch::Tensor sin = table.sin.narrow(0, 0, length);
  torch::Tensor rotated = rotate_halves(x.narrow(-1, dims - rotary_dims, rotary_dims), cos, sin);
  if (rotary_dims == dims) return rotated;
  return torch::cat({x.narrow(-1, 0, dims - rotary_dims), rotated}, -1);
}

torch::Tensor rotate_to(const torch::Tensor& v, const torch::Tensor& positions, double base) {
  torch::Tensor inv = inverse_frequencies(v.size(-1), base, v.device());
  torch::Tensor angles = torch::outer(positions.to(torch::kFloat64), inv);
  return rotate_halves(v, torch::cos(angles).to(v.scalar_type()),
                       torch::sin(angles).to(v.scalar_type()));
}

}  // namespace quire::probe
