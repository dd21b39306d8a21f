"""Explainers as a content type (Pelican plugin): the four sections, checked at build."""

from __future__ import annotations

from pelican import signals

from explainers.topic import apply_topic


def register() -> None:
    signals.content_object_init.connect(apply_topic)
