#!/usr/bin/env python3
"""Is extraction linear in text length? Time `extract_claims` on 10 KB, 100 KB, 1 MB and 10 MB texts.

In: nothing but the extractor: the texts are generated here from invented sentences (no article
text), English or Arabic, joined on ONE line (the worst case for line-based splitting and for
regexes that scan a whole line). The Arabic sentences carry a toll that changes from one sentence
to the next (5 to 995), so that a long text holds thousands of claims that are not restatements of
each other. Out: the CPU seconds of this process (time.process_time) per size and the growth ratio
from one size to the next (10 means linear: ten times the text, ten times the time). Never: writes
anything.

    python benchmarks/extract_speed.py                    # English, 10 KB .. 10 MB, one line
    python benchmarks/extract_speed.py --lines            # the same text, one sentence a line
    python benchmarks/extract_speed.py --max 1000000      # stop at 1 MB
    python benchmarks/extract_speed.py --language both --max 1000000   # English, then Arabic
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

# Invented facts in the shapes reports use: tolls, places (Syrian and elsewhere), attributions,
# relative dates, quotes, hedges, and filler with no claim at all.
SENTENCES = (
    "At least 12 civilians were killed in air strikes on al-Sukkari in Aleppo on Monday, activists said.",
    "Shelling of the market in Jabalia killed seven people and wounded 20, the health ministry said.",
    '"We have received reports of at least 40 people shot in their homes," the spokesman said.',
    "The figures could not be independently verified.",
    "Rebel rockets hit the Hamdaniyeh district of western Aleppo late on Tuesday.",
    "A car bomb exploded near a checkpoint in Mosul, killing nine, police said.",
    "Aid convoys to El Fasher were suspended after the road was cut.",
    "The town of Maarshurin was retaken by government forces last week.",
    "Residents described long queues for bread and fuel as winter approached.",
    "More than 300 civilians have been killed in eastern Aleppo since September 19, UNICEF said.",
)

# The same shapes in Arabic (invented too); {n} is the sentence's toll, changed from one to the next.
SENTENCES_AR = (
    "قال المرصد السوري لحقوق الإنسان إن {n} مدنيا قتلوا في غارات جوية على حي السكري"
    " في مدينة حلب اليوم الإثنين.",
    "وقتل سبعة أشخاص وأصيب {n} آخرون بقصف مدفعي على سوق بلدة تلدو، بحسب الدفاع المدني.",
    "ولم يتسن التحقق من هذه الأرقام بشكل مستقل.",
    "وسقطت قذائف صاروخية على حي الحمدانية غربي حلب مساء الثلاثاء.",
    "وانفجرت سيارة مفخخة قرب حاجز في مدينة الموصل ما أدى إلى مقتل تسعة أشخاص، وفق الشرطة.",
    "وعلقت قوافل المساعدات إلى المدينة بعد قطع الطريق.",
    "واستعادت القوات الحكومية السيطرة على بلدة معرشورين الأسبوع الماضي.",
    "ووصف السكان طوابير طويلة للحصول على الخبز والوقود مع اقتراب الشتاء.",
    "وقالت اليونيسف إن أكثر من {n} مدني قتلوا في شرق حلب منذ 19 أيلول.",
    "وأصيب {n} شخصا بجروح في قصف على مدينة دوما في ريف دمشق أمس.",
)


def make_text(size: int, one_line: bool = True, language: str = "en") -> str:
    sep = " " if one_line else "\n"
    sentences = SENTENCES_AR if language == "ar" else SENTENCES
    parts: list[str] = []
    n = 0
    i = 0
    while n < size:
        s = sentences[i % len(sentences)].replace("{n}", str(5 + i % 991))
        parts.append(s)
        n += len(s) + 1
        i += 1
    return sep.join(parts)[:size]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", action="store_true", help="one sentence a line instead of one line")
    ap.add_argument("--max", type=int, default=10_000_000, help="largest size in characters")
    ap.add_argument(
        "--language", choices=("en", "ar", "both"), default="en", help="the invented sentences' language"
    )
    args = ap.parse_args(argv)
    from tawthiq.extract import extract_claims
    from tawthiq.gazetteer import load_gazetteer

    languages = ("en", "ar") if args.language == "both" else (args.language,)
    started = time.process_time()
    load_gazetteer()
    for language in languages:  # start-up: tables, the world layer, regexes
        extract_claims(make_text(2000, language=language), date(2020, 1, 1))
    print(f"start-up {time.process_time() - started:.2f} CPU s")
    for language in languages:
        previous = None
        size = 10_000
        while size <= args.max:
            text = make_text(size, one_line=not args.lines, language=language)
            t0 = time.process_time()
            claims = extract_claims(text, date(2020, 1, 1))
            took = time.process_time() - t0
            ratio = f"x{took / previous:5.1f}" if previous else "     "
            print(
                f"{language}  {size / 1000:>8,.0f} KB  {took:8.2f} CPU s  {ratio}  {len(claims):>7,} claims"
            )
            previous = took
            size *= 10
    print("growth ratio 10 = linear (ten times the text, ten times the time)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
