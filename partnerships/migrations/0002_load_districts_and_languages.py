"""Load New York City's 59 community districts and the site's languages.

The data is written out here, not imported from the app, so this migration
keeps working whatever later code does.
"""

from django.db import migrations
from django.utils.translation import gettext_noop

DISTRICTS = {
    "bronx": (
        "BX",
        [
            "Mott Haven, Melrose, Port Morris",
            "Hunts Point, Longwood",
            "Morrisania, Crotona Park East, Claremont",
            "Highbridge, Concourse",
            "Fordham, Morris Heights, University Heights",
            "Belmont, East Tremont, West Farms",
            "Kingsbridge Heights, Bedford Park, Norwood",
            "Riverdale, Kingsbridge, Fieldston",
            "Soundview, Parkchester, Castle Hill",
            "Throgs Neck, Co-op City, Pelham Bay",
            "Pelham Parkway, Morris Park, Allerton",
            "Williamsbridge, Wakefield, Baychester, Eastchester",
        ],
    ),
    "brooklyn": (
        "BK",
        [
            "Williamsburg, Greenpoint",
            "Downtown Brooklyn, Fort Greene, Brooklyn Heights",
            "Bedford-Stuyvesant",
            "Bushwick",
            "East New York, Cypress Hills, Starrett City",
            "Park Slope, Carroll Gardens, Red Hook",
            "Sunset Park, Windsor Terrace",
            "Crown Heights North, Prospect Heights",
            "Crown Heights South, Prospect Lefferts Gardens, Wingate",
            "Bay Ridge, Dyker Heights",
            "Bensonhurst, Bath Beach",
            "Borough Park, Kensington, Ocean Parkway",
            "Coney Island, Brighton Beach",
            "Flatbush, Midwood",
            "Sheepshead Bay, Gerritsen Beach, Homecrest",
            "Brownsville, Ocean Hill",
            "East Flatbush, Farragut, Rugby",
            "Canarsie, Flatlands, Marine Park",
        ],
    ),
    "manhattan": (
        "MN",
        [
            "Financial District, Tribeca, Battery Park City",
            "Greenwich Village, SoHo",
            "Lower East Side, Chinatown",
            "Chelsea, Clinton",
            "Midtown",
            "Murray Hill, Gramercy, Stuyvesant Town",
            "Upper West Side",
            "Upper East Side, Roosevelt Island",
            "Morningside Heights, Hamilton Heights, Manhattanville",
            "Central Harlem",
            "East Harlem",
            "Washington Heights, Inwood",
        ],
    ),
    "queens": (
        "QN",
        [
            "Astoria, Long Island City",
            "Sunnyside, Woodside",
            "Jackson Heights, East Elmhurst, North Corona",
            "Elmhurst, Corona",
            "Ridgewood, Maspeth, Middle Village",
            "Forest Hills, Rego Park",
            "Flushing, Whitestone, College Point",
            "Fresh Meadows, Briarwood, Kew Gardens Hills",
            "Woodhaven, Richmond Hill, Kew Gardens",
            "Ozone Park, Howard Beach",
            "Bayside, Douglaston, Little Neck",
            "Jamaica, Hollis, St. Albans",
            "Queens Village, Laurelton, Rosedale",
            "Rockaway, Broad Channel",
        ],
    ),
    "staten-island": (
        "SI",
        [
            "St. George, Stapleton, Port Richmond",
            "New Springville, South Beach",
            "Tottenville, Great Kills",
        ],
    ),
}

# English and the ten languages of NYC Local Law 30. The English names are
# marked so the interface shows them in the reader's language.
LANGUAGES = [
    ("en", gettext_noop("English"), "English"),
    ("es", gettext_noop("Spanish"), "Español"),
    ("zh", gettext_noop("Chinese"), "中文"),
    ("ru", gettext_noop("Russian"), "Русский"),
    ("bn", gettext_noop("Bengali"), "বাংলা"),
    ("ht", gettext_noop("Haitian Creole"), "Kreyòl ayisyen"),
    ("ko", gettext_noop("Korean"), "한국어"),
    ("ar", gettext_noop("Arabic"), "العربية"),
    ("ur", gettext_noop("Urdu"), "اردو"),
    ("fr", gettext_noop("French"), "Français"),
    ("pl", gettext_noop("Polish"), "Polski"),
]


def load(apps, schema_editor):
    CommunityDistrict = apps.get_model("partnerships", "CommunityDistrict")
    Language = apps.get_model("partnerships", "Language")
    for borough, (prefix, names) in DISTRICTS.items():
        for number, name in enumerate(names, start=1):
            CommunityDistrict.objects.update_or_create(
                code=f"{prefix}{number:02d}",
                defaults={"borough": borough, "number": number, "name": name},
            )
    for order, (code, name, native_name) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            code=code, defaults={"name": name, "native_name": native_name, "order": order}
        )


def unload(apps, schema_editor):
    apps.get_model("partnerships", "CommunityDistrict").objects.all().delete()
    apps.get_model("partnerships", "Language").objects.filter(
        code__in=[code for code, _, _ in LANGUAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
