// Package sessionstest provides in-memory fakes of the transports of package
// sessions, for unit tests of code that lists sessions.
//
// A [StageService] (IVS Real-Time) and a [StudioService] (Nimble Studio) are
// mostly data, like fstest.MapFS: the sessions of each stage or studio, keyed
// by its ARN or ID. They page like the services (stage page size 1–100,
// default 50; a fixed studio page size; the studio filters createdBy, ownedBy
// and sessionIds applied on the service side), hand out opaque tokens bound to
// the listing, fail with the error values the SDK clients decode (IVS
// clients made with [sessions.IVSErrorMessages]), and record every call in
// their Calls field, like httptest.ResponseRecorder:
//
//	fake := &sessionstest.StageService{Stages: map[string][]sessions.StageSession{
//		arn: {{ID: "st-1", StartTime: t0}, {ID: "st-2", StartTime: t1}},
//	}}
//	p, err := sessions.StageSessions(fake, sessions.StageQuery{StageARN: arn}, sessions.PageSize(1))
//	// … range over p.All(ctx) …
//	// fake.Calls: [{arn 1 ""} {arn 1 "<token>"}]
//
// Faults are injected with small constructors, like testing/iotest:
// [ErrorAt] (any error at call n), [Throttle], [ServerError], [Unavailable],
// [RepeatToken], [TokenCycle], [EmptyPages], [Slow], and, mostly for the
// wire, [MalformedBody], [TruncatedBody] and [DropConnection]; each is
// narrowed to one parent with [Fault.For] and made to last with
// [Fault.Times]. The Latency field slows every call down and honours the
// context:
//
//	fake.Faults = []sessionstest.Fault{sessionstest.Throttle(2)}
//
// A StageService also answers ListStages from the same data: the keys of
// Stages, with the names and tags of its Info field and, as active session,
// the last session with no EndTime; with Region set it is the endpoint of
// one region.
//
// Both services are safe for concurrent use, as [sessions.Merge] requires.
//
// For integration tests that should run the real SDK clients (signing,
// retries, decoding, the test's own client configuration), [NewServer]
// starts a local HTTP endpoint, like net/http/httptest, that serves the same
// [Data] on the services' wire format, through the same engine as the
// in-memory services: the same pages, tokens and errors. Faults are the same
// [Fault] values, injected on the wire with [Server.Inject], including
// malformed and truncated bodies and dropped connections; [Server.Requests]
// is the request log:
//
//	srv := sessionstest.NewServer(sessionstest.Data{Stages: stages})
//	defer srv.Close()
//	client := ivsrealtime.NewFromConfig(srv.Config())
package sessionstest
