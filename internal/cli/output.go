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
	mode := fs.FileMode(0o644)
	if info, err := os.Lstat(path); err == nil {
		if info.Mode()&fs.ModeSymlink != 0 {
			return usageError("%s is a symlink; refusing to replace it", path)
		}
		mode = info.Mode().Perm()
	}
	tmp, err := writeTemp(path, data, mode)
	if err != nil {
		// Name the file asked for, not the random temporary one.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return runtimeError(fmt.Errorf("cannot write %s: %w", path, err))
	}
	defer os.Remove(tmp) // fails harmlessly after a successful rename
	if err := os.Rename(tmp, path); err != nil {
		return runtimeError(fmt.Errorf("replace %s: %w", path, err))
	}
	return nil
}

// createFileAtomic writes a new file, failing if path exists: the complete
// temporary file is hard-linked into place, which never replaces anything.
func createFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return runtimeError(err)
	}
	tmp, err := writeTemp(path, data, 0o644)
	if err != nil {
		return runtimeError(err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return usageError("%s already exists; not replacing it", path)
		}
		return runtimeError(err)
	}
	return nil
}

// writeTemp writes data to a synced temporary file beside path.
func writeTemp(path string, data []byte, mode fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), mode)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
