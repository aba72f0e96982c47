package fakeaws

import (
	"fmt"
	"strings"
	"time"
)

// An AccountHistory describes an account's IVS stages and Nimble studios as
// they could be at Now: in each region, named stages whose sessions follow
// [StageHistory] (busy evenings in the region's time zone), a few of them
// idle with no session at all, and studios whose streaming sessions follow
// [StudioHistory].
type AccountHistory struct {
	Now       time.Time
	Seed      uint64
	AccountID string   // the account of the stage ARNs
	Regions   []string // the regions of the stages
	Stages    int      // stages per region
	Sessions  int      // sessions of each stage that is not idle
	Studios   int
	Streaming int // streaming sessions per studio
}

// StageARN returns the ARN of stage i (from 1) of region: a stage ID of 12
// letters and digits, as IVS makes them, that depends only on the region
// and i, so the same stage keeps its ARN whatever the seed.
func (a AccountHistory) StageARN(region string, i int) string {
	x := mix(mix(hashString(region)) + uint64(i))
	// Six digits from each of two hashes: twelve from one would end in
	// the nearly constant top digits of a 64-bit number.
	return fmt.Sprintf("arn:aws:ivs:%s:%s:stage/%s%s", region, a.AccountID, base62(x, 6), base62(mix(x), 6))
}

// StudioID returns the ID of studio i (from 1).
func (a AccountHistory) StudioID(i int) string { return fmt.Sprintf("stid-demo0studio%02d", i) }

// Idle reports whether stage i of region has had no session. The first
// stage of a region never is, so that it always has something to list.
func (a AccountHistory) Idle(region string, i int) bool {
	return i > 1 && mix(a.Seed^hashString(region)^uint64(i)*0x51)%4 == 0
}

// stageNames name the stages of a region, in order; past the end they
// repeat with a number.
var stageNames = []string{"main-stage", "town-hall", "watch-party", "support-desk", "classroom-a", "game-night",
	"podcast-live", "q-and-a", "classroom-b", "open-mic", "fitness-live", "auction-room", "backstage", "webinar", "guest-room", "studio-b"}

// StageName returns the name of stage i (from 1).
func (a AccountHistory) StageName(i int) string {
	name := stageNames[(i-1)%len(stageNames)]
	if i > len(stageNames) {
		name += fmt.Sprintf("-%d", (i-1)/len(stageNames)+1)
	}
	return name
}

// AllStages returns every stage of every region, region by region.
func (a AccountHistory) AllStages() []Stage {
	var out []Stage
	for _, region := range a.Regions {
		for i := 1; i <= a.Stages; i++ {
			n := a.Sessions
			if a.Idle(region, i) {
				n = 0
			}
			out = append(out, Stage{
				ARN:  a.StageARN(region, i),
				Name: a.StageName(i),
				Tags: map[string]string{"env": "prod", "team": []string{"events", "education", "community"}[i%3]},
				Sessions: StageHistory{
					Now: a.Now, Sessions: n, Seed: (a.Seed ^ hashString(region)) + uint64(i), Zone: RegionZone(region),
				}.Dataset(),
			})
		}
	}
	return out
}

// Studio returns the streaming sessions of studio i (from 1); its artists
// work in the time zone of the first region.
func (a AccountHistory) Studio(i int) Dataset[StreamingSession] {
	var zone *time.Location
	if len(a.Regions) > 0 {
		zone = RegionZone(a.Regions[0])
	}
	return StudioHistory{Now: a.Now, Sessions: a.Streaming, Seed: a.Seed + uint64(i), Zone: zone}.Dataset()
}

// RegionZone returns a fixed time zone typical of the region's audience
// (standard time, no daylight saving): Pacific for us-west, Eastern for
// the other US regions, Central European for Europe, and so on; UTC for
// regions it does not know.
func RegionZone(region string) *time.Location {
	const h = 3600
	zones := []struct {
		prefix string
		offset int
	}{
		{"us-west-", -8 * h}, {"us-", -5 * h}, {"ca-", -5 * h}, {"sa-", -3 * h}, {"eu-west-", 0}, {"eu-", 1 * h},
		{"me-", 4 * h}, {"il-", 2 * h}, {"af-", 2 * h}, {"ap-south-", 5*h + h/2}, {"ap-northeast-", 9 * h},
		{"ap-southeast-2", 10 * h}, {"ap-", 8 * h},
	}
	for _, z := range zones {
		if strings.HasPrefix(region, z.prefix) {
			return time.FixedZone(fmt.Sprintf("UTC%+03d%02d", z.offset/h, z.offset%h/60), z.offset)
		}
	}
	return time.UTC
}

// hashString is FNV-1a, to mix strings into seeds.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
