"""What tests share besides fixtures: throwaway projects, builds (in-process or as a command), the sample explainer."""

from tests.support.project import (
    REAL_CONTENT_CACHE,
    ROOT,
    build_in_process,
    make_project,
    nutgraf_env,
    run_invoke,
    run_nutgraf,
)
from tests.support.samples import SAMPLE_EXPLAINER

__all__ = [
    "REAL_CONTENT_CACHE",
    "ROOT",
    "SAMPLE_EXPLAINER",
    "build_in_process",
    "make_project",
    "nutgraf_env",
    "run_invoke",
    "run_nutgraf",
]
