"""The one sample explainer of the tests: valid and published, with a lede, the four parts and a source.

Tests that need a broken or changed explainer make it from this one (``SAMPLE_EXPLAINER.replace(...)``).
"""

SAMPLE_EXPLAINER = """\
Title: Floods in the delta
Date: 2026-03-02
Summary: The delta is flooding, and more rain is due.
Topic: Climate
Tags: floods, rain

A lede paragraph.

## What's happening

The first part.[^1]

## Why it matters

The second part.

## What's next

The third part.

## Beyond the headlines

The fourth part.

[^1]: A source named here.
"""
