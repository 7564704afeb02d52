"""PostgreSQL that a hung server cannot stall: bounded waits, and a breaker on new connections.

Django's backend with three additions. Web requests (`newsroom.resilience`) give each statement a
time limit: PostgreSQL cancels it after the limit, and if the server does not answer at all
(stopped, unreachable) the request stops waiting a moment later and closes the connection.
Connecting is bounded by `connect_timeout`. And after a connection attempt or an answer timed
out, each process stops trying for a few seconds (`newsroom.breaker`): requests that need the
database fail at once instead of each waiting for the timeout, and pages served from the cache
keep their threads.
"""

from __future__ import annotations

import psycopg
from django.db.backends.postgresql import base
from psycopg.errors import _WaitTimeout  # what Connection.wait(timeout=…) raises
from psycopg.pq import TransactionStatus

from newsroom.breaker import CircuitBreaker, breaker_for
from newsroom.resilience import statement_limit

# How much longer than the limit a request waits for the server to report the cancellation.
ANSWER_GRACE_SECONDS = 1.0


# The session's statement_timeout is not known (a rollback may have undone a change to it).
UNKNOWN = -1


class NoAnswer(psycopg.OperationalError):
    """The database did not answer in time, or did not recently."""


class Connection(psycopg.Connection):
    breaker: CircuitBreaker | None = None
    # The session's statement_timeout in ms as last set here (None: the server's default).
    statement_timeout_ms: int | None = None

    def wait(self, gen, *args, **kwargs):
        limit = statement_limit.get()
        breaker = self.breaker
        if limit is None or breaker is None or args or kwargs:
            return super().wait(gen, *args, **kwargs)
        if not breaker.allow():
            # Nothing has been sent: the connection stays usable.
            raise NoAnswer(f"{breaker.name} did not answer recently.")
        seconds = limit + ANSWER_GRACE_SECONDS
        try:
            result = super().wait(gen, timeout=seconds)
        except _WaitTimeout:
            # Halfway through a statement, the connection is of no further use.
            self.pgconn.finish()
            error = NoAnswer(f"No answer from the database within {seconds:g} s.")
            breaker.failed(error)
            raise error from None
        except psycopg.Error:
            breaker.succeeded()  # an error is an answer too: the server is not hung
            raise
        breaker.succeeded()
        return result


class Psycopg:
    """The psycopg module as Django's backend uses it, connecting with `Connection`."""

    connect = Connection.connect

    def __getattr__(self, name):
        return getattr(psycopg, name)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = Psycopg()

    def __init__(self, settings_dict, *args, **kwargs):
        super().__init__(settings_dict, *args, **kwargs)
        pool = self.settings_dict["OPTIONS"].get("pool")
        if isinstance(pool, dict):
            pool.setdefault("connection_class", Connection)
        where = f"{settings_dict.get('HOST') or 'localhost'}:{settings_dict.get('PORT') or 5432}"
        self.breaker = breaker_for(
            f"The database at {where}/{settings_dict.get('NAME')}",
            float(settings_dict.get("RETRY_SECONDS", 5)),
        )

    def get_new_connection(self, conn_params):
        if not self.breaker.allow():
            raise NoAnswer(f"{self.breaker.name} did not answer recently.")
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.errors.ConnectionTimeout as error:
            self.breaker.failed(error)
            raise
        except psycopg.Error:
            self.breaker.succeeded()  # refused at once: nothing to wait for
            raise
        self.breaker.succeeded()
        connection.breaker = self.breaker
        return connection

    def confirm_answering(self) -> None:
        """Ask the server a trivial question within the current statement limit.

        Raises (and, for no answer at all, opens the breaker) as any statement would. Sent
        straight on the connection: not one of the page's queries, nor counted as one.
        """
        self.ensure_connection()
        with self.wrap_database_errors:
            self.connection.execute("SELECT 1")

    def create_cursor(self, name=None):
        self._apply_statement_limit()
        return super().create_cursor(name)

    def _apply_statement_limit(self) -> None:
        limit = statement_limit.get()
        wanted = None if limit is None else max(1, round(limit * 1000))
        connection = self.connection
        if connection.statement_timeout_ms == wanted:
            return
        if connection.info.transaction_status == TransactionStatus.INERROR:
            return  # a failed transaction takes nothing but its rollback
        # Straight on the connection: not one of the page's queries (nor counted as one).
        if wanted is None:
            connection.execute("RESET statement_timeout")
        else:
            connection.execute("SELECT set_config('statement_timeout', %s, false)", [str(wanted)])
        connection.statement_timeout_ms = wanted

    # A setting changed inside a transaction goes back with it.
    def _rollback(self):
        super()._rollback()
        self._forget_statement_limit()

    def _savepoint_rollback(self, sid):
        super()._savepoint_rollback(sid)
        self._forget_statement_limit()

    def _forget_statement_limit(self) -> None:
        if self.connection is not None:
            self.connection.statement_timeout_ms = UNKNOWN
