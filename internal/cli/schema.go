package cli

import (
	"encoding/json"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/schema"
	"github.com/prodspec/prodspec/internal/spec"
)

type schemaOptions struct {
	*globalOptions
	outputOptions
}

// NewCmdSchema prints the JSON Schema of the front matter, following the
// configuration (ID patterns, statuses, key aliases).
func NewCmdSchema(g *globalOptions) *cobra.Command {
	opts := &schemaOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:       "schema [vision|roadmap|story]",
		Example:   examples("prodspec schema -C examples/acme-notes story -o story.schema.json"),
		Short:     "Print the JSON Schema of spec front matter",
		Long:      "schema prints JSON Schema (draft 2020-12) for the front matter of one kind, or of all three keyed by kind.\nIt follows .prodspec.yaml: ID patterns, status vocabularies and key aliases.",
		Args:      usageArgs(cobra.MaximumNArgs(1)),
		ValidArgs: []string{"vision", "roadmap", "story"},
		RunE:      func(cmd *cobra.Command, args []string) error { return runSchema(opts, cmd.ValidArgs, args) },
	}
	opts.outputOptions.bind(cmd)
	return cmd
}

func runSchema(opts *schemaOptions, kinds, args []string) error {
	src, err := openSource(opts.globalOptions)
	if err != nil {
		return err
	}
	src.Close()
	cfg := src.Config
	var doc any = schema.All(cfg)
	if len(args) == 1 {
		if !slices.Contains(kinds, args[0]) {
			return unknownChoice("kind", args[0], kinds)
		}
		doc = schema.For(spec.Kind(args[0]), cfg)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return runtimeError(err)
	}
	data = append(data, '\n')
	return opts.write(opts.Out, opts.Err, func(w io.Writer) error { _, err := w.Write(data); return err })
}
