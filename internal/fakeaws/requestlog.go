package fakeaws

// A Request is one entry of the request log: what a client asked for and
// what it got. Parameters the client did not send are nil.
type Request struct {
	// Seq numbers the server's requests from 1, in arrival order.
	Seq int64
	Op  Op
	// Region is the region of the request's SigV4 credential scope ("" if
	// it was not signed).
	Region string
	// Parent is the stage ARN or studio ID ("" if the request had none);
	// for ListStages, the region.
	Parent     string
	MaxResults *int32
	NextToken  *string
	CreatedBy  *string
	OwnedBy    *string
	SessionIDs *string
	// Status is the HTTP status sent; 0 if the connection was dropped or
	// the request was abandoned during latency.
	Status int
	// Items is the number of sessions in the response.
	Items int
	// Fault is the kind of the fault that decided the response.
	Fault FaultKind
}

// Log returns a copy of the request log, oldest first. It is empty unless
// the server was made with [WithRequestLog].
func (s *Server) Log() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]Request(nil), s.log...)
}

func (s *Server) record(r *Request) {
	if s.logMax <= 0 {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if len(s.log) < s.logMax {
		s.log = append(s.log, *r)
	}
}
