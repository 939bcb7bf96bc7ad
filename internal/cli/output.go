package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/parse"
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
// Notes (a stale temporary file removed) go to stderr.
func (o *outputOptions) write(stdout, stderr io.Writer, render func(io.Writer) error) error {
	if o.Output == "" {
		return render(stdout)
	}
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return runtimeError(err)
	}
	return writeFileAtomic(o.Output, buf.Bytes(), o.Force, stderr)
}

// writeFileAtomic replaces path with data through a temporary file in the
// same directory (so the rename is atomic), synced before the rename, and
// syncs the directory after it. It refuses to replace a file that prodspec
// did not generate unless force. Notes go to note.
func writeFileAtomic(path string, data []byte, force bool, note io.Writer) error {
	return replaceAtomic(path, data, force, nil, note)
}

// replaceFileAtomic replaces path, which held old when prodspec read it,
// with data, as writeFileAtomic does; but just before the rename it reads
// path again and refuses when it no longer holds old: an edit made in
// the meantime (an editor, another run) is never overwritten.
func replaceFileAtomic(path string, old, data []byte, note io.Writer) error {
	return replaceAtomic(path, data, true, func() error {
		now, err := os.ReadFile(path)
		if err != nil {
			return runtimeError(err)
		}
		if !bytes.Equal(now, old) {
			return usageError("%s changed on disk since prodspec read it; not writing it: re-run the command", path)
		}
		return nil
	}, note)
}

// replaceAtomic is writeFileAtomic with a last check (nil for none) made
// after the temporary file is written and before the rename.
func replaceAtomic(path string, data []byte, force bool, check func() error, note io.Writer) error {
	mode, err := replaceableMode(path, force)
	if err != nil {
		return err
	}
	tmp, err := writeTemp(path, data, mode, note)
	if err != nil {
		return runtimeError(cannotWrite(path, err))
	}
	defer temps.remove(tmp) // fails harmlessly after a successful rename
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return runtimeError(fmt.Errorf("replace %s: %w", path, err))
	}
	syncDir(filepath.Dir(path))
	return nil
}

// replaceableMode returns the permissions to write path with: its own
// when it exists, else 0644. It refuses a symlink (replacing it would
// write through it or lose it), a directory, and a file a person wrote
// unless force.
func replaceableMode(path string, force bool) (fs.FileMode, error) {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0o644, nil
	case err != nil:
		return 0, runtimeError(err)
	case info.Mode()&fs.ModeSymlink != 0:
		return 0, usageError("%s is a symlink; refusing to replace it", path)
	case info.IsDir():
		return 0, runtimeError(fmt.Errorf("cannot write %s: it is a directory", path))
	case !info.Mode().IsRegular():
		// A device, FIFO or socket: replacing it would remove it, and
		// reading it first (for the marker) could hang or never end.
		return 0, usageError("%s is not a regular file (%s); refusing to write to it", path, parse.FileType(info.Mode()))
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return 0, runtimeError(err)
	}
	if !force && !render.IsGenerated(old) {
		return 0, usageError("%s exists and was not written by prodspec; use --force to replace it", path)
	}
	return info.Mode().Perm(), nil
}

