// The holder renews its lease; no row when the import was taken over or has ended.
MATCH (r:ImportRun {id: $run, owner: $owner})
SET r.heartbeatAt = datetime()
RETURN count(r) AS held
