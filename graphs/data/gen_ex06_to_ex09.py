#!/usr/bin/env python3
"""Regenerates the default inputs of ex06, ex07 and ex09 from the notebook's seeded NumPy draws.

    python3 graphs/data/gen_ex06_to_ex09.py

Writes ex06.json, ex07.json, ex07-training.json and ex09.json next to this file, then checks that
the draws reproduce what the notebook prints, recomputing each number with an independent method
(float64 finite differences, explicit Jacobian products) rather than the notebook's own code.
"""
import json
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def dumps(v, indent, room):
    """JSON laid out as biome formats it: a list on one line if it fits in `room`, else sublists one a
    line and numbers filling lines of 140 characters."""
    if not isinstance(v, list):
        return re.sub(r"e\+?(-?)0*(\d)", r"e\1\2", json.dumps(v))  # 1e-05 → 1e-5, as biome writes it
    flat = "[" + ", ".join(dumps(x, 0, 10**9) for x in v) + "]"
    if len(flat) <= room:
        return flat
    pad = " " * (indent + 2)
    if any(isinstance(x, list) for x in v):
        items = [pad + dumps(x, indent + 2, 140 - len(pad) - 1) for x in v]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    lines = [pad]  # numbers fill lines of up to 140 characters
    for i, x in enumerate(v):
        word = dumps(x, 0, 0) + ("," if i < len(v) - 1 else "")
        if lines[-1] != pad and len(lines[-1]) + 1 + len(word) > 140:
            lines.append(pad)
        lines[-1] += word if lines[-1] == pad else " " + word
    return "[\n" + "\n".join(lines) + "\n" + " " * indent + "]"


def write(name, data):
    body = []
    for k, v in data.items():
        key = f'  "{k}": '
        body.append(key + dumps(np.asarray(v).tolist(), 2, 140 - len(key) - 1))
    with open(os.path.join(HERE, name), "w") as f:
        f.write("{\n" + ",\n".join(body) + "\n}\n")


