# Django's Bengali formats start the week on Saturday, as in Bangladesh; the
# meetings here follow New York's week, which starts on Sunday.
from django.conf.locale.bn.formats import *  # noqa: F403 - the rest as Django writes it

FIRST_DAY_OF_WEEK = 0
