package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal and returns its controlling side and the terminal
// side a command can write to as if to a person's screen.
func openPTY(t *testing.T) (control, terminal *os.File) {
	t.Helper()
	control, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(control.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock pty: %v", err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("pty number: %v", err)
	}
	terminal, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open pty: %v", err)
	}
	t.Cleanup(func() { terminal.Close(); control.Close() })
	return control, terminal
}

func TestProgressBarOnATerminalForLargeInput(t *testing.T) {
	control, terminal := openPTY(t)
	screen := make(chan string)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, control) // ends when the terminal side is closed
		screen <- b.String()
	}()
	big := strings.Repeat("出售手镯 bracelet for sale\n", progressMinBytes/30+1)
	dir := writeFiles(t, map[string]string{"big.txt": big, "small.txt": "象牙"})
	codeSmall := run(context.Background(), env{strings.NewReader(""), io.Discard, terminal},
		[]string{"scan", "--lexicon", lexiconFile(t), filepath.Join(dir, "small.txt")})
	terminal.WriteString("|")
	var out bytes.Buffer
	code := run(context.Background(), env{strings.NewReader(""), &out, terminal},
		[]string{"scan", "--lexicon", lexiconFile(t), filepath.Join(dir, "big.txt")})
	terminal.Close()
	smallShown, shown, _ := strings.Cut(<-screen, "|")
	if code != 0 || codeSmall != 0 {
		t.Fatalf("exit %d, %d", code, codeSmall)
	}
	if smallShown != "" {
		t.Errorf("a small input drew on the terminal: %q", smallShown)
	}
	t.Logf("terminal: %q", shown)
	if !strings.Contains(shown, "scanning") {
		t.Errorf("the terminal did not show a progress bar:\n%q", shown)
	}
	if !strings.HasSuffix(strings.TrimRight(shown, " "), "\r") {
		t.Errorf("the progress bar was not cleared when the scan finished:\n%q", shown)
	}
	if strings.Contains(out.String(), "scanning") {
		t.Errorf("the progress bar went to stdout: %q", out.String())
	}
}
