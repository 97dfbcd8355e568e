#!/usr/bin/python3
"""Writes schedulefree-v1.json: Schedule-Free AdamW on the torch-v1 format's cases (Golden/README.md).

PyTorch 1.13 has no Schedule-Free optimizer. This is a float32 reference written from Defazio et al. 2024 ("The Road
Less Scheduled", Algorithm 1 with AdamW as the base step) with the semantics of Optax's
optax.contrib.schedule_free_adamw (optax/contrib/_schedule_free.py): the base step is scale_by_rms(b2, eps,
eps_in_sqrt=False, bias_correction=True), then add_decayed_weights(weight_decay) (at y, the parameters the gradient
was taken at), then scale_by_learning_rate; z accumulates it; x is the average of z weighted by max_lr ** weight_lr_power;
y = (1 - b1) z + b1 x is what the user holds, reached as Optax's apply_updates does, y + (y_new - y).
torch and numpy serve only as float32 calculators; Optax's Python-float hyperparameters (1 - b1, 1 - b2) are
formed in double and rounded to float32 once, as JAX's weak typing does. Run with Debian's own interpreter (python3-torch, numpy):
/usr/bin/python3 make_schedulefree_goldens.py

Optax evaluates the learning rate twice per step: schedule_free's weight at its step_count (from 1) and the base
step's scale_by_learning_rate at its count (from 0). Without warm-up both are the rate; with warmup_steps W
(warmup_constant_schedule from 0) step t moves z at peak * min(t - 1, W) / W and weighs the average with
peak * min(t, W) / W. Cases with "lrs" set the rate of each iteration (a schedule the optimizer is given).
"maximize" negates the gradient first (Optax has no such flag).
The data is drawn exactly as for torch-v1.json (splitmix64, float32 draws, specialGrads into the first tensor).
"""
import json
import struct

import numpy as np
import torch

from golden_values import SplitMix64, bits

F = torch.float32


def scalar(value):
    return torch.tensor(value, dtype=F)


def warmup_constant(peak, warmup_steps, count):
    """optax.warmup_constant_schedule(0, peak, W) at count: polynomial_schedule's power-1 form, in float32."""
    frac = scalar(1.0) - scalar(min(count, warmup_steps)) / scalar(warmup_steps)
    return (scalar(0.0) - scalar(peak)) * frac + scalar(peak)


class ScheduleFreeAdamW:
    def __init__(self, params, lr=0.0025, b1=0.9, b2=0.999, eps=1e-8, weight_decay=0.0, weight_lr_power=2.0,
                 warmup_steps=None, maximize=False):
        self.params = params
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.weight_decay, self.weight_lr_power, self.warmup_steps, self.maximize = weight_decay, weight_lr_power, warmup_steps, maximize
        self.z = [p.clone() for p in params]
        self.nu = [torch.zeros_like(p) for p in params]
        self.weight_sum = scalar(0.0)
        self.max_lr = scalar(0.0)
        self.step_count = 1  # schedule_free's count, from 1
        self.base_count = 0  # scale_by_rms's and scale_by_learning_rate's counts, from 0

    def rate(self, count):
        return scalar(self.lr) if self.warmup_steps is None else warmup_constant(self.lr, self.warmup_steps, count)

    def step(self, grads):
        lr = self.rate(self.step_count)
        self.max_lr = torch.maximum(self.max_lr, lr)
        weight = self.max_lr ** scalar(self.weight_lr_power)
        total = self.weight_sum + weight
        ck = torch.nan_to_num(weight / total, nan=0.0, posinf=float("inf"))
        base_lr = self.rate(self.base_count)
        self.base_count += 1
        b1, b2, eps, wd = scalar(self.b1), scalar(self.b2), scalar(self.eps), scalar(self.weight_decay)
        # Optax's b1 and b2 are Python floats: 1 - b is computed in double and rounded once, where it meets an array.
        one_minus_b1, one_minus_b2 = scalar(1.0 - self.b1), scalar(1.0 - self.b2)
        correction = scalar(1.0) - b2 ** scalar(float(self.base_count))
        for k, y in enumerate(self.params):
            g = -grads[k] if self.maximize else grads[k]
            self.nu[k] = one_minus_b2 * (g * g) + b2 * self.nu[k]
            update = g / (torch.sqrt(self.nu[k] / correction) + eps)
            update = update + wd * y
            update = -base_lr * update
            z_old = self.z[k]
            z = z_old + update
            prev_x = (y - one_minus_b1 * z_old) / b1
            x = (scalar(1.0) - ck) * prev_x + ck * z
            new_y = b1 * x + one_minus_b1 * z
            self.params[k] = y + (new_y - y)
            self.z[k] = z
        self.weight_sum = total
        self.step_count += 1


