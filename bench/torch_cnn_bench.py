"""PyTorch side of bench/run-cnn: the same Myrtle CNN + MSE problem as CnnBench (read from the files it wrote),
float64, CPU.

Myrtle-d (002 App. A Eq. 3, SP: every weight used as is): 3x3 convolutions with padding 1 and no bias, ReLU, 2x2
average pooling between the three groups, global average pooling, a dense read-out; L = (1/2n) sum ||f - y||^2.

Times (median of repeats):
  hvp          one Hessian-vector product: forward, gradient with create_graph=True, double backward
  power        the strongest PyTorch variant: the gradient graph built once (create_graph=True) and retained,
               then 20 products torch.autograd.grad(g, params, grad_outputs=v, retain_graph=True)
Also checks that PyTorch's H v and lambda equal ours, and prints key=value lines.

  python torch_cnn_bench.py DIR depth width n hvp_reps power_reps [cin side]
  python torch_cnn_bench.py report LABEL FILES(comma-separated) [PREFIX]

The report gates ours against the strongest of PyTorch and JAX (jax_cnn_bench.py) on each task, per round.
"""
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

# NNPACK cannot initialise on CPUs it does not support and then warns on every convolution call (thousands of
# lines); PyTorch falls back to the same convolution either way
torch.backends.nnpack.set_flags(False)

GROUPS = {5: (2, 1, 1), 7: (2, 2, 2), 10: (3, 3, 3)}


def load(d, name, shape):
    return torch.from_numpy(np.fromfile(os.path.join(d, name), dtype="<f8").reshape(shape).copy())


def main():
    d, depth, width, n, hvp_reps, power_reps = sys.argv[1], *map(int, sys.argv[2:7])
    cin, side = (int(sys.argv[7]), int(sys.argv[8])) if len(sys.argv) > 8 else (3, 32)
    k = 10
    torch.set_num_threads(os.cpu_count())
    torch.set_default_dtype(torch.float64)
    x = load(d, "x.f64", (n, cin, side, side))
    y = load(d, "y.f64", (n, k))
    theta = np.fromfile(os.path.join(d, "theta.f64"), dtype="<f8")
    v_flat = np.fromfile(os.path.join(d, "v.f64"), dtype="<f8")
    ours_hv = np.fromfile(os.path.join(d, "hv.f64"), dtype="<f8")
    groups = GROUPS[depth]
    shapes, c = [], cin
    for g in groups:
        for _ in range(g):
            shapes.append((width, c, 3, 3))
            c = width
    shapes.append((k, width))
    params, vs, off = [], [], 0
    for s in shapes:
        size = int(np.prod(s))
        params.append(torch.tensor(theta[off:off + size].reshape(s), requires_grad=True))
        vs.append(torch.tensor(v_flat[off:off + size].reshape(s)))
        off += size
    assert off == theta.size, (off, theta.size)

    def loss_fn(*ws):
        a, i = x, 0
        for gi, g in enumerate(groups):
            for _ in range(g):
                a = torch.relu(F.conv2d(a, ws[i], padding=1))
                i += 1
            if gi < 2:
                a = F.avg_pool2d(a, 2)
        f = a.mean(dim=(2, 3)) @ ws[-1].T
        return 0.5 * ((f - y) ** 2).sum() / n

    def hvp(vecs):
        loss = loss_fn(*params)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        return torch.autograd.grad(grads, params, grad_outputs=vecs)

    def normalise(vecs):
        nrm = torch.sqrt(sum((t * t).sum() for t in vecs))
        return [t / nrm for t in vecs]

    def power_kept(steps=20):
        loss = loss_fn(*params)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        v = normalise(vs)
        lam = None
        for _ in range(steps):
            hv = torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True)
            lam = sum((a * b).sum() for a, b in zip(v, hv)).item()
            v = normalise(hv)
        return lam

    def timed(fn, reps):
        ts, out = [], None
        for _ in range(reps):
            t0 = time.perf_counter()
            out = fn()
            ts.append(time.perf_counter() - t0)
        return statistics.median(ts), ts, out

    warm = time.perf_counter()  # warm-up: the same rule as our side (2 HVPs and 2 s)
    i = 0
    while i < 2 or time.perf_counter() - warm < 2.0:
        hvp(vs)
        i += 1
    hv = torch.cat([t.reshape(-1) for t in hvp(vs)]).numpy()
    rel = np.linalg.norm(hv - ours_hv) / np.linalg.norm(hv)

    flops_hvp = flops_build = flops_product = float("nan")
    try:
        from torch.utils.flop_counter import FlopCounterMode
        with FlopCounterMode(display=False) as fc:
            hvp(vs)
        flops_hvp = fc.get_total_flops()
        with FlopCounterMode(display=False) as fc:
            loss = loss_fn(*params)
            grads = torch.autograd.grad(loss, params, create_graph=True)
        flops_build = fc.get_total_flops()
        with FlopCounterMode(display=False) as fc:
            torch.autograd.grad(grads, params, grad_outputs=vs, retain_graph=True)
        flops_product = fc.get_total_flops()
        del loss, grads
    except Exception:  # noqa: BLE001 - flop counting is optional
        pass

    t_hvp, all_hvp, _ = timed(lambda: hvp(vs), hvp_reps)
    t_pow, all_pow, lam = timed(power_kept, power_reps)
    flops_power = flops_build + 20 * flops_product
    print(f"torch_version={torch.__version__}")
    print(f"torch_threads={torch.get_num_threads()}")
    print(f"torch_hv_rel_diff={rel:.3e}")
    print(f"torch_loss={loss_fn(*params).item():.12g}")
    print(f"torch_hvp_gflop={flops_hvp / 1e9:.3f}")
    print(f"torch_build_gflop={flops_build / 1e9:.3f}")
    print(f"torch_product_gflop={flops_product / 1e9:.3f}")
    print(f"torch_hvp_s={t_hvp:.5f}")
    print(f"torch_hvp_all={[round(t, 4) for t in all_hvp]}")
    print(f"torch_hvp_gflops={flops_hvp / t_hvp / 1e9:.1f}")
    print(f"torch_power_s={t_pow:.5f}")
    print(f"torch_power_all={[round(t, 4) for t in all_pow]}")
    print(f"torch_power_gflop={flops_power / 1e9:.3f}")
    print(f"torch_power_gflops={flops_power / t_pow / 1e9:.1f}")
    print(f"torch_lambda={lam:.12g}")


