/* The score of sanctio.match.names._pair_up, in C (ranking needs no explanation).
 *
 * `align_score(q, n, sims, person, literal_similarity)` returns exactly what
 * `_pair_up(q, n, sims, person)[0]` returns (0.0 where it returns None): the same
 * greedy one-to-one pairing, initials, near pairs and penalties, with the same
 * floating-point operations in the same order. The Python `_pair_up` stays the
 * definition (and builds the explanations); tests/match/test_align.py holds the two
 * equal. Constants come from Python once, through `configure`.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 64

static double LONE_EDIT, EXACT, PHONETIC, ABJAD, ORG_SYNONYM, TOLERANT, INITIAL, NEAR, NEAR_SIMILARITY, EXTRA_QUERY_PATRONYMIC,
    EXTRA_QUERY_COVERED, EXTRA_QUERY_ANCHORED, ANCHOR_SIMILARITY,
    EXTRA_LIST_PERSON, EXTRA_LIST_OTHER, NUMBER_MISMATCH, SYLLABLE_CONFLICT;
static Py_ssize_t SHORT, NEAR_LENGTH, COVERED_STRONG, COVERED_QUERY_WORDS, LONE_LETTERS;
static int configured = 0;

static PyObject *A_tokens, *A_weights, *A_family, *A_numeric, *A_exact_only, *A_positions,
    *A_strong, *A_patronymic, *A_initials, *A_spells, *A_literal, *A_syllabic, *A_syllables;

typedef struct {
    double neg;
    Py_ssize_t i, j;
} Cand;

typedef struct {
    PyObject *tokens, *weights, *family, *strong, *patronymic, *syllables, *positions;
    Py_ssize_t n;
    int numeric, exact_only, initials, spells, literal, syllabic;
    double w[MAX_TOKENS];
    char fam[MAX_TOKENS], strg[MAX_TOKENS], pat[MAX_TOKENS], alpha[MAX_TOKENS], syl[MAX_TOKENS];
} Name;

static void release(Name *x) {
    Py_CLEAR(x->tokens);
    Py_CLEAR(x->weights);
    Py_CLEAR(x->family);
    Py_CLEAR(x->strong);
    Py_CLEAR(x->patronymic);
    Py_CLEAR(x->syllables);
    Py_CLEAR(x->positions);
}

static int flag(PyObject *obj, PyObject *attr) {
    PyObject *v = PyObject_GetAttr(obj, attr);
    if (v == NULL) return -1;
    int r = PyObject_IsTrue(v);
    Py_DECREF(v);
    return r;
}

static int str_isalpha(PyObject *s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n == 0) return 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k < n; k++) {
        if (!Py_UNICODE_ISALPHA(PyUnicode_READ(kind, data, k))) return 0;
    }
    return 1;
}

static int bools(PyObject *seq, char *out, Py_ssize_t n, const char *what) {
    if (!PyTuple_Check(seq) || PyTuple_GET_SIZE(seq) != n) {
        PyErr_Format(PyExc_TypeError, "%s: expected a tuple of %zd flags", what, n);
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        int r = PyObject_IsTrue(PyTuple_GET_ITEM(seq, k));
        if (r < 0) return -1;
        out[k] = (char)r;
    }
    return 0;
}

/* Reads what the pairing needs of one PreparedName; 1 when it has too many tokens for
 * this fast path (the caller then uses Python), -1 on error. */
