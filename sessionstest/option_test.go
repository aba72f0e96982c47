package sessionstest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/ivsrealtime"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// withExceptionMessage copies IVS's exceptionMessage to message in error
// responses, as the command-line tool does, so that unmodelled IVS errors
// carry their text.
func withExceptionMessage(o *ivsrealtime.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("exceptionMessage", func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			out, md, err := next.HandleDeserialize(ctx, in)
			resp, ok := out.RawResponse.(*smithyhttp.Response)
			if err != nil || !ok || resp.StatusCode < 300 {
				return out, md, err
			}
			body, _ := io.ReadAll(resp.Body)
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) == nil && m["message"] == nil && m["exceptionMessage"] != nil {
				m["message"] = m["exceptionMessage"]
				body, _ = json.Marshal(m)
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			return out, md, nil
		}), middleware.After)
	})
}
