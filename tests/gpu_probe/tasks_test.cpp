// The synthetic tasks decoded back: every example's label is re-derived from its tokens, the
// layout holds, labels are balanced, and the bytes depend on the seed alone.
#include "tasks.hpp"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "probes.hpp"
#include "torch_compat.hpp"

namespace quire::probe {
namespace {

TaskSpec distance_spec() {
  TaskSpec spec;
  spec.kind = TaskKind::kDistance;
  spec.vocab = 30;
  spec.length = 20;  // 17 distances
  spec.examples = 3000;
  spec.triggers = 5;
  spec.bins = 4;
  return spec;
}

TaskSpec counting_spec() {
  TaskSpec spec = distance_spec();
  spec.kind = TaskKind::kCounting;
  spec.max_count = 6;
  return spec;
}

std::vector<int64_t> row_of(const torch::Tensor& x, int64_t i) {
  torch::Tensor row = x[i].contiguous();
  return std::vector<int64_t>(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + row.numel());
}

int64_t label_of(const torch::Tensor& y, int64_t i) { return static_cast<int64_t>(scalar(y[i])); }

bool is_trigger(int64_t token, const TaskSpec& spec) {
  return token >= 2 && token < 2 + spec.triggers;
}

// BOS first, the query last, neither anywhere else, every token in the vocabulary.
void expect_layout(const std::vector<int64_t>& row, const TaskSpec& spec) {
  ASSERT_EQ(static_cast<int64_t>(row.size()), spec.length);
  EXPECT_EQ(row.front(), 0);
  EXPECT_EQ(row.back(), 1);
  for (size_t i = 1; i + 1 < row.size(); ++i) {
    EXPECT_GE(row[i], 2);
    EXPECT_LT(row[i], spec.vocab);
  }
}

// The bin of a distance, from the equal split of 1 .. length-3 stated in tasks.hpp.
int64_t bin_of(int64_t distance, const TaskSpec& spec) {
  const int64_t distances = spec.length - 3;
  for (int64_t bin = spec.bins - 1; bin >= 0; --bin)
    if (distance >= 1 + bin * distances / spec.bins) return bin;
  return -1;
}

void expect_equal(const Dataset& a, const Dataset& b) {
  EXPECT_TRUE(torch::equal(a.train_x, b.train_x));
  EXPECT_TRUE(torch::equal(a.train_y, b.train_y));
  EXPECT_TRUE(torch::equal(a.test_x, b.test_x));
  EXPECT_TRUE(torch::equal(a.test_y, b.test_y));
}

TEST(Tasks, SameSeedSameBytesOtherSeedOtherBytes) {
  for (const TaskSpec& spec : {distance_spec(), counting_spec()}) {
    Dataset a = make_dataset(spec, 11);
    expect_equal(a, make_dataset(spec, 11));
    Dataset c = make_dataset(spec, 12);
    EXPECT_FALSE(torch::equal(a.train_x, c.train_x));
    EXPECT_EQ(a.train_x.scalar_type(), torch::kInt64);
    EXPECT_EQ(a.train_y.scalar_type(), torch::kInt64);
    EXPECT_EQ(a.train_x.size(0), 2100);  // 0.7 of 3000
    EXPECT_EQ(a.test_x.size(0), 900);
    EXPECT_EQ(a.test_x.size(1), spec.length);
    EXPECT_EQ(a.train_y.size(0), 2100);
  }
}

TEST(Tasks, FixedBytesForAFixedSeed) {
  // A regression anchor: mt19937_64 and our range mapping are fixed algorithms, so these bytes
  // are the same on every machine and LibTorch version.
  TaskSpec spec = distance_spec();
  spec.examples = 10;
  Dataset data = make_dataset(spec, 0);
  EXPECT_EQ(row_of(data.train_x, 0), (std::vector<int64_t>{0,  27, 26, 23, 17, 10, 10, 25, 5, 26,
                                                           19, 9,  27, 4,  23, 13, 9,  24, 8, 1}));
  EXPECT_EQ(label_of(data.train_y, 0), 1);  // triggers 5 and 4 at 8 and 13: distance 5, bin 1
  spec.kind = TaskKind::kCounting;
  spec.max_count = 6;
  data = make_dataset(spec, 0);
  EXPECT_EQ(row_of(data.train_x, 0), (std::vector<int64_t>{0,  6, 26, 23, 17, 10, 10, 25, 22, 26,
                                                           19, 2, 27, 4,  23, 13, 9,  2,  8,  1}));
  EXPECT_EQ(label_of(data.train_y, 0), 4);
}

TEST(Tasks, DistanceLabelIsTheBinnedGapBetweenTwoDistinctTriggers) {
  TaskSpec spec = distance_spec();
  Dataset data = make_dataset(spec, 3);
  for (const auto& [x, y] : {std::pair{data.train_x, data.train_y}, {data.test_x, data.test_y}}) {
    for (int64_t i = 0; i < x.size(0); ++i) {
      std::vector<int64_t> row = row_of(x, i);
      expect_layout(row, spec);
      std::vector<int64_t> at;
      for (int64_t p = 0; p < spec.length; ++p)
        if (is_trigger(row[static_cast<size_t>(p)], spec)) at.push_back(p);
      ASSERT_EQ(at.size(), 2u) << "example " << i;
      EXPECT_NE(row[static_cast<size_t>(at[0])], row[static_cast<size_t>(at[1])]);
      EXPECT_EQ(label_of(y, i), bin_of(at[1] - at[0], spec)) << "example " << i;
    }
  }
  EXPECT_EQ(data.classes, 4);
  EXPECT_DOUBLE_EQ(data.chance, 0.25);
}

TEST(Tasks, EveryDistanceOccurs) {
  TaskSpec spec = distance_spec();
  Dataset data = make_dataset(spec, 5);
  std::map<int64_t, int> seen;
  for (int64_t i = 0; i < data.train_x.size(0); ++i) {
    std::vector<int64_t> row = row_of(data.train_x, i);
    std::vector<int64_t> at;
    for (int64_t p = 0; p < spec.length; ++p)
      if (is_trigger(row[static_cast<size_t>(p)], spec)) at.push_back(p);
    ++seen[at[1] - at[0]];
  }
  EXPECT_EQ(static_cast<int64_t>(seen.size()), spec.length - 3);
  EXPECT_EQ(seen.begin()->first, 1);
  EXPECT_EQ(seen.rbegin()->first, spec.length - 3);
}

TEST(Tasks, CountingLabelIsTheNumberOfTriggers) {
  TaskSpec spec = counting_spec();
  Dataset data = make_dataset(spec, 4);
  for (int64_t i = 0; i < data.train_x.size(0); ++i) {
    std::vector<int64_t> row = row_of(data.train_x, i);
    expect_layout(row, spec);
    int64_t count = 0;
    for (int64_t token : row) count += is_trigger(token, spec);
    EXPECT_EQ(label_of(data.train_y, i), count) << "example " << i;
  }
  EXPECT_EQ(data.classes, 7);
  EXPECT_DOUBLE_EQ(data.chance, 1.0 / 7.0);
}

TEST(Tasks, LabelsAreBalanced) {
  for (const TaskSpec& spec : {distance_spec(), counting_spec()}) {
    Dataset data = make_dataset(spec, 8);
    torch::Tensor counts = torch::bincount(data.train_y, {}, data.classes).to(torch::kFloat64);
    torch::Tensor share = counts / static_cast<double>(data.train_y.size(0));
    // 2100 draws: a class's share has std ~0.009; 0.04 is over four of them.
    EXPECT_LT(scalar((share - data.chance).abs().max()), 0.04) << task_name(spec.kind);
    EXPECT_GT(scalar(counts.min()), 0.0);
  }
}

TEST(Tasks, SpecsThatCannotHoldTheTaskThrow) {
  TaskSpec spec = distance_spec();
  spec.length = 6;  // 3 distances, 4 bins
  EXPECT_THROW(make_dataset(spec, 0), std::invalid_argument);
  spec = distance_spec();
  spec.vocab = 7;  // BOS, query, 5 triggers, no filler
  EXPECT_THROW(make_dataset(spec, 0), std::invalid_argument);
  spec = distance_spec();
  spec.triggers = 1;  // no distinct pair
  EXPECT_THROW(make_dataset(spec, 0), std::invalid_argument);
  spec = counting_spec();
  spec.max_count = 19;  // 18 content positions
  EXPECT_THROW(make_dataset(spec, 0), std::invalid_argument);
  spec = counting_spec();
  spec.examples = 3;
  spec.train_share = 0.1;  // no train example
  EXPECT_THROW(make_dataset(spec, 0), std::invalid_argument);
}

TEST(TasksConfig, ParseCheckAndRoundTrip) {
  nlohmann::json table = {{"task", "counting"}, {"length", 12}, {"max_count", 5}, {"vocab", 40}};
  TaskSpec spec = task_spec_from(table, "probes[1].task");
  EXPECT_EQ(spec.kind, TaskKind::kCounting);
  EXPECT_EQ(spec.max_count, 5);
  EXPECT_EQ(to_json(task_spec_from(to_json(spec), "x")), to_json(spec));
  EXPECT_THROW(task_spec_from({{"task", "sorting"}}, "t"), std::invalid_argument);
  EXPECT_THROW(task_spec_from({{"bin", 4}}, "t"), std::invalid_argument);
  EXPECT_THROW(task_spec_from({{"length", 10}, {"bins", 8}}, "t"), std::invalid_argument);
  EXPECT_THROW(task_spec_from({{"train_share", 1.0}}, "t"), std::invalid_argument);
  // bins is only held to the length for the distance task.
  EXPECT_NO_THROW(task_spec_from({{"task", "counting"}, {"length", 8}, {"max_count", 3}}, "t"));
}

}  // namespace
}  // namespace quire::probe
