/* Fuzzy token lookup for sanctio.index.vocabulary, in C.
 *
 * A FuzzyTable stores, for every listed string (tolerant key or raw spelling), the hashes
 * of all strings made by deleting up to its budget of characters (SymSpell), each mapped
 * to the token ids the string stands for. `similar` probes a query's deletions, adds the
 * caller's extra candidates (same spelling, same tolerant key, same sound), and verifies
 * each candidate with the same rules as sanctio.match.tokens.token_similarity, returning
 * {listed token: similarity} for the non-zero ones.
 *
 * Hashes are polynomial over code points (mod 2^64), so every deletion's hash costs O(1)
 * from prefix and suffix hashes. A collision only adds a candidate that verification then
 * scores; it never loses one, since equal strings always hash equal.
 *
 * Not thread-safe without the GIL: `similar` keeps a scratch mark array and never
 * releases the GIL.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MULT 0x100000001b3ULL
#define MAX_BUDGET 2
#define STACK_CHARS 128

typedef struct {
    uint64_t hash;
    uint32_t start;
    uint32_t count;
} Slot;

typedef struct {
    PyObject_HEAD
    PyObject *tokens; /* list[str] */
    PyObject *sounds; /* list[str] */
    Py_UCS4 **token_chars;
    Py_UCS4 **key_chars;
    uint32_t *token_len;
    uint32_t *key_len;
    unsigned char *flags; /* 1: alphabetic, 2: tolerant key differs from the token */
    Py_ssize_t n_tokens;
    Slot *slots;
    uint64_t mask;
    uint32_t *owners;
    uint32_t *marks;
    uint32_t epoch;
    Py_ssize_t longest; /* the longest stored string: longer probes cannot meet it */
    unsigned char budgets[64]; /* edit budget by length; the last one for longer */
    Py_ssize_t short_len;
    double tolerant;
    double phonetic;
    int phonetic_edits; /* edits beyond the longer word's budget a sound-alike may have */
} FuzzyTable;

/* ---- hashing ------------------------------------------------------------------------ */

static inline uint64_t finish(uint64_t h, Py_ssize_t len) {
    h += (uint64_t)len * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return h ? h : 1; /* 0 marks an empty slot */
}

typedef int (*Visit)(void *ctx, uint64_t hash);

/* Calls visit(ctx, hash) for `s` and every string made by deleting up to `budget`
 * characters (duplicates possible). Returns the visitor's non-zero result, or NO_MEMORY
 * (with no exception set: this runs without the GIL while a table is built). */
#define NO_MEMORY (-2)
static int each_deletion(const Py_UCS4 *s, Py_ssize_t n, int budget, Visit visit, void *ctx) {
    uint64_t stack[3 * (STACK_CHARS + 1)];
    uint64_t *buf = stack;
    if (n > STACK_CHARS) {
        buf = PyMem_RawMalloc(sizeof(uint64_t) * 3 * (size_t)(n + 1));
        if (buf == NULL) return NO_MEMORY;
    }
    uint64_t *pre = buf, *suf = buf + (n + 1), *pw = buf + 2 * (n + 1);
    pre[0] = 0;
    pw[0] = 1;
    for (Py_ssize_t k = 0; k < n; k++) {
        pre[k + 1] = pre[k] * MULT + (uint64_t)s[k] + 1;
        pw[k + 1] = pw[k] * MULT;
    }
    suf[n] = 0;
    for (Py_ssize_t k = n - 1; k >= 0; k--) {
        suf[k] = ((uint64_t)s[k] + 1) * pw[n - 1 - k] + suf[k + 1];
    }
    int rc = visit(ctx, finish(pre[n], n));
    if (budget >= 1) {
        for (Py_ssize_t i = 0; i < n && rc == 0; i++) {
            rc = visit(ctx, finish(pre[i] * pw[n - i - 1] + suf[i + 1], n - 1));
        }
    }
    if (budget >= 2) {
        for (Py_ssize_t j = 1; j < n && rc == 0; j++) {
            uint64_t tail = suf[j + 1];
            uint64_t tail_pw = pw[n - j - 1];
            for (Py_ssize_t i = 0; i < j && rc == 0; i++) {
                uint64_t mid = pre[j] - pre[i + 1] * pw[j - i - 1];
                uint64_t head = pre[i] * pw[j - i - 1] + mid;
                rc = visit(ctx, finish(head * tail_pw + tail, n - 2));
            }
        }
    }
    if (buf != stack) {
        PyMem_RawFree(buf);
    }
    return rc;
}

