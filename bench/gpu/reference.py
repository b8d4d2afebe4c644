#!/usr/bin/env python3
"""The gpu-probe training step in eager PyTorch, as a Python user would write it: the anchor
that bench/gpu/run times the LibTorch plugin against.

The model mirrors plugins/gpu_probe/core/model.cpp op for op (pre-norm blocks with one fused
q/k/v projection, half-split RoPE on each head, attention written out with a -inf causal mask,
exact GELU, a final LayerNorm and a classifier read at the last position; the same dropout
sites), so both sides have the same parameters and do the same arithmetic. The step is AdamW
(PyTorch's default implementation), a cosine schedule with linear warm-up, cross-entropy, bf16
autocast for the forward pass on CUDA (fp32 on the CPU), and the same determinism switches the
plugin's select_device() sets. Batches are rows of a token table held on the device, picked by indices drawn on the host.

Prints one JSON line: {"impl": "pytorch-eager", "steps_per_s": ..., ...}.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

# The sizes bench/gpu/bench_train_step.cpp uses under the same names.
SIZES = {
    # seed 004, Appendix D, Table 3 (Task 1: 10 distance bins)
    "paper": dict(layers=6, d_model=256, heads=16, d_ff=512, vocab=574, length=128, batch=512,
                  classes=10, dropout=0.1),
    # the CI scale of the probes
    "tiny": dict(layers=2, d_model=64, heads=4, d_ff=128, vocab=64, length=32, batch=64,
                 classes=8, dropout=0.1),
}


def rotary_table(positions, dim, base=10000.0):
    """cos/sin [positions, dim/2] of position * base^(-2i/dim), angles in float64."""
    inv = base ** (-2.0 * torch.arange(dim // 2, dtype=torch.float64) / dim)
    angles = torch.outer(torch.arange(positions, dtype=torch.float64), inv)
    return torch.cos(angles).float(), torch.sin(angles).float()


def rotate_halves(x, cos, sin):
    half = x.shape[-1] // 2
    a, b = x[..., :half], x[..., half:]
    return torch.cat([a * cos - b * sin, a * sin + b * cos], dim=-1)


class Block(nn.Module):
    def __init__(self, d_model, d_ff, dropout):
        super().__init__()
        self.norm1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.ff_in = nn.Linear(d_model, d_ff)
        self.ff_out = nn.Linear(d_ff, d_model)
        self.dropout = nn.Dropout(dropout)


class Decoder(nn.Module):
    """RoPE decoder; logits [B, classes] from the last position."""

    def __init__(self, s):
        super().__init__()
        self.heads, self.head_dim = s["heads"], s["d_model"] // s["heads"]
        self.tokens = nn.Embedding(s["vocab"], s["d_model"])
        self.blocks = nn.ModuleList(
            Block(s["d_model"], s["d_ff"], s["dropout"]) for _ in range(s["layers"]))
        self.final_norm = nn.LayerNorm(s["d_model"])
        self.classifier = nn.Linear(s["d_model"], s["classes"])
        self.dropout = nn.Dropout(s["dropout"])
        cos, sin = rotary_table(s["length"], self.head_dim)
        self.register_buffer("rope_cos", cos)
        self.register_buffer("rope_sin", sin)

    def attend(self, block, x, blocked):
        batch, length, _ = x.shape
        qkv = block.qkv(x).view(batch, length, 3, self.heads, self.head_dim)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)  # each [B, H, T, dh]
        cos, sin = self.rope_cos[:length], self.rope_sin[:length]
        q, k = rotate_halves(q, cos, sin), rotate_halves(k, cos, sin)
        scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(self.head_dim)
        weights = torch.softmax(scores.masked_fill(blocked, float("-inf")), dim=-1)
        heads = torch.matmul(block.dropout(weights), v)
        return block.out(heads.transpose(1, 2).reshape(batch, length, -1))

    def forward(self, tokens):
        length = tokens.shape[1]
        allowed = torch.ones(length, length, dtype=torch.bool, device=tokens.device).tril()
        blocked = allowed.logical_not()
        x = self.dropout(self.tokens(tokens))
        for block in self.blocks:
            x = x + block.dropout(self.attend(block, block.norm1(x), blocked))
            x = x + block.dropout(block.ff_out(F.gelu(block.ff_in(block.norm2(x)))))
        return self.classifier(self.final_norm(x[:, length - 1]))


def pick_device(want):
    if want == "cuda" and not torch.cuda.is_available():
        sys.exit("reference.py: --device cuda but this PyTorch sees no CUDA device")
    if want != "cpu" and torch.cuda.is_available():
        # What select_device() asks of LibTorch on CUDA; cuBLAS reads it at its first handle.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False
        return torch.device("cuda", 0), torch.cuda.get_device_name(0)
    torch.use_deterministic_algorithms(True)
    return torch.device("cpu"), "cpu"


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", choices=sorted(SIZES), default="tiny")
    ap.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="bf16",
                    help="bf16 autocast applies on CUDA only, as in the plugin")
    ap.add_argument("--steps", type=int, default=50, help="timed steps")
    ap.add_argument("--warmup", type=int, default=5, help="untimed steps first")
    ap.add_argument("--batch", type=int, default=0, help="override the size's batch")
    ap.add_argument("--threads", type=int, default=1, help="CPU intra-op threads")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    s = dict(SIZES[args.size])
    if args.batch > 0:
        s["batch"] = args.batch
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    device, device_name = pick_device(args.device)
    bf16 = device.type == "cuda" and args.precision == "bf16"

    model = Decoder(s).to(device)
    model.train()
    total = args.warmup + args.steps
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=1e-5,
                                  betas=(0.98, 0.9))
    warm = max(1, int(0.06 * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: (step + 1) / warm if step < warm
        else 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm))))
    # A table of examples on the device (as many as the C++ driver trains on: four batches).
    examples = 4 * s["batch"]
    table_x = torch.randint(0, s["vocab"], (examples, s["length"]), device=device)
    table_y = torch.randint(0, s["classes"], (examples,), device=device)

    def step():
        # Rows drawn on the host and copied over, as the plugin's train_model() does.
        index = torch.randint(0, examples, (s["batch"],)).to(device)
        x, y = table_x.index_select(0, index), table_y.index_select(0, index)
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=bf16):
            logits = model(x)
        loss = F.cross_entropy(logits.float(), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        schedule.step()
        return loss

    for _ in range(args.warmup):
        step()
    sync(device)
    start = time.perf_counter()
    for _ in range(args.steps):
        loss = step()
    sync(device)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "impl": "pytorch-eager", "size": args.size, "device": device_name,
        "precision": "bf16" if bf16 else "fp32", "torch": torch.__version__,
        "cuda": torch.version.cuda, "threads": args.threads, "batch": s["batch"],
        "params": sum(p.numel() for p in model.parameters()), "steps": args.steps,
        "warmup": args.warmup, "seconds": seconds, "steps_per_s": args.steps / seconds,
        "last_loss": float(loss)}))


if __name__ == "__main__":
    main()
