#!/usr/bin/python3
"""Golden learning rates for Rlx.Optim's schedules (Rlx.Optim.Runtime/Schedules/).

Run with Debian's Python and its PyTorch 1.13 (`apt-get install python3-torch`), from this directory:

    /usr/bin/python3 make_schedule_goldens.py

It writes ../Golden/schedules-v1.json; the format is in ../Golden/README.md. For every case it builds an SGD
optimizer over one dummy parameter and the scheduler, then records param_groups[0]['lr'] before each optimizer step
("lrs": what PyTorch's optimizer really used, by the scheduler's chainable recursive form), and separately evaluates
the scheduler's closed form at each step ("closedForm": _get_closed_form_lr() where PyTorch has one; get_lr() for
the schedulers whose get_lr is already a function of the step alone). Two schedules have no PyTorch class: the
inverse square root is transformers' get_inverse_sqrt_schedule (its lambda transcribed below, run through PyTorch's
LambdaLR, as transformers does), and a polynomial decay to a non-zero floor is Optax's polynomial_schedule (its
formula transcribed below, in float64). Every rate is stored as the bit pattern of the double.
"""

import bisect
import json
import math
import os
import struct
import warnings

import torch
from torch.optim import lr_scheduler

warnings.simplefilter("ignore")  # SequentialLR's step(0) and the direct get_lr() calls warn by design.


def bits(value):
    return struct.unpack("<Q", struct.pack("<d", float(value)))[0]


