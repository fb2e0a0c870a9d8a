"""How a run stops on a signal: SIGTERM and SIGINT end it with 143 and 130 and one line (cli.main),
wherever they land, even where a library turns the exception a signal handler raised into its own."""

from __future__ import annotations

import signal

_received: list[int] = []   # the stop signals this process got, in order
# What DuckDB raises instead of the exception a signal handler raised during a query.
_QUERY_INTERRUPTED = ("query interrupted", "interrupt error")


class Terminated(BaseException):
    """SIGTERM outside the flow; inside it Prefect's handler raises its TerminationSignal. Both carry
    the signal, which is all `cli.main` asks of them."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signal = signum


def catch() -> None:
    """Handle SIGTERM and SIGINT in this (the main) thread from now on."""
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)


def _stop(signum: int, frame: object) -> None:
    # (no import here: a signal may land while a module is half imported)
    _received.append(signum)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def behind(exc: BaseException) -> BaseException | None:
    """The stop behind a failure: a signal's exception in its chain, or a query DuckDB interrupted
    because a handler raised during it (DuckDB replaces that exception with its own; a SIGINT is
    recorded by `_stop`, a SIGTERM may have met Prefect's handler instead)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, KeyboardInterrupt) or getattr(cause, "signal", None) == signal.SIGTERM:
            return cause
        if any(words in str(cause).lower() for words in _QUERY_INTERRUPTED):
            return KeyboardInterrupt() if _received[-1:] == [signal.SIGINT] else Terminated(signal.SIGTERM)
        cause = cause.__cause__ or cause.__context__
    return None