/* ---- edit similarity (sanctio.match.tokens._edit_similarity) ------------------------ */

static Py_ssize_t osa_distance(const Py_UCS4 *a, Py_ssize_t la, const Py_UCS4 *b, Py_ssize_t lb) {
    Py_ssize_t stack[3 * (STACK_CHARS + 1)];
    Py_ssize_t *buf = stack;
    if (lb > STACK_CHARS) {
        buf = PyMem_Malloc(sizeof(Py_ssize_t) * 3 * (size_t)(lb + 1));
        if (buf == NULL) {
            return -1;
        }
    }
    Py_ssize_t *two = buf, *one = buf + (lb + 1), *cur = buf + 2 * (lb + 1);
    for (Py_ssize_t j = 0; j <= lb; j++) {
        one[j] = j;
    }
    for (Py_ssize_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (Py_ssize_t j = 1; j <= lb; j++) {
            Py_ssize_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            Py_ssize_t d = one[j - 1] + cost;
            if (one[j] + 1 < d) d = one[j] + 1;
            if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && two[j - 2] + 1 < d) {
                d = two[j - 2] + 1;
            }
            cur[j] = d;
        }
        Py_ssize_t *t = two;
        two = one;
        one = cur;
        cur = t;
    }
    Py_ssize_t out = one[lb];
    if (buf != stack) {
        PyMem_Free(buf);
    }
    return out;
}

static inline int budget_for(const FuzzyTable *self, Py_ssize_t len) {
    return self->budgets[len < 63 ? len : 63];
}

static double edit_similarity(const FuzzyTable *self, const Py_UCS4 *a, Py_ssize_t la,
                              const Py_UCS4 *b, Py_ssize_t lb) {
    Py_ssize_t shorter = la < lb ? la : lb, longer = la < lb ? lb : la;
    Py_ssize_t budget = budget_for(self, shorter);
    if (!budget) {
        if (shorter != self->short_len || longer - shorter != 1) {
            return 0.0;
        }
        budget = 1;
    }
    if (longer - shorter > budget) {
        return 0.0;
    }
    Py_ssize_t dist = osa_distance(a, la, b, lb);
    if (dist < 0 || dist > budget) {
        return 0.0;
    }
    return self->tolerant * (1.0 - (double)dist / (double)longer);
}

static inline int same(const Py_UCS4 *a, Py_ssize_t la, const Py_UCS4 *b, Py_ssize_t lb) {
    return la == lb && memcmp(a, b, sizeof(Py_UCS4) * (size_t)la) == 0;
}

/* ---- the table ---------------------------------------------------------------------- */

typedef struct {
    uint64_t hash;
    uint32_t owner;
} Pair;

typedef struct {
    Pair *pairs;
    size_t len, cap;
    const uint32_t *owners;
    Py_ssize_t n_owners;
} Collect;

/* Runs without the GIL (see load_entries): raw allocator, no exception set. */
static int collect_pair(void *ctx, uint64_t hash) {
    Collect *c = ctx;
    if (c->len + (size_t)c->n_owners > c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1 << 16;
        while (cap < c->len + (size_t)c->n_owners) cap *= 2;
        Pair *grown = PyMem_RawRealloc(c->pairs, cap * sizeof(Pair));
        if (grown == NULL) return NO_MEMORY;
        c->pairs = grown;
        c->cap = cap;
    }
    for (Py_ssize_t k = 0; k < c->n_owners; k++) {
        c->pairs[c->len].hash = hash;
        c->pairs[c->len].owner = c->owners[k];
        c->len++;
    }
    return 0;
}

static int pair_order(const void *x, const void *y) {
    const Pair *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    if (a->owner != b->owner) return a->owner < b->owner ? -1 : 1;
    return 0;
}

