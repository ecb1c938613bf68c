// The graph's version: every write transaction raises it (bump-graph-version), so a cached analysis
// computed at one version is known to be current as long as the version has not moved.
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN coalesce(v.version, 0) AS version
