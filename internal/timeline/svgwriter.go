package timeline

import (
	"bufio"
	"encoding/xml"
	"math"
	"strconv"
)

// p is a little SVG printer over a bufio.Writer.
type p struct{ *bufio.Writer }

// text writes s escaped for XML text and attribute values.
func (w p) text(s string) {
	_ = xml.EscapeText(w, []byte(s)) // the error stays in the bufio.Writer
}

// num writes v rounded to a tenth of a pixel.
func (w p) num(v float64) {
	var b [24]byte
	w.Write(strconv.AppendFloat(b[:0], math.Round(v*10)/10, 'f', -1, 64))
}

func (w p) int(v int) {
	var b [20]byte
	w.Write(strconv.AppendInt(b[:0], int64(v), 10))
}

// attrs writes name="value" pairs of numbers.
func (w p) attrs(kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.WriteByte(' ')
		w.WriteString(kv[i].(string))
		w.WriteString(`="`)
		switch v := kv[i+1].(type) {
		case float64:
			w.num(v)
		case int:
			w.int(v)
		case string:
			w.text(v)
		}
		w.WriteByte('"')
	}
}

// textEl writes <text class=… x=… y=… …>s</text>.
func (w p) textEl(class string, x, y float64, s string, kv ...any) {
	w.WriteString(`<text`)
	if class != "" {
		w.attrs("class", class)
	}
	w.attrs("x", x, "y", y)
	w.attrs(kv...)
	w.WriteByte('>')
	w.text(s)
	w.WriteString("</text>\n")
}

func (w p) line(class string, x1, y1, x2, y2 float64, kv ...any) {
	w.WriteString(`<line`)
	w.attrs("class", class, "x1", x1, "y1", y1, "x2", x2, "y2", y2)
	w.attrs(kv...)
	w.WriteString("/>\n")
}

func ftoa(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