static Py_UCS4 *chars_of(PyObject *text, uint32_t *len) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > UINT32_MAX / 2) {
        PyErr_SetString(PyExc_ValueError, "string too long");
        return NULL;
    }
    *len = (uint32_t)n;
    return PyUnicode_AsUCS4Copy(text);
}

static int is_alpha(const Py_UCS4 *s, Py_ssize_t n) {
    if (n == 0) return 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (!Py_UNICODE_ISALPHA(s[k])) return 0;
    }
    return 1;
}

static void table_dealloc(FuzzyTable *self) {
    if (self->token_chars) {
        for (Py_ssize_t i = 0; i < self->n_tokens; i++) {
            PyMem_Free(self->token_chars[i]);
            PyMem_Free(self->key_chars[i]);
        }
    }
    PyMem_Free(self->token_chars);
    PyMem_Free(self->key_chars);
    PyMem_Free(self->token_len);
    PyMem_Free(self->key_len);
    PyMem_Free(self->flags);
    PyMem_RawFree(self->slots);
    PyMem_RawFree(self->owners);
    PyMem_Free(self->marks);
    Py_XDECREF(self->tokens);
    Py_XDECREF(self->sounds);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int load_tokens(FuzzyTable *self, PyObject *tokens, PyObject *keys, PyObject *sounds) {
    Py_ssize_t n = PyList_GET_SIZE(tokens);
    if (PyList_GET_SIZE(keys) != n || PyList_GET_SIZE(sounds) != n) {
        PyErr_SetString(PyExc_ValueError, "tokens, keys and sounds must have equal lengths");
        return -1;
    }
    if (n >= UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many tokens");
        return -1;
    }
    self->token_chars = PyMem_Calloc((size_t)n + 1, sizeof(Py_UCS4 *));
    self->key_chars = PyMem_Calloc((size_t)n + 1, sizeof(Py_UCS4 *));
    self->token_len = PyMem_Calloc((size_t)n + 1, sizeof(uint32_t));
    self->key_len = PyMem_Calloc((size_t)n + 1, sizeof(uint32_t));
    self->flags = PyMem_Calloc((size_t)n + 1, 1);
    self->marks = PyMem_Calloc((size_t)n + 1, sizeof(uint32_t));
    if (!self->token_chars || !self->key_chars || !self->token_len || !self->key_len ||
        !self->flags || !self->marks) {
        PyErr_NoMemory();
        return -1;
    }
    self->n_tokens = n;
    for (Py_ssize_t i = 0; i < n; i++) {
        self->token_chars[i] = chars_of(PyList_GET_ITEM(tokens, i), &self->token_len[i]);
        if (self->token_chars[i] == NULL) return -1;
        self->key_chars[i] = chars_of(PyList_GET_ITEM(keys, i), &self->key_len[i]);
        if (self->key_chars[i] == NULL) return -1;
        if (!PyUnicode_Check(PyList_GET_ITEM(sounds, i))) {
            PyErr_SetString(PyExc_TypeError, "sounds must be str");
            return -1;
        }
        unsigned char f = is_alpha(self->token_chars[i], self->token_len[i]) ? 1 : 0;
        if (!same(self->token_chars[i], self->token_len[i], self->key_chars[i], self->key_len[i])) {
            f |= 2;
        }
        self->flags[i] = f;
    }
    Py_INCREF(tokens);
    self->tokens = tokens;
    Py_INCREF(sounds);
    self->sounds = sounds;
    return 0;
}

/* One listed string to store: its characters, edit budget and owner token ids. */
typedef struct {
    Py_UCS4 *chars;
    uint32_t len;
    int budget;
    size_t first; /* index of its first owner in the flat owner array */
    size_t n_owners;
} Entry;

/* Reads entries (list of (text, budget, owner token ids)) into C arrays; GIL held. */
static int read_entries(FuzzyTable *self, PyObject *entries, Entry *out, uint32_t **owners) {
    Py_ssize_t n = PyList_GET_SIZE(entries);
    size_t used = 0, cap = 1024;
    uint32_t *ids = PyMem_RawMalloc(sizeof(uint32_t) * cap);
    if (ids == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *owners = ids;
    for (Py_ssize_t e = 0; e < n; e++) {
        PyObject *text, *seq_in;
        int budget;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(entries, e), "UiO", &text, &budget, &seq_in)) {
            return -1;
        }
        if (budget < 0 || budget > MAX_BUDGET) {
            PyErr_SetString(PyExc_ValueError, "budget must be 0, 1 or 2");
            return -1;
        }
        PyObject *seq = PySequence_Fast(seq_in, "owners must be a sequence");
        if (seq == NULL) return -1;
        size_t k = (size_t)PySequence_Fast_GET_SIZE(seq);
        if (used + k > cap) {
            while (used + k > cap) cap *= 2;
            uint32_t *grown = PyMem_RawRealloc(ids, sizeof(uint32_t) * cap);
            if (grown == NULL) {
                Py_DECREF(seq);
                PyErr_NoMemory();
                return -1;
            }
            ids = *owners = grown;
        }
        for (size_t j = 0; j < k; j++) {
            long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)j));
            if (v < 0 || v >= self->n_tokens) {
                Py_DECREF(seq);
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "owner out of range");
                return -1;
            }
            ids[used + j] = (uint32_t)v;
        }
        Py_DECREF(seq);
        out[e].chars = chars_of(text, &out[e].len);
        if (out[e].chars == NULL) return -1;
        if ((Py_ssize_t)out[e].len > self->longest) self->longest = out[e].len;
        out[e].budget = budget;
        out[e].first = used;
        out[e].n_owners = k;
        used += k;
    }
    return 0;
}

