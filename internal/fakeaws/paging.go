package fakeaws

import (
	"net/http"
	"strings"
)

// A pager cuts a data set into pages of up to size kept items.
type pager[T any] struct {
	data Dataset[T]
	size int
	keep func(*T) bool // nil keeps every item
}

// page visits up to size kept items from index start and returns the index
// of the next kept item, or data.Len() if there is none. Looking ahead to
// the next kept item is what lets the last page go out without a token even
// when filtered-out items trail it, as the services do.
func (p pager[T]) page(start int, visit func(*T)) int {
	n := p.data.Len()
	i, kept := start, 0
	for ; i < n && kept < p.size; i++ {
		it := p.data.at(i)
		if p.keep != nil && !p.keep(&it) {
			continue
		}
		if visit != nil {
			visit(&it)
		}
		kept++
	}
	if p.keep == nil {
		return i
	}
	for ; i < n; i++ {
		if it := p.data.at(i); p.keep(&it) {
			return i
		}
	}
	return n
}

// servePage answers a valid request with the page its token points at.
// open is the response up to the item array, e.g. `{"stageSessions":[`.
func servePage[T any](x *exchange, p pager[T], binding, reqToken string, c config, open string,
	appendItem func(b []byte, it *T, pos int) []byte) {
	n := p.data.Len()
	start := 0
	var cycle *token
	if reqToken != "" {
		t, err := decodeToken(reqToken, binding)
		if err != nil {
			x.writeError(http.StatusBadRequest, "ValidationException", "The nextToken is not valid for this request.", map[string]string{"field": "nextToken"})
			return
		}
		start = t.offset
		if t.kind == kindCycle {
			for range t.a {
				start = p.page(start, nil)
			}
			cycle = &t
		}
		// Data replaced since the token was issued may be shorter.
		start = min(start, n)
	}

	bp := bufPool.Get().(*[]byte)
	b := append((*bp)[:0], open...)
	items, next := 0, start
	if c.fault != FaultEmptyPage {
		next = p.page(start, func(it *T) {
			if items > 0 {
				b = append(b, ',')
			}
			b = appendItem(b, it, items)
			items++
		})
	}
	b = append(b, ']')

	var tok token
	switch {
	case c.fault == FaultRepeatToken && reqToken != "":
		tok = token{} // echo reqToken below
	case c.fault == FaultRepeatToken:
		tok = token{kind: kindNext, offset: start}
	case c.fault == FaultTokenCycle:
		k := c.f.K
		if k < 1 {
			k = 2
		}
		tok = token{kind: kindCycle, offset: start, a: 1, b: uint64(k)}
	case c.fault == FaultEmptyPage:
		tok = token{kind: kindEmpty, offset: start, a: uint64(x.rec.Seq)}
	case cycle != nil:
		tok = token{kind: kindCycle, offset: cycle.offset, a: cycle.a%cycle.b + 1, b: cycle.b}
	case next < n:
		tok = token{kind: kindNext, offset: next}
	}
	switch c.fault {
	case FaultRepeatToken, FaultTokenCycle, FaultEmptyPage:
		x.rec.Fault = c.fault
	}
	var nextToken string
	if c.fault == FaultRepeatToken && reqToken != "" {
		nextToken = reqToken
	} else if tok.kind != 0 {
		nextToken = tok.encode(binding)
	}
	if nextToken != "" {
		b = append(b, `,"nextToken":`...)
		b = appendString(b, nextToken)
	}
	b = append(b, '}')

	x.rec.Items = items
	x.s.items.Add(int64(items))
	x.writePage(b, c.fault)
	*bp = b
	bufPool.Put(bp)
}

// authorized checks that the request is SigV4-signed for service, as AWS
// does before anything else, so a client with the wrong signing name or no
// credentials fails here as it would against the real endpoint.
func (x *exchange) authorized(service string) bool {
	a := x.r.Header.Get("Authorization")
	if !strings.HasPrefix(a, "AWS4-HMAC-SHA256 Credential=") {
		x.writeError(http.StatusForbidden, "MissingAuthenticationTokenException", "Missing Authentication Token", nil)
		return false
	}
	if !strings.Contains(a, "/"+service+"/aws4_request") {
		x.writeError(http.StatusForbidden, "InvalidSignatureException", "Credential should be scoped to correct service: '"+service+"'.", nil)
		return false
	}
	return true
}

// validToken reports whether s has the services' documented token form.
func validToken(s string) bool {
	if len(s) > maxTokenLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '+', c == '/', c == '=', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}
