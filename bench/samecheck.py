#!/usr/bin/env python3
"""Record everything `rightswatch extract` prints over a fixed corpus, so that
a change meant to leave the extractor's behaviour alone (a speed-up) can be
shown to: record with the old binary, record with the new one, diff -r.

usage: samecheck.py BIN OUTDIR [DEVSET_DIR...]

The corpus: the table rows and golden releases of tests/fixtures/extract
(each row alone, with its @ header's language, date and country), the seed
releases, bench/gentext.py in English and French, shapes that stress the
caps (digits everywhere, no spaces, no sentence breaks, thousands of terms),
and, read from DEVSET_DIR (never copied into the project), each release as
the scorer gives it, the same with --lang auto, all of them as one text, and
seeded variants (sentences shuffled, bytes dropped, case changed) that reach
paths the texts alone do not. Every input is run twice: JSON Lines, then
--explain. Also under -c with a configured indicator and country.
"""
import os
import random
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary, out = os.path.abspath(sys.argv[1]), sys.argv[2]
devsets = sys.argv[3:]
work = os.path.join(out, "inputs")
os.makedirs(work, exist_ok=True)
jobs = []  # (name, args, [files])


def put(name, text):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(text.encode() if isinstance(text, str) else text)
    return path


def rows(path):
    """Each row of a row file alone, grouped by its @ header."""
    groups, cur, n = {}, None, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("@ "):
                cur = tuple(line[2:].split(" ", 2))
            elif line.startswith("> ") and cur is not None:
                n += 1
                name = "%s.%04d.txt" % (os.path.basename(path)[:-4], n)
                groups.setdefault(cur, []).append(put(name, line[2:].replace("\\n", "\n") + "\n"))
    for (lang, date, country), files in groups.items():
        args = ["--lang", lang, "--date", date]
        if country != "-":
            args += ["--country", country.replace("_", " ")]
        jobs.append(("rows-%s-%s-%s-%s" % (os.path.basename(path)[:-4], lang, date, country), args, files))


fx = os.path.join(root, "tests", "fixtures", "extract")
for d in (fx, os.path.join(fx, "stage")):
    for name in sorted(os.listdir(d)):
        if name.endswith(".txt") and name != "known_failures.txt":
            rows(os.path.join(d, name))
