#!/usr/bin/env python3
"""layercheck: the daemon's dependencies point one way.

usage: tests/layercheck.py [--objects DIR] [--quiet] [ROOT]

Reads every #include of daemon/FAMILY/*.[ch] and include/rightswatch/*.h
(and, with --objects, the symbols of the compiled daemon/FAMILY/*.o, with
nm) and fails (exit status 1) when:

  upward    a file includes a header of a family ranked above its own (or
            of another family of the same rank);
  upcall    the same for a call (an undefined symbol of an object that
            another family's object defines);
  impure    a file of the pure core (PURE below) includes a libcurl,
            libevent, SQLite or syslog header;
  private   a file includes a private header (daemon/FAMILY/*.h) of
            another family, or a public header includes a private one;
  unowned   a public header has no family (add it to OWNERS);
  cycle     headers include each other, or modules call each other in a
            cycle (with --objects: make layercheck builds them first).

A module is one .c and its headers. A public header include/rightswatch/X.h
belongs to the module whose X.c lives in daemon/FAMILY/, or to the module
OWNERS names. A private header daemon/FAMILY/X.h belongs to the module of
X.c, or of Y.c when it is named Y_int.h. The last line says how many
problems of each kind were found.
"""
import os
import re
import subprocess
import sys
from collections import defaultdict

# The one table: families from the lowest, with their rank. A family may
# use its own modules and those of lower rank; families of the same rank
# are siblings and do not use each other.
FAMILIES = {
    'base': 0,
    'extract': 1,  # the pure text core
    'net': 1,      # the HTTP client and server, URL policy
    'render': 1,   # pure drawing: the SVG charts
    'doc': 2,      # feed and page parsing
    'state': 3,    # the SQLite store
    'alert': 4,    # rules, alerts, destinations, delivery
    'config': 5,   # the INI parser, which validates through the families below
    'service': 6,  # the event loop, scheduler, poller
    'cli': 7,      # the command line
}

# Public headers that have no .c of their name: header -> family.
OWNERS = {
    'version.h': 'base',
    'cli.h': 'cli',             # the subcommands, cli_*.c
}

# The pure core may not include these (prefixes of <...> names).
PURE = ('base', 'extract', 'doc', 'render')
IMPURE_HEADERS = ('curl/', 'event.h', 'event2/', 'evhttp.h', 'sqlite3.h', 'syslog.h')

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def scan(root):
    """Every source file, with its family (None for include/) and module."""
    files = {}
    stems = {}  # module name -> family
    daemon = os.path.join(root, 'daemon')
    for fam in sorted(os.listdir(daemon)):
        d = os.path.join(daemon, fam)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith('.c'):
                stems[f[:-2]] = fam
    for fam in sorted(os.listdir(daemon)):
        d = os.path.join(daemon, fam)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith('.c') or f.endswith('.h'):
                files['daemon/%s/%s' % (fam, f)] = fam
    inc = os.path.join(root, 'include', 'rightswatch')
    for f in sorted(os.listdir(inc)):
        if f.endswith('.h'):
            files['include/rightswatch/' + f] = None
    return files, stems


def module_of(path, stems):
    """The module a file (source or header) belongs to, or None."""
    base = os.path.basename(path)
    stem = base[:-2]
    if base in OWNERS:
        return stem
    if stem in stems:
        return stem
    if path.startswith('daemon/') and stem.endswith('_int') and stem[:-4] in stems:
        return stem[:-4]
    return None


def family_of(path, files, stems):
    if path.startswith('daemon/'):
        return files.get(path)
    base = os.path.basename(path)
    if base in OWNERS:
        return OWNERS[base]
    m = module_of(path, stems)
    return stems.get(m) if m else None


def resolve(includer, quote, name, root):
    """The project file an #include names, or None for a system header."""
    if quote == '"':
        cand = os.path.normpath(os.path.join(os.path.dirname(includer), name))
        if os.path.exists(os.path.join(root, cand)):
            return cand
        cand = os.path.normpath(os.path.join('include', name))
        if os.path.exists(os.path.join(root, cand)):
            return cand
        return None
    cand = os.path.normpath(os.path.join('include', name))
    if name.startswith('rightswatch/') and os.path.exists(os.path.join(root, cand)):
        return cand
    return None


