"""Writing files users receive: all or nothing, with ordinary permissions."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_output(path: Path | str) -> Iterator[BinaryIO]:
    """A file object whose content replaces `path` only when the block completes.

    A failure half-way leaves any earlier file untouched and no partial file behind. The file
    gets the permissions a plain open() would give (0666 less the umask), not mkstemp's 0600.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}-")
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
