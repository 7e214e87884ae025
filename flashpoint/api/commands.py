"""`flashpoint serve`: the REST API and web UI over one database."""

from __future__ import annotations

import typer


def serve(
    db: str | None = typer.Option(None, "--db", help="Database URL or SQLite file path."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    max_body: int = typer.Option(
        2_000_000, "--max-body", help="Largest request body accepted, in bytes."
    ),
    secure_cookie: bool = typer.Option(
        False,
        "--secure-cookie",
        help="Mark the UI's sign-in cookie Secure: TLS ends in a proxy in front of the server.",
    ),
) -> None:
    """Serve the REST API (/api, docs at /api/docs) and the web UI (/) over a database.

    On 127.0.0.1 reads are open and writes need the api_token setting; on any other address
    every request needs it: the web UI asks for it once, at /signin.
    """
    import logging

    import uvicorn

    from .app import create_app
    from .security import RedactToken

    app = create_app(db, host=host, max_body=max_body, secure_cookie=secure_cookie or None)
    typer.echo(f"flashpoint: serving {app.state.store.shown_url} on http://{host}:{port}/")
    if app.state.access.protect_reads:
        typer.echo("flashpoint: the web UI asks for the API token once, at /signin")
    settings = uvicorn.Config(app, host=host, port=port, log_level="info")  # sets up logging
    logging.getLogger("uvicorn.access").addFilter(RedactToken())
    uvicorn.Server(settings).run()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
