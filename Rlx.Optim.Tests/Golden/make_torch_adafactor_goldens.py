#!/usr/bin/python3
"""Writes torch-adafactor-v1.json: Adafactor as PyTorch 2.5+ defines it (torch.optim.Adafactor, torch/optim/_adafactor.py,
single-tensor path), which PyTorch 1.13 lacks. The rule is written here from that file's documented algorithm and
its single-tensor semantics, with torch 1.13's float32 tensor operations as the calculator (Golden/README.md).

Run with Debian's own interpreter, which has python3-torch (1.13): /usr/bin/python3 make_torch_adafactor_goldens.py
The data is drawn exactly as for torch-v1.json (splitmix64, float32 draws, specialGrads into the first tensor at every
step). Each tensor also has its `shape`; the state is PyTorch's: `row_var` (shape [..., R, 1]) and `col_var`
([..., 1, C]) for two or more dimensions, `variance` (the tensor's shape) otherwise.
"""
import json
import struct

import numpy as np
import torch

from golden_values import SplitMix64, bits, f32

class Adafactor:
    """torch.optim.Adafactor's single-tensor step. Scalars that PyTorch computes in Python (the step's powers, rho,
    alpha, the clipping denominator) are Python floats (double) here too; tensors are float32."""

    def __init__(self, params, lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3), d=1.0, weight_decay=0.0, maximize=False):
        self.params = params
        self.lr, self.beta2_decay, self.d, self.weight_decay, self.maximize = lr, beta2_decay, d, weight_decay, maximize
        self.eps1, self.eps2 = eps
        self.state = {}
        self.denominators = []

    def step(self):
        for p in self.params:
            grad = -p.grad if self.maximize else p.grad
            state = self.state.setdefault(p, {})
            if not state:
                state["step"] = 0.0
                if grad.dim() > 1:
                    state["row_var"] = torch.zeros(list(grad.shape[:-1]) + [1], dtype=torch.float32)
                    state["col_var"] = torch.zeros(list(grad.shape[:-2]) + [1, grad.shape[-1]], dtype=torch.float32)
                else:
                    state["variance"] = torch.zeros_like(grad)
            eps1 = torch.finfo(p.dtype).eps if self.eps1 is None else self.eps1
            state["step"] += 1.0
            t = state["step"]
            one_minus_beta2_t = t ** self.beta2_decay
            rho_t = min(self.lr, 1 / (t ** 0.5))
            # RMS(θ) of the parameters before the decoupled decay.
            alpha = max(self.eps2, p.norm(2).item() / (p.numel() ** 0.5)) * rho_t
            if self.weight_decay != 0:
                p.mul_(1 - self.lr * self.weight_decay)
            if grad.dim() > 1:
                row_mean = torch.linalg.vector_norm(grad, dim=-1, keepdim=True).square_().div_(grad.size(-1))
                state["row_var"].lerp_(row_mean, one_minus_beta2_t)
                col_mean = torch.linalg.vector_norm(grad, dim=-2, keepdim=True).square_().div_(grad.size(-2))
                state["col_var"].lerp_(col_mean, one_minus_beta2_t)
                var_estimate = state["row_var"] @ state["col_var"]
                var_estimate.div_(state["row_var"].mean(dim=-2, keepdim=True).clamp_(min=eps1))
            else:
                state["variance"].lerp_(grad * grad, one_minus_beta2_t)
                var_estimate = state["variance"].clone()
            update = var_estimate.clamp_(min=eps1 * eps1).rsqrt_()
            update.mul_(grad)
            denom = max(1.0, update.norm(2).item() / ((update.numel() ** 0.5) * self.d))
            self.denominators.append(denom)
            p.add_(update, alpha=-alpha / denom)


def state_names(shape):
    return ["row_var", "col_var"] if len(shape) > 1 else ["variance"]


def make(name, options, tensors, steps, seed, param_scale=1.0, grad_scale=1.0, special=()):
    rng = SplitMix64(seed)
    params = []
    for _, shape in tensors:
        n = int(np.prod(shape))
        params.append(torch.from_numpy(rng.fill(n, param_scale)).reshape(shape))
    initial = [bits(p.numpy()) for p in params]
    kwargs = dict(options)
    if "eps" in kwargs:
        kwargs["eps"] = tuple(kwargs["eps"])
    opt = Adafactor(params, **kwargs)
    after_first = None
    for _ in range(steps):
        for k, p in enumerate(params):
            g = rng.fill(p.numel(), grad_scale)
            if k == 0:
                for index, value in special:
                    g[index] = struct.unpack("<f", struct.pack("<I", value))[0]
            p.grad = torch.from_numpy(g).reshape(p.shape)
        opt.step()
        if after_first is None:
            after_first = [bits(p.numpy()) for p in params]
    clipped = sum(1 for x in opt.denominators if x > 1.0)
    print(f"{name}: {clipped} of {len(opt.denominators)} updates clipped (denominator > 1)")
    return {
        "name": name, "optimizer": "adafactor", "options": options, "steps": steps, "seed": seed,
        "paramScale": param_scale, "gradScale": grad_scale, "specialGrads": [list(s) for s in special],
        "clippedUpdates": clipped,
        "tensors": [
            {
                "name": tname, "length": int(np.prod(shape)), "shape": list(shape),
                "initial": initial[k], "afterFirstStep": after_first[k], "final": bits(params[k].numpy()),
                "finalState": {s: bits(opt.state[params[k]][s].numpy()) for s in state_names(shape)},
                "finalStateShapes": {s: list(opt.state[params[k]][s].shape) for s in state_names(shape)},
            }
            for k, (tname, shape) in enumerate(tensors)
        ],
    }


cases = [
    make("adafactor-matrix", {"lr": 0.01}, [("w", (6, 10)), ("b", (10,))], 12, 51),
    # Leading dimensions are a batch of matrices: each has its own row mean of row_var.
    make("adafactor-batch", {"lr": 0.01}, [("w", (2, 3, 8))], 10, 52),
    make("adafactor-vector", {"lr": 0.01}, [("w", (37,))], 12, 53),
    make("adafactor-scalar", {"lr": 0.01}, [("s", ())], 8, 54),
    make("adafactor-weight-decay", {"lr": 0.02, "weight_decay": 0.5}, [("w", (5, 7)), ("b", (7,))], 10, 55),
    make("adafactor-maximize", {"lr": 0.01, "maximize": True}, [("w", (4, 9))], 6, 56),
    # lr above 1/√t: rho_t = lr for t ≤ 4, then 1/√t; beta2_decay, both epsilons and d set.
    make("adafactor-relative-step", {"lr": 0.5, "beta2_decay": -0.5, "eps": [1e-30, 1e-2], "d": 1.5},
         [("w", (8, 6)), ("b", (6,))], 12, 57),
    # RMS(θ) below eps2 (alpha = eps2·rho_t), and one outlier gradient element per step, which makes the
    # factored estimate too small elsewhere in its row and column: RMS(update) > d, so the update is clipped.
    make("adafactor-clipped", {"lr": 0.01}, [("w", (16, 12))], 8, 58, param_scale=1e-4,
         special=[(5, f32(40.0)), (77, f32(-25.0))]),
]

with open("torch-adafactor-v1.json", "w") as f:
    f.write('{"format":"rlx-optim torch golden vectors v1","torch":"%s","reference":"torch.optim.Adafactor (2.5+)",'
            '"cases":[\n' % torch.__version__)
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
