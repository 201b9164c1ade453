"""Defence in depth: whatever code logs, a BSN-like nine-digit number never reaches a log line."""

import logging
import re

NEGEN_CIJFERS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def maskeer_bsn(text: str) -> str:
    return NEGEN_CIJFERS.sub("*********", text)


class BsnMaskeerFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = maskeer_bsn(message)
        if masked != message:
            record.msg = masked
            record.args = ()
        return True
