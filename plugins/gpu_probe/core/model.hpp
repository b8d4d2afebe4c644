// A small decoder-only transformer for the probes: pre-norm blocks (LayerNorm, multi-head
// attention, GELU feed-forward), one of seven position schemes, softmax or softpick attention,
// and a classifier read at the last position. Written out op by op (no fused attention) so a
// probe can zero one head and read every attention map and residual state.
#pragma once

#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::probe {

enum class PositionKind { kRope, kNope, kAlibi, kAbsolute, kT5Bias, kRandom, kHybrid };
enum class SoftmaxKind { kSoftmax, kSoftpick };
enum class MaskKind { kCausal, kBidirectional };

// "rope" | "nope" | "alibi" | "absolute" | "t5-bias" | "random" | "hybrid"; throws
// std::invalid_argument naming the accepted values otherwise.
PositionKind parse_position(const std::string& name);
std::string position_name(PositionKind kind);
SoftmaxKind parse_softmax(const std::string& name);  // "softmax" | "softpick"
std::string softmax_name(SoftmaxKind kind);

struct ModelSpec {
  int64_t vocab = 64;
  int64_t d_model = 64;
  int64_t heads = 4;
  int64_t layers = 2;
  int64_t d_ff = 128;
  int64_t max_len = 32;
  int64_t classes = 8;
  double dropout = 0.0;
  PositionKind position = PositionKind::kRope;
  SoftmaxKind softmax = SoftmaxKind::kSoftmax;
  double rope_base = 10000.0;
  // hybrid: the share of each head's dims that are rotated (the rest are NoPE), MLA-style.
  double hybrid_rope_share = 0.5;
  // t5-bias: relative-position buckets and the distance beyond which buckets are logarithmic.
  int64_t t5_buckets = 32;
  int64_t t5_max_distance = 128;
};

struct ForwardOptions {
  MaskKind mask = MaskKind::kCausal;
  // Zero this head's output (layer, head), before the output projection.
  std::optional<std::pair<int64_t, int64_t>> ablate;
};

// Everything a probe may read from one forward pass (filled only when asked for).
struct Capture {
  std::vector<torch::Tensor> attention;  // per layer: [B, H, T, T] attention weights
  std::vector<torch::Tensor> head_out;   // per layer: [B, H, T, d_head] per-head outputs
  std::vector<torch::Tensor> attn_out;   // per layer: [B, T, d_model] attention sublayer output
  std::vector<torch::Tensor> residual;   // per layer: [B, T, d_model] residual stream after block
  torch::Tensor embedded;                // [B, T, d_model] input to the first block
};

class DecoderImpl : public torch::nn::Module {
 public:
  explicit DecoderImpl(const ModelSpec& spec);

  // tokens [B, T] (int64, T <= max_len) -> logits [B, classes] from the last position.
  torch::Tensor forward(const torch::Tensor& tokens, const ForwardOptions& options = {},
                        Capture* capture = nullptr);

  const ModelSpec& spec() const { return spec_; }

 private:
  ModelSpec spec_;
  // Implementation members (embeddings, blocks, norms, head) are the .cpp's business.
  struct Parts;
  std::shared_ptr<Parts> parts_;
};
TORCH_MODULE(Decoder);

// Softpick (arXiv 2504.20966): relu(e^x - 1) / sum |e^x - 1|, computed stably, over the last
// dim; entries where `allowed` is false count neither above nor below the line.
torch::Tensor softpick(const torch::Tensor& scores, const torch::Tensor& allowed);

}  // namespace quire::probe
