// Waits until every index is online, at most 300 s: a query right after a migration must find them.
CALL db.awaitIndexes(300)
