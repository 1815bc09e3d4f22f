#!/usr/bin/env python3
"""Regenerates the "Attacks by rule" section of README.md from the .s headers.

Usage: python3 tests/attacks/readme_table.py   (rewrites README.md in place)"""
import collections, glob, os

here = os.path.dirname(os.path.abspath(__file__))
rows = collections.defaultdict(list)
for path in sorted(glob.glob(os.path.join(here, "*.s"))):
    lines = open(path).read().split("\n")
    expect = lines[0].split(": ", 1)[1]
    attack = lines[1].split(": ", 1)[1]
    mark = " ¹" if any(l.startswith("# capcheck: reject") for l in lines[2:4]) else ""
    rows[expect.split("|")[0]].append((os.path.basename(path), expect, attack + mark))

order = ["ok", "R3", "R4", "R5", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17"]
out = []
for rule in sorted(rows, key=lambda r: order.index(r) if r in order else 99):
    title = "Positive controls" if rule == "ok" else f"{rule} ({len(rows[rule])})"
    out += [f"### {title}", "", "| file | expect | attack |", "|---|---|---|"]
    # A bare | would split the table cell.
    out += ["| `%s` | %s | %s |" % (f, e.replace("|", "\\|"), a) for f, e, a in rows[rule]]
    out.append("")
total = sum(len(v) for k, v in rows.items() if k != "ok")
out.append(f"{total} attacks. ¹ also rejected by sfi-capcheck (`capcheck.corpus.*`).")

readme = os.path.join(here, "README.md")
text = open(readme).read()
head = text.split("## Attacks by rule")[0]
open(readme, "w").write(head + "## Attacks by rule\n\n" + "\n".join(out) + "\n")
