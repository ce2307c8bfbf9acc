"""The file reading and the sample row generator load before Django is set up: the benchmark
and data-generator scripts import them first (bench/)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_tabular_and_the_row_generator_import_without_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import core.tabular, samples.participant_rows, participants.rules"
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
