"""Company, role and contact first name from a parsed rejection email.

Every rule prefers ``None`` to a wrong guess: a reply draft that thanks the
wrong company is worse than one that names none. Company evidence is gathered
from the sender, the subject, phrases in the body and the signature, and the
name with the most weight wins, so a name seen in two places beats one seen once.

Pure and cheap: patterns are compiled at import time, only a bounded part of
each message is read, and the body is searched with patterns that start with a
literal character (a space) on a lower-cased copy, which the regex engine can
skip through quickly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from email.utils import parseaddr
from functools import lru_cache

from rejoinder.classifier.features import PUBLIC_MAIL_DOMAINS
from rejoinder.classifier.message import Address, ParsedMessage
from rejoinder.classifier.result import Extraction

__all__ = ["extract", "normalise_company", "normalise_role"]


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


# What is read: rejection mails state the facts near the top and the signer at
# the bottom, so the head of the new text, its tail and the signature suffice.
_HEAD_CHARS = 3000
_TAIL_CHARS = 1200
_SIGNATURE_CHARS = 1000
_SUBJECT_CHARS = 300
_DISPLAY_CHARS = 200
_ADDRESSES = 20  # recipients or reply-to addresses looked at
_SIGN_OFF_LOOKBACK_LINES = 40

# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------

# Legal forms: ignored when comparing, kept in the output when the text has them.
_LEGAL_WORDS = _words(
    """inc inc. ltd ltd. llc llc. llp lp plc corp corp. co co. gmbh ag kg se sa s.a. sas
    s.a.s. sl s.l. srl s.r.l. spa s.p.a. b.v. bv n.v. nv ab oy oyj pty pte pvt limited
    incorporated corporation aps a/s asa sro s.r.o s.r.o. spol sp sp. kft zrt bhd sdn ltda
    d.o.o d.o.o. sàrl ohg ug kgaa"""
)

# Words that make a sender or signature line an organisation or a team, not a person.
_TEAM_WORDS = _words(
    """team teams talent acquisition acquisitions recruiting recruitment recruiters hiring
    hr careers career jobs job people human resources department staffing employment
    personnel operations office admissions committee notifications notification noreply
    no-reply donotreply do-not-reply mailer automated alerts applicant applicants
    candidate candidates"""
)
_NO_REPLY = re.compile(r"(?i)\b(?:no[-_ .]?reply|do[-_ .]?not[-_ .]?reply|mailer|notifications?)\b")

# Job-title nouns. A role phrase must contain one unless the text itself calls it
# a position ("the ... position"), which keeps company names out of the role slot.
_ROLE_HEADS = _words(
    """engineer developer analyst scientist manager designer director lead specialist
    coordinator assistant associate intern internship consultant architect administrator
    officer representative rep executive advisor adviser accountant editor writer
    researcher technician nurse teacher lecturer professor fellow fellowship postdoc
    strategist planner producer marketer recruiter generalist owner head president vp
    supervisor operator programmer tester clerk agent counsel attorney lawyer paralegal
    auditor economist statistician physician pharmacist therapist technologist
    investigator instructor tutor librarian curator chef cook driver mechanic electrician
    trainee apprentice graduate controller buyer copywriter photographer illustrator
    animator artist journalist reporter correspondent secretary receptionist cashier
    barista bookkeeper underwriter actuary trader banker broker sre devops qa principal
    partner member expert evangelist advocate ambassador superintendent foreman worker
    attendant aide assistantship residency resident practitioner surgeon dentist hygienist
    psychologist counselor counsellor coach trainer educator scholar sdr bdr csm tpm cto
    cfo ceo coo ciso chief handler dispatcher estimator inspector surveyor drafter
    modeler modeller operative cleaner porter caretaker housekeeper packer picker loader
    labourer laborer carpenter plumber welder machinist fitter installer courier teller
    waiter waitress bartender host hostess baker butcher dishwasher janitor custodian guard
    firefighter paramedic midwife carer caregiver nanny lifeguard gardener landscaper
    stylist barber receptionist concierge facilitator organizer organiser moderator
    translator interpreter proofreader author composer musician dancer actor performer
    dean provost registrar treasurer chair chairperson pilot captain scheduler merchandiser
    salesperson seller dealer mentor volunteer doctor veterinarian radiographer sonographer
    phlebotomist optometrist audiologist dietitian nutritionist archivist conservator
    appraiser assessor examiner adjuster detective founder cofounder"""
)
_ROLE_HEAD_SUFFIXES = ("ologist", "ician", "eer", "grapher")

# Words that alone name no role at all, and adjectives that describe the opening.
_GENERIC_ROLE = _words(
    """position positions role roles job jobs opening openings opportunity opportunities
    vacancy vacancies post posting req requisition application candidacy this that the
    a an our your their its open advertised available current above new exciting same
    other following mentioned posted listed full-time part-time fulltime parttime remote
    hybrid onsite on-site temporary permanent contract freelance recent specific
    particular aforementioned"""
)
_ROLE_CONNECTORS = frozenset({"of", "and", "&", "/", "-", "–", "+", "for", "in", "to"})
_ROLE_ABBREVIATIONS = frozenset({"sr.", "jr.", "snr.", "jnr.", "mgr.", "assoc.", "asst.", "dir."})
_ROLE_LEADING_NOISE = _GENERIC_ROLE | {"of", "as"}
_ROLE_TRAILING_NOISE = _GENERIC_ROLE | _ROLE_CONNECTORS
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "your", "their", "its", "my"})

# Capitalised words that start sentences or greetings: never part of a name.
_NAME_STOPWORDS = _words(
    """we i you he she they it our your their my us this that these those there here
    unfortunately thank thanks please best regards kind warm sincerely dear hi hello hey
    however although though while after before since as if when because so but and or
    also again today tomorrow yesterday monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december good great all any each every many much more most some such no not nothing
    none who what which where why how am pm is are was were be been being have has had
    do does did will would could should can cannot shall might must let once given
    congratulations sorry regrettably ultimately additionally moreover furthermore
    meanwhile instead otherwise nonetheless nevertheless"""
)
# Inside a name, only function words end it: "Zielony Most Software" keeps "Most",
# while a title-case subject ("Your Application To Acme Has Been Reviewed") stops at "Has".
_MIDNAME_STOPWORDS = _words(
    """we i you he she they it our your their my us this that these those there here is
    are was were be been being have has had do does did will would could should can may
    might must shall or but so if when because as at by for from in on to with about
    after before since unfortunately thank thanks please regards sincerely dear hi hello
    hey however although though while also again today not no"""
)
_HONORIFICS = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "prof", "professor", "miss", "sir", "madam", "rev"}
)
_NAME_PARTICLES = frozenset(
    {"van", "von", "de", "da", "di", "del", "der", "den", "la", "le", "du", "bin", "al"}
)

_FREE_MAIL = PUBLIC_MAIL_DOMAINS
# Applicant-tracking systems, job boards and mail relays: never the employer.
_RELAY_DOMAINS = _words(
    """greenhouse.io greenhouse-mail.io lever.co workday.com myworkday.com myworkdayjobs.com
    smartrecruiters.com smartrecruiters.net icims.com taleo.net oraclecloud.com jobvite.com
    ashbyhq.com ashby.io workable.com workablemail.com bamboohr.com breezy.hr breezyhr.com
    recruitee.com teamtailor.com teamtailor-mail.com personio.de personio.com jazzhr.com
    applytojob.com successfactors.com successfactors.eu linkedin.com indeed.com
    indeedemail.com glassdoor.com ziprecruiter.com paylocity.com ultipro.com ukg.com
    adp.com brassring.com kenexa.com hirevue.com pinpointhq.com comeet.co comeet.com
    rippling.com gusto.com dover.com wellfound.com angel.co joinhandshake.com
    handshake.com sendgrid.net mailgun.org mailgun.net amazonses.com mandrillapp.com
    mcsv.net mailchimp.com sparkpostmail.com hubspotemail.net hs-email.com
    salesforce.com exacttarget.com jobdiva.com bullhorn.com bullhornstaffing.com
    avature.net cornerstoneondemand.com csod.com phenom.com phenompeople.com eightfold.ai
    gem.com beamery.com fountain.com paradox.ai hiringthing.com recruiterbox.com
    zohorecruit.com freshteam.com trakstar.com clearcompany.com isolvedhire.com
    applicantpro.com paycomonline.net paycom.com dayforcehcm.com ceridian.com otta.com
    welcometothejungle.com stepstone.de monster.com careerbuilder.com dice.com
    seek.com.au reed.co.uk totaljobs.com hirehive.com homerun.co join.com recruitcrm.io
    manatal.com workatastartup.com"""
)
_TWO_LEVEL_SUFFIXES = _words(
    """co.uk org.uk ac.uk gov.uk com.au net.au org.au co.nz co.jp co.in co.za com.br
    com.mx com.sg com.hk co.kr com.tr com.cn com.ar co.il"""
)
# Domain labels that name a mail service or a placeholder, not an employer.
_GENERIC_DOMAIN_LABELS = _words(
    """mail email e-mail example test localhost invalid local smtp mx bounce bounces
    noreply no-reply notify notifications jobs careers career hr recruiting talent apply
    hire hiring news info corp inc co"""
)
# Brand decorations stripped before matching a domain label to a name.
_DOMAIN_DECORATION = re.compile(
    r"^(?:get|join|try|use|go|hello|team|work(?:at|with)?)(?=[a-z]{3})"
    r"|(?:hq|inc|corp|co|jobs|careers|app|group|mail|team|hr|talent|recruiting|global"
    r"|online)$"
)

# ---------------------------------------------------------------------------
# Shared patterns
# ---------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_SP = r"[ \t\u00a0]"
# One word of an organisation name: capitalised, a digit-led brand, or camel case.
_ORG_TOKEN = rf"(?:[{_UPPER}0-9]|[a-z](?=[{_UPPER}]))[\w&'’.+!\-]*"
_ORG_CONNECTOR_WORDS = frozenset(
    {"&", "and", "of", "de", "du", "des", "la", "le", "von", "van", "der", "den", "für", "y", "+"}
)
_ORG_CONNECTOR = "(?:" + "|".join(re.escape(w) for w in sorted(_ORG_CONNECTOR_WORDS)) + ")"
_ORG_NAME = (
    rf"{_ORG_TOKEN}(?:{_SP}+(?:{_ORG_CONNECTOR}{_SP}+)?{_ORG_TOKEN}){{0,6}}"
    rf"(?:,{_SP}*(?i:inc|llc|ltd|gmbh|plc|corp|s\.a)\.?)?"
)
_NAME_AT = re.compile(rf"(?:[Tt]he{_SP}+)?(?P<name>{_ORG_NAME})")

_WORD_SPLIT = re.compile(r"[ \t\u00a0]+")
_TRIM_PUNCT = " \t\"'“”‘’`*_,;:!?()[]{}<>-–—|/\\"
_POSSESSIVE_END = re.compile(r"['’]s?$")
_INITIALS = re.compile(rf"^(?:[{_UPPER}]\.)+$")
_NON_ALNUM = re.compile(r"[\W_]+")

# Job references that decorate a title: "(REQ-1234)", "[JR 55]", "Job ID: 4411", "#1203".
_JOB_ID = re.compile(
    r"\(\s*[^()]*\d[^()]*\)"
    r"|\[\s*[^\[\]]*\d[^\[\]]*\]"
    r"|(?i:\b(?:job|req(?:uisition)?|ref(?:erence)?|posting|vacancy)?\s*(?:id|no\.|number|#)"
    r"\s*[:#.]?\s*[A-Za-z]*[-_]?\d[\w-]*)"
    r"|(?i:\breq[-_ ]?\d[\w-]*)"
    r"|#\s*\d[\w-]*"
    r"|\b[A-Z]{1,5}[-_]?\d{3,}[\w-]*\b"
    r"|\b(?!(?:19|20)\d\d\b)\d{4,}\b"
)
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_TRAILING_WORK_MODE = re.compile(
    r"(?i)\s*(?:[-–—,/|]\s*)?\b(?:fully\s+)?(?:remote|hybrid|on-?site|in[- ]office)"
    r"(?:\s*\([^()]*\))?\s*$"
)

# ---------------------------------------------------------------------------
# Normalisation (shared with the evaluation code)
# ---------------------------------------------------------------------------


def normalise_company(name: str) -> str:
    """Comparable form of a company name: case, punctuation, 'the' and legal forms dropped."""
    text = name.casefold()
    if text.replace(" ", "").isalpha():
        words = text.split()  # the common case: plain words, nothing to clean
    else:
        if "'" in text or "’" in text:
            text = _POSSESSIVE_S.sub("", text)
        words = _NON_ALNUM.sub(" ", text.replace("&", " and ")).split()
    while len(words) > 1:
        for size in (4, 3, 2, 1):
            if tuple(words[-size:]) in _LEGAL_TAIL_WORDS and len(words) > size:
                del words[-size:]
                break
        else:
            break
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


_POSSESSIVE_S = re.compile(r"['’]s\b")
# Legal forms as they read once punctuation is gone ("S.A." -> "s a").
_LEGAL_TAIL_WORDS = frozenset(
    tuple(form.split("."))
    for form in _words(
        """inc incorporated ltd limited llc llp lp plc corp corporation co company gmbh ag kg
        se sa sas sl srl spa sarl bv nv ab oy oyj pty pte pvt kk as aps asa sro spol sp kft
        zrt bhd sdn ltda ohg ug kgaa s.a s.a.s s.l s.r.l s.p.a b.v n.v k.k l.l.c a.s s.r.o
        d.o.o sp.z.o.o s.à.r.l"""
    )
)


_ROLE_ABBREVIATIONS_EXPANDED = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mgr": "manager",
    "assoc": "associate",
    "asst": "assistant",
}
_ROLE_EDGE_WORDS = frozenset(
    {"position", "role", "opening", "opportunity", "vacancy", "job", "post"}
)
_HAS_DIGIT = re.compile(r"\d")


def normalise_role(name: str) -> str:
    """Comparable form of a job title: case, job ids, work mode, abbreviations, punctuation."""
    text = _strip_role_decorations(name).casefold()
    words = _NON_ALNUM.sub(" ", text.replace("&", " and ")).split()
    words = [_ROLE_ABBREVIATIONS_EXPANDED.get(w, w) for w in words]
    while len(words) > 1 and words[0] in {"the", "a", "an"}:
        del words[0]
    while len(words) > 1 and words[-1] in _ROLE_EDGE_WORDS:
        del words[-1]
    return " ".join(words)


def _strip_role_decorations(text: str) -> str:
    """Remove job ids, a trailing parenthesis and a trailing work mode from a title."""
    if _HAS_DIGIT.search(text):
        text = _JOB_ID.sub(" ", text)
    text = text.strip()
    if text.endswith(")"):
        text = _TRAILING_PAREN.sub("", text)
    lowered = text.lower()
    if "remote" in lowered or "hybrid" in lowered or "site" in lowered or "office" in lowered:
        text = _TRAILING_WORK_MODE.sub("", text)
    return text


def _squash(text: str) -> str:
    """Letters and digits only, accents folded: 'Škoda Lane' -> 'skodalane' (as domains spell it)."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("", text)


