from . import ht_subject_access_mixin
from . import ht_protected_fields_mixin
from . import ht_consent_category
from . import ht_consent
from . import ht_disclosure
from . import ht_consent_subject_mixin
from . import res_config_settings
