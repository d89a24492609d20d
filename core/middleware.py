from .audit import audit_context
from .models import Valtozas


class AuditContextMiddleware:
    """Attributes the writes of a request to its user: admin screens or the app's forms."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forras = Valtozas.Forras.ADMIN if request.path.startswith("/admin/") else Valtozas.Forras.URLAP
        # The user is resolved lazily, so unauthenticated requests cost nothing here.
        with audit_context(felhasznalo=_LazyUser(request), forras=forras):
            return self.get_response(request)


class _LazyUser:
    """Resolves ``request.user`` only when an audit entry is written."""

    def __init__(self, request):
        self._request = request

    def _user(self):
        return getattr(self._request, "user", None)

    @property
    def is_authenticated(self):
        user = self._user()
        return bool(user and user.is_authenticated)

    def __getattr__(self, name):
        return getattr(self._user(), name)
