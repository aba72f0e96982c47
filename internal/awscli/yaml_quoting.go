package awscli

import (
	"regexp"
	"strings"
)

type scalarAnalysis struct {
	multiline    bool
	plain        bool // allowed as a plain scalar in block context
	singleQuoted bool
}

// analyzeScalar is ruamel's Emitter.analyze_scalar for YAML 1.2 with
// unicode allowed, reduced to what block output needs.
func analyzeScalar(s string) scalarAnalysis {
	if s == "" {
		return scalarAnalysis{plain: true, singleQuoted: true}
	}
	rs := []rune(s)
	blockInd := strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...")
	var lineBreaks, special bool
	var sp scalarSpacing
	precededByWS := true
	followedByWS := len(rs) == 1 || wsAt(rs, 1)
	for i, ch := range rs {
		if isIndicator(ch, i == 0, precededByWS, followedByWS) {
			blockInd = true
		}
		if isBreak(ch) {
			lineBreaks = true
		}
		if isSpecial(ch) {
			special = true
		}
		sp.see(ch, i == 0, i == len(rs)-1)
		precededByWS = ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || isBreak(ch)
		followedByWS = wsAt(rs, i+2)
	}
	a := scalarAnalysis{multiline: lineBreaks, plain: true, singleQuoted: true}
	if sp.leadingSpace || sp.leadingBreak || sp.trailingSpace || sp.trailingBreak {
		a.plain = false
	}
	if sp.breakSpace || sp.spaceBreak || special {
		a.plain, a.singleQuoted = false, false
	}
	if lineBreaks || blockInd {
		a.plain = false
	}
	return a
}

// wsAt reports whether rs has whitespace, a line break or NUL at i, or
// ends before it.
func wsAt(rs []rune, i int) bool {
	return i >= len(rs) || rs[i] == 0 || rs[i] == ' ' || rs[i] == '\t' || rs[i] == '\r' || isBreak(rs[i])
}

// isIndicator reports whether ch, first in the scalar or not, is a YAML
// indicator there given the whitespace around it: one that rules out a
// plain scalar.
func isIndicator(ch rune, first, precededByWS, followedByWS bool) bool {
	if first {
		return strings.ContainsRune("#,[]{}&*!|>'\"%@`", ch) ||
			(ch == '?' || ch == ':' || ch == '-') && followedByWS
	}
	return ch == ':' && followedByWS || ch == '#' && precededByWS
}

// isSpecial reports whether ruamel escapes ch, which rules out both plain
// and single-quoted style.
func isSpecial(ch rune) bool {
	if ch == '\n' || ch >= 0x20 && ch <= 0x7E {
		return false
	}
	// ruamel counts characters beyond the BMP as special: it escapes them.
	uni := (ch == 0x85 || ch >= 0xA0 && ch <= 0xD7FF || ch >= 0xE000 && ch <= 0xFFFD) && ch != 0xFEFF
	return !uni
}

// scalarSpacing records where a scalar has spaces and line breaks: at its
// ends, and a space right after a break or right before one.
type scalarSpacing struct {
	leadingSpace, leadingBreak, trailingSpace, trailingBreak bool
	breakSpace, spaceBreak                                   bool
	prevSpace, prevBreak                                     bool
}

// see records ch, the first and/or last of the scalar or neither.
func (sp *scalarSpacing) see(ch rune, first, last bool) {
	switch {
	case ch == ' ':
		sp.leadingSpace = sp.leadingSpace || first
		sp.trailingSpace = sp.trailingSpace || last
		sp.breakSpace = sp.breakSpace || sp.prevBreak
		sp.prevSpace, sp.prevBreak = true, false
	case isBreak(ch):
		sp.leadingBreak = sp.leadingBreak || first
		sp.trailingBreak = sp.trailingBreak || last
		sp.spaceBreak = sp.spaceBreak || sp.prevSpace
		sp.prevSpace, sp.prevBreak = false, true
	default:
		sp.prevSpace, sp.prevBreak = false, false
	}
}

// The implicit resolvers of ruamel.yaml for YAML 1.2: a plain scalar that
// one of them matches would not read back as a string.
var yamlResolvers = []struct {
	first string
	re    *regexp.Regexp
}{
	{"tTfF", regexp.MustCompile(`^(?:true|True|TRUE|false|False|FALSE)$`)},
	{"-+0123456789.", regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)},
	{"-+0123456789", regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$`)},
	{"<", regexp.MustCompile(`^(?:<<)$`)},
	{"~nN", regexp.MustCompile(`^(?:~|null|Null|NULL)$`)},
	{"0123456789", regexp.MustCompile(`^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$`)},
	{"=", regexp.MustCompile(`^(?:=)$`)},
}

func resolvesAsNonString(s string) bool {
	for _, r := range yamlResolvers {
		if strings.ContainsRune(r.first, []rune(s)[0]) && r.re.MatchString(s) {
			return true
		}
	}
	return false
}
