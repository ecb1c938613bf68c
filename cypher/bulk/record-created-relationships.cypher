// Undo entry: the relationships of one relation a batch created between nodes that existed before.
CREATE (:ImportUndo {run: $run, seq: $seq, kind: 'relationshipsCreated', relation: $relation, froms: $froms, tos: $tos})