# ---------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scan:
    """A text and its lower-cased twin with identical offsets.

    ``text`` starts with a space so every trigger pattern can start with one;
    ``low`` has every kind of whitespace turned into a plain space.
    """

    text: str
    low: str


def _make_scan(text: str) -> _Scan:
    spaced = " " + text
    low = spaced.lower()
    if len(low) != len(spaced):  # a few letters (e.g. dotted capital I) lower-case to two
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in spaced)
    # str.replace stays fast on non-ASCII text, where str.translate does not.
    low = low.replace("\n", " ")
    for space in _OTHER_SPACES:
        if space in low:
            low = low.replace(space, " ")
    return _Scan(spaced, low)


_OTHER_SPACES = ("\r", "\t", "\f", "\v", "\u00a0")


# ---------------------------------------------------------------------------
# Company candidates
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    name: str
    weight: float
    # Named as the party the candidate met or heard from ("interviewing with X"):
    # the employer, even when someone else (an agency) sends the mail.
    met: bool = False
    key: str = ""  # normalise_company(name), filled by __post_init__

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", normalise_company(self.name))


_STRONG = 2.0  # a phrase that names the employer ("your application to X")
_WEAK = 1.0  # a bare "at X"
_SIGNED = 3.0  # the organisation signs or sends the mail itself

_COMPANY_TRIGGER = re.compile(
    r" (?:(?P<strong>"
    r"interest +in(?: +joining| +working +(?:at|with|for)| +a +career +(?:at|with)"
    r"| +employment +(?:at|with)| +(?:a +|the +)?(?:position|role|job|opportunit(?:y|ies)"
    r"|career|openings?)s? +(?:at|with))?"
    r"|appl(?:ication|ications|ying|ied|y) +(?:to|with|at)"
    r"|(?:positions?|roles?|jobs?|openings?|opportunit(?:y|ies)|careers?|vacanc(?:y|ies)"
    r"|employment|candidacy) +(?:at|with)"
    # After these, "with" usually introduces a person ("your interview with Dana").
    r"|(?:team|everyone|everybody|all +of +us|us|we|here|interviews?|interviewing|time"
    r"|process|journey|colleagues|folks|work|working|experience) +at"
    r"|joining|join|considering|consider"
    # A bare "at", and phrases as often followed by a person as by the company, only support.
    r")|(?P<weak>at|on +behalf +of)"
    r"|(?P<met>interview(?:s|ing|ed)? +with|(?:spoke|spoken|speaking|meeting|talked|talking)"
    r" +(?:with|to)|conversations? +with|(?:heard|hear) +back +from|feedback +from)) +"
)
_TEAM_TRIGGER = re.compile(
    r" (?:(?P<team>team|family|crew)|(?P<possessive>hiring|recruiting|recruitment|talent"
    r"|people|hr|interview|selection|search|careers?))\b"
)
_FOLLOWED_BY_ROLE_WORD = re.compile(
    r" *(?:position|role|opening|opportunity|vacancy|job|post|application|candidacy)s?\b"
)

# Words that trail an organisation's name when a team signs ("Acme Talent Acquisition").
_TEAM_TAIL_WORDS = _words(
    """hiring recruiting recruitment talent acquisition acquisitions people human resources hr
    careers career jobs team teams staffing employment department admissions office
    notifications notification operations ops"""
)
_TEAM_HEAD = re.compile(
    r"(?i)^(?:(?:the|hiring|recruiting|recruitment|talent(?:[ \t]+acquisition)?|people"
    r"|human[ \t]+resources|hr|careers?|jobs|team)[ \t]+)+(?:at|@|from|of|with)[ \t]+"
)


