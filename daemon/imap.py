"""The IMAP adapter: the only module that talks to imapclient.

Reading never changes the user's mail: watched folders are only ever opened
with EXAMINE (read-only SELECT) and bodies are fetched with ``BODY.PEEK``, so
nothing becomes ``\\Seen``. The one write to mail is an APPEND of a draft to the
Drafts folder; besides, ``create_folder`` makes (and subscribes to) the learning
folders when the user turns them on. There is no STORE, MOVE, COPY or EXPUNGE here.

Everything that can go wrong on the wire is translated into a domain error
from ``rejoinder.daemon.errors`` that says what broke and what to do. The
folder choices (which folder is Drafts, which is Sent) are pure functions over
``FolderInfo`` lists so they can be tested without a server.
"""

from __future__ import annotations

import heapq
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar, get_args

import imapclient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError
from imapclient.imapclient import join_message_ids, seq_to_parenstr_upper
from imapclient.response_parser import parse_fetch_response

from rejoinder.daemon.errors import (
    AuthError,
    ConnectionRefusedMailboxError,
    DnsError,
    DraftsRefusedError,
    FolderMissingError,
    MailboxError,
    MailboxTimeoutError,
    TlsError,
)
from rejoinder.daemon.fetchparse import parse_fetch
from rejoinder.daemon.mailbox import REF_HEADER, RawMessage
from rejoinder.daemon.textonly import plan_text_fetch, rebuild_message

log = logging.getLogger(__name__)

_T = TypeVar("_T")

Security = Literal["tls", "starttls", "plain"]
Auth = Literal["password", "xoauth2"]

# The headers the classifier's cheap first pass looks at (see summaries()).
SUMMARY_HEADERS = (
    "Message-ID",
    "From",
    "Reply-To",
    "Subject",
    "Date",
    "List-Id",
    "Precedence",
    "Auto-Submitted",
    "In-Reply-To",
    "References",
)
DRAFT_FLAGS = ("\\Draft", "\\Seen")

# Batch sizes keep each command's response bounded (a few MB at most) while
# still needing only a handful of round trips for a large folder.
SUMMARY_BATCH = 500
RAW_BATCH = 200
FLAGS_BATCH = 1000
# RFC 2177: re-issue IDLE before 30 minutes, or the server may drop us.
MAX_IDLE_SECONDS = 25 * 60
IDLE_FIRST_ROUND_SECONDS = 2.0  # see idle_wait
NOOP_POLL_SECONDS = 30.0  # for servers without IDLE
# Inside one IDLE the socket is checked in slices this long, so a stop request
# is honoured (and a heartbeat given) about once a second without ending the IDLE.
WAIT_CHECK_SECONDS = 1.0

DRAFTS_NAMES = (
    "Drafts",
    "[Gmail]/Drafts",
    "[Google Mail]/Drafts",
    "INBOX.Drafts",
    "INBOX/Drafts",
    "Draft",
    "Entwürfe",
    "Brouillons",
    "Borradores",
    "Bozze",
    "Concepten",
    "Utkast",
    "Kladder",
    "Rascunhos",
    "Szkice",
    "Luonnokset",
    "Koncepty",
    "Piszkozatok",
    "Taslaklar",
    "Черновики",
)
SENT_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "Sent Mail",
    "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail",
    "INBOX.Sent",
    "INBOX/Sent",
    "Gesendet",
    "Gesendete Objekte",
    "Gesendete Elemente",
    "Envoyés",
    "Éléments envoyés",
    "Messages envoyés",
    "Enviados",
    "Elementos enviados",
    "Posta inviata",
    "Inviati",
    "Verzonden",
    "Verzonden items",
    "Skickat",
    "Skickade objekt",
    "Sendt",
    "Sendte elementer",
    "Wysłane",
    "Отправленные",
)
_UNSELECTABLE = frozenset({"\\noselect", "\\nonexistent"})
_APPENDUID = re.compile(rb"\[APPENDUID (\d+) (\d+)\]", re.IGNORECASE)
_RESPONSE_CODE = re.compile(r"\[([A-Z-]+)")
_DRAFT_REF = re.compile(r"[\x21-\x7e]+")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# OpenSSL verify codes (x509_vfy.h) that mean "I do not trust who signed this".
_UNTRUSTED_CODES = frozenset({2, 18, 19, 20, 21, 27})
_EXPIRY_CODES = frozenset({9, 10})
_NAME_MISMATCH_CODES = frozenset({62, 63, 64})


# -- values -------------------------------------------------------------------


