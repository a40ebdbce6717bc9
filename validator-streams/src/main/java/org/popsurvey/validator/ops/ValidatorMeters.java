package org.popsurvey.validator.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.popsurvey.deadletter.ErrorCode;
import org.popsurvey.deadletter.Stage;
import org.popsurvey.validator.metrics.ValidationCounters;
import org.popsurvey.validator.rules.RowValidator;

/**
 * The validator's own meters, read from {@link ValidationCounters} at each scrape. Labels are
 * bounded: {@code stage} (3 values, spelled as in the dead-letter headers) and {@code code} (the
 * {@link ErrorCode} names); never an Id, a topic offset or a cell. Every code's series exists from
 * the start at 0, so {@code rate()} and {@code increase()} see the first dead letter of a code.
 * Names as Prometheus shows them are in docs/operations.md; Micrometer adds {@code _total} to
 * counters.
 */
public final class ValidatorMeters {

    public static final String PROCESSED = "popsurvey.validator.records.processed";
    public static final String ACCEPTED = "popsurvey.validator.records.accepted";
    public static final String ABSORBED = "popsurvey.validator.records.absorbed";
    public static final String DEAD_LETTERED = "popsurvey.validator.records.dead.lettered";
    public static final String CODES = "popsurvey.validator.dead.letter.codes";
    public static final String DEAD_LETTER_BYTES = "popsurvey.validator.dead.letter.value";
    public static final String NEIGHBORHOOD_LENGTH_LIMIT = "popsurvey.validator.neighborhood.length.limit";
    public static final String ESTIMATE_LIMIT = "popsurvey.validator.estimate.limit";
    public static final String MARGIN_LIMIT = "popsurvey.validator.margin.of.error.limit";
    public static final String ID_LIMIT = "popsurvey.validator.id.limit";
    public static final String INFO = "popsurvey.validator.info";
    public static final String STAGE = "stage";
    public static final String CODE = "code";

    private ValidatorMeters() {}

    public static void bind(MeterRegistry registry, ValidationCounters counters, ValidatorInfo info) {
        FunctionCounter.builder(PROCESSED, counters, ValidationCounters::processedCount)
                .description("Raw records the validator processed (attempts: re-processing after a crash counts again)")
                .register(registry);
        FunctionCounter.builder(ACCEPTED, counters, ValidationCounters::acceptedCount)
                .description("Records accepted and written to the clean topic")
                .register(registry);
        FunctionCounter.builder(ABSORBED, counters, ValidationCounters::absorbedCount)
                .description("Identical re-sends of an accepted Id, counted and not written again")
                .register(registry);
        for (Stage stage : Stage.values()) {
            FunctionCounter.builder(DEAD_LETTERED, counters, c -> c.deadLetteredCount(stage))
                    .description("Records written to the dead-letter topic, by the stage that refused them")
                    .tag(STAGE, label(stage))
                    .register(registry);
        }
        for (ErrorCode code : ErrorCode.values()) {
            FunctionCounter.builder(CODES, counters, c -> c.codeCount(code))
                    .description("Dead letters carrying each error code (a record with two codes counts under both)")
                    .tag(CODE, code.name())
                    .tag(STAGE, label(code.stage()))
                    .register(registry);
        }
        FunctionCounter.builder(DEAD_LETTER_BYTES, counters, ValidationCounters::deadLetteredBytes)
                .baseUnit("bytes")
                .description("Bytes of the raw values written to the dead-letter topic")
                .register(registry);
        int nameLimit = info.maxNeighborhoodLength();
        Gauge.builder(NEIGHBORHOOD_LENGTH_LIMIT, () -> nameLimit)
                .baseUnit("characters")
                .description("Longest accepted neighborhood name (--max-neighborhood-length)")
                .register(registry);
        Gauge.builder(ESTIMATE_LIMIT, () -> RowValidator.MAX_ESTIMATE)
                .description("Largest accepted estimate")
                .register(registry);
        Gauge.builder(MARGIN_LIMIT, () -> RowValidator.MAX_MARGIN_OF_ERROR)
                .description("Largest accepted margin of error")
                .register(registry);
        Gauge.builder(ID_LIMIT, () -> Integer.MAX_VALUE)
                .description("Largest accepted neighborhood Id")
                .register(registry);
        Gauge.builder(INFO, () -> 1)
                .description("Always 1; the labels say what runs")
                .tag("application_id", info.applicationId())
                .tag("version", info.version())
                .tag("input_topic", info.inputTopic())
                .tag("clean_topic", info.cleanTopic())
                .tag("dead_letter_topic", info.deadLetterTopic())
                .register(registry);
    }

    /** The stage as the {@code __popsurvey.errors.stage} header spells it. */
    static String label(Stage stage) {
        return stage.name();
    }
}
