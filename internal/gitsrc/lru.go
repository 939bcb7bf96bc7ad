package gitsrc

import "sync"

// lru keeps recently used values in two generations: when the current
// one is full it becomes the old one, and a value found in the old one
// moves back. That is an LRU's effect without its bookkeeping. max bounds
// the cost of the values kept, cost says what one costs (1 for a count);
// a value that alone would cost over a quarter of max is not kept. Safe
// for concurrent use.
type lru[K comparable, V any] struct {
	max  int
	cost func(V) int

	mu       sync.Mutex
	cur, old map[K]V
	curCost  int
}

func newLRU[K comparable, V any](max int, cost func(V) int) *lru[K, V] {
	return &lru[K, V]{max: max, cost: cost}
}

// get finds a value, moving one found in the old generation back.
func (c *lru[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[k]; ok {
		return v, true
	}
	v, ok := c.old[k]
	if ok {
		c.putLocked(k, v)
	}
	return v, ok
}

func (c *lru[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(k, v)
}

func (c *lru[K, V]) putLocked(k K, v V) {
	n := c.cost(v)
	if n > c.max/4 {
		return // it would push out most of the others
	}
	if c.curCost+n > c.max/2 {
		c.old, c.cur, c.curCost = c.cur, nil, 0
	}
	if c.cur == nil {
		c.cur = map[K]V{}
	}
	c.cur[k] = v
	c.curCost += n
}
