// Rotary position embedding (RoPE), the half-split form: dimension i of the first half pairs with
// dimension i of the second half and is rotated by angle position * base^(-2i/d).
#pragma once

#include <torch/torch.h>

namespace quire::probe {

// cos/sin of every (position, frequency) pair for positions [0, positions) and an even `dim`:
// each [positions, dim/2], in `dtype` on `device`.
struct RotaryTable {
  torch::Tensor cos;
  torch::Tensor sin;
};
RotaryTable rotary_table(int64_t positions, int64_t dim, double base, torch::Dtype dtype,
                         torch::Device device);

// Rotates the last `rotary_dims` (even, <= last dim) of x [..., T, D] by the table's first T
// rows; dims before them pass through (the hybrid RoPE/NoPE head). Works on any leading shape.
torch::Tensor apply_rotary(const torch::Tensor& x, const RotaryTable& table, int64_t rotary_dims);

// Rotates each vector v[n, :] (even dim) to its own, possibly fractional, position p[n].
torch::Tensor rotate_to(const torch::Tensor& v, const torch::Tensor& positions, double base);

}  // namespace quire::probe
