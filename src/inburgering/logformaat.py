"""JSON log lines for production (`LOG_FORMAT=json`): one object per line, for a log collector.

Fields: `time` (ISO 8601, UTC), `level`, `logger`, `message`, `verzoek_id` (the request's id,
the same as in the access log; "-" outside a request), and `exception` when there is one. The
message has passed `BsnMaskeerFilter` already; the exception text is masked here too, because a
traceback can quote a value the message never showed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from inburgering.accounts.logfilters import maskeer_bsn


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        regel = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": maskeer_bsn(record.getMessage()),
            "verzoek_id": getattr(record, "verzoek_id", "-"),
        }
        if record.exc_info:
            regel["exception"] = maskeer_bsn(self.formatException(record.exc_info))
        return json.dumps(regel, ensure_ascii=False, default=str)
