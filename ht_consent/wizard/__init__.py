from . import ht_consent_revoke
from . import ht_compelled_disclosure
