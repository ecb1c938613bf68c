CREATE (:ImportRun {id: $run, status: 'RUNNING', startedAt: datetime(), source: $source})
