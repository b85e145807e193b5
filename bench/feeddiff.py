#!/usr/bin/env python3
"""Differential test of two `rightswatch parse-feed` binaries.

usage: feeddiff.py REF_BIN NEW_BIN [N [SEED [KEEP_DIR]]]
       feeddiff.py --golden-write FILE REF_BIN [N [SEED]]
       feeddiff.py --golden-check FILE NEW_BIN [N [SEED]]

Builds a corpus from the feed fixtures (tests/fixtures/feed), a list of
hand-written edge documents (namespaces, references, CDATA, comments,
processing instructions, doctypes, malformed markup) and N variants made
from them by seeded mutations (cuts, inserted markup bytes, deleted bytes,
splices), runs both binaries on every document and compares stdout,
stderr and the exit status byte for byte. Prints one line per difference
(KEEP_DIR keeps the differing documents) and a summary; exits 1 when any
document differs in its output or its exit status. A document both reject
with one line whose words differ (libxml2's wording of a well-formedness
error against ours) is counted apart, and shown with FEEDDIFF_VERBOSE=1.

--golden-write records what REF_BIN gives for each document of the corpus
(its bytes' hash, the exit status, the output's hash, the message) in FILE;
--golden-check compares NEW_BIN with that record, the same way, as TAP.
tests/fixtures/feeddiff.golden was written by main's libxml2-based binary
before the switch to xmltok (tests/integration/t_feeddiff.sh checks it); a
document whose bytes changed (a fixture edited) fails until it is written
again.
"""
import hashlib
import os
import random
import subprocess
import sys
import tempfile

FX = "tests/fixtures/feed"
BASE = "http://base.example.org/dir/feed.xml"

H = '<?xml version="1.0"?>'
RSS = '<rss version="2.0"><channel><title>T</title>'
END = '</channel></rss>'


def item(body):
    return H + RSS + "<item>" + body + "</item>" + END


