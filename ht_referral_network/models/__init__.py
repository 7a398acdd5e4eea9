from . import ht_service_category
from . import ht_population
from . import res_partner
from . import ht_service