@dataclass(frozen=True)
class ImapSettings:
    """How to reach one IMAP account. The password is passed separately, never stored."""

    host: str
    port: int
    security: Security
    username: str
    ca_file: Path | None = None  # extra trust on top of the system store (self-signed servers)
    timeout: float = 30.0  # seconds, for connecting and for every reply

    def __post_init__(self) -> None:
        if self.security not in get_args(Security):
            raise ValueError(f"security must be one of {get_args(Security)}, not {self.security!r}")
        if not self.host:
            raise ValueError("host must not be empty")
        if not 0 < self.port < 65536:
            raise ValueError(f"port must be 1-65535, not {self.port}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class FolderInfo:
    name: str
    flags: frozenset[str]  # as the server sent them, e.g. "\\HasNoChildren", "\\Drafts"
    delimiter: str | None  # hierarchy delimiter; None for a flat namespace

    @property
    def selectable(self) -> bool:
        return not any(flag.lower() in _UNSELECTABLE for flag in self.flags)

    def has_flag(self, flag: str) -> bool:
        """IMAP flags are case-insensitive."""
        return flag.lower() in (own.lower() for own in self.flags)


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int  # when this changes, every UID seen before is meaningless
    uidnext: int
    exists: int


@dataclass(frozen=True)
class MessageSummary:
    uid: int
    size: int
    internal_date: datetime | None
    flags: frozenset[str]
    headers: bytes  # just the SUMMARY_HEADERS fields, raw, ending in a blank line


# -- pure helpers -----------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """True for localhost and loopback IP literals (the only hosts allowed without TLS)."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_transport(settings: ImapSettings) -> None:
    """Refuse to send a password in clear text anywhere but this machine."""
    if settings.security == "plain" and not is_loopback(settings.host):
        raise TlsError(
            f"refusing an unencrypted IMAP connection to {settings.host}, which is not this machine",
            "use security = tls (port 993) or starttls (port 143); plain is only for localhost",
        )


def message_key(folder: str, uidvalidity: int, uid: int) -> str:
    return f"{folder};v={uidvalidity};uid={uid}"


def choose_drafts_folder(folders: Sequence[FolderInfo], configured: str | None) -> str:
    """Pick the folder drafts go to.

    A configured name wins when it exists; then the folder the server marks
    ``\\Drafts`` (RFC 6154); then well-known and localized names.
    """
    selectable = [folder for folder in folders if folder.selectable]
    if configured is not None and any(f.name == configured for f in selectable):
        return configured
    marked = [folder for folder in selectable if folder.has_flag("\\Drafts")]
    if marked:
        return marked[0].name
    by_name = _best_named(selectable, DRAFTS_NAMES)
    if by_name is not None:
        return by_name
    names = ", ".join(f.name for f in selectable) or "(none)"
    wanted = f"the configured folder {configured!r} and no" if configured else "no"
    raise FolderMissingError(
        f"the server has {wanted} Drafts folder; folders found: {names}",
        "create a Drafts folder in your mail client, or set drafts_folder to one of those names",
    )


def choose_sent_folder(folders: Sequence[FolderInfo], configured: str | None = None) -> str | None:
    """The Sent folder (a configured name that exists, then the ``\\Sent`` flag, then
    well-known names), or None."""
    selectable = [folder for folder in folders if folder.selectable]
    if configured is not None and any(f.name == configured for f in selectable):
        return configured
    marked = [folder for folder in selectable if folder.has_flag("\\Sent")]
    if marked:
        return marked[0].name
    return _best_named(selectable, SENT_NAMES)


def _best_named(folders: Sequence[FolderInfo], names: Sequence[str]) -> str | None:
    """The folder whose name comes earliest in ``names``.

    Exact spelling beats a case-insensitive match, which beats the same name
    one level below INBOX (some servers put every folder there).
    """
    best: tuple[int, str] | None = None
    for folder in folders:
        rank = _name_rank(folder, names)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, folder.name)
    return best[1] if best else None


def _name_rank(folder: FolderInfo, names: Sequence[str]) -> int | None:
    count = len(names)
    folded = folder.name.casefold()
    for index, name in enumerate(names):
        if folder.name == name:
            return index
        if folded == name.casefold():
            return count + index
        if folder.delimiter and folded == f"inbox{folder.delimiter}{name}".casefold():
            return 2 * count + index
    return None


def describe_certificate_error(error: ssl.SSLCertVerificationError, address: str) -> TlsError:
    """Spell out why a certificate was rejected, with the fix that usually applies."""
    problem = str(error.verify_message or error.reason or error).rstrip(".")
    code = error.verify_code
    if code in _NAME_MISMATCH_CODES:
        fix = (
            "check the host name: use the name the server's certificate was issued for, "
            "or set ca_file = /path/to/its-certificate.pem if it is your own server"
        )
    elif code in _EXPIRY_CODES:
        fix = "check this machine's clock; if it is right, the server must renew its certificate"
    elif code in _UNTRUSTED_CODES:
        fix = (
            "if you trust this server, set ca_file = /path/to/its-ca.pem in the account "
            "settings; otherwise check the host name"
        )
    else:
        fix = "set ca_file = /path/to/its-ca.pem if you trust this server, or check the host name"
    return TlsError(f"the TLS certificate of {address} was rejected: {problem}", fix)


def make_ssl_context(settings: ImapSettings) -> ssl.SSLContext:
    """System trust store plus the optional ca_file; host names are always checked."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if settings.ca_file is not None:
        # create_default_context(cafile=...) would drop the system store; add to it instead.
        try:
            context.load_verify_locations(cafile=str(settings.ca_file))
        except (OSError, ssl.SSLError) as error:
            raise TlsError(
                f"cannot use ca_file {settings.ca_file}: {getattr(error, 'strerror', None) or error}",
                "point ca_file at a readable PEM certificate file, or remove the setting",
            ) from error
    return context


def parse_appenduid(response: bytes) -> tuple[int, int] | None:
    """(uidvalidity, uid) from an APPEND reply carrying UIDPLUS's APPENDUID, else None."""
    match = _APPENDUID.search(response)
    return (int(match.group(1)), int(match.group(2))) if match else None


def draft_ref_of(raw: bytes) -> str | None:
    """The X-Rejoinder-Ref value in a message's header, stripped; None when absent."""
    value = BytesHeaderParser().parsebytes(raw, headersonly=True).get(REF_HEADER)
    return str(value).strip() if value is not None else None


# RFC 5530 response codes (and the words of servers without them) that say the refusal
# is about the mailbox, not about the draft: no use counting it against the message.
_MAILBOX_REFUSALS = (
    ("overquota", "over quota"),
    ("quota", "over quota"),
    ("trycreate", "the folder does not exist"),
    ("unavailable", "temporarily unavailable"),
    ("serverbug", "a server error"),
    ("inuse", "the folder is in use"),
    ("noperm", "no permission to write there"),
)
_REFUSAL_FIX = {
    "over quota": "free some space in the mailbox; the draft is written on the next pass",
    "the folder does not exist": "it is looked for again on the next pass; set drafts_folder "
    "if Drafts has another name",
    "no permission to write there": "check the folder's permissions, or set drafts_folder",
}


