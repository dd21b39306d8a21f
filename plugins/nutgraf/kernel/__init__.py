"""Shared by every part of nutgraf; imports nothing else of ours."""
