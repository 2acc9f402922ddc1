"""The README matches the program: its Python examples run and print what it shows, its shell
lines meant to run do, and its command synopsis names only options the commands have.

Every fenced block says what it is: ``pycon`` (run here as a doctest, from the repository
root), ``bash`` (its ``zhinvest ...`` commands run here), ``text`` (a synopsis, a diagram or
printed figures, not run; the command synopsis is checked against the parser).
"""

from __future__ import annotations

import contextlib
import doctest
import re
import shlex
from pathlib import Path

import pytest

from zhinvest.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
_FENCE = re.compile(r"^```(?P<lang>[^\n]*)\n(?P<body>.*?)^```$", re.S | re.M)


def blocks(lang: str | None = None) -> list[tuple[int, str, str]]:
    """``(line, lang, body)`` of every fenced block of the README, or of those in ``lang``."""
    found = [(README.count("\n", 0, m.start()) + 1, m.group("lang").strip(), m.group("body")) for m in _FENCE.finditer(README)]
    return [block for block in found if lang is None or block[1] == lang]


def _ids(found: list[tuple[int, str, str]]) -> list[str]:
    return [f"README line {line}" for line, _, _ in found]


def test_every_block_says_what_it_is():
    assert blocks(), "no fenced blocks found"
    assert {lang for _, lang, _ in blocks()} <= {"pycon", "bash", "text"}, [(line, lang) for line, lang, _ in blocks()]


@pytest.mark.parametrize("block", blocks("pycon"), ids=_ids(blocks("pycon")))
def test_python_examples_print_what_the_readme_shows(block, monkeypatch):
    line, _, body = block
    scheduler = contextlib.nullcontext()
    if "dask" in body:
        dask = pytest.importorskip("dask", reason="the dask extra: pip install 'zhinvest[dask]'")
        pytest.importorskip("distributed", reason="the dask extra: pip install 'zhinvest[dask]'")
        # in this process (the default scheduler would start processes); the output is the same
        scheduler = dask.config.set(scheduler="synchronous")
    if "to_dataframe" in body or "pandas" in body:
        pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    test = doctest.DocTestParser().get_doctest(body, {}, f"README.md:{line}", str(ROOT / "README.md"), line)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    failures: list[str] = []
    with scheduler:
        runner.run(test, out=failures.append)
    assert len(test.examples) > 3 and runner.failures == 0, "".join(failures)


def shell_commands() -> list[tuple[int, str]]:
    """The ``zhinvest ...`` commands of the README's bash blocks (``pip`` and the rest are
    installation, not run here)."""
    commands = []
    for line, _, body in blocks("bash"):
        for command in re.split(r"&&|\n", body):
            command = command.strip()
            if command.startswith("zhinvest "):
                commands.append((line, command))
    return commands


@pytest.mark.parametrize("command", shell_commands(), ids=[c for _, c in shell_commands()])
def test_shell_commands_run(command, capsys, monkeypatch):
    line, text = command
    monkeypatch.chdir(ROOT)
    code = main(shlex.split(text)[1:])
    out, err = capsys.readouterr()
    assert code == 0, f"README line {line}: {text}: exit {code}: {err}"
    if text == "zhinvest extract seeds/ --format table":  # "runs it on the five bundled seed articles"
        assert [row.split()[1] for row in out.splitlines() if row.startswith("# ")] == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
        assert "relations:" in out and "MONEY" in out


def test_the_command_synopsis_names_only_what_the_commands_take():
    (synopsis,) = [body for _, _, body in blocks("text") if body.startswith("zhinvest extract ")]
    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command").choices
    named: dict[str, set[str]] = {}
    current = None
    for row in synopsis.splitlines():
        row = row.split("#")[0]
        if row.startswith("zhinvest "):
            current = row.split()[1]
            named.setdefault(current, set())
        named[current] |= set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", row))
    assert set(named) == set(commands)
    for command, options in named.items():
        known = {option for action in commands[command]._actions for option in action.option_strings}
        assert options <= known, f"zhinvest {command}: the README names {sorted(options - known)}"
