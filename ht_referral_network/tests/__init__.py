from . import common
from . import test_membership
from . import test_service
from . import test_mou
from . import test_oncall
from . import test_matching
from . import test_access_network
from . import test_network_portal
