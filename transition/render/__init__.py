"""The one helper that renders every jinja2 template of ``templates/``. Templates get plain dicts and
hold loops and ifs only."""

from __future__ import annotations

from functools import lru_cache

import jinja2

from ..resources import TEMPLATES_DIR


def _number(value, digits: int = 0) -> str:
    """Vietnamese number style: 1.234,5 (dot for thousands, comma for decimals)."""
    if value is None:
        return "?"
    text = f"{float(value):,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _markdown_value(value):
    """Every value printed into a Markdown template is escaped (HTML and Markdown structure), so a
    name such as ``<script>`` or ``| x |`` cannot change the report."""
    from ..io.safe import escape_markdown

    return value if value is None or isinstance(value, (int, float)) else escape_markdown(value)


@lru_cache(maxsize=2)
def environment(markdown: bool = False) -> jinja2.Environment:
    """The jinja2 environment; with ``markdown``, every printed value is escaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_markdown_value if markdown else None,
    )
    env.filters["number"] = _number
    return env


def render(name: str, data: dict) -> str:
    """Render ``templates/<name>`` with ``data``."""
    return environment(name.endswith(".md.j2")).get_template(name).render(**data)
