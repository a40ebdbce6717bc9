package org.popsurvey.validator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.popsurvey.deadletter.DeadLetterFactory;
import org.popsurvey.registry.SchemaRegistryClient;
import org.popsurvey.schemas.PopulationRecord;
import org.popsurvey.serde.ConfluentAvroSerializer;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.popsurvey.validator.resend.AcceptedIdsLoader;
import org.popsurvey.validator.rules.RowValidator;

/**
 * The validator topology:
 *
 * <pre>
 *   raw-source (bytes, bytes) ──▶ validate [accepted Ids] ──▶ clean-sink (String Id, PopulationRecord bytes)
 *                                                        └──▶ dead-letter-sink (raw bytes + headers)
 * </pre>
 *
 * The raw topic is read as bytes and decoded inside {@code validate}, so an undecodable value is a
 * dead letter like any other. No repartition: rows are keyed by their Id text, and a row whose key
 * is not its Id is rejected, so every row of an Id reaches the same task, and its clean record the
 * same partition of the clean topic, from which the task rebuilds its accepted Ids.
 */
public final class ValidatorTopology {

    public static final String SOURCE = "raw-source";
    public static final String PROCESSOR = "validate";
    public static final String CLEAN_SINK = "clean-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private ValidatorTopology() {}

    /**
     * @param registry    shared by the raw decoder and the clean serializer
     * @param serdeConfig Confluent serde settings ({@code schema.registry.url}, {@code auto.register.schemas}, ...)
     * @param counters    process-wide counts the processors add to
     * @param acceptedIds rebuilds each task's accepted Ids when it starts
     */
    public static Topology build(
            ValidatorSettings settings,
            SchemaRegistryClient registry,
            Map<String, ?> serdeConfig,
            ValidationCounters counters,
            AcceptedIdsLoader acceptedIds) {
        RowValidator validator = new RowValidator(settings.maxNeighborhoodLength(), settings.limits());
        DeadLetterFactory deadLetters = new DeadLetterFactory(
                settings.applicationId(), settings.applicationVersion(), settings.deadLetterMaxBytes());
        ConfluentAvroSerializer<PopulationRecord> cleanSerializer = new ConfluentAvroSerializer<>(registry);
        cleanSerializer.configure(serdeConfig, false);

        Topology topology = new Topology();
        // From the earliest offset when the group has none, whatever the client settings say.
        topology.addSource(
                AutoOffsetReset.earliest(),
                SOURCE,
                new ValidTimestamps(),
                Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer(),
                settings.inputTopic());
        topology.addProcessor(
                PROCESSOR,
                () -> new ValidateProcessor(
                        registry, validator, deadLetters, counters, cleanSerializer, settings, acceptedIds),
                SOURCE);
        // The processor serializes clean records itself: it remembers exactly the bytes it writes.
        topology.addSink(
                CLEAN_SINK,
                settings.cleanTopic(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer(),
                PROCESSOR);
        topology.addSink(
                DEAD_LETTER_SINK,
                settings.deadLetterTopic(),
                Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer(),
                PROCESSOR);
        return topology;
    }

    /**
     * The client settings (passed through untouched) plus what the validator insists on:
     * its application id, {@code processing.guarantee=exactly_once_v2}, and a producer
     * {@code max.request.size} that lets through every dead letter the dead-letter topic takes.
     *
     * @param stateDir null for Kafka Streams' default
     */
    public static Properties streamsProperties(
            Map<String, Object> clientConfig, ValidatorSettings settings, int threads, Path stateDir) {
        Properties properties = new Properties();
        properties.putAll(clientConfig);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        properties.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                Math.max(settings.deadLetterMaxBytes(), maxRequestSize(clientConfig)));
        if (stateDir != null) {
            properties.put(
                    StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        }
        return properties;
    }

    private static int maxRequestSize(Map<String, Object> clientConfig) {
        Object given = clientConfig.getOrDefault(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                clientConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        try {
            return given == null ? 0 : Integer.parseInt(given.toString().strip());
        } catch (NumberFormatException e) {
            return 0; // Kafka's own config check names it
        }
    }
}
