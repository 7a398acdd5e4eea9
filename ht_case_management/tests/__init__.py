from . import common
from . import test_case_stage
from . import test_case_manager
from . import test_case_lead
from . import test_case_cron
from . import test_case_input
from . import test_access_case
