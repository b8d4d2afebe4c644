#include "model.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "position_bias.hpp"
#include "rope.hpp"

namespace quire::probe {
namespace {

namespace nn = torch::nn;

struct NamedPosition {
  const char* name;
  PositionKind kind;
};
constexpr NamedPosition kPositions[] = {
    {"rope", PositionKind::kRope},      {"nope", PositionKind::kNope},
    {"alibi", PositionKind::kAlibi},    {"absolute", PositionKind::kAbsolute},
    {"t5-bias", PositionKind::kT5Bias}, {"random", PositionKind::kRandom},
    {"hybrid", PositionKind::kHybrid},
};

// One pre-norm block: x + attn(LN(x)), then + ff(LN(x)).
struct BlockImpl : nn::Module {
  BlockImpl(const ModelSpec& spec)
      : norm1(register_module("norm1", nn::LayerNorm(nn::LayerNormOptions({spec.d_model})))),
        qkv(register_module("qkv", nn::Linear(spec.d_model, 3 * spec.d_model))),
        out(register_module("out", nn::Linear(spec.d_model, spec.d_model))),
        norm2(register_module("norm2", nn::LayerNorm(nn::LayerNormOptions({spec.d_model})))),
        ff_in(register_module("ff_in", nn::Linear(spec.d_model, spec.d_ff))),
        ff_out(register_module("ff_out", nn::Linear(spec.d_ff, spec.d_model))),
        dropout(register_module("dropout", nn::Dropout(spec.dropout))) {}

  nn::LayerNorm norm1;
  nn::Linear qkv, out;
  nn::LayerNorm norm2;
  nn::Linear ff_in, ff_out;
  nn::Dropout dropout;
};
TORCH_MODULE(Block);

void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument("model: " + message);
}

// Each head's rotated dims: all of them for rope, the hybrid share rounded to an even count
// (rotation works on pairs), none otherwise.
int64_t rotary_dims_of(const ModelSpec& spec) {
  int64_t head_dim = spec.d_model / spec.heads;
  if (spec.position == PositionKind::kRope) {
    require(head_dim % 2 == 0, "rope needs an even head dimension (d_model / heads = " +
                                   std::to_string(head_dim) + ")");
    return head_dim;
  }
  if (spec.position != PositionKind::kHybrid) return 0;
  require(spec.hybrid_rope_share >= 0.0 && spec.hybrid_rope_share <= 1.0,
          "hybrid_rope_share must be in [0, 1]");
  int64_t dims = 2 * std::llround(spec.hybrid_rope_share * static_cast<double>(head_dim) / 2.0);
  return std::min(dims, head_dim - head_dim % 2);
}

void validate(const ModelSpec& spec) {
  require(spec.vocab >= 1 && spec.d_model >= 1 && spec.heads >= 1 && spec.layers >= 1 &&
              spec.d_ff >= 1 && spec.max_len >= 1 && spec.classes >= 1,
          "vocab, d_model, heads, layers, d_ff, max_len and classes must be positive");
  require(spec.d_model % spec.heads == 0, "d_model (" + std::to_string(spec.d_model) +
                                              ") must be a multiple of heads (" +
                                              std::to_string(spec.heads) + ")");
  require(spec.dropout >= 0.0 && spec.dropout < 1.0, "dropout must be in [0, 1)");
  require(spec.rope_base > 1.0, "rope_base must be above 1");
}

}  // namespace

PositionKind parse_position(const std::string& name) {
  for (const auto& entry : kPositions)
    if (name == entry.name) return entry.kind;
  std::string accepted;
  for (const auto& entry : kPositions)
    accepted += std::string(accepted.empty() ? "" : ", ") + "\"" + entry.name + "\"";
  throw std::invalid_argument("position must be one of " + accepted + ", not \"" + name + "\"");
}

std::string position_name(PositionKind kind) {
  for (const auto& entry : kPositions)
    if (kind == entry.kind) return entry.name;
  return "unknown";
}

SoftmaxKind parse_softmax(const std::string& name) {
  if (name == "softmax") return SoftmaxKind::kSoftmax;
  if (name == "softpick") return SoftmaxKind::kSoftpick;
  throw std::invalid_argument("softmax must be \"softmax\" or \"softpick\", not \"" + name + "\"");
}

std::string softmax_name(SoftmaxKind kind) {
  return kind == SoftmaxKind::kSoftpick ? "softpick" : "softmax";
}

