"""Where a Spark job's output lives: plain paths on local disk, any URI (hdfs://, s3a://,
abfs://, file://) through Hadoop's FileSystem API, so the atomic folder rename and the
metadata sidecar work on a cluster as they do on a laptop."""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sanctio.screening.batch.output import write_json_atomic

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: A scheme of two or more letters: `C:` is a drive letter, not a URI.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def is_uri(path: str) -> bool:
    return _SCHEME.match(path) is not None


def sibling(path: str, name: str) -> str:
    """`name` in the folder that holds `path` (same filesystem, so a rename is cheap)."""
    if not is_uri(path):
        return str(Path(path).with_name(name))
    head, _, tail = path.rstrip("/").rpartition("/")
    if not tail or head.endswith(":/"):
        raise ValueError(f"{path}: expected a URI with a path, e.g. hdfs:///data/out")
    return f"{head}/{name}"


def base_name(path: str) -> str:
    return path.rstrip("/").rpartition("/")[2] if is_uri(path) else Path(path).name


class Storage:
    """exists / is_dir / rename / delete / write JSON, on the filesystem `path` names."""

    def __init__(self, spark: SparkSession) -> None:
        self._spark = spark

    def _hadoop(self, path: str) -> tuple[Any, Any]:
        sc = self._spark.sparkContext
        jvm: Any = sc._jvm
        conf = sc._jsc.hadoopConfiguration()
        target = jvm.org.apache.hadoop.fs.Path(path)
        return target.getFileSystem(conf), target

    def exists(self, path: str) -> bool:
        if not is_uri(path):
            return os.path.lexists(path)
        fs, target = self._hadoop(path)
        return bool(fs.exists(target))

    def is_dir(self, path: str) -> bool:
        if not is_uri(path):
            return Path(path).is_dir()
        fs, target = self._hadoop(path)
        return bool(fs.exists(target) and fs.getFileStatus(target).isDirectory())

    def rename(self, src: str, dst: str) -> None:
        """Rename; the caller has checked that `dst` does not exist (Hadoop would move
        `src` into an existing folder instead of failing)."""
        if not is_uri(src):
            Path(src).rename(dst)
            return
        fs, source = self._hadoop(src)
        _, target = self._hadoop(dst)
        if not fs.rename(source, target):
            raise OSError(f"could not rename {src} to {dst}")

    def delete(self, path: str) -> None:
        """Remove a file or a folder tree; nothing to do when it is absent."""
        if not is_uri(path):
            if Path(path).is_dir() and not Path(path).is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                Path(path).unlink(missing_ok=True)
            return
        fs, target = self._hadoop(path)
        fs.delete(target, True)

    def write_json(self, path: str, data: Any) -> None:
        """A small JSON file, written whole or not at all (temporary file, then rename)."""
        if not is_uri(path):
            write_json_atomic(Path(path), data)
            return
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
        tmp = sibling(path, f".{base_name(path)}.{uuid.uuid4().hex[:8]}.tmp")
        fs, target = self._hadoop(tmp)
        try:
            stream = fs.create(target, False)
            try:
                stream.write(bytearray(text.encode("utf-8")))
            finally:
                stream.close()
            self.delete(path)
            self.rename(tmp, path)
        except BaseException:
            self.delete(tmp)
            raise
