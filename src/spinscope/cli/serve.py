"""``spinscope serve``: the web page and HTTP API on a local port."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from spinscope.cli import EXIT_USER_ERROR
from spinscope.cli.app import app, console, errors
from spinscope.errors import StoreError

TOKEN_ENV = "SPINSCOPE_TOKEN"


def is_loopback(host: str) -> bool:
    """True for the names and addresses that only this machine can reach."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _fail(message: str) -> None:
    errors.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(EXIT_USER_ERROR)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface; "
                                               "a non-loopback address needs --token)."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    detector: str = typer.Option(None, help=(
        "auto (default: the English model for English, multilingual for the other supported languages), "
        "a shipped detector name or a model folder.")),
    workers: int = typer.Option(None, min=1, help="Analyses run at once (default: one per core, at most 4)."),
    token: Optional[str] = typer.Option(None, envvar=TOKEN_ENV, show_envvar=True,
                                        help="Secret that /api/* requests must send (Authorization: Bearer)."),
    allowed_host: list[str] = typer.Option([], "--allowed-host",
                                           help="A further name clients may use in the Host header (repeatable)."),
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls",
                                            help="Let the API fetch URLs on loopback and private networks."),
    db: Optional[Path] = typer.Option(None, "--db", help="A corpus store to explore at /explorer "
                                      "(opened read-only, never written)."),
) -> None:
    """Serve the page (paste an article, see its techniques) and the JSON API; with --db, the corpus explorer."""
    try:
        import uvicorn

        from spinscope.web import WebSettings, create_app
    except ImportError as missing:
        _fail(f"the web page needs the 'web' extra ({missing.name} is not installed); "
              "install it with: pip install 'spinscope[web]'")
    if not is_loopback(host) and not token:
        _fail(f"listening on {host} makes the API reachable from other machines; "
              f"give a secret with --token or {TOKEN_ENV}")
    options = {"workers": workers} if workers else {}
    settings = WebSettings(**options, allow_private_urls=allow_private_urls, bind_host=host,
                           allowed_hosts=tuple(allowed_host), token=token or None)
    try:
        web_app = create_app(detector_name=detector, settings=settings, corpus=db)
    except StoreError as problem:
        _fail(str(problem))
    if not is_loopback(host):
        errors.print(f"[bold yellow]warning:[/] listening on {escape(host)}, reachable from other machines; "
                     "/api/* requires the token. Clients must use this address or an --allowed-host name.",
                     highlight=False)
    console.print(f"spinscope on http://{host}:{port}/  (API docs at /docs; Ctrl+C stops)")
    if db is not None:
        console.print(f"corpus explorer at http://{host}:{port}/explorer  ({escape(str(db))}, read-only)")
    uvicorn.run(web_app, host=host, port=port, log_level="info")