# Nouns that name a kind of organisation or unit, not a particular one.
_GENERIC_ORG_WORDS = _words(
    """company companies employer organisation organization org university college school
    agency business firm nonprofit non-profit charity consultancy startup start-up
    enterprise institute institution hospital clinic bank store shop restaurant studio
    client clients office department dept committee board panel faculty division unit
    group management administration admin staff services service editorial interview
    interviews student students life our us corporate headquarters hq branch academic
    graduate campus technical global university early executive internal regional national
    international local central emerging"""
)
# Words that make a signing unit a department ("Business Office"), not the employer.
_DEPARTMENT_WORDS = re.compile(
    r"(?i)\b(?:office|department|dept|committee|division|faculty|board|panel)\b"
)
# Business functions: "the Data Platform team" is a department, not the employer.
_FUNCTION_WORDS = _words(
    """data platform platforms product products growth payments payment analytics security
    research infrastructure engineering design marketing sales finance financial legal
    operations support customer customers experience mobile search brand content
    communications backend frontend web cloud devops it qa quality success partnerships
    partnership business development strategy innovation technology tech digital creative
    recruiting talent hr consulting core internal enterprise risk compliance procurement
    logistics supply chain ai ml machine learning science platform applied commercial
    ventures labs lab studio studios health services solutions systems software hardware
    network networks integrations integration billing identity trust safety privacy
    insights reporting accounting treasury tax audit communications public policy
    community education learning people culture workplace facilities office it-ops"""
)
_NOT_AN_ORG_NAME = _TEAM_WORDS | _GENERIC_ROLE | _GENERIC_ORG_WORDS | _FUNCTION_WORDS
_ROLE_KEYWORD_WORDS = _words(
    """position positions role roles job opening openings opportunity opportunities vacancy
    vacancies posting"""
)

# Degrees and certifications written after a signer's name ("Dana Whitfield, PhD").
_POST_NOMINALS = _words(
    """phd ph.d dphil md mba msc ma ba bsc rn cpa cfa pmp phr sphr shrm-cp shrm-scp esq jd
    mph frs cipd acca aca"""
)

_LEADING_THE = re.compile(r"^(?i:the)[ \t]+")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_TEAM_LINE_SPLIT = re.compile(r"\s*[|,–—]\s*|\s+-\s+|\s+(?:at|@|from)\s+")


# Every separator of the line patterns contains one of these.
_MAY_SEPARATE = re.compile(r"[|,()\[\]@/–—-]| (?:at|from|At|From|AT|FROM) ")
_CAMPUS_ORG = re.compile(r"(?i)\b(?:university|college|institute|school|academy|polytechnic)\b")


def _split_line(pattern: re.Pattern[str], line: str, maxsplit: int = 0) -> list[str]:
    """Split a sender or signature line on ``pattern``, keeping 'University of X at Y' whole."""
    if not _MAY_SEPARATE.search(line):
        return [line]  # most lines have no separator at all
    parts: list[str] = []
    start = 0
    for separator in pattern.finditer(line):
        if separator.group().strip().casefold() == "at" and _CAMPUS_ORG.search(
            line, start, separator.start()
        ):
            continue
        parts.append(line[start : separator.start()])
        start = separator.end()
        if maxsplit and len(parts) == maxsplit:
            break
    parts.append(line[start:])
    return parts


def _clean_company(raw: str) -> str | None:
    """Trim a captured name to the organisation, or None if nothing credible remains."""
    tokens = _WORD_SPLIT.split(raw.strip())
    kept: list[str] = []
    for index, token in enumerate(tokens):
        if token.isalpha() and token[0].isupper():
            # The common case, a plain capitalised word, needs none of the checks below.
            lowered = token.casefold()
            stops = _MIDNAME_STOPWORDS if kept else _NAME_STOPWORDS
            if lowered not in stops and lowered not in _LEGAL_WORDS:
                kept.append(token)
                continue
        bare = token.strip(_TRIM_PUNCT + ".")
        if not bare:
            break
        lowered = bare.casefold()
        if kept and token in _ORG_CONNECTOR_WORDS:
            kept.append(token)  # "Office of Labor and Workforce"; dropped again if trailing
            continue
        if lowered == "at" and kept and _CAMPUS_ORG.match(kept[0]) and index + 1 < len(tokens):
            kept.append(token)  # "University of Brennock at Lowfield"
            continue
        if lowered in (_MIDNAME_STOPWORDS if kept else _NAME_STOPWORDS):
            if kept:
                break
            continue  # "Unfortunately Acme ..." starts after the sentence word
        if not _is_org_word(bare):
            break  # "Acme interview follow-up": the name ends at the first common word
        if token.endswith(("'s", "’s")):
            if len(token) > 2:
                kept.append(token[:-2])
            break
        if kept and (lowered in _LEGAL_WORDS or lowered + "." in _LEGAL_WORDS):
            legal = token.rstrip(',;:?!"”’)')
            if legal.casefold() not in _LEGAL_WORDS:
                legal = legal.rstrip(".")  # "GmbH." ends a sentence; "Ltd." owns its period
            kept.append(legal)
            break  # the legal form closes the name: "Acme Ltd. Unfortunately ..."
        if token.endswith(".") and not _INITIALS.match(token):
            kept.append(token.rstrip("."))
            break  # the sentence ends here
        following = tokens[index + 1].strip(".,").casefold() if index + 1 < len(tokens) else ""
        if token.endswith(",") and following in _LEGAL_WORDS:
            kept.append(token)  # "Acme, Inc.": the legal form stays with the name
            continue
        kept.append(token.rstrip(',;:?!"”’)'))
        if token.endswith((",", ";", ":", "?", "!")):
            break
    while kept and kept[-1].casefold() in _TRAILING_CONNECTORS:
        kept.pop()
    name = " ".join(_without_team_tail(kept)).strip(_TRIM_PUNCT)
    if name[:4].casefold() == "the ":
        name = name[4:]
    return name if _credible_company(name) else None


_TRAILING_CONNECTORS = frozenset({"and", "of", "de", "&", "+", "the", "la", "le", "y"})


def _is_org_word(word: str) -> bool:
    """Capitalised, digit-led, camel case ('eBay') or a connector inside a name."""
    first = word[0]
    if first.isupper() or first.isdigit() or word in _ORG_CONNECTOR_WORDS:
        return True
    return len(word) > 1 and first.islower() and word[1].isupper()


def _without_team_tail(words: list[str]) -> list[str]:
    end = len(words)
    while end > 0 and words[end - 1].casefold() in _TEAM_TAIL_WORDS:
        end -= 1
    return words[:end]


def _credible_company(name: str) -> bool:
    if not 2 <= len(name) <= 60:
        return False
    if not (name[0].isupper() or name[0].isdigit() or (name[0].islower() and name[1].isupper())):
        return False
    words = [w.strip(_TRIM_PUNCT).casefold() for w in name.split()]
    first = words[0]
    if first in _NAME_STOPWORDS or first in _POST_NOMINALS:
        return False  # "PhD" after a signer's name
    if first in {"school", "department"} and len(words) > 1:
        return False  # "School of Music" is a unit
    only_generic = only_legal = True
    for word in words:
        if word in _ROLE_KEYWORD_WORDS or _is_role_head_word(word, plural=False):
            return False  # "CRM position", "Senior Analyst": titles, not employers
        if word not in _NOT_AN_ORG_NAME and not word.isdigit():
            only_generic = False  # not just "Company", "Our Agency", "Interview Team"
        if word not in _LEGAL_WORDS:
            only_legal = False
    return not (only_generic or only_legal) and _HAS_LETTER.search(name) is not None


def _trigger_weight(match: re.Match[str], text: str) -> float:
    if match.group("strong"):
        return _STRONG
    if match.group("weak") == "at":
        # "Data Analyst at Acme": a title before "at" makes it the employer.
        words = text[max(0, match.start() - 30) : match.start()].split()
        if words and _is_role_head(words[-1]):
            return _STRONG
    return _WEAK


def _body_company_candidates(scan: _Scan) -> Iterator[_Candidate]:
    text, low = scan.text, scan.low
    for match in _COMPANY_TRIGGER.finditer(low):
        found = _NAME_AT.match(text, match.end())
        if found is None or _FOLLOWED_BY_ROLE_WORD.match(low, found.end("name")):
            continue
        name = _clean_company(found.group("name"))
        if name:
            weight = _trigger_weight(match, text)
            yield _Candidate(name, weight, met=match.group("met") is not None)
    for match in _TEAM_TRIGGER.finditer(low):
        end = match.start()
        if match.group("possessive"):
            if not low.endswith(("'s", "’s"), 0, end):
                continue
            end -= 2  # "Acme's hiring team"
        words, after_the = _name_before(text[max(0, end - 80) : end])
        if not words or (match.group("team") and not after_the):
            continue  # "the Acme team", but not "Acme team members"
        name = _clean_company(" ".join(words))
        if name:
            yield _Candidate(name, _STRONG)


def _continues_name(tokens: list[str], index: int) -> bool:
    """Whether ``tokens[index]`` belongs to the name that the tokens after it end."""
    token = tokens[index]
    if token.casefold() == "the":
        return False
    if token in _ORG_CONNECTOR_WORDS:
        return index < len(tokens) - 1
    # Punctuation inside or after the word ends the run ("Dear Sam, Acme").
    return _is_org_word(token) and token.strip(_TRIM_PUNCT) == token.rstrip(".&+!")


def _name_before(window: str) -> tuple[list[str], bool]:
    """The capitalised run ending ``window``, and whether 'the' precedes it."""
    if not window or window[-1].isspace():
        return [], False
    tokens = window.split()
    start = len(tokens)
    while start > 0 and len(tokens) - start < 7 and _continues_name(tokens, start - 1):
        start -= 1
    while start < len(tokens) and tokens[start] in _ORG_CONNECTOR_WORDS:
        start += 1
    words = tokens[start:]
    rest = [t.casefold() for t in tokens[max(0, start - 2) : start]]
    after_the = bool(rest) and (
        rest[-1] == "the" or (rest[0] == "the" and rest[-1] in {"entire", "whole", "wider"})
    )
    return words, after_the


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------

