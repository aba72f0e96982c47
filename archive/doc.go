// Package archive keeps every session of an AWS account in an embedded
// SQLite database, so that history outlives the service's own and reports
// cost no request.
//
// [Open] opens (or creates) an archive file; [Archive.Sync] lists the stages
// of an account and their sessions into it, page by page, each page in one
// transaction with the listing's resume point, reading only what is new when
// the service lists a stage most recent first; [Archive.Stages] and
// [Archive.StageSessions] read it back as the library's own typed values;
// [Archive.Report] sums it up.
//
// The file is an ordinary SQLite 3 database (written by a pure-Go driver, so
// no C toolchain is needed) that the sqlite3 shell can read:
//
//	stages(arn, region, name, tags, active_session_id, seen_at, cursor, complete)
//	stage_sessions(stage_arn, session_id, start_time, end_time, first_seen, last_seen)
//	sync_runs(id, started_at, ended_at, stages, requests, new_sessions, updated_sessions)
//	studios(studio_id, seen_at, cursor)
//	streaming_sessions(studio_id, session_id, state, owned_by, created_at, updated_at, session, first_seen, last_seen)
//
// A streaming session's session column holds every field of the library's
// [sessions.StreamingSession] as JSON; [Archive.SyncStudios] keeps them and
// [Archive.StreamingSessions] reads them back.
//
// Times are RFC 3339 text in UTC; an active session has a NULL end_time.
// first_seen and last_seen are when a sync first wrote a session's row and
// last changed it (a sync writes only what is new or changed).
// The schema is versioned (PRAGMA user_version) and migrated forward when an
// archive is opened for writing; a file from a newer version of this package
// is refused, untouched.
package archive
