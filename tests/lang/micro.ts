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