/* Every entry's deletion hashes, sorted and stored in the open-addressing table. Touches
 * only C memory, so it runs without the GIL: a build in a serving API's background
 * thread would otherwise stall every request for the ~0.4 s this takes on real lists.
 * The table is handed back in `out`, for the caller to install once it holds the GIL.
 * Returns 0, NO_MEMORY, or -3 when there are too many deletions. */
typedef struct {
    Slot *slots;
    uint32_t *owners;
    uint64_t mask;
} Built;

static int hash_entries(const Entry *entries, Py_ssize_t n, const uint32_t *owners, Built *out) {
    Collect c = {NULL, 0, 0, NULL, 0};
    int rc = 0;
    for (Py_ssize_t e = 0; e < n && rc == 0; e++) {
        c.owners = owners + entries[e].first;
        c.n_owners = (Py_ssize_t)entries[e].n_owners;
        rc = each_deletion(entries[e].chars, entries[e].len, entries[e].budget, collect_pair, &c);
    }
    if (rc) goto done;
    if (c.len) qsort(c.pairs, c.len, sizeof(Pair), pair_order);
    /* Distinct (hash, owner) pairs; then one slot per distinct hash. */
    size_t kept = 0, distinct = 0;
    for (size_t i = 0; i < c.len; i++) {
        if (kept && c.pairs[kept - 1].hash == c.pairs[i].hash &&
            c.pairs[kept - 1].owner == c.pairs[i].owner) {
            continue;
        }
        if (!kept || c.pairs[kept - 1].hash != c.pairs[i].hash) distinct++;
        c.pairs[kept++] = c.pairs[i];
    }
    if (kept >= UINT32_MAX) {
        rc = -3;
        goto done;
    }
    uint64_t size = 1024;
    while (size < 2 * (uint64_t)distinct) size *= 2;
    Slot *slots = PyMem_RawCalloc(size, sizeof(Slot));
    uint32_t *held = PyMem_RawMalloc(sizeof(uint32_t) * (kept + 1));
    if (!slots || !held) {
        PyMem_RawFree(slots);
        PyMem_RawFree(held);
        rc = NO_MEMORY;
        goto done;
    }
    uint64_t mask = size - 1;
    for (size_t i = 0; i < kept;) {
        size_t j = i;
        while (j < kept && c.pairs[j].hash == c.pairs[i].hash) {
            held[j] = c.pairs[j].owner;
            j++;
        }
        uint64_t at = c.pairs[i].hash & mask;
        while (slots[at].hash) at = (at + 1) & mask;
        slots[at].hash = c.pairs[i].hash;
        slots[at].start = (uint32_t)i;
        slots[at].count = (uint32_t)(j - i);
        i = j;
    }
    out->slots = slots;
    out->owners = held;
    out->mask = mask;
done:
    PyMem_RawFree(c.pairs);
    return rc;
}

