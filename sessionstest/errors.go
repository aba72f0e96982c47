package sessionstest

//lint:file-ignore SA1019 Nimble Studio's final SDK release marks every type deprecated; faking its errors is the point of this file.

import (
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ivstypes "github.com/aws/aws-sdk-go-v2/service/ivsrealtime/types"
	nimbletypes "github.com/aws/aws-sdk-go-v2/service/nimble/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/sessionkit/sessions/internal/fakesvc"
)

// The fakes answer with the error values the SDK clients decode from the
// services' error responses: the operation's modelled exception type when
// the code is one the operation models, and a *smithy.GenericAPIError
// otherwise. fault returns the error of a fault call, which may be any
// error the test chose.

// ivsError returns what an *ivsrealtime.Client made with
// [sessions.IVSErrorMessages] returns for e: IVS sends the text in
// exceptionMessage, which the client puts in ExceptionMessage of the
// exceptions the operation models and, with the option, in Message of every
// error. modelled says whether the operation models the code.
func ivsError(e *fakesvc.Error, modelled func(code string) bool) error {
	msg := aws.String(e.Message)
	header := aws.String(e.Code + ":http://internal.amazon.com/coral/com.amazonaws.ivs/")
	switch code := strings.ToLower(e.Code); {
	case !modelled(code):
		return &smithy.GenericAPIError{Code: e.Code, Message: e.Message}
	case code == "validationexception":
		return &ivstypes.ValidationException{Message: msg, ExceptionMessage: msg, XAmznErrorType: header}
	case code == "accessdeniedexception":
		return &ivstypes.AccessDeniedException{Message: msg, ExceptionMessage: msg, XAmznErrorType: header}
	case code == "conflictexception":
		return &ivstypes.ConflictException{Message: msg, ExceptionMessage: msg, XAmznErrorType: header}
	}
	return &smithy.GenericAPIError{Code: e.Code, Message: e.Message}
}

// stageSessionsModels reports whether ListStageSessions models the code.
func stageSessionsModels(code string) bool {
	return code == "validationexception" || code == "accessdeniedexception"
}

// stagesModels reports whether ListStages models the code.
func stagesModels(code string) bool {
	return stageSessionsModels(code) || code == "conflictexception"
}

// nimbleError returns what a *nimble.Client returns for e: every error code
// a service sends for ListStreamingSessions is modelled.
func nimbleError(e *fakesvc.Error) error {
	code, msg := aws.String(e.Code), aws.String(e.Message)
	switch strings.ToLower(e.Code) {
	case "validationexception":
		return &nimbletypes.ValidationException{Code: code, Message: msg, Context: e.Context}
	case "resourcenotfoundexception":
		return &nimbletypes.ResourceNotFoundException{Code: code, Message: msg, Context: e.Context}
	case "throttlingexception":
		return &nimbletypes.ThrottlingException{Code: code, Message: msg, Context: e.Context}
	case "accessdeniedexception":
		return &nimbletypes.AccessDeniedException{Code: code, Message: msg, Context: e.Context}
	case "conflictexception":
		return &nimbletypes.ConflictException{Code: code, Message: msg, Context: e.Context}
	case "internalservererrorexception":
		return &nimbletypes.InternalServerErrorException{Code: code, Message: msg, Context: e.Context}
	case "servicequotaexceededexception":
		return &nimbletypes.ServiceQuotaExceededException{Code: code, Message: msg, Context: e.Context}
	}
	return &smithy.GenericAPIError{Code: e.Code, Message: e.Message}
}

// faultError returns the error a fault makes a call fail with, or nil if
// the fault serves a page. conv turns the service's error into the
// client's.
func faultError(op fakesvc.Op, f *Fault, conv func(*fakesvc.Error) error) error {
	if f == nil {
		return nil
	}
	if f.err != nil {
		return f.err
	}
	if e := fakesvc.FaultResponse(op, f.f); e != nil {
		return conv(e)
	}
	switch f.f.Kind {
	case fakesvc.FaultMalformedJSON, fakesvc.FaultTruncatedBody:
		return &smithy.DeserializationError{Err: fmt.Errorf("failed to decode response body, %w", io.ErrUnexpectedEOF)}
	case fakesvc.FaultDropConnection:
		return &smithyhttp.RequestSendError{Err: io.EOF}
	}
	return nil
}
