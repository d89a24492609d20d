def navigation(request):
    """What the navigation bar needs to know about the signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_szemelyes": user.lat_szemelyes_adatot(),
        "nav_koordinator": user.koordinator(),
    }
