"""Write the demo lists: three invented lists of people killed or missing in East Aleppo, Dec 2016.

In: nothing (a fixed random seed). Out, beside this file: ``aleppo_killed_vdc.csv`` (Arabic
headers, Arabic-Indic digits), ``aleppo_victims_en.xlsx`` (English headers, Arabic and Latin
names, Excel dates), ``aleppo_missing.csv`` (name parts, missing and detained), and
``aleppo_field_hospital.jsonl`` (a field hospital's register, JSON lines), and
``truth.csv``, the answer key (which records are one person) for tests and estimation.
Never: uses a real person. Every name is drawn at random from common given names and family
names, so any resemblance to a real person is chance; the lists exist to show the traps.

Run ``python src/tawthiq/demo/lists/generate.py`` to rebuild them (the output is deterministic).

The traps, on purpose: hamza and alef forms (أحمد/احمد), ة/ه and ى/ي endings, tatweel
(محمـــد), "Abd al-" compounds spaced or joined (عبد الله/عبدالله; Abdullah/Abd al-Lah),
a dropped grandfather's name, one-letter typos, Latin spellings that differ list to list
(Mohammad/Muhammad, al-Halabi/Halabi), ages off by one, Arabic-Indic digits, and brothers
who share every name but the first (killed the same day, in the same place: not one person).
Capture: each killed person is on the first list with probability ~0.55 and on the second
with ~0.45, more often when older and male (a little heterogeneity, as in real lists).
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2016_12_13

# (Arabic, Latin spellings) — common names, combined at random.
MALE = [
    ("محمد", ["Mohammad", "Muhammad", "Mohamed", "Mohammed"]),
    ("أحمد", ["Ahmad", "Ahmed"]),
    ("عبد الله", ["Abdullah", "Abd al-Lah", "Abdallah"]),
    ("عبد الرحمن", ["Abd al-Rahman", "Abdulrahman"]),
    ("عبد القادر", ["Abd al-Qader", "Abdulkader"]),
    ("خالد", ["Khaled", "Khalid"]),
    ("عمر", ["Omar", "Umar"]),
    ("علي", ["Ali"]),
    ("حسن", ["Hasan", "Hassan"]),
    ("حسين", ["Hussein", "Husain"]),
    ("مصطفى", ["Mustafa", "Moustafa"]),
    ("ياسر", ["Yaser", "Yasser"]),
    ("سامر", ["Samer"]),
    ("باسل", ["Basel", "Basil"]),
    ("وليد", ["Walid", "Waleed"]),
    ("محمود", ["Mahmoud", "Mahmud"]),
    ("إبراهيم", ["Ibrahim", "Ebrahim"]),
    ("يوسف", ["Yousef", "Yusuf"]),
    ("عمار", ["Ammar"]),
    ("أنس", ["Anas"]),
    ("بلال", ["Bilal", "Belal"]),
    ("حمزة", ["Hamza", "Hamzeh"]),
    ("طارق", ["Tareq", "Tariq"]),
    ("زكريا", ["Zakaria", "Zakariya"]),
    ("فراس", ["Firas", "Feras"]),
    ("مازن", ["Mazen"]),
    ("جمال", ["Jamal"]),
    ("رامي", ["Rami"]),
    ("نزار", ["Nizar"]),
    ("عدنان", ["Adnan"]),
    ("أبو بكر", ["Abu Bakr", "Aboubakr"]),
    ("صالح", ["Saleh", "Salih"]),
    ("عيسى", ["Issa", "Eisa"]),
    ("مرعي", ["Marai"]),
    ("هيثم", ["Haitham", "Haytham"]),
]
FEMALE = [
    ("فاطمة", ["Fatima", "Fatmeh"]),
    ("عائشة", ["Aisha", "Aysha"]),
    ("مريم", ["Maryam", "Mariam"]),
    ("هدى", ["Huda", "Houda"]),
    ("رنا", ["Rana"]),
    ("سعاد", ["Suad", "Souad"]),
    ("نور", ["Nour", "Noor"]),
    ("آمنة", ["Amina", "Amneh"]),
    ("خديجة", ["Khadija", "Khadijeh"]),
    ("زينب", ["Zainab", "Zeinab"]),
    ("رهف", ["Rahaf"]),
    ("سلمى", ["Salma"]),
    ("لينا", ["Lina"]),
    ("هبة", ["Hiba", "Heba"]),
    ("ريم", ["Reem", "Rim"]),
    ("إيمان", ["Iman", "Eman"]),
    ("أسماء", ["Asmaa", "Asma"]),
    ("ولاء", ["Walaa"]),
]
FAMILY = [
    ("الحلبي", ["al-Halabi", "Halabi", "el-Halabi"]),
    ("قصاب", ["Qassab", "Kassab"]),
    ("النجار", ["al-Najjar", "Najjar"]),
    ("الحداد", ["al-Haddad", "Haddad"]),
    ("الخطيب", ["al-Khatib", "Khatib"]),
    ("عثمان", ["Othman", "Uthman"]),
    ("شحادة", ["Shehadeh", "Shahada"]),
    ("سلوم", ["Salloum", "Sallum"]),
    ("بكور", ["Bakkour", "Bakour"]),
    ("درويش", ["Darwish", "Darweesh"]),
    ("الكردي", ["al-Kurdi", "Kurdi"]),
    ("طحان", ["Tahhan", "Tahan"]),
    ("زيدان", ["Zaidan", "Zeidan"]),
    ("السكري", ["al-Sukkari", "Sukkari"]),
    ("الحريري", ["al-Hariri", "Hariri"]),
    ("الجاسم", ["al-Jasem", "Jassem"]),
    ("حمادي", ["Hamadi", "Hammadi"]),
    ("عبد الغني", ["Abd al-Ghani", "Abdulghani"]),
    ("المصري", ["al-Masri", "Masri"]),
    ("دباغ", ["Dabbagh", "Debbagh"]),
    ("حجازي", ["Hijazi", "Hejazi"]),
    ("الشيخ علي", ["al-Sheikh Ali", "Sheikh Ali"]),
]
PLACES = [
    ("الفردوس", "Fardous"),
    ("الصالحين", "Saliheen"),
    ("الكلاسة", "Kallaseh"),
    ("بستان القصر", "Bustan al-Qasr"),
    ("الشعار", "al-Shaar"),
    ("المشهد", "al-Mashhad"),
    ("السكري", "Sukkari"),
    ("الأنصاري", "al-Ansari"),
]
TRANSLIT = {ar: lat for ar, lat in MALE + FEMALE + FAMILY}
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _person(rng: random.Random, n: int) -> dict:
    female = rng.random() < 0.27
    given = rng.choice(FEMALE if female else MALE)[0]
    return {
        "n": n,
        "female": female,
        "given": given,
        "father": rng.choice(MALE)[0],
        "grandfather": rng.choice(MALE)[0],
        "family": rng.choice(FAMILY)[0],
        "age": rng.choice(
            [rng.randint(1, 17), rng.randint(18, 45), rng.randint(18, 45), rng.randint(46, 80)]
        ),
        "date": date(2016, 12, 1) + timedelta(days=rng.randint(0, 15)),
        "place": rng.randrange(len(PLACES)),
    }


def _brothers(rng: random.Random, p: dict, n: int) -> dict:
    """A sibling: every name but the first is the same; killed the same day, same place."""
    sib = dict(p, n=n, female=False, given=rng.choice([g for g, _ in MALE if g != p["given"]]))
    sib["age"] = max(1, p["age"] + rng.choice([-6, -4, -3, 2, 5, 8]))
    return sib


def _vary_arabic(rng: random.Random, text: str, rate: float) -> str:
    """Spelling the way another documenter would: hamza, endings, compounds, a typo."""
    if rng.random() < rate:
        text = text.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if rng.random() < rate:
        text = text.replace("ة", "ه")
    if rng.random() < rate:
        text = text.replace("ى", "ي")
    if rng.random() < rate:
        text = text.replace("عبد ", "عبد").replace("أبو ", "ابو").replace("ابو ", "ابو")
    if rng.random() < rate / 3:
        words = text.split()
        i = rng.randrange(len(words))
        if len(words[i]) > 3:  # one letter dropped or doubled
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = (
                words[i][:j] + words[i][j + 1 :]
                if rng.random() < 0.5
                else words[i][:j] + words[i][j] + words[i][j:]
            )
        text = " ".join(words)
    return text


def _arabic(p: dict, *, grandfather: bool = True) -> str:
    parts = [p["given"], p["father"], *([p["grandfather"]] if grandfather else []), p["family"]]
    return " ".join(parts)


def _latin(rng: random.Random, p: dict, *, grandfather: bool) -> str:
    parts = [p["given"], p["father"], *([p["grandfather"]] if grandfather else []), p["family"]]
    return " ".join(rng.choice(TRANSLIT[x]) for x in parts)


def _tatweel(rng: random.Random, text: str) -> str:
    words = text.split()
    i = rng.randrange(len(words))
    if len(words[i]) >= 3 and words[i][1] not in "اأإآدذرزوةى":
        words[i] = words[i][:2] + "ـــ" + words[i][2:]
    return " ".join(words)


def people(rng: random.Random) -> tuple[list[dict], list[dict]]:
    """The invented killed (with sibling pairs) and missing populations."""
    killed: list[dict] = []
    while len(killed) < 170:
        p = _person(rng, len(killed) + 1)
        killed.append(p)
        if rng.random() < 0.08:
            killed.append(_brothers(rng, p, len(killed) + 1))
    missing = [_person(rng, 1000 + i) for i in range(42)]
    return killed, missing


def main() -> None:
    rng = random.Random(SEED)
    killed, missing = people(rng)
    truth: list[tuple[str, str, int]] = []

    def caught(p: dict, base: float) -> bool:
        boost = 0.1 if (p["age"] >= 18 and not p["female"]) else -0.1
        return rng.random() < base + boost

    # 1. Arabic headers, Arabic-Indic digits, tatweel here and there, full four-part names.
    rows1: list[list[str]] = []
    for p in killed:
        if not caught(p, 0.55):
            continue
        rid = f"VDC-{len(rows1) + 101}"
        name = _vary_arabic(rng, _arabic(p), 0.25)
        if rng.random() < 0.12:
            name = _tatweel(rng, name)
        age = p["age"] + (rng.choice([-1, 1]) if rng.random() < 0.1 else 0)
        rows1.append(
            [
                rid,
                name,
                "أنثى" if p["female"] else "ذكر",
                str(age).translate(INDIC),
                p["date"].strftime("%d/%m/%Y").translate(INDIC),
                PLACES[p["place"]][0],
                "شهيد",
            ]
        )
        truth.append(("vdc-aleppo", rid, p["n"]))
    with (HERE / "aleppo_killed_vdc.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["الرقم", "الاسم", "الجنس", "العمر", "تاريخ الوفاة", "مكان الوفاة", "الحالة"])
        w.writerows(rows1)

    # 2. English headers, Arabic and Latin names (grandfather often dropped), Excel dates.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "victims"
    sheet.append(
        ["ID", "Name (Arabic)", "Name (English)", "Sex", "Age", "Date of death", "Place of death", "Status"]
    )
    n2 = 0
    for p in killed:
        if not caught(p, 0.45):
            continue
        n2 += 1
        gf = rng.random() < 0.5
        age = p["age"] + (rng.choice([-1, 1]) if rng.random() < 0.15 else 0)
        sheet.append(
            [
                5000 + n2,
                _vary_arabic(rng, _arabic(p, grandfather=gf), 0.4),
                _latin(rng, p, grandfather=gf),
                "Female" if p["female"] else "Male",
                age,
                p["date"],
                PLACES[p["place"]][1],
                "killed",
            ]
        )
        sheet.cell(row=sheet.max_row, column=6).number_format = "yyyy-mm-dd"
        truth.append(("victims-en", str(5000 + n2), p["n"]))
    book.save(HERE / "aleppo_victims_en.xlsx")

    # 3. Missing and detained, name parts in Arabic, a Latin name; some later found among the killed.
    later_killed = rng.sample(killed, 9)
    rows3: list[list[str]] = []
    for p in missing + later_killed:
        status = "missing" if p in later_killed or rng.random() < 0.6 else "detained"
        seen = p["date"] - timedelta(days=rng.randint(0, 3)) if p in later_killed else p["date"]
        when = seen.strftime("%Y-%m-%d") if len(rows3) != 7 else seen.strftime("%m/%Y")  # one partial date
        parts = {k: _vary_arabic(rng, p[k], 0.3) for k in ("given", "father", "grandfather", "family")}
        rows3.append(
            [
                f"M{len(rows3) + 1:03d}",
                parts["given"],
                parts["father"],
                parts["grandfather"],
                parts["family"],
                _latin(rng, p, grandfather=True),
                "f" if p["female"] else "m",
                p["age"],
                when,
                PLACES[p["place"]][1],
                status,
            ]
        )
        truth.append(("missing-aleppo", f"M{len(rows3):03d}", p["n"]))
    order = list(range(len(rows3)))
    rng.shuffle(order)
    with (HERE / "aleppo_missing.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "ref",
                "first name",
                "father name",
                "grandfather name",
                "family name",
                "name latin",
                "gender",
                "age",
                "date of disappearance",
                "place",
                "status",
            ]
        )
        w.writerows(rows3[i] for i in order)

    # 4. A field hospital's register of the dead, as JSON lines: Arabic names, the grandfather's
    #    name usually missing, ages often estimated. A separate random stream, so lists 1–3 stay
    #    as they were; capture is independent of the other lists (a third "system" for estimation).
    rng4 = random.Random(SEED + 4)
    rows4: list[dict[str, object]] = []
    for p in killed:
        if rng4.random() >= (0.42 if p["age"] >= 18 else 0.3):
            continue
        rid = f"FH-{len(rows4) + 1:04d}"
        gf = rng4.random() < 0.3
        age = p["age"] if rng4.random() < 0.6 else 5 * round(p["age"] / 5)
        rows4.append(
            {"record": rid, "name": _vary_arabic(rng4, _arabic(p, grandfather=gf), 0.3),
             "sex": "f" if p["female"] else "m", "age": age, "date": p["date"].isoformat(),
             "place": PLACES[p["place"]][1], "status": "killed"}
        )  # fmt: skip
        truth.append(("field-hospital", rid, p["n"]))
    import json

    with (HERE / "aleppo_field_hospital.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows4)

    with (HERE / "truth.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["list", "record_id", "person"])
        w.writerows(sorted(truth))
    print(
        f"vdc-aleppo {len(rows1)}, victims-en {n2}, missing-aleppo {len(rows3)}, "
        f"field-hospital {len(rows4)}; killed {len(killed)}"
    )


if __name__ == "__main__":
    main()
