#!/usr/bin/env python3
"""Default inputs of ex04 (vanishing gradients) and ex05 (checkpointing), from the notebook's seeds.

    python3 graphs/data/gen_ex04_ex05.py [--notebook /work/shared/seed/run-notebook.py]

Writes ex04-draws.json and ex05-draws.json next to this file (then lets biome lay them out), reads
them back, and checks that they reproduce the numbers the notebook prints. It also prints what the
graphs' notes claim about the notebook, each recomputed here in float64:
  * ex04: the notebook applies sigma'(z_l) after W_l^T instead of before; true layer-1 norms differ.
  * ex04: the residual recurrence is right.
  * ex05: the standard backprop omits relu'(z10) in its seed; harmless for this y, wrong in general.
  * ex05: the checkpointed backprop drops relu' at segment starts (layers 0..8 differ).

Shipped data are the standard-normal draws; the graphs apply the init scale themselves.
"""
import json
import os
import re
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOTEBOOK = "/work/shared/seed/run-notebook.py"

# ----------------------------------------------------------------------------- draws


def ex04_draws():
    """The notebook's cell 15: x from seed 42, then seed 1 for 20 weight draws and delta."""
    np.random.seed(42)
    x = np.random.randn(30)
    x /= np.linalg.norm(x)
    np.random.seed(1)
    W = [np.random.randn(30, 30) for _ in range(20)]
    delta = np.random.randn(30)  # drawn after the weights: the forward pass draws nothing
    delta /= np.linalg.norm(delta)
    return {"x": x, "delta": delta, "W": np.array(W)}


def ex05_draws():
    """The notebook's cell 18: seed 42, ten 8x8 weight draws (scaled by sqrt(2/8) later), then x."""
    np.random.seed(42)
    W = [np.random.randn(8, 8) for _ in range(10)]
    x = np.random.randn(8)
    return {"x": x, "W": np.array(W)}


def write(name, data, source):
    path = os.path.join(HERE, name)
    body = {"source": source, **{k: v.tolist() for k, v in data.items()}}
    with open(path, "w") as f:
        json.dump(body, f)
        f.write("\n")
    biome = os.path.join(ROOT, "node_modules", ".bin", "biome")
    if os.path.exists(biome):
        subprocess.run([biome, "format", "--write", path], check=True, capture_output=True)
    return path


def read(path):
    with open(path) as f:
        return {k: np.array(v) for k, v in json.load(f).items() if k != "source"}


# ----------------------------------------------------------------------------- ex04 maths

sigmoid = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
ACT = {
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
}
CONFIGS = {  # the notebook's four curves: (scale, activation, residual)
    "Sigmoid (w=0.3)": (0.3, "sigmoid", False),
    "ReLU (He)": (np.sqrt(2 / 30), "relu", False),
    "Sigmoid+Residual": (0.3, "sigmoid", True),
    "Sigmoid (Xavier)": (np.sqrt(1 / 30), "sigmoid", False),
}


def ex04_forward(d, scale, act, residual):
    f, _ = ACT[act]
    a, zs = d["x"].copy(), []
    for W in d["W"] * scale:
        z = W @ a
        zs.append(z)
        a = a + f(z) if residual else f(z)
    return a, zs


def ex04_norms(d, scale, act, residual, notebook):
    """Gradient norm at each layer input a_0..a_19; `notebook` uses its (W^T delta) * sigma' order."""
    _, zs = ex04_forward(d, scale, act, residual)
    _, fp = ACT[act]
    Ws = d["W"] * scale
    g, out = d["delta"].copy(), []
    for l in range(len(Ws) - 1, -1, -1):
        sp = fp(zs[l])
        if residual:
            g = g + Ws[l].T @ (g * sp)
        elif notebook:
            g = Ws[l].T @ g * sp
        else:
            g = Ws[l].T @ (g * sp)
        out.append(np.linalg.norm(g))
    return out[::-1]


