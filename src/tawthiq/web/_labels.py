"""Human labels for internal values, in the interface's language: one ``label`` filter.

In: a value a page shows (an event type ``killing.execution``, a status ``believed_missing``, a
qualifier ``at_least``, a field name ``father_name``, a date, a number) and the request's
language. Out: its label in English (:data:`LABELS`), translated through the page's catalogue
(``locale/<lang>/LC_MESSAGES/messages.po``); dates and numbers formatted by Babel for the
language (Syrian Arabic month names in the Arabic interface). Anything else comes back as
it was: names, places and quotes are data and are never translated.
Never: changes a stored value or a JSON twin (JSON keeps the internal values).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any, get_args

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from jinja2 import pass_context
from markupsafe import Markup, escape

from tawthiq.corroborate import FATALITIES_RULES, read_per_origin, read_rationale
from tawthiq.entities import SourceKind, read_sender_label
from tawthiq.sources import LONG_OVERDUE_DAYS

from ._errors import AMOUNTS, FIXED_MESSAGES, PLURAL_MESSAGES, english_params

__all__ = [
    "LABELS",
    "LAYER_CREDITS",
    "as_recorded",
    "command",
    "credit",
    "day",
    "duration",
    "error_text",
    "field_label",
    "label",
    "language_name",
    "overdue",
    "percent",
    "rationale",
    "short_day",
    "source_label",
    "stratum",
    "toll",
    "toll_rule",
]


def N_(text: str) -> str:
    """Marks ``text`` for the catalogue (``pybabel extract``) without translating it here."""
    return text


# Every internal value a page shows, with its English label (the catalogue's msgid).
LABELS: dict[str, str] = {
    # event types (entities.EVENT_TYPES)
    "attack.air_strike": N_("air strike"),
    "attack.shelling": N_("shelling"),
    "attack.chemical": N_("chemical attack"),
    "attack.ground": N_("ground attack"),
    "attack.medical": N_("attack on medical care"),
    "killing.execution": N_("execution"),
    "detention.arbitrary": N_("arbitrary detention"),
    "disappearance.enforced": N_("enforced disappearance"),
    "displacement.forced": N_("forced displacement"),
    "siege.blockade": N_("siege or blockade"),
    "evacuation": N_("evacuation"),
    "humanitarian.access_denied": N_("humanitarian access denied"),
    "territory.change": N_("change of control"),
    "armed.clash": N_("armed clash"),
    "other": N_("other"),
    # grades and certainties
    "confirmed": N_("confirmed"),
    "fair": N_("fair"),
    "weak": N_("weak"),
    "contested": N_("contested"),
    "discounted": N_("discounted"),
    "reported": N_("reported"),
    "unconfirmed": N_("unconfirmed"),
    "denied": N_("denied"),
    # how a claim's day was found (Claim.time_basis)
    "sentence": N_("told in its sentence"),
    "paragraph": N_("from its paragraph"),
    "context": N_("from the report's context"),
    "report": N_("the report's date"),
    # toll qualifiers
    "exact": N_("exactly"),
    "about": N_("about"),
    "at_least": N_("at least"),
    "more_than": N_("more than"),
    "up_to": N_("up to"),
    "vague": N_("an unclear number"),
    # precisions of place and time
    "neighbourhood": N_("neighbourhood"),
    "town": N_("town"),
    "district": N_("district"),
    "governorate": N_("governorate"),
    "country": N_("country"),
    "day": N_("day"),
    "days": N_("days"),
    "week": N_("week"),
    "month": N_("month"),
    "year": N_("year"),
    "unknown": N_("unknown"),
    # review, claim roles and kinds
    "unreviewed": N_("unreviewed"),
    "accepted": N_("accepted"),
    "corrected": N_("corrected"),
    "rejected": N_("rejected"),
    "supporting": N_("supporting"),
    "contradicting": N_("contradicting"),
    "tally": N_("tally"),
    "incident": N_("incident"),
    "status": N_("status"),
    # report channels (ingest)
    "file": N_("file"),
    "html": N_("web page"),
    "email": N_("e-mail"),
    "chat": N_("chat message"),
    "jsonl": N_("JSON lines"),
    # reports and families' inquiries
    "stored": N_("stored"),
    "failed": N_("failed"),
    "duplicate": N_("duplicate"),
    "all": N_("all"),
    "open": N_("open"),
    "answered": N_("answered"),
    "ask": N_("asking about someone"),
    "register": N_("registering a missing person"),
    # silent sources
    "urgent": N_("urgent"),
    "overdue": N_("overdue"),
    # person statuses and missing persons' note statuses (people.missing.STATUS_LABELS)
    "killed": N_("killed"),
    "detained": N_("detained"),
    "missing": N_("missing"),
    "injured": N_("injured"),
    "information_sought": N_("information sought"),
    "believed_alive": N_("believed alive"),
    "believed_missing": N_("believed missing"),
    "believed_dead": N_("believed dead"),
    "is_note_author": N_("is the note's author (alive)"),
    "detained_acknowledged": N_("detention acknowledged"),
    "detained_denied": N_("detention denied"),
    # person-pair review (and its two kinds, /people/review?kind=pairs|missing)
    "pairs": N_("person pairs"),
    "match": N_("same person"),
    "non_match": N_("not the same person"),
    "missing-person": N_("a possible match with a missing person"),
    "given": N_("given"),
    "m": N_("male"),
    "f": N_("female"),
    # person record fields
    "list_name": N_("list"),
    "record_id": N_("record"),
    "record": N_("record"),  # a missing person named by a stored id or the list's own id
    "name_ar": N_("name (Arabic)"),
    "name_latin": N_("name (Latin)"),
    "given_name": N_("given name"),
    "father_name": N_("father's name"),
    "grandfather_name": N_("grandfather's name"),
    "family_name": N_("family name"),
    "sex": N_("sex"),
    "age": N_("age"),
    "birth_date": N_("date of birth"),
    "event_date": N_("date of death or disappearance"),
    "place": N_("place"),
    "national_id": N_("national id"),
    "address": N_("address"),
    "last_seen_date": N_("last seen on"),
    "last_seen_place": N_("last seen at"),
    # the linkage model's comparisons (a pair's match weights) not named above
    "date": N_("date"),
    # the family inquiry form's other fields (an error names the field)
    "name": N_("name"),
    "kind": N_("kind"),
    "circumstances": N_("circumstances"),
    "contact": N_("contact"),
    # error codes (web/_errors.py, app.py), shown as an error page's heading
    "bad_input": N_("bad input"),
    "bad_request": N_("bad request"),
    "bad_token": N_("bad token"),
    "csrf": N_("form expired"),
    "forbidden": N_("not allowed"),
    "invalid": N_("invalid request"),
    "login_required": N_("log in first"),
    "not_found": N_("not found"),
    "rate_limited": N_("too many requests"),
    "server_error": N_("server error"),
    "method_not_allowed": N_("method not allowed"),
    "http_error": N_("error"),
    # what a role may do (app/roles.py), as a refusal names it ("your role may not override grade")
    "read": N_("read"),
    "review claim": N_("review claim"),
    "review pair": N_("review pair"),
    "override grade": N_("override grade"),
    "see protected": N_("see protected"),
    "export internal": N_("export internal"),
    "manage users": N_("manage users"),
    # source kinds (entities.SourceKind), and the public view's anonymous source ("individual source")
    "ngo": N_("NGO"),
    "media": N_("media outlet"),
    "wire": N_("news agency"),
    "un": N_("UN body"),
    "government": N_("government"),
    "individual": N_("individual"),
    "social": N_("social media"),
    # a pair the linker left for review (entities.PairDecision), an estimate's status, a derived copy
    "review": N_("to review"),
    "ok": N_("estimated"),
    "did_not_converge": N_("did not converge"),
    # estimators (an estimate's method)
    "lcmcr": N_("latent-class model (LCMCR)"),
    "loglinear": N_("log-linear model"),
    "working": N_("working copy"),
    "redacted": N_("redacted copy"),
    # roles
    "viewer": N_("viewer"),
    "reviewer": N_("reviewer"),
    "documenter": N_("documenter"),
    "admin": N_("admin"),
}


SOURCE_KINDS = frozenset(get_args(SourceKind))

# Each shipped map layer's credit (its GeoJSON's ``attribution``, written by
# scripts/build_map_layers.py), as the interface says it: the Arabic map credits its layers in
# Arabic, on the page and in the map's own credit line (issue 18). The names of the bodies and
# works stay as their authors write them.
LAYER_CREDITS: dict[str, str] = {
    "Administrative boundaries: OCHA Syria / HDX (COD-AB)": N_(
        "Administrative boundaries: OCHA Syria / HDX (COD-AB)"
    ),
    "Aleppo neighbourhoods: Columbia Center for Spatial Research, Conflict Urbanism: Aleppo "
    "(MIT licence, (c) 2019)": N_(
        "Aleppo neighbourhoods: Columbia Center for Spatial Research, Conflict Urbanism: Aleppo "
        "(MIT licence, (c) 2019)"
    ),
}

# The fields an error names (``HTTPError``/``InputError`` ``field``, a form's input names), by the
# label their form gives them; a field not here is looked up in LABELS (the person-record fields,
# ``kind``, ``status``), else shown as written.
FIELD_LABELS: dict[str, str] = {
    "a": N_("first record"),
    "b": N_("second record"),
    "active": N_("active"),
    "attributed_to": N_("Attributed to"),
    "bbox": N_("map area"),
    "certainty": N_("Certainty"),
    "corrections": N_("corrections"),
    "csrf_token": N_("form token"),
    "days": N_("Days until it expires (0: never)"),
    "decision": N_("Decision"),
    "event_type": N_("Type"),
    "fatalities_high": N_("Killed, high"),
    "fatalities_low": N_("Killed, low"),
    "from": N_("From"),
    "grade": N_("Grade"),
    "label": N_("Label"),
    "next": N_("page to return to"),
    "page": N_("page"),
    "page_size": N_("page size"),
    "password": N_("Password"),
    "q": N_("Search"),
    "reason": N_("Reason"),
    "role": N_("Role"),
    "take_in": N_("take into the registry"),
    "text": N_("text"),
    "ticket": N_("Your ticket"),
    "time_end": N_("To"),
    "time_start": N_("From"),
    "to": N_("To"),
    "token_id": N_("token"),
    "type": N_("Type"),
    "user": N_("User"),
    "user_id": N_("User"),
}


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    # Arabic as written in Syria: Babel's ar_SY gives the Syrian month names (كانون الأول); its
    # digits are CLDR's default for Arabic (0-9), as the lists and reports mostly write them.
    # Parsed once: Babel parses a locale name on every call (9 µs of the 15-23 µs of a number).
    return Locale.parse("ar_SY" if lang == "ar" else "en_GB")


@pass_context
def label(ctx: Any, value: Any) -> Any:
    """The label of ``value`` in the page's language; dates and numbers formatted for it."""
    if isinstance(value, bool) or value is None:
        return value
    lang = ctx.get("lang", "en")
    if isinstance(value, str):
        text = LABELS.get(value)
        return ctx["_"](text) if text is not None else value
    if isinstance(value, datetime):
        # the day and the minute, as the locale joins them: seconds say nothing to a reader
        loc = _locale(lang)
        return (
            str(get_datetime_format("medium", locale=loc))
            .replace("{1}", format_date(value, "medium", locale=loc))
            .replace("{0}", format_time(value, "short", locale=loc))
        )
    if isinstance(value, date):
        return format_date(value, "long", locale=_locale(lang))
    if isinstance(value, int | float):
        return format_decimal(value, locale=_locale(lang))
    return value


