// A write of "expertise from evidence" apply: only INFERRED edges are ever deleted.
UNWIND $rows AS row
MATCH (:Person {id: row.person})-[k:KNOWS]->(:Topic {id: row.topic})
WHERE k.source = $inferred
WITH row, collect(k) AS edges
FOREACH (k IN edges | DELETE k)
RETURN count(row) AS removed