def nm_symbols(objdir, stems):
    """module -> (defined symbols, undefined symbols), from nm."""
    defs, undefs = {}, {}
    for dp, _, fn in os.walk(objdir):
        for f in fn:
            if not f.endswith('.o') or f[:-2] not in stems:
                continue
            out = subprocess.run(['nm', os.path.join(dp, f)], capture_output=True,
                                 text=True, check=True).stdout
            d, u = set(), set()
            for line in out.splitlines():
                parts = line.split()
                if len(parts) == 2 and parts[0] == 'U':
                    u.add(parts[1])
                elif len(parts) == 3 and parts[1] in 'TDRBCG':
                    d.add(parts[2])
            defs[f[:-2]] = d
            undefs[f[:-2]] = u
    return defs, undefs


def sccs(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, onstack, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        onstack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in onstack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                onstack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main(argv):
    root, objdir, quiet = '.', None, False
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == '--objects':
            objdir = args.pop(0)
        elif a == '--quiet':
            quiet = True
        else:
            root = a
    files, stems = scan(root)
    for fam in set(stems.values()):
        if fam not in FAMILIES:
            print('layercheck: daemon/%s/ is not a family in FAMILIES' % fam)
            return 1
    problems = defaultdict(list)
    graph = defaultdict(set)   # module -> modules it calls (nm)
    hgraph = defaultdict(set)  # file -> headers it includes
    why = {}

    for path in sorted(files):
        fam = family_of(path, files, stems)
        if fam is None:
            problems['unowned'].append('%s: no daemon/*/%s.c and not in OWNERS'
                                       % (path, os.path.basename(path)[:-2]))
            continue
        with open(os.path.join(root, path), encoding='utf-8', errors='replace') as fh:
            for ln, line in enumerate(fh, 1):
                m = INCLUDE_RE.match(line)
                if not m:
                    continue
                quote, name = m.groups()
                where = '%s:%d' % (path, ln)
                target = resolve(path, quote, name, root)
                if target is None:
                    if fam in PURE and quote == '<' and name.startswith(IMPURE_HEADERS):
                        problems['impure'].append('%s: the pure core (%s) includes <%s>'
                                                  % (where, fam, name))
                    continue
                tfam = family_of(target, files, stems)
                if tfam is None:
                    continue  # reported as unowned
                if target.startswith('daemon/'):
                    if tfam != fam:
                        problems['private'].append('%s: includes %s, private to %s'
                                                   % (where, target, tfam))
                    elif path.startswith('include/'):
                        problems['private'].append('%s: a public header includes %s'
                                                   % (where, target))
                if tfam != fam and FAMILIES[tfam] >= FAMILIES[fam]:
                    problems['upward'].append('%s: %s (%s) includes %s (%s)'
                                              % (where, fam, FAMILIES[fam], target,
                                                 tfam, ) + ' ranked %d' % FAMILIES[tfam])
                if target.endswith('.h'):
                    hgraph[path].add(target)
                    why.setdefault((path, target), where)

    if objdir:
        defs, undefs = nm_symbols(objdir, stems)
        owner = {}
        for m, d in defs.items():
            for s in d:
                owner[s] = m
        for m, u in sorted(undefs.items()):
            for s in sorted(u):
                t = owner.get(s)
                if t is None or t == m:
                    continue
                graph[m].add(t)
                why.setdefault((m, t), 'calls %s()' % s)
                fam, tfam = stems[m], stems[t]
                if tfam != fam and FAMILIES[tfam] >= FAMILIES[fam]:
                    problems['upcall'].append('%s.o: %s (%s) calls %s() of %s (%s)'
                                              % (m, fam, FAMILIES[fam], s, t, tfam))

    for comp in sccs({k: v for k, v in hgraph.items() if k.endswith('.h')}):
        problems['cycle'].append('headers %s include each other' % ', '.join(comp))
    for comp in sccs(graph):
        steps = []
        for a in comp:
            for b in comp:
                if b in graph.get(a, ()):
                    steps.append('%s -> %s (%s)' % (a, b, why[(a, b)]))
        problems['cycle'].append('modules %s depend on each other: %s'
                                 % (', '.join(comp), '; '.join(steps)))

    kinds = ('upward', 'upcall', 'impure', 'private', 'unowned', 'cycle')
    if not quiet:
        for k in kinds:
            for p in problems[k]:
                print('%s: %s' % (k, p))
    total = sum(len(problems[k]) for k in kinds)
    print('layercheck: %s' % ', '.join('%d %s' % (len(problems[k]), k) for k in kinds)
          + (' (no objects: calls not checked)' if not objdir else ''))
    return 1 if total else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