_ROLE_KEYWORD = re.compile(
    r" (?:position|role|opening|opportunity|vacancy|job|post|posting|requisition|search)s?\b"
)
# Phrases whose object is the role: "for the role of X", "applying for X", ...
_ROLE_TRIGGER = re.compile(
    r" (?:(?:role|position|post|title|capacity) +(?:of|as)"
    r"|appl(?:ying|ied|y) +to +be(?: +(?:our|the|a|an))?(?: +(?:next|new))?"
    r"|appl(?:ying|ied|ication|y) +(?:for|to|as)"
    r"|(?:resume|résumé|cv|profile|portfolio|submission|materials) +for"
    r"|candidacy +(?:for|as)"
    r"|interview(?:ing|ed|s)? +for"
    r"|(?:consideration|candidate|considered) +for"
    r"|(?:application|candidacy|interest) +as"
    r"|(?:search|process|decision|recruitment|hiring|selection|assessment|exercise|task"
    r"|challenge|take-home|conversations?|chat|call|screen|screening|loop|rounds?|panel"
    r"|presentation|feedback|update|news|outcome|results?|status) +(?:for|on)"
    r")(?: +(?:the|a|an|our|this|your))? +"
)
_ROLE_KEYWORD_WORD = re.compile(
    r"(?:position|role|opening|opportunity|vacancy|job|post|posting|requisition|search)s?"
)
# Words that end a title when walking away from its anchor.
_ROLE_BOUNDARY_WORDS = _words(
    """at with in on for to from here there by this that which who we you your our us
    but or so because as is are was were be been has have had will would could should
    can may might not no it its they their them i me my he she his her today now yet
    again within into about after interview interviews application process update"""
)
# Where a clause may end. A comma or dash does not end it: "Data Analyst, Payments"
# keeps its team; the period of an abbreviation ("Sr. Product Manager") does not either.
_CLAUSE_STOP = re.compile(r"[\n;:!?(]|\.(?:\s|$)")
_ABBREVIATION_STEMS = ("Sr", "Jr", "Snr", "Jnr", "Mgr", "Assoc", "Asst", "Dir")


def _clause_end(text: str, start: int, limit: int) -> int:
    limit = min(len(text), limit)
    stop = _CLAUSE_STOP.search(text, start, limit)
    while stop is not None:
        if stop.group()[0] != "." or not text.endswith(_ABBREVIATION_STEMS, start, stop.start()):
            return stop.start()
        stop = _CLAUSE_STOP.search(text, stop.end(), limit)
    return limit


_DASHES = frozenset({"-", "–", "—"})
_TITLE_CONNECTORS = frozenset({"of", "and", "&", "/", "+", *_DASHES})
# Team, product-area and region names that follow a title: "Data Analyst, Payments".
_QUALIFIER_WORDS = _FUNCTION_WORDS | _words(
    """risk core banking identity developer experience clinical retention marketplace
    emea apac amer latam americas europe asia pacific nordics dach benelux uk us eu
    consumer merchant merchants partner partners ads monetization monetisation
    personalization personalisation discovery checkout fraud observability reliability
    storage compute foundation foundations ecosystem ecosystems operations platform"""
)


def _is_role_head(word: str, plural: bool = True) -> bool:
    return _is_role_head_word(word.strip(_TRIM_PUNCT).casefold(), plural)


def _is_role_head_word(bare: str, plural: bool = True) -> bool:
    """``bare`` is lower-case without surrounding punctuation."""
    if bare in _ROLE_HEADS:
        return True
    if "-" in bare:
        bare = bare.rsplit("-", 1)[1]  # "co-founder", "vice-president"
    if bare in _ROLE_HEADS or (plural and bare.endswith("s") and bare[:-1] in _ROLE_HEADS):
        return True
    return len(bare) > 5 and bare.isalpha() and bare.endswith(_ROLE_HEAD_SUFFIXES)


def _is_titled(word: str) -> bool:
    """Capitalised, an acronym, a level number ('II', '3') or a symbol-led tech term."""
    if not word:
        return False
    first = word[0]
    return first.isupper() or first.isdigit() or first in ".#+"


def _is_qualifier(words: list[str]) -> bool:
    """1-3 capitalised team or region words: the 'Payments' of 'Data Analyst, Payments'."""
    if not 1 <= len(words) <= 3:
        return False
    return all(
        (_is_titled(w) and w.strip(_TRIM_PUNCT).casefold() in _QUALIFIER_WORDS) or w == "&"
        for w in words
    )


def _clean_role(raw: str, anchored: bool) -> str | None:
    """Trim a role phrase; ``anchored`` means the text called it a position or role."""
    text = _strip_role_decorations(raw)
    words = [w for w in _WORD_SPLIT.split(text.strip(" \t,;:.-–—|")) if w]
    while words and words[0].casefold().strip(_TRIM_PUNCT) in _ROLE_LEADING_NOISE:
        words.pop(0)
    while words and words[-1].casefold().strip(_TRIM_PUNCT) in _ROLE_TRAILING_NOISE:
        words.pop()
    if not words or len(words) > 10 or not _credible_role(words, anchored):
        return None
    return " ".join(words).strip(" \t,;:-–—|\"'“”‘’")


def _credible_role(words: list[str], anchored: bool) -> bool:
    all_titled = True
    all_generic = True
    has_head = False
    for index, word in enumerate(words):
        if word in _DASHES:
            continue
        bare = word.strip(_TRIM_PUNCT).casefold()
        if not bare or (bare in _NAME_STOPWORDS and bare != "and"):
            return False
        field_in = bare == "in" and _is_field_in(words, index)
        if bare in _ROLE_BOUNDARY_WORDS and not field_in:
            return False  # "interviews with Acme Partners" is prose, not a title
        if not (_is_titled(word) or bare in _TITLE_CONNECTORS or field_in):
            all_titled = False
        if bare not in _GENERIC_ROLE and bare not in _TITLE_CONNECTORS:
            all_generic = False
        has_head = has_head or _is_role_head_word(bare)
    if all_generic:
        return False
    if not all_titled:
        # Lower-case titles ("the data analyst position") are common, but only a
        # job noun at the end tells them apart from ordinary prose.
        return len(words) <= 4 and _is_role_head(words[-1])
    if has_head:
        return True
    # "the Acme Analytics position" could be a team or a company: name a title only
    # when the text calls it one and it has no capitalised word we cannot place.
    return anchored and len(words) >= 2 and not any(_is_org_like(w) for w in words)


def _is_field_in(words: list[str], index: int) -> bool:
    """The 'in' of 'Lecturer in Economics': a job noun before, a capitalised field after."""
    return (
        words[index] == "in"
        and 0 < index < len(words) - 1
        and _is_role_head(words[index - 1])
        and _is_titled(words[index + 1])
    )


def _is_org_like(word: str) -> bool:
    return word.strip(_TRIM_PUNCT).casefold() in _LEGAL_WORDS | _GENERIC_ORG_WORDS


def _roles_before_keyword(scan: _Scan) -> Iterator[tuple[str | None, str | None]]:
    """'the Senior Data Analyst position' -> ('Senior Data Analyst', None).

    Walks back from the keyword; a possessor met on the way is the company
    ("Acme's Data Analyst role" -> ('Data Analyst', 'Acme')).
    """
    text = scan.text
    for match in _ROLE_KEYWORD.finditer(scan.low):
        start = text.rfind("\n", 0, match.start()) + 1
        tokens = text[max(start, match.start() - 140) : match.start()].split()
        picked: list[str] = []  # right to left
        possessor = None
        for index in range(len(tokens) - 1, max(-1, len(tokens) - 12), -1):
            token = tokens[index]
            if _is_decoration_token(token):
                continue  # "the Analyst (REQ-12) role"
            lowered = token.casefold()
            if token in _DASHES or token.endswith(","):
                # "Data Analyst, Payments role" / "Data Analyst – Payments role"
                head = tokens[index - 1] if token in _DASHES and index else token
                if not (_is_qualifier(picked[::-1]) and _is_role_head(head)):
                    break
                picked.append(token)
                continue
            if lowered in _DETERMINERS or token[-1] in ';:!?)"”':
                break
            if token.endswith(("'s", "’s")):
                possessor = _possessor(tokens[: index + 1])
                break
            if token.endswith(".") and lowered not in _ROLE_ABBREVIATIONS:
                break
            if lowered in _ROLE_BOUNDARY_WORDS and not (
                picked and (lowered in {"of", "and"} or _is_field_in(tokens, index))
            ):
                break
            picked.append(token)
        role = _clean_role(" ".join(reversed(picked)), anchored=True) if picked else None
        if role or possessor:
            yield role, possessor


def _is_decoration_token(token: str) -> bool:
    """A job id or a parenthesis between a title and its keyword."""
    if token[0] in "([" and token[-1] in ")]":
        return True
    return not token.isalpha() and _JOB_ID.fullmatch(token.strip(",")) is not None


def _possessor(tokens: list[str]) -> str | None:
    """The organisation owning a role: the capitalised run ending in "'s"."""
    run: list[str] = []
    for token in reversed(tokens[-5:]):
        if not (token[0].isupper() or token[0].isdigit()):
            break
        run.append(token)
    return _clean_company(" ".join(reversed(run))) if run else None


def _roles_after_phrase(scan: _Scan) -> Iterator[str]:
    """'for the role of Data Analyst at Acme' -> 'Data Analyst'."""
    text = scan.text
    for match in _ROLE_TRIGGER.finditer(scan.low):
        end = _clause_end(text, match.end(), match.end() + 140)
        tokens = [t for t in text[match.end() : end].split() if not _is_decoration_token(t)]
        picked, anchored = _walk_forward(tokens[:14])
        role = _clean_role(" ".join(picked), anchored=anchored) if picked else None
        if role:
            yield role


