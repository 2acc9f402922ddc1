"""Every user-facing error of zhinvest, with its message in one place.

Errors raised for bad input derive from :class:`ZhinvestError`, so a caller (the CLI, a
batch) can catch that one class, print ``str(error)`` as a one-line message and go on.
"""

from __future__ import annotations


class ZhinvestError(Exception):
    """Base class of the errors zhinvest raises on purpose."""


class InputError(ZhinvestError, ValueError):
    """An input that cannot be read as an article."""


class FormatError(ZhinvestError, ValueError):
    """An annotation file that does not follow the format it claims."""


class ModelError(ZhinvestError, RuntimeError):
    """A model or optional backend that cannot be loaded."""


class ProcessingError(ZhinvestError, RuntimeError):
    """A document the pipeline failed on (a bug: the message asks for a report)."""


class EngineError(ZhinvestError, RuntimeError):
    """A batch engine that cannot be used: a Dask scheduler that cannot be reached."""


class ResourceError(ZhinvestError, ValueError):
    """A rule resource (``data/*.json`` or one given to a component) that does not fit its schema."""


class Errors:
    """Message templates. Format them with keyword arguments."""

    E001 = "{name}: file not found"
    E002 = "{name}: is a directory with no readable article files"
    E003 = "{name}: looks like binary data, not text (NUL or control bytes in the first {probe} bytes)"
    E004 = "{name}: could not detect the text encoding: no encoding explains nearly all of its bytes (tried UTF-8, UTF-16, GB18030, Big5)"
    E005 = "{name}: file is {size:,} bytes, larger than the limit of {limit:,} bytes"
    E006 = "{name}: cannot read the file: {reason}"
    E007 = "expected text, bytes or a path, got {type}"
    E008 = "expected a path (str or os.PathLike), got {type}"
    E024 = "{name}: empty (no text)"
    E009 = "{name}: looks like a file path, not article text; read a file with zhinvest.extract_file(path)"
    E010 = "{name}: not a zhinvest document: {reason}"
    E011 = "{name}: unknown format {fmt!r}; choose one of {choices}"
    E012 = "{name}: cannot tell the annotation format from the file name or content"
    E020 = "unknown segmenter {name!r}; choose one of {choices}"
    E021 = "model not found at {path}; build it with `{command}`"
    E023 = "cannot load the NER model at {path}: {reason}"
    E022 = "the optional backend {name!r} is not installed; install it with `{command}`"
    E013 = "{name}, line {line}: {reason}"
    E014 = "{name}: not valid JSON: {reason}"
    E015 = "{name}: expected {expected}"
    E016 = "document id {doc!r} cannot be a file name (empty, a dot name, or a path separator in it)"
    E017 = "duplicate document id {doc!r}"
    E018 = "{name}: document {doc!r}: entities {first} and {second} overlap; the {fmt} format holds only flat entities"
    E019 = "{name}: document {doc!r}: relation link {link!r}: {reason}"
    E030 = "document {doc!r}: the predicted text differs from the gold text, so offsets cannot be compared"
    E031 = "gold document {doc!r} names no source file to extract from"
    E032 = "gold document {doc!r}: source file {source!r} not found (give --sources DIR)"
    E033 = "{name}: a gold set folder with texts/ and gold/ but no gold/*.json file"
    E035 = "{name}: not a valid rule resource: {problems}"
    E034 = "{name}: no quality floors file, or not valid JSON: {reason}"
    E040 = "entity {entity}: label {label!r} is not one of SPEC's labels {labels}"
    E041 = "entity {entity}: text {text!r} differs from the document text {found!r} at [{start}, {end})"
    E042 = "entity {entity}: not a valid entity: {reason}"
    E043 = "entity {entity}: source_text {text!r} differs from {found!r} at [{start}, {end}) of {source}"
    E044 = "entity {entity}: {field} {stored!r} differs from {computed!r}, which zhinvest.numbers reads from {text!r}"
    E045 = "entity {entity}: zhinvest.numbers cannot read {text!r}: {reason}"
    E046 = "entity {entity} {text!r} at [{start}, {end}) overlaps entity {other} {other_text!r} at [{other_start}, {other_end})"
    E047 = "relation {index} ({kind}): {role} points at unknown entity {entity}"
    E048 = "relation {index} ({kind}): {role} points at entity {entity}, a {label}; expected {expected}"
    E049 = "relation {index}: not a valid relation: {reason}"
    E050 = "text drift: the document text differs from what the reader makes of {source} now, first at offset {offset}: {stored!r} vs {current!r}"
    E051 = "duplicate document id {doc!r} (also in {other})"
    E052 = "entity id {entity} is used more than once"
    E053 = "{name}: no such file or folder"
    E054 = "entity {entity}: {label} needs {field}"
    E080 = "{path}: no ledger here; build one with `zhinvest ledger build INPUT... --db {path}`"
    E081 = "{path}: not a zhinvest ledger ({reason})"
    E083 = "{option} {value!r}: expected a date as YYYY-MM-DD"
    E084 = "{path}: cannot write: {reason}"
    E085 = "Parquet needs pyarrow: pip install pyarrow (or write CSV)"
    E060 = "{name}: internal error in {component} ({error}); please report it"
    E061 = "{name}: a component dropped part of the document; please report it"
    E062 = "{name}, line {line}: {reason}"
    E063 = "{name}: no column {column!r} (columns: {columns})"
    E064 = "{name}: matches no file"
    E025 = "unknown table {name!r}; choose one of {choices}"
    E065 = "--resume needs --output FILE (the output to read back and append to)"
    E066 = "the dask engine needs the optional extra: pip install 'zhinvest[dask]'"
    E067 = "cannot reach the Dask scheduler at {address} ({reason})"
    E068 = "{name}: no such file or folder; run zhinvest validate in a zhinvest checkout, or name the annotation files or folders"
    E069 = "internal error ({error}); please report it"
    E070 = ("could not load the HanLP model {model!r} ({reason}); without network, set HANLP_HOME to a folder that holds it "
            "(now {home}) before hanlp is imported, or copy the ~/.hanlp folder of a machine with network")
    E071 = "could not load the HanLP model at {path} ({reason}); is it a folder saved by a HanLP component?"
    E072 = "labels_map: HanLP tag {tag!r} maps to {label!r}, which is not one of {labels}"
    E073 = "tokens: {value!r} is not one of {choices}"
    E074 = "unknown treebank {name!r}; choose one of {choices}"
    # warnings: the work went on, with something the user should know
    W001 = "{name}: warning: {count} damaged byte(s) that {encoding} cannot decode, replaced by U+FFFD (at byte {offsets})"
    W002 = "warning: the {fmt} format keeps ids, text and entity labels and spans only; dropped: {dropped}"
