package archive

import (
	"encoding/json"
)

// tagValue returns the value of tag in a stage's tags as stored (a JSON
// object), "" if it has none.
func tagValue(tags, tag string) string {
	if tags == "{}" {
		return ""
	}
	var m map[string]string
	if json.Unmarshal([]byte(tags), &m) != nil {
		return ""
	}
	return m[tag]
}