def fd(f, x, h=1e-4):
    """Richardson-extrapolated central differences in float64 (truncation O(h^4))."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        def at(d):
            y = x.copy()
            y[i] += d
            return f(y)
        d1 = (at(h) - at(-h)) / (2 * h)
        d2 = (at(h / 2) - at(-h / 2)) / h
        g[i] = (4 * d2 - d1) / 3
    return g


def close(name, got, printed, tol):
    got = np.asarray(got, dtype=float)
    ok = np.allclose(got, printed, atol=tol, rtol=0)
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {np.array2string(got.ravel()[:4], precision=8)}")
    if not ok:
        raise SystemExit(f"{name} does not reproduce the notebook's printout {printed}")


def softmax_rows(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ---- ex06: np.random.seed(1); Q, K, V drawn first, dO after the forward (which draws nothing).
np.random.seed(1)
T, d = 4, 3
Q, K, V = (np.random.randn(T, d) for _ in range(3))
dO = np.random.randn(T, d)
write("ex06.json", {"Q": Q, "K": K, "V": V, "dO": dO})


def attn_loss(Q_, K_, V_):
    return float(np.sum(dO * (softmax_rows(Q_ @ K_.T / np.sqrt(d)) @ V_)))


close("ex06 dQ[0]", fd(lambda q: attn_loss(q, K, V), Q)[0], [0.07061039, 0.08851872, -0.05688877], 1e-8)
close("ex06 dK[0]", fd(lambda k: attn_loss(Q, k, V), K)[0], [-0.50372051, 0.20010841, 0.007055], 1e-8)
close("ex06 dV[3]", fd(lambda v: attn_loss(Q, K, v), V)[3], [-0.93682236, 1.02559605, 0.94422963], 1e-8)

# ---- ex07 (a)-(b): np.random.seed(42); W0, A (×0.01), x, y_bar; B = 0 is not drawn.
np.random.seed(42)
m, n, r = 8, 6, 2
W0 = np.random.randn(m, n)
A = np.random.randn(r, n) * 0.01
x = np.random.randn(n)
y_bar = np.random.randn(m)
write("ex07.json", {"W0": W0, "A": A, "x": x, "y_bar": y_bar})
B0 = np.zeros((m, r))
dB = fd(lambda b: float(y_bar @ ((W0 + b @ A) @ x)), B0)
close("ex07 dB[:, 1]", dB[:, 1], [-0.00160125, 0.02231498, 0.00804149, -0.01434515, 0.00803614, 0.03420043, -0.00079664, 0.03479208], 1e-8)

# ---- ex07 (d): re-seeded 42, so W_target = 0.5 * W0 (same draw); then X, A_tr, W_full, 200 index draws.
np.random.seed(42)
W_target = np.random.randn(m, n) * 0.5
X_tr = np.random.randn(50, n)
Y_tr = X_tr @ W_target.T
A_tr = np.random.randn(r, n) * 0.01
W_full = np.random.randn(m, n) * 0.1
idx = np.array([np.random.choice(50, 8) for _ in range(200)])
# Y_tr is not shipped: the re-seeding makes W_target = 0.5·W0, so the graph derives it from its W0.
assert np.array_equal(W_target, 0.5 * W0), "W_target is the re-seeded W0 draw, halved"
write("ex07-training.json", {"X_tr": X_tr, "A_tr": A_tr, "W_full": W_full, "idx": idx})


def half_mse(W, xb, yb):
    return 0.5 * np.mean((xb @ W.T - yb) ** 2)


# SGD on the true gradient of the notebook's loss (finite differences, not its hand-scaled formulas).
Bt, At, Wf = np.zeros((m, r)), A_tr.copy(), W_full.copy()
lora, full = [], []
for k in range(200):
    xb, yb = X_tr[idx[k]], Y_tr[idx[k]]
    lora.append(half_mse(W0 + Bt @ At, xb, yb))
    full.append(half_mse(Wf, xb, yb))
    gA = fd(lambda a: half_mse(W0 + Bt @ a, xb, yb), At)
    gB = fd(lambda b: half_mse(W0 + b @ At, xb, yb), Bt)
    gW = fd(lambda w: half_mse(w, xb, yb), Wf)
    At, Bt, Wf = At - 0.005 * gA, Bt - 0.005 * gB, Wf - 0.005 * gW
close("ex07 final losses (LoRA, full)", [lora[-1], full[-1]], [0.4339, 0.3865], 5e-5)
# Not printed by the notebook: on all 50 samples LoRA hardly moves, so "Both converge" rests on noise.
everything = [half_mse(W0, X_tr, Y_tr), half_mse(W0 + Bt @ At, X_tr, Y_tr), half_mse(W_full, X_tr, Y_tr), half_mse(Wf, X_tr, Y_tr)]
print("     ex07 loss on all 50 samples, start → end: LoRA %.6f → %.6f, full %.4f → %.4f" % tuple(everything))

# ---- ex09: default_rng(42); J1..J20 = 0.12·normal, then g. h0 is ours: the next normal draw.
rng = np.random.default_rng(42)
L = 20
Js = [0.12 * rng.normal(size=(6, 6)) for _ in range(L)]
g = rng.normal(size=6)
h0 = rng.normal(size=6)
write("ex09.json", {"Js": Js, "g": g, "h0": h0})
# d(g·h20)/dh0 = Mᵀ g with M = J20 ⋯ J1 (plain) or (I + J20) ⋯ (I + J1) (residual).
plain_map, resid_map = np.eye(6), np.eye(6)
for J in Js:
    plain_map = J @ plain_map
    resid_map = (np.eye(6) + J) @ resid_map
close("ex09 norms (g, plain, residual)", [np.linalg.norm(g), np.linalg.norm(plain_map.T @ g) * 1e12, np.linalg.norm(resid_map.T @ g)],
      [3.4220, 5.6996, 5.7457], 5e-5)
print("all regenerated draws reproduce the notebook's printed numbers")
