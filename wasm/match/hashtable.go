package match

// bytesTable is a read-only map from byte strings to V, keyed by the FNV-1a hash the
// caller computes (fnvAdd), so that a lookup of a longer key can extend the hash of
// its prefix, and a probe hashes nothing in wasm, where a Go map[string] hashes in
// software. Open addressing, linear probing, at most two thirds full (a lookup that
// misses reads about three slots; half full took a matcher 2 MB more).
type bytesTable[V any] struct {
	slots []bytesSlot[V]
	mask  uint32
}

type bytesSlot[V any] struct {
	hash uint32
	used bool
	key  string
	val  V
}

const fnvOffset = 2166136261

// fnvAdd extends an FNV-1a hash with b.
func fnvAdd(h uint32, b []byte) uint32 {
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

func newBytesTable[V any](m map[string]V) bytesTable[V] {
	size := 1
	for 2*size < 3*len(m) {
		size *= 2
	}
	t := bytesTable[V]{slots: make([]bytesSlot[V], size), mask: uint32(size - 1)}
	for key, v := range m {
		h := fnvAdd(fnvOffset, []byte(key))
		i := h & t.mask
		for t.slots[i].used {
			i = (i + 1) & t.mask
		}
		t.slots[i] = bytesSlot[V]{hash: h, used: true, key: key, val: v}
	}
	return t
}

// get returns the value of key, whose fnvAdd hash is h.
func (t *bytesTable[V]) get(h uint32, key []byte) (V, bool) {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if !s.used {
			var zero V
			return zero, false
		}
		if s.hash == h && s.key == string(key) {
			return s.val, true
		}
	}
}
