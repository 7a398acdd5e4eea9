from . import ht_membership_change