@pass_context
def credit(ctx: Any, attribution: Any) -> Any:
    """A map layer's credit (:data:`LAYER_CREDITS`) in the page's language; another (a tile
    server's, set by the workspace) as written."""
    text = LAYER_CREDITS.get(attribution) if isinstance(attribution, str) else None
    return ctx["_"](text) if text is not None else attribution


@pass_context
def field_label(ctx: Any, field: Any) -> Any:
    """The field an error names, as its form labels it, in the page's language ("Reason",
    "السبب"); a field without a label as written."""
    if not isinstance(field, str):
        return field
    text = FIELD_LABELS.get(field) or LABELS.get(field)
    return ctx["_"](text) if text is not None else field


def _as_day(value: Any) -> Any:
    """A JSON twin's ``YYYY-MM-DD`` (or ISO date-time) string as a date (or datetime); anything
    else as it was."""
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _day_text(ctx: Any, value: Any) -> Any:
    """A date (or a datetime, or a JSON twin's ``YYYY-MM-DD`` string) as the page's language
    writes it, as plain text; nothing for no date. Any other string comes back as it was."""
    if value is None or value == "":
        return ""
    return label(ctx, _as_day(value))


_MONTH = re.compile(r"(\d{4})-(\d{2})")


@pass_context
def day(ctx: Any, value: Any) -> Any:
    """A date as :func:`_day_text` writes it, in a ``<time class="nowrap">`` element so that a
    phone never breaks it inside ("13" on one line, "كانون الأول 2016" on the next; issue 18).
    A date known to the month (``2016-12``, a list's ``event_date_text``) as its month and year
    ("December 2016", "كانون الأول 2016"). Nothing for no date; any other string as it was."""
    if isinstance(value, str) and (m := _MONTH.fullmatch(value)) and 1 <= int(m[2]) <= 12:
        month = format_date(date(int(m[1]), int(m[2]), 1), "LLLL y", locale=_locale(ctx.get("lang", "en")))
        return Markup('<time class="nowrap" datetime="{}">{}</time>').format(value, month)
    when = _as_day(value)
    if not isinstance(when, date):
        return _day_text(ctx, value)
    return Markup('<time class="nowrap" datetime="{}">{}</time>').format(when.isoformat(), label(ctx, when))


