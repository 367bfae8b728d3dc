"""The report of bench/run: reads the key=value files of every round and prints the side-by-side tables, the
agreement checks (exit status 1 when any fails), whether each goal is met, and as the last two lines
    algo_power_ratio=A algo_track_ratio=B
    hvp_ratio=X power_ratio=Y track_ratio=Z
The last line is the gate on equal work: each ours / the strongest baseline (the fastest of PyTorch and JAX) doing
the same algorithm to the same accuracy (one HVP from scratch; 20 power steps in the full space; warm-started
Lanczos to 1e-3 per tracked step), median over rounds. The line before says what the library's defaults buy on
top: the reduced basis (power) and Lanczos (tracking) against the papers' procedure, 20 power steps, on the
baselines.

    python report.py GEMM_FILE HVP_FILES(comma-separated) TRACK_FILE [PAPERS_FILE [SCALE_FILE]]
"""
import ast
import os
import statistics
import sys

GOALS = {"hvp": 0.8, "power": 0.75, "track": 0.75, "memory": 1.0}
HV_TOL = 1e-12       # relative agreement of H v between engines
LAMBDA_TOL = 1e-9    # relative agreement of the 20-step power-iteration lambda (same start, same iterates)
TRACK_ACCURACY = 1e-3
failures = []


def parse(path):
    out = {}
    with open(path) as fh:
        for line in fh:
            line = line.strip()
            if "=" not in line or line.startswith("#"):
                continue
            for part in [line] if " " not in line.split("=", 1)[0] else []:
                key, val = part.split("=", 1)
                out[key] = val
            if " " in line and line.startswith("gemm_"):  # GemmBench's multi-key lines
                head, *rest = line.split(" ")
                for kv in rest:
                    if "=" in kv:
                        k, v = kv.split("=", 1)
                        out[head + "." + k] = v
    return out


def num(d, key, default=float("nan")):
    try:
        return float(d[key])
    except (KeyError, ValueError):
        return default


def check(ok, what):
    print(("  ok   " if ok else "  FAIL ") + what)
    if not ok:
        failures.append(what)


def median_all(rounds, key):
    vals = []
    for r in rounds:
        if key + "_all" in r:
            vals.extend(ast.literal_eval(r[key + "_all"]))
        elif key + "_s" in r:
            vals.append(float(r[key + "_s"]))
    return statistics.median(vals) if vals else float("nan")


def goal(name, ratio):
    g = GOALS[name]
    return f"goal <= {g}: {'MET' if ratio <= g else 'MISSED'}"