def drafts_refusal(server_text: str) -> str | None:
    """Why the server refused an APPEND when the reason is the mailbox's, else None."""
    words = re.sub(r"[^a-z]+", " ", server_text.lower()).split()
    for word, reason in _MAILBOX_REFUSALS:
        if word in words:
            return reason
    return None


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _text(value: object) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _server_text(error: BaseException, password: str | None = None) -> str:
    """The server's words from an imaplib/imapclient error, tidied, never with the password."""
    text = str(error)
    text = re.sub(r"^[a-z ]+ failed: ", "", text)
    text = re.sub(r"^b(['\"])(.*)\1$", r"\2", text)
    if password:
        text = text.replace(password, "***")
    return text.strip() or type(error).__name__


def _new_mail(response: tuple[Any, ...]) -> bool:
    """An untagged ``* n EXISTS`` or ``* n RECENT`` (n > 0) response."""
    if len(response) < 2 or not isinstance(response[0], int):
        return False
    kind = _text(response[1]).upper()
    return kind == "EXISTS" or (kind == "RECENT" and response[0] > 0)


def _is_set(event: threading.Event | None) -> bool:
    return event is not None and event.is_set()


def _is_bye(response: tuple[Any, ...]) -> bool:
    return bool(response) and _text(response[0]).upper() == "BYE"


# -- error translation -----------------------------------------------------------------


@contextmanager
def _translated(settings: ImapSettings, action: str, *, connecting: bool = False) -> Iterator[None]:
    """Turn socket/TLS/IMAP exceptions into domain errors that say what to do."""
    address = settings.address
    try:
        yield
    except socket.gaierror as error:
        raise DnsError(
            f"cannot find the IMAP server {settings.host!r} ({error.strerror or error})",
            "check the host name in the account settings and that this machine is online",
        ) from error
    except ssl.SSLCertVerificationError as error:
        raise describe_certificate_error(error, address) from error
    except ssl.SSLError as error:
        if not connecting:  # TLS trouble after the handshake is a broken link, not a setup issue
            raise MailboxTimeoutError(
                f"the TLS connection to {address} broke while {action} ({error.reason or error})",
                "it will be retried; if it keeps happening, check the network",
            ) from error
        raise TlsError(
            f"the TLS handshake with {address} failed ({error.reason or error})",
            "check the port and security: 993 speaks tls from the start, 143 needs starttls",
        ) from error
    except TimeoutError as error:
        fix = (
            # A TLS port waits silently for our handshake, so this is the usual symptom.
            "check the host, the port and security (port 993 expects security = tls) and the network"
            if connecting
            else "check the network, or raise timeout if the server is just slow"
        )
        raise MailboxTimeoutError(
            f"{address} did not answer within {settings.timeout:g} s while {action}", fix
        ) from error
    except ConnectionRefusedError as error:
        raise ConnectionRefusedMailboxError(
            f"{address} refused the connection",
            "check the port (993 for tls, 143 for starttls) and that the server is running",
        ) from error
    except OSError as error:
        if connecting:
            raise ConnectionRefusedMailboxError(
                f"cannot reach {address} ({error.strerror or error})",
                "check the host, the port and this machine's network connection",
            ) from error
        raise MailboxTimeoutError(
            f"the connection to {address} broke while {action} ({error.strerror or error})",
            "it will be retried; if it keeps happening, check the network",
        ) from error
    except IMAPClientAbortError as error:
        raise MailboxTimeoutError(
            f"the connection to {address} was lost while {action} ({_server_text(error)})",
            "it will be retried; if it keeps happening, check the network or the server",
        ) from error
    except IMAPClientError as error:
        raise MailboxError(
            f"{address} refused {action}: {_server_text(error)}",
            "check the server's log or try again later",
        ) from error


def _login_error(
    settings: ImapSettings, error: Exception, password: str, auth: Auth = "password"
) -> MailboxError:
    """A failed LOGIN: only a real refusal of the credentials is an AuthError."""
    text = _server_text(error, password)
    # imapclient turns every failure during LOGIN into LoginError; the original
    # tells a dropped connection (retry soon) from a refused password (don't).
    if isinstance(error.__context__, IMAPClientAbortError | OSError):
        return MailboxTimeoutError(
            f"the connection to {settings.address} was lost while logging in ({text})",
            "it will be retried; if it keeps happening, check the network or the server",
        )
    code = _RESPONSE_CODE.search(text)
    if code is not None and code.group(1) in {"UNAVAILABLE", "INUSE"}:
        return MailboxTimeoutError(
            f"{settings.address} cannot log {settings.username!r} in right now: {text}",
            "this is temporary on the server's side; it will be retried",
        )
    if auth == "xoauth2":
        return AuthError(
            f"{settings.address} rejected the OAuth2 login for {settings.username!r}: {text}",
            "check that oauth2_token_command prints a fresh access token for this account",
        )
    return AuthError(
        f"{settings.address} rejected the login for {settings.username!r}: {text}",
        "check the user name and password (many providers require an app password for IMAP)",
    )


# -- one connection -----------------------------------------------------------------------


