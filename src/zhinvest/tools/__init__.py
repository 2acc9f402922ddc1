"""Tools that build zhinvest's models and lexicons, never imported at run time.

Each is a command of the one CLI (``zhinvest train ...``, ``zhinvest build ...``) over pure
functions that return data:

- ``ner.py``: the statistical NER (``zhinvest train ner``) from public Chinese NER corpora;
- ``segmenter.py``: the spacy-pkuseg segmenter (``zhinvest train segmenter``): training
  files, training and word-level scores on Universal Dependencies treebanks;
- ``conllu.py``: CoNLL-U reading and the treebanks of the UD folder, in Simplified script;
- ``lexicons.py``: the gazetteers and word lists of ``data/`` (``zhinvest build lexicons``).

The pipeline, its components and the reader never import this package (tests/tools/test_tools.py
checks it); the tools import the runtime, never the other way round.
"""
