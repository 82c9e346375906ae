"""sanctio's C extensions (the hot loops of lookup, ranking and pairing); everything
else is in pyproject.toml."""

from setuptools import Extension, setup

FLAGS = ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"]
MODULES = ("index._fuzzy", "index._rank", "match._align")

setup(
    ext_modules=[
        Extension(
            f"sanctio.{name}",
            [f"src/sanctio/{name.replace('.', '/')}.c"],
            extra_compile_args=FLAGS,
        )
        for name in MODULES
    ]
)