def fd_grad(f, x, h=1e-4):
    """Central differences with one Richardson step, float64."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        def at(s):
            y = x.copy()
            y[i] += s
            return f(y)
        d1 = (at(h) - at(-h)) / (2 * h)
        d2 = (at(h / 2) - at(-h / 2)) / h
        g[i] = (4 * d2 - d1) / 3
    return g


# ----------------------------------------------------------------------------- ex05 maths

relu = lambda z: np.maximum(z, 0)  # noqa: E731
relu_p = lambda z: (z > 0).astype(float)  # noqa: E731


def ex05_loss(Ws, x, y):
    a = x
    for W in Ws:
        a = relu(W @ a)
    return 0.5 * np.sum((a - y) ** 2)


def ex05_grads(Ws, x, y, variant):
    """dL/dW_l for l = 1..10. variant: 'true', 'notebook' (seed without relu'(z10)),
    or ('checkpointed', k): the notebook's segment loop, which also drops relu' at segment starts."""
    a, As, Zs = x, [x], []
    for W in Ws:
        z = W @ a
        a = relu(z)
        Zs.append(z)
        As.append(a)
    L = len(Ws)
    k = variant[1] if isinstance(variant, tuple) else None
    starts = set(range(0, L, k)) if k else set()
    g = (a - y) * relu_p(Zs[-1]) if variant == "true" else a - y
    grads = [None] * L
    for l in range(L - 1, -1, -1):
        grads[l] = np.outer(g, As[l])
        if l == 0:
            break
        g = Ws[l].T @ g
        if l not in starts:
            g = g * relu_p(Zs[l - 1])
    return grads


# ----------------------------------------------------------------------------- main


def notebook_output(path):
    if not os.path.exists(path):
        print(f"(notebook runner not found at {path}: skipping the comparison with its output)")
        return None
    return subprocess.run([sys.executable, path], check=True, capture_output=True, text=True).stdout


def main():
    nb_path = sys.argv[sys.argv.index("--notebook") + 1] if "--notebook" in sys.argv else NOTEBOOK
    p4 = write("ex04-draws.json", ex04_draws(), "notebook cell 15: x = randn(30)/norm after seed(42); seed(1): W = 20 x randn(30,30), delta = randn(30)/norm")
    p5 = write("ex05-draws.json", ex05_draws(), "notebook cell 18: seed(42): W = 10 x randn(8,8) (the graph scales by sqrt(2/8)), x = randn(8)")
    d4, d5 = read(p4), read(p5)
    out = notebook_output(nb_path)
    ok = True

    def expect(label, ours, pattern):
        nonlocal ok
        if out is None:
            print(f"  {label}: {ours}")
            return
        m = re.search(pattern, out)
        theirs = m.group(1) if m else None
        same = theirs == ours
        ok &= same
        print(f"  {'ok ' if same else 'BAD'} {label}: ours {ours}, notebook printed {theirs}")

    print("ex04: notebook's recurrence on the shipped draws vs its printed layer-1 norms")
    nb = {name: ex04_norms(d4, *cfg, notebook=True) for name, cfg in CONFIGS.items()}
    expect("Sigmoid (w=0.3)", f"{nb['Sigmoid (w=0.3)'][0]:.2e}", r"Sigmoid \(w=0\.3\):\s+(\S+)")
    expect("ReLU (He)", f"{nb['ReLU (He)'][0]:.4f}", r"ReLU \(He\):\s+(\S+)")
    expect("Sigmoid+Residual", f"{nb['Sigmoid+Residual'][0]:.4f}", r"Sigmoid\+Residual:\s+(\S+)")
    expect("Sigmoid (Xavier)", f"{nb['Sigmoid (Xavier)'][0]:.4f}", r"Sigmoid \(Xavier\):\s+(\S+)")

    print("ex04: true gradient norms at a_0 (layer 1) and a_19 (layer 20) vs the notebook's")
    for name, cfg in CONFIGS.items():
        tr = ex04_norms(d4, *cfg, notebook=False)
        print(f"  {name:18s} true {tr[0]:.6e} / {tr[-1]:.6e}   notebook {nb[name][0]:.6e} / {nb[name][-1]:.6e}")
        # Independent check: forward-mode accumulation of the Jacobian da20/dx, then J^T delta.
        scale, act, res = cfg
        f, fp = ACT[act]
        a, J = d4["x"].copy(), np.eye(30)
        for W in d4["W"] * scale:
            z = W @ a
            step = fp(z)[:, None] * W
            a, J = (a + f(z), J + step @ J) if res else (f(z), step @ J)
        g_jac = np.linalg.norm(J.T @ d4["delta"])
        rel = abs(g_jac - tr[0]) / tr[0]
        ok &= rel < 1e-9
        line = f"  {'':18s} Jacobian product |J^T delta| = {g_jac:.6e} (rel. diff {rel:.0e})"
        if tr[0] > 1e-6:  # float64 finite differences resolve only gradients well above rounding
            g_fd = np.linalg.norm(fd_grad(lambda x: d4["delta"] @ ex04_forward({**d4, "x": x}, scale, act, res)[0], d4["x"]))
            ok &= abs(g_fd - tr[0]) / tr[0] < 1e-6
            line += f", finite differences {g_fd:.6e}"
        print(line)
    relu_t = ex04_norms(d4, *CONFIGS["ReLU (He)"], notebook=False)
    sig_t = ex04_norms(d4, *CONFIGS["Sigmoid (w=0.3)"], notebook=False)
    print(f"  checks on true gradients: ReLU stable {abs(relu_t[0] - relu_t[-1]) < 2.0}, Sigmoid vanishes {sig_t[0] < 1e-3 * sig_t[-1]}")

    print("ex05: loss and gradients")
    Ws = d5["W"] * np.sqrt(2 / 8)
    y = np.zeros(8)
    y[0] = 1.0
    loss = ex05_loss(Ws, d5["x"], y)
    m = re.search(r"Losses match: got (\S+),", out or "")
    if m:
        same = abs(float(m.group(1)) - loss) < 1e-14
        ok &= same
        print(f"  {'ok ' if same else 'BAD'} loss: ours {loss!r}, notebook printed {m.group(1)}")
    true = ex05_grads(Ws, d5["x"], y, "true")
    for l in range(10):
        g_fd = fd_grad(lambda W: ex05_loss([W if i == l else V for i, V in enumerate(Ws)], d5["x"], y), Ws[l].copy())
        rel = np.linalg.norm(true[l] - g_fd) / np.linalg.norm(true[l])
        ok &= rel < 1e-6
    print("  true gradients match float64 finite differences for W1..W10")
    std = ex05_grads(Ws, d5["x"], y, "notebook")
    ck = ex05_grads(Ws, d5["x"], y, ("checkpointed", 3))
    if out is not None:  # the notebook prints got = standard, expected = checkpointed, 8 decimals
        for l in range(10):
            m = re.search(rf"Layer {l} gradient: got (.*?), expected (.*?)\n(?=PASS|FAIL|\n)", out, re.S)
            nums = [np.array(re.findall(r"-?\d+\.\d*(?:e[-+]\d+)?", part), dtype=float) for part in m.groups()]
            same = np.allclose(nums[0], std[l].ravel(), atol=1e-8) and np.allclose(nums[1], ck[l].ravel(), atol=1e-8)
            ok &= same
        print(f"  {'ok ' if ok else 'BAD'} both of the notebook's algorithms re-created: printed got/expected reproduced")
    print("  layer  |true|         notebook-standard rel.err   notebook-checkpointed rel.err")
    for l in range(10):
        e_std = np.linalg.norm(std[l] - true[l]) / np.linalg.norm(true[l])
        e_ck = np.linalg.norm(ck[l] - true[l]) / np.linalg.norm(true[l])
        print(f"  {l:5d}  {np.linalg.norm(true[l]):.7e}  {e_std:.1e}                      {e_ck:.3f}")
    a = d5["x"]
    for W in Ws[:-1]:
        a = relu(W @ a)
    z10 = Ws[-1] @ a
    print(f"  z10 <= 0 at entries {np.flatnonzero(z10 <= 0).tolist()}; y is nonzero only at entry 0 -> a10 - y is already 0 there")
    y2 = np.zeros(8)
    y2[1] = 1.0
    e = np.linalg.norm(ex05_grads(Ws, d5["x"], y2, "notebook")[9] - ex05_grads(Ws, d5["x"], y2, "true")[9])
    print(f"  with y = e_1 (0-based) instead (z10[1] < 0) the notebook's standard dW10 is off by {e:.4f} (norm)")

    print("all reproduced" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
