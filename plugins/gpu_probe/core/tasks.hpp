// The two synthetic tasks of seed 004 §4.1, generated from a seed alone (same seed, same bytes,
// on any machine: a fixed-algorithm generator, no std:: distributions).
// Token layout: 0 = BOS at position 0, 1 = the query token at the last position (where the
// classifier reads), 2 .. 2+triggers-1 = trigger tokens, the rest fillers.
#pragma once

#include <torch/torch.h>

#include <string>

namespace quire::probe {

enum class TaskKind {
  kDistance,  // Task 1: the binned distance between the two trigger tokens (position-sensitive)
  kCounting,  // Task 2: how many trigger tokens occur (position-agnostic)
};
TaskKind parse_task(const std::string& name);  // "distance" | "counting"
std::string task_name(TaskKind kind);

struct TaskSpec {
  TaskKind kind = TaskKind::kDistance;
  int64_t vocab = 64;
  int64_t length = 32;      // tokens per example, BOS and query included
  int64_t examples = 4000;  // train + test
  int64_t triggers = 8;     // distance: the pair is drawn from these; counting: the counted set
  int64_t bins = 8;         // distance: classes; each bin an equal range of distances
  int64_t max_count = 7;    // counting: classes are 0 .. max_count
  double train_share = 0.7;
};

struct Dataset {
  torch::Tensor train_x, train_y;  // int64 [N, length], [N]
  torch::Tensor test_x, test_y;
  int64_t classes = 0;
  double chance = 0.0;  // accuracy of always answering the commonest class (labels are balanced)
};

// Throws std::invalid_argument when the spec cannot hold the task (e.g. too few positions).
Dataset make_dataset(const TaskSpec& spec, uint64_t seed);

}  // namespace quire::probe
