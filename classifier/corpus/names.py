"""Invented names: people, companies, universities, agencies, roles, places, domains.

Everything here is combinatorial so that no single name carries the signal the model
should learn from the wording. People are first name x last name pairs drawn
independently, so they name no real person; organisations are invented compounds
on reserved domains (``.example``/``.test``). The only real domains are the
applicant-tracking relays, which are facts about where such mail comes from.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

FIRST_NAMES = (
    "Aaliyah", "Abdul", "Ada", "Adaeze", "Adrian", "Aiko", "Aisha", "Alejandro", "Aleksander",
    "Alexis", "Amara", "Amir", "Ana", "Anders", "André", "Andrea", "Anika", "Anton", "Arjun",
    "Astrid", "Bea", "Benedikt", "Bilal", "Bo", "Bruno", "Camila", "Carmen", "Chiara", "Chidi",
    "Chloé", "Conor", "Dalia", "Dana", "Daniel", "Daria", "Dev", "Diego", "Dmitri", "Efua",
    "Elif", "Elena", "Eliot", "Emeka", "Emil", "Esther", "Fatima", "Felix", "Femi", "Fiona",
    "Florian", "Gabriel", "Greta", "Hamid", "Hana", "Hannah", "Hiroshi", "Ibrahim", "Ida", "Ines",
    "Ingrid", "Isaac", "Ivana", "Jae", "Jamal", "Janek", "Javier", "Jia", "Joanna", "Jonas",
    "Jordan", "José", "Julia", "Kai", "Kalani", "Karim", "Katarzyna", "Kenji", "Kofi", "Lars",
    "Layla", "Leila", "Leon", "Lina", "Lorenzo", "Luca", "Lucía", "Maeve", "Magnus", "Malik",
    "Mara", "Marek", "Marta", "Mateo", "Maya", "Mehmet", "Mei", "Mia", "Miguel", "Milan",
    "Mina", "Mohammed", "Nadia", "Naledi", "Nasser", "Nico", "Nina", "Noah", "Noor", "Ola",
    "Olivia", "Omar", "Oskar", "Owen", "Pablo", "Paolo", "Pedro", "Petra", "Piotr", "Priya",
    "Quinn", "Rafael", "Rahul", "Ravi", "Rhea", "Riley", "Rosa", "Ruth", "Sam", "Samir",
    "Sana", "Santiago", "Sara", "Selin", "Shira", "Simone", "Sofia", "Søren", "Stefan", "Sunita",
    "Tamar", "Tariq", "Teodora", "Theo", "Tomás", "Tunde", "Valentina", "Vikram", "Wen", "Xin",
    "Yara", "Yasmin", "Yusuf", "Zainab", "Zara", "Zoë",
)  # fmt: skip

LAST_NAMES = (
    "Abara", "Adeyemi", "Ahlberg", "Alvarez", "Andersen", "Aoki", "Bakker", "Balogun", "Bauer",
    "Bergström", "Bianchi", "Boateng", "Brennan", "Carvalho", "Castellano", "Chandra", "Chen",
    "Costa", "Dąbrowski", "Delacroix", "Demir", "Dimitrov", "Dubois", "Eriksen", "Esposito",
    "Farouk", "Fernández", "Fischer", "Gallagher", "García", "Gonzaga", "Greaves", "Haddad",
    "Halvorsen", "Hartmann", "Hayashi", "Herrera", "Horvath", "Ibarra", "Iyer", "Jansen",
    "Jovanović", "Kapoor", "Karlsson", "Kaur", "Kim", "Kowalczyk", "Krishnan", "Kuznetsov",
    "Lambert", "Larsen", "Lindqvist", "Lombardi", "Lund", "Mahlangu", "Marchetti", "Mbeki",
    "McAllister", "Mendoza", "Menon", "Moreau", "Murphy", "Mwangi", "Nakamura", "Nguyen",
    "Novak", "Nowak", "O'Connell", "Okafor", "Oliveira", "Osei", "Özdemir", "Papadopoulos",
    "Park", "Patel", "Pereira", "Petrov", "Quintero", "Rahman", "Ramos", "Reyes", "Richter",
    "Rossi", "Saito", "Santos", "Schmidt", "Sharma", "Silva", "Sokolova", "Suzuki", "Svensson",
    "Tanaka", "Thorne", "Torres", "Tran", "Uddin", "Vargas", "Varga", "Vasquez", "Weber",
    "Whitfield", "Wójcik", "Yamamoto", "Yilmaz", "Zhang", "Zhou", "Zielinski",
)  # fmt: skip

COMPANY_HEADS = (
    "Northwind", "Brightwater", "Kestrel", "Bluepine", "Copperleaf", "Halcyon", "Ironbark",
    "Juniper", "Larkspur", "Quillon", "Saltmarsh", "Tidewater", "Verdant", "Wrenfield",
    "Amberline", "Ashgrove", "Beacon Hill", "Blackthorn", "Cedarpoint", "Cinderford", "Cobalt",
    "Driftwood", "Emberly", "Fernhollow", "Foxglove", "Glasswing", "Goldcrest", "Granite Peak",
    "Harborview", "Heronsgate", "Hollowbrook", "Indigo Bay", "Kettleby", "Lanternfish", "Lumen",
    "Marigold", "Millrace", "Moonraker", "Nettlefield", "Oakhaven", "Orchid Row", "Pebblestone",
    "Pinecrest", "Quartzite", "Ravenmoor", "Redwing", "Riverbend", "Rookery", "Sablefin",
    "Seabright", "Silverfir", "Skylark", "Slatebridge", "Starling", "Stonechat", "Sunhollow",
    "Thistledown", "Trailhead", "Umberfield", "Valeview", "Wavecrest", "Whitlock", "Willowmere",
    "Windrose", "Yarrow", "Zephyrine", "Alderbank", "Bramblecroft", "Clearwell", "Dovetail",
    "Eastwater", "Farrowdale", "Gullwing", "Highmoor", "Ivyreach", "Jadeport", "Kingsmere",
    "Lochdale", "Mistral", "Nimbus", "Orrery", "Parkhurst", "Quayside", "Rushmore Lane",
)  # fmt: skip

COMPANY_TAILS = (
    "Analytics", "Health", "Labs", "Systems", "Logistics", "Robotics", "Foods", "Insurance",
    "Energy", "Studio", "Works", "Software", "Bio", "Therapeutics", "Media", "Games", "Capital",
    "Mobility", "Retail", "Learning", "Security", "Cloud", "Data", "Foundry", "Partners",
    "Technologies", "Networks", "Financial", "Dynamics", "Materials", "Outdoors", "Pharma",
    "Interactive", "Consulting", "Digital", "Aerospace", "Marine", "Apparel", "Devices",
    "Solutions", "Group", "Collective", "Ventures", "Genomics", "Payments", "Travel", "Home",
)  # fmt: skip

# Legal forms are weighted towards "none" because most mail uses the short name.
LEGAL_FORMS = (
    "", "", "", "", "", "", "Inc.", "Inc.", "LLC", "Ltd", "Ltd", "GmbH", "AG", "B.V.", "S.A.",
    "SAS", "AB", "Oy", "Pty Ltd", "plc", "S.p.A.", "ApS", "Sp. z o.o.", "s.r.o.",
)  # fmt: skip

EUROPEAN_COMPANIES = (
    "Lumière Conseil", "Brückner Logistik", "Société Verdanne", "Fjordvik Teknikk",
    "Castellmar Ingeniería", "Rautavaara Systems", "Hofmann & Söhne Maschinenbau",
    "Vinterholm Data", "Montclair Assurances", "Porto Azul Tecnologia", "Zielony Most Software",
    "Kaskade Energie", "Åkerlund Medical", "Bellamonte Moda", "Duvenhage Mining",
    "Navarrete Consultores", "Oranjeveld Foods", "Škoda Lane Digital", "Tessaro Automazione",
    "Weißdorn Analytics", "Estrela Norte Seguros", "Kallio Games", "Ruisseau Pharma",
    "Sandvika Maritime", "Vltava Robotics", "Grünwald Finanz", "Lindenhof Klinik",
)  # fmt: skip

PLACE_STARTS = (
    "Ash", "Bel", "Brook", "Cam", "Car", "Dun", "East", "Elm", "Fair", "Glen", "Green", "Har",
    "Hazel", "Kil", "Lang", "Lyn", "Marsh", "Mill", "North", "Oak", "Pem", "Red", "Ros",
    "Shel", "South", "Stan", "Thorn", "Wes", "Whit", "Wood",
)  # fmt: skip
PLACE_ENDS = (
    "brook", "bury", "dale", "field", "ford", "gate", "haven", "hurst", "ley", "mere", "mont",
    "moor", "port", "ridge", "stead", "ton", "vale", "wick", "wood", "worth",
)  # fmt: skip

CITIES = (
    "Portland", "Austin", "Denver", "Toronto", "Dublin", "Berlin", "Lisbon", "Amsterdam",
    "Manchester", "Edinburgh", "Melbourne", "Auckland", "Singapore", "Bangalore", "Nairobi",
    "Lagos", "São Paulo", "Mexico City", "Barcelona", "Warsaw", "Stockholm", "Helsinki",
    "Zürich", "Vienna", "Montréal", "Seattle", "Chicago", "Boston", "Raleigh", "Atlanta",
)  # fmt: skip

# Where a job is, as job boards and recruiters write it.
LOCATIONS = (
    *CITIES, "Remote", "Remote (EU)", "Remote (US)", "Hybrid – London", "Hybrid – New York",
)  # fmt: skip

SENIORITIES = (
    "", "", "", "Senior", "Senior", "Junior", "Lead", "Staff", "Principal", "Associate",
    "Entry-Level", "Mid-Level", "Graduate",
)  # fmt: skip

FUNCTIONS = (
    "Software Engineer", "Data Analyst", "Product Designer", "Product Manager",
    "Marketing Manager", "Account Executive", "Financial Analyst", "HR Generalist",
    "Customer Success Manager", "Operations Coordinator", "UX Researcher", "DevOps Engineer",
    "Data Scientist", "Machine Learning Engineer", "QA Engineer", "Technical Writer",
    "Content Strategist", "Sales Development Representative", "Project Manager",
    "Business Analyst", "Supply Chain Analyst", "Mechanical Engineer", "Electrical Engineer",
    "Accountant", "Paralegal", "Graphic Designer", "Recruiter", "Office Manager",
    "Backend Engineer", "Frontend Developer", "Full Stack Developer", "Site Reliability Engineer",
    "Security Engineer", "Data Engineer", "Program Manager", "Brand Designer",
    "Growth Marketer", "Community Manager", "Solutions Architect", "Clinical Research Associate",
    "Registered Nurse", "Pharmacist", "Legal Counsel", "Copywriter", "Social Media Manager",
    "Research Scientist", "Embedded Software Engineer", "iOS Developer", "Android Engineer",
    "Controller", "Payroll Specialist", "Executive Assistant", "Procurement Specialist",
    "Environmental Consultant", "Civil Engineer", "Architect", "Teacher", "Librarian",
)  # fmt: skip

SPECIALTIES = (
    "Payments", "Growth", "Platform", "Infrastructure", "Mobile", "Analytics", "Risk",
    "Enterprise", "EMEA", "Search", "Identity", "Billing", "Core Banking", "Supply Chain",
    "Clinical", "Marketplace", "Developer Experience", "Data Platform", "Brand", "Retention",
)  # fmt: skip

TEAMS = (
    "Data Platform", "Payments", "Growth", "Design Systems", "Customer Experience",
    "Infrastructure", "Marketing", "Finance", "People Operations", "Product", "Research",
    "Mobile", "Security", "Sales", "Partnerships", "Operations", "Analytics", "Engineering",
)  # fmt: skip

FIELDS = (
    "data engineering", "distributed systems", "B2B marketing", "financial modelling",
    "user research", "machine learning", "stakeholder management", "healthcare operations",
    "enterprise sales", "cloud infrastructure", "design systems", "mobile development",
    "regulatory compliance", "supply chain planning", "people management", "payments",
    "SQL and dashboarding", "brand strategy", "clinical trials", "embedded systems",
    "technical writing", "customer onboarding", "Kubernetes", "React", "Python",
)  # fmt: skip

ACADEMIC_FIELDS = (
    "Computational Biology", "Medieval History", "Materials Science", "Applied Mathematics",
    "Environmental Engineering", "Cognitive Psychology", "Comparative Literature",
    "Organic Chemistry", "Economics", "Computer Science", "Public Health", "Linguistics",
    "Marine Ecology", "Political Science", "Statistics", "Mechanical Engineering",
    "Sociology", "Astrophysics", "Music Theory", "Philosophy", "Epidemiology", "Neuroscience",
)  # fmt: skip

ACADEMIC_ROLE_FORMS = (
    "Assistant Professor of <f>", "Tenure-Track Assistant Professor in <f>",
    "Associate Professor of <f>", "Lecturer in <f>", "Senior Lecturer in <f>",
    "Postdoctoral Research Associate in <f>", "Postdoctoral Fellow in <f>",
    "Research Fellow in <f>", "Visiting Assistant Professor of <f>", "Teaching Fellow in <f>",
    "Research Assistant Professor in <f>", "Instructor of <f>",
)  # fmt: skip

UNIVERSITY_FORMS = (
    "University of <p>", "<p> State University", "<p> Institute of Technology",
    "<p> College", "<p> University", "University of <p> at <q>", "<p> Polytechnic",
    "The <p> School of Science", "<p> Metropolitan University",
)  # fmt: skip

GOV_FORMS = (
    "Department of <x>", "<p> County <y>", "City of <p>", "Ministry of <x>",
    "<p> Regional Transit Authority", "Office of <x>", "State <x> Agency",
    "<p> Water Board", "<p> Borough Council", "National <x> Service", "<p> Public Library",
    "<p> Health District",
)  # fmt: skip
GOV_SUBJECTS = (
    "Coastal Resources", "Transportation", "Public Works", "Environmental Quality",
    "Revenue", "Labor and Workforce", "Parks and Recreation", "Housing", "Digital Services",
    "Consumer Protection", "Statistics", "Veterans Affairs", "Education", "Emergency Management",
)  # fmt: skip
GOV_UNITS = (
    "Planning Office", "Human Services", "Assessor's Office", "Clerk's Office",
    "Sheriff's Office", "Parks Department", "IT Department", "Health Department",
)  # fmt: skip
GOV_ROLES = (
    "Policy Analyst II", "Program Specialist", "Environmental Scientist I",
    "Administrative Assistant III", "IT Specialist (Systems Administration)",
    "Management Analyst", "Budget Analyst", "Civil Engineer Associate", "Librarian I",
    "GIS Analyst", "Grants Coordinator", "Public Information Officer", "Data Analyst",
    "Human Resources Assistant", "Procurement Officer", "Transportation Planner",
    "Caseworker", "Accountant II", "Communications Specialist", "Project Manager",
)  # fmt: skip

AGENCY_HEADS = (
    "Harbor", "Summit", "Keystone", "Bridgeway", "Northstar", "Clearpath", "Talentwise",
    "Pinnacle", "Evergreen", "Lighthouse", "Compass", "Fieldstone", "Blue Ridge", "Castleford",
)  # fmt: skip
AGENCY_TAILS = (
    "Talent Partners", "Recruitment", "Search", "Executive Search", "Staffing",
    "Talent Solutions", "People", "Resourcing", "Consulting Group", "Associates",
)  # fmt: skip

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

# Applicant-tracking relays: (vendor key, sender address template, reply-to allowed).
# ``{slug}`` is the company slug; these domains are real products, used as facts.
ATS_SENDERS = (
    ("greenhouse", "no-reply@us.greenhouse-mail.io"),
    ("greenhouse", "no-reply@greenhouse.io"),
    ("lever", "no-reply@hire.lever.co"),
    ("workday", "donotreply@myworkday.com"),
    ("workday", "{slug}@myworkday.com"),
    ("icims", "{slug}@talent.icims.com"),
    ("taleo", "do-not-reply@taleo.net"),
    ("smartrecruiters", "notifications@smartrecruiters.com"),
    ("smartrecruiters", "{slug}@smartrecruiters.com"),
    ("ashby", "no-reply@ashbyhq.com"),
    ("workable", "noreply@candidates.workablemail.com"),
    ("bamboohr", "notifications@app.bamboohr.com"),
    ("jazzhr", "{slug}@applytojob.com"),
    ("teamtailor", "no-reply@teamtailor.com"),
    ("recruitee", "{slug}@recruitee.com"),
    ("personio", "noreply@{slug}.jobs.personio.de"),
    ("successfactors", "careers@successfactors.eu"),
)  # fmt: skip

PERSONAL_MAIL_DOMAINS = ("mailbox.example", "inbox.test", "post.example", "fastmail.test")
JOB_BOARDS = ("JobHarbor", "CareerLoft", "WorkNest", "HireLane", "Roleboard", "TalentTrail")


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Organisation:
    name: str  # how the text usually refers to it, e.g. "Kestrel Labs"
    legal: str  # full form used in signatures/footers, e.g. "Kestrel Labs GmbH"
    domain: str
    slug: str  # lowercase, for relay addresses


# Letters that NFKD does not split into base letter + accent.
_NON_DECOMPOSING = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "Ae", "đ": "d"}
)


def ascii_slug(text: str, sep: str = "") -> str:
    """Lowercase ASCII rendering of a name, for e-mail local parts and domains."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NON_DECOMPOSING))
    plain = decomposed.encode("ascii", "ignore").decode("ascii").lower().replace("&", "and")
    return re.sub(r"[^a-z0-9]+", sep, plain).strip(sep)


