#!/usr/bin/python3
"""Writes lamb-v1.json and lamb-clip-v1.json: LAMB as Optax's optax.lamb computes it, in float32 (Golden/README.md).

PyTorch 1.13 has no LAMB, so this is a float32 reference written from the algorithm of You et al. 2020 ("Large Batch
Optimization for Deep Learning") with the semantics of Optax's optax.lamb, which chains
  scale_by_adam(b1, b2, eps, eps_root)    m = (1-b1)g + b1 m, v = (1-b2)g^2 + b2 v, u = m^ / (sqrt(v^ + eps_root) + eps)
  add_decayed_weights(weight_decay)       u += weight_decay * theta
  scale_by_trust_ratio()                  u *= ||theta|| / ||u||, or 1 when either norm is 0 (min_norm 0, coefficient 1, eps 0)
  scale_by_learning_rate(lr)              theta += -lr * u
per leaf (one parameter set = one leaf), with the bias corrections 1 - b^t in float32 as JAX computes them.
numpy is used only as a float32 calculator. Run with Debian's interpreter: /usr/bin/python3 make_lamb_goldens.py

The data is drawn exactly as for torch-v1.json (splitmix64, float32 draws, specialGrads into the first tensor at every
step), so the C# tests redraw it; the files have torch-v1's format (and torch-clip-v1's for the clipping case, whose
clipping is PyTorch's clip_grad_norm_, done with torch as a float32 calculator).
"""
import json
import struct

import numpy as np
import torch

from golden_values import SplitMix64, bits

F = np.float32


def norm(x):
    return np.sqrt(np.sum(x * x, dtype=np.float32), dtype=np.float32)


class Lamb:
    """optax.lamb's update of one leaf, in float32."""

    def __init__(self, lr, b1=0.9, b2=0.999, eps=1e-6, eps_root=0.0, weight_decay=0.0):
        self.lr, self.b1, self.b2, self.eps, self.eps_root, self.wd = lr, b1, b2, eps, eps_root, weight_decay

    def step(self, p, g, m, v, t):
        m[:] = F(1.0 - self.b1) * g + F(self.b1) * m
        v[:] = F(1.0 - self.b2) * (g * g) + F(self.b2) * v
        m_hat = m / (F(1.0) - F(self.b1) ** F(t))
        v_hat = v / (F(1.0) - F(self.b2) ** F(t))
        u = m_hat / (np.sqrt(v_hat + F(self.eps_root)) + F(self.eps))
        u = u + F(self.wd) * p
        p_norm, u_norm = norm(p), norm(u)
        ratio = F(1.0) if p_norm == 0 or u_norm == 0 else p_norm / u_norm
        u = u * ratio
        p[:] = p + F(-self.lr) * u


def make(name, options, tensors, steps, seed, param_scale=1.0, grad_scale=1.0, special=(), max_norm=None):
    rng = SplitMix64(seed)
    params = [rng.fill(n, param_scale) for _, n in tensors]
    initial = [bits(p) for p in params]
    moments = [(np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)) for _, n in tensors]
    rule = Lamb(**options)
    norms, after_first = [], None
    for t in range(1, steps + 1):
        grads = []
        for k, p in enumerate(params):
            g = rng.fill(p.size, grad_scale)
            if k == 0:
                for index, value in special:
                    g[index] = struct.unpack("<f", struct.pack("<I", value))[0]
            grads.append(g)
        if max_norm is not None:
            tensors_ = [torch.nn.Parameter(torch.from_numpy(p.copy())) for p in params]
            for tensor, g in zip(tensors_, grads):
                tensor.grad = torch.from_numpy(g.copy())
            norms.append(float(torch.nn.utils.clip_grad_norm_(tensors_, max_norm)))
            grads = [tensor.grad.numpy() for tensor in tensors_]
        for k, p in enumerate(params):
            rule.step(p, grads[k], moments[k][0], moments[k][1], t)
        if after_first is None:
            after_first = [bits(p) for p in params]
    case = {
        "name": name, "optimizer": "lamb", "options": options, "steps": steps, "seed": seed,
        "paramScale": param_scale, "gradScale": grad_scale, "specialGrads": [list(s) for s in special],
    }
    if max_norm is not None:
        case.update({"maxNorm": max_norm, "lrScales": [1.0] * len(tensors), "norms": bits(norms)})
    case["tensors"] = [
        {
            "name": tname, "length": n, "initial": initial[k], "afterFirstStep": after_first[k], "final": bits(params[k]),
            "finalState": {"exp_avg": bits(moments[k][0]), "exp_avg_sq": bits(moments[k][1])},
        }
        for k, (tname, n) in enumerate(tensors)
    ]
    return case


cases = [
    make("lamb-defaults", {"lr": 0.001}, [("w", 37), ("b", 5)], 12, 51),
    make("lamb-weight-decay", {"lr": 0.01, "b1": 0.8, "b2": 0.99, "eps": 1e-8, "weight_decay": 0.01}, [("w", 45)], 20, 52),
    # θ starts at 0 (±0): ‖θ‖ = 0 gives the ratio 1 on the first step, then the norms take over.
    make("lamb-zero-parameters", {"lr": 0.01}, [("w", 33), ("b", 3)], 5, 53, param_scale=0.0),
    # g = 0 without decay: u = 0, the ratio is 1 and θ does not move.
    make("lamb-zero-gradients", {"lr": 0.01}, [("w", 20)], 3, 54, grad_scale=0.0),
    # Sets of different sizes in one step, one of them over two norm blocks of 4096, one of a single element.
    make("lamb-sets", {"lr": 0.002, "weight_decay": 0.001, "eps_root": 1e-10}, [("w", 4500), ("b", 37), ("s", 1)], 6, 55),
]

clip_cases = [
    # Clipped every step (PyTorch's clip_grad_norm_ over both sets), then LAMB.
    make("lamb-clip", {"lr": 0.001, "weight_decay": 0.01}, [("w", 5000), ("b", 37)], 6, 56, max_norm=1.0),
]

HEADER = '{"format":"rlx-optim torch golden vectors v1","torch":"%s","cases":[\n'
with open("lamb-v1.json", "w") as f:
    f.write(HEADER % ("none: float32 reference of optax.lamb, numpy " + np.__version__))
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")

with open("lamb-clip-v1.json", "w") as f:
    f.write('{"format":"rlx-optim torch clip golden vectors v1","torch":"%s","cases":[\n' % torch.__version__)
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in clip_cases))
    f.write("\n]}\n")
