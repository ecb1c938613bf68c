MATCH (r:ImportRun {id: $run})
DELETE r