torch::Tensor softpick(const torch::Tensor& scores, const torch::Tensor& allowed) {
  // Multiplying top and bottom by e^-m, m = max(0, largest allowed score), keeps every exp at
  // most 1 and leaves the value unchanged (eps is scaled too), so m needs no gradient.
  torch::Tensor blocked = allowed.logical_not();
  torch::Tensor m =
      std::get<0>(scores.masked_fill(blocked, -std::numeric_limits<double>::infinity())
                      .max(-1, /*keepdim=*/true))
          .clamp_min(0.0)
          .detach();
  torch::Tensor floor = torch::exp(-m);
  // Blocked scores are replaced before exp so neither value nor gradient can overflow there.
  torch::Tensor shifted = torch::exp(scores.masked_fill(blocked, 0.0) - m) - floor;
  shifted = shifted.masked_fill(blocked, 0.0);
  constexpr double kEps = 1e-6;
  return torch::relu(shifted) / (shifted.abs().sum(-1, /*keepdim=*/true) + kEps * floor);
}

struct DecoderImpl::Parts {
  nn::Embedding tokens{nullptr};
  nn::Embedding positions{nullptr};  // random: a trainable table added to the embeddings
  nn::Embedding t5_bias{nullptr};    // t5-bias: [buckets, heads], shared by all layers as in T5
  std::vector<Block> blocks;
  nn::LayerNorm final_norm{nullptr};
  nn::Linear classifier{nullptr};
  nn::Dropout dropout{nullptr};
  // Buffers (follow the module to its device).
  torch::Tensor sinusoid, slopes, buckets, rope_cos, rope_sin;
  int64_t rotary_dims = 0;
};

DecoderImpl::DecoderImpl(const ModelSpec& spec) : spec_(spec), parts_(std::make_shared<Parts>()) {
  validate(spec);
  Parts& p = *parts_;
  p.rotary_dims = rotary_dims_of(spec);
  p.tokens = register_module("tokens", nn::Embedding(spec.vocab, spec.d_model));
  if (spec.position == PositionKind::kRandom)
    p.positions = register_module("positions", nn::Embedding(spec.max_len, spec.d_model));
  if (spec.position == PositionKind::kT5Bias) {
    p.buckets = register_buffer("t5_buckets",
                                t5_buckets(spec.max_len, spec.t5_buckets, spec.t5_max_distance));
    p.t5_bias = register_module("t5_bias", nn::Embedding(spec.t5_buckets, spec.heads));
  }
  if (spec.position == PositionKind::kAbsolute)
    p.sinusoid = register_buffer("sinusoid", sinusoidal_table(spec.max_len, spec.d_model));
  if (spec.position == PositionKind::kAlibi)
    p.slopes = register_buffer("alibi_slopes", alibi_slopes(spec.heads));
  if (p.rotary_dims > 0) {
    RotaryTable table =
        rotary_table(spec.max_len, p.rotary_dims, spec.rope_base, torch::kFloat32, torch::kCPU);
    p.rope_cos = register_buffer("rope_cos", table.cos);
    p.rope_sin = register_buffer("rope_sin", table.sin);
  }
  for (int64_t i = 0; i < spec.layers; ++i)
    p.blocks.push_back(register_module("block" + std::to_string(i), Block(spec)));
  p.final_norm = register_module("final_norm", nn::LayerNorm(nn::LayerNormOptions({spec.d_model})));
  p.classifier = register_module("classifier", nn::Linear(spec.d_model, spec.classes));
  p.dropout = register_module("dropout", nn::Dropout(spec.dropout));
}

