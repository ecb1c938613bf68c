// One slice of a finished import's before-images.
MATCH (entry:ImportBeforeImage {importRun: $run})
WITH entry LIMIT toInteger($limit)
DELETE entry
RETURN count(*) AS cleared
