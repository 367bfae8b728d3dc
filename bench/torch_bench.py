"""PyTorch side of bench/run (CPU, float64), on exactly the problems that our side wrote to disk.

  python torch_bench.py hvp   DIR din width depth k n hvp_reps power_reps
  python torch_bench.py track DIR din width depth k n steps
  python torch_bench.py scale DIR din width depth k n reps
  python torch_bench.py papers DIR din width depth k n batch reps eta

hvp: times (median of repeats)
  hvp          one HVP from scratch: forward, gradient with create_graph, double backward
               torch.autograd.grad(grads, params, grad_outputs=v)  (what PyHessian does per product)
  product      one double backward on a kept gradient graph (the per-product cost of an eigen-solve)
  power_reuse  20-step power iteration on a kept graph (PyHessian on one in-memory batch): the strongest PyTorch way
  power        20-step power iteration, every product from scratch (PyHessian over a data loader): context
and checks its H v against ours (hv.f64). The share of time in GEMM comes from torch.profiler (aten::mm/addmm).
track: full-batch GD on the track problem, lambda measured every step on the kept graph (a) by 20 power steps from
  the fixed start v0 (as 002's code does) and warm-started from the previous step's vector (the papers' procedure),
  (b) by warm-started Lanczos to the same accuracy as ours (lanczos.py: our algorithm and stopping rule, and
  scipy's eigsh), each variant its own GD run; per-step lambdas and products printed.
papers: the per-step costs of the papers' reproductions (PapersBench writes the problem): one SGD step on a batch
  of B examples (gather the batch, forward, backward, update) and lambda on all n examples by 20 power steps on
  the kept graph; checks theta after the step and lambda against ours.
scale: per-product time on a kept graph and the graph's memory (RSS growth) for the scaling table.
Prints key=value lines.
"""
import os
import resource
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lanczos as solvers  # noqa: E402


def load(d, name, shape=None):
    a = np.fromfile(os.path.join(d, name), dtype="<f8")
    return torch.from_numpy(a.reshape(shape).copy() if shape else a.copy())


def shapes(din, width, depth, k):
    return [(width, din)] + [(width, width)] * (depth - 2) + [(k, width)]


def split(flat, shp, grad=False):
    out, off = [], 0
    for s in shp:
        size = s[0] * s[1]
        out.append(flat[off:off + size].reshape(s).clone().requires_grad_(grad))
        off += size
    return out


def make_loss(x, y, n):
    def loss_fn(*ws):  # SP, no bias, ReLU: f = W_d relu(... relu(W_1 x)); L = (1/2n) sum ||f - y||^2
        a = x
        for w in ws[:-1]:
            a = torch.relu(a @ w.T)
        f = a @ ws[-1].T
        return 0.5 * ((f - y) ** 2).sum() / n
    return loss_fn


def dot(a, b):
    return sum((s * t).sum() for s, t in zip(a, b))


def normalise(vecs):
    nrm = torch.sqrt(dot(vecs, vecs))
    return [t / nrm for t in vecs]


CPU = {}


def timed(fn, reps, cpu_key=None):
    ts, out = [], None
    c0 = time.process_time()
    for _ in range(reps):
        t0 = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t0)
    if cpu_key:  # CPU time of all threads per call: steadier than wall time on a loaded machine
        CPU[cpu_key] = (time.process_time() - c0) / reps
    return statistics.median(ts), ts, out


def gemm_share(fn):
    """Share of the wall time of fn() spent in matrix products (torch.profiler self CPU time of mm/addmm/bmm)."""
    try:
        from torch.profiler import profile, ProfilerActivity
        t0 = time.perf_counter()
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            fn()
        wall = time.perf_counter() - t0
        mm = sum(e.self_cpu_time_total for e in prof.key_averages()
                 if e.key in ("aten::mm", "aten::addmm", "aten::bmm", "aten::matmul_out", "aten::mm_out"))
        return mm / 1e6 / wall
    except Exception:  # noqa: BLE001 - the profiler is optional
        return float("nan")


