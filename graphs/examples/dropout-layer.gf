# One hidden layer with dropout. The mask is drawn from the run's seed (same seed, same mask);
# given the mask, dropout is linear: its gradient is the upstream gradient times mask / (1 − p).
graph "A dropout layer" { id: "dropout-layer" }
note "Switch mode to eval to turn dropout off (identity): the same weights, every unit passes gradient."
option mode = train | eval

input x = [0.5, -1.2, 2]
constant t = 1
param W1 = randn(8, 3, seed=7) * 0.6
param b1 = full(8, value=0.1)
param w2 = randn(8, seed=6) * 0.6
param b2 = 0

h = relu(W1 @ x + b1)
d = switch mode { train => dropout(h, p=0.5), eval => 1 * h } { label: "dropout(h)" }
y = w2 · d + b2
loss = 0.5 * (y - t)^2

objective loss
check "the loss is ½(y − t)² ≥ 0" value(loss) >= 0
check "kept units carry gradient back to W1" norm(grad(W1)) > 0.01