def aggregate(paths):
    """Combines the key=value outputs of several rounds: medians over every timed repeat of every round."""
    import ast
    samples, last = {}, {}
    for p in paths:
        with open(p) as fh:
            for line in fh:
                if "=" not in line:
                    continue
                key, val = line.strip().split("=", 1)
                last[key] = val
                if key.endswith("_all"):
                    samples.setdefault(key[:-4], []).extend(ast.literal_eval(val))
    return {k: statistics.median(v) for k, v in samples.items()}, samples, last


HV_TOL, LAMBDA_TOL = 1e-12, 1e-9  # H v to 1e-12 relative; lambda after 20 steps and the loss to 1e-9


def report(label, paths, prefix="cnn"):
    """Prints the side-by-side table and the agreement checks; returns (hvp_ratio, power_ratio, agree)."""
    med, samples, last = aggregate(paths)
    f = lambda key: float(last[key])  # noqa: E731
    engines = [e for e in ("torch", "jax") if f"{e}_hvp_s" in last]
    checks = []
    for e in engines:
        rel = f(f"{e}_hv_rel_diff")
        checks.append((rel <= HV_TOL, f"|Hv_ours - Hv_{e}|/|Hv_{e}| = {rel:.2e} (<= {HV_TOL:g})"))
        extra = [f"{e}_lambda_{x}" for x in ("jvp", "fori", "jvp_fori") if f"{e}_lambda_{x}" in last]
        for key in [f"{e}_lambda"] + extra:
            lam_rel = abs(f("ours_lambda") - f(key)) / abs(f(key))
            checks.append((lam_rel <= LAMBDA_TOL, f"lambda ours {last['ours_lambda']} vs {key} {last[key]} "
                                                  f"(rel {lam_rel:.2e} <= {LAMBDA_TOL:g})"))
        loss_rel = abs(f("ours_loss") - f(f"{e}_loss")) / abs(f(f"{e}_loss"))
        checks.append((loss_rel <= LAMBDA_TOL, f"loss ours vs {e}: rel {loss_rel:.2e} (<= {LAMBDA_TOL:g})"))
    agree = all(ok for ok, _ in checks)
    print(f"== {label}: {last['ours_network']}, P={last['ours_params']}, median over "
          f"{len(samples['ours_hvp'])} HVP and {len(samples['ours_power'])} power repeats each ==")
    print(f"agreement ({'OK' if agree else 'FAILED'}):")
    for ok, what in checks:
        print(("  ok   " if ok else "  FAIL ") + what)
    print(f"{'':40s}{'time [s]':>10s}{'GFLOP':>9s}{'GFLOP/s':>9s}{'in GEMM':>9s}")
    row = lambda name, t, g, share="": print(f"{name:40s}{t:10.3f}{g:9.2f}{g / t:9.1f}{share:>9s}")  # noqa: E731
    cache, prod = f("ours_cache_gflop"), f("ours_product_gflop")
    row("ours  one HVP (build + 1 product)", med["ours_hvp"], cache + prod, f"{f('ours_hvp_blas_fraction'):.0%}")
    row("torch one HVP (fwd, grad, dbl bwd)", med["torch_hvp"], f("torch_hvp_gflop"))
    if "jax" in engines:
        row("jax   one HVP (jit jvp of grad)", med["jax_hvp"], f("torch_hvp_gflop"))
    row("ours  power (build + 20 products)", med["ours_power"], f("ours_power_gflop"),
        f"{f('ours_power_blas_fraction'):.0%}")
    row("torch power (graph kept, 20 dbl bwd)", med["torch_power"], f("torch_power_gflop"))
    if "jax" in engines:
        row("jax   power (jit linearize + 20 applies)", med["jax_power"], f("ours_power_gflop"))
        row("jax   power (20 jit jvp of grad)", med["jax_power_jvp"], f("ours_power_gflop"))
        if "jax_power_fori" in med:
            row("jax   power (linearize, fori_loop jit)", med["jax_power_fori"], f("ours_power_gflop"))
            row("jax   power (jvp of grad, fori_loop jit)", med["jax_power_jvp_fori"], f("ours_power_gflop"))
    print("(GFLOP: ours counted, torch by its flop counter; the jax lines credited with the same work)")
    if "ours_activations_mb" in last:
        acts = f('ours_activations_mb')
        print(f"memory: activations {acts:.0f} MB; our operator (retained) {f('ours_tape_mb'):.0f} MB = "
              f"{f('ours_tape_mb') / acts:.2f}x; with one product's work buffers {f('ours_hvp_peak_mb'):.0f} MB = "
              f"{f('ours_hvp_peak_mb') / acts:.2f}x (heap + native, measured on a fresh thread)")

    def per_round(ours, bases):
        out = []
        for p in paths:
            s_ = aggregate([p])[1]
            out.append(statistics.median(s_[ours]) / min(statistics.median(s_[b]) for b in bases if b in s_))
        return out
    hvp_bases = [f"{e}_hvp" for e in engines]
    power_bases = ["torch_power"] + [b for b in ("jax_power", "jax_power_jvp", "jax_power_fori", "jax_power_jvp_fori")
                                      if "jax" in engines and b in med]
    hs, ps = per_round("ours_hvp", hvp_bases), per_round("ours_power", power_bases)
    sh = min(hvp_bases, key=lambda b: med[b])
    sp = min(power_bases, key=lambda b: med[b])
    h, p = statistics.median(hs), statistics.median(ps)
    print(f"hvp:   ours / strongest ({sh}) = {h:.3f} per round {[round(r, 3) for r in hs]}; goal <= 0.8: "
          f"{'MET' if h <= 0.8 else 'MISSED'}")
    print(f"power: ours / strongest ({sp}) = {p:.3f} per round {[round(r, 3) for r in ps]}; goal <= 0.8: "
          f"{'MET' if p <= 0.8 else 'MISSED'}")
    return h, p, agree


if __name__ == "__main__":
    if sys.argv[1] == "report":
        prefix = sys.argv[4] if len(sys.argv) > 4 else "cnn"
        h, p, ok = report(sys.argv[2], sys.argv[3].split(","), prefix)
        print(f"{prefix}_hvp_ratio={h:.3f} {prefix}_power_ratio={p:.3f} agree={'yes' if ok else 'NO'}")
        sys.exit(0 if ok else 1)
    else:
        main()
