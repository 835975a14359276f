"""French, Spanish, Portuguese, Italian, German and Turkish reports are not read as English (issue 15,
bad input: "text in a language the extractor does not read: a clear note, no claims, no crash").

Before session 22 the extractor read any Latin script: a French report of an air strike gave a claim
("Un raid aérien a tué 12 personnes à Idlib" → `attack.air_strike` in Idlib). Now `text.language`
tells English from the rest (English function words, else py3langid). Reports of our own, generated
from templates in each language; English reports, long and short, including headlines with no
function word, are still read.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from tawthiq.cli.main import app
from tawthiq.extract import extract_claims, reads_language
from tawthiq.text.language import latin_language

PLACES = ["Alep", "Idlib", "Douma"]
# per language: a strike report in a few sentences, with a place, a number and a day
TEMPLATES = {
    "fr": (
        "Un raid aérien a tué {n} personnes à {p} mardi, dont des enfants, selon des secouristes. "
        "L'hôpital de la ville a été bombardé et les blessés ont été transférés vers la frontière."
    ),
    "es": (
        "Un bombardeo aéreo mató a {n} personas en {p} el martes, entre ellas niños, según los "
        "rescatistas. El hospital de la ciudad fue alcanzado y los heridos fueron trasladados."
    ),
    "pt": (
        "Um ataque aéreo matou {n} pessoas em {p} na terça-feira, incluindo crianças, segundo os "
        "socorristas. O hospital da cidade foi atingido e os feridos foram levados para a fronteira."
    ),
    "it": (
        "Un raid aereo ha ucciso {n} persone a {p} martedì, tra cui bambini, secondo i soccorritori. "
        "L'ospedale della città è stato colpito e i feriti sono stati trasferiti al confine."
    ),
    "de": (
        "Ein Luftangriff hat am Dienstag in {p} {n} Menschen getötet, darunter Kinder, sagten Helfer. "
        "Das Krankenhaus der Stadt wurde getroffen und die Verletzten wurden an die Grenze gebracht."
    ),
    "tr": (
        "Salı günü {p} kentine düzenlenen hava saldırısında aralarında çocukların da bulunduğu {n} kişi "
        "hayatını kaybetti. Kentteki hastane de vuruldu ve yaralılar sınıra taşındı."
    ),
}
ENGLISH = [
    "An air strike killed {n} people in {p} on Tuesday, including children, rescuers said.",
    "BREAKING: Russian airstrikes kill {n} civilians, wound 30 across {p} countryside - SOHR",
    "{p}: {n} killed",
    "Activists reported {n} dead after barrel bombs hit a market in {p}; the toll may rise.",
]
FILLS = list(zip((12, 20, 7), PLACES, strict=True))
CASES = [(lang, t.format(n=n, p=p)) for lang, t in TEMPLATES.items() for n, p in FILLS]
DAY = date(2016, 12, 13)


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_another_latin_language_is_not_read_and_gives_no_claim(lang, text):
    assert latin_language(text) == lang
    assert not reads_language(text)
    assert extract_claims(text, DAY) == []


@pytest.mark.parametrize("text", [t.format(n=n, p=p) for t in ENGLISH for n, p in FILLS])
def test_english_long_or_short_is_still_read(text):
    assert reads_language(text)
    assert extract_claims(text.replace("Alep", "Aleppo"), DAY)  # a strike and its toll: a claim


@pytest.mark.parametrize(("lang", "text"), CASES[::3])
def test_extract_file_says_why_there_are_no_claims(tmp_path, lang, text):
    f = tmp_path / f"{lang}.txt"
    f.write_text(f"DATE: 2016-12-13\n\n{text}\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(f), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["claims"] == []
    assert f"{f}: neither English nor Arabic text: no claims" in r.stderr


def test_a_workspace_notes_each_report_in_another_language_and_reads_the_english_one(
    cli, workspace, tmp_path
):
    folder = tmp_path / "in"
    folder.mkdir()
    for lang, text in CASES[::3]:
        (folder / f"{lang}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH[0].format(n=12, p="Aleppo") + "\n", encoding="utf-8")
    cli(workspace, "ingest", str(folder), "--published", "2016-12-13")
    r = cli(workspace, "extract", "--json")
    notes = {x["file"]: (x["claims"], x["note"]) for x in json.loads(r.stdout)}
    assert notes["en.txt"][0] >= 1 and notes["en.txt"][1] is None
    for lang in TEMPLATES:
        assert notes[f"{lang}.txt"] == (0, "neither English nor Arabic text: no claims")


@pytest.mark.parametrize(("lang", "text"), CASES)
def test_ingest_does_not_store_another_latin_language_as_english(lang, text):
    # before: "aérien" was split at its accent into an English "a", and French and Portuguese
    # reports were stored as English
    from tawthiq.ingest import detect_language

    assert detect_language(text) == "und"