def hvp_section(rounds, peak):
    last = rounds[-1]
    print(f"== Hessian-vector products: {os.environ.get('BENCH_HVP_LABEL', 'FCN 3072-512-512-10, n=1000')}; "
          f"P={last.get('ours_params')}; {len(rounds)} alternating rounds ==")
    print(f"engines: ours {last.get('ours_backend')}; torch {last.get('torch_version')} "
          f"({last.get('torch_blas')}, {last.get('torch_threads')} threads); jax {last.get('jax_version')} "
          f"({last.get('jax_devices')})")
    print("agreement (every round):")
    for i, r in enumerate(rounds):
        for eng in ("torch", "jax"):
            rel = num(r, f"{eng}_hv_rel_diff")
            check(rel <= HV_TOL, f"round {i + 1}: |Hv_ours - Hv_{eng}| / |Hv_ours| = {rel:.2e} (<= {HV_TOL:g})")
        lam = num(r, "ours_lambda")
        for key in ("ours_lambda_full", "torch_lambda", "torch_lambda_reuse", "jax_lambda", "jax_lambda_lin"):
            other = num(r, key)
            rel = abs(other - lam) / abs(lam)
            if i == len(rounds) - 1 or not rel <= LAMBDA_TOL:
                check(rel <= LAMBDA_TOL, f"round {i + 1}: 20-step lambda ours(reduced) {lam:.12g} vs {key} "
                                         f"{other:.12g}: rel {rel:.1e} (<= {LAMBDA_TOL:g})")
    cache, prod = num(last, "ours_cache_gflop"), num(last, "ours_product_gflop")
    tfl = num(last, "torch_hvp_gflop")
    lines = [
        ("ours  one HVP (build + 1 product)", "ours_hvp", cache + prod, num(last, "ours_hvp_gemm_share")),
        ("torch one HVP from scratch", "torch_hvp", tfl, num(last, "torch_hvp_gemm_share")),
        ("jax   one HVP (jit jvp of grad)", "jax_hvp", tfl, float("nan")),
        ("ours  product, cache kept", "ours_product", prod, num(last, "ours_product_gemm_share")),
        ("torch product, graph kept", "torch_product", prod, float("nan")),
        ("ours  power 20, full space [gated]", "ours_power_full", num(last, "ours_power_full_gflop"), float("nan")),
        ("ours  power 20, reduced basis [default]", "ours_power", num(last, "ours_power_gflop"),
         num(last, "ours_power_gemm_share")),
        ("torch power 20, graph kept", "torch_power_reuse", cache + 20 * prod,
         num(last, "torch_power_reuse_gemm_share")),
        ("torch power 20, from scratch", "torch_power", 20 * tfl, float("nan")),
        ("jax   power 20, jit jvp of grad", "jax_power", cache + 20 * prod, float("nan")),  # XLA hoists the v-free part
        ("jax   power 20, jit linearize", "jax_power_lin", cache + 20 * prod, float("nan")),
    ]
    print(f"{'':40s}{'time [s]':>10s}{'GFLOP':>8s}{'GFLOP/s':>9s}{'% peak':>8s}{'in GEMM':>9s}")
    med = {}
    for name, key, gflop, share in lines:
        t = median_all(rounds, key)
        med[key] = t
        if t != t:
            continue
        rate = gflop / t
        print(f"{name:40s}{t:10.4f}{gflop:8.2f}{rate:9.1f}{100 * rate / peak:7.0f}%"
              f"{'' if share != share else f'{100 * share:8.0f}%':>9s}")
    print(f"(measured dgemm peak of this machine: {peak:.1f} GFLOP/s off-heap; GFLOP per line: ours counted, torch "
          f"by its flop counter, the kept-graph, linearize and jitted-loop lines (XLA hoists the forward and backward pass out of the loop) credited with our operator's GEMM count; "
          f"'in GEMM' = share of the wall time inside BLAS, ours by Blas.nanos, torch by torch.profiler)")

    def ratio(ours_key, base_keys):
        per_round = []
        for r in rounds:
            o = median_all([r], ours_key)
            b = min(median_all([r], k) for k in base_keys)
            per_round.append(o / b)
        return statistics.median(per_round), per_round

    hvp_bases = ["torch_hvp", "jax_hvp"]
    power_bases = ["torch_power_reuse", "torch_power", "jax_power", "jax_power_lin"]
    h, hs = ratio("ours_hvp", hvp_bases)
    pf, pfs = ratio("ours_power_full", power_bases)
    p, ps = ratio("ours_power", power_bases)
    pk, _ = ratio("ours_product", ["torch_product"])
    red_vs_full = [median_all([r], "ours_power") / median_all([r], "ours_power_full") for r in rounds]

    def cpu(key):
        vals = [num(r, key + "_cpu_s") for r in rounds]
        vals = [v for v in vals if v == v]
        return statistics.median(vals) if vals else float("nan")

    c_h = cpu("ours_hvp") / min(cpu("torch_hvp"), cpu("jax_hvp"))
    c_p = cpu("ours_power_full") / min(cpu("torch_power_reuse"), cpu("jax_power"), cpu("jax_power_lin"))
    print(f"CPU time, all threads (context, steadier than wall time on a loaded machine): one HVP ours "
          f"{cpu('ours_hvp'):.3f} s, torch {cpu('torch_hvp'):.3f}, jax {cpu('jax_hvp'):.3f} (ours / best {c_h:.3f}); "
          f"power ours full {cpu('ours_power_full'):.2f} s, reduced {cpu('ours_power'):.2f}, torch kept graph "
          f"{cpu('torch_power_reuse'):.2f}, jax {cpu('jax_power'):.2f}, jax linearize {cpu('jax_power_lin'):.2f} "
          f"(ours full / best {c_p:.3f})")
    strongest_h = min(hvp_bases, key=lambda k: med[k])
    strongest_p = min(power_bases, key=lambda k: med[k])
    print("gates on equal work (the same algorithm on every side):")
    print(f"hvp:   ours / strongest ({strongest_h}) = {h:.3f} per round {[round(x, 3) for x in hs]}; {goal('hvp', h)}")
    print(f"power: ours full space / strongest ({strongest_p}) = {pf:.3f} per round {[round(x, 3) for x in pfs]}; "
          f"{goal('power', pf)}")
    print(f"       (context: one product on the kept cache vs torch's kept graph {pk:.3f})")
    print("what the library's defaults buy (not gated):")
    faster = all(x < 1.0 for x in red_vs_full)
    print(f"reduced basis: ours reduced / ours full = {statistics.median(red_vs_full):.3f} per round "
          f"{[round(x, 3) for x in red_vs_full]} ({'faster every round' if faster else 'NOT faster every round'}); "
          f"ours reduced / strongest ({strongest_p}) = {p:.3f} per round {[round(x, 3) for x in ps]}")
    return h, pf, p


