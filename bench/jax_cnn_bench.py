"""JAX side of bench/run-cnn: the same Myrtle CNN + MSE problem as CnnBench (read from the files it wrote), float64,
CPU, jitted; convolutions by jax.lax.conv_general_dilated (NCHW images, OIHW kernels: our layout), padding 1, no
bias, ReLU, 2x2 average pooling between the three groups, global average pooling, a dense read-out;
L = (1/2n) sum ||f - y||^2.

  python jax_cnn_bench.py DIR depth width n hvp_reps power_reps [cin side]

Times (median of repeats, compilation excluded, results blocked on):
  hvp        one HVP from scratch: jax.jvp of jax.grad, jitted
  power      20-step power iteration on jax.linearize(jax.grad(L)) (forward and backward pass once, JAX's way of
             keeping the graph): the linearization built by one jitted call (it returns a jax.tree_util.Partial
             holding the residuals) and applied by a jitted apply, 20 times from Python, the normalisation jitted
  power_jvp  20 steps of the jitted one-HVP function from Python (every step from scratch)
With BENCH_JAX_FORI=1 also the whole 20-step loop in one jitted lax.fori_loop, on linearize (power_fori) and on
jvp(grad) (power_jvp_fori): XLA compiles the loop with the convolutions' transposes for minutes on a 2-core CPU
(measured: the first call of the linearize loop, compilation included, 632 s against 34 s for the one-HVP
function), so they are opt-in; the gate takes the fastest variant that ran.
Checks H v against ours (hv.f64) and prints key=value lines.
"""
import os
import statistics
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_enable_x64", True)
GROUPS = {5: (2, 1, 1), 7: (2, 2, 2), 10: (3, 3, 3)}


