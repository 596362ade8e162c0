"""Facts about New York City places that several apps use."""

# The city part of a mailing address in each borough (keys are Borough values).
CITY = {
    "bronx": "Bronx",
    "brooklyn": "Brooklyn",
    "manhattan": "New York",
    "queens": "Queens",
    "staten-island": "Staten Island",
}
