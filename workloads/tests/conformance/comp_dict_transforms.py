# Common data transformations with comprehensions over dicts and tuples.
people = [
    {'name': 'ann', 'age': 31, 'team': 'red'},
    {'name': 'bob', 'age': 25, 'team': 'blue'},
    {'name': 'cy', 'age': 40, 'team': 'red'},
    {'name': 'di', 'age': 19, 'team': 'green'},
]
print([p['name'] for p in people if p['age'] > 24])
by_team = {}
for p in people:
    by_team.setdefault(p['team'], []).append(p['name'])
print(by_team)
print({t: len(ns) for t, ns in by_team.items()})
print({p['name']: p['age'] >= 30 for p in people})
print(sorted((p['age'], p['name']) for p in people))
ages = {p['name']: p['age'] for p in people}
print(max(ages, key=ages.get), min(ages.values()), sum(ages.values()) / len(ages))
print({k: v for k, v in ages.items() if v % 2})
print(list(zip(*[(p['name'], p['age']) for p in people])))
table = [[f'{r}{c}' for c in 'ABC'] for r in range(1, 3)]
print(table)
print('\n'.join(' | '.join(row) for row in table))
