package parse

import "io/fs"

// FileType names a file type that is not a regular file or directory, for
// the messages that refuse to read or write one: "a FIFO", "a device".
func FileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a file of mode " + m.Type().String()
}
