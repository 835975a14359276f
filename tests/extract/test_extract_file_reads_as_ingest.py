"""`tawthiq extract FILE` reads a web page, an e-mail or a chat export as `tawthiq ingest` does.

Before: every file was read as plain text. A web page's claim quoted its markup
("<html><head><title>…"); an e-mail's title was its `From:` line, the sender's name and address
(protected) printed on stdout, and "From" was found as the English town of Frome; a WhatsApp
export's first message, sender and all, was the title, and a sender's name ("Rima") became a
place. Issue 15: "`tawthiq extract FILE` and `tawthiq ingest` read a file the same way".
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tawthiq.cli.main import app

PAGE = (
    '<html><head><title>Strike on Sukkari</title><meta property="article:published_time" '
    'content="2016-12-14T08:00:00Z"></head><body><nav>Home | World</nav><article><h1>Strike on '
    "Sukkari</h1><p>An air strike killed at least 6 civilians in the Sukkari neighbourhood of Aleppo "
    "on Tuesday, the civil defence said.</p></article><footer>Cookies</footer></body></html>"
)
MAIL = (
    "From: Planted Sender <planted-sender@example.org>\nTo: desk@example.org\n"
    "Subject: Shelling in al-Mashhad\nDate: Wed, 14 Dec 2016 09:00:00 +0000\n"
    "Content-Type: text/plain; charset=utf-8\n\n"
    "Shelling killed four civilians in al-Mashhad on Wednesday morning, residents said.\n"
)
CHAT = (
    "12/14/16, 08:15 - Planted Sender: Heavy shelling on al-Mashhad since dawn, three civilians killed\n"
    "12/14/16, 09:02 - Rima: The civil defence says at least 7 people were killed in al-Mashhad\n"
)


def _run(path, *args):
    return CliRunner().invoke(app, ["extract", str(path), "--json", *args])


def test_a_web_page_is_read_as_its_article(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    r = _run(f)
    assert r.exit_code == 0, r.output
    obj = json.loads(r.stdout)
    assert obj["report"] == {"title": "Strike on Sukkari", "published": "2016-12-14"}
    [claim] = obj["claims"]
    assert "<" not in claim["quote"] and claim["fatalities"]["low"] == 6


def test_an_email_is_read_as_its_body_and_subject_never_its_sender(tmp_path):
    f = tmp_path / "mail.eml"
    f.write_text(MAIL, encoding="utf-8")
    r = _run(f)
    assert r.exit_code == 0, r.output
    assert "Planted" not in r.stdout + r.stderr and "planted-sender" not in r.stdout + r.stderr
    obj = json.loads(r.stdout)
    assert obj["report"]["title"] == "Shelling in al-Mashhad"
    [claim] = obj["claims"]
    assert claim["places"][0]["name"] == "al-Mashhad"


def test_a_chat_export_of_several_messages_is_refused_naming_the_file(tmp_path):
    f = tmp_path / "group.txt"
    f.write_text(CHAT, encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f)])
    assert r.exit_code == 1
    assert "group.txt" in r.stderr and "WhatsApp export of 2 reports" in r.stderr
    assert "Planted" not in r.stdout + r.stderr


def test_a_chat_export_of_one_message_is_its_message_without_the_sender(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text(CHAT.splitlines(keepends=True)[0], encoding="utf-8")
    r = _run(f)
    assert r.exit_code == 0, r.output
    assert "Planted" not in r.stdout + r.stderr
    obj = json.loads(r.stdout)
    assert obj["report"]["published"] == "2016-12-14"
    assert obj["claims"] and obj["claims"][0]["quote"].startswith("Heavy shelling")