EDGES = [
    item("<title>a &amp; b &lt;c&gt; &quot;q&quot; &apos;s&apos;</title><guid>e1</guid>"),
    item("<title>&#233;t&#xE9; &#x1F600; &#65;</title><guid>e2</guid>"),
    item("<title>&#0;</title>"), item("<title>&#xD800;</title>"), item("<title>&#xFFFE;</title>"),
    item("<title>&#;</title>"), item("<title>&#x;</title>"), item("<title>&#12a;</title>"),
    item("<title>&nbsp;</title>"), item("<title>&amp</title>"), item("<title>& b</title>"),
    item("<title>&1;</title>"), item("<title>a ]]> b</title>"), item("<title>a ]] > b</title>"),
    item("<title>a\r\nb\rc</title><guid>cr</guid><description>x\r\ny\r</description>"),
    item("<title>tab\there</title><guid>\x01</guid>"), item("<title>\x0b</title>"),
    item("<title>\uffff</title>"), item("<title>\ufffe</title>"), item("<title>\ufffd ok</title><guid>fffd</guid>"),
    item("<description><![CDATA[<p>a &amp; b</p>]]></description><guid>cd1</guid>"),
    item("<description><![CDATA[a]]]]><![CDATA[>b]]></description><guid>cd2</guid>"),
    item("<description><![CDATA[\x02]]></description>"),
    item("<description><![cdata[x]]></description>"),
    item("<!-- c --><title>t</title><!----><guid>cm</guid>"),
    item("<!-- a -- b --><title>t</title>"), item("<!-- a --->"), item("<!--->"),
    item("<?pi data?><title>t</title><?pi?><guid>pi</guid>"),
    item("<?xml bad?>"), item("<?XML x?>"), item("<??>"), item("<?pi\x01?>"), item("<?pidata?>"),
    item('<title a="1" a="2">t</title>'), item('<title a="1"b="2">t</title>'),
    item('<title a=1>t</title>'), item('<title a>t</title>'), item('<title a="<">t</title>'),
    item('<title a="&amp;&#38;&lt;">t</title><guid>at</guid>'),
    item('<link a="x\ty\nz\r\nw">x</link><guid isPermaLink="false">pl</guid>'),
    item('<guid isPermaLink="fa&#108;se">http://x.example.org/g</guid>'),
    item("<title>t</titl>"), item("<title>t</title >x</item>"), item("<title>t</ title>"),
    item("<title/><guid/>"), item("<title />"), item("<title/ >"), item("<1title/>"),
    item("<title>t</title><p:x xmlns:p='urn:p'/><guid>ns0</guid>"),
    item("<dc:title xmlns:dc='http://purl.org/dc/elements/1.1/'>dc t</dc:title><guid>ns1</guid>"),
    item("<dc:title>undeclared</dc:title><guid>ns2</guid>"),
    item("<x:title>undeclared prefix on title</x:title><guid>ns3</guid>"),
    item("<title xmlns='urn:other'>default ns</title><guid>ns4</guid>"),
    item("<title xmlns=''>empty default</title><guid>ns5</guid>"),
    item("<a:b xmlns:a=''/><guid>ns6</guid>"), item("<a: xmlns:a='u'/>"), item("<:a/>"),
    item("<title xml:lang='fr'>t</title><guid xmlns:xml='http://www.w3.org/XML/1998/namespace'>ns7</guid>"),
    item("<a xmlns:p='u' xmlns:p='v'/>"), item("<a p:x='1' xmlns:p='u' q:x='2' xmlns:q='u'/><guid>ns8</guid>"),
    H + '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
    '<item rdf:about="http://x.example.org/about"><title>r</title></item><item about="bare"><title>b</title></item></rdf:RDF>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="http://a.example.org/d/">'
    '<entry><id>1</id><link href="rel/x"/><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
    '<b>X</b> y</div></title></entry></feed>',
    '<feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry/></feed>',
    '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:id>p</a:id></a:entry></a:feed>',
    H + '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
    '"http://my.netscape.com/publish/formats/rss-0.91.dtd">' + RSS + "<item><title>a&nbsp;b&eacute;</title></item>" + END,
    H + '<!DOCTYPE rss>' + RSS + "<item><title>a&nbsp;b</title></item>" + END,
    H + '<!DOCTYPE rss [<!ELEMENT rss ANY>]>' + RSS + "<item><title>t</title></item>" + END,
    H + '<!DOCTYPE rss [<!-- c --><?p x?><!ATTLIST item a CDATA #IMPLIED>]>' + RSS + "<item><title>t</title></item>" + END,
    H + '<!DOCTYPE rss [<!ENTITY e "x">]>' + RSS + "<item><title>&e;</title></item>" + END,
    H + '<!DOCTYPE rss [<!ENTITY % p "x">]>' + RSS + END,
    H + '<!DOCTYPE rss [%p;]>' + RSS + "<item><title>&u;</title></item>" + END,
    H + '<!DOCTYPE rss SYSTEM "x.dtd" [<!ELEMENT a ANY>]>' + RSS + "<item><title>&u;</title></item>" + END,
    H + '<!DOCTYPE rss [<!ATTLIST item ' + " ".join('d%d CDATA "x"' % i for i in range(20)) + '>]>' + RSS + END,
    H + '<!DOCTYPE rss>' + '<!DOCTYPE rss>' + RSS + END,
    RSS + END + '<!DOCTYPE rss>',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + RSS + END,
    '<?xml version="1.0" standalone="yes" encoding="UTF-8"?>' + RSS + END,
    '<?xml version="2.0"?>' + RSS + END, '<?xml version=\'1.0\'?>' + RSS + END,
    '<?xml encoding="UTF-8"?>' + RSS + END, '<?xml?>' + RSS + END, '<?xml version="1.0" ?>' + RSS + END,
    '<?xml version="1.0"?>\n<?xml-stylesheet href="a.xsl"?>\n' + RSS + END,
    ' ' + H + RSS + END, '\n\n' + RSS + END, RSS + END + '\n<!-- after -->\n<?pi?>\n ',
    RSS + END + "<x/>", RSS + END + "x", RSS + END + "</x>", RSS + END + "&amp;",
    "<rss>", "<rss", "<", "<rss/>", "<rss></rss>", "</rss>", "text", "<!-- only -->",
    H + "<!-- only -->", "<?pi?>", "<!DOCTYPE x>", RSS + "<item><title>cut",
    RSS + "<item><title>t</title><guid>g</guid></item>",
    item("<title>a\u00e9\u4e2d\U0001F600b</title><guid>utf8</guid>"),
    item("<title>" + "x" * 70000 + "</title><guid>long</guid>"),
    item("<description>&lt;p&gt;esc &amp;amp; html&lt;/p&gt;" * 50 + "</description><guid>esc</guid>"),
    item("<title>&amp;#039;drupal&amp;#039;</title><guid>drupal</guid>"),
    item('<title>' + "<b>" * 100 + "deep" + "</b>" * 100 + "</title><guid>deep</guid>"),
    item('<category>a</category><category> b  c </category><guid>cats</guid>'),
]

