#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The module's include graph has no loop (make lint).

A unit is a .c file and the .h of the same name (ss_vm.c and ss_vm.h); an
edge goes from a unit to each unit whose header it includes. A loop means
that two layers call each other (docs/ARCHITECTURE.md draws the layers).
Also checks hooks/hooks.h against hooks/*.c: every listed hook has its file
hooks/NAME.c defining ss_hook_NAME, and every hook file is listed.

Usage: check-includes.py MODULE_DIR; prints the loops and exits 1 if any.
"""
import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else 'module'
inc = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def unit_of(path):
    rel = os.path.relpath(path, top)
    return os.path.splitext(rel)[0]


edges = {}
for d, _, files in os.walk(top):
    if 'configure' in d.split(os.sep):
        continue
    for f in files:
        if not f.endswith(('.c', '.h')) or f in ('ss_config.h',) or f.endswith('.mod.c'):
            continue
        path = os.path.join(d, f)
        u = unit_of(path)
        edges.setdefault(u, set())
        with open(path) as fh:
            for h in inc.findall(fh.read()):
                target = os.path.normpath(os.path.join(d, h))
                if not target.startswith(os.path.normpath(top)) or not os.path.exists(target):
                    continue
                v = unit_of(target)
                if v != u and os.path.basename(target) != 'ss_config.h':
                    edges[u].add(v)

loops = []
state = {}


def visit(u, stack):
    state[u] = 1
    stack.append(u)
    for v in sorted(edges.get(u, ())):
        if state.get(v) == 1:
            loops.append(stack[stack.index(v):] + [v])
        elif not state.get(v):
            visit(v, stack)
    stack.pop()
    state[u] = 2


for u in sorted(edges):
    if not state.get(u):
        visit(u, [])

hooks_h = os.path.join(top, 'hooks', 'hooks.h')
listed = re.findall(r'^SS_HOOK\(([a-z_0-9]+),', open(hooks_h).read(), re.M)
problems = []
for name in listed:
    f = os.path.join(top, 'hooks', name + '.c')
    if not os.path.exists(f):
        problems.append('hooks/hooks.h lists %s, but there is no hooks/%s.c' % (name, name))
    elif not re.search(r'\b(ss_hook_%s\b|SS_TASK_CTX_HOOK\(%s,)' % (name, name), open(f).read()):
        problems.append('hooks/%s.c does not define ss_hook_%s' % (name, name))
for f in os.listdir(os.path.join(top, 'hooks')):
    name = f[:-2]
    if f.endswith('.c') and re.search(r'^(struct ss_hook ss_hook_|SS_TASK_CTX_HOOK\()',
                                      open(os.path.join(top, 'hooks', f)).read(), re.M) \
            and name not in listed:
        problems.append('hooks/%s defines a hook that hooks/hooks.h does not list' % f)

for loop in loops:
    print('include loop: ' + ' -> '.join(loop))
for p in problems:
    print(p)
print('%d units, %d include edges, %d loops, %d hook list problems' %
      (len(edges), sum(len(v) for v in edges.values()), len(loops), len(problems)))
sys.exit(1 if loops or problems else 0)
