from . import ht_network_portal
