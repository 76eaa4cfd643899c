# A 2-layer MLP on a batch of four points in three classes, with softmax cross-entropy.
# Rows of X are examples: logits = tanh(X W1 + b1) W2 + b2, one row of class scores per example.
graph "2-layer tanh MLP, softmax cross-entropy" { id: "mlp-tanh-softmax-ce" }
note "Softmax cross-entropy's gradient at the logits is (softmax(z) − onehot(y)) / N: every row sums to zero and each entry lies in [−1/N, 1/N]."
option activation = tanh | relu { label: "Hidden activation" }
group hidden "Hidden layer"

input X = [[1, 0.5], [-0.5, 1], [0.3, -1.2], [-1, -0.4]]
constant labels = [0, 1, 2, 1] { note: "class index of each row of X" }
param W1 = randn(2, 4, seed=1) * 0.5
param b1 = zeros(4)
param W2 = randn(4, 3, seed=2) * 0.5
param b2 = zeros(3)

group hidden {
  z1 = X @ W1 + b1 { layer: 1 }
  h = switch activation { tanh => tanh(z1), relu => relu(z1) } { layer: 1 }
}
logits = h @ W2 + b2 { layer: 2 }
loss = softmax_cross_entropy(logits, labels) { label: "L = CE(softmax(logits), labels)" }

objective loss
check "rows of ∂L/∂logits lie in [−1/4, 1/4] (upper)" grad(logits) <= 0.25
check "rows of ∂L/∂logits lie in [−1/4, 1/4] (lower)" grad(logits) >= -0.25
check "the loss is positive" value(loss) > 0
check "gradient reaches the first layer" norm(grad(W1)) > 0.001