def _walk_forward(tokens: list[str]) -> tuple[list[str], bool]:
    """The title at the start of ``tokens``, and whether a role keyword closed it."""
    picked: list[str] = []
    titled: bool | None = None  # a capitalised title ends at the first common word
    for index, token in enumerate(tokens):
        lowered = token.casefold().strip(_TRIM_PUNCT)
        if _ROLE_KEYWORD_WORD.fullmatch(lowered) and picked:
            return picked, True
        if token.endswith(("'s", "’s")):
            picked, titled = [], None  # "applying for Acme's Analyst role": the title follows
            continue
        if not picked and lowered in _DETERMINERS:
            continue
        if lowered in _ROLE_BOUNDARY_WORDS and not (picked and _is_field_in(tokens, index)):
            break
        if titled is None:
            titled = _is_titled(token)
        elif titled and not (
            _is_titled(token)
            or lowered in _TITLE_CONNECTORS
            or token in _DASHES
            or _is_field_in(tokens, index)
        ):
            break
        if token in _DASHES or token.endswith(","):
            bare = token.rstrip(",")
            if bare and bare not in _DASHES:
                picked.append(bare)
            qualifier = _qualifier_after(tokens[index + 1 :])
            if qualifier and picked and _is_role_head(picked[-1]):
                picked.extend([token if token in _DASHES else picked.pop() + ",", *qualifier])
            break
        picked.append(token)
        if token.endswith(".") and lowered not in _ROLE_ABBREVIATIONS:
            break
    return picked, False


def _qualifier_after(tokens: list[str]) -> list[str]:
    """The longest team qualifier at the start of ``tokens`` that ends the title."""
    for size in (3, 2, 1):
        words = [t.rstrip(",.") for t in tokens[:size]]
        if len(words) == size and _is_qualifier(words):
            rest = tokens[size:]
            if not rest or not _is_titled(rest[0]):
                return words
    return []


# ---------------------------------------------------------------------------
# Subject
# ---------------------------------------------------------------------------

_SUBJECT_PREFIX = re.compile(r"(?i)^\s*(?:(?:re|fwd?|aw|tr|sv|wg)\s*(?:\[\d+\])?\s*:\s*)+")
_SUBJECT_SEPARATOR_MARKS = re.compile(r"[-–—|:~/]")
_SUBJECT_REPORTER = re.compile(
    rf"(?P<name>{_ORG_NAME}) +(?i:has|have|updated|viewed|reviewed|sent|shared)"
    r" +(?i:an? +update|the +status|your +application|an? +message|news)"
)
_SUBJECT_AT = re.compile(r"\s+(?:at|@|with)\s+", re.IGNORECASE)
_SUBJECT_GENERIC_LEAD = re.compile(
    r"(?i)^(?:(?:re|regarding|about|concerning|an?|the|your|our|my|job|important|quick"
    r"|application|applications|candidacy|candidate|interview|submission|update|updates"
    r"|status|news|decision|feedback|outcome|response|message|note|notification"
    r"|follow[- ]?up|following|next|steps|thank|thanks|you|for|to|with|on|at|as|of|in"
    r"|from|applying|interest|received|process|information|recruitment|recruiting|hiring"
    r"|regret|unsuccessful|we|have|position|role|opportunity)\b[\s,]*)+"
)
# Words that close a subject segment without naming anything: "Data Analyst interview".
_SUBJECT_TAIL_WORDS = _words(
    """application candidacy update status decision feedback outcome interview interviews
    process submission response notification steps next final round conversation chat call
    screen screening assessment exercise task take-home loop onsite visit presentation
    search result results news"""
)


def _subject_segments(subject: str) -> list[str]:
    """'Re: Application update – Designer | Acme' -> ['Application update', 'Designer', 'Acme'].

    A mark separates when spaced ("A - B", "A | B") or when it is a colon or a
    long dash followed by a space ("Update: Designer"); "Front-End" stays whole.
    """
    subject = _SUBJECT_PREFIX.sub("", subject[:_SUBJECT_CHARS])
    segments: list[str] = []
    start = 0
    for mark in _SUBJECT_SEPARATOR_MARKS.finditer(subject):
        at = mark.start()
        before = at > 0 and subject[at - 1].isspace()
        after = at + 1 < len(subject) and subject[at + 1].isspace()
        if (
            (before and after)
            or (after and mark.group() in ":|–—")
            or (before and mark.group() in "|–—")
        ):
            segments.append(subject[start:at])
            start = at + 1
    segments.append(subject[start:])
    return [s.strip() for s in segments if s.strip()]


def _strip_subject_generics(segment: str) -> str:
    segment = _SUBJECT_GENERIC_LEAD.sub("", _strip_role_decorations(segment))
    words = segment.split()
    while words and words[-1].casefold().strip(",.:;!") in _SUBJECT_TAIL_WORDS:
        words.pop()
    return " ".join(words).strip(" \t,;:.!-–—")


def _subject_evidence(
    subject: str, people: tuple[Address, ...]
) -> tuple[list[str], list[_Candidate]]:
    """Roles and companies in the subject: 'Application update – Designer', 'X at Acme'.

    ``people`` are the recipients, whose names subjects often carry
    ("Interview feedback – Sam Reed") and which are never the company.
    """
    subject = subject[:_SUBJECT_CHARS]
    scan = _make_scan(subject)
    companies = list(_body_company_candidates(scan))
    reporting = _SUBJECT_REPORTER.match(_SUBJECT_PREFIX.sub("", subject))
    if reporting:
        # "Acme has an update on your application", "Acme viewed your application"
        company = _clean_company(reporting.group("name"))
        if company:
            companies.append(_Candidate(company, _STRONG))
    roles: list[str] = []
    for role, possessor in _roles_before_keyword(scan):
        if role:
            roles.append(role)
        if possessor:
            companies.append(_Candidate(possessor, _STRONG))
    roles.extend(_roles_after_phrase(scan))
    segments = _subject_segments(subject)
    for index, segment in enumerate(segments):
        rest = _strip_subject_generics(segment)
        if not rest:
            continue
        parts = _SUBJECT_AT.split(rest, maxsplit=1)
        if len(parts) == 2 and _mentions_role_head(parts[0]):
            role = _clean_role(parts[0], anchored=False)
            if role:
                # "Senior Analyst at Acme: update" names both.
                roles.append(role)
                company = _clean_company(parts[1])
                if company:
                    companies.append(_Candidate(company, _STRONG))
                continue
        # A subject segment is a title only with a job noun: "Acme opportunity" is not one.
        role = _clean_role(rest, anchored=False) if _mentions_role_head(rest) else None
        if role:
            following = segments[index + 1].split() if index + 1 < len(segments) else []
            roles.append(_with_qualifier(subject, role, following))
            continue
        company = _clean_company(rest)
        # The whole segment must be the name: "Checking in" is not "Checking".
        if (
            company
            and len(company.split()) <= 4
            and normalise_company(company) == normalise_company(rest)
        ):
            candidate = _Candidate(company, _WEAK)
            if all(normalise_company(p.name) != candidate.key for p in people):
                companies.append(candidate)
    return roles, companies


def _mentions_role_head(text: str) -> bool:
    return any(_is_role_head_word(w) for w in _WORD_RUN.findall(text.lower()))


def _with_qualifier(subject: str, role: str, following: list[str]) -> str:
    """'Data Analyst' + segment 'Payments' -> 'Data Analyst – Payments', as the subject spells it."""
    if not _is_qualifier(following):
        return role
    qualifier = " ".join(following)
    start = subject.find(role)
    end = subject.find(qualifier, start + len(role)) if start >= 0 else -1
    if start < 0 or end < 0 or end - start - len(role) > 5:
        return f"{role} – {qualifier}"
    return subject[start : end + len(qualifier)]


# ---------------------------------------------------------------------------
# Sender
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _SenderReading:
    person_first_name: str | None = None
    company: _Candidate | None = None
    maybe_company: str | None = None  # one bare word: a first name or a brand


_DISPLAY_SPLIT = re.compile(r"\s+(?:from|at|@)\s+|\s*[|(\[]\s*|\s+[-–—]\s+", re.IGNORECASE)
_DISPLAY_VIA = re.compile(r"\s+via\s+", re.IGNORECASE)


def _read_sender(sender: Address | None) -> _SenderReading:
    display = _display_name(sender)
    if sender is None or not display:
        return _SenderReading()
    return _interpret_display(display, sender)


def _display_name(sender: Address | None) -> str:
    return sender.name[:_DISPLAY_CHARS].strip().strip("\"'") if sender else ""


def _interpret_display(display: str, sender: Address) -> _SenderReading:
    if _NO_REPLY.search(display) or _is_platform(display):
        return _SenderReading()
    via = _DISPLAY_VIA.split(display, maxsplit=1)
    if len(via) == 2:
        return _read_via(via[0].strip(), sender)
    parts = [p.strip(" )]") for p in _split_line(_DISPLAY_SPLIT, display, maxsplit=1)]
    if len(parts) == 2 and parts[0] and parts[1]:
        return _read_person_and_org(parts[0], parts[1])
    if _has_team_word(display):
        return _org_reading(_company_from_team_line(display))
    return _read_plain_display(display, sender)


def _is_platform(display: str) -> bool:
    """'HireLane Applications', 'JobNest Alerts': a job board relaying the employer's news."""
    return display.lower().rstrip().endswith(_PLATFORM_SUFFIXES)


_PLATFORM_SUFFIXES = (" applications", " alerts", " notifications")


def _org_reading(company: str | None, weight: float = _SIGNED) -> _SenderReading:
    return _SenderReading(company=_Candidate(company, weight) if company else None)


def _read_via(before: str, sender: Address) -> _SenderReading:
    """'Acme via Greenhouse' names the employer; 'Dana Whitfield via Lever' a person."""
    if _has_team_word(before) or before.split()[-1].casefold() in _LEGAL_WORDS:
        return _org_reading(_company_from_team_line(before))
    first = _person_first_name(before)
    if (
        first
        and len(before.split()) >= 2
        and _local_part_mentions(sender, first)
        and not _is_relay_tenant(before, sender)
    ):
        return _SenderReading(person_first_name=first)
    return _org_reading(_clean_company(before))


