from . import ht_gap_report
