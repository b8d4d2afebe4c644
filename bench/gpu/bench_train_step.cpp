// Times the gpu-probe plugin's training step: the core library's own train_model() on its own
// Decoder and Task 1 data, at the sizes bench/gpu/reference.py uses under the same names.
//
// train_model() has no per-step hook, so the step time is a difference: one call of W steps and
// one of W + N steps (fresh model and optimizer each, after an untimed call that pays the
// one-off costs: kernels, allocator, cuBLAS handles). Everything a call does besides its steps
// (optimizer set-up, the one evaluation at the end: eval_every = steps) is in both and cancels;
// what remains is N steps. The dataset is kept small (four batches per split) so that the
// evaluation is cheap next to the steps and its timing noise small.
//
//   bench_train_step --size paper|tiny [--device auto|cpu|cuda] [--precision fp32|bf16]
//                    [--steps N] [--warmup W] [--batch B] [--threads T] [--repeat R]
// Prints one JSON line: {"impl": "libtorch-plugin", "steps_per_s": ..., ...} (best of R).
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "device.hpp"
#include "model.hpp"
#include "tasks.hpp"
#include "torch_compat.hpp"
#include "train.hpp"

namespace probe = quire::probe;

namespace {

struct Options {
  std::string size = "tiny";
  std::string device = "auto";
  std::string precision = "bf16";
  int64_t steps = 50;
  int64_t warmup = 5;
  int64_t batch = 0;
  int threads = 1;
  int repeat = 1;
};

[[noreturn]] void usage(const std::string& error) {
  std::cerr << "bench_train_step: " << error << "\n"
            << "usage: bench_train_step --size paper|tiny [--device auto|cpu|cuda] "
               "[--precision fp32|bf16] [--steps N] [--warmup W] [--batch B] [--threads T] "
               "[--repeat R]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string key = argv[i];
    if (i + 1 >= argc) usage(key + " needs a value");
    std::string value = argv[++i];
    if (key == "--size")
      o.size = value;
    else if (key == "--device")
      o.device = value;
    else if (key == "--precision")
      o.precision = value;
    else if (key == "--steps")
      o.steps = std::stoll(value);
    else if (key == "--warmup")
      o.warmup = std::stoll(value);
    else if (key == "--batch")
      o.batch = std::stoll(value);
    else if (key == "--threads")
      o.threads = std::stoi(value);
    else if (key == "--repeat")
      o.repeat = std::stoi(value);
    else
      usage("unknown option " + key);
  }
  if (o.size != "paper" && o.size != "tiny") usage("--size must be paper or tiny");
  if (o.steps < 1 || o.warmup < 1 || o.repeat < 1)
    usage("--steps, --warmup, --repeat must be >= 1");
  return o;
}

// The sizes, as in reference.py: "paper" is seed 004's Table 3 on Task 1 (10 distance bins).
void sizes(const Options& o, probe::ModelSpec* model, probe::TaskSpec* task,
           probe::TrainSpec* train) {
  bool paper = o.size == "paper";
  model->layers = paper ? 6 : 2;
  model->d_model = paper ? 256 : 64;
  model->heads = paper ? 16 : 4;
  model->d_ff = paper ? 512 : 128;
  model->vocab = paper ? 574 : 64;
  model->max_len = paper ? 128 : 32;
  model->dropout = 0.1;
  model->position = probe::PositionKind::kRope;
  task->kind = probe::TaskKind::kDistance;
  task->vocab = model->vocab;
  task->length = model->max_len;
  task->triggers = paper ? 20 : 8;
  task->bins = paper ? 10 : 8;
  train->batch = o.batch > 0 ? o.batch : (paper ? 512 : 64);
  train->lr = 1e-4;
  train->beta1 = 0.98;
  train->beta2 = 0.9;
  train->weight_decay = 1e-5;
  train->warmup_share = 0.06;
  train->eval_batch = train->batch;
  task->train_share = 0.5;
  task->examples = 8 * train->batch;  // four batches per split
}

void sync(const probe::DeviceInfo& device) {
  if (device.is_cuda()) torch::cuda::synchronize();
}

// Seconds for one train_model() call of `steps` steps on a fresh model.
double timed_training(const probe::ModelSpec& spec, const probe::Dataset& data,
                      probe::TrainSpec train, int64_t steps, const probe::DeviceInfo& device,
                      int64_t* params) {
  train.steps = steps;
  train.eval_every = steps;
  probe::seed_everything(0);
  probe::Decoder model(spec);
  model->to(device.device);
  *params = 0;
  for (const auto& p : model->parameters()) *params += p.numel();
  sync(device);
  auto start = std::chrono::steady_clock::now();
  probe::train_model(model, data, train, /*seed=*/0, device, [] {});
  sync(device);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  probe::ModelSpec spec;
  probe::TaskSpec task;
  probe::TrainSpec train;
  sizes(o, &spec, &task, &train);
  probe::DeviceInfo device = probe::select_device(o.device, o.threads, o.precision);
  probe::Dataset data = probe::make_dataset(task, /*seed=*/0);
  spec.classes = data.classes;

  int64_t params = 0;
  timed_training(spec, data, train, o.warmup, device, &params);  // one-off costs
  double best = 0.0, short_run = 0.0, long_run = 0.0;
  for (int r = 0; r < o.repeat; ++r) {
    double a = timed_training(spec, data, train, o.warmup, device, &params);
    double b = timed_training(spec, data, train, o.warmup + o.steps, device, &params);
    double rate = b > a ? static_cast<double>(o.steps) / (b - a) : 0.0;
    if (rate > best) best = rate, short_run = a, long_run = b;
  }
  nlohmann::json line = {{"impl", "libtorch-plugin"},
                         {"size", o.size},
                         {"device", device.name},
                         {"precision", device.bf16 ? "bf16" : "fp32"},
                         {"libtorch", probe::libtorch_version()},
                         {"threads", o.threads},
                         {"batch", train.batch},
                         {"params", params},
                         {"steps", o.steps},
                         {"warmup", o.warmup},
                         {"seconds", long_run - short_run},
                         {"steps_per_s", best},
                         {"call_seconds", {short_run, long_run}}};
  std::cout << line.dump() << std::endl;
  return best > 0.0 ? 0 : 1;
}
