package org.popsurvey.producer;

import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.registry.IncompatibleSchemaException;
import org.popsurvey.registry.SchemaNotFoundException;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.RawPopulationRow;
import org.popsurvey.serde.AvroSerdeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the first row: the registry must answer and accept the raw-row schema, so a registry
 * problem stops the run before anything is sent. Where the producer registers schemas itself
 * ({@code auto.register.schemas=true}), the subject is put under BACKWARD compatibility, the
 * project's rule: readers of the newest schema can always read what older producers wrote. Where a
 * platform team registers schemas ({@code auto.register.schemas=false}), the schema is looked up
 * and a missing one stops the run with one line naming the subject and the registry.
 */
final class SchemaPreflight {

    static final String COMPATIBILITY = SchemaRegistryClient.BACKWARD;

    private static final Logger log = LoggerFactory.getLogger(SchemaPreflight.class);

    private SchemaPreflight() {}

    static int prepare(SchemaRegistryClient registry, AvroSerdeConfig serdeConfig, String topic) {
        String subject = AvroSerdeConfig.subjectFor(topic, false);
        if (!serdeConfig.autoRegisterSchemas()) {
            try {
                return serdeConfig.useLatestVersion()
                        ? registry.latest(subject).id()
                        : registry.idOf(subject, RawPopulationRow.getClassSchema());
            } catch (SchemaNotFoundException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
        }
        if (registry.ensureCompatibility(subject, COMPATIBILITY)) {
            log.info("Set compatibility of subject {} to {}", subject, COMPATIBILITY);
        }
        try {
            int id = registry.register(subject, RawPopulationRow.getClassSchema());
            log.info(
                    "Schema {} registered under subject {} with id {} at {}",
                    RawPopulationRow.getClassSchema().getFullName(),
                    subject,
                    id,
                    registry.url());
            return id;
        } catch (IncompatibleSchemaException e) {
            throw new CommandFailedException(
                    "The registry at " + registry.url() + " refuses this producer's "
                            + "RawPopulationRow schema for subject " + subject + " (not " + COMPATIBILITY
                            + "-compatible with the registered versions)",
                    e);
        }
    }
}
