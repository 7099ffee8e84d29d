#!/usr/bin/env python3
"""Lists the `crate::` edges between the top-level modules of Rust crates and
fails when they form a cycle.

    python3 scripts/module-cycles.py server/src wire/src [src ...]

Each argument is a crate's source root (the folder of its lib.rs or main.rs).
A top-level module is a file `NAME.rs` or a folder `NAME/` in that root; every
`crate::NAME` in a module's files (a path, or an item of a `use crate::{…}`
group) is an edge from that module to NAME. The crate roots themselves (lib.rs,
main.rs) assemble the modules and are left out. Exit status 1 on a cycle.
"""

import os
import re
import sys

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
LINE_COMMENT = re.compile(r"//[^\n]*")
BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def top_level_modules(root):
    modules = {}
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if os.path.isdir(path):
            modules.setdefault(name, []).extend(rust_files(path))
        elif name.endswith(".rs") and name not in ("lib.rs", "main.rs"):
            modules.setdefault(name[:-3], []).append(path)
    return modules


def rust_files(folder):
    for dirpath, _, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith(".rs"):
                yield os.path.join(dirpath, name)


def code_of(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Comments and strings name modules without using them.
    text = BLOCK_COMMENT.sub(" ", text)
    text = LINE_COMMENT.sub(" ", text)
    return STRING.sub('""', text)


def group_heads(text, start):
    """The first identifier of each item of the `{…}` group opening at `start`."""
    heads, depth, item_start = [], 0, start + 1
    for i in range(start, len(text)):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                heads.append(text[item_start:i])
                break
        elif c == "," and depth == 1:
            heads.append(text[item_start:i])
            item_start = i + 1
    names = []
    for item in heads:
        match = IDENT.search(item)
        if match:
            names.append(match.group(0))
    return names


def edges_of(root):
    modules = top_level_modules(root)
    edges = {name: set() for name in modules}
    for name, files in modules.items():
        for path in files:
            text = code_of(path)
            for match in re.finditer(r"\bcrate\s*::\s*(\{|[A-Za-z_][A-Za-z0-9_]*)", text):
                token = match.group(1)
                targets = group_heads(text, match.start(1)) if token == "{" else [token]
                for target in targets:
                    if target in modules and target != name:
                        edges[name].add(target)
    return edges


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def cycle_path(edges, component):
    """One concrete loop through the component, e.g. `a -> b -> a`."""
    members = set(component)
    start = component[0]
    path, seen = [start], {start}
    node = start
    while True:
        nxt = sorted(n for n in edges[node] if n in members)
        back = [n for n in nxt if n == start]
        if back and len(path) > 1:
            return " -> ".join(path + [start])
        fresh = [n for n in nxt if n not in seen]
        if not fresh:
            return " -> ".join(path + [nxt[0]]) if nxt else " -> ".join(path)
        node = fresh[0]
        path.append(node)
        seen.add(node)


def main(roots):
    if not roots:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for root in roots:
        edges = edges_of(root)
        print(f"{root}:")
        for name in sorted(edges):
            targets = " ".join(sorted(edges[name])) or "(none)"
            print(f"  {name} -> {targets}")
        found = cycles(edges)
        for component in found:
            failed = True
            print(f"  CYCLE among {', '.join(component)}: {cycle_path(edges, component)}")
        if not found:
            print("  no cycles")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