class ImapSession:
    """One logged-in IMAP connection. Not thread-safe; use one per thread."""

    def __init__(self, client: Any, settings: ImapSettings) -> None:
        """Wrap an already logged-in client; use ``ImapSession.connect`` instead."""
        self._client = client
        self._settings = settings
        self._selected: str | None = None
        self._selected_state: FolderState | None = None
        self._last_look: dict[str, tuple[int, int]] = {}  # folder -> (UIDVALIDITY, UIDNEXT)
        self._closed = False

    # connection lifecycle

    @classmethod
    def connect(cls, settings: ImapSettings, password: str, auth: Auth = "password") -> ImapSession:
        """Connect, secure the channel, then log in. Never logs in before TLS, except plain on loopback.

        With ``auth = "xoauth2"`` the secret is an OAuth2 access token (SASL XOAUTH2).
        """
        check_transport(settings)
        context = make_ssl_context(settings) if settings.security != "plain" else None
        with _translated(settings, "connecting", connecting=True):
            client = imapclient.IMAPClient(
                settings.host,
                port=settings.port,
                ssl=settings.security == "tls",
                ssl_context=context,
                timeout=settings.timeout,
            )
        try:
            with _translated(settings, "securing the connection", connecting=True):
                if settings.security == "starttls":
                    cls._start_tls(client, settings, context)
            cls._login(client, settings, password, auth)
        except BaseException:
            _shutdown_quietly(client)
            raise
        client.normalise_times = False  # keep the server's time zones: aware datetimes
        _quiet_protocol_trace(client)
        log.info("connected to %s (%s)", settings.address, settings.security)
        log.debug("logged in as %s", settings.username)
        return cls(client, settings)

    @staticmethod
    def _start_tls(client: Any, settings: ImapSettings, context: ssl.SSLContext | None) -> None:
        if not client.has_capability("STARTTLS"):
            raise TlsError(
                f"{settings.address} does not offer STARTTLS, so the password would travel unencrypted",
                "use security = tls with the server's TLS port (usually 993)",
            )
        client.starttls(context)

    @staticmethod
    def _login(client: Any, settings: ImapSettings, password: str, auth: Auth) -> None:
        with _translated(settings, "logging in", connecting=True):
            if client.has_capability("LOGINDISABLED"):
                raise TlsError(
                    f"{settings.address} does not allow logging in without TLS",
                    "use security = starttls or tls",
                )
            if auth == "xoauth2" and not client.has_capability("AUTH=XOAUTH2"):
                raise AuthError(
                    f"{settings.address} does not offer OAuth2 (XOAUTH2) sign-in",
                    'check the host, or use auth = "password" with an app password',
                )
            try:
                if auth == "xoauth2":
                    client.oauth2_login(settings.username, password)
                else:
                    client.login(settings.username, password)
            except LoginError as error:
                raise _login_error(settings, error, password, auth) from None

    def logout(self) -> None:
        """Say goodbye and close; safe to call twice and on a dead connection."""
        if self._closed:
            return
        self._closed = True
        try:
            self._client.logout()
        except (IMAPClientError, OSError):
            _shutdown_quietly(self._client)

    def __enter__(self) -> ImapSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.logout()

    def noop(self) -> None:
        """Keep the connection alive (and learn whether it still is)."""
        with self._guard("checking the connection"):
            self._client.noop()

    # server and folders

    def capabilities(self) -> frozenset[str]:
        with self._guard("reading capabilities"):
            raw = self._client.capabilities()
        return frozenset(_text(item).upper() for item in raw)

    def list_folders(self) -> list[FolderInfo]:
        with self._guard("listing folders"):
            listing = self._client.list_folders()
        return [
            FolderInfo(
                name=_text(name),
                flags=frozenset(_text(flag) for flag in flags),
                delimiter=_text(delimiter) if delimiter else None,
            )
            for flags, delimiter, name in listing
        ]

    def find_drafts_folder(self, configured: str | None) -> str:
        chosen = choose_drafts_folder(self.list_folders(), configured)
        self._say_if_not_configured("drafts", configured, chosen)
        return chosen

    def find_sent_folder(self, configured: str | None = None) -> str | None:
        chosen = choose_sent_folder(self.list_folders(), configured)
        self._say_if_not_configured("sent", configured, chosen)
        return chosen

    def _say_if_not_configured(self, kind: str, configured: str | None, chosen: str | None) -> None:
        if configured is not None and chosen != configured:
            log.warning(
                "configured %s folder %r does not exist on %s; using %r",
                kind,
                configured,
                self._settings.host,
                chosen,
            )

    def folder_state(self, folder: str) -> FolderState:
        """UIDVALIDITY, UIDNEXT and the message count, read by opening the folder afresh.

        EXAMINE rather than STATUS: STATUS on the open folder may answer from the
        session's stale view (Dovecot does, after the folder was deleted and
        recreated by another client), hiding exactly the UIDVALIDITY change
        this exists to reveal.
        """
        return self._examine(folder, refresh=True)

    # reading (never changes anything)

    def summaries(
        self, folder: str, after_uid: int, *, limit: int | None = None
    ) -> list[MessageSummary]:
        """Size, date, flags and the key headers of every message with UID > after_uid
        (only the first ``limit`` of them, oldest UIDs first, when given)."""
        uids = self._uids_after(folder, after_uid)
        return self.summaries_of(folder, uids[:limit] if limit is not None else uids)

    def uids_since(self, folder: str, day: date) -> list[int]:
        """UIDs of the messages that arrived on or after ``day`` (INTERNALDATE, by the
        server's calendar), ascending, in the open view of the folder."""
        self._examine(folder)
        with self._guard(f"searching {folder}"):
            found = self._client.search(["SINCE", day])
        return sorted(int(uid) for uid in found)

    def new_uids(self, folder: str, after_uid: int) -> list[int]:
        """The UIDs above ``after_uid``, ascending, from a fresh look at the folder."""
        return self._uids_after(folder, after_uid)

    def summaries_of(
        self, folder: str, uids: Sequence[int], *, headers: bool = True
    ) -> list[MessageSummary]:
        """As ``summaries``, for these UIDs (those still there), in the open view of the
        folder: no fresh look, so a large first run re-opens nothing between windows.
        ``headers=False`` reads the sizes alone (``headers``, ``flags`` and
        ``internal_date`` are then empty): all a first run needs before the bodies."""
        items = ["RFC822.SIZE"]
        if headers:
            items += ["INTERNALDATE", "FLAGS"]
            items.append(f"BODY.PEEK[HEADER.FIELDS ({' '.join(SUMMARY_HEADERS)})]")
        result: list[MessageSummary] = []
        for chunk in _chunks(uids, SUMMARY_BATCH):
            response = self._fetch(folder, chunk, items, "reading message headers in")
            result.extend(_summary(uid, response[uid]) for uid in chunk if uid in response)
        return result

    def timeline(self, folder: str) -> tuple[int, list[tuple[datetime, int]]]:
        """UIDVALIDITY, and (INTERNALDATE, UID) of every message in the folder, oldest first."""
        uids = self._uids_after(folder, 0)
        state = self._selected_state
        assert state is not None  # _uids_after opened the folder
        dated: list[tuple[datetime, int]] = []
        for chunk in _chunks(uids, SUMMARY_BATCH):
            response = self._fetch(folder, chunk, ["INTERNALDATE"], "reading dates in")
            for uid in chunk:
                if uid in response:
                    dated.append((_internal_date(response[uid]) or _EPOCH, uid))
        return state.uidvalidity, sorted(dated)

    def fetch_raw(
        self, folder: str, uids: Sequence[int], *, uidvalidity: int | None = None
    ) -> Iterator[RawMessage]:
        """The full messages, in the order given, ~200 per round trip. Nothing becomes \\Seen.

        UIDs only mean something under one UIDVALIDITY: pass the one they were
        read under, and a folder that was recreated meanwhile raises instead of
        yielding other messages under those numbers.
        """
        expected = uidvalidity or self._examine(folder, refresh=True).uidvalidity
        for chunk in _chunks(list(uids), RAW_BATCH):
            response = self._fetch(folder, chunk, ["BODY.PEEK[]", "INTERNALDATE"], "reading")
            self._check_uidvalidity(folder, expected)
            state = self._selected_state
            assert state is not None  # _fetch selected the folder
            for uid in chunk:
                data = response.get(uid)
                raw = _item(data, "BODY[]") if data is not None else None
                if not isinstance(raw, bytes):
                    log.debug("message %s/%d vanished before it could be read", folder, uid)
                    continue
                yield RawMessage(
                    key=message_key(folder, state.uidvalidity, uid),
                    raw=raw,
                    folder=folder,
                    uid=uid,
                    internal_date=_internal_date(data) if data is not None else None,
                )

    def fetch_text(
        self, folder: str, uids: Sequence[int], *, uidvalidity: int
    ) -> Iterator[RawMessage]:
        """As ``fetch_raw``, but messages that are mostly attachments come without them:
        their structure first, then just the header and the parts a reader of text
        reads (see textonly.py). The others, and any whose pieces do not fit back
        together, are fetched whole. Not in the order given."""
        plans: dict[tuple[str, ...], list[tuple[int, Any]]] = {}
        whole: list[int] = []
        for chunk in _chunks(list(uids), SUMMARY_BATCH):
            items = ["BODYSTRUCTURE", "RFC822.SIZE"]
            response = self._fetch(folder, chunk, items, "reading the structure of messages in")
            self._check_uidvalidity(folder, uidvalidity)
            for uid in chunk:
                data = response.get(uid)
                structure = _item(data, "BODYSTRUCTURE") if data else None
                size = _item(data, "RFC822.SIZE") if data else None
                plan = plan_text_fetch(structure, int(size or 0)) if structure else None
                if plan is None:
                    whole.append(uid)
                else:
                    plans.setdefault(plan.sections, []).append((uid, structure))
        for sections, planned in plans.items():  # messages shaped alike share their FETCH
            for group in _chunks(planned, RAW_BATCH):
                yield from self._rebuilt(folder, group, sections, uidvalidity, whole)
        yield from self.fetch_raw(folder, sorted(whole), uidvalidity=uidvalidity)

    def _rebuilt(
        self,
        folder: str,
        planned: Sequence[tuple[int, Any]],
        sections: tuple[str, ...],
        uidvalidity: int,
        whole: list[int],
    ) -> Iterator[RawMessage]:
        items = ["BODY.PEEK[HEADER]", "INTERNALDATE", *(f"BODY.PEEK[{s}]" for s in sections)]
        response = self._fetch(folder, [uid for uid, _ in planned], items, "reading")
        self._check_uidvalidity(folder, uidvalidity)
        for uid, structure in planned:
            data = response.get(uid)
            header = _item(data, "BODY[HEADER]") if data is not None else None
            if data is None or not isinstance(header, bytes):
                log.debug("message %s/%d vanished before it could be read", folder, uid)
                continue
            parts = {s: _item(data, f"BODY[{s}]") for s in sections}
            raw = rebuild_message(structure, header, parts)
            if raw is None:
                whole.append(uid)
                continue
            yield RawMessage(
                key=message_key(folder, uidvalidity, uid),
                raw=raw,
                folder=folder,
                uid=uid,
                internal_date=_internal_date(data),
            )

    def _check_uidvalidity(self, folder: str, expected: int) -> None:
        state = self._selected_state
        assert state is not None  # _fetch selected the folder
        if state.uidvalidity != expected:
            raise MailboxError(
                f"the folder {folder!r} was recreated (UIDVALIDITY changed) while being read",
                "nothing to do: it will be read again from the start",
            )

    def personal_namespace(self) -> tuple[str, str | None] | None:
        """Prefix and hierarchy delimiter of the user's own folders (RFC 2342), e.g.
        ("INBOX.", ".") where every folder lives below INBOX; None without NAMESPACE."""
        if "NAMESPACE" not in self.capabilities():
            return None
        with self._guard("reading the folder namespace"):
            spaces = self._client.namespace()
        if not spaces.personal:
            return None
        prefix, delimiter = spaces.personal[0]
        return _text(prefix or ""), _text(delimiter) if delimiter else None

    def create_folder(self, folder: str) -> None:
        """Create a folder and subscribe to it (clients that list only subscribed folders
        show it then). Only for the learning folders; one created meanwhile by another
        client is fine."""
        try:
            with self._guard(f"creating the folder {folder}"):
                self._client.create_folder(folder)
        except MailboxError as error:
            exists = folder in (self._folder_names_or_none() or [])
            if type(error) is not MailboxError or not exists:
                raise
        with self._guard(f"subscribing to the folder {folder}"):
            self._client.subscribe_folder(folder)
        log.info("created the folder %s", folder)

    def flags(self, folder: str, uids: Sequence[int]) -> dict[int, frozenset[str]]:
        result: dict[int, frozenset[str]] = {}
        for chunk in _chunks(list(uids), FLAGS_BATCH):
            response = self._fetch(folder, chunk, ["FLAGS"], "reading flags in")
            for uid in chunk:
                if uid in response:
                    result[uid] = _flags(response[uid])
        return result

    # drafts (the one write)

    def append_draft(self, folder: str, raw: bytes, ref: str) -> None:
        """Store a draft, flagged \\Draft and \\Seen. ``raw`` must carry ``X-Rejoinder-Ref: ref``."""
        self._append_draft(folder, raw, ref)

    def _append_draft(self, folder: str, raw: bytes, ref: str) -> tuple[int, int] | None:
        """As append_draft; returns (uidvalidity, uid) when the server tells them (UIDPLUS)."""
        _check_ref(ref)
        if draft_ref_of(raw) != ref:
            # Without the header has_draft() could never find it again: duplicates forever.
            raise ValueError(f"the draft does not carry the header {REF_HEADER}: {ref}")
        try:
            with self._folder_guard(folder, "saving a draft to"):
                response = self._client.append(folder, raw, flags=DRAFT_FLAGS)
        except MailboxError as error:
            reason = drafts_refusal(str(error)) if type(error) is MailboxError else None
            if reason is None:
                raise
            raise DraftsRefusedError(
                f"{self._settings.host} would not store a draft in {folder}: {reason}",
                _REFUSAL_FIX.get(reason, "it will be tried again on the next pass"),
            ) from error
        log.info("saved a draft to %s", folder)
        return parse_appenduid(response if isinstance(response, bytes) else b"")

    def has_draft(self, folder: str, ref: str) -> bool:
        """True when a message in ``folder`` carries exactly this X-Rejoinder-Ref (a one-off
        question; a pass asks its ImapMailbox, which reads the references once)."""
        _check_ref(ref)
        return ref in self.draft_refs(folder)

    def draft_refs(self, folder: str) -> set[str]:
        """Every X-Rejoinder-Ref carried by a message in ``folder``: one SEARCH, then the
        header of just those messages, batched."""
        self._examine(folder, refresh=True)  # a fresh view: drafts saved since it was last open
        with self._guard(f"searching {folder}"):
            # RFC 3501: an empty string matches every message that has the header at all.
            found = sorted(int(uid) for uid in self._client.search(_header_search(REF_HEADER, "")))
        refs: set[str] = set()
        field = f"BODY.PEEK[HEADER.FIELDS ({REF_HEADER})]"
        for chunk in _chunks(found, SUMMARY_BATCH):
            response = self._fetch(folder, chunk, [field], "checking drafts in")
            refs.update(filter(None, (draft_ref_of(_header_bytes(d)) for d in response.values())))
        return refs

    def header_fields(
        self,
        folder: str,
        fields: Sequence[str],
        after_uid: int,
        *,
        up_to: int | None = None,
        limit: int | None = None,
    ) -> tuple[int, list[MessageSummary]]:
        """UIDVALIDITY, and the date and the named header fields of every message with
        ``after_uid`` < UID (and UID <= ``up_to`` when given), oldest UIDs first, only
        the first ``limit`` of them when given. Size and flags are not read (0, empty).

        Headers only (``BODY.PEEK[HEADER.FIELDS ...]``), batched; nothing becomes
        \\Seen. Unlike ``summaries`` this does not count as looking at the folder for
        ``idle_wait``: reading a watched folder here must never hide from the worker
        mail that arrived since its pass.
        """
        if after_uid < 0:
            raise ValueError(f"after_uid must be >= 0, not {after_uid}")
        if not fields or not all(re.fullmatch(r"[A-Za-z0-9-]+", name) for name in fields):
            raise ValueError(f"not a list of header field names: {fields!r}")
        state = self._examine(folder, refresh=True)
        if (
            state.exists == 0
            or (state.uidnext and state.uidnext <= after_uid + 1)
            or (up_to is not None and up_to <= after_uid)
        ):
            return state.uidvalidity, []
        with self._guard(f"searching {folder}"):
            found = self._client.search(["UID", f"{after_uid + 1}:{up_to or '*'}"])
        # "N:*" always includes the last message, even when its UID is below N.
        uids = sorted(
            uid
            for uid in (int(u) for u in found)
            if uid > after_uid and (up_to is None or uid <= up_to)
        )[:limit]
        items = ["INTERNALDATE", f"BODY.PEEK[HEADER.FIELDS ({' '.join(fields)})]"]
        result: list[MessageSummary] = []
        for chunk in _chunks(uids, SUMMARY_BATCH):
            response = self._fetch(folder, chunk, items, "reading message headers in")
            result.extend(_summary(uid, response[uid]) for uid in chunk if uid in response)
        return state.uidvalidity, result

    # waiting for news

    def idle_wait(
        self,
        folder: str,
        timeout: float,
        *,
        stop: threading.Event | None = None,
        tick: Callable[[], None] | None = None,
    ) -> bool:
        """Wait up to ``timeout`` seconds for new mail in ``folder``; True when some arrived.

        Mail that arrived since this session last looked at the folder (its last
        ``summaries``, ``timeline`` or ``idle_wait``) counts too, so nothing is
        lost in the gap between two waits. Uses IDLE when the server has it (a short
        first round, then one IDLE re-issued only after MAX_IDLE_SECONDS), else polls
        with NOOP. ``stop``
        ends the wait within about a second (False: no news); ``tick`` is called
        about once a second meanwhile, as a sign of life. A connection that dies
        meanwhile raises MailboxTimeoutError (never a silent False).
        """
        state = self._examine(folder, refresh=True)
        if self._looked_at(folder, state):
            return True
        deadline = time.monotonic() + timeout
        use_idle = "IDLE" in self.capabilities()
        # The first IDLE is short: mail stored between the look above and the server
        # starting to watch for us is not announced during IDLE (Dovecot tells of it
        # only when IDLE ends), and right after a pass is when mail tends to arrive.
        longest = IDLE_FIRST_ROUND_SECONDS
        while not _is_set(stop) and (remaining := deadline - time.monotonic()) > 0:
            if use_idle:
                arrived = self._idle_once(folder, min(remaining, longest), stop, tick)
                longest = MAX_IDLE_SECONDS
            else:
                arrived = self._noop_once(folder, min(remaining, NOOP_POLL_SECONDS), stop, tick)
            if arrived:
                return True
        return False

    def _idle_once(
        self,
        folder: str,
        seconds: float,
        stop: threading.Event | None,
        tick: Callable[[], None] | None,
    ) -> bool:
        """One IDLE ... DONE round. May return early (without news) to recheck the link."""
        deadline = time.monotonic() + seconds
        arrived = False
        with self._guard(f"waiting for new mail in {folder}"):
            self._client.idle()
            try:
                while not arrived and not _is_set(stop):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    slice_ = min(remaining, WAIT_CHECK_SECONDS)
                    started = time.monotonic()
                    responses = self._client.idle_check(timeout=slice_)
                    if tick is not None:
                        tick()
                    if any(_is_bye(r) for r in responses):
                        raise IMAPClientAbortError("the server closed the connection")
                    arrived = any(_new_mail(r) for r in responses)
                    if not responses and time.monotonic() - started < slice_ - 0.05:
                        # Woken with nothing readable: end of stream or a partial
                        # line. Ending IDLE below tells which (it fails on a dead link).
                        break
            finally:
                _, late = self._client.idle_done()
        return arrived or any(_new_mail(r) for r in late)

    def _noop_once(
        self,
        folder: str,
        seconds: float,
        stop: threading.Event | None,
        tick: Callable[[], None] | None,
    ) -> bool:
        deadline = time.monotonic() + seconds
        while not _is_set(stop) and (remaining := deadline - time.monotonic()) > 0:
            pause = min(remaining, WAIT_CHECK_SECONDS)
            if stop is not None:
                stop.wait(pause)
            else:
                time.sleep(pause)
            if tick is not None:
                tick()
        if _is_set(stop):
            return False
        with self._guard(f"waiting for new mail in {folder}"):
            _, responses = self._client.noop()
        return any(_new_mail(r) for r in responses)

    # internals

    def _uids_after(self, folder: str, after_uid: int) -> list[int]:
        if after_uid < 0:
            raise ValueError(f"after_uid must be >= 0, not {after_uid}")
        state = self._examine(folder, refresh=True)
        self._looked_at(folder, state)
        if state.exists == 0 or (state.uidnext and state.uidnext <= after_uid + 1):
            return []
        with self._guard(f"searching {folder}"):
            found = self._client.search(["UID", f"{after_uid + 1}:*"])
        # "N:*" always includes the last message, even when its UID is below N.
        return sorted(uid for uid in (int(u) for u in found) if uid > after_uid)

    def _looked_at(self, folder: str, state: FolderState) -> bool:
        """Remember what the folder looked like; True when it changed since the last look."""
        seen = (state.uidvalidity, state.uidnext)
        previous = self._last_look.get(folder, seen)
        self._last_look[folder] = seen
        return previous != seen

    def _fetch(
        self, folder: str, uids: Sequence[int], items: Sequence[str], action: str
    ) -> dict[int, dict[bytes, Any]]:
        self._examine(folder)
        with self._guard(f"{action} {folder}"):
            return _uid_fetch(self._client, uids, items)

    def _examine(self, folder: str, *, refresh: bool = False) -> FolderState:
        """Open ``folder`` read-only (EXAMINE), unless it already is."""
        if not refresh and self._selected == folder and self._selected_state is not None:
            return self._selected_state
        with self._folder_guard(folder, "opening"):
            response = self._client.select_folder(folder, readonly=True)
        values = {_text(key).upper(): value for key, value in response.items()}
        state = FolderState(
            uidvalidity=int(values.get("UIDVALIDITY", 0)),
            uidnext=int(values.get("UIDNEXT", 0)),
            exists=int(values.get("EXISTS", 0)),
        )
        self._selected, self._selected_state = folder, state
        return state

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        with _translated(self._settings, action):
            yield

    @contextmanager
    def _folder_guard(self, folder: str, action: str) -> Iterator[None]:
        """As _guard, but a refusal for a folder that does not exist says so, with the list."""
        try:
            with _translated(self._settings, f"{action} {folder}"):
                yield
        except MailboxError as error:
            if type(error) is not MailboxError:  # connection-level: keep as is
                raise
            existing = self._folder_names_or_none()
            if existing is None or folder in existing:
                raise
            self._selected, self._selected_state = None, None
            raise FolderMissingError(
                f"the folder {folder!r} does not exist on {self._settings.host}; "
                f"folders there: {', '.join(existing) or '(none)'}",
                "fix the folder name in the account settings (names are case-sensitive)",
            ) from error

    def _folder_names_or_none(self) -> list[str] | None:
        try:
            return [folder.name for folder in self.list_folders()]
        except MailboxError:
            return None


