"""A non-editable install (``pip install .``, a wheel) carries every module and the fitted file."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_the_wheel_holds_every_module_and_the_fitted_models(tmp_path: Path):
    # Built from a copy: setuptools would otherwise reuse the checkout's build/ folder, which
    # may hold files an earlier configuration put there.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for package in ("bot", "index"):
        shutil.copytree(
            REPO / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("treatybot-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        p.relative_to(REPO).as_posix()
        for package in ("bot", "index")
        for p in (REPO / package).rglob("*.py")
    }
    assert wanted <= names, sorted(wanted - names)
    assert "index/tuning.json" in names