def short_day(lang: str, value: date) -> str:
    """A day as ``lang`` writes it briefly, for a chart's axis and tooltips (Babel's skeleton
    ``yMMMd``): "12 Dec 2016", "12 كانون الأول 2016"."""
    return format_skeleton("yMMMd", value, locale=_locale(lang))


def stratum_name(gettext: Any, name: Any, position: int) -> str:
    """A stratum's name as plain text: a stratum with no name (an estimate over tables nobody
    named, a CSV without a stratum column) as "stratum 2", by its place in the run, never
    "None"; the estimator's ``unknown`` (people with no value to stratify by) by its label."""
    if name is None or name == "":
        return gettext("stratum %(n)s") % {"n": position}
    if name in LABELS:
        return gettext(LABELS[name])
    return str(name)


@pass_context
def stratum(ctx: Any, name: Any, position: int) -> Any:
    """A stratum's name on a page (:func:`stratum_name`); a month (``2016-12``, ``--by month``)
    as its month and year in the page's language; any other name as written, isolated."""
    if isinstance(name, str) and (m := _MONTH.fullmatch(name)) and 1 <= int(m[2]) <= 12:
        return day(ctx, name)
    if name is None or name == "" or name in LABELS:
        return stratum_name(ctx["_"], name, position)
    return Markup("<bdi>{}</bdi>").format(name)


