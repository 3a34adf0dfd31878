"""The machine a run is on: its CUDA GPU if it has one, and whether a profile can run here.

Every GPU question of the package is answered by `gpu_capability`, so a test that replaces that one function
makes the whole package see a GPU (or none).
"""

from __future__ import annotations

from olmo_id.errors import NoGpuError

CPU_PROFILES = ("smoke", "cpu")  # the profiles made for a machine without a GPU


def gpu_capability() -> tuple[int, int] | None:
    """The first CUDA GPU's compute capability, or None without a GPU (or without torch)."""
    try:
        import torch
    except ImportError:
        return None
    if not torch.cuda.is_available():
        return None
    return tuple(torch.cuda.get_device_capability(0))  # type: ignore[return-value]


def has_gpu() -> bool:
    """Whether this machine has a CUDA GPU that torch can use."""
    return gpu_capability() is not None


def require_gpu(profile: str) -> None:
    """Refuse a GPU profile (every one but smoke and cpu, 'auto' too) on a machine without a CUDA GPU."""
    if profile not in CPU_PROFILES and not has_gpu():
        raise no_gpu_error(profile)


def no_gpu_error(profile: str) -> NoGpuError:
    """The one-line error for a GPU profile on a machine without a GPU, saying what to do instead."""
    return NoGpuError(
        f"profil '{profile}' butuh GPU CUDA, tetapi mesin ini tidak punya; di Colab pilih Runtime > Change runtime "
        f"type > T4 GPU, atau pakai profil 'cpu' (SmolLM2-135M sungguhan) atau 'smoke' (model mini acak) di CPU"
    )
