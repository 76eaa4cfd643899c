/**
 * A four-node graph for editing tests, in the printer's layout (as `gradflow fmt` writes it), so
 * a canvas edit changes only what it edits: L = Σ relu(w ⊙ x), dL/dw = x ⊙ relu′(w ⊙ x) = [2, 0].
 */
export const TINY = `graph "tiny"

# the weights
param w = [0.5, -1.5]
input x = [2, 1]
z = w * x
a = relu(z)
L = sum(a)

objective L
`;
