from . import common
from . import test_consent_state
from . import test_consent_check
from . import test_disclosure_log
from . import test_consent_cron
from . import test_access_consent
from . import test_consent_receipt
