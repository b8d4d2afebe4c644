// Random numbers drawn from a seed the same way on every machine: std::mt19937_64 is specified bit
// for bit by the standard, the std:: distributions are not, so every mapping from its bits —
// integers in a range, uniform reals, Box-Muller normals — is our own. Never touches LibTorch's
// global generator.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace quire::probe {

class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n) for n >= 1: rejection keeps every value equally likely (a bare modulo
  // would favour the small ones).
  uint64_t below(uint64_t n) {
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    const uint64_t limit = max - (max % n + 1) % n;  // largest multiple of n, minus one
    uint64_t draw = engine_();
    while (draw > limit) draw = engine_();
    return draw % n;
  }

  // Uniform in [low, high], both included.
  int64_t between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(below(static_cast<uint64_t>(high - low) + 1));
  }

  double uniform();  // [0, 1)
  double normal();   // mean 0, variance 1

  // float64 CPU tensors of the given shape.
  torch::Tensor normal_tensor(const std::vector<int64_t>& shape);
  torch::Tensor uniform_tensor(const std::vector<int64_t>& shape);

 private:
  std::mt19937_64 engine_;
  double spare_ = 0.0;  // Box-Muller makes normals in pairs
  bool has_spare_ = false;
};

}  // namespace quire::probe
