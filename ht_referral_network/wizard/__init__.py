from . import ht_membership_change
from . import ht_mou_wet_signature
from . import ht_hsds_import
