package org.popsurvey.validator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.popsurvey.schemas.SourceFile;

/**
 * A total-population file for the fault tests: Ids 1..rows on lines 2..rows+1, every
 * {@code invalidEvery}-th row with the estimate {@code x} (a dead letter), the others with values
 * derived from the Id, so each clean record can be checked by value.
 */
record PopulationFile(Path path, int rows, int invalidEvery) {

    static PopulationFile write(Path dir, int rows, int invalidEvery) throws IOException {
        StringBuilder content = new StringBuilder(SourceFile.TOTAL_POPULATION.headerLine()).append("\r\n");
        PopulationFile file =
                new PopulationFile(dir.resolve(SourceFile.TOTAL_POPULATION.fileName()), rows, invalidEvery);
        for (int id = 1; id <= rows; id++) {
            content.append(file.neighborhood(id))
                    .append(',')
                    .append(id)
                    .append(',')
                    .append(file.isValid(id) ? Long.toString(file.estimate(id)) : "x")
                    .append(',')
                    .append(file.marginOfError(id))
                    .append("\r\n");
        }
        Files.writeString(file.path, content);
        return file;
    }

    boolean isValid(int id) {
        return id % invalidEvery != 0;
    }

    String neighborhood(int id) {
        return "Neighborhood " + id;
    }

    long estimate(int id) {
        return 1000L + 7L * id;
    }

    double marginOfError(int id) {
        return 100 + id % 50;
    }

    /** The file line of an Id (the header is line 1). */
    static long line(int id) {
        return id + 1L;
    }

    int validRows() {
        return (int) IntStream.rangeClosed(1, rows).filter(this::isValid).count();
    }
}
