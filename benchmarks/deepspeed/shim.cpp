// A C entry point to DeepSpeed's CPU Adam, for the benchmark's --deepspeed mode: build.sh compiles it against a
// clone of DeepSpeed (its headers and its Step_1/Step_4/Step_8, which build.sh extracts into step_templates.inc),
// nothing of DeepSpeed's is kept in this repository. DeepSpeed's own buffers, allocated and filled here, are stepped
// as its Python side steps a parameter group: per tensor, IncrementStep, update_state, then Step_8 (AVX-512 or AVX2
// vectors, split across OpenMP threads).
#include "cpu_adam.h"
#include <cstdlib>
#include <vector>
#include <omp.h>
#include "step_templates.inc"

namespace {
struct Tensor {
    float* p;
    float* g;
    float* m;
    float* v;
    size_t n;
};

std::vector<Tensor> s_tensors;
Adam_Optimizer* s_optimizer;

float* Allocate(size_t n) { return static_cast<float*>(std::aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64)); }
}  // namespace

extern "C" {

// Allocates θ, g, m and v for each length (64-byte aligned; θ and g from a fixed pattern, m and v zero), and the
// optimizer at PyTorch's Adam defaults (lr 1e-3, β 0.9/0.999, ε 1e-8, no weight decay: AdamW mode with λ = 0 is Adam).
void rlx_ds_init(const long long* lengths, int count)
{
    s_optimizer = new Adam_Optimizer(1e-3f, 0.9f, 0.999f, 1e-8f, 0.0f, true);
    for (int k = 0; k < count; k++) {
        size_t n = static_cast<size_t>(lengths[k]);
        Tensor t{Allocate(n), Allocate(n), Allocate(n), Allocate(n), n};
        for (size_t i = 0; i < n; i++) {
            t.p[i] = 0.01f * static_cast<float>((i * 2654435761u) % 1000) - 5.0f;
            t.g[i] = 0.001f * static_cast<float>((i * 40503u) % 1000) - 0.5f;
            t.m[i] = 0.0f;
            t.v[i] = 0.0f;
        }
        s_tensors.push_back(t);
    }
}

// One step of every tensor on `threads` OpenMP threads.
void rlx_ds_step(long long step, int threads)
{
    omp_set_num_threads(threads);
    for (Tensor& t : s_tensors) {
        s_optimizer->IncrementStep(static_cast<size_t>(step), 0.9f, 0.999f);
        s_optimizer->update_state(1e-3f, 1e-8f, 0.0f, true);
        s_optimizer->Step_8(t.p, t.g, t.m, t.v, t.n);
    }
}

// θ[index] of tensor `tensor`, so the benchmark can check that a step moved it.
float rlx_ds_parameter(int tensor, long long index) { return s_tensors[tensor].p[index]; }
}