def _shutdown_quietly(client: Any) -> None:
    try:
        client.shutdown()
    except (IMAPClientError, OSError) as error:
        log.debug("closing the connection failed: %s", error)


def _check_ref(ref: str) -> None:
    if not _DRAFT_REF.fullmatch(ref):
        raise ValueError("draft references must be printable ASCII without spaces")


def _header_search(field: str, value: str) -> str:
    """SEARCH criteria with the value always quoted: refs may hold "(", "*" or "]",
    which imapclient would otherwise send as a (then invalid) atom."""
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'HEADER {field} "{quoted}"'


def _item(data: dict[bytes, Any], name: str) -> Any:
    return data.get(name.encode())


def _internal_date(data: dict[bytes, Any]) -> datetime | None:
    value = _item(data, "INTERNALDATE")
    return value if isinstance(value, datetime) else None


def _flags(data: dict[bytes, Any]) -> frozenset[str]:
    return frozenset(_text(flag) for flag in (_item(data, "FLAGS") or ()))


def _header_bytes(data: dict[bytes, Any]) -> bytes:
    """The HEADER.FIELDS literal; the server echoes the field list its own way, so match by prefix."""
    for key, value in data.items():
        if _text(key).upper().startswith("BODY[HEADER.FIELDS") and isinstance(value, bytes):
            return value
    return b""


