package sessionstest

//lint:file-ignore SA1019 Nimble Studio is shut down and every API of its final SDK release is marked deprecated; serving that API is the point of this file.

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/aws-sdk-go-v2/service/nimble"
	"github.com/aws/smithy-go"

	"github.com/sessionkit/sessions"
	"github.com/sessionkit/sessions/internal/fakeaws"
	"github.com/sessionkit/sessions/internal/fakesvc"
)

// Data is what a [Server] serves, in the types the in-memory fakes use.
// The server reads the maps and slices as requests arrive: do not modify
// them while it runs.
type Data struct {
	// Stages holds the sessions of each stage, keyed by stage ARN, as in
	// [StageService.Stages]. A stage belongs to the region its ARN names:
	// the server answers for it only requests signed for that region.
	Stages map[string][]sessions.StageSession
	// Info gives stages a name and tags, as in [StageService.Info].
	Info map[string]StageInfo
	// Studios holds the streaming sessions of each studio, keyed by studio
	// ID, as in [StudioService.Studios].
	Studios map[string][]sessions.StreamingSession
	// StudioPageSize is how many streaming sessions a page holds; zero or
	// less means [DefaultStudioPageSize].
	StudioPageSize int
	// Quota is the request rate the server allows for each signed region
	// and operation; nil means IVS Real-Time's, [IVSQuota] (5 requests a
	// second, burst [DefaultQuotaBurst]), and [NoQuota] none. Over it, the
	// server answers as AWS does: HTTP 429, X-Amzn-ErrorType
	// ThrottlingException, {"message":"Rate exceeded"}. The clients of
	// [Server.StageClient] are paced under it (see sessions.MaxRate); set
	// NoQuota for tests that must run at full speed. [Quota.Throttled]
	// counts the requests it throttled.
	Quota *Quota
}

// A Server is a local HTTP endpoint that speaks the wire format of IVS
// Real-Time ListStageSessions and ListStages and Nimble Studio
// ListStreamingSessions, like net/http/httptest's Server: the real SDK
// clients sign their requests, retry and decode the responses as they do
// against AWS, so a test exercises its own client configuration too. It
// answers as the endpoint of whichever region a request is signed for, so
// one server stands for every region. It pages and validates like the
// in-memory fakes (both run the same engine), injects faults on the wire
// ([Server.Inject]) and logs every request ([Server.Requests]).
//
// Close it when done, typically with t.Cleanup(srv.Close). All methods are
// safe for concurrent use, also while requests are in flight.
type Server struct {
	// URL is the base URL of the server, e.g. "http://127.0.0.1:41234",
	// for an SDK client's BaseEndpoint or the AWS CLI's --endpoint-url.
	URL string

	srv *fakeaws.Server
}

// maxLog bounds the request log, which is kept so that a test can read it.
const maxLog = 1 << 20

