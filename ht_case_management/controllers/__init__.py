from . import portal
from . import portal_inbound_referral
