from . import ht_case_stage
from . import ht_case
