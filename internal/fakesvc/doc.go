// Package fakesvc is the engine behind every fake of the services: the
// in-memory fakes of package sessionstest and the wire-level server of
// package fakeaws. It decides what a request gets, independent of how the
// request arrived or how the answer is delivered: request validation, the
// paging rules, the page tokens, the fault vocabulary and its script, and the
// services' errors.
//
// A front end validates a request with the Check functions, asks its
// [Script] which fault fires, answers an error with an [*Error], and
// otherwise cuts the page with [Listing.Page] and delivers the items the
// page's range selects.
package fakesvc
