# The core str methods on a small text-processing task.
raw = '  Name: ada lovelace ; Born: 1815 ; Field: mathematics ; Id: 00042  '
fields = {}
for part in raw.strip().split(';'):
    key, _, value = part.strip().partition(': ')
    fields[key.lower()] = value
print(fields)
print(fields['name'].title(), fields['name'].upper(), fields['field'].capitalize())
print(fields['born'].isdigit(), fields['id'].isdigit(), fields['name'].isdigit())
print(int(fields['id']), fields['id'].lstrip('0'), str(7).zfill(5))
print(fields['field'].count('a'), fields['field'].find('them'), fields['field'].find('zz'))
print(fields['name'].replace(' ', '_'), fields['name'].startswith('ada'), fields['name'].endswith('lace'))
print('|' + fields['born'].center(10) + '|' + fields['born'].ljust(8) + '|' + fields['born'].rjust(8) + '|')
print(', '.join(k.upper() for k in fields), '-'.join(fields['name'].split()))
print('one two three'.title(), "o'reilly's book".title(), 'ALL CAPS'.title())
print('abc'.zfill(6), '-3'.zfill(4), ''.zfill(3))
