"""Ancestry questions about domains, answered without walking up the hierarchy.

A charter's domains form a forest by their parents, possibly with cycles
(SC620) and parents that are not known domains. Asking once per finding
whether a domain's lineage meets a set walked the lineage each time, which a
deep hierarchy made quadratic. :class:`DomainAncestry` builds, once and in
linear time, a depth-first numbering of the forest with each cycle made one
node, and answers from it exactly what walking
:meth:`~smartstd.graph.index.CharterIndex.ancestors` answers.

领域祖先查询：一次线性预处理后，无需逐级向上遍历即可回答祖先关系。
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property

__all__ = ["DomainAncestry"]


class DomainAncestry:
    """The ancestry of the known domains (``parents``: each known domain's parent, or ``None``)."""

    def __init__(self, parents: Mapping[str, str | None]) -> None:
        self.parents = parents

    @cached_property
    def _forest(self) -> tuple[dict[str, str], dict[str, tuple[int, int]], dict[str, str | None]]:
        """The known domains as a forest, each cycle of parents made one node.

        Returns each domain's node (itself, or the least member of its
        cycle), each node's interval in a depth-first walk (``(in, out)``:
        a node is above another when its interval holds the other's) and each
        node's parent node. Built once, iteratively, in linear time, so that
        :meth:`is_ancestor` and :meth:`lineage_meets` cost no walk up a
        hierarchy however deep.
        """
        parents = self.parents
        node: dict[str, str] = {}
        for start in parents:
            if start in node:
                continue
            path: list[str] = []
            at: dict[str, int] = {}
            cur: str | None = start
            while cur is not None and cur in parents and cur not in node and cur not in at:
                at[cur] = len(path)
                path.append(cur)
                cur = parents[cur]
            if cur is not None and cur in at:  # a cycle no walk met before
                cycle = path[at[cur] :]
                least = min(cycle)
                for d in cycle:
                    node[d] = least
                del path[at[cur] :]
            for d in path:
                node[d] = d
        up: dict[str, str | None] = {}
        children: dict[str | None, list[str]] = {}
        for d, n in node.items():
            if n != d:
                continue  # a cycle's member other than its node
            parent = parents[d]
            above = node[parent] if parent is not None and parent in parents else None
            if above == n:  # the node of a cycle (a cycle has no parent outside it)
                above = None
            up[n] = above
            children.setdefault(above, []).append(n)
        interval: dict[str, tuple[int, int]] = {}
        clock = 0
        stack: list[tuple[str, bool]] = [(n, False) for n in reversed(children.get(None, []))]
        entered: dict[str, int] = {}
        while stack:
            n, done = stack.pop()
            if done:
                interval[n] = (entered[n], clock)
                clock += 1
                continue
            entered[n] = clock
            clock += 1
            stack.append((n, True))
            stack.extend((c, False) for c in reversed(children.get(n, [])))
        return node, interval, up

    def is_ancestor(self, above: str, domain: str) -> bool:
        """Whether ``above`` is an ancestor of ``domain`` (as the walk says), without walking."""
        node, interval, _ = self._forest
        a, b = node.get(above), node.get(domain)
        if a is None or b is None:
            return False
        if a == b:  # the same domain, or two members of one cycle
            return above != domain
        (a_in, a_out), (b_in, b_out) = interval[a], interval[b]
        return a_in < b_in and b_out < a_out

    def lineage_table(self, among: Iterable[str]) -> dict[str, bool]:
        """For each known domain, whether it or one of its ancestors is in ``among``.

        Worked out top down in linear time, so that asking about many domains
        costs no walk up a hierarchy however deep. A domain that is not known
        is not in the table (its lineage is itself).
        """
        wanted = set(among)
        node, interval, up = self._forest
        marked: dict[str, bool] = dict.fromkeys(interval, False)
        for d, n in node.items():
            if d in wanted:
                marked[n] = True
        covered: dict[str, bool] = {}
        for n in sorted(interval, key=lambda m: interval[m][0]):  # parents before children
            parent = up[n]
            covered[n] = marked[n] or (parent is not None and covered[parent])
        return {d: covered[n] for d, n in node.items()}

    def above_any(self, among: Iterable[str]) -> set[str]:
        """``among`` and every ancestor of its members: each domain walked at most once."""
        parents = self.parents
        out: set[str] = set()
        for start in among:
            if start in out:
                continue
            out.add(start)
            cur = parents.get(start)
            while cur is not None and cur not in out and cur in parents:
                out.add(cur)
                cur = parents.get(cur)
        return out
