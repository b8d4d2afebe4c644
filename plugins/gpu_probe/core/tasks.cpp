#include "tasks.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "seeded_random.hpp"

namespace quire::probe {
namespace {

constexpr int64_t kBos = 0;
constexpr int64_t kQuery = 1;
constexpr int64_t kFirstTrigger = 2;

void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument("task: " + message);
}

// Content positions are 1 .. length-2 (between BOS and the query).
struct Layout {
  int64_t length = 0;
  int64_t triggers = 0;
  int64_t first_filler = 0;
  int64_t vocab = 0;
};

// BOS, the query, and a filler at every content position.
std::vector<int64_t> filler_row(const Layout& layout, SeededRandom& random) {
  std::vector<int64_t> row(static_cast<size_t>(layout.length));
  row.front() = kBos;
  row.back() = kQuery;
  for (int64_t i = 1; i + 1 < layout.length; ++i)
    row[static_cast<size_t>(i)] = random.between(layout.first_filler, layout.vocab - 1);
  return row;
}

// Distances 1 .. length-3 in `bins` ranges whose sizes differ by at most one; bin b is
// [lo(b), lo(b+1) - 1].
int64_t bin_start(int64_t bin, int64_t bins, int64_t distances) {
  return 1 + bin * distances / bins;
}

int64_t distance_example(const TaskSpec& spec, const Layout& layout, SeededRandom& random,
                         std::vector<int64_t>& row) {
  const int64_t distances = spec.length - 3;
  int64_t bin = random.between(0, spec.bins - 1);
  int64_t distance = random.between(bin_start(bin, spec.bins, distances),
                                    bin_start(bin + 1, spec.bins, distances) - 1);
  int64_t first = random.between(1, spec.length - 2 - distance);
  int64_t a = random.between(0, layout.triggers - 1);
  int64_t b = random.between(0, layout.triggers - 2);
  if (b >= a) ++b;  // two distinct triggers
  row[static_cast<size_t>(first)] = kFirstTrigger + a;
  row[static_cast<size_t>(first + distance)] = kFirstTrigger + b;
  return bin;
}

int64_t counting_example(const TaskSpec& spec, const Layout& layout, SeededRandom& random,
                         std::vector<int64_t>& row) {
  int64_t count = random.between(0, spec.max_count);
  // The first `count` steps of a Fisher-Yates shuffle of the content positions.
  std::vector<int64_t> positions;
  for (int64_t i = 1; i + 1 < spec.length; ++i) positions.push_back(i);
  for (int64_t i = 0; i < count; ++i) {
    int64_t j = random.between(i, static_cast<int64_t>(positions.size()) - 1);
    std::swap(positions[static_cast<size_t>(i)], positions[static_cast<size_t>(j)]);
    row[static_cast<size_t>(positions[static_cast<size_t>(i)])] =
        kFirstTrigger + random.between(0, layout.triggers - 1);
  }
  return count;
}

void validate(const TaskSpec& spec) {
  require(spec.triggers >= (spec.kind == TaskKind::kDistance ? 2 : 1),
          "triggers must be at least 2 for distance, 1 for counting");
  require(spec.vocab >= kFirstTrigger + spec.triggers + 1,
          "vocab must hold BOS, the query, " + std::to_string(spec.triggers) +
              " triggers and at least one filler (>= " +
              std::to_string(kFirstTrigger + spec.triggers + 1) + ")");
  require(spec.examples >= 2, "examples must be at least 2");
  require(spec.train_share > 0.0 && spec.train_share < 1.0, "train_share must be in (0, 1)");
  if (spec.kind == TaskKind::kDistance) {
    require(spec.bins >= 2, "bins must be at least 2");
    require(spec.length - 3 >= spec.bins,
            "length " + std::to_string(spec.length) + " gives " +
                std::to_string(std::max<int64_t>(spec.length - 3, 0)) +
                " distances, fewer than bins = " + std::to_string(spec.bins));
  } else {
    require(spec.max_count >= 1, "max_count must be at least 1");
    require(spec.length - 2 >= spec.max_count,
            "length " + std::to_string(spec.length) + " has " +
                std::to_string(std::max<int64_t>(spec.length - 2, 0)) +
                " content positions, fewer than max_count = " + std::to_string(spec.max_count));
  }
}

torch::Tensor to_tensor(std::vector<int64_t>& values, int64_t rows, int64_t offset, int64_t cols) {
  if (rows == 0) return torch::zeros({0, cols}, torch::kInt64);
  return torch::from_blob(values.data() + offset * cols, {rows, cols}, torch::kInt64).clone();
}

}  // namespace

TaskKind parse_task(const std::string& name) {
  if (name == "distance") return TaskKind::kDistance;
  if (name == "counting") return TaskKind::kCounting;
  throw std::invalid_argument("task must be \"distance\" or \"counting\", not \"" + name + "\"");
}

std::string task_name(TaskKind kind) {
  return kind == TaskKind::kCounting ? "counting" : "distance";
}

Dataset make_dataset(const TaskSpec& spec, uint64_t seed) {
  validate(spec);
  const int64_t train =
      static_cast<int64_t>(std::llround(static_cast<double>(spec.examples) * spec.train_share));
  require(train >= 1 && train < spec.examples,
          "train_share leaves the train or the test split empty");
  Layout layout{spec.length, spec.triggers, kFirstTrigger + spec.triggers, spec.vocab};
  SeededRandom random(seed);
  std::vector<int64_t> tokens, labels;
  tokens.reserve(static_cast<size_t>(spec.examples * spec.length));
  for (int64_t i = 0; i < spec.examples; ++i) {
    std::vector<int64_t> row = filler_row(layout, random);
    labels.push_back(spec.kind == TaskKind::kDistance
                         ? distance_example(spec, layout, random, row)
                         : counting_example(spec, layout, random, row));
    tokens.insert(tokens.end(), row.begin(), row.end());
  }
  // Examples are drawn independently, so the first `train` are as good a train split as any.
  Dataset data;
  data.train_x = to_tensor(tokens, train, 0, spec.length);
  data.test_x = to_tensor(tokens, spec.examples - train, train, spec.length);
  data.train_y = to_tensor(labels, train, 0, 1).reshape({-1});
  data.test_y = to_tensor(labels, spec.examples - train, train, 1).reshape({-1});
  data.classes = spec.kind == TaskKind::kDistance ? spec.bins : spec.max_count + 1;
  data.chance = 1.0 / static_cast<double>(data.classes);
  return data;
}

}  // namespace quire::probe
