from . import portal
from . import portal_inbound_referral
from . import volunteer_apply
from . import probono_portal
