"""Public facts about the real programs, for the demo data (see seed_demo).

Names, boroughs, neighborhoods, community districts and the lead agencies
that are publicly known come from ACS pages, press releases and local news.
Everything else seed_demo fills in (addresses, phones, e-mail, hours,
languages) is sample data, and the listings say so.
"""

# (name, slug, borough, community district codes, neighborhoods, lead organization)
PARTNERSHIPS = [
    ("Highbridge", "highbridge", "bronx", ["BX04"], "Highbridge, Concourse", "Bridge Builders"),
    ("Hunts Point", "hunts-point", "bronx", ["BX02"], "Hunts Point, Longwood", ""),
    ("Mott Haven", "mott-haven", "bronx", ["BX01"], "Mott Haven, Melrose, Port Morris", ""),
    ("Bedford-Stuyvesant", "bedford-stuyvesant", "brooklyn", ["BK03"], "Bedford-Stuyvesant", ""),
    ("Bushwick", "bushwick", "brooklyn", ["BK04"], "Bushwick", ""),
    ("East Flatbush", "east-flatbush", "brooklyn", ["BK17"], "East Flatbush, Farragut", ""),
    ("East New York", "east-new-york", "brooklyn", ["BK05"], "East New York, Cypress Hills", ""),
    ("East Harlem", "east-harlem", "manhattan", ["MN11"], "East Harlem", ""),
    (
        "Elmhurst",
        "elmhurst",
        "queens",
        ["QN04"],
        "Elmhurst, Corona",
        "Community Mediation Services",
    ),
    ("Jamaica", "jamaica", "queens", ["QN12"], "Jamaica, Hollis, St. Albans", ""),
    (
        "North Shore",
        "north-shore",
        "staten-island",
        ["SI01"],
        "St. George, Stapleton, Port Richmond",
        "The New York Foundling",
    ),
]

# (name or "" when only the operator is known, slug, operator, neighborhood,
#  borough, community district codes)
CENTERS = [
    ("The C.R.I.B.", "the-crib", "Good Shepherd Services", "East New York", "brooklyn", ["BK05"]),
    (
        "Circle of Dreams",
        "circle-of-dreams",
        "Bridge Builders with The Children's Village",
        "Highbridge",
        "bronx",
        ["BX04"],
    ),
    ("O.U.R. Place", "our-place", "Graham Windham", "Hunts Point/Longwood", "bronx", ["BX02"]),
    (
        "",
        "mott-haven-melrose",
        "Reggio Emilia Montessori Center",
        "Mott Haven/Melrose",
        "bronx",
        ["BX01"],
    ),
    (
        "",
        "soundview-parkchester",
        "Youth Ministries for Peace and Justice",
        "Soundview/Parkchester",
        "bronx",
        ["BX09"],
    ),
    (
        "",
        "bedford-stuyvesant",
        "Little Flower Children and Family Services",
        "Bedford-Stuyvesant",
        "brooklyn",
        ["BK03"],
    ),
    ("", "brownsville", "RiseBoro Community Partnership", "Brownsville", "brooklyn", ["BK16"]),
    ("", "central-harlem", "Living Redemption CDC", "Central Harlem", "manhattan", ["MN10"]),
    ("", "east-harlem", "Union Settlement", "East Harlem", "manhattan", ["MN11"]),
    (
        "",
        "jamaica-hollis-queens-village",
        "Forestdale",
        "Jamaica/Hollis/Queens Village",
        "queens",
        ["QN12", "QN13"],
    ),
    ("", "rockaway-broad-channel", "Ocean Bay CDC", "Rockaway/Broad Channel", "queens", ["QN14"]),
    (
        "",
        "st-george-stapleton",
        "Fund for the City of New York with the Staten Island Justice Center",
        "St. George/Stapleton",
        "staten-island",
        ["SI01"],
    ),
    (
        "",
        "ozone-park-woodhaven",
        "Martin De Porres",
        "Ozone Park/Woodhaven",
        "queens",
        ["QN10", "QN09"],
    ),
    ("", "elmhurst-corona", "Community Mediation Services", "Elmhurst/Corona", "queens", ["QN04"]),
    ("", "jackson-heights", "Queens Community House", "Jackson Heights", "queens", ["QN03"]),
    ("", "astoria", "Jacob A. Riis Neighborhood Settlement", "Astoria", "queens", ["QN01"]),
    (
        "",
        "flushing-south-briarwood",
        "Samuel Field Y",
        "Flushing South/Briarwood",
        "queens",
        ["QN08"],
    ),
    (
        "",
        "kingsbridge-bedford-park",
        "Kingsbridge Heights Community Center",
        "Kingsbridge/Bedford Park",
        "bronx",
        ["BX07"],
    ),
    ("", "williamsbridge-baychester", "BronxWorks", "Williamsbridge/Baychester", "bronx", ["BX12"]),
    ("", "sunset-park", "Center for Family Life", "Sunset Park", "brooklyn", ["BK07"]),
    (
        "",
        "coney-island",
        "Brooklyn Bureau of Community Service",
        "Coney Island",
        "brooklyn",
        ["BK13"],
    ),
    ("", "flatbush-midwood", "Ohel", "Flatbush/Midwood", "brooklyn", ["BK14"]),
    (
        "",
        "lower-east-side-chinatown",
        "Real Dads Network",
        "Lower East Side/Chinatown",
        "manhattan",
        ["MN03"],
    ),
    (
        "",
        "morningside-hamilton-heights",
        "America Works",
        "Morningside/Hamilton Heights",
        "manhattan",
        ["MN09"],
    ),
    (
        "",
        "pelham-parkway-morris-park",
        "Mosholu Montefiore Community Center",
        "Pelham Parkway/Morris Park",
        "bronx",
        ["BX11"],
    ),
]

# The city part of a mailing address in each borough.
CITY = {
    "bronx": "Bronx",
    "brooklyn": "Brooklyn",
    "manhattan": "New York",
    "queens": "Queens",
    "staten-island": "Staten Island",
}