def accuracy(lams, ref_steps, ref_lams):
    errs = [abs(lams[s] - r) / abs(r) for s, r in zip(ref_steps, ref_lams)]
    return max(errs), statistics.median(errs)


def track_section(t, peak):
    steps = int(t["track_steps"])
    ref_steps = ast.literal_eval(t["track_ref_steps"])
    ref_lams = ast.literal_eval(t["track_ref_lambdas"])
    print(f"== Sharpness-tracked training: GD {steps} steps, {os.environ.get('BENCH_TRACK_LABEL', 'FCN 784-512-512-512-10')}, "
          f"eta = 0.5/lambda0 = {float(t['track_eta']):.4g}; lambda^H every step; accuracy = max relative error "
          f"against a converged Lanczos at steps {ref_steps[0]}, {ref_steps[1] if len(ref_steps) > 1 else ''}"
          f"... ({len(ref_steps)} steps) ==")
    rows = [("ours  Lanczos, warm start, tol 1e-3", "ours_track")]
    for eng in ("torch", "jax"):
        rows.append((f"{eng:5s} Lanczos (ours), warm, tol 1e-3", f"{eng}_track_lanczos"))
        rows.append((f"{eng:5s} scipy eigsh, warm, tol 1e-3", f"{eng}_track_eigsh"))
        rows.append((f"{eng:5s} power 20, fixed start", f"{eng}_track_fixed"))
        rows.append((f"{eng:5s} power 20, warm start", f"{eng}_track_warm"))
    print(f"{'':40s}{'time [s]':>10s}{'max err':>10s}{'median err':>12s}{'products':>10s}")
    res = {}
    for name, key in rows:
        if key + "_s" not in t:
            continue
        lams = ast.literal_eval(t[key + "_lambdas"])
        mx, md = accuracy(lams, ref_steps, ref_lams)
        res[key] = (float(t[key + "_s"]), mx)
        prods = t.get(key + "_products", str(20 * steps) if "power" in name else "")
        print(f"{name:40s}{res[key][0]:10.2f}{mx:10.1e}{md:12.1e}{prods:>10s}")
    ours_t, ours_err = res["ours_track"]
    print(f"(ours: {t['ours_track_products']} products in all, {float(t['ours_track_gflop']):.0f} GFLOP, "
          f"{float(t['ours_track_gflop']) / ours_t:.1f} GFLOP/s = {100 * float(t['ours_track_gflop']) / ours_t / peak:.0f}% "
          f"of the measured dgemm peak {peak:.1f}; {100 * float(t['ours_track_gemm_share']):.0f}% of the time in GEMM)")
    print("agreement:")
    lanczos_keys = [k for k in res if k.endswith("_lanczos") or k.endswith("_eigsh")]
    for key in ["ours_track"] + lanczos_keys:
        check(res[key][1] <= TRACK_ACCURACY, f"{key} reaches the required accuracy: max rel error {res[key][1]:.1e} "
                                             f"(<= {TRACK_ACCURACY:g})")
    loss = float(t["ours_track_losses_last"])
    for key in [k + "_losses_last" for k in ("torch_track", "jax_track")] + [k + "_losses_last" for k in lanczos_keys]:
        if key in t:
            rel = abs(float(t[key]) - loss) / abs(loss)
            check(rel <= 1e-8, f"same GD trajectory: loss at the last step ours {loss:.12g} vs {key} "
                               f"{float(t[key]):.12g} (rel {rel:.1e} <= 1e-8)")
    cpus = {k: num(t, k + "_cpu_s") for k in res}
    print("CPU time, all threads (context): " + ", ".join(f"{k} {v:.1f} s" for k, v in cpus.items()))
    strongest = min(lanczos_keys, key=lambda k: res[k][0])
    r = ours_t / res[strongest][0]
    print(f"track: ours / strongest on equal work ({strongest}) = {r:.3f}; {goal('track', r)}; accuracy ours "
          f"{ours_err:.1e} vs {res[strongest][1]:.1e}")
    power_keys = [k for k in res if k.endswith("_fixed") or k.endswith("_warm")]
    strongest_p = min(power_keys, key=lambda k: res[k][0])
    ra = ours_t / res[strongest_p][0]
    print(f"what the defaults buy: ours (Lanczos) / the papers' 20 power steps ({strongest_p}) = {ra:.3f}")
    return r, ra