@pass_context
def language_name(ctx: Any, code: Any) -> Any:
    """A report's language code (``ar``, ``en``) as the page's language names it (Babel's CLDR
    names: "Arabic", "العربية"); an unknown code as written."""
    if not isinstance(code, str) or not code:
        return code or ""
    try:
        return _locale(ctx.get("lang", "en")).languages.get(code, code)
    except (ValueError, UnknownLocaleError):
        return code


def _plural_errors(ngettext: Any, n: int) -> dict[str, str]:
    """Each of :data:`~tawthiq.web._errors.PLURAL_MESSAGES` in the form ``n`` takes (written out,
    so that ``pybabel extract`` finds the singular and the plural)."""
    return {
        "a reason has at most %(limit)s characters": ngettext(
            "a reason has at most %(limit)s character", "a reason has at most %(limit)s characters", n
        ),
        "at most %(limit)s characters": ngettext(
            "at most %(limit)s character", "at most %(limit)s characters", n
        ),
        "a password needs at least %(limit)s characters; a few words are easiest to remember": ngettext(
            "a password needs at least %(limit)s character; a few words are easiest to remember",
            "a password needs at least %(limit)s characters; a few words are easiest to remember",
            n,
        ),
        "a password has at most %(limit)s characters": ngettext(
            "a password has at most %(limit)s character", "a password has at most %(limit)s characters", n
        ),
        "a user name has at most %(limit)s characters": ngettext(
            "a user name has at most %(limit)s character", "a user name has at most %(limit)s characters", n
        ),
    }


