// Integers drawn from a seed the same way on every machine: std::mt19937_64 is specified bit for
// bit by the standard, the std:: distributions are not, so the mapping to a range is our own.
#pragma once

#include <cstdint>
#include <limits>
#include <random>

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

 private:
  std::mt19937_64 engine_;
};

}  // namespace quire::probe
