"""Every error flashpoint raises on purpose, in one place.

FlashpointError
├── InputError          a file or record cannot be read or parsed (names the source and the reason)
├── ConfigError         a setting has a bad value
├── KnowledgeBaseError  an actor or gazetteer data file is invalid (names the file and entry)
├── StoreError          the database cannot be opened, migrated or written
└── EvalError           a gold file is missing or not in the expected format

The CLI catches FlashpointError and prints its message; anything else is a bug and may trace.
"""

from __future__ import annotations


class FlashpointError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""


class InputError(FlashpointError):
    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ConfigError(FlashpointError):
    pass


class KnowledgeBaseError(FlashpointError):
    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class StoreError(FlashpointError):
    pass


class EvalError(FlashpointError):
    pass
