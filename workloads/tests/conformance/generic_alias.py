# list[int] and the other builtin generic aliases: what annotations
# evaluated at `def` time need (types.GenericAlias).
def total(xs: list[int], table: dict[str, list[float]] = None) -> tuple[int, ...]:
    return (sum(xs),)


print(total([1, 2, 3]), total.__annotations__["xs"], total.__annotations__["table"])
print(list[int], dict[str, int], tuple[int, ...], set[bytes], frozenset[str], type[int], list[()], list["x"], list[None])
alias = list[int]
print(alias.__origin__, alias.__args__, alias([1, 2]), dict[str, int](a=1), type(alias).__name__, type(alias))
print(list[int] == list[int], list[int] == list[str], hash(list[int]) == hash(list[int]), {list[int]: 1}[list[int]])


class Node:
    pass


print(list[Node], dict[str, list[Node]], tuple[list[int], dict[str, float]])
for bad in [lambda: int[0], lambda: alias(1, 2)]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError:", e)
