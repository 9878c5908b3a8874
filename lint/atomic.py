"""Writing a file in one step, so that no reader ever sees half of it.

The data goes to a temporary file in the same folder, which is then renamed over the
file: a concurrent reader (a parallel worker, another run, an editor) sees the old
content or the new. ``--fix``, the baseline and the result cache all write this way.
"""

from __future__ import annotations

import functools
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, data: bytes | Iterable[bytes], *, durable: bool = True, own: bool = False) -> None:
    """Replace (or create) the file at ``path`` with ``data`` (bytes, or chunks of them) in one step.

    An existing file keeps its permissions, and a symbolic link stays a link to the
    replaced file; a new file gets the permissions the umask gives. ``durable`` syncs
    the data to disk before the rename, for a user's own files; a cache, which can
    always be rebuilt, need not pay for it. ``own`` says the file is doclint's own (a
    cache entry): no link to follow, no permissions to keep, so neither is looked up.
    """
    if own:
        real, mode = path, new_file_mode()
    else:
        real = Path(os.path.realpath(path))
        try:
            mode = stat.S_IMODE(real.stat().st_mode)
        except FileNotFoundError:
            mode = new_file_mode()
    handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".doclint")
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, (bytes, bytearray, memoryview)):
                stream.write(data)
            else:  # written as made: a large file need not be held whole
                stream.writelines(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


@functools.cache
def new_file_mode() -> int:
    """The permissions ``open`` gives a new file under the umask (a temporary file has 0o600)."""
    # The umask can only be read by setting it; once per process is enough.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