// cannotWrite explains a failure to create the temporary file in terms of
// the file asked for, not the random temporary name.
func cannotWrite(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot write %s: directory %s does not exist", path, filepath.Dir(path))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

// syncDir makes a rename or link in dir durable: it changes the directory,
// which the file's own sync does not cover. It is best effort because the
// new file is already in place and some systems cannot sync a directory.
// A variable so that a test can see it is called.
var syncDir = func(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// createFileAtomic writes a new file, failing if path exists: the complete
// temporary file is hard-linked into place, which never replaces anything.
func createFileAtomic(path string, data []byte, note io.Writer) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return runtimeError(err)
	}
	tmp, err := writeTemp(path, data, 0o644, note)
	if err != nil {
		return runtimeError(err)
	}
	defer temps.remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &exitError{code: ExitUsage, err: &existsError{path}}
		}
		return runtimeError(err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// insideRoot checks that path, which prodspec derived itself (not one the
// user named), stays inside the spec root root once symlinks are resolved:
// the deepest directory on its way that exists must resolve inside it.
// Directories still to be made are made inside that one.
func insideRoot(root, path string) error {
	realRoot, err := realPath(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // init makes the root: everything in it is new
	}
	if err != nil {
		return runtimeError(err)
	}
	dir, rest := filepath.Dir(path), []string{filepath.Base(path)}
	for {
		if _, err := os.Lstat(dir); err == nil || !errors.Is(err, fs.ErrNotExist) {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir, rest = parent, append([]string{filepath.Base(dir)}, rest...)
	}
	realDir, err := realPath(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return usageError("%s leads through %s, a symlink to nowhere; refusing to write it", path, dir)
	}
	if err != nil {
		return runtimeError(err)
	}
	target := filepath.Join(append([]string{realDir}, rest...)...)
	if rel, err := filepath.Rel(realRoot, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return usageError("%s leads to %s, outside the spec root %s; refusing to write it", path, target, root)
	}
	return nil
}

// realPath is path made absolute with every symlink resolved.
func realPath(path string) (string, error) {
	p, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(p)
}

// existsError is createFileAtomic's refusal to replace a file; it is
// fs.ErrExist, so that new can take the next ID.
type existsError struct{ path string }

func (e *existsError) Error() string { return e.path + " already exists; not replacing it" }
func (e *existsError) Unwrap() error { return fs.ErrExist }

// tmpInfix names prodspec's temporary files: .NAME.prodspec-tmp-RANDOM
// beside the file NAME they become, so that a person can tell what left
// one and prodspec can clear the ones a killed run left.
const tmpInfix = ".prodspec-tmp-"

// staleAfter is how old a temporary file is before prodspec takes it for
// the leftover of a killed run rather than a run still writing it.
const staleAfter = time.Hour

// writeTemp writes data to a synced temporary file beside path, first
// removing the stale ones of earlier runs there (with a note; once per
// directory, so that fmt over many files lists a directory once). The file is
// registered in temps until the caller removes it, so that an interrupt
// removes it too.
func writeTemp(path string, data []byte, mode fs.FileMode, note io.Writer) (string, error) {
	dir := filepath.Dir(path)
	if temps.firstIn(dir) {
		removeStaleTemps(dir, note)
	}
	f, err := temps.create(dir, "."+filepath.Base(path)+tmpInfix+"*")
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
		temps.remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// removeStaleTemps removes prodspec's temporary files in dir that are
// older than staleAfter: a run killed before it could clean up left them.
// Only regular files named as writeTemp names them are touched.
func removeStaleTemps(dir string, note io.Writer) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // the write that follows reports it
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, ".") || !strings.Contains(name, tmpInfix) || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < staleAfter {
			continue
		}
		p := filepath.Join(dir, name)
		if os.Remove(p) == nil {
			fmt.Fprintf(note, "prodspec: removed %s, a temporary file left by an interrupted run\n", p)
		}
	}
}

// tempRegistry is the temporary files being written, so that Main can
// remove them when the process is interrupted. It is the one piece of
// state shared by runs: a signal is the process's, not a run's.
type tempRegistry struct {
	mu    sync.Mutex
	files map[string]bool
	swept map[string]bool // the directories cleared of stale files
}

var temps = &tempRegistry{files: map[string]bool{}, swept: map[string]bool{}}

// firstIn reports whether this is the process's first write to dir.
func (r *tempRegistry) firstIn(dir string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.swept[dir] {
		return false
	}
	r.swept[dir] = true
	return true
}

func (r *tempRegistry) create(dir, pattern string) (*os.File, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f, err := os.CreateTemp(dir, pattern)
	if err == nil {
		r.files[f.Name()] = true
	}
	return f, err
}

func (r *tempRegistry) remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	os.Remove(name)
	delete(r.files, name)
}

// removeAll removes every registered file and keeps the registry locked,
// so that no run registers another before the process exits.
func (r *tempRegistry) removeAll() {
	r.mu.Lock()
	for name := range r.files {
		os.Remove(name)
	}
}
