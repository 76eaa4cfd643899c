# A transformer-style MLP block on three tokens of width 4: pre-layernorm, GELU, residual.
#   out = x + W2ᵀ-projected GELU(LN(x) W1 + b1)
graph "LayerNorm + GELU MLP block" { id: "layernorm-gelu-block" }
note "The residual path carries ∂L/∂out straight to x; the branch adds what layer_norm and GELU let through."
group mlp "MLP block"

input x = [[0.2, -1, 0.5, 1.3], [1.1, 0.4, -0.7, 0], [-0.3, 0.8, 0.9, -1.5]]
constant target = [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0]]
param gamma = ones(4)
param beta = zeros(4)
param W1 = randn(4, 8, seed=3) * 0.4
param b1 = zeros(8)
param W2 = randn(8, 4, seed=4) * 0.4
param b2 = zeros(4)

group mlp {
  ln = layer_norm(x, gamma, beta) { label: "LN(x)", layer: 1 }
  a = gelu(ln @ W1 + b1) { layer: 1 }
  f = a @ W2 + b2 { layer: 2 }
}
out = x + f { label: "x + MLP(LN(x))", backward: "residual: the gradient reaches x unchanged, plus the branch's share" }
loss = 0.5 * mean((out - target)^2)

objective loss
check "layer norm keeps the gradient flowing to gamma" norm(grad(gamma)) > 0.0001
check "x gets at least the residual's gradient" norm(grad(x)) > 0.001
