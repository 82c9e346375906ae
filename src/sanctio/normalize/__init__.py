"""Pure normalisation: text folding, transliteration, names, legal forms, keys, identifiers.

Bump `NORMALIZER_VERSION` whenever any function here changes its output: an index built
with another version must be rebuilt, never mixed.
"""

from sanctio.normalize.identifiers import clean_identifier
from sanctio.normalize.keys import phonetic_key, tolerant_key
from sanctio.normalize.names import Kind, NameForm, analyze_name, is_legal_form, stopwords
from sanctio.normalize.orgs import LEGAL_FORMS, LEGAL_QUALIFIERS, replace_legal_forms
from sanctio.normalize.text import fold, has_control_chars, has_word_chars, words
from sanctio.normalize.translit import is_alphabetic_script, is_cyrillic, romanise

NORMALIZER_VERSION = "sanctio-norm-22"

__all__ = [
    "LEGAL_FORMS",
    "LEGAL_QUALIFIERS",
    "NORMALIZER_VERSION",
    "Kind",
    "NameForm",
    "analyze_name",
    "clean_identifier",
    "fold",
    "has_control_chars",
    "has_word_chars",
    "is_alphabetic_script",
    "is_cyrillic",
    "is_legal_form",
    "phonetic_key",
    "replace_legal_forms",
    "romanise",
    "stopwords",
    "tolerant_key",
    "words",
]
