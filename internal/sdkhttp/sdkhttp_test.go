package sdkhttp

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

type recorder struct{ body io.ReadCloser }

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.body = req.Body
	return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
}

type writerToBody struct{ io.Reader }

func (writerToBody) Close() error                     { return nil }
func (writerToBody) WriteTo(io.Writer) (int64, error) { return 0, io.EOF }

func TestClientHidesWriteTo(t *testing.T) {
	rec := &recorder{}
	c := Client(rec)
	if Client(c) != c {
		t.Error("Client wraps its own client again")
	}
	req, _ := http.NewRequest(http.MethodPost, "http://localhost/", nil)
	req.Body = writerToBody{strings.NewReader("{}")}
	if _, err := c.Do(req); err != nil {
		t.Fatal(err)
	}
	if _, ok := rec.body.(io.WriterTo); ok {
		t.Error("the body that reached the client still has WriteTo")
	}
	if b, _ := io.ReadAll(rec.body); string(b) != "{}" {
		t.Errorf("body %q, want {}", b)
	}
	if _, ok := req.Body.(io.WriterTo); !ok {
		t.Error("the caller's request was modified")
	}
}
