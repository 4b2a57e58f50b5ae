"""cable_ner: named entities in machine-annotated diplomatic cables, as a library.

One module or package per concern; none of them prints or parses command-line arguments (the
tools in ``scripts/`` do):

- :mod:`.markup`: the tagger's bracket markup, read and written; bad input located precisely
- :mod:`.cable_text`: cleaning cable text (HTML wrapper, anchors, page breaks, tagger spacing)
- :mod:`.tagger_errors`: the kinds of error the tagger makes
- :mod:`.rules`: the span-fixing rules that repair them
- :mod:`.corpus`: cables to train/dev/test DocBins, with an account of every entity
- :mod:`.sample`: the synthetic sample corpus with silver and gold annotation
- :mod:`.audit`: scores, the rule audit, model evaluation and readable reports
- :mod:`.components`: the spaCy components of the trained pipeline (with :mod:`.pipeline_code`, what a
  packaged model imports); :mod:`.training`: what `spacy train` reads
- :mod:`.packaging`: the trained pipeline and this library as installable wheels
"""

__version__ = "0.1.0"
