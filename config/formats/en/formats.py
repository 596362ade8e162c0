# "6:00 PM" rather than Django's default "6 p.m.": how New York posts meeting times.
TIME_FORMAT = "g:i A"
