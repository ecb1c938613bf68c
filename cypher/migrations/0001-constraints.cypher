// Identity: every node is found by its client-given id within its label.
CREATE CONSTRAINT org_unit_id IF NOT EXISTS FOR (n:OrgUnit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT knowledge_asset_id IF NOT EXISTS FOR (n:KnowledgeAsset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT lesson_id IF NOT EXISTS FOR (n:Lesson) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT knowledge_gap_id IF NOT EXISTS FOR (n:KnowledgeGap) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT km_activity_id IF NOT EXISTS FOR (n:KMActivity) REQUIRE n.id IS UNIQUE;

// Natural keys: a topic name names one knowledge area; an e-mail one person
// (uniqueness ignores nodes without the property, so e-mail stays optional).
CREATE CONSTRAINT topic_name IF NOT EXISTS FOR (n:Topic) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT person_email IF NOT EXISTS FOR (n:Person) REQUIRE n.email IS UNIQUE;
