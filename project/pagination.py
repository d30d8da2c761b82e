"""Pagination of every list API: limit/offset, with the page size capped and the offset bounded.

An uncapped ``limit`` (or an offset past any real table) reached the database as an integer it cannot
hold (PostgreSQL: "bigint out of range") and answered 500; now ``limit`` is capped at ``max_limit`` and
an offset beyond ``MAX_OFFSET`` answers an empty page.
"""

from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 10**9


class CappedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 200

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)
