from . import hsds
