"""Demo resources: the publications a child-welfare resource center listed, plainly samples.

Titles, dates and publishers come from the National Child Welfare Resource
Center for Organizational Improvement's page on community partnerships and
from the Community Partnership Initiative's page (Chapin Hall's
implementation report). The descriptions are ours. Where these documents
can be read today is not confirmed, so every link points at example.org and
every resource is marked as sample data, which the site says beside it.

Running it again changes nothing: a resource is only created when none has
its slug or title, so staff edits are never overwritten. `manage.py
seed_demo` (core) calls it after the listings.
"""

from django.db.models import Q

from partnerships.models import CommunityPartnership, Language

from .models import Audience, Resource, Topic

CCPCW = "Center for Community Partnerships in Child Welfare (Center for the Study of Social Policy)"
NRCOI = "National Child Welfare Resource Center for Organizational Improvement"
CHAPIN_HALL = "Chapin Hall Center for Children at the University of Chicago"

# (slug, title, publisher, topic, audience, description, partnership slugs)
RESOURCES = [
    (
        "what-is-the-cppc-approach",
        "What is the Community Partnerships for Protecting Children Approach?",
        CCPCW,
        Topic.APPROACH,
        Audience.COMMUNITY,
        "A short brochure on the ideas behind community partnerships: services built around "
        "each family's strengths and needs, family team meetings, a child protective agency "
        "that works closely with neighborhoods, and decisions shared with local residents.",
        ["highbridge", "elmhurst"],
    ),
    (
        "creating-a-community-partnership",
        "Creating a Community Partnership: Guidance from the Field",
        CCPCW,
        Topic.GETTING_STARTED,
        Audience.PARTNERS,
        "Advice from the four first partnership sites, with a checklist (November 2001). It "
        "covers six needs: committed stakeholders, knowing the community, engaging it, keeping "
        "the approach whole, enough staff and funding, and ongoing support.",
        [],
    ),
    (
        "getting-started-in-community-child-protection",
        "Getting Started in Community Child Protection",
        CCPCW,
        Topic.GETTING_STARTED,
        Audience.COMMUNITY,
        "How residents, agencies and other groups can each start a community partnership, and "
        "the part each can play once it is running (July 2001).",
        [],
    ),
    (
        "cppc-the-four-original-sites",
        "Community Partnerships for Protecting Children",
        CCPCW,
        Topic.RESEARCH,
        Audience.PARTNERS,
        "An overview of the first partnerships in Louisville, Jacksonville, St. Louis and Cedar "
        "Rapids (1999), with reports on changing policy and practice, engaging the community "
        "and sharing decisions.",
        [],
    ),
    (
        "safekeeping-april-2005",
        "Safekeeping newsletter, April 2005",
        CCPCW,
        Topic.PRACTICE,
        Audience.PROVIDERS,
        "An issue on a positive community presence for child welfare agencies, the community "
        "partnership practice model, hiring and keeping staff for it, and the value of "
        "thorough training.",
        [],
    ),
    (
        "child-welfare-matters-fall-2005",
        "Child Welfare Matters, Fall 2005",
        NRCOI,
        Topic.PRACTICE,
        Audience.PROVIDERS,
        "The resource center's newsletter, with an article on the community partnerships in Iowa.",
        [],
    ),
    (
        "cpi-implementation-report",
        "Community Partnership Initiative: Implementation Report",
        CHAPIN_HALL,
        Topic.RESEARCH,
        Audience.PARTNERS,
        "An evaluation of the first year of New York City's Community Partnership Initiative: "
        "coalitions of Children's Services, agencies and neighbors in 11 communities.",
        ["highbridge", "elmhurst"],
    ),
]


def sample_url(slug: str) -> str:
    """A placeholder address that reaches no real publisher."""
    return f"https://example.org/resources/{slug}"


def seed_resources() -> int:
    """Create each demo resource that is not there yet; return how many were created."""
    english = Language.objects.filter(code="en").first()
    wanted = {slug for *_, tied_to in RESOURCES for slug in tied_to}
    partnerships = {p.slug: p for p in CommunityPartnership.objects.filter(slug__in=wanted)}
    created = 0
    for slug, title, publisher, topic, audience, description, tied_to in RESOURCES:
        if Resource.objects.filter(Q(slug=slug) | Q(title=title)).exists():
            continue
        resource = Resource.objects.create(
            slug=slug,
            title=title,
            publisher=publisher,
            topic=topic,
            audience=audience,
            description=description,
            url=sample_url(slug),
            is_published=True,
            is_sample_data=True,
        )
        if english:
            resource.languages.add(english)
        resource.partnerships.set([partnerships[s] for s in tied_to if s in partnerships])
        created += 1
    return created