static int load_entries(FuzzyTable *self, PyObject *entries) {
    Py_ssize_t n = PyList_GET_SIZE(entries);
    Entry *read = PyMem_Calloc((size_t)n + 1, sizeof(Entry));
    uint32_t *owners = NULL;
    int rc = -1;
    if (read == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (read_entries(self, entries, read, &owners) == 0) {
        Built built = {NULL, NULL, 0};
        Py_BEGIN_ALLOW_THREADS
        rc = hash_entries(read, n, owners, &built);
        Py_END_ALLOW_THREADS
        if (rc == 0) {
            self->slots = built.slots;
            self->owners = built.owners;
            self->mask = built.mask;
        } else if (rc == NO_MEMORY) {
            PyErr_NoMemory();
        } else if (rc) {
            PyErr_SetString(PyExc_ValueError, "too many deletions");
        }
    }
    for (Py_ssize_t e = 0; e < n; e++) PyMem_Free(read[e].chars);
    PyMem_Free(read);
    PyMem_RawFree(owners);
    return rc ? -1 : 0;
}

static int table_init(FuzzyTable *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"tokens", "keys", "sounds", "entries", "budgets",
                             "short", "tolerant", "phonetic", "phonetic_edits", NULL};
    PyObject *tokens, *keys, *sounds, *entries;
    Py_buffer budgets;
    Py_ssize_t short_len;
    double tolerant, phonetic;
    int phonetic_edits;
    if (self->tokens != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "FuzzyTable is immutable");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O!O!O!y*nddi", kwlist, &PyList_Type, &tokens,
                                     &PyList_Type, &keys, &PyList_Type, &sounds, &PyList_Type,
                                     &entries, &budgets, &short_len, &tolerant, &phonetic,
                                     &phonetic_edits)) {
        return -1;
    }
    if (phonetic_edits < 0) {
        PyBuffer_Release(&budgets);
        PyErr_SetString(PyExc_ValueError, "phonetic_edits must not be negative");
        return -1;
    }
    if (budgets.len != 64) {
        PyBuffer_Release(&budgets);
        PyErr_SetString(PyExc_ValueError, "budgets must hold 64 lengths");
        return -1;
    }
    memcpy(self->budgets, budgets.buf, 64);
    PyBuffer_Release(&budgets);
    for (int k = 0; k < 64; k++) {
        if (self->budgets[k] > MAX_BUDGET) {
            PyErr_SetString(PyExc_ValueError, "budgets must be 0, 1 or 2");
            return -1;
        }
    }
    self->short_len = short_len;
    self->tolerant = tolerant;
    self->phonetic = phonetic;
    self->phonetic_edits = phonetic_edits;
    self->epoch = 0;
    if (load_tokens(self, tokens, keys, sounds) < 0) return -1;
    return load_entries(self, entries);
}

/* ---- lookup ------------------------------------------------------------------------- */

typedef struct {
    FuzzyTable *table;
    uint32_t *found;
    size_t len, cap;
} Gather;

static int add_candidate(Gather *g, uint32_t id) {
    FuzzyTable *t = g->table;
    if (t->marks[id] == t->epoch) return 0;
    t->marks[id] = t->epoch;
    if (g->len == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 64;
        uint32_t *grown = PyMem_Realloc(g->found, cap * sizeof(uint32_t));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        g->found = grown;
        g->cap = cap;
    }
    g->found[g->len++] = id;
    return 0;
}

static int gather_owners(void *ctx, uint64_t hash) {
    Gather *g = ctx;
    FuzzyTable *t = g->table;
    uint64_t at = hash & t->mask;
    while (t->slots[at].hash) {
        if (t->slots[at].hash == hash) {
            const Slot *s = &t->slots[at];
            for (uint32_t k = 0; k < s->count; k++) {
                if (add_candidate(g, t->owners[s->start + k]) < 0) return -1;
            }
            return 0;
        }
        at = (at + 1) & t->mask;
    }
    return 0;
}

