"""The event database: `Store(url)` opens it, creating or upgrading the schema as needed.

The schema lives in two places that a test keeps identical: the ORM classes in `schema.py`
(which the code queries) and the alembic migrations in `migrations/versions/` (which create and
change real databases). To change it, edit `schema.py`, then generate a migration against a
database at the current head and review it:

    from alembic import command
    from alembic.config import Config
    from flashpoint.store import MIGRATIONS, Store

    engine = Store("sqlite:///current.db").engine
    settings = Config()
    settings.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        settings.attributes["connection"] = connection
        command.revision(settings, message="what changed", autogenerate=True, rev_id="0002")
"""

from __future__ import annotations

from .query import EventFilter
from .store import MIGRATIONS, Saved, Store, migrate

__all__ = ["MIGRATIONS", "EventFilter", "Saved", "Store", "migrate"]
