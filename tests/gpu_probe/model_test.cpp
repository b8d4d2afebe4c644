// The decoder's contracts that probes rely on: a causal mask makes position 0 a closed system
// (bit-identical across prompts sharing token 0), ablation silences exactly one head, every
// position scheme trains, and softpick is the formula it claims to be.
#include "model.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "position_bias.hpp"
#include "probes.hpp"
#include "torch_compat.hpp"

namespace quire::probe {
namespace {

constexpr PositionKind kAllPositions[] = {
    PositionKind::kRope,   PositionKind::kNope,   PositionKind::kAlibi, PositionKind::kAbsolute,
    PositionKind::kT5Bias, PositionKind::kRandom, PositionKind::kHybrid};

ModelSpec small_spec(PositionKind position, SoftmaxKind softmax = SoftmaxKind::kSoftmax) {
  ModelSpec spec;
  spec.vocab = 20;
  spec.d_model = 32;
  spec.heads = 4;
  spec.layers = 2;
  spec.d_ff = 64;
  spec.max_len = 16;
  spec.classes = 5;
  spec.position = position;
  spec.softmax = softmax;
  spec.t5_buckets = 8;
  spec.t5_max_distance = 16;
  return spec;
}

Decoder seeded_model(const ModelSpec& spec, uint64_t seed = 7) {
  torch::manual_seed(seed);
  Decoder model(spec);
  model->eval();
  return model;
}

// `prompts` sequences of `length` tokens, all starting with token 0, the rest random.
torch::Tensor prompts_sharing_bos(int64_t prompts, int64_t length, int64_t vocab) {
  torch::manual_seed(99);
  torch::Tensor tokens = torch::randint(1, vocab, {prompts, length}, torch::kInt64);
  tokens.select(1, 0).fill_(0);
  return tokens;
}

// Largest std across prompts of position 0, over dims.
double position0_spread(const torch::Tensor& states) {
  return scalar(states.select(1, 0).std(0, /*unbiased=*/false).max());
}

class ModelMask : public ::testing::TestWithParam<std::tuple<PositionKind, SoftmaxKind>> {};

TEST_P(ModelMask, CausalPositionZeroIsTheSameInEveryPrompt) {
  auto [position, softmax] = GetParam();
  Decoder model = seeded_model(small_spec(position, softmax));
  torch::Tensor tokens = prompts_sharing_bos(6, 12, 20);
  torch::NoGradGuard no_grad;
  Capture capture;
  model->forward(tokens, {}, &capture);
  for (size_t layer = 0; layer < capture.residual.size(); ++layer) {
    for (int64_t p = 1; p < tokens.size(0); ++p) {
      EXPECT_TRUE(torch::equal(capture.residual[layer][p][0], capture.residual[layer][0][0]))
          << "layer " << layer << " prompt " << p;
      EXPECT_TRUE(torch::equal(capture.attn_out[layer][p][0], capture.attn_out[layer][0][0]));
    }
    EXPECT_EQ(position0_spread(capture.residual[layer]), 0.0);
  }
  // ...while a bidirectional mask lets the rest of the prompt in.
  model->forward(tokens, {MaskKind::kBidirectional, std::nullopt}, &capture);
  EXPECT_GT(position0_spread(capture.residual.back()), 1e-4);
}

INSTANTIATE_TEST_SUITE_P(Model, ModelMask,
                         ::testing::Combine(::testing::ValuesIn(kAllPositions),
                                            ::testing::Values(SoftmaxKind::kSoftmax,
                                                              SoftmaxKind::kSoftpick)),
                         [](const auto& info) {
                           std::string name = position_name(std::get<0>(info.param)) + "_" +
                                              softmax_name(std::get<1>(info.param));
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

TEST(Model, CaptureHasEveryLayerInItsShape) {
  Decoder model = seeded_model(small_spec(PositionKind::kRope));
  Capture capture;
  torch::Tensor logits = model->forward(prompts_sharing_bos(3, 10, 20), {}, &capture);
  EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{3, 5}));
  ASSERT_EQ(capture.attention.size(), 2u);
  EXPECT_EQ(capture.attention[1].sizes(), (std::vector<int64_t>{3, 4, 10, 10}));
  EXPECT_EQ(capture.head_out[1].sizes(), (std::vector<int64_t>{3, 4, 10, 8}));
  EXPECT_EQ(capture.attn_out[1].sizes(), (std::vector<int64_t>{3, 10, 32}));
  EXPECT_EQ(capture.residual[1].sizes(), (std::vector<int64_t>{3, 10, 32}));
  EXPECT_EQ(capture.embedded.sizes(), (std::vector<int64_t>{3, 10, 32}));
  EXPECT_FALSE(capture.residual[0].requires_grad());
  // Causal weights: rows sum to 1 and nothing above the diagonal.
  EXPECT_LT(scalar((capture.attention[0].sum(-1) - 1).abs().max()), 1e-5);
  EXPECT_EQ(scalar(capture.attention[0].triu(1).abs().max()), 0.0);
}

TEST(Model, AblationZeroesExactlyOneHead) {
  Decoder model = seeded_model(small_spec(PositionKind::kRope));
  torch::Tensor tokens = prompts_sharing_bos(4, 12, 20);
  torch::NoGradGuard no_grad;
  Capture plain, ablated;
  torch::Tensor logits = model->forward(tokens, {}, &plain);
  torch::Tensor logits_ablated =
      model->forward(tokens, {MaskKind::kCausal, std::make_pair(int64_t{1}, int64_t{2})}, &ablated);
  EXPECT_TRUE(torch::equal(ablated.head_out[0], plain.head_out[0]));  // layer 0 untouched
  for (int64_t head = 0; head < 4; ++head) {
    torch::Tensor got = ablated.head_out[1].select(1, head);
    if (head == 2)
      EXPECT_TRUE(torch::equal(got, torch::zeros_like(got)));
    else
      EXPECT_TRUE(torch::equal(got, plain.head_out[1].select(1, head))) << "head " << head;
  }
  EXPECT_GT(scalar(plain.head_out[1].select(1, 2).abs().max()), 0.0);
  EXPECT_GT(scalar((logits - logits_ablated).abs().max()), 1e-6);
  EXPECT_THROW(model->forward(tokens, {MaskKind::kCausal, std::make_pair(int64_t{2}, int64_t{0})}),
               std::invalid_argument);
}

TEST(Model, EverySchemeRunsBackward) {
  for (PositionKind position : kAllPositions) {
    for (SoftmaxKind softmax : {SoftmaxKind::kSoftmax, SoftmaxKind::kSoftpick}) {
      ModelSpec spec = small_spec(position, softmax);
      spec.dropout = 0.1;
      Decoder model = seeded_model(spec);
      model->train();
      torch::Tensor logits = model->forward(prompts_sharing_bos(4, 16, 20));
      torch::Tensor loss =
          torch::nn::functional::cross_entropy(logits, torch::tensor({0, 1, 2, 3}, torch::kInt64));
      loss.backward();
      std::string what = position_name(position) + "/" + softmax_name(softmax);
      EXPECT_TRUE(std::isfinite(scalar(loss))) << what;
      for (const auto& parameter : model->named_parameters()) {
        ASSERT_TRUE(parameter.value().grad().defined()) << what << " " << parameter.key();
        EXPECT_TRUE(scalar(torch::isfinite(parameter.value().grad()).all()) == 1.0)
            << what << " " << parameter.key();
      }
      // The scheme's own parameters learn something (t5 table, random table).
      if (position == PositionKind::kT5Bias || position == PositionKind::kRandom) {
        const char* name =
            position == PositionKind::kT5Bias ? "t5_bias.weight" : "positions.weight";
        EXPECT_GT(scalar(model->named_parameters()[name].grad().abs().sum()), 0.0) << what;
      }
    }
  }
}

TEST(Model, PositionSchemesDiffer) {
  // Same seed, same token weights drawn first; the scheme alone changes the logits.
  torch::Tensor tokens = prompts_sharing_bos(2, 12, 20);
  torch::NoGradGuard no_grad;
  torch::Tensor nope = seeded_model(small_spec(PositionKind::kNope))->forward(tokens);
  for (PositionKind position : {PositionKind::kRope, PositionKind::kAlibi, PositionKind::kAbsolute,
                                PositionKind::kHybrid}) {
    torch::Tensor other = seeded_model(small_spec(position))->forward(tokens);
    EXPECT_GT(scalar((other - nope).abs().max()), 1e-6) << position_name(position);
  }
}

torch::Tensor naive_softpick(const torch::Tensor& x, const torch::Tensor& allowed) {
  torch::Tensor e = (torch::exp(x) - 1) * allowed;
  return torch::relu(e) / (e.abs().sum(-1, true) + 1e-6);
}

TEST(ModelSoftpick, MatchesTheNaiveFormula) {
  torch::manual_seed(3);
  torch::Tensor x = torch::randn({4, 6}, torch::kFloat64) * 2;
  torch::Tensor allowed = torch::rand({4, 6}, torch::kFloat64) > 0.3;
  allowed.select(1, 0).fill_(true);
  torch::Tensor got = softpick(x, allowed);
  EXPECT_LT(scalar((got - naive_softpick(x, allowed)).abs().max()), 1e-12);
  EXPECT_EQ(scalar(got.masked_select(allowed.logical_not()).abs().sum()), 0.0);
  // Large scores: the naive float32 form overflows, the shifted one does not.
  torch::Tensor big = torch::tensor({{100.0f, 99.0f, -5.0f}});
  torch::Tensor all = torch::ones({1, 3}, torch::kBool);
  torch::Tensor stable = softpick(big, all);
  EXPECT_TRUE(scalar(torch::isfinite(stable).all()) == 1.0);
  torch::Tensor reference = naive_softpick(big.to(torch::kFloat64), all);
  EXPECT_LT(scalar((stable.to(torch::kFloat64) - reference).abs().max()), 1e-6);
}

TEST(ModelSoftpick, RowWithNothingPositiveIsAllZero) {
  torch::Tensor x = torch::tensor({{-0.5, -2.0, 0.0, -30.0}, {1.0, -1.0, 300.0, 2.0}});
  torch::Tensor allowed = torch::tensor({{true, true, true, true}, {true, true, false, true}});
  x.requires_grad_(true);
  torch::Tensor y = softpick(x, allowed);
  EXPECT_EQ(scalar(y[0].abs().sum()), 0.0);
  EXPECT_EQ(scalar(y[1][2]), 0.0);  // masked, however large its score
  EXPECT_GT(scalar(y[1][3]), scalar(y[1][0]));
  EXPECT_LT(scalar(y[1].sum()), 1.0);  // not sum-to-one: the negative entry takes mass
  y.sum().backward();
  EXPECT_TRUE(scalar(torch::isfinite(x.grad()).all()) == 1.0);
  EXPECT_EQ(scalar(x.grad()[1][2]), 0.0);
}

TEST(ModelPositionBias, AlibiSlopesFollowThePaper) {
  torch::Tensor eight = alibi_slopes(8);
  for (int64_t i = 0; i < 8; ++i) EXPECT_DOUBLE_EQ(scalar(eight[i]), std::pow(2.0, -(i + 1.0)));
  // Not a power of two: the 4-head slopes, then every other of the 8-head ones.
  std::vector<double> six = {0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125};
  torch::Tensor got = alibi_slopes(6);
  for (int64_t i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(scalar(got[i]), six[static_cast<size_t>(i)]);
}

TEST(ModelPositionBias, T5BucketsAreExactThenLogarithmic) {
  torch::Tensor b = t5_buckets(300, 32, 128);
  auto bucket = [&](int64_t query, int64_t key) {
    return static_cast<int64_t>(scalar(b[query][key]));
  };
  EXPECT_EQ(bucket(10, 10), 0);
  EXPECT_EQ(bucket(10, 9), 1);    // one back
  EXPECT_EQ(bucket(10, 11), 17);  // one ahead: the other half
  EXPECT_EQ(bucket(20, 13), 7);   // the last exact offset
  EXPECT_EQ(bucket(20, 12), 8);   // the first logarithmic one
  EXPECT_EQ(bucket(200, 72), 15);
  EXPECT_EQ(bucket(0, 299), 31);
  EXPECT_THROW(t5_buckets(8, 2, 16), std::invalid_argument);
}

TEST(ModelPositionBias, SinusoidStartsAtSinZeroCosZero) {
  torch::Tensor table = sinusoidal_table(5, 6);
  EXPECT_EQ(table.sizes(), (std::vector<int64_t>{5, 6}));
  EXPECT_EQ(scalar(table[0][0]), 0.0);
  EXPECT_EQ(scalar(table[0][1]), 1.0);
  EXPECT_NEAR(scalar(table[1][0]), std::sin(1.0), 1e-6);
}

TEST(Model, BadSpecsThrow) {
  ModelSpec spec = small_spec(PositionKind::kRope);
  spec.heads = 5;  // 32 % 5
  EXPECT_THROW(Decoder{spec}, std::invalid_argument);
  spec = small_spec(PositionKind::kRope);
  spec.d_model = 12;  // head dim 3: nothing to rotate in pairs
  EXPECT_THROW(Decoder{spec}, std::invalid_argument);
  spec.position = PositionKind::kNope;
  EXPECT_NO_THROW(Decoder{spec});
  Decoder model = seeded_model(small_spec(PositionKind::kRope));
  EXPECT_THROW(model->forward(torch::zeros({1, 17}, torch::kInt64)), std::invalid_argument);
  EXPECT_THROW(parse_position("rotary"), std::invalid_argument);
  EXPECT_EQ(parse_position("t5-bias"), PositionKind::kT5Bias);
}

TEST(ModelSpecs, ParseEveryKeyAndRejectUnknownOnes) {
  nlohmann::json table = {{"d_model", 48},
                          {"heads", 6},
                          {"position", "hybrid"},
                          {"softmax", "softpick"},
                          {"hybrid_rope_share", 0.25}};
  ModelSpec spec = model_spec_from(table, "probes[0].model");
  EXPECT_EQ(spec.d_model, 48);
  EXPECT_EQ(spec.position, PositionKind::kHybrid);
  EXPECT_EQ(spec.softmax, SoftmaxKind::kSoftpick);
  nlohmann::json round = to_json(spec);
  round.erase("classes");  // derived from the task, not a key
  EXPECT_EQ(to_json(model_spec_from(round, "x")), to_json(spec));
  EXPECT_EQ(to_json(model_spec_from(nullptr, "x")), to_json(ModelSpec{}));
  auto message = [](const nlohmann::json& bad) {
    try {
      model_spec_from(bad, "probes[0].model");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no throw");
  };
  EXPECT_NE(message({{"head", 4}}).find("probes[0].model.head"), std::string::npos);
  EXPECT_NE(message({{"heads", 0}}).find("probes[0].model.heads"), std::string::npos);
  EXPECT_NE(message({{"heads", 5}}).find("multiple of heads"), std::string::npos);
  EXPECT_NE(message({{"position", "rotary"}}).find("probes[0].model.position"), std::string::npos);
  EXPECT_NE(message({{"classes", 4}}).find("classes"), std::string::npos);
}

}  // namespace
}  // namespace quire::probe
