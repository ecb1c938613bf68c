// Index statistics resampled and cached plans cleared, after the import has committed.
CALL db.prepareForReplanning($timeoutSeconds)
