"""The package's imports run one way: no module imports (directly or through others) itself; and
collecting the tests imports none of the heavy libraries (they load when a test runs)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import spinscope

PACKAGE = Path(spinscope.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.AST, modules: set[str]) -> set[str]:
    """The spinscope modules an import statement names (submodules preferred over packages)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in modules}
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        found = set()
        for alias in node.names:
            child = f"{node.module}.{alias.name}"
            found.add(child if child in modules else node.module)
        return found & modules
    return set()


def import_graph() -> dict[str, set[str]]:
    """Every module's imports of other spinscope modules, at any depth in the file (lazy ones and
    those for type checkers only too)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {name: {m for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   for m in imported(node, modules)} - {name}
            for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None (depth-first search with colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for child in sorted(graph.get(node, ())):
            if state.get(child) == 1:
                return stack[stack.index(child):] + [child]
            if child not in state and (cycle := visit(child)):
                return cycle
        state[node] = 2
        stack.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_find_cycle_sees_a_cycle_and_its_absence():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert "spinscope.corpus.batch" in graph and "spinscope.pipeline" in graph  # the walk found the package
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


HEAVY = ("fastapi", "starlette", "pydantic", "jinja2", "uvicorn", "httpx", "hypothesis", "schemathesis",
         "playwright", "onnxruntime", "torch", "transformers", "dask", "trafilatura")
"""Libraries that a plain ``pytest --collect-only`` must not import: each adds 0.1-1 s to it."""
COLLECT = """
import json, sys
import pytest

class Probe:
    def pytest_collection_finish(self, session):
        self.items, self.loaded = len(session.items), set(sys.modules)

already, probe = set(sys.modules), Probe()
code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "tests"], plugins=[probe])
loaded = sorted({name.split(".")[0] for name in probe.loaded - already})
print(json.dumps({"code": int(code), "items": probe.items, "loaded": loaded}))
"""


def test_collecting_the_tests_imports_no_heavy_library():
    """Plugins, conftests and test modules leave these to fixtures and test bodies (and pyproject.toml
    turns off schemathesis' and anyio's plugins, which import their libraries when pytest starts)."""
    result = subprocess.run([sys.executable, "-c", COLLECT], cwd=Path(__file__).resolve().parents[1],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["items"] > 500, result.stdout[-3000:]
    assert [name for name in HEAVY if name in report["loaded"]] == []
