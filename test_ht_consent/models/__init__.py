from . import ht_test_subject
