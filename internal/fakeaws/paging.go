package fakeaws

import (
	"net/http"
	"strings"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// filteredStep returns the engine's Step for a data set under a server-side
// filter: the index after a page of size kept items from start, which is
// the index of the next kept item, or data.Len() if there is none. Looking
// ahead to the next kept item is what lets the last page go out without a
// token even when filtered-out items trail it, as the services do.
func filteredStep[T any](data Dataset[T], size int, keep func(*T) bool) func(int) int {
	return func(start int) int {
		n := data.Len()
		i, kept := start, 0
		for ; i < n && kept < size; i++ {
			if it := data.at(i); keep(&it) {
				kept++
			}
		}
		for ; i < n; i++ {
			if it := data.at(i); keep(&it) {
				return i
			}
		}
		return n
	}
}

// servePage answers a valid request with the page l cuts for its token:
// the items of data in the page's range that keep (nil keeps all) accepts.
// open is the response up to the item array, e.g. `{"stageSessions":[`.
func servePage[T any](x *exchange, data Dataset[T], keep func(*T) bool, l fakesvc.Listing, reqToken string, c config, open string,
	appendItem func(b []byte, it *T, pos int) []byte) {
	p, perr := l.Page(reqToken, c.f, uint64(x.rec.Seq))
	if perr != nil {
		x.writeError(perr)
		return
	}
	bp := bufPool.Get().(*[]byte)
	b := append((*bp)[:0], open...)
	items := 0
	for i := p.Start; i < p.End; i++ {
		it := data.at(i)
		if keep != nil && !keep(&it) {
			continue
		}
		if items > 0 {
			b = append(b, ',')
		}
		b = appendItem(b, &it, items)
		items++
	}
	b = append(b, ']')
	if p.Fault != FaultNone {
		x.rec.Fault = p.Fault
	}
	if p.Next != "" {
		b = append(b, `,"nextToken":`...)
		b = appendString(b, p.Next)
	}
	b = append(b, '}')

	x.rec.Items = items
	x.s.items.Add(int64(items))
	x.writePage(b, c.f.Kind)
	*bp = b
	bufPool.Put(bp)
}

// authorized checks that the request is SigV4-signed for service, as AWS
// does before anything else, so a client with the wrong signing name or no
// credentials fails here as it would against the real endpoint. It records
// the region of the credential scope.
func (x *exchange) authorized(service string) bool {
	a := x.r.Header.Get("Authorization")
	cred, ok := strings.CutPrefix(a, "AWS4-HMAC-SHA256 Credential=")
	if !ok {
		x.writeError(&fakesvc.Error{Status: http.StatusForbidden, Code: "MissingAuthenticationTokenException", Message: "Missing Authentication Token"})
		return false
	}
	// The scope is AKID/date/region/service/aws4_request.
	scope := strings.SplitN(strings.SplitN(cred, ",", 2)[0], "/", 6)
	if len(scope) != 5 || scope[3] != service || scope[4] != "aws4_request" {
		x.writeError(&fakesvc.Error{Status: http.StatusForbidden, Code: "InvalidSignatureException", Message: "Credential should be scoped to correct service: '" + service + "'."})
		return false
	}
	x.rec.Region = scope[2]
	return x.s.admit(x)
}
