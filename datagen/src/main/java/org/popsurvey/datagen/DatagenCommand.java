package org.popsurvey.datagen;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./popsurvey datagen}: writes the four ACS 2015 CSVs for synthetic neighbourhoods.
 *
 * <p>How to run: {@code ./popsurvey datagen --out /tmp/acs --neighborhoods 1000000 --seed 7}, or
 * {@code java -cp "datagen/target/classes:$(cat datagen/target/runtime-classpath.txt)"
 * org.popsurvey.datagen.DatagenCommand --out /tmp/acs}. Same seed and count, same bytes.
 *
 * <p>Exit codes: 0 written; 1 an output file could not be written (the message names it);
 * 2 a usage error (bad option value).
 */
@Command(
        name = "datagen",
        sortOptions = false,
        description = "Writes the four ACS 2015 CSV files (total population, aggregate household income, "
                + "health insurance by age, self-employment income) for synthetic neighborhoods, with the "
                + "published files' exact names, headers, number formats and quirks. Deterministic for a seed.")
public final class DatagenCommand implements Callable<Integer> {

    public static final String OUT_OPTION = "--out";
    public static final String NEIGHBORHOODS_OPTION = "--neighborhoods";
    public static final String SEED_OPTION = "--seed";
    static final int EXIT_WRITE_FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            order = 4,
            description = "Show this help and exit.")
    private boolean help;

    @Option(
            names = OUT_OPTION,
            required = true,
            paramLabel = "DIR",
            order = 1,
            description = "Directory to write into; created if missing. Files of the same names are replaced.")
    private Path out;

    private long neighborhoods = SyntheticNeighborhoods.DEFAULT_COUNT;

    @Option(
            names = SEED_OPTION,
            paramLabel = "N",
            order = 3,
            defaultValue = "" + SyntheticNeighborhoods.DEFAULT_SEED,
            description = "Random seed; the same seed and count give the same bytes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = NEIGHBORHOODS_OPTION,
            paramLabel = "N",
            order = 2,
            defaultValue = "" + SyntheticNeighborhoods.DEFAULT_COUNT,
            description = "Number of neighborhoods (rows per file), 1.." + SyntheticNeighborhoods.MAX_NEIGHBORHOODS
                    + " (default: ${DEFAULT-VALUE}, as published).")
    void setNeighborhoods(long value) {
        if (value < 1 || value > SyntheticNeighborhoods.MAX_NEIGHBORHOODS) {
            throw new ParameterException(
                    spec.commandLine(),
                    String.format(
                            "Invalid value for option '%s': %d (must be 1..%d)",
                            NEIGHBORHOODS_OPTION, value, SyntheticNeighborhoods.MAX_NEIGHBORHOODS));
        }
        this.neighborhoods = value;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DatagenCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(
                    spec.commandLine(),
                    String.format(
                            "Invalid value for option '%s': %s exists and is not a directory",
                            OUT_OPTION, out.toAbsolutePath()));
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            err.println(
                    "datagen: cannot create output directory " + out.toAbsolutePath() + ": " + DatasetWriter.reason(e));
            return EXIT_WRITE_FAILED;
        }
        if (!Files.isWritable(out)) {
            err.println("datagen: output directory " + out.toAbsolutePath() + " is not writable");
            return EXIT_WRITE_FAILED;
        }
        SyntheticNeighborhoods data = new SyntheticNeighborhoods(seed, neighborhoods);
        try {
            DatasetSummary summary = new DatasetWriter(data, new ProgressReporter(err, System::nanoTime)).write(out);
            SummaryText.print(summary, stdout);
            return 0;
        } catch (UncheckedIOException e) {
            err.println("datagen: " + e.getMessage());
            return EXIT_WRITE_FAILED;
        }
    }
}
