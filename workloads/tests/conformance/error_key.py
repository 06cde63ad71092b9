# Ends with an uncaught KeyError.
d = {'present': 1}
print(d['present'], d.get('missing'))
print(d['missing'])
