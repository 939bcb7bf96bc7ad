package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/spec"
)

// idKind is a kind of ID that completion offers.
type idKind int

const (
	goalIDs idKind = iota
	roadmapIDs
	storyIDs
)

// completeIDs completes the IDs of the given kinds in the spec that -C
// (and --at) name, each with its title as the description the shell
// shows. A spec that cannot be read completes nothing, quietly: a
// completion must not print errors into the command line.
func completeIDs(g *globalOptions, kinds ...idKind) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		src, s, err := loadSpec(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		src.Close()
		var out []cobra.Completion
		add := func(id, title string) {
			if strings.HasPrefix(id, toComplete) {
				out = append(out, cobra.CompletionWithDesc(id, strings.Join(strings.Fields(title), " ")))
			}
		}
		for _, k := range kinds {
			switch k {
			case goalIDs:
				for _, x := range s.Goals {
					add(x.ID, x.Title)
				}
			case roadmapIDs:
				for _, x := range s.Items {
					add(x.ID, x.Title)
				}
			case storyIDs:
				for _, x := range s.Stories {
					add(x.ID, x.Title)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeStatuses completes a status of the kind's vocabulary in the
// run's configuration.
func completeStatuses(g *globalOptions, kind spec.Kind) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		src, err := openSource(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		src.Close()
		statuses := src.Config.Story.Statuses
		if kind == spec.KindRoadmap {
			statuses = src.Config.Roadmap.Statuses
		}
		return prefixed(statuses, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeRefs completes branches and tags (then remote-tracking
// branches) of the repository around -C, the kind as description. In a
// range (A..B, A...B) it completes the part after the dots.
func completeRefs(g *globalOptions) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		src, repo, err := openRepo(g)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer src.Close()
		refs, err := repo.RefNames()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		lead, word := "", toComplete
		if i := strings.LastIndex(toComplete, ".."); i >= 0 {
			end := i + 2
			if strings.HasPrefix(toComplete[end:], ".") {
				end++
			}
			lead, word = toComplete[:end], toComplete[end:]
		}
		var out []cobra.Completion
		for _, r := range refs {
			if strings.HasPrefix(r.Name, word) {
				out = append(out, cobra.CompletionWithDesc(lead+r.Name, r.Kind))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeFirstArg completes only a command's first argument.
func completeFirstArg(f cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return f(cmd, args, toComplete)
	}
}

// prefixed are the values that start with prefix.
func prefixed(values []string, prefix string) []cobra.Completion {
	var out []cobra.Completion
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return slices.Clip(out)
}
