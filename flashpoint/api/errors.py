"""The one shape of every error body the API returns: {"detail": "what is wrong"}.

Validation errors are flattened to one readable line by the app's handler, so the schema
published in OpenAPI is the same for 400, 401, 404 and 422.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    detail: str = Field(
        description="What is wrong, e.g. 'query.contry: unknown parameter; this endpoint takes ...'"
    )


ERROR_RESPONSES: dict[int | str, dict] = {
    400: {"model": ErrorBody, "description": "A filter or cursor that cannot be used"},
    401: {"model": ErrorBody, "description": "A token is needed"},
    404: {"model": ErrorBody, "description": "No such item"},
    422: {"model": ErrorBody, "description": "A parameter is unknown or malformed"},
}
