# A subclass of complex, the first native type of types/ that classes may
# derive from: constructor and __new__, the value in operations, hashing,
# format, and complex.__repr__/__hash__ reached from the subclass.
class Z(complex):
    def swap(self):
        return Z(self.imag, self.real)


class Polar(complex):
    def __new__(cls, r, phi):
        return super().__new__(cls, r * 2, phi)

    def __repr__(self):
        return "Polar" + complex.__repr__(self)


z = Z(1, 2)
print(z, repr(z), type(z).__name__, z.swap(), z + 1, type(z + 1).__name__, z == 1 + 2j, hash(z) == hash(1 + 2j), abs(Z(3, 4)), bool(Z()), z.real, z.conjugate())
print({1 + 2j: "x"}[z], f"{z:.1f}", -z, z * z, Polar(1, 3), isinstance(z, complex))
print(complex.__hash__(1+2j) == hash(1+2j), complex.__repr__(2j))
