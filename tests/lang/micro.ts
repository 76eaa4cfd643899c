/** micrograd's sanity expression with its known gradient as a check. */
export const MICRO = `# micrograd's sanity expression
x = -4
z = 2 * x + 2 + x
q = relu(z) + z * x
h = relu(z * z)
y = h + q + q * x
objective y
check "dy/dx = 46" grad(x) == 46
`;

/** a = act(w ⊙ x) with act an option switch, L = Σa; z = w ⊙ x = [1, −1.5], so dL/dw = x ⊙ act′(z). */
export const SWITCHED = `graph "switched"

param w = [0.5, -1.5]
input x = [2, 1]
option act = relu | tanh default relu
z = w * x
a = switch act { relu => relu(z), tanh => tanh(z) }   # the activation
L = sum(a)

objective L
`;
