"""Fixtures of the tool tests: a tiny CoNLL-U file."""

from __future__ import annotations

from pathlib import Path

import pytest

# A Traditional UD v1-style sentence (no "# text", ASCII punctuation, 「」 and the particle 著)
# and a UD v2 sentence with a space between Latin words, a multiword range and an empty node.
CONLLU = """\
1	他	_	PRON	PRP	_	2	nsubj	_	_
2	看	_	VERB	VV	_	0	root	_	_
3	著	_	PART	AS	_	2	case	_	_
4	「	_	PUNCT	``	_	5	punct	_	_
5	經濟	_	NOUN	NN	_	2	dobj	_	_
6	」	_	PUNCT	''	_	5	punct	_	_
7	,	_	PUNCT	,	_	2	punct	_	_
8	著名	_	ADJ	JJ	_	2	dep	_	_
9	.	_	PUNCT	.	_	2	punct	_	_

# sent_id = s2
# text = 投资Game Informer公司5亿元。
1	投资	投资	VERB	VV	_	0	root	_	SpaceAfter=No
2-3	Game Informer	_	_	_	_	_	_	_	_
2	Game	Game	PROPN	NNP	_	3	flat	_	_
3	Informer	Informer	PROPN	NNP	_	4	compound	_	SpaceAfter=No
3.1	_	_	_	_	_	_	_	_	_
4	公司	公司	NOUN	NN	_	1	obj	_	SpaceAfter=No
5	5亿	5亿	NUM	CD	_	6	nummod	_	SpaceAfter=No
6	元	元	NOUN	M	_	1	obj	_	SpaceAfter=No
7	。	。	PUNCT	.	_	1	punct	_	SpaceAfter=No
"""


@pytest.fixture()
def conllu(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path
