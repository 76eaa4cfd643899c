# Two attention heads over four tokens of width 4, each head of width 2, then an output projection.
# Concatenating the heads and multiplying by Wo is the same as summing O_h Wo_h over the heads.
graph "Two-head self-attention" { id: "two-head-attention" }
note "Each head: S = Q Kᵀ/√d, P = softmax(S) by rows, O = P V. Backward through softmax needs P, for both heads."
group head1 "Head 1" kind attention
group head2 "Head 2" kind attention

input X = [
  [1, 0, 0.5, -0.5],
  [0, 1, -0.5, 0.5],
  [0.5, 0.5, 1, 0],
  [-0.5, 0, 0, 1],
]
constant target = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
param Wq1 = randn(4, 2, seed=11) * 0.5
param Wk1 = randn(4, 2, seed=12) * 0.5
param Wv1 = randn(4, 2, seed=13) * 0.5
param Wq2 = randn(4, 2, seed=21) * 0.5
param Wk2 = randn(4, 2, seed=22) * 0.5
param Wv2 = randn(4, 2, seed=23) * 0.5
param Wo1 = randn(2, 4, seed=14) * 0.5
param Wo2 = randn(2, 4, seed=24) * 0.5

group head1 {
  S1 = attn_scores(X @ Wq1, X @ Wk1) { label: "S₁ = Q₁K₁ᵀ/√2" }
  P1 = softmax(S1, axis=-1)
  O1 = P1 @ (X @ Wv1)
}
group head2 {
  S2 = attn_scores(X @ Wq2, X @ Wk2) { label: "S₂ = Q₂K₂ᵀ/√2" }
  P2 = softmax(S2, axis=-1)
  O2 = P2 @ (X @ Wv2)
}
Y = O1 @ Wo1 + O2 @ Wo2 { label: "Y = [O₁ O₂] Wo" }
loss = 0.5 * sum((Y - target)^2)

objective loss
check "both heads get gradient" norm(grad(Wq2)) > 0.00001
check "P rows are distributions" value(P1) <= 1
