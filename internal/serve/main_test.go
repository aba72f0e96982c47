package serve

import (
	"testing"

	"go.uber.org/goleak"
)

// Run and the tests' servers close what they start.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