@pass_context
def error_text(ctx: Any, message: Any, template: Any = None, params: Any = None) -> Any:
    """An error message in the page's language when it is one of the fixed messages
    (:data:`~tawthiq.web._errors.FIXED_MESSAGES`), or made from one (``template`` filled with
    ``params``); any other as written. A list of accepted values (``choices``) is written by its
    values in English (``a, b, c``, what a URL takes) and by their labels joined the language's way
    in the Arabic interface ("الكل أو غير مراجَع أو مقبول")."""
    if isinstance(template, str) and template in FIXED_MESSAGES and isinstance(params, dict) and params:
        # a role and an action are internal values with labels; an id or a typed value is data
        lang = ctx.get("lang", "en")
        values = english_params(params)  # the English message's own values (HTTPError)
        for k, v in params.items():
            if k in ("role", "action"):
                values[k] = label(ctx, v)
            elif k in AMOUNTS and isinstance(v, int) and not isinstance(v, bool):
                values[k] = label(ctx, v)  # written now, as the page's language writes numbers
            elif lang != "en" and isinstance(v, list | tuple):
                values[k] = format_list([str(label(ctx, x)) for x in v], style="or", locale=_locale(lang))
        counted = PLURAL_MESSAGES.get(template)
        try:
            if counted is not None and isinstance(params.get(counted), int):
                n = params[counted]
                if lang != "en":
                    values[counted] = label(ctx, n)  # the number as the language writes it
                return _plural_errors(ctx["ngettext"], n)[template] % values
            return ctx["_"](template) % values
        except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder
            return message
    if isinstance(message, str) and message in FIXED_MESSAGES:
        return ctx["_"](message)
    return message


@pass_context
def toll(ctx: Any, fatalities: Any) -> str:
    """A claim's toll as people say it: "at least 82", "12–15", "about 40" (translated)."""
    if fatalities is None:
        return ""
    low, high = fatalities.low, fatalities.high
    num = lambda n: label(ctx, n)  # noqa: E731
    if low is not None and high is not None and high != low:
        amount = f"{num(low)}–{num(high)}"
    elif low is not None or high is not None:
        amount = str(num(low if low is not None else high))
    else:
        amount = ""
    qualifier = fatalities.qualifier
    if qualifier in (None, "exact") or (high is not None and high != low):
        return amount or ctx["_"](LABELS["vague"])
    return f"{label(ctx, qualifier)} {amount}".strip()


@pass_context
def duration(ctx: Any, hours: float | None) -> str:
    """A span of hours as people read it: "3 days 15 h", "5 h", "under an hour" (translated).

    Whole hours, rounded down: an overdue source 87,423.2 hours late is "3,642 days 15 h", not a
    decimal nobody can picture.
    """
    if hours is None:
        return ""
    whole = int(hours)
    days, rest = divmod(whole, 24)
    gettext, ngettext = ctx["_"], ctx["ngettext"]
    parts = []
    if days:
        parts.append(ngettext("%(num)s day", "%(num)s days", days) % {"num": label(ctx, days)})
    if rest or not days:
        if not days and not rest:
            return gettext("under an hour")
        parts.append(ngettext("%(num)s h", "%(num)s h", rest) % {"num": label(ctx, rest)})
    return " ".join(parts)


@pass_context
def percent(ctx: Any, share: float | None) -> str:
    """A share in 0..1 as a whole percentage the page's language writes (Babel: "87%")."""
    if share is None:
        return ""
    return format_percent(share, locale=_locale(ctx.get("lang", "en")))


@pass_context
def overdue(ctx: Any, hours: float | None, expected_by: Any = None) -> str:
    """How late a source is: days and hours for a recent lapse, "since 15 December 2016" past a
    month (a workspace of 2016 reports read today is not usefully "3,642 days 15 h" late)."""
    if hours is not None and expected_by and hours >= LONG_OVERDUE_DAYS * 24:
        when = expected_by[:10] if isinstance(expected_by, str) else expected_by
        gettext = ctx["_"]  # named so that ``pybabel extract`` finds the message
        return gettext("since %(date)s") % {"date": _day_text(ctx, when)}
    return duration(ctx, hours)


