// Range indexes behind the dashboard filters and sorts.
CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX person_active IF NOT EXISTS FOR (n:Person) ON (n.active);
CREATE INDEX knowledge_asset_kind IF NOT EXISTS FOR (n:KnowledgeAsset) ON (n.kind);
CREATE INDEX lesson_status IF NOT EXISTS FOR (n:Lesson) ON (n.status);
CREATE INDEX knowledge_gap_status IF NOT EXISTS FOR (n:KnowledgeGap) ON (n.status);
CREATE INDEX km_activity_status IF NOT EXISTS FOR (n:KMActivity) ON (n.status);
CREATE INDEX knows_level IF NOT EXISTS FOR ()-[r:KNOWS]-() ON (r.level);

// Full-text indexes for knowledge search (expert finder, asset and lesson search).
CREATE FULLTEXT INDEX knowledge_asset_text IF NOT EXISTS FOR (n:KnowledgeAsset) ON EACH [n.title];
CREATE FULLTEXT INDEX lesson_text IF NOT EXISTS FOR (n:Lesson) ON EACH [n.title, n.drivingEvent, n.lesson, n.recommendation];
CREATE FULLTEXT INDEX topic_text IF NOT EXISTS FOR (n:Topic) ON EACH [n.name, n.description];
CREATE FULLTEXT INDEX person_text IF NOT EXISTS FOR (n:Person) ON EACH [n.name, n.title];
CREATE FULLTEXT INDEX project_text IF NOT EXISTS FOR (n:Project) ON EACH [n.name, n.description];
