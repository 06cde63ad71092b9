from ..plain import value
from .. import top_value
from . import leaf
total = value + top_value + leaf.LEAF
