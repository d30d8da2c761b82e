"""Package files in Django storage (write-once) and the readers the checker runs over.

A reader presents one package as relative paths → bytes, whatever holds it: the storage a package
was written to, or a zip received from (or exported to) another archives system. Each reader also
reports entries that are unsafe in themselves (links, absolute paths, ``..``), so the security check
can name them without ever following them.
"""

import io
import os
import posixpath
import stat
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from archives.errors import ArchiveExists

ROOT = "archives"


def archive_storage():
    return storages[getattr(settings, "ARCHIVES_STORAGE", "default")]


def package_prefix(package_id: str) -> str:
    return f"{ROOT}/{package_id}"


def write_package_files(*, package_id: str, files: dict[str, bytes]) -> list[str]:
    """Write every file once; refuse if any already exists (a package is never overwritten)."""
    storage = archive_storage()
    prefix = package_prefix(package_id)
    names = [f"{prefix}/{path}" for path in files]
    if any(storage.exists(name) for name in names):
        raise ArchiveExists(f"存储中已存在归档信息包 {package_id} 的文件，不能覆盖")
    written = []
    try:
        for path, content in files.items():
            name = f"{prefix}/{path}"
            saved = storage.save(name, ContentFile(content))
            written.append(saved)
            if saved != name:
                raise ArchiveExists(f"存储中已存在文件 {name}，不能覆盖")
    except Exception:
        for name in written:  # undo a half-written package; the package row does not exist yet
            storage.delete(name)
        raise
    return written


def remove_unregistered_files(names: Iterable[str]) -> None:
    """Only for a build whose package row could not be saved (nothing refers to these files)."""
    storage = archive_storage()
    for name in names:
        storage.delete(name)


def _unsafe_path(path: str) -> str:
    if path.startswith("/") or (len(path) > 1 and path[1] == ":") or "\\" in path:
        return "绝对路径或含反斜杠的路径"
    if ".." in path.split("/") or posixpath.normpath(path) != path:
        return "路径指向信息包之外（含“..”或不规范）"
    return ""


class PackageReader(ABC):
    label = ""

    @abstractmethod
    def paths(self) -> list[str]: ...

    @abstractmethod
    def read(self, path: str) -> bytes: ...

    def unsafe_entries(self) -> list[tuple[str, str]]:
        return []


class StorageReader(PackageReader):
    def __init__(self, package_id: str, storage=None):
        self.storage = storage or archive_storage()
        self.prefix = package_prefix(package_id)
        self.label = f"storage:{self.prefix}"

    def _walk(self, directory: str) -> Iterable[str]:
        if not self.storage.exists(directory):
            return
        dirs, files = self.storage.listdir(directory)
        for name in files:
            yield f"{directory}/{name}"
        for name in dirs:
            yield from self._walk(f"{directory}/{name}")

    def paths(self) -> list[str]:
        return sorted(name[len(self.prefix) + 1 :] for name in self._walk(self.prefix))

    def read(self, path: str) -> bytes:
        with self.storage.open(f"{self.prefix}/{path}", "rb") as handle:
            return handle.read()

    def unsafe_entries(self) -> list[tuple[str, str]]:
        unsafe = []
        if hasattr(self.storage, "path"):
            for path in self.paths():
                if os.path.islink(self.storage.path(f"{self.prefix}/{path}")):
                    unsafe.append((path, "符号链接"))
        return unsafe


class ZipReader(PackageReader):
    """A package exported as one zip: every entry must sit under ``<package id>/``."""

    def __init__(self, data: bytes, label: str = "zip"):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.label = label
        infos = [i for i in self.zip.infolist() if not i.is_dir()]
        roots = {i.filename.split("/", 1)[0] for i in infos}
        self.root = roots.pop() if len(roots) == 1 else ""
        self._infos = infos

    def _relative(self, name: str) -> str:
        return name[len(self.root) + 1 :] if self.root and name.startswith(self.root + "/") else name

    def paths(self) -> list[str]:
        return sorted(
            self._relative(i.filename)
            for i in self._infos
            if not _unsafe_path(i.filename) and not self._is_link(i)
        )

    def read(self, path: str) -> bytes:
        return self.zip.read(f"{self.root}/{path}" if self.root else path)

    @staticmethod
    def _is_link(info: zipfile.ZipInfo) -> bool:
        return stat.S_ISLNK(info.external_attr >> 16)

    def unsafe_entries(self) -> list[tuple[str, str]]:
        unsafe = []
        names = [i.filename for i in self._infos]
        for info in self._infos:
            reason = _unsafe_path(info.filename)
            if reason:
                unsafe.append((info.filename, reason))
            elif self._is_link(info):
                unsafe.append((info.filename, "符号链接"))
        if not self.root:
            unsafe.append(("/", "压缩包中的文件不在同一个信息包目录下"))
        if len(set(names)) != len(names):
            unsafe.append(("/", "压缩包中有重名文件"))
        return unsafe


EPOCH = (2000, 1, 1, 0, 0, 0)


def zip_package(reader: PackageReader, package_id: str) -> bytes:
    """One deterministic zip (fixed timestamps, sorted entries) of a package, for transfer."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in reader.paths():
            info = zipfile.ZipInfo(f"{package_id}/{path}", date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, reader.read(path))
    return buffer.getvalue()