def hvp_main(d, din, width, depth, k, n, hvp_reps, power_reps):
    x, y = load(d, "x.f64", (n, din)), load(d, "y.f64", (n, k))
    shp = shapes(din, width, depth, k)
    params = split(load(d, "theta.f64"), shp, grad=True)
    vs = split(load(d, "v.f64"), shp)
    ours_hv = np.fromfile(os.path.join(d, "hv.f64"), dtype="<f8")
    loss_fn = make_loss(x, y, n)

    def hvp(vecs):
        loss = loss_fn(*params)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        return torch.autograd.grad(grads, params, grad_outputs=vecs)

    def power_recompute(steps=20):
        v = normalise(vs)
        lam = None
        for _ in range(steps):
            hv = hvp(v)
            lam = dot(v, hv).item()
            v = normalise(hv)
        return lam

    def power_reuse(steps=20):
        loss = loss_fn(*params)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        v = normalise(vs)
        lam = None
        for _ in range(steps):
            hv = torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True)
            lam = dot(v, hv).item()
            v = normalise(hv)
        return lam

    warm = time.perf_counter()  # warm-up: at least 3 HVPs and 2 s, the same rule as our side
    i = 0
    while i < 3 or time.perf_counter() - warm < 2.0:
        hvp(vs)
        i += 1
    hv = torch.cat([t.reshape(-1) for t in hvp(vs)]).numpy()
    rel = np.linalg.norm(hv - ours_hv) / np.linalg.norm(ours_hv)
    flops = float("nan")
    try:
        from torch.utils.flop_counter import FlopCounterMode
        with FlopCounterMode(display=False) as fc:
            hvp(vs)
        flops = fc.get_total_flops()
    except Exception:  # noqa: BLE001 - flop counting is optional
        pass

    t_hvp, all_hvp, _ = timed(lambda: hvp(vs), hvp_reps, "torch_hvp_cpu_s")
    kept = torch.autograd.grad(loss_fn(*params), params, create_graph=True)
    t_prod, all_prod, _ = timed(lambda: torch.autograd.grad(kept, params, grad_outputs=vs, retain_graph=True),
                                max(3, hvp_reps))
    t_pow, all_pow, lam = timed(power_recompute, power_reps)
    t_reuse, all_reuse, lam_reuse = timed(power_reuse, power_reps, "torch_power_reuse_cpu_s")
    share_hvp = gemm_share(lambda: hvp(vs))
    share_reuse = gemm_share(lambda: power_reuse(5))

    print(f"torch_version={torch.__version__}")
    print(f"torch_threads={torch.get_num_threads()}")
    print(f"torch_blas={'mkl' if torch.backends.mkl.is_available() else 'other'}")
    print(f"torch_hv_rel_diff={rel:.3e}")
    print(f"torch_loss={loss_fn(*params).item():.12g}")
    print(f"torch_hvp_gflop={flops / 1e9:.3f}")
    print(f"torch_hvp_s={t_hvp:.5f}")
    print(f"torch_hvp_all={[round(t, 4) for t in all_hvp]}")
    print(f"torch_hvp_gemm_share={share_hvp:.3f}")
    print(f"torch_product_s={t_prod:.5f}")
    print(f"torch_product_all={[round(t, 4) for t in all_prod]}")
    print(f"torch_power_s={t_pow:.5f}")
    print(f"torch_power_all={[round(t, 4) for t in all_pow]}")
    print(f"torch_power_reuse_s={t_reuse:.5f}")
    print(f"torch_power_reuse_all={[round(t, 4) for t in all_reuse]}")
    print(f"torch_power_reuse_gemm_share={share_reuse:.3f}")
    print(f"torch_lambda={lam:.12g}")
    print(f"torch_lambda_reuse={lam_reuse:.12g}")
    for k, val in CPU.items():
        print(f"{k}={val:.4f}")


