"""Why an estimate did not converge, in the page's language: the ``estimate_reason`` filter.

In: a saved estimate's ``why`` (``Estimate.why`` as its JSON: a ``code`` of
``estimate.REASON_CODES``, its ``values`` and, for a total or a linkage-averaged estimate, the
``first`` stratum's or draw's own reason). Out: the sentence in the interface's words, counts in
the plural forms their numbers take (Arabic has six), figures and command-line options isolated
left-to-right. Never: decides anything about the estimate; reads only what the estimate recorded.
An estimate saved before its reason was data has only the English ``reason``: the page shows that,
marked as English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup, escape

from ._labels import label

__all__ = ["estimate_reason"]


def _ltr(text: str) -> Markup:
    return Markup('<bdi dir="ltr">{}</bdi>').format(text)


def _code(text: str) -> Markup:
    return Markup('<code dir="ltr">{}</code>').format(text)


def _num(ctx: Any, n: Any) -> str:
    return str(label(ctx, n)) if isinstance(n, int) else str(n)


def _chains(ctx: Any, v: Mapping[str, Any]) -> Markup:
    gettext, ngettext = ctx["_"], ctx["ngettext"]
    ran = int(v["iterations"])
    parts: list[Markup] = []
    if v.get("r_hat") is not None:
        n = int(v["chains"])
        test = _ltr(f"R-hat {v['r_hat']} ≥ {v['r_hat_max']}")
        parts.append(
            escape(
                ngettext("the %(n)s chain disagrees (%(test)s)", "the %(n)s chains disagree (%(test)s)", n)
            )
            % {"n": _num(ctx, n), "test": test}
        )
    if v.get("ess") is not None:
        test = _ltr(f"ESS {_num(ctx, v['ess'])} < {_num(ctx, v['ess_min'])}")
        parts.append(escape(gettext("too few independent draws (%(test)s)")) % {"test": test})
    text = escape(
        ngettext(
            "did not converge after %(n)s iteration per chain",
            "did not converge after %(n)s iterations per chain",
            ran,
        )
    ) % {"n": _num(ctx, ran)}
    if parts:
        text += Markup(": ") + Markup(escape(gettext(" and "))).join(parts)
    pairs = list(v.get("unlinked_pairs") or ())
    if pairs:
        shown = Markup("، " if ctx.get("lang") == "ar" else ", ").join(_ltr(p) for p in pairs[:3])
        text += Markup("; ") + escape(gettext("pairs of lists that share nobody: %(n)s (%(pairs)s)")) % {
            "n": _num(ctx, len(pairs)),
            "pairs": shown,
        }
    tried = escape(
        gettext(
            "Try: more iterations (e.g. %(option)s), merging or dropping small lists, stratifying less "
            "finely, or the log-linear estimate (%(method)s) for comparison"
        )
    ) % {"option": _code(f"--iterations {2 * ran:,}"), "method": _code("--method loglinear")}
    return text + Markup(". ") + tried


def _say(ctx: Any, why: Mapping[str, Any]) -> Markup:
    gettext = ctx["_"]
    v, first = why.get("values") or {}, why.get("first")
    said_first = _say(ctx, first) if isinstance(first, Mapping) else Markup("")
    if why.get("code") == "strata":
        strata = Markup("، " if ctx.get("lang") == "ar" else ", ").join(
            Markup("<bdi>{}</bdi>").format(s) for s in v.get("strata") or ()
        )
        return escape(
            gettext("strata %(strata)s did not converge, so neither does their total; first: %(first)s")
        ) % {"strata": strata, "first": said_first}
    if why.get("code") == "linkage":
        return escape(gettext("%(failed)s of %(draws)s linkage draws did not converge; first: %(first)s")) % {
            "failed": _num(ctx, v.get("failed")),
            "draws": _num(ctx, v.get("draws")),
            "first": said_first,
        }
    return _chains(ctx, v)


@pass_context
def estimate_reason(ctx: Any, estimate: Any) -> Markup:
    """Why ``estimate`` (a saved estimate's dict) did not converge: written from its ``why`` in the
    page's language; the English page, and an estimate saved before ``why`` existed, show the stored
    English ``reason`` (what the CLI printed), marked as English."""
    why, reason = estimate.get("why"), estimate.get("reason")
    if ctx.get("lang", "en") != "en" and isinstance(why, Mapping) and why.get("code"):
        try:
            return _say(ctx, why)
        except (KeyError, TypeError, ValueError):  # a reason saved by another version: as recorded
            pass
    if not reason:
        return Markup("")
    return Markup('{}: <span dir="auto" lang="en">{}</span>').format(ctx["_"]("did not converge"), reason)
