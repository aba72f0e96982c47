package awscli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestYAMLMatchesRuamel compares AppendYAML with what the AWS CLI v2's YAML
// dumper (ruamel.yaml) writes for the same values; testdata/record_yaml.py
// records them.
func TestYAMLMatchesRuamel(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "yaml-results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Results []struct {
			Value json.RawMessage
			YAML  string
		}
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	for _, r := range rec.Results {
		dec := json.NewDecoder(strings.NewReader(string(r.Value)))
		dec.UseNumber()
		v, err := decodeOrdered(dec)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(AppendYAML(nil, v)); got != r.YAML {
			t.Errorf("AppendYAML(%s)\n--- ruamel\n%q\n--- Go\n%q", r.Value, r.YAML, got)
		}
	}
}