namespace {

// What every layer's attention shares in one forward pass.
struct AttentionContext {
  int64_t heads = 0, head_dim = 0;
  SoftmaxKind softmax = SoftmaxKind::kSoftmax;
  torch::Tensor bias;              // [1, H, T, T] or undefined
  torch::Tensor allowed, blocked;  // [T, T]
  RotaryTable rotary;
  int64_t rotary_dims = 0;
  int64_t ablate_head = -1;  // in this layer; -1 = none
  Capture* capture = nullptr;
};

// Additive score bias [1, H, T, T] for alibi and t5-bias; undefined otherwise. ALiBi uses
// -slope * |i - j| for both masks (under the causal mask only j <= i is read, where it is the
// paper's -slope * (i - j)). T5 buckets are always the bidirectional kind: one table serves both
// masks, and under the causal mask the future half is simply never read.
torch::Tensor score_bias(PositionKind kind, const torch::Tensor& slopes,
                         const torch::Tensor& buckets, nn::Embedding& t5_bias, int64_t length) {
  if (kind == PositionKind::kAlibi) {
    torch::Tensor index = torch::arange(0, length, slopes.options());
    torch::Tensor distance = (index.unsqueeze(1) - index.unsqueeze(0)).abs();
    return -slopes.view({1, -1, 1, 1}) * distance.unsqueeze(0);
  }
  if (kind == PositionKind::kT5Bias)
    return t5_bias(buckets.narrow(0, 0, length).narrow(1, 0, length))
        .permute({2, 0, 1})
        .unsqueeze(0);
  return {};
}

// The attention sublayer on normed input x [B, T, d]: its output before the residual add.
torch::Tensor attend(Block& block, const torch::Tensor& x, const AttentionContext& c) {
  const int64_t batch = x.size(0), length = x.size(1);
  torch::Tensor qkv = block->qkv(x)
                          .view({batch, length, 3, c.heads, c.head_dim})
                          .permute({2, 0, 3, 1, 4});  // [3, B, H, T, dh]
  torch::Tensor q = qkv[0], k = qkv[1], v = qkv[2];
  if (c.rotary_dims > 0) {
    q = apply_rotary(q, c.rotary, c.rotary_dims);
    k = apply_rotary(k, c.rotary, c.rotary_dims);
  }
  torch::Tensor scores =
      torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(c.head_dim));
  if (c.bias.defined()) scores = scores + c.bias;
  // -inf only with softmax: exp(-inf) is exactly 0, so a causal row reads nothing of the future
  // (position 0 reads exactly its own value). Softpick masks by itself.
  torch::Tensor weights =
      c.softmax == SoftmaxKind::kSoftmax
          ? torch::softmax(scores.masked_fill(c.blocked, -std::numeric_limits<double>::infinity()),
                           -1)
          : softpick(scores, c.allowed);
  if (c.capture) c.capture->attention.push_back(weights.detach());
  torch::Tensor head_out = torch::matmul(block->dropout(weights), v);  // [B, H, T, dh]
  if (c.ablate_head >= 0) {
    torch::Tensor index = torch::tensor({c.ablate_head}, torch::kInt64).to(head_out.device());
    head_out = head_out.index_fill(1, index, 0.0);
  }
  if (c.capture) c.capture->head_out.push_back(head_out.detach());
  return block->out(head_out.transpose(1, 2).reshape({batch, length, c.heads * c.head_dim}));
}

}  // namespace

torch::Tensor DecoderImpl::forward(const torch::Tensor& tokens, const ForwardOptions& options,
                                   Capture* capture) {
  if (tokens.dim() != 2) throw std::invalid_argument("model: tokens must be [batch, length]");
  const int64_t length = tokens.size(1);
  if (length < 1 || length > spec_.max_len)
    throw std::invalid_argument("model: sequence length " + std::to_string(length) +
                                " is outside [1, max_len = " + std::to_string(spec_.max_len) + "]");
  if (options.ablate) {
    auto [layer, head] = *options.ablate;
    if (layer < 0 || layer >= spec_.layers || head < 0 || head >= spec_.heads)
      throw std::invalid_argument("model: no head (" + std::to_string(layer) + ", " +
                                  std::to_string(head) + ") to ablate");
  }
  if (capture) *capture = Capture{};
  Parts& p = *parts_;

  torch::Tensor x = p.tokens(tokens);
  if (spec_.position == PositionKind::kAbsolute) x = x + p.sinusoid.narrow(0, 0, length);
  if (spec_.position == PositionKind::kRandom) x = x + p.positions->weight.narrow(0, 0, length);
  x = p.dropout(x);
  if (capture) capture->embedded = x.detach();

  AttentionContext context;
  context.heads = spec_.heads;
  context.head_dim = spec_.d_model / spec_.heads;
  context.softmax = spec_.softmax;
  context.bias = score_bias(spec_.position, p.slopes, p.buckets, p.t5_bias, length);
  context.allowed = torch::ones({length, length}, x.options().dtype(torch::kBool));
  if (options.mask == MaskKind::kCausal) context.allowed = context.allowed.tril();
  context.blocked = context.allowed.logical_not();
  context.rotary = {p.rope_cos, p.rope_sin};
  context.rotary_dims = p.rotary_dims;
  context.capture = capture;

  for (int64_t layer = 0; layer < spec_.layers; ++layer) {
    Block& block = p.blocks[static_cast<size_t>(layer)];
    context.ablate_head =
        options.ablate && options.ablate->first == layer ? options.ablate->second : -1;
    torch::Tensor attn_out = attend(block, block->norm1(x), context);
    if (capture) capture->attn_out.push_back(attn_out.detach());
    x = x + block->dropout(attn_out);
    x = x + block->dropout(block->ff_out(torch::gelu(block->ff_in(block->norm2(x)))));
    if (capture) capture->residual.push_back(x.detach());
  }
  return p.classifier(p.final_norm(x.select(1, length - 1)));
}

}  // namespace quire::probe