def make(name, options, tensors, steps, seed, param_scale=1.0, grad_scale=1.0, special=(), lrs=None):
    rng = SplitMix64(seed)
    params = [torch.from_numpy(rng.fill(n, param_scale)) for _, n in tensors]
    initial = [bits(p.numpy()) for p in params]
    opt = ScheduleFreeAdamW(params, **options)
    after_first = None
    for step in range(steps):
        if lrs is not None:
            opt.lr = lrs[step]
        grads = []
        for k, p in enumerate(params):
            g = rng.fill(p.numel(), grad_scale)
            if k == 0:
                for index, value in special:
                    g[index] = struct.unpack("<f", struct.pack("<I", value))[0]
            grads.append(torch.from_numpy(g))
        opt.step(grads)
        if after_first is None:
            after_first = [bits(p.numpy()) for p in opt.params]
    case = {
        "name": name, "optimizer": "schedule_free_adamw", "options": options, "steps": steps, "seed": seed,
        "paramScale": param_scale, "gradScale": grad_scale, "specialGrads": [list(s) for s in special],
        "tensors": [
            {
                "name": tname, "length": n, "initial": initial[k], "afterFirstStep": after_first[k],
                "final": bits(opt.params[k].numpy()),
                "finalState": {"z": bits(opt.z[k].numpy()), "exp_avg_sq": bits(opt.nu[k].numpy())},
            }
            for k, (tname, n) in enumerate(tensors)
        ],
        "weightSum": bits([opt.weight_sum.item()])[0], "maxLr": bits([opt.max_lr.item()])[0],
    }
    if lrs is not None:
        case["lrs"] = lrs
    return case


cases = [
    make("schedulefree-defaults", {"lr": 0.0025}, [("w", 37), ("b", 5)], 12, 51),
    make("schedulefree-decay", {"lr": 0.01, "weight_decay": 0.05, "eps": 1e-06}, [("w", 45)], 15, 52),
    make("schedulefree-warmup", {"lr": 0.01, "warmup_steps": 5}, [("w", 40)], 12, 53),
    make("schedulefree-beta1", {"lr": 0.005, "b1": 0.5, "b2": 0.99, "weight_lr_power": 1.0}, [("w", 33)], 12, 54),
    make("schedulefree-beta1-high", {"lr": 0.002, "b1": 0.98, "weight_decay": 0.01}, [("w", 33)], 12, 55),
    # A rate that rises, falls and rises again: max_lr holds the peak, the weights follow it.
    make("schedulefree-rates", {"lr": 0.001}, [("w", 29), ("b", 3)], 10, 56,
         lrs=[0.001, 0.004, 0.002, 0.0005, 0.006, 0.006, 0.003, 0.0001, 0.008, 0.002]),
    make("schedulefree-maximize", {"lr": 0.0025, "maximize": True}, [("w", 17)], 6, 57),
]

with open("schedulefree-v1.json", "w") as f:
    f.write('{"format":"rlx-optim torch golden vectors v1","torch":"%s","cases":[\n' % torch.__version__)
    f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
    f.write("\n]}\n")