// NewServer starts a Server on a loopback port serving d.
func NewServer(d Data) *Server {
	q := d.Quota
	if q == nil {
		q = IVSQuota()
	}
	opts := []fakeaws.Option{fakeaws.WithRequestLog(maxLog), fakeaws.WithStudioPageSize(d.StudioPageSize), fakeaws.WithQuotaOf(q.q)}
	for arn, ss := range d.Stages {
		opts = append(opts, fakeaws.WithStages(fakeaws.StageOf(arn, d.Info[arn].Name, d.Info[arn].Tags, ss)))
	}
	for id, ss := range d.Studios {
		opts = append(opts, fakeaws.WithStudio(id, fakeaws.StudioOf(ss)))
	}
	s := &Server{srv: fakeaws.New(opts...)}
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down and closes the idle connections of the
// clients made by [Server.Config], [Server.StageClient] and
// [Server.StudioClient]. It is safe to call twice.
func (s *Server) Close() { s.srv.Close() }

// Region is the region of the clients a [Server] makes.
const Region = fakeaws.Region

// Config returns an aws.Config for the server: Region [Region],
// BaseEndpoint s.URL, static credentials, an HTTP client whose idle
// connections Close closes, and the SDK's standard retryer (3 attempts)
// without the waits between attempts. Make clients with
// ivsrealtime.NewFromConfig and nimble.NewFromConfig; set Region for
// another region's stages.
func (s *Server) Config() aws.Config {
	return aws.Config{
		Region:       Region,
		BaseEndpoint: aws.String(s.URL),
		Credentials:  fakeaws.Credentials(),
		HTTPClient:   s.srv.HTTPClient(),
		Retryer:      fakeaws.NewRetryer,
	}
}

// StageClient returns an IVS Real-Time client made from [Server.Config];
// optFns run last and may override any of it. Pass
// [sessions.IVSErrorMessages] among them for errors whose message is the
// one the in-memory [StageService] gives.
func (s *Server) StageClient(optFns ...func(*ivsrealtime.Options)) *ivsrealtime.Client {
	return s.srv.StageClient(optFns...)
}

// StudioClient returns a Nimble client made from [Server.Config]; optFns
// run last and may override any of it.
func (s *Server) StudioClient(optFns ...func(*nimble.Options)) *nimble.Client {
	return s.srv.StudioClient(optFns...)
}

// Inject adds faults after those already injected. On the server, a fault
// counts the requests it selects (every request, or those for one parent
// after [Fault.For]) from the moment it is injected; retries are requests
// too. An [ErrorAt] error is sent as the service would send it: an
// smithy.APIError with its code and message (status 400, or 500 for a
// server fault), anything else as a 500 InternalServerException with the
// error's text.
func (s *Server) Inject(faults ...Fault) {
	for _, f := range faults {
		s.srv.Inject(f.wire())
	}
}

// ClearFaults removes every injected fault. Token cycles already handed
// out keep cycling, since their tokens carry the cycle.
func (s *Server) ClearFaults() { s.srv.ClearFaults() }

// SetLatency delays every later response by d (0 turns it off).
func (s *Server) SetLatency(d time.Duration) { s.srv.SetLatency(d) }

// A Request is one entry of a [Server]'s request log. Parameters the client
// did not send are zero.
type Request struct {
	// Seq numbers the server's requests from 1, in arrival order.
	Seq int
	// Op is "ListStageSessions", "ListStages" or "ListStreamingSessions"
	// ("" for a request to no known operation).
	Op string
	// Region is the region of the request's SigV4 credential scope.
	Region string
	// Parent is the stage ARN or studio ID; for ListStages, the region.
	Parent     string
	MaxResults int
	NextToken  string
	CreatedBy  string
	OwnedBy    string
	SessionIDs string
	// Status is the HTTP status sent; 0 if the connection was dropped.
	Status int
	// Items is the number of sessions or stages in the response.
	Items int
	// Fault names the fault that shaped the response ("" for none), e.g.
	// "Throttle", "TokenCycle", "DropConnection".
	Fault string
}

// Requests returns the request log, oldest first: in the order the requests
// arrived (by Seq), whatever order their responses took. A request is
// logged once its response is written, so a client may see a response a
// moment before its entry appears, and a request still in flight is missing
// while later ones are listed.
func (s *Server) Requests() []Request {
	log := s.srv.Log() // in the order the responses were written
	slices.SortFunc(log, func(a, b fakeaws.Request) int { return cmp.Compare(a.Seq, b.Seq) })
	out := make([]Request, len(log))
	for i, r := range log {
		out[i] = Request{
			Seq: int(r.Seq), Op: string(r.Op), Region: r.Region, Parent: r.Parent,
			MaxResults: int(aws.ToInt32(r.MaxResults)), NextToken: aws.ToString(r.NextToken),
			CreatedBy: aws.ToString(r.CreatedBy), OwnedBy: aws.ToString(r.OwnedBy), SessionIDs: aws.ToString(r.SessionIDs),
			Status: r.Status, Items: r.Items,
		}
		if r.Fault != fakesvc.FaultNone {
			out[i].Fault = r.Fault.String()
		}
	}
	return out
}

// wire returns the fault as the wire server injects it.
func (f Fault) wire() fakesvc.Fault {
	w := f.f
	if f.err == nil {
		return w
	}
	w.Kind, w.Status, w.Code, w.Message = fakesvc.FaultError, http.StatusInternalServerError, "InternalServerException", f.err.Error()
	var api smithy.APIError
	if errors.As(f.err, &api) {
		w.Code, w.Message = api.ErrorCode(), api.ErrorMessage()
		if api.ErrorFault() != smithy.FaultServer {
			w.Status = http.StatusBadRequest
		}
	}
	return w
}