@pass_context
def source_label(ctx: Any, text: Any) -> Any:
    """A source's label or an origin's name in the page's language, written from its parts where
    Tawthiq made it: a source ingest made for an unregistered sender (``entities.sender_label``:
    "chat sender 3f9a01bc" as "المُرسِل 3f9a01bc (رسالة محادثة)"), an unnamed speaker's origin
    (``corroborate.per_origin``: "Activists (per Reuters)" as "Activists (نقلاً عن Reuters)"). A
    name a person gave, and every name on English pages, as stored (what the CLI prints)."""
    if not isinstance(text, str) or ctx.get("lang", "en") == "en":
        return text or ""
    gettext = ctx["_"]
    if sender := read_sender_label(text):
        channel, digest = sender
        return gettext("sender %(digest)s (%(channel)s)") % {"digest": digest, "channel": label(ctx, channel)}
    if per := read_per_origin(text):
        speaker, base = per
        return gettext("%(speaker)s (per %(base)s)") % {"speaker": speaker, "base": source_label(ctx, base)}
    if text in SOURCE_KINDS:  # an origin named by its kind alone
        return label(ctx, text)
    kind = text.removesuffix(" source")
    if kind != text and kind in SOURCE_KINDS:  # the public view's anonymous source (policy)
        return gettext("%(kind)s source") % {"kind": label(ctx, kind)}
    return text


def command(message: Any, name: str) -> Markup:
    """A translated sentence that names a CLI command (``%(command)s``), the command written as
    code, left to right (``<code dir="ltr">tawthiq estimate</code>``): inside an Arabic sentence
    it keeps its order and reads as something to type, not as words of the sentence."""
    return Markup(escape(message)) % {"command": Markup('<code dir="ltr">{}</code>').format(name)}


# The sides a rationale names when origins disagree on who did it (corroborate.PERPETRATOR_SIDES)
SIDE_LABELS: dict[str, str] = {
    "Islamic State": N_("Islamic State"),
    "Kurdish-led forces": N_("Kurdish-led forces"),
    "US-led coalition": N_("US-led coalition"),
    "Turkish forces": N_("Turkish forces"),
    "armed opposition": N_("armed opposition"),
    "pro-government forces": N_("pro-government forces"),
}
# Each toll rule an incident states (corroborate.FATALITIES_RULES), as the interface says it
TOLL_RULE_LABELS: dict[str, str] = {
    "credible": N_(
        "low: the highest lower bound a credible claim gives (reported or confirmed, not denied; "
        "unconfirmed claims count only when no credible claim gives a number); high: the highest "
        "figure any claim not denied gives; best: the median of the credible point figures, never "
        "below low"
    ),
    "unconfirmed_only": N_("(no credible claim gave a number: unconfirmed claims used)"),
    "no_number": N_("no claim gives a number of people killed"),
}
_FIGURE = re.compile(r"(?:(at least|more than|up to|about) )?(\d+)(?:-(\d+))?")
_QUALIFIER = {"at least": "at_least", "more than": "more_than", "up to": "up_to", "about": "about"}


def _phrases(gettext: Any, ngettext: Any, n: int) -> dict[str, str]:
    """The interface's wording of each phrase of corroborate.RATIONALE_PHRASES, by key (written
    as calls so that ``pybabel extract`` finds them, plural forms included)."""
    return {
        "all_rejected": ngettext(
            "All %(n)s claim was rejected in review.", "All %(n)s claims were rejected in review.", n
        ),
        "denied": gettext("Denied by %(deniers)s; asserted by %(asserters)s."),
        "toll_disagrees": gettext(
            "Origins disagree on the toll: %(a)s gives %(a_figure)s, %(b)s gives %(b_figure)s."
        ),
        "perpetrators_disagree": gettext(
            "Origins disagree on who did it: %(a)s blames %(a_sides)s, %(b)s blames %(b_sides)s."
        ),
        "authority_confirms": gettext("Confirmed by %(origin)s."),
        "party_acknowledges": gettext("Acknowledged by the responsible party: %(origin)s."),
        "independent_confirmed": ngettext(
            "%(n)s independent origin: %(origins)s; at least one says it is confirmed.",
            "%(n)s independent origins: %(origins)s; at least one says it is confirmed.",
            n,
        ),
        "independent_origins": ngettext(
            "%(n)s independent origin: %(origins)s.", "%(n)s independent origins: %(origins)s.", n
        ),
        "single_origin": gettext("A single origin: %(origin)s."),
        "only_unconfirmed": gettext("Only unconfirmed reports: %(origins)s."),
        "no_firm_origin": gettext("No origin states it without doubt."),
        "also_unconfirmed": gettext("Unconfirmed also by %(origins)s."),
        "outlet": ngettext("Reported by %(n)s outlet.", "Reported by %(n)s outlets.", n),
        "outlets": ngettext("Reported by %(n)s outlet.", "Reported by %(n)s outlets.", n),
    }


