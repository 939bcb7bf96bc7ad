package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/render"
)

// outputOptions are --output and --force, shared by every report command.
type outputOptions struct {
	Output string
	Force  bool
}

func (o *outputOptions) bind(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.Output, "output", "o", "", "write the report to `file` (atomically) instead of stdout")
	cmd.Flags().BoolVar(&o.Force, "force", false, "with --output, replace a file that prodspec did not write")
}

// write renders a report to stdout or, with --output, to a file. The report
// is rendered to memory first so a failing renderer never leaves half a file.
func (o *outputOptions) write(stdout io.Writer, render func(io.Writer) error) error {
	if o.Output == "" {
		return render(stdout)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return runtimeError(err)
	}
	return writeFileAtomic(o.Output, buf.Bytes(), o.Force)
}

// writeFileAtomic replaces path with data through a temporary file in the
// same directory (so the rename is atomic), synced before the rename. It
// refuses to replace a file that prodspec did not generate unless force.
func writeFileAtomic(path string, data []byte, force bool) error {
	old, err := os.ReadFile(path)
	switch {
	case err == nil:
		if !force && !render.IsGenerated(old) {
			return usageError("%s exists and was not written by prodspec; use --force to replace it", path)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return runtimeError(err)
	}
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return usageError("%s is a symlink; refusing to replace it", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		// Name the file asked for, not the random temporary one.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return runtimeError(fmt.Errorf("cannot write %s: %w", path, err))
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return runtimeError(err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return runtimeError(err)
	}
	if err := tmp.Close(); err != nil {
		return runtimeError(err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return runtimeError(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return runtimeError(fmt.Errorf("replace %s: %w", path, err))
	}
	return nil
}
