package fakesvc

// A Listing is the ordered items one request pages through: Len positions,
// cut into pages of Size items by Step.
type Listing struct {
	// Binding is what the listing's tokens are bound to; see [Binding].
	// The page size is not bound: a token is a position, and a request may
	// resume from it with another page size, as the services allow.
	Binding string
	// Len is the number of positions.
	Len int
	// Size is the page size.
	Size int
	// Step, if set, returns the position after the page that starts at
	// start: with server-side filters, the position of the first kept item
	// after a page of Size kept items, or Len. nil means start+Size.
	Step func(start int) int
}

// A Page is the range of positions [Start, End) that one response serves,
// and the token it returns ("" at the end of the listing).
type Page struct {
	Start, End int
	Next       string
	// Fault is the paging fault that shaped the page, or FaultNone.
	Fault FaultKind
}

func (l Listing) step(start int) int {
	if l.Step != nil {
		return l.Step(start)
	}
	return min(start+l.Size, l.Len)
}

// Page returns the page a request gets for the token it sent ("" for the
// first page) when fault f decides it (a zero Fault for none). nonce must
// differ between requests; it keeps the tokens of empty pages distinct. An
// *Error means the token is not one of this listing's.
func (l Listing) Page(sent string, f Fault, nonce uint64) (Page, *Error) {
	pos := token{kind: kindNext}
	if sent != "" {
		var ok bool
		if pos, ok = decodeToken(sent, l.Binding); !ok {
			return Page{}, Invalid("The nextToken is not valid for this request.", "nextToken")
		}
	}
	// Data replaced since the token was issued may be shorter.
	start := min(pos.offset, l.Len)
	var p Page
	var next token
	switch {
	case pos.kind == kindCycle:
		// A cycle goes on until a fault takes the listing out of it.
		for range pos.a {
			start = l.step(start)
		}
		p = Page{Start: start, End: l.step(start)}
		next = token{kind: kindCycle, offset: pos.offset, a: pos.a%pos.b + 1, b: pos.b}
	case pos.kind == kindEmpty && pos.b > 0:
		p = Page{Start: start, End: start}
		next = token{kind: kindEmpty, offset: pos.offset, a: pos.a, b: pos.b - 1}
	default:
		p = Page{Start: start, End: l.step(start)}
		if p.End < l.Len {
			next = token{kind: kindNext, offset: p.End}
		}
	}
	switch f.Kind {
	case FaultRepeatToken:
		if sent != "" {
			p.Fault, p.Next = f.Kind, sent
			return p, nil
		}
		next = token{kind: kindNext, offset: start}
	case FaultTokenCycle:
		next = token{kind: kindCycle, offset: start, a: 1, b: uint64(max(f.K, 0))}
		if f.K < 1 {
			next.b = 2
		}
	case FaultEmptyPage:
		p.End = start
		next = token{kind: kindEmpty, offset: start, a: nonce, b: uint64(max(f.K, 1) - 1)}
	}
	if f.Kind.Paging() {
		p.Fault = f.Kind
	}
	if next.kind != 0 {
		p.Next = next.encode(l.Binding)
	}
	return p, nil
}
