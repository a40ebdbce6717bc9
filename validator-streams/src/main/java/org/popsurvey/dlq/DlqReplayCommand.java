package org.popsurvey.dlq;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.popsurvey.cli.CommandFailedException;
import org.popsurvey.cli.IdempotentDelivery;
import org.popsurvey.cli.PopsurveyCommandLine;
import org.popsurvey.deadletter.DeadLetter;
import org.popsurvey.deadletter.DeadLetterHeaders;
import org.popsurvey.deadletter.DeadLetterReader;
import org.popsurvey.deadletter.RecordPosition;
import org.popsurvey.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dlq replay}: sends selected dead letters back to the raw topic, once their cause is fixed
 * (a schema registered, a validator limit raised, or a cell corrected with {@code --set}). Each
 * replayed record carries {@value DeadLetterHeaders#REPLAY_OF} pointing at its dead letter; the old
 * error headers are dropped. Replaying the same dead letter twice is harmless: the validator
 * accepts the first valid copy and absorbs the identical second one.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Send selected dead letters back to the raw topic (after fixing the cause), with a header "
                + "linking each to its dead letter.")
final class DlqReplayCommand extends DlqSubcommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "PARTITION:OFFSET",
            arity = "0..*",
            description = "Dead letters to replay, as dlq list prints them (e.g. 0:17 1:4).")
    List<String> positions = new ArrayList<>();

    @Mixin
    DeadLetterSelection selection;

    @Option(names = "--all", description = "Replay every dead letter (or every one matching --code/--since/--until).")
    boolean all;

    @Option(
            names = "--set",
            paramLabel = "FIELD=VALUE",
            description = "Correct a cell before sending: neighborhood, id, estimate or margin_of_error (repeatable). "
                    + "The row is re-encoded through the registry; setting id also re-keys the record.")
    Map<String, String> changes = new LinkedHashMap<>();

    @Option(
            names = "--key-from-id",
            description = "Key each record by its Id cell's text (fixes KEY_ID_MISMATCH "
                    + "from a producer that keyed rows differently) instead of the dead letter's key.")
    boolean keyFromId;

    @Option(
            names = "--to-topic",
            paramLabel = "TOPIC",
            description = "Topic to send to (default: each dead letter's source topic, else " + Topics.RAW + ").")
    String toTopic;

    @Option(names = "--dry-run", description = "Show what would be sent, send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (positions.isEmpty() && !all && selection.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "Choose what to replay: PARTITION:OFFSET..., --code/--since/--until, or --all");
        }
        if (!positions.isEmpty() && all) {
            throw new ParameterException(
                    spec.commandLine(), "Give either PARTITION:OFFSET positions or --all, not both");
        }
        changes.keySet().forEach(field -> {
            if (!RowCorrection.FIELDS.contains(field)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--set " + field + "=...: unknown field; one of " + String.join(", ", RowCorrection.FIELDS));
            }
        });
        List<DeadLetter> chosen = select();
        if (chosen.isEmpty()) {
            out().println("No dead letters selected; nothing to replay.");
            out().flush();
            return PopsurveyCommandLine.EXIT_OK;
        }
        RowCorrection correction = new RowCorrection(clientConfig(), changes, keyFromId);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (DeadLetter deadLetter : chosen) {
            records.add(replayRecord(deadLetter, correction));
        }
        return dryRun ? printDryRun(chosen, records) : send(chosen, records);
    }

    private List<DeadLetter> select() {
        Set<String> codes = selection.checkedCodes();
        List<DeadLetter> chosen = new ArrayList<>();
        try (DeadLetterReader reader = reader()) {
            if (positions.isEmpty()) {
                reader.scan(deadLetter -> {
                    if (selection.matches(deadLetter, codes)) {
                        chosen.add(deadLetter);
                    }
                });
                return chosen;
            }
            for (String position : positions) {
                RecordPosition where;
                try {
                    where = RecordPosition.parseInTopic(deadLetterTopic, position);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                int partition = where.partition();
                DeadLetter deadLetter = reader.at(partition, where.offset())
                        .orElseThrow(() -> new CommandFailedException("No dead letter at " + deadLetterTopic + " "
                                + position + " (committed offsets of partition " + partition + ": "
                                + reader.range(partition) + ")"));
                if (selection.matches(deadLetter, codes)) {
                    chosen.add(deadLetter);
                }
            }
        }
        return chosen;
    }

    private ProducerRecord<byte[], byte[]> replayRecord(DeadLetter deadLetter, RowCorrection correction) {
        String topic = toTopic != null
                ? toTopic
                : deadLetter.header(DeadLetterHeaders.SOURCE_TOPIC).orElse(Topics.RAW);
        for (String omitted : List.of(
                DeadLetterHeaders.VALUE_OMITTED, DeadLetterHeaders.KEY_OMITTED, DeadLetterHeaders.HEADERS_OMITTED)) {
            deadLetter.header(omitted).ifPresent(what -> {
                throw new CommandFailedException("Dead letter " + deadLetter.position() + " was written without part "
                        + "of the raw record (" + omitted + ": " + what + "; the dead-letter topic was smaller than "
                        + "the record), so it cannot be replayed as it was; nothing was sent");
            });
        }
        RowCorrection.Corrected corrected = correction.apply(deadLetter, topic);
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!DeadLetterHeaders.isErrorOrReplayHeader(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.REPLAY_OF, utf8(deadLetter.position().toString()));
        headers.add(DeadLetterHeaders.REPLAY_TIMESTAMP, utf8(Long.toString(System.currentTimeMillis())));
        headers.add(DeadLetterHeaders.REPLAY_CODES, utf8(String.join(",", deadLetter.codes())));
        corrected.description().ifPresent(changed -> headers.add(DeadLetterHeaders.REPLAY_CHANGES, utf8(changed)));
        return new ProducerRecord<>(topic, null, null, corrected.key(), corrected.value(), headers);
    }

    private int printDryRun(List<DeadLetter> chosen, List<ProducerRecord<byte[], byte[]>> records) {
        PrintWriter out = out();
        for (int i = 0; i < chosen.size(); i++) {
            ProducerRecord<byte[], byte[]> record = records.get(i);
            out.printf(
                    "would replay %s -> %s (key %s, was %s%s)%n",
                    chosen.get(i).position(),
                    record.topic(),
                    record.key() == null ? "(none)" : "'" + new String(record.key(), StandardCharsets.UTF_8) + "'",
                    String.join(",", chosen.get(i).codes()),
                    changesOf(record).map(c -> "; set " + c).orElse(""));
        }
        out.printf("Dry run: %d dead letter(s) selected, nothing sent.%n", chosen.size());
        out.flush();
        return PopsurveyCommandLine.EXIT_OK;
    }

    private int send(List<DeadLetter> chosen, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> config = new LinkedHashMap<>(clientConfig());
        IdempotentDelivery.applyTo(config);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        PrintWriter out = out();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(record -> sent.add(producer.send(record)));
            producer.flush();
            for (int i = 0; i < chosen.size(); i++) {
                RecordMetadata metadata =
                        await(sent.get(i), chosen.get(i), records.get(i).topic());
                out.printf(
                        "replayed %s -> %s:%d:%d (was %s%s)%n",
                        chosen.get(i).position(),
                        metadata.topic(),
                        metadata.partition(),
                        metadata.offset(),
                        String.join(",", chosen.get(i).codes()),
                        changesOf(records.get(i)).map(c -> "; set " + c).orElse(""));
            }
        }
        out.printf(
                "Replayed %d dead letter(s). The validator accepts a fixed row once; replaying it again is absorbed "
                        + "as an identical re-send.%n",
                chosen.size());
        out.flush();
        return PopsurveyCommandLine.EXIT_OK;
    }

    private static RecordMetadata await(Future<RecordMetadata> future, DeadLetter deadLetter, String topic) {
        try {
            return future.get(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CommandFailedException(
                    "Replaying " + deadLetter.position() + " to " + topic + " failed: "
                            + e.getCause().getMessage()
                            + " (dead letters listed above as replayed were sent; this one and "
                            + "later ones may not have been)",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new CommandFailedException(
                    "Replaying " + deadLetter.position() + " to " + topic + " got no acknowledgement within 2 minutes",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted while replaying " + deadLetter.position(), e);
        }
    }

    private static Optional<String> changesOf(ProducerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(DeadLetterHeaders.REPLAY_CHANGES);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
