package server_test

import (
	"testing"

	"github.com/wildlens/wildlens/server"
)

func TestCheckTransition(t *testing.T) {
	for _, tc := range []struct {
		from, to server.Status
		action   server.Action
		want     string // error code, "" for allowed
	}{
		{"new", "confirmed", "", ""},
		{"new", "dismissed", "", ""},
		{"confirmed", "actioned", "removed", ""},
		{"confirmed", "actioned", "referred_to_police", ""},
		{"new", "actioned", "removed", server.ECONFLICT},
		{"dismissed", "confirmed", "", server.ECONFLICT},
		{"actioned", "confirmed", "", server.ECONFLICT},
		{"confirmed", "dismissed", "", server.ECONFLICT},
		{"confirmed", "confirmed", "", server.ECONFLICT},
		{"confirmed", "actioned", "", server.EINVALID},
		{"confirmed", "actioned", "burned", server.EINVALID},
		{"new", "confirmed", "removed", server.EINVALID},
		{"new", "archived", "", server.EINVALID},
	} {
		err := server.CheckTransition(tc.from, tc.to, tc.action)
		if got := codeOf(err); got != tc.want {
			t.Errorf("%s → %s (%q): %v; want code %q", tc.from, tc.to, tc.action, err, tc.want)
		}
	}
}

func codeOf(err error) string {
	if err == nil {
		return ""
	}
	return server.ErrorCode(err)
}

func TestSecrets(t *testing.T) {
	a, b := server.NewSecret(server.TokenPrefix), server.NewSecret(server.TokenPrefix)
	if a == b || len(a) != len("wlm_")+43 || a[:4] != "wlm_" {
		t.Errorf("NewSecret = %q, %q; want distinct wlm_ + 43 base64url characters", a, b)
	}
	// SHA-256 of "abc", from FIPS 180-2 appendix B.1.
	if got := server.HashSecret("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashSecret(abc) = %s", got)
	}
}
