// Undo entry: the nodes of one label a batch created, to delete on rollback.
CREATE (:ImportUndo {run: $run, seq: $seq, kind: 'nodesCreated', label: $label, ids: $ids})
