package bench

import (
	"context"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"time"

	"github.com/sessionkit/sessions"
)

// EarlyBreak lists the stage arn through t with the library, pageSize items
// a page and no prefetch, and leaves the loop right after the k-th item
// (with maxItems, it passes [sessions.MaxItems](k) and ranges to the end
// instead). requests reports the requests sent so far, e.g.
// [MemStage.Calls] or the fake server's counter. It returns the requests the
// listing sent beyond ⌈k/pageSize⌉, the fewest that can deliver k items.
func EarlyBreak(ctx context.Context, t sessions.StageTransport, requests func() int64, arn string, pageSize, k int, maxItems bool) (int, error) {
	opts := []sessions.Option{sessions.PageSize(pageSize)}
	if maxItems {
		opts = append(opts, sessions.MaxItems(k))
	}
	p, err := sessions.StageSessions(t, sessions.StageQuery{StageARN: arn}, opts...)
	if err != nil {
		return 0, err
	}
	before := requests()
	n := 0
	for _, err := range p.All(ctx) {
		if err != nil {
			return 0, err
		}
		n++
		if !maxItems && n == k {
			break
		}
	}
	want := (n + pageSize - 1) / pageSize
	return int(requests()-before) - want, nil
}

// A Sample is one timed run.
type Sample struct {
	Wall   time.Duration
	CPU    time.Duration // CPU time of the whole process (0 where it cannot be read)
	Allocs uint64        // heap allocations during the run, by every goroutine of the process
	Result Result
}

// NsPerItem returns the wall time per item.
func (s Sample) NsPerItem() float64 {
	return float64(s.Wall.Nanoseconds()) / float64(max(s.Result.Items, 1))
}

// AllocsPerItem returns the allocations per item.
func (s Sample) AllocsPerItem() float64 { return float64(s.Allocs) / float64(max(s.Result.Items, 1)) }

const allocsMetric = "/gc/heap/allocs:objects"

// Measure collects garbage, then runs f once and times it. The allocation
// count is process-wide: it includes a fake server in the same process,
// which does the same work for the same listing whoever the client is, so
// it cancels out in a difference between two clients.
func Measure(f func() (Result, error)) (Sample, error) {
	runtime.GC()
	m := []metrics.Sample{{Name: allocsMetric}}
	metrics.Read(m)
	before := m[0].Value.Uint64()
	cpu, start := cpuTime(), time.Now()
	r, err := f()
	wall, cpu := time.Since(start), cpuTime()-cpu
	metrics.Read(m)
	return Sample{Wall: wall, CPU: cpu, Allocs: m[0].Value.Uint64() - before, Result: r}, err
}

// Interleave measures a and b reps times each, alternating which goes
// first, so that slow drift on a shared machine hits both alike.
func Interleave(reps int, a, b func() (Result, error)) (as, bs []Sample, err error) {
	for i := range reps {
		first, second := a, b
		if i%2 == 1 {
			first, second = b, a
		}
		s1, err := Measure(first)
		if err != nil {
			return as, bs, err
		}
		s2, err := Measure(second)
		if err != nil {
			return as, bs, err
		}
		if i%2 == 1 {
			s1, s2 = s2, s1
		}
		as, bs = append(as, s1), append(bs, s2)
	}
	return as, bs, nil
}

// Median returns the median of xs (the mean of the middle two for an even
// count), or 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Walls returns the wall times of samples in seconds.
func Walls(samples []Sample) []float64 {
	out := make([]float64, len(samples))
	for i, s := range samples {
		out[i] = s.Wall.Seconds()
	}
	return out
}

// CPUs returns the CPU times of samples in seconds.
func CPUs(samples []Sample) []float64 {
	out := make([]float64, len(samples))
	for i, s := range samples {
		out[i] = s.CPU.Seconds()
	}
	return out
}

// Ratios returns num[i]/den[i] of the wall times, pair by pair.
func Ratios(num, den []Sample) []float64 {
	out := make([]float64, min(len(num), len(den)))
	for i := range out {
		out[i] = num[i].Wall.Seconds() / den[i].Wall.Seconds()
	}
	return out
}

// Heap is the heap seen while a listing ran.
type Heap struct {
	// Peak is the largest sample of the bytes in heap objects, live or not
	// yet swept: what the process held at its worst.
	Peak uint64
	// Live is the largest heap the garbage collector found live at the end
	// of a cycle: what the listing retained.
	Live    uint64
	Samples int
}

var heapMetrics = []string{"/memory/classes/heap/objects:bytes", "/gc/heap/live:bytes"}

type heapSampler struct {
	m    []metrics.Sample
	heap Heap
}

func newHeapSampler() *heapSampler {
	s := &heapSampler{m: make([]metrics.Sample, len(heapMetrics))}
	for i, name := range heapMetrics {
		s.m[i].Name = name
	}
	return s
}

func (s *heapSampler) sample() {
	metrics.Read(s.m)
	s.heap.Peak = max(s.heap.Peak, s.m[0].Value.Uint64())
	s.heap.Live = max(s.heap.Live, s.m[1].Value.Uint64())
	s.heap.Samples++
}

// PeakHeap collects garbage, then runs f while sampling the heap every
// interval from a goroutine of its own and whenever f calls the sample
// function it is given (e.g. from an [sessions.OnPage] hook; call it only
// from the goroutine that runs f). It returns the largest samples.
func PeakHeap(interval time.Duration, f func(sample func()) error) (Heap, error) {
	runtime.GC()
	caller, ticker := newHeapSampler(), newHeapSampler()
	caller.sample()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				ticker.sample()
			case <-stop:
				return
			}
		}
	}()
	err := f(caller.sample)
	close(stop)
	wg.Wait()
	caller.sample()
	h := caller.heap
	h.Peak, h.Live = max(h.Peak, ticker.heap.Peak), max(h.Live, ticker.heap.Live)
	h.Samples += ticker.heap.Samples
	return h, err
}
