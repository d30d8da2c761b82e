"""One plugin registry for every kind of plugin (in the shape of Open Forms' ``BaseRegistry``).

    providers = Registry("证照来源")

    @providers.register("local")
    class LocalProvider(Provider): ...

    providers["local"]          # the registered object; an unknown name raises UnknownPlugin (Chinese)
    "local" in providers        # membership
    list(providers)             # the names, sorted
    providers.choices()         # [(name, label)] for a form or a model field's choices

``register`` refuses a name that is already taken (``DuplicatePlugin``), so two modules can never silently
replace each other's plugin. What is registered is whatever the decorator wraps (a class or a function); a
kind that wants instances registers ``cls()`` itself via ``register_instance``.
"""

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from catalogs.errors import DomainError

T = TypeVar("T")


class UnknownPlugin(DomainError):
    code = "unknown-plugin"
    status = 400


class DuplicatePlugin(DomainError):
    code = "duplicate-plugin"
    status = 500


class Registry(Generic[T]):
    def __init__(self, kind: str):
        self.kind = kind  # what the plugins are, in Chinese, for messages: "证照来源", "签章算法" …
        self._entries: dict[str, T] = {}
        self._labels: dict[str, str] = {}

    def register(self, name: str, *, label: str = "") -> Callable[[T], T]:
        def decorator(obj: T) -> T:
            self.register_instance(name, obj, label=label)
            return obj

        return decorator

    def register_instance(self, name: str, obj: T, *, label: str = "") -> T:
        if not name:
            raise DuplicatePlugin(f"{self.kind}插件必须有名称")
        if name in self._entries:
            raise DuplicatePlugin(f"{self.kind}“{name}”已注册，不能重复注册")
        self._entries[name] = obj
        self._labels[name] = label or getattr(obj, "label", "") or name
        return obj

    def unregister(self, name: str) -> None:
        """For tests that register a plugin of their own."""
        self._entries.pop(name, None)
        self._labels.pop(name, None)

    def __getitem__(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            known = "、".join(sorted(self._entries)) or "（无）"
            raise UnknownPlugin(f"未知的{self.kind}“{name}”；已注册：{known}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def items(self) -> list[tuple[str, T]]:
        return [(name, self._entries[name]) for name in self]

    def choices(self) -> list[tuple[str, str]]:
        return [(name, self._labels[name]) for name in self]
