// Topic names and e-mail addresses are unique regardless of case: each is kept
// beside its comparison form (NFC, lower case; src/validation.ts uniqueKey),
// and the constraint is on that form. Existing nodes get theirs here; if two
// already share one, the constraint cannot be created and start-up stops,
// naming the property, until the duplicates are merged or renamed.
MATCH (n:Person) WHERE n.email IS NOT NULL SET n.emailKey = toLower(normalize(n.email, NFC));
MATCH (n:Topic) WHERE n.name IS NOT NULL SET n.nameKey = toLower(normalize(n.name, NFC));
CREATE CONSTRAINT person_email_key IF NOT EXISTS FOR (n:Person) REQUIRE n.emailKey IS UNIQUE;
CREATE CONSTRAINT topic_name_key IF NOT EXISTS FOR (n:Topic) REQUIRE n.nameKey IS UNIQUE;
// The exact-value constraints of 0001 are implied by these, and would refuse
// a swap of two values within one import (Neo4j checks at each write).
DROP CONSTRAINT topic_name IF EXISTS;
DROP CONSTRAINT person_email IF EXISTS;
