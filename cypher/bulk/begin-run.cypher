// The import's holder: its lease token, process and host, and a heartbeat it renews (heartbeat.cypher).
CREATE (:ImportRun {id: $run, status: 'RUNNING', startedAt: datetime(), source: $source,
                    owner: $owner, pid: $pid, host: $host, heartbeatAt: datetime()})
