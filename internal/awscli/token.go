package awscli

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
)

// A Token is a resume point in the AWS CLI's own format, as botocore's
// paginator prints it after --max-items: the service token of the page to
// fetch (Next, "" for the first page) and how many items of that page were
// already printed (Skip).
type Token struct {
	Next string
	Skip int
	// HasSkip tells whether Skip is part of the token; botocore leaves it
	// out when a page was printed whole.
	HasSkip bool
}

// String returns t as botocore's TokenEncoder writes it: base64 of
// json.dumps({"nextToken": …, "boto_truncate_amount": …}).
func (t Token) String() string {
	var b strings.Builder
	b.WriteString(`{"nextToken": `)
	if t.Next == "" {
		b.WriteString("null")
	} else {
		b.Write(appendASCIIJSONString(nil, t.Next))
	}
	if t.HasSkip {
		b.WriteString(`, "boto_truncate_amount": `)
		b.WriteString(strconv.Itoa(t.Skip))
	}
	b.WriteString("}")
	return base64.StdEncoding.EncodeToString([]byte(b.String()))
}

// appendASCIIJSONString quotes s as Python's json.dumps does by default
// (ensure_ascii=True).
func appendASCIIJSONString(b []byte, s string) []byte {
	q := AppendJSONString(nil, s)
	for _, r := range string(q) {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		for _, u := range utf16Units(r) {
			b = append(b, `\u`...)
			h := strconv.FormatUint(uint64(u), 16)
			b = append(b, strings.Repeat("0", 4-len(h))+h...)
		}
	}
	return b
}

func utf16Units(r rune) []uint16 {
	if r < 0x10000 {
		return []uint16{uint16(r)}
	}
	r -= 0x10000
	return []uint16{uint16(0xD800 + r>>10), uint16(0xDC00 + r&0x3FF)}
}

// ParseToken reads a --starting-token as botocore does: base64 of a JSON
// object with "nextToken" and, optionally, "boto_truncate_amount". It
// reports false for anything else, which botocore passes to the service
// as a token of its own.
func ParseToken(s string) (Token, bool) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return Token{}, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return Token{}, false
	}
	next, ok := m["nextToken"]
	if !ok {
		return Token{}, false
	}
	var t Token
	var np *string
	if json.Unmarshal(next, &np) != nil {
		return Token{}, false
	}
	if np != nil {
		t.Next = *np
	}
	if amount, ok := m["boto_truncate_amount"]; ok {
		if json.Unmarshal(amount, &t.Skip) != nil {
			return Token{}, false
		}
		t.HasSkip = true
	}
	for k := range m {
		if k != "nextToken" && k != "boto_truncate_amount" {
			return Token{}, false
		}
	}
	return t, true
}
