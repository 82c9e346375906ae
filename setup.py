"""The C extension; everything else is in pyproject.toml."""

from setuptools import Extension, setup

FLAGS = ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"]

setup(
    ext_modules=[
        Extension(f"sanctio.index.{name}", [f"src/sanctio/index/{name}.c"], extra_compile_args=FLAGS)
        for name in ("_fuzzy", "_rank")
    ]
)
