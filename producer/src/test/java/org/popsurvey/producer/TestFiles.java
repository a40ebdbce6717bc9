package org.popsurvey.producer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.popsurvey.schemas.SourceFile;

/** Small total-population files written by tests (the real ones are read from ../shared). */
final class TestFiles {

    private TestFiles() {}

    /** A valid file of {@code rows} neighborhoods with Ids 1..rows. */
    static Path population(Path dir, int rows) throws IOException {
        StringBuilder content = new StringBuilder(SourceFile.TOTAL_POPULATION.headerLine()).append("\r\n");
        for (int id = 1; id <= rows; id++) {
            content.append("Neighborhood ")
                    .append(id)
                    .append(',')
                    .append(id)
                    .append(',')
                    .append(1000 + id)
                    .append(',')
                    .append(100 + id % 50)
                    .append("\r\n");
        }
        return Files.writeString(dir.resolve("total-population.csv"), content);
    }
}