def with_article(noun: str) -> str:
    """ "a Data Analyst", "an Associate Data Analyst" (by spelling, which is close enough)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def tld(rng: random.Random) -> str:
    return rng.choice((".example", ".example", ".test"))


class NameForge:
    """Draws invented people and organisations from one seeded RNG."""

    def __init__(self, rng: random.Random, *, held_out: bool = False) -> None:
        self.rng = rng
        # True while building a test-split record: phrase banks then draw from their
        # held-out entries only (see scene.held_out_template).
        self.held_out = held_out

    def place(self) -> str:
        return self.rng.choice(PLACE_STARTS) + self.rng.choice(PLACE_ENDS)

    def person(self, domain: str | None = None, avoid: frozenset[str] = frozenset()) -> Person:
        rng = self.rng
        first = rng.choice([name for name in FIRST_NAMES if name not in avoid])
        last = rng.choice(LAST_NAMES)
        host = domain or rng.choice(PERSONAL_MAIL_DOMAINS)
        local = rng.choice(
            (
                f"{ascii_slug(first)}.{ascii_slug(last)}",
                f"{ascii_slug(first)[0]}{ascii_slug(last)}",
                f"{ascii_slug(first)}",
                f"{ascii_slug(first)}{rng.randint(1, 99)}",
                f"{ascii_slug(first)}_{ascii_slug(last)[:4]}",
            )
        )
        return Person(first=first, last=last, email=f"{local}@{host}")

    def company(self) -> Organisation:
        rng = self.rng
        if rng.random() < 0.12:
            name = rng.choice(EUROPEAN_COMPANIES)
            legal = f"{name} {rng.choice(('GmbH', 'SA', 'S.A.', 'AS', 'SL', 'AB', 'Oy', 'B.V.'))}"
        else:
            name = f"{rng.choice(COMPANY_HEADS)} {rng.choice(COMPANY_TAILS)}"
            form = rng.choice(LEGAL_FORMS)
            legal = f"{name} {form}".strip()
        return self._organisation(name, legal)

    def university(self) -> Organisation:
        form = self.rng.choice(UNIVERSITY_FORMS)
        name = form.replace("<p>", self.place()).replace("<q>", self.place())
        return self._organisation(name, name, suffix=".edu.example")

    def government(self) -> Organisation:
        rng = self.rng
        form = rng.choice(GOV_FORMS)
        name = (
            form.replace("<p>", self.place())
            .replace("<x>", rng.choice(GOV_SUBJECTS))
            .replace("<y>", rng.choice(GOV_UNITS))
        )
        return self._organisation(name, name, suffix=".gov.example")

    def agency(self) -> Organisation:
        name = f"{self.rng.choice(AGENCY_HEADS)} {self.rng.choice(AGENCY_TAILS)}"
        return self._organisation(name, name)

    def role(self) -> str:
        rng = self.rng
        title = f"{rng.choice(SENIORITIES)} {rng.choice(FUNCTIONS)}".strip()
        if rng.random() < 0.18:
            title = f"{title}{rng.choice((', ', ' – ', ' - '))}{rng.choice(SPECIALTIES)}"
        if rng.random() < 0.06:
            title = f"{title} ({rng.choice(('Remote', 'Hybrid', 'Contract', 'Part-Time'))})"
        return title

    def academic_role(self) -> tuple[str, str]:
        field = self.rng.choice(ACADEMIC_FIELDS)
        return self.rng.choice(ACADEMIC_ROLE_FORMS).replace("<f>", field), field

    def government_role(self) -> str:
        return self.rng.choice(GOV_ROLES)

    def requisition(self) -> str:
        rng = self.rng
        number = rng.randint(1000, 99999)
        return rng.choice(
            (f"R-{number}", f"REQ-{number}", f"JR{number}", f"#{number}", f"{number}BR")
        )

    def _organisation(self, name: str, legal: str, suffix: str | None = None) -> Organisation:
        slug = ascii_slug(name)
        words = [w for w in ascii_slug(name, "-").split("-") if w not in {"of", "the", "at"}]
        stem = "-".join(words[:3]) if self.rng.random() < 0.5 else "".join(words[:2])
        return Organisation(
            name=name, legal=legal, domain=stem + (suffix or tld(self.rng)), slug=slug
        )