def main():
    d, depth, width, n, hvp_reps, power_reps = sys.argv[1], *map(int, sys.argv[2:7])
    cin, side = (int(sys.argv[7]), int(sys.argv[8])) if len(sys.argv) > 8 else (3, 32)
    k = 10
    ld = lambda name: np.fromfile(os.path.join(d, name), dtype="<f8")  # noqa: E731
    x = jnp.asarray(ld("x.f64").reshape(n, cin, side, side))
    y = jnp.asarray(ld("y.f64").reshape(n, k))
    theta, v_flat, ours_hv = ld("theta.f64"), ld("v.f64"), ld("hv.f64")
    groups = GROUPS[depth]
    shapes, c = [], cin
    for g in groups:
        for _ in range(g):
            shapes.append((width, c, 3, 3))
            c = width
    shapes.append((k, width))
    ws, vs, off = [], [], 0
    for s in shapes:
        size = int(np.prod(s))
        ws.append(jnp.asarray(theta[off:off + size].reshape(s)))
        vs.append(jnp.asarray(v_flat[off:off + size].reshape(s)))
        off += size
    assert off == theta.size, (off, theta.size)

    def loss_fn(w):
        a, i = x, 0
        for gi, g in enumerate(groups):
            for _ in range(g):
                a = jax.nn.relu(jax.lax.conv_general_dilated(a, w[i], (1, 1), [(1, 1), (1, 1)],
                                                             dimension_numbers=("NCHW", "OIHW", "NCHW")))
                i += 1
            if gi < 2:
                b, ch, h, wd = a.shape
                a = a.reshape(b, ch, h // 2, 2, wd // 2, 2).mean(axis=(3, 5))
        f = a.mean(axis=(2, 3)) @ w[-1].T
        return 0.5 * jnp.sum((f - y) ** 2) / n

    grad_fn = jax.grad(loss_fn)
    tdot = lambda a, b: sum(jnp.vdot(s, t) for s, t in zip(a, b))  # noqa: E731

    def normalise(v):
        nrm = jnp.sqrt(tdot(v, v))
        return [t / nrm for t in v]

    def power(apply, v0):
        def body(_, carry):
            v, _lam = carry
            hv = apply(v)
            return normalise(hv), tdot(v, hv)
        return jax.lax.fori_loop(0, 20, body, (normalise(v0), jnp.zeros(())))

    hvp = jax.jit(lambda w, v: jax.jvp(grad_fn, (w,), (v,))[1])
    linearize = jax.jit(lambda w: jax.linearize(grad_fn, w)[1])
    apply_lin = jax.jit(lambda lin, v: lin(v))
    step = jax.jit(lambda v, hv: (normalise(hv), tdot(v, hv)))
    first = jax.jit(normalise)
    block = lambda t: jax.tree_util.tree_map(lambda a: a.block_until_ready(), t)  # noqa: E731

    def power_from_python(apply, v0, steps=20):
        """The 20 steps as a user writes them: v <- Hv / |Hv|, lambda = <v, Hv>, each product a jitted call."""
        v, lam = first(v0), None
        for _ in range(steps):
            v, lam = step(v, apply(v))
        return v, lam

    def power_lin(steps=20):
        lin = linearize(ws)
        return power_from_python(lambda v: apply_lin(lin, v), vs, steps)

    def power_jvp(steps=20):
        return power_from_python(lambda v: hvp(ws, v), vs, steps)

    fori = os.environ.get("BENCH_JAX_FORI", "0") == "1"
    power_fori = jax.jit(lambda w, v0: power(jax.linearize(grad_fn, w)[1], v0))
    power_jvp_fori = jax.jit(lambda w, v0: power(lambda v: jax.jvp(grad_fn, (w,), (v,))[1], v0))

    def timed(fn, reps):
        ts, out = [], None
        for _ in range(reps):
            t0 = time.perf_counter()
            out = block(fn())
            ts.append(time.perf_counter() - t0)
        return statistics.median(ts), ts, out

    warm = time.perf_counter()  # compile, then the same rule as the other sides (2 HVPs and 2 s)
    i = 0
    while i < 2 or time.perf_counter() - warm < 2.0:
        block(hvp(ws, vs))
        i += 1
    block(power_lin(2))  # compiles the linearization, its apply and the step
    if fori:
        block(power_fori(ws, vs))
        block(power_jvp_fori(ws, vs))
    hv = np.concatenate([np.asarray(t).reshape(-1) for t in hvp(ws, vs)])
    rel = np.linalg.norm(hv - ours_hv) / np.linalg.norm(hv)
    t_hvp, all_hvp, _ = timed(lambda: hvp(ws, vs), hvp_reps)
    t_pow, all_pow, (_, lam) = timed(power_lin, power_reps)
    t_jvp, all_jvp, (_, lam_jvp) = timed(power_jvp, power_reps)
    print(f"jax_version={jax.__version__}")
    print(f"jax_hv_rel_diff={rel:.3e}")
    print(f"jax_loss={float(loss_fn(ws)):.12g}")
    print(f"jax_hvp_s={t_hvp:.5f}")
    print(f"jax_hvp_all={[round(t, 4) for t in all_hvp]}")
    print(f"jax_power_s={t_pow:.5f}")
    print(f"jax_power_all={[round(t, 4) for t in all_pow]}")
    print(f"jax_power_jvp_s={t_jvp:.5f}")
    print(f"jax_power_jvp_all={[round(t, 4) for t in all_jvp]}")
    print(f"jax_lambda={float(lam):.12g}")
    print(f"jax_lambda_jvp={float(lam_jvp):.12g}")
    if fori:
        t_f, all_f, (_, lam_f) = timed(lambda: power_fori(ws, vs), power_reps)
        t_fj, all_fj, (_, lam_fj) = timed(lambda: power_jvp_fori(ws, vs), power_reps)
        print(f"jax_power_fori_s={t_f:.5f}")
        print(f"jax_power_fori_all={[round(t, 4) for t in all_f]}")
        print(f"jax_power_jvp_fori_s={t_fj:.5f}")
        print(f"jax_power_jvp_fori_all={[round(t, 4) for t in all_fj]}")
        print(f"jax_lambda_fori={float(lam_f):.12g}")
        print(f"jax_lambda_jvp_fori={float(lam_fj):.12g}")


if __name__ == "__main__":
    main()
