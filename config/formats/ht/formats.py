# Django has no formats for Haitian Creole: dates as Kreyòl writes them
# ("30 novanm 2026", the month names from our catalog), times as New York posts them.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "j F Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y g:i A"
FIRST_DAY_OF_WEEK = 0  # Sunday, as calendars in Haiti and New York start