def _summary(uid: int, data: dict[bytes, Any]) -> MessageSummary:
    size = _item(data, "RFC822.SIZE")
    return MessageSummary(
        uid=uid,
        size=int(size) if size is not None else 0,
        internal_date=_internal_date(data),
        flags=_flags(data),
        headers=_header_bytes(data),
    )


# -- the Mailbox protocol over IMAP ----------------------------------------------------------


def _quiet_protocol_trace(client: Any) -> None:
    """imapclient turns imaplib's protocol trace on (for its "imapclient.imaplib" logger),
    and imaplib then formats every line it reads, literals included, even when the
    log drops them: a fifth of a large fetch's time. Off unless that log is wanted."""
    imap = getattr(client, "_imap", None)  # imapclient's imaplib connection
    if imap is not None and not logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        imap.debug = 0


def _fetch_records(client: Any, uids: Sequence[int], items: Sequence[str]) -> list[Any]:
    """``UID FETCH``, as imapclient's ``fetch`` sends it, answered with imaplib's records."""
    imap = client._imap
    tag = imap._command("UID", "FETCH", join_message_ids(list(uids)), seq_to_parenstr_upper(items))
    typ, data = imap._command_complete("FETCH", tag)
    client._checkok("fetch", typ, data)
    typ, data = imap._untagged_response(typ, data, "FETCH")
    return list(data)


