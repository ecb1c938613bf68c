// A write of "expertise from evidence" apply (docs/expertise-inference.md). It re-checks,
// inside the transaction, what the proposal was based on: a declared KNOWS edge (any
// source but INFERRED) that exists by now wins and the row is skipped, a person no
// longer active is skipped.
UNWIND $rows AS row
MATCH (x:Person {id: row.person}), (t:Topic {id: row.topic})
WHERE x.active = true
OPTIONAL MATCH (x)-[old:KNOWS]->(t)
WITH x, t, row, collect(old) AS existing
WHERE none(k IN existing WHERE coalesce(k.source, '') <> $inferred)
WITH x, t, row,
     CASE WHEN size(existing) = 0 THEN 'created'
          WHEN any(k IN existing WHERE k.level <> row.props.level) THEN 'updated'
          ELSE 'unchanged' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'unchanged' THEN [] ELSE [1] END |
  MERGE (x)-[k:KNOWS]->(t)
  SET k = row.props)
RETURN sum(CASE WHEN outcome = 'created' THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN outcome = 'updated' THEN 1 ELSE 0 END) AS updated
