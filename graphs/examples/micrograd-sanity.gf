# micrograd's sanity check, written as maths. Every operation below is one node of the graph:
# `z = 2 * x + 2 + x` becomes z.scale (2x), z.c (the constant 2), z.add and z itself.
graph "micrograd sanity check" { id: "micrograd-sanity" }
note "The expression from micrograd's test_sanity_check. By hand: z = −10, q = 40, h = 100, y = −20; dy/dx = 46."

input x = -4
z = 2 * x + 2 + x { label: "z = 2x + 2 + x" }
q = relu(z) + z * x { label: "q = relu(z) + zx", backward: "q backward: relu(z) is off (z < 0), so only z·x passes gradient" }
h = relu(z * z) { label: "h = relu(z²)" }
y = h + q + q * x { label: "y = h + q + qx" }

objective y
check "y = −20" value(y) == -20
check "dy/dx = 46" grad(x) == 46