def track_main(d, din, width, depth, k, n, steps, eta):
    """GD with lambda every step: 20 power steps on the kept graph, fixed start and warm start, timed apart."""
    x, y = load(d, "x.f64", (n, din)), load(d, "y.f64", (n, k))
    shp = shapes(din, width, depth, k)
    params = split(load(d, "theta0.f64"), shp, grad=True)
    v0 = normalise(split(load(d, "v0.f64"), shp))
    loss_fn = make_loss(x, y, n)

    def power(grads, start):
        v = start
        lam = None
        for _ in range(20):
            hv = torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True)
            lam = dot(v, hv).item()
            v = normalise(hv)
        return lam, v

    def run(n_steps):
        warm_v = v0
        t_common = t_fixed = t_warm = 0.0
        c_common = c_fixed = c_warm = 0.0
        lam_fixed, lam_warm, last_loss = [], [], None
        for _ in range(n_steps):
            t0, q0 = time.perf_counter(), time.process_time()
            loss = loss_fn(*params)
            grads = torch.autograd.grad(loss, params, create_graph=True)
            t1, q1 = time.perf_counter(), time.process_time()
            lf, _ = power(grads, v0)
            t2, q2 = time.perf_counter(), time.process_time()
            lw, warm_v = power(grads, warm_v)
            t3, q3 = time.perf_counter(), time.process_time()
            with torch.no_grad():
                for p, g in zip(params, grads):
                    p -= eta * g
            t4, q4 = time.perf_counter(), time.process_time()
            c_common += (q1 - q0) + (q4 - q3)
            c_fixed += q2 - q1
            c_warm += q3 - q2
            t_common += (t1 - t0) + (t4 - t3)
            t_fixed += t2 - t1
            t_warm += t3 - t2
            lam_fixed.append(lf)
            lam_warm.append(lw)
            last_loss = loss.item()
        print(f"torch_track_fixed_cpu_s={c_common + c_fixed:.3f}")
        print(f"torch_track_warm_cpu_s={c_common + c_warm:.3f}")
        return t_common, t_fixed, t_warm, lam_fixed, lam_warm, last_loss

    start = [p.detach().clone() for p in params]
    run(1)  # warm-up step, then back to θ0
    with torch.no_grad():
        for p, s in zip(params, start):
            p.copy_(s)
    t_common, t_fixed, t_warm, lam_fixed, lam_warm, last_loss = run(steps)
    print(f"torch_track_fixed_s={t_common + t_fixed:.4f}")
    print(f"torch_track_warm_s={t_common + t_warm:.4f}")
    print(f"torch_track_fixed_lambdas={lam_fixed}")
    print(f"torch_track_warm_lambdas={lam_warm}")
    print(f"torch_track_losses_last={last_loss:.15g}")

    # the same algorithm as ours: warm-started Lanczos to TRACK_TOL on the kept graph, one GD run per solver
    tol = float(os.environ.get("BENCH_TRACK_TOL", "1e-3"))
    ncv = int(os.environ.get("BENCH_EIGSH_NCV", "3"))
    flat_v0 = torch.cat([t.reshape(-1) for t in v0]).numpy()
    sizes = [s_[0] * s_[1] for s_ in shp]

    def solver_run(n_steps, name):
        with torch.no_grad():
            for p, s_ in zip(params, start):
                p.copy_(s_)
        warm_v, lams, products, last = flat_v0, [], 0, None
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n_steps):
            loss = loss_fn(*params)
            grads = torch.autograd.grad(loss, params, create_graph=True)

            def apply(vec):
                vs = [t.reshape(s_) for t, s_ in zip(torch.from_numpy(vec).split(sizes), shp)]
                hv = torch.autograd.grad(grads, params, grad_outputs=vs, retain_graph=True)
                return torch.cat([t.reshape(-1) for t in hv]).numpy()
            if name == "lanczos":
                lam, warm_v, m = solvers.lanczos(apply, warm_v, tol)
            else:
                lam, warm_v, m = solvers.eigsh(apply, warm_v, tol, ncv)
            products += m
            lams.append(lam)
            last = loss.item()
            with torch.no_grad():
                for p, g in zip(params, grads):
                    p -= eta * g
            del grads
        return time.perf_counter() - t0, time.process_time() - c0, lams, products, last

    for name in ("lanczos", "eigsh"):
        solver_run(1, name)  # warm-up
        t, c, lams, products, last = solver_run(steps, name)
        print(f"torch_track_{name}_s={t:.4f}")
        print(f"torch_track_{name}_cpu_s={c:.3f}")
        print(f"torch_track_{name}_lambdas={lams}")
        print(f"torch_track_{name}_products={products}")
        print(f"torch_track_{name}_losses_last={last:.15g}")


