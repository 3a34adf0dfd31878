"""Errors a user can fix: each says what went wrong and what to do about it."""


def first_line(message: object) -> str:
    """The first non-empty line of a message or an exception, for one-line error reports."""
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    if lines:
        return lines[0]
    return type(message).__name__ if isinstance(message, BaseException) else ""


class OlmoIdError(Exception):
    """A problem the user can fix; the CLI prints it in one line and exits 2."""


class ConfigError(OlmoIdError):
    """An unknown profile, an unknown parameter or a value out of range."""


class NoGpuError(ConfigError):
    """A GPU profile was asked for on a machine without a GPU."""


class SourceError(OlmoIdError):
    """The data source does not exist or cannot be read."""


class SchemaError(OlmoIdError):
    """The data lacks columns the course needs."""


class EmptyDataError(OlmoIdError):
    """No usable rows are left after cleaning and filtering."""


class UnknownSubsetError(OlmoIdError):
    """A requested subset_name does not occur in the data."""


class CacheError(OlmoIdError):
    """The cache folder or file cannot be read or written."""


class FolderBusyError(OlmoIdError):
    """Another live process is writing into the same run folder."""


class UsageError(OlmoIdError):
    """The command line itself is wrong: an unknown flag, a missing one, a value of the wrong type."""


class HeldOutError(OlmoIdError):
    """The evaluation rows cannot be shown to be unseen by the adapter, or some were seen."""


class OutputError(OlmoIdError):
    """An output path that would replace an input or an artefact, or that cannot be written."""


class AdapterError(OlmoIdError):
    """The adapter folder is missing, incomplete or made for another base model."""


class MessageTooLongError(OlmoIdError):
    """One message does not fit the model's context on its own, even without history."""


class AssetError(OlmoIdError):
    """An offline asset is missing or damaged."""


class IncompatibleRunError(OlmoIdError):
    """The output folder holds checkpoints of a run with other settings or other data."""


class CourseError(Exception):
    """A notebook of the course failed; the CLI prints where and exits 1."""
