package server

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in server/http (see its errorStatus table).
const (
	ECONFLICT     = "conflict"      // the request contradicts what is stored (reused id, stale version)
	EINTERNAL     = "internal"      // a fault of ours; the message is not shown to clients
	EINVALID      = "invalid"       // the request is malformed; the message names the field
	EFORBIDDEN    = "forbidden"     // valid credentials, but not of the one who may do this
	ENOTFOUND     = "not_found"     // no such report, version or account
	EUNAUTHORIZED = "unauthorized"  // missing, unknown or revoked credentials
	ETOOLARGE     = "too_large"     // body or evidence over its limit
	EUNSUPPORTED  = "not_supported" // the store cannot do this (e.g. backup of PostgreSQL)
)

// Error is the one error type of the domain: a code for machines and a message for people.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err's *Error, or EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err's *Error, or "internal error" for any other
// error (whose text may hold details that are not the client's business).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
