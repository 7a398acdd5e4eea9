from . import ht_membership_change
from . import ht_hsds_import