static int load(Name *x, PyObject *obj, int query) {
    memset(x, 0, sizeof(*x));
    x->tokens = PyObject_GetAttr(obj, A_tokens);
    if (x->tokens == NULL) return -1;
    if (!PyTuple_Check(x->tokens)) {
        PyErr_SetString(PyExc_TypeError, "tokens: expected a tuple");
        return -1;
    }
    x->n = PyTuple_GET_SIZE(x->tokens);
    if (x->n > MAX_TOKENS) return 1;
    x->weights = PyObject_GetAttr(obj, A_weights);
    x->family = PyObject_GetAttr(obj, A_family);
    x->strong = PyObject_GetAttr(obj, A_strong);
    x->patronymic = PyObject_GetAttr(obj, A_patronymic);
    x->syllables = PyObject_GetAttr(obj, A_syllables);
    if (!x->weights || !x->family || !x->strong || !x->patronymic || !x->syllables) return -1;
    if (!PyTuple_Check(x->weights) || PyTuple_GET_SIZE(x->weights) != x->n) {
        PyErr_SetString(PyExc_TypeError, "weights: expected one per token");
        return -1;
    }
    for (Py_ssize_t k = 0; k < x->n; k++) {
        PyObject *t = PyTuple_GET_ITEM(x->tokens, k);
        if (!PyUnicode_Check(t) || PyUnicode_GET_LENGTH(t) == 0) {
            PyErr_SetString(PyExc_TypeError, "tokens: expected non-empty str");
            return -1;
        }
        x->alpha[k] = (char)str_isalpha(t);
        x->w[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(x->weights, k));
        if (x->w[k] == -1.0 && PyErr_Occurred()) return -1;
    }
    if (bools(x->family, x->fam, x->n, "family") < 0 ||
        bools(x->strong, x->strg, x->n, "strong") < 0 ||
        bools(x->patronymic, x->pat, x->n, "patronymic") < 0 ||
        bools(x->syllables, x->syl, x->n, "syllables") < 0) {
        return -1;
    }
    if ((x->numeric = flag(obj, A_numeric)) < 0) return -1;
    if ((x->initials = flag(obj, A_initials)) < 0) return -1;
    /* Both sides: a query of Mandarin syllables is charged for a syllable left unpaired. */
    if ((x->syllabic = flag(obj, A_syllabic)) < 0) return -1;
    if (query) {
        if ((x->spells = flag(obj, A_spells)) < 0) return -1;
    } else {
        if ((x->exact_only = flag(obj, A_exact_only)) < 0) return -1;
        if ((x->literal = flag(obj, A_literal)) < 0) return -1;
        x->positions = PyObject_GetAttr(obj, A_positions);
        if (x->positions == NULL) return -1;
        if (!PyDict_Check(x->positions)) {
            PyErr_SetString(PyExc_TypeError, "positions: expected a dict");
            return -1;
        }
    }
    return 0;
}

static int cand_order(const void *a, const void *b) {
    const Cand *x = a, *y = b;
    if (x->neg != y->neg) return x->neg < y->neg ? -1 : 1;
    if (x->i != y->i) return x->i < y->i ? -1 : 1;
    return (x->j > y->j) - (x->j < y->j);
}

/* row[key] as a double; 0 with *found = 0 when absent. */
static int lookup(PyObject *row, PyObject *key, double *value, int *found) {
    PyObject *v;
    if (PyDict_CheckExact(row)) {
        v = PyDict_GetItemWithError(row, key);
        if (v == NULL) {
            *found = 0;
            return PyErr_Occurred() ? -1 : 0;
        }
        Py_INCREF(v);
    } else {
        v = PyObject_GetItem(row, key);
        if (v == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
            PyErr_Clear();
            *found = 0;
            return 0;
        }
    }
    *value = PyFloat_AsDouble(v);
    Py_DECREF(v);
    if (*value == -1.0 && PyErr_Occurred()) return -1;
    *found = 1;
    return 0;
}