def papers_section(t):
    print(f"== The papers' workloads: {os.environ.get('BENCH_PAPERS_LABEL', 'FCN 784-512x7-10 (d=8, w=512)')}, "
          f"P={t.get('papers_params')}; same work on every side ==")
    print(f"{'':44s}{'ours [s]':>10s}{'torch [s]':>10s}{'jax [s]':>10s}{'ours/best':>10s}")
    ratios = {}
    for key, name in (("sgd", "one SGD step (batch gathered, grad, update)"),
                      ("lambda", "lambda: build + 20 power steps (kept graph)")):
        o, tt, j = (median_all([t], f"{e}_papers_{key}") for e in ("ours", "torch", "jax"))
        ratios[key] = o / min(tt, j)
        print(f"{name:44s}{o:10.4f}{tt:10.4f}{j:10.4f}{ratios[key]:10.3f}")
    print("agreement:")
    for eng in ("torch", "jax"):
        rel = num(t, f"{eng}_papers_theta_rel_diff")
        check(rel <= HV_TOL, f"theta after one SGD step ours vs {eng}: rel {rel:.1e} (<= {HV_TOL:g})")
        lam, other = num(t, "ours_papers_lambda"), num(t, f"{eng}_papers_lambda")
        rel = abs(other - lam) / abs(lam)
        check(rel <= LAMBDA_TOL, f"20-step lambda ours {lam:.12g} vs {eng} {other:.12g}: rel {rel:.1e} "
                                 f"(<= {LAMBDA_TOL:g})")
    print(f"papers_sgd_ratio={ratios['sgd']:.3f} papers_lambda_ratio={ratios['lambda']:.3f}")


def scale_section(s):
    print("== Scaling: time of one product at fixed theta (ours: cache kept; torch: graph kept), and memory of the "
          "operator (ours: everything it holds: the inputs' one native copy, theta, the cache a_l and delta_l, a "
          "product's work buffers; torch: the kept graph, RSS growth) ==")
    print(f"{'din-width-width-10, n':28s}{'ours [s]':>10s}{'torch [s]':>10s}{'ours/torch':>11s}{'ours MB':>9s}"
          f"{'torch MB':>10s}{'mem ratio':>10s}   ours MB = inputs + theta + cache + work")
    worst = 0.0
    for tag in ast.literal_eval(s["scale_tags"]):
        o, t = num(s, f"ours_scale_{tag}_product_s"), num(s, f"torch_scale_{tag}_product_s")
        om, tm = num(s, f"ours_scale_{tag}_mb"), num(s, f"torch_scale_{tag}_graph_mb")
        worst = max(worst, om / tm)
        parts = " + ".join(f"{num(s, f'ours_scale_{tag}_{p}_mb'):.0f}" for p in ("inputs", "theta", "cache", "work"))
        print(f"{tag:28s}{o:10.4f}{t:10.4f}{o / t:11.3f}{om:9.0f}{tm:10.0f}{om / tm:10.3f}   {parts}")
    print(f"memory: ours / torch's kept graph, largest over the rows = {worst:.3f}; {goal('memory', worst)}")


def main():
    gemm = parse(sys.argv[1])
    peak = num(gemm, "gemm_peak_gflops")
    print(f"dgemm through linalg.Blas ({gemm.get('gemm_backend')}, {gemm.get('gemm_threads')} threads): "
          f"peak {peak:.1f} GFLOP/s off-heap; one HVP's GEMMs {num(gemm, 'gemm_product_total.offheap_ms'):.0f} ms "
          f"off-heap vs {num(gemm, 'gemm_product_total.heap_ms'):.0f} ms through double[] "
          f"(copies = {100 * num(gemm, 'gemm_product_total.copy_share_of_heap'):.0f}% of that)")
    rounds = [parse(p) for p in sys.argv[2].split(",") if p]
    h, p, p_algo = hvp_section(rounds, peak)
    tr, tr_algo = track_section(parse(sys.argv[3]), peak)
    if len(sys.argv) > 4 and sys.argv[4]:
        papers_section(parse(sys.argv[4]))
    if len(sys.argv) > 5 and sys.argv[5]:
        scale_section(parse(sys.argv[5]))
    if failures:
        print(f"AGREEMENT CHECKS FAILED ({len(failures)}):")
        for f in failures:
            print("  " + f)
    print(f"algo_power_ratio={p_algo:.3f} algo_track_ratio={tr_algo:.3f}")
    print(f"hvp_ratio={h:.3f} power_ratio={p:.3f} track_ratio={tr:.3f}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