def _read_person_and_org(left: str, right: str) -> _SenderReading:
    """'Dana from Acme', 'Dana Whitfield | Acme', 'Dana Whitfield (Acme)'."""
    company = _company_from_team_line(right) if _has_team_word(right) else _clean_company(right)
    first = None if _has_team_word(left) else _person_first_name(left)
    return _SenderReading(
        person_first_name=first, company=_Candidate(company, _SIGNED) if company else None
    )


def _read_plain_display(display: str, sender: Address) -> _SenderReading:
    if "," in display:
        # "Whitfield, Dana": directory order, surname first.
        last, _, given = display.partition(",")
        first = _person_first_name(given.strip())
        if first and _person_first_name(last.strip()):
            return _SenderReading(person_first_name=first)
        return _SenderReading()
    first = _person_first_name(display)
    if first is None:
        return _org_reading(_clean_company(display), weight=1.5)
    label = _domain_label(sender.domain)
    if label and _squash(display) in {label, _strip_decoration(label)}:
        return _org_reading(display, weight=_STRONG)
    if _is_relay_tenant(display, sender):
        return _org_reading(display, weight=_STRONG)
    if len(display.split()) == 1 and not _local_part_mentions(sender, first):
        return _SenderReading(maybe_company=display)
    return _SenderReading(person_first_name=first)


def _is_relay_tenant(display: str, sender: Address) -> bool:
    """'Acme Robotics <acmerobotics@acme-tenant.relay>': tracking systems name the
    mailbox after the employer's account."""
    if not _is_relay_or_free(sender.domain.casefold()) or sender.domain in _FREE_MAIL:
        return False
    raw_local = _local_part(sender)
    if "." in raw_local or "_" in raw_local:
        return False  # "dana.whitfield@": a person's mailbox
    squashed = _squash(display)
    local = _squash(raw_local)
    return len(squashed) >= 4 and local.startswith(squashed) and len(display.split()) > 1


def _local_part_mentions(sender: Address, first: str) -> bool:
    local = _local_part(sender).casefold()
    return len(first) >= 2 and local.startswith(first.casefold())


def _local_part(sender: Address) -> str:
    return sender.addr[: sender.addr.find("@")][:64] if "@" in sender.addr else ""


def _has_team_word(text: str) -> bool:
    return not _TEAM_WORDS.isdisjoint(_WORD_RUN.findall(text.lower()))


_WORD_RUN = re.compile(r"[\w-]+")


def _company_from_team_line(line: str) -> str | None:
    """'The Acme Recruiting Team' / 'Acme Talent Acquisition' / 'Careers at Acme' -> 'Acme'."""
    line = _TEAM_HEAD.sub("", line.strip())
    for segment in _split_line(_TEAM_LINE_SPLIT, line):
        if _DEPARTMENT_WORDS.search(segment):
            continue  # "Business Office", "Office of Student Life": a unit, not the employer
        segment = _LEADING_THE.sub("", segment.strip())
        segment = _TEAM_HEAD.sub("", " ".join(_without_team_tail(segment.split())))
        if not segment or _has_team_word(segment):
            continue
        company = _clean_company(segment)
        if company:
            return company
    return None


# ---------------------------------------------------------------------------
# Signature
# ---------------------------------------------------------------------------

_SIGN_OFF_LINE = re.compile(
    r"(?i)(?:"
    r"(?:best|kind(?:est)?|warm(?:est)?|many|with +(?:best|kind|warm))"
    r"(?: +(?:regards|wishes|thanks))?"
    r"|regards|warmly|sincerely(?: +yours)?|yours(?: +(?:sincerely|truly|faithfully))?"
    r"|respectfully(?: +yours)?|thanks?(?: +(?:again|so +much|you(?: +again)?))?"
    r"|thank +you(?: +(?:again|so +much))?|cheers|all +the +best|take +care|cordially"
    r"|(?:best +of +|good +)luck(?: +[^,]{0,40})?|wishing +you[^,]{0,50}"
    r"|(?:all +the +)?best +(?:wishes +)?(?:in|with|for) +[^,]{0,40}"
    r"|with +(?:gratitude|appreciation|thanks)"
    r"|(?:thanks|thank +you)(?: +again)? +for +[^,.!?]{0,50},"
    r")(?:[ \t]*[,.!]?"
    rf"|[ \t]*(?:,|[-–—]+)[ \t]*(?P<inline>(?-i:[{_UPPER}])[^\n]{{0,100}}))"
)
# First words of the sign-off lines above: a cheap test before the full pattern.
_SIGN_OFF_STARTS = _words(
    """best kind kindest warm warmest many with regards warmly sincerely yours respectfully
    thanks thank cheers all take cordially good wishing"""
)
_NAME_LINE_SPLIT = re.compile(r"\s*[|,(/]\s*|\s+[-–—]\s+|\s+(?:at|@|from)\s+", re.IGNORECASE)
_NAME_WORD = re.compile(rf"[{_UPPER}](?:[^\W\d_]|['’\-])*\.?")
# Template placeholders left in a sent mail ("Name", "First Last").
_PLACEHOLDER_NAMES = frozenset(
    {"name", "first", "firstname", "your", "insert", "sender", "signature"}
)
_NOT_A_NAME_WORD = _TEAM_WORDS | _NAME_STOPWORDS | _LEGAL_WORDS


@dataclass(frozen=True, slots=True)
class _SignatureReading:
    first_name: str | None = None
    is_team: bool = False
    companies: tuple[_Candidate, ...] = ()
    signer: str = ""  # the signer line as written


def _person_first_name(text: str) -> str | None:
    """'Dana Whitfield' -> 'Dana'; None for teams, organisations and non-names."""
    words = text.strip(_TRIM_PUNCT).split()
    while words and words[0].casefold().rstrip(".") in _HONORIFICS:
        del words[0]  # "Dr. Imani Okafor", "Professor Bo Iyer"
    if not 1 <= len(words) <= 4:
        return None
    for word in words:
        lowered = word.casefold().rstrip(".")
        if lowered in _NOT_A_NAME_WORD:
            return None
        if lowered in _NAME_PARTICLES:
            continue
        if not (word[0].isupper() and (word.isalpha() or _NAME_WORD.fullmatch(word))):
            return None
        if _is_role_head_word(lowered):
            return None
    first = words[0].rstrip(".")
    lowered = first.casefold()
    if len(first) < 2 or lowered in _NAME_PARTICLES or lowered in _PLACEHOLDER_NAMES:
        return None
    if lowered.strip("x") == "":
        return None  # "Xxx": a template placeholder left in
    return first.capitalize() if first.isupper() and len(first) > 2 else first


def _signature_lines(msg: ParsedMessage) -> list[str]:
    """Non-empty lines at the end of the new text followed by the signature block."""
    new_text = msg.new_text
    tail = new_text[-_TAIL_CHARS:] if len(new_text) > _HEAD_CHARS else new_text
    lines = [ln.strip(" \t>") for ln in f"{tail}\n{_signature_text(msg)}".splitlines()]
    return [ln for ln in lines if ln and ln != "--" and not _CLIENT_FOOTER.match(ln)]


def _signature_text(msg: ParsedMessage) -> str:
    return msg.signature[:_SIGNATURE_CHARS]


def _read_signature(msg: ParsedMessage) -> _SignatureReading:
    lines = _signature_lines(msg)
    for index in range(len(lines) - 1, max(-1, len(lines) - _SIGN_OFF_LOOKBACK_LINES), -1):
        line = lines[index]
        if line.endswith(",") and len(line) <= 30:
            signer = lines[index + 1 : index + 7]
            if _is_short_sign_off(line, signer):
                return _read_signer_lines(signer)
        if (
            len(line) > 140
            or line.split(None, 1)[0].casefold().rstrip(",.!") not in _SIGN_OFF_STARTS
        ):
            continue
        sign_off = _SIGN_OFF_LINE.fullmatch(line)
        if sign_off is None:
            continue
        signer = lines[index + 1 : index + 7]
        if sign_off.group("inline"):
            signer.insert(0, sign_off.group("inline"))
        return _read_signer_lines(signer) if signer else _SignatureReading()
    signature_lines = [ln.strip(" \t>") for ln in _signature_text(msg).splitlines()]
    signature_lines = [
        ln for ln in signature_lines if ln and ln != "--" and not _CLIENT_FOOTER.match(ln)
    ]
    if signature_lines:
        return _read_signer_lines(signature_lines[:6])
    return _read_trailing_block(lines)


def _is_short_sign_off(line: str, following: list[str]) -> bool:
    """'Talk soon,' / 'Onwards,' over a name: any short closing phrase ending in a comma."""
    if not line.endswith(",") or len(line) > 30 or not following:
        return False
    first_word = line.split(None, 1)[0].casefold().rstrip(",")
    if first_word in _GREETINGS:
        return False
    if len(following[0].split()) > 6:
        return False
    name = _split_line(_NAME_LINE_SPLIT, following[0])[0]
    return _person_first_name(name) is not None or _has_team_word(following[0])


_GREETINGS = _words("hi hello dear hey greetings morning afternoon evening good hiya")


def _read_trailing_block(lines: list[str]) -> _SignatureReading:
    """No sign-off and no signature: a bare name among the last short lines signs the mail."""
    tail = lines[-6:]
    for index, line in enumerate(tail):
        rest = [ln for ln in tail[index + 1 :] if not _is_footer(ln)]
        short_rest = all(len(ln.split()) <= 6 and not ln.endswith((".", "?", "!")) for ln in rest)
        if not short_rest or len(line.split()) > 4 or line.endswith((".", "?", "!", ",", ":")):
            continue
        line = line.lstrip("-–—~ ")
        if _has_team_word(line) or _person_first_name(_split_line(_NAME_LINE_SPLIT, line)[0]):
            return _read_signer_lines([line, *rest])
    return _SignatureReading()


