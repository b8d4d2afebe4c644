// The fixed parts of the non-rotary position schemes: sinusoidal embeddings (absolute), ALiBi's
// per-head slopes, and T5's relative-position buckets. All float32/int64 on the CPU; the model
// keeps them as buffers so they follow it to its device.
#pragma once

#include <torch/torch.h>

namespace quire::probe {

// [positions, dim] sinusoidal position embeddings (Vaswani et al.): even dims sin, odd dims cos
// of position * 10000^(-2i/dim).
torch::Tensor sinusoidal_table(int64_t positions, int64_t dim);

// [heads] ALiBi slopes (Press et al.): a geometric sequence 2^(-8/n), 2^(-16/n), ... for a
// power-of-two n; otherwise the slopes of the nearest lower power of two followed by every other
// slope of the next one up, as in the ALiBi reference code.
torch::Tensor alibi_slopes(int64_t heads);

// [positions, positions] bucket of the offset (key - query), T5's bidirectional scheme: half the
// buckets for each sign, the first half of those exact, the rest logarithmic up to max_distance.
// Throws std::invalid_argument unless buckets >= 4 and max_distance > buckets / 4.
torch::Tensor t5_buckets(int64_t positions, int64_t buckets, int64_t max_distance);

}  // namespace quire::probe
