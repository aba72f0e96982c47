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
	var blockInd, lineBreaks, special bool
	var leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockInd = true
	}
	rs := []rune(s)
	ws := func(i int) bool {
		return i >= len(rs) || rs[i] == 0 || rs[i] == ' ' || rs[i] == '\t' || rs[i] == '\r' || isBreak(rs[i])
	}
	precededByWS := true
	followedByWS := len(rs) == 1 || ws(1)
	prevSpace, prevBreak := false, false
	for i, ch := range rs {
		if i == 0 {
			if strings.ContainsRune("#,[]{}&*!|>'\"%@`", ch) {
				blockInd = true
			}
			if (ch == '?' || ch == ':') && followedByWS {
				blockInd = true
			}
			if ch == '-' && followedByWS {
				blockInd = true
			}
		} else {
			if ch == ':' && followedByWS {
				blockInd = true
			}
			if ch == '#' && precededByWS {
				blockInd = true
			}
		}
		if isBreak(ch) {
			lineBreaks = true
		}
		if !(ch == '\n' || ch >= 0x20 && ch <= 0x7E) {
			// ruamel counts characters beyond the BMP as special: it escapes them.
			uni := (ch == 0x85 || ch >= 0xA0 && ch <= 0xD7FF || ch >= 0xE000 && ch <= 0xFFFD) && ch != 0xFEFF
			if !uni {
				special = true
			}
		}
		switch {
		case ch == ' ':
			if i == 0 {
				leadingSpace = true
			}
			if i == len(rs)-1 {
				trailingSpace = true
			}
			if prevBreak {
				breakSpace = true
			}
			prevSpace, prevBreak = true, false
		case isBreak(ch):
			if i == 0 {
				leadingBreak = true
			}
			if i == len(rs)-1 {
				trailingBreak = true
			}
			if prevSpace {
				spaceBreak = true
			}
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		precededByWS = ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || isBreak(ch)
		followedByWS = ws(i + 2)
	}
	a := scalarAnalysis{multiline: lineBreaks, plain: true, singleQuoted: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.plain = false
	}
	if breakSpace {
		a.plain, a.singleQuoted = false, false
	}
	if spaceBreak || special {
		a.plain, a.singleQuoted = false, false
	}
	if lineBreaks || blockInd {
		a.plain = false
	}
	return a
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
