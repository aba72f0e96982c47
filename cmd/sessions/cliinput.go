package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sessionkit/sessions/internal/awscli"
)

// readInput merges --cli-input-json or --cli-input-yaml into the options:
// each input member sets its option unless the command line gives it.
// Its errors are the AWS CLI's: a document that is not an object, members
// the operation does not have, values of the wrong type (null included),
// each reported in the input's order.
func (inv *invocation) readInput() error {
	a := &inv.args
	if a.has("cli-input-json") && a.has("cli-input-yaml") {
		return paramf("Only one --cli-input- parameter may be specified.")
	}
	name, isYAML := "cli-input-json", false
	if a.has("cli-input-yaml") {
		name, isYAML = "cli-input-yaml", true
	}
	if !a.has(name) {
		return nil
	}
	src := a.str(name)
	if path, ok := strings.CutPrefix(src, "file://"); ok {
		b, err := os.ReadFile(path)
		if err != nil {
			return paramf("Error parsing parameter '--%s': Unable to load paramfile %s: %v", name, src, err)
		}
		src = string(b)
	}
	var in awscli.Map
	var err error
	if isYAML {
		in, err = decodeYAMLInput(src)
	} else {
		in, err = decodeJSONInput(src)
	}
	var notMap notMapError
	switch {
	case errors.As(err, &notMap):
		return paramf("Error parsing parameter '--%s': Invalid type: expecting map, received <class '%s'>", name, notMap.class)
	case err != nil:
		return paramf("Error parsing parameter '%s': Invalid %s received.", name, map[bool]string{false: "JSON", true: "YAML"}[isYAML])
	}
	var names []string
	for _, m := range inv.cmd.members {
		names = append(names, m.name)
	}
	var unknown, invalid []string
	for _, f := range in {
		i := slices.IndexFunc(inv.cmd.members, func(m member) bool { return m.name == f.Key })
		if i < 0 {
			unknown = append(unknown, fmt.Sprintf("Unknown parameter in input: %q, must be one of: %s", f.Key, strings.Join(names, ", ")))
			continue
		}
		m := inv.cmd.members[i]
		if a.has(m.option) {
			continue
		}
		want := "str"
		if m.integer {
			want = "int"
		}
		class := pyClass(f.Value)
		if class != want {
			invalid = append(invalid, fmt.Sprintf("Invalid type for parameter %s, value: %s, type: <class '%s'>, valid types: <class '%s'>", f.Key, pyStr(f.Value), class, want))
			continue
		}
		a.vals[m.option] = []string{pyStr(f.Value)}
	}
	if errs := append(unknown, invalid...); len(errs) > 0 {
		return paramf("Parameter validation failed:\n%s", strings.Join(errs, "\n"))
	}
	return nil
}

// notMapError is an input document that is not an object; class is the
// Python type it reads as.
type notMapError struct{ class string }

func (e notMapError) Error() string { return "not a map: " + e.class }

// decodeJSONInput reads a JSON object keeping its members' order, numbers
// as json.Number.
func decodeJSONInput(src string) (awscli.Map, error) {
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, notMapError{pyClass(v)}
	}
	d = json.NewDecoder(bytes.NewReader(raw))
	d.Token() // {
	var m awscli.Map
	for d.More() {
		k, _ := d.Token()
		var mv any
		d.UseNumber()
		if err := d.Decode(&mv); err != nil {
			return nil, err
		}
		key := k.(string)
		if i := slices.IndexFunc(m, func(f awscli.Member) bool { return f.Key == key }); i >= 0 {
			m[i].Value = mv // a repeated key: the last wins, in its first place
			continue
		}
		m = append(m, awscli.Member{Key: key, Value: mv})
	}
	return m, nil
}

// decodeYAMLInput reads a YAML mapping keeping its members' order.
func decodeYAMLInput(src string) (awscli.Map, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, notMapError{"NoneType"}
	}
	n := doc.Content[0]
	if n.Kind != yaml.MappingNode {
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, err
		}
		return nil, notMapError{pyClass(v)}
	}
	var m awscli.Map
	for i := 0; i+1 < len(n.Content); i += 2 {
		var v any
		if err := n.Content[i+1].Decode(&v); err != nil {
			return nil, err
		}
		m = append(m, awscli.Member{Key: n.Content[i].Value, Value: v})
	}
	return m, nil
}

// pyClass is the name of the Python type v reads as.
func pyClass(v any) string {
	switch v := v.(type) {
	case nil:
		return "NoneType"
	case string:
		return "str"
	case bool:
		return "bool"
	case int:
		return "int"
	case float64:
		return "float"
	case json.Number:
		if strings.ContainsAny(string(v), ".eE") {
			return "float"
		}
		return "int"
	case []any:
		return "list"
	case map[string]any:
		return "dict"
	}
	return fmt.Sprintf("%T", v)
}

// pyStr is v as Python's str() prints it.
func pyStr(v any) string {
	return awscli.PyStr(toAWS(v))
}

// toAWS turns decoded JSON or YAML into the awscli package's values, an
// object's keys sorted.
func toAWS(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := strconv.Atoi(string(v)); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = toAWS(e)
		}
		return l
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m := make(awscli.Map, len(keys))
		for i, k := range keys {
			m[i] = awscli.Member{Key: k, Value: toAWS(v[k])}
		}
		return m
	}
	return v
}
