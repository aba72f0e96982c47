package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"iter"
	"strings"
	"time"

	"github.com/sessionkit/sessions"
)

// A Query selects archived sessions. The zero value selects every one.
type Query struct {
	// StageARNs keeps the sessions of these stages only; nil keeps every
	// stage's.
	StageARNs []string
	// From and To keep the sessions that started at or after From and
	// before To; a zero bound is no bound.
	From, To time.Time
}

// StageSessions returns an iterator over the archived sessions q selects,
// in order of start time (then stage and ID), as the library lists them:
// an active session has a zero EndTime. On failure it yields a zero
// session and the error once, and stops. Each call starts a new query.
func (a *Archive) StageSessions(ctx context.Context, q Query) iter.Seq2[sessions.StageSession, error] {
	return func(yield func(sessions.StageSession, error) bool) {
		where, args := q.where()
		rows, err := a.db.QueryContext(ctx, "SELECT stage_arn, session_id, start_time, coalesce(end_time, '') FROM stage_sessions"+where+" ORDER BY start_unix, start_time, stage_arn, session_id", args...)
		if err != nil {
			yield(sessions.StageSession{}, readError(a.path, err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			s, err := scanSession(rows)
			if err != nil {
				yield(sessions.StageSession{}, readError(a.path, err))
				return
			}
			if !yield(s, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(sessions.StageSession{}, readError(a.path, err))
		}
	}
}

func (q *Query) where() (string, []any) {
	var conds []string
	var args []any
	if len(q.StageARNs) > 0 {
		conds = append(conds, "stage_arn IN ("+strings.TrimSuffix(strings.Repeat("?,", len(q.StageARNs)), ",")+")")
		for _, arn := range q.StageARNs {
			args = append(args, arn)
		}
	}
	if !q.From.IsZero() {
		conds = append(conds, "start_unix >= ?")
		args = append(args, q.From.Unix())
	}
	if !q.To.IsZero() {
		conds = append(conds, "start_unix < ?")
		args = append(args, q.To.Unix())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func scanSession(rows *sql.Rows) (sessions.StageSession, error) {
	var s sessions.StageSession
	var start, end string
	if err := rows.Scan(&s.StageARN, &s.ID, &start, &end); err != nil {
		return s, err
	}
	var err error
	if s.StartTime, err = parseTime(start); err != nil {
		return s, err
	}
	if end != "" {
		s.EndTime, err = parseTime(end)
	}
	return s, err
}

// Stages returns an iterator over the archived stages, by ARN, as
// ListStages last described them (a stage only ever named by its ARN has
// no name or tags). On failure it yields a zero stage and the error once,
// and stops.
func (a *Archive) Stages(ctx context.Context) iter.Seq2[sessions.Stage, error] {
	return func(yield func(sessions.Stage, error) bool) {
		rows, err := a.db.QueryContext(ctx, "SELECT arn, name, tags, coalesce(active_session_id, '') FROM stages ORDER BY arn")
		if err != nil {
			yield(sessions.Stage{}, readError(a.path, err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var st sessions.Stage
			var tags string
			err := rows.Scan(&st.ARN, &st.Name, &tags, &st.ActiveSessionID)
			if err == nil && tags != "{}" {
				err = json.Unmarshal([]byte(tags), &st.Tags)
			}
			if err != nil {
				yield(sessions.Stage{}, readError(a.path, err))
				return
			}
			if !yield(st, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(sessions.Stage{}, readError(a.path, err))
		}
	}
}

// readError names the archive in an error reading it.
func readError(path string, err error) error {
	return &FileError{Path: path, Reason: "cannot be read", Err: err}
}
