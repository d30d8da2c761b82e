"""A queryset compiled to SQL once, then run again with new parameter values (hot read paths).

Django compiles every queryset anew: for ``verify_license``'s lookup (a version with its license, type,
issuer and seal key: four joins, ~60 columns) the compilation costs several times the SQL itself
(docs/benchmarks/performance.md). ``PreparedQuery`` builds the queryset once per database alias with a
marker value, keeps the SQL, the parameters and Django's own row-to-instance machinery (column list,
converters, related populators), and on each call substitutes the value, runs the SQL and builds the
instances exactly as ``ModelIterable`` would. The result is the same model instances, with the same
``select_related`` objects attached, as iterating the queryset.

The kept SQL is rewritten once to named placeholders (``%(p0)s``, the DB-API "pyformat" style Django's
backends accept with a mapping of parameters): with positional ``%s`` Django's SQLite backend rewrites
the SQL to ``?`` by a regular expression on every execution, which for this 2.6 KB statement cost as
much as running it. PostgreSQL takes named placeholders natively.

Only for querysets of plain model instances with ``select_related`` (no annotations, ``values()``,
``prefetch_related``, ``only()``/``defer()``); ``compile`` refuses anything else.
"""

import re
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models.query import QuerySet, get_related_populators

_PLACEHOLDER = re.compile(r"%%|%s")


def _named(sql: str) -> str:
    """``%s`` → ``%(p0)s``, ``%(p1)s`` … in order; ``%%`` (a literal percent sign) stays."""
    numbers = iter(range(sql.count("%s")))
    return _PLACEHOLDER.sub(lambda match: "%%" if match.group() == "%%" else f"%(p{next(numbers)})s", sql)


class PreparedQuery:
    def __init__(self, build: Callable[[Any], QuerySet], *, marker: Any):
        """``build(value)`` returns the queryset for one value; ``marker`` is a value of the parameter's
        type that cannot otherwise occur in the query's parameters (it is located by equality)."""
        self._build = build
        self._marker = marker
        self._compiled: dict[tuple, tuple] = {}

    def _compile(self, alias: str | None) -> tuple:
        queryset = self._build(self._marker)
        if alias:
            queryset = queryset.using(alias)
        query = queryset.query
        if query.annotations or queryset._prefetch_related_lookups:
            raise ValueError("PreparedQuery: only plain querysets with select_related (and only())")
        if queryset._iterable_class.__name__ != "ModelIterable":
            raise ValueError("PreparedQuery: only querysets of model instances")
        db = queryset.db
        compiler = query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        positions = [index for index, param in enumerate(params) if param == self._marker]
        if not positions:
            raise ValueError("PreparedQuery: the marker is not among the query's parameters")
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, db)
        converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
        params = {f"p{index}": param for index, param in enumerate(params)}
        positions = [f"p{index}" for index in positions]
        compiled = (db, compiler, _named(sql), params, positions, klass_info["model"], start, end, init_list)
        compiled += (populators, converters)
        if len(self._compiled) >= 64:  # one entry per thread's connection; threads come and go
            self._compiled.clear()
        self._compiled[(alias or "default", id(connections[db]))] = compiled
        return compiled

    def all(self, value: Any, *, using: str | None = None) -> list:
        """The model instances ``build(value)`` would give, in its order."""
        alias = using or "default"
        # per connection object (one per thread): the compiler and the backend converters belong to it
        compiled = self._compiled.get((alias, id(connections[alias]))) or self._compile(using)
        db, compiler, sql, params, positions, model, start, end, init_list, populators, converters = compiled
        params = dict(params)
        for position in positions:
            params[position] = value
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        objects = []
        for row in rows:
            obj = model.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            objects.append(obj)
        return objects

    def first(self, value: Any, *, using: str | None = None):
        objects = self.all(value, using=using)
        return objects[0] if objects else None
