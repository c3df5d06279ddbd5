"""Shared pieces of the CLI: consoles, the --json option, progress, and clean error handling."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import typer
from rich.console import Console

out = Console(soft_wrap=True)  # results
err = Console(stderr=True, soft_wrap=True)  # progress and errors, so that --json stays clean

STATE = {"debug": False}

JsonOption = typer.Option(False, "--json", help="Print JSON for machines instead of tables.")
LangOption = typer.Option(
    "vi",
    "--lang",
    help="Language (ngôn ngữ) of the headers and words of the files people open: vi (default) "
    "or en.",
)


def check_lang(lang: str) -> str:
    """``lang`` when it is ``vi`` or ``en``; else a clean usage error."""
    if lang not in ("vi", "en"):
        raise typer.BadParameter(f"--lang is vi or en, not '{lang}'")
    return lang


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def _default(v):
    if hasattr(v, "item"):
        return v.item()
    return str(v)


@contextmanager
def progress(title: str, quiet: bool = False):
    """Progress on stderr: in a terminal a spinner whose text each report updates (counts included);
    elsewhere (a log, CI, a pipe) one line per stage, when the stage changes, so a long run shows
    where it is without flooding the log. Silent when ``quiet``."""
    if quiet:
        yield lambda _text: None
        return
    if not err.is_terminal:
        last: dict[str, str | None] = {"stage": None}

        def line(text: str) -> None:
            stage = text.split(" (")[0]  # "writing unit workbooks (120/3,321)" -> its stage
            if stage != last["stage"]:
                last["stage"] = stage
                sys.stderr.write(f"{title}: {text}\n")
                sys.stderr.flush()

        yield line
        return
    with err.status(title) as status:
        yield lambda text: status.update(f"{title}: {text}")


def fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)
