"""HTML pages: bytes in, one Draft out (title kept, boilerplate stripped). Pure.

Text is read in time linear in the page (see :func:`_leaf_blocks`), however deep the nesting.

Boilerplate removal uses selectolax (a real HTML5 parser, Lexbor): scripts, styles, navigation,
headers, footers, asides, forms and iframes are dropped; the text comes from ``<article>``,
else ``<main>``, else ``<body>``, one line per block element. The title is ``og:title``,
else ``<title>``, else the first ``<h1>``. A publication date is read from
``article:published_time`` / ``datePublished`` / ``<time datetime>`` when present.

A file that opens ``<html>`` (or ``<body>``) but never closes it, or ends inside a tag, is
refused as truncated: a cut-off download must not pass for the whole page.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from tawthiq.errors import ParseError
from tawthiq.ingest._text import decode_text, detect_language
from tawthiq.ingest._types import Draft, ReadContext, Reader
from tawthiq.text.blank import is_blank

__all__ = ["HTML_READER", "html_to_text", "read_html"]

_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, template, button"
_BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, th, dd, dt, address"
_WS = re.compile(r"[ \t\u00a0\r\n]+")
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="pubdate"]',
)


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _container(tree: HTMLParser) -> Node | None:
    for sel in ("article", "main", '[role="main"]', "body"):
        node = tree.css_first(sel)
        if node is not None:
            return node
    return tree.root


_BLOCK_TAGS = frozenset(t.strip() for t in _BLOCKS.split(","))


def _leaf_blocks(root: Node) -> list[Node]:
    """Block elements holding no other block, in document order: the blocks that speak.

    One pass in document order (parents before children), remembering each element's nearest
    block ancestor, so the cost is linear in the number of elements. Asking each block for the
    blocks inside it (``node.css``) was quadratic: 8,000 nested ``<blockquote>`` took 27 s
    (issue 21).
    """
    nearest: dict[int, int | None] = {}  # element -> its nearest block ancestor (mem_id)
    holds_block: set[int] = set()
    blocks: list[Node] = []
    for node in root.traverse(include_text=False):
        parent = node.parent
        if parent is None or node.mem_id == root.mem_id:
            up = None
        else:
            pid = parent.mem_id
            up = pid if pid in nearest and parent.tag in _BLOCK_TAGS else nearest.get(pid)
        if node.tag in _BLOCK_TAGS:
            blocks.append(node)
            if up is not None:
                holds_block.add(up)
            nearest[node.mem_id] = up
        else:
            nearest[node.mem_id] = up
    return [b for b in blocks if b.mem_id not in holds_block]


def html_to_text(tree: HTMLParser) -> str:
    for node in tree.css(_DROP):
        node.decompose()
    root = _container(tree)
    if root is None:
        return ""
    lines = []
    for node in _leaf_blocks(root):
        text = _clean(node.text(deep=True))
        if text:
            lines.append(text)
    if not lines:  # text straight in <div>s, no block elements
        lines = [t for t in (_clean(x) for x in root.text(separator="\n").split("\n")) if t]
    return "\n\n".join(lines)


def _title(tree: HTMLParser) -> str | None:
    og = tree.css_first('meta[property="og:title"]')
    content = og.attributes.get("content") if og is not None else None
    if content:
        return _clean(content)
    for sel in ("title", "h1"):
        node = tree.css_first(sel)
        if node is not None and _clean(node.text()):
            return _clean(node.text())
    return None


def _published(tree: HTMLParser) -> date | None:
    values = [n.attributes.get("content") for sel in _DATE_META for n in tree.css(sel)]
    values += [n.attributes.get("datetime") for n in tree.css("time[datetime]")]
    for v in values:
        if v and re.match(r"\d{4}-\d{2}-\d{2}", v):
            try:
                return date.fromisoformat(v[:10])
            except ValueError:
                continue
    return None


def _check_complete(text: str, path: Path) -> None:
    lower = text.lower()
    for tag in ("html", "body"):
        if re.search(rf"<{tag}[\s>]", lower) and f"</{tag}>" not in lower:
            raise ParseError(
                f"truncated HTML: <{tag}> is opened but never closed (the file looks cut off)",
                path=path,
                line=text.count("\n") + 1,
            )
    tail = text.rstrip()
    if tail.rfind("<") > tail.rfind(">"):
        raise ParseError("truncated HTML: the file ends inside a tag", path=path, line=text.count("\n") + 1)


def read_html(ctx: ReadContext) -> list[Draft]:
    text, _enc = decode_text(ctx.data, str(ctx.path))
    _check_complete(text, ctx.path)
    tree = HTMLParser(text)
    title = _title(tree)
    published = _published(tree)
    html_node = tree.css_first("html")
    lang_attr = (html_node.attributes.get("lang") or "") if html_node is not None else ""
    body = html_to_text(tree)
    if is_blank(body):  # only rules and marks are no text either (text.blank)
        raise ParseError("no text found in the HTML page", path=ctx.path, field="body")
    lang = lang_attr.split("-")[0].lower() if lang_attr[:2].lower() in ("ar", "en") else detect_language(body)
    return [Draft(body=body, title=title, published_at=published, language=lang)]


def _accepts(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    h = head[:1024].lstrip().lower()
    return h.startswith(b"<!doctype html") or h.startswith(b"<html")


HTML_READER = Reader(
    name="html", channel="html", media_type="text/html", accepts=_accepts, read=read_html, priority=20
)
