"""JAX side of bench/run (CPU, float64, jitted), on exactly the problems that our side wrote to disk — the papers'
own stack.

  python jax_bench.py hvp   DIR din width depth k n hvp_reps power_reps
  python jax_bench.py track DIR din width depth k n steps eta
  python jax_bench.py papers DIR din width depth k n batch reps eta

hvp: times (median of repeats, compilation excluded, results blocked on)
  hvp           one HVP from scratch: jax.jvp of jax.grad, jitted
  power         20-step power iteration, jax.jvp of jax.grad every step, the whole loop jitted (lax.fori_loop; XLA
                may hoist what does not depend on v)
  power_lin     20-step power iteration on jax.linearize(jax.grad(L)) (the forward and backward pass done once, the
                JAX way of keeping the graph), jitted
and checks its H v against ours (hv.f64).
track: full-batch GD on the track problem, lambda every step on jax.linearize of the gradient (which also gives the
  gradient for the step): (a) 20 power steps from the fixed start v0 and warm-started (the papers' procedure), one
  jitted step function per variant; (b) warm-started Lanczos to the same accuracy as ours (lanczos.py: our
  algorithm and stopping rule, and scipy's eigsh) on the jitted linearization (jax.linearize returns a
  jax.tree_util.Partial, so the jitted build hands it to a jitted apply); each variant timed over its whole run.
papers: the per-step costs of the papers' reproductions (PapersBench writes the problem): one jitted SGD step on a
  batch of B examples (gather, gradient, update) and lambda on all n examples by 20 power steps on the jitted
  linearization; checks theta after the step and lambda against ours.
Prints key=value lines.
"""
import os
import statistics
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lanczos as solvers  # noqa: E402

jax.config.update("jax_enable_x64", True)


def load(d, name, shape=None):
    a = np.fromfile(os.path.join(d, name), dtype="<f8")
    return a.reshape(shape) if shape else a


def shapes(din, width, depth, k):
    return [(width, din)] + [(width, width)] * (depth - 2) + [(k, width)]


def split(flat, shp):
    out, off = [], 0
    for s in shp:
        size = s[0] * s[1]
        out.append(jnp.asarray(flat[off:off + size].reshape(s)))
        off += size
    return out


def loss_fn(ws, x, y):  # SP, no bias, ReLU; L = (1/2n) sum ||f - y||^2
    a = x
    for w in ws[:-1]:
        a = jax.nn.relu(a @ w.T)
    f = a @ ws[-1].T
    return 0.5 * jnp.sum((f - y) ** 2) / x.shape[0]


grad_fn = jax.grad(loss_fn)


def tdot(a, b):
    return sum(jnp.vdot(s, t) for s, t in zip(a, b))


def tnormalise(v):
    nrm = jnp.sqrt(tdot(v, v))
    return [t / nrm for t in v]


@jax.jit
def hvp(ws, vs, x, y):
    return jax.jvp(lambda w: grad_fn(w, x, y), (ws,), (vs,))[1]


def _power(apply, v0, steps=20):
    def body(_, carry):
        v, _lam = carry
        hv = apply(v)
        lam = tdot(v, hv)
        return tnormalise(hv), lam
    return jax.lax.fori_loop(0, steps, body, (tnormalise(v0), jnp.zeros(())))


@jax.jit
def power_scratch(ws, v0, x, y):
    return _power(lambda v: jax.jvp(lambda w: grad_fn(w, x, y), (ws,), (v,))[1], v0)


@jax.jit
def power_lin(ws, v0, x, y):
    _, lin = jax.linearize(lambda w: grad_fn(w, x, y), ws)
    return _power(lin, v0)


def block(tree):
    return jax.tree_util.tree_map(lambda a: a.block_until_ready(), tree)


CPU = {}


def timed(fn, reps, cpu_key=None):
    ts, out = [], None
    c0 = time.process_time()
    for _ in range(reps):
        t0 = time.perf_counter()
        out = block(fn())
        ts.append(time.perf_counter() - t0)
    if cpu_key:  # CPU time of all threads per call: steadier than wall time on a loaded machine
        CPU[cpu_key] = (time.process_time() - c0) / reps
    return statistics.median(ts), ts, out