MARKUP = ['<', '>', '&', ';', ']', '"', "'", '\r', '\x01', ':', '/', '!', '?', ' ', '=', '-',
          '<![CDATA[', ']]>', '<!--', '-->', '&amp;', '&#', '</', '/>', 'xmlns:p="u"', 'p:']


def mutate(rng, docs):
    d = rng.choice(docs)
    k = rng.randrange(5)
    if len(d) == 0:
        return d
    if k == 0:
        return d[:rng.randrange(len(d))]
    if k == 1:
        for _ in range(rng.randrange(1, 4)):
            p = rng.randrange(len(d) + 1)
            d = d[:p] + rng.choice(MARKUP).encode() + d[p:]
        return d
    if k == 2:
        p = rng.randrange(len(d))
        return d[:p] + d[p + rng.randrange(1, 20):]
    if k == 3:
        e = rng.choice(docs)
        return d[:rng.randrange(len(d))] + e[rng.randrange(len(e) + 1) if e else 0:]
    p = rng.randrange(len(d))
    return d[:p] + bytes([rng.randrange(256)]) + d[p + 1:]


def run(binary, path):
    r = subprocess.run([binary, "parse-feed", "--base", BASE, path], capture_output=True, timeout=60)
    return r.returncode, r.stdout, r.stderr.replace(binary.encode(), b"BIN")


def corpus_of(n, seed):
    rng = random.Random(seed)
    docs = []
    for name in sorted(os.listdir(FX)):
        with open(os.path.join(FX, name), "rb") as f:
            docs.append(f.read())
    docs += [e.encode() for e in EDGES]
    return list(docs) + [mutate(rng, docs) for _ in range(n)]


def h(b):
    return hashlib.sha256(b).hexdigest()[:16]


def golden(mode, path, binary, n, seed):
    corpus = corpus_of(n, seed)
    with tempfile.TemporaryDirectory() as tmp:
        doc = os.path.join(tmp, "doc.xml")
        rows = []
        for d in corpus:
            with open(doc, "wb") as f:
                f.write(d)
            rc, out, err = run(binary, doc)
            rows.append("%s %d %s %s" % (h(d), rc, h(out), err.decode("utf-8", "replace").rstrip("\n").replace("\n", "\\n")))
    if mode == "--golden-write":
        with open(path, "w") as f:
            f.write("\n".join(rows) + "\n")
        return 0
    with open(path) as f:
        want = f.read().rstrip("\n").split("\n")
    print("1..1")
    bad = words = 0
    for i, (w, g) in enumerate(zip(want, rows)):
        if w == g:
            continue
        wf, gf = w.split(" ", 3), g.split(" ", 3)
        if wf[:3] == gf[:3] and wf[1] == "1" and "\\n" not in wf[3] + gf[3]:
            words += 1
            continue
        bad += 1
        print("# doc %d: want %s" % (i, w[:200]))
        print("#         got  %s" % g[:200])
    if len(want) != len(rows):
        bad += 1
        print("# %d documents recorded, %d in the corpus" % (len(want), len(rows)))
    print("%s 1 - %d documents as the record has them (%d differ; %d rejected with other words)" % (
        "ok" if bad == 0 else "not ok", len(rows), bad, words))
    return 0


def main():
    if sys.argv[1].startswith("--golden"):
        n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
        seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        sys.exit(golden(sys.argv[1], sys.argv[2], sys.argv[3], n, seed))
    ref, new = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    keep = sys.argv[5] if len(sys.argv) > 5 else None
    verbose = os.environ.get("FEEDDIFF_VERBOSE") is not None
    corpus = corpus_of(n, seed)
    bad = msg = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "doc.xml")
        for i, d in enumerate(corpus):
            with open(path, "wb") as f:
                f.write(d)
            a, b = run(ref, path), run(new, path)
            if a != b and a[:2] == b[:2] and a[0] == 1 and a[2].count(b"\n") == 1 == b[2].count(b"\n"):
                msg += 1  # both reject with one line: only the reason's words differ
                if verbose:
                    print("message: doc %d: ref %r / new %r" % (i, a[2][:150], b[2][:150]))
            elif a != b:
                bad += 1
                print("differs: doc %d (%d bytes): ref rc %d %r / new rc %d %r" % (
                    i, len(d), a[0], a[2][:150], b[0], b[2][:150]))
                if a[1] != b[1]:
                    print("  stdout differs")
                if keep:
                    os.makedirs(keep, exist_ok=True)
                    with open(os.path.join(keep, "d%05d.xml" % i), "wb") as f:
                        f.write(d)
    print("%d documents, %d differ; %d more are rejected by both with other words" % (
        len(corpus), bad, msg))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
