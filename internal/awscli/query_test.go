package awscli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestQueryMatchesPython compares --query results with what the Python
// jmespath package, which the AWS CLI uses, returns for the same
// expressions over the same document (testdata/record_jmespath.py records
// them), as the AWS CLI's json output prints them.
func TestQueryMatchesPython(t *testing.T) {
	data := readOrdered(t, filepath.Join("testdata", "jmespath-data.json"))
	b, err := os.ReadFile(filepath.Join("testdata", "jmespath-results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Results []struct {
			Expression string
			Output     string
			Error      string
		}
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Results) < 50 {
		t.Fatalf("%d recorded expressions; want at least 50", len(rec.Results))
	}
	for _, r := range rec.Results {
		t.Run(r.Expression, func(t *testing.T) {
			q, err := CompileQuery(r.Expression)
			var got any
			if err == nil {
				got, err = q.Search(data)
			}
			switch {
			case r.Error != "" && err == nil:
				t.Errorf("%s = %s; Python's jmespath fails with %s", r.Expression, AppendJSON(nil, got, 0), r.Error)
			case r.Error != "":
			case err != nil:
				t.Errorf("%s: %v; Python's jmespath gives\n%s", r.Expression, err, r.Output)
			default:
				if s := string(AppendJSON(nil, got, 0)) + "\n"; s != r.Output {
					t.Errorf("%s\n--- Python\n%s--- Go\n%s", r.Expression, r.Output, s)
				}
			}
		})
	}
}

// readOrdered decodes a JSON file into Maps that keep the file's order.
func readOrdered(t *testing.T, path string) any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber()
	v, err := decodeOrdered(dec)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func decodeOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '{':
			m := Map{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeOrdered(dec)
				if err != nil {
					return nil, err
				}
				m = append(m, Member{k.(string), v})
			}
			_, err := dec.Token()
			return m, err
		case '[':
			l := []any{}
			for dec.More() {
				v, err := decodeOrdered(dec)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := dec.Token()
			return l, err
		}
	case json.Number:
		if n, err := tok.Int64(); err == nil {
			return int(n), nil
		}
		return tok.Float64()
	case string, bool, nil:
		return tok, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}
