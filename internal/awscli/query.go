package awscli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/sessionkit/sessions/internal/jmespath"
)

// A Query is a compiled --query expression. It is evaluated by
// internal/jmespath: github.com/jmespath/go-jmespath, which implements the
// original JMESPath specification that the AWS CLI's Python jmespath
// package follows, ordering strings as that package does.
type Query struct {
	expr *jmespath.JMESPath
	// hashKeys are the keys of the expression's multi-select hashes in the
	// order written, which is the order Python gives the objects they make.
	hashKeys []string
	// avg: the expression is a call of avg(), whose number Python prints
	// as a float; go-jmespath's numbers are all float64, and the others
	// print as Python's ints.
	avg bool
}

// A QueryError is an expression that does not compile.
type QueryError struct {
	Expr string
	Err  error
}

func (e *QueryError) Error() string {
	msg := e.Err.Error()
	if se, ok := e.Err.(jmespath.SyntaxError); ok {
		msg = strings.TrimPrefix(se.Error(), "SyntaxError: ") + ":\n\"" + se.Expression + "\"\n" + strings.Repeat(" ", se.Offset+1) + "^"
	}
	return fmt.Sprintf("Bad value for --query %s: Invalid jmespath expression: %s", e.Expr, msg)
}

func (e *QueryError) Unwrap() error { return e.Err }

// CompileQuery compiles a JMESPath expression.
func CompileQuery(expr string) (*Query, error) {
	c, err := jmespath.Compile(legacyLiterals(expr))
	if err != nil {
		return nil, &QueryError{expr, err}
	}
	ast, err := jmespath.NewParser().Parse(legacyLiterals(expr))
	if err != nil {
		return nil, &QueryError{expr, err}
	}
	e := strings.TrimSpace(expr)
	avg := strings.HasPrefix(e, "avg(") && strings.HasSuffix(e, ")")
	return &Query{expr: c, hashKeys: keyValPairs(ast.String()), avg: avg}, nil
}

// legacyLiterals rewrites each `literal` that is not JSON into the JSON
// string it stands for, as the Python jmespath package's lexer does (with a
// deprecation warning): `READY` means "READY". The AWS CLI's documentation
// is full of such filters; go-jmespath would reject them.
func legacyLiterals(expr string) string {
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		if c != '`' && c != '\'' && c != '"' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(expr) && expr[j] != c {
			if expr[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(expr) {
			b.WriteString(expr[i:])
			break
		}
		tok := expr[i : j+1]
		if c == '`' {
			lit := strings.ReplaceAll(expr[i+1:j], "\\`", "`")
			if !json.Valid([]byte(lit)) {
				if quoted := `"` + strings.TrimLeft(lit, " \t\n\r") + `"`; json.Valid([]byte(quoted)) {
					tok = "`" + strings.ReplaceAll(quoted, "`", "\\`") + "`"
				}
			}
		}
		b.WriteString(tok)
		i = j
	}
	return b.String()
}

// keyValPairs finds the keys of the multi-select hashes in the parser's
// printed syntax tree, in the order they appear.
func keyValPairs(tree string) []string {
	var keys []string
	sc := bufio.NewScanner(strings.NewReader(tree))
	pair := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "ASTKeyValPair {":
			pair = true
		case pair && strings.HasPrefix(line, "value: "):
			if k, err := strconv.Unquote(strings.TrimPrefix(line, "value: ")); err == nil && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
			pair = false
		default:
			pair = false
		}
	}
	return keys
}

// Search evaluates q on v. Objects keep their order, as Python's
// dictionaries do: an object of v keeps its members' order, also for
// keys(), values() and the * wildcard; merge() puts the first object's
// keys first; an object a multi-select hash makes has its keys in the order
// written.
func (q *Query) Search(v any) (any, error) {
	orders := map[unsafe.Pointer][]string{}
	r, err := q.expr.SearchKeyOrder(toJMES(v, orders), func(m map[string]any) []string {
		return orders[reflect.ValueOf(m).UnsafePointer()]
	}, func(m map[string]any, keys []string) {
		orders[reflect.ValueOf(m).UnsafePointer()] = keys
	})
	if err != nil {
		return nil, err
	}
	rank := map[string]int{}
	for i, k := range q.hashKeys {
		rank[k] = i
	}
	if f, ok := r.(float64); ok && q.avg {
		return f, nil // avg() gives a float in Python, 3.0 and not 3
	}
	return fromJMES(r, rank, orders), nil
}

// toJMES turns v into go-jmespath's values, recording the member order of
// each object by its map's identity: go-jmespath hands the input's maps
// through unchanged.
func toJMES(v any, orders map[unsafe.Pointer][]string) any {
	switch v := v.(type) {
	case Map:
		m := make(map[string]any, len(v))
		keys := make([]string, len(v))
		for i, f := range v {
			m[f.Key] = toJMES(f.Value, orders)
			keys[i] = f.Key
		}
		orders[reflect.ValueOf(m).UnsafePointer()] = keys
		return m
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = toJMES(e, orders)
		}
		return l
	case int:
		return float64(v)
	}
	return v
}

func fromJMES(v any, rank map[string]int, orders map[unsafe.Pointer][]string) any {
	switch v := v.(type) {
	case map[string]any:
		if keys, ok := orders[reflect.ValueOf(v).UnsafePointer()]; ok && len(keys) == len(v) {
			m := make(Map, len(keys))
			for i, k := range keys {
				m[i] = Member{k, fromJMES(v[k], rank, orders)}
			}
			return m
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			ra, oka := rank[a]
			rb, okb := rank[b]
			switch {
			case oka && okb:
				return ra - rb
			case oka:
				return -1
			case okb:
				return 1
			}
			return strings.Compare(a, b)
		})
		m := make(Map, len(keys))
		for i, k := range keys {
			m[i] = Member{k, fromJMES(v[k], rank, orders)}
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = fromJMES(e, rank, orders)
		}
		return l
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int(v)
		}
	}
	return v
}
