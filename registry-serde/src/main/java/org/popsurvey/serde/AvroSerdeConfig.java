package org.popsurvey.serde;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.popsurvey.registry.RegistryClientConfig;

/**
 * Serde options, named as Confluent names them so existing client configurations carry over.
 * Registry connection options are inherited from {@link RegistryClientConfig}.
 */
public final class AvroSerdeConfig extends RegistryClientConfig {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    /** The only strategy implemented: subject = topic + "-key" or "-value". */
    public static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    private static final ConfigDef.Validator ONLY_TOPIC_NAME_STRATEGY = (name, value) -> {
        String strategy = String.valueOf(value);
        if (!strategy.equals(TOPIC_NAME_STRATEGY) && !strategy.equals("TopicNameStrategy")) {
            throw new ConfigException(name, value, "only " + TOPIC_NAME_STRATEGY + " is supported");
        }
    };

    public static final ConfigDef CONFIG_DEF = new ConfigDef(RegistryClientConfig.CONFIG_DEF)
            .define(
                    AUTO_REGISTER_SCHEMAS,
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    "Serializer: register the record's schema under the subject if it is not there yet. "
                            + "Set false where a platform team registers schemas ahead of time.")
            .define(
                    USE_LATEST_VERSION,
                    Type.BOOLEAN,
                    false,
                    Importance.MEDIUM,
                    "Serializer: write with the subject's latest registered schema instead of the record's "
                            + "own (takes effect when " + AUTO_REGISTER_SCHEMAS + "=false).")
            .define(
                    SPECIFIC_AVRO_READER,
                    Type.BOOLEAN,
                    false,
                    Importance.MEDIUM,
                    "Deserializer: return generated SpecificRecord classes (resolved from the writer "
                            + "schema's full name) instead of GenericRecord.")
            .define(
                    KEY_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    TOPIC_NAME_STRATEGY,
                    ONLY_TOPIC_NAME_STRATEGY,
                    Importance.LOW,
                    "Subject naming for keys; only TopicNameStrategy.")
            .define(
                    VALUE_SUBJECT_NAME_STRATEGY,
                    Type.STRING,
                    TOPIC_NAME_STRATEGY,
                    ONLY_TOPIC_NAME_STRATEGY,
                    Importance.LOW,
                    "Subject naming for values; only TopicNameStrategy.");

    public AvroSerdeConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    /** TopicNameStrategy: the subject a topic's keys or values are governed by. */
    public static String subjectFor(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
