#include "train.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "autocast_guard.hpp"
#include "seeded_random.hpp"
#include "torch_compat.hpp"

namespace quire::probe {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Linear warm-up to spec.lr over the first warmup_share of the steps, then a cosine to 0.
double learning_rate(const TrainSpec& spec, int64_t step) {
  const int64_t warmup =
      static_cast<int64_t>(std::llround(spec.warmup_share * static_cast<double>(spec.steps)));
  if (step < warmup) return spec.lr * static_cast<double>(step + 1) / static_cast<double>(warmup);
  const int64_t decay = std::max<int64_t>(spec.steps - warmup, 1);
  double progress = static_cast<double>(step - warmup) / static_cast<double>(decay);
  return spec.lr * 0.5 * (1.0 + std::cos(kPi * progress));
}

void set_learning_rate(torch::optim::AdamW& optimizer, double lr) {
  for (auto& group : optimizer.param_groups())
    static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
}

// Batch rows drawn with replacement from our own generator, so the batches depend on the seed
// alone, not on LibTorch's generator or version.
torch::Tensor batch_indices(SeededRandom& random, int64_t rows, int64_t batch,
                            torch::Device device) {
  std::vector<int64_t> picks(static_cast<size_t>(batch));
  for (auto& pick : picks) pick = random.between(0, rows - 1);
  return torch::tensor(picks, torch::kInt64).to(device);
}

void validate(const TrainSpec& spec, const Dataset& data) {
  if (spec.steps < 1 || spec.batch < 1 || spec.eval_every < 1 || spec.eval_batch < 1)
    throw std::invalid_argument("train: steps, batch, eval_every and eval_batch must be positive");
  if (!data.train_x.defined() || data.train_x.size(0) == 0)
    throw std::invalid_argument("train: the dataset has no training examples");
}

// A different stream from the one that initialised the weights (same seed) for dropout.
uint64_t dropout_seed(uint64_t seed) { return seed ^ 0x9E3779B97F4A7C15ULL; }

}  // namespace

TrainResult train_model(Decoder& model, const Dataset& data, const TrainSpec& spec, uint64_t seed,
                        const DeviceInfo& device, const std::function<void()>& check_cancelled) {
  validate(spec, data);
  model->to(device.device);
  torch::Tensor train_x = data.train_x.to(device.device);
  torch::Tensor train_y = data.train_y.to(device.device);
  torch::optim::AdamW optimizer(model->parameters(),
                                torch::optim::AdamWOptions(spec.lr)
                                    .betas(std::make_tuple(spec.beta1, spec.beta2))
                                    .weight_decay(spec.weight_decay));
  seed_everything(dropout_seed(seed));
  SeededRandom random(seed);
  const bool autocast = device.is_cuda() && device.bf16;

  TrainResult result;
  // Summed on the device as float64 and read only at eval points: no sync every step on CUDA.
  torch::Tensor window =
      torch::zeros({}, torch::TensorOptions(torch::kFloat64).device(device.device));
  int64_t window_steps = 0;
  model->train();
  for (int64_t step = 0; step < spec.steps; ++step) {
    if (check_cancelled) check_cancelled();
    set_learning_rate(optimizer, learning_rate(spec, step));
    torch::Tensor rows = batch_indices(random, train_x.size(0), spec.batch, device.device);
    optimizer.zero_grad();
    torch::Tensor loss;
    {
      AutocastGuard guard(autocast);
      torch::Tensor logits = model->forward(train_x.index_select(0, rows));
      loss = torch::nn::functional::cross_entropy(logits.to(torch::kFloat32),
                                                  train_y.index_select(0, rows));
    }
    loss.backward();
    optimizer.step();
    window = window + loss.detach().to(torch::kFloat64);
    ++window_steps;
    if ((step + 1) % spec.eval_every != 0 && step + 1 != spec.steps) continue;
    result.curve.step.push_back(static_cast<double>(step + 1));
    result.curve.loss.push_back(scalar(window) / static_cast<double>(window_steps));
    result.curve.test_accuracy.push_back(
        evaluate_accuracy(model, data.test_x, data.test_y, {}, spec.eval_batch, device));
    model->train();
    window = torch::zeros_like(window);
    window_steps = 0;
  }
  result.first_loss = result.curve.loss.front();
  result.last_loss = result.curve.loss.back();
  result.train_accuracy =
      evaluate_accuracy(model, data.train_x, data.train_y, {}, spec.eval_batch, device);
  result.test_accuracy = result.curve.test_accuracy.back();
  model->eval();
  return result;
}

double evaluate_accuracy(Decoder& model, const torch::Tensor& x, const torch::Tensor& y,
                         const ForwardOptions& options, int64_t batch, const DeviceInfo& device) {
  const int64_t rows = x.size(0);
  if (rows == 0 || batch < 1)
    throw std::invalid_argument("evaluate_accuracy: no examples, or a batch below 1");
  torch::NoGradGuard no_grad;
  model->eval();
  int64_t correct = 0;
  for (int64_t start = 0; start < rows; start += batch) {
    int64_t size = std::min(batch, rows - start);
    torch::Tensor logits = model->forward(x.narrow(0, start, size).to(device.device), options);
    torch::Tensor hits = logits.argmax(-1).eq(y.narrow(0, start, size).to(device.device));
    correct += hits.sum().item().toLong();
  }
  return static_cast<double>(correct) / static_cast<double>(rows);
}

}  // namespace quire::probe
