from . import portal
from . import ht_network_portal
from . import hsds
