"""Indicator definitions: each a key, a Hungarian name, a unit and a function (projekt, period) -> queryset."""

INDIKATOROK: dict = {}