static Py_ssize_t levenshtein(PyObject *a, PyObject *b) {
    Py_ssize_t la = PyUnicode_GET_LENGTH(a), lb = PyUnicode_GET_LENGTH(b);
    Py_ssize_t stack[2 * 129];
    Py_ssize_t *buf = lb <= 128 ? stack : PyMem_Malloc(sizeof(Py_ssize_t) * 2 * (size_t)(lb + 1));
    if (buf == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t *prev = buf, *cur = buf + (lb + 1);
    int ka = PyUnicode_KIND(a), kb = PyUnicode_KIND(b);
    const void *da = PyUnicode_DATA(a), *db = PyUnicode_DATA(b);
    for (Py_ssize_t j = 0; j <= lb; j++) prev[j] = j;
    for (Py_ssize_t i = 1; i <= la; i++) {
        cur[0] = i;
        Py_UCS4 ca = PyUnicode_READ(ka, da, i - 1);
        for (Py_ssize_t j = 1; j <= lb; j++) {
            Py_ssize_t d = prev[j - 1] + (ca == PyUnicode_READ(kb, db, j - 1) ? 0 : 1);
            if (prev[j] + 1 < d) d = prev[j] + 1;
            if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
            cur[j] = d;
        }
        Py_ssize_t *t = prev;
        prev = cur;
        cur = t;
    }
    Py_ssize_t out = prev[lb];
    if (buf != stack) PyMem_Free(buf);
    return out;
}

static inline Py_UCS4 first_char(PyObject *s) { return PyUnicode_READ_CHAR(s, 0); }

static inline int is_vowel(Py_UCS4 c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* rules.article_clash: both words start with the Arabic article (al, el) and the letters
 * after it are two different consonants. Words of NEAR_LENGTH letters or more. */
static int article_clash(PyObject *a, PyObject *b) {
    if (PyUnicode_GET_LENGTH(a) < 3 || PyUnicode_GET_LENGTH(b) < 3) return 0;
    Py_UCS4 a0 = PyUnicode_READ_CHAR(a, 0), a1 = PyUnicode_READ_CHAR(a, 1);
    Py_UCS4 b0 = PyUnicode_READ_CHAR(b, 0), b1 = PyUnicode_READ_CHAR(b, 1);
    if (a0 != b0 || a1 != b1 || a1 != 'l' || (a0 != 'a' && a0 != 'e')) return 0;
    Py_UCS4 a2 = PyUnicode_READ_CHAR(a, 2), b2 = PyUnicode_READ_CHAR(b, 2);
    return a2 != b2 && !is_vowel(a2) && !is_vowel(b2);
}

/* _initial_fits: an initial stands for a given name only, and only when every full word
 * on its own side found its pair. */
static int initial_fits(const Name *q, const Name *n, Py_ssize_t i, Py_ssize_t j,
                        const char *used_q, const char *used_n) {
    const Name *shortn;
    const char *used, *full_family;
    Py_ssize_t k;
    if (PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(q->tokens, i)) == 1) {
        shortn = q, used = used_q, full_family = n->fam, k = j;
    } else {
        shortn = n, used = used_n, full_family = q->fam, k = i;
    }
    if (full_family[k]) return 0;
    for (Py_ssize_t t = 0; t < shortn->n; t++) {
        if (!used[t] && shortn->strg[t] && !shortn->pat[t]) return 0;
    }
    return 1;
}

static double pair_score(Name *q, Name *n, PyObject *sims, int person, PyObject *literal_fn,
                         int *error) {
    *error = 0;
    Py_ssize_t nq = q->n, nn = n->n;
    if (n->exact_only && !q->spells) return 0.0;
    Cand cands[4 * MAX_TOKENS];
    Cand *c = cands;
    size_t len = 0, cap = 4 * MAX_TOKENS;
    double score = 0.0;
    for (Py_ssize_t i = 0; i < nq; i++) {
        PyObject *row = PyList_GET_ITEM(sims, i);
        PyObject *nt, *js;
        Py_ssize_t pos = 0;
        while (PyDict_Next(n->positions, &pos, &nt, &js)) {
            double s;
            int found;
            if (lookup(row, nt, &s, &found) < 0) goto fail;
            if (!found) continue;
            if (n->exact_only) {
                if (s != EXACT) continue;
            } else if (n->literal && s != EXACT) {
                PyObject *qt = PyTuple_GET_ITEM(q->tokens, i);
                if (PyUnicode_GET_LENGTH(nt) <= SHORT ||
                    (PyUnicode_GET_LENGTH(qt) <= SHORT && s != ABJAD))
                    continue;
                if (s == PHONETIC) {
                    PyObject *v = PyObject_CallFunctionObjArgs(literal_fn, qt, nt, NULL);
                    if (v == NULL) goto fail;
                    s = PyFloat_AsDouble(v);
                    Py_DECREF(v);
                    if (s == -1.0 && PyErr_Occurred()) goto fail;
                    if (s <= 0.0) continue;
                }
            }
            if (!PyTuple_Check(js)) {
                PyErr_SetString(PyExc_TypeError, "positions: expected tuples");
                goto fail;
            }
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(js); k++) {
                Py_ssize_t j = PyLong_AsSsize_t(PyTuple_GET_ITEM(js, k));
                if (j < 0 || j >= nn) {
                    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "position out of range");
                    goto fail;
                }
                /* One generic word in two languages pairs only between generic words
                   of a listed organisation's name and the query's. */
                if (s == ORG_SYNONYM && (!n->literal || q->strg[i] || n->strg[j])) continue;
                /* Two different Mandarin syllables in a person's or an organisation's
                   name: another character, not a typo (vessels keep them). */
                if ((person || n->literal) && s < TOLERANT && q->syl[i] && n->syl[j]) continue;
                if (len == cap) {
                    Cand *grown = PyMem_Malloc(sizeof(Cand) * cap * 2);
                    if (grown == NULL) {
                        PyErr_NoMemory();
                        goto fail;
                    }
                    memcpy(grown, c, sizeof(Cand) * len);
                    if (c != cands) PyMem_Free(c);
                    c = grown;
                    cap *= 2;
                }
                c[len].neg = -s;
                c[len].i = i;
                c[len].j = j;
                len++;
            }
        }
    }
    if (len == 0) goto done;
    qsort(c, len, sizeof(Cand), cand_order);
    char used_q[MAX_TOKENS] = {0}, used_n[MAX_TOKENS] = {0};
    double num = 0.0, den = 0.0, core = 0.0, core_pw = 0.0;
    double paired[MAX_TOKENS] = {0}; /* each query word's similarity in the pairing */
    Py_ssize_t strong_pairs = 0;
    int number_hit = 0;
    for (size_t k = 0; k < len; k++) {
        Py_ssize_t i = c[k].i, j = c[k].j;
        if (used_q[i] || used_n[j]) continue;
        used_q[i] = used_n[j] = 1;
        double s = -c[k].neg;
        double pw = q->w[i] + n->w[j];
        if (q->strg[i]) {
            core += s;
            core_pw += pw;
            strong_pairs++;
        }
        if (!q->alpha[i]) number_hit = 1;
        num += s * pw;
        den += pw;
        paired[i] = s;
    }
    if (core == 0.0) goto done;
    if (person && (q->initials || n->initials)) {
        for (Py_ssize_t i = 0; i < nq; i++) {
            PyObject *qt = PyTuple_GET_ITEM(q->tokens, i);
            PyObject *row = PyList_GET_ITEM(sims, i);
            int q_initial = PyUnicode_GET_LENGTH(qt) == 1;
            for (Py_ssize_t j = 0; j < nn; j++) {
                PyObject *nt = PyTuple_GET_ITEM(n->tokens, j);
                if (first_char(qt) != first_char(nt)) continue;
                if (q_initial == (PyUnicode_GET_LENGTH(nt) == 1)) continue;
                int in_row = PySequence_Contains(row, nt);
                if (in_row < 0) goto fail;
                if (in_row) continue;
                if (used_q[i] || used_n[j] || !initial_fits(q, n, i, j, used_q, used_n)) continue;
                used_q[i] = used_n[j] = 1;
                double pw = q->w[i] < n->w[j] ? q->w[i] : n->w[j];
                num += INITIAL * 2.0 * pw;
                den += 2.0 * pw;
            }
        }
    }
    if (person) { /* a typo word beyond the budget, now that another word has paired */
        for (Py_ssize_t i = 0; i < nq; i++) {
            PyObject *qt = PyTuple_GET_ITEM(q->tokens, i);
            if (used_q[i] || PyUnicode_GET_LENGTH(qt) < NEAR_LENGTH || !q->alpha[i]) continue;
            for (Py_ssize_t j = 0; j < nn; j++) {
                PyObject *nt = PyTuple_GET_ITEM(n->tokens, j);
                if (used_n[j] || PyUnicode_GET_LENGTH(nt) < NEAR_LENGTH ||
                    first_char(nt) != first_char(qt) || !n->alpha[j] || (q->syl[i] && n->syl[j]) ||
                    article_clash(qt, nt)) {
                    continue;
                }
                Py_ssize_t d = levenshtein(qt, nt);
                if (d < 0) goto fail;
                Py_ssize_t la = PyUnicode_GET_LENGTH(qt), lb = PyUnicode_GET_LENGTH(nt);
                double longest = (double)(la > lb ? la : lb);
                if (1.0 - (double)d / longest >= NEAR_SIMILARITY) {
                    used_q[i] = used_n[j] = 1;
                    double pw = q->w[i] + n->w[j];
                    num += NEAR * pw;
                    den += pw;
                    break;
                }
            }
        }
    }
    int own_word = 0;
    Py_ssize_t strong_words = 0;
    for (Py_ssize_t i = 0; i < nq; i++) strong_words += q->strg[i] ? 1 : 0;
    int covered = person && strong_words >= COVERED_QUERY_WORDS && strong_pairs >= COVERED_STRONG;
    for (Py_ssize_t j = 0; covered && j < nn; j++) {
        if (!used_n[j]) covered = 0;
    }
    double extra_q = 1.0;
    if (covered) {
        /* names._anchored: the first and last distinctive query words paired well. */
        Py_ssize_t first = -1, last = -1;
        for (Py_ssize_t i = 0; i < nq; i++) {
            if (!q->strg[i]) continue;
            if (first < 0) first = i;
            last = i;
        }
        int anchored = first >= 0 && paired[first] >= ANCHOR_SIMILARITY &&
                       paired[last] >= ANCHOR_SIMILARITY;
        extra_q = anchored ? EXTRA_QUERY_ANCHORED : EXTRA_QUERY_COVERED;
    }
    double extra_pat = EXTRA_QUERY_PATRONYMIC < extra_q ? EXTRA_QUERY_PATRONYMIC : extra_q;
    int left = 0;  /* a query word left unpaired */
    for (Py_ssize_t i = 0; i < nq; i++) {
        if (!used_q[i]) {
            left = 1;
            den += q->w[i] * (q->pat[i] ? extra_pat : extra_q);
            own_word = own_word || (q->strg[i] && !q->pat[i]);
        }
    }
    double extra = (own_word || n->syllabic) ? 1.0 : person ? EXTRA_LIST_PERSON : EXTRA_LIST_OTHER;
    /* rules.lone_pair: a listed organisation met on one distinctive word only. */
    int lone = n->literal && strong_pairs == 1;
    for (Py_ssize_t j = 0; j < nn; j++) {
        if (used_n[j]) continue;
        int whole = n->fam[j] ||
                    (lone && n->strg[j] &&
                     PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(n->tokens, j)) >= LONE_LETTERS);
        den += n->w[j] * (whole ? 1.0 : extra);
    }
    /* rules.lone_edit_loss: one distinctive word met on an edit counts similarity squared. */
    if (lone && core < LONE_EDIT) num -= core_pw * (core - core * core);
    score = num / den;
    if (q->syllabic && n->syllabic && left) score *= SYLLABLE_CONFLICT;
    if (!number_hit && q->numeric && n->numeric) score *= NUMBER_MISMATCH;