static void next_epoch(FuzzyTable *self) {
    if (++self->epoch == 0) {
        memset(self->marks, 0, sizeof(uint32_t) * (size_t)(self->n_tokens + 1));
        self->epoch = 1;
    }
}

/* Probes `text`'s deletions (up to `budget`) into g; text copied into UCS4. A text
 * longer than the longest stored string by more than `budget` shares no deletion with
 * any (its shortest deletion is longer still): it is not probed, which keeps a long
 * word's O(length^2) deletions from costing anything. */
static int probe(Gather *g, PyObject *text, int budget) {
    if (PyUnicode_GET_LENGTH(text) - budget > g->table->longest) return 0;
    uint32_t len;
    Py_UCS4 *chars = chars_of(text, &len);
    if (chars == NULL) return -1;
    int rc = each_deletion(chars, len, budget, gather_owners, g);
    PyMem_Free(chars);
    if (rc == NO_MEMORY) PyErr_NoMemory();
    return rc ? -1 : 0;
}

/* Two sound-alike words are also within `phonetic_edits` edits beyond the edit budget of
 * the longer one (sanctio.match.tokens.spelt_alike). */
static int spelt_alike(const FuzzyTable *self, const Py_UCS4 *a, Py_ssize_t la,
                       const Py_UCS4 *b, Py_ssize_t lb) {
    Py_ssize_t longer = la < lb ? lb : la, shorter = la < lb ? la : lb;
    Py_ssize_t limit = budget_for(self, longer) + self->phonetic_edits;
    if (longer - shorter > limit) return 0;
    Py_ssize_t dist = osa_distance(a, la, b, lb);
    return dist >= 0 && dist <= limit;
}

static double similarity(const FuzzyTable *self, const Py_UCS4 *q, Py_ssize_t ql,
                         const Py_UCS4 *qk, Py_ssize_t qkl, int q_alpha, PyObject *sound,
                         uint32_t t) {
    const Py_UCS4 *tc = self->token_chars[t], *tk = self->key_chars[t];
    Py_ssize_t tl = self->token_len[t], tkl = self->key_len[t];
    if (same(q, ql, tc, tl)) return 1.0;
    if (!(q_alpha && (self->flags[t] & 1))) return 0.0;
    if (same(qk, qkl, tk, tkl)) return self->tolerant;
    double sim = edit_similarity(self, qk, qkl, tk, tkl);
    if (!same(q, ql, qk, qkl) || (self->flags[t] & 2)) {
        double raw = edit_similarity(self, q, ql, tc, tl);
        if (raw > sim) sim = raw;
    }
    if (sim < self->phonetic && q[0] == tc[0] && PyUnicode_GET_LENGTH(sound) > 0) {
        PyObject *other = PyList_GET_ITEM(self->sounds, t);
        if (PyUnicode_Compare(sound, other) == 0 && spelt_alike(self, q, ql, tc, tl)) {
            return self->phonetic;
        }
    }
    return sim;
}

/* Refuses a lookup with a budget beyond MAX_BUDGET or on an uninitialised table. */
static int lookup_ready(const FuzzyTable *self, int budget) {
    if (budget < 0 || budget > MAX_BUDGET) {
        PyErr_SetString(PyExc_ValueError, "budget must be 0, 1 or 2");
        return 0;
    }
    if (self->slots == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "FuzzyTable not initialised");
        return 0;
    }
    return 1;
}

PyDoc_STRVAR(similar_doc,
    "similar(token, key, sound, key_budget, token_budget, extra) -> dict[str, float]\n\n"
    "Listed tokens with a non-zero similarity to `token`: those sharing a deletion of\n"
    "`key` (up to key_budget) or of `token` (up to token_budget; -1 skips), plus `extra`.");

