#!/usr/bin/env python3
"""Write the texts that cost the extractor more than their size, each about
SIZE bytes, into DIR, and print one line per file: name, file.

usage: genxhostile.py DIR SIZE

The shapes: digits everywhere (no words), letters and digits with no space,
one sentence of figures with no sentence break, dates and ranges with no
break, number words with no break, figures with their terms on one line per
figure (the most sentences), and a parenthesis nested thousands deep. Each
must take time in proportion to its size (`make bench` prints 1x, 4x, 16x).
Seeded: the same SIZE gives the same bytes.
"""
import os
import random
import sys

d, size = sys.argv[1], int(sys.argv[2])
os.makedirs(d, exist_ok=True)
rnd = random.Random(15)


def fill(unit):
    """unit(i) repeated until size bytes."""
    parts, n, i = [], 0, 0
    while n < size:
        s = unit(i)
        parts.append(s)
        n += len(s)
        i += 1
    return "".join(parts)[:size]


shapes = {
    "digits": lambda: "".join(rnd.choice("0123456789 ,.") for _ in range(size)),
    "nospace": lambda: "".join(rnd.choice("abcdefghij0123456789") for _ in range(size)),
    "onesentence": lambda: fill(lambda i: "%d people were killed and %d abducted in %s %d while " %
                                (i % 997, i % 89 * 3, ["March", "mai", "June"][i % 3], 1990 + i % 35)),
    "dates": lambda: fill(lambda i: "between %d April and %d June %d, from January to March, the first quarter, " %
                          (i % 28 + 1, i % 30 + 1, 1990 + i % 40)),
    "numwords": lambda: fill(lambda i: "forty-three thousand two hundred and fifty quarante-trois mille "),
    "breaks": lambda: fill(lambda i: "%d civilians killed in Gao.\n" % (i % 5000)),
    "parens": lambda: "(" * (size // 3) + "12 killed" + ")" * (size // 3) + " , and" * (size // 18),
}
for name, make in shapes.items():
    path = os.path.join(d, name + ".txt")
    with open(path, "w") as f:
        f.write(make())
    print("%s %s" % (name, path))