done:
    if (c != cands) PyMem_Free(c);
    return score;
fail:
    *error = 1;
    if (c != cands) PyMem_Free(c);
    return 0.0;
}

PyDoc_STRVAR(align_score_doc,
    "align_score(q, n, sims, person, literal_similarity) -> float | None\n\n"
    "`_pair_up(q, n, sims, person)`'s score, 0.0 when no token pairs up; None when a name\n"
    "has more tokens than this fast path takes (use the Python pairing).");

static PyObject *align_score(PyObject *module, PyObject *args) {
    PyObject *q_obj, *n_obj, *sims, *literal_fn;
    int person;
    if (!PyArg_ParseTuple(args, "OOO!pO", &q_obj, &n_obj, &PyList_Type, &sims, &person,
                          &literal_fn)) {
        return NULL;
    }
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "_align.configure() was not called");
        return NULL;
    }
    Name q, n;
    PyObject *out = NULL;
    int rq = load(&q, q_obj, 1);
    int rn = rq == 0 ? load(&n, n_obj, 0) : (memset(&n, 0, sizeof(n)), 0);
    if (rq < 0 || rn < 0) goto done;
    if (rq > 0 || rn > 0) {
        out = Py_NewRef(Py_None);
        goto done;
    }
    if (PyList_GET_SIZE(sims) != q.n) {
        PyErr_SetString(PyExc_ValueError, "sims: expected one row per query token");
        goto done;
    }
    int error;
    double score = pair_score(&q, &n, sims, person, literal_fn, &error);
    if (!error) out = PyFloat_FromDouble(score);
