"""IMAP settings of well-known mail providers, keyed by the domain of an address.

Used by ``rejoinder init`` to suggest a server; every suggestion can be
overridden. Custom domains hosted by these providers are not recognised (the
domain says nothing about who hosts it), so the user is asked for the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Security = Literal["tls", "starttls", "plain"]
Auth = Literal["password", "xoauth2"]


@dataclass(frozen=True)
class Provider:
    name: str
    domains: tuple[str, ...]
    host: str
    port: int
    security: Security
    auths: tuple[Auth, ...]  # the first is suggested
    note: str  # what the user must know before the login can work


GMAIL = Provider(
    name="Gmail",
    domains=("gmail.com", "googlemail.com"),
    host="imap.gmail.com",
    port=993,
    security="tls",
    auths=("password", "xoauth2"),
    note="Gmail needs an app password (Google Account > Security > 2-Step Verification > "
    "App passwords), or auth = xoauth2 with a token helper such as oama.",
)
OUTLOOK = Provider(
    name="Outlook / Office 365",
    domains=("outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com", "outlook.de"),
    host="outlook.office365.com",
    port=993,
    security="tls",
    auths=("xoauth2",),
    note="Microsoft no longer accepts passwords over IMAP: use auth = xoauth2 with a token "
    "helper (oama, or mutt_oauth2.py) that prints a fresh access token.",
)
ICLOUD = Provider(
    name="iCloud Mail",
    domains=("icloud.com", "me.com", "mac.com"),
    host="imap.mail.me.com",
    port=993,
    security="tls",
    auths=("password",),
    note="iCloud needs an app-specific password (appleid.apple.com > Sign-In and Security); "
    "the user name is the part of your address before the @.",
)
FASTMAIL = Provider(
    name="Fastmail",
    domains=("fastmail.com", "fastmail.fm", "fastmail.net", "fastmail.org", "sent.com"),
    host="imap.fastmail.com",
    port=993,
    security="tls",
    auths=("password",),
    note="Fastmail needs an app password with IMAP access (Settings > Privacy & Security > "
    "App passwords).",
)
YAHOO = Provider(
    name="Yahoo Mail",
    domains=("yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de"),
    host="imap.mail.yahoo.com",
    port=993,
    security="tls",
    auths=("password",),
    note="Yahoo needs an app password (Account Info > Account Security > Generate app password).",
)
PROTON = Provider(
    name="Proton Mail (via Proton Mail Bridge)",
    domains=("proton.me", "protonmail.com", "protonmail.ch", "pm.me"),
    host="127.0.0.1",
    port=1143,
    security="starttls",
    auths=("password",),
    note="Proton Mail works through the Proton Mail Bridge app, which must be running: use "
    "the user name and password the Bridge shows (not your Proton password) and export "
    "its TLS certificate (Bridge > Settings > Export TLS certificates) for ca_file.",
)

PROVIDERS = (GMAIL, OUTLOOK, ICLOUD, FASTMAIL, YAHOO, PROTON)


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().lower().rstrip(".")


def provider_for(address: str) -> Provider | None:
    """The provider hosting ``address``'s domain, when it is one of the well-known ones."""
    domain = domain_of(address)
    return next((p for p in PROVIDERS if domain in p.domains), None)


def suggested_username(provider: Provider | None, address: str) -> str:
    """iCloud logs in with the local part; everyone else with the whole address."""
    if provider is ICLOUD:
        return address.partition("@")[0]
    return address