for name in sorted(os.listdir(os.path.join(fx, "golden"))):
    if name.endswith(".txt"):
        with open(os.path.join(fx, "golden", name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        body = put("golden-" + name, lines[0] + "\n\n" + "\n".join(lines[3:]))
        jobs.append(("golden-" + name, ["--date", lines[1].strip()], [body]))
seeds = os.path.join(os.path.dirname(root), "shared", "seeds")
if os.path.isdir(seeds):
    for name in sorted(os.listdir(seeds)):
        jobs.append(("seed-" + name, ["--date", "2021-08-06"], [os.path.join(seeds, name)]))
for lang in ("en", "fr"):
    gen = subprocess.run([sys.executable, os.path.join(root, "bench", "gentext.py"), "0.3", lang],
                         capture_output=True, check=True).stdout
    jobs.append(("gentext-" + lang, ["--date", "2021-08-06", "--lang", lang], [put("gentext-" + lang, gen)]))

# shapes that reach the per-sentence caps and the scanners' worst cases
rnd = random.Random(15)
hostile = {
    "digits": "".join(rnd.choice("0123456789 ,.") for _ in range(60000)),
    "nospace": "".join(rnd.choice("abcdefghij0123456789") for _ in range(60000)),
    "onesentence": " ".join("%d people were killed and %d abducted in %s 2021 while" %
                            (i, i * 3, ["March", "mai", "June"][i % 3]) for i in range(1500)),
    "terms": " ".join(["abductions killed displaced refugees civilians Mali Gao torture"] * 2000),
    "termsnum": " ".join("%d abductions, %d civilians killed, displaced refugees in Gao, Mali, torture" %
                         (i, i + 7) for i in range(2000)),
    "dates": " ".join("between %d April and %d June %d, from January to March, the first quarter"
                      % (i % 28 + 1, i % 30 + 1, 1990 + i % 40) for i in range(800)),
    "numwords": " ".join(["forty-three thousand two hundred and fifty quarante-trois mille"] * 1500),
    "numwordsterms": " ".join(["forty-three people were killed, quarante-trois personnes tuées, and"] * 1500),
    "parens": "(" * 5000 + "12 killed" + ")" * 5000 + " , and " * 3000,
    "breaks": "\n".join("%d killed." % i for i in range(8000)),
}
for name, text in hostile.items():
    p = put("hostile-" + name, text)
    jobs.append(("hostile-" + name, ["--date", "2021-08-06", "--lang", "en"], [p]))
    jobs.append(("hostile-fr-" + name, ["--date", "2021-08-06", "--lang", "fr"], [p]))

for d in devsets:
    lang = os.path.basename(os.path.normpath(d))
    rel = os.path.join(d, "releases")
    bodies = []
    for name in sorted(os.listdir(rel)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(rel, name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        body = lines[0] + "\n\n" + "\n".join(lines[4:])
        date = lines[1].strip()
        bodies.append((name, date, body))
        p = put("dev-%s-%s" % (lang, name), body)
        jobs.append(("dev-%s-%s" % (lang, name), ["--date", date, "--lang", lang], [p]))
        jobs.append(("dev-auto-%s-%s" % (lang, name), ["--date", date], [p]))
        sents = body.replace("\n\n", "\n\n\x00").split("\x00")
        r = random.Random(name)
        r.shuffle(sents)
        jobs.append(("dev-shuf-%s-%s" % (lang, name), ["--date", date, "--lang", lang],
                     [put("dev-shuf-%s-%s" % (lang, name), "".join(sents))]))
        b = body.encode()
        keep = bytes(c for c in b if r.random() > 0.02)
        jobs.append(("dev-drop-%s-%s" % (lang, name), ["--date", date, "--lang", lang],
                     [put("dev-drop-%s-%s" % (lang, name), keep)]))
        jobs.append(("dev-upper-%s-%s" % (lang, name), ["--date", date, "--lang", lang],
                     [put("dev-upper-%s-%s" % (lang, name), body.upper())]))
        jobs.append(("dev-crlf-%s-%s" % (lang, name), ["--date", date, "--lang", lang],
                     [put("dev-crlf-%s-%s" % (lang, name), body.replace("\n", "\r\n").replace(" ", "\u00a0", 40))]))
    if bodies:
        whole = "\n\n".join(b for _, _, b in bodies)
        jobs.append(("dev-all-" + lang, ["--date", bodies[0][1], "--lang", lang], [put("dev-all-" + lang, whole)]))
        jobs.append(("dev-all-nobreak-" + lang, ["--date", bodies[0][1], "--lang", lang],
                     [put("dev-all-nobreak-" + lang, whole.replace("\n", " ").replace(". ", ", "))]))

ini = put("rw.ini", "[daemon]\nstate = state.db\n[indicator seizures]\nterms = boats were seized, seizures\n"
          "terms_fr = saisies, bateaux saisis\n[indicator abductions]\nterms = hostages taken\n"
          "[country Mali]\nterms = Mali, Malian, Gao, Menaka, Mopti, Kidal, Bandiagara\n")
cfg = ["-c", ini]
for name, args, files in list(jobs):
    if name.startswith(("dev-en", "dev-fr", "golden", "gentext")):
        jobs.append(("cfg-" + name, args + cfg, files))

fails = 0
for name, args, files in jobs:
    for mode, extra in (("json", []), ("explain", ["--explain"])):
        p = subprocess.run([binary, "extract"] + extra + args + files, capture_output=True)
        with open(os.path.join(out, "%s.%s" % (name, mode)), "wb") as f:
            f.write(p.stdout + p.stderr.replace(work.encode(), b"INPUTS") + b"exit %d\n" % p.returncode)
        fails += p.returncode != 0
print("%d runs, %d with a non-zero exit, in %s" % (2 * len(jobs), fails, out))