def _is_footer(line: str) -> bool:
    """A system footer under a signature: links, data notices, 'do not reply'."""
    lower = line.lower()
    return "://" in lower or len(_FOOTER_WORDS.intersection(_WORD_RUN.findall(lower))) >= 2


_FOOTER_WORDS = _words(
    """unsubscribe privacy data profile reply monitored automated notice careers site log
    withdraw preferences confidential intended recipient mailbox policy openings apply
    processed accordance action required"""
)
# Lines a mail client appends; never a signer.
_CLIENT_FOOTER = re.compile(r"(?i)^(?:sent (?:from|via|with) |get outlook for |sent on the go)")


def _read_signer_lines(lines: list[str]) -> _SignatureReading:
    """First line: the signer (person or team); the next few: title and organisation."""
    signer = lines[0].lstrip("-–—~ ").strip()
    if len(signer.split()) > 10 or signer.endswith((".", "?", "!")):
        return _SignatureReading()  # a sentence, not a signature
    parts = _split_line(_NAME_LINE_SPLIT, signer, maxsplit=1)
    head, tail = parts[0], parts[1] if len(parts) == 2 else ""
    first = None
    if not (_has_team_word(head) or head.casefold().startswith("the ")):
        first = _person_first_name(head)
    # "Quillon | Careers" is the organisation signing; "Leila Haddad | Talent Partner" a person.
    if first and len(head.split()) == 1 and tail and _only_team_words(tail):
        first = None
    if first:
        companies = list(_title_line_companies([tail] if tail else []))
        companies.extend(_title_line_companies(lines[1:5]))
        return _SignatureReading(first_name=first, companies=tuple(companies), signer=head)
    if _has_team_word(signer) or signer.casefold().startswith("the "):
        company = _company_from_team_line(signer)
        companies = [_Candidate(company, _SIGNED)] if company else []
        companies.extend(_title_line_companies(lines[1:4]))
        return _SignatureReading(is_team=True, companies=tuple(companies))
    company = _clean_company(signer)
    if company and len(lines) == 1 and len(signer) < 40:
        return _SignatureReading(companies=(_Candidate(company, _WEAK),))
    return _SignatureReading()


def _only_team_words(text: str) -> bool:
    words = [w.strip(_TRIM_PUNCT).casefold() for w in text.split()]
    return bool(words) and all(w in _TEAM_WORDS for w in words if w)


_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}")
_CONTACT_WORDS = _words("tel phone mobile fax email e-mail cell office direct")
_UNIT_WORD_SET = _words(
    "lab laboratory department dept faculty division programme program centre center"
)
_TITLE_SPLIT = re.compile(r"\s*[|,–—@]\s*|\s+-\s+|\s+(?:at|from)\s+", re.IGNORECASE)
_LOOKS_LIKE_PLACE = re.compile(r"^[A-Z]{2}$|\b(?:Street|St\.|Avenue|Ave|Road|Rd|Suite|Floor)\b")


def _title_line_companies(lines: Iterable[str]) -> Iterator[_Candidate]:
    """Organisation names on the title lines under a signer's name."""
    for line in lines:
        if len(line) > 80:
            continue
        lower = line.lower()
        words = _WORD_RUN.findall(lower)
        if "@" in line or "www." in lower or "http" in lower or ".com" in lower:
            continue  # contact details
        if not _CONTACT_WORDS.isdisjoint(words) or (
            _HAS_DIGIT.search(line) and _PHONE.search(line)
        ):
            continue
        if not _UNIT_WORD_SET.isdisjoint(words):
            continue  # "Oliveira Lab", "Chemistry Department": a unit of the employer
        segments = [s.strip() for s in _split_line(_TITLE_SPLIT, line) if s.strip()]
        if len(segments) > 1:
            # "Recruiter, Acme" / "Talent Partner | Acme": the organisation follows the title.
            for segment in segments[1:]:
                company = (
                    _company_from_team_line(segment)
                    if _has_team_word(segment)
                    else _clean_company(segment)
                )
                if company and not _LOOKS_LIKE_PLACE.search(segment):
                    yield _Candidate(company, _SIGNED)
                    break
        elif _has_team_word(line):
            company = _company_from_team_line(line)
            if company:
                yield _Candidate(company, _SIGNED)
        elif not any(_is_role_head(w, plural=False) for w in line.split()):
            company = _clean_company(line)
            if (
                company
                and normalise_company(company) == normalise_company(line)
                and len(company.split()) <= 5
            ):
                yield _Candidate(company, _STRONG)


# ---------------------------------------------------------------------------
# Domains
# ---------------------------------------------------------------------------


def _is_relay_or_free(domain: str) -> bool:
    # Longer than any real domain: nothing to learn from it, and not worth caching.
    return len(domain) > 253 or _is_relay_or_free_domain(domain)


@lru_cache(maxsize=1024)
def _is_relay_or_free_domain(domain: str) -> bool:
    if not domain or domain in _FREE_MAIL:
        return True
    labels = domain.split(".")
    return any(".".join(labels[i:]) in _RELAY_DOMAINS for i in range(len(labels) - 1))


def _domain_label(domain: str) -> str | None:
    return None if len(domain) > 253 else _label_of_domain(domain)


@lru_cache(maxsize=1024)
def _label_of_domain(domain: str) -> str | None:
    """The organisation's label of a domain: 'careers.acme-corp.co.uk' -> 'acmecorp'."""
    domain = domain.casefold()
    if _is_relay_or_free(domain):
        return None
    labels = domain.split(".")
    cut = 3 if ".".join(labels[-2:]) in _TWO_LEVEL_SUFFIXES else 2
    if len(labels) < cut:
        return None
    label = labels[-cut].replace("-", "")
    if label in _GENERIC_DOMAIN_LABELS or label in _NOT_AN_ORG_NAME or len(label) < 2:
        return None
    return label


def _strip_decoration(label: str) -> str:
    return _DOMAIN_DECORATION.sub("", label)


_URL_DOMAIN = re.compile(r"(?i)(?:https?://|www\.|@)([a-z0-9.-]+\.[a-z]{2,})")


def _hint_labels(origin: _Origin, signature: str) -> list[str]:
    """Organisation labels from the sender's domains and addresses in the signature."""
    sender = origin.sender
    if sender is not None and _is_platform(_display_name(sender)):
        sender = None  # a job board's own domain says nothing about the employer
    domains = [a.domain for a in (sender, *origin.reply_to) if a is not None]
    domains.extend(m.group(1) for m in _URL_DOMAIN.finditer(signature))
    labels: list[str] = []
    for domain in domains:
        label = _domain_label(domain)
        if label and label not in labels:
            labels.append(label)
    return labels


def _matches_label(key: str, labels: list[str]) -> bool:
    """Whether a normalised company name spells one of the domain labels."""
    squashed = _squash(key)
    if len(squashed) < 2:
        return False
    for label in labels:
        if squashed in {label, _strip_decoration(label)}:
            return True
        # "acmerobotics" for "Acme", "northwind" for "Northwind Traders".
        if min(len(squashed), len(label)) >= 4 and (
            label.startswith(squashed) or squashed.startswith(label)
        ):
            return True
    return False


_CAPITALISED_RUN = re.compile(rf"(?<![\w@.]){_ORG_TOKEN}(?:{_SP}+{_ORG_TOKEN}){{0,3}}")


def _name_for_label(text: str, label: str) -> str | None:
    """A capitalised run in the text spelling the domain label ('acmecorp' -> 'Acme Corp')."""
    stripped = _strip_decoration(label) or label
    wanted = {label, stripped}
    if stripped[:3] not in text.lower():
        return None  # the text never starts to spell it: skip the costly scan
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group().split()
        if words[0][0].casefold() not in {label[0], stripped[0]}:
            continue
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                candidate = " ".join(words[start : start + size]).strip(_TRIM_PUNCT)
                if _squash(candidate) in wanted:
                    return _POSSESSIVE_END.sub("", candidate).rstrip(".")
    return None


# ---------------------------------------------------------------------------
# Choosing
# ---------------------------------------------------------------------------


def _choose_company(candidates: list[_Candidate], labels: list[str], text: str) -> str | None:
    totals: dict[str, float] = {}
    shown: dict[str, _Candidate] = {}
    for candidate in candidates:
        key = candidate.key
        if not key:
            continue
        totals[key] = totals.get(key, 0.0) + candidate.weight
        if key not in shown or candidate.weight > shown[key].weight:
            shown[key] = candidate
    for key in shown:
        if _matches_label(key, labels):
            totals[key] += _STRONG
    # "Northwind" in a signature supports "Northwind Traders" in the body: the
    # fuller name collects the evidence for its shorter form.
    merged = dict(totals)
    for longer in totals:
        for shorter in totals:
            if longer.startswith(shorter + " "):
                merged[longer] += totals[shorter]
    if merged:
        key = max(merged, key=lambda k: (merged[k], len(k)))
        # A lone weak mention ("at X") needs support from a second place.
        if merged[key] >= 1.5:
            return shown[key].name
    return _company_from_domain(labels, text)


def _company_from_domain(labels: list[str], text: str) -> str | None:
    """Last resort: the employer's domain, but only as the text itself spells it."""
    for label in labels:
        found = _name_for_label(text, label)
        if found:
            return found
    # A label the text never spells ("acmecorp") would be a guess at its spelling.
    return None


