package org.popsurvey.dlq;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.popsurvey.cli.DurationConverter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a point in time for {@code --since}/{@code --until}: an ISO instant
 * ({@code 2025-11-28T10:15:00Z}), a date-time with offset, a date-time or date in UTC
 * ({@code 2025-11-28}), or a duration ago ({@code 2h}, {@code 30m}).
 */
final class InstantConverter implements ITypeConverter<Instant> {

    private final Clock clock;

    InstantConverter() {
        this(Clock.systemUTC());
    }

    InstantConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            // next
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // next
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
            // next
        }
        try {
            return clock.instant().minus(new DurationConverter().convert(text));
        } catch (TypeConversionException notDuration) {
            throw new TypeConversionException("'" + value + "' is not a time: use 2025-11-28T10:15:00Z, 2025-11-28, "
                    + "or a duration ago such as 2h");
        }
    }
}
