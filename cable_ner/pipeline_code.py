"""What a packaged pipeline imports to find its components: `spacy package --code` ships this file.

The components live in the installed ``cable_ner`` library (the model's wheel requires it), so
this file only imports them; a copy of the components themselves would register them twice.
"""
import cable_ner.components  # noqa: F401 (registers the cable components and the tokenizer callback)
