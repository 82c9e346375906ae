/* Candidate ranking for sanctio.index.name_index, in C.
 *
 * A Ranker holds, per indexed name, its entity, its position among the entity's names
 * and its unmatched-token penalty, and per listed token its postings (`set_postings`:
 * the names holding it and their gains, as offsets into two arrays it keeps a view of).
 * `gather` merges the postings of one query token's similar listed tokens (each name
 * once, at its best pair); `rank` sums a query's
 * postings per (query form, name), turns the sums into approximate scores, keeps those
 * at the floor, and groups the best names by entity. In numpy these were a dozen small
 * array operations of a few microseconds each, per query.
 *
 * The scratch arrays make a Ranker unsafe without the GIL; no method releases it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double num;
    double gain;
    uint32_t mark;
} Cell;

typedef struct {
    PyObject_HEAD
    double *penalty;
    int32_t *entity;
    int32_t *local;
    Py_ssize_t n_names;
    Py_ssize_t n_entities;
    /* scratch, grown on demand: per key (form x names) its sums and mark, side by side
     * (keys are reached in no order: one cache line per key, not three) */
    Cell *cells;
    Py_ssize_t scratch_keys;
    uint32_t epoch;
    int32_t *slot_of; /* per entity: position in the output, valid when stamped */
    uint32_t *entity_marks;
    /* per listed token t: names ids[offsets[t]:offsets[t + 1]], with their gains */
    Py_buffer offsets, ids, gains;
    Py_ssize_t n_tokens;
    int has_postings;
} Ranker;

typedef struct {
    uint32_t key;
    double approx;
} Scored;

