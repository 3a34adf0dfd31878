"""olmo-id: the package behind the notebooks of the Indonesian OLMo-1B LoRA course."""

import importlib
import pkgutil

__version__ = "0.1.0"
_SUBMODULES = frozenset(module.name for module in pkgutil.iter_modules(__path__))


def __getattr__(name: str) -> object:
    """Import a stage module on first use, so `olmo-id --help` does not pay for pandas or matplotlib."""
    if name in _SUBMODULES:
        return importlib.import_module(f"olmo_id.{name}")
    raise AttributeError(f"module 'olmo_id' has no attribute '{name}'")