def _as_recorded(ctx: Any, text: str) -> Markup:
    """Stored English text no phrase of the interface makes (a custom rule's, an older build's):
    shown as recorded, marked as English, never silently dropped."""
    gettext = ctx["_"]  # named so that ``pybabel extract`` finds the message
    return Markup('<span class="as-recorded">{} <bdi lang="en" dir="ltr">{}</bdi></span>').format(
        gettext("(as recorded, in English)"), text
    )


def _fill(ctx: Any, key: str, values: dict[str, Any]) -> Markup:
    lang = ctx.get("lang", "en")
    loc = _locale(lang)

    def names(xs: Any) -> Markup:
        items = [str(Markup("<bdi>{}</bdi>").format(source_label(ctx, x))) for x in xs]
        return Markup(format_list(items, locale=loc))

    def side(x: str) -> Markup:
        text = SIDE_LABELS.get(x)
        return escape(ctx["_"](text)) if text else Markup("<bdi>{}</bdi>").format(x)

    def figure(x: str) -> Markup:
        m = _FIGURE.fullmatch(x)
        if not m:
            return Markup("<bdi>{}</bdi>").format(x)
        q, low, high = m.groups()
        if high is not None:
            return escape(f"{label(ctx, int(low))}–{label(ctx, int(high))}")
        amount = label(ctx, int(low))
        return escape(f"{label(ctx, _QUALIFIER[q])} {amount}" if q else amount)

    filled: dict[str, Any] = {}
    for k, v in values.items():
        if k == "n":
            filled[k] = escape(label(ctx, v))
        elif k in ("a_sides", "b_sides"):
            filled[k] = Markup(format_list([str(side(x)) for x in v], locale=loc))
        elif k in ("a_figure", "b_figure"):
            filled[k] = figure(v)
        elif isinstance(v, tuple):
            filled[k] = names(v)
        else:
            filled[k] = Markup("<bdi>{}</bdi>").format(source_label(ctx, v))
    template = _phrases(ctx["_"], ctx["ngettext"], int(values.get("n", 1) or 0))[key]
    return Markup(escape(template) % filled)


@pass_context
def rationale(ctx: Any, text: Any, phrases: Any = None) -> Any:
    """A grade's rationale in the page's language: each phrase corroborate wrote
    (``Incident.rationale_phrases``: a key and its values) in the interface's words, the names in
    it as written (each in ``<bdi>``), sides, figures and counts translated. The English interface
    shows the stored text as it is (what the CLI and the exports print).

    An incident stored before its phrases were (``phrases`` None, migration 0004) has them read
    back from the English text (:func:`tawthiq.corroborate.read_rationale`) until the next
    ``tawthiq corroborate`` stores them."""
    if not isinstance(text, str) or not text or ctx.get("lang", "en") == "en":
        return text or ""
    said = [(p.key, p.values) for p in phrases] if isinstance(phrases, tuple) else read_rationale(text)
    parts = [
        _fill(ctx, key, values) if key else _as_recorded(ctx, str(values["text"])) for key, values in said
    ]
    return Markup(" ").join(parts)


@pass_context
def as_recorded(ctx: Any, text: Any) -> Any:
    """English text a stage stored for people to read and that no catalogue entry makes (a failed
    intake's reason, written by ingest with the file's name and line): on an Arabic page marked
    "(as recorded, in English)" and isolated left to right, never passed off as the page's
    language; on an English page as it is."""
    if not isinstance(text, str) or not text or ctx.get("lang", "en") == "en":
        return text or ""
    return _as_recorded(ctx, text)


@pass_context
def toll_rule(ctx: Any, rule: Any) -> Any:
    """The rule an incident's toll was counted by, in the page's language
    (:data:`tawthiq.corroborate.FATALITIES_RULES`); stored text of another rule as recorded."""
    if not isinstance(rule, str) or not rule or ctx.get("lang", "en") == "en":
        return rule or ""
    gettext = ctx["_"]
    if rule == FATALITIES_RULES["credible"]:
        return gettext(TOLL_RULE_LABELS["credible"])
    if rule == FATALITIES_RULES["unconfirmed_only"]:
        return f"{gettext(TOLL_RULE_LABELS['credible'])} {gettext(TOLL_RULE_LABELS['unconfirmed_only'])}"
    if rule == FATALITIES_RULES["no_number"]:
        return gettext(TOLL_RULE_LABELS["no_number"])
    return _as_recorded(ctx, rule)
