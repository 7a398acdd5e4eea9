from . import ht_lead_convert
