#!/usr/bin/env bash
# Builds libdeepspeed_adam.so for the benchmark's --deepspeed mode: clones DeepSpeed at a pinned commit into a scratch
# directory, takes its CPU Adam headers (cpu_adam.h, simd.h) and the Step_1/Step_4/Step_8 templates of
# csrc/adam/cpu_adam_impl.cpp, and compiles shim.cpp against them, as DeepSpeed's op builder does (-O3 -march=native,
# OpenMP, __AVX512__ where the processor has AVX-512F, __AVX256__ otherwise). A stub torch/extension.h stands in for
# PyTorch's: these functions use only its BFloat16 and Half types, never for float tensors. Needs git and g++.
# Usage: benchmarks/deepspeed/build.sh [OUTPUT_DIRECTORY]   (default: benchmarks/deepspeed/build)
# DEEPSPEED_REPOSITORY (a URL or a local clone, bare or not) replaces GitHub's, for a machine without its network.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:-$here/build}" && cd "${1:-$here/build}" && pwd)"
commit=38327e07f6cd39b63418f60cedd1651b0be3e7c3  # DeepSpeed master, 2025-02-21
src="$out/DeepSpeed.git"
if [ ! -d "$src" ]; then
    git clone --quiet --bare "${DEEPSPEED_REPOSITORY:-https://github.com/microsoft/DeepSpeed.git}" "$src"
fi

mkdir -p "$out/include/torch"
git -C "$src" show "$commit:csrc/includes/cpu_adam.h" > "$out/include/cpu_adam.h"
git -C "$src" show "$commit:csrc/includes/simd.h" > "$out/include/simd.h"
cat > "$out/include/torch/extension.h" <<'STUB'
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
namespace torch { struct Tensor {}; }
namespace c10 {
struct BFloat16 { uint16_t x; BFloat16() = default; BFloat16(float) : x(0) {} operator float() const { return 0; } };
struct Half { uint16_t x; Half() = default; Half(float) : x(0) {} operator float() const { return 0; } };
}
STUB
# The three Adam_Optimizer::Step_N templates, each from its 'template' line to its closing brace.
awk '/^template <typename ds_params_precision_t, typename ds_state_precision_t>$/ { keep = 0; held = $0; next }
     held != "" { if ($0 ~ /^void Adam_Optimizer::Step_(1|4|8)\(/) { keep = 1; print held } held = "" }
     keep { print } keep && /^}$/ { keep = 0 }' <(git -C "$src" show "$commit:csrc/adam/cpu_adam_impl.cpp") > "$out/include/step_templates.inc"
grep -q 'Step_8' "$out/include/step_templates.inc" || { echo "Step_8 not found in cpu_adam_impl.cpp at $commit" >&2; exit 1; }

simd=-D__AVX256__
grep -q avx512f /proc/cpuinfo && simd=-D__AVX512__
g++ -O3 -march=native -fopenmp $simd -std=c++17 -shared -fPIC -I"$out/include" "$here/shim.cpp" -o "$out/libdeepspeed_adam.so"
echo "$out/libdeepspeed_adam.so"
