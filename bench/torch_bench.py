"""PyTorch side of bench/run: the same FCN + MSE problem as NnBench (read from the files it wrote), float64, CPU.

Times (median of repeats):
  hvp        one Hessian-vector product from scratch, the PyHessian way: forward, gradient with create_graph,
             then the double backward  torch.autograd.grad(grads, params, grad_outputs=v)
  hvp_func   torch.autograd.functional.hvp (reported, not used in the ratio: slower)
  power      a 20-step power iteration where every product is an HVP from scratch (as the DESIGN.md reference
             and PyHessian over a data loader do)
  power_reuse  the gradient graph built once and retained, 20 double-backward products (PyHessian on a single
             in-memory batch): reported for honesty
Also checks that PyTorch's H v equals ours (relative difference) and prints key=value lines.
"""
import os
import statistics
import sys
import time

import numpy as np
import torch


def load(d, name, shape):
    return torch.from_numpy(np.fromfile(os.path.join(d, name), dtype="<f8").reshape(shape).copy())


def main():
    d, din, width, depth, k, n, hvp_reps, power_reps = sys.argv[1], *map(int, sys.argv[2:9])
    torch.set_num_threads(os.cpu_count())
    torch.set_default_dtype(torch.float64)
    x = load(d, "x.f64", (n, din))
    y = load(d, "y.f64", (n, k))
    theta = np.fromfile(os.path.join(d, "theta.f64"), dtype="<f8")
    v_flat = np.fromfile(os.path.join(d, "v.f64"), dtype="<f8")
    ours_hv = np.fromfile(os.path.join(d, "hv.f64"), dtype="<f8")
    shapes = [(width, din)] + [(width, width)] * (depth - 2) + [(k, width)]
    params, vs, off = [], [], 0
    for s in shapes:
        size = s[0] * s[1]
        params.append(torch.tensor(theta[off:off + size].reshape(s), requires_grad=True))
        vs.append(torch.tensor(v_flat[off:off + size].reshape(s)))
        off += size

    def loss_fn(*ws):  # SP, no bias, ReLU: f = W_d relu(... relu(W_1 x)); L = (1/2n) sum ||f - y||^2
        a = x
        for w in ws[:-1]:
            a = torch.relu(a @ w.T)
        f = a @ ws[-1].T
        return 0.5 * ((f - y) ** 2).sum() / n

    def hvp(vecs):
        loss = loss_fn(*params)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        return torch.autograd.grad(grads, params, grad_outputs=vecs)

    def normalise(vecs):
        nrm = torch.sqrt(sum((t * t).sum() for t in vecs))
        return [t / nrm for t in vecs]

    def power_recompute(steps=20):
        v = normalise(vs)
        lam = None
        for _ in range(steps):
            hv = hvp(v)
            lam = sum((a * b).sum() for a, b in zip(v, hv)).item()
            v = normalise(hv)
        return lam

    def power_reuse(steps=20):
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
        ts = []
        out = None
        for _ in range(reps):
            t0 = time.perf_counter()
            out = fn()
            ts.append(time.perf_counter() - t0)
        return statistics.median(ts), ts, out

    warm = time.perf_counter()  # warm-up: at least 3 HVPs and 2 s, the same rule as our side
    i = 0
    while i < 3 or time.perf_counter() - warm < 2.0:
        hvp(vs)
        i += 1
    hv = torch.cat([t.reshape(-1) for t in hvp(vs)]).numpy()
    rel = np.linalg.norm(hv - ours_hv) / np.linalg.norm(hv)

    flops = float("nan")
    try:
        from torch.utils.flop_counter import FlopCounterMode
        with FlopCounterMode(display=False) as fc:
            hvp(vs)
        flops = fc.get_total_flops()
    except Exception:  # noqa: BLE001 - flop counting is optional
        pass

    t_hvp, all_hvp, _ = timed(lambda: hvp(vs), hvp_reps)
    fvs = tuple(vs)
    t_func, all_func, _ = timed(lambda: torch.autograd.functional.hvp(loss_fn, tuple(params), fvs), max(1, hvp_reps // 2))
    t_pow, all_pow, lam = timed(power_recompute, power_reps)
    t_reuse, all_reuse, lam_reuse = timed(power_reuse, power_reps)

    print(f"torch_version={torch.__version__}")
    print(f"torch_threads={torch.get_num_threads()}")
    print(f"torch_hv_rel_diff={rel:.3e}")
    print(f"torch_loss={loss_fn(*params).item():.12g}")
    print(f"torch_hvp_gflop={flops / 1e9:.3f}")
    print(f"torch_hvp_s={t_hvp:.5f}")
    print(f"torch_hvp_all={[round(t, 4) for t in all_hvp]}")
    print(f"torch_hvp_gflops={flops / t_hvp / 1e9:.1f}")
    print(f"torch_hvp_functional_s={t_func:.5f}")
    print(f"torch_hvp_functional_all={[round(t, 4) for t in all_func]}")
    print(f"torch_power_s={t_pow:.5f}")
    print(f"torch_power_all={[round(t, 4) for t in all_pow]}")
    print(f"torch_power_gflops={20 * flops / t_pow / 1e9:.1f}")
    print(f"torch_power_reuse_s={t_reuse:.5f}")
    print(f"torch_power_reuse_all={[round(t, 4) for t in all_reuse]}")
    print(f"torch_lambda={lam:.12g}")
    print(f"torch_lambda_reuse={lam_reuse:.12g}")




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
    med = {k: statistics.median(v) for k, v in samples.items()}
    return med, samples, last


def round_ratios(paths, ours, theirs):
    """Median over rounds of (ours / torch) within each round: robust to load that drifts between rounds."""
    ratios = []
    for p in paths:
        med, _, _ = aggregate([p])
        ratios.append(med[ours] / med[theirs])
    return statistics.median(ratios), ratios


def report(label, paths):
    """Prints the side-by-side table of one problem and returns (hvp_ratio, power_ratio)."""
    med, samples, last = aggregate(paths)
    f = lambda k: float(last[k])
    ours_hvp, ours_pow = med["ours_hvp"], med["ours_power"]
    t_hvp, t_pow, t_reuse = med["torch_hvp"], med["torch_power"], med["torch_power_reuse"]
    cache, prod = f("ours_cache_gflop"), f("ours_product_gflop")
    tfl = f("torch_hvp_gflop")
    print(f"== {label}: P={last['ours_params']} parameters, median over {len(samples['ours_hvp'])} HVP and "
          f"{len(samples['ours_power'])} power-iteration repeats each ==")
    print(f"agreement: |Hv_ours - Hv_torch|/|Hv_torch| = {last['torch_hv_rel_diff']}; "
          f"lambda ours {last['ours_lambda']} torch {last['torch_lambda']}; loss ours {last['ours_loss']} "
          f"torch {last['torch_loss']}")
    print(f"{'':34s}{'time [s]':>10s}{'GFLOP':>9s}{'GFLOP/s':>9s}")
    row = lambda name, t, g: print(f"{name:34s}{t:10.4f}{g:9.2f}{g / t:9.1f}")
    row("ours  one HVP (build + 1 product)", ours_hvp, cache + prod)
    row("torch one HVP (fwd+grad+dbl bwd)", t_hvp, tfl)
    print(f"{'torch functional.hvp':34s}{med.get('torch_hvp_functional', float('nan')):10.4f}")
    pow_full = med.get("ours_power_full", float("nan"))
    row("ours  power, full space", pow_full, f("ours_power_full_gflop") if "ours_power_full_gflop" in last
        else cache + 20 * prod)
    row("ours  power, reduced basis", ours_pow, f("ours_power_gflop") if "ours_power_gflop" in last
        else cache + 20 * prod)
    if "ours_basis_gflop" in last:
        print(f"{'':34s}(reduced = basis {f('ours_basis_gflop'):.2f} + build {f('ours_reduced_cache_gflop'):.2f} + "
              f"restrict/lift 2x{f('ours_restrict_gflop'):.2f} + 20 x {f('ours_reduced_product_gflop'):.2f} GFLOP; "
              f"lambda reduced vs full rel. diff {last.get('ours_reduced_vs_full_lambda_rel')}, eigenvector cos "
              f"{last.get('ours_reduced_vs_full_vector_cos')})")
    row("torch power (20 HVPs from scratch)", t_pow, 20 * tfl)
    print(f"{'torch power (graph kept, 20 dbl bwd)':34s}{t_reuse:10.4f}   (PyHessian single batch; "
          f"ours/this = {ours_pow / t_reuse:.3f})")
    h, hs = round_ratios(paths, "ours_hvp", "torch_hvp")
    p, ps = round_ratios(paths, "ours_power", "torch_power")
    full_note = ""
    if "ours_power_full" in med:
        pf, _ = round_ratios(paths, "ours_power_full", "torch_power")
        full_note = f"; full-space power (not gated) {pf:.3f}"
    print(f"per-round ratios (ours/torch within a round): hvp {[round(r, 3) for r in hs]}, "
          f"power {[round(r, 3) for r in ps]}; ratio of overall medians: hvp {ours_hvp / t_hvp:.3f}, "
          f"power {ours_pow / t_pow:.3f}{full_note}")
    return h, p


if __name__ == "__main__":
    if sys.argv[1] == "report":
        main_paths = sys.argv[3].split(",")
        small_paths = sys.argv[4].split(",") if len(sys.argv) > 4 and sys.argv[4] else []
        if small_paths:
            sh, sp = report("small net " + sys.argv[2].split(";")[1], small_paths)
            print(f"small_net hvp_ratio={sh:.3f} power_ratio={sp:.3f}  (reported, not gated)")
        h, p = report("benchmark " + sys.argv[2].split(";")[0], main_paths)
        print("definitions: ours 'one HVP' = building the operator (forward + backward pass, cached) + one product;"
              " ours 'power' (gated) = the reduced-basis power iteration timed from the raw data: input row-space basis + reduced build + restricting the start vector + 20 products + lifting the eigenvector (exact: same lambda as the full-space line, = build once + 20 products, printed too); torch as labelled; ratios = median over rounds of ours / torch (from scratch) in that round")
        print(f"hvp_ratio={h:.3f} power_ratio={p:.3f}")
    else:
        main()
