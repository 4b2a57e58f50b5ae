"""Measuring and reporting: span scores, tagger error types, the rule audit, model evaluation.

- :mod:`.scores`: exact-match P/R/F of spans, per label and overall
- :mod:`.error_types`: what is wrong with a tagger's spans against gold, by error type
- :mod:`.rule_audit`: what each span rule changed, repaired and broke; its Markdown report
- :mod:`.fixed_markup`: cables written again with their fixed spans, for review by diff
- :mod:`.evaluation`: a trained pipeline scored on raw cables, and evaluation tables
- :mod:`.tables`: Markdown tables and spans in context
"""
from .error_types import ErrorCase, classify_errors
from .evaluation import load_scores, score_pipeline_on_cables, score_rows
from .fixed_markup import fix_markup_file
from .rule_audit import Audit, RuleEffect, render_audit
from .scores import SpanScores, Tally
from .tables import in_context, markdown_table

__all__ = [
    "Audit", "ErrorCase", "RuleEffect", "SpanScores", "Tally", "classify_errors", "fix_markup_file", "in_context",
    "load_scores", "markdown_table", "render_audit", "score_pipeline_on_cables", "score_rows",
]
