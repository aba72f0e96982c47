// Package fakeaws is an [httptest] server that speaks the restJson1 wire
// format of Amazon IVS Real-Time ListStageSessions and ListStages and Amazon
// Nimble Studio ListStreamingSessions, so integration tests, benchmarks and
// the demo can run the real SDK clients (SigV4 signing, retries,
// deserialization) offline. What a request gets is decided by the engine
// shared with package sessionstest (internal/fakesvc); this package is its
// HTTP front end.
//
// Stages belong to the region their ARN names, and the server answers as
// the endpoint of the region a request is signed for: ListStages lists that
// region's stages and a stage of another region is not found, so one server
// stands for every region. The request log records each request's region.
//
// A [Server] holds stages and studios, each backed by a [Dataset]: either an
// explicit slice or a lazily generated set of any size ([GenStageSessions],
// [GenStreamingSessions]), so a million sessions cost no server memory.
// [StageHistory], [StudioHistory] and [AccountHistory] generate data that
// could happen on the services, relative to a given now and listed most
// recent first, for sessions serve and the demo.
// It pages like the services do (stage maxResults 1–100, default 50; a
// server-side page size for studios; server-side createdBy, ownedBy and
// sessionIds filters), issues opaque tokens bound to the listing they belong
// to, and rejects tokens that are forged or come from another listing.
//
// Faults are scripted per request with [Fault] values passed to
// [Server.Inject] or [WithFaults]: throttling, 5xx, validation errors,
// malformed or truncated bodies, dropped connections, latency, repeated and
// cyclic tokens, and empty pages that carry a token.
//
// [Server.StageClient] and [Server.StudioClient] return SDK clients pointed
// at the server with static credentials and a retryer that retries without
// waiting.
package fakeaws
