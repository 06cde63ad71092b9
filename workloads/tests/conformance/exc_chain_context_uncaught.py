try:
    {}["missing"]
except KeyError:
    [][1]
