from . import ht_lead_convert
from . import ht_referral_wizard
from . import ht_case_intake
from . import ht_case_intake_inbound
from . import ht_funder_report_wizard
from . import ht_case_pathway_plan
