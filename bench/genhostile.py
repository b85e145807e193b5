#!/usr/bin/env python3
"""Write the shapes that cost a parser more than their size (attribute
bomb, deep nesting, huge values, many namespaces, long entity chains, huge
text, many comments) as feeds and pages into DIR, each about SIZE bytes,
and print one line per file: name, file, command (parse-feed or page-text)."""
import os
import sys

d, size = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 20
os.makedirs(d, exist_ok=True)
head = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
tail = "</channel></rss>\n"


def put(name, body, cmd):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(body)
    print("%s %s %s" % (name.split(".")[0], path, cmd))


n_attr = size // 11
attrs = " ".join('a%d="1"' % i for i in range(n_attr))
put("attr_bomb.xml", head + "<item " + attrs + "><title>x</title></item>" + tail, "parse-feed")
put("attr_bomb_page.html", "<html><body><p " + attrs + ">x</p></body></html>\n", "page-text")
depth = size // 7
put("deep_nesting.xml", head + "<item><description>" + "<b>" * depth + "x" + "</b>" * depth +
    "</description></item>" + tail, "parse-feed")
put("deep_nesting_page.html", "<html><body>" + "<div>" * (size // 11) + "x" + "</span>" * (size // 11 // 2) +
    "</body></html>\n", "page-text")
put("huge_attr_value.xml", head + '<item><link href="' + "v" * size + '"/></item>' + tail, "parse-feed")
ns_per = 200
levels = size // (ns_per * 24)
body = "".join("<x%d %s>" % (k, " ".join('xmlns:p%d_%d="urn:x:%d"' % (k, i, i) for i in range(ns_per)))
               for k in range(levels))
put("many_namespaces.xml", head + "<item>" + body + "".join("</x%d>" % k for k in reversed(range(levels))) +
    "</item>" + tail, "parse-feed")
put("ns_per_element.xml", head + "".join('<item xmlns:a="urn:a" xmlns:b="urn:b"><b:t a:x="1">y</b:t></item>'
                                         for _ in range(size // 70)) + tail, "parse-feed")
chain = "&amp;" + "amp;" * (size // 4)
put("entity_chain.xml", head + "<item><description>" + chain + "</description></item>" + tail, "parse-feed")
put("entity_chain_page.html", "<html><body><p>" + "&amp;" * (size // 5) + "</p></body></html>\n", "page-text")
put("huge_text.xml", head + "<item><description>" + ("word " * (size // 5)) + "</description></item>" + tail,
    "parse-feed")
put("many_comments.xml", head + "<!-- c -->" * (size // 10) + "<item><title>x</title></item>" + tail,
    "parse-feed")
put("many_items.xml", head + "".join("<item><guid>%d</guid></item>" % i for i in range(size // 30)) + tail,
    "parse-feed")
