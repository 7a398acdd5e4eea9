from . import ht_lead_convert
from . import ht_referral_wizard