def hvp_main(d, din, width, depth, k, n, hvp_reps, power_reps):
    x, y = jnp.asarray(load(d, "x.f64", (n, din))), jnp.asarray(load(d, "y.f64", (n, k)))
    shp = shapes(din, width, depth, k)
    ws = split(load(d, "theta.f64"), shp)
    vs = split(load(d, "v.f64"), shp)
    ours_hv = load(d, "hv.f64")
    warm = time.perf_counter()  # compile, then at least 3 HVPs and 2 s, the same rule as the other sides
    i = 0
    while i < 3 or time.perf_counter() - warm < 2.0:
        block(hvp(ws, vs, x, y))
        i += 1
    block(power_scratch(ws, vs, x, y))
    block(power_lin(ws, vs, x, y))
    hv = np.concatenate([np.asarray(t).reshape(-1) for t in hvp(ws, vs, x, y)])
    rel = np.linalg.norm(hv - ours_hv) / np.linalg.norm(ours_hv)
    t_hvp, all_hvp, _ = timed(lambda: hvp(ws, vs, x, y), hvp_reps, "jax_hvp_cpu_s")
    t_pow, all_pow, (_, lam) = timed(lambda: power_scratch(ws, vs, x, y), power_reps, "jax_power_cpu_s")
    t_lin, all_lin, (_, lam_lin) = timed(lambda: power_lin(ws, vs, x, y), power_reps, "jax_power_lin_cpu_s")
    print(f"jax_version={jax.__version__}")
    print(f"jax_devices={jax.devices()[0].platform}:{len(jax.devices())}")
    print(f"jax_hv_rel_diff={rel:.3e}")
    print(f"jax_loss={float(loss_fn(ws, x, y)):.12g}")
    print(f"jax_hvp_s={t_hvp:.5f}")
    print(f"jax_hvp_all={[round(t, 4) for t in all_hvp]}")
    print(f"jax_power_s={t_pow:.5f}")
    print(f"jax_power_all={[round(t, 4) for t in all_pow]}")
    print(f"jax_power_lin_s={t_lin:.5f}")
    print(f"jax_power_lin_all={[round(t, 4) for t in all_lin]}")
    print(f"jax_lambda={float(lam):.12g}")
    print(f"jax_lambda_lin={float(lam_lin):.12g}")
    for k, val in CPU.items():
        print(f"{k}={val:.4f}")


