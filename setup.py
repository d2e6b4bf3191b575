"""For tools and tutorials that still run `setup.py` (nbdev 2's layout): everything is declared in pyproject.toml."""
from setuptools import setup

setup()
