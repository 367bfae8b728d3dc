"""The eigen-solvers the baselines of bench/run use for the tracked sharpness, on any HVP given as a function of
a flat float64 numpy vector — the same algorithm as ours, so that the tracked-training gate compares engines:

  lanczos(apply, v0, tol)  Lanczos with full reorthogonalisation, stopped when the top Ritz pair's residual
                           |beta_j s_j| <= tol * max|Ritz value| (exactly the rule of spectrum.Lanczos with
                           LanczosOptions.withTolerance(tol); a Ritz value lies within its residual of an eigenvalue)
  eigsh(apply, v0, tol, ncv)  scipy.sparse.linalg.eigsh(LinearOperator, k=1, which='LA', v0, tol, ncv): ARPACK's
                           implicitly restarted Lanczos, what a user of scipy writes

Both return (lambda, Ritz vector, number of products).
"""
import numpy as np


def lanczos(apply, v0, tol, max_iter=100):
    q = np.asarray(v0, dtype=np.float64)
    q = q / np.linalg.norm(q)
    basis = [q]
    alphas, betas = [], []
    products = 0
    lam, vec = float("nan"), q
    for j in range(max_iter):
        w = apply(basis[-1])
        products += 1
        alpha = float(np.dot(basis[-1], w))
        w = w - alpha * basis[-1] - (betas[-1] * basis[-2] if betas else 0.0)
        q_mat = np.stack(basis, axis=1)
        for _ in range(2):  # full reorthogonalisation, twice is enough
            w = w - q_mat @ (q_mat.T @ w)
        beta = float(np.linalg.norm(w))
        alphas.append(alpha)
        t = np.diag(alphas) + np.diag(betas, 1) + np.diag(betas, -1)
        vals, vecs = np.linalg.eigh(t)
        lam, s = float(vals[-1]), vecs[:, -1]
        scale = float(np.max(np.abs(vals)))
        if abs(beta * s[-1]) <= tol * scale or beta == 0.0:
            vec = q_mat @ s
            break
        betas.append(beta)
        basis.append(w / beta)
    else:
        vec = np.stack(basis[:len(alphas)], axis=1) @ s
    return lam, vec / np.linalg.norm(vec), products


def eigsh(apply, v0, tol, ncv):
    from scipy.sparse.linalg import LinearOperator, eigsh as arpack
    count = [0]

    def mv(v):
        count[0] += 1
        return apply(np.asarray(v, dtype=np.float64).reshape(-1))

    p = v0.shape[0]
    vals, vecs = arpack(LinearOperator((p, p), matvec=mv, dtype=np.float64), k=1, which="LA", v0=v0, tol=tol,
                        ncv=ncv)
    return float(vals[-1]), vecs[:, -1], count[0]
