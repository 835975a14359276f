"""Examples shown at the end of each command's ``--help``, by command path.

In: nothing (a table). Out: :data:`EXAMPLES`, read by :func:`tawthiq.cli._help.polish_help`,
which puts the lines under "Examples" in the command's help. Never: runs anything.

``tests/cli/test_help.py`` walks every command and fails when one has no example here, when a
key names no command, or when an example does not parse against its command (an option it
does not have, a missing argument). A line is a shell command line; ``# …`` is a comment.
The names in them (lists, files, sources) are made up for the examples.
"""

from __future__ import annotations

__all__ = ["EXAMPLES"]

EXAMPLES: dict[str, tuple[str, ...]] = {
    # the root: `tawthiq --help`
    "": (
        "tawthiq demo --no-serve                   # the whole pipeline on a bundled demo workspace",
        "tawthiq init my-workspace && cd my-workspace",
        "tawthiq people --help                     # a group's commands, each with its examples",
    ),
    # workspace
    "init": (
        "tawthiq init my-workspace                 # folder, SQLite database, key file, evidence store",
        "tawthiq init team-ws --db postgresql://tawthiq@localhost/aleppo",
    ),
    "reports": (
        "tawthiq reports --status failed           # intakes that could not be parsed, and why",
        "tawthiq reports --limit 20 --json",
    ),
    "reports show": (
        "tawthiq reports show 3                    # one report: source, date, URL, header keys, text",
        "tawthiq reports show 3 --json",
    ),
    "demo": (
        "tawthiq demo --no-serve                   # build ./demo-workspace, print the summary, stop",
        "tawthiq demo --dir /tmp/demo --port 8080  # then serve it on 127.0.0.1:8080",
    ),
    "audit verify": ("tawthiq audit verify                      # exit 1 naming the first broken link",),
    "audit list": (
        "tawthiq audit list --last 20",
        "tawthiq audit list --action evidence.view --object source --id 3   # who saw source 3, and why",
    ),
    # ingest, extract, corroborate
    "ingest": (
        'tawthiq ingest ~/reports/ --published-from-header --source "Field team"',
        "tawthiq ingest chat.txt --source-kind individual --chat-date-order dmy --source Activist-7",
        "tawthiq ingest feed.jsonl --strict --json   # stop at the first bad line, write nothing of it",
    ),
    "extract": (
        "tawthiq extract                           # every report of the workspace not yet extracted",
        "tawthiq extract report.txt --published 2016-12-13 --json   # one file, no workspace needed",
    ),
    "corroborate": ("tawthiq corroborate                       # rebuild and grade every incident",),
    "incidents": (
        "tawthiq incidents --grade fair --grade confirmed",
        "tawthiq incidents --type killing --since 2016-12-01 --until 2016-12-31 --json",
    ),
    "incident": (
        "tawthiq incident 12                        # its claims, quotes, origins and grade rationale",
        'tawthiq incident 12 --override confirmed --reason "UN OHCHR investigation, 2017-03"',
        'tawthiq incident 12 --clear-override --reason "override was for the wrong incident"',
    ),
    # claims
    "claims list": (
        "tawthiq claims list                        # the unreviewed claims",
        "tawthiq claims list --status rejected --limit 50 --json",
    ),
    "claims review": ("tawthiq claims review --limit 20   # a = accept, r = reject, s = skip, q = quit",),
    "claims approve": (
        'tawthiq claims approve 14 15 --reason "checked against the original video"',
        'tawthiq claims approve --all --reason "OHCHR statements, a trusted batch" --as amira',
    ),
    "claims reject": ('tawthiq claims reject 16 --reason "a tally of the whole siege, not one incident"',),
    # people
    "people import": (
        "tawthiq people import vdc.csv --list vdc-aleppo --yes   # accept the guessed column mapping",
        "tawthiq people import victims.xlsx --list hospital -m 'Full name=name_latin' -m Age=age",
        "tawthiq people import field.jsonl --list field --mapping field-columns.yaml --has-duplicates",
    ),
    "people lists": ("tawthiq people lists --json",),
    "people link": (
        "tawthiq people link                       # every list's records into persons",
        "tawthiq people link --match-threshold 0.95 --review-threshold 0.6",
    ),
    "people review": (
        "tawthiq people review --limit 25          # uncertain pairs side by side",
        "tawthiq people review --missing           # is a missing person on a list of the killed?",
    ),
    "people decide": (
        "tawthiq people decide 118 342 match",
        "tawthiq people decide 118 97 non_match",
    ),
    "people persons": (
        "tawthiq people persons --json",
        "tawthiq people persons --csv persons.csv  # the unique victim list",
    ),
    "people pfif import": (
        "tawthiq people pfif import family-registry.xml --list registry",
        "tawthiq people pfif import person-finder.xml --strict   # refuse the file at one bad record",
    ),
    "people pfif export": ("tawthiq people pfif export --out missing.xml --domain example.org",),
    "people missing list": ("tawthiq people missing list --json",),
    "people missing show": ("tawthiq people missing show 57",),
    "people missing note": (
        'tawthiq people missing note 57 --status believed_alive --text "seen at the Jibrin centre" '
        "--source visit --date 2016-12-20",
        'tawthiq people missing note 57 --status information_sought --confidential --text "family asked"',
    ),
    "people missing inquiries": ("tawthiq people missing inquiries --status open",),
    "people missing answer": (
        'tawthiq people missing answer 4 --text "a record matches; please contact us" --record 57',
    ),
    # estimate
    "estimate": (
        "tawthiq estimate --status killed          # LCMCR over the linked lists, 95% interval",
        "tawthiq estimate --method all --status killed --lists vdc-aleppo,hospital",
        "tawthiq estimate --by month --method loglinear --json",
        "tawthiq estimate --status killed --by sex --plot by-sex.svg  # strata, total, pooled check",
        "tawthiq estimate --table overlaps.csv --plot n.png --seed 1",
    ),
    # evidence, export
    "evidence verify": ("tawthiq evidence verify                   # re-hash every stored original",),
    "evidence seal": ("tawthiq evidence seal                     # encrypt originals stored before sealing",),
    "evidence public-key": ("tawthiq evidence public-key --out tawthiq-signing.pem   # give it to partners",),
    "evidence derive": (
        "tawthiq evidence derive 3f2a…c9 redacted.pdf --kind redacted --note 'faces blurred'",
    ),
    "evidence history": ("tawthiq evidence history 3f2a…c9 --json",),
    "export": (
        "tawthiq export acled --out out/acled --grade fair --grade confirmed",
        "tawthiq export geojson -o out/map --since 2016-12-01 --type attack",
        "tawthiq export dump --out backup/         # everything, to restore with import-dump",
        'tawthiq export ged -o out/coi --internal --reason "UN COI request 14"   # withheld ones too, marked',
    ),
    "verify-export": (
        "tawthiq verify-export out/acled",
        "tawthiq verify-export out/acled --public-key tawthiq-signing.pem   # prove who signed it",
    ),
    "import-dump": (
        "tawthiq import-dump backup/ -w new-workspace",
        "tawthiq import-dump backup/ --source-key old/.tawthiq/key --public-key old-signing.pem",
    ),
    "dossier": (
        "tawthiq dossier 12 --out dossier-12/      # the private dossier, with originals",
        "tawthiq dossier 12 --out release-12/ --public --no-pdf   # redacted, for release",
    ),
    # sources
    "sources add": (
        "tawthiq sources add Activist-7 --kind individual --checkin-days 2 --identity --contact",
        "tawthiq sources add 'Aleppo Media Centre' --kind media --origin-group amc",
    ),
    "sources list": (
        "tawthiq sources list",
        'tawthiq sources list --reveal --reason "locating Activist-7 after 3 days silent"',
    ),
    "sources checkin": ("tawthiq sources checkin Activist-7 --days 2   # by label, or by id: 3",),
    "sources contact": (
        "tawthiq sources contact activist-7 --channel signal   # a label in any case, if unique",
        "tawthiq sources contact 3 --at 2016-12-13T21:40 --channel whatsapp --note",
    ),
    "sources log": ("tawthiq sources log Activist-7", "tawthiq sources log 3 --json"),
    "sources overdue": (
        "tawthiq sources overdue                   # urgent (last message a farewell) first",
        "tawthiq sources overdue --now 2016-12-15T08:00",
    ),
    # web, users, tokens
    "serve": (
        "tawthiq serve                             # http://127.0.0.1:8000/",
        "tawthiq serve my-workspace --host 0.0.0.0 --port 8080 --secure-cookies --workers 2",
    ),
    "users add": (
        "tawthiq users add amira --role documenter   # the password is asked for, hidden",
        "tawthiq users add ci-bot --role viewer --password-stdin   # the password from standard input",
    ),
    "users list": ("tawthiq users list --json",),
    "users set-role": ("tawthiq users set-role amira reviewer",),
    "users disable": ("tawthiq users disable amira",),
    "users enable": ("tawthiq users enable amira",),
    "users password": ("tawthiq users password amira",),
    "tokens create": ("tawthiq tokens create --user amira --label 'newsroom dashboard' --days 90",),
    "tokens list": ("tawthiq tokens list --user amira",),
    "tokens revoke": ("tawthiq tokens revoke --id 7f3c2a",),
}
