// Training and evaluation of a Decoder on a Dataset: AdamW, cosine schedule with linear warm-up,
// cross-entropy; seeded batches; bf16 autocast on CUDA when the device asks for it.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "device.hpp"
#include "model.hpp"
#include "tasks.hpp"

namespace quire::probe {

struct TrainSpec {
  int64_t steps = 300;
  int64_t batch = 64;
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.98;
  double weight_decay = 1e-5;
  double warmup_share = 0.06;
  int64_t eval_every = 50;  // steps between test-accuracy points on the curve
  int64_t eval_batch = 512;
};

struct TrainCurve {
  std::vector<double> step;
  std::vector<double> loss;           // training loss at every eval point (mean since the last)
  std::vector<double> test_accuracy;  // at every eval point
};

struct TrainResult {
  TrainCurve curve;
  double first_loss = 0.0;  // mean loss over the first eval window
  double last_loss = 0.0;   // mean loss over the last eval window
  double train_accuracy = 0.0;
  double test_accuracy = 0.0;
};

// Trains in place; `check_cancelled` is called between steps and may throw.
TrainResult train_model(Decoder& model, const Dataset& data, const TrainSpec& spec, uint64_t seed,
                        const DeviceInfo& device, const std::function<void()>& check_cancelled);

// Accuracy of argmax(logits) on (x, y), in eval mode, no grad, batched.
double evaluate_accuracy(Decoder& model, const torch::Tensor& x, const torch::Tensor& y,
                         const ForwardOptions& options, int64_t batch, const DeviceInfo& device);

}  // namespace quire::probe
