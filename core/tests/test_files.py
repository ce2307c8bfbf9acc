import os
import stat

import pytest

from core.files import atomic_output


def test_a_written_file_has_ordinary_permissions(tmp_path):
    target = tmp_path / "rapport.pdf"
    with atomic_output(target) as file:
        file.write(b"%PDF")
    assert target.read_bytes() == b"%PDF"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_failure_half_way_leaves_the_earlier_file_and_no_partial_file(tmp_path):
    target = tmp_path / "deltagare.csv"
    target.write_bytes(b"gammal")
    with pytest.raises(RuntimeError), atomic_output(target) as file:
        file.write(b"halv")
        raise RuntimeError("avbrott")
    assert target.read_bytes() == b"gammal"
    assert [p.name for p in tmp_path.iterdir()] == ["deltagare.csv"]