done:
    release(&q);
    release(&n);
    return out;
}

static PyObject *configure(PyObject *module, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"exact", "phonetic", "abjad", "org_synonym", "tolerant", "initial", "near", "near_similarity",
                             "near_length", "short", "extra_query_patronymic",
                             "extra_query_covered", "extra_query_anchored", "anchor_similarity",
                             "covered_strong", "covered_query_words",
                             "extra_list_person", "extra_list_other", "number_mismatch",
                             "syllable_conflict", "lone_letters", "lone_edit", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "ddddddddnnddddnnddddnd", kwlist, &EXACT, &PHONETIC,
                                     &ABJAD, &ORG_SYNONYM, &TOLERANT, &INITIAL, &NEAR, &NEAR_SIMILARITY, &NEAR_LENGTH, &SHORT,
                                     &EXTRA_QUERY_PATRONYMIC, &EXTRA_QUERY_COVERED,
                                     &EXTRA_QUERY_ANCHORED, &ANCHOR_SIMILARITY,
                                     &COVERED_STRONG, &COVERED_QUERY_WORDS, &EXTRA_LIST_PERSON,
                                     &EXTRA_LIST_OTHER, &NUMBER_MISMATCH, &SYLLABLE_CONFLICT,
                                     &LONE_LETTERS, &LONE_EDIT)) {
        return NULL;
    }
    configured = 1;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"align_score", align_score, METH_VARARGS, align_score_doc},
    {"configure", (PyCFunction)(void (*)(void))configure, METH_VARARGS | METH_KEYWORDS,
     "Set the pairing's constants (sanctio.match.names passes its own)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef align_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "sanctio.match._align",
    .m_doc = "The score of the name pairing (sanctio.match.names._pair_up) in C.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC PyInit__align(void) {
    struct {
        PyObject **slot;
        const char *name;
    } names[] = {
        {&A_tokens, "tokens"},       {&A_weights, "weights"},   {&A_family, "family"},
        {&A_numeric, "numeric"},     {&A_exact_only, "exact_only"}, {&A_positions, "positions"},
        {&A_strong, "strong"},       {&A_patronymic, "patronymic"}, {&A_initials, "initials"},
        {&A_spells, "spells_acronyms"}, {&A_literal, "literal"}, {&A_syllabic, "syllabic"},
        {&A_syllables, "syllables"},
    };
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        *names[k].slot = PyUnicode_InternFromString(names[k].name);
        if (*names[k].slot == NULL) return NULL;
    }
    return PyModule_Create(&align_module);
}
