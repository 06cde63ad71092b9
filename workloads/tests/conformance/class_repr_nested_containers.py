# Reprs of user objects inside nested containers and recursive structures.
class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
    def __repr__(self):
        if self.children:
            return 'Node(%r, %r)' % (self.value, self.children)
        return 'Node(%r)' % (self.value,)

tree = Node(1, [Node(2), Node('three', [Node(4.0)])])
print(tree)
print([tree.children[0]], {'root': Node(None)}, (Node(True),))
print(str([Node('s')]), repr(Node('q"uote')))
lst = [1, 2]
lst.append(lst)
print(lst)
d = {'self': None}
d['self'] = d
print(d)
class Weird:
    def __repr__(self):
        return 'W'
    def __str__(self):
        return 'w-str'
print([Weird()], Weird(), '%s %r' % (Weird(), Weird()), {Weird(): Weird()}.__len__())
