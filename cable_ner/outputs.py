"""Writing a step's outputs atomically: build them in a staging folder, swap them in on success.

A step that fails (bad input, a guard rail, a bug) leaves the outputs of the previous
successful run untouched, never half of them: the staging folder is removed, nothing is
swapped. A step that succeeds replaces its outputs whole, so no stale file of an earlier run
stays among them. A run that is killed (SIGKILL, out of memory) cannot clean up after itself:
its staging folder names its process, and the next step that writes beside it, or ``clean``,
removes it once that process is gone.
"""
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Sequence, Union

STAGING_PREFIX = ".staging-"
_OWNER = re.compile(re.escape(STAGING_PREFIX) + r"(\d+)-")


def _prefix() -> str:
    """This process's staging prefix: ``.staging-<pid>-``."""
    return f"{STAGING_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_staging(directory: Union[str, Path]) -> List[Path]:
    """Remove the staging folders and files in ``directory`` whose run is gone (killed); returns them."""
    removed = []
    directory = Path(directory)
    for leftover in directory.glob(f"{STAGING_PREFIX}*") if directory.is_dir() else ():
        owner = _OWNER.match(leftover.name)
        if owner is not None and _alive(int(owner.group(1))):
            continue  # a run that is still going (this one, or another)
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed


@contextmanager
def staged(target_dir: Union[str, Path], names: Sequence[str]) -> Iterator[Path]:
    """A staging folder beside ``target_dir``; on success each of ``names`` in it replaces its namesake.

    ``names`` are files or folders relative to the staging folder (``"train"``, ``"conversion.json"``).
    A name the step did not write is left alone in ``target_dir``.
    """
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target_dir)
    staging = Path(tempfile.mkdtemp(prefix=_prefix(), dir=target_dir))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes a private folder; outputs get the usual mode
    try:
        yield staging
        for name in names:
            if (staging / name).exists():
                replace(staging / name, target_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace(source: Path, target: Path) -> None:
    """Put ``source`` (a file or a folder) where ``target`` is, removing what was there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        old = target.with_name(f"{_prefix()}old-{target.name}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(source, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(source, target)


def write_text_atomically(path: Path, text: str) -> None:
    """Write a text file so that readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(path.parent)
    with tempfile.NamedTemporaryFile("w", encoding="utf8", dir=path.parent, prefix=_prefix(), delete=False) as handle:
        handle.write(text)
    os.chmod(handle.name, 0o666 & ~_umask())  # as open() would have made it
    os.replace(handle.name, path)


def staging_file(folder: Path) -> Path:
    """A new empty file in ``folder``, named for this process, to write an output into before
    :func:`os.replace` puts it in place (a killed run's file is removed by the next step or ``clean``)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=_prefix(), dir=folder)
    os.close(handle)
    os.chmod(temporary, 0o666 & ~_umask())
    return Path(temporary)


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old one or the new one; cheap enough to call per cable."""
    temporary = staging_file(path.parent)
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove(paths: Sequence[Path]) -> list:
    """Remove files and folders that exist, and staging folders that killed runs left beside them; returns what went."""
    removed = []
    for path in paths:
        path = Path(path)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        else:
            continue
        removed.append(path)
    for parent in sorted({Path(path).parent for path in paths}):
        removed += remove_stale_staging(parent)
    return removed