static PyObject *table_similar(FuzzyTable *self, PyObject *args) {
    PyObject *token, *key, *sound, *extra;
    int key_budget, token_budget;
    if (!PyArg_ParseTuple(args, "UUUiiO", &token, &key, &sound, &key_budget, &token_budget,
                          &extra)) {
        return NULL;
    }
    if (!lookup_ready(self, key_budget) || !lookup_ready(self, token_budget < 0 ? 0 : token_budget)) {
        return NULL;
    }
    Gather g = {self, NULL, 0, 0};
    PyObject *out = NULL;
    Py_UCS4 *q = NULL, *qk = NULL;
    uint32_t ql, qkl;
    next_epoch(self);
    PyObject *seq = PySequence_Fast(extra, "extra must be a sequence");
    if (seq == NULL) return NULL;
    for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(seq); j++) {
        long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, j));
        if (v < 0 || v >= self->n_tokens) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "extra id out of range");
            Py_DECREF(seq);
            goto done;
        }
        if (add_candidate(&g, (uint32_t)v) < 0) {
            Py_DECREF(seq);
            goto done;
        }
    }
    Py_DECREF(seq);
    if (probe(&g, key, key_budget) < 0) goto done;
    if (token_budget >= 0 && probe(&g, token, token_budget) < 0) goto done;
    q = chars_of(token, &ql);
    qk = q ? chars_of(key, &qkl) : NULL;
    if (qk == NULL) goto done;
    int q_alpha = is_alpha(q, ql);
    out = PyDict_New();
    if (out == NULL) goto done;
    for (size_t k = 0; k < g.len; k++) {
        uint32_t t = g.found[k];
        double s = similarity(self, q, ql, qk, qkl, q_alpha, sound, t);
        if (s > 0.0) {
            PyObject *value = PyFloat_FromDouble(s);
            if (value == NULL || PyDict_SetItem(out, PyList_GET_ITEM(self->tokens, t), value) < 0) {
                Py_XDECREF(value);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(value);
        }
    }
done:
    PyMem_Free(q);
    PyMem_Free(qk);
    PyMem_Free(g.found);
    return out;
}

PyDoc_STRVAR(owners_doc,
    "owners(text, budget) -> list[int]\n\n"
    "Token ids of the stored strings sharing a deletion with `text` (up to `budget`).");

static PyObject *table_owners(FuzzyTable *self, PyObject *args) {
    PyObject *text;
    int budget;
    if (!PyArg_ParseTuple(args, "Ui", &text, &budget) || !lookup_ready(self, budget)) return NULL;
    Gather g = {self, NULL, 0, 0};
    next_epoch(self);
    PyObject *out = NULL;
    if (probe(&g, text, budget) == 0) {
        out = PyList_New((Py_ssize_t)g.len);
        for (size_t k = 0; out && k < g.len; k++) {
            PyObject *v = PyLong_FromUnsignedLong(g.found[k]);
            if (v == NULL) {
                Py_CLEAR(out);
                break;
            }
            PyList_SET_ITEM(out, (Py_ssize_t)k, v);
        }
    }
    PyMem_Free(g.found);
    return out;
}

static PyMethodDef table_methods[] = {
    {"similar", (PyCFunction)table_similar, METH_VARARGS, similar_doc},
    {"owners", (PyCFunction)table_owners, METH_VARARGS, owners_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject FuzzyTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sanctio.index._fuzzy.FuzzyTable",
    .tp_basicsize = sizeof(FuzzyTable),
    .tp_dealloc = (destructor)table_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Deletion-neighbourhood table over listed tokens (see module docstring).",
    .tp_methods = table_methods,
    .tp_init = (initproc)table_init,
    .tp_new = PyType_GenericNew,
};

static struct PyModuleDef fuzzy_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "sanctio.index._fuzzy",
    .m_doc = "Fuzzy token lookup (SymSpell deletions + token similarity) in C.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__fuzzy(void) {
    if (PyType_Ready(&FuzzyTableType) < 0) return NULL;
    PyObject *m = PyModule_Create(&fuzzy_module);
    if (m == NULL) return NULL;
    Py_INCREF(&FuzzyTableType);
    if (PyModule_AddObject(m, "FuzzyTable", (PyObject *)&FuzzyTableType) < 0) {
        Py_DECREF(&FuzzyTableType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
