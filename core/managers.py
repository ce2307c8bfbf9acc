"""The default manager of every tenant-owned model, as a named class.

django-scopes builds its manager class inside `ScopedManager(...)`, so the class has no importable
name and django-stubs cannot resolve the default (and hence the related) managers of our models.
`ForbundScopedManager` is exactly `ScopedManager(forbund="forbund")` under a module-level name,
with the two methods django-scopes adds typed for mypy.
"""

from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.db import models
from django_scopes import ScopedManager

_M = TypeVar("_M", bound=models.Model)

if TYPE_CHECKING:

    class _ScopedManager(models.Manager[_M]):
        def with_scope(self, **scope: Any) -> Self: ...
        def with_scopes_disabled(self) -> Self: ...

else:
    _ScopedManager = type(ScopedManager(forbund="forbund"))


class ForbundScopedManager(_ScopedManager[_M]):
    """Queries need an active `scope(forbund=...)` (or `scopes_disabled()`), else they raise."""
