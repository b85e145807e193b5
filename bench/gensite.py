#!/usr/bin/env python3
"""Generate N small feeds under DIR for the poll benchmarks, and print their
[source] sections.

    gensite.py DIR N BASE              5 items a feed, each linking a release
                                       page (written too): pages are fetched
    gensite.py DIR N BASE --no-pages   20 items a feed whose descriptions
                                       carry the release text: fetch_pages =
                                       never (the issue's first-poll bench)

With --sfeedrc FILE and --r2e FILE the same feeds are also listed for
sfeed_update (an sfeedrc) and rss2email (its configuration file)."""
import os
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
opts = sys.argv[1:]
root, n, base = args[0], int(args[1]), args[2]
pages = "--no-pages" not in opts
nitems = 5 if pages else 20
os.makedirs(os.path.join(root, "feeds"), exist_ok=True)
os.makedirs(os.path.join(root, "pages"), exist_ok=True)
for f in range(n):
    items = []
    for k in range(nitems):
        if pages:
            page = "pages/%d-%d.html" % (f, k)
            with open(os.path.join(root, page), "w") as fp:
                fp.write("<html lang='en'><head><title>Release %d-%d</title></head><body><main>"
                         "<p>GENEVA (6 August 2021) - At least %d civilians were killed in Mali "
                         "in July 2021.</p></main></body></html>" % (f, k, 10 + k))
            items.append("<item><title>Release %d-%d</title><link>%s/%s</link><guid>g-%d-%d</guid>"
                         "<pubDate>Fri, 06 Aug 2021 10:00:00 GMT</pubDate></item>"
                         % (f, k, base, page, f, k))
        else:
            items.append("<item><title>Release %d-%d</title><link>%s/r/%d-%d</link><guid>g-%d-%d</guid>"
                         "<pubDate>Fri, 06 Aug 2021 10:%02d:00 GMT</pubDate><description>"
                         "GENEVA (6 August 2021) - At least %d civilians were killed and %d others "
                         "were injured in Mali between 1 April and 30 June 2021, the mission said "
                         "in its quarterly note, which also counts %d abductions in the centre of "
                         "the country.</description></item>"
                         % (f, k, base, f, k, f, k, k, 10 + k, 3 + k, 20 + f % 50))
    with open(os.path.join(root, "feeds", "%d.rss" % f), "w") as fp:
        fp.write("<?xml version='1.0'?><rss version='2.0'><channel><title>F%d</title>%s"
                 "</channel></rss>" % (f, "".join(items)))
    print("[source f%d]\nurl = %s/feeds/%d.rss\ntype = rss\n%s" %
          (f, base, f, "" if pages else "fetch_pages = never\n"))


def opt(name):
    return opts[opts.index(name) + 1] if name in opts else None


if opt("--sfeedrc"):
    with open(opt("--sfeedrc"), "w") as fp:
        fp.write("maxjobs=32\nsfeedpath=\"%s\"\nfeeds() {\n" % os.path.join(root, "sfeed"))
        for f in range(n):
            fp.write("\tfeed f%d '%s/feeds/%d.rss'\n" % (f, base, f))
        fp.write("}\n")
if opt("--r2e"):
    with open(opt("--r2e"), "w") as fp:
        fp.write("[DEFAULT]\nto = bench@example.org\nfrom = r2e@example.org\n"
                 "email-protocol = sendmail\nsendmail = /bin/true\n\n")
        for f in range(n):
            fp.write("[feed.f%d]\nurl = %s/feeds/%d.rss\n\n" % (f, base, f))
