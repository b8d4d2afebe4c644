#include "position_bias.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace quire::probe {
namespace {

// 2^(-8 (i+1) / n) for i in [0, n): ALiBi's slopes for a power-of-two head count.
std::vector<double> power_of_two_slopes(int64_t n) {
  std::vector<double> slopes;
  for (int64_t i = 0; i < n; ++i)
    slopes.push_back(std::pow(2.0, -8.0 * static_cast<double>(i + 1) / static_cast<double>(n)));
  return slopes;
}

int64_t t5_bucket(int64_t offset, int64_t half, int64_t max_exact, int64_t max_distance) {
  int64_t bucket = offset > 0 ? half : 0;
  int64_t n = std::llabs(offset);
  if (n < max_exact) return bucket + n;
  double scaled = std::log(static_cast<double>(n) / static_cast<double>(max_exact)) /
                  std::log(static_cast<double>(max_distance) / static_cast<double>(max_exact)) *
                  static_cast<double>(half - max_exact);
  int64_t large = max_exact + static_cast<int64_t>(scaled);
  return bucket + std::min(large, half - 1);
}

}  // namespace

torch::Tensor sinusoidal_table(int64_t positions, int64_t dim) {
  auto options = torch::TensorOptions().dtype(torch::kFloat64);
  torch::Tensor position = torch::arange(0, positions, options).unsqueeze(1);
  torch::Tensor i = torch::arange(0, (dim + 1) / 2, options);
  torch::Tensor angles = position * torch::pow(10000.0, -2.0 * i / static_cast<double>(dim));
  // Interleave: column 2i is sin, column 2i+1 is cos; an odd dim drops the last cos.
  torch::Tensor table = torch::stack({torch::sin(angles), torch::cos(angles)}, -1);
  return table.reshape({positions, -1}).narrow(1, 0, dim).to(torch::kFloat32).contiguous();
}

torch::Tensor alibi_slopes(int64_t heads) {
  if (heads <= 0) throw std::invalid_argument("alibi needs at least one head");
  int64_t closest = 1;
  while (closest * 2 <= heads) closest *= 2;
  std::vector<double> slopes = power_of_two_slopes(closest);
  std::vector<double> finer = power_of_two_slopes(2 * closest);
  for (int64_t i = 0; static_cast<int64_t>(slopes.size()) < heads; i += 2)
    slopes.push_back(finer[i]);
  return torch::tensor(slopes, torch::kFloat64).to(torch::kFloat32);
}

torch::Tensor t5_buckets(int64_t positions, int64_t buckets, int64_t max_distance) {
  int64_t half = buckets / 2;
  int64_t max_exact = half / 2;
  if (buckets < 4 || max_distance <= max_exact)
    throw std::invalid_argument("t5 buckets must be at least 4 and t5_max_distance above " +
                                std::to_string(max_exact) + " (got " + std::to_string(buckets) +
                                ", " + std::to_string(max_distance) + ")");
  std::vector<int64_t> table(static_cast<size_t>(positions * positions));
  for (int64_t q = 0; q < positions; ++q)
    for (int64_t k = 0; k < positions; ++k)
      table[static_cast<size_t>(q * positions + k)] =
          t5_bucket(k - q, half, max_exact, max_distance);
  return torch::tensor(table, torch::kInt64).reshape({positions, positions});
}

}  // namespace quire::probe
