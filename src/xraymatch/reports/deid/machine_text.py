"""Identifiers inside machine text (round 14, blind13's misses as classes): what logs, calendars and payloads carry.

Added (replacing any overlapping span of another label):
- IPv4 and IPv6 addresses as URL (HIPAA lists IP addresses beside URLs; entities.py's convention), unless already
  inside a URL span;
- the calendar part of an iCalendar date-time ("DTSTART:20240415T083000", "DTEND;TZID=Europe/Paris:2024...") as
  DATE, the time left out (the ISO 8601 convention);
- the login after an IP address on an audit-log line ("... 10.1.2.3 jdupont OPEN ...") and after a session/user
  cue ("session mkirby", "user: a.martin") as PERSON: a login built from a name carries its person's label; generic
  service accounts ("remote.reporter", "pacs_admin") name no one and stay unlabelled;
- the name quoted or bracketed after a record number in a log line ('OPEN record 4481 "Dlamini Pieter"',
  "dossier 123 « X Y »", "accession 2405 (MACLEOD, Ruairidh)") and the name after the procedure in a calendar
  summary ("SUMMARY:Embolisation - TAN Siew Lan") as PATIENT: the record opened is the patient's.
Retyped: a number after an identifier key ("ID 0612345678", "PID=19380211") is ID, whatever shape it shares with
a phone number or a date.
Removed (never identifiers):
- sex and care-unit values of payloads ("SEX=F|WARD=CCU");
- keys of machine payloads and calendars ("WARD=", "SEX=", "ATTENDEE;", "BEGIN:VEVENT") and protocol words
  ("DICOMweb", "WADO-RS");
- DICOM AE titles ("AET PACS_ARCH01") and ports ("port 11112"): they name machines;
- drug product codes after their system ("NDC 0407-1414-20", "CIP 3400930000000"): shared by every box.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\w]|\.\d)"
_H = r"[0-9A-Fa-f]{1,4}"
_IPV6 = (
    rf"(?<![\w:.])(?:(?:{_H}:){{7}}{_H}|(?:{_H}:){{1,6}}(?::{_H}){{1,6}}|(?:{_H}:){{1,7}}:|::(?:{_H}:){{0,6}}{_H})"
    rf"(?![\w:])"
)
_IP = re.compile(rf"{_IPV4}|{_IPV6}")
_ICAL_DATE = re.compile(
    r"(?m)^(?:DTSTART|DTEND|DTSTAMP|DUE|RECURRENCE-ID|CREATED|LAST-MODIFIED|EXDATE|RDATE)(?:;[^:\n]*)?:"
    r"(?P<date>(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?:T\d{4,6}Z?)?\b"
)
_LOGIN = r"(?P<login>[a-z][a-z0-9]*(?:[._-][a-z0-9]+){0,2})"
_LOGIN_AFTER_IP = re.compile(rf"(?:{_IPV4}|{_IPV6})[ \t]+{_LOGIN}[ \t]+(?=[A-Z]{{3,}}\b)")
_LOGIN_CUE = re.compile(
    rf"(?i:\b(?:session|user(?:name)?|login|utilisateur|identifiant|account|compte)\b)"
    rf"(?i:[ \t]+(?:patient|portail|portal))?[ \t]*[:=]?[ \t]*{_LOGIN}(?![\w@.-])"
)
# A plain word after a strong cue is a login only at the end of its clause and when it is no status word.
_PLAIN_LOGIN = re.compile(
    r"(?i:\b(?:session|user(?:name)?|login|utilisateur)\b)[ \t]*[:=]?[ \t]*(?P<login>[a-z]{4,20})"
    r"(?=[ \t]*(?:[,;)\n]|\.(?:\s|$)|$))"
)
_STATUS_WORDS = frozenset(
    ["closed", "opened", "ended", "started", "expired", "locked", "open", "timeout", "logged", "terminated",
     "active", "inactive", "guide", "manual", "interface", "name", "account", "unknown", "none", "null", "admin",
     "anonymous", "guest", "error", "denied", "refused", "invalid", "ouverte", "fermée", "expirée", "close"]
)  # fmt: skip
# Values of payload keys that name no one: sex and care-unit codes ("SEX=F|WARD=CCU", "UF=4021").
_TRAP_VALUE = re.compile(r"(?<![A-Z])(?:SEX|SEXE|GENDER|WARD|UF|UNIT|SERVICE|BED|LIT|ROOM)=(?P<value>[^|\n;&]*)")
# A number after an identifier key is an ID whatever its shape ("ID 0612345678", "PID=19380211").
_ID_KEY_BEFORE = re.compile(r"(?:\b(?:ID|PID|MRN|IPP|NIR)|\bPatientID)[ \t]*[:=#]?[ \t]*$")
# A portal is the patient's: a login on a line that names one is the patient's own ("Portal account x.y24").
_PORTAL = re.compile(r"(?i)\b(?:portail|portal|compte[ \t]+patient|patient[ \t]+account|espace[ \t]+patient)\b")
# Words that make a login a generic service account, not a person's.
_SERVICE_WORDS = frozenset(
    ["remote", "reporter", "admin", "administrator", "service", "system", "sys", "pacs", "ris", "root", "guest",
     "test", "user", "robot", "auto", "batch", "scanner", "modality", "archive", "backup", "support", "svc",
     "interface", "hl7", "dicom", "ai", "teleradio", "anonymous", "operator", "console", "station", "local"]
)  # fmt: skip
_NAME_WORD = r"[^\W\d_][^\W\d_'’ ,.-]*"
_NAME_JOIN = r"(?:[ \t]+|[ \t]*,[ \t]*|['’-]|[ \t]+(?:s/o|d/o|bin|binti|binte)[ \t]+)"
_NAME = rf"{_NAME_WORD}(?:{_NAME_JOIN}{_NAME_WORD}){{0,4}}"
_RECORD_NAME = re.compile(
    rf"(?i:\b(?:record|dossier|étude|etude|study|accession|exam(?:en)?|patient|chart)\b)[ \t]+(?:n[°o][ \t]*)?"
    rf"[\w-]*\d[\w-]*[ \t]+(?:[\"“«(][ \t]*)(?P<name>{_NAME})[ \t]*[\"”»)]"
)
_SUMMARY_NAME = re.compile(rf"(?m)^SUMMARY:[^\n]*?[ \t][-–—:][ \t]+(?P<name>{_NAME})(?=[ \t]*(?:\(|$))")
_KEY_AFTER = re.compile(r"^(?:=|;[A-Z-]+=|:(?!//))")
_KEY_BEFORE = re.compile(r"(?:^|[|;\n]|BEGIN:|END:)$")
_PROTOCOL_WORDS = frozenset(
    ["dicomweb", "wado", "wado-rs", "wado-uri", "qido-rs", "stow-rs", "fhir", "hl7", "vevent", "wristband", "qr"]
)
_AE_TITLE_BEFORE = re.compile(r"(?:\bAET|\bAE[ \t]+[Tt]itle|\b[Cc]all(?:ing|ed)[ \t]+AE)[ \t:=]*$")
_PORT_BEFORE = re.compile(r"(?i)\bport[ \t:=]*$")
_PRODUCT_CODE_BEFORE = re.compile(
    r"(?i)\b(?:NDC|CIP(?:[ \t-]?(?:13|7))?|code[ \t]+CIP|UCD|ACL)[ \t]*(?:n[°o])?[ \t:]*$"
)


def _login_ok(login: str) -> bool:
    parts = re.split(r"[._-]", login.lower())
    return len(login) >= 4 and not any(p.rstrip("0123456789") in _SERVICE_WORDS for p in parts)


def _is_trap(text: str, e: Entity, values: list[tuple[int, int]]) -> bool:
    if any(a < e.end and e.start < b for a, b in values):
        return True
    word = text[e.start : e.end]
    before = text[max(0, e.start - 30) : e.start]
    after = text[e.end : e.end + 20]
    if e.label in ("PERSON", "PATIENT", "LOCATION", "INSTITUTION"):
        if re.fullmatch(r"[A-Z][A-Z0-9_-]*", word) and _KEY_BEFORE.search(before) and _KEY_AFTER.match(after):
            return True  # a payload or calendar key
        if re.fullmatch(r"[A-Z]+", word) and re.search(r"(?:BEGIN|END):$", before):
            return True
        if word.lower() in _PROTOCOL_WORDS:
            return True
    if _AE_TITLE_BEFORE.search(before) and e.label != "URL":
        return True
    if e.label in ("ID", "PHONE") and _PORT_BEFORE.search(before):
        return True
    return e.label in ("ID", "PHONE") and _PRODUCT_CODE_BEFORE.search(before) is not None


def _additions(text: str) -> list[Entity]:
    found = [Entity(m.start(), m.end(), "URL") for m in _IP.finditer(text)]
    found += [Entity(m.start("date"), m.end("date"), "DATE") for m in _ICAL_DATE.finditer(text)]
    for m in _PLAIN_LOGIN.finditer(text):
        if m.group("login").lower() not in _STATUS_WORDS and _login_ok(m.group("login")):
            found.append(Entity(m.start("login"), m.end("login"), "PERSON"))
    for pattern in (_LOGIN_AFTER_IP, _LOGIN_CUE):
        for m in pattern.finditer(text):
            login = m.group("login")
            if not _login_ok(login) or (pattern is _LOGIN_CUE and not re.search(r"[._\d]", login)):
                continue  # a cue word then a plain word ("compte rendu", "user guide") is no login
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start("login")]
            found.append(Entity(m.start("login"), m.end("login"), "PATIENT" if _PORTAL.search(line) else "PERSON"))
    for pattern in (_RECORD_NAME, _SUMMARY_NAME):
        for m in pattern.finditer(text):
            name = m.group("name").rstrip(" \t,")
            found.append(Entity(m.start("name"), m.start("name") + len(name), "PATIENT"))
    return found


def mark_machine_text(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` without machine keys, AE titles, ports and product codes, with IP addresses, calendar dates, logins
    and the patients named by log lines and calendar summaries added; sorted by start."""
    values = [(m.start("value"), m.end("value")) for m in _TRAP_VALUE.finditer(text) if m.group("value")]
    kept = [e for e in entities if not _is_trap(text, e, values)]
    kept = [
        Entity(e.start, e.end, "ID")
        if e.label in ("PHONE", "DATE")
        and re.fullmatch(r"\d{6,}", text[e.start : e.end])
        and _ID_KEY_BEFORE.search(text[max(0, e.start - 12) : e.start])
        else e
        for e in kept
    ]
    for new in _additions(text):
        kept = place(text, kept, new)
    times = [m.end("date") for m in _ICAL_DATE.finditer(text)]
    kept = [e for e in kept if not (e.start in times and re.fullmatch(r"T\d{4,6}Z?", text[e.start : e.end]))]
    return sorted(kept, key=lambda e: (e.start, e.end))
