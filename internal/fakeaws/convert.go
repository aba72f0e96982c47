//lint:file-ignore SA1019 the Nimble SDK is deprecated as a whole; this package exists to test it.

package fakeaws

import (
	"github.com/sessionkit/sessions"
)

// StageOf returns a stage of the library's sessions; their StageARN is
// ignored. The slice is not copied: do not modify it while a server uses it.
func StageOf(arn, name string, tags map[string]string, ss []sessions.StageSession) Stage {
	return Stage{ARN: arn, Name: name, Tags: tags, Sessions: Generate(len(ss), func(i int) StageSession {
		return StageSession{SessionID: ss[i].ID, StartTime: ss[i].StartTime, EndTime: ss[i].EndTime}
	})}
}

// StudioOf returns a Dataset of the library's streaming sessions; their
// StudioID is ignored. The slice is not copied: do not modify it while a
// server uses it.
func StudioOf(ss []sessions.StreamingSession) Dataset[StreamingSession] {
	return FromSlice(ss)
}
