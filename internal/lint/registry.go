package lint

// Rules returns every rule in a stable order. Names are part of the
// command-line contract: never rename one.
func Rules() []*Rule {
	return []*Rule{
		frontMatter,
		unreadableFile,
		requiredField,
		unknownField,
		invalidValue,
		idFormat,
		duplicateID,
		idCollision,
		brokenReference,
		untracedStory,
		untracedRoadmap,
		unservedGoal,
		dependencyCycle,
		unmetAcceptance,
		missingAcceptance,
		templatePlaceholder,
		emptyRoadmap,
		statusConflict,
		roleViolation,
		suspectLink,
	}
}
