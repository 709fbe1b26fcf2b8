"""Domain errors; the app maps each to one JSON error shape and an honest status code."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of the errors a client may see."""

    status = 500
    type = "internal_error"

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class BadInput(ServiceError):
    status = 422
    type = "invalid_request"


class TooLarge(ServiceError):
    status = 413
    type = "payload_too_large"


class Unauthorized(ServiceError):
    status = 401
    type = "unauthorized"


class NotFound(ServiceError):
    status = 404
    type = "not_found"


class NotReady(ServiceError):
    status = 503
    type = "not_ready"


class Overloaded(ServiceError):
    status = 503
    type = "overloaded"


class TooManyJobs(ServiceError):
    """The bound on unfinished batch jobs is reached; a client should retry after one finishes."""

    status = 429
    type = "too_many_jobs"


class ModelUnavailable(ServiceError):
    """A model file or the package that ships it is missing or corrupt."""

    status = 503
    type = "model_unavailable"


class StorageFull(ServiceError):
    """The index's disk refused a write for lack of space; nothing of the write was applied."""

    status = 507
    type = "insufficient_storage"


class StorageUnavailable(ServiceError):
    """The index could not be written (an I/O error, or the directory belongs to another writer); nothing applied."""

    status = 503
    type = "storage_unavailable"
