#!/usr/bin/env python3
"""Score report → incident on the annotated corpus: pairwise precision and recall of incidents.

In:  annotations/corpus/** with their ``incident`` labels (shared across texts and languages), the
     shared texts; the extractor and ``corroborate.build_incidents`` run in-process.
Out: pairwise P/R over claim pairs (two claims in one predicted incident vs one gold label), for the
     whole pipeline (extracted claims) and for corroboration alone (the gold claims corroborated).
Never: writes anything.

A gold pair is two required or optional gold claims of kind ``incident`` that share a label. On the
pipeline, a predicted claim stands for the gold claim the scorer matches it to in its report; a pair of
predicted claims in one incident whose gold claims carry different labels (or none) is a false pair.

    python benchmarks/incident_eval.py --split measure            # both languages
    python benchmarks/incident_eval.py --split tune --lang en --show pipeline
    python benchmarks/incident_eval.py --split tune --why pipeline   # lost gold pairs by cause
    python benchmarks/incident_eval.py --split tune --decompose      # where the pipeline's recall goes
    python benchmarks/incident_eval.py --split measure --shape       # counts per gold incident, no text
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann
import extract_eval

KIND_OF_GENRE = {"wire": "wire", "un": "un", "ngo": "ngo", "monitor": "ngo"}


def _report(item: ann.Annotated):
    import hashlib

    from tawthiq.entities import Report, ReportRef

    header = ann.header(item.text)
    published = item.annotation.get("published")
    sha = hashlib.sha256(item.text.encode("utf-8")).hexdigest()
    report = Report(
        sha256=sha,
        file_name=Path(item.name).name,
        body=item.text,
        published_at=date.fromisoformat(published) if published else None,
        title=extract_eval.title_of(item),
        source_label=header.get("OUTLET") or item.name,
    )
    return report, ReportRef(file=report.file_name, sha256=sha, title=report.title)


def _sourced(claims, report, ref, start: int, genre: str):
    from tawthiq.entities import Claim, SourcedClaim

    out = []
    for i, c in enumerate(claims):
        claim = c if isinstance(c, Claim) else Claim.model_validate({**c, "id": start + i})
        out.append(
            SourcedClaim(
                claim=claim.model_copy(update={"id": start + i}),
                report=ref,
                published=report.published_at,
                source_label=report.source_label,
                source_kind=KIND_OF_GENRE.get(genre, "media"),
            )
        )
    return out


def _gold_claim(g: dict, item: ann.Annotated) -> dict:
    keep = ("name", "lat", "lon", "precision")
    d = {k: v for k, v in g.items() if k not in {"optional", "incident", "attributed_to_alt", "note"}}
    d["places"] = [{k: v for k, v in p.items() if k in keep} for p in d.get("places") or []]
    d["span"] = tuple(d.get("span") or (0, 0))
    t = d.get("time") or {}
    if t.get("precision") == "year":  # our annotations may say year; the entity knows month at most
        d["time"] = {**t, "precision": "month"}
    d["time"] = d.get("time") or {"start": None, "end": None, "precision": "unknown"}
    return d


def evaluate(items: list[ann.Annotated], mode: str, show: dict | None = None):
    """(true pairs, predicted pairs, gold pairs, incidents) for the 'pipeline' or 'gold' mode.

    ``show``, when given, is filled with what :func:`_show` prints (tune side only)."""
    from tawthiq.corroborate import build_incidents

    sc = extract_eval._scorer()
    sides = ann.read_split()
    sourced, reports = [], []
    gold_label: dict[int, str] = {}  # gold claim key -> label
    lang: dict[object, str] = {}  # gold claim key and sourced claim id ("c", id) -> language of its text
    claim_gold: dict[int, int] = {}  # sourced claim id -> gold claim key
    next_id = 1
    gkey = 0
    for item in items:
        report, ref = _report(item)
        reports.append(report)
        genre = sides.get(item.name, {}).get("genre", "other")
        gold = ann.to_gold(item)["claims"]
        keys = []
        for g in gold:
            gkey += 1
            keys.append(gkey)
            lang[gkey] = item.language
            if show is not None:
                show.setdefault("gold", {})[gkey] = (item.name, g)
            if g.get("kind") == "incident" and g.get("incident"):
                gold_label[gkey] = g["incident"]
        if mode == "gold":
            claims = [_gold_claim(g, item) for g in gold]
            batch = _sourced(claims, report, ref, next_id, genre)
            for sc_, k in zip(batch, keys, strict=True):
                claim_gold[sc_.claim.id] = k
        else:
            objs = extract_eval.predict_claims(item)
            pred = [c.contract() for c in objs]
            batch = _sourced(objs, report, ref, next_id, genre)
            index = {id(p): i for i, p in enumerate(pred)}
            used = set()
            for p, g in sc.score_report(pred, gold):
                claim_gold[batch[index[id(p)]].claim.id] = keys[gold.index(g)]
                used.add(index[id(p)])
            if show is not None:
                # what extraction gave around each gold claim, for the extraction classes of --decompose
                spans = [tuple(c.get("span") or (0, 0)) for c in item.annotation.get("claims", [])]
                for k, g, span in zip(keys, gold, spans, strict=True):
                    show.setdefault("around", {})[k] = (g, span, pred, used, item.language)
        next_id += len(batch) + 1
        for sc_ in batch:
            lang[("c", sc_.claim.id)] = item.language
        sourced.extend(batch)
    from tawthiq.gazetteer import load_gazetteer

    incidents = build_incidents(sourced, reports, contains=load_gazetteer().contains)
    gold_pairs = set()
    by_label: dict[str, list[int]] = {}
    for k, label in gold_label.items():
        by_label.setdefault(label, []).append(k)
    for ks in by_label.values():
        gold_pairs.update(frozenset(p) for p in combinations(sorted(ks), 2))
    pred_pairs = set()
    cross_pred = set()  # pairs of claims from texts in two languages (an Arabic and an English report)
    for inc in incidents:
        members = [(claim_gold.get(cid), lang[("c", cid)]) for cid in _claim_ids(inc)]
        for (a, la), (b, lb) in combinations(members, 2):
            if a is None or b is None:
                pair = frozenset((("x", id(inc), a), ("x", id(inc), b)))  # a false pair
                if la != lb:
                    cross_pred.add(frozenset((("x", id(inc), a, la), ("x", id(inc), b, lb))))
                pred_pairs.add(pair)
                continue
            elif a != b:
                pair = frozenset((a, b))
            else:
                continue
            pred_pairs.add(pair)
            if la != lb:
                cross_pred.add(pair)
    tp = len(pred_pairs & gold_pairs)
    cross_gold = {p for p in gold_pairs if len({lang[k] for k in p}) == 2}
    cross = (len(cross_pred & cross_gold), len(cross_pred), len(cross_gold))
    if show is not None:
        show.update(
            label=gold_label, claim_gold=claim_gold, sourced={s.claim.id: s for s in sourced}, lang=lang
        )
    return tp, len(pred_pairs), len(gold_pairs), incidents, cross


def bcubed(label: dict[int, str], claim_gold: dict[int, int], incidents) -> tuple[float, float]:
    """B-cubed precision and recall (Bagga and Baldwin 1998) over the gold incident claims.

    For each gold claim with an incident label: of the claims in its predicted incident (a predicted
    claim that stands for no gold claim counts as one of its own), the share that carry its label
    (precision), and of its label's gold claims, the share in its predicted incident (recall); a gold
    claim no predicted claim stands for is alone. Averaged over the gold claims, so an incident told by
    twenty claims weighs twenty, where in the pairwise figures it weighs 190 pairs. Written here: a
    dozen lines over our own mapping, which no clustering library takes as it is."""
    members_of: dict[int, set] = {}
    for inc in incidents:
        members = {claim_gold.get(cid, ("x", cid)) for cid in _claim_ids(inc)}
        for m in members:
            if isinstance(m, int) and m in label:
                members_of.setdefault(m, members)
    by_label: dict[str, set[int]] = {}
    for k, lab in label.items():
        by_label.setdefault(lab, set()).add(k)
    if not label:
        return 1.0, 1.0
    p = r = 0.0
    for k, lab in label.items():
        mine = members_of.get(k, {k})
        same = sum(1 for m in mine if isinstance(m, int) and label.get(m) == lab)
        p += same / len(mine)
        r += same / len(by_label[lab])
    return round(p / len(label), 3), round(r / len(label), 3)


def _line(name: str, g: dict) -> str:
    f = g.get("fatalities") or {}
    fig = f"{f.get('low')}/{f.get('high')}/{f.get('qualifier')}" if f else "-"
    places = ",".join(p.get("name", "?") for p in g.get("places") or []) or "-"
    t = g.get("time") or {}
    quote = " ".join((g.get("quote") or "").split())[:110]
    return (
        f"      {g.get('kind', '?')[:3]} {g.get('event_type')} [{places}] {t.get('start')}..{t.get('end')}"
        f" {t.get('precision')} {fig} att={g.get('attributed_to')} {g.get('certainty')}\n"
        f"        {name.split('/')[-1][:44]}: {quote}"
    )


def _show(show: dict, incidents) -> None:
    """Per gold incident label: where its claims went; per predicted incident: its false pairs."""
    gold, label, claim_gold = show["gold"], show["label"], show["claim_gold"]
    where: dict[int, int] = {}  # gold key -> predicted incident number
    for n, inc in enumerate(incidents):
        for cid in _claim_ids(inc):
            if cid in claim_gold:
                where[claim_gold[cid]] = n
    by_label: dict[str, list[int]] = {}
    for k, lab in label.items():
        by_label.setdefault(lab, []).append(k)
    print("== gold incidents split over several predicted incidents")
    for lab, ks in sorted(by_label.items()):
        parts = {where.get(k) for k in ks}
        if len(ks) < 2 or (len(parts) == 1 and None not in parts):
            continue
        print(f"  {lab}  ({len(ks)} claims in {len(parts)} incidents)")
        for k in sorted(ks, key=lambda k: (str(where.get(k)), k)):
            print(f"    -> inc {where.get(k)}")
            print(_line(*gold[k]))
    print("== predicted incidents mixing labels (false pairs)")
    for n, inc in enumerate(incidents):
        ks = [claim_gold.get(cid) for cid in _claim_ids(inc)]
        labs = {label.get(k, f"<{gold[k][1].get('kind')}>" if k in gold else "<unmatched>") for k in ks}
        if len(ks) < 2 or (len(labs) == 1 and not any(lab.startswith("<") for lab in labs)):
            continue
        print(f"  inc {n} {inc.event_type} grade={inc.grade} origins={list(inc.origins)[:4]}")
        for cid, k in zip(_claim_ids(inc), ks, strict=True):
            if k in gold:
                print(f"    [{label.get(k, '-')}]")
                print(_line(*gold[k]))
            else:  # what extraction gave that no gold claim matches: the pair is false whatever it says
                c = show["sourced"][cid].claim
                places = ",".join(p.name for p in c.places)
                when = f"{c.time.start}..{c.time.end} {c.time.precision}"
                print("    [no gold claim] extracted:")
                print(f"      {c.kind[:3]} {c.event_type} [{places}] {when} | {c.quote[:110]}")


def _part_ids(sourced: dict, contains) -> frozenset[int]:
    """The claims whose figure clustering reads as a part of a larger figure of their own report
    (``corroborate._fit.mark_parts``: a floor of the toll), so the classes below read them as it does."""
    from tawthiq.corroborate._fit import mark_parts
    from tawthiq.corroborate._items import item_of

    ids = list(sourced)
    marked = mark_parts([item_of(sourced[k], {}) for k in ids], contains)
    return frozenset(k for k, it in zip(ids, marked, strict=True) if it.part)


def _items_of(a, b, parts: frozenset[int]):
    from dataclasses import replace

    from tawthiq.corroborate._items import item_of

    return tuple(
        replace(it, part=sc.claim.id in parts) for sc, it in ((a, item_of(a, {})), (b, item_of(b, {})))
    )


def _reason(a, b, contains, parts: frozenset[int] = frozenset()) -> str:
    """The first test of ``corroborate._fit.judge`` two predicted claims fail (or how they fit)."""
    from tawthiq.corroborate import _fit as cl
    from tawthiq.corroborate._numbers import windows_meet
    from tawthiq.corroborate._places import places_relation

    x, y = _items_of(a, b, parts)
    where = "same report" if x.report == y.report else "across reports"
    if x.kind != y.kind:
        return f"kinds differ ({where})"
    if not cl.same_family(x, y):
        return f"families differ ({where})"
    if x.window is None or y.window is None:
        if x.report != y.report:
            return f"a claim without a date ({where})"
    elif not windows_meet(x.window, y.window):
        return f"dates apart ({where})"
    rel = places_relation(x.where, y.where, contains)
    if rel is None or (rel == "unknown" and x.report != y.report):
        return f"places differ or unknown ({where})"
    if x.report == y.report and rel != "same" and cl.other_days(x, y):
        return f"other days of one report ({where})"
    if not cl.types_fit(x, y) and rel != "same":
        return f"types do not fit ({where})"
    judged = cl.judge(x, y, contains)
    if judged is None:
        return f"tolls cannot be one ({where})"
    return (
        f"fit and identify, kept apart by another member ({where})"
        if judged[1]
        else (f"fit but do not identify one event ({where})")
    )


def _why(show: dict, incidents, cross: bool = False) -> None:
    """Every gold pair the pipeline loses, by its first cause (tune side only); with ``cross``,
    only the pairs of an Arabic and an English claim, each lost one listed with both claims' places,
    dates and types (what the Arabic ~ English line loses)."""
    from collections import Counter

    from tawthiq.gazetteer import load_gazetteer

    label, claim_gold, sourced = show["label"], show["claim_gold"], show["sourced"]
    pred_of = {k: cid for cid, k in claim_gold.items()}
    where = {cid: n for n, inc in enumerate(incidents) for cid in _claim_ids(inc)}
    by_label: dict[str, list[int]] = {}
    for k, lab in label.items():
        by_label.setdefault(lab, []).append(k)
    causes: Counter[str] = Counter()
    per_label: dict[str, Counter[str]] = {}
    contains = load_gazetteer().contains
    parts = _part_ids(sourced, contains)
    lost_cross: list[tuple[str, str, int, int]] = []
    for lab, ks in by_label.items():
        for a, b in combinations(sorted(ks), 2):
            if cross and show["lang"][a] == show["lang"][b]:
                continue
            pa, pb = pred_of.get(a), pred_of.get(b)
            if pa is None or pb is None:
                cause = "a gold claim no extracted claim matches"
            elif "tally" in (sourced[pa].claim.kind, sourced[pb].claim.kind):
                cause = "an extracted claim is a tally"
            elif where.get(pa) is not None and where.get(pa) == where.get(pb):
                cause = "joined (a true pair)"
            else:
                cause = _reason(sourced[pa], sourced[pb], contains, parts)
            causes[cause] += 1
            per_label.setdefault(lab, Counter())[cause] += 1
            if (
                cross
                and pa is not None
                and pb is not None
                and not cause.startswith(("joined", "an extracted"))
            ):
                lost_cross.append((lab, cause, pa, pb))
    print("== gold pairs by what became of them")
    for cause, n in causes.most_common():
        print(f"  {n:5d}  {cause}")
    # one large event can dominate the counts (a massacre told by twenty claims loses hundreds of
    # pairs): the gold incidents that lose the most pairs to corroboration, with their causes
    print("== gold incidents losing the most pairs (not counting unmatched claims)")

    def lost(c: Counter[str]) -> int:
        return sum(n for k, n in c.items() if not k.startswith(("joined", "a gold claim no")))

    for lab, c in sorted(per_label.items(), key=lambda kv: -lost(kv[1]))[:8]:
        if lost(c):
            top = "; ".join(f"{k} {n}" for k, n in c.most_common() if not k.startswith("a gold claim no"))
            print(f"  {lost(c):5d}  {lab}: {top}")
    if cross:
        print("== Arabic ~ English pairs lost in corroboration (both claims matched)")
        for lab, cause, pa, pb in sorted(lost_cross):
            print(f"  {lab}: {cause}")
            for cid in (pa, pb):
                c = sourced[cid].claim
                places = ", ".join(f"{p.name} ({p.precision})" for p in c.places) or "-"
                print(
                    f"    {show['lang'][('c', cid)]} {c.event_type} [{places}] {c.time.start}..{c.time.end}"
                    f" {c.time.precision} | {c.quote[:90]}"
                )


def shape(show: dict, incidents) -> list[dict]:
    """Per gold incident told by more than one claim, largest first: its claims, its gold pairs, how
    many of them one predicted incident holds, and the rest by first cause (:func:`_reason`).

    Counts only: no label, place, quote or name, so it may be printed for the measure side (pairwise
    recall grows with the square of an incident's claims: a few large incidents can be most of it)."""
    from tawthiq.gazetteer import load_gazetteer

    label, claim_gold, sourced = show["label"], show["claim_gold"], show["sourced"]
    pred_of = {k: cid for cid, k in claim_gold.items()}
    where = {cid: n for n, inc in enumerate(incidents) for cid in _claim_ids(inc)}
    contains = load_gazetteer().contains
    parts = _part_ids(sourced, contains)
    by_label: dict[str, list[int]] = {}
    for k, lab in label.items():
        by_label.setdefault(lab, []).append(k)
    out = []
    for ks in by_label.values():
        if len(ks) < 2:
            continue
        causes: Counter[str] = Counter()
        for a, b in combinations(sorted(ks), 2):
            pa, pb = pred_of.get(a), pred_of.get(b)
            if pa is None or pb is None:
                causes["a gold claim no extracted claim matches"] += 1
            elif sourced[pa].claim.kind != "incident" or sourced[pb].claim.kind != "incident":
                causes["an extracted claim is a tally or a status"] += 1
            elif where.get(pa) is not None and where.get(pa) == where.get(pb):
                causes["joined"] += 1
            else:
                causes[_reason(sourced[pa], sourced[pb], contains, parts)] += 1
        parts = {where.get(pred_of[k]) for k in ks if k in pred_of}
        out.append(
            {
                "claims": len(ks),
                "matched": sum(1 for k in ks if k in pred_of),
                "predicted_incidents": len(parts),
                "gold_pairs": len(ks) * (len(ks) - 1) // 2,
                "causes": dict(causes.most_common()),
            }
        )
    return sorted(out, key=lambda e: -e["gold_pairs"])


def corroboration_shape(show: dict, incidents) -> dict:
    """Counts only (so also on the measure side): the gold pairs corroboration loses, both claims
    matched incident claims in two predicted incidents, by every class they fall in
    (:func:`corroboration_classes`), with the gold incidents each class hits; and, for two predicted
    incidents kept apart although a pair across them fits and identifies one event (complete
    linkage), the classes of the conflicting pairs across them that keep them apart."""
    from tawthiq.gazetteer import load_gazetteer

    contains = load_gazetteer().contains
    label, claim_gold, sourced = show["label"], show["claim_gold"], show["sourced"]
    parts = _part_ids(sourced, contains)
    pred_of = {k: cid for cid, k in claim_gold.items()}
    where = {cid: n for n, inc in enumerate(incidents) for cid in _claim_ids(inc)}
    by_label: dict[str, list[int]] = {}
    for k, lab in label.items():
        by_label.setdefault(lab, []).append(k)
    pairs: Counter[str] = Counter()
    events: dict[str, set[str]] = {}
    kept: Counter[str] = Counter()
    seen: set[tuple[int, int]] = set()
    for lab, ks in by_label.items():
        for a, b in combinations(sorted(ks), 2):
            pa, pb = pred_of.get(a), pred_of.get(b)
            if pa is None or pb is None:
                continue
            if sourced[pa].claim.kind != "incident" or sourced[pb].claim.kind != "incident":
                continue
            na, nb = where.get(pa), where.get(pb)
            if na is None or nb is None or na == nb:
                continue
            classes = corroboration_classes(sourced[pa], sourced[pb], contains, parts)
            for c in classes:
                pairs[c] += 1
                events.setdefault(c, set()).add(lab)
            key = (min(na, nb), max(na, nb))
            if classes == [C_LINKAGE] and key not in seen:
                seen.add(key)
                for x in _claim_ids(incidents[na]):
                    for y in _claim_ids(incidents[nb]):
                        cross = corroboration_classes(sourced[x], sourced[y], contains, parts)
                        if cross not in ([C_LINKAGE], [C_NO_IDENT]):
                            kept[" + ".join(cross)] += 1
    return {
        "pairs": dict(pairs.most_common()),
        "events": {k: len(v) for k, v in events.items()},
        "kept_apart": {"incident_pairs": len(seen), "by": dict(kept.most_common())},
    }


def _print_corroboration_shape(mode: str, d: dict) -> None:
    print(f"== {mode}: corroboration's lost gold pairs by class: gold incidents, pairs (counts only)")
    for cls, n in sorted(d["pairs"].items(), key=lambda kv: (-d["events"][kv[0]], -kv[1])):
        print(f"  {d['events'][cls]:6d}  {n:5d}  {cls}")
    k = d["kept_apart"]
    print(
        f"  kept apart by complete linkage: {k['incident_pairs']} pairs of incidents;"
        " the conflicting pairs across them:"
    )
    for cls, n in k["by"].items():
        print(f"    {n:5d}  {cls}")


def _print_shape(mode: str, events: list[dict], top: int = 6) -> None:
    total = sum(e["gold_pairs"] for e in events)
    print(
        f"== {mode}: gold incidents told more than once ({len(events)}), largest first ({total} gold pairs)"
    )
    for n, e in enumerate(events[:top], 1):
        joined = e["causes"].get("joined", 0)
        rest = "; ".join(f"{k} {v}" for k, v in e["causes"].items() if k != "joined")
        print(
            f"  #{n}: {e['claims']} claims ({e['matched']} matched) in {e['predicted_incidents']} incidents,"
            f" {e['gold_pairs']} pairs ({e['gold_pairs'] / total:.0%} of all), joined {joined}; {rest or '-'}"
        )
    head = sum(e["gold_pairs"] for e in events[:top])
    print(f"  the {min(top, len(events))} largest hold {head / total:.0%} of the gold pairs")


_EXTRACTION = "(a) extraction: a gold claim no extracted claim matches"

# Why the scorer matched no extracted claim to a gold claim (it pairs claims of one family whose
# places agree, best fields first): the classes of (a), in the order the scorer's tests fail.
MISSED = "missed: no extracted claim in the gold claim's span"
FAMILY = "family: the extracted claim in its span is of another event family"
PLACE_NONE = "place: the extracted claim gives no place, gold names one"
PLACE_EXTRA = "place: the extracted claim names a place, gold gives none"
PLACE_COARSER = "place: the extracted claim gives a coarser place around the gold one"
PLACE_OTHER = "place: the extracted claim names another place"
TAKEN = "taken: the extracted claim in its span was matched to another gold claim"
_RANK = {"exact": 0, "neighbourhood": 1, "town": 2, "district": 3, "governorate": 4, "country": 5}
_COARSER_KM = 40.0  # a town's point and a neighbourhood of it, a district's and a town in it


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _place_class(sc, p: dict, g: dict) -> str:
    pp, gp = p.get("places") or [], g.get("places") or []
    if not pp:
        return PLACE_NONE
    if not gp:
        return PLACE_EXTRA
    for x in pp:
        for y in gp:
            a, b = sc.coords(x), sc.coords(y)
            coarser = _RANK.get(x.get("precision"), 2) > _RANK.get(y.get("precision"), 2)
            if coarser and a and b and sc.km(a, b) <= _COARSER_KM:
                return PLACE_COARSER
    return PLACE_OTHER


def date_class(sc, p: dict | None, g: dict) -> str:
    """How an extracted claim's date stands to its gold claim's: none, within a day, or n days off."""
    gs = sc.parse_day((g.get("time") or {}).get("start"))
    if gs is None:
        return "gold gives no date"
    ps = sc.parse_day(((p or {}).get("time") or {}).get("start"))
    if ps is None:
        return "no date extracted"
    n = abs((ps - gs).days)
    if n <= 1:
        return "within a day"
    return "2-3 days off" if n <= 3 else "4-7 days off" if n <= 7 else "over a week off"


def extraction_class(sc, g: dict, span: tuple[int, int], preds: list[dict], used: set[int]):
    """(class, the extracted claim the class is about or None) for a gold claim the scorer left unmatched.

    The extracted claims whose spans overlap the gold claim's are its candidates: none is a missed
    sentence; none of the gold claim's family a family miss; of its family but no place the scorer
    accepts a place miss (none, extra, coarser or other); one the scorer would accept, matched to
    another gold claim, is taken."""
    near = sorted(
        (i for i, p in enumerate(preds) if _overlap(tuple(p.get("span") or (0, 0)), span) > 0),
        key=lambda i: -_overlap(tuple(preds[i].get("span") or (0, 0)), span),
    )
    if not near:
        return MISSED, None
    fam = [i for i in near if sc.family(preds[i].get("event_type")) == sc.family(g.get("event_type"))]
    if not fam:
        return FAMILY, preds[near[0]]
    agree = [i for i in fam if sc.places_agree(preds[i].get("places"), g.get("places"))]
    if agree:
        return TAKEN, preds[agree[0]]
    return _place_class(sc, preds[fam[0]], g), preds[fam[0]]


# The corroboration classes of (b), after issue 15 item 4's list: every test a lost pair fails (a
# pair may fail several), counted in pairs, pairs failing that class alone, and gold incidents.
C_FAMILIES = "families differ (shelling vs execution, clash vs killing)"
C_TYPES = "types of one family that do not fit"
C_REPORT_DAY = "dates: one claim dated only by its report's day, the other earlier"
C_DATES = "dates: otherwise a day or more apart"
C_NO_DATE = "dates: a claim without a date, across reports"
C_PRECISION = "places: one coarser around the other (governorate vs town, city vs neighbourhood)"
C_NEIGHBOURS = "places: two neighbourhoods of one city"
C_NEAR_TOWNS = "places: two towns near each other (<= 30 km)"
C_PLACES = "places: apart, or a claim without a place across reports"
C_RISING = "tolls: an early toll beside a later, larger one (beyond a plausible rise)"
C_TOLLS = "tolls: otherwise cannot be one"
C_ONE_REPORT = "one report's rule (told apart, other days, two weapons counted)"
C_NO_IDENT = "fit but do not identify one event (no toll or site on both sides)"
C_LINKAGE = "complete linkage: the pair fits and identifies, another member keeps it apart"
C_KIND = "kinds differ (an incident beside a status)"
_NEAR_TOWNS_KM = 30.0
_PRECISION_KM = 120.0


def _place_rel_class(x, y) -> str:
    """Why two claims' places do not meet, by the closest two of their places."""
    from tawthiq.geo import km

    best = None
    # at the finest places each gives (two neighbourhoods of one city share the city: no matter)
    xs = x.where.specific if x.where.specific and y.where.specific else (*x.where.specific, *x.where.areas)
    ys = y.where.specific if x.where.specific and y.where.specific else (*y.where.specific, *y.where.areas)
    for p in xs:
        for q in ys:
            if None in (p.lat, p.lon, q.lat, q.lon):
                continue
            d = km(p.lat, p.lon, q.lat, q.lon)
            if best is None or d < best[0]:
                best = (d, p.rank, q.rank)
    if best is None:
        return C_PLACES
    d, ra, rb = best
    if ra != rb:
        return C_PRECISION if d <= _PRECISION_KM else C_PLACES
    if ra <= 1:
        return C_NEIGHBOURS if d <= 10.0 else C_PLACES
    return C_NEAR_TOWNS if d <= _NEAR_TOWNS_KM else C_PLACES


def corroboration_classes(a, b, contains, parts: frozenset[int] = frozenset()) -> list[str]:
    """Every class of (b) two extracted claims put into different incidents fall in (see the C_ names)."""
    from tawthiq.corroborate import _fit as cl
    from tawthiq.corroborate._bridges import _report_day
    from tawthiq.corroborate._items import relation
    from tawthiq.corroborate._numbers import counts_compatible, toll_update, windows_meet
    from tawthiq.corroborate._parts import as_part

    x, y = _items_of(a, b, parts)
    if x.kind != y.kind:  # a status never joins an incident, whatever else fits
        return [C_KIND]
    out = []
    rel = relation(x, y, contains)
    if not cl.same_family(x, y):
        out.append(C_FAMILIES)
    elif not cl.types_fit(x, y) and rel != "same":
        out.append(C_TYPES)
    if x.window is None or y.window is None:
        if x.report != y.report:
            out.append(C_NO_DATE)
    elif not windows_meet(x.window, y.window):
        early = [
            (u, v)
            for u, v in ((x, y), (y, x))
            if _report_day(u) and v.window is not None and v.window[1] < u.window[0]
        ]
        out.append(C_REPORT_DAY if early else C_DATES)
    if rel is None:
        out.append(_place_rel_class(x, y))
    elif rel == "unknown" and x.report != y.report:
        out.append(C_PLACES)
    fx, fy = a.claim.fatalities, b.claim.fatalities
    px = as_part(fx) if x.part and fx is not None else fx  # a part of its report's toll: a floor
    py = as_part(fy) if y.part and fy is not None else fy
    if not counts_compatible(px, py, factor=4.0 if rel == "same" else 2.0) and not (
        cl.types_fit(x, y) and toll_update(a, b)  # a later report's larger toll, as it rose
    ):
        (small, big) = (x, y) if (fx.low or 0) <= (fy.low or 0) else (y, x)
        later = (small.sc.published or date.min) < (big.sc.published or date.min)
        out.append(
            C_RISING
            if later or cl._floor_if_early(small.sc.claim.fatalities, small) != small.sc.claim.fatalities
            else C_TOLLS
        )
    if out:
        return out
    judged = cl.judge_full(x, y, contains)
    if judged is None:
        return [C_ONE_REPORT if x.report == y.report else C_TOLLS]
    return [C_LINKAGE if judged[1] else C_NO_IDENT]


_KIND = "(c) other: an extracted claim matched to a gold incident claim is a tally or a status"


def _decompose(pipe: dict, pipe_incidents, gold: dict, gold_incidents) -> dict:
    """Every gold pair the pipeline loses, in three parts (tune side only).

    (a) extraction: one or both gold claims have no matched extracted claim; (b) corroboration: both
    are matched (as incident claims) but put into different incidents, by the first test of
    :func:`_reason` the two extracted claims fail, each split by whether the *gold* claims of the
    pair are joined when the gold claims are corroborated (then the extracted fields moved them
    apart: a wrong date, place, type or toll) or not (then a corroboration rule keeps them apart
    even with the annotators' fields); (c) other: a matched extracted claim has another kind.
    Counted in pairs and in gold incidents (one large event can weigh hundreds of pairs).
    """
    from collections import Counter

    from tawthiq.gazetteer import load_gazetteer

    contains = load_gazetteer().contains
    label, claim_gold, sourced = pipe["label"], pipe["claim_gold"], pipe["sourced"]
    parts = _part_ids(sourced, contains)
    pred_of = {k: cid for cid, k in claim_gold.items()}
    where = {cid: n for n, inc in enumerate(pipe_incidents) for cid in _claim_ids(inc)}
    gold_where = {
        gold["claim_gold"][cid]: n for n, inc in enumerate(gold_incidents) for cid in _claim_ids(inc)
    }
    by_label: dict[str, list[int]] = {}
    for k, lab in label.items():
        by_label.setdefault(lab, []).append(k)
    pairs: Counter[str] = Counter()
    events: dict[str, set[str]] = {}
    around = pipe.get("around") or {}
    sc = extract_eval._scorer() if around else None
    # (a) by class: each unmatched gold claim's class; a pair is counted under its unmatched claims'
    # class ("two classes" when its two claims are unmatched for different reasons)
    classes: dict[int, str] = {}
    near_of: dict[int, dict | None] = {}
    ext_pairs: Counter[str] = Counter()
    ext_events: dict[str, set[str]] = {}
    ext_claims: Counter[str] = Counter()
    families: Counter[str] = Counter()  # gold family -> extracted family, for the family class
    dates: Counter[str] = Counter()  # the date of the extracted claim a class is about
    kinds: Counter[str] = Counter()  # its kind beside the gold claim's
    missed: Counter[str] = Counter()  # missed gold claims by language and gold event type
    for k in {k for ks in by_label.values() if len(ks) > 1 for k in ks} - set(pred_of):
        if k not in around:
            continue
        g, span, preds, used, language = around[k]
        cls, near = extraction_class(sc, g, span, preds, used)
        classes[k], near_of[k] = cls, near
        ext_claims[cls] += 1
        if cls == MISSED:
            missed[f"{language} {g.get('event_type')}"] += 1
        if near is not None:
            dates[date_class(sc, near, g)] += 1
            kinds[f"gold {g.get('kind')}, extracted {near.get('kind')}"] += 1
            if cls == FAMILY:
                families[f"{sc.family(g.get('event_type'))} -> {sc.family(near.get('event_type'))}"] += 1
    b_dates: Counter[str] = Counter()  # (b) pairs apart on dates: the worse of the two extracted dates
    b_pairs: Counter[str] = Counter()  # (b) by class (every class a pair falls in)
    b_alone: Counter[str] = Counter()  # of which that class alone
    b_events: dict[str, set[str]] = {}
    for lab, ks in by_label.items():
        for a, b in combinations(sorted(ks), 2):
            pa, pb = pred_of.get(a), pred_of.get(b)
            if pa is None or pb is None:
                part = _EXTRACTION
                if classes:
                    cls_ = {classes[k] for k in (a, b) if k in classes}
                    name = cls_.pop() if len(cls_) == 1 else "two classes (one per claim)"
                    ext_pairs[name] += 1
                    ext_events.setdefault(name, set()).add(lab)
            elif sourced[pa].claim.kind != "incident" or sourced[pb].claim.kind != "incident":
                part = _KIND
            elif where.get(pa) is not None and where.get(pa) == where.get(pb):
                part = "joined (a true pair)"
            else:
                gold_joined = gold_where.get(a) is not None and gold_where.get(a) == gold_where.get(b)
                why = _reason(sourced[pa], sourced[pb], contains, parts).replace(" (same report)", "")
                cls_b = corroboration_classes(sourced[pa], sourced[pb], contains, parts)
                for c_ in cls_b:
                    b_pairs[c_] += 1
                    b_alone[c_] += len(cls_b) == 1
                    b_events.setdefault(c_, set()).add(lab)
                why = why.replace(" (across reports)", "")
                part = (
                    "(b) corroboration: "
                    + why
                    + (
                        " | gold claims joined: extracted fields differ"
                        if gold_joined
                        else " | gold claims apart too: the rule"
                    )
                )
                if around and why == "dates apart":
                    order = ["within a day", "gold gives no date", "2-3 days off", "4-7 days off"]
                    order += ["over a week off", "no date extracted"]
                    pair_dates = [
                        date_class(sc, sourced[p_].claim.contract(), around[k_][0])
                        for p_, k_ in ((pa, a), (pb, b))
                    ]
                    b_dates[max(pair_dates, key=order.index)] += 1
            pairs[part] += 1
            events.setdefault(part, set()).add(lab)
    paired = [k for ks in by_label.values() if len(ks) > 1 for k in ks]
    return {
        "pairs": dict(pairs),
        "events": {k: len(v) for k, v in events.items()},
        "extraction": {
            "pairs": dict(ext_pairs),
            "events": {k: len(v) for k, v in ext_events.items()},
            "claims": dict(ext_claims),
            "families": dict(families),
            "dates": dict(dates),
            "kinds": dict(kinds),
            "dates_apart": dict(b_dates),
            "missed": dict(missed),
        },
        "corroboration": {
            "pairs": dict(b_pairs),
            "alone": dict(b_alone),
            "events": {k: len(v) for k, v in b_events.items()},
        },
        "gold_pairs": sum(pairs.values()),
        # the claims behind (a): gold incident claims of incidents told more than once, and how many
        # of them an extracted claim matches
        "gold_claims": len(paired),
        "matched_claims": sum(1 for k in paired if k in pred_of),
    }


FALSE_UNMATCHED = "an extracted claim no gold claim matches (extraction's: not a gold claim, or not matched)"
FALSE_NOT_INCIDENT = "a gold claim of no incident label (a tally, a status)"
FALSE_TWO_EVENTS = "two gold incidents joined"


def false_pairs(show: dict, incidents) -> Counter[str]:
    """The pipeline's false pairs by class, and by one report or two (tune side only).

    Counted as :func:`evaluate` counts them (a pair of gold claims once, however many extracted
    claims stand for it), so the classes add up to predicted minus true pairs."""
    label, claim_gold, sourced = show["label"], show["claim_gold"], show["sourced"]
    seen: dict[frozenset, str] = {}
    for inc in incidents:
        for x, y in combinations(_claim_ids(inc), 2):
            a, b = claim_gold.get(x), claim_gold.get(y)
            if a is None or b is None:
                key = frozenset((("x", id(inc), a), ("x", id(inc), b)))
                cls = FALSE_UNMATCHED
            elif a == b or (label.get(a) is not None and label.get(a) == label.get(b)):
                continue
            else:
                key = frozenset((a, b))
                cls = FALSE_NOT_INCIDENT if label.get(a) is None or label.get(b) is None else FALSE_TWO_EVENTS
            same = sourced[x].report.sha256 == sourced[y].report.sha256
            seen.setdefault(key, f"{cls} ({'one report' if same else 'two reports'})")
    return Counter(seen.values())


def _print_decompose(d: dict) -> None:
    total = d["gold_pairs"]
    print(f"== the pipeline's gold pairs ({total}) by what became of them (tune side)")
    print(f"  {'pairs':>5s}  {'share':>5s}  {'events':>6s}")
    for part, n in sorted(d["pairs"].items(), key=lambda kv: (kv[0][:3], -kv[1])):
        print(f"  {n:5d}  {n / total:5.1%}  {d['events'][part]:6d}  {part}")
    for head in ("joined", "(a)", "(b)", "(c)"):
        n = sum(v for k, v in d["pairs"].items() if k.startswith(head))
        print(f"  {head:7s} {n:5d} pairs ({n / total:.1%})")
    print(
        f"  gold incident claims of events told more than once: {d['gold_claims']},"
        f" matched by an extracted claim: {d['matched_claims']}"
    )
    b = d.get("corroboration") or {}
    if b.get("pairs"):
        print(
            "== (b) by class, widest first: gold incidents, pairs (a pair may fall in several),"
            " pairs of that class alone"
        )
        for cls, n in sorted(b["pairs"].items(), key=lambda kv: (-b["events"][kv[0]], -kv[1])):
            print(f"  {b['events'][cls]:6d}  {n:5d}  {b['alone'].get(cls, 0):5d}  {cls}")
    x = d.get("extraction") or {}
    if not x.get("claims"):
        return
    print("== (a) by class: pairs, events, unmatched gold claims")
    for cls, n in sorted(x["pairs"].items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {x['events'][cls]:6d}  {x['claims'].get(cls, 0):6d}  {cls}")
    for title, key in (
        ("missed class: the gold claims by language and event type (claims)", "missed"),
        ("family class: gold family -> extracted family (claims)", "families"),
        ("the extracted claim beside an unmatched gold claim: its date (claims)", "dates"),
        ("the extracted claim beside an unmatched gold claim: its kind (claims)", "kinds"),
        ("(b) dates apart: the worse of the pair's two extracted dates against gold (pairs)", "dates_apart"),
    ):
        if x.get(key):
            print(f"== {title}")
            for k, n in sorted(x[key].items(), key=lambda kv: -kv[1]):
                print(f"  {n:5d}  {k}")


def _claim_ids(inc) -> list[int]:
    return [*inc.claim_ids, *inc.contradicting_claim_ids]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["tune", "measure"])
    ap.add_argument("--lang", choices=["en", "ar"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--show",
        choices=["gold", "pipeline"],
        help="print per-incident diagnostics of one mode (tune side only: never look at measure items)",
    )
    ap.add_argument(
        "--why",
        choices=["gold", "pipeline"],
        help="count the gold pairs one mode loses by their first cause (tune side only)",
    )
    ap.add_argument(
        "--cross",
        action="store_true",
        help="with --why: only the pairs of an Arabic and an English claim, each lost one listed",
    )
    ap.add_argument(
        "--decompose",
        action="store_true",
        help="split the pipeline's lost gold pairs into extraction, corroboration (by reason) and other"
        " (tune side only)",
    )
    ap.add_argument(
        "--shape",
        action="store_true",
        help="per gold incident (counts only, no names or text, so also on the measure side): its share"
        " of the gold pairs, how many each mode joins and why the rest are lost; the pipeline's false"
        " pairs by class",
    )
    args = ap.parse_args(argv)
    if (args.show or args.why or args.decompose) and args.split != "tune":
        ap.error(
            "--show, --why and --decompose need --split tune: the measure side is scored, never looked at"
        )
    if not ann.CORPUS.exists():
        print(f"incident_eval: {ann.SHARED} is absent; nothing to score", file=sys.stderr)
        return 0
    items = ann.load(args.lang, args.split)
    if not items:
        print("incident_eval: no annotations match", file=sys.stderr)
        return 1
    out: dict = {}
    shown: dict[str, tuple[dict, list]] = {}
    for mode in ("gold", "pipeline"):
        show: dict = {}
        tp, npred, ngold, incidents, (ctp, cpred, cgold) = evaluate(items, mode, show)
        bp, br = bcubed(show["label"], show["claim_gold"], incidents)
        if args.show == mode:
            _show(show, incidents)
        if args.why == mode:
            _why(show, incidents, cross=args.cross)
        shown[mode] = (show, incidents)
        if args.shape:
            out.setdefault("shape", {})[mode] = shape(show, incidents)
            if mode == "pipeline":  # counts by class only, like the rest of --shape
                out["shape"]["false_pairs"] = dict(false_pairs(show, incidents).most_common())
            out["shape"][f"{mode}_classes"] = corroboration_shape(show, incidents)
            if not args.json:
                _print_shape(mode, out["shape"][mode])
                _print_corroboration_shape(mode, out["shape"][f"{mode}_classes"])
                if mode == "pipeline":
                    print(f"== pipeline: its false pairs ({npred - tp}) by class")
                    for cls, n in out["shape"]["false_pairs"].items():
                        print(f"  {n:5d}  {cls}")
        if args.decompose and mode == "pipeline":
            print(f"== the pipeline's false pairs ({npred - tp}) by class (tune side)")
            for cls, n in false_pairs(show, incidents).most_common():
                print(f"  {n:5d}  {cls}")
        out[mode] = {
            "texts": len(items),
            "incidents": sum(1 for i in incidents if i.kind == "incident"),
            "pairwise_precision": round(tp / npred, 3) if npred else 1.0,
            "pairwise_recall": round(tp / ngold, 3) if ngold else 1.0,
            "true_pairs": tp,
            "predicted_pairs": npred,
            "gold_pairs": ngold,
            # per gold claim, not per pair: a large incident weighs by its claims, not their square
            "bcubed_precision": bp,
            "bcubed_recall": br,
            # the pairs whose two claims come from an Arabic and an English text
            "cross_language": {
                "pairwise_precision": round(ctp / cpred, 3) if cpred else 1.0,
                "pairwise_recall": round(ctp / cgold, 3) if cgold else 1.0,
                "true_pairs": ctp,
                "predicted_pairs": cpred,
                "gold_pairs": cgold,
            },
        }
    if args.decompose:
        out["decompose"] = _decompose(*shown["pipeline"], *shown["gold"])
        if not args.json:
            _print_decompose(out["decompose"])
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    for mode in ("gold", "pipeline"):
        r = out[mode]
        what = "corroboration of gold claims" if mode == "gold" else "extract → corroborate"
        print(
            f"{what:30s} texts {r['texts']:3d}  incidents {r['incidents']:3d}  "
            f"pairwise P {r['pairwise_precision']:.3f}  R {r['pairwise_recall']:.3f}  "
            f"(true {r['true_pairs']}, predicted {r['predicted_pairs']}, gold {r['gold_pairs']})"
        )
        b = f"P {r['bcubed_precision']:.3f}  R {r['bcubed_recall']:.3f}"
        print(f"{'  B-cubed (per gold claim)':30s} {'':25s}  {b}")
        c = r["cross_language"]
        print(
            f"{'  of which Arabic ~ English':30s} {'':25s}  "
            f"pairwise P {c['pairwise_precision']:.3f}  R {c['pairwise_recall']:.3f}  "
            f"(true {c['true_pairs']}, predicted {c['predicted_pairs']}, gold {c['gold_pairs']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
