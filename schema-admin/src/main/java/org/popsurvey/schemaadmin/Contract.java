package org.popsurvey.schemaadmin;

import org.apache.avro.Schema;

/** One contract and the subject it is registered under, with where it was read from (for messages). */
record Contract(String subject, Schema schema, String source) {}
