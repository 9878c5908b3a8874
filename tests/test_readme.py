"""The README's rules table is generated from the registry; this keeps it current."""

from __future__ import annotations

import re
from pathlib import Path

from doclint.cli import rules_markdown
from doclint.plugin_manager import build_plugin_manager
from doclint.registry import Registry

README = Path(__file__).resolve().parent.parent / "README.md"


def test_rules_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    table = re.search(r"<!-- rules:start -->\n(.*)<!-- rules:end -->", text, re.DOTALL).group(1).strip()
    expected = rules_markdown(Registry.from_plugins(build_plugin_manager(autoload=False)).rules)
    assert table == expected, (
        "regenerate with: DOCLINT_DISABLE_PLUGIN_AUTOLOAD=1 doclint rules --output-format markdown"
    )


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks[0] == "pip install . && doclint check tests/fixtures/seeds"
    assert blocks[1] == "pip install -e '.[test]' ./tests/fixtures/example-plugin && python -m pytest"