static int get_array(PyObject *obj, Py_buffer *view, Py_ssize_t itemsize, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != itemsize || view->ndim != 1) {
        PyErr_Format(PyExc_TypeError, "%s: expected a 1-d array of %zd-byte items", what,
                     itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* Views of three 1-d arrays (objects, views, item sizes and names, in order); on failure
 * none is held. */
static int get_arrays(PyObject *const *objs, Py_buffer *views, const Py_ssize_t *sizes,
                      const char *const *what) {
    for (int k = 0; k < 3; k++) {
        if (get_array(objs[k], &views[k], sizes[k], what[k]) < 0) {
            while (k-- > 0) PyBuffer_Release(&views[k]);
            return -1;
        }
    }
    return 0;
}

static void *copy_array(PyObject *obj, Py_ssize_t itemsize, Py_ssize_t *len, const char *what) {
    Py_buffer view;
    if (get_array(obj, &view, itemsize, what) < 0) return NULL;
    void *out = PyMem_Malloc((size_t)view.len + 1);
    if (out == NULL) {
        PyErr_NoMemory();
    } else {
        memcpy(out, view.buf, (size_t)view.len);
        *len = view.len / itemsize;
    }
    PyBuffer_Release(&view);
    return out;
}

static void ranker_dealloc(Ranker *self) {
    PyMem_Free(self->penalty);
    PyMem_Free(self->entity);
    PyMem_Free(self->local);
    PyMem_Free(self->cells);
    PyMem_Free(self->slot_of);
    PyMem_Free(self->entity_marks);
    if (self->has_postings) {
        PyBuffer_Release(&self->offsets);
        PyBuffer_Release(&self->ids);
        PyBuffer_Release(&self->gains);
    }
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int ranker_init(Ranker *self, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"penalty", "entity", "local", "n_entities", NULL};
    PyObject *penalty, *entity, *local;
    Py_ssize_t n_entities, n1 = 0, n2 = 0, n3 = 0;
    if (self->penalty != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Ranker is immutable");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOOn", kwlist, &penalty, &entity, &local,
                                     &n_entities)) {
        return -1;
    }
    self->penalty = copy_array(penalty, 8, &n1, "penalty");
    self->entity = self->penalty ? copy_array(entity, 4, &n2, "entity") : NULL;
    self->local = self->entity ? copy_array(local, 4, &n3, "local") : NULL;
    if (self->local == NULL) return -1;
    if (n1 != n2 || n1 != n3 || n_entities < 0 || n1 >= INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "penalty, entity and local must have equal lengths");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n1; i++) {
        if (self->entity[i] < 0 || self->entity[i] >= n_entities) {
            PyErr_SetString(PyExc_ValueError, "entity id out of range");
            return -1;
        }
    }
    self->n_names = n1;
    self->n_entities = n_entities;
    self->slot_of = PyMem_Calloc((size_t)n_entities + 1, sizeof(int32_t));
    self->entity_marks = PyMem_Calloc((size_t)n_entities + 1, sizeof(uint32_t));
    if (!self->slot_of || !self->entity_marks) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static int ready(Ranker *self, Py_ssize_t keys) {
    if (self->penalty == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Ranker not initialised");
        return -1;
    }
    if (keys > self->scratch_keys) {
        PyMem_Free(self->cells);
        self->cells = PyMem_Calloc((size_t)keys, sizeof(Cell));
        /* The epoch goes on: zeroed marks are unseen, entity marks keep their meaning. */
        self->scratch_keys = self->cells ? keys : 0;
        if (!self->scratch_keys) {
            PyErr_NoMemory();
            return -1;
        }
    }
    if (++self->epoch == 0) {
        for (Py_ssize_t k = 0; k < self->scratch_keys; k++) self->cells[k].mark = 0;
        memset(self->entity_marks, 0, sizeof(uint32_t) * (size_t)(self->n_entities + 1));
        self->epoch = 1;
    }
    return 0;
}

/* Marks a cell of this call (epoch) with its first sums and appends its key to `list`
 * (grown as needed); a cell already marked is left as it is. -1 when out of memory. */
static int mark(Ranker *self, uint32_t key, double num, double gain, uint32_t **list,
                size_t *len, size_t *cap) {
    Cell *cell = &self->cells[key];
    if (cell->mark == self->epoch) return 0;
    cell->mark = self->epoch;
    cell->num = num;
    cell->gain = gain;
    if (*len == *cap) {
        uint32_t *grown = PyMem_Realloc(*list, 2 * *cap * sizeof(uint32_t));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *list = grown;
        *cap *= 2;
    }
    (*list)[(*len)++] = key;
    return 0;
}

static PyObject *bytes_of(const void *data, size_t len) {
    return PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
}

PyDoc_STRVAR(set_postings_doc,
    "set_postings(offsets, ids, gains)\n\n"
    "Every listed token's postings, once: token t's names are ids[offsets[t]:offsets[t+1]]\n"
    "(int32, ascending), with their gains (float64); offsets int64, from 0 to len(ids).\n"
    "The Ranker keeps a view of the three arrays.");

static PyObject *ranker_set_postings(Ranker *self, PyObject *args) {
    PyObject *offsets, *ids, *gains;
    if (!PyArg_ParseTuple(args, "OOO", &offsets, &ids, &gains)) return NULL;
    if (self->penalty == NULL || self->has_postings) {
        PyErr_SetString(PyExc_RuntimeError, "postings are set once, after initialisation");
        return NULL;
    }
    Py_buffer views[3];
    PyObject *const objs[3] = {offsets, ids, gains};
    static const Py_ssize_t sizes[3] = {8, 4, 8};
    static const char *const what[3] = {"offsets", "ids", "gains"};
    if (get_arrays(objs, views, sizes, what) < 0) return NULL;
    Py_buffer o = views[0], i = views[1], g = views[2];
    const int64_t *off = o.buf;
    const int32_t *names = i.buf;
    Py_ssize_t n_tokens = o.len / 8 - 1, n_ids = i.len / 4;
    int bad = n_tokens < 0 || g.len / 8 != n_ids || off[0] != 0 || off[n_tokens] != n_ids;
    for (Py_ssize_t t = 0; t < n_tokens && !bad; t++) bad = off[t] > off[t + 1];
    for (Py_ssize_t k = 0; k < n_ids && !bad; k++) bad = names[k] < 0 || names[k] >= self->n_names;
    if (bad) {
        PyBuffer_Release(&o);
        PyBuffer_Release(&i);
        PyBuffer_Release(&g);
        PyErr_SetString(PyExc_ValueError,
                        "offsets must run from 0 to len(ids), ids name indexed names, "
                        "gains match ids");
        return NULL;
    }
    self->offsets = o;
    self->ids = i;
    self->gains = g;
    self->n_tokens = n_tokens;
    self->has_postings = 1;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(gather_doc,
    "gather(values, tokens) -> (names, values, gains) as bytes\n\n"
    "Names holding one of a query token's similar listed tokens, each once, with the\n"
    "value and gain of its first (best) pair; `values` sorted best first, one per pair,\n"
    "with its listed token's id (see set_postings). Names ascending.");

/* Sorts name ids (0 <= id < n_names) ascending: insertion sort for a few, else an LSD
 * radix sort on 11-bit digits (qsort's comparison call per step cost more than the merge
 * itself). -1 when out of memory. */
static int sort_names(int32_t *a, size_t len, Py_ssize_t n_names) {
    if (len < 64) {
        for (size_t k = 1; k < len; k++) {
            int32_t x = a[k];
            size_t j = k;
            while (j > 0 && a[j - 1] > x) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
        return 0;
    }
    int32_t *tmp = PyMem_Malloc(len * sizeof(int32_t));
    if (tmp == NULL) return -1;
    size_t count[2048];
    int32_t *src = a, *dst = tmp;
    for (int shift = 0; ((Py_ssize_t)1 << shift) < n_names; shift += 11) {
        memset(count, 0, sizeof count);
        for (size_t k = 0; k < len; k++) count[(src[k] >> shift) & 2047]++;
        size_t total = 0;
        for (int d = 0; d < 2048; d++) {
            size_t c = count[d];
            count[d] = total;
            total += c;
        }
        for (size_t k = 0; k < len; k++) dst[count[(src[k] >> shift) & 2047]++] = src[k];
        int32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a) memcpy(a, src, len * sizeof(int32_t));
    PyMem_Free(tmp);
    return 0;
}

static PyObject *ranker_gather(Ranker *self, PyObject *args) {
    PyObject *values, *tokens;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &values, &PyList_Type, &tokens)) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(values);
    if (PyList_GET_SIZE(tokens) != n) {
        PyErr_SetString(PyExc_ValueError, "values and tokens must have equal lengths");
        return NULL;
    }
    if (!self->has_postings) {
        PyErr_SetString(PyExc_RuntimeError, "postings not set");
        return NULL;
    }
    if (ready(self, self->n_names) < 0) return NULL;
    const int64_t *off = self->offsets.buf;
    const int32_t *all_ids = self->ids.buf;
    const double *all_gains = self->gains.buf;
    size_t cap = 64, len = 0;
    uint32_t *names = PyMem_Malloc(cap * sizeof(uint32_t)); /* name ids, all < 2^31 */
    PyObject *out = NULL;
    if (names == NULL) return PyErr_NoMemory();
    /* Reading a value can run Python code (__float__) that changes the lists: they are
     * re-measured before each read. */
    for (Py_ssize_t p = 0; p < n && p < PyList_GET_SIZE(values); p++) {
        double value = PyFloat_AsDouble(PyList_GET_ITEM(values, p));
        if (value == -1.0 && PyErr_Occurred()) goto done;
        if (p >= PyList_GET_SIZE(tokens)) break;
        Py_ssize_t t = PyLong_AsSsize_t(PyList_GET_ITEM(tokens, p));
        if (t == -1 && PyErr_Occurred()) goto done;
        if (t < 0 || t >= self->n_tokens) {
            PyErr_SetString(PyExc_ValueError, "token id out of range");
            goto done;
        }
        const int32_t *ids = all_ids + off[t];
        const double *g = all_gains + off[t];
        Py_ssize_t count = (Py_ssize_t)(off[t + 1] - off[t]);
        for (Py_ssize_t k = 0; k < count; k++) {
            if (mark(self, (uint32_t)ids[k], value, g[k], &names, &len, &cap) < 0)
                goto done;
        }
    }
    if (sort_names((int32_t *)names, len, self->n_names) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    {
        double *v = PyMem_Malloc(sizeof(double) * (len + 1));
        double *g = PyMem_Malloc(sizeof(double) * (len + 1));
        if (v == NULL || g == NULL) {
            PyMem_Free(v);
            PyMem_Free(g);
            PyErr_NoMemory();
            goto done;
        }
        for (size_t k = 0; k < len; k++) {
            v[k] = self->cells[names[k]].num;
            g[k] = self->cells[names[k]].gain;
        }
        PyObject *a = bytes_of(names, len * sizeof(int32_t));
        PyObject *b = bytes_of(v, len * sizeof(double));
        PyObject *c = bytes_of(g, len * sizeof(double));
        if (a && b && c) out = PyTuple_Pack(3, a, b, c);
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_XDECREF(c);
        PyMem_Free(v);
        PyMem_Free(g);
    }
done:
    PyMem_Free(names);
    return out;
}

static int scored_order(const void *x, const void *y) {
    const Scored *a = x, *b = y;
    if (a->approx != b->approx) return a->approx > b->approx ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key);
}

/* Keeps the best `keep` of the stream in a heap whose root is the worst kept. */
static void sift_down(Scored *heap, size_t n, size_t at) {
    for (;;) {
        size_t worst = at, l = 2 * at + 1, r = l + 1;
        if (l < n && scored_order(&heap[l], &heap[worst]) > 0) worst = l;
        if (r < n && scored_order(&heap[r], &heap[worst]) > 0) worst = r;
        if (worst == at) return;
        Scored t = heap[at];
        heap[at] = heap[worst];
        heap[worst] = t;
        at = worst;
    }
}

static void offer(Scored *heap, size_t *n, size_t keep, Scored item) {
    if (*n < keep) {
        size_t at = (*n)++;
        heap[at] = item;
        while (at > 0) {
            size_t up = (at - 1) / 2;
            if (scored_order(&heap[at], &heap[up]) <= 0) break;
            Scored t = heap[at];
            heap[at] = heap[up];
            heap[up] = t;
            at = up;
        }
    } else if (keep > 0 && scored_order(&item, &heap[0]) < 0) {
        heap[0] = item;
        sift_down(heap, *n, 0);
    }
}

PyDoc_STRVAR(rank_doc,
    "rank(chunks, query_weight, mask, floor, keep, limit, slack) -> list[(entity, score, names)]\n\n"
    "chunks: (form, names int32, values float64, gains float64, touch) per query token.\n"
    "The (form, name) pairs a `touch` chunk reaches are the candidates (a query's weak\n"
    "words alone never make one: the full score needs a distinctive word to pair). Sums\n"
    "every chunk's values and gains per candidate; approx = values / (query_weight[form] + name\n"
    "penalty + gains); keeps names at `floor` or above whose entity `mask` allows (None:\n"
    "all), the best `keep` of them by approx (ties by form, then name), and groups them by\n"
    "entity: at most `limit` entities in order of their best name, each with the local\n"
    "positions of its names within `slack` of that best.");

static PyObject *ranker_rank(Ranker *self, PyObject *args) {
    PyObject *chunks, *weights, *mask_obj;
    double floor, slack;
    Py_ssize_t keep, limit;
    if (!PyArg_ParseTuple(args, "O!O!Odnnd", &PyList_Type, &chunks, &PyList_Type, &weights,
                          &mask_obj, &floor, &keep, &limit, &slack)) {
        return NULL;
    }
    Py_ssize_t forms = PyList_GET_SIZE(weights);
    if (forms < 1 || self->n_names * forms >= UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "query_weight: one weight per query form expected");
        return NULL;
    }
    double *qw = PyMem_Malloc(sizeof(double) * (size_t)forms);
    if (qw == NULL) return PyErr_NoMemory();
    for (Py_ssize_t f = 0; f < forms; f++) {
        qw[f] = PyFloat_AsDouble(PyList_GET_ITEM(weights, f));
    }
    Py_buffer mask = {0};
    int has_mask = mask_obj != Py_None;
    PyObject *out = NULL;
    uint32_t *touched = NULL;
    Scored *kept = NULL;
    Py_buffer *views = NULL;
    uint32_t *forms_of = NULL;
    Py_ssize_t n_views = 0;
    if (PyErr_Occurred()) goto done;
    if (has_mask) {
        if (get_array(mask_obj, &mask, 1, "mask") < 0) {
            has_mask = 0;
            goto done;
        }
        if (mask.len != self->n_entities) {
            PyErr_SetString(PyExc_ValueError, "mask: one flag per entity expected");
            goto done;
        }
    }
    if (ready(self, self->n_names * forms) < 0) goto done;
    size_t cap = 256, len = 0;
    touched = PyMem_Malloc(cap * sizeof(uint32_t));
    if (touched == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Two passes over the chunks. The first checks them and marks the (form, name) keys
     * a `touch` chunk reaches: only those become candidates. The second sums every
     * chunk's values and gains into the marked keys, in chunk order, so a sum is the
     * same whichever chunk marked its key (0.0 + v is v). */
    Py_ssize_t n_chunks = PyList_GET_SIZE(chunks);
    views = PyMem_Calloc((size_t)(3 * n_chunks + 1), sizeof(Py_buffer));
    forms_of = PyMem_Malloc(sizeof(uint32_t) * (size_t)(n_chunks + 1));
    if (views == NULL || forms_of == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* Reading an array or a flag can run Python code: the list is re-measured each step. */
    for (Py_ssize_t c = 0; c < n_chunks && c < PyList_GET_SIZE(chunks); c++) {
        Py_ssize_t form;
        int touch;
        PyObject *po, *vo, *go;
        /* Held while its items are read: reading them may change the list. */
        PyObject *item = PyList_GET_ITEM(chunks, c);
        Py_INCREF(item);
        int ok = PyArg_ParseTuple(item, "nOOOp", &form, &po, &vo, &go, &touch);
        if (ok && (form < 0 || form >= forms)) {
            PyErr_SetString(PyExc_ValueError, "chunk form out of range");
            ok = 0;
        }
        if (ok) {
            PyObject *const objs[3] = {po, vo, go};
            static const Py_ssize_t sizes[3] = {4, 8, 8};
            static const char *const what[3] = {"names", "values", "gains"};
            ok = get_arrays(objs, views + 3 * c, sizes, what) == 0;
        }
        Py_DECREF(item);
        if (!ok) goto done;
        n_views = c + 1;
        Py_ssize_t count = views[3 * c].len / 4;
        const int32_t *ids = views[3 * c].buf;
        if (views[3 * c + 1].len / 8 != count || views[3 * c + 2].len / 8 != count) {
            PyErr_SetString(PyExc_ValueError, "chunk arrays disagree or name out of range");
            goto done;
        }
        uint32_t base = (uint32_t)(form * self->n_names);
        forms_of[c] = base;
        for (Py_ssize_t k = 0; k < count; k++) {
            if (ids[k] < 0 || ids[k] >= self->n_names) {
                PyErr_SetString(PyExc_ValueError, "chunk arrays disagree or name out of range");
                goto done;
            }
            if (touch && mark(self, base + (uint32_t)ids[k], 0.0, 0.0, &touched, &len, &cap) < 0)
                goto done;
        }
    }
    for (Py_ssize_t c = 0; c < n_views; c++) {
        Py_ssize_t count = views[3 * c].len / 4;
        const int32_t *ids = views[3 * c].buf;
        const double *v = views[3 * c + 1].buf, *g = views[3 * c + 2].buf;
        uint32_t base = forms_of[c];
        for (Py_ssize_t k = 0; k < count; k++) {
            uint32_t key = base + (uint32_t)ids[k];
            if (self->cells[key].mark == self->epoch) {
                self->cells[key].num += v[k];
                self->cells[key].gain += g[k];
            }
        }
    }
    if (keep < 0) keep = 0;
    size_t room = (size_t)keep < len ? (size_t)keep : len;
    kept = PyMem_Malloc(sizeof(Scored) * (room + 1));
    if (kept == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    size_t n_kept = 0;
    const unsigned char *allowed = has_mask ? mask.buf : NULL;
    for (size_t k = 0; k < len; k++) {
        uint32_t key = touched[k];
        Py_ssize_t form = key / (uint32_t)self->n_names, name = key % (uint32_t)self->n_names;
        double den = qw[form] + self->penalty[name] + self->cells[key].gain;
        double approx = self->cells[key].num / den;
        if (!(approx >= floor - slack)) continue;
        if (allowed && !allowed[self->entity[name]]) continue;
        Scored item = {key, approx};
        offer(kept, &n_kept, room, item);
    }
    qsort(kept, n_kept, sizeof(Scored), scored_order);
    /* Group in C first: building Python objects may run the cyclic collector, and with
     * it code that lets another thread into this Ranker's scratch arrays. */
    if (limit < 0) limit = 0;
    size_t n_slots = 0, cap_slots = (size_t)limit + 1, cap_items = n_kept + 1;
    double *best = PyMem_Malloc(sizeof(double) * cap_slots);
    int32_t *slot_entity = PyMem_Malloc(sizeof(int32_t) * cap_slots);
    Py_ssize_t *first = PyMem_Malloc(sizeof(Py_ssize_t) * cap_slots);
    Py_ssize_t *last = PyMem_Malloc(sizeof(Py_ssize_t) * cap_slots);
    Py_ssize_t *next = PyMem_Malloc(sizeof(Py_ssize_t) * cap_items);
    if (!best || !slot_entity || !first || !last || !next) {
        PyErr_NoMemory();
        goto grouped;
    }
    uint32_t epoch = self->epoch;
    for (size_t k = 0; k < n_kept; k++) {
        uint32_t name = kept[k].key % (uint32_t)self->n_names;
        int32_t e = self->entity[name];
        double sc = kept[k].approx;
        next[k] = -1;
        if (self->entity_marks[e] != epoch) {
            if (n_slots >= (size_t)limit) {
                /* Best first: once no entity's best is within slack, nothing joins. */
                if (n_slots > 0 && sc + slack < best[n_slots - 1]) break;
                continue;
            }
            self->entity_marks[e] = epoch;
            self->slot_of[e] = (int32_t)n_slots;
            best[n_slots] = sc;
            slot_entity[n_slots] = e;
            first[n_slots] = last[n_slots] = (Py_ssize_t)k;
            n_slots++;
        } else {
            int32_t slot = self->slot_of[e];
            if (sc + slack < best[slot]) continue;
            int dup = 0; /* the same name reached through another query form */
            for (Py_ssize_t j = first[slot]; j >= 0 && !dup; j = next[j]) {
                dup = self->local[kept[j].key % (uint32_t)self->n_names] == self->local[name];
            }
            if (dup) continue;
            next[last[slot]] = (Py_ssize_t)k;
            last[slot] = (Py_ssize_t)k;
        }
    }
    out = PyList_New((Py_ssize_t)n_slots);
    for (size_t slot = 0; out && slot < n_slots; slot++) {
        PyObject *names = PyList_New(0);
        PyObject *item = names ? Py_BuildValue("(idN)", slot_entity[slot], best[slot], names) : NULL;
        if (item == NULL) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)slot, item);
        for (Py_ssize_t j = first[slot]; j >= 0; j = next[j]) {
            PyObject *local = PyLong_FromLong(self->local[kept[j].key % (uint32_t)self->n_names]);
            if (local == NULL || PyList_Append(names, local) < 0) {
                Py_XDECREF(local);
                Py_CLEAR(out);
                break;
            }
            Py_DECREF(local);
        }
    }
grouped:
    PyMem_Free(best);
    PyMem_Free(slot_entity);
    PyMem_Free(first);
    PyMem_Free(last);
    PyMem_Free(next);
done:
    for (Py_ssize_t c = 0; c < n_views; c++) {
        for (int i = 0; i < 3; i++) PyBuffer_Release(&views[3 * c + i]);
    }
    PyMem_Free(views);
    PyMem_Free(forms_of);
    if (has_mask) PyBuffer_Release(&mask);
    PyMem_Free(qw);
    PyMem_Free(touched);
    PyMem_Free(kept);
    return out;
}

static PyMethodDef ranker_methods[] = {
    {"set_postings", (PyCFunction)ranker_set_postings, METH_VARARGS, set_postings_doc},
    {"gather", (PyCFunction)ranker_gather, METH_VARARGS, gather_doc},
    {"rank", (PyCFunction)ranker_rank, METH_VARARGS, rank_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject RankerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sanctio.index._rank.Ranker",
    .tp_basicsize = sizeof(Ranker),
    .tp_dealloc = (destructor)ranker_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Candidate ranking over an index's names (see module docstring).",
    .tp_methods = ranker_methods,
    .tp_init = (initproc)ranker_init,
    .tp_new = PyType_GenericNew,
};

static struct PyModuleDef rank_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "sanctio.index._rank",
    .m_doc = "Candidate ranking (postings sums, approximate scores, grouping) in C.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__rank(void) {
    if (PyType_Ready(&RankerType) < 0) return NULL;
    PyObject *m = PyModule_Create(&rank_module);
    if (m == NULL) return NULL;
    Py_INCREF(&RankerType);
    if (PyModule_AddObject(m, "Ranker", (PyObject *)&RankerType) < 0) {
        Py_DECREF(&RankerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
