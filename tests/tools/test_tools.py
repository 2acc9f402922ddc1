"""The tools (:mod:`zhinvest.tools`) stay apart from the runtime: the pipeline, its components,
the reader and every other module work without importing them, and each tool is a command of
the one CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zhinvest.cli import TOOLS, build_parser

#: Imports every module of the package outside ``zhinvest.tools`` (a module of an optional
#: backend that is not installed is skipped), then prints the ``zhinvest.tools`` modules loaded.
IMPORT_THE_RUNTIME = """
import importlib, pkgutil, sys
import zhinvest

def walk(path, prefix):
    for info in pkgutil.iter_modules(path, prefix):
        if info.name == "zhinvest.tools":
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        if info.ispkg:
            walk(module.__path__, info.name + ".")

walk(zhinvest.__path__, "zhinvest.")
print(sorted(name for name in sys.modules if name.startswith("zhinvest.tools")))
"""

#: Extracts a short article the ways a user does, then prints the ``zhinvest.tools`` modules loaded.
EXTRACT = """
import sys, tempfile, zhinvest
text = "苏州工业园区今年共签约项目120个，总投资超过1.1万亿元，新增用地面积约3000亩。"
assert zhinvest.extract(text).entities
assert zhinvest.extract(text, ner=True).entities
assert zhinvest.extract(text, segmenter="pkuseg").entities
with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
    handle.write(text)
assert zhinvest.extract_file(handle.name).entities
print(sorted(name for name in sys.modules if name.startswith("zhinvest.tools")))
"""


@pytest.mark.parametrize("code", [EXTRACT, IMPORT_THE_RUNTIME], ids=["extract", "every-runtime-module"])
def test_the_runtime_never_imports_the_tools(code):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_every_tool_is_a_module_of_the_tools_package_and_a_command(tool):
    module, _ = TOOLS[tool]
    assert module == f"zhinvest.tools.{tool}"
    command = "build" if tool == "lexicons" else "train"
    args = build_parser().parse_args([command, tool, "--help"])
    assert (args.tool, args.tool_args) == (tool, ["--help"])