def _choose_role(
    subject_roles: list[str], body_roles: list[str], company: str | None
) -> str | None:
    company_key = normalise_company(company) if company else ""
    found: list[tuple[str, str, bool, bool]] = []
    counts: dict[str, int] = {}
    for role, from_subject in [(r, True) for r in subject_roles] + [(r, False) for r in body_roles]:
        kept = _drop_company_prefix(role, company)
        key = normalise_role(kept) if kept else ""
        if kept and key and key != company_key:
            has_head = any(_is_role_head(w) for w in kept.split())
            found.append((kept, key, from_subject, has_head))
            counts[key] = counts.get(key, 0) + 1
    if not found:
        return None
    # "Data Analyst – Payments" collects the mentions of plain "Data Analyst".
    merged = dict(counts)
    for longer in counts:
        for shorter in counts:
            if longer.startswith(shorter + " "):
                merged[longer] += counts[shorter]
    # A real job noun first, then the title stated most, then the subject's.
    return max(found, key=lambda item: (item[3], merged[item[1]], item[2]))[0]


# Places that are not titled jobs: "we cannot offer you an internship this summer".
_PLACEMENT = re.compile(
    r"(?i)\b(?:(?:summer|winter|spring|autumn|paid|graduate|research|work)\s+)?"
    r"(?:internship|traineeship|apprenticeship|placement)\b"
)


def _placement(subjects: Sequence[str], body: str) -> str | None:
    """The placement applied for, when the mail names no job title at all."""
    for text in (*subjects, body):
        match = _PLACEMENT.search(text)
        if match:
            return match.group()
    return None


def _drop_company_prefix(role: str, company: str | None) -> str | None:
    """'Acme Data Analyst' -> 'Data Analyst' when Acme is the company."""
    if not company or not role.casefold().startswith(company.casefold() + " "):
        return role
    rest = role[len(company) + 1 :]
    return rest if any(_is_role_head(w) for w in rest.split()) else None


def _signs_as_organisation(
    signer: str, sender: _SenderReading, named: list[_Candidate], labels: list[str]
) -> bool:
    """Whether a person-shaped signer line is the organisation's own name."""
    key = normalise_company(signer)
    if sender.company is not None and sender.company.key == key:
        return True
    if any(c.key == key for c in named):
        return True
    squashed = _squash(key)
    return any(squashed in {label, _strip_decoration(label)} for label in labels)


def _is_signer(key: str, first_name: str | None) -> bool:
    """Whether a sender 'organisation' is in fact the person who signed the mail."""
    return first_name is not None and key.split(" ", 1)[0] == first_name.casefold()


def _names_company(display: str, company_keys: set[str]) -> bool:
    """A display name like 'Northwind Traders' looks like a person but is the employer."""
    key = normalise_company(display)
    return any(key == k or k.startswith(key + " ") or key.startswith(k + " ") for k in company_keys)


def _choose_contact(
    signature: _SignatureReading,
    sender: _SenderReading,
    display: str,
    company_keys: set[str],
    company: str | None,
) -> str | None:
    if signature.is_team:
        return None
    first = signature.first_name
    if first is None and not _names_company(display, company_keys):
        first = sender.person_first_name
    if first is None:
        return None
    if company and normalise_company(first) == normalise_company(company.split()[0]):
        return None  # "Acme" signing as itself
    return first


def _people(msg: ParsedMessage) -> tuple[Address, ...]:
    return (*msg.to[:_ADDRESSES], *msg.cc[:_ADDRESSES])


@dataclass(frozen=True, slots=True)
class _Origin:
    """Who wrote the rejection: the sender, or for a forwarded mail the original sender."""

    sender: Address | None
    reply_to: tuple[Address, ...]
    subjects: tuple[str, ...]


_FORWARD_MARKER = re.compile(
    r"(?im)^[ >]*(?:-{2,} *(?:original message|forwarded message) *-{2,}|begin forwarded message:?)"
)
_FORWARD_SUBJECT = re.compile(r"(?i)^\s*(?:(?:re|aw)\s*:\s*)*(?:fwd?|tr|wg)\s*:")
_FORWARDED_HEADER = re.compile(r"(?im)^[ >]*(from|subject) *: *(.+)$")


def _origin(msg: ParsedMessage) -> _Origin:
    """The forwarder of a forwarded rejection is not its author: read the quoted headers."""
    marker = _FORWARD_MARKER.search(msg.quoted, 0, 2000) if msg.quoted else None
    # Outlook quotes a reply under "Original Message" too: only a forward counts.
    forwarded = marker is not None and (
        "forward" in marker.group().casefold() or _FORWARD_SUBJECT.match(msg.subject) is not None
    )
    if marker is None or not forwarded:
        return _Origin(msg.from_, msg.reply_to[:_ADDRESSES], (msg.subject,))
    sender = None
    subjects = [msg.subject]
    for header in _FORWARDED_HEADER.finditer(msg.quoted, marker.end(), marker.end() + 800):
        if header.group(1).casefold() == "from" and sender is None:
            name, addr = parseaddr(header.group(2))
            sender = Address(name, addr)
        elif header.group(1).casefold() == "subject" and len(subjects) == 1:
            subjects.append(header.group(2))
    return _Origin(sender, (), tuple(subjects))


def extract(msg: ParsedMessage) -> Extraction:
    """Company, role and contact first name of a rejection email; None where unsure."""
    origin = _origin(msg)
    body = _make_scan(msg.new_text[:_HEAD_CHARS])
    # The signature is read as prose too: parsers sometimes leave a closing
    # sentence ("... at Acme.") in it, and its title lines name the employer.
    signature_prose = _make_scan(msg.signature[:_SIGNATURE_CHARS])
    signature = _read_signature(msg)
    sender = _read_sender(origin.sender)
    subject_roles: list[str] = []
    named: list[_Candidate] = []
    for subject in origin.subjects:
        roles_in_subject, named_in_subject = _subject_evidence(subject, _people(msg))
        subject_roles.extend(roles_in_subject)
        named.extend(named_in_subject)

    # Companies the text names, and companies the mail comes from.
    named.extend(_body_company_candidates(body))
    roles: list[str] = []
    for role, possessor in _roles_before_keyword(body):
        if role:
            roles.append(role)
        if possessor:
            named.append(_Candidate(possessor, _STRONG))
    roles.extend(_roles_after_phrase(body))
    labels = _hint_labels(origin, msg.signature[:_SIGNATURE_CHARS])
    if signature.first_name and _signs_as_organisation(signature.signer, sender, named, labels):
        # "Kind regards,\nMarigold Mobility": spelt like a person, signed by the employer.
        signer = _Candidate(signature.signer, _SIGNED)
        signature = _SignatureReading(is_team=True, companies=(*signature.companies, signer))
    own = list(_body_company_candidates(signature_prose))
    own.extend(signature.companies)
    if sender.company is not None and not _is_signer(sender.company.key, signature.first_name):
        own.append(sender.company)
    if sender.maybe_company:
        maybe = _Candidate(sender.maybe_company, _STRONG)
        if maybe.key in {c.key for c in named + own} or _matches_label(maybe.key, labels):
            own.append(maybe)

    people = {n for n in (signature.first_name, sender.person_first_name) if n}
    signature_text = msg.signature[:_SIGNATURE_CHARS]
    if _from_agency(body, signature_text, _display_name(origin.sender), named, own, labels, people):
        # A recruiting agency writing about "my client" or naming the client: the
        # employer is the client, never the agency that signs and sends the mail.
        candidates = [
            _Candidate(c.name, c.weight * 2) if c.met else c
            for c in named
            if not _AGENCY_NAME.search(c.name)
        ]
        labels = []
    else:
        candidates = named + own
    company = _choose_company(candidates, labels, body.text)
    role = _choose_role(subject_roles, roles, company) or _placement(origin.subjects, body.text)
    company_keys = {c.key for c in named + own}
    display = _display_name(origin.sender)
    contact = _choose_contact(signature, sender, display, company_keys, company)
    return Extraction(company=company, role=role, contact_name=contact)


def _from_agency(
    body: _Scan,
    signature: str,
    display: str,
    named: list[_Candidate],
    own: list[_Candidate],
    labels: list[str],
    people: set[str],
) -> bool:
    if _AGENCY_CONTEXT.search(body.low):
        return True
    # "Thanks for interviewing with Acme Foods", signed by someone from elsewhere. A
    # single word ("your interview with Dana") is more likely a person than a client.
    own_keys = {c.key for c in own}
    for candidate in named:
        if not candidate.met or " " not in candidate.key or candidate.key in own_keys:
            continue
        if candidate.name.split()[0] in people:
            continue  # "your interview with Dana Whitfield", who signs the mail
        if _pair_of_names(candidate.name):
            # "the final interview with Grégoire and Anneke": two interviewers as often
            # as a firm ("Marks and Spencer"); not enough to take the sender for an agency.
            continue
        if (own_keys or labels) and not _matches_label(candidate.key, labels):
            return True
    # An agency's own name ("Bridgeway Recruitment", "Northstar Staffing") signing a
    # mail that names another organisation.
    if not _AGENCY_FIRM.search(signature) and not _AGENCY_FIRM.search(display):
        return False
    return any(not _AGENCY_NAME.search(c.name) for c in named)


def _pair_of_names(name: str) -> bool:
    """'Grégoire and Anneke', 'Dana & Lee': two single words joined by 'and' or '&'."""
    words = name.split()
    return len(words) == 3 and words[1].casefold() in ("and", "&")


_AGENCY_CONTEXT = re.compile(r" (?:my|our|the|a|your|their) +(?:[a-z-]+ +)?clients?\b")
_AGENCY_FIRM = re.compile(
    r"(?i)\b(?:staffing|resourcing|headhunt\w*|executive search|talent solutions"
    r"|recruitment(?! team| department| office)|recruiters)\b"
)
_AGENCY_NAME = re.compile(
    r"(?i)\b(?:search|associates|resourcing|recruitment|recruiting|recruiters|staffing"
    r"|talent|headhunt\w*|placements?|personnel|executive)\b"
)
