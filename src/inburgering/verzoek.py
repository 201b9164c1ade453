"""One id per web request, shared by the log lines and the access log.

`VerzoekIdMiddleware` gives every request a fresh `request.verzoek_id` (uuid4) and holds it in a
context variable for the duration of the request, so code far from the request finds it without
being passed it: `accounts.toegang.log_inzage` and `log_export` write it to the access and
export logs, and `VerzoekIdFilter` puts it on every log record. A privacy officer who reads an
access-log row can then find the log lines of the same request, and the other way round.
The id is random and says nothing about the person; it is also sent back as `X-Verzoek-Id`.
"""

from __future__ import annotations

import logging
import uuid
from contextvars import ContextVar

#: The id of the request this thread is serving; None outside a request (commands, the worker).
huidig_verzoek_id: ContextVar[uuid.UUID | None] = ContextVar("huidig_verzoek_id", default=None)


class VerzoekIdMiddleware:
    """First in MIDDLEWARE, so that every later middleware's log lines carry the id too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.verzoek_id = uuid.uuid4()
        token = huidig_verzoek_id.set(request.verzoek_id)
        try:
            response = self.get_response(request)
        finally:
            huidig_verzoek_id.reset(token)
        response.headers["X-Verzoek-Id"] = str(request.verzoek_id)
        return response


class VerzoekIdFilter(logging.Filter):
    """Adds `verzoek_id` to every record ("-" outside a request); never drops one."""

    def filter(self, record: logging.LogRecord) -> bool:
        verzoek_id = huidig_verzoek_id.get()
        record.verzoek_id = str(verzoek_id) if verzoek_id else "-"
        return True
