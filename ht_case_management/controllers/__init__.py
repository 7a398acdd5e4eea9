from . import portal
from . import volunteer_apply
from . import probono_portal
