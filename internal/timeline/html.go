package timeline

import (
	"bufio"
	"io"
)

// WriteHTML writes a standalone HTML page with the chart's SVG and its
// plain-text summary below it.
func (c *Chart) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	l := c.layout()
	pw := p{bw}
	pw.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	pw.text(l.title())
	pw.WriteString("</title>\n<style>body{margin:16px;font-family:\"DejaVu Sans\",Verdana,Arial,sans-serif;color:#222}" +
		"h2{font-size:16px;margin:20px 0 8px}pre{font-size:13px;background:#f4f6f8;padding:10px;overflow-x:auto}</style>\n</head>\n<body>\n")
	l.writeSVG(bw)
	pw.WriteString("<h2>Summary</h2>\n<pre id=\"summary\">")
	_ = l.summary.WriteText(escaper{pw}, l.loc) // errors stay in bw
	pw.WriteString("</pre>\n</body>\n</html>\n")
	return bw.Flush()
}

// escaper escapes what is written through it for HTML text.
type escaper struct{ p }

func (e escaper) Write(b []byte) (int, error) {
	e.text(string(b))
	return len(b), nil
}