def papers_main(d, din, width, depth, k, n, batch, reps, eta):
    """One SGD step on the first `batch` examples and lambda (20 power steps, kept graph) on all n."""
    x, y = load(d, "x.f64", (n, din)), load(d, "y.f64", (n, k))
    shp = shapes(din, width, depth, k)
    theta = load(d, "theta.f64")
    params = split(theta, shp, grad=True)
    v0 = split(load(d, "v.f64"), shp)
    idx = torch.arange(batch)

    def sgd_step():
        xb, yb = x[idx], y[idx]  # the batch gathered, as a data loader does
        loss = make_loss(xb, yb, batch)(*params)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):
                p -= eta * g

    def reset():
        with torch.no_grad():
            for p, s_ in zip(params, split(theta, shp)):
                p.copy_(s_)

    def power():
        grads = torch.autograd.grad(make_loss(x, y, n)(*params), params, create_graph=True)
        v = normalise(v0)
        lam = None
        for _ in range(20):
            hv = torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True)
            lam = dot(v, hv).item()
            v = normalise(hv)
        return lam

    for _ in range(2):
        sgd_step()
    reset()
    sgd_step()
    after = torch.cat([p.detach().reshape(-1) for p in params]).numpy()
    ours_after = np.fromfile(os.path.join(d, "theta_after.f64"), dtype="<f8")
    reset()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        sgd_step()
        ts.append(time.perf_counter() - t0)
    reset()
    power()  # warm-up
    t_lam, all_lam, lam = timed(power, max(1, reps // 3))
    print(f"torch_papers_theta_rel_diff={np.linalg.norm(after - ours_after) / np.linalg.norm(ours_after):.3e}")
    print(f"torch_papers_sgd_s={statistics.median(ts):.5f}")
    print(f"torch_papers_sgd_all={[round(t, 5) for t in ts]}")
    print(f"torch_papers_lambda_s={t_lam:.5f}")
    print(f"torch_papers_lambda_all={[round(t, 4) for t in all_lam]}")
    print(f"torch_papers_lambda={lam:.12g}")


def rss_bytes():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize()


def scale_main(d, din, width, depth, k, n, reps):
    """Per-product time on a kept graph, and the memory the graph holds (RSS growth while it is alive)."""
    torch.manual_seed(0)
    x = torch.randn(n, din)
    y = torch.zeros(n, k)
    y[torch.arange(n), torch.randint(0, k, (n,))] = 1
    params = [(torch.randn(s) * (2.0 / s[1]) ** 0.5).requires_grad_(True) for s in shapes(din, width, depth, k)]
    vs = [torch.randn(p.shape) for p in params]
    loss_fn = make_loss(x, y, n)
    before = rss_bytes()
    grads = torch.autograd.grad(loss_fn(*params), params, create_graph=True)
    torch.autograd.grad(grads, params, grad_outputs=vs, retain_graph=True)
    graph = rss_bytes() - before
    t, _, _ = timed(lambda: torch.autograd.grad(grads, params, grad_outputs=vs, retain_graph=True), reps)
    print(f"torch_scale_product_s={t:.5f}")
    print(f"torch_scale_graph_mb={graph / 2**20:.1f}")


if __name__ == "__main__":
    torch.set_num_threads(os.cpu_count())
    torch.set_default_dtype(torch.float64)
    mode, d = sys.argv[1], sys.argv[2]
    nums = [int(a) for a in sys.argv[3:8]]
    if mode == "hvp":
        hvp_main(d, *nums, int(sys.argv[8]), int(sys.argv[9]))
    elif mode == "track":
        track_main(d, *nums, int(sys.argv[8]), float(sys.argv[9]))
    elif mode == "papers":
        papers_main(d, *nums, int(sys.argv[8]), int(sys.argv[9]), float(sys.argv[10]))
    elif mode == "scale":
        scale_main(d, *nums, int(sys.argv[8]))
    else:
        raise SystemExit(f"unknown mode {mode}")
