#!/usr/bin/python3
"""Writes torch-clip-v1.json: PyTorch's clip_grad_norm_ followed by its optimizer (Golden/README.md).

Run with Debian's own interpreter, which has python3-torch (1.13): /usr/bin/python3 make_torch_clip_goldens.py
The data is drawn exactly as for torch-v1.json (splitmix64, float32 draws), so the C# tests redraw it.
"""
import json
import struct

import numpy as np
import torch

from golden_values import SplitMix64, bits

def make(name, optimizer, options, tensors, lr_scales, max_norm, steps, seed, param_scale, grad_scale, special=()):
    rng = SplitMix64(seed)
    params = [torch.nn.Parameter(torch.from_numpy(rng.fill(n, param_scale))) for _, n in tensors]
    initial = [bits(p.detach().numpy()) for p in params]
    lr = options["lr"]
    groups = [dict(params=[p], lr=lr * s) for p, s in zip(params, lr_scales)]
    kind = {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "sgd": torch.optim.SGD}[optimizer]
    opt = kind(groups, foreach=False, **{k: v for k, v in options.items() if k != "lr"})
    norms, after_first = [], None
    for _ in range(steps):
        for k, p in enumerate(params):
            g = rng.fill(p.numel(), grad_scale)
            if k == 0:
                for index, value in special:
                    g[index] = struct.unpack("<f", struct.pack("<I", value))[0]
            p.grad = torch.from_numpy(g)
        if max_norm is not None:
            norms.append(float(torch.nn.utils.clip_grad_norm_(params, max_norm)))
        opt.step()
        if after_first is None:
            after_first = [bits(p.detach().numpy()) for p in params]
    state_names = {"adam": ["exp_avg", "exp_avg_sq"], "adamw": ["exp_avg", "exp_avg_sq"], "sgd": ["momentum_buffer"]}[optimizer]
    return {
        "name": name, "optimizer": optimizer, "options": options, "steps": steps, "seed": seed,
        "paramScale": param_scale, "gradScale": grad_scale, "specialGrads": [list(s) for s in special],
        "maxNorm": max_norm, "lrScales": lr_scales, "norms": bits(norms),
        "tensors": [
            {
                "name": tname, "length": n, "initial": initial[k], "afterFirstStep": after_first[k],
                "final": bits(params[k].detach().numpy()),
                "finalState": {s: bits(opt.state[params[k]][s].numpy()) for s in state_names},
            }
            for k, (tname, n) in enumerate(tensors)
        ],
    }


INF = 0x7F800000
cases = [
    # Clipped every step; w spans two norm blocks of 4096.
    make("adam-clip", "adam", {"lr": 0.001}, [("w", 5000), ("b", 37)], [1.0, 1.0], 1.0, 8, 101, 1.0, 1.0),
    # A norm the gradients never reach: the factor is clamped to 1.
    make("adamw-clip-loose", "adamw", {"lr": 0.01, "weight_decay": 0.01}, [("w", 300), ("b", 20)], [1.0, 1.0], 1000.0, 6, 102, 1.0, 1.0),
    make("sgd-clip", "sgd", {"lr": 0.1, "momentum": 0.9}, [("w", 100), ("v", 4100)], [1.0, 1.0], 0.5, 6, 103, 1.0, 2.0),
    # Per-set learning rates as PyTorch parameter groups, with clipping.
    make("adam-lr-scale-clip", "adam", {"lr": 0.01}, [("w", 64), ("b", 16)], [1.0, 0.1], 2.0, 6, 104, 1.0, 1.0),
    # A group with lr = 0: θ does not move, its state still follows the gradients.
    make("adam-lr-scale-zero", "adam", {"lr": 0.01}, [("w", 64), ("b", 16)], [0.0, 1.0], None, 5, 105, 1.0, 1.0),
    # An infinite gradient element with clipping and no skip: the norm is infinite, the factor 0, g·0 is NaN there.
    make("adam-clip-inf", "adam", {"lr": 0.001}, [("w", 40)], [1.0], 1.0, 3, 106, 1.0, 1.0, special=[(3, INF)]),
]

with open("torch-clip-v1.json", "w") as f:
    f.write('{"format":"rlx-optim torch clip golden vectors v1","torch":"%s","cases":[\n' % torch.__version__)
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
