package match

import (
	"math/rand/v2"
	"testing"
)

// TestASCIIRun: asciiRun finds the first run of at least n ASCII bytes as a byte-by-byte
// search does, wherever the runs fall against its eight-byte words.
func TestASCIIRun(t *testing.T) {
	naive := func(b []byte, from, n int) (int, int) {
		for i := from; i < len(b); {
			if b[i] >= 0x80 {
				i++
				continue
			}
			j := i
			for j < len(b) && b[j] < 0x80 {
				j++
			}
			if j-i >= n {
				return i, j
			}
			i = j
		}
		return len(b), len(b)
	}
	rng := rand.New(rand.NewPCG(2, 3))
	for range 20000 {
		b := make([]byte, rng.IntN(90))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = 0x80 + byte(rng.IntN(0x80))
			} else {
				b[i] = byte(rng.IntN(0x80))
			}
			if rng.IntN(10) == 0 { // long ASCII stretches
				for k := i; k < len(b) && k < i+rng.IntN(40); k++ {
					b[k] = 'a'
				}
			}
		}
		from, n := rng.IntN(len(b)+1), 8+rng.IntN(30)
		gs, ge := asciiRun(b, from, n)
		ws, we := naive(b, from, n)
		if gs != ws || ge != we {
			t.Fatalf("asciiRun(%q, %d, %d) = %d,%d, want %d,%d", b, from, n, gs, ge, ws, we)
		}
	}
}
