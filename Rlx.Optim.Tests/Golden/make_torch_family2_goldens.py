#!/usr/bin/python3
"""Writes torch-family2-v1.json: PyTorch's Adagrad and RMSprop on the torch-v1 format's cases (Golden/README.md).

Run with Debian's own interpreter, which has python3-torch (1.13): /usr/bin/python3 make_torch_family2_goldens.py
The data is drawn exactly as for torch-v1.json (splitmix64, float32 draws, specialGrads into the first tensor at
every step), so the C# tests redraw it. Single-tensor code path (foreach=False), float32.
"""
import json
import struct

import numpy as np
import torch

from golden_values import SplitMix64, bits, f32

KINDS = {"adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop}


def state_names(optimizer, options):
    if optimizer == "adagrad":
        return ["sum"]
    names = ["square_avg"]
    if options.get("momentum", 0) > 0:
        names.append("momentum_buffer")
    if options.get("centered", False):
        names.append("grad_avg")
    return names


def make(name, optimizer, options, tensors, steps, seed, param_scale=1.0, grad_scale=1.0, special=()):
    rng = SplitMix64(seed)
    params = [torch.nn.Parameter(torch.from_numpy(rng.fill(n, param_scale))) for _, n in tensors]
    initial = [bits(p.detach().numpy()) for p in params]
    opt = KINDS[optimizer](params, foreach=False, **options)
    after_first = None
    for _ in range(steps):
        for k, p in enumerate(params):
            g = rng.fill(p.numel(), grad_scale)
            if k == 0:
                for index, value in special:
                    g[index] = struct.unpack("<f", struct.pack("<I", value))[0]
            p.grad = torch.from_numpy(g)
        opt.step()
        if after_first is None:
            after_first = [bits(p.detach().numpy()) for p in params]
    return {
        "name": name, "optimizer": optimizer, "options": options, "steps": steps, "seed": seed,
        "paramScale": param_scale, "gradScale": grad_scale, "specialGrads": [list(s) for s in special],
        "tensors": [
            {
                "name": tname, "length": n, "initial": initial[k], "afterFirstStep": after_first[k],
                "final": bits(params[k].detach().numpy()),
                "finalState": {s: bits(opt.state[params[k]][s].numpy()) for s in state_names(optimizer, options)},
            }
            for k, (tname, n) in enumerate(tensors)
        ],
    }


cases = [
    make("adagrad-defaults", "adagrad", {"lr": 0.01}, [("w", 37), ("b", 5)], 12, 31),
    # The decayed rate lr / (1 + (t − 1)·η), L2 decay, and a sum that starts at 0.1.
    make("adagrad-decay-accumulator", "adagrad",
         {"lr": 0.05, "lr_decay": 0.01, "weight_decay": 0.01, "initial_accumulator_value": 0.1, "eps": 1e-08},
         [("w", 45)], 20, 32),
    make("adagrad-maximize", "adagrad", {"lr": 0.01, "maximize": True}, [("w", 17)], 6, 33),
    # The sum's edges, at every step: 3e19 overflows it at once and 1e19 on the fourth step (each element then stops:
    # g/∞ = 0), 1e-20 and -1e-25 keep it subnormal (√sum ≪ ε), 0 leaves it 0 (the step is 0/ε).
    make("adagrad-overflow", "adagrad", {"lr": 0.01}, [("w", 24)], 6, 34,
         special=[(0, f32(3e19)), (1, f32(1e19)), (2, f32(1e-20)), (3, f32(0.0)), (4, f32(-1e-25))]),
    make("rmsprop-defaults", "rmsprop", {"lr": 0.01}, [("w", 37), ("b", 5)], 12, 41),
    make("rmsprop-centered", "rmsprop", {"lr": 0.01, "alpha": 0.9, "centered": True}, [("w", 50)], 15, 42),
    make("rmsprop-momentum", "rmsprop", {"lr": 0.01, "momentum": 0.9}, [("w", 40)], 15, 43),
    make("rmsprop-momentum-centered-decay", "rmsprop",
         {"lr": 0.005, "alpha": 0.95, "eps": 1e-06, "weight_decay": 0.01, "momentum": 0.5, "centered": True},
         [("w", 33)], 20, 44),
    make("rmsprop-maximize", "rmsprop", {"lr": 0.01, "maximize": True}, [("w", 17)], 6, 45),
]

with open("torch-family2-v1.json", "w") as f:
    f.write('{"format":"rlx-optim torch golden vectors v1","torch":"%s","cases":[\n' % torch.__version__)
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
