"""The license gateway: query, retrieve and verify through the directory's providers."""

from .services import GatewayResult, query, retrieve, verify

__all__ = ["GatewayResult", "query", "retrieve", "verify"]
