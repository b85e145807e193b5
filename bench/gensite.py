#!/usr/bin/env python3
"""Generate N small feeds (5 items each, each linking a release page) under
DIR for the `once` benchmark, and print their [source] sections."""
import os
import sys

root, n, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(os.path.join(root, "feeds"), exist_ok=True)
os.makedirs(os.path.join(root, "pages"), exist_ok=True)
for f in range(n):
    items = []
    for k in range(5):
        page = "pages/%d-%d.html" % (f, k)
        with open(os.path.join(root, page), "w") as fp:
            fp.write("<html lang='en'><head><title>Release %d-%d</title></head><body><main>"
                     "<p>GENEVA (6 August 2021) - At least %d civilians were killed in Mali "
                     "in July 2021.</p></main></body></html>" % (f, k, 10 + k))
        items.append("<item><title>Release %d-%d</title><link>%s/%s</link><guid>g-%d-%d</guid>"
                     "<pubDate>Fri, 06 Aug 2021 10:00:00 GMT</pubDate></item>"
                     % (f, k, base, page, f, k))
    with open(os.path.join(root, "feeds", "%d.rss" % f), "w") as fp:
        fp.write("<?xml version='1.0'?><rss version='2.0'><channel><title>F%d</title>%s"
                 "</channel></rss>" % (f, "".join(items)))
    print("[source f%d]\nurl = %s/feeds/%d.rss\ntype = rss\n" % (f, base, f))
