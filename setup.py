"""sanctio's compiled code; everything else is in pyproject.toml.

- C extensions: the hot loops of lookup, ranking and pairing.
- The matcher's Python modules (normalize, match, index, screening.screen), compiled with
  mypyc from the same source: the code is `mypy --strict` clean, which is what mypyc
  needs, and compiled it screens about 1.1x as many queries per second
  (docs/benchmarks.md, "Speed").
  `SANCTIO_NO_MYPYC=1` builds without it (to profile the Python code with cProfile) and
  removes modules an earlier build compiled. After editing one of these modules, build
  again (`bash scripts/setup.sh`): Python imports a compiled module before its source,
  and tests/test_build.py fails on a compiled module older than its source.
"""

import os
from pathlib import Path

from setuptools import Extension, setup

FLAGS = ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"]
MODULES = ("index._fuzzy", "index._rank", "match._align")
#: Compiled with mypyc (docs/architecture.md, "Compiled Python"), which keeps no
#: docstrings: nothing reads one at run time.
COMPILED = (
    "normalize/abjad",
    "normalize/given_names",
    "normalize/keys",
    "normalize/korean",
    "normalize/names",
    "normalize/orgs",
    "normalize/syllables",
    "normalize/text",
    "normalize/translit",
    "match/algorithm",
    "match/compounds",
    "match/features",
    "match/names",
    "match/prepared",
    "match/query",
    "match/result",
    "match/rules",
    "match/schemas",
    "match/tokens",
    "index/name_index",
    "index/vocabulary",
    "screening/screen",
)


def extensions() -> list[Extension]:
    c_extensions = [
        Extension(
            f"sanctio.{name}",
            [f"src/sanctio/{name.replace('.', '/')}.c"],
            extra_compile_args=FLAGS,
        )
        for name in MODULES
    ]
    if os.environ.get("SANCTIO_NO_MYPYC") == "1":
        for path in Path("src/sanctio").glob("**/*.so"):
            if (
                path.name.startswith("compiled__mypyc")
                or path.with_name(path.name.split(".")[0] + ".py").exists()
            ):
                path.unlink()
        return c_extensions
    from mypyc.build import mypycify

    compiled = mypycify(
        [f"src/sanctio/{name}.py" for name in COMPILED],
        opt_level="3",
        group_name="sanctio.compiled",
    )
    return c_extensions + compiled


setup(ext_modules=extensions())
