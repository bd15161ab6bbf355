"""``spinscope serve``: the web page and HTTP API on a local port."""

from __future__ import annotations

import typer
from rich.markup import escape

from spinscope.cli import EXIT_USER_ERROR
from spinscope.cli.app import app, console, errors


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    detector: str = typer.Option(None, help="Shipped detector name or model folder (default: the best shipped)."),
    workers: int = typer.Option(None, min=1, help="Analyses run at once (default: one per core, at most 4)."),
) -> None:
    """Serve the page (paste an article, see its techniques) and the JSON API."""
    try:
        import uvicorn

        from spinscope.web import WebSettings, create_app
    except ImportError as missing:
        message = (f"the web page needs the 'web' extra ({missing.name} is not installed); "
                   "install it with: pip install 'spinscope[web]'")
        errors.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
        raise typer.Exit(EXIT_USER_ERROR) from None

    settings = WebSettings(workers=workers) if workers else WebSettings()
    web_app = create_app(detector_name=detector, settings=settings)
    console.print(f"spinscope on http://{host}:{port}/  (API docs at /docs; Ctrl+C stops)")
    uvicorn.run(web_app, host=host, port=port, log_level="info")