def _uid_fetch(
    client: Any, uids: Sequence[int], items: Sequence[str]
) -> dict[int, dict[bytes, Any]]:
    """``client.fetch(uids, items)``, with the responses read by fetchparse.py when they
    have the shapes it knows (most of a first run's time went into imapclient's
    general parser), else by imapclient's, from the same records."""
    if not uids:
        return {}
    if getattr(client, "_imap", None) is None:  # not the imapclient this was written for
        return {int(uid): values for uid, values in client.fetch(list(uids), list(items)).items()}
    data = _fetch_records(client, uids, items)
    response = parse_fetch(data)
    if response is None:
        response = parse_fetch_response(data, client.normalise_times, True)
    # Unsolicited responses about other messages are not part of the answer.
    wanted = set(uids)
    return {int(uid): values for uid, values in response.items() if uid in wanted}


class ImapMailbox:
    """``Mailbox`` over one session: reads watched folders, writes drafts to one folder."""

    def __init__(self, session: ImapSession, watched: Iterable[str], drafts_folder: str) -> None:
        self.session = session
        self.watched = tuple(watched)
        self.drafts_folder = drafts_folder
        # The references of the drafts in Drafts, read at the first question of this pass
        # (a mailbox lives for one pass) and kept up to date with the drafts it saves.
        # Asking the server before every APPEND would mean opening Drafts, and then the
        # watched folder again, once per rejection; re-opening a large folder is the
        # costliest thing in a first run (Dovecot re-reads its Maildir listing). A
        # crash between an APPEND and the journal is caught all the same: the next
        # pass, with a new mailbox, reads Drafts afresh.
        self._draft_refs: set[str] | None = None

    def messages(self) -> Iterator[RawMessage]:
        """Every message of the watched folders, oldest (INTERNALDATE) first, fetched in batches."""
        streams = [self._folder_stream(index, folder) for index, folder in enumerate(self.watched)]
        for _, message in heapq.merge(*streams, key=lambda pair: pair[0]):
            yield message

    def _folder_stream(
        self, index: int, folder: str
    ) -> Iterator[tuple[tuple[datetime, int, int], RawMessage]]:
        uidvalidity, timeline = self.session.timeline(folder)
        dates = {uid: when for when, uid in timeline}
        uids = [uid for _, uid in timeline]
        for message in self.session.fetch_raw(folder, uids, uidvalidity=uidvalidity):
            assert message.uid is not None
            yield (dates[message.uid], index, message.uid), message

    def has_draft(self, ref: str) -> bool:
        _check_ref(ref)
        if self._draft_refs is None:
            self._draft_refs = self.session.draft_refs(self.drafts_folder)
        return ref in self._draft_refs

    def add_draft(self, draft: bytes, ref: str) -> str:
        """Append the draft; return its key when the server reports the UID, else the folder."""
        ids = self.session._append_draft(self.drafts_folder, draft, ref)
        if self._draft_refs is not None:
            self._draft_refs.add(ref)
        return message_key(self.drafts_folder, *ids) if ids else self.drafts_folder

    def close(self) -> None:
        self.session.logout()

    def __enter__(self) -> ImapMailbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
