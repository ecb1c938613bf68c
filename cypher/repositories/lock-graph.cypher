// Takes a named graph-wide lock until the transaction ends (setting and removing a property
// locks without changing anything), e.g. for every taxonomy change.
MERGE (l:GraphLock {id: $name})
SET l._lock = true
REMOVE l._lock