def optimizer(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def inverse_sqrt_lambda(num_warmup_steps, timescale):
    """transformers.optimization._get_inverse_sqrt_schedule_lr_lambda, with get_inverse_sqrt_schedule's default
    timescale (num_warmup_steps or 10_000)."""
    if timescale is None:
        timescale = num_warmup_steps or 10_000

    def lr_lambda(current_step):
        if current_step < num_warmup_steps:
            return float(current_step) / float(max(1, num_warmup_steps))
        shift = timescale - num_warmup_steps
        return 1.0 / math.sqrt((current_step + shift) / timescale)

    return lr_lambda


def optax_polynomial(init_value, end_value, power, transition_steps, count):
    """optax.polynomial_schedule (transition_begin 0), in float64."""
    count = min(max(count, 0), transition_steps)
    frac = 1 - count / transition_steps
    return (init_value - end_value) * (frac ** power) + end_value


TORCH_CLASSES = {
    "LinearLR": lr_scheduler.LinearLR,
    "CosineAnnealingLR": lr_scheduler.CosineAnnealingLR,
    "StepLR": lr_scheduler.StepLR,
    "MultiStepLR": lr_scheduler.MultiStepLR,
    "ExponentialLR": lr_scheduler.ExponentialLR,
    "PolynomialLR": lr_scheduler.PolynomialLR,
    "OneCycleLR": lr_scheduler.OneCycleLR,
}


def build(scheduler, options, opt):
    """The scheduler a case names, over opt (None for a constant rate, which needs none)."""
    if scheduler == "none":
        return None
    if scheduler == "transformers.get_inverse_sqrt_schedule":
        return lr_scheduler.LambdaLR(opt, inverse_sqrt_lambda(options["num_warmup_steps"], options["timescale"]))
    if scheduler == "SequentialLR":
        subs = [build(s["scheduler"], s["options"], opt) for s in options["schedulers"]]
        return lr_scheduler.SequentialLR(opt, subs, milestones=options["milestones"])
    return TORCH_CLASSES[scheduler](opt, **options)


def closed_form(scheduler, options, lr, step):
    """The scheduler's value for last_epoch = step, evaluated directly (not by stepping)."""
    if scheduler == "none":
        return lr
    if scheduler == "optax.polynomial_schedule":
        return optax_polynomial(lr, options["end_value"], options["power"], options["transition_steps"], step)
    if scheduler == "SequentialLR":
        index = bisect.bisect_right(options["milestones"], step)
        offset = options["milestones"][index - 1] if index > 0 else 0
        sub = options["schedulers"][index]
        return closed_form(sub["scheduler"], sub["options"], lr, step - offset)
    s = build(scheduler, options, optimizer(lr))
    s.last_epoch = step
    if hasattr(s, "_get_closed_form_lr"):
        return s._get_closed_form_lr()[0]
    # LambdaLR and OneCycleLR: get_lr() reads only last_epoch and the group's fixed settings.
    return s.get_lr()[0]


def stepped(scheduler, options, lr, steps):
    """param_groups[0]['lr'] before each of `steps` optimizer steps, the scheduler stepped after each."""
    opt = optimizer(lr)
    s = build(scheduler, options, opt)
    lrs = []
    for step in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if s is not None and step + 1 < steps:
            s.step()
    return lrs


def case(name, scheduler, lr, steps, options=None, chainable=True, note=None):
    options = options or {}
    entry = {"name": name, "scheduler": scheduler, "lr": lr, "options": options, "steps": steps}
    if note:
        entry["note"] = note
    entry["lrs"] = [bits(v) for v in stepped(scheduler, options, lr, steps)] if chainable else None
    entry["closedForm"] = [bits(closed_form(scheduler, options, lr, t)) for t in range(steps)]
    return entry


def linear(start, end, total):
    return {"scheduler": "LinearLR", "options": {"start_factor": start, "end_factor": end, "total_iters": total}}


def one_cycle(max_lr, total, pct, strategy, div=25.0, final_div=1e4, three_phase=False):
    return {"max_lr": max_lr, "total_steps": total, "pct_start": pct, "anneal_strategy": strategy,
            "div_factor": div, "final_div_factor": final_div, "three_phase": three_phase, "cycle_momentum": False}


def cases():
    one_cycle_note = "steps = total_steps + 1: the last value is PyTorch's at last_epoch = total_steps, past the cycle"
    return [
        case("constant", "none", 0.0125, 40),
        case("linear-warmup", "LinearLR", 3e-3, 120, {"start_factor": 0.01, "end_factor": 1.0, "total_iters": 50}),
        case("linear-warmup-torch-defaults", "LinearLR", 0.05, 12, {"start_factor": 1.0 / 3, "end_factor": 1.0, "total_iters": 5}),
        case("linear-warmup-from-zero", "LinearLR", 1e-3, 60, {"start_factor": 0.0, "end_factor": 1.0, "total_iters": 25},
             chainable=False, note="PyTorch 1.13's recursive form divides by zero for start_factor 0; closed form only"),
        case("linear-decay", "LinearLR", 0.02, 260, {"start_factor": 1.0, "end_factor": 0.05, "total_iters": 200}),
        case("linear-decay-to-zero", "LinearLR", 0.3, 100, {"start_factor": 1.0, "end_factor": 0.0, "total_iters": 64}),
        case("cosine", "CosineAnnealingLR", 0.01, 220, {"T_max": 150, "eta_min": 1e-4},
             note="past T_max PyTorch's cosine rises again; Rlx.Optim holds eta_min"),
        case("cosine-to-zero", "CosineAnnealingLR", 1e-3, 130, {"T_max": 97, "eta_min": 0.0},
             note="past T_max PyTorch's cosine rises again; Rlx.Optim holds eta_min"),
        case("step", "StepLR", 0.1, 200, {"step_size": 30, "gamma": 0.5}),
        case("multi-step", "MultiStepLR", 0.2, 200, {"milestones": [25, 80, 81, 150], "gamma": 0.3}),
        case("exponential", "ExponentialLR", 0.05, 300, {"gamma": 0.98}),
        case("polynomial", "PolynomialLR", 0.01, 160, {"total_iters": 120, "power": 2.0}),
        case("polynomial-sqrt", "PolynomialLR", 0.4, 100, {"total_iters": 75, "power": 0.5}),
        case("polynomial-floor", "optax.polynomial_schedule", 0.01, 120,
             {"end_value": 1e-4, "power": 3.0, "transition_steps": 90}, chainable=False,
             note="no PyTorch class has a floor: Optax's formula, init_value = lr"),
        case("inverse-sqrt", "transformers.get_inverse_sqrt_schedule", 1e-3, 300, {"num_warmup_steps": 40, "timescale": None}),
        case("inverse-sqrt-timescale", "transformers.get_inverse_sqrt_schedule", 5e-4, 200, {"num_warmup_steps": 16, "timescale": 100}),
        case("inverse-sqrt-no-warmup", "transformers.get_inverse_sqrt_schedule", 1e-2, 100, {"num_warmup_steps": 0, "timescale": None}),
        case("one-cycle-cos", "OneCycleLR", 0.1, 201, one_cycle(0.1, 200, 0.25, "cos"), note=one_cycle_note),
        case("one-cycle-linear", "OneCycleLR", 0.1, 151, one_cycle(0.08, 150, 0.3, "linear", 10.0, 100.0), note=one_cycle_note),
        case("one-cycle-three-phase-cos", "OneCycleLR", 0.1, 158, one_cycle(0.05, 157, 0.3, "cos", three_phase=True), note=one_cycle_note),
        case("one-cycle-three-phase-linear", "OneCycleLR", 0.1, 121,
             one_cycle(0.02, 120, 0.4, "linear", 20.0, 1e3, three_phase=True), note=one_cycle_note),
        case("sequential-warmup-cosine", "SequentialLR", 4e-3, 200,
             {"schedulers": [linear(0.1, 1.0, 20), {"scheduler": "CosineAnnealingLR", "options": {"T_max": 180, "eta_min": 1e-5}}],
              "milestones": [20]}),
        case("sequential-three", "SequentialLR", 0.1, 200,
             {"schedulers": [linear(0.2, 1.0, 10), {"scheduler": "StepLR", "options": {"step_size": 25, "gamma": 0.5}},
                             {"scheduler": "ExponentialLR", "options": {"gamma": 0.97}}],
              "milestones": [10, 110]}),
        case("sequential-multi-step-polynomial", "SequentialLR", 0.05, 80,
             {"schedulers": [{"scheduler": "MultiStepLR", "options": {"milestones": [5, 12], "gamma": 0.5}},
                             {"scheduler": "PolynomialLR", "options": {"total_iters": 40, "power": 1.5}}],
              "milestones": [30]}),
    ]


def main():
    golden = {"format": "rlx-optim schedule golden vectors v1", "torch": torch.__version__, "cases": cases()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Golden", "schedules-v1.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"format":%s,"torch":%s,"cases":[\n' % (json.dumps(golden["format"]), json.dumps(golden["torch"])))
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in golden["cases"]))
        f.write("\n]}\n")
    print(f"wrote {len(golden['cases'])} cases to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