def track_main(d, din, width, depth, k, n, steps, eta):
    x, y = jnp.asarray(load(d, "x.f64", (n, din))), jnp.asarray(load(d, "y.f64", (n, k)))
    shp = shapes(din, width, depth, k)
    theta0 = split(load(d, "theta0.f64"), shp)
    v0 = tnormalise(split(load(d, "v0.f64"), shp))

    @jax.jit
    def step(ws, start):
        g, lin = jax.linearize(lambda w: grad_fn(w, x, y), ws)
        v, lam = _power(lin, start)
        return [w - eta * gi for w, gi in zip(ws, g)], lam, v

    def run(n_steps, warm_start):
        ws, v = theta0, v0
        lams, prev = [], ws
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n_steps):
            prev = ws
            ws, lam, vn = step(ws, v if warm_start else v0)
            if warm_start:
                v = vn
            lams.append(float(lam))  # the measurement is read every step, as a user's loop does
        block(ws)
        print(f"jax_track_{'warm' if warm_start else 'fixed'}_cpu_s={time.process_time() - c0:.3f}")
        return time.perf_counter() - t0, lams, float(loss_fn(prev, x, y))

    run(1, True)  # compile
    t_fixed, lam_fixed, loss_fixed = run(steps, False)
    t_warm, lam_warm, _ = run(steps, True)
    print(f"jax_track_fixed_s={t_fixed:.4f}")
    print(f"jax_track_warm_s={t_warm:.4f}")
    print(f"jax_track_fixed_lambdas={lam_fixed}")
    print(f"jax_track_warm_lambdas={lam_warm}")
    print(f"jax_track_losses_last={loss_fixed:.15g}")

    # the same algorithm as ours: warm-started Lanczos to TRACK_TOL on the jitted linearization
    tol = float(os.environ.get("BENCH_TRACK_TOL", "1e-3"))
    ncv = int(os.environ.get("BENCH_EIGSH_NCV", "3"))
    sizes = [a * b for a, b in shp]

    @jax.jit
    def build(ws):
        return jax.linearize(lambda w: grad_fn(w, x, y), ws)

    @jax.jit
    def apply_flat(lin, vec):
        parts = jnp.split(vec, np.cumsum(sizes)[:-1])
        return jnp.concatenate([t.reshape(-1) for t in lin([p.reshape(s_) for p, s_ in zip(parts, shp)])])

    @jax.jit
    def update(ws, g):
        return [w - eta * gi for w, gi in zip(ws, g)]

    flat_v0 = np.concatenate([np.asarray(t).reshape(-1) for t in v0])

    def solver_run(n_steps, name):
        ws, warm_v, lams, products, last = theta0, flat_v0, [], 0, None
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(n_steps):
            g, lin = build(ws)
            apply = lambda vec: np.asarray(apply_flat(lin, jnp.asarray(vec)))  # noqa: E731
            if name == "lanczos":
                lam, warm_v, m = solvers.lanczos(apply, warm_v, tol)
            else:
                lam, warm_v, m = solvers.eigsh(apply, warm_v, tol, ncv)
            products += m
            lams.append(lam)
            last = ws
            ws = update(ws, g)
        block(ws)
        return time.perf_counter() - t0, time.process_time() - c0, lams, products, float(loss_fn(last, x, y))

    for name in ("lanczos", "eigsh"):
        solver_run(1, name)  # compile
        t, c, lams, products, last = solver_run(steps, name)
        print(f"jax_track_{name}_s={t:.4f}")
        print(f"jax_track_{name}_cpu_s={c:.3f}")
        print(f"jax_track_{name}_lambdas={lams}")
        print(f"jax_track_{name}_products={products}")
        print(f"jax_track_{name}_losses_last={last:.15g}")


def papers_main(d, din, width, depth, k, n, batch, reps, eta):
    """One jitted SGD step on the first `batch` examples and lambda (20 power steps, linearize) on all n."""
    x, y = jnp.asarray(load(d, "x.f64", (n, din))), jnp.asarray(load(d, "y.f64", (n, k)))
    shp = shapes(din, width, depth, k)
    theta = split(load(d, "theta.f64"), shp)
    vs = split(load(d, "v.f64"), shp)
    idx = jnp.arange(batch)

    @jax.jit
    def sgd_step(ws, ids):
        g = grad_fn(ws, x[ids], y[ids])  # the batch gathered inside the step
        return [w - eta * gi for w, gi in zip(ws, g)]

    block(sgd_step(theta, idx))
    after = np.concatenate([np.asarray(t).reshape(-1) for t in sgd_step(theta, idx)])
    ours_after = load(d, "theta_after.f64")
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        block(sgd_step(theta, idx))
        ts.append(time.perf_counter() - t0)
    block(power_lin(theta, vs, x, y))
    t_lam, all_lam, (_, lam) = timed(lambda: power_lin(theta, vs, x, y), max(1, reps // 3))
    print(f"jax_papers_theta_rel_diff={np.linalg.norm(after - ours_after) / np.linalg.norm(ours_after):.3e}")
    print(f"jax_papers_sgd_s={statistics.median(ts):.5f}")
    print(f"jax_papers_sgd_all={[round(t, 5) for t in ts]}")
    print(f"jax_papers_lambda_s={t_lam:.5f}")
    print(f"jax_papers_lambda_all={[round(t, 4) for t in all_lam]}")
    print(f"jax_papers_lambda={float(lam):.12g}")


if __name__ == "__main__":
    mode, d = sys.argv[1], sys.argv[2]
    nums = [int(a) for a in sys.argv[3:8]]
    if mode == "hvp":
        hvp_main(d, *nums, int(sys.argv[8]), int(sys.argv[9]))
    elif mode == "track":
        track_main(d, *nums, int(sys.argv[8]), float(sys.argv[9]))
    elif mode == "papers":
        papers_main(d, *nums, int(sys.argv[8]), int(sys.argv[9]), float(sys.argv[10]))
    else:
        raise SystemExit(f"unknown mode {mode}")
